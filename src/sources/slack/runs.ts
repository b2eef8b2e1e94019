/**
 * Slack workflow runs put back together. A run's events need not share one trace id (the workflow
 * may log under one and its steps under another), so a run is assembled from what the documented
 * payloads say (api-spec §2.3, the event type definitions of `apps.activities.list`):
 * - `workflow_execution_started` / `workflow_execution_result` (component: the workflow) open and
 *   close a run, with `exec_outcome` Pending, Success or Error;
 * - `workflow_step_started` carries `function_execution_id`, `current_step`, `total_steps` and
 *   `function_id`; `workflow_step_execution_result` carries the same execution id and the outcome;
 * - `function_execution_started` / `_result` / `_output` (component: the function) carry no
 *   execution id, so they join the open step of that function that started last before them.
 * Trace ids break ties: an event goes to a run of its own trace when there is one.
 */

export type RunOutcome = 'running' | 'success' | 'failure';

/** The fields of a Slack activity the assembler reads (documented ones only). */
export interface RunEvent {
  readonly event_type: string;
  readonly component_id: string;
  readonly trace_id: string;
  /** Epoch microseconds as digits. */
  readonly created: string;
  readonly level: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface RunStep<E extends RunEvent = RunEvent> {
  /** 1-based, from `current_step`; 0 when the run did not say. */
  readonly index: number;
  readonly functionId?: string;
  readonly functionName?: string;
  readonly functionExecutionId?: string;
  outcome: RunOutcome;
  error?: string;
  readonly events: E[];
}

export interface WorkflowRun<E extends RunEvent = RunEvent> {
  readonly workflowId: string;
  readonly workflowName?: string;
  /** `total_steps` as the run reported it, else the number of steps seen. */
  totalSteps: number;
  outcome: RunOutcome;
  error?: string;
  readonly steps: RunStep<E>[];
  /** Every event of the run, oldest first. */
  readonly events: E[];
  readonly traceIds: Set<string>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);

function outcomeOf(event: RunEvent): RunOutcome | undefined {
  const exec = str(event.payload.exec_outcome)?.toLowerCase();
  if (exec === 'success') return 'success';
  if (exec === 'error' || exec === 'failed' || exec === 'failure') return 'failure';
  if (exec === 'pending') return 'running';
  if (event.event_type === 'function_execution_result') return str(event.payload.error) || /^(error|fatal)$/i.test(event.level) ? 'failure' : 'success';
  return undefined;
}

/** Compares digit strings of microseconds without losing precision. */
function byTime(a: RunEvent, b: RunEvent): number {
  return a.created.length - b.created.length || (a.created < b.created ? -1 : a.created > b.created ? 1 : 0);
}

/**
 * The workflow runs among `events` (any order), oldest first. Events that belong to no run
 * (deployments, datastore events, a function called outside a workflow) are left out.
 */
export function assembleRuns<E extends RunEvent>(events: readonly E[]): WorkflowRun<E>[] {
  const sorted = [...events].sort(byTime);
  const runs: WorkflowRun<E>[] = [];
  const open: WorkflowRun<E>[] = [];
  const stepByExecution = new Map<string, { run: WorkflowRun<E>; step: RunStep<E> }>();

  /** The open run of a workflow this event belongs to: of its own trace first, else the latest started. */
  const openRunOf = (workflowId: string, event: E): WorkflowRun<E> | undefined => {
    const candidates = open.filter((r) => r.workflowId === workflowId);
    return candidates.find((r) => event.trace_id && r.traceIds.has(event.trace_id)) ?? candidates[candidates.length - 1];
  };
  const add = (run: WorkflowRun<E>, event: E) => {
    run.events.push(event);
    if (event.trace_id) run.traceIds.add(event.trace_id);
  };

  for (const event of sorted) {
    const p = event.payload;
    switch (event.event_type) {
      case 'workflow_execution_started': {
        const run: WorkflowRun<E> = { workflowId: event.component_id, workflowName: str(p.workflow_name), totalSteps: 0, outcome: 'running', steps: [], events: [], traceIds: new Set() };
        add(run, event);
        runs.push(run);
        open.push(run);
        break;
      }
      case 'workflow_step_started': {
        const run = openRunOf(event.component_id, event);
        if (!run) break;
        const step: RunStep<E> = { index: int(p.current_step) ?? 0, functionId: str(p.function_id), functionName: str(p.function_name), functionExecutionId: str(p.function_execution_id), outcome: 'running', events: [event] };
        run.steps.push(step);
        run.totalSteps = Math.max(run.totalSteps, int(p.total_steps) ?? 0, run.steps.length);
        add(run, event);
        if (step.functionExecutionId) stepByExecution.set(step.functionExecutionId, { run, step });
        break;
      }
      case 'workflow_step_execution_result': {
        const found = stepByExecution.get(str(p.function_execution_id) ?? '');
        if (!found) break;
        found.step.events.push(event);
        found.step.outcome = outcomeOf(event) ?? found.step.outcome;
        add(found.run, event);
        break;
      }
      case 'function_execution_started':
      case 'function_execution_result':
      case 'function_execution_output': {
        const found = openStepOfFunction(open, event);
        if (!found) break;
        found.step.events.push(event);
        if (event.event_type === 'function_execution_result') {
          const outcome = outcomeOf(event);
          if (outcome) found.step.outcome = outcome;
          found.step.error ??= str(p.error);
        }
        add(found.run, event);
        break;
      }
      case 'workflow_execution_result': {
        const run = openRunOf(event.component_id, event);
        if (!run) break;
        add(run, event);
        const outcome = outcomeOf(event);
        if (outcome && outcome !== 'running') {
          run.outcome = outcome;
          run.error = str(p.error) ?? run.steps.find((s) => s.outcome === 'failure')?.error;
          open.splice(open.indexOf(run), 1);
        }
        break;
      }
    }
  }
  for (const run of runs) run.steps.sort((a, b) => a.index - b.index);
  return runs;
}

/** The step of an open run running this function that started last, preferring the event's own trace. */
function openStepOfFunction<E extends RunEvent>(open: readonly WorkflowRun<E>[], event: E): { run: WorkflowRun<E>; step: RunStep<E> } | undefined {
  let best: { run: WorkflowRun<E>; step: RunStep<E> } | undefined;
  for (const run of open) {
    for (const step of run.steps) {
      if (step.functionId !== event.component_id) continue;
      const done = step.events.some((e) => e.event_type === 'function_execution_result');
      if (done && event.event_type !== 'function_execution_output') continue;
      const sameTrace = !!event.trace_id && run.traceIds.has(event.trace_id);
      const bestSameTrace = !!best && !!event.trace_id && best.run.traceIds.has(event.trace_id);
      if (!best || (sameTrace && !bestSameTrace) || (sameTrace === bestSameTrace && byTime(step.events[0], best.step.events[0]) >= 0)) best = { run, step };
    }
  }
  return best;
}

/** "step 2 of 3 failed", "3 steps succeeded", "running step 2 of 3": what a run did, in a few words. */
export function describeRun(run: WorkflowRun): string {
  const total = Math.max(run.totalSteps, run.steps.length);
  const failed = run.steps.find((s) => s.outcome === 'failure');
  if (failed) return `step ${failed.index || run.steps.indexOf(failed) + 1} of ${total} failed`;
  if (run.outcome === 'failure') return 'failed';
  if (run.outcome === 'success') return `${total} step${total === 1 ? '' : 's'} succeeded`;
  const current = run.steps[run.steps.length - 1];
  return current ? `running step ${current.index || run.steps.length} of ${total}` : 'started';
}
