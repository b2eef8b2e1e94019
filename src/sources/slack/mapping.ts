/** Slack activities → Activity. */
import * as crypto from 'crypto';
import { Activity, activityKey, ActivityOrigin, Level, LEVELS, Outcome, SourceActivity } from '../../core/activity';
import { fromEpochMicros } from '../../core/time';
import { appLogsUrl, SlackEndpoints } from './endpoints';
import { cliMessage, cliTitle, triggerErrors } from './messages';
import type { SlackActivity } from './schema';

export const SLACK_STREAM = 'activity';

export interface SlackMappingContext extends ActivityOrigin {
  readonly sourceKind: 'slack';
  readonly appId: string;
  readonly teamId?: string;
  readonly endpoints: SlackEndpoints;
}

/** The payload keys Slack documents (api-spec §2.3): what tells two entries of one microsecond apart. */
const IDENTIFYING_PAYLOAD_KEYS = [
  'function_name', 'function_type', 'function_id', 'function_execution_id', 'workflow_name', 'exec_outcome', 'current_step',
  'total_steps', 'error', 'errors', 'reason', 'log', 'action', 'user_id', 'team_id', 'app_id', 'channel_id', 'bot_user_id',
  'actor', 'template_id', 'request_type', 'datastore_name', 'details', 'provider_key', 'code', 'extra_message',
] as const;

/**
 * Slack entries carry no id: this one is built from what identifies an entry (its microsecond,
 * trace, event type, component) plus a short hash of its documented fields, so it is stable across
 * reloads, two events of one microsecond still differ, and a field Slack adds later does not make
 * an entry already seen look new (a live tail would show it twice).
 */
/** Position of each identifying key, to read only the keys a payload has (a handful) instead of asking it for all 26. */
const IDENTIFYING_INDEX = new Map<string, number>(IDENTIFYING_PAYLOAD_KEYS.map((k, i) => [k, i]));

export function slackActivityId(a: SlackActivity): string {
  const p = a.payload as Record<string, unknown>;
  // The text hashed is `JSON.stringify([level, source, component_type, [payload values or null]])`, written out
  // without the intermediate arrays (this runs for every listed entry).
  const values: string[] = new Array<string>(IDENTIFYING_PAYLOAD_KEYS.length).fill('null');
  for (const key of Object.keys(p)) {
    const i = IDENTIFYING_INDEX.get(key);
    if (i === undefined) continue;
    const value = p[key];
    if (value !== undefined && value !== null) values[i] = JSON.stringify(value) ?? 'null';
  }
  const text = `[${JSON.stringify(a.level)},${JSON.stringify(a.source)},${JSON.stringify(a.component_type)},[${values.join(',')}]]`;
  const hash = sha256Base64url(text).slice(0, 8);
  return `${a.created}:${a.trace_id || '-'}:${a.event_type}:${a.component_id || '-'}:${hash}`;
}

/** Node 20.12+ has a one-shot `crypto.hash`, much cheaper than a Hash object per entry; older hosts fall back. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

function sha256Base64url(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'base64url') : crypto.createHash('sha256').update(text).digest('base64url');
}

export function slackLevel(level: string): Level {
  const l = level.toLowerCase();
  return (LEVELS as readonly string[]).includes(l) ? (l as Level) : l === 'warning' ? 'warn' : 'info';
}

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * Failure: anything Slack logs at error or fatal (a failed function, workflow, step, trigger,
 * datastore request or external auth), or a result whose `exec_outcome` is Error. Pending and
 * success come from `exec_outcome`, or from a `*_result` event below error level.
 */
export function slackOutcome(a: SlackActivity): Outcome {
  const level = slackLevel(a.level);
  const exec = isString(a.payload.exec_outcome) ? a.payload.exec_outcome.toLowerCase() : undefined;
  if (level === 'error' || level === 'fatal' || exec === 'error') return 'failure';
  if (exec === 'pending') return 'pending';
  if (exec === 'success') return 'success';
  if (a.event_type === 'workflow_billing_result') return 'none';
  if (a.event_type.endsWith('_result') && level !== 'warn') return 'success';
  return 'none';
}

