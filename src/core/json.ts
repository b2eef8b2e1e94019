/**
 * Reading JSON text from a server as data every part of the extension can handle, and writing it
 * back; the logic is the payload model's (src/core/jsonModel/exactJson.ts, shared with the
 * webview, which reads JSON held in strings the same way):
 * - JSON.parse accepts any nesting, but JSON.stringify, structured clone (postMessage to a
 *   webview) and recursive code overflow the stack a few thousand levels down: nesting below
 *   `MAX_JSON_DEPTH` is cut with `DEPTH_PLACEHOLDER`, once, where the text is read;
 * - integers beyond 2^53 lose digits in JSON.parse: their source text is kept beside the number,
 *   and `stringifyJson` writes them back with the digits the server sent.
 */
export {
  DEPTH_PLACEHOLDER,
  exactNumberText,
  MAX_DEPTH as MAX_JSON_DEPTH,
  parseJsonText,
  stringifyExact as stringifyJson,
} from './jsonModel/exactJson';
