/**
 * Typed errors: every failure a user can meet says what happened and which fix applies, so the
 * tree can offer that fix as a command instead of an empty list.
 */

export type ErrorKind =
  | 'auth' // credentials missing, wrong, expired or revoked
  | 'permission' // credentials fine, role or scope insufficient
  | 'plan' // the product's plan does not include the feature
  | 'rateLimited'
  | 'server' // 5xx
  | 'network' // refused, reset, cut mid-body, DNS
  | 'timeout'
  | 'badResponse' // not JSON, missing a required field, a cursor loop
  | 'badRequest' // the server rejected our parameters
  | 'notFound'
  | 'config' // a setting is wrong (URL, app id): fixed by editing the source
  | 'cancelled'
  | 'internal'; // a bug of ours (a TypeError...): no fix a user can apply, nothing to retry

export type Fix = 'enterCredentials' | 'retry' | 'narrowWindow' | 'editSource' | 'none';

export interface ErrorDetails {
  readonly status?: number;
  /** The product's own error code (`invalid_auth`, rpc code 16, ...). */
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly fix?: Fix;
  readonly cause?: unknown;
}

export class ActivityLogsError extends Error {
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly fix: Fix;

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'ActivityLogsError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
    this.fix = details.fix ?? defaultFix(kind);
  }
}

export function defaultFix(kind: ErrorKind): Fix {
  switch (kind) {
    case 'auth':
    case 'permission':
      return 'enterCredentials';
    case 'rateLimited':
    case 'server':
    case 'network':
    case 'badResponse':
      return 'retry';
    case 'timeout':
      return 'narrowWindow';
    case 'badRequest':
    case 'notFound':
    case 'config':
      return 'editSource';
    case 'plan':
    case 'cancelled':
    case 'internal':
      return 'none';
  }
}

export const FIX_LABELS: Readonly<Record<Fix, string>> = {
  enterCredentials: 'Enter credentials…',
  retry: 'Retry',
  narrowWindow: 'Narrow the time window…',
  editSource: 'Edit source settings…',
  none: '',
};

/** Maps an HTTP status to the error a user should see; `message` is the product's text when it gave one. */
/** " Try again in N s." for a wait the server asked for; nothing for none or 0 ("0 s" is no advice). */
export function tryAgainIn(retryAfterMs: number | undefined): string {
  return retryAfterMs ? ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : '';
}

export function errorForStatus(service: string, status: number, message: string | undefined, retryAfterMs?: number): ActivityLogsError {
  const said = message ? `: ${message}` : '';
  if (status === 401) return new ActivityLogsError('auth', `${service} rejected the credentials (HTTP 401)${said}`, { status });
  if (status === 403) return new ActivityLogsError('permission', `${service} refused access (HTTP 403)${said}`, { status });
  if (status === 404) return new ActivityLogsError('notFound', `${service} has no such resource (HTTP 404)${said}`, { status });
  if (status === 429) {
    // `Retry-After: 0` is no advice: the retries back off anyway.
    const wait = tryAgainIn(retryAfterMs);
    // The product's own sentence may end with a period already ("…in 3 seconds.").
    return new ActivityLogsError('rateLimited', `${service} is rate limiting requests (HTTP 429)${said.replace(/\.$/, '')}.${wait}`, { status, retryAfterMs });
  }
  // A 503's Retry-After says when to come back: kept so that a live tail waits that long.
  if (status >= 500) return new ActivityLogsError('server', `${service} had a server error (HTTP ${status})${said}`, { status, retryAfterMs });
  if (status >= 300 && status < 400) {
    return new ActivityLogsError('badResponse', `${service} answered with an unexpected redirect (HTTP ${status})`, { status });
  }
  return new ActivityLogsError('badRequest', `${service} rejected the request (HTTP ${status})${said}`, { status });
}

export function isCancelled(e: unknown): boolean {
  return e instanceof ActivityLogsError && e.kind === 'cancelled';
}

export function cancelledError(): ActivityLogsError {
  return new ActivityLogsError('cancelled', 'Cancelled');
}

/** The message of any thrown value. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Any thrown value as an ActivityLogsError, so callers have one shape to show. Everything a
 * server or the network can do is turned into a typed error where it happens: anything else
 * thrown (a TypeError) is a bug of ours, said as such rather than as a bad response to retry.
 */
export function asActivityLogsError(e: unknown): ActivityLogsError {
  if (e instanceof ActivityLogsError) return e;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new ActivityLogsError('internal', `Internal error in Activity Logs (${message}). Please report it with the Activity Logs output.`, { cause: e });
}
