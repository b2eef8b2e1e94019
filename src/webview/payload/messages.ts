/**
 * What the host sends (src/webview/payload/protocol.ts): loading, the payload, an error. A new
 * payload of the same activity (Retry, the panel shown again) keeps what the user had opened.
 */
import { applyExactNumberPaths, decodeJsonStringPaths, parseJsonString, parsePath, resolvePath } from '../../core/jsonModel';
import { startSearch } from './find';
import { saveState } from './host';
import { type PayloadHeader, type PayloadViewState, type PayloadWebviewState, type ToWebview } from './protocol';
import { app, renderShell, statusMessage } from './shell';
import { decodedLookup, find, page, pathKey, resetView, tree, ui } from './state';
import { renderTree } from './tree';
import { onTreeClick, onTreeKey } from './treeActions';
import { renderToolbar } from './toolbar';

/** The state an earlier page of this panel saved; used by the first payload only. */
let saved: PayloadWebviewState | undefined;

export function restoreFrom(state: PayloadWebviewState | undefined): void {
  saved = state;
  if (state) {
    page.header = state.header;
    renderShell(state.header, statusMessage('Loading the payload…', false, 'loading'));
  }
}

/** Re-decodes the strings the user had decoded, or else opens the ones the source lists. */
function applyView(fromPaths: Map<string, unknown>, view: PayloadViewState | undefined): void {
  fromPaths.forEach((v, k) => tree.decodedCache.set(k, v));
  if (view && Array.isArray(view.decoded)) {
    for (const k of view.decoded) {
      if (typeof k !== 'string') continue;
      if (!tree.decodedCache.has(k)) {
        const segs = parsePath(k);
        const r = segs && resolvePath(page.payload, segs, decodedLookup);
        const parsed = r && r.found ? parseJsonString(r.value) : undefined;
        if (parsed === undefined) continue;
        tree.decodedCache.set(k, parsed);
      }
      tree.decodedOn.add(k);
    }
  } else {
    fromPaths.forEach((_v, k) => {
      tree.decodedOn.add(k);
      // Start with the decoded strings (and their ancestors) open: that is what users look for.
      const segs = parsePath(k) ?? [];
      for (let i = 1; i <= segs.length; i++) tree.expanded.add(pathKey(segs.slice(0, i)));
    });
  }
  if (view && Array.isArray(view.expanded)) {
    for (const k of view.expanded) if (typeof k === 'string') tree.expanded.add(k);
  }
}

function showPayload(msg: Extract<ToWebview, { type: 'payload' }>): void {
  const sameActivity = page.treeKey !== undefined && page.treeKey === msg.header.key;
  const header = msg.header;
  page.header = header;
  page.payload = msg.payload;
  page.hasPayload = true;
  let view = saved && saved.key === header.key ? saved.view : undefined;
  if (!view && sameActivity) {
    // The same activity again (e.g. after Retry): keep what the user opened, re-derive the rest.
    view = { expanded: Array.from(tree.expanded), decoded: Array.from(tree.decodedOn), query: find.query, scrollY: window.scrollY };
  }
  resetView();
  page.treeKey = header.key;

  applyExactNumberPaths(page.payload, msg.exactNumbers);
  applyView(decodeJsonStringPaths(page.payload, msg.jsonStringPaths || []), view);

  renderShell(header, page.payload === undefined ? statusMessage('This activity has no payload.', false, 'info') : null);
  if (page.payload !== undefined) {
    ui.toolbar = renderToolbar();
    app.appendChild(ui.toolbar);
    renderTree(page.payload, app, onTreeClick, onTreeKey);
  }
  const query = view && typeof view.query === 'string' ? view.query : '';
  const scrollY = view && typeof view.scrollY === 'number' ? view.scrollY : 0;
  saved = undefined;
  if (query && ui.findInput) {
    ui.findInput.value = query;
    startSearch(query);
  }
  if (scrollY) window.scrollTo(0, scrollY);
  saveState();
}

function showStatus(h: PayloadHeader, node: HTMLElement): void {
  page.header = h;
  page.hasPayload = false;
  page.payload = undefined;
  renderShell(h, node);
  saveState();
}

function errorText(msg: Extract<ToWebview, { type: 'error' }>): string {
  if (msg.reason === 'gone') return 'The payload is no longer loaded.';
  if (msg.reason === 'cancelled') return 'Loading the payload was cancelled.';
  return `The payload could not be loaded: ${String(msg.message || 'unknown error')}`;
}

export function onHostMessage(msg: ToWebview): void {
  page.code = msg.code;
  switch (msg.type) {
    case 'loading':
      showStatus(msg.header, statusMessage('Loading the payload…', false, 'loading'));
      return;
    case 'payload':
      showPayload(msg);
      return;
    case 'error':
      showStatus(msg.header, statusMessage(errorText(msg), true, 'error'));
      return;
  }
}
