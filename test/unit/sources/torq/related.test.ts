/** A Torq run's related runs when expanded: the parent its event names, the children of the window that name it. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../../src/core/activity';
import { collectPages } from '../../../../src/core/paging';
import { parentRun } from '../../../../src/sources/torq/related';
import { TorqSource } from '../../../../src/sources/torq/source';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { testContext } from '../../../support/testContext';

const ID = 'torq-related';

describe('Torq: a run links to its parent and lists its child runs (fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let runs: Activity[];

  const source = () =>
    new TorqSource(
      { id: ID, kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url, uiUrl: 'https://app.torq.io' },
      testContext({ [ID]: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }),
    );
  const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
  const run = (executionId: string) => {
    const found = runs.find((a) => a.executionId === executionId);
    assert.ok(found, `run ${executionId} is listed`);
    return found;
  };

  before(async () => {
    api = await startFakeApi();
    const runsGroup = source().groups().find((g) => g.id === 'runs')!;
    runs = await collectPages(runsGroup.list!(window()), { maxPages: 40 });
  });
  after(async () => api.close());
  beforeEach(() => {
    api.requests.clear();
    api.faults.clear();
  });

  it('a parent lists the two runs it started, oldest first, each naming it, from one listing of the time it ran', async () => {
    const parentId = api.data.torq.samples.parentOfTwoExecutionId;
    const expected = api.data.torq.entries.filter((e) => e.parent?.execution.id === parentId).map((e) => e.execution!.id);
    assert.equal(expected.length, 2, 'the fake has a parent with two child runs');
    const parent = run(parentId);
    const expansion = await source().expand(parent, undefined, window());
    const children = expansion.children!;
    assert.deepEqual(children.runs.map((c) => c.executionId).sort(), [...expected].sort());
    assert.ok(children.runs[0].timeMs <= children.runs[1].timeMs, 'oldest first');
    assert.ok(children.runs.every((c) => c.parentExecutionId === parentId && /Enrich IOC/.test(c.title)));
    assert.equal(children.note, undefined);
    assert.equal(expansion.parent, undefined, 'a run started by its integration has no parent');
    const listings = api.requests.of('torq').filter((r) => r.path === '/public/v1alpha/activity_logs');
    assert.equal(listings.length, 1, 'one page covers the minutes the parent ran');
    assert.equal(listings[0].query.activity_type?.[0], 'workflow_runs');
    assert.ok(Date.parse(listings[0].query.start_time![0]) >= parent.timeMs - 1, 'from the parent on');
  });

  it('a child links to its parent by the execution id and workflow its event names; it started none itself', async () => {
    const child = runs.find((a) => a.parentExecutionId === api.data.torq.samples.parentOfTwoExecutionId)!;
    const expansion = await source().expand(child, undefined, window());
    assert.deepEqual(expansion.parent, { executionId: api.data.torq.samples.parentOfTwoExecutionId, label: "'Phishing triage'" });
    assert.deepEqual(expansion.children, { runs: [], note: 'none in the time window' });
  });

  it('lists only the children in the time window: a window that ends before they started has none', async () => {
    const parent = run(api.data.torq.samples.parentOfTwoExecutionId);
    const expansion = await source().expand(parent, undefined, { fromMs: parent.timeMs - 3600_000, toMs: parent.timeMs + 500 });
    assert.deepEqual(expansion.children, { runs: [], note: 'none in the time window' });
    const [listing] = api.requests.of('torq').filter((r) => r.path === '/public/v1alpha/activity_logs');
    assert.ok(Date.parse(listing.query.end_time![0]) <= parent.timeMs + 500, listing.query.end_time![0]);
  });

  it('a listing that fails leaves the execution shown and says why the children are missing', async () => {
    api.faults.add({ api: 'torq', path: 'activity_logs', kind: '502', count: 20 });
    const expansion = await source().expand(run(api.data.torq.samples.parentOfTwoExecutionId), undefined, window());
    assert.ok(expansion.facts.some((f) => f.label === 'Status'));
    assert.equal(expansion.children?.runs.length, 0);
    assert.match(expansion.children?.note ?? '', /^could not be listed: .*502/);
  });

  it('reads the parent from the documented description only: named, unnamed, or none', () => {
    assert.deepEqual(parentRun({ type: 'nested', nested: { parentExecutionId: 'e1', parentWorkflowName: 'Triage' } } as never), { executionId: 'e1', label: "'Triage'" });
    assert.deepEqual(parentRun({ type: 'nested', nested: { parent_execution_id: 'e2' } } as never), { executionId: 'e2', label: 'e2' });
    // A nested run whose event carries none of the guessed keys: said, not hidden.
    assert.deepEqual(parentRun({ type: 'nested' } as never), { label: 'not named by Torq' });
    assert.equal(parentRun({ type: 'integration', integration: { integration_id: 'i' } } as never), undefined);
    assert.equal(parentRun(undefined), undefined);
  });

  it('GET /executions/{id} opens a parent by id; an unknown one is undefined', async () => {
    const s = source();
    const execution = (await s.loadExecution(api.data.torq.samples.parentOfTwoExecutionId)) as { id?: string };
    assert.equal(execution.id, api.data.torq.samples.parentOfTwoExecutionId);
    assert.equal(await s.loadExecution('00000000-0000-4000-8000-000000000000'), undefined);
  });
});
