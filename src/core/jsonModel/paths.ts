/**
 * Paths into a JSON value (`event.body.items[3]["weird key"]`) and the walking every view of a
 * payload shares: the panel's tree, its find, the JSON document.
 */

export type Segment = string | number;
export type Container = Record<string, unknown> | unknown[];
export type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'other';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDEX = /^(0|[1-9][0-9]*)$/;

export function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

export function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'object') return 'object';
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return 'other';
}

/** `event.body.items[3]["weird key"]`: JS-style, injective (array index `[3]` vs key `["3"]`). */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  segments.forEach((s, i) => {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENT.test(s)) out += (i === 0 ? '' : '.') + s;
    else out += `[${JSON.stringify(s)}]`;
  });
  return out;
}

/** A quoted key of parsePath, `["x"]` or `['x']`; undefined when malformed. */
function quotedKey(literal: string): string | undefined {
  try {
    const json = literal.startsWith('"') ? literal : `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`;
    const key: unknown = JSON.parse(json);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Inverse of formatPath; also accepts `a.0` and `['x']`. Returns undefined when malformed.
 * Dotted digits become numbers so `items.0` finds an array element.
 */
export function parsePath(text: unknown): Segment[] | undefined {
  if (typeof text !== 'string') return undefined;
  const segments: Segment[] = [];
  let i = 0;
  const n = text.length;
  // A leading `$`, `$.` or `$[` is a root marker (`$ok` is a key).
  if (text === '$' || text.startsWith('$[')) i = 1;
  else if (text.startsWith('$.')) i = 2;
  let expectName = i < n && text.charAt(i) !== '[';
  while (i < n) {
    const c = text.charAt(i);
    if (c === '.' || expectName) {
      if (c === '.') i++;
      expectName = false;
      const start = i;
      while (i < n && text.charAt(i) !== '.' && text.charAt(i) !== '[') i++;
      const name = text.slice(start, i);
      if (name === '') return undefined;
      segments.push(INDEX.test(name) ? Number(name) : name);
    } else if (c === '[') {
      const q = text.charAt(i + 1);
      if (q === '"' || q === "'") {
        let j = i + 2;
        while (j < n && text.charAt(j) !== q) j += text.charAt(j) === '\\' ? 2 : 1;
        if (j >= n || text.charAt(j + 1) !== ']') return undefined;
        const key = quotedKey(text.slice(i + 1, j + 1));
        if (key === undefined) return undefined;
        segments.push(key);
        i = j + 2;
      } else {
        const close = text.indexOf(']', i);
        if (close < 0) return undefined;
        const digits = text.slice(i + 1, close);
        if (!INDEX.test(digits)) return undefined;
        segments.push(Number(digits));
        i = close + 1;
      }
    } else {
      return undefined;
    }
  }
  return segments;
}

const keyCache = new WeakMap<object, string[]>();
/** Object.keys, cached: a 100k-key object is paged many times. */
export function keysOf(obj: object): string[] {
  let k = keyCache.get(obj);
  if (!k) {
    k = Object.keys(obj);
    keyCache.set(obj, k);
  }
  return k;
}

export function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (isContainer(value)) return keysOf(value).length;
  return 0;
}

/** [key, child] pairs of children start..end (exclusive) of an object or array. */
export function childEntries(value: unknown, start: number, end: number): Array<[Segment, unknown]> {
  const out: Array<[Segment, unknown]> = [];
  if (Array.isArray(value)) {
    const stop = Math.min(end, value.length);
    for (let i = start; i < stop; i++) out.push([i, value[i]]);
  } else if (isContainer(value)) {
    const keys = keysOf(value);
    const last = Math.min(end, keys.length);
    for (let j = start; j < last; j++) out.push([keys[j], (value as Record<string, unknown>)[keys[j]]]);
  }
  return out;
}

/** Position of a child among its parent's children (for revealing it past the shown chunk). */
export function childIndex(parent: unknown, segment: Segment): number {
  if (Array.isArray(parent)) return typeof segment === 'number' ? segment : -1;
  if (!isContainer(parent)) return -1;
  return keysOf(parent).indexOf(String(segment));
}

/** The own child `segment` of a container, or undefined. */
export function childOf(container: Container, segment: Segment): unknown {
  const key = String(segment);
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

export type Resolved = { readonly found: false; readonly value?: undefined } | { readonly found: true; readonly value: unknown };

/**
 * Follows segments from root. `decoded(pathKey)` returns the parsed value of a decoded JSON
 * string at that path (or undefined), so paths can continue inside decoded strings.
 */
export function resolvePath(root: unknown, segments: readonly Segment[], decoded?: (pathKey: string) => unknown): Resolved {
  let value = root;
  for (let i = 0; i < segments.length; i++) {
    if (typeof value === 'string' && decoded) {
      const d = decoded(formatPath(segments.slice(0, i)));
      if (d !== undefined) value = d;
    }
    if (!isContainer(value)) return { found: false };
    const s = segments[i];
    if (Array.isArray(value)) {
      if (typeof s !== 'number' || s >= value.length) return { found: false };
      value = value[s];
    } else {
      const k = String(s);
      if (!Object.prototype.hasOwnProperty.call(value, k)) return { found: false };
      value = value[k];
    }
  }
  return { found: true, value };
}
