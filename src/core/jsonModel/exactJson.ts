/**
 * Reading JSON text from a server so that every consumer can handle it, and writing it back:
 * - nesting kept is MAX_DEPTH: JSON.parse accepts any depth, but JSON.stringify, postMessage and
 *   recursive rendering overflow the stack a few thousand levels down, so deeper objects and
 *   arrays are replaced by DEPTH_PLACEHOLDER;
 * - integers beyond 2^53 (ids, Snowflake-style keys) lose digits in JSON.parse
 *   (12345678901234567890 becomes 12345678901234567000): their source text is kept beside the
 *   parsed number, keyed by the object or array that holds it, so the panel shows and copies them,
 *   and JSON written back (copy, document, export) carries them, exactly as the server sent them.
 */
import { type Container, type Segment, childOf, formatPath, isContainer, parsePath, resolvePath } from './paths';

export const MAX_DEPTH = 100;
export const DEPTH_PLACEHOLDER = `[nested deeper than ${MAX_DEPTH} levels: not shown]`;
const TWO_53 = 9007199254740992;

const exactByHolder = new WeakMap<object, Map<string, string>>();
/** Whether any exact text was ever noted: until then every lookup is skipped. */
let anyExact = false;
/** Where JSON text stood for a big integer while it was parsed, and where stringifyExact writes one. */
const READ_MARK = '\uE000#';
const WRITE_MARK = '\uE001';

function noteExactNumber(holder: unknown, key: Segment, text: string): void {
  if (!isContainer(holder)) return;
  let texts = exactByHolder.get(holder);
  if (!texts) exactByHolder.set(holder, (texts = new Map()));
  texts.set(String(key), text);
  anyExact = true;
}

/** The source text of the number at `holder[key]` when it was an integer beyond 2^53. */
export function exactNumberText(holder: unknown, key: Segment): string | undefined {
  if (!anyExact || !isContainer(holder)) return undefined;
  return exactByHolder.get(holder)?.get(String(key));
}

/** Passes the exact texts of `from`'s own numbers on to `to`, a copy of it. */
export function copyExactNumbers(from: unknown, to: unknown): void {
  const texts = anyExact && isContainer(from) ? exactByHolder.get(from) : undefined;
  if (texts && isContainer(to)) texts.forEach((text, key) => noteExactNumber(to, key, text));
}

/** Index of the quote closing the string that opens at `start` (or the end of the text). */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** The deepest nesting of objects and arrays in JSON text, and where its integers beyond 2^53 stand, in one pass. */
function scanJson(text: string): { depth: number; bigIntegers: number[] } {
  let depth = 0;
  let max = 0;
  const big: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i);
    } else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) {
      depth--;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = c === 45 ? i + 1 : i;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const after = text.charCodeAt(j);
      const integer = after !== 46 && after !== 101 && after !== 69;
      if (integer && j - i >= 16 && !Number.isSafeInteger(Number(text.slice(i, j)))) big.push(i, j);
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      i = j - 1;
    }
  }
  return { depth: max, bigIntegers: big };
}

/**
 * JSON.parse for text from a server: nesting below MAX_DEPTH cut, integers beyond 2^53 kept as
 * numbers with their source text noted (see exactNumberText). Throws what JSON.parse throws.
 */
export function parseJsonText(text: string): unknown {
  // JSON.parse first, then one walk of what it built reads the depth and looks for a number
  // beyond 2^53 (a few times faster than scanning the text); only a text holding such a number
  // is scanned for the digits the server sent.
  const parsed: unknown = JSON.parse(text);
  const shape = shapeOf(parsed, MAX_DEPTH);
  if (!shape.huge) return shape.deep ? cutDeep(parsed) : parsed;
  const scan = scanJson(text);
  const big = scan.bigIntegers;
  let value: unknown;
  if (big.length && !text.includes(READ_MARK)) {
    const parts: string[] = [];
    let at = 0;
    for (let b = 0; b < big.length; b += 2) {
      parts.push(text.slice(at, big[b]), `"${READ_MARK}${text.slice(big[b], big[b + 1])}"`);
      at = big[b + 1];
    }
    parts.push(text.slice(at));
    value = restoreBigIntegers(JSON.parse(parts.join('')));
  } else {
    value = JSON.parse(text);
  }
  return scan.depth > MAX_DEPTH ? cutDeep(value) : value;
}

/**
 * Whether containers nest more than `limit` deep in `value`, and whether it holds a number at or
 * beyond 2^53 (JSON.parse may have rounded its digits). No recursion.
 */
