/**
 * Which children of a big container are rendered: sorted, disjoint [start, end) ranges. It starts
 * as the first chunk; "show more" grows a range; revealing a find match adds the chunk around it
 * (so item 35 000 of an array does not need 35 000 rows first).
 */

/** Children shown per "show more" step of a big object or array. */
export const CHUNK = 200;

export type Range = [number, number];
export type LayoutItem = { readonly rows: Range; readonly gap?: undefined } | { readonly gap: Range; readonly rows?: undefined };

/** How many children to show after one more "show more" click. */
export function nextShown(total: number, shown: number, step = CHUNK): number {
  return Math.min(total, shown + step);
}

export function defaultRanges(total: number): Range[] {
  return total > 0 ? [[0, Math.min(CHUNK, total)]] : [];
}

/** Adds [start, end) and merges touching or overlapping ranges. */
export function addRange(ranges: readonly Range[], start: number, end: number): Range[] {
  const all = [...ranges, [start, end] as Range].filter((r) => r[1] > r[0]).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [s, e] of all) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function rangesContain(ranges: readonly Range[], index: number): boolean {
  return ranges.some(([s, e]) => index >= s && index < e);
}

/** Ranges that also show the chunk (CHUNK-aligned) holding `index`. */
export function revealIndex(ranges: Range[], index: number, total: number): Range[] {
  if (rangesContain(ranges, index)) return ranges;
  const start = Math.floor(index / CHUNK) * CHUNK;
  return addRange(ranges, start, Math.min(total, start + CHUNK));
}

export function shownTotal(ranges: readonly Range[]): number {
  return ranges.reduce((n, [s, e]) => n + e - s, 0);
}

/**
 * What to render in order: `{ rows: [s, e] }` for shown children and `{ gap: [s, e] }` for the
 * hidden ones between or after them (a "show more" row).
 */
export function layoutChildren(ranges: readonly Range[], total: number): LayoutItem[] {
  const out: LayoutItem[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push({ gap: [at, s] });
    out.push({ rows: [s, Math.min(e, total)] });
    at = e;
  }
  if (at < total) out.push({ gap: [at, total] });
  return out;
}
