/** The timeline (src/core/timeline.ts): one list of the three sources' activities, in plain Node against the fake APIs. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { isCancelled } from '../../../src/core/errors';
import type { Page, PageFetcher } from '../../../src/core/paging';
import { parseQuery } from '../../../src/core/query';
import type { ActivitySource } from '../../../src/core/source';
import { activityTime } from '../../../src/core/entryTime';
import { fromEpochMicros, type ResolvedWindow } from '../../../src/core/time';
import { compareTimeline, isChangeActivity, Timeline, windowAround } from '../../../src/core/timeline';
import { timelineStreams } from '../../../src/core/timelineMarks';
import { SdeSource, SlackSource, TorqSource } from '../../../src/sources';
import { type FakeApi, startFakeApi, TORQ_AUDIT_ACTIONS } from '../../fake-api/server';
import { DOCUMENTED_SDE_ACTIVITY_NAMES } from '../sources/sde/documented-names';
import { testContext } from '../../support/testContext';
import { sdeEntry, slackEntry, torqActivityLogEntry, torqAuditEntry } from '../../support/entries';
import { TorqAuditActivity } from '../../../src/sources/torq/audit';
import { TorqActivityLogActivity, torqMappingContexts } from '../../../src/sources/torq/mapping';
import { torqEndpoints } from '../../../src/sources/torq/endpoints';
import { mapSdeActivity } from '../../../src/sources/sde/mapping';
import { sdeEndpoints } from '../../../src/sources/sde/endpoints';
import { mapSlackActivity } from '../../../src/sources/slack/mapping';
import { slackEndpoints } from '../../../src/sources/slack/endpoints';

const DAY_MS = 86_400_000;

/** Sorted newest first by the timeline's order, with no key twice. */
function assertTimelineOrder(items: readonly Activity[]): void {
  assert.ok(items.length > 1, 'rows to compare');
  for (let i = 1; i < items.length; i++) {
    assert.ok(compareTimeline(items[i - 1], items[i]) < 0, `row ${i} (${items[i].time} ${items[i].key}) is out of order after ${items[i - 1].time} ${items[i - 1].key}`);
  }
  assert.equal(new Set(items.map((a) => a.key)).size, items.length, 'no row twice');
}

/** An activity of the shape every source gives, for orders the fake's data cannot produce (ties to the nanosecond). */
function made(sourceId: string, sourceKind: Activity['sourceKind'], id: string, time: string): Activity {
  return { key: `${sourceId}/activity/${id}`, sourceId, sourceKind, stream: 'activity', id, time, timeMs: Date.parse(time), level: 'info', outcome: 'success', title: id, type: 't', raw: { id } };
}

/** Pages of `items`, `size` at a time, cursors being offsets. */
function memoryFetcher(items: readonly Activity[], size: number): PageFetcher<Activity> {
  return async (cursor) => {
    const at = Number(cursor ?? 0);
    const next = at + size < items.length ? String(at + size) : undefined;
    return { items: items.slice(at, at + size), next };
  };
}

