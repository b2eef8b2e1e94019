/** One query across the three sources (src/core/search.ts), in plain Node against the fake APIs. */
import { strict as assert } from 'assert';
import { isCancelled } from '../../../src/core/errors';
import { parseQuery } from '../../../src/core/query';
import { type SearchEvent, type SearchOptions, type SearchTarget, searchSources } from '../../../src/core/search';
import type { TimeWindow } from '../../../src/core/time';
import { SdeSource, SlackSource, TorqSource } from '../../../src/sources';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext } from '../../support/testContext';

const MONTH: TimeWindow = { kind: 'relative', minutes: 30 * 1440 };

describe('search across sources (fake server)', function () {
  this.timeout(20_000);
  let api: FakeApi;

  /** The three sources; `tokens` replaces a source's credentials (a wrong one makes it fail). */
  const targets = (tokens: { slack?: string; sde?: string } = {}): SearchTarget[] => {
    const credentials = {
      torq: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret },
      slack: { token: tokens.slack ?? api.credentials.slack.token },
      sde: { token: tokens.sde ?? api.credentials.sde.token },
    };
    const ctx = testContext(credentials, { pageSize: 20 });
    return [
      new TorqSource({ id: 'torq', kind: 'torq', label: 'Torq', region: 'us', apiUrl: api.url, authUrl: api.url }, ctx),
      new SlackSource({ id: 'slack', kind: 'slack', label: 'Slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, ctx),
      new SdeSource({ id: 'sde', kind: 'sde', label: 'SDE', url: api.url }, ctx),
    ].map((source) => ({ source, window: MONTH }));
  };
  const collect = async (text: string, options: Partial<SearchOptions> = {}, tokens = {}): Promise<SearchEvent[]> => {
    const events: SearchEvent[] = [];
    for await (const event of searchSources(targets(tokens), parseQuery(text), { maxPagesPerSource: 20, ...options })) events.push(event);
    return events;
  };
  const pagesOf = (events: readonly SearchEvent[], sourceId: string) => events.filter((e) => e.type === 'page' && e.source.id === sourceId);
  const itemsOf = (events: readonly SearchEvent[], sourceId?: string) =>
    events.flatMap((e) => (e.type === 'page' && (!sourceId || e.source.id === sourceId) ? e.items : []));

  before(async () => {
    api = await startFakeApi();
  });
  after(async () => api.close());
  beforeEach(() => api.requests.clear());

  it('finds the matching activities of every source', async () => {
    const events = await collect('status:failed since:30d', { maxItemsPerSource: 40 });
    for (const id of ['torq', 'slack']) assert.ok(itemsOf(events, id).length > 0, `${id} found failures`);
    assert.ok(pagesOf(events, 'sde').length > 0, 'SD Elements answered (the fake has no failed activities)');
    const items = itemsOf(events);
    assert.ok(items.every((a) => a.outcome === 'failure'));
    assert.deepEqual(events.filter((e) => e.type !== 'page'), []);
  });

  it('stops a source at its item and page limits', async () => {
    const events = await collect('since:30d', { maxItemsPerSource: 5 });
    for (const id of ['torq', 'slack', 'sde']) assert.equal(itemsOf(events, id).length, 5, id);
    api.requests.clear();
    const capped = await collect('since:30d', { maxPagesPerSource: 2 });
    assert.equal(pagesOf(capped, 'slack').length, 2);
    assert.equal(api.requests.of('slack').filter((r) => r.path.endsWith('/apps.activities.list')).length, 2);
  });

  it('reports a source that fails, and the others still answer', async () => {
    const events = await collect('since:30d', { maxItemsPerSource: 10 }, { sde: 'not-the-token', slack: api.credentials.slack.special.expired });
    const errors = events.filter((e) => e.type === 'error');
    assert.deepEqual(errors.map((e) => e.source.id).sort(), ['sde', 'slack']);
    assert.ok(errors.every((e) => e.type === 'error' && e.error.fix === 'enterCredentials' && e.text.startsWith(`${e.source.label}: `)));
    assert.equal(itemsOf(events, 'torq').length, 10);
  });

  it('says which terms a source cannot honour, and which sources a query names that do not exist', async () => {
    const trace = await collect('trace:Tr0123 since:30d');
    assert.ok(trace.some((e) => e.type === 'note' && /^SDE: trace: .*does not apply$/.test(e.text)), JSON.stringify(trace.filter((e) => e.type === 'note')));
    assert.equal(pagesOf(trace, 'sde').length, 0);
    const none = await collect('source:nowhere');
    assert.deepEqual(none, [{ type: 'note', text: 'No configured source matches source:nowhere' }]);
  });

  it('reads one source after another when asked to, each source\'s pages together', async () => {
    const events = await collect('since:30d', { maxPagesPerSource: 2, concurrency: 1 });
    const order = events.map((e) => (e.type === 'page' ? e.source.id : e.type));
    assert.equal(pagesOf(events, 'slack').length, 2);
    assert.deepEqual(order.filter((id, i) => id !== order[i - 1]), ['torq', 'slack', 'sde'], order.join());
  });

  it('ends with a cancellation when its signal aborts, and sends nothing after', async () => {
    const controller = new AbortController();
    const seen: SearchEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of searchSources(targets(), parseQuery('since:30d'), { signal: controller.signal, maxPagesPerSource: 20 })) {
          seen.push(event);
          controller.abort();
        }
      })(),
      (e) => isCancelled(e),
    );
    assert.equal(seen.length, 1);
    const sent = api.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(api.requests.length, sent);
  });

  it('stops reading when its reader stops early', async () => {
    for await (const event of searchSources(targets(), parseQuery('since:30d'), { maxPagesPerSource: 20 })) {
      assert.equal(event.type, 'page');
      break;
    }
    const sent = api.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(api.requests.length, sent);
    assert.ok(sent < 10, `${sent} requests`);
  });
});
