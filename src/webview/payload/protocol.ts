/**
 * The messages between the payload panel's host (src/ui/payloadPanel.ts and its helpers) and its
 * webview (this folder), and the state the webview keeps across a reload. Both sides import this
 * file; each checks the shape of what it receives, since the other end is not trusted: the page
 * renders untrusted data, and the host's messages are checked so a bad one is dropped, not
 * half-rendered. No `vscode` and no DOM here.
 */
import type { Activity } from '../../core/activity';

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

/** A stack frame of the header's error that the host found in the workspace: where it is in the error text. */
export interface FrameLink {
  /** The frame's index among the error's frames; all the webview sends back. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** What the host found of the activity's code; sent with every message, empty until found. */
export interface CodeLinks {
  readonly frames: readonly FrameLink[];
  /** Whether Go to Source applies (a Slack activity). */
  readonly goToSource: boolean;
}

/** The panel's view: expanded and decoded node paths, the find query, the scroll position. */
export interface PayloadViewState {
  readonly expanded?: readonly string[];
  readonly decoded?: readonly string[];
  readonly query?: string;
  readonly scrollY?: number;
}

/** What the webview persists with `vscode.setState` (never the payload, which can be huge). */
export interface PayloadWebviewState {
  readonly key: string;
  readonly header: PayloadHeader;
  /** Optional and capped. */
  readonly view?: PayloadViewState;
}

/** Why a payload is not shown; `gone`: restored after a reload and the activity could not be found again. */
export type PayloadErrorReason = 'failed' | 'cancelled' | 'gone';

export type ToWebview = (
  | { readonly type: 'loading'; readonly header: PayloadHeader }
  | {
      readonly type: 'payload';
      readonly header: PayloadHeader;
      readonly payload: unknown;
      readonly jsonStringPaths: readonly string[];
      /** [path, digits] of the payload's integers beyond 2^53, which postMessage carries only as rounded numbers. */
      readonly exactNumbers?: ReadonlyArray<readonly [string, string]>;
    }
  | { readonly type: 'error'; readonly header: PayloadHeader; readonly message: string; readonly reason: PayloadErrorReason }
) & { readonly code?: CodeLinks };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly text: string; readonly what?: string }
  | { readonly type: 'copyJson' }
  | { readonly type: 'openLink'; readonly url: string }
  | { readonly type: 'openJson' }
  | { readonly type: 'openFrame'; readonly index: number }
  | { readonly type: 'goToSource' }
  | { readonly type: 'compareWithLastSuccess' }
  | { readonly type: 'copyLink' }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'retry' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Host side: messages come from a page that renders untrusted data; check their shape before acting. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (!isRecord(message)) return undefined;
  const m = message;
  switch (m.type) {
    case 'ready':
    case 'copyJson':
    case 'openJson':
    case 'retry':
    case 'goToSource':
    case 'compareWithLastSuccess':
    case 'copyLink':
    case 'copyMarkdown':
      return { type: m.type };
    case 'openFrame':
      return Number.isSafeInteger(m.index) && (m.index as number) >= 0 ? { type: 'openFrame', index: m.index as number } : undefined;
    case 'copy':
      if (typeof m.text !== 'string') return undefined;
      return { type: 'copy', text: m.text, what: typeof m.what === 'string' ? m.what.slice(0, 40) : undefined };
    case 'openLink':
      return typeof m.url === 'string' ? { type: 'openLink', url: m.url } : undefined;
    default:
      return undefined;
  }
}

/** Webview side: a message the page can render (a known type with a header object). */
export function isToWebview(message: unknown): message is ToWebview {
  if (!isRecord(message) || !isRecord(message.header)) return false;
  if (message.code !== undefined && !isCodeLinks(message.code)) return false;
  return message.type === 'loading' || message.type === 'payload' || message.type === 'error';
}

function isCodeLinks(code: unknown): code is CodeLinks {
  if (!isRecord(code) || typeof code.goToSource !== 'boolean' || !Array.isArray(code.frames)) return false;
  const int = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
  return code.frames.every((f: unknown) => isRecord(f) && int(f.index) && int(f.start) && int(f.end) && (f.start as number) < (f.end as number));
}

/** Webview side: the state saved by an earlier page, when it has a header to draw. */
export function isWebviewState(state: unknown): state is PayloadWebviewState {
  return isRecord(state) && typeof state.key === 'string' && isRecord(state.header);
}
