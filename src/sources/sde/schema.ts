/**
 * SD Elements' wire format (api-spec §3.3, §3.4): Django REST framework page-number pages
 * (`count`, `next`, `previous`, `results`), activities with an integer id and an ISO date with an
 * offset, and users. Tolerant where the docs' examples differ: `actor` may be null, `text` plain
 * or markdown-ish, `log_level` empty.
 */
import * as z from 'zod/mini';
import { bodyMessage } from '../../core/api';
import type { ListFormat } from '../../core/listPage';
import { jsonArray, jsonObject, nullishString, timeString } from '../../core/schema';

const optionalString = nullishString();

export const sdeActivitySchema = z.object({
  id: z.int(),
  name: z.string(),
  actor: z.nullish(z.int()),
  text: z.pipe(optionalString, z.transform((v) => v ?? '')),
  date: timeString(),
  data: z.pipe(z.nullish(jsonObject()), z.transform((v) => v ?? {})),
  icon: optionalString,
  log_level: optionalString,
});

/** A list page's envelope, checked before the next page is asked for; its entries are checked one by one with `sdeActivitySchema`. */
export const activitiesEnvelopeSchema = z.object({
  count: z.nullish(z.int()),
  next: optionalString,
  previous: optionalString,
  results: jsonArray(),
});

export const ACTIVITIES_PAGE: ListFormat<typeof activitiesEnvelopeSchema, typeof sdeActivitySchema> = {
  envelope: activitiesEnvelopeSchema,
  listKey: 'results',
  entry: sdeActivitySchema,
  next: (body) => body.next,
};

export const sdeUserSchema = z.object({
  id: z.int(),
  email: optionalString,
  first_name: optionalString,
  last_name: optionalString,
});

export type SdeActivity = z.infer<typeof sdeActivitySchema>;

export type SdeUser = z.infer<typeof sdeUserSchema>;

/** DRF error bodies: `{"detail": "..."}`, or field errors `{"field": ["message", ...]}`. */
export function sdeErrorMessage(body: unknown): string | undefined {
  const detail = bodyMessage(body, ['detail']);
  if (detail !== undefined || !body || typeof body !== 'object' || Array.isArray(body)) return detail;
  for (const [field, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') return field === 'non_field_errors' ? first : `${field}: ${first}`;
  }
  return undefined;
}

/** A user as people know them: full name, else e-mail. */
export function userDisplayName(user: SdeUser): string | undefined {
  const name = [user.first_name, user.last_name].filter((s) => s && s.trim()).join(' ').trim();
  return name || user.email || undefined;
}
