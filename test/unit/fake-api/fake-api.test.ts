/**
 * The fake API server must be as strict as the vendors' servers: these tests pin that down
 * (authentication, time and paging rules, error shapes, fault switches, deterministic data).
 */
import * as assert from 'assert/strict';
import { type FakeApi, startFakeApi } from '../../fake-api/server';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const DAY_MS = 24 * 3600 * 1000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** RFC 3339 → epoch ns (tests must not depend on the server's formatter). */
function ns(text: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
  assert.ok(m, `not an RFC 3339 UTC timestamp: ${text}`);
  return BigInt(Date.parse(`${m[1]}Z`)) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

function rfc3339(epochNs: bigint): string {
  const ms = epochNs / 1_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  return `${base}.${String(epochNs % 1_000_000_000n).padStart(9, '0')}Z`;
}

describe('fake API server', function () {
  this.timeout(10_000);
  let api: FakeApi;
  let token: string;

  async function torqToken(): Promise<string> {
    const { clientId, clientSecret } = api.credentials.torq;
    const res = await fetch(`${api.url}/v1/auth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as Json).access_token;
  }

  function torq(path: string, params: Record<string, string | string[]> = {}, bearer: string | null = token): Promise<Response> {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      (Array.isArray(v) ? v : [v]).forEach((x) => search.append(k, x));
    }
    return fetch(`${api.url}/public/v1alpha/${path}?${search}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {}, redirect: 'manual' });
  }

  async function torqJson(path: string, params: Record<string, string | string[]> = {}): Promise<Json> {
    const res = await torq(path, params);
    const body = (await res.json()) as Json;
    assert.equal(res.status, 200, JSON.stringify(body));
    return body;
  }

  /** Every page of a Torq list. */
  async function torqAll(path: string, key: string, params: Record<string, string | string[]>): Promise<Json[]> {
    const items: Json[] = [];
    let pageToken = '';
    for (let guard = 0; guard < 1000; guard++) {
      const body = await torqJson(path, { ...params, ...(pageToken ? { page_token: pageToken } : {}) });
      items.push(...body[key]);
      pageToken = body.next_page_token;
      assert.equal(typeof pageToken, 'string');
      if (pageToken === '') {
        return items;
      }
    }
    throw new Error('paging did not end');
  }

  async function slack(args: Record<string, string>, tokenValue: string | null = api.credentials.slack.token, method = 'apps.activities.list'): Promise<Json> {
    const res = await fetch(`${api.url}/api/${method}?${new URLSearchParams(args)}`, { headers: tokenValue ? { Authorization: `Bearer ${tokenValue}` } : {} });
    assert.equal(res.status, 200);
    return (await res.json()) as Json;
  }

  function sde(pathAndQuery: string, auth: string | null = `Token ${api.credentials.sde.token}`): Promise<Response> {
    return fetch(`${api.url}${pathAndQuery}`, { headers: auth ? { Authorization: auth } : {}, redirect: 'manual' });
  }

  const monthBack = { start_time: new Date(NOW - 31 * DAY_MS).toISOString() };

  before(async () => {
    api = await startFakeApi({ now: NOW });
    token = await torqToken();
  });

  after(async () => {
    await api?.close();
  });

  afterEach(() => {
    api.faults.clear();
  });

  describe('Torq', () => {
    it('issues tokens only for Basic client credentials and grant_type=client_credentials', async () => {
      const { clientId, clientSecret } = api.credentials.torq;
      const call = (user: string, pass: string, body: string, type = 'application/x-www-form-urlencoded'): Promise<Response> =>
        fetch(`${api.url}/v1/auth/token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`, 'Content-Type': type }, body });
      const bad = await call(clientId, 'wrong', 'grant_type=client_credentials');
      assert.equal(bad.status, 401);
      assert.deepEqual(await bad.json(), { error: 'invalid_client' });
      assert.equal((await call(clientId, clientSecret, 'grant_type=password')).status, 400);
      assert.equal((await call(clientId, clientSecret, '{"grant_type":"client_credentials"}', 'application/json')).status, 400);
      const good = await call(clientId, clientSecret, 'grant_type=client_credentials');
      assert.equal(good.status, 200);
      assert.equal(good.headers.get('cache-control'), 'no-store');
      const body = (await good.json()) as Json;
      assert.equal(body.expires_in, 3600);
      assert.equal(body.token_type, 'Bearer');
      assert.match(body.access_token, /^[0-9a-f-]{36}$/);
    });

    it('answers 401 rpc status without or with an unknown bearer token', async () => {
      for (const bearer of [null, 'not-a-token']) {
        const res = await torq('activity_logs', {}, bearer);
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), { code: 16, message: 'Invalid bearer token', details: [] });
      }
    });

    it('redirects (302) to the auth host when the token expired', async () => {
      const old = await torqToken();
      api.expireTorqTokens();
      const res = await torq('activity_logs', {}, old);
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('location'), `${api.url}/v1/auth/token`);
      token = await torqToken();
      assert.equal((await torq('activity_logs')).status, 200);
    });

    it('rejects malformed times and page sizes with 400 INVALID_ARGUMENT', async () => {
      const invalidParams: Record<string, string>[] = [{ start_time: '2024-05-01' }, { end_time: '2024-05-01T10:00:00' }, { start_time: '2024-05-01T10:00:00.1234567891Z' }, { start_time: '2024-02-30T10:00:00Z' }, { page_size: '501' }, { page_size: '-1' }, { page_size: '2.5' }, { activity_type: 'runs' }, { discard_body: 'yes' }];
      for (const params of invalidParams) {
        const res = await torq('activity_logs', params);
        assert.equal(res.status, 400, JSON.stringify(params));
        const body = (await res.json()) as Json;
        assert.equal(body.code, 3);
        if ('start_time' in params) {
          assert.match(body.message, /invalid start_time/);
        }
      }
      assert.equal((await torq('activity_logs', { start_time: '2024-04-30T10:00:00.123456789+02:00', page_size: '500' })).status, 200);
      assert.equal((await torq('audit_logs', { order: 'newest' })).status, 400);
    });

    it('pages newest first through every entry, ending with an empty next_page_token', async () => {
      const items = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '100', discard_body: 'true' });
      assert.equal(items.length, api.data.torq.entries.length);
      assert.equal(new Set(items.map((i) => i.id)).size, items.length);
      for (let i = 1; i < items.length; i++) {
        assert.ok(ns(items[i - 1].event.timestamp) >= ns(items[i].event.timestamp), 'newest first');
      }
      const first = items[0];
      assert.deepEqual(Object.keys(first), ['id', 'workspace_id', 'workspace_name', 'event', 'execution']);
      assert.ok(!('body' in first.event));
    });

    it('defaults to the last 24 hours, start inclusive and end exclusive', async () => {
      const recent = api.data.torq.entries.filter((e) => e.tsNs >= BigInt(NOW - DAY_MS) * 1_000_000n).length;
      assert.equal((await torqAll('activity_logs', 'activity_logs', { page_size: '500', discard_body: 'true' })).length, recent);
      const entry = api.data.torq.entries[5];
      const at = rfc3339(entry.tsNs);
      const ids = async (params: Record<string, string>): Promise<string[]> => ((await torqJson('activity_logs', { ...params, discard_body: 'true' })).activity_logs as Json[]).map((i) => i.id);
      assert.deepEqual(await ids({ start_time: at, end_time: rfc3339(entry.tsNs + 1n) }), [entry.id]);
      assert.ok(!(await ids({ start_time: rfc3339(entry.tsNs - 1000n), end_time: at })).includes(entry.id));
    });

    it('binds page tokens to the filters', async () => {
      const first = await torqJson('activity_logs', { page_size: '10', activity_type: 'all' });
      assert.notEqual(first.next_page_token, '');
      const reused = await torq('activity_logs', { page_size: '10', activity_type: 'workflow_runs', page_token: first.next_page_token });
      assert.equal(reused.status, 400);
      assert.equal(((await reused.json()) as Json).code, 3);
      assert.equal((await torq('activity_logs', { page_token: 'garbage!!' })).status, 400);
      // page_size may change between pages
      assert.equal((await torq('activity_logs', { page_size: '20', activity_type: 'all', page_token: first.next_page_token })).status, 200);
    });

    it('filters by activity type, workflow, integrations and payload keywords', async () => {
      const all = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true' });
      const steps = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true', activity_type: 'step_executions' });
      assert.ok(steps.length > 0 && steps.every((i) => i.event.type === 'single_step' && i.execution));
      const runs = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true', activity_type: 'workflow_runs' });
      assert.ok(runs.length > 0 && runs.every((i) => i.execution && i.event.type !== 'single_step'));
      assert.ok(all.some((i) => !i.execution), 'events that triggered nothing');
      assert.deepEqual(new Set(all.map((i) => i.event.type)), new Set(['integration', 'on_demand', 'nested', 'single_step']));
      const statuses = new Set(all.map((i) => i.execution?.status));
      for (const s of ['SUCCESS', 'FAILED', 'RUNNING', 'ON_HOLD']) {
        assert.ok(statuses.has(s), s);
      }
      const failed = all.filter((i) => i.execution?.status === 'FAILED');
      assert.ok(failed.length > 0 && failed.every((i) => typeof i.execution.error.message === 'string'));
      const running = all.filter((i) => i.execution?.status === 'RUNNING');
      assert.ok(running.length > 0 && running.every((i) => !('finished_at' in i.execution)));

      const wf = api.data.torq.workflows[2];
      const byWorkflow = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true', workflow_id: wf.id });
      assert.ok(byWorkflow.length > 0 && byWorkflow.every((i) => i.execution.workflow_id === wf.id));

      const [a, b] = api.data.torq.integrations.map((i) => i.integration_id);
      const repeated = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true', integration_ids: [a, b] });
      const comma = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true', integration_ids: `${a},${b}` });
      assert.ok(repeated.length > 0 && repeated.every((i) => [a, b].includes(i.event.integration?.integration_id)));
      assert.deepEqual(comma.map((i) => i.id), repeated.map((i) => i.id));

      const order = await torqJson('activity_logs', { payload: '4711 payment_failed' });
      assert.deepEqual((order.activity_logs as Json[]).map((i) => i.id), [api.data.torq.samples.orderEntryId]);
      assert.equal(typeof order.activity_logs[0].event.body, 'string');
      assert.equal(JSON.parse(order.activity_logs[0].event.body).order.id, 4711);
      assert.deepEqual((await torqJson('activity_logs', { payload: '4711 no-such-keyword' })).activity_logs, []);
    });

    it('links nested runs to a real parent execution and serves executions and their events', async () => {
      const { samples } = api.data.torq;
      const page = await torqAll('activity_logs', 'activity_logs', { ...monthBack, page_size: '500', discard_body: 'true' });
      const nested = page.find((i) => i.id === samples.nestedEntryId) as Json;
      const parentId = nested.event.nested.parent_execution_id;
      const parent = await torqJson(`executions/${parentId}`);
      assert.equal(parent.workflow_name, nested.event.nested.parent_workflow_name);
      assert.equal(parent.workflow_id, nested.event.nested.parent_workflow_id);
      const event = await torqJson(`executions/${samples.bigExecutionId}/event`);
      assert.ok(event.event.body.length > 3_000_000, 'a body > 3 MB');
      assert.equal((await torq('executions/00000000-0000-4000-8000-000000000000')).status, 404);
    });

    it('switches body to an object and workspace keys to the 2022 account naming', async () => {
      api.setOptions({ torqBodyAsObject: true, torqAccountKeys: true });
      try {
        const item = (await torqJson('activity_logs', { page_size: '1' })).activity_logs[0];
        assert.equal(typeof item.event.body, 'object');
        assert.ok('account_id' in item && 'account_name' in item && !('workspace_id' in item));
      } finally {
        api.setOptions({ torqBodyAsObject: false, torqAccountKeys: false });
      }
    });

    it('serves audit logs covering every action, desc by default and asc on request', async () => {
      const desc = await torqAll('audit_logs', 'audit_logs', { ...monthBack, page_size: '500' });
      const asc = await torqAll('audit_logs', 'audit_logs', { ...monthBack, page_size: '500', order: 'asc' });
      assert.equal(desc.length, api.data.torq.audit.length);
      assert.deepEqual(asc.map((a) => a.id), [...desc].reverse().map((a) => a.id));
      assert.ok(ns(desc[0].timestamp) >= ns(desc[1].timestamp));
      const { TORQ_AUDIT_ACTIONS } = await import('../../fake-api/server');
      assert.deepEqual(new Set(desc.map((a) => a.action)), new Set(TORQ_AUDIT_ACTIONS));
    });
  });

  describe('Slack', () => {
    const app = { app_id: 'A0FAKEAPP1' };

    it('answers API errors with HTTP 200 and ok:false', async () => {
      const s = api.credentials.slack.special;
      assert.equal((await slack(app, null)).error, 'not_authed');
      assert.equal((await slack(app, 'nope')).error, 'invalid_auth');
      assert.equal((await slack(app, s.expired)).error, 'token_expired');
      assert.equal((await slack(app, s.revoked)).error, 'token_revoked');
      const scope = await slack(app, s.missingScope);
      assert.equal(scope.error, 'missing_scope');
      assert.equal(scope.needed, 'hosting:read');
      assert.equal(typeof scope.provided, 'string');
      assert.equal((await slack(app, s.freeTeam)).error, 'free_team_not_allowed');
      assert.equal((await slack(app, s.restrictedPlan)).error, 'restricted_plan_level');
      assert.equal((await slack(app, s.otherTeam)).error, 'invalid_app');
      assert.equal((await slack({})).error, 'invalid_args');
      assert.equal((await slack({ app_id: 'A0NOSUCHAPP' })).error, 'invalid_app_id');
      assert.equal((await slack({ ...app, team_id: 'T0SOMEONE' })).error, 'invalid_app');
      assert.equal((await slack({ ...app, min_log_level: 'loud' })).error, 'invalid_args');
      assert.equal((await slack({ ...app, cursor: 'garbage' })).error, 'invalid_cursor');
      const who = await slack({}, api.credentials.slack.token, 'auth.test');
      assert.equal(who.ok, true);
      assert.equal(who.team_id, 'T0FAKETEAM');
    });

    it('accepts a POST form with the token as a parameter', async () => {
      const res = await fetch(`${api.url}/api/apps.activities.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: api.credentials.slack.token, ...app, limit: '5' }).toString(),
      });
      const body = (await res.json()) as Json;
      assert.equal(body.ok, true);
      assert.deepEqual(body.activities, (await slack({ ...app, limit: '5' })).activities);
    });

    it('pages with cursors bound to the filters, newest first by default', async () => {
      const all: Json[] = [];
      let cursor = '';
      let firstCursor = '';
      do {
        const body = await slack({ ...app, min_log_level: 'trace', limit: '97', ...(cursor ? { cursor } : {}) });
        assert.equal(body.ok, true, body.error);
        all.push(...body.activities);
        cursor = body.response_metadata.next_cursor;
        firstCursor ||= cursor;
      } while (cursor);
      assert.equal(all.length, api.data.slack.activities.filter((a) => a.app_id === app.app_id).length);
      assert.match(Buffer.from(firstCursor, 'base64').toString(), /^log_id:\d+$/);
      for (let i = 1; i < all.length; i++) {
        assert.ok(all[i - 1].created >= all[i].created);
        assert.ok(Number.isInteger(all[i].created) && all[i].created > 1e15, 'microseconds');
      }
      assert.equal((await slack({ ...app, min_log_level: 'error', cursor: firstCursor })).error, 'invalid_cursor');
      const asc = await slack({ ...app, sort_direction: 'asc', limit: '2' });
      assert.ok(asc.activities[0].created <= asc.activities[1].created);
    });

    it('filters by level (default info), trace, type and inclusive microsecond dates', async () => {
      const byDefault = await slack({ ...app, limit: '1000' });
      assert.ok(byDefault.activities.length > 0 && byDefault.activities.every((a: Json) => ['info', 'warn', 'error', 'fatal'].includes(a.level)));
      const run = await slack({ ...app, trace_id: api.data.slack.samples.failedTraceId, min_log_level: 'trace', limit: '1000' });
      assert.ok(run.activities.length >= 8);
      assert.ok(run.activities.some((a: Json) => a.event_type === 'function_execution_result' && a.level === 'error' && /\n\s+at /.test(a.payload.error)));
      const one = run.activities[3];
      const exact = await slack({ ...app, min_log_level: 'trace', min_date_created: String(one.created), max_date_created: String(one.created) });
      assert.ok(exact.activities.some((a: Json) => a.created === one.created && a.event_type === one.event_type));
      const triggerErrors = await slack({ app_id: 'A0FAKEAPP2', log_event_type: 'trigger_executed', min_log_level: 'error', limit: '1000' });
      assert.ok(triggerErrors.activities.length > 0);
      assert.ok(Array.isArray(JSON.parse(triggerErrors.activities[0].payload.errors)));
      assert.equal((await slack({ ...app, min_date_created: '1.5' })).error, 'invalid_args');
    });
  });

  describe('SD Elements', () => {
    it('requires a token and answers DRF detail errors', async () => {
      const none = await sde('/api/v2/activities/', null);
      assert.equal(none.status, 401);
      assert.deepEqual(await none.json(), { detail: 'Authentication credentials were not provided.' });
      const bad = await sde('/api/v2/activities/', 'Token nope');
      assert.equal(bad.status, 401);
      assert.deepEqual(await bad.json(), { detail: 'Invalid token.' });
      const { username, password } = api.credentials.sde;
      assert.equal((await sde('/api/v2/users/me/', `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`)).status, 200);
      assert.equal((await sde('/api/v2/activities')).status, 301);
      assert.equal((await sde('/api/v2/activities/1/')).status, 404);
    });

    it('returns everything without page_size and pages with absolute next/previous URLs with it', async () => {
      const unpaged = (await (await sde('/api/v2/activities/')).json()) as Json;
      assert.equal(unpaged.results.length, api.data.sde.activities.length);
      assert.ok(!('count' in unpaged));
      const ids: number[] = [];
      let next: string | null = `${api.url}/api/v2/activities/?page_size=150`;
      let pages = 0;
      while (next) {
        assert.ok(next.startsWith(`${api.url}/api/v2/activities/?`), next);
        const res = await sde(next.slice(api.url.length));
        const body = (await res.json()) as Json;
        assert.equal(body.count, api.data.sde.activities.length);
        if (pages === 1) {
          assert.equal(body.previous, `${api.url}/api/v2/activities/?page_size=150`);
        }
        ids.push(...body.results.map((r: Json) => r.id));
        next = body.next;
        pages++;
      }
      assert.equal(pages, Math.ceil(api.data.sde.activities.length / 150));
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
      const invalid = await sde('/api/v2/activities/?page_size=150&page=99');
      assert.equal(invalid.status, 404);
      assert.deepEqual(await invalid.json(), { detail: 'Invalid page.' });
      api.setOptions({ sdeMaxPageSize: 50 });
      try {
        assert.equal(((await (await sde('/api/v2/activities/?page_size=5000')).json()) as Json).results.length, 50);
      } finally {
        api.setOptions({ sdeMaxPageSize: 1000 });
      }
    });

    it('reads dates without Z as server local time (UTC-05:00)', async () => {
      const activity = api.data.sde.activities[10];
      const utc = new Date(Math.floor(activity.dateUs / 1000)).toISOString().slice(0, 19);
      const local = new Date(Math.floor(activity.dateUs / 1000) - 5 * 3600 * 1000).toISOString().slice(0, 19);
      const idsFor = async (from: string, to: string): Promise<number[]> => ((await (await sde(`/api/v2/activities/?date_from=${from}&date_to=${to}`)).json()) as Json).results.map((r: Json) => r.id);
      assert.ok((await idsFor(`${utc}Z`, `${utc}.999999Z`)).includes(activity.id));
      assert.ok((await idsFor(local, `${local}.999999`)).includes(activity.id));
      assert.ok(!(await idsFor(utc, `${utc}.999999`)).includes(activity.id), 'a client forgetting Z is off by five hours');
      const item = (await (await sde(`/api/v2/activities/${activity.id}/`)).json()) as Json;
      assert.match(item.date, /-05:00$/);
      const invalid = await sde('/api/v2/activities/?date_from=yesterday&actor=x');
      assert.equal(invalid.status, 400);
      assert.deepEqual(await invalid.json(), { date_from: ['Enter a valid date/time.'], actor: ['Enter a number.'] });
    });

    it('filters by referenced user (U7 or 7), deleted objects by _desc, and users fall back with 403/404', async () => {
      const results = async (query: string): Promise<Json[]> => ((await (await sde(`/api/v2/activities/?${query}`)).json()) as Json).results;
      const u = await results('user=U2');
      assert.ok(u.length > 0);
      assert.deepEqual(await results('user=2'), u);
      const deleted = await results('application_desc=Legacy+Portal');
      assert.ok(deleted.length > 0 && deleted.every((r) => r.data.application === null || !('application' in r.data)));
      const byAdmin = await results('actor=1');
      assert.ok(byAdmin.length > 0 && byAdmin.every((r) => r.actor === 1));
      assert.equal((await sde('/api/v2/users/7/')).status, 403);
      assert.equal((await sde('/api/v2/users/8/')).status, 404);
      assert.equal((await sde('/api/v2/users/2/', `Token ${api.credentials.sde.limitedToken}`)).status, 403);
      assert.equal(((await (await sde('/api/v2/users/me/')).json()) as Json).id, 1);
    });
  });

  describe('faults', () => {
    it('429 with Retry-After and each product\'s own body, for `count` requests', async () => {
      api.faults.add({ kind: '429', retryAfter: 7, count: 3 });
      const t = await torq('activity_logs');
      assert.equal(t.status, 429);
      assert.equal(t.headers.get('retry-after'), '7');
      assert.equal(((await t.json()) as Json).code, 8);
      const s = await fetch(`${api.url}/api/apps.activities.list?app_id=A0FAKEAPP1`, { headers: { Authorization: `Bearer ${api.credentials.slack.token}` } });
      assert.equal(s.status, 429);
      assert.deepEqual(await s.json(), { ok: false, error: 'ratelimited' });
      const d = await sde('/api/v2/activities/');
      assert.equal(d.status, 429);
      assert.deepEqual(await d.json(), { detail: 'Request was throttled. Expected available in 7 seconds.' });
      assert.equal((await torq('activity_logs')).status, 200);
    });

    it('502, 503 and path/product matching', async () => {
      api.faults.add({ api: 'slack', kind: '502' });
      api.faults.add({ api: 'torq', path: 'audit_logs', kind: '503', retryAfter: 2 });
      assert.equal((await torq('activity_logs')).status, 200);
      const audit = await torq('audit_logs');
      assert.equal(audit.status, 503);
      assert.equal(audit.headers.get('retry-after'), '2');
      const s = await fetch(`${api.url}/api/auth.test`);
      assert.equal(s.status, 502);
      assert.match(await s.text(), /Bad Gateway/);
    });

    it('slow answers late; timeout never answers until the client gives up', async () => {
      api.faults.add({ kind: 'slow', delayMs: 300 });
      const started = Date.now();
      assert.equal((await sde('/api/v2/users/me/')).status, 200);
      assert.ok(Date.now() - started >= 290);
      api.faults.add({ kind: 'timeout' });
      await assert.rejects(fetch(`${api.url}/api/v2/users/me/`, { headers: { Authorization: `Token ${api.credentials.sde.token}` }, signal: AbortSignal.timeout(300) }));
    });

    it('close() ends hung connections', async () => {
      const other = await startFakeApi({ now: NOW, torqActivities: 50, slackActivities: 50, sdeActivities: 50 });
      other.faults.add({ kind: 'timeout', count: 5 });
      const pending = fetch(`${other.url}/api/v2/users/me/`).then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await other.close();
      assert.ok(Date.now() - started < 1000);
      assert.equal(await pending, 'failed');
    });

    it('cut drops the connection mid-body; malformed sends invalid JSON with 200', async () => {
      api.faults.add({ kind: 'cut' });
      const cut = await torq('activity_logs');
      assert.equal(cut.status, 200);
      await assert.rejects(cut.text());
      api.faults.add({ kind: 'malformed' });
      const bad = await torq('activity_logs');
      assert.equal(bad.status, 200);
      await assert.rejects(bad.json());
    });

    it('missingField removes required keys; extraFields adds unknown keys everywhere', async () => {
      api.faults.add({ kind: 'missingField', count: 3 });
      assert.ok(!('event' in (await torqJson('activity_logs', { page_size: '3' })).activity_logs[0]));
      assert.ok(!('created' in (await slack({ app_id: 'A0FAKEAPP1', limit: '3' })).activities[0]));
      assert.ok(!('date' in ((await (await sde('/api/v2/activities/?page_size=3')).json()) as Json).results[0]));
      api.faults.add({ kind: 'extraFields' });
      const extra = await torqJson('activity_logs', { page_size: '2' });
      assert.ok('x_fake_unknown_field' in extra && 'x_fake_unknown_field' in extra.activity_logs[0] && 'x_fake_unknown_field' in extra.activity_logs[0].event);
      // the data set itself is untouched
      assert.ok(!('x_fake_unknown_field' in (await torqJson('activity_logs', { page_size: '2' })).activity_logs[0]));
    });

    it('repeatCursor returns the token that was sent, forever', async () => {
      const first = await torqJson('activity_logs', { page_size: '5' });
      api.faults.add({ kind: 'repeatCursor' });
      for (let i = 0; i < 3; i++) {
        assert.equal((await torqJson('activity_logs', { page_size: '5', page_token: first.next_page_token })).next_page_token, first.next_page_token);
      }
      const page1 = await slack({ app_id: 'A0FAKEAPP1', limit: '5' });
      const page2 = await slack({ app_id: 'A0FAKEAPP1', limit: '5', cursor: page1.response_metadata.next_cursor });
      assert.equal(page2.response_metadata.next_cursor, page1.response_metadata.next_cursor);
    });

    it('expiredToken: Torq 302, Slack token_expired, SDE 401', async () => {
      api.faults.add({ kind: 'expiredToken', count: 3 });
      assert.equal((await torq('activity_logs')).status, 302);
      assert.equal((await slack({ app_id: 'A0FAKEAPP1' })).error, 'token_expired');
      assert.equal((await sde('/api/v2/activities/')).status, 401);
      assert.equal((await torq('activity_logs')).status, 200);
    });

    it('hugeBody sends a very large answer that is still valid JSON', async () => {
      api.setOptions({ hugeBodyBytes: 8 * 1024 * 1024 });
      try {
        api.faults.add({ kind: 'hugeBody' });
        const res = await torq('activity_logs', { page_size: '2' });
        const text = await res.text();
        assert.ok(text.length >= 8 * 1024 * 1024);
        assert.equal(JSON.parse(text).activity_logs.length, 2);
      } finally {
        api.setOptions({ hugeBodyBytes: 50 * 1024 * 1024 });
      }
    });

    it('can be switched and inspected over HTTP, with the Authorization header logged', async () => {
      await fetch(`${api.url}/__control/requests`, { method: 'DELETE' });
      const added = await fetch(`${api.url}/__control/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ api: 'sde', kind: 503, retryAfter: 4 }) });
      assert.equal(added.status, 201);
      assert.equal((await sde('/api/v2/activities/')).status, 503);
      assert.equal((await fetch(`${api.url}/__control/faults`, { method: 'POST', body: '{"kind":"teapot"}' })).status, 400);
      const log = ((await (await fetch(`${api.url}/__control/requests`)).json()) as Json).requests as Json[];
      assert.equal(log.length, 1);
      assert.equal(log[0].api, 'sde');
      assert.equal(log[0].headers.authorization, `Token ${api.credentials.sde.token}`);
      await fetch(`${api.url}/__control/faults`, { method: 'POST', body: JSON.stringify({ kind: '502', count: 5 }) });
      await fetch(`${api.url}/__control/faults`, { method: 'DELETE' });
      assert.equal((await sde('/api/v2/users/me/')).status, 200);
      const options = await fetch(`${api.url}/__control/options`, { method: 'POST', body: JSON.stringify({ torqAccountKeys: true }) });
      assert.equal(((await options.json()) as Json).options.torqAccountKeys, true);
      api.setOptions({ torqAccountKeys: false });
      assert.equal(api.requests.of('sde').length, 2);
    });
  });

  it('generates the same data from the same seed and now', async () => {
    const other = await startFakeApi({ now: NOW });
    try {
      assert.deepEqual(
        other.data.torq.entries.slice(0, 50).map((e) => [e.id, e.tsNs, e.execution?.id]),
        api.data.torq.entries.slice(0, 50).map((e) => [e.id, e.tsNs, e.execution?.id]),
      );
      const page = async (server: FakeApi, path: string, headers: Record<string, string>): Promise<string> => (await fetch(`${server.url}${path}`, { headers })).text();
      const slackHeaders = { Authorization: `Bearer ${api.credentials.slack.token}` };
      assert.equal(await page(other, '/api/apps.activities.list?app_id=A0FAKEAPP2&limit=50', slackHeaders), await page(api, '/api/apps.activities.list?app_id=A0FAKEAPP2&limit=50', slackHeaders));
      const sdeHeaders = { Authorization: `Token ${api.credentials.sde.token}` };
      assert.equal(await page(other, '/api/v2/activities/', sdeHeaders), await page(api, '/api/v2/activities/', sdeHeaders));
      assert.equal(other.data.torq.bodyText(other.data.torq.entries[3]), api.data.torq.bodyText(api.data.torq.entries[3]));
    } finally {
      await other.close();
    }
  });
});
