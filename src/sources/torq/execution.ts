/**
 * Torq's `execution` object, read from what the vendor documents rather than from key names we
 * guessed. The list-activity-logs page describes its fields but not their keys: the execution id,
 * the workflow id and name, the name of the last executed step, the start and last-update
 * timestamps, and an error message "accessible only when the execution encounters a failure". It
 * documents no status. So each field is looked up under its likely spellings (snake and camel
 * case), the error may be a string or `{message}`, a failure is an error message, and whether a
 * run is still going is read from its timestamps when no status is sent.
 */
import type { Outcome } from '../../core/activity';
import type { ActivityFact } from '../../core/source';
import { activityTime } from '../../core/entryTime';

type Json = Readonly<Record<string, unknown>>;

const KEYS = {
  id: ['id', 'execution_id', 'executionId'],
  workflowId: ['workflow_id', 'workflowId'],
  workflowName: ['workflow_name', 'workflowName'],
  lastStep: ['last_step_name', 'lastStepName', 'last_executed_step', 'lastExecutedStep', 'last_executed_step_name', 'lastExecutedStepName', 'last_step', 'lastStep'],
  startTime: ['start_time', 'startTime', 'started_at', 'startedAt'],
  updateTime: ['update_time', 'updateTime', 'updated_at', 'updatedAt', 'last_update_time', 'lastUpdateTime', 'last_updated', 'lastUpdated'],
  endTime: ['end_time', 'endTime', 'finished_at', 'finishedAt', 'finish_time', 'finishTime', 'ended_at', 'endedAt'],
  status: ['status', 'execution_status', 'executionStatus'],
  error: ['error_message', 'errorMessage', 'error'],
} as const;

export type ExecutionField = keyof typeof KEYS;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or the non-empty `inner` string of an object (`{message}`, `{name}`). */
function text(value: unknown, inner: string): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (isObject(value)) {
    const nested = value[inner];
    return typeof nested === 'string' && nested.trim() ? nested : undefined;
  }
  return undefined;
}

/** The first of `keys` that holds a value. */
function firstText(object: unknown, keys: readonly string[], inner: string): string | undefined {
  if (!isObject(object)) return undefined;
  for (const key of keys) {
    const value = text(object[key], inner);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The first spelling of `field` that holds a value; undefined when the execution has none. */
export function executionField(execution: unknown, field: ExecutionField): string | undefined {
  return firstText(execution, KEYS[field], field === 'error' ? 'message' : 'name');
}

/** The `nested` object of an event started by another run: documented by description, its keys guessed. */
const PARENT_KEYS = {
  executionId: ['parent_execution_id', 'parentExecutionId'],
  workflowId: ['parent_workflow_id', 'parentWorkflowId'],
  workflowName: ['parent_workflow_name', 'parentWorkflowName'],
} as const;

export function parentField(nested: unknown, field: keyof typeof PARENT_KEYS): string | undefined {
  return firstText(nested, PARENT_KEYS[field], 'name');
}

const FAILED = new Set(['FAILED', 'FAILURE', 'ERROR', 'DROPPED']);
const PENDING = new Set(['RUNNING', 'QUEUED', 'ON_HOLD', 'PENDING', 'IN_PROGRESS']);
const SUCCEEDED = new Set(['SUCCESS', 'SUCCEEDED', 'COMPLETED', 'DONE']);

function outcomeOfStatus(status: string): Outcome {
  const s = status.toUpperCase().replace(/^EXECUTION_STATUS_/, '');
  if (SUCCEEDED.has(s)) return 'success';
  if (FAILED.has(s)) return 'failure';
  if (PENDING.has(s)) return 'pending';
  return 'none';
}

/** Statuses are a handful of words: each is normalised once. */
const outcomeCache = new Map<string, Outcome>();

export function statusOutcome(status: string | undefined): Outcome {
  if (!status) return 'none';
  let outcome = outcomeCache.get(status);
  if (outcome === undefined) {
    outcome = outcomeOfStatus(status);
    if (outcomeCache.size < 256) outcomeCache.set(status, outcome);
  }
  return outcome;
}

/** A status the server sent, or else what its error message and timestamps say. */
export interface ExecutionState {
  readonly outcome: Outcome;
  /** The outcome came from the timestamps (no status was sent): "finished", not "succeeded". */
  readonly inferred: boolean;
}

const NONE: ExecutionState = { outcome: 'none', inferred: false };
const FAILURE: ExecutionState = { outcome: 'failure', inferred: false };
const FINISHED: ExecutionState = { outcome: 'success', inferred: true };
const RUNNING: ExecutionState = { outcome: 'pending', inferred: true };

/**
 * A status the server sent wins; else an error message is a failure; else a run with an end time,
 * or updated after it started, finished; one with only a start time is still running.
 */
export function executionState(execution: unknown): ExecutionState {
  if (!isObject(execution)) return NONE;
  const statusText = executionField(execution, 'status');
  const status = statusOutcome(statusText);
  if (status !== 'none') return { outcome: status, inferred: false };
  if (executionField(execution, 'error')) return FAILURE;
  // A status we have no word for (STOPPED): the title shows it as sent.
  if (statusText) return NONE;
  if (executionField(execution, 'endTime')) return FINISHED;
  const start = executionField(execution, 'startTime');
  if (!start) return NONE;
  const update = executionField(execution, 'updateTime');
  const startAt = activityTime(start);
  const updateAt = update === undefined ? undefined : activityTime(update);
  return startAt !== undefined && updateAt !== undefined && updateAt > startAt ? FINISHED : RUNNING;
}

const FACTS: ReadonlyArray<readonly [string, ExecutionField]> = [
  ['Status', 'status'],
  ['Workflow', 'workflowName'],
  ['Started', 'startTime'],
  ['Finished', 'endTime'],
  ['Last update', 'updateTime'],
  ['Last step', 'lastStep'],
  ['Error', 'error'],
];

/** What an expanded run shows, in this order; a field the execution lacks is left out. */
export function executionFacts(execution: unknown): ActivityFact[] {
  const facts: ActivityFact[] = [];
  for (const [label, field] of FACTS) {
    const value = executionField(execution, field);
    if (value !== undefined) facts.push({ label, value });
  }
  // No status sent: say what the timestamps and error say, marked as read from them.
  if (!executionField(execution, 'status')) {
    const state = executionState(execution);
    if (state.outcome !== 'none') facts.unshift({ label: 'Status', value: `${state.outcome === 'success' ? 'finished' : state.outcome === 'pending' ? 'running' : 'failed'}${state.inferred ? ' (from its timestamps)' : ''}` });
  }
  return facts;
}
