/**
 * The payload panel's HTML shell: a strict CSP with a nonce, the stylesheets and the webview
 * bundle (dist/webview/payload.js, built from src/webview/payload/). No `vscode` import and no
 * other module, so unit tests and the standalone Chromium check (test/ui/payload-standalone.js)
 * load it straight from source.
 */
import { randomBytes } from 'crypto';

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

export interface PayloadHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Script URIs in load order, from `asWebviewUri`. */
  readonly scriptUris: readonly string[];
  readonly styleUris: readonly string[];
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The panel's whole HTML: a CSP meta tag, the stylesheets, an empty root and the scripts. No data
 * goes into the HTML; the header and payload arrive by `postMessage` and are rendered as text.
 */
export function buildPayloadHtml(options: PayloadHtmlOptions): string {
  if (!/^[A-Za-z0-9]+$/.test(options.nonce)) throw new Error('nonce must be alphanumeric');
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  const styles = options.styleUris.map((u) => `  <link rel="stylesheet" href="${escapeAttr(u)}">`).join('\n');
  const scripts = options.scriptUris
    .map((u) => `  <script nonce="${options.nonce}" src="${escapeAttr(u)}"></script>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>Activity payload</title>
</head>
<body>
  <div id="app" class="app" aria-live="polite"></div>
${scripts}
</body>
</html>
`;
}
