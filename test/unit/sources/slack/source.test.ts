/** The Slack source against the fake Slack Web API: arguments on the wire, paging, errors, groups. */
import { strict as assert } from 'assert';
import { ActivityLogsError } from '../../../../src/core/errors';
import { HttpClient } from '../../../../src/core/http';
import { silentLogger } from '../../../../src/core/log';
import { collectPages } from '../../../../src/core/paging';
import type { CredentialName, GroupNode, SourceContext } from '../../../../src/core/source';
import { fromEpochMicros, toEpochMicros } from '../../../../src/core/time';
import { createSource } from '../../../../src/sources';
import { slackApiError } from '../../../../src/sources/slack/client';
import { appLogsUrl, slackEndpoints } from '../../../../src/sources/slack/endpoints';
import { SlackSource } from '../../../../src/sources/slack/source';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { SecretRedactor } from '../../../../src/core/redact';

const APP = 'A0FAKEAPP1';

function context(tokens: Record<string, string | undefined>, options: { pageSize?: number; waits?: number[]; maxAttempts?: number } = {}): SourceContext {
  const waits = options.waits;
  return {
    http: new HttpClient({
      baseBackoffMs: 5,
      maxAttempts: options.maxAttempts,
      sleep: waits
        ? async (ms) => {
            waits.push(ms);
          }
        : undefined,
    }),
    credentials: { get: async (sourceId: string, name: CredentialName) => (name === 'token' ? tokens[sourceId] : undefined) },
    log: silentLogger,
    redactor: new SecretRedactor(),
    pageSize: options.pageSize ?? 100,
  };
}

