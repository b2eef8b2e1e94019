/** Compare with Last Success (src/core/lastSuccess.ts): paging back from a failure to the last good run of the same thing, within bounds. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { findLastSuccess, lastSuccessQuery, searchWindowBefore } from '../../../src/core/lastSuccess';
import { collectPages } from '../../../src/core/paging';
import { lastSuccessBefore } from '../../../src/core/payloadDiff';
import type { ActivitySource } from '../../../src/core/source';
import type { ResolvedWindow } from '../../../src/core/time';
import { SdeSource, SlackSource, TorqSource } from '../../../src/sources';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext } from '../../support/testContext';

describe('last success: paging back from a failure', function () {
  this.timeout(60_000);
  let api: FakeApi;
  let window: ResolvedWindow;
  let torq: TorqSource;
  let slack: SlackSource;
  let sde: SdeSource;

  const all = (source: ActivitySource, groupId: string) => collectPages(source.groups().find((g) => g.id === groupId)!.list!(window), { maxPages: 50 });

  before(async () => {
    api = await startFakeApi();
    window = { fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 60_000 };
    const ctx = testContext(
      { torq: api.credentials.torq, slack: { token: api.credentials.slack.token }, sde: { token: api.credentials.sde.token } },
      { pageSize: 25 },
    );
    torq = new TorqSource({ id: 'torq', kind: 'torq', label: 'Torq', region: 'us', apiUrl: api.url, authUrl: api.url }, ctx);
    slack = new SlackSource({ id: 'slack', kind: 'slack', label: 'Slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, ctx);
    sde = new SdeSource({ id: 'sde', kind: 'sde', label: 'SDE', url: api.url }, ctx);
  });
  after(async () => api.close());

  it('finds what lastSuccessBefore finds among every run, for Torq failures, asking the server for the failure\'s workflow only', async () => {
    const runs = await all(torq, 'runs');
    const failures = runs.filter((a) => a.outcome === 'failure' && a.subject).slice(0, 8);
    assert.ok(failures.length >= 4, 'failures to compare');
    let found = 0;
    for (const failed of failures) {
      api.requests.clear();
      const result = await findLastSuccess(torq, failed, window, { maxPages: 50 });
      assert.equal(result.found?.key, lastSuccessBefore(failed, runs)?.key, failed.key);
      if (result.found) found++;
      else assert.equal(result.resume, undefined, 'none found: the window was read to its start');
      const listings = api.requests.filter((r) => r.path.endsWith('/activity_logs'));
      assert.ok(listings.length > 0);
      for (const r of listings) assert.deepEqual(r.query.workflow_id, [failed.workflowId], 'narrowed on the server');
    }
    assert.ok(found > 0, 'some failure has an earlier success');
  });

  it('finds the last success of a Slack function or workflow, and of an SD Elements object', async () => {
    const slackAll = await all(slack, 'all');
    const slackFailures = slackAll.filter((a) => a.outcome === 'failure' && a.subject).slice(0, 6);
    assert.ok(slackFailures.length >= 3, 'Slack failures');
    for (const failed of slackFailures) {
      const result = await findLastSuccess(slack, failed, window, { maxPages: 50 });
      assert.equal(result.found?.key, lastSuccessBefore(failed, slackAll)?.key, failed.key);
    }
    const sdeAll = await all(sde, 'all');
    // The fake logs no SD Elements failures: the newest activity of an object stands in for one.
    const newest = sdeAll.find((a) => a.subject && lastSuccessBefore(a, sdeAll));
    assert.ok(newest, 'an object with two activities');
    const result = await findLastSuccess(sde, newest, window, { maxPages: 50 });
    assert.equal(result.found?.key, lastSuccessBefore(newest, sdeAll)!.key);
    assert.equal(result.found?.subject, newest.subject);
  });

  it('stops at its page bound with where to go on from, and going on reaches the answer', async () => {
    // A source whose search pages hold 3 runs each, the one success of the subject on page 4.
    const run = (n: number, outcome: 'success' | 'failure', subject = 'workflow:wf-1') =>
      ({ key: `s/a/${n}`, sourceId: 's', time: `2026-01-01T00:00:${String(60 - n).padStart(2, '0')}.000000000Z`, timeMs: 0, outcome, subject }) as unknown as Activity;
    const failed = run(0, 'failure');
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => run(n, n === 10 ? 'success' : 'failure', n === 4 ? 'workflow:other' : 'workflow:wf-1'));
    rows[3] = run(4, 'success', 'workflow:other');
    const asked: Array<string | undefined> = [];
    const source = {
      label: 'Stub',
      search: () => ({
        unsupported: [],
        fetcher: async (cursor: string | undefined) => {
          asked.push(cursor);
          const at = Number(cursor ?? 0);
          return { items: rows.slice(at, at + 3), next: at + 3 < rows.length ? String(at + 3) : undefined };
        },
      }),
    } as unknown as ActivitySource;
    const progress: number[] = [];
    const bounded = await findLastSuccess(source, failed, window, { maxPages: 2, onPage: (n) => progress.push(n) });
    assert.deepEqual([bounded.found, bounded.pages, bounded.scanned, bounded.resume], [undefined, 2, 6, '6']);
    assert.deepEqual(progress, [3, 6]);
    const resumed = await findLastSuccess(source, failed, window, { maxPages: 2, resume: bounded.resume });
    assert.equal(resumed.found?.key, 's/a/10', 'another subject\'s success is passed over');
    assert.deepEqual(asked, [undefined, '3', '6', '9']);
  });

  it('says none when the window holds no earlier success, and a cancelled search stops', async () => {
    const runs = await all(torq, 'runs');
    const failed = runs.find((a) => a.outcome === 'failure' && a.subject && lastSuccessBefore(a, runs));
    assert.ok(failed, 'a failure with an earlier success');
    // A window that starts just before the failure holds none of its earlier runs.
    const result = await findLastSuccess(torq, failed, { fromMs: failed.timeMs - 1, toMs: window.toMs }, { maxPages: 50 });
    assert.equal(result.found, undefined);
    assert.equal(result.resume, undefined);
    assert.ok(result.window.toMs <= failed.timeMs + 1, 'searched up to the failure only');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(findLastSuccess(torq, runs[0], window, { maxPages: 50, signal: controller.signal }));
  });

  it('narrows by the subject as the query language says it, and ends the window at the failure', () => {
    const at = (subject: string | undefined) => ({ subject, timeMs: 5_000 }) as Activity;
    assert.equal(lastSuccessQuery(at('workflow:wf-1')).workflow, 'wf-1');
    assert.equal(lastSuccessQuery(at('component:Fn01')).component, 'Fn01');
    const task = lastSuccessQuery(at('task:T21'));
    assert.deepEqual([task.workflow, task.component, task.untilMs], [undefined, undefined, 5_001]);
    assert.deepEqual(searchWindowBefore(at(undefined), { fromMs: 1_000, toMs: 10_000 }), { fromMs: 1_000, toMs: 5_001 });
    // A failure before the window's start: a window as long, ending at it.
    assert.deepEqual(searchWindowBefore({ timeMs: 500 } as Activity, { fromMs: 1_000, toMs: 91_000 }), { fromMs: -89_499, toMs: 501 });
  });
});
