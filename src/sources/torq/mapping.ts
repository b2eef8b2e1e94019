/** Torq entries → Activity. */
import { Activity, activityKey, Level, Outcome } from '../../core/activity';
import { ActivityLogsError } from '../../core/errors';
import { parseIsoTime } from '../../core/time';
import type { TorqEndpoints } from './endpoints';
import type { TorqActivityLog, TorqAuditLog } from './schema';

export const ACTIVITY_STREAM = 'activity';
export const AUDIT_STREAM = 'audit';

const FAILED = new Set(['FAILED', 'DROPPED']);
const PENDING = new Set(['RUNNING', 'QUEUED', 'ON_HOLD', 'PENDING']);

export function executionOutcome(status: string | null | undefined): Outcome {
  const s = (status ?? '').toUpperCase().replace(/^EXECUTION_STATUS_/, '');
  if (!s) return 'none';
  if (s === 'SUCCESS' || s === 'SUCCEEDED' || s === 'COMPLETED') return 'success';
  if (FAILED.has(s)) return 'failure';
  if (PENDING.has(s)) return 'pending';
  return 'none';
}

const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = { success: 'succeeded', failure: 'failed', pending: 'is running', none: '' };

export function mapActivityLog(entry: TorqActivityLog, sourceId: string, endpoints: TorqEndpoints): Activity {
  const { event } = entry;
  const execution = entry.execution ?? undefined;
  const time = preciseTime(event.timestamp, 'event.timestamp');
  const status = execution?.status ?? undefined;
  let outcome = executionOutcome(status);
  const error = typeof execution?.error === 'string' ? execution.error : (execution?.error?.message ?? undefined);
  if (error && outcome === 'none') outcome = 'failure';
  const actor = event.on_demand?.executed_by ?? event.single_step?.executed_by ?? event.integration?.executed_by ?? undefined;
  const workflowName = execution?.workflow_name ?? undefined;
  const trigger = describeTrigger(entry);

  let title: string;
  if (event.type === 'single_step') {
    title = `Single step ${outcome === 'none' ? 'executed' : OUTCOME_WORDS[outcome]}${actor ? ` by ${actor}` : ''}`;
  } else if (execution && (workflowName || execution.workflow_id)) {
    const name = workflowName ?? execution.workflow_id;
    const word = status && outcome === 'none' ? status.toLowerCase() : OUTCOME_WORDS[outcome] || 'ran';
    title = `Workflow '${name}' ${word}`;
  } else {
    title = `Event ${trigger ? `from ${trigger} ` : ''}triggered no workflow`;
  }

  const details: Record<string, string> = {};
  const put = (key: string, value: string | null | undefined) => {
    if (value) details[key] = value;
  };
  put('Event', event.pretty_id ?? event.id);
  put('Trigger', trigger);
  put('Workspace', entry.workspace_name ?? entry.account_name ?? entry.workspace_id ?? entry.account_id);
  put('Status', status);
  put('Started', execution?.started_at);
  put('Finished', execution?.finished_at);
  put('Parent workflow', event.nested?.parent_workflow_name ?? event.nested?.parent_workflow_id);

  const workflowId = execution?.workflow_id ?? undefined;
  const executionId = execution?.id ?? undefined;
  const links: Array<{ label: string; url: string }> = [];
  if (workflowId) links.push({ label: 'Workflow in Torq', url: `${endpoints.ui}/workflows/${encodeURIComponent(workflowId)}` });
  const parent = event.nested;
  if (parent?.parent_workflow_id && parent.parent_execution_id) {
    links.push({ label: 'Parent execution in Torq', url: executionUrl(endpoints, parent.parent_workflow_id, parent.parent_execution_id) });
  }

  return {
    key: activityKey(sourceId, ACTIVITY_STREAM, entry.id),
    sourceId,
    sourceKind: 'torq',
    stream: ACTIVITY_STREAM,
    id: entry.id,
    time: time.iso,
    timeMs: time.ms,
    level: levelFor(outcome),
    outcome,
    title,
    type: event.type,
    workflowId,
    workflowName,
    executionId,
    parentExecutionId: event.nested?.parent_execution_id ?? undefined,
    actor,
    error,
    webUrl: workflowId && executionId ? executionUrl(endpoints, workflowId, executionId) : undefined,
    details,
    links,
    jsonStringPaths: typeof event.body === 'string' ? ['event.body'] : undefined,
    raw: entry,
  };
}

export function mapAuditLog(entry: TorqAuditLog, sourceId: string, endpoints: TorqEndpoints): Activity {
  const time = preciseTime(entry.timestamp, 'timestamp');
  const actor = entry.email ?? entry.actor_name ?? undefined;
  const who = entry.actor_type === 'api_key' ? `API key '${entry.actor_name ?? '?'}'` : (entry.actor_name ?? entry.email ?? 'someone');
  const details: Record<string, string> = {};
  const put = (key: string, value: string | null | undefined) => {
    if (value) details[key] = value;
  };
  put('Actor type', entry.actor_type);
  put('Email', entry.email);
  put('Resource', entry.resource_name ?? entry.resource_id);
  put('IP', entry.ip);
  put('Workspace', entry.workspace_name ?? entry.account_name);
  const isWorkflow = /^workflow /i.test(entry.action) && entry.resource_id;
  return {
    key: activityKey(sourceId, AUDIT_STREAM, entry.id),
    sourceId,
    sourceKind: 'torq',
    stream: AUDIT_STREAM,
    id: entry.id,
    time: time.iso,
    timeMs: time.ms,
    level: 'info',
    outcome: 'none',
    title: `${entry.action}${entry.resource_name ? ` '${entry.resource_name}'` : ''} by ${who}`,
    type: entry.action,
    workflowId: isWorkflow ? (entry.resource_id ?? undefined) : undefined,
    workflowName: isWorkflow ? (entry.resource_name ?? undefined) : undefined,
    actor,
    webUrl: isWorkflow ? `${endpoints.ui}/workflows/${encodeURIComponent(entry.resource_id ?? '')}` : undefined,
    details,
    raw: entry,
  };
}

export function executionUrl(endpoints: TorqEndpoints, workflowId: string, executionId: string): string {
  return endpoints.executionUrlTemplate
    .replace(/\{ui\}/g, endpoints.ui)
    .replace(/\{workflow_id\}/g, encodeURIComponent(workflowId))
    .replace(/\{execution_id\}/g, encodeURIComponent(executionId));
}

function describeTrigger(entry: TorqActivityLog): string | undefined {
  const { event } = entry;
  switch (event.type) {
    case 'integration': {
      const i = event.integration;
      if (!i) return 'an integration';
      return i.integration_name ? `'${i.integration_name}'${i.integration_type ? ` (${i.integration_type})` : ''}` : (i.integration_type ?? 'an integration');
    }
    case 'on_demand':
      return `on demand${event.on_demand?.executed_by ? ` by ${event.on_demand.executed_by}` : ''}`;
    case 'nested':
      return `nested in '${event.nested?.parent_workflow_name ?? event.nested?.parent_workflow_id ?? '?'}'`;
    case 'single_step':
      return 'single step';
    default:
      return undefined;
  }
}

function levelFor(outcome: Outcome): Level {
  return outcome === 'failure' ? 'error' : 'info';
}

function preciseTime(text: string, field: string) {
  const t = parseIsoTime(text);
  if (!t) throw new ActivityLogsError('badResponse', `Torq sent a malformed time in \`${field}\`: "${text.slice(0, 40)}"`);
  return t;
}
