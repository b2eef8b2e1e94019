/**
 * Turning an HTTP response into typed data or a typed error, the same way for every product;
 * each product only says where its error body keeps the message.
 */
import type * as z from 'zod/mini';
import { errorForStatus } from './errors';
import type { HttpResponse } from './http';
import type { SecretRedactor } from './redact';
import { parseJson, parseWith } from './schema';

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
  if (res.status < 200 || res.status >= 300) throw responseError(res, service, messageOf, redactor);
  return parseWith(schema, parseJson(res.text, service, redactor), service);
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

/** Reads `key` from a JSON object body when it is a string. */
export function stringField(body: unknown, key: string): string | undefined {
  if (body && typeof body === 'object' && typeof (body as Record<string, unknown>)[key] === 'string') {
    return (body as Record<string, string>)[key];
  }
  return undefined;
}
