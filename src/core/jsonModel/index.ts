/**
 * The JSON model of a payload: plain logic (no `vscode`, no DOM) shared by the extension host
 * (src/core/json.ts, src/ui/payloadDocument.ts) and the payload panel's webview (src/webview/payload/).
 */
export * from './chunks';
export * from './exactJson';
export * from './format';
export * from './jsonStrings';
export * from './paths';
export * from './search';