describe('Slack source (fake server)', function () {
  this.timeout(20_000);
  let api: FakeApi;
  let token: string;
  const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });

  const source = (options: { token?: string; appId?: string; teamId?: string; pageSize?: number; waits?: number[]; maxAttempts?: number } = {}) =>
    new SlackSource(
      { id: 'slack-test', kind: 'slack', appId: options.appId ?? APP, teamId: options.teamId, apiUrl: `${api.url}/api/` },
      context({ 'slack-test': 'token' in options ? options.token : token }, options),
    );
  const listed = () => api.requests.of('slack').filter((r) => r.path === '/api/apps.activities.list');
  const one = (values: string[] | undefined) => values?.[0];

  before(async () => {
    api = await startFakeApi({ slackActivities: 800 });
    token = api.credentials.slack.token;
  });
  after(async () => api.close());
  beforeEach(() => {
    api.requests.clear();
    api.faults.clear();
  });

  it('is built by createSource', () => {
    const s = createSource({ id: 's', kind: 'slack', appId: APP }, context({}));
    assert.ok(s instanceof SlackSource);
    assert.equal(s.kind, 'slack');
  });

  it('sends every argument as a GET query, with the token only as a Bearer header', async () => {
    const s = source({ teamId: 'T0FAKETEAM' });
    const sample = api.data.slack.samples;
    const failed = api.data.slack.activities.filter((a) => a.trace_id === sample.failedTraceId);
    const from = failed[0].created;
    const to = failed[failed.length - 1].created;
    const page = await s.client.activities(
      {
        appId: APP,
        teamId: 'T0FAKETEAM',
        limit: 7,
        minLogLevel: 'debug',
        logEventType: 'workflow_execution_result',
        source: 'slack',
        componentType: 'workflows',
        componentId: sample.workflowId,
        traceId: sample.failedTraceId,
        minDateCreated: from,
        maxDateCreated: String(to),
        sortDirection: 'asc',
      },
      undefined,
    );
    const [req] = listed();
    assert.equal(req.method, 'GET');
    assert.deepEqual(req.query, {
      app_id: [APP],
      team_id: ['T0FAKETEAM'],
      limit: ['7'],
      min_log_level: ['debug'],
      log_event_type: ['workflow_execution_result'],
      source: ['slack'],
      component_type: ['workflows'],
      component_id: [sample.workflowId],
      trace_id: [sample.failedTraceId],
      min_date_created: [String(from)],
      max_date_created: [String(to)],
      sort_direction: ['asc'],
    });
    assert.equal(req.headers.authorization, `Bearer ${token}`);
    assert.equal(req.body, '');
    // The filters combine with AND: the one failed workflow result of that trace.
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].entry.event_type, 'workflow_execution_result');
    assert.equal(page.items[0].entry.trace_id, sample.failedTraceId);
    assert.equal(page.next, undefined);
  });

  it('URL-encodes values (the Slack CLI does not)', async () => {
    const s = source();
    const odd = 'Wf 1&x=y+z/é#?';
    const page = await s.client.activities({ appId: APP, componentId: odd, traceId: 'Tr%41' }, undefined);
    const [req] = listed();
    assert.deepEqual(req.query.component_id, [odd]);
    assert.deepEqual(req.query.trace_id, ['Tr%41']);
    assert.equal(req.query.x, undefined);
    assert.equal(page.items.length, 0);
  });

  it('follows next_cursor over several pages and stops at the empty cursor', async () => {
    const s = source({ pageSize: 9 });
    const w = window();
    const expected = api.data.slack.activities.filter(
      (a) => a.app_id === APP && ['info', 'warn', 'error', 'fatal'].includes(a.level) && a.created >= w.fromMs * 1000 && a.created <= w.toMs * 1000,
    );
    const all = await collectPages(s.groups().find((g) => g.id === 'all')!.list!(w), { maxPages: 200 });
    assert.ok(expected.length > 27, 'the data set should fill at least three pages');
    assert.equal(all.length, expected.length);
    assert.equal(new Set(all.map((a) => a.key)).size, all.length, 'keys are unique');
    const reqs = listed();
    assert.equal(reqs.length, Math.ceil(expected.length / 9));
    assert.equal(reqs[0].query.cursor, undefined);
    for (const r of reqs.slice(1)) assert.ok(one(r.query.cursor), 'every later page sends a cursor');
    for (const r of reqs) {
      assert.deepEqual(r.query.limit, ['9']);
      assert.deepEqual(r.query.min_date_created, [toEpochMicros(w.fromMs)]);
      assert.deepEqual(r.query.max_date_created, [toEpochMicros(w.toMs)]);
      assert.deepEqual(r.query.min_log_level, ['info']);
    }
    // Newest first, as the API sorts by default.
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].time >= all[i].time);
  });

  it('clamps the page size to 1..200 (Slack recommends 100–200; the method documents no maximum)', async () => {
    await source({ pageSize: 5000 }).activities({})(undefined);
    await source({ pageSize: 0 }).activities({})(undefined);
    assert.deepEqual(listed().map((r) => one(r.query.limit)), ['200', '1']);
  });

  it('keeps microsecond precision', async () => {
    const items = await source().activities({ ...{ minLogLevel: 'trace' } })(undefined);
    assert.ok(items.items.length > 0);
    for (const a of items.items) {
      const created = (a.raw as { created: number }).created;
      assert.equal(a.time, fromEpochMicros(created).iso);
      assert.equal(toEpochMicros(fromEpochMicros(created)), String(created));
      assert.match(a.time, /\.\d{6}000Z$/);
    }
    assert.ok(items.items.some((a) => !/\.\d{3}000000Z$/.test(a.time)), 'sub-millisecond digits survive');
  });

  describe('ok:false answers', () => {
    const cases: Array<[string, () => SlackSource, string, string, RegExp]> = [
      ['invalid_auth', () => source({ token: 'not-a-valid-token' }), 'auth', 'enterCredentials', /slack auth token/],
      ['token_expired', () => source({ token: api.credentials.slack.special.expired }), 'auth', 'enterCredentials', /expired.*slack auth token/],
      ['token_revoked', () => source({ token: api.credentials.slack.special.revoked }), 'auth', 'enterCredentials', /revoked.*slack auth token/],
      ['missing_scope', () => source({ token: api.credentials.slack.special.missingScope }), 'permission', 'enterCredentials', /hosting:read/],
      ['free_team_not_allowed', () => source({ token: api.credentials.slack.special.freeTeam }), 'plan', 'none', /paid Slack plans/],
      ['restricted_plan_level', () => source({ token: api.credentials.slack.special.restrictedPlan }), 'plan', 'none', /not available on this team's plan/],
      ['invalid_app_id', () => source({ appId: 'A0NOSUCHAPP' }), 'config', 'editSource', /app id/],
      ['invalid_app', () => source({ token: api.credentials.slack.special.otherTeam }), 'config', 'editSource', /app id and team id/],
    ];
    for (const [code, make, kind, fix, message] of cases) {
      it(`${code} → ${kind}, fix ${fix}`, async () => {
        await assert.rejects(make().activities({})(undefined), (e: ActivityLogsError) => {
          assert.equal(e.code, code);
          assert.equal(e.kind, kind);
          assert.equal(e.fix, fix);
          assert.match(e.message, message);
          return true;
        });
      });
    }

    it('invalid_app also for a team id that does not own the app', async () => {
      await assert.rejects(source({ teamId: 'T0SOMEOTHER' }).activities({})(undefined), (e: ActivityLogsError) => e.code === 'invalid_app' && e.kind === 'config');
    });

    it('invalid_cursor → badRequest, fix retry (refresh)', async () => {
      await assert.rejects(source().activities({})('bG9nX2lkOjE='), (e: ActivityLogsError) => {
        assert.equal(e.code, 'invalid_cursor');
        assert.equal(e.kind, 'badRequest');
        assert.equal(e.fix, 'retry');
        assert.match(e.message, /Refresh/);
        return true;
      });
    });

    it('not_authed → auth; with no token stored nothing is sent', async () => {
      const e = slackApiError('not_authed', 'Slack');
      assert.equal(e.kind, 'auth');
      assert.equal(e.fix, 'enterCredentials');
      assert.match(e.message, /slack auth token/);
      await assert.rejects(source({ token: undefined }).activities({})(undefined), (err: ActivityLogsError) => err.kind === 'auth' && err.fix === 'enterCredentials');
      assert.equal(api.requests.of('slack').length, 0);
    });

    it('ratelimited says how long to wait only when Slack asked for a wait', () => {
      assert.match(slackApiError('ratelimited', 'Slack', { retryAfterMs: 3000 }).message, /Try again in 3 s\./);
      for (const retryAfterMs of [0, undefined]) assert.doesNotMatch(slackApiError('ratelimited', 'Slack', { retryAfterMs }).message, /Try again/, String(retryAfterMs));
    });

    it('missing_scope names the scope Slack says is needed', () => {
      const e = slackApiError('missing_scope', 'Slack', { needed: 'hosting:read', provided: 'chat:write' });
      assert.match(e.message, /lacks the hosting:read scope \(it has: chat:write\)/);
    });
  });

  it('HTTP 429 honours Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    api.faults.add({ api: 'slack', path: 'apps.activities.list', kind: '429', retryAfter: 2, count: 1 });
    const page = await source({ waits }).activities({})(undefined);
    assert.deepEqual(waits, [2000]);
    assert.equal(listed().length, 2);
    assert.ok(page.items.length > 0);
  });

  it('HTTP 429 with a real (short) Retry-After is waited for', async () => {
    api.faults.add({ api: 'slack', path: 'apps.activities.list', kind: '429', retryAfter: 1, count: 1 });
    const started = Date.now();
    await source().activities({})(undefined);
    assert.ok(Date.now() - started >= 950, 'waited about a second');
    assert.equal(listed().length, 2);
  });

  it('HTTP 429 that persists → rateLimited with the wait', async () => {
    api.faults.add({ api: 'slack', kind: '429', retryAfter: 3, count: 5 });
    await assert.rejects(source({ maxAttempts: 1 }).activities({})(undefined), (e: ActivityLogsError) => e.kind === 'rateLimited' && e.retryAfterMs === 3000 && /ratelimited/.test(e.message));
  });

  it('entries missing a required field are set aside, naming the field; broken JSON is a bad response', async () => {
    api.faults.add({ api: 'slack', path: 'apps.activities.list', kind: 'missingField' });
    const page = await source().activities({})(undefined);
    assert.equal(page.items.length, 0);
    assert.ok(page.unreadable && page.unreadable.length > 0, 'counted');
    assert.match(page.unreadable[0].reason, /^Slack apps\.activities\.list: the entry is missing the required field `activities\[0\]\.created`/);
    api.faults.add({ api: 'slack', path: 'apps.activities.list', kind: 'malformed' });
    await assert.rejects(source().activities({})(undefined), (e: ActivityLogsError) => e.kind === 'badResponse' && /not valid JSON/.test(e.message));
  });

  describe('groups', () => {
    const group = (s: SlackSource, id: string): GroupNode => s.groups().find((g) => g.id === id)!;

    it('has all, errors, workflow runs, workflows, functions and traces', () => {
      const groups = source().groups();
      assert.deepEqual(groups.map((g) => g.id), ['all', 'errors', 'runs', 'workflows', 'functions', 'traces']);
      assert.equal(groups.find((g) => g.failures)?.id, 'errors');
    });

    it('errors lists level error and above, as failures', async () => {
      const items = await collectPages(group(source(), 'errors').list!(window()), { maxPages: 20 });
      assert.ok(items.length > 0);
      for (const a of items) {
        assert.ok(a.level === 'error' || a.level === 'fatal');
        assert.equal(a.outcome, 'failure');
      }
      for (const r of listed()) assert.deepEqual(r.query.min_log_level, ['error']);
    });

    it('workflows: one child per workflow component, each listing component_id', async () => {
      const s = source();
      const children = await group(s, 'workflows').children!(window());
      const app = api.data.slack.apps.find((a) => a.appId === APP)!;
      assert.deepEqual(new Set(children.map((c) => c.label)), new Set(app.workflows.map((w) => w.name)));
      assert.deepEqual(listed()[0].query.component_type, ['workflows']);
      api.requests.clear();
      const wf = app.workflows[0];
      const child = children.find((c) => c.label === wf.name)!;
      const page = await child.list!(window())(undefined);
      assert.deepEqual(listed()[0].query.component_id, [wf.id]);
      assert.ok(page.items.length > 0 && page.items.every((a) => a.workflowId === wf.id));
    });

    it('functions: one child per function component', async () => {
      const children = await group(source(), 'functions').children!(window());
      const app = api.data.slack.apps.find((a) => a.appId === APP)!;
      for (const f of app.functions.filter((f) => f.type === 'app')) assert.ok(children.some((c) => c.id === `functions:${f.id}` && c.label === f.name), f.name);
    });

    it('traces: newest first, each listing one trace in time order', async () => {
      const s = source();
      const children = await group(s, 'traces').children!(window());
      assert.ok(children.length > 3);
      const failed = children.find((c) => c.id === `trace:${api.data.slack.samples.failedTraceId}`)!;
      assert.ok(failed, 'the failed trace is there');
      assert.match(failed.label, /^Give kudos · Tr0/);
      assert.match(failed.description ?? '', /failed/);
      api.requests.clear();
      const items = await collectPages(failed.list!(window()));
      const [req] = listed();
      assert.deepEqual(req.query.trace_id, [api.data.slack.samples.failedTraceId]);
      assert.deepEqual(req.query.sort_direction, ['asc']);
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].time <= items[i].time, 'oldest first');
      assert.equal(items[0].type, 'trigger_payload_received');
      assert.equal(items[items.length - 1].type, 'workflow_execution_result');
    });
  });

  it('testConnection says who and which team', async () => {
    assert.equal(await source().testConnection(), 'Connected to Slack as fake.dev of Fake Team');
    assert.deepEqual(api.requests.of('slack').map((r) => r.path), ['/api/auth.test', '/api/apps.activities.list']);
    await assert.rejects(source({ token: api.credentials.slack.special.missingScope }).testConnection(), (e: ActivityLogsError) => e.kind === 'permission');
  });

  it('loadPayload returns the entry as Slack sent it', async () => {
    const s = source();
    const [a] = (await s.activities({})(undefined)).items;
    assert.equal(await s.loadPayload(a), a.raw);
    assert.equal(typeof (a.raw as { created: unknown }).created, 'number');
  });

  it('builds web UI links from the API host', () => {
    assert.equal(appLogsUrl(slackEndpoints({}), 'T1', 'A1'), 'https://app.slack.com/app-settings/T1/A1/app-logs');
    assert.equal(appLogsUrl(slackEndpoints({ apiUrl: 'https://slack-gov.com/api/' }), 'T1', 'A1'), 'https://app.slack-gov.com/app-settings/T1/A1/app-logs');
    assert.equal(slackEndpoints({ apiUrl: 'https://slack.com' }).api, 'https://slack.com/api/');
    assert.equal(slackEndpoints({ apiUrl: 'https://slack.com/api' }).api, 'https://slack.com/api/');
    assert.equal(appLogsUrl(slackEndpoints({ apiUrl: 'http://127.0.0.1:9/api/' }), 'T1', 'A1'), undefined);
    assert.equal(appLogsUrl(slackEndpoints({}), undefined, 'A1'), undefined);
  });

  it('search filters on the server by level, type, component and trace', async () => {
    const s = source();
    const trace = api.data.slack.samples.failedTraceId;
    const plan = s.search({ text: [], sources: [], level: 'error', type: 'function_execution_result', trace, component: api.data.slack.samples.failingFunctionId }, window());
    const items = await collectPages(plan.fetcher);
    const [req] = listed();
    assert.deepEqual(req.query.min_log_level, ['error']);
    assert.deepEqual(req.query.log_event_type, ['function_execution_result']);
    assert.deepEqual(req.query.trace_id, [trace]);
    assert.deepEqual(req.query.component_id, [api.data.slack.samples.failingFunctionId]);
    assert.ok(items.length > 0);
    for (const a of items) {
      assert.equal(a.type, 'function_execution_result');
      assert.equal(a.outcome, 'failure');
      assert.equal(a.traceId, trace);
    }
    assert.deepEqual(plan.unsupported, []);
  });
});
