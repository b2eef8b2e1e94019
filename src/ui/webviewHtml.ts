/**
 * The contract between the payload panel host and its webview script (media/payload.js): the
 * HTML shell with its CSP, the header snapshot and the message protocol. No `vscode` import, so
 * unit tests and the standalone Chromium check (test/ui/payload-standalone.js) use it directly.
 */
import { randomBytes } from 'crypto';
import type { Activity } from '../core/activity';

/** What the header shows; small, so the webview keeps it in `setState` to restore after a reload. */
export type PayloadHeader = Pick<
  Activity,
  | 'key'
  | 'id'
  | 'time'
  | 'level'
  | 'outcome'
  | 'title'
  | 'type'
  | 'workflowId'
  | 'workflowName'
  | 'executionId'
  | 'parentExecutionId'
  | 'traceId'
  | 'actor'
  | 'error'
  | 'webUrl'
  | 'details'
  | 'links'
> & { readonly sourceLabel: string };

/** What the webview persists with `vscode.setState` (never the payload, which can be huge). */
export interface PayloadWebviewState {
  readonly key: string;
  readonly header: PayloadHeader;
  /** View state: expanded and decoded node paths, the find query. Optional and capped. */
  readonly view?: unknown;
}

export type ToWebview =
  | { readonly type: 'loading'; readonly header: PayloadHeader }
  | {
      readonly type: 'payload';
      readonly header: PayloadHeader;
      readonly payload: unknown;
      readonly jsonStringPaths: readonly string[];
      /** [path, digits] of the payload's integers beyond 2^53, which postMessage carries only as rounded numbers. */
      readonly exactNumbers?: ReadonlyArray<readonly [string, string]>;
    }
  | {
      readonly type: 'error';
      readonly header: PayloadHeader;
      readonly message: string;
      /** `gone`: restored after a reload and the activity could not be found again. */
      readonly reason: 'failed' | 'cancelled' | 'gone';
    };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly text: string; readonly what?: string }
  | { readonly type: 'copyJson' }
  | { readonly type: 'openLink'; readonly url: string }
  | { readonly type: 'openJson' }
  | { readonly type: 'retry' };

/** Messages come from a page that renders untrusted data: check their shape before acting. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'copyJson':
    case 'openJson':
    case 'retry':
      return { type: m.type };
    case 'copy':
      if (typeof m.text !== 'string') return undefined;
      return { type: 'copy', text: m.text, what: typeof m.what === 'string' ? m.what.slice(0, 40) : undefined };
    case 'openLink':
      return typeof m.url === 'string' ? { type: 'openLink', url: m.url } : undefined;
    default:
      return undefined;
  }
}

export function headerOf(activity: Activity, sourceLabel: string): PayloadHeader {
  return {
    key: activity.key,
    id: activity.id,
    sourceLabel,
    time: activity.time,
    level: activity.level,
    outcome: activity.outcome,
    title: activity.title,
    type: activity.type,
    workflowId: activity.workflowId,
    workflowName: activity.workflowName,
    executionId: activity.executionId,
    parentExecutionId: activity.parentExecutionId,
    traceId: activity.traceId,
    actor: activity.actor,
    error: activity.error,
    webUrl: activity.webUrl,
    details: activity.details,
    links: activity.links,
  };
}

/**
 * Reads a header back from restored webview state; undefined unless it has the expected shape.
 * The state was written by a page that renders untrusted data, so its links and web URL are
 * dropped: what "Open in Web UI" may open comes back only with the activity itself.
 */
export function headerFromState(state: unknown): PayloadHeader | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  const h = s.header as Record<string, unknown> | undefined;
  if (typeof s.key !== 'string' || typeof h !== 'object' || h === null || h.key !== s.key) return undefined;
  for (const field of ['id', 'sourceLabel', 'time', 'level', 'outcome', 'title', 'type']) {
    if (typeof h[field] !== 'string') return undefined;
  }
  const { links: _links, webUrl: _webUrl, ...rest } = h;
  return rest as unknown as PayloadHeader;
}

/**
 * A link may be opened only when it is http(s) and one of the activity's own links or its web
 * URL: never an arbitrary URL from the payload, whatever the webview sends.
 */
export function isAllowedLink(url: string, header: Pick<PayloadHeader, 'webUrl' | 'links'>): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  } catch {
    return false;
  }
  if (header.webUrl === url) return true;
  return (header.links ?? []).some((l) => l.url === url);
}

/** `<short title> — <source label>`. */
export function panelTitle(header: Pick<PayloadHeader, 'title' | 'sourceLabel'>, max = 40): string {
  const oneLine = header.title.replace(/\s+/g, ' ').trim() || '(untitled)';
  const short = oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
  return `${short} — ${header.sourceLabel}`;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

export interface PayloadHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Script URIs in load order (payload-model.js, then payload.js), from `asWebviewUri`. */
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
