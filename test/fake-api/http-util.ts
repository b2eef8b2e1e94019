/**
 * Plumbing shared by the three fake products: the parsed request, the response value a handler
 * returns (so that faults can rewrite it before it is written), and parameter helpers.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'http';

export type ApiName = 'torq' | 'slack' | 'sde';

/** Query or form parameters, every name with all its values in order. */
export type Params = Record<string, string[]>;

export interface ApiRequest {
  method: string;
  /** Path without the query string, e.g. `/public/v1alpha/activity_logs`. */
  path: string;
  query: Params;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `http://<Host header>`: what absolute URLs in answers are built from. */
  origin: string;
  /** Path plus query string as received. */
  rawUrl: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value to serialise; or `text` for a raw body. */
  json?: unknown;
  text?: string;
}

/** Thrown by a handler to answer with an error response right away. */
export class Reply extends Error {
  constructor(readonly response: ApiResponse) {
    super(`reply ${response.status}`);
  }
}

export function jsonResponse(status: number, json: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, json, headers };
}

export function paramsFrom(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [name, value] of search) {
    (out[name] ??= []).push(value);
  }
  return out;
}

/** Merges form parameters into query parameters (Slack accepts a mix). */
export function mergeParams(a: Params, b: Params): Params {
  const out: Params = {};
  for (const source of [a, b]) {
    for (const [name, values] of Object.entries(source)) {
      (out[name] ??= []).push(...values);
    }
  }
  return out;
}

export function firstParam(params: Params, name: string): string | undefined {
  return params[name]?.[0];
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `Authorization: <scheme> <credentials>` → credentials when the scheme matches (case-insensitive). */
export function authorization(headers: IncomingHttpHeaders, scheme: string): string | undefined {
  const value = headerValue(headers, 'authorization');
  if (!value) {
    return undefined;
  }
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space).toLowerCase() !== scheme.toLowerCase()) {
    return undefined;
  }
  return value.slice(space + 1).trim();
}

export function basicCredentials(headers: IncomingHttpHeaders): { user: string; password: string } | undefined {
  const encoded = authorization(headers, 'Basic');
  if (!encoded) {
    return undefined;
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function contentType(headers: IncomingHttpHeaders): string {
  return (headerValue(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
}

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Strict integer parse ("12", "-3" yes; "1.5", "1e3", " 3", beyond 2^53 no). */
export function parseIntStrict(text: string): number | undefined {
  if (!/^-?\d{1,16}$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Stable text of a value: object keys sorted, so that it can be hashed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

/** The bytes and headers of a response value. */
export function serialize(response: ApiResponse): { headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let text = response.text ?? '';
  if (response.json !== undefined) {
    text = JSON.stringify(response.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  const body = Buffer.from(text, 'utf8');
  headers['Content-Length'] = String(body.length);
  return { headers, body };
}

export function writeResponse(res: import('http').ServerResponse, response: ApiResponse): void {
  const { headers, body } = serialize(response);
  res.writeHead(response.status, headers);
  res.end(body);
}
