/**
 * Time formats of the three products. Torq speaks RFC 3339 with up to nanoseconds (protobuf
 * Timestamp), Slack epoch microseconds, SD Elements ISO 8601 in the server's local time zone.
 */

export const NS_PER_MS = 1_000_000n;
export const NS_PER_HOUR = 3_600_000_000_000n;

export function msToNs(ms: number): bigint {
  return BigInt(Math.trunc(ms)) * NS_PER_MS;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function validCalendar(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses RFC 3339 as Go's time.RFC3339Nano does (what grpc-gateway uses): upper-case `T` and `Z`,
 * at most 9 fractional digits, an offset is required. Returns epoch nanoseconds, or undefined.
 */
export function parseRfc3339Ns(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (!validCalendar(year, month, day, hour, minute, second)) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) {
      return undefined;
    }
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0'));
  return msToNs(ms) + fraction;
}

/** Protobuf JSON Timestamp: UTC, `Z`, and 0, 3, 6 or 9 fractional digits. */
export function formatRfc3339Ns(ns: bigint): string {
  const ms = Number(ns / NS_PER_MS) - (ns % NS_PER_MS < 0n ? 1 : 0);
  const nanosOfSecond = Number(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n);
  const base = new Date(ms).toISOString().slice(0, 19);
  let fraction = '';
  if (nanosOfSecond !== 0) {
    const digits = pad(nanosOfSecond, 9);
    fraction = digits.endsWith('000000') ? `.${digits.slice(0, 3)}` : digits.endsWith('000') ? `.${digits.slice(0, 6)}` : `.${digits}`;
  }
  return `${base}${fraction}Z`;
}

/** "+HH:MM"/"-HH:MM" → minutes east of UTC. */
export function parseOffset(text: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) {
    return undefined;
  }
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** SD Elements style: `2025-06-19T12:06:39.264688-04:00`, in the given fixed zone. */
export function formatIsoMicros(epochMicros: number, offsetMinutes: number): string {
  const ms = Math.floor(epochMicros / 1000);
  const micros = epochMicros - ms * 1000;
  const local = new Date(ms + offsetMinutes * 60_000);
  const fraction = pad(local.getUTCMilliseconds() * 1000 + micros, 6);
  return `${local.toISOString().slice(0, 19)}.${fraction}${formatOffset(offsetMinutes)}`;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an SD Elements `date_from` / `date_to` value (ISO 8601 as django-filter accepts it):
 * a date, or a date and time with optional seconds and fraction; `Z` or an offset means that zone,
 * no zone means the server's local time. Returns epoch microseconds, or undefined.
 */
export function parseIsoToMicros(text: string, localOffsetMinutes: number): number | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) {
    return undefined;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (!validCalendar(year, month, day, hour, minute, second)) {
    return undefined;
  }
  let offset = localOffsetMinutes;
  if (m[8] === 'Z') {
    offset = 0;
  } else if (m[8]) {
    const parsed = parseOffset(m[8]);
    if (parsed === undefined) {
      return undefined;
    }
    offset = parsed;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  return ms * 1000 + Number((m[7] ?? '').padEnd(6, '0'));
}
