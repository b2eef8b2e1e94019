/** How a value reads in a row: a collapsed container's preview and size, a primitive's exact text. */
import { STRING_PREVIEW, type Segment, childEntries, kindOf, primitiveText, resolvePath, sizeOf } from '../../core/jsonModel';
import { decodedLookup, page, pathKey } from './state';

/** "show more" of a very long string adds this many characters at a time. */
export const STRING_STEP = 256 * 1024;

export function typeLabel(value: unknown): string {
  const n = sizeOf(value);
  if (Array.isArray(value)) return n === 1 ? '1 item' : `${n.toLocaleString()} items`;
  return n === 1 ? '1 key' : `${n.toLocaleString()} keys`;
}

export function previewOf(value: unknown): string {
  const isArr = Array.isArray(value);
  const parts: string[] = [];
  let len = 0;
  const entries = childEntries(value, 0, 6);
  for (let i = 0; i < entries.length && len < 70; i++) {
    const [key, v] = entries[i];
    const kind = kindOf(v);
    let s: string;
    if (kind === 'object') s = '{…}';
    else if (kind === 'array') s = '[…]';
    else if (typeof v === 'string') s = JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v);
    else s = primitiveText(v);
    const part = isArr ? s : `${key}: ${s}`;
    parts.push(part);
    len += part.length + 2;
  }
  const more = sizeOf(value) > parts.length ? ', …' : '';
  return (isArr ? '[' : '{') + parts.join(', ') + more + (isArr ? ']' : '}');
}

/** A primitive's text; an integer beyond 2^53 with the digits the server sent (kept beside it by the model). */
export function valueText(segments: readonly Segment[], value: unknown): string {
  if (typeof value !== 'number' || Number.isSafeInteger(value) || !Number.isInteger(value) || !segments.length) return primitiveText(value);
  const parentSegments = segments.slice(0, -1);
  const parent = resolvePath(page.payload, parentSegments, decodedLookup);
  const holder = parent.found && typeof parent.value === 'string' ? decodedLookup(pathKey(parentSegments)) : parent.found ? parent.value : undefined;
  return primitiveText(value, holder, segments[segments.length - 1]);
}

/** How much of a long string the next "show more" shows. */
export function nextStringLength(shownLength: number): number {
  return shownLength <= STRING_PREVIEW ? STRING_STEP : shownLength + STRING_STEP;
}
