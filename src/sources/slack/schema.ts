/**
 * Slack's wire format (api-spec §2.3): `apps.activities.list` and `auth.test`. Every answer is
 * HTTP 200 with `ok`; `ok: false` carries an error code (and `needed` for missing_scope).
 * `created` is epoch microseconds, kept as a digit string so that no precision can be lost.
 */
import * as z from 'zod/mini';
import { bodyMessage } from '../../core/api';
import type { ListFormat } from '../../core/listPage';
import { jsonArray, jsonObject, nullishString } from '../../core/schema';
import { timeFromEpochMicros } from '../../core/time';

const optionalString = nullishString();

/**
 * Integer microseconds as a number (exact below 2^53, which µs epochs are, up to the year 2255)
 * or a numeric string, of a time `timeFromEpochMicros` can show (years 1970 to 9999).
 */
const epochMicros = z.union([
  z.pipe(z.int().check(z.nonnegative()), z.transform((n) => BigInt(n).toString())),
  z.string().check(
    z.regex(/^\d+$/, 'integer microseconds'),
    z.refine((digits) => timeFromEpochMicros(digits) !== undefined, { error: 'Invalid input: expected microseconds of a time between the years 1970 and 9999' }),
  ),
]);

export const slackActivitySchema = z.object({
  level: z.string(),
  event_type: z.string(),
  source: z._default(z.string(), 'slack'),
  component_type: z._default(z.string(), ''),
  component_id: z._default(z.string(), ''),
  app_id: optionalString,
  team_id: optionalString,
  enterprise_id: optionalString,
  payload: z.pipe(z.nullish(jsonObject()), z.transform((v) => v ?? {})),
  created: epochMicros,
  trace_id: z._default(z.string(), ''),
});

/** A list page's envelope, checked before the next page is asked for; its entries are checked one by one with `slackActivitySchema`. */
export const activitiesEnvelopeSchema = z.object({
  ok: z.literal(true),
  activities: z.nullish(jsonArray()),
  response_metadata: z.nullish(z.partial(z.object({ next_cursor: optionalString }))),
});

export const ACTIVITIES_PAGE: ListFormat<typeof activitiesEnvelopeSchema, typeof slackActivitySchema> = {
  envelope: activitiesEnvelopeSchema,
  listKey: 'activities',
  entry: slackActivitySchema,
  next: (body) => body.response_metadata?.next_cursor,
};

export const authTestResponseSchema = z.object({
  ok: z.literal(true),
  user: optionalString,
  team: optionalString,
  user_id: optionalString,
  team_id: optionalString,
  url: optionalString,
});

/** The envelope every method answers with, read before the method's own schema. */
export const slackEnvelopeSchema = z.object({
  ok: z.boolean(),
  error: optionalString,
  needed: optionalString,
  provided: optionalString,
  warning: optionalString,
});

export type SlackActivity = z.infer<typeof slackActivitySchema>;
/** An entry as Slack sent it, once `slackActivitySchema` accepted it. */
export type SlackActivityJson = z.input<typeof slackActivitySchema>;

export type SlackEnvelope = z.infer<typeof slackEnvelopeSchema>;

/** Slack's message in an error body (non-200 answers: 429 `ratelimited`, 503 `service_unavailable`). */
export function slackErrorMessage(body: unknown): string | undefined {
  return bodyMessage(body, ['error']);
}
