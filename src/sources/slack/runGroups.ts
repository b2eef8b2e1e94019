/**
 * The Workflow runs group of a Slack source: each run of the window whole, whatever traces its
 * events were logged under (see ./runs.ts), with its steps in order, each listing its own events.
 * Built from one read of the window; the steps' listings are that read's entries, in memory.
 */
import type { Activity, Outcome } from '../../core/activity';
import type { PageFetcher } from '../../core/paging';
import type { GroupNode } from '../../core/source';
import { formatLocalTime, fromEpochMicros, type ResolvedWindow } from '../../core/time';
import { SlackActivityEntry } from './mapping';
import { assembleRuns, describeRun, type RunEvent, type RunOutcome, type RunStep, type WorkflowRun } from './runs';

/** An entry as the assembler reads it, with the Activity the tree shows for it. */
export interface SlackRunEvent extends RunEvent {
  readonly activity: Activity;
}

export type SlackRun = WorkflowRun<SlackRunEvent>;

const OUTCOMES: Record<RunOutcome, Outcome> = { running: 'pending', success: 'success', failure: 'failure' };
const OUTCOME_WORDS: Record<RunOutcome, string> = { running: 'running', success: 'succeeded', failure: 'failed' };

/** The workflow runs among a window's activities, newest first. */
export function slackRuns(activities: readonly Activity[]): SlackRun[] {
  const events: SlackRunEvent[] = [];
  for (const activity of activities) {
    if (activity instanceof SlackActivityEntry) events.push({ ...activity.entry, activity });
  }
  return assembleRuns(events).reverse();
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Oldest first, as a run happened (the Traces group reads that way too). */
function memoryListing(events: readonly SlackRunEvent[]): PageFetcher<Activity> {
  const items = events.map((e) => e.activity);
  return async () => ({ items });
}

/** Stable across refreshes: the run's first event's microsecond and its workflow. */
export function runGroupId(run: SlackRun): string {
  return `run:${run.events[0].created}:${run.workflowId}`;
}

function stepGroup(run: SlackRun, step: RunStep<SlackRunEvent>, position: number): GroupNode {
  const index = step.index || position + 1;
  const total = Math.max(run.totalSteps, run.steps.length);
  const name = step.functionName ?? step.functionId ?? 'a function';
  const label = `Step ${index} of ${total}: ${name}`;
  return {
    id: `step:${step.functionExecutionId ?? position}`,
    label,
    description: `${OUTCOME_WORDS[step.outcome]} · ${count(step.events.length, 'event')}`,
    tooltip: `${label} ${OUTCOME_WORDS[step.outcome]}${step.functionExecutionId ? ` (execution ${step.functionExecutionId})` : ''}${step.error ? `\n${step.error}` : ''}`,
    icon: 'function',
    outcome: OUTCOMES[step.outcome],
    snapshot: true,
    list: () => memoryListing(step.events),
  };
}

/** A run as a group: "Give kudos · step 3 of 4 failed", its steps in order, then every event of the run. */
export function runGroup(run: SlackRun): GroupNode {
  const name = run.workflowName ?? run.workflowId;
  const started = formatLocalTime(fromEpochMicros(run.events[0].created).iso, false).slice(0, 8);
  const traces = run.traceIds.size;
  const whole: GroupNode = {
    id: 'events',
    label: 'Every event of the run',
    description: `${count(run.events.length, 'event')} · ${count(traces, 'trace')}`,
    tooltip: `The run's events in time order, from its traces ${[...run.traceIds].join(', ')}`,
    icon: 'events',
    snapshot: true,
    list: () => memoryListing(run.events),
  };
  return {
    id: runGroupId(run),
    label: `${name} · ${describeRun(run)}`,
    description: `started ${started}${traces > 1 ? ` · ${count(traces, 'trace')}` : ''}`,
    tooltip: `Workflow ${name} (${run.workflowId}), ${OUTCOME_WORDS[run.outcome]}; traces ${[...run.traceIds].join(', ')}${run.error ? `\n${run.error}` : ''}`,
    icon: 'workflow',
    outcome: OUTCOMES[run.outcome],
    children: async () => [...run.steps.map((step, i) => stepGroup(run, step, i)), whole],
  };
}

/** The group of every run of the window; `read` gives the window's activities. */
export function runsGroup(read: (window: ResolvedWindow, signal?: AbortSignal) => Promise<readonly Activity[]>): GroupNode {
  return {
    id: 'runs',
    label: 'Workflow runs',
    icon: 'runs',
    tooltip: 'The workflow runs of the time window, newest first, each whole: its steps in order with their outcomes, across the traces its events were logged under',
    children: async (window, signal) => slackRuns(await read(window, signal)).map(runGroup),
  };
}
