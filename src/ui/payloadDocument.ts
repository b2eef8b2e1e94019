/**
 * "Open as JSON document": a read-only virtual document with the payload pretty-printed, so the
 * editor's own folding, find and JSON language features apply. JSON held in strings at
 * `jsonStringPaths` is decoded in place (the document is a view; the activity is never changed).
 *
 * Only type imports from `vscode` here: the provider needs no runtime API, so the text building
 * is unit-tested in plain Node. PayloadPanels registers it and builds the URIs.
 */
import type { CancellationToken, Event, TextDocumentContentProvider, Uri } from 'vscode';
import type { SourceKind } from '../core/activity';
import { type Segment, copyExactNumbers, decodeJsonStringPaths as decodedStrings, parsePath, stringifyExact } from '../core/jsonModel';

import { PAYLOAD_SCHEME } from './contributions';

export { PAYLOAD_SCHEME };

export interface DocumentPayload {
  readonly payload: unknown;
  readonly jsonStringPaths: readonly string[];
  /** Whose fields that differ on every run a comparison masks. */
  readonly sourceKind?: SourceKind;
}

/** Fetches a payload again (e.g. the document was restored after a window reload). */
export type PayloadReloader = (key: string, signal: AbortSignal) => Promise<DocumentPayload | undefined>;

function childOf(v: unknown, s: Segment): { found: boolean; value?: unknown } {
  if (Array.isArray(v)) {
    return typeof s === 'number' && s < v.length ? { found: true, value: v[s] } : { found: false };
  }
  if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, String(s))) {
    return { found: true, value: (v as Record<string, unknown>)[String(s)] };
  }
  return { found: false };
}

/** Copy-on-write replace: only the containers along the path are copied; the input is untouched. */
function replaceAt(root: unknown, segs: readonly Segment[], depth: number, value: unknown): unknown {
  if (depth === segs.length) return value;
  const s = segs[depth];
  const child = childOf(root, s);
  if (!child.found) return root;
  const next = replaceAt(child.value, segs, depth + 1, value);
  let copy: unknown;
  if (Array.isArray(root)) {
    copy = root.slice();
    (copy as unknown[])[s as number] = next;
  } else copy = { ...(root as Record<string, unknown>), [String(s)]: next };
  // The copy holds the same numbers: and the same exact digits of big integers.
  copyExactNumbers(root, copy);
  return copy;
}

/**
 * The payload with JSON-string fields at `paths` replaced by their parsed object/array, decided by
 * the same code the panel uses (src/core/jsonModel/jsonStrings.ts). Shorter paths first, so a
 * listed path may lie inside another decoded one.
 */
export function decodeJsonStringPaths(payload: unknown, paths: readonly string[]): unknown {
  const decoded = [...decodedStrings(payload, paths)].map(([path, value]) => ({ segs: parsePath(path)!, value }));
  let root = payload;
  for (const { segs, value } of decoded.sort((a, b) => a.segs.length - b.segs.length)) root = replaceAt(root, segs, 0, value);
  return root;
}

/** The document text: pretty-printed with two spaces, JSON strings at `jsonStringPaths` decoded. */
export function payloadDocumentText(payload: unknown, jsonStringPaths: readonly string[] = []): string {
  const text = stringifyExact(decodeJsonStringPaths(payload, jsonStringPaths), 2);
  // `undefined` (nothing loaded) still has to be a valid JSON document.
  return (text ?? 'null') + '\n';
}

/** "Show raw" of the entries a group could not read: each with why, then the entry as sent. */
export function unreadableDocumentText(unreadable: ReadonlyArray<{ readonly raw: unknown; readonly reason: string }>): string {
  return stringifyExact(unreadable.map((u) => ({ reason: u.reason, entry: u.raw })), 2) + '\n';
}

function fileSafe(text: string, max: number): string {
  const cleaned = text
    .replace(/[\\/:*?"<>|#%?\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned.length > max ? cleaned.slice(0, max).trim() : cleaned) || 'payload';
}

/**
 * URI parts of an activity's document: a readable path ending `.json` and the key in the query;
 * `compare`: one side of a comparison (the payload normalised), a document of its own.
 */
export function documentUriParts(activity: { key: string; id: string; title: string }, sourceLabel: string, compare = false): {
  scheme: string;
  path: string;
  query: string;
} {
  return {
    scheme: PAYLOAD_SCHEME,
    path: `/${fileSafe(sourceLabel, 40)}/${fileSafe(activity.title || activity.id, 60)} (${fileSafe(activity.id, 40)}).json`,
    query: new URLSearchParams(compare ? { key: activity.key, view: 'compare' } : { key: activity.key }).toString(),
  };
}

export function keyFromDocumentQuery(query: string): string | undefined {
  return new URLSearchParams(query).get('key') ?? undefined;
}

/** Whether a document's query names one side of a comparison. */
export function isCompareQuery(query: string): boolean {
  return new URLSearchParams(query).get('view') === 'compare';
}

export const NOT_LOADED_DOCUMENT =
  JSON.stringify(
    { message: 'The payload is no longer loaded. Open the activity again from the Activity Logs view.' },
    null,
    2,
  ) + '\n';

/**
 * Serves documents for payloads handed to it with `set` (kept until `release`), and asks the
 * reloader for any other key, e.g. a document VS Code restores after a window reload.
 */
export class PayloadDocumentProvider implements TextDocumentContentProvider {
  private readonly entries = new Map<string, DocumentPayload>();
  /** The text of a comparison's side (src/ui/compare.ts sets it); without it, the document's. */
  compareText?: (entry: DocumentPayload) => string;

  constructor(
    private readonly reload?: PayloadReloader,
    readonly onDidChange?: Event<Uri>,
  ) {}

  set(key: string, entry: DocumentPayload): void {
    this.entries.set(key, entry);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  release(key: string): void {
    this.entries.delete(key);
  }

  async provideTextDocumentContent(uri: Uri, token?: CancellationToken): Promise<string> {
    const key = keyFromDocumentQuery(uri.query);
    if (key === undefined) return NOT_LOADED_DOCUMENT;
    let entry = this.entries.get(key);
    if (!entry && this.reload) {
      const controller = new AbortController();
      const sub = token?.onCancellationRequested(() => controller.abort());
      try {
        entry = await this.reload(key, controller.signal);
        if (entry) this.entries.set(key, entry);
      } catch {
        entry = undefined;
      } finally {
        sub?.dispose();
      }
    }
    if (!entry) return NOT_LOADED_DOCUMENT;
    return this.compareText && isCompareQuery(uri.query) ? this.compareText(entry) : payloadDocumentText(entry.payload, entry.jsonStringPaths);
  }
}
