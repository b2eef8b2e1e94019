/**
 * The Timeline view's rows (src/ui/timeline/) in plain Node, against the fake APIs, with
 * test/support/vscodeStub.ts standing in for `vscode`: what a user sees as the first screen
 * loads, "Load more" asks one source, a source fails, a filter applies, the timeline is centred
 * on an activity and live tails feed it. (test/ui/timeline.ui.js checks the same in a real VS Code.)
 */
import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { compareTimeline } from '../../../src/core/timeline';
import type { RegisteredSource, SourceRegistry } from '../../../src/ui/sourceRegistry';
import type * as Nodes from '../../../src/ui/timeline/timelineNodes';
import type { TimelineProvider } from '../../../src/ui/timeline/timelineProvider';
import type { TimelineTail } from '../../../src/ui/timeline/timelineTail';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { installVscodeStub } from '../../support/vscodeStub';
import { testContext } from '../../support/testContext';

const PAGE = 25;
const SCREEN = 50;
const LISTING = /activity_logs|audit_logs|apps\.activities\.list|\/api\/v2\/activities\//;

describe('timeline view (plain Node, fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let nodes: typeof Nodes;
  let Provider: typeof TimelineProvider;
  let Tail: typeof TimelineTail;
  let sources: typeof import('../../../src/sources');
  let timeline: TimelineProvider;

  before(async () => {
    // The stub first: the view's modules require 'vscode' when they load.
    installVscodeStub({ settings: { 'tail.intervalSeconds': 1 } });
    nodes = await import('../../../src/ui/timeline/timelineNodes');
    Provider = (await import('../../../src/ui/timeline/timelineProvider')).TimelineProvider;
    Tail = (await import('../../../src/ui/timeline/timelineTail')).TimelineTail;
    sources = await import('../../../src/sources');
    api = await startFakeApi();
  });
  after(async () => api.close());

  /** The demo's three sources over the fake server, each in the last 24 hours. */
  function registry(slackToken = api.credentials.slack.token): SourceRegistry {
    const c = api.credentials;
    const context = testContext(
      { 'acme-torq': { clientId: c.torq.clientId, clientSecret: c.torq.clientSecret }, 'kudos-app': { token: slackToken }, 'acme-sde': { token: c.sde.token } },
      { pageSize: PAGE },
    );
    const configs = [
      { id: 'acme-torq', kind: 'torq', label: 'Acme Torq', apiUrl: api.url, authUrl: api.url },
      { id: 'kudos-app', kind: 'slack', label: 'Kudos (Slack app)', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` },
      { id: 'acme-sde', kind: 'sde', label: 'Acme SD Elements', url: api.url },
    ] as Array<RegisteredSource['config']>;
    const all: RegisteredSource[] = configs.map((config) => ({ config, source: sources.createSource(config, context), window: { kind: 'relative', minutes: 1440 } }));
    return { all, problems: [], get: (id: string) => all.find((e) => e.config.id === id) } as unknown as SourceRegistry;
  }

  beforeEach(() => {
    api.faults.clear();
    api.requests.clear();
    timeline = new Provider(registry());
  });
  afterEach(() => timeline.dispose());

  const rows = (children: readonly Nodes.TimelineNode[]) => children.filter((n): n is Nodes.TimelineRow => n instanceof nodes.TimelineRow);
  const listingRequests = () => (['torq', 'slack', 'sde'] as const).flatMap((p) => api.requests.of(p).filter((r) => LISTING.test(r.path)).map(() => p));

  function assertOrdered(items: readonly Activity[]): void {
    assert.ok(items.length > 1, 'rows to compare');
    for (let i = 1; i < items.length; i++) assert.ok(compareTimeline(items[i - 1], items[i]) < 0, `row ${i} out of order`);
  }

  it('shows a first screen of all three sources newest first, each row with its source, outcome and time; changes marked', async () => {
    const children = await timeline.getChildren();
    const shown = rows(children);
    assert.equal(shown.length, SCREEN);
    assertOrdered(shown.map((r) => r.activity));
    assert.deepEqual([...new Set(shown.map((r) => r.activity.sourceKind))].sort(), ['sde', 'slack', 'torq']);
    const item = shown[0].getTreeItem();
    assert.equal(item.command?.command, 'activityLogs.openPayload');
    assert.deepEqual(item.command?.arguments, [shown[0]]);
    assert.match(String(item.description), /^(Acme Torq|Kudos \(Slack app\)|Acme SD Elem…) · /);
    const icons = { torq: 'zap', slack: 'comment-discussion', sde: 'shield' };
    for (const r of shown) assert.equal((r.getTreeItem().iconPath as { id: string }).id, icons[r.activity.sourceKind], 'the source\'s icon');
    const failed = shown.find((r) => r.activity.outcome === 'failure');
    assert.ok(failed, 'a failure among the first rows');
    assert.match(String(failed.getTreeItem().description), / · failed · /);
    const change = shown.find((r) => r.activity.isChange);
    assert.ok(change, 'a change among the first rows');
    const changeItem = change.getTreeItem();
    assert.match(String(changeItem.description), / · change · /);
    assert.equal(changeItem.resourceUri?.scheme, nodes.CHANGE_SCHEME, 'decorated as a change');
    assert.match(changeItem.contextValue ?? '', /^activity timeline\b.*\bchange\b/);
    assert.match(changeItem.accessibilityInformation?.label ?? '', /, change, /);
    // The first screen read each stream's first page, once.
    assert.deepEqual(Object.values(timeline.timeline.pagesRead).every((n) => n >= 1), true);
    const more = children[children.length - 1];
    assert.ok(more instanceof nodes.TimelineLoadMore);
  });

  it('"Load more" asks the one source that ran out for one page, and names it on the row', async () => {
    await timeline.getChildren();
    for (let click = 0; click < 3; click++) {
      const children = await timeline.getChildren();
      const more = children[children.length - 1];
      assert.ok(more instanceof nodes.TimelineLoadMore);
      const [next, ...others] = timeline.timeline.neededFor(50);
      assert.deepEqual(others, [], 'one source at a time');
      const description = String(more.getTreeItem().description);
      if (next) assert.match(description, new RegExp(`next page of ${next.label.replace(/[()]/g, '\\$&')}$`));
      else assert.doesNotMatch(description, /next page/);
      const before = rows(children).length;
      api.requests.clear();
      await timeline.loadMore();
      const asked = listingRequests();
      // The row said whom it would ask, if anyone: that source alone is asked, once.
      assert.deepEqual(asked, next ? [{ 'acme-torq': 'torq', 'kudos-app': 'slack', 'acme-sde': 'sde' }[next.sourceId]] : []);
      const after = rows(await timeline.getChildren());
      assert.ok(after.length > before, 'more rows');
      assertOrdered(after.map((r) => r.activity));
    }
  });

  it('a source that fails is a row saying what went wrong with its fix; the other sources\' rows stay; retry reads it again', async () => {
    timeline = new Provider(registry(api.credentials.slack.special.expired));
    api.faults.add({ api: 'torq', path: 'audit_logs', kind: '502', count: 20 });
    const children = await timeline.getChildren();
    const messages = children.filter((n): n is Nodes.TimelineMessage => n instanceof nodes.TimelineMessage);
    assert.deepEqual(messages.map((m) => m.text.split(':')[0]).sort(), ['Acme Torq (Audit log)', 'Kudos (Slack app)']);
    const slack = messages.find((m) => m.text.startsWith('Kudos'))!.getTreeItem();
    assert.equal(slack.command?.command, 'activityLogs.setCredentials');
    assert.deepEqual(slack.command?.arguments, ['kudos-app'], 'the fix is for that source, not a pick');
    const audit = messages.find((m) => m.text.startsWith('Acme Torq'))!.getTreeItem();
    assert.equal(audit.command?.command, 'activityLogs.retryTimeline');
    assert.deepEqual(audit.command?.arguments, ['acme-torq/audit']);
    assert.equal(rows(children).length, SCREEN, 'the others fill the screen');
    assert.ok(rows(children).every((r) => r.activity.sourceId !== 'kudos-app' && r.activity.stream !== 'audit'));

    api.faults.clear();
    await timeline.retry('acme-torq/audit');
    const after = await timeline.getChildren();
    assert.ok(rows(after).some((r) => r.activity.stream === 'audit'), 'the audit log\'s rows came in at their time');
    assert.deepEqual(after.filter((n) => n instanceof nodes.TimelineMessage).map((m) => (m as Nodes.TimelineMessage).text.split(':')[0]), ['Kudos (Slack app)']);
    assertOrdered(rows(after).map((r) => r.activity));
  });

  it('filters with the search language, says which sources a term leaves out, and clears', async () => {
    assert.throws(() => timeline.setFilter('colour:red'), /Unknown term/);
    timeline.setFilter('status:failed');
    const failed = rows(await timeline.getChildren());
    assert.ok(failed.length > 0);
    assert.ok(failed.every((r) => r.activity.outcome === 'failure'));
    assert.equal(timeline.mode.query, 'status:failed');
    timeline.setFilter('trace:Tr0 level:info');
    await timeline.getChildren();
    assert.ok(timeline.notes.some((n) => /^Acme SD Elements: trace: /.test(n)), timeline.notes.join('; '));
    timeline.clear();
    assert.equal(timeline.mode.query, undefined);
    assert.equal(rows(await timeline.getChildren()).length, SCREEN);
  });

  it('Show Around This Time centres every source on an activity (±minutes) and returns its row, a change marked', async () => {
    const first = rows(await timeline.getChildren());
    const change = first.find((r) => r.activity.isChange && r.activity.sourceKind === 'torq') ?? first.find((r) => r.activity.isChange);
    assert.ok(change);
    const row = await timeline.showAround(change.activity, 5);
    assert.equal(row.activity.key, change.activity.key);
    const around = rows(await timeline.getChildren());
    assert.ok(around.includes(row), 'the row handed back is the one shown (reveal finds it by identity)');
    assert.ok(around.length > 1);
    assert.ok(around.every((r) => Math.abs(r.activity.timeMs - change.activity.timeMs) <= 5 * 60_000 + 1), 'within ±5 minutes');
    assert.match(String(row.getTreeItem().description), / · change · /);
    assert.equal(timeline.mode.around?.minutes, 5);
    assertOrdered(around.map((r) => r.activity));
  });

  it('a live tail feeds every source into the one list, each entry at its time', async () => {
    const tail = new Tail(timeline, { info() {}, warn() {}, error() {} } as never);
    try {
      await timeline.getChildren();
      await tail.start();
      assert.equal(tail.running, true);
      assert.equal(timeline.listings.length, 4, 'a tail per listing: Torq runs and audit log, Slack, SD Elements');
      const before = timeline.activities.length;
      // Spread over the last ten minutes: some arrive older than rows already shown.
      api.addSlackActivities({ count: 6, spreadMs: 600_000 });
      while (timeline.activities.length < before + 6) await new Promise((r) => setTimeout(r, 50));
      assertOrdered(timeline.activities);
      const live = timeline.activities.filter((a) => /Tr0LIVE/.test(a.traceId ?? ''));
      assert.equal(live.length, 6);
      const newestOther = timeline.activities.findIndex((a) => !live.includes(a));
      assert.ok(live.some((a) => timeline.activities.indexOf(a) > newestOther), 'an entry that arrived late went below newer rows, not to the top');
    } finally {
      tail.stop();
    }
    assert.equal(tail.running, false);
  });
});
