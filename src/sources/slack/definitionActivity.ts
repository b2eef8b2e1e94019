/**
 * What each function and workflow of a Slack app did in a window, for the editor's line above its
 * definition ("3 failures in 24h · last run 4m ago"): counted from documented fields only
 * (api-spec §2.3) — a function runs when `function_execution_started` names it and fails when its
 * `function_execution_result` is an error; a workflow runs and fails by `workflow_execution_*`.
 */
import type { Activity } from '../../core/activity';
import { formatAge, fromEpochMicros } from '../../core/time';
import { type AppDefinition, type DefinitionKind, definitionsNamed } from './appDefinitions';
import { SlackActivityEntry, slackOutcome } from './mapping';

export interface ComponentActivity {
  readonly kind: DefinitionKind;
  /** `Fn…` or `Wf…`: the child of the Functions or Workflows group that lists it. */
  readonly componentId: string;
  /** The name the entries give it (`function_name`, `workflow_name`). */
  readonly name: string;
  runs: number;
  failures: number;
  lastRunMs?: number;
}

const RUN_EVENTS: Readonly<Record<string, { kind: DefinitionKind; nameKey: string; start: boolean }>> = {
  function_execution_started: { kind: 'function', nameKey: 'function_name', start: true },
  function_execution_result: { kind: 'function', nameKey: 'function_name', start: false },
  workflow_execution_started: { kind: 'workflow', nameKey: 'workflow_name', start: true },
  workflow_execution_result: { kind: 'workflow', nameKey: 'workflow_name', start: false },
};

/** Each function and workflow that started or ended a run among `activities`. */
export function componentActivity(activities: readonly Activity[]): ComponentActivity[] {
  const found = new Map<string, ComponentActivity>();
  for (const a of activities) {
    if (!(a instanceof SlackActivityEntry)) continue;
    const e = a.entry;
    const run = RUN_EVENTS[e.event_type];
    const name = run && e.payload[run.nameKey];
    if (!run || !e.component_id || typeof name !== 'string' || !name) continue;
    const key = `${run.kind}\0${e.component_id}`;
    let c = found.get(key);
    if (!c) found.set(key, (c = { kind: run.kind, componentId: e.component_id, name, runs: 0, failures: 0 }));
    if (run.start) {
      c.runs++;
      const ms = fromEpochMicros(e.created).ms;
      if (c.lastRunMs === undefined || ms > c.lastRunMs) c.lastRunMs = ms;
    } else if (slackOutcome(e) === 'failure') c.failures++;
  }
  return [...found.values()];
}

/** The components a definition's entries are logged under (by callback id or title), most runs first. */
export function activityOfDefinition(all: readonly ComponentActivity[], def: AppDefinition): ComponentActivity[] {
  return all.filter((c) => c.kind === def.kind && definitionsNamed([def], def.kind, c.name).length > 0).sort((a, b) => b.runs - a.runs);
}

/** "3 failures in 24h · last run 4m ago", "no failures in 24h · last run 2h ago", "no runs in 24h". */
export function describeComponentActivity(found: readonly ComponentActivity[], window: string, nowMs = Date.now()): string {
  const failures = found.reduce((n, c) => n + c.failures, 0);
  const last = Math.max(-Infinity, ...found.flatMap((c) => (c.lastRunMs === undefined ? [] : [c.lastRunMs])));
  if (!found.length || (failures === 0 && last === -Infinity)) return `no runs in ${window}`;
  const counted = failures === 0 ? `no failures in ${window}` : `${failures} failure${failures === 1 ? '' : 's'} in ${window}`;
  return last === -Infinity ? counted : `${counted} · last run ${formatAge(last, nowMs)}`;
}
