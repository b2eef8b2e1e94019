/**
 * Reading JSON text from a server as data every part of the extension can handle, and writing it
 * back. The logic is the payload model's (media/payload-model.js: plain code shared with the
 * webview, which reads JSON held in strings the same way):
 * - JSON.parse accepts any nesting, but JSON.stringify, structured clone (postMessage to a
 *   webview) and recursive code overflow the stack a few thousand levels down: nesting below
 *   `MAX_JSON_DEPTH` is cut with `DEPTH_PLACEHOLDER`, once, where the text is read;
 * - integers beyond 2^53 lose digits in JSON.parse: their source text is kept beside the number,
 *   and `stringifyJson` writes them back with the digits the server sent.
 */
import model from '../../media/payload-model';

/** Deeper than any real payload; shallow enough for every recursive consumer. */
export const MAX_JSON_DEPTH = model.MAX_DEPTH;

/** What stands where a value nested too deep was cut. */
export const DEPTH_PLACEHOLDER = model.DEPTH_PLACEHOLDER;

/** JSON.parse with nesting cut below `MAX_JSON_DEPTH` and the source text of big integers kept. */
export function parseJsonText(text: string): unknown {
  return model.parseJsonText(text);
}

/** JSON.stringify writing big integers read by `parseJsonText` exactly as they were sent. */
export function stringifyJson(value: unknown, space?: number): string | undefined {
  return model.stringifyExact(value, space);
}

/** The source text of the number at `holder[key]`, when it was an integer beyond 2^53. */
export function exactNumberText(holder: unknown, key: string | number): string | undefined {
  return model.exactNumberText(holder, key);
}
