/**
 * Time values of the three APIs (RFC 3339 with up to nanoseconds, epoch microseconds, ISO 8601
 * with an offset) converted to one precise form: UTC RFC 3339 with nine fractional digits.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * The times an entry may carry: years 1970 to 9999 (UTC) and offsets within ±14:00, as RFC 3339
 * allows in practice. A server's `0001-01-01` (Go's zero time) or a 20-digit epoch is not a time
 * to sort or show by: the entry is reported unreadable instead of breaking its page.
 */
const MIN_TIME_MS = 0;
const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MAX_OFFSET_MINUTES = 14 * 60;
const MAX_EPOCH_MICROS = BigInt(MAX_TIME_MS) * 1000n + 999n;

/** Whether whole-second UTC ms and an offset are within the range above. */
export function inTimeRange(utcWholeMs: number, offsetMinutes = 0): boolean {
  return utcWholeMs >= MIN_TIME_MS && utcWholeMs <= MAX_TIME_MS && Math.abs(offsetMinutes) <= MAX_OFFSET_MINUTES;
}

export interface PreciseTime {
  /** UTC, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
  readonly iso: string;
  readonly ms: number;
}

/** Parses RFC 3339 / ISO 8601 with an offset; a missing offset means UTC. Returns undefined if malformed. */
export function parseIsoTime(text: string): PreciseTime | undefined {
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  // Date.UTC reads years 0-99 as 1900-1999: those are out of range anyway.
  if (+y < 1970) return undefined;
  const wholeMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(wholeMs)) return undefined;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    if (+digits.slice(2, 4) > 59) return undefined;
    offsetMin = sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
  }
  const utcWholeMs = wholeMs - offsetMin * 60_000;
  if (!inTimeRange(utcWholeMs, offsetMin)) return undefined;
  const nanos = frac.padEnd(9, '0');
  return { iso: isoFromWholeMs(utcWholeMs, nanos), ms: utcWholeMs + Math.floor(+nanos / 1e6) };
}

/** Slack's `created` and date filters: integer microseconds since the epoch. */
export function fromEpochMicros(micros: number | bigint | string): PreciseTime {
  const value = BigInt(micros);
  const seconds = value / 1_000_000n;
  const fracMicros = value % 1_000_000n;
  const wholeMs = Number(seconds) * 1000;
  const nanos = (fracMicros * 1000n).toString().padStart(9, '0');
  return { iso: isoFromWholeMs(wholeMs, nanos), ms: wholeMs + Number(fracMicros / 1000n) };
}

/** Slack's `created` (digits of epoch microseconds) as `Activity.time`; undefined outside the range of times. */
export function timeFromEpochMicros(digits: string): string | undefined {
  if (!/^\d{1,20}$/.test(digits) || BigInt(digits) > MAX_EPOCH_MICROS) return undefined;
  return fromEpochMicros(digits).iso;
}

export function toEpochMicros(t: PreciseTime | number): string {
  if (typeof t === 'number') return (BigInt(Math.floor(t)) * 1000n).toString();
  const wholeSeconds = BigInt(Math.floor(Date.parse(t.iso.slice(0, 19) + 'Z') / 1000));
  return (wholeSeconds * 1_000_000n + BigInt(t.iso.slice(20, 26))).toString();
}

export function fromEpochMs(ms: number): PreciseTime {
  const whole = Math.floor(ms / 1000) * 1000;
  const nanos = String(Math.round((ms - whole) * 1e6)).padStart(9, '0');
  return { iso: isoFromWholeMs(whole, nanos), ms };
}

/** RFC 3339 in UTC with milliseconds, as Torq and SD Elements accept in filters (`Z` always explicit). */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

function isoFromWholeMs(wholeSecondMs: number, nanos9: string): string {
  return new Date(wholeSecondMs).toISOString().slice(0, 19) + '.' + nanos9 + 'Z';
}

/**
 * Displays a precise time in local time, with as many fractional digits as the source gave
 * (trailing zeros trimmed to groups of three).
 */
