/**
 * Fault injection: a list of switches, each matching some requests (by product and path) for a
 * number of times, and the ways a fault bends the answer. The product-specific parts (error
 * bodies, where cursors and required keys live) come from each ProductApi.
 */
import type { ServerResponse } from 'http';
import { type ApiName, type ApiRequest, type ApiResponse, serialize } from './http-util';
import { isRecord, type ProductApi } from './product';

export const FAULT_KINDS = [
  '429', '502', '503', 'slow', 'timeout', 'cut', 'malformed', 'missingField', 'extraFields', 'repeatCursor', 'expiredToken', 'hugeBody', 'deepEntry', 'badTime', 'bigNumber',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Only requests to this product (default: any). */
  api?: ApiName;
  /** Only requests whose path contains this (default: any). */
  path?: string;
  kind: FaultKind;
  /** How many matching requests it applies to (default 1; `repeatCursor` default: unlimited). */
  count?: number;
  /**
   * Retry-After for 429 / 502 / 503: seconds (default 1 for 429), or a header value sent verbatim,
   * the way careless servers send it (`0`, `-1`, `1.5`, a date already past).
   */
  retryAfter?: number | string;
  /** `slow`: delay before the normal answer (default 2000); other kinds: delay before the fault. */
  delayMs?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Requests it still applies to (Infinity = until cleared). */
  remaining: number;
  /** Requests it has applied to. */
  hits: number;
}

/** Validates a fault received over HTTP or from a test (numbers like 429 are accepted for kind). */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (!isRecord(input)) {
    throw new Error('a fault must be a JSON object');
  }
  const kind = String(input.kind) as FaultKind;
  if (!FAULT_KINDS.includes(kind)) {
    throw new Error(`unknown fault kind ${String(input.kind)}; one of ${FAULT_KINDS.join(', ')}`);
  }
  const spec: FaultSpec = { kind };
  if (input.api !== undefined) {
    if (input.api !== 'torq' && input.api !== 'slack' && input.api !== 'sde') {
      throw new Error('fault api must be torq, slack or sde');
    }
    spec.api = input.api;
  }
  if (input.path !== undefined) {
    if (typeof input.path !== 'string') {
      throw new Error('fault path must be a string');
    }
    spec.path = input.path;
  }
  if (typeof input.retryAfter === 'string') {
    spec.retryAfter = input.retryAfter;
  }
  for (const key of ['count', 'retryAfter', 'delayMs'] as const) {
    if (key === 'retryAfter' && spec.retryAfter !== undefined) {
      continue;
    }
    const value = input[key];
    if (value !== undefined && value !== null) {
      if (typeof value !== 'number' || !(value >= 0)) {
        throw new Error(`fault ${key} must be a non-negative number`);
      }
      spec[key] = value;
    }
  }
  const known = new Set(['api', 'path', 'kind', 'count', 'retryAfter', 'delayMs']);
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new Error(`unknown fault field(s): ${unknown.join(', ')}`);
  }
  return spec;
}

export class FaultRegistry {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const checked = parseFaultSpec(spec);
    const remaining = checked.count ?? (checked.kind === 'repeatCursor' ? Infinity : 1);
    const fault: ActiveFault = { ...checked, id: this.nextId++, remaining, hits: 0 };
    if (remaining > 0) {
      this.active.push(fault);
    }
    return fault;
  }

  clear(): void {
    this.active.length = 0;
  }

  list(): ActiveFault[] {
    return this.active.map((f) => ({ ...f }));
  }

  /** The first fault matching this request that can apply to it; counts it as used. */
  take(api: ApiName, path: string, applies: (kind: FaultKind) => boolean): ActiveFault | undefined {
    const index = this.active.findIndex((f) => (f.api === undefined || f.api === api) && (f.path === undefined || path.includes(f.path)) && applies(f.kind));
    if (index < 0) {
      return undefined;
    }
    const fault = this.active[index];
    fault.hits++;
    fault.remaining--;
    if (fault.remaining <= 0) {
      this.active.splice(index, 1);
    }
    return { ...fault };
  }
}

/** Whether a fault kind makes sense for this request (others are left for a later request). */
export function faultApplies(kind: FaultKind, product: ProductApi, req: ApiRequest): boolean {
  if (kind === 'expiredToken') {
    return product.expiredToken(req) !== undefined;
  }
  if (kind === 'repeatCursor') {
    return product.sentCursor(req) !== undefined;
  }
  return true;
}

/** The product's failure answer, with a Retry-After header value given verbatim when the fault has one. */
export function failureResponse(product: ProductApi, status: 429 | 502 | 503, retryAfter: number | string | undefined): ApiResponse {
  if (typeof retryAfter !== 'string') {
    return product.failure(status, retryAfter);
  }
  const response = product.failure(status, undefined);
  return { ...response, headers: { ...(response.headers ?? {}), 'Retry-After': retryAfter } };
}

/** Adds unknown keys to every object of the answer: clients must ignore what they do not know. */
export function addExtraFields(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(addExtraFields);
  } else if (isRecord(value)) {
    Object.values(value).forEach(addExtraFields);
    value.x_fake_unknown_field = 'added by the extraFields fault';
    value.x_fake_unknown_object = { rev: 2, flags: ['beta'] };
  }
}

/** The keys under which the three products list their entries. */
const LIST_KEYS = ['activity_logs', 'audit_logs', 'activities', 'results'] as const;