/** The error text of a failure, as Slack reports it: `error`, a trigger's decoded `errors`, `reason`, an auth `code`. */
export function slackError(a: SlackActivity): string | undefined {
  const p = a.payload;
  const lines: string[] = [];
  if (isString(p.error)) lines.push(p.error);
  if (a.event_type === 'trigger_executed') {
    if (isString(p.reason)) lines.push(p.reason);
    lines.push(...(triggerErrors(p) ?? (isString(p.errors) ? [p.errors] : [])));
  } else if (!lines.length && isString(p.reason)) lines.push(p.reason);
  if (!lines.length && slackOutcome(a) === 'failure') {
    if (isString(p.extra_message)) lines.push(isString(p.code) ? `${p.code}: ${p.extra_message}` : p.extra_message);
    else if (isString(p.code)) lines.push(p.code);
  }
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * A Slack entry as an Activity: the entry as sent, its key and time; everything else is computed
 * from the entry when read (see `plainActivity`), so that a long listing keeps one copy of each.
 */
/** Events that change what runs: a deployment, a workflow published or withdrawn (api-spec §2.3). */
const SLACK_CHANGES = new Set(['function_deployment', 'workflow_published', 'workflow_unpublished']);

export class SlackActivityEntry extends SourceActivity<SlackMappingContext> implements Activity {
  /**
   * Built on first read, then kept: the key takes a SHA-256 of the entry, which listings that only
   * filter or count entries (search, discovery, export) never need; the tree and the live tail read it.
   */
  private keyText: string | undefined = undefined;
  private timeText: string | undefined = undefined;
  private titleText: string | undefined = undefined;

  /** `entry` is what `slackActivitySchema` made of `raw`, the entry as Slack sent it. */
  constructor(
    readonly entry: SlackActivity,
    readonly raw: unknown,
    context: SlackMappingContext,
  ) {
    super(context);
  }

  get key(): string {
    return (this.keyText ??= activityKey(this.context.sourceId, this.context.stream, slackActivityId(this.entry)));
  }
  get time(): string {
    return (this.timeText ??= fromEpochMicros(this.entry.created).iso);
  }
  get level(): Level {
    return slackLevel(this.entry.level);
  }
  get outcome(): Outcome {
    return slackOutcome(this.entry);
  }
  get title(): string {
    return (this.titleText ??= cliTitle(cliMessage(this.entry)));
  }
  get type(): string {
    return this.entry.event_type;
  }
  get isChange(): boolean {
    return SLACK_CHANGES.has(this.entry.event_type);
  }
  /** The component (function or workflow id), else the function or workflow it names. */
  get subject(): string | undefined {
    const { component_id: component, payload: p } = this.entry;
    if (component) return `component:${component}`;
    if (isString(p.function_name)) return `function:${p.function_name}`;
    return isString(p.workflow_name) ? `workflow:${p.workflow_name}` : undefined;
  }
  get workflowId(): string | undefined {
    const a = this.entry;
    const isWorkflow = a.component_type === 'workflows' || a.component_id.startsWith('Wf');
    return isWorkflow && a.component_id ? a.component_id : undefined;
  }
  get workflowName(): string | undefined {
    const a = this.entry;
    const p = a.payload;
    return isString(p.workflow_name) ? p.workflow_name : a.event_type === 'trigger_executed' && isString(p.function_name) ? p.function_name : undefined;
  }
  get executionId(): string | undefined {
    const p = this.entry.payload;
    return isString(p.function_execution_id) ? p.function_execution_id : undefined;
  }
  get traceId(): string | undefined {
    return this.entry.trace_id || undefined;
  }
  get actor(): string | undefined {
    const p = this.entry.payload;
    const trip = p.trigger && typeof p.trigger === 'object' ? (p.trigger as Record<string, unknown>).trip_information : undefined;
    const tripUser = trip && typeof trip === 'object' ? (trip as Record<string, unknown>).user_id : undefined;
    return [p.actor, p.user_id, tripUser].find(isString);
  }
  get error(): string | undefined {
    return slackError(this.entry);
  }
  get webUrl(): string | undefined {
    const a = this.entry;
    return appLogsUrl(this.context.endpoints, a.team_id ?? this.context.teamId, a.app_id ?? this.context.appId);
  }
  get details(): Readonly<Record<string, string>> {
    const a = this.entry;
    const p = a.payload;
    const details: Record<string, string> = {};
    const put = (key: string, value: unknown) => {
      if (isString(value)) details[key] = value;
    };
    put('Component', a.event_type === 'datastore_request_result' && isString(p.datastore_name) ? `Datastore:${p.datastore_name}` : a.component_id);
    put('Component type', a.component_type);
    put('Log source', a.source);
    put('Function', p.function_name);
    put('Function execution', p.function_execution_id);
    put('Outcome', p.exec_outcome);
    put('Created (µs)', a.created);
    put('App', a.app_id ?? this.context.appId);
    put('Team', a.team_id ?? this.context.teamId);
    put('Enterprise', a.enterprise_id);
    return details;
  }
  get links(): ReadonlyArray<{ readonly label: string; readonly url: string }> | undefined {
    const webUrl = this.webUrl;
    return webUrl ? [{ label: 'App logs in Slack', url: webUrl }] : undefined;
  }
  get jsonStringPaths(): readonly string[] | undefined {
    return typeof this.entry.payload.errors === 'string' ? ERRORS_PATHS : undefined;
  }
}

const ERRORS_PATHS: readonly string[] = Object.freeze(['payload.errors']);

/** `a` as an Activity; `raw` is the entry as Slack sent it, which `a` was parsed from. */
export function mapSlackActivity(a: SlackActivity, ctx: Omit<SlackMappingContext, keyof ActivityOrigin> & { sourceId: string }, raw: unknown = a): Activity {
  return new SlackActivityEntry(a, raw, { ...ctx, sourceKind: 'slack', stream: SLACK_STREAM });
}
