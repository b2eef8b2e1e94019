/** What a click or a key does on the tree: toggling, decoding, expanding, paging, copying, moving the focus. */
import { CHUNK, STRING_PREVIEW, type Segment, addRange, childEntries, isContainer, parseJsonString, sizeOf, stringifyExact } from '../../core/jsonModel';
import { closest } from './dom';
import { startSearch } from './find';
import { copy } from './host';
import { type ValueRowInfo, effectiveValue, find, page, pathKey, rangesOf, rendered, tree, ui } from './state';
import { rerender } from './tree';
import { nextStringLength, valueText } from './values';

/** "Expand all" stops after this many nodes (each level still shows its first chunk). */
const EXPAND_ALL_BUDGET = 3000;
/** … and goes at most this many levels below the node it starts from: a chain nested thousands deep is opened a step at a time. */
const EXPAND_ALL_DEPTH = 32;

function toggle(info: ValueRowInfo): void {
  if (!isContainer(info.value) || info.depth === 0) return;
  if (tree.expanded.has(info.key)) tree.expanded.delete(info.key);
  else tree.expanded.add(info.key);
  rerender(info.key);
}

function toggleDecode(info: ValueRowInfo): void {
  const key = info.key;
  if (tree.decodedOn.has(key)) {
    tree.decodedOn.delete(key);
  } else {
    const parsed = tree.decodedCache.has(key) ? tree.decodedCache.get(key) : parseJsonString(info.raw);
    if (parsed === undefined) {
      tree.notJson.add(key);
    } else {
      tree.decodedCache.set(key, parsed);
      tree.decodedOn.add(key);
      tree.expanded.add(key);
    }
  }
  rerender(key);
  if (find.query) startSearch(find.query, true);
}

export function expandAll(segments: Segment[], value: unknown): void {
  let budget = EXPAND_ALL_BUDGET;
  const stack: Array<[Segment[], unknown]> = [[segments, value]];
  while (stack.length && budget > 0) {
    const [at, raw] = stack.pop()!;
    const k = pathKey(at);
    const v = effectiveValue(k, raw);
    if (!isContainer(v)) continue;
    tree.expanded.add(k);
    budget--;
    if (at.length - segments.length >= EXPAND_ALL_DEPTH) continue;
    const entries = childEntries(v, 0, Math.min(sizeOf(v), rangesOf(k, sizeOf(v))[0][1]));
    for (let i = entries.length - 1; i >= 0; i--) {
      const child = entries[i][1];
      if (isContainer(child) || (typeof child === 'string' && tree.decodedOn.size)) stack.push([[...at, entries[i][0]], child]);
    }
  }
  rerender(pathKey(segments));
}

export function collapseAll(segments: Segment[]): void {
  const key = pathKey(segments);
  for (const k of Array.from(tree.expanded)) {
    if (key === '' || k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)) tree.expanded.delete(k);
  }
  rerender(key);
}

function copyValue(info: ValueRowInfo, btn?: HTMLButtonElement): void {
  const v = info.value;
  copy(isContainer(v) ? stringifyExact(v, 2) : valueText(info.segments, v), 'the value', btn);
}

export function onTreeClick(e: MouseEvent): void {
  const target = e.target;
  const row = closest(target, '.row');
  const info = row && rendered.rowInfo.get(row);
  if (!row || !info) return;
  const actionEl = closest(target, '[data-action]') as HTMLButtonElement | null;
  if (actionEl) {
    e.stopPropagation();
    const action = actionEl.getAttribute('data-action');
    if (info.more) {
      if (action !== 'showMore' && action !== 'showAll') return;
      const gap = info.gap;
      const stop = action === 'showAll' ? gap[1] : Math.min(gap[1], gap[0] + CHUNK);
      tree.shownRanges.set(info.key, addRange(rangesOf(info.key, info.total), gap[0], stop));
      rerender(info.key);
    } else if (action === 'copyValue') copyValue(info, actionEl);
    else if (action === 'copyPath') copy(info.key, 'the path', actionEl);
    else if (action === 'decode') toggleDecode(info);
    else if (action === 'expandAll') expandAll(info.segments, info.raw);
    else if (action === 'collapseAll') collapseAll(info.segments);
    return;
  }
  if (!(target instanceof Element)) return;
  if (!info.more && target.classList.contains('more-string')) {
    tree.fullStrings.set(info.key, nextStringLength(Math.max(STRING_PREVIEW, tree.fullStrings.get(info.key) || 0)));
    rerender(info.key);
    return;
  }
  focusRow(row);
  // Clicking text selects it; only a click on the twisty or the key toggles.
  if (!info.more && ['twisty', 'k', 'preview', 'size'].some((c) => target.classList.contains(c))) toggle(info);
}

export function focusRow(row: HTMLElement | null): void {
  if (!row || !ui.tree) return;
  const prev = ui.tree.querySelector<HTMLElement>('.row[tabindex="0"]');
  if (prev && prev !== row) prev.tabIndex = -1;
  row.tabIndex = 0;
  row.focus({ preventScroll: false });
}

function visibleRows(): HTMLElement[] {
  return ui.tree ? Array.from(ui.tree.querySelectorAll<HTMLElement>('.row[role="treeitem"]')) : [];
}

/** Arrow keys move and open like a tree view; Enter/Space toggle; Ctrl+C copies the value when nothing is selected. */
export function onTreeKey(e: KeyboardEvent): void {
  const row = closest(e.target, '.row');
  if (!row || e.target !== row) return;
  const info = rendered.rowInfo.get(row);
  if (!info || info.more) return;
  const open = isContainer(info.value) && (info.depth === 0 || tree.expanded.has(info.key));
  switch (e.key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      const rows = visibleRows();
      const next = rows[rows.indexOf(row) + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) focusRow(next);
      break;
    }
    case 'ArrowRight':
      if (isContainer(info.value) && !open) toggle(info);
      else focusRow(row.parentElement?.querySelector<HTMLElement>('.children .row') ?? null);
      break;
    case 'ArrowLeft':
      if (isContainer(info.value) && info.depth > 0 && tree.expanded.has(info.key)) toggle(info);
      else focusRow((row.parentElement?.parentElement?.closest('.node')?.firstElementChild as HTMLElement | null | undefined) ?? null);
      break;
    case 'Enter':
    case ' ':
      toggle(info);
      break;
    case 'c':
      if (!(e.ctrlKey || e.metaKey) || String(window.getSelection()) !== '') return;
      copyValue(info);
      break;
    default:
      return;
  }
  e.preventDefault();
}

/** The whole payload, for the toolbar's Expand all. */
export function expandEverything(): void {
  expandAll([], page.payload);
}