/** The first entry of a list answer (none for other answers). */
function firstEntry(json: unknown): Record<string, unknown> | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const key = LIST_KEYS.find((k) => Array.isArray(json[k]));
  const first: unknown = key ? (json[key] as unknown[])[0] : undefined;
  return isRecord(first) ? first : undefined;
}

/** How deep `deepEntry` nests its value: what made JSON.stringify overflow the stack in the editor. */
export const DEEP_ENTRY_LEVELS = 6000;
/** The id `bigNumber` puts in an entry: beyond 2^53, so JSON.parse rounds it to …567000. */
export const BIG_NUMBER_TEXT = '12345678901234567890';
const VALUE_MARKER = 'XFAKEENTRYVALUEMARKERX';

/**
 * The first entry of the page gets `jsonText` where the product keeps free-form data (Slack's
 * `payload.details`, SD Elements' `data`, Torq's `execution`), written as text: JSON.stringify
 * could write neither a value nested thousands deep nor an integer beyond 2^53 exactly.
 */
function withEntryValue(response: ApiResponse, key: string, jsonText: string): ApiResponse {
  const entry = firstEntry(response.json);
  if (!entry) {
    return response;
  }
  if (isRecord(entry.payload)) {
    entry.payload[key] = VALUE_MARKER;
  } else if (isRecord(entry.data)) {
    entry.data[key] = VALUE_MARKER;
  } else {
    entry.execution = { ...(isRecord(entry.execution) ? entry.execution : {}), [key]: VALUE_MARKER };
  }
  const { headers } = serialize(response);
  return { status: response.status, headers, text: JSON.stringify(response.json).replace(`"${VALUE_MARKER}"`, jsonText) };
}

/** `deepEntry`: a value nested `DEEP_ENTRY_LEVELS` deep, in `details` (a key Slack's entry identity reads). */
export function withDeepEntry(response: ApiResponse): ApiResponse {
  return withEntryValue(response, 'details', '{"level":'.repeat(DEEP_ENTRY_LEVELS) + '"bottom"' + '}'.repeat(DEEP_ENTRY_LEVELS));
}

/** `bigNumber`: `x_fake_big_id: 12345678901234567890`, as a server with 64-bit ids writes it. */
export function withBigNumber(response: ApiResponse): ApiResponse {
  return withEntryValue(response, 'x_fake_big_id', BIG_NUMBER_TEXT);
}

/**
 * `badTime`: the first entry of the page gets a time no reader can place: Slack's `created` as
 * 20 digits (the schema's digit string, 3 million years on), Go's zero time `0001-01-01` for the
 * RFC 3339 times of Torq and SD Elements.
 */
export function withBadTime(json: unknown): void {
  const entry = firstEntry(json);
  if (!entry) {
    return;
  }
  if ('created' in entry) {
    entry.created = '99999999999999999999';
  } else if ('date' in entry) {
    entry.date = '0001-01-01T00:00:00+00:00';
  } else if (isRecord(entry.event)) {
    entry.event.timestamp = '0001-01-01T00:00:00Z';
  } else {
    entry.timestamp = '0001-01-01T00:00:00Z';
  }
}

/** Valid JSON cut short plus text that can never be JSON. */
export function corrupt(response: ApiResponse): ApiResponse {
  const text = serialize(response).body.toString('utf8');
  const cutAt = Math.max(1, Math.floor(text.length * 0.6));
  return { status: 200, headers: { ...(response.headers ?? {}), 'Content-Type': 'application/json' }, text: `${text.slice(0, cutAt)}<!-- malformed -->` };
}

/** Sends the status line, headers (with the full Content-Length) and half the body, then drops the connection. */
export function writeCut(res: ServerResponse, response: ApiResponse): void {
  const { headers, body } = serialize(response);
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const part = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  res.write(part, () => {
    res.socket?.destroy();
  });
}

const HUGE_MARKER = 'XFAKEHUGEBODYMARKERX';

/**
 * Streams an answer of about `bytes` bytes that is still valid JSON: the product's answer with a
 * very long string where a big value would naturally be, written in chunks with back-pressure.
 */
export async function writeHuge(res: ServerResponse, product: ProductApi, response: ApiResponse, bytes: number): Promise<void> {
  const json = response.json ?? {};
  if (!product.placeHuge(json, HUGE_MARKER) && isRecord(json)) {
    json.x_fake_padding = HUGE_MARKER;
  }
  const { headers, body } = serialize({ ...response, json });
  const text = body.toString('utf8');
  const at = text.indexOf(HUGE_MARKER);
  const prefix = Buffer.from(at < 0 ? text : text.slice(0, at), 'utf8');
  const suffix = Buffer.from(at < 0 ? '' : text.slice(at + HUGE_MARKER.length), 'utf8');
  const chunk = Buffer.from('lorem ipsum dolor sit amet '.repeat(Math.ceil((1 << 20) / 27)).slice(0, 1 << 20), 'utf8');
  const fill = at < 0 ? 0 : Math.max(0, bytes - prefix.length - suffix.length);
  headers['Content-Length'] = String(prefix.length + fill + suffix.length);
  res.writeHead(response.status, headers);
  const write = (buffer: Buffer): Promise<void> =>
    new Promise((resolve) => {
      if (res.destroyed || res.write(buffer)) {
        resolve();
      } else {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      }
    });
  await write(prefix);
  for (let left = fill; left > 0 && !res.destroyed; left -= chunk.length) {
    await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  }
  if (!res.destroyed) {
    res.end(suffix);
  }
}
