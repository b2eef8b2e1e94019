/**
 * Reading JSON text from a server as data every part of the extension can handle: JSON.parse
 * accepts any nesting, but JSON.stringify, structured clone (postMessage to a webview) and
 * recursive code overflow the stack on a value nested a few thousand levels deep. Such values are
 * cut at `MAX_JSON_DEPTH` with a placeholder string, once, where the text is parsed. The cut is
 * the payload model's (media/payload-model.js, plain logic shared with the webview), which cuts
 * JSON decoded from strings the same way.
 */
import model from '../../media/payload-model';

/** Deeper than any real payload; shallow enough for every recursive consumer. */
export const MAX_JSON_DEPTH = model.MAX_DEPTH;

/** What stands where a value nested too deep was cut. */
export const DEPTH_PLACEHOLDER = model.DEPTH_PLACEHOLDER;

/** The deepest nesting of objects and arrays in JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return max;
}

/** Index of the quote closing the string that opens at `start` (or the end of the text). */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** JSON.parse, with objects and arrays below `MAX_JSON_DEPTH` replaced by `DEPTH_PLACEHOLDER`. */
export function parseJsonBounded(text: string): unknown {
  const value: unknown = JSON.parse(text);
  // The scan costs a fraction of the parse; walking every answer's tree would cost more.
  return jsonDepth(text) > MAX_JSON_DEPTH ? model.cutDeep(value) : value;
}
