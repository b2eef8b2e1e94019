/**
 * The fault matrix's cases of what the real services do and our fake did not: SD Elements behind a
 * TLS-terminating proxy, Torq's execution object as documented (no status), Torq bodies discarded
 * in lists and fetched by execution id, and page sizes within the documented ranges with one read
 * shared by SD Elements' facet groups.
 */
import { strict as assert } from 'assert';
import { ActivityLogsError } from '../../../src/core/errors';
import { collectPages, PagedList } from '../../../src/core/paging';
import { isCancelled } from '../../../src/core/errors';
import { parseQuery } from '../../../src/core/query';
import type { GroupNode } from '../../../src/core/source';
import { SdeSource } from '../../../src/sources/sde/source';
import { SlackSource } from '../../../src/sources/slack/source';
import { TorqActivityLogActivity, torqMappingContexts } from '../../../src/sources/torq/mapping';
import type { TorqEndpoints } from '../../../src/sources/torq/endpoints';
import type { TorqActivityLogJson } from '../../../src/sources/torq/schema';
import { TorqSource } from '../../../src/sources/torq/source';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext, TestContextOptions } from '../../support/testContext';
import { tlsProxy } from '../../support/tlsProxy';

const activityLog = (entry: TorqActivityLogJson, sourceId: string, endpoints: TorqEndpoints) => new TorqActivityLogActivity(entry, torqMappingContexts(sourceId, endpoints).activity);

