/** Live tail against the fake Slack API: a burst bigger than a page arrives whole, once. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { Tail } from '../../../src/core/tail';
import { SlackSource } from '../../../src/sources/slack/source';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext } from '../../support/testContext';

describe('live tail (fake Slack)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  before(async () => (api = await startFakeApi()));
  after(async () => api.close());

  it('delivers 1,000 new events from one interval: none dropped, none duplicated', async () => {
    const source = new SlackSource(
      { id: 'slack', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` },
      testContext({ slack: { token: api.credentials.slack.token } }, { pageSize: 100 }),
    );
    const all = source.groups().find((g) => g.id === 'all')!;
    const received: Activity[] = [];
    let polls = 0;
    let stopped!: (reason: string) => void;
    const done = new Promise<string>((resolve) => (stopped = resolve));
    const tail = new Tail({
      list: all.list!,
      startMs: api.nowMs(),
      intervalMs: 300,
      idleMs: 60_000,
      onItems: (items) => {
        received.push(...items);
        if (received.length >= 1000) tail.stop();
      },
      onError: (e) => assert.fail(e.message),
      onStop: stopped,
      sleep: (ms, signal) => {
        if (++polls === 1) api.addSlackActivities({ appId: 'A0FAKEAPP1', count: 1000, spreadMs: 250 });
        return new Promise((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => (clearTimeout(t), reject(new Error('stopped'))));
        });
      },
    });
    tail.start();
    assert.equal(await done, 'stopped');
    assert.equal(received.length, 1000, 'none dropped');
    assert.equal(new Set(received.map((a) => a.key)).size, 1000, 'none duplicated');
    const pages = api.requests.of('slack').filter((r) => r.query.cursor).length;
    assert.ok(pages >= 9, `followed ${pages} cursors within the interval`);
  });
});
