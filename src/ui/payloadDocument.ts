/**
 * "Open as JSON document": a read-only virtual document with the payload pretty-printed, so the
 * editor's own folding, find and JSON language features apply. JSON held in strings at
 * `jsonStringPaths` is decoded in place (the document is a view; the activity is never changed).
 *
 * Only type imports from `vscode` here: the provider needs no runtime API, so the text building
 * is unit-tested in plain Node. PayloadPanels registers it and builds the URIs.
 */
import type { CancellationToken, Event, TextDocumentContentProvider, Uri } from 'vscode';

export const PAYLOAD_SCHEME = 'activity-logs-payload';

export interface DocumentPayload {
  readonly payload: unknown;
  readonly jsonStringPaths: readonly string[];
}

/** Fetches a payload again (e.g. the document was restored after a window reload). */
export type PayloadReloader = (key: string, signal: AbortSignal) => Promise<DocumentPayload | undefined>;

type Segment = string | number;

/**
 * Same grammar as `parsePath` in media/payload-model.js (`a.b[3]["weird key"]`, `a.0`); the unit
 * tests check both agree.
 */
export function parsePayloadPath(text: string): Segment[] | undefined {
  const segments: Segment[] = [];
  // A leading `$`, `$.` or `$[` is a root marker (`$ok` is a key).
  let i = text.startsWith('$.') ? 2 : text === '$' || text.startsWith('$[') ? 1 : 0;
  const n = text.length;
  let expectName = i < n && text[i] !== '[';
  while (i < n) {
    const c = text[i];
    if (c === '.' || expectName) {
      if (c === '.') i++;
      expectName = false;
      const start = i;
      while (i < n && text[i] !== '.' && text[i] !== '[') i++;
      const name = text.slice(start, i);
      if (name === '') return undefined;
      segments.push(/^(0|[1-9][0-9]*)$/.test(name) ? Number(name) : name);
    } else if (c === '[') {
      const q = text[i + 1];
      if (q === '"' || q === "'") {
        let j = i + 2;
        while (j < n && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
        if (j >= n || text[j + 1] !== ']') return undefined;
        const literal = text.slice(i + 1, j + 1);
        try {
          const body = q === '"' ? literal : `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`;
          segments.push(JSON.parse(body) as string);
        } catch {
          return undefined;
        }
        i = j + 2;
      } else {
        const close = text.indexOf(']', i);
        if (close < 0) return undefined;
        const digits = text.slice(i + 1, close);
        if (!/^(0|[1-9][0-9]*)$/.test(digits)) return undefined;
        segments.push(Number(digits));
        i = close + 1;
      }
    } else {
      return undefined;
    }
  }
  return segments;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function childOf(v: unknown, s: Segment): { found: boolean; value?: unknown } {
  if (Array.isArray(v)) {
    return typeof s === 'number' && s < v.length ? { found: true, value: v[s] } : { found: false };
  }
  if (isContainer(v) && Object.prototype.hasOwnProperty.call(v, String(s))) {
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
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[s as number] = next;
    return copy;
  }
  return { ...(root as Record<string, unknown>), [String(s)]: next };
}

/**
 * The payload with JSON-string fields at `paths` replaced by their parsed object/array (only when
 * they parse to one). Shorter paths first, so a listed path may lie inside another decoded one.
 */
export function decodeJsonStringPaths(payload: unknown, paths: readonly string[]): unknown {
  const parsed = paths
    .map(parsePayloadPath)
    .filter((s): s is Segment[] => s !== undefined)
    .sort((a, b) => a.length - b.length);
  let root = payload;
  for (const segs of parsed) {
    let v: unknown = root;
    let found = true;
    for (const s of segs) {
      const c = childOf(v, s);
      if (!c.found) {
        found = false;
        break;
      }
      v = c.value;
    }
    if (!found || typeof v !== 'string') continue;
    const t = v.trim();
    if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(t);
    } catch {
      continue;
    }
    if (isContainer(decoded)) root = replaceAt(root, segs, 0, decoded);
  }
  return root;
}

/** The document text: pretty-printed with two spaces, JSON strings at `jsonStringPaths` decoded. */
export function payloadDocumentText(payload: unknown, jsonStringPaths: readonly string[] = []): string {
  const text = JSON.stringify(decodeJsonStringPaths(payload, jsonStringPaths), null, 2);
  // `undefined` (nothing loaded) still has to be a valid JSON document.
  return (text ?? 'null') + '\n';
}

function fileSafe(text: string, max: number): string {
  const cleaned = text
    .replace(/[\\/:*?"<>|#%?\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned.length > max ? cleaned.slice(0, max).trim() : cleaned) || 'payload';
}

/** URI parts of an activity's document: a readable path ending `.json` and the key in the query. */
export function documentUriParts(activity: { key: string; id: string; title: string }, sourceLabel: string): {
  scheme: string;
  path: string;
  query: string;
} {
  return {
    scheme: PAYLOAD_SCHEME,
    path: `/${fileSafe(sourceLabel, 40)}/${fileSafe(activity.title || activity.id, 60)} (${fileSafe(activity.id, 40)}).json`,
    query: new URLSearchParams({ key: activity.key }).toString(),
  };
}

export function keyFromDocumentQuery(query: string): string | undefined {
  return new URLSearchParams(query).get('key') ?? undefined;
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
    return entry ? payloadDocumentText(entry.payload, entry.jsonStringPaths) : NOT_LOADED_DOCUMENT;
  }
}
