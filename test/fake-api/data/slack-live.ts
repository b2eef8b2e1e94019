/**
 * New Slack activity arriving while the server runs: what a live tail must pick up. A burst is one
 * workflow run after another (started, steps, result), spread over `spreadMs` ending now.
 */
import type { SlackActivity, SlackData } from './slack-data';

export interface SlackArrival {
  appId?: string;
  count: number;
  /** The new events' times are spread over this many ms before now (default 1000). */
  spreadMs?: number;
  /** How each run ends (default success): `error` makes its result an error event, a new failure. */
  outcome?: 'success' | 'error';
}

export function appendSlackActivities(data: SlackData, nowMs: number, arrival: SlackArrival): SlackActivity[] {
  const app = data.apps.find((a) => a.appId === (arrival.appId ?? data.apps[0].appId)) ?? data.apps[0];
  const workflow = app.workflows[0];
  const lastId = data.activities.length ? data.activities[data.activities.length - 1].logId : 0;
  const lastCreated = data.activities.length ? data.activities[data.activities.length - 1].created : 0;
  const nowUs = nowMs * 1000;
  const spreadUs = Math.max(1, (arrival.spreadMs ?? 1000) * 1000);
  const added: SlackActivity[] = [];
  for (let i = 0; i < arrival.count; i++) {
    // Strictly increasing and unique, even for a burst of thousands within a millisecond.
    const created = Math.max(lastCreated + i + 1, nowUs - spreadUs + Math.floor(((i + 1) * spreadUs) / arrival.count));
    const step = i % 3;
    const trace = `Tr0LIVE${String(Math.floor(i / 3)).padStart(5, '0')}${String(lastId).slice(-3)}`;
    const base = { source: 'slack' as const, component_type: 'workflows' as const, component_id: workflow.id, app_id: app.appId, team_id: app.teamId, trace_id: trace, created };
    const event =
      step === 0
        ? { level: 'info' as const, event_type: 'workflow_execution_started', payload: { workflow_name: workflow.name, actor: 'U0FAKEDEV1' } }
        : step === 1
          ? { level: 'info' as const, event_type: 'workflow_step_started', payload: { function_id: 'Fn0LIVESTEP', total_steps: 1, current_step: 1, function_name: 'Send a message', function_execution_id: `Fx0LIVE${i}` } }
          : arrival.outcome === 'error'
            ? { level: 'error' as const, event_type: 'workflow_execution_result', payload: { workflow_name: workflow.name, exec_outcome: 'Error', error: 'Error: channel_not_found' } }
            : { level: 'info' as const, event_type: 'workflow_execution_result', payload: { workflow_name: workflow.name, exec_outcome: 'Success' } };
    added.push({ ...base, ...event, logId: lastId + i + 1 });
  }
  data.activities.push(...added);
  return added;
}