describe('timeline across sources (fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let window: ResolvedWindow;

  /** The three sources; each its own page size, so that they run out of rows at different times. */
  const sources = (sizes: { torq?: number; slack?: number; sde?: number } = {}, tokens: { slack?: string } = {}): ActivitySource[] => {
    const ctx = (id: string, pageSize: number) =>
      testContext(
        {
          torq: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret },
          slack: { token: tokens.slack ?? api.credentials.slack.token },
          sde: { token: api.credentials.sde.token },
        },
        { pageSize },
      );
    return [
      new TorqSource({ id: 'torq', kind: 'torq', label: 'Torq', region: 'us', apiUrl: api.url, authUrl: api.url }, ctx('torq', sizes.torq ?? 20)),
      new SlackSource({ id: 'slack', kind: 'slack', label: 'Slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, ctx('slack', sizes.slack ?? 20)),
      new SdeSource({ id: 'sde', kind: 'sde', label: 'SDE', url: api.url }, ctx('sde', sizes.sde ?? 20)),
    ];
  };
  /** Requests that read a listing page (not Torq's token request nor SD Elements' user look-ups). */
  const listRequests = (product: 'torq' | 'slack' | 'sde') =>
    api.requests.of(product).filter((r) => /activity_logs|audit_logs|apps\.activities\.list|\/api\/v2\/activities\//.test(r.path)).length;

  before(async () => {
    api = await startFakeApi();
    window = { fromMs: api.nowMs() - 30 * DAY_MS, toMs: api.nowMs() + 60_000 };
  });
  after(async () => api.close());
  beforeEach(() => {
    api.faults.clear();
    api.requests.clear();
  });

  it('shows the rows of all three sources in one order, newest first', async () => {
    const { streams, notes } = timelineStreams(sources(), window);
    assert.deepEqual(notes, []);
    assert.deepEqual(streams.map((s) => s.id), ['torq/events', 'torq/audit', 'slack/all', 'sde/all']);
    const timeline = new Timeline(streams);
    const rows = await timeline.next(300);
    assert.equal(rows.length, 300);
    assert.deepEqual(timeline.items, rows);
    assertTimelineOrder(rows);
    assert.deepEqual([...new Set(rows.map((a) => a.sourceKind))].sort(), ['sde', 'slack', 'torq']);
    assert.ok(rows.some((a) => a.stream === 'audit'), 'Torq audit entries are in the timeline');
    assert.deepEqual(timeline.errors, []);
  });

  it('reads a source\'s next page only when its rows ran out: loading more asks only those sources', async () => {
    // Slack's page holds 500 rows: the first 100 rows of the timeline cannot use them up.
    const timeline = new Timeline(timelineStreams(sources({ torq: 10, slack: 500, sde: 10 }), window).streams);
    const first = await timeline.next(50);
    assert.equal(first.length, 50);
    assert.equal(listRequests('slack'), 1, 'one Slack page for the first screen');
    api.requests.clear();
    const more = await timeline.next(50);
    assert.equal(more.length, 50);
    const rows = timeline.items;
    const fromSlack = rows.filter((a) => a.sourceId === 'slack').length;
    const fromTorq = rows.filter((a) => a.sourceId === 'torq' && a.stream === 'activity').length;
    const fromSde = rows.filter((a) => a.sourceId === 'sde').length;
    assert.ok(fromSlack > 0 && fromSlack < 500, `Slack rows ${fromSlack} come from its first page`);
    assert.equal(listRequests('slack'), 0, 'Slack was not asked again');
    // Each of the others was asked exactly for the pages its rows needed: 10 rows a page.
    assert.equal(timeline.pagesRead['torq/events'], Math.floor(fromTorq / 10) + 1);
    assert.equal(timeline.pagesRead['sde/all'], Math.floor(fromSde / 10) + 1);
    assert.ok(listRequests('torq') + listRequests('sde') > 0, 'loading more asked the sources that ran out');
    assertTimelineOrder(rows);
  });

  it('with one page allowed, stops where the next source runs out and reads only that one on the next call', async () => {
    const timeline = new Timeline(timelineStreams(sources({ torq: 10, slack: 10, sde: 10 }), window).streams);
    await timeline.next(30);
    // Merge up to the first stream that runs out, reading nothing.
    const before = timeline.items.length;
    await timeline.next(1000, undefined, { maxPages: 0 });
    assert.ok(timeline.items.length >= before);
    const [waiting, ...others] = timeline.waiting;
    assert.ok(waiting, 'a stream ran out');
    assert.deepEqual(others, [], 'one stream at a time runs out');
    for (let click = 0; click < 4; click++) {
      const [next] = timeline.waiting;
      const pages = { ...timeline.pagesRead };
      const shown = timeline.items.length;
      api.requests.clear();
      const rows = await timeline.next(1000, undefined, { maxPages: 1 });
      assert.ok(rows.length > 0, 'the page read gave rows');
      assert.equal(timeline.items.length, shown + rows.length);
      const read = Object.keys(pages).filter((id) => timeline.pagesRead[id] !== pages[id]);
      assert.deepEqual(read, [next.id], `click ${click} read the page of ${next.id} alone`);
      assert.equal(listRequests('torq') + listRequests('slack') + listRequests('sde'), 1, 'one request');
    }
    assertTimelineOrder(timeline.items);
  });

  it('names, before a "Load more", the one stream its rows will need a page of, or none when the rows read suffice', async () => {
    const timeline = new Timeline(timelineStreams(sources({ torq: 10, slack: 10, sde: 10 }), window).streams);
    await timeline.next(30);
    const seen = { named: 0, none: 0 };
    for (const count of [3, 25, 4, 40, 2, 30, 5, 25]) {
      const [needed, ...others] = timeline.neededFor(count);
      assert.deepEqual(others, [], 'one stream at a time');
      const pages = { ...timeline.pagesRead };
      await timeline.next(count, undefined, { maxPages: 1 });
      const read = Object.keys(pages).filter((id) => timeline.pagesRead[id] !== pages[id]);
      assert.deepEqual(read, needed ? [needed.id] : [], `${count} more rows read what was named`);
      seen[needed ? 'named' : 'none']++;
    }
    assert.ok(seen.named > 0 && seen.none > 0, `both cases met: ${JSON.stringify(seen)}`);
  });

  it('keeps the rows of the others and says what went wrong, with the fix, when a source fails', async () => {
    const timeline = new Timeline(timelineStreams(sources({}, { slack: api.credentials.slack.special.expired }), window).streams);
    const rows = await timeline.next(60);
    assert.equal(rows.length, 60);
    assert.equal(rows.filter((a) => a.sourceId === 'slack').length, 0);
    assert.ok(rows.some((a) => a.sourceId === 'torq') && rows.some((a) => a.sourceId === 'sde'));
    assert.equal(timeline.errors.length, 1);
    const [error] = timeline.errors;
    assert.equal(error.sourceId, 'slack');
    assert.equal(error.fix, 'enterCredentials');
    assert.match(error.text, /^Slack: /);
  });

  it('names the audit log when it alone fails, and keeps the same source\'s runs', async () => {
    api.faults.add({ api: 'torq', path: 'audit_logs', kind: '502', count: 20 });
    const timeline = new Timeline(timelineStreams(sources(), window).streams);
    const rows = await timeline.next(60);
    assert.equal(rows.length, 60);
    assert.ok(rows.some((a) => a.sourceId === 'torq' && a.stream === 'activity'));
    assert.equal(rows.filter((a) => a.stream === 'audit').length, 0);
    assert.deepEqual(timeline.errors.map((e) => [e.streamId, e.fix]), [['torq/audit', 'retry']]);
    assert.match(timeline.errors[0].text, /^Torq \(Audit log\): /);
  });

  it('reads a failed page again on retry and puts its rows at their time among those shown', async () => {
    const timeline = new Timeline(timelineStreams(sources({ torq: 10, slack: 10, sde: 10 }), window).streams);
    await timeline.next(20);
    api.faults.add({ api: 'sde', kind: 'malformed', count: 5 });
    await timeline.next(60);
    assert.deepEqual(timeline.errors.map((e) => [e.sourceId, e.fix]), [['sde', 'retry']]);
    const sdeBefore = timeline.items.filter((a) => a.sourceId === 'sde').length;
    api.faults.clear();
    timeline.retry();
    await timeline.next(40);
    assert.deepEqual(timeline.errors, []);
    assert.ok(timeline.items.filter((a) => a.sourceId === 'sde').length > sdeBefore, 'SD Elements rows came back');
    assert.equal(timeline.items.length, 120);
    assertTimelineOrder(timeline.items);
  });

  it('shows a row once when a source repeats it on its next page', async () => {
    const [, slack] = sources({ slack: 15 });
    const inner = slack.groups().find((g) => g.tailDefault)!.list!(window);
    let previous: readonly Activity[] = [];
    const repeating: PageFetcher<Activity> = async (cursor, signal) => {
      const page: Page<Activity> = await inner(cursor, signal);
      const items = [...previous.slice(-5), ...page.items];
      previous = page.items;
      return { ...page, items };
    };
    const timeline = new Timeline([{ id: 'slack/all', sourceId: 'slack', label: 'Slack', fetcher: repeating }]);
    const rows = await timeline.next(45);
    assert.equal(rows.length, 45);
    assert.equal(timeline.pagesRead['slack/all'], 3);
    assertTimelineOrder(rows);
  });

  it('stops on cancel, keeps what it merged, and reads the page again next time', async () => {
    const timeline = new Timeline(timelineStreams(sources({ torq: 10, slack: 10, sde: 10 }), window).streams);
    await timeline.next(5);
    const shown = timeline.items.length;
    api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'slow', delayMs: 3000 });
    const controller = new AbortController();
    const loading = timeline.next(100, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(loading, (e) => isCancelled(e));
    assert.ok(timeline.items.length >= shown);
    assert.deepEqual(timeline.errors, [], 'a cancel is not an error');
    api.faults.clear();
    const rows = await timeline.next(100);
    assert.equal(rows.length, 100);
    assertTimelineOrder(timeline.items);
  });

  it('filters with the search language, and leaves out a source a term does not apply to', async () => {
    const plan = timelineStreams(sources(), window, parseQuery('status:failed trace:Tr0'));
    assert.ok(plan.notes.some((n) => /^Torq: trace: /.test(n)));
    const failed = new Timeline(timelineStreams(sources(), window, parseQuery('status:failed')).streams);
    const rows = await failed.next(40);
    assert.equal(rows.length, 40);
    assert.ok(rows.every((a) => a.outcome === 'failure'));
    assertTimelineOrder(rows);
  });
});

