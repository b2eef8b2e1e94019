/**
 * Two payloads made comparable line by line: one text per payload with keys sorted at every
 * level, JSON held in strings decoded in place, two-space indentation, big integers written with
 * the digits the server sent, and (on request) the fields that differ on every run masked. And the
 * activity a failure is best compared with: the last success of the same thing before it.
 */
import type { Activity, SourceKind } from './activity';
import { DEPTH_PLACEHOLDER, exactNumberText, MAX_JSON_DEPTH, parseJsonText, stringifyJson } from './json';
// From the modules themselves, not the index's re-exports: these run for every field of a payload.
import { copyExactNumbers } from './jsonModel/exactJson';
import { parseJsonString } from './jsonModel/jsonStrings';
import { parsePath, type Segment } from './jsonModel/paths';

/** What stands where a masked field's value was. */
export const MASKED_VALUE = '<masked>';

/** Field names that differ between any two runs, whatever the product. */
const GENERIC_VOLATILE = [
  'id', 'uuid', 'created', 'created_at', 'updated_at', 'started_at', 'finished_at', 'ended_at', 'timestamp', 'time', 'date', 'trace_id', 'execution_id', 'request_id', 'event_id',
];

/**
 * Per product, the documented fields that identify or date one entry (api-spec §1.3-1.4, §2.3,
 * §3.3): Torq's execution ids and times, Slack's `created` microseconds and execution ids, SD
 * Elements' `date` and the user dates of its references.
 */
export const VOLATILE_FIELDS: Readonly<Record<SourceKind, readonly string[]>> = {
  torq: ['pretty_id', 'start_time', 'update_time', 'end_time', 'parent_execution_id', 'next_page_token', 'ip'],
  slack: ['function_execution_id', 'message_ts', 'event_ts', 'ts', 'trigger_id', 'workflow_execution_id'],
  sde: ['last_login', 'date_joined'],
};

export interface NormaliseOptions {
  /**
   * Paths (dot/bracket form, from the root) of strings decoded whatever JSON they hold: an
   * activity's `jsonStringPaths` (Torq's `event.body`). Elsewhere only objects and arrays are.
   */
  readonly jsonStringPaths?: readonly string[];
  /** Replace the values of fields that differ on every run with `MASKED_VALUE`. */
  readonly mask?: boolean;
  /** Whose documented volatile fields to mask besides the generic ones. */
  readonly sourceKind?: SourceKind;
}

/** Every field name masked for `kind` (lower case). */
export function volatileFieldNames(kind?: SourceKind): ReadonlySet<string> {
  return new Set([...GENERIC_VOLATILE, ...(kind ? VOLATILE_FIELDS[kind] : [])]);
}

/**
 * The payload as the text one side of a diff shows. `payload` is the value (as read by
 * src/core/json.ts, so that big integers keep their digits) or JSON text. Nesting below
 * MAX_JSON_DEPTH is cut with DEPTH_PLACEHOLDER: a hostile payload cannot overflow the stack.
 */
export function normalisePayload(payload: unknown, options: NormaliseOptions = {}): string {
  const root = typeof payload === 'string' ? (decodeString(payload, true) ?? payload) : payload;
  const fast = new Normaliser(options, true);
  // The copy is written by the engine's own JSON.stringify, without a replacer: several times
  // faster than writing it here. Big integers stand in it as marked strings, unmarked after.
  const text = JSON.stringify(fast.copy(root, fast.decodePaths, 0), null, 2) ?? 'null';
  if (!fast.marked) return text;
  let unmarked = 0;
  const exact = text.replace(MARKED_NUMBER, (_, digits: string) => (unmarked++, digits));
  if (unmarked === fast.marked) return exact;
  // The data itself holds a string that looks like a mark: the payload model's slower way.
  const slow = new Normaliser(options, false);
  return stringifyJson(slow.copy(root, slow.decodePaths, 0), 2) ?? 'null';
}

const MARK = '\uE002';
const MARKED_NUMBER = /"\uE002(-?\d+)\uE002"/g;
const TWO_53 = 2 ** 53;

/** A string holding JSON, decoded; `anyJson` accepts scalars too. Undefined when it is not JSON. */
function decodeString(text: string, anyJson: boolean): unknown {
  if (!anyJson) return parseJsonString(text);
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}

