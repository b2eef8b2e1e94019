/**
 * The times of list entries, read fast: tens of thousands are read per page burst, and most are
 * already in `Activity.time`'s form (Torq) or a fixed ISO shape (SD Elements). Anything else
 * goes through `parseIsoTime`, which defines what a time is.
 */
import { inTimeRange, parseIsoTime } from './time';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digits of `text` from `start` to `end` as a number, or -1 if one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * `text` as `Activity.time` (UTC, nine fractional digits). A time already in that form (Torq's
 * nanosecond timestamps) is returned as is, the same string, without a regular expression or a
 * Date; anything else goes through `parseIsoTime`.
 */
export function activityTime(text: string): string | undefined {
  if (text.length === 30 && text.charCodeAt(29) === 90 /* Z */ && fieldsInRange(text) && text[19] === '.' && digitsAt(text, 20, 29) >= 0) return text;
  const time = withOffsetTime(text) ?? parseIsoTime(text)?.iso;
  return time || undefined;
}

/** `YYYY-MM-DDTHH:MM:SS` with every field in range (so that Date.UTC does not roll over). */
function fieldsInRange(t: string): boolean {
  if (t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':') return false;
  const y = digitsAt(t, 0, 4);
  const mo = digitsAt(t, 5, 7);
  const d = digitsAt(t, 8, 10);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1] + (leap ? 1 : 0)) return false;
  const h = digitsAt(t, 11, 13);
  const mi = digitsAt(t, 14, 16);
  const s = digitsAt(t, 17, 19);
  return h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 60;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` (SD Elements' dates) converted as `parseIsoTime` does,
 * without its regular expression; '' when it is such a time but out of range, undefined for any
 * other form, which `parseIsoTime` handles.
 */
function withOffsetTime(t: string): string | undefined {
  const read = readOffsetTime(t);
  if (read === undefined || read === OUT_OF_RANGE) return read === OUT_OF_RANGE ? '' : undefined;
  const nanos = read.end > 20 ? t.slice(20, read.end).padEnd(9, '0') : '000000000';
  // In UTC already (Z, +00:00): the date and clock are the text's own, no Date to format.
  if (read.offsetMin === 0) return t.slice(0, 10) + 'T' + t.slice(11, 19) + '.' + nanos + 'Z';
  return new Date(read.wholeMs).toISOString().slice(0, 19) + '.' + nanos + 'Z';
}

const OUT_OF_RANGE = 'out of range';

/** The UTC whole milliseconds of such a time and where its fraction ends, without building the text. */
function readOffsetTime(t: string): { wholeMs: number; end: number; offsetMin: number } | typeof OUT_OF_RANGE | undefined {
  if (t.length < 20 || !fieldsInRange(t)) return undefined;
  let end = 19;
  if (t[19] === '.') {
    end = 20;
    while (end < t.length && end < 29 && digitsAt(t, end, end + 1) >= 0) end++;
    if (end === 20 || (end < t.length && digitsAt(t, end, end + 1) >= 0)) return undefined;
  }
  let offsetMin = 0;
  const zone = t.length - end;
  if (zone === 1 && t[end] === 'Z') offsetMin = 0;
  else if (zone === 6 && (t[end] === '+' || t[end] === '-') && t[end + 3] === ':') {
    const oh = digitsAt(t, end + 1, end + 3);
    const om = digitsAt(t, end + 4, end + 6);
    if (oh < 0 || om < 0 || om > 59) return undefined;
    offsetMin = (t[end] === '-' ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  const wholeMs =
    Date.UTC(digitsAt(t, 0, 4), digitsAt(t, 5, 7) - 1, digitsAt(t, 8, 10), digitsAt(t, 11, 13), digitsAt(t, 14, 16), digitsAt(t, 17, 19)) - offsetMin * 60_000;
  // Out of range here is out of range for parseIsoTime too: no need to ask it.
  return inTimeRange(wholeMs, offsetMin) ? { wholeMs, end, offsetMin } : OUT_OF_RANGE;
}

/**
 * Whether `activityTime` would read `text`, without building its result: what a schema checks of
 * every time field of every entry (the entry is mapped, and its time built, once it passed).
 */
export function isActivityTime(text: string): boolean {
  if (text.length === 30 && text.charCodeAt(29) === 90 /* Z */ && fieldsInRange(text) && text[19] === '.' && digitsAt(text, 20, 29) >= 0) return true;
  const read = readOffsetTime(text);
  if (read === OUT_OF_RANGE) return false;
  return read !== undefined || parseIsoTime(text) !== undefined;
}

/** Milliseconds since the epoch of an `Activity.time` (`YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`). */
export function activityTimeMs(time: string): number {
  const year = digitsAt(time, 0, 4);
  // Date.UTC reads years 0-99 as 1900-1999.
  if (year < 100) return Date.parse(time.slice(0, 23) + 'Z');
  return (
    Date.UTC(digitsAt(time, 0, 4), digitsAt(time, 5, 7) - 1, digitsAt(time, 8, 10), digitsAt(time, 11, 13), digitsAt(time, 14, 16), digitsAt(time, 17, 19)) +
    digitsAt(time, 20, 23)
  );
}