describe('timeline order and live rows', () => {
  it('orders Torq nanoseconds, Slack microseconds and SD Elements offsets exactly, ties by source then key', async () => {
    const base = '2026-03-01T10:00:00';
    const torq = [made('torq', 'torq', 'n3', `${base}.000000003Z`), made('torq', 'torq', 'n1', `${base}.000000001Z`)];
    const slack = [made('slack', 'slack', 'u2', fromEpochMicros(BigInt(Date.parse(`${base}Z`)) * 1000n + 2n).iso), made('slack', 'slack', 'u0', `${base}.000000000Z`)];
    // SD Elements' own form: local time with an offset; and a tie with Torq to the nanosecond.
    const sde = [made('sde', 'sde', 'o1', '2026-03-01T05:00:00.0000015-05:00'), made('sde', 'sde', 'tie', `${base}.000000001Z`)];
    const timeline = new Timeline([
      { id: 'slack', sourceId: 'slack', label: 'Slack', fetcher: memoryFetcher(slack, 1) },
      { id: 'torq', sourceId: 'torq', label: 'Torq', fetcher: memoryFetcher(torq, 1) },
      { id: 'sde', sourceId: 'sde', label: 'SDE', fetcher: memoryFetcher(sde, 1) },
    ]);
    const rows = await timeline.next(10);
    assert.deepEqual(rows.map((a) => a.id), ['u2', 'o1', 'n3', 'tie', 'n1', 'u0']);
    // Millisecond arithmetic would call all six equal.
    assert.equal(new Set(rows.map((a) => a.timeMs)).size, 1);
    assert.equal(timeline.hasMore, false);
  });

  it('skips and counts a row whose time cannot be read, and iterates to the end', async () => {
    const items = [made('a', 'torq', '1', '2026-03-01T10:00:00.000000002Z'), made('a', 'torq', 'bad', 'yesterday'), made('a', 'torq', '2', '2026-03-01T10:00:00.000000001Z')];
    const timeline = new Timeline([{ id: 'a', sourceId: 'a', label: 'A', fetcher: memoryFetcher(items, 2) }]);
    const seen: string[] = [];
    for await (const a of timeline) seen.push(a.id);
    assert.deepEqual(seen, ['1', '2']);
    assert.equal(timeline.unreadable.length, 1);
  });

  it('inserts a live entry that arrived late at its time, not at the top, and only once', async () => {
    const times = ['10:05', '10:04', '10:02', '10:01'].map((t) => made('s', 'slack', t, `2026-03-01T${t}:00.000000000Z`));
    const timeline = new Timeline([{ id: 's', sourceId: 's', label: 'S', fetcher: memoryFetcher(times, 10) }]);
    await timeline.next(10);
    const late = made('t', 'torq', 'late', '2026-03-01T10:03:00.000000000Z');
    const newest = made('t', 'torq', 'newest', '2026-03-01T10:06:00.000000000Z');
    assert.deepEqual(timeline.insert([late, newest]), [3, 0]);
    assert.deepEqual(timeline.insert([late]), []);
    assert.deepEqual(timeline.items.map((a) => a.id), ['newest', '10:05', '10:04', 'late', '10:02', '10:01']);
  });

  it('marks Torq workflow changes, Slack deployments and SD Elements changes, not sign-ins or runs', () => {
    const torq = torqMappingContexts('torq', torqEndpoints({ id: 'torq', kind: 'torq', region: 'us' }));
    const audit = (action: string) => new TorqAuditActivity(torqAuditEntry(action), torq.audit);
    const changes = TORQ_AUDIT_ACTIONS.filter((action) => isChangeActivity(audit(action)));
    assert.deepEqual(changes, TORQ_AUDIT_ACTIONS.filter((a) => a.startsWith('Workflow ')));
    assert.ok(changes.includes('Workflow published') && changes.includes('Workflow reverted') && changes.includes('Workflow updated'));
    const sde = (name: string) => mapSdeActivity(sdeEntry({ name }), 'sde', sdeEndpoints({ url: 'https://sde.example.com' }));
    const sdeChanges = DOCUMENTED_SDE_ACTIVITY_NAMES.filter((n) => isChangeActivity(sde(n)));
    assert.ok(sdeChanges.includes('ModifiedBusinessUnitActivity') && sdeChanges.includes('CreatedTaskActivity') && sdeChanges.includes('ChangedProjectRiskPolicyActivity'));
    for (const name of ['LoggedInActivity', 'LoggedOutActivity', 'AcceptedEulaActivity', 'CompletedModuleActivity']) assert.equal(isChangeActivity(sde(name)), false, name);
    const slackCtx = { sourceId: 'slack', endpoints: slackEndpoints({}), appId: 'A1', teamId: 'T1' };
    assert.equal(isChangeActivity(mapSlackActivity(slackEntry('function_deployment', { action: 'Create', team_id: 'T1', user_id: 'U1', bundle_size_kb: 13 }), slackCtx)), true);
    assert.equal(isChangeActivity(mapSlackActivity(slackEntry('function_execution_started', { function_name: 'Reverse', function_type: 'app' }), slackCtx)), false);
    // A Torq run is not a change, whatever its event.
    assert.equal(isChangeActivity(new TorqActivityLogActivity(torqActivityLogEntry(), torq.activity)), false);
  });

  it('opens the window five minutes either side of an activity', () => {
    const at = Date.parse(activityTime('2026-03-01T10:00:00Z')!);
    assert.deepEqual(windowAround(at), { fromMs: at - 300_000, toMs: at + 300_000 });
    assert.deepEqual(windowAround(at, 1), { fromMs: at - 60_000, toMs: at + 60_000 });
  });
});