function shapeOf(value: unknown, limit: number): { deep: boolean; huge: boolean } {
  const shape = { deep: false, huge: typeof value === 'number' && !(Math.abs(value) < TWO_53) };
  if (!isContainer(value)) return shape;
  const stack: Array<[Container, number]> = [[value, 1]];
  while (stack.length) {
    const [container, depth] = stack.pop()!;
    if (depth > limit) shape.deep = true;
    // Indexed loops, not Object.values: this walks every value of a 10 MB payload.
    const keys = Array.isArray(container) ? undefined : Object.keys(container);
    const n = keys ? keys.length : (container as unknown[]).length;
    for (let i = 0; i < n; i++) {
      const child = keys ? (container as Record<string, unknown>)[keys[i]] : (container as unknown[])[i];
      if (typeof child === 'number') {
        if (!(Math.abs(child) < TWO_53)) shape.huge = true;
      } else if (isContainer(child) && !(shape.deep && depth >= limit)) stack.push([child, depth + 1]);
    }
    if (shape.deep && shape.huge) break;
  }
  return shape;
}

/** Turns the marked strings parseJsonText put in back into numbers, noting their text (no recursion). */
function restoreBigIntegers(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(READ_MARK)) return Number(value.slice(READ_MARK.length));
  if (!isContainer(value)) return value;
  const stack: Container[] = [value];
  while (stack.length) {
    const container = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (isContainer(child)) stack.push(child);
      else if (typeof child === 'string' && child.startsWith(READ_MARK)) {
        const digits = child.slice(READ_MARK.length);
        container[key] = Number(digits);
        noteExactNumber(container, Array.isArray(container) ? Number(key) : key, digits);
      }
    }
  }
  return value;
}

/** JSON.stringify that writes integers beyond 2^53 with the digits the server sent. */
export function stringifyExact(value: unknown, space?: number): string | undefined {
  if (!anyExact) return JSON.stringify(value, null, space);
  let written = 0;
  const text = JSON.stringify(
    value,
    function (this: unknown, key: string, v: unknown) {
      if (typeof v === 'number') {
        const exact = exactNumberText(this, key);
        if (exact !== undefined) {
          written++;
          return WRITE_MARK + exact + WRITE_MARK;
        }
      }
      return v;
    },
    space,
  ) as string | undefined;
  if (text === undefined || !written) return text;
  const pattern = /"\uE001(-?\d+)\uE001"/g;
  // A string of the data that looks like our mark would be turned into a number: then give up the exact digits.
  if ((text.match(pattern) ?? []).length !== written) return JSON.stringify(value, null, space);
  return text.replace(pattern, '$1');
}

/** Every exact number of `root` as [path, text] (for the webview, which cannot see this side's notes). */
export function exactNumberPaths(root: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!anyExact || !isContainer(root)) return out;
  const stack: Array<[Container, Segment[]]> = [[root, []]];
  while (stack.length) {
    const [container, at] = stack.pop()!;
    const segment = (key: string): Segment => (Array.isArray(container) ? Number(key) : key);
    exactByHolder.get(container)?.forEach((text, key) => out.push([formatPath([...at, segment(key)]), text]));
    for (const [key, child] of Object.entries(container)) {
      if (isContainer(child)) stack.push([child, [...at, segment(key)]]);
    }
  }
  return out;
}

/** Notes the exact numbers listed by exactNumberPaths on `root` again (in the webview). */
export function applyExactNumberPaths(root: unknown, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string' || !/^-?\d+$/.test(item[1])) continue;
    const segs = parsePath(item[0]);
    if (!segs || !segs.length) continue;
    const holder = resolvePath(root, segs.slice(0, -1));
    const last = segs[segs.length - 1];
    if (holder.found && isContainer(holder.value) && typeof childOf(holder.value, last) === 'number') noteExactNumber(holder.value, last, item[1]);
  }
}

/** Cuts, in place and without recursion, the containers of `value` below `maxDepth` (the root is depth 1). */
export function cutDeep(value: unknown, maxDepth = MAX_DEPTH): unknown {
  if (!isContainer(value)) return value;
  if (maxDepth < 1) return DEPTH_PLACEHOLDER;
  const stack: Array<[Container, number]> = [[value, 1]];
  while (stack.length) {
    const [container, depth] = stack.pop()!;
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (!isContainer(child)) continue;
      if (depth >= maxDepth) record[key] = DEPTH_PLACEHOLDER;
      else stack.push([child, depth + 1]);
    }
  }
  return value;
}

/** A value's text; `holder` and `key` (where it sits) give a big integer's exact digits. */
export function primitiveText(value: unknown, holder?: unknown, key?: Segment): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && holder !== undefined && key !== undefined) {
    const exact = exactNumberText(holder, key);
    if (exact !== undefined) return exact;
  }
  return String(value);
}
