/** The panel's header: the error first, then the title with its badges, the facts, and the actions. */
import { formatPreciseTime } from '../../core/jsonModel';
import { button, el, flash } from './dom';
import { copy, post } from './host';
import { linkButtons } from './links';
import type { PayloadHeader } from './protocol';
import { page, ui } from './state';

const OUTCOMES = new Set(['success', 'failure', 'pending', 'none']);
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** A `dt`/`dd` pair, none for an empty value; returns the `dd`. */
function metaRow(dl: HTMLElement, label: string, value: unknown, title?: string): HTMLElement | null {
  if (value === undefined || value === null || value === '') return null;
  const dd = el('dd', null, value);
  if (title) dd.title = title;
  dl.appendChild(el('dt', null, label));
  dl.appendChild(dd);
  return dd;
}

function errorBox(error: string): HTMLElement {
  const box = el('section', 'error-box');
  box.setAttribute('role', 'alert');
  const top = el('div', 'error-top');
  top.appendChild(el('strong', 'error-label', 'Error'));
  top.appendChild(button('Copy error', 'btn-link', 'Copy the error text', (b) => copy(error, 'the error', b)));
  box.appendChild(top);
  box.appendChild(errorText(error));
  return box;
}

/**
 * The error as text, with the stack frames the host found in the workspace as links. A link posts
 * only the frame's index: the host finds the file again and opens nothing else.
 */
function errorText(error: string): HTMLElement {
  const pre = el('pre', 'error-text');
  let at = 0;
  const frames = [...(page.code?.frames ?? [])].sort((a, b) => a.start - b.start);
  for (const f of frames) {
    if (f.start < at || f.end > error.length) continue;
    if (f.start > at) pre.appendChild(document.createTextNode(error.slice(at, f.start)));
    const label = error.slice(f.start, f.end);
    pre.appendChild(button(label, 'btn-link frame-link', `Open ${label} in the editor`, () => post({ type: 'openFrame', index: f.index })));
    at = f.end;
  }
  if (at < error.length) pre.appendChild(document.createTextNode(error.slice(at)));
  return pre;
}

function facts(h: PayloadHeader): HTMLElement {
  const dl = el('dl', 'meta');
  const mono = (cell: HTMLElement | null): void => cell?.classList.add('mono');
  metaRow(dl, 'Source', h.sourceLabel);
  const t = formatPreciseTime(h.time);
  mono(metaRow(dl, 'Time', t.local + (t.zone ? ` ${t.zone}` : ''), `UTC ${t.utc}`));
  metaRow(dl, 'Type', h.type);
  if (h.workflowName || h.workflowId) {
    const wf = metaRow(dl, 'Workflow', h.workflowName || h.workflowId, h.workflowId);
    if (wf && h.workflowName && h.workflowId) wf.appendChild(el('span', 'dim', ` ${h.workflowId}`));
  }
  mono(metaRow(dl, 'Execution', h.executionId));
  mono(metaRow(dl, 'Parent execution', h.parentExecutionId));
  mono(metaRow(dl, 'Trace', h.traceId));
  metaRow(dl, 'Actor', h.actor);
  mono(metaRow(dl, 'Id', h.id));
  if (h.details && typeof h.details === 'object') {
    for (const [k, v] of Object.entries(h.details)) metaRow(dl, k, String(v));
  }
  return dl;
}

function actions(h: PayloadHeader): HTMLElement {
  const bar = el('div', 'actions-bar');
  for (const b of linkButtons(h)) bar.appendChild(b);
  if (page.code?.goToSource) {
    bar.appendChild(button('Go to Source', 'btn secondary', 'Open the definition of this function or workflow', () => post({ type: 'goToSource' })));
  }
  // A failure (src/core/activity.ts isFailure): compared with the last good run of the same thing.
  if (h.outcome === 'failure' || h.level === 'error' || h.level === 'fatal') {
    bar.appendChild(button('Compare with Last Success', 'btn secondary', 'Open a diff of this payload and that of the last successful run before it', () => post({ type: 'compareWithLastSuccess' })));
  }
  bar.appendChild(button('Copy id', 'btn secondary', 'Copy the activity id', (b) => copy(h.id, 'the id', b)));
  bar.appendChild(button('Copy Link', 'btn secondary', 'Copy a link that opens this activity in an editor with the same source', () => post({ type: 'copyLink' })));
  bar.appendChild(button('Copy as Markdown', 'btn secondary', 'Copy a one-line summary with the link, for an issue or a chat', () => post({ type: 'copyMarkdown' })));
  ui.openJson = button('Open as JSON document', 'btn secondary', 'Open the payload in an editor', () => post({ type: 'openJson' }));
  ui.copyJson = button('Copy JSON', 'btn secondary', 'Copy the payload as JSON', (b) => {
    post({ type: 'copyJson' });
    flash(b, 'Copied');
  });
  ui.openJson.disabled = !page.hasPayload;
  ui.copyJson.disabled = !page.hasPayload;
  bar.appendChild(ui.openJson);
  bar.appendChild(ui.copyJson);
  return bar;
}

export function renderHeader(h: PayloadHeader): HTMLElement {
  const root = el('header', 'header');
  if (h.error) root.appendChild(errorBox(h.error));
  const titleLine = el('div', 'title-line');
  const outcome = OUTCOMES.has(h.outcome) ? h.outcome : 'none';
  if (outcome !== 'none') titleLine.appendChild(el('span', `badge outcome-${outcome}`, outcome));
  const level = LEVELS.has(h.level) ? h.level : 'info';
  titleLine.appendChild(el('span', `badge level level-${level}`, level));
  titleLine.appendChild(el('h1', 'title', h.title || '(untitled)'));
  root.appendChild(titleLine);
  root.appendChild(facts(h));
  root.appendChild(actions(h));
  return root;
}
