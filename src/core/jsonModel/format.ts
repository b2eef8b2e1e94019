/** Texts of the payload panel that come from data: precise times, sizes, which URLs are links. */

/** Characters of a string shown before "show full string". */
export const STRING_PREVIEW = 1000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * `2024-05-01T12:34:56.123456000Z` → local time with the source's precision (trailing zero
 * groups of three digits dropped), e.g. `2024-05-01 14:34:56.123456` and zone `UTC+02:00`.
 * `offsetMinutes` is minutes east of UTC (the negated `Date#getTimezoneOffset`).
 */
export function formatPreciseTime(iso: string, offsetMinutes?: number): { local: string; zone: string; utc: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(String(iso));
  if (!m) return { local: String(iso), zone: '', utc: String(iso) };
  const wholeMs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const off = typeof offsetMinutes === 'number' ? offsetMinutes : -new Date(wholeMs).getTimezoneOffset();
  const d = new Date(wholeMs + off * 60000);
  let frac = (m[7] || '').padEnd(9, '0');
  while (frac.length && frac.endsWith('000')) frac = frac.slice(0, -3);
  const local =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${frac ? `.${frac}` : ''}`;
  const a = Math.abs(off);
  const zone = `UTC${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
  return { local, zone, utc: String(iso) };
}

/** `1.2 M chars`-style sizes for "show full string (…)". */
export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} chars`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} K chars`;
  return `${(chars / 1024 / 1024).toFixed(1)} M chars`;
}

/** Only http(s) URLs are ever offered as links. */
export function isWebUrl(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}
