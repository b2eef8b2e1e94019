/**
 * A Slack source's Workflow runs group and the counts above each definition, against the fake
 * Slack API (whose Give kudos runs include two that log their steps' functions under a second trace).
 */
import { strict as assert } from 'assert';
import { isCancelled } from '../../../../src/core/errors';
import type { GroupNode } from '../../../../src/core/source';
import { definitionsInSource } from '../../../../src/sources/slack/appDefinitions';
import { activityOfDefinition, componentActivity, describeComponentActivity } from '../../../../src/sources/slack/definitionActivity';
import { mapSlackActivity } from '../../../../src/sources/slack/mapping';
import { SlackSource } from '../../../../src/sources/slack/source';
import { slackEntry } from '../../../support/entries';
import { testContext } from '../../../support/testContext';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';

const APP = 'A0FAKEAPP1';

describe('Slack workflow runs and definition counts (fake server)', function () {
  this.timeout(20_000);
  let api: FakeApi;
  const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
  const source = () => new SlackSource({ id: 'kudos', kind: 'slack', appId: APP, apiUrl: `${api.url}/api/` }, testContext({ kudos: { token: api.credentials.slack.token } }));
  const listed = () => api.requests.of('slack').filter((r) => r.path === '/api/apps.activities.list');
  const runsOf = (s: SlackSource) => s.groups().find((g) => g.id === 'runs')!.children!(window());
  /** The run whose workflow logged under `traceId`. */
  const runWithTrace = (runs: readonly GroupNode[], traceId: string) => runs.find((r) => r.tooltip?.includes(traceId));

  before(async () => {
    api = await startFakeApi({ slackActivities: 800 });
  });
  after(async () => api.close());
  beforeEach(() => api.requests.clear());

  it('shows a run whose steps logged under another trace whole: its steps in order with their outcomes', async () => {
    const [failed] = api.data.slack.samples.splitRuns;
    assert.notEqual(failed.workflowTraceId, failed.stepTraceId);
    const runs = await runsOf(source());
    assert.ok(runs.length > 5, `${runs.length} runs`);
    const run = runWithTrace(runs, failed.workflowTraceId)!;
    assert.ok(run, 'the split run is found');
    assert.equal(run.label, 'Give kudos · step 3 of 4 failed');
    assert.equal(run.outcome, 'failure');
    assert.match(run.description ?? '', /^started \d{2}:\d{2}:\d{2} · 2 traces$/);
    assert.ok(run.tooltip!.includes(failed.stepTraceId));

    const children = await run.children!(window());
    assert.deepEqual(
      children.map((c) => [c.label, c.outcome]),
      [
        ['Step 1 of 4: OpenForm', 'success'],
        ['Step 2 of 4: format_kudos', 'success'],
        ['Step 3 of 4: save_kudos', 'failure'],
        ['Every event of the run', undefined],
      ],
    );
    // The failed step holds the workflow's step events and the function's, from both traces, oldest first.
    const step = (await children[2].list!(window())(undefined)).items;
    assert.deepEqual(
      step.map((a) => [a.type, a.traceId]),
      [
        ['workflow_step_started', failed.workflowTraceId],
        ['function_execution_started', failed.stepTraceId],
        ...step.slice(2, -2).map((a) => [a.type, failed.stepTraceId]),
        ['function_execution_result', failed.stepTraceId],
        ['workflow_step_execution_result', failed.workflowTraceId],
      ],
    );
    assert.match(step[step.length - 2].error ?? '', /save_kudos \(file:\/\/\/functions\/save_kudos\.ts:25:18\)/);
    const whole = (await children[3].list!(window())(undefined)).items;
    assert.deepEqual(new Set(whole.map((a) => a.traceId)), new Set([failed.workflowTraceId, failed.stepTraceId]));
    assert.deepEqual(whole.map((a) => a.timeMs), [...whole.map((a) => a.timeMs)].sort((a, b) => a - b), 'in time order');
    assert.equal(whole[0].type, 'workflow_execution_started');
    assert.equal(whole[whole.length - 1].type, 'workflow_execution_result');
  });

  it('lists runs newest first, the succeeded split run with all its steps', async () => {
    const runs = await runsOf(source());
    const started = runs.map((r) => r.id.split(':')[1]);
    assert.deepEqual(started, [...started].sort((a, b) => b.length - a.length || (a < b ? 1 : a > b ? -1 : 0)));
    const ok = runWithTrace(runs, api.data.slack.samples.splitRuns[1].workflowTraceId)!;
    assert.equal(ok.label, 'Give kudos · 4 steps succeeded');
    assert.equal(ok.outcome, 'success');
    assert.deepEqual(new Set(runs.map((r) => r.id)).size, runs.length, 'ids are unique');
  });

  it('the runs and the counts share one read of the window, which a caller can leave', async () => {
    const s = source();
    const [runs, activities] = await Promise.all([runsOf(s), s.windowActivities(window())]);
    const calls = listed().length;
    assert.ok(runs.length > 0 && activities.length > 0);
    assert.ok(calls >= 1);
    assert.ok(listed().every((r) => r.query.min_log_level?.[0] === 'debug'));
    await s.windowActivities(window());
    assert.equal(listed().length, calls, 'read once');

    const other = source();
    const leaving = new AbortController();
    const left = other.windowActivities(window(), leaving.signal);
    leaving.abort();
    await assert.rejects(left, (e: unknown) => isCancelled(e));
  });

  it('counts each definition\'s failures and last run in the window', async () => {
    const s = source();
    const all = componentActivity(await s.windowActivities(window()));
    const text = 'export const F = DefineFunction({ callback_id: "save_kudos", title: "Save kudos", source_file: "functions/save_kudos.ts" });\nconst W = DefineWorkflow({ callback_id: "give_kudos", title: "Give kudos" });';
    const [fn, wf] = definitionsInSource(text, 'functions/save_kudos.ts');
    const w = window();
    const inWindow = api.data.slack.activities.filter((a) => a.app_id === APP && a.created >= w.fromMs * 1000 && a.created <= w.toMs * 1000);
    const failedSaves = inWindow.filter((a) => a.event_type === 'function_execution_result' && a.payload.function_name === 'save_kudos' && /error|fatal/.test(a.level));
    const saves = activityOfDefinition(all, fn);
    assert.equal(saves.length, 1);
    assert.equal(saves[0].failures, failedSaves.length);
    assert.ok(saves[0].failures >= 1);
    const lastSave = Math.max(...inWindow.filter((a) => a.event_type === 'function_execution_started' && a.payload.function_name === 'save_kudos').map((a) => a.created));
    assert.equal(saves[0].lastRunMs, Math.floor(lastSave / 1000));
    const runs = activityOfDefinition(all, wf);
    assert.equal(runs.length, 1, 'the workflow by its title');
    assert.equal(runs[0].componentId, api.data.slack.samples.workflowId);
    assert.match(describeComponentActivity(saves, '24h', api.nowMs()), /^\d+ failures? in 24h · last run \d+[smh] ago$/);
  });

  it('reads the documented fields: a result at level error is a failure, one without a start still counts', () => {
    const ctx = { sourceId: 's', appId: 'A1', endpoints: undefined as never };
    const entries = [
      slackEntry('function_execution_started', { function_name: 'Reverse', function_type: 'app' }, 'info', { created: 1686939540000000 }),
      slackEntry('function_execution_result', { function_name: 'Reverse', function_type: 'app', error: 'Error: boom' }, 'error', { created: 1686939542000000 }),
      slackEntry('function_execution_result', { function_name: 'Reverse', function_type: 'app' }, 'info', { created: 1686939543000000 }),
      slackEntry('workflow_execution_result', { workflow_name: 'Reverse', exec_outcome: 'Error' }, 'error', { component_type: 'workflows', component_id: 'Wf1' }),
    ].map((e) => mapSlackActivity(e, ctx));
    const all = componentActivity(entries);
    const [fn, wf] = definitionsInSource('DefineFunction({ callback_id: "reverse", title: "Reverse" }); DefineWorkflow({ callback_id: "reverse_wf", title: "Reverse" })', 'manifest.ts');
    const fnActivity = activityOfDefinition(all, fn);
    assert.deepEqual(fnActivity.map((c) => [c.componentId, c.runs, c.failures, c.lastRunMs]), [['Fn0123', 1, 1, 1686939540000]]);
    assert.equal(describeComponentActivity(fnActivity, '24h', 1686939540000 + 4 * 60_000), '1 failure in 24h · last run 4m ago');
    assert.equal(describeComponentActivity(activityOfDefinition(all, wf), '7d'), '1 failure in 7d');
    assert.equal(describeComponentActivity([], '24h'), 'no runs in 24h');
    assert.equal(describeComponentActivity([{ kind: 'function', componentId: 'Fn1', name: 'x', runs: 2, failures: 0, lastRunMs: 0 }], '1h', 7_200_000), 'no failures in 1h · last run 2h ago');
  });
});
