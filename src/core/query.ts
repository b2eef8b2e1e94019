/**
 * The search language of "Activity Logs: Search…": free text plus `key:value` terms. Sources send
 * what their API can filter to the server and the rest is applied here, on the client, by
 * `matchesQuery` — which every result passes, so a term is never silently dropped.
 */
import type { Activity, Level, Outcome } from './activity';
import { LEVELS, levelAtLeast } from './activity';
import { parseIsoTime } from './time';

export interface ActivityQuery {
  /** Free-text words and quoted phrases; all must occur (case-insensitive). */
  readonly text: readonly string[];
  /** Source ids or kinds (`torq`, `slack`, `sde`). */
  readonly sources: readonly string[];
  /** At least this level. */
  readonly level?: Level;
  readonly status?: Outcome;
  readonly workflow?: string;
  readonly component?: string;
  readonly trace?: string;
  readonly type?: string;
  readonly actor?: string;
  readonly sinceMs?: number;
  readonly untilMs?: number;
}

export type QueryTerm = Exclude<keyof ActivityQuery, 'text' | 'sources' | 'sinceMs' | 'untilMs'> | 'source' | 'since' | 'until';

export const QUERY_TERMS: ReadonlyArray<{ term: QueryTerm; example: string; help: string }> = [
  { term: 'source', example: 'source:torq', help: 'a source id or a product (torq, slack, sde)' },
  { term: 'level', example: 'level:error', help: 'at least this level: trace, debug, info, warn, error, fatal' },
  { term: 'status', example: 'status:failed', help: 'failed, succeeded, running or none' },
  { term: 'workflow', example: 'workflow:"Phishing triage"', help: 'a workflow id or name' },
  { term: 'component', example: 'component:Fn0123', help: 'a Slack function or workflow id' },
  { term: 'trace', example: 'trace:Tr0123', help: 'a trace id' },
  { term: 'type', example: 'type:function_execution_result', help: 'an event type, activity name or audit action' },
  { term: 'actor', example: 'actor:alice@example.com', help: 'who did it' },
  { term: 'since', example: 'since:2h', help: 'a duration ago (30m, 2h, 7d) or an ISO time' },
  { term: 'until', example: 'until:2026-11-20T08:00Z', help: 'a duration ago or an ISO time' },
];

const STATUS_WORDS: Readonly<Record<string, Outcome>> = {
  failed: 'failure',
  failure: 'failure',
  error: 'failure',
  succeeded: 'success',
  success: 'success',
  ok: 'success',
  running: 'pending',
  pending: 'pending',
  none: 'none',
};

