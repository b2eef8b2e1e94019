/**
 * The one HTTP client every source uses: per-request timeout, cancellation, bounded retries that
 * honour Retry-After, credentials attached only to their own origin, no redirects followed, and
 * messages that never carry a secret.
 */
import fetch, { FetchError } from 'node-fetch';
import { ActivityLogsError, cancelledError } from './errors';
import { Logger, silentLogger } from './log';
import { SecretRedactor } from './redact';
import { isSafeUrl } from './urls';

export { isLoopbackHost, isSafeUrl } from './urls';

export type QueryValue = string | number | boolean | readonly string[] | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export interface HttpRequest {
  readonly method?: 'GET' | 'POST';
  readonly url: string;
  readonly query?: QueryParams;
  readonly headers?: Readonly<Record<string, string>>;
  /** A form body for POST (`application/x-www-form-urlencoded`). */
  readonly form?: QueryParams;
  /** Sent only when the request goes to `origin`: a credential never leaves its own source. */
  readonly credential?: { readonly header: string; readonly origin: string };
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Whether the request may be sent again after a 429/5xx/reset; GETs are, by default. */
  readonly idempotent?: boolean;
  /** What the request is, for messages: "Torq activity logs". */
  readonly service: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly url: string;
  readonly text: string;
  header(name: string): string | undefined;
  readonly retryAfterMs?: number;
}

export interface HttpClientOptions {
  readonly timeoutMs?: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number;
  /** A Retry-After longer than this is not waited for: the error reaches the user instead. */
  readonly maxRetryAfterMs?: number;
  readonly baseBackoffMs?: number;
  /**
   * An answer larger than this is refused (not read further) with an error that says to narrow the
   * window: a runaway page must not exhaust the memory of the extension host. Default 32 MB.
   */
  readonly maxResponseBytes?: number;
  readonly log?: Logger;
  /** Masks secrets in the messages this client builds (the sources' redactor; a blank one by default). */
  readonly redactor?: SecretRedactor;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ETIMEDOUT', 'EAI_AGAIN']);

export class HttpClient {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxResponseBytes: number;
  private readonly log: Logger;
  private readonly redactor: SecretRedactor;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Requests sent, attempts included: benchmarks and tests read it. */
  requestCount = 0;

  constructor(options: HttpClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 500;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.log = options.log ?? silentLogger;
    this.redactor = options.redactor ?? new SecretRedactor();
    this.sleep = options.sleep ?? abortableSleep;
  }

