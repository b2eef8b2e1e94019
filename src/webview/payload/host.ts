/**
 * The page's side of the host: messages to it (src/webview/payload/protocol.ts) and the state
 * VS Code keeps across a reload or while the panel is hidden (the header and a small view state;
 * never the payload).
 */
import { flash } from './dom';
import { type FromWebview, type PayloadWebviewState, isWebviewState } from './protocol';
import { find, page, tree } from './state';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PayloadWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** View state kept across hide/reload is capped so `setState` stays small. */
const MAX_SAVED_PATHS = 500;

export function post(message: FromWebview): void {
  vscode.postMessage(message);
}

/** Asks the host to copy `text`; `btn` says "Copied" for a moment. */
export function copy(text: unknown, what: string, btn?: HTMLButtonElement): void {
  post({ type: 'copy', text: String(text), what });
  if (btn) flash(btn, 'Copied');
}

/** What an earlier page of this panel saved, if anything. */
export function savedState(): PayloadWebviewState | undefined {
  const state = vscode.getState();
  return isWebviewState(state) ? state : undefined;
}

let saveTimer = 0;
export function saveState(): void {
  if (!page.header) return;
  clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    const header = page.header;
    if (!header) return;
    vscode.setState({
      key: header.key,
      header,
      view: {
        expanded: Array.from(tree.expanded).slice(0, MAX_SAVED_PATHS),
        decoded: Array.from(tree.decodedOn).slice(0, MAX_SAVED_PATHS),
        query: find.query,
        scrollY: window.scrollY,
      },
    });
  }, 250);
}
