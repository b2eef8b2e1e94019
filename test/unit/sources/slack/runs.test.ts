/** Slack workflow runs put back together from documented payloads, across trace ids. */
import * as assert from 'assert';
import { assembleRuns, describeRun, RunEvent } from '../../../../src/sources/slack/runs';

let clock = 1_764_000_000_000_000;
/** An activity shaped like the examples of Slack's apps.activities.list page, a millisecond after the last. */
function ev(event_type: string, component_id: string, trace_id: string, payload: Record<string, unknown>, level = 'info'): RunEvent {
  clock += 1000;
  return { event_type, component_id, trace_id, created: String(clock), level, payload };
}

/** One workflow run of Wf1 with two steps; the workflow logs under `wfTrace`, its steps under `stepTrace`. */
function run(wfTrace: string, stepTrace: string, fx: [string, string], failSecond: boolean): RunEvent[] {
  return [
    ev('workflow_execution_started', 'Wf1', wfTrace, { workflow_name: 'Give kudos', actor: 'U1' }),
    ev('workflow_step_started', 'Wf1', wfTrace, { function_id: 'Fn1', total_steps: 2, current_step: 1, function_name: 'format_kudos', function_execution_id: fx[0] }),
    ev('function_execution_started', 'Fn1', stepTrace, { function_name: 'format_kudos', function_type: 'app' }),
    ev('function_execution_result', 'Fn1', stepTrace, { function_name: 'format_kudos' }),
    ev('workflow_step_execution_result', 'Wf1', wfTrace, { function_id: 'Fn1', exec_outcome: 'Success', function_name: 'format_kudos', function_execution_id: fx[0] }),
    ev('workflow_step_started', 'Wf1', wfTrace, { function_id: 'Fn2', total_steps: 2, current_step: 2, function_name: 'save_kudos', function_execution_id: fx[1] }),
    ev('function_execution_started', 'Fn2', stepTrace, { function_name: 'save_kudos', function_type: 'app' }),
    failSecond
      ? ev('function_execution_result', 'Fn2', stepTrace, { function_name: 'save_kudos', error: 'TypeError: x is undefined\n    at save (file:///functions/save_kudos.ts:9:3)' }, 'error')
      : ev('function_execution_result', 'Fn2', stepTrace, { function_name: 'save_kudos' }),
    ev('workflow_step_execution_result', 'Wf1', wfTrace, { function_id: 'Fn2', exec_outcome: failSecond ? 'Error' : 'Success', function_name: 'save_kudos', function_execution_id: fx[1] }),
    ev('workflow_execution_result', 'Wf1', wfTrace, { workflow_name: 'Give kudos', exec_outcome: failSecond ? 'Error' : 'Success' }),
  ];
}

describe('Slack runs', () => {
  it('puts one run together across two trace ids, steps in order with their outcomes', () => {
    const events = run('Tr_wf', 'Tr_steps', ['Fx1', 'Fx2'], true);
    const runs = assembleRuns([...events].reverse()); // the API lists newest first
    assert.strictEqual(runs.length, 1);
    const [r] = runs;
    assert.strictEqual(r.events.length, events.length);
    assert.deepStrictEqual([...r.traceIds].sort(), ['Tr_steps', 'Tr_wf']);
    assert.deepStrictEqual(r.steps.map((s) => [s.index, s.functionName, s.outcome, s.events.length]), [
      [1, 'format_kudos', 'success', 4],
      [2, 'save_kudos', 'failure', 4],
    ]);
    assert.strictEqual(r.outcome, 'failure');
    assert.match(r.error ?? '', /^TypeError: x is undefined/);
    assert.strictEqual(describeRun(r), 'step 2 of 2 failed');
  });

  it('keeps two overlapping runs of one workflow apart by their executions and traces', () => {
    const a = run('TrA', 'TrA', ['FxA1', 'FxA2'], false);
    const b = run('TrB', 'TrB', ['FxB1', 'FxB2'], true);
    const interleaved = a.flatMap((e, i) => [e, b[i]]);
    const runs = assembleRuns(interleaved);
    assert.strictEqual(runs.length, 2);
    assert.deepStrictEqual(runs.map((r) => [[...r.traceIds].join(), r.outcome, r.events.length, describeRun(r)]), [
      ['TrA', 'success', 10, '2 steps succeeded'],
      ['TrB', 'failure', 10, 'step 2 of 2 failed'],
    ]);
  });

  it('shows a run still going, and leaves events of no run out', () => {
    const events = run('T', 'T', ['Fx1', 'Fx2'], false).slice(0, 7);
    const stray = ev('function_deployment', 'Fn9', 'T9', { action: 'Create', team_id: 'T1', user_id: 'U1', bundle_size_kb: 13 });
    const orphan = ev('workflow_step_execution_result', 'Wf1', 'T8', { function_execution_id: 'FxUnknown', exec_outcome: 'Success' });
    const runs = assembleRuns([stray, ...events, orphan]);
    assert.strictEqual(runs.length, 1);
    assert.strictEqual(runs[0].outcome, 'running');
    assert.strictEqual(runs[0].events.length, 7);
    assert.strictEqual(describeRun(runs[0]), 'running step 2 of 2');
  });

  it('orders by microseconds exactly, whatever the number of digits', () => {
    const early = { ...ev('workflow_execution_started', 'Wf1', 'T', { workflow_name: 'W' }), created: '999999999999999' };
    const late = { ...ev('workflow_execution_result', 'Wf1', 'T', { exec_outcome: 'Success' }), created: '1000000000000000' };
    const runs = assembleRuns([late, early]);
    assert.strictEqual(runs.length, 1);
    assert.strictEqual(runs[0].outcome, 'success');
  });
});
