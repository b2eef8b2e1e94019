/**
 * The boundary between the wire and our code: every response passes a zod schema here. Extra
 * fields are tolerated (zod objects ignore unknown keys); a missing or mistyped required field
 * becomes an error that names the field.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { ActivityLogsError } from './errors';
import { parseJsonText } from './json';
import type { PageEntries, UnreadableEntry } from './paging';
import type { SecretRedactor } from './redact';
import { isActivityTime } from './entryTime';

// `zod/mini` (chosen because it tree-shakes: the classic API bundles ~450 KB) ships without a
// locale, so issue messages would all read "Invalid input". Install English as classic `zod` does:
// only when no locale is set, since zod's config lives on `globalThis`, shared with other extensions.
if (!z.config().localeError) z.config(en());

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * A JSON object whose values are not checked (`z.record(z.string(), z.unknown())` accepts the
 * same), validated without being copied: a record schema rebuilds the object key by key, for
 * every entry of every page.
 */
export function jsonObject() {
  return z.custom<Record<string, unknown>>(isPlainObject, { error: (issue) => `Invalid input: expected record, received ${typeName(issue.input)}` });
}

/**
 * A JSON array whose elements are checked later (a list page's envelope: the entries are checked
 * by the page's decode step), validated without walking or copying it.
 */
export function jsonArray() {
  return z.custom<unknown[]>(Array.isArray, { error: (issue) => `Invalid input: expected array, received ${typeName(issue.input)}` });
}

/**
 * `z.nullish(z.string())` in one step instead of three (optional → nullable → string): entry
 * schemas have a dozen such fields, checked for every entry of every page.
 */
export function nullishString() {
  return z.optional(
    z.custom<string | null>((v) => v === null || typeof v === 'string', { error: (issue) => `Invalid input: expected string, received ${typeName(issue.input)}` }),
  );
}

/**
 * A time field of an entry: one `activityTime` reads (RFC 3339, years 1970 to 9999, offset within
 * ±14:00), so that the entry is reported unreadable here rather than failing when it is shown.
 */
export function timeString() {
  return z.string().check(z.refine(isActivityTime, { error: 'Invalid input: expected a time between the years 1970 and 9999 (RFC 3339)' }));
}

/** Parses a server's answer: nesting deeper than `MAX_JSON_DEPTH` cut, big integers kept exact (see `parseJsonText`). */
export function parseJson(text: string, service: string, redactor: SecretRedactor): unknown {
  try {
    return parseJsonText(text);
  } catch {
    const preview = redactor.preview(text, 60).replace(/\s+/g, ' ');
    throw new ActivityLogsError('badResponse', `${service} sent a response that is not valid JSON (${text.length} bytes, starting "${preview}")`);
  }
}

/**
 * Checks `value` against `schema`. `at` is where `value` sits in the response (e.g.
 * `['activity_logs']` when a list is checked on its own), so that messages name the full path.
 */
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown, service: string, at: readonly PropertyKey[] = []): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new ActivityLogsError('badResponse', `${service}: the response ${describeIssue(result.error.issues[0], value, at)}`);
}

/** What is wrong, naming the field: "is missing the required field `x`" or "has an unexpected value at `x` (…)". */
function describeIssue(issue: z.core.$ZodIssue, value: unknown, at: readonly PropertyKey[]): string {
  const field = formatPath([...at, ...issue.path]);
  // Absent is absent whatever the check that noticed it (a union reports `invalid_union`, not `invalid_type`).
  const missing = valueAt(value, issue.path) === undefined;
  return missing ? `is missing the required field \`${field}\`` : `has an unexpected value at \`${field}\` (${issue.message})`;
}

/**
 * Checks each entry of a list on its own: an entry `schema` rejects is set aside as unreadable
 * (with what is wrong with it, naming the field) and the others are read, so that one bad entry
 * never costs its page. `at` is where the list sits in the response (`['activity_logs']`).
 */
export function readEntries<S extends z.core.$ZodType, T>(
  schema: S,
  list: readonly unknown[],
  service: string,
  at: readonly PropertyKey[],
  read: (entry: z.infer<S>, raw: unknown) => T,
): PageEntries<T> {
  // The usual page is all good: one check of the whole list costs far less than one per entry
  // (zod's per-call set-up); only a page with a bad entry is checked entry by entry.
  const whole = z.safeParse(listSchemaOf(schema), list);
  if (whole.success) return { items: whole.data.map((entry, i) => read(entry, list[i])) };
  const items: T[] = [];
  const unreadable: UnreadableEntry[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    const result = z.safeParse(schema, raw);
    if (result.success) items.push(read(result.data, raw));
    else unreadable.push({ raw, reason: `${service}: the entry ${describeIssue(result.error.issues[0], raw, [...at, i])}` });
  }
  return unreadable.length ? { items, unreadable } : { items };
}

const listSchemas = new WeakMap<z.core.$ZodType, z.ZodMiniArray<z.core.$ZodType>>();

function listSchemaOf<S extends z.core.$ZodType>(schema: S): z.ZodMiniArray<S> {
  let list = listSchemas.get(schema);
  if (!list) listSchemas.set(schema, (list = z.array(schema)));
  return list as z.ZodMiniArray<S>;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
