/**
 * Time values of the three APIs (RFC 3339 with up to nanoseconds, epoch microseconds, ISO 8601
 * with an offset) converted to one precise form: UTC RFC 3339 with nine fractional digits.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;

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
  const wholeMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(wholeMs)) return undefined;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
  }
  const utcWholeMs = wholeMs - offsetMin * 60_000;
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
  const ms = Date.parse(iso.slice(0, 19) + 'Z');
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let frac = iso.slice(20, 29);
  while (frac.length > 3 && frac.endsWith('000')) frac = frac.slice(0, -3);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${frac}`;
  return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}` : clock;
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