  /**
   * Sends the request and returns whatever status came back once retries are spent; throws only
   * for network failures, timeouts, cancellation and unsafe URLs.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(req.url, req.query);
    assertSafeUrl(url, req.service);
    const idempotent = req.idempotent ?? (req.method ?? 'GET') === 'GET';
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(req.signal);
      let response: HttpResponse;
      try {
        response = await this.attempt(url, req);
      } catch (e) {
        const error = e as ActivityLogsError;
        if (error.kind === 'network' && idempotent && attempt < this.maxAttempts && isRetryableNetwork(error)) {
          const wait = this.backoff(attempt);
          this.log.warn(`${req.service}: ${error.message}; retrying in ${wait} ms (attempt ${attempt + 1} of ${this.maxAttempts})`);
          await this.sleep(wait, req.signal).catch(() => throwIfAborted(req.signal));
          continue;
        }
        throw error;
      }
      if (!RETRYABLE_STATUS.has(response.status) || !idempotent || attempt >= this.maxAttempts) return response;
      // Retry-After is the least to wait: `0` does not mean "hammer", the back-off still applies.
      const wait = Math.max(response.retryAfterMs ?? 0, this.backoff(attempt));
      if (wait > this.maxRetryAfterMs) return response;
      this.log.warn(`${req.service}: HTTP ${response.status}; retrying in ${wait} ms (attempt ${attempt + 1} of ${this.maxAttempts})`);
      await this.sleep(wait, req.signal).catch(() => throwIfAborted(req.signal));
    }
  }

  private backoff(attempt: number): number {
    const exp = this.baseBackoffMs * 2 ** (attempt - 1);
    return Math.round(exp / 2 + (exp / 2) * Math.random());
  }

  private async attempt(url: URL, req: HttpRequest): Promise<HttpResponse> {
    const timeout = new AbortController();
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const onAbort = () => timeout.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'activity-logs-vscode', ...req.headers };
    if (req.credential) {
      if (url.origin === req.credential.origin) headers.Authorization = req.credential.header;
      else this.log.warn(`${req.service}: not sending credentials to ${url.origin}, which is not the source's origin ${req.credential.origin}`);
    }
    let body: string | undefined;
    if (req.form) {
      body = toSearchParams(req.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const started = Date.now();
    this.requestCount++;
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(url.toString(), {
        method: req.method ?? 'GET',
        headers,
        body,
        redirect: 'manual',
        signal: timeout.signal as never,
        compress: true,
        // Stops reading a body without Content-Length once it passes the cap.
        size: this.maxResponseBytes,
      });
    } catch (e) {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      throw this.failure(e, req, timeout.signal, timeoutMs, `${req.service} could not be reached`);
    }
    try {
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > this.maxResponseBytes) {
        // Refused before reading: drop the connection instead of downloading what will not be used.
        (res.body as unknown as { destroy?: () => void } | null)?.destroy?.();
        throw tooLargeError(req.service, this.maxResponseBytes, declared);
      }
      const text = await res.text();
      this.log.debug(`${req.method ?? 'GET'} ${redactUrl(url, this.redactor)} → ${res.status} (${text.length} bytes, ${Date.now() - started} ms)`);
      return {
        status: res.status,
        url: res.url || url.toString(),
        text,
        header: (name) => res.headers.get(name) ?? undefined,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      };
    } catch (e) {
      if (e instanceof ActivityLogsError) throw e;
      if (e instanceof FetchError && e.type === 'max-size') throw tooLargeError(req.service, this.maxResponseBytes);
      // The status line and headers arrived: the server was reached, and then cut the answer short.
      throw this.failure(e, req, timeout.signal, timeoutMs, `${req.service} could not be reached in full: the connection closed before the whole answer arrived`);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A failed fetch or body read as the error to show: cancelled, timed out, or a network failure. */
  private failure(e: unknown, req: HttpRequest, timeout: AbortSignal, timeoutMs: number, what: string): ActivityLogsError {
    if (req.signal?.aborted) return cancelledError();
    if (timeout.aborted) return new ActivityLogsError('timeout', `${req.service} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    const code = e instanceof FetchError ? (e.code ?? e.errno) : (e as { code?: string }).code;
    const reason = e instanceof Error ? e.message : String(e);
    // node-fetch puts the whole URL (query included) in its message: keep only its last words.
    const short = reason.replace(/^.*\bfetch(?:ing)? https?:\/\/\S+: /i, '');
    return new ActivityLogsError('network', this.redactor.redact(`${what}: ${short}`), {
      code: code ? String(code) : undefined,
      cause: e,
    });
  }
}

function tooLargeError(service: string, limit: number, declared?: number): ActivityLogsError {
  const size = declared === undefined ? `more than ${formatMb(limit)}` : formatMb(declared);
  return new ActivityLogsError('badResponse', `${service} sent an answer too large to show (${size}; the limit is ${formatMb(limit)}). Narrow the time window, or lower the page size, to get smaller pages.`, {
    code: 'tooLarge',
    fix: 'narrowWindow',
  });
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function isRetryableNetwork(e: ActivityLogsError): boolean {
  return e.code !== undefined ? RETRYABLE_NETWORK_CODES.has(e.code) : /premature close|socket hang up|aborted/i.test(e.message);
}

export function buildUrl(base: string, query?: QueryParams): URL {
  const url = new URL(base);
  if (query) {
    for (const [key, value] of toSearchParams(query)) url.searchParams.append(key, value);
  }
  return url;
}

function toSearchParams(params: QueryParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) out.append(key, v);
    else out.append(key, String(value));
  }
  return out;
}

/** Credentials travel over HTTPS only; plain HTTP is allowed to loopback (the fake server, tests). */
export function assertSafeUrl(url: URL, service: string): void {
  if (isSafeUrl(url)) return;
  throw new ActivityLogsError('config', `${service}: refusing ${url.protocol}//${url.host} — only HTTPS is allowed (plain HTTP only to localhost)`);
}

/** The three HTTP-date forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime). */
const HTTP_DATE = [
  /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * Delay-seconds (a non-negative integer) or an HTTP date in the future, as RFC 9110 allows;
 * anything else (`-1`, `1.5`, a date already past, text `Date.parse` happens to read) is
 * undefined, so that the caller backs off instead of retrying at once.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return +trimmed * 1000;
  if (!HTTP_DATE.some((form) => form.test(trimmed))) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) || date <= now ? undefined : date - now;
}

function redactUrl(url: URL, redactor: SecretRedactor): string {
  const copy = new URL(url.toString());
  if (copy.searchParams.has('token')) copy.searchParams.set('token', '••••');
  return redactor.redact(copy.toString());
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError();
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
