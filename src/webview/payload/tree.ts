/**
 * The lazy JSON tree: DOM exists only for expanded nodes, big containers are paged in chunks,
 * long strings are truncated. Every key and value goes in as text.
 */
import { CHUNK, STRING_PREVIEW, type Range, type Segment, childEntries, findRanges, formatSize, isContainer, kindOf, layoutChildren, offersDecode, shownTotal, sizeOf } from '../../core/jsonModel';
import { actionButton, appendText, el } from './dom';
import { currentMatchFor } from './find';
import { saveState } from './host';
import { effectiveValue, find, rangesOf, rendered, tree, ui, pathKey } from './state';
import { focusRow } from './treeActions';
import { nextStringLength, previewOf, typeLabel, valueText } from './values';

/** Children rendered synchronously; the rest of a long "show all" is added over a few frames. */
const SYNC_ROWS = 1000;
/** Strings longer than this, once shown in full, get their own scroll box. */
const LONG_STRING_BOX = 20000;

const indent = (depth: number, extra = 0): string => `${4 + depth * 16 + extra}px`;

/** The highlight of the current find match in `text`, when the match is this row's `kind`. */
function markIn(key: string, kind: 'key' | 'value', text: string): [number, number] | null {
  return currentMatchFor(key, kind) ? (findRanges(text, find.query, 1)[0] ?? null) : null;
}

function stringValue(v: HTMLElement, key: string, value: string): void {
  const shownLength = Math.max(STRING_PREVIEW, tree.fullStrings.get(key) || 0);
  const full = value.length <= shownLength;
  const shown = full ? value : value.slice(0, shownLength);
  const s = el('span', 'v-string');
  appendText(s, shown, markIn(key, 'value', shown));
  v.appendChild(s);
  // A long string shown in full scrolls in its own box, so the rest of the tree stays near.
  if (shown.length > LONG_STRING_BOX) v.classList.add('v-long');
  if (full) return;
  v.appendChild(el('span', 'dim', '… '));
  // Megabytes of text take a while to lay out: more than STRING_STEP comes a step at a time.
  const next = nextStringLength(shownLength);
  const label = next >= value.length ? `show full string (${formatSize(value.length)})` : `show more (${formatSize(next)} of ${formatSize(value.length)})`;
  v.appendChild(el('button', 'btn-link inline more-string', label));
}

function rowActions(key: string, segments: Segment[], raw: unknown, isDecoded: boolean, container: boolean): HTMLElement {
  const acts = el('span', 'row-actions');
  if (typeof raw === 'string') {
    if (isDecoded) acts.appendChild(actionButton('show text', 'decode', 'Show the original string'));
    else if (tree.notJson.has(key)) acts.appendChild(el('span', 'dim', 'not JSON'));
    else if (offersDecode(raw)) acts.appendChild(actionButton('decode', 'decode', 'Show the JSON in this string as a tree'));
  }
  if (container) {
    acts.appendChild(actionButton('expand all', 'expandAll', 'Expand this subtree'));
    acts.appendChild(actionButton('collapse all', 'collapseAll', 'Collapse this subtree'));
  }
  acts.appendChild(actionButton('copy', 'copyValue', container ? 'Copy this subtree as JSON' : 'Copy the value'));
  if (segments.length) acts.appendChild(actionButton('copy path', 'copyPath', `Copy the path: ${key}`));
  return acts;
}

export function renderNode(segments: Segment[], label: Segment | null, raw: unknown, depth: number): HTMLElement {
  const key = pathKey(segments);
  const value = effectiveValue(key, raw);
  const isDecoded = value !== raw;
  const container = isContainer(value);
  const open = container && (depth === 0 || tree.expanded.has(key));

  const node = el('div', 'node');
  const row = el('div', 'row');
  row.setAttribute('role', 'treeitem');
  row.setAttribute('aria-level', String(depth + 1));
  row.tabIndex = -1;
  row.style.paddingLeft = indent(depth);
  if (container) row.setAttribute('aria-expanded', open ? 'true' : 'false');
  rendered.rowInfo.set(row, { segments, key, raw, value, depth });
  node.appendChild(row);
  rendered.nodeByPath.set(key, node);

  const tw = el('span', 'twisty', container ? (open ? '▾' : '▸') : '');
  tw.setAttribute('aria-hidden', 'true');
  row.appendChild(tw);

  if (label !== null) {
    const k = el('span', typeof label === 'number' ? 'k idx' : 'k');
    const ktext = String(label);
    appendText(k, ktext, markIn(key, 'key', ktext));
    row.appendChild(k);
    row.appendChild(el('span', 'colon', ': '));
  } else {
    row.appendChild(el('span', 'k root-label', 'payload'));
    row.appendChild(el('span', 'colon', ' '));
  }

  const kind = kindOf(value);
  const v = el('span', 'v');
  if (container) {
    if (isDecoded) v.appendChild(el('span', 'tag', 'JSON string'));
    if (!open) v.appendChild(el('span', 'preview', previewOf(value)));
    v.appendChild(el('span', 'size', typeLabel(value)));
  } else if (typeof value === 'string') {
    stringValue(v, key, value);
  } else {
    const cls = kind === 'number' ? 'v-number' : kind === 'boolean' ? 'v-boolean' : kind === 'null' ? 'v-null' : 'v-other';
    const p = el('span', cls);
    const ptext = valueText(segments, value);
    appendText(p, ptext, markIn(key, 'value', ptext));
    v.appendChild(p);
  }
  row.appendChild(v);
  row.appendChild(rowActions(key, segments, raw, isDecoded, container));

  if (open) {
    const children = el('div', 'children');
    children.setAttribute('role', 'group');
    node.appendChild(children);
    renderChildren(children, segments, value, depth + 1);
  }
  return node;
}

