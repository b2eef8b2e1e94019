/** The Torq source against the fake Torq API: parameters on the wire, paging, tokens, shapes, faults. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../../src/core/activity';
import { ActivityLogsError } from '../../../../src/core/errors';
import { collectPages, PagedList } from '../../../../src/core/paging';
import { parseQuery } from '../../../../src/core/query';
import { TorqSource } from '../../../../src/sources/torq/source';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { testContext, TestContextOptions } from '../../../support/testContext';

const ID = 'torq-test';

describe('Torq source (fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;

  const source = (options: TestContextOptions & { secret?: string } = {}) =>
    new TorqSource(
      { id: ID, kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url, uiUrl: 'https://app.torq.io' },
      testContext({ [ID]: { clientId: api.credentials.torq.clientId, clientSecret: options.secret ?? api.credentials.torq.clientSecret } }, options),
    );
  const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
  const listCalls = (path = '/public/v1alpha/activity_logs') => api.requests.of('torq').filter((r) => r.path === path);
  const group = (s: TorqSource, id: string) => s.groups().find((g) => g.id === id)!;

  before(async () => {
    api = await startFakeApi();
  });
  after(async () => api.close());
  beforeEach(() => {
    api.requests.clear();
    api.faults.clear();
    api.setOptions({ torqBodyAsObject: false, torqAccountKeys: false });
  });

  it('sends every activity-log parameter as Torq expects', async () => {
    const s = source();
    const integrations = api.data.torq.integrations.slice(0, 2).map((i) => i.integration_id);
    const workflowId = api.data.torq.workflows[0].id;
    await s.client.activityLogs(
      {
        startTime: '2026-11-21T10:00:00.123456789Z',
        endTime: '2026-11-22T10:00:00Z',
        activityType: 'workflow_runs',
        workflowId,
        payload: ' order 4711 ',
        discardBody: true,
        integrationIds: integrations,
        pageSize: 900,
      },
      undefined,
    );
    const [call] = listCalls();
    assert.deepEqual(call.query, {
      start_time: ['2026-11-21T10:00:00.123456789Z'],
      end_time: ['2026-11-22T10:00:00Z'],
      activity_type: ['workflow_runs'],
      workflow_id: [workflowId],
      payload: ['order 4711'],
      discard_body: ['true'],
      integration_ids: integrations,
      page_size: ['500'], // clamped to Torq's maximum
    });
    assert.match(call.headers.authorization ?? '', /^Bearer \S+$/);
  });

  it('sends every audit-log parameter, and honours order', async () => {
    const s = source();
    const asc = await s.client.auditLogs({ startTime: '2026-11-01T00:00:00Z', endTime: '2026-11-22T12:00:00Z', order: 'asc', pageSize: 10 }, undefined);
    const [call] = listCalls('/public/v1alpha/audit_logs');
    assert.deepEqual(call.query, { start_time: ['2026-11-01T00:00:00Z'], end_time: ['2026-11-22T12:00:00Z'], order: ['asc'], page_size: ['10'] });
    const times = asc.items.map((e) => e.timestamp);
    assert.deepEqual([...times].sort(), times, 'oldest first');
  });

  it('exchanges the client credentials once and reuses the token', async () => {
    const s = source();
    await s.client.activityLogs({ pageSize: 1 }, undefined);
    await s.client.activityLogs({ pageSize: 1 }, undefined);
    const tokenCalls = api.requests.of('torq').filter((r) => r.path === '/v1/auth/token');
    assert.equal(tokenCalls.length, 1);
    assert.equal(tokenCalls[0].method, 'POST');
    assert.equal(tokenCalls[0].body, 'grant_type=client_credentials');
    const basic = Buffer.from(`${api.credentials.torq.clientId}:${api.credentials.torq.clientSecret}`).toString('base64');
    assert.equal(tokenCalls[0].headers.authorization, `Basic ${basic}`);
  });

  it('pages through more than 3 pages and stops at the last', async () => {
    const s = source({ pageSize: 100 });
    const all = await collectPages(s.activities({ startTime: new Date(window().fromMs).toISOString(), endTime: new Date(window().toMs).toISOString(), activityType: 'all' }));
    const calls = listCalls();
    assert.ok(calls.length >= 4, `${calls.length} pages`);
    assert.equal(calls[0].query.page_token, undefined);
    for (const c of calls.slice(1)) assert.ok(c.query.page_token?.[0]);
    assert.equal(new Set(all.map((a) => a.key)).size, all.length, 'no duplicates');
    const sorted = [...all].sort((a, b) => (a.time < b.time ? 1 : -1));
    assert.deepEqual(all.map((a) => a.key), sorted.map((a) => a.key), 'newest first');
  });

  it('refreshes an expired token once (302 is not followed) and continues', async () => {
    const s = source();
    await s.client.activityLogs({ pageSize: 1 }, undefined);
    api.expireTorqTokens();
    const page = await s.client.activityLogs({ pageSize: 1 }, undefined);
    assert.equal(page.items.length, 1);
    const calls = api.requests.of('torq');
    assert.deepEqual(calls.map((r) => r.path), ['/v1/auth/token', '/public/v1alpha/activity_logs', '/public/v1alpha/activity_logs', '/v1/auth/token', '/public/v1alpha/activity_logs']);
  });

  it('refreshes once on 401 and then says to re-enter the credentials', async () => {
    const s = source();
    await s.client.activityLogs({ pageSize: 1 }, undefined);
    api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'expiredToken', count: 10 });
    await assert.rejects(s.client.activityLogs({ pageSize: 1 }, undefined), (e: ActivityLogsError) => e.kind === 'auth' && e.fix === 'enterCredentials');
    assert.equal(api.requests.of('torq').filter((r) => r.path === '/v1/auth/token').length, 2, 'one refresh, not a loop');
  });

  it('says the client secret is wrong without showing it', async () => {
    const s = source({ secret: 'wrong-secret-value-123' });
    await assert.rejects(s.client.activityLogs({}, undefined), (e: ActivityLogsError) => {
      assert.equal(e.kind, 'auth');
      assert.ok(!e.message.includes('wrong-secret-value-123'));
      return true;
    });
  });

  it('parses body as a JSON string or an object, and account_* or workspace_* keys', async () => {
    const entryId = api.data.torq.samples.orderEntryId;
    const s = source();
    const find = async () => {
      const e = api.data.torq.entries.find((x) => x.id === entryId)!;
      const a = await s.findEntry(entryId, new Date(Number(e.tsNs / 1_000_000n)).toISOString().replace('Z', '') + String(e.tsNs % 1_000_000n).padStart(6, '0') + 'Z');
      return a!;
    };
    const asString = await find();
    assert.equal(typeof asString.event.body, 'string');
    assert.ok((asString.event.body as string).includes('4711'));
    api.setOptions({ torqBodyAsObject: true, torqAccountKeys: true });
    const asObject = await find();
    assert.equal(typeof asObject.event.body, 'object');
    assert.ok(asObject.account_id && !asObject.workspace_id);
    const page = await s.activities({ activityType: 'all', pageSize: 5 })(undefined);
    assert.ok(page.items[0].details?.Workspace, 'workspace name read from account_name');
  });

  it('maps runs, failures, nested runs, single steps and unrouted events', async () => {
    const s = source();
    const all = await collectPages(s.activities({ startTime: new Date(api.nowMs() - 30 * 86_400_000).toISOString(), endTime: new Date(api.nowMs() + 1000).toISOString(), activityType: 'all', pageSize: 500 }));
    const byId = new Map(all.map((a) => [a.id, a]));
    const { samples } = api.data.torq;
    const failed = all.find((a) => a.executionId === samples.failedExecutionId)!;
    assert.equal(failed.outcome, 'failure');
    assert.ok(failed.error, 'the error text is kept');
    assert.match(failed.title, /^Workflow '.+' failed$/);
    assert.equal(failed.webUrl, `https://app.torq.io/workflows/${failed.workflowId}/executions/${failed.executionId}`);
    assert.equal(all.find((a) => a.executionId === samples.runningExecutionId)!.outcome, 'pending');
    const nested = byId.get(samples.nestedEntryId)!;
    assert.equal(nested.parentExecutionId, samples.parentExecutionId);
    assert.match(byId.get(samples.singleStepEntryId)!.title, /^Single step/);
    const nothing = byId.get(samples.noExecutionEntryId)!;
    assert.equal(nothing.outcome, 'none');
    assert.match(nothing.title, /triggered no workflow/);
    assert.ok(all.length > 0 && all.every((a) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(a.time)));
    const parent = await s.findParent(nested);
    assert.equal(parent?.executionId, samples.parentExecutionId);
  });

  it('lists without bodies and fetches the body when a payload is opened (also the multi-megabyte one)', async () => {
    const s = source();
    const page = await collectPages(s.activities({ startTime: new Date(api.nowMs() - 30 * 86_400_000).toISOString(), endTime: new Date(api.nowMs() + 1000).toISOString(), activityType: 'all', pageSize: 500 }));
    const big = page.find((a) => a.id === api.data.torq.samples.bigEntryId)!;
    assert.equal((big.raw as { event: { body?: unknown } }).event.body, undefined);
    assert.ok(listCalls().length > 0 && listCalls().every((c) => c.query.discard_body?.[0] === 'true'));
    const payload = (await s.loadPayload(big)) as { event: { body: string } };
    assert.ok(payload.event.body.length > 3_000_000, `${payload.event.body.length} bytes`);
  });

  it('groups: failures only, workflows seen in the window, audit log', async () => {
    const s = source();
    const failures = await collectPages(group(s, 'failures').list!(window()), { maxPages: 3 });
    assert.ok(failures.length > 0 && failures.every((a) => a.outcome === 'failure'));
    const workflows = await group(s, 'workflows').children!(window());
    assert.ok(workflows.length >= 3);
    const first = workflows[0];
    const runs = await collectPages(first.list!(window()), { maxPages: 2 });
    assert.ok(runs.length > 0 && runs.every((a) => a.workflowId === first.id.replace('workflow:', '')));
    const audit = await collectPages(group(s, 'audit').list!({ fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 1000 }));
    assert.ok(audit.length > 0 && audit.every((a) => a.stream === 'audit' && a.title.includes(' by ')));
  });

  it('searches with payload keywords and workflow ids on the server, the rest on the client', async () => {
    const s = source();
    const wide = { fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 1000 };
    const orderId = api.data.torq.samples.orderEntryId;
    const search = async (text: string) => {
      const plan = s.search(parseQuery(text), wide);
      assert.deepEqual(plan.unsupported, []);
      return collectPages(plan.fetcher, { maxPages: 5 });
    };
    const found = await search('4711');
    assert.ok(listCalls().length > 0 && listCalls().every((c) => c.query.payload?.[0] === '4711'));
    assert.ok(found.some((a) => a.id === orderId), 'the order found by its payload');
    // The order's run failed: a status term is checked here, on what the server found.
    const failed = await search('4711 status:failed');
    assert.ok(failed.length > 0 && failed.every((a) => a.outcome === 'failure'));
    assert.ok(failed.some((a) => a.id === orderId));
    const succeeded = await search('4711 status:succeeded');
    assert.ok(!succeeded.some((a) => a.id === orderId), 'a failed run is not among the successes');
    assert.deepEqual(s.search(parseQuery('trace:Tr1'), wide).unsupported, ['trace: (Torq has no trace ids)']);
  });

  it('builds "Open in Web UI" links from the URL template of the source', async () => {
    const custom = new TorqSource(
      { id: ID, kind: 'torq', region: 'eu', apiUrl: api.url, authUrl: api.url, executionUrlTemplate: '{ui}/runs/{execution_id}?wf={workflow_id}' },
      testContext({ [ID]: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }),
    );
    const page = await custom.activities({ activityType: 'workflow_runs', pageSize: 5 })(undefined);
    const run = page.items.find((a) => a.executionId)!;
    assert.equal(run.webUrl, `https://app.eu.torq.io/runs/${run.executionId}?wf=${run.workflowId}`);
  });

  describe('faults keep what was loaded and say what to do', () => {
    const cases: Array<{ kind: string; expect: ActivityLogsError['kind']; fix: ActivityLogsError['fix']; count?: number; text: RegExp }> = [
      { kind: '429', expect: 'rateLimited', fix: 'retry', count: 10, text: /rate limiting/ },
      { kind: '502', expect: 'server', fix: 'retry', count: 10, text: /HTTP 502/ },
      { kind: '503', expect: 'server', fix: 'retry', count: 10, text: /HTTP 503/ },
      { kind: 'cut', expect: 'network', fix: 'retry', count: 10, text: /could not be reached/ },
      { kind: 'malformed', expect: 'badResponse', fix: 'retry', text: /not valid JSON/ },
      { kind: 'timeout', expect: 'timeout', fix: 'narrowWindow', text: /did not answer within/ },
    ];
    for (const c of cases) {
      it(`${c.kind} → ${c.expect} (${c.fix})`, async () => {
        const waits: number[] = [];
        const s = source({ waits, timeoutMs: 1500, pageSize: 20 });
        const list = new PagedList<Activity>(group(s, 'events').list!(window()), (a) => a.key);
        await list.loadMore();
        assert.equal(list.items.length, 20);
        api.faults.add({ api: 'torq', path: 'activity_logs', kind: c.kind as never, count: c.count ?? 1, retryAfter: 2 });
        await list.loadMore();
        assert.equal(list.items.length, 20, 'the first page stays');
        assert.equal(list.error?.kind, c.expect, list.error?.message);
        assert.equal(list.error?.fix, c.fix);
        assert.match(list.error!.message, c.text);
        if (c.kind === '429') assert.deepEqual(waits, [2000, 2000, 2000], 'Retry-After honoured, attempts bounded');
        if (c.count) assert.ok(listCalls().length <= 1 + 4, 'retries are bounded');
        api.faults.clear();
        await list.loadMore();
        assert.equal(list.error, undefined);
        assert.equal(list.items.length, 40, 'retry continues from the failed page');
      });
    }

    it('entries missing a required field are set aside as unreadable, naming the field; the pages before stay', async () => {
      const s = source({ pageSize: 20 });
      const list = new PagedList<Activity>(group(s, 'events').list!(window()), (a) => a.key);
      await list.loadMore();
      api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'missingField' });
      await list.loadMore();
      assert.equal(list.error, undefined, list.error?.message);
      assert.equal(list.items.length, 20, 'the first page stays');
      assert.equal(list.unreadable.length, 20, 'every entry of the bent page is counted');
      assert.match(list.unreadable[0].reason, /^Torq activity logs: the entry is missing the required field `activity_logs\[0\]\.event`/);
      assert.equal(typeof (list.unreadable[0].raw as { id: unknown }).id, 'string', 'kept as sent');
      await list.loadMore();
      assert.equal(list.items.length, 40, 'paging goes on');
    });

    it('extra unknown fields are tolerated', async () => {
      api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'extraFields', count: 1 });
      const page = await source().activities({ pageSize: 5 })(undefined);
      assert.equal(page.items.length, 5);
    });

    it('a repeated page token stops paging with a message', async () => {
      const list = new PagedList<Activity>(group(source({ pageSize: 10 }), 'events').list!(window()), (a) => a.key);
      await list.loadMore();
      api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'repeatCursor', count: 5 });
      await list.loadMore();
      await list.loadMore();
      assert.match(list.error?.message ?? '', /same page cursor twice/);
      assert.equal(list.items.length >= 10, true);
    });

    it('cancel stops the request and nothing more is sent', async () => {
      api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'slow', delayMs: 3000, count: 1 });
      const s = source();
      await s.client.tokens.token();
      const list = new PagedList<Activity>(group(s, 'events').list!(window()), (a) => a.key);
      const loading = list.loadMore();
      await new Promise((r) => setTimeout(r, 200));
      list.cancel();
      await loading;
      assert.equal(list.error, undefined);
      assert.equal(list.items.length, 0);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(listCalls().length, 1, 'no retry after cancel');
    });
  });
});
