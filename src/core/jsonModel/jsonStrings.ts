/** JSON held in strings (a webhook body, a step's output): when to offer decoding it, and decoding it. */
import { parseJsonText } from './exactJson';
import { formatPath, isContainer, parsePath, resolvePath, type Segment } from './paths';

/** Strings longer than this are only checked for JSON when the user asks to decode. */
export const EAGER_JSON_CHECK = 64 * 1024;

/** Cheap test: could this string be a JSON object or array? (first/last non-space characters) */
export function looksLikeJson(s: unknown): s is string {
  if (typeof s !== 'string' || s.length < 2) return false;
  let a = 0;
  let b = s.length - 1;
  while (a < b && /\s/.test(s.charAt(a))) a++;
  while (b > a && /\s/.test(s.charAt(b))) b--;
  const first = s.charAt(a);
  const last = s.charAt(b);
  return (first === '{' && last === '}') || (first === '[' && last === ']');
}

/** The object or array a string holds, or undefined when it holds anything else. */
export function parseJsonString(s: unknown): object | undefined {
  if (!looksLikeJson(s)) return undefined;
  try {
    const v = parseJsonText(s);
    return isContainer(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Whether to offer the "decode" toggle; long strings are offered on shape alone and parsed on click. */
export function offersDecode(s: string): boolean {
  if (!looksLikeJson(s)) return false;
  if (s.length > EAGER_JSON_CHECK) return true;
  return parseJsonString(s) !== undefined;
}

/**
 * Applies `jsonStringPaths`: returns a Map from formatted path to the parsed value for every
 * listed path that points at a string holding a JSON object or array. Paths are applied in
 * order of length, so one listed path may lie inside another decoded one.
 */
export function decodeJsonStringPaths(root: unknown, paths: readonly string[] | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!paths || !paths.length) return out;
  const parsed = paths.map(parsePath).filter((segs): segs is Segment[] => segs !== undefined);
  parsed.sort((a, b) => a.length - b.length);
  const lookup = (key: string): unknown => out.get(key);
  for (const segs of parsed) {
    const r = resolvePath(root, segs, lookup);
    if (!r.found || typeof r.value !== 'string') continue;
    const v = parseJsonString(r.value);
    if (v !== undefined) out.set(formatPath(segs), v);
  }
  return out;
}