describe('fault matrix (fake server): what the real services do', function () {
  this.timeout(30_000);
  let api: FakeApi;
  before(async () => (api = await startFakeApi()));
  after(async () => api?.close());
  beforeEach(() => {
    api.requests.clear();
    api.faults.clear();
  });
  const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
  const sde = (url: string, options: TestContextOptions = {}) =>
    new SdeSource({ id: 'sde-r', kind: 'sde', url }, testContext({ 'sde-r': { token: api.credentials.sde.token } }, options));
  const torq = (options: TestContextOptions = {}) =>
    new TorqSource(
      { id: 'torq-r', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url },
      testContext({ 'torq-r': { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }, options),
    );
  const sdeListCalls = () => api.requests.of('sde').filter((r) => r.path === '/api/v2/activities/');

  describe('SD Elements behind a TLS-terminating proxy', () => {
    it('a `next` of http://same-host is followed over https, with the token, to the last page', async () => {
      const proxy = await tlsProxy(api.url);
      try {
        const s = sde(proxy.url, { pageSize: 40 });
        const fetch = s.groups().find((g) => g.id === 'all')!.list!(window());
        const first = await fetch(undefined);
        const { port } = new URL(proxy.url);
        assert.ok(first.next?.startsWith(`http://localhost:${port}/`), `the server wrote a plain-HTTP link: ${first.next}`);
        const all = await collectPages(fetch, { maxPages: 100 });
        const expected = api.data.sde.activities.filter((a) => a.dateUs >= window().fromMs * 1000 && a.dateUs <= window().toMs * 1000).length;
        const calls = sdeListCalls();
        assert.ok(expected > 80 && calls.length >= 3, `${calls.length} pages`);
        assert.equal(all.length, expected, 'every page was read');
        assert.ok(calls.length > 0 && calls.every((c) => c.headers.authorization === `Token ${api.credentials.sde.token}`));
      } finally {
        await proxy.close();
      }
    });

    it('a `next` on another host is refused, naming both origins, and nothing is sent there', async () => {
      const other = await startFakeApi();
      const proxy = await tlsProxy(api.url, new URL(other.url).host);
      try {
        const fetch = sde(proxy.url, { pageSize: 40 }).groups().find((g) => g.id === 'all')!.list!(window());
        const first = await fetch(undefined);
        assert.equal(first.items.length, 40, 'the first page shows');
        await assert.rejects(fetch(first.next), (e: ActivityLogsError) => {
          assert.equal(e.kind, 'badResponse');
          assert.equal(e.fix, 'editSource');
          assert.ok(e.message.includes(other.url) && e.message.includes(proxy.url), e.message);
          return true;
        });
        assert.equal(other.requests.length, 0, 'the other host received nothing');
      } finally {
        await proxy.close();
        await other.close();
      }
    });
  });

  describe('Torq execution object as documented: no status, error_message, last_step_name, start/update time', () => {
    before(() => api.setOptions({ torqDocumentedExecution: true }));
    after(() => api.setOptions({ torqDocumentedExecution: false }));
    const month = () => ({ fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 1000 });
    const inWindow = (w: { fromMs: number; toMs: number }) =>
      api.data.torq.entries.filter((e) => e.tsNs >= BigInt(w.fromMs) * 1_000_000n && e.tsNs < BigInt(w.toMs) * 1_000_000n);

    it('the fake sends the documented keys only', async () => {
      const page = await torq().client.activityLogs({ activityType: 'workflow_runs', pageSize: 50 }, undefined);
      const runs = page.items.filter((e) => e.execution);
      assert.ok(runs.length > 0);
      const documented = new Set(['id', 'workflow_id', 'workflow_name', 'last_step_name', 'start_time', 'update_time', 'error_message']);
      for (const e of runs) assert.deepEqual(Object.keys(e.execution!).filter((k) => !documented.has(k)), [], 'no status or other guessed key');
    });

    it('Failures lists exactly the runs with an error message, each with its error and last step', async () => {
      const w = window();
      const failures = await collectPages(torq().groups().find((g) => g.id === 'failures')!.list!(w), { maxPages: 10 });
      const expected = inWindow(w).filter((e) => e.execution?.error !== undefined).map((e) => e.id);
      assert.ok(expected.length > 10, `${expected.length} failed runs in the window`);
      assert.deepEqual(failures.map((a) => a.id).sort(), [...expected].sort());
      for (const a of failures) {
        assert.equal(a.outcome, 'failure');
        assert.equal(a.level, 'error');
        assert.ok(a.error, 'the error text is shown');
        assert.ok(a.details?.['Last step'], 'the last executed step is shown');
      }
      assert.ok(failures.some((a) => / at step '[^']+'$/.test(a.title)));
    });

    it('Workflows: the workflows of the window, each listing its own runs', async () => {
      const workflows = await torq().groups().find((g) => g.id === 'workflows')!.children!(window());
      assert.ok(workflows.length >= 3, `${workflows.length} workflows`);
      const names = new Set(api.data.torq.workflows.map((wf) => wf.name));
      assert.ok(workflows.every((wf) => names.has(wf.label)), 'named after the workflows');
      const first = workflows[0];
      const runs = await collectPages(first.list!(window()), { maxPages: 2 });
      assert.ok(runs.length > 0 && runs.every((a) => `workflow:${a.workflowId}` === first.id));
    });

    it('Open in Web UI, Go to Parent, running and finished from the timestamps', async () => {
      const s = torq();
      const all = await collectPages(s.activities({ startTime: new Date(month().fromMs).toISOString(), endTime: new Date(month().toMs).toISOString(), activityType: 'all', pageSize: 500 }));
      const { samples } = api.data.torq;
      const failed = all.find((a) => a.executionId === samples.failedExecutionId)!;
      assert.equal(failed.outcome, 'failure');
      assert.equal(failed.webUrl, `https://app.torq.io/workflows/${failed.workflowId}/executions/${failed.executionId}`);
      assert.equal(all.find((a) => a.executionId === samples.runningExecutionId)?.outcome, 'pending');
      const succeeded = all.filter((a) => api.data.torq.executionById(a.executionId ?? '')?.execution?.status === 'SUCCESS');
      assert.ok(succeeded.length > 0 && succeeded.every((a) => a.outcome === 'success' && / finished( by \S+)?$/.test(a.title)));
      const nested = all.find((a) => a.id === samples.nestedEntryId)!;
      const parent = await s.findParent(nested);
      assert.equal(parent?.executionId, samples.parentExecutionId);
      // The nested object's keys are not documented either: camel case finds the same parent.
      const raw = nested.raw as TorqActivityLogJson;
      const { parent_workflow_id, parent_workflow_name, parent_execution_id } = raw.event.nested!;
      const camel = { ...raw, event: { ...raw.event, nested: { parentWorkflowId: parent_workflow_id, parentWorkflowName: parent_workflow_name, parentExecutionId: parent_execution_id } } };
      assert.equal((await s.findParent(activityLog(camel as TorqActivityLogJson, 'torq-r', s.endpoints)))?.executionId, samples.parentExecutionId);
    });
  });

  describe('Torq bodies discarded in lists are fetched when opened, by execution id', () => {
    after(() => api.setOptions({ torqDiscardedBody: 'absent' }));
    const torqCalls = () => api.requests.of('torq').filter((r) => r.path !== '/v1/auth/token');
    const listedWithoutBodies = async (s: TorqSource) =>
      collectPages(s.activities({ startTime: new Date(api.nowMs() - 30 * 86_400_000).toISOString(), endTime: new Date(api.nowMs() + 1000).toISOString(), activityType: 'all', pageSize: 500 }));

    for (const shape of ['absent', 'empty-string', 'null', 'empty-object'] as const) {
      it(`body ${shape} in the list → GET /executions/{id}/event, not a re-listing`, async () => {
        api.setOptions({ torqDiscardedBody: shape });
        const s = torq();
        const { samples } = api.data.torq;
        const order = (await listedWithoutBodies(s)).find((a) => a.id === samples.orderEntryId)!;
        assert.equal(JSON.stringify((order.raw as { event: { body?: unknown } }).event.body), { absent: undefined, 'empty-string': '""', null: 'null', 'empty-object': '{}' }[shape]);
        api.requests.clear();
        const payload = (await s.loadPayload(order)) as { id: string; event: { id: string; body: unknown } };
        const entry = api.data.torq.entries.find((e) => e.id === samples.orderEntryId)!;
        assert.equal(payload.event.body, api.data.torq.bodyText(entry), 'the whole body, as Torq sent it');
        assert.ok(String(payload.event.body).includes('4711'));
        assert.equal(payload.id, order.id, 'the entry it belongs to');
        assert.deepEqual(order.jsonStringPaths, ['event.body'], 'the fetched body shows decoded');
        const calls = torqCalls();
        assert.deepEqual(calls.map((c) => c.path), [`/public/v1alpha/executions/${order.executionId}/event`]);
        assert.match(calls[0].headers.authorization ?? '', /^Bearer \S+$/);
      });
    }

    it('an event that triggered no workflow (no execution id) is found again by its time', async () => {
      api.setOptions({ torqDiscardedBody: 'empty-object' });
      const s = torq();
      const none = (await listedWithoutBodies(s)).find((a) => a.id === api.data.torq.samples.noExecutionEntryId)!;
      api.requests.clear();
      const payload = (await s.loadPayload(none)) as { event: { body: unknown } };
      const entry = api.data.torq.entries.find((e) => e.id === none.id)!;
      assert.equal(payload.event.body, api.data.torq.bodyText(entry));
      const calls = torqCalls();
      assert.ok(calls.length > 0 && calls.every((c) => c.path === '/public/v1alpha/activity_logs' && c.query.discard_body === undefined));
    });

    it('a body read without discard_body is shown as listed, nothing fetched', async () => {
      const s = torq();
      const page = await s.activities({ activityType: 'workflow_runs', discardBody: false, pageSize: 5 })(undefined);
      assert.equal(page.items.length, 5);
      api.requests.clear();
      for (const a of page.items) assert.equal(await s.loadPayload(a), a.raw);
      assert.deepEqual(torqCalls(), []);
    });

    it('faults of the event fetch: 502 retried then named; an expired token refreshed once; an unknown execution found by time', async () => {
      api.setOptions({ torqDiscardedBody: 'absent' });
      const waits: number[] = [];
      const s = torq({ waits });
      const order = (await listedWithoutBodies(s)).find((a) => a.id === api.data.torq.samples.orderEntryId)!;
      const eventPath = `/public/v1alpha/executions/${order.executionId}/event`;

      api.requests.clear();
      api.faults.add({ api: 'torq', path: '/event', kind: '502', count: 10 });
      await assert.rejects(s.loadPayload(order), (e: ActivityLogsError) => e.kind === 'server' && /^Torq execution event had a server error \(HTTP 502\)/.test(e.message));
      assert.equal(torqCalls().filter((c) => c.path === eventPath).length, 4, 'bounded retries');
      assert.equal(waits.length, 3);
      api.faults.clear();

      api.requests.clear();
      api.expireTorqTokens();
      const refreshed = (await s.loadPayload(order)) as { event: { body: string } };
      assert.ok(refreshed.event.body.includes('4711'));
      assert.deepEqual(api.requests.of('torq').map((r) => r.path), [eventPath, '/v1/auth/token', eventPath]);

      // An execution Torq no longer knows (404): the entry is found again by its time.
      const raw = order.raw as TorqActivityLogJson;
      const unknown = activityLog({ ...raw, execution: { ...raw.execution, id: '00000000-0000-4000-8000-000000000000' } }, 'torq-r', s.endpoints);
      api.requests.clear();
      const found = (await s.loadPayload(unknown)) as { event: { body: string } };
      assert.ok(found.event.body.includes('4711'));
      assert.deepEqual([...new Set(torqCalls().map((c) => c.path))], ['/public/v1alpha/executions/00000000-0000-4000-8000-000000000000/event', '/public/v1alpha/activity_logs']);
    });

    it('cancelling the event fetch sends nothing more', async () => {
      const s = torq();
      const order = (await listedWithoutBodies(s)).find((a) => a.id === api.data.torq.samples.orderEntryId)!;
      api.requests.clear();
      api.faults.add({ api: 'torq', path: '/event', kind: 'slow', delayMs: 2000, count: 1 });
      const controller = new AbortController();
      const loading = s.loadPayload(order, controller.signal);
      while (torqCalls().length === 0) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      await assert.rejects(loading, (e: unknown) => isCancelled(e));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(torqCalls().length, 1);
    });

    it('the fake serves GET /executions/{id} and /executions/{id}/event as documented, strict about the token', async () => {
      const s = torq();
      const token = await s.client.tokens.token();
      const id = api.data.torq.samples.failedExecutionId;
      const get = (path: string, authorization?: string) => fetch(`${api.url}/public/v1alpha/executions/${path}`, { headers: authorization ? { Authorization: authorization } : {}, redirect: 'manual' });
      for (const path of [id, `${id}/event`]) {
        const missing = await get(path);
        assert.equal(missing.status, 401, `${path} without a token`);
        assert.deepEqual(await missing.json(), { code: 16, message: 'Invalid bearer token', details: [] });
        assert.equal((await get(path, 'Bearer not-a-token')).status, 401);
        assert.equal((await get(path, `Basic ${token}`)).status, 401, 'only a bearer token');
      }
      const execution = (await (await get(id, `Bearer ${token}`)).json()) as { id: string; status: string };
      assert.equal(execution.id, id);
      assert.equal(execution.status, 'FAILED', 'statuses live on this endpoint (api-spec §1.0)');
      const wrapped = (await (await get(`${id}/event`, `Bearer ${token}`)).json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(wrapped), ['event'], 'the event under its wrapper key');
      assert.equal((await get('00000000-0000-4000-8000-000000000000/event', `Bearer ${token}`)).status, 404);
      api.expireTorqTokens();
      assert.equal((await get(`${id}/event`, `Bearer ${token}`)).status, 302, 'an expired token is redirected, as on the lists');
    });
  });

  describe('page sizes within the documented ranges; one read for the SD Elements facet groups', () => {
    const FACET_GROUPS = ['applications', 'projects', 'business-units', 'actors'];
    let big: FakeApi;
    before(async () => (big = await startFakeApi({ sdeActivities: 6000 })));
    after(async () => big?.close());
    beforeEach(() => big.requests.clear());
    const bigSde = () => new SdeSource({ id: 'sde-b', kind: 'sde', url: big.url }, testContext({ 'sde-b': { token: big.credentials.sde.token } }, { pageSize: 100 }));
    const bigListCalls = () => big.requests.of('sde').filter((r) => r.path === '/api/v2/activities/');
    /** The window as the tree resolves it when a group expands: "the last 7 days", now. */
    const lastWeek = () => ({ fromMs: big.nowMs() - 7 * 86_400_000, toMs: big.nowMs() });
    /** Opens the source as a user does: each group expanded in turn (lists load their first page). */
    const expandAll = async (groups: readonly GroupNode[]) => {
      const children = new Map<string, GroupNode[]>();
      for (const g of groups) {
        if (g.list) {
          const list = new PagedList(g.list(lastWeek()), (a) => a.key);
          await list.loadMore();
          assert.equal(list.error, undefined, list.error?.message);
        }
        if (g.children) children.set(g.id, await g.children(lastWeek(), new AbortController().signal));
      }
      return children;
    };

    it('SD Elements: opening the source and expanding every group reads the window once for Failures and all four facet groups, 500 a page at most', async () => {
      const s = bigSde();
      const groups = s.groups();
      const sharing = [...FACET_GROUPS, 'failures'];
      await expandAll(groups.filter((g) => !sharing.includes(g.id)));
      const before = bigListCalls().length;
      const children = await expandAll(groups.filter((g) => sharing.includes(g.id)));
      const facetCalls = bigListCalls().slice(before);
      const inWindow = big.data.sde.activities.filter((a) => a.dateUs >= lastWeek().fromMs * 1000).length;
      assert.ok(inWindow > 5000, `${inWindow} activities in the window`);
      // One read: its pages in order, none asked twice (five groups used to ask for the same pages each).
      assert.deepEqual(facetCalls.map((c) => c.query.page?.[0] ?? '1'), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      assert.ok(bigListCalls().length > 0 && bigListCalls().every((c) => Number(c.query.page_size?.[0]) <= 500), 'no page above 500');
      for (const id of FACET_GROUPS) assert.ok((children.get(id) ?? []).length > 0, `${id} has children`);
      const units = children.get('business-units')!;
      assert.deepEqual(new Set(units.map((u) => u.label)), new Set(big.data.sde.businessUnits.map((b) => b.name)));
      // Counted over the newest 5000 of the window: the 10 pages read.
      const read = big.data.sde.activities.filter((a) => a.dateUs >= lastWeek().fromMs * 1000).slice(0, 5000);
      const expected = read.filter((a) => a.data.business_unit !== undefined || a.data.business_unit_desc !== undefined).length;
      const counted = units.reduce((n, u) => n + Number(/^\d+/.exec(u.description ?? '')?.[0]), 0);
      assert.ok(expected > 1000);
      assert.equal(counted, expected, 'each unit counted over the pages read');
    });

    it('a refreshed facet group reads again; a cancelled one does not stop the read the others wait for', async () => {
      const s = bigSde();
      const projects = s.groups().find((g) => g.id === 'projects')!;
      const actors = s.groups().find((g) => g.id === 'actors')!;
      const refreshed = new AbortController();
      await projects.children!(lastWeek(), refreshed.signal);
      const oneRead = bigListCalls().length;
      assert.equal(oneRead, 10);
      await actors.children!(lastWeek(), new AbortController().signal);
      assert.equal(bigListCalls().length, oneRead, 'the second group reused the read');
      refreshed.abort(); // what the tree does to a group it refreshes
      await projects.children!(lastWeek(), new AbortController().signal);
      assert.equal(bigListCalls().length, 2 * oneRead, 'a refresh reads the window again');

      big.requests.clear();
      const fresh = bigSde();
      const [apps, units] = ['applications', 'business-units'].map((id) => fresh.groups().find((g) => g.id === id)!);
      const gone = new AbortController();
      const cancelled = apps.children!(lastWeek(), gone.signal);
      const waited = units.children!(lastWeek(), new AbortController().signal);
      gone.abort();
      await assert.rejects(cancelled, (e: unknown) => isCancelled(e));
      assert.ok((await waited).length > 0, 'the other group still got its children');
      assert.equal(bigListCalls().length, 10, 'from the one read');
    });

    it('Slack: every group, the traces and a search ask for at most 200 a page', async () => {
      const slack = new SlackSource({ id: 'slack-r', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, testContext({ 'slack-r': { token: api.credentials.slack.token } }, { pageSize: 500 }));
      const month = { fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 1000 };
      for (const g of slack.groups()) {
        if (g.list) await g.list(month)(undefined);
        if (g.children) await g.children(month);
      }
      await collectPages(slack.search(parseQuery('since:30d'), month).fetcher, { maxPages: 2 });
      const calls = api.requests.of('slack').filter((r) => r.path === '/api/apps.activities.list');
      assert.ok(calls.length >= 6, `${calls.length} requests`);
      assert.ok(calls.every((c) => Number(c.query.limit?.[0]) <= 200), calls.map((c) => c.query.limit?.[0]).join(','));
    });
  });
});
