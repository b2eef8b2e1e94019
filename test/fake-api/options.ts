/** Options of the fake API server, their defaults, and which of them shape the data set. */

export interface FakeApiOptions {
  /** Port to listen on; 0 (default in-process) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Anchor of the generated data and start of the server's clock (default: start time). */
  now?: Date | number | string;
  /** PRNG seed of the data set (default 20240501). */
  seed?: number;
  /** Torq activity-log entries (default 600; e.g. 100000 for benchmarks). */
  torqActivities?: number;
  /** Torq workflows (default and minimum 7). */
  torqWorkflows?: number;
  /** Torq audit-log entries (default 150; the first 35 cover every action kind). */
  torqAuditLogs?: number;
  /** Size of the one big Torq event body (default 3.2 MB; must stay > 3 MB for the pitfall). */
  torqBigBodyBytes?: number;
  /**
   * Runs of 'Datadog alert router' with a big body (default 1, the success 70 minutes back). Each
   * further one is a failed run a minute newer than the one before, whose last success is the big
   * success: big payloads to compare (the test bed's diff timing). The first failure's event is the
   * success's again with one line in 500 changed, a later one's differs throughout.
   */
  torqBigBodyRuns?: number;
  /** Slack activities over both apps (default 800). */
  slackActivities?: number;
  /** SD Elements activities (default 400). */
  sdeActivities?: number;

  /** Torq `event.body` as a JSON object instead of the observed JSON-encoded string (default false). */
  torqBodyAsObject?: boolean;
  /** Torq 2022 naming `account_id`/`account_name` instead of `workspace_id`/`workspace_name` (default false). */
  torqAccountKeys?: boolean;
  /**
   * Torq's `execution` object as the vendor documents it (id, workflow_id, workflow_name,
   * last_step_name, start_time, update_time, error_message only when failed; no status) instead of
   * the fake's richer one (default false).
   */
  torqDocumentedExecution?: boolean;
  /** What `event.body` is when a list asks for `discard_body=true` (default "absent": the key is left out). */
  torqDiscardedBody?: TorqDiscardedBody;
  /** Torq page_size maximum; above it → 400 (default 500). */
  torqMaxPageSize?: number;
  /** Torq bearer token lifetime, seconds (default 3600). */
  torqTokenTtlSeconds?: number;
  /** Slack `limit` cap (default 1000; larger values are clamped). */
  slackMaxLimit?: number;
  /** SD Elements page_size cap (default 1000; larger values are clamped, as DRF does). */
  sdeMaxPageSize?: number;
  /** SD Elements "server local time" as a fixed UTC offset (default "-05:00"). */
  sdeTimeZone?: string;
  /** Size of the `hugeBody` fault's answer (default 50 MB). */
  hugeBodyBytes?: number;
  /** Extra delay before every API answer, ms (default 0): makes a demo feel like a network. */
  latencyMs?: number;
  /** How many requests the request log keeps (default 5000; oldest dropped). */
  requestLogLimit?: number;
}

/** `event.body` of a discarded body: left out, `""`, `null` or `{}` (api-spec §1.3: "absent/empty" [I]). */
export const TORQ_DISCARDED_BODIES = ['absent', 'empty-string', 'null', 'empty-object'] as const;
export type TorqDiscardedBody = (typeof TORQ_DISCARDED_BODIES)[number];

export type ResolvedOptions = Required<Omit<FakeApiOptions, 'now'>> & { nowMs: number };

export const DEFAULT_OPTIONS: Omit<ResolvedOptions, 'nowMs'> = {
  port: 0,
  host: '127.0.0.1',
  seed: 20240501,
  torqActivities: 600,
  torqWorkflows: 7,
  torqAuditLogs: 150,
  torqBigBodyBytes: 3_200_000,
  torqBigBodyRuns: 1,
  slackActivities: 800,
  sdeActivities: 400,
  torqBodyAsObject: false,
  torqAccountKeys: false,
  torqDocumentedExecution: false,
  torqDiscardedBody: 'absent',
  torqMaxPageSize: 500,
  torqTokenTtlSeconds: 3600,
  slackMaxLimit: 1000,
  sdeMaxPageSize: 1000,
  sdeTimeZone: '-05:00',
  hugeBodyBytes: 50 * 1024 * 1024,
  latencyMs: 0,
  requestLogLimit: 5000,
};

/** Changing one of these regenerates the data set. */
export const DATA_OPTION_KEYS = [
  'now',
  'seed',
  'torqActivities',
  'torqWorkflows',
  'torqAuditLogs',
  'torqBigBodyBytes',
  'torqBigBodyRuns',
  'slackActivities',
  'sdeActivities',
] as const;

function toMs(now: Date | number | string | undefined, fallback: number): number {
  if (now === undefined) {
    return fallback;
  }
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(ms)) {
    throw new Error(`invalid option now: ${String(now)}`);
  }
  return Math.trunc(ms);
}

const NUMBER_KEYS = Object.entries(DEFAULT_OPTIONS)
  .filter(([, v]) => typeof v === 'number')
  .map(([k]) => k);
const BOOLEAN_KEYS = Object.entries(DEFAULT_OPTIONS)
  .filter(([, v]) => typeof v === 'boolean')
  .map(([k]) => k);

/** Validates and merges options (unknown keys and wrong types are errors: typos must not pass silently). */
export function resolveOptions(base: ResolvedOptions | undefined, changes: FakeApiOptions, fallbackNowMs: number): ResolvedOptions {
  const merged: Record<string, unknown> = { ...(base ?? { ...DEFAULT_OPTIONS, nowMs: fallbackNowMs }) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      continue;
    }
    if (key === 'now') {
      merged.nowMs = toMs(value as Date | number | string, fallbackNowMs);
    } else if (NUMBER_KEYS.includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new Error(`option ${key} must be a non-negative number`);
      }
      merged[key] = value;
    } else if (BOOLEAN_KEYS.includes(key)) {
      if (typeof value !== 'boolean') {
        throw new Error(`option ${key} must be a boolean`);
      }
      merged[key] = value;
    } else if (key === 'torqDiscardedBody') {
      if (!TORQ_DISCARDED_BODIES.includes(value as TorqDiscardedBody)) {
        throw new Error(`option torqDiscardedBody must be one of ${TORQ_DISCARDED_BODIES.join(', ')}`);
      }
      merged[key] = value;
    } else if (key === 'host' || key === 'sdeTimeZone') {
      if (typeof value !== 'string') {
        throw new Error(`option ${key} must be a string`);
      }
      if (key === 'sdeTimeZone' && !/^[+-]\d{2}:\d{2}$/.test(value)) {
        throw new Error('option sdeTimeZone must look like "-05:00"');
      }
      merged[key] = value;
    } else {
      throw new Error(`unknown option ${key}`);
    }
  }
  const resolved = merged as ResolvedOptions;
  resolved.torqWorkflows = Math.max(7, Math.floor(resolved.torqWorkflows));
  return resolved;
}
