/**
 * Find in keys and values: a time-sliced search over the data (src/core/jsonModel/search.ts), a
 * count, and moving between matches, each revealed (ancestors expanded, pages shown) and scrolled to.
 */
import { STRING_PREVIEW, childIndex, createSearch, findRanges, isContainer, rangesContain, revealIndex, sizeOf } from '../../core/jsonModel';
import { saveState } from './host';
import { type FindMatch, decodedLookup, effectiveValue, find, page, pathKey, rangesOf, rendered, tree, ui } from './state';
import { rerender } from './tree';
import { STRING_STEP } from './values';

/** The current match when it is at `key` and of `kind`. */
export function currentMatchFor(key: string, kind: FindMatch['kind']): FindMatch | null {
  if (find.current < 0) return null;
  const m = find.matches[find.current];
  return m && m.kind === kind && m.key === key ? m : null;
}

function updateFindCount(): void {
  if (!ui.findCount) return;
  let text = '';
  if (find.query) {
    const total = `${find.matches.length}${find.truncated ? '+' : ''}`;
    if (!find.done) text = `searching… ${find.matches.length}`;
    else if (!find.matches.length) text = 'no results';
    else text = `${find.current + 1} of ${total}`;
  }
  ui.findCount.textContent = text;
  ui.findCount.classList.toggle('no-results', !!find.query && find.done && !find.matches.length);
}

/** Starts a search for `query`; `keepPosition` stays on the match that was current (after a decode). */
export function startSearch(query: string, keepPosition = false): void {
  const previous = find.current >= 0 ? find.matches[find.current] : null;
  find.query = query;
  find.matches = [];
  find.current = -1;
  find.truncated = false;
  find.done = !query;
  const job = query && page.hasPayload ? createSearch(page.payload, query, { decoded: decodedLookup }) : undefined;
  find.job = job;
  if (previous) rerender(previous.key);
  clearCurrentMatch();
  updateFindCount();
  saveState();
  if (!job) return;
  const run = (): void => {
    if (find.job !== job) return;
    const finished = job.step(12);
    for (let j = find.matches.length; j < job.matches.length; j++) {
      const m = job.matches[j];
      find.matches.push({ segments: m.segments, kind: m.kind, key: pathKey(m.segments) });
    }
    find.truncated = job.truncated;
    if (find.current < 0 && find.matches.length) {
      const kept = keepPosition && previous ? find.matches.findIndex((m) => m.key === previous.key) : -1;
      select(Math.max(0, kept));
    }
    if (finished) {
      find.done = true;
      find.job = undefined;
    } else {
      setTimeout(run, 0);
    }
    updateFindCount();
  };
  run();
}

/** Moves to the next (1) or previous (-1) match. */
export function step(delta: number): void {
  if (!find.matches.length) return;
  const n = find.matches.length;
  select((find.current + delta + n) % n);
  updateFindCount();
}

function clearCurrentMatch(): void {
  ui.tree?.querySelectorAll('.row.current-match').forEach((r) => r.classList.remove('current-match'));
}

function select(index: number): void {
  const old = find.current >= 0 ? find.matches[find.current] : null;
  find.current = index;
  if (old) rerender(old.key);
  reveal(find.matches[index]);
}

/** Expands the match's ancestors (and pages its parents far enough), then scrolls to it. */
function reveal(match: FindMatch): void {
  const segs = match.segments;
  let value = page.payload;
  let topChanged: string | null = null;
  for (let i = 0; i < segs.length; i++) {
    const k = pathKey(segs.slice(0, i));
    value = effectiveValue(k, value);
    if (!isContainer(value)) break;
    let changed = false;
    if (i > 0 && !tree.expanded.has(k)) {
      tree.expanded.add(k);
      changed = true;
    }
    const idx = childIndex(value, segs[i]);
    const total = sizeOf(value);
    const ranges = rangesOf(k, total);
    if (idx >= 0 && !rangesContain(ranges, idx)) {
      tree.shownRanges.set(k, revealIndex(ranges, idx, total));
      changed = true;
    }
    if (changed && topChanged === null) topChanged = k;
    value = (value as Record<string, unknown>)[segs[i]];
  }
  const key = match.key;
  if (match.kind === 'value' && typeof value === 'string' && !tree.decodedOn.has(key)) {
    const r = findRanges(value, find.query, 1)[0];
    if (r && r[1] > Math.max(STRING_PREVIEW, tree.fullStrings.get(key) || 0)) {
      tree.fullStrings.set(key, Math.ceil(r[1] / STRING_STEP) * STRING_STEP);
    }
  }
  rerender(topChanged !== null && rendered.nodeByPath.has(topChanged) ? topChanged : key);
  let tries = 0;
  const scroll = (): void => {
    if (find.matches[find.current] !== match) return;
    const row = rendered.nodeByPath.get(key)?.firstElementChild;
    if (row && row.isConnected) {
      clearCurrentMatch();
      row.classList.add('current-match');
      row.scrollIntoView({ block: 'center' });
    } else if (++tries < 120) {
      requestAnimationFrame(scroll);
    }
  };
  scroll();
}

/** Ctrl+F focuses the find box; F3 / Shift+F3 move between matches from anywhere. */
export function installFindKeys(): void {
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'f' || e.key === 'F') && ui.findInput) {
      e.preventDefault();
      ui.findInput.focus();
      ui.findInput.select();
    } else if (e.key === 'F3' && ui.findInput && e.target !== ui.findInput) {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    }
  });
}