export class QueryError extends Error {
  constructor(
    message: string,
    readonly term: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Splits on spaces, keeping `"quoted phrases"` and `key:"quoted values"` together. */
function tokenize(input: string): string[] {
  const tokens: string[] = [];
  const re = /(\S+?:"[^"]*"?|"[^"]*"?|\S+)/g;
  for (const m of input.matchAll(re)) tokens.push(m[1]);
  return tokens;
}

const unquote = (s: string) => s.replace(/^"/, '').replace(/"$/, '');

/** Parses a relative duration (`90s`, `30m`, `2h`, `7d`, `2w`) or an ISO time into epoch ms. */
export function parseTimeTerm(value: string, now = Date.now()): number | undefined {
  const rel = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(value);
  if (rel) return now - +rel[1] * { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[rel[2] as 's']!;
  const iso = parseIsoTime(value) ?? parseIsoTime(value.replace(/Z$/, ':00Z'));
  if (iso) return iso.ms;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value + 'T00:00:00Z') : NaN;
  return Number.isNaN(date) ? undefined : date;
}

export function parseQuery(input: string, now = Date.now()): ActivityQuery {
  const text: string[] = [];
  const sources: string[] = [];
  const q: { -readonly [K in keyof ActivityQuery]?: ActivityQuery[K] } = {};
  for (const token of tokenize(input)) {
    const m = /^([a-z]+):(.*)$/i.exec(token);
    if (!m || token.startsWith('"')) {
      const word = unquote(token).trim();
      if (word) text.push(word.toLowerCase());
      continue;
    }
    const key = m[1].toLowerCase();
    const value = unquote(m[2]).trim();
    if (!QUERY_TERMS.some((t) => t.term === key)) {
      // URLs and times in free text contain colons too: only a bare word before the colon is a term.
      if (/^(https?|urn)$/i.test(key)) {
        text.push(token.toLowerCase());
        continue;
      }
      throw new QueryError(`Unknown term "${key}:" — use one of ${QUERY_TERMS.map((t) => t.term + ':').join(' ')}`, key);
    }
    if (!value) throw new QueryError(`"${key}:" needs a value, e.g. ${QUERY_TERMS.find((t) => t.term === key)!.example}`, key);
    switch (key as QueryTerm) {
      case 'source':
        sources.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
        break;
      case 'level': {
        const level = value.toLowerCase() === 'warning' ? 'warn' : value.toLowerCase();
        if (!LEVELS.includes(level as Level)) throw new QueryError(`"level:${value}" is not a level — use one of ${LEVELS.join(', ')}`, key);
        q.level = level as Level;
        break;
      }
      case 'status': {
        const status = STATUS_WORDS[value.toLowerCase()];
        if (!status) throw new QueryError(`"status:${value}" is not a status — use failed, succeeded, running or none`, key);
        q.status = status;
        break;
      }
      case 'since':
      case 'until': {
        const ms = parseTimeTerm(value, now);
        if (ms === undefined) throw new QueryError(`"${key}:${value}" is not a time — use a duration such as 2h or 7d, or an ISO time`, key);
        if (key === 'since') q.sinceMs = ms;
        else q.untilMs = ms;
        break;
      }
      default:
        q[key as 'workflow' | 'component' | 'trace' | 'type' | 'actor'] = value;
    }
  }
  if (q.sinceMs !== undefined && q.untilMs !== undefined && q.sinceMs >= q.untilMs) {
    throw new QueryError('"since:" must be before "until:"', 'since');
  }
  return { ...q, text, sources };
}

/** The query as text again (for recent queries and pinned groups). */
export function formatQuery(q: ActivityQuery): string {
  const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v);
  const parts: string[] = [];
  if (q.sources.length) parts.push(`source:${q.sources.join(',')}`);
  if (q.level) parts.push(`level:${q.level}`);
  if (q.status) parts.push(`status:${{ failure: 'failed', success: 'succeeded', pending: 'running', none: 'none' }[q.status]}`);
  for (const k of ['workflow', 'component', 'trace', 'type', 'actor'] as const) if (q[k]) parts.push(`${k}:${quote(q[k]!)}`);
  if (q.sinceMs !== undefined) parts.push(`since:${new Date(q.sinceMs).toISOString()}`);
  if (q.untilMs !== undefined) parts.push(`until:${new Date(q.untilMs).toISOString()}`);
  parts.push(...q.text.map(quote));
  return parts.join(' ');
}

export function queryAppliesToSource(q: ActivityQuery, source: { id: string; kind: string }): boolean {
  return q.sources.length === 0 || q.sources.some((s) => s === source.id || s.toLowerCase() === source.kind);
}

const includes = (haystack: string | undefined, needle: string) => !!haystack && haystack.toLowerCase().includes(needle.toLowerCase());

/**
 * Whether an activity satisfies every term. `payloadText` is the searchable text of the payload
 * when the caller has it (raw JSON); free text also looks at the title, error and ids.
 */
export function matchesQuery(a: Activity, q: ActivityQuery, payloadText?: string): boolean {
  if (q.level && !levelAtLeast(a.level, q.level)) return false;
  if (q.status && a.outcome !== q.status) return false;
  if (q.workflow && !(a.workflowId === q.workflow || includes(a.workflowName, q.workflow) || includes(a.workflowId, q.workflow))) return false;
  if (q.component && !(a.workflowId === q.component || includes(a.details?.Component, q.component) || includes(a.workflowId, q.component))) return false;
  if (q.trace && a.traceId !== q.trace) return false;
  if (q.type && !includes(a.type, q.type)) return false;
  if (q.actor && !includes(a.actor, q.actor)) return false;
  if (q.sinceMs !== undefined && a.timeMs < q.sinceMs) return false;
  if (q.untilMs !== undefined && a.timeMs > q.untilMs) return false;
  if (q.text.length) {
    const hay = [a.title, a.error, a.id, a.executionId, a.workflowName, a.workflowId, a.traceId, a.actor, a.type, payloadText ?? safeJson(a.raw)]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    if (!q.text.every((w) => hay.includes(w))) return false;
  }
  return true;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