function renderChildren(container: HTMLElement, segments: Segment[], value: unknown, depth: number): void {
  const key = pathKey(segments);
  const total = sizeOf(value);
  if (total === 0) {
    const empty = el('div', 'row empty', Array.isArray(value) ? 'empty array' : 'empty object');
    empty.style.paddingLeft = indent(depth, 20);
    container.appendChild(empty);
    return;
  }
  const ranges = rangesOf(key, total);
  const shown = shownTotal(ranges);
  const items = layoutChildren(ranges, total);
  let budget = SYNC_ROWS;
  let i = 0;
  let at = items.length && items[0].rows ? items[0].rows[0] : 0;
  const nextItem = (): void => {
    i++;
    const rows = items[i]?.rows;
    if (rows) at = rows[0];
  };
  // Rows beyond the budget (a long "show all") are added a batch per frame, in order.
  const pump = (): void => {
    const frag = document.createDocumentFragment();
    while (i < items.length && budget > 0) {
      const item = items[i];
      if (item.gap) {
        frag.appendChild(renderMoreRow(segments, total, shown, item.gap, depth));
        nextItem();
        continue;
      }
      const end = Math.min(item.rows[1], at + budget);
      for (const [childKey, child] of childEntries(value, at, end)) frag.appendChild(renderNode([...segments, childKey], childKey, child, depth));
      budget -= end - at;
      at = end;
      if (at >= item.rows[1]) nextItem();
    }
    container.appendChild(frag);
    if (i < items.length) {
      budget = SYNC_ROWS;
      requestAnimationFrame(() => {
        if (container.isConnected) pump();
      });
    }
  };
  pump();
}

function renderMoreRow(segments: Segment[], total: number, shown: number, gap: Range, depth: number): HTMLElement {
  const row = el('div', 'row more');
  row.style.paddingLeft = indent(depth, 20);
  const hidden = gap[1] - gap[0];
  const text =
    gap[1] === total
      ? `Showing ${shown.toLocaleString()} of ${total.toLocaleString()} — `
      : `… ${hidden.toLocaleString()} hidden (${gap[0].toLocaleString()}–${(gap[1] - 1).toLocaleString()}) — `;
  row.appendChild(el('span', 'dim', text));
  const step = Math.min(CHUNK, hidden);
  const more = actionButton(`show ${step} more`, 'showMore', `Show the next ${step}`);
  more.tabIndex = 0;
  row.appendChild(more);
  row.appendChild(el('span', 'dim', ' · '));
  const all = actionButton('show all', 'showAll', `Show all ${hidden.toLocaleString()}`);
  all.tabIndex = 0;
  row.appendChild(all);
  rendered.rowInfo.set(row, { more: true, segments, key: pathKey(segments), total, gap });
  return row;
}

/** Renders the node at `key` again (after a toggle, a page shown, a find move); keeps the focus on its row. */
export function rerender(key: string): HTMLElement | null {
  const node = rendered.nodeByPath.get(key);
  const row = node?.firstElementChild;
  const info = row && rendered.rowInfo.get(row);
  if (!node || !node.isConnected || !info || info.more) return null;
  const hadFocus = row === document.activeElement;
  const segments = info.segments;
  const fresh = renderNode(segments, segments.length ? segments[segments.length - 1] : null, info.raw, info.depth);
  node.replaceWith(fresh);
  if (hadFocus) focusRow(fresh.firstElementChild as HTMLElement);
  saveState();
  return fresh;
}

/** The whole tree of the current payload, replacing the one shown. */
export function renderTree(payload: unknown, root: HTMLElement, onClick: (e: MouseEvent) => void, onKey: (e: KeyboardEvent) => void): void {
  ui.tree?.remove();
  rendered.nodeByPath.clear();
  const t = el('div', 'tree');
  t.setAttribute('role', 'tree');
  t.setAttribute('aria-label', 'Payload');
  t.addEventListener('click', onClick);
  t.addEventListener('keydown', onKey);
  t.appendChild(renderNode([], null, payload, 0));
  const first = t.querySelector<HTMLElement>('.row');
  if (first) first.tabIndex = 0;
  ui.tree = t;
  root.appendChild(t);
}