export function formatLocalTime(iso: string, withDate = true): string {
  // The tree formats every row of a group (10,000 and more): `Activity.time`'s own shape is read
  // with integer arithmetic; anything else takes the general path below.
  if (iso.length === 30 && iso.charCodeAt(19) === 46 /* . */ && iso.charCodeAt(29) === 90 /* Z */) {
    const fast = formatCanonical(iso, withDate);
    if (fast !== undefined) return fast;
  }
  const ms = Date.parse(iso.slice(0, 19) + 'Z');
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let frac = iso.slice(20, 29);
  while (frac.length > 3 && frac.endsWith('000')) frac = frac.slice(0, -3);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${frac}`;
  return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}` : clock;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The digits at `iso[from..to)` as a number, or NaN when one is not a digit. */
function digits(iso: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The local offset (ms to add to UTC) of each UTC hour asked about, as `Date` gives it. An hour
 * whose start and end have different offsets holds a transition (DST, or a zone at :30 or :45
 * past the hour) and is not cached: its times ask `Date` one by one. The cache lives 100 ms, so
 * that a change of the system's time zone shows at once.
 */
const offsetByHour = new Map<number, number>();
const OFFSET_CACHE_MS = 100;
let offsetCacheUntil = 0;

function offsetAtMs(ms: number): number {
  return -new Date(ms).getTimezoneOffset() * 60_000;
}

function localOffsetMs(utcMs: number): number {
  const now = Date.now();
  if (now > offsetCacheUntil) {
    offsetByHour.clear();
    offsetCacheUntil = now + OFFSET_CACHE_MS;
  }
  const hour = Math.floor(utcMs / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const start = offsetAtMs(hour * HOUR_MS);
  if (start !== offsetAtMs((hour + 1) * HOUR_MS - 1)) return offsetAtMs(utcMs);
  offsetByHour.set(hour, start);
  return start;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + i);

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in local time; undefined when it is not that shape. */
function formatCanonical(iso: string, withDate: boolean): string | undefined {
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  const hours = digits(iso, 11, 13);
  const minutes = digits(iso, 14, 16);
  const seconds = digits(iso, 17, 19);
  if (
    iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 /* T */ || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58 ||
    !(year >= 1000) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31) || !(hours <= 23) || !(minutes <= 59) || !(seconds <= 59) ||
    Number.isNaN(digits(iso, 20, 29))
  ) {
    return undefined;
  }
  const utcMs = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  if (day > 28 && new Date(utcMs).getUTCDate() !== day) return undefined; // 31 April: as Date.parse has it
  const offset = localOffsetMs(utcMs);
  if (offset % 60_000 !== 0 || Number.isNaN(utcMs)) return undefined; // offsets with seconds (old LMT): the general path
  const local = utcMs + offset;
  const dayIndex = Math.floor(local / DAY_MS);
  const inDay = local - dayIndex * DAY_MS;
  const h = Math.floor(inDay / HOUR_MS);
  const m = Math.floor((inDay - h * HOUR_MS) / 60_000);
  const sec = Math.floor((inDay % 60_000) / 1000);
  // Trailing zeros trimmed to groups of three, at least milliseconds.
  const fracEnd = iso.endsWith('000000Z') ? 23 : iso.endsWith('000Z') ? 26 : 29;
  const clock = TWO_DIGITS[h] + ':' + TWO_DIGITS[m] + ':' + TWO_DIGITS[sec] + iso.slice(19, fracEnd);
  if (!withDate) return clock;
  // Days since the epoch to the civil date (H. Hinnant, "chrono-compatible low-level date algorithms").
  const z = dayIndex + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  if (y < 1000 || y > 9999) return undefined;
  return y + '-' + TWO_DIGITS[mo] + '-' + TWO_DIGITS[d] + ' ' + clock;
}

/** "3 min ago" style, for descriptions in the tree. */
export function formatAge(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** A time window: relative to now (re-evaluated on refresh) or a fixed range. */
export type TimeWindow =
  | { readonly kind: 'relative'; readonly minutes: number }
  | { readonly kind: 'range'; readonly fromMs: number; readonly toMs: number };

export interface ResolvedWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

export const RELATIVE_WINDOWS: ReadonlyArray<{ label: string; setting: string; minutes: number }> = [
  { label: 'Last 15 minutes', setting: '15m', minutes: 15 },
  { label: 'Last hour', setting: '1h', minutes: 60 },
  { label: 'Last 24 hours', setting: '24h', minutes: 1440 },
  { label: 'Last 7 days', setting: '7d', minutes: 10080 },
  { label: 'Last 30 days', setting: '30d', minutes: 43200 },
];

export function resolveWindow(w: TimeWindow, now = Date.now()): ResolvedWindow {
  return w.kind === 'relative' ? { fromMs: now - w.minutes * 60_000, toMs: now } : { fromMs: w.fromMs, toMs: w.toMs };
}

/** Parses a window setting: `15m`, `1h`, `24h`, `7d`, `30d`, or `<iso>/<iso>`. */
export function parseWindow(text: string): TimeWindow | undefined {
  const rel = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (rel) {
    const minutes = +rel[1] * { m: 1, h: 60, d: 1440 }[rel[2] as 'm' | 'h' | 'd'];
    return minutes > 0 ? { kind: 'relative', minutes } : undefined;
  }
  const parts = text.split('/');
  if (parts.length === 2) {
    const from = parseIsoTime(parts[0]);
    const to = parseIsoTime(parts[1]);
    if (from && to && from.ms < to.ms) return { kind: 'range', fromMs: from.ms, toMs: to.ms };
  }
  return undefined;
}

export function describeWindow(w: TimeWindow): string {
  if (w.kind === 'relative') {
    const preset = RELATIVE_WINDOWS.find((p) => p.minutes === w.minutes);
    if (preset) return preset.setting;
    return w.minutes % 1440 === 0 ? `${w.minutes / 1440}d` : w.minutes % 60 === 0 ? `${w.minutes / 60}h` : `${w.minutes}m`;
  }
  return `${toRfc3339(w.fromMs)}/${toRfc3339(w.toMs)}`;
}
