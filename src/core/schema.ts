/**
 * The boundary between the wire and our code: every response passes a zod schema here. Extra
 * fields are tolerated (zod objects ignore unknown keys); a missing or mistyped required field
 * becomes an error that names the field.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { ActivityLogsError } from './errors';
import { redactor } from './redact';

// `zod/mini` (chosen because it tree-shakes: the classic API bundles ~450 KB) ships without a
// locale, so issue messages would all read "Invalid input". Install English as classic `zod` does:
// only when no locale is set, since zod's config lives on `globalThis`, shared with other extensions.
if (!z.config().localeError) z.config(en());

export function parseJson(text: string, service: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const preview = redactor.preview(text, 60).replace(/\s+/g, ' ');
    throw new ActivityLogsError('badResponse', `${service} sent a response that is not valid JSON (${text.length} bytes, starting "${preview}")`);
  }
}

export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown, service: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = formatPath(issue.path);
  // Absent is absent whatever the check that noticed it (a union reports `invalid_union`, not `invalid_type`).
  const missing = valueAt(value, issue.path) === undefined;
  const what = missing
    ? `is missing the required field \`${field}\``
    : `has an unexpected value at \`${field}\` (${issue.message})`;
  throw new ActivityLogsError('badResponse', `${service}: the response ${what}`);
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
