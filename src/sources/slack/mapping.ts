/** Slack activities → Activity. */
import { createHash } from 'crypto';
import { Activity, activityKey, Level, LEVELS, Outcome } from '../../core/activity';
import { fromEpochMicros } from '../../core/time';
import { appLogsUrl, SlackEndpoints } from './endpoints';
import { cliMessage, cliTitle, triggerErrors } from './messages';
import type { SlackActivity } from './schema';

export const SLACK_STREAM = 'activity';

export interface SlackMappingContext {
  readonly sourceId: string;
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
export function slackActivityId(a: SlackActivity): string {
  const p = a.payload as Record<string, unknown>;
  const hash = createHash('sha256')
    .update(JSON.stringify([a.level, a.source, a.component_type, IDENTIFYING_PAYLOAD_KEYS.map((k) => p[k] ?? null)]))
    .digest('base64url')
    .slice(0, 8);
  return [a.created, a.trace_id || '-', a.event_type, a.component_id || '-', hash].join(':');
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

export function mapSlackActivity(a: SlackActivity, ctx: SlackMappingContext, raw: unknown = a): Activity {
  const p = a.payload;
  const time = fromEpochMicros(a.created);
  const id = slackActivityId(a);
  const message = cliMessage(a);
  const isWorkflow = a.component_type === 'workflows' || a.component_id.startsWith('Wf');
  const workflowName = isString(p.workflow_name) ? p.workflow_name : a.event_type === 'trigger_executed' && isString(p.function_name) ? p.function_name : undefined;
  const trip = p.trigger && typeof p.trigger === 'object' ? (p.trigger as Record<string, unknown>).trip_information : undefined;
  const tripUser = trip && typeof trip === 'object' ? (trip as Record<string, unknown>).user_id : undefined;
  const actor = [p.actor, p.user_id, tripUser].find(isString);
  const teamId = a.team_id ?? ctx.teamId;
  const appId = a.app_id ?? ctx.appId;

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
  put('App', appId);
  put('Team', teamId);
  put('Enterprise', a.enterprise_id);

  const webUrl = appLogsUrl(ctx.endpoints, teamId, appId);
  return {
    key: activityKey(ctx.sourceId, SLACK_STREAM, id),
    sourceId: ctx.sourceId,
    sourceKind: 'slack',
    stream: SLACK_STREAM,
    id,
    time: time.iso,
    timeMs: time.ms,
    level: slackLevel(a.level),
    outcome: slackOutcome(a),
    title: cliTitle(message),
    type: a.event_type,
    workflowId: isWorkflow && a.component_id ? a.component_id : undefined,
    workflowName,
    executionId: isString(p.function_execution_id) ? p.function_execution_id : undefined,
    traceId: a.trace_id || undefined,
    actor,
    error: slackError(a),
    webUrl,
    details,
    links: webUrl ? [{ label: 'App logs in Slack', url: webUrl }] : undefined,
    jsonStringPaths: typeof p.errors === 'string' ? ['payload.errors'] : undefined,
    raw,
  };
}
