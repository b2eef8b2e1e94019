/** Expanding a Torq run: GET /executions/{id} and its event, asked only then, against the fake Torq API. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../../src/core/activity';
import { ActivityLogsError } from '../../../../src/core/errors';
import { collectPages } from '../../../../src/core/paging';
import { executionFacts } from '../../../../src/sources/torq/execution';
import { TorqSource } from '../../../../src/sources/torq/source';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { testContext } from '../../../support/testContext';

const ID = 'torq-expand';

describe('Torq: a run expands into its execution (fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;

  const source = () =>
    new TorqSource(
      { id: ID, kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url, uiUrl: 'https://app.torq.io' },
      testContext({ [ID]: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }),
    );
  const executionCalls = () => api.requests.of('torq').filter((r) => r.path.startsWith('/public/v1alpha/executions/'));

  async function failedRun(s: TorqSource): Promise<Activity> {
    const runs = s.groups().find((g) => g.id === 'failures')!;
    const items = await collectPages(runs.list!({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 }), { maxPages: 5 });
    const run = items.find((a) => a.executionId === api.data.torq.samples.failedExecutionId) ?? items.find((a) => a.executionId);
    assert.ok(run, 'a failed run with an execution id');
    return run;
  }

  before(async () => (api = await startFakeApi()));
  after(async () => api.close());
  beforeEach(() => {
    api.requests.clear();
    api.faults.clear();
  });

  it('listing asks for no execution; expanding asks for it and its event once each', async () => {
    const s = source();
    const run = await failedRun(s);
    assert.deepEqual(executionCalls(), [], 'listing never asks for executions');
    const expansion = await s.expand(run);
    assert.deepEqual(executionCalls().map((c) => c.path).sort(), [`/public/v1alpha/executions/${run.executionId}`, `/public/v1alpha/executions/${run.executionId}/event`]);
    const facts = Object.fromEntries(expansion.facts.map((f) => [f.label, f.value]));
    assert.equal(facts.Status, 'FAILED');
    assert.ok(facts.Started && facts['Last step'] && facts.Error, JSON.stringify(facts));
    assert.deepEqual(expansion.facts.map((f) => f.label).filter((l) => l !== 'Workflow' && l !== 'Finished'), ['Status', 'Started', 'Last step', 'Error']);
    assert.equal((expansion.event as { id?: string }).id, (run.raw as { event: { id: string } }).event.id);
  });

  it('GET /executions/{id} of an unknown execution is undefined; expanding it is a notFound error whose fix is retry', async () => {
    const s = source();
    assert.equal(await s.client.execution('00000000-0000-4000-8000-000000000000'), undefined);
    const ghost = { executionId: '00000000-0000-4000-8000-000000000000' } as Activity;
    await assert.rejects(s.expand(ghost), (e: unknown) => e instanceof ActivityLogsError && e.kind === 'notFound' && e.fix === 'retry');
  });

  it('reads an execution sent without a status from its timestamps and error, under the documented spellings', () => {
    const facts = executionFacts({ id: 'x', last_step_name: 'Send email', start_time: '2024-05-01T10:00:00Z', update_time: '2024-05-01T10:00:07Z', error_message: 'boom' });
    assert.deepEqual(facts, [
      { label: 'Status', value: 'failed' },
      { label: 'Started', value: '2024-05-01T10:00:00Z' },
      { label: 'Last update', value: '2024-05-01T10:00:07Z' },
      { label: 'Last step', value: 'Send email' },
      { label: 'Error', value: 'boom' },
    ]);
    assert.equal(executionFacts({ startedAt: '2024-05-01T10:00:00Z', updatedAt: '2024-05-01T10:00:07Z' })[0].value, 'finished (from its timestamps)');
  });
});
