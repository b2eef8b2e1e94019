/**
 * The fault matrix's cases of what the real services do and our fake did not: SD Elements behind a
 * TLS-terminating proxy, Torq's execution object as documented (no status), Torq bodies discarded
 * in lists and fetched by execution id, and page sizes within the documented ranges with one read
 * shared by SD Elements' facet groups.
 */
import { strict as assert } from 'assert';
import { ActivityLogsError } from '../../src/core/errors';
import { collectPages } from '../../src/core/paging';
import { SdeSource } from '../../src/sources/sde/source';
import { type FakeApi, startFakeApi } from '../fake-api/server';
import { testContext, TestContextOptions } from './support';
import { tlsProxy } from './tls-proxy';

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
        assert.ok(calls.every((c) => c.headers.authorization === `Token ${api.credentials.sde.token}`));
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
});
