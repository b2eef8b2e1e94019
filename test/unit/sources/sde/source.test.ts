/** The SD Elements source against the fake API v2: filters on the wire, paging, errors, actors, groups. */
import { strict as assert } from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { ActivityLogsError } from '../../../../src/core/errors';
import { HttpClient } from '../../../../src/core/http';
import { silentLogger } from '../../../../src/core/log';
import { collectPages } from '../../../../src/core/paging';
import type { CredentialName, GroupNode, SourceContext } from '../../../../src/core/source';
import { createSource } from '../../../../src/sources';
import { SdeSource } from '../../../../src/sources/sde/source';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { SecretRedactor } from '../../../../src/core/redact';
import { DOCUMENTED_SDE_ACTIVITY_NAMES } from './documented-names';

function context(token: string | undefined, options: { pageSize?: number; waits?: number[]; maxAttempts?: number } = {}): SourceContext {
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
    credentials: { get: async (_id: string, name: CredentialName) => (name === 'token' ? token : undefined) },
    log: silentLogger,
    redactor: new SecretRedactor(),
    pageSize: options.pageSize ?? 100,
  };
}

/** A server that records whatever reaches it: where a foreign `next` link points. */
async function recorder(): Promise<{ url: string; hits: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const hits: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results": [], "next": null}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Forwards to `target` with another Host header, as a misconfigured proxy would: DRF builds `next` from it. */
async function hostRewritingProxy(target: string, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    const upstream = http.request({ hostname: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('SD Elements source (fake server)', function () {
  this.timeout(20_000);
  let api: FakeApi;
  const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
  const source = (options: { token?: string; url?: string; pageSize?: number; waits?: number[]; maxAttempts?: number } = {}) =>
    new SdeSource({ id: 'sde-test', kind: 'sde', url: options.url ?? api.url }, context('token' in options ? options.token : api.credentials.sde.token, options));
  const listed = () => api.requests.of('sde').filter((r) => r.path === '/api/v2/activities/');
  const userLookups = () => api.requests.of('sde').filter((r) => /^\/api\/v2\/users\/\d+\/$/.test(r.path));
  const group = (s: SdeSource, id: string): GroupNode => s.groups().find((g) => g.id === id)!;

  before(async () => {
    api = await startFakeApi({ sdeActivities: 400 });
  });
  after(async () => api.close());
  beforeEach(() => {
    api.requests.clear();
    api.faults.clear();
  });

  it('is built by createSource', () => {
    assert.ok(createSource({ id: 's', kind: 'sde', url: 'https://acme.sdelements.com' }, context('t')) instanceof SdeSource);
  });

  it('sends every filter as the API expects, the dates in UTC with Z, and a page size', async () => {
    const s = source();
    const from = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    const to = Date.UTC(2026, 0, 3, 3, 4, 5, 6);
    await s.client.activities(
      {
        actor: 1,
        application: 2,
        applicationDesc: 'Online Portal',
        businessUnit: 1,
        businessUnitDesc: 'Retail Banking',
        project: 3,
        projectDesc: 'Portal Redesign',
        standard: 'T21',
        standardDesc: 'T21: Ensure confidential data is sent over an encrypted channel',
        user: 'U5',
        id: 5001,
        name: 'CreatedTaskActivity',
        dateFromMs: from,
        dateToMs: to,
        pageSize: 25,
      },
      undefined,
    );
    const [req] = listed();
    assert.equal(req.method, 'GET');
    assert.equal(req.headers.authorization, `Token ${api.credentials.sde.token}`);
    assert.deepEqual(req.query, {
      actor: ['1'],
      application: ['2'],
      application_desc: ['Online Portal'],
      business_unit: ['1'],
      business_unit_desc: ['Retail Banking'],
      project: ['3'],
      project_desc: ['Portal Redesign'],
      standard: ['T21'],
      standard_desc: ['T21: Ensure confidential data is sent over an encrypted channel'],
      user: ['U5'],
      id: ['5001'],
      name: ['CreatedTaskActivity'],
      date_from: ['2026-01-02T03:04:05.006Z'],
      date_to: ['2026-01-03T03:04:05.006Z'],
      page_size: ['25'],
    });
  });

  it('filters combine with AND, the deleted ones by name', async () => {
    const s = source();
    const page = await s.activities({ applicationDesc: 'Legacy Portal', name: 'DeletedApplicationActivity' })(undefined);
    assert.ok(page.items.length > 0);
    for (const a of page.items) {
      assert.equal(a.type, 'DeletedApplicationActivity');
      assert.equal(a.details?.Application, 'Legacy Portal');
    }
  });

  it('every listing sends page_size (clamped) and date_from/date_to ending in Z', async () => {
    await source({ pageSize: 5000 }).groups()[0].list!(window())(undefined);
    await source({ pageSize: 0 }).groups()[0].list!(window())(undefined);
    const reqs = listed();
    assert.deepEqual(reqs.map((r) => r.query.page_size?.[0]), ['500', '1'], 'at most the documented 500');
    for (const r of reqs) {
      assert.match(r.query.date_from[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.match(r.query.date_to[0], /Z$/);
    }
  });

  it('follows `next` over several pages and stops at null', async () => {
    const s = source({ pageSize: 40 });
    const w = window();
    const expected = api.data.sde.activities.filter((a) => a.dateUs >= w.fromMs * 1000 && a.dateUs <= w.toMs * 1000);
    const items = await collectPages(group(s, 'all').list!(w), { maxPages: 100 });
    assert.ok(expected.length > 80, 'at least three pages');
    assert.equal(items.length, expected.length);
    assert.deepEqual(items.map((a) => a.id), expected.map((a) => String(a.id)));
    const reqs = listed();
    assert.equal(reqs.length, Math.ceil(expected.length / 40));
    assert.deepEqual(reqs.map((r) => r.query.page?.[0]), [undefined, ...reqs.slice(1).map((_, i) => String(i + 2))]);
    for (const r of reqs) {
      assert.deepEqual(r.query.page_size, ['40']);
      assert.ok(r.query.date_from[0].endsWith('Z'));
    }
  });

  it('refuses a `next` on another origin and sends nothing there', async () => {
    const foreign = await recorder();
    const proxy = await hostRewritingProxy(api.url, new URL(foreign.url).host);
    try {
      const s = source({ url: proxy.url, pageSize: 10 });
      const fetch = group(s, 'all').list!(window());
      const first = await fetch(undefined);
      assert.equal(first.items.length, 10, 'the first page still shows');
      assert.ok(first.next?.startsWith(foreign.url));
      await assert.rejects(fetch(first.next), (e: ActivityLogsError) => {
        assert.equal(e.kind, 'badResponse');
        assert.equal(e.fix, 'editSource');
        assert.ok(e.message.includes(new URL(foreign.url).host), e.message);
        return true;
      });
      await assert.rejects(collectPages(fetch), /not this source's origin/);
      assert.equal(foreign.hits.length, 0, 'nothing reached the foreign host');
    } finally {
      await proxy.close();
      await foreign.close();
    }
  });

  it('keeps microsecond precision of dates with an offset', async () => {
    const page = await source().activities({})(undefined);
    for (const a of page.items) {
      const date = (a.raw as { date: string }).date;
      assert.match(date, /[+-]\d\d:\d\d$/);
      assert.equal(a.time.slice(20, 26), date.slice(20, 26));
      assert.ok(a.time.endsWith('000Z'));
    }
  });

  describe('errors', () => {
    it('401 → auth, fix enterCredentials', async () => {
      await assert.rejects(source({ token: 'wrong' }).activities({})(undefined), (e: ActivityLogsError) => {
        assert.equal(e.kind, 'auth');
        assert.equal(e.fix, 'enterCredentials');
        assert.equal(e.status, 401);
        assert.match(e.message, /Invalid token\..*APIv2 token/);
        assert.ok(!e.message.includes('wrong'));
        return true;
      });
    });

    it('no token → auth, nothing sent', async () => {
      await assert.rejects(source({ token: undefined }).activities({})(undefined), (e: ActivityLogsError) => e.kind === 'auth' && e.fix === 'enterCredentials');
      assert.equal(api.requests.of('sde').length, 0);
    });

    it('403 → permission', async () => {
      await assert.rejects(source({ token: api.credentials.sde.limitedToken }).client.user(2), (e: ActivityLogsError) => {
        assert.equal(e.kind, 'permission');
        assert.equal(e.status, 403);
        assert.match(e.message, /You do not have permission/);
        return true;
      });
    });

    it('404 → notFound; "Invalid page." while paging → badRequest, fix retry', async () => {
      await assert.rejects(source().client.activity(999_999), (e: ActivityLogsError) => e.kind === 'notFound' && /Not found/.test(e.message));
      await assert.rejects(source().activities({})(`${api.url}/api/v2/activities/?page=999&page_size=10`), (e: ActivityLogsError) => {
        assert.equal(e.kind, 'badRequest');
        assert.equal(e.fix, 'retry');
        assert.match(e.message, /Invalid page\..*Refresh/);
        return true;
      });
    });

    it('429 honours Retry-After, then succeeds', async () => {
      const waits: number[] = [];
      api.faults.add({ api: 'sde', path: '/activities/', kind: '429', retryAfter: 2, count: 1 });
      const page = await source({ waits }).activities({})(undefined);
      assert.deepEqual(waits, [2000]);
      assert.equal(listed().length, 2);
      assert.ok(page.items.length > 0);
    });

    it('429 with a real short Retry-After is waited for', async () => {
      api.faults.add({ api: 'sde', path: '/activities/', kind: '429', retryAfter: 1, count: 1 });
      const started = Date.now();
      await source().activities({})(undefined);
      assert.ok(Date.now() - started >= 950);
    });

    it('429 that persists → rateLimited', async () => {
      api.faults.add({ api: 'sde', path: '/activities/', kind: '429', retryAfter: 4, count: 3 });
      await assert.rejects(source({ maxAttempts: 1 }).activities({})(undefined), (e: ActivityLogsError) => e.kind === 'rateLimited' && e.retryAfterMs === 4000 && /throttled/.test(e.message));
    });
  });

  it('entries missing a required field are set aside, naming the field', async () => {
    api.faults.add({ api: 'sde', path: '/activities/', kind: 'missingField' });
    const page = await source().activities({})(undefined);
    assert.equal(page.items.length, 0);
    assert.ok(page.unreadable && page.unreadable.length > 0, 'counted');
    assert.match(page.unreadable[0].reason, /^SD Elements activities: the entry is missing the required field `results\[0\]\.date`/);
  });

  describe('actor names', () => {
    it('asks /users/{id}/ once per id, per page and across pages', async () => {
      const s = source({ pageSize: 50 });
      const items = await collectPages(group(s, 'all').list!(window()), { maxPages: 100 });
      const ids = userLookups().map((r) => r.path);
      assert.equal(new Set(ids).size, ids.length, 'no id asked twice');
      const actors = new Set(api.data.sde.activities.filter((a) => items.some((i) => i.id === String(a.id))).flatMap((a) => (a.actor === null ? [] : [a.actor])));
      assert.equal(ids.length, actors.size);
      const admin = items.find((a) => (a.raw as { actor: number }).actor === 1)!;
      assert.equal(admin.actor, 'Admin Testerton');
      // Again: nothing new asked.
      api.requests.clear();
      await group(s, 'all').list!(window())(undefined);
      assert.equal(userLookups().length, 0);
      assert.equal(s.users.lookups, actors.size);
    });

    it('falls back to the text on 403 and 404, and does not ask again', async () => {
      const s = source();
      const forbidden = api.data.sde.users.find((u) => u.access === 'forbidden')!;
      const deleted = api.data.sde.users.find((u) => u.access === 'deleted')!;
      for (const user of [forbidden, deleted]) {
        const page = await s.activities({ actor: user.id })(undefined);
        assert.ok(page.items.length > 0, `user ${user.id} has activities`);
        for (const a of page.items) assert.equal(a.actor, `${user.first_name} ${user.last_name}`);
        await s.activities({ actor: user.id })(undefined);
      }
      const asked = userLookups().map((r) => r.path);
      assert.deepEqual(asked, [`/api/v2/users/${forbidden.id}/`, `/api/v2/users/${deleted.id}/`]);
    });

    it('with a token that may not read users, every name comes from the text', async () => {
      const s = source({ token: api.credentials.sde.limitedToken });
      const page = await s.activities({})(undefined);
      for (const a of page.items) {
        const raw = a.raw as { actor: number | null; text: string };
        if (raw.actor === null) assert.equal(a.actor, undefined);
        else assert.ok(raw.text.startsWith(`*${a.actor}*`), `${a.actor} / ${raw.text}`);
      }
    });

    it('system activities have no actor', async () => {
      const page = await source().activities({ name: 'CreatedReportActivity' })(undefined);
      assert.ok(page.items.length > 0);
      for (const a of page.items) assert.equal(a.actor, undefined);
    });
  });

  it('links in the text point at the instance only, and the title is plain', async () => {
    const items = await collectPages(source({ pageSize: 200 }).activities({}), { maxPages: 5 });
    assert.ok(items.some((a) => (a.links ?? []).length > 0));
    for (const a of items) {
      assert.ok(!/[*[\]]/.test(a.title), a.title);
      for (const l of a.links ?? []) assert.ok(l.url.startsWith(`${api.url}/activity-redirect/`), l.url);
      assert.equal(a.webUrl, a.links?.[0]?.url);
    }
  });

  it('gets one activity by id for the payload, falling back to the listed entry', async () => {
    const s = source();
    const [a] = (await s.activities({})(undefined)).items;
    api.requests.clear();
    assert.deepEqual(await s.loadPayload(a), a.raw);
    assert.deepEqual(api.requests.of('sde').map((r) => r.path), [`/api/v2/activities/${a.id}/`]);
    const gone = { ...a, id: '999999' };
    assert.equal(await s.loadPayload(gone), a.raw);
  });

  describe('groups', () => {
    it('has all, failures, by application, project, business unit and actor', () => {
      const groups = source().groups();
      assert.deepEqual(groups.map((g) => g.id), ['all', 'failures', 'applications', 'projects', 'business-units', 'actors']);
      assert.ok(group(source(), 'failures').failures);
      assert.match(group(source(), 'failures').tooltip ?? '', /Failed/);
    });

    it('failures: the fake logs documented activity names only, none a failure; the group scans the window without error', async () => {
      const names = api.data.sde.activityNames;
      assert.ok(names.length > 10);
      assert.deepEqual(names.filter((n) => !DOCUMENTED_SDE_ACTIVITY_NAMES.includes(n)), [], 'names from the documentation');
      const items = await collectPages(group(source(), 'failures').list!(window()));
      assert.ok(listed().length > 0, 'the window was read');
      assert.deepEqual(items, []);
    });

    it('by application: ids where known, names for deleted ones', async () => {
      const s = source();
      const children = await group(s, 'applications').children!(window());
      const legacy = children.find((c) => c.label === 'Legacy Portal');
      assert.ok(legacy, 'the deleted application is listed by name');
      assert.match(legacy.description ?? '', /deleted/);
      const mobile = children.find((c) => c.label === 'Mobile Banking')!;
      api.requests.clear();
      const legacyItems = await collectPages(legacy.list!(window()));
      assert.deepEqual(listed()[0].query.application_desc, ['Legacy Portal']);
      assert.equal(listed()[0].query.application, undefined);
      assert.ok(legacyItems.length > 0);
      api.requests.clear();
      const mobileItems = await mobile.list!(window())(undefined);
      assert.deepEqual(listed()[0].query.application, ['1']);
      assert.ok(mobileItems.items.length > 0 && mobileItems.items.every((a) => a.details?.Application === 'Mobile Banking'));
    });

    it('by project and by business unit', async () => {
      const s = source();
      const projects = await group(s, 'projects').children!(window());
      assert.ok(projects.some((p) => p.id === 'project:id:1' && p.label === 'iOS App 5.0'));
      assert.ok(projects.some((p) => p.id.startsWith('project:desc:')), 'deleted projects by name');
      const units = await group(s, 'business-units').children!(window());
      assert.deepEqual(new Set(units.map((u) => u.label)), new Set(api.data.sde.businessUnits.map((b) => b.name)));
      api.requests.clear();
      await units.find((u) => u.label === 'Payments Platform')!.list!(window())(undefined);
      assert.deepEqual(listed()[0].query.business_unit, ['2']);
    });

    it('by actor: names resolved, each listing actor=<id>', async () => {
      const s = source();
      const actors = await group(s, 'actors').children!(window());
      const admin = actors.find((a) => a.id === 'actor:1')!;
      assert.equal(admin.label, 'Admin Testerton');
      api.requests.clear();
      const page = await admin.list!(window())(undefined);
      assert.deepEqual(listed()[0].query.actor, ['1']);
      assert.ok(page.items.length > 0 && page.items.every((a) => a.actor === 'Admin Testerton'));
    });
  });

  it('search: actor id and activity name on the server, trace: unsupported', async () => {
    const s = source();
    const plan = s.search({ text: ['logged'], sources: [], actor: '2', type: 'LoggedInActivity' }, window());
    const items = await collectPages(plan.fetcher);
    assert.deepEqual(listed()[0].query.actor, ['2']);
    assert.deepEqual(listed()[0].query.name, ['LoggedInActivity']);
    assert.ok(items.length > 0 && items.every((a) => a.type === 'LoggedInActivity'));
    assert.deepEqual(s.search({ text: [], sources: [], trace: 'Tr1' }, window()).unsupported.length, 1);
  });

  it('testConnection says who', async () => {
    assert.equal(await source().testConnection(), `Connected to ${new URL(api.url).host} as Admin Testerton`);
    assert.deepEqual(api.requests.of('sde').map((r) => r.path), ['/api/v2/users/me/']);
  });
});
