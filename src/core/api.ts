/**
 * Turning an HTTP response into typed data or a typed error, the same way for every product;
 * each product only says where its error body keeps the message.
 */
import type * as z from 'zod/mini';
import { ActivityLogsError, errorForStatus } from './errors';
import type { HttpRequest, HttpResponse } from './http';
import type { SecretRedactor } from './redact';
import { parseJson, parseWith } from './schema';
import type { CredentialName, SourceContext } from './source';

/** Reads the product's message from an error body (already parsed JSON, or undefined if not JSON). */
export type ErrorMessageReader = (body: unknown) => string | undefined;

/**
 * The body of a successful answer, checked by `schema`. A list page read in two steps (see
 * `RawPage`) passes its envelope schema here (the cursor, the list as an array) and checks the
 * entries in its decode step.
 */
export function decodeResponse<S extends z.core.$ZodType>(
  res: HttpResponse,
  schema: S,
  service: string,
  messageOf: ErrorMessageReader,
  redactor: SecretRedactor,
): z.infer<S> {
  return parseWith(schema, responseJson(res, service, messageOf, redactor), service);
}

/** The parsed JSON of a successful answer; the error for a failed one (see `responseError`). */
export function responseJson(res: HttpResponse, service: string, messageOf: ErrorMessageReader, redactor: SecretRedactor): unknown {
  if (res.status < 200 || res.status >= 300) throw responseError(res, service, messageOf, redactor);
  return parseJson(res.text, service, redactor);
}

/** The error for a failed answer; what the server said passes `redactor` (servers echo credentials). */
export function responseError(res: HttpResponse, service: string, messageOf: ErrorMessageReader, redactor: SecretRedactor) {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    body = undefined;
  }
  const said = messageOf(body);
  return errorForStatus(service, res.status, said === undefined ? undefined : redactor.preview(said, 300), res.retryAfterMs);
}

/**
 * A secret of source `sourceId`, for `origins` only, registered with the redactor so that no
 * message shows it; an `auth` error saying `missing` (with the fix to enter it) when none is set.
 */
export async function sourceSecret(ctx: SourceContext, sourceId: string, name: CredentialName, origins: readonly string[], missing: string): Promise<string> {
  const secret = await ctx.credentials.get(sourceId, name, origins);
  if (!secret) throw new ActivityLogsError('auth', missing, { fix: 'enterCredentials' });
  ctx.redactor.register(secret, sourceId);
  return secret;
}

/** Where a source's secret goes: `Authorization: <scheme> <secret>`, to `origin` only. */
export interface SecretCredential {
  readonly name: CredentialName;
  readonly scheme: 'Bearer' | 'Token';
  readonly origin: string;
  /** What to say when the secret is not set, with how to get one. */
  readonly missing: string;
}

/** What every product's client holds: whose it is, where it sends, and what it sends with. */
export abstract class SourceClient<Endpoints> {
  constructor(
    protected readonly sourceId: string,
    readonly endpoints: Endpoints,
    protected readonly ctx: SourceContext,
  ) {}

  /** Sends `request` with the source's secret as its credential (see `SecretCredential`). */
  protected async sendWithSecret(request: Omit<HttpRequest, 'credential'>, credential: SecretCredential): Promise<HttpResponse> {
    const secret = await sourceSecret(this.ctx, this.sourceId, credential.name, [credential.origin], credential.missing);
    return this.ctx.http.send({ ...request, credential: { header: `${credential.scheme} ${secret}`, origin: credential.origin } });
  }
}

/**
 * The first of `keys` that holds a non-empty string in an error body (already parsed JSON, or
 * undefined if not JSON): where most products keep their message.
 */
export function bodyMessage(body: unknown, keys: readonly string[]): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  for (const key of keys) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