/** A first look, by the first and last characters, before parseJsonString looks properly. */
function mayHoldJson(s: string): boolean {
  if (s.length < 2) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // `{`, `[`, or white space (looked past by parseJsonString); `}`, `]`, or white space.
  return (first === 123 || first === 91 || first <= 32 || first === 0xa0 || first > 0x1000) && (last === 125 || last === 93 || last <= 32 || last === 0xa0 || last > 0x1000);
}

/**
 * Copies a payload in its normal form. Keys are inserted sorted; JavaScript keeps keys that are
 * array indexes ("0", "17") first in numeric order, so those come first, on both sides alike.
 */
class Normaliser {
  private readonly masked: ReadonlySet<string> | undefined;
  /** The paths to decode whatever JSON they hold, as segments. */
  readonly decodePaths: Pending;

  /** Whether each key seen is masked: payloads repeat a few keys many times. */
  private readonly maskedKeys = new Map<string, boolean>();

  private isMasked(key: string): boolean {
    let masked = this.maskedKeys.get(key);
    if (masked === undefined) this.maskedKeys.set(key, (masked = this.masked!.has(key.toLowerCase())));
    return masked;
  }

  /** Big integers written as marked strings. */
  marked = 0;

  /** `markNumbers`: big integers become marked strings; else their texts are passed on for stringifyJson. */
  constructor(
    options: NormaliseOptions,
    private readonly markNumbers: boolean,
  ) {
    this.masked = options.mask ? volatileFieldNames(options.sourceKind) : undefined;
    const paths = (options.jsonStringPaths ?? []).map((p) => parsePath(p)).filter((p): p is Segment[] => p !== undefined);
    this.decodePaths = paths.length ? paths : undefined;
  }

  /**
   * `value` normalised. `pending` holds the rest of each decode path that leads through it (an
   * empty one: this is the path), undefined when none does, so that most fields cost no path work.
   */
  copy(value: unknown, pending: Pending, depth: number, holder?: object, key?: string | number): unknown {
    if (typeof value === 'number') {
      const exact = this.markNumbers && !(Math.abs(value) < TWO_53) && holder ? exactNumberText(holder, key!) : undefined;
      if (exact === undefined) return value;
      this.marked++;
      return MARK + exact + MARK;
    }
    if (typeof value === 'string') {
      const decoded = pending?.some((rest) => rest.length === 0) ? decodeString(value, true) : mayHoldJson(value) ? decodeString(value, false) : undefined;
      return decoded === undefined ? value : this.copy(decoded, undefined, depth);
    }
    if (value === null || typeof value !== 'object') return value;
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return this.copy((value as { toJSON(): unknown }).toJSON(), pending, depth);
    // Cut where the payload model cuts: a hostile payload cannot overflow the stack here or in JSON.stringify.
    if (depth >= MAX_JSON_DEPTH) return DEPTH_PLACEHOLDER;
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.copy(value[i], pending && below(pending, i), depth + 1, value, i);
      if (!this.markNumbers) copyExactNumbers(value, out);
      return out;
    }
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj).sort()) {
      const v = this.masked && this.isMasked(key) ? MASKED_VALUE : this.copy(obj[key], pending && below(pending, key), depth + 1, obj, key);
      // A key named `__proto__` is data here, not the copy's prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
    if (!this.markNumbers) copyExactNumbers(obj, out);
    return out;
  }
}

type Pending = ReadonlyArray<readonly Segment[]> | undefined;

/** The rests of the paths in `pending` that go on through `segment`; undefined when none does. */
function below(pending: ReadonlyArray<readonly Segment[]>, segment: Segment): Pending {
  const rests = pending.filter((rest) => rest.length > 0 && rest[0] === segment).map((rest) => rest.slice(1));
  return rests.length ? rests : undefined;
}

/** A run that went well: the product says so, else its outcome. */
function succeeded(a: Activity): boolean {
  return a.goodRun ?? a.outcome === 'success';
}

/**
 * The newest successful activity of the same source and the same workflow (Torq), function or
 * workflow (Slack: component, else function or workflow name) or object (SD Elements) strictly
 * before `failed`; undefined when there is none among `candidates`.
 */
export function lastSuccessBefore(failed: Activity, candidates: Iterable<Activity>): Activity | undefined {
  const subject = failed.subject;
  if (subject === undefined) return undefined;
  let best: Activity | undefined;
  for (const c of candidates) {
    if (c.sourceId !== failed.sourceId || c.key === failed.key || !(c.time < failed.time) || !succeeded(c)) continue;
    if (best && !(c.time > best.time || (c.time === best.time && c.key < best.key))) continue;
    if (c.subject === subject) best = c;
  }
  return best;
}
