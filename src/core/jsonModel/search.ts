/**
 * Find over the data (not the DOM): keys and primitive values, case-insensitive substring.
 * Strings that are currently decoded are searched as their decoded tree. Time-sliced: call
 * `step(budgetMs)` until it returns true, so a 10 MB payload never blocks the panel.
 */
import { primitiveText } from './exactJson';
import { formatPath, isContainer, keysOf, sizeOf, type Container, type Segment } from './paths';

/** Search stops counting here; the panel then says "10000+". */
export const MAX_MATCHES = 10000;

export interface Match {
  readonly segments: Segment[];
  readonly kind: 'key' | 'value';
}
export interface Search {
  step(budgetMs?: number): boolean;
  readonly matches: Match[];
  readonly done: boolean;
  readonly truncated: boolean;
}
export interface SearchOptions {
  decoded?: (pathKey: string) => unknown;
  maxMatches?: number;
  now?: () => number;
}

interface Frame {
  readonly value: Container;
  readonly keys: string[] | null;
  i: number;
  readonly n: number;
  pushed: boolean;
}

/** Matches come in document order. */
export function createSearch(root: unknown, query: string, options: SearchOptions = {}): Search {
  const decoded = options.decoded;
  const max = options.maxMatches || MAX_MATCHES;
  const needle = String(query).toLowerCase();
  const now = options.now ?? (typeof performance !== 'undefined' ? () => performance.now() : Date.now);
  const matches: Match[] = [];
  const path: Segment[] = [];
  const stack: Frame[] = [];
  let done = needle === '';
  let truncated = false;
  let started = false;

  const add = (kind: Match['kind']): void => {
    if (matches.length >= max) {
      truncated = true;
      done = true;
      return;
    }
    matches.push({ segments: path.slice(), kind });
  };

  /** Visits one value at the current path; pushes a frame when it is a container. */
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && decoded && value.length > 1 && (value.charAt(0) === '{' || value.charAt(0) === '[' || /^\s/.test(value))) {
      const d = decoded(formatPath(path));
      if (d !== undefined) value = d;
    }
    if (isContainer(value)) {
      stack.push({ value, keys: Array.isArray(value) ? null : keysOf(value), i: 0, n: sizeOf(value), pushed: false });
      return;
    }
    if (primitiveText(value).toLowerCase().includes(needle)) add('value');
  };

  const step = (budgetMs?: number): boolean => {
    if (done) return true;
    const deadline = now() + (budgetMs === undefined ? Infinity : budgetMs);
    if (!started) {
      started = true;
      visit(root);
    }
    let count = 0;
    while (stack.length && !done) {
      const f = stack[stack.length - 1];
      if (f.pushed) {
        path.pop();
        f.pushed = false;
      }
      if (f.i >= f.n) {
        stack.pop();
        continue;
      }
      const key: Segment = f.keys ? f.keys[f.i] : f.i;
      // Two property reads, not one `value[key]`: each stays specialised (string keys, array indexes).
      const child = f.keys ? (f.value as Record<string, unknown>)[f.keys[f.i]] : (f.value as unknown[])[f.i];
      f.i++;
      path.push(key);
      f.pushed = true;
      if (typeof key === 'string' && key.toLowerCase().includes(needle)) add('key');
      if (done) break;
      visit(child);
      if ((++count & 1023) === 0 && now() > deadline) return false;
    }
    done = true;
    return true;
  };

  return {
    step,
    get matches() {
      return matches;
    },
    get done() {
      return done;
    },
    get truncated() {
      return truncated;
    },
  };
}

/** Runs a whole search synchronously (tests, small payloads). */
export function search(root: unknown, query: string, options?: SearchOptions): { matches: Match[]; truncated: boolean } {
  const s = createSearch(root, query, options);
  s.step();
  return { matches: s.matches, truncated: s.truncated };
}

/** Positions of `needle` in `text`, case-insensitive, for highlighting (at most `max`). */
export function findRanges(text: string, needle: string, max = 50): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!needle) return out;
  const hay = text.toLowerCase();
  const n = needle.toLowerCase();
  let at = hay.indexOf(n);
  while (at >= 0 && out.length < max) {
    out.push([at, at + n.length]);
    at = hay.indexOf(n, at + n.length);
  }
  return out;
}
