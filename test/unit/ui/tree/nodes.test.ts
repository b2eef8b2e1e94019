/**
 * The tree's node classes in plain Node, against the fake APIs, with test/support/vscodeStub.ts
 * standing in for `vscode`: what a user sees in the sidebar as pages load, fail, retry and arrive
 * from a live tail. (test/extension/tree.test.ts checks the same tree inside a real VS Code.)
 */
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Activity } from '../../../../src/core/activity';
import type { TimeWindow } from '../../../../src/core/time';
import type { RegisteredSource, SourceRegistry } from '../../../../src/ui/sourceRegistry';
import type { ActivityTreeProvider } from '../../../../src/ui/tree/activityTree';
import type * as Nodes from '../../../../src/ui/tree/nodes';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { REPO_ROOT } from '../../../support/paths';
import { installVscodeStub } from '../../../support/vscodeStub';
import { type TestCredentials, testContext } from '../../../support/testContext';

type TreeNode = Nodes.TreeNode;

/**
 * The commands package.json's context menu offers, in the Sources view, on a row of this
 * contextValue: each `when` read as VS Code reads it, for the keys these clauses use.
 */
function sourcesViewMenusFor(contextValue: string): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
  return manifest.contributes.menus['view/item/context']
    .filter(({ when = '' }) => {
      const expression = when
        .replace(/viewItem =~ \/((?:[^/\\]|\\.)+)\//g, (_, re: string) => String(new RegExp(re).test(contextValue)))
        .replace(/view == ([\w.]+)/g, (_, view: string) => String(view === 'activityLogs.sources'));
      assert.match(expression, /^[\s!()&|a-z]*$/, `a when clause this reader does not know: ${when}`);
      return Boolean(new Function(`return ${expression};`)());
    })
    .map((m) => m.command);
}

const PAGE = 25;
const DAY: TimeWindow = { kind: 'relative', minutes: 1440 };

describe('tree nodes (plain Node, fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let nodes: typeof Nodes;
  let Provider: typeof ActivityTreeProvider;
  let sources: typeof import('../../../../src/sources');
  let tree: ActivityTreeProvider;
  let changes: Array<TreeNode | undefined>;
  /** The credentials the sources read, changed by tests that need Torq to refuse them. */
  let secrets: TestCredentials;

  before(async () => {
    // The stub first: the tree's modules require 'vscode' when they load.
    installVscodeStub({ settings: { 'tail.intervalSeconds': 1 } });
    nodes = await import('../../../../src/ui/tree/nodes');
    Provider = (await import('../../../../src/ui/tree/activityTree')).ActivityTreeProvider;
    sources = await import('../../../../src/sources');
    api = await startFakeApi();
  });
  after(async () => api.close());

  /** A registry of the given sources over the fake server (each `[id, kind, window]`). */
  function registryOf(...specs: Array<[string, 'torq' | 'slack', TimeWindow]>): SourceRegistry {
    const c = api.credentials;
    secrets = Object.fromEntries(specs.map(([id, kind]) => [id, kind === 'torq' ? { clientId: c.torq.clientId, clientSecret: c.torq.clientSecret } : { token: c.slack.token }]));
    const context = testContext(secrets, { pageSize: PAGE });
    const all: RegisteredSource[] = specs.map(([id, kind, window]) => {
      const config = kind === 'torq' ? { id, kind, label: `Torq ${id}`, apiUrl: api.url, authUrl: api.url } : { id, kind, label: `Slack ${id}`, appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` };
      return { config: config as RegisteredSource['config'], source: sources.createSource(config as RegisteredSource['config'], context), window };
    });
    return { all, problems: [], get: (id: string) => all.find((e) => e.config.id === id) } as unknown as SourceRegistry;
  }

  beforeEach(() => {
    api.faults.clear();
    tree = new Provider(registryOf(['torq', 'torq', DAY], ['slack', 'slack', DAY], ['old', 'torq', { kind: 'range', fromMs: Date.UTC(2001, 0, 1), toMs: Date.UTC(2001, 0, 2) }]));
    changes = [];
    tree.onDidChangeTreeData((node) => changes.push(node));
  });
  afterEach(() => tree.dispose());

  const label = (node: TreeNode) => String(tree.getTreeItem(node).label);
  const activities = (children: TreeNode[]) => children.filter((n): n is Nodes.ActivityNode => n instanceof nodes.ActivityNode);

  async function child(parent: TreeNode | undefined, name: string): Promise<TreeNode> {
    const children = await tree.getChildren(parent);
    const found = children.find((c) => label(c) === name);
    assert.ok(found, `"${name}" among ${children.map(label).join(', ')}`);
    return found;
  }

  async function group(...path: string[]): Promise<Nodes.GroupNode> {
    let node: TreeNode | undefined;
    for (const name of path) node = await child(node, name);
    assert.ok(node instanceof nodes.GroupNode);
    return node;
  }

  /** Polls `done` (a tail works on its own timers); the test's timeout bounds the wait. */
  async function until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise((r) => setTimeout(r, 50));
  }

  /** Waits for the change events the ChangeGate held back while children were being read. */
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('lists sources, then groups, keeping the same node objects (VS Code matches change events by identity)', async () => {
    const roots = await tree.getChildren();
    assert.deepEqual(roots.map(label), ['Torq torq', 'Slack slack', 'Torq old']);
    assert.ok(roots[0] instanceof nodes.SourceNode);
    const groups = await tree.getChildren(roots[0]);
    assert.deepEqual(groups.map(label), ['Workflow runs', 'Step executions', 'All events', 'Failures', 'Workflows', 'Audit log']);
    assert.deepEqual(groups.map((g) => g.id), ['torq/runs', 'torq/steps', 'torq/events', 'torq/failures', 'torq/workflows', 'torq/audit']);
    const again = await tree.getChildren((await tree.getChildren())[0]);
    assert.equal((await tree.getChildren())[0], roots[0], 'the same source node');
    assert.ok(again.length === groups.length && again.every((g, i) => g === groups[i]), 'the same group nodes');
    const source = tree.getTreeItem(roots[0]);
    assert.equal(source.contextValue, 'source source:torq');
    assert.equal(source.description, '24h');
  });

  it('shows the first page with "Load more"; loading more appends and keeps the earlier rows, ids and nodes', async () => {
    const events = await group('Torq torq', 'All events');
    const first = await tree.getChildren(events);
    assert.equal(activities(first).length, PAGE);
    const more = first[first.length - 1];
    assert.ok(more instanceof nodes.LoadMoreNode);
    assert.equal(more.id, 'torq/events/more');
    const moreItem = tree.getTreeItem(more);
    assert.equal(moreItem.label, 'Load more…');
    assert.equal(moreItem.description, `${PAGE} loaded`);
    assert.deepEqual(moreItem.command?.arguments, [more]);
    const row = tree.getTreeItem(activities(first)[0]);
    assert.equal(row.command?.command, 'activityLogs.openPayload');
    assert.match(row.contextValue ?? '', /^activity\b/);
    assert.ok(row.accessibilityInformation?.label.startsWith(String(row.label)), 'screen readers read the label');
    assert.equal(row.tooltip, undefined, 'the tooltip waits for hover');
    assert.match(String(tree.resolveTreeItem(row, activities(first)[0]).tooltip), /^.+\n\nTime: /);

    await settled();
    assert.ok(changes.includes(events), 'the group is redrawn once its first page is in');
    assert.equal(tree.getTreeItem(events).description, `${PAGE}+`);

    await Promise.all([events.loadMore(), events.loadMore()]);
    const second = await tree.getChildren(events);
    assert.equal(activities(second).length, 2 * PAGE, 'two clicks while loading load one page');
    assert.deepEqual(activities(second).slice(0, PAGE).map((n) => n.id), activities(first).map((n) => n.id), 'the first page stays, with the same ids');
    assert.ok(activities(second).slice(0, PAGE).every((n, i) => n === activities(first)[i]), 'and the same nodes');
    assert.ok(activities(second).every((n) => n.id.startsWith('torq/events/a/')));
  });

  it('a failed page keeps what was loaded and ends with an error item whose command is the fix; retrying appends the page', async () => {
    const events = await group('Torq torq', 'All events');
    const first = activities(await tree.getChildren(events));
    api.faults.add({ api: 'torq', path: 'activity_logs', kind: '502', count: 20 });
    await events.loadMore();
    const failed = await tree.getChildren(events);
    assert.deepEqual(activities(failed).map((n) => n.id), first.map((n) => n.id), 'the loaded page stays');
    const error = failed[failed.length - 1];
    assert.ok(error instanceof nodes.MessageNode && error.error);
    assert.equal(error.id, 'torq/events/error');
    const item = tree.getTreeItem(error);
    assert.match(String(item.label), /HTTP 502/);
    assert.equal(item.description, 'Retry');
    assert.equal(item.contextValue, 'error fix:retry');
    assert.equal(item.command?.command, 'activityLogs.retry');
    assert.deepEqual(item.command?.arguments, [error], 'the fix knows where it was offered');

    api.faults.clear();
    const target = error.getParent();
    assert.ok(target instanceof nodes.GroupNode);
    await target.retry();
    const after = await tree.getChildren(events);
    assert.equal(activities(after).length, 2 * PAGE);
    assert.deepEqual(activities(after).slice(0, PAGE).map((n) => n.id), first.map((n) => n.id));
    assert.ok(after[after.length - 1] instanceof nodes.LoadMoreNode);
  });

  it('counts the entries it could not read, with a way to see them raw', async () => {
    api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'missingField', count: 1 });
    const children = await tree.getChildren(await group('Torq torq', 'All events'));
    const message = children.find((c): c is Nodes.MessageNode => c instanceof nodes.MessageNode);
    assert.ok(message?.unreadable?.length, 'a message holds the skipped entries');
    const item = tree.getTreeItem(message);
    assert.equal(item.label, `${message.unreadable.length} entries could not be read — show raw`);
    assert.equal(item.command?.command, 'activityLogs.showUnreadable');
    assert.ok(children[children.length - 1] instanceof nodes.LoadMoreNode, 'paging goes on');
  });

  it('says a group is empty in its time window, with how to widen it', async () => {
    const children = await tree.getChildren(await group('Torq old', 'All events'));
    assert.equal(children.length, 1);
    const empty = children[0];
    assert.ok(empty instanceof nodes.MessageNode);
    assert.equal(empty.id, 'old/events/empty');
    const item = tree.getTreeItem(empty);
    assert.match(String(item.label), /^Nothing in the last /);
    assert.equal(item.tooltip, 'Widen the time window or refresh');
    assert.equal(item.contextValue, 'message');
  });

  it('discovers sub-groups, and every node knows its parent up to the source', async () => {
    const workflows = await group('Torq torq', 'Workflows');
    const subGroups = await tree.getChildren(workflows);
    assert.ok(subGroups.length >= 3 && subGroups.every((g) => g instanceof nodes.GroupNode && g.id.startsWith('torq/workflows/workflow:')));
    assert.equal(tree.getTreeItem(workflows).contextValue, 'group');
    const workflow = subGroups[0] as Nodes.GroupNode;
    assert.equal(tree.getTreeItem(workflow).contextValue, 'group listing');
    const [run] = activities(await tree.getChildren(workflow));
    assert.ok(run, 'a run of the workflow');
    const chain: string[] = [];
    for (let n: TreeNode | undefined = run; n; n = tree.getParent(n)) chain.push(n.id);
    assert.deepEqual(chain, [run.id, workflow.id, 'torq/workflows', 'torq']);
    assert.equal(tree.getNode(run.id), run, 'getNode finds a row by its id');
    assert.equal(tree.getNode(workflow.id), workflow);
    assert.equal(tree.shownNodeFor(run.activity.key), run);
    assert.equal(tree.findActivity(run.activity.key), run.activity);
  });

  it('a refresh reloads a group under the same node and ids', async () => {
    const events = await group('Torq torq', 'All events');
    const before = activities(await tree.getChildren(events));
    tree.refresh(events);
    const source = (await tree.getChildren())[0];
    assert.equal((await tree.getChildren(source)).find((g) => g.id === events.id), events, 'the same group node');
    const after = activities(await tree.getChildren(events));
    assert.equal(after.length, PAGE);
    assert.deepEqual(after.map((n) => n.id), before.map((n) => n.id), 'the same ids');
    assert.notEqual(after[0].activity, before[0].activity, 'read again');
  });

  it('a Slack run keeps its node through a refresh and shows what the new read found; its steps offer no live tail', async () => {
    const runs = await group('Slack slack', 'Workflow runs');
    const [run] = (await tree.getChildren(runs)) as Nodes.GroupNode[];
    assert.ok(run instanceof nodes.GroupNode && /^(Give kudos|Weekly kudos digest) · /.test(label(run)), label(run));
    assert.ok(['failure', 'success', 'pending'].includes(run.group.outcome ?? ''), 'its icon says how it went');
    const [step] = (await tree.getChildren(run)) as Nodes.GroupNode[];
    assert.match(label(step), /^Step 1 of \d+: /);
    const [event] = activities(await tree.getChildren(step));
    assert.ok(event, 'a step lists its events');
    assert.equal(tree.getTreeItem(step).contextValue, 'group', 'a snapshot: no live tail, no export');
    const spec = run.group;
    tree.refresh(tree.sourceNode('slack'));
    assert.equal((await tree.getChildren(runs)).find((g) => g.id === run.id), run, 'the same node');
    assert.notEqual(run.group, spec, 'with the new discovery');
    const [again] = (await tree.getChildren(run)) as Nodes.GroupNode[];
    assert.equal(again, step);
    assert.notEqual(activities(await tree.getChildren(step))[0].activity, event.activity, 'read again');
  });

  it('a live tail started on a group never opened (from the palette) starts after its first page', async () => {
    const { TailManager } = await import('../../../../src/ui/tailManager');
    const all = tree.sourceNode('slack')?.topGroup((g) => !!g.tailDefault);
    assert.ok(all);
    const silent = { info() {}, warn() {}, error() {}, debug() {}, show() {}, redact: (t: string) => t };
    const tails = new TailManager(tree.registry, tree, silent as never);
    try {
      await tails.start(all);
      assert.equal(all.activities.length, PAGE, 'the first page is shown');
      api.addSlackActivities({ appId: 'A0FAKEAPP1', count: 2, spreadMs: 100 });
      await until(() => all.activities.length >= PAGE + 2);
      const rows = activities(await tree.getChildren(all));
      assert.equal(rows.length, PAGE + 2, 'what arrived is added above the first page, once');
      assert.match(String(tree.getTreeItem(all).description), /^● live · 27\+$/);
    } finally {
      tails.dispose();
    }
  });

  it('a live tail prepends new activity above the rows already shown and marks the group live', async () => {
    const { TailManager } = await import('../../../../src/ui/tailManager');
    const all = await group('Slack slack', 'All activity');
    const before = activities(await tree.getChildren(all));
    assert.ok(before.length > 0);
    const silent = { info() {}, warn() {}, error() {}, debug() {}, show() {}, redact: (t: string) => t };
    const tails = new TailManager(tree.registry, tree, silent as never);
    const arrived: Activity[] = [];
    tree.onDidLoad(({ group: g, activities: a }) => g === all && arrived.push(...a));
    try {
      await tails.start(all);
      assert.match(String(tree.getTreeItem(all).description), /^● live/);
      assert.match(tree.getTreeItem(all).contextValue ?? '', /\btailing\b/);
      api.addSlackActivities({ appId: 'A0FAKEAPP1', count: 5, spreadMs: 100 });
      await until(() => arrived.length >= 5);
      const after = activities(await tree.getChildren(all));
      assert.equal(after.length, before.length + 5);
      assert.deepEqual(after.slice(5).map((n) => n.id), before.map((n) => n.id), 'what was there stays, below the new ones');
      assert.deepEqual(after.slice(0, 5).map((n) => n.activity), arrived);

      // A setting changed: the whole tree is rebuilt, the tail goes on into the group's new node.
      tree.refresh();
      const rebuilt = await group('Slack slack', 'All activity');
      assert.notEqual(rebuilt, all);
      assert.match(String(tree.getTreeItem(rebuilt).description), /^● live/);
      const shown = activities(await tree.getChildren(rebuilt)).length;
      api.addSlackActivities({ appId: 'A0FAKEAPP1', count: 3, spreadMs: 100 });
      await until(() => rebuilt.activities.length >= shown + 3);
      assert.equal(activities(await tree.getChildren(rebuilt)).length, shown + 3);
    } finally {
      tails.dispose();
    }
    await until(() => !tails.running.length);
    const last = await group('Slack slack', 'All activity');
    assert.doesNotMatch(String(tree.getTreeItem(last).description), /live/);
  });

  describe('a Torq run expands into its execution', () => {
    const executionCalls = () => api.requests.of('torq').filter((r) => r.path.startsWith('/public/v1alpha/executions/'));

    async function failedRun(): Promise<Nodes.ActivityNode> {
      const rows = activities(await tree.getChildren(await group('Torq torq', 'Failures')));
      const run = rows.find((r) => r.activity.executionId === api.data.torq.samples.failedExecutionId) ?? rows.find((r) => r.activity.executionId);
      assert.ok(run, 'a failed run with an execution id');
      return run;
    }

    /** A row of the same group whose execution Torq does not know. */
    const ghostOf = (run: Nodes.ActivityNode) =>
      new nodes.ActivityNode(run.parent, Object.create(run.activity as object, { executionId: { value: '00000000-0000-4000-8000-000000000000' } }) as Activity);

    beforeEach(() => api.requests.clear());

    it('a run is collapsible, listing asks for no execution, and expanding asks once for its status, times, last step, error and event', async () => {
      const run = await failedRun();
      assert.equal(tree.getTreeItem(run).collapsibleState, 1, 'collapsed');
      const slack = activities(await tree.getChildren(await group('Slack slack', 'All activity')));
      assert.ok(slack.length && slack.every((r) => tree.getTreeItem(r).collapsibleState === 0 && !r.expandable), 'other products stay leaves');
      assert.deepEqual(executionCalls(), [], 'listing never asks for an execution');

      const details = await tree.getChildren(run);
      const labels = details.map(label);
      assert.equal(labels[0], 'Status: FAILED');
      assert.ok(labels.some((l) => l.startsWith('Started: ')) && labels.some((l) => l.startsWith('Last step: ')) && labels.some((l) => l.startsWith('Error: ')), labels.join(' | '));
      // The facts, then the trigger event, then the runs it started (the failed triage started two).
      const eventAt = labels.indexOf('Trigger event');
      assert.ok(eventAt > 0, labels.join(' | '));
      const facts = details.slice(0, eventAt + 1);
      assert.deepEqual(facts.map((d) => d.id), facts.map((_, i) => `${run.id}/x/${i}`));
      const children = details.slice(eventAt + 1);
      assert.deepEqual(labels.slice(eventAt + 1).map((l) => /^Child run: Workflow 'Enrich IOC' /.test(l)), [true, true], labels.join(' | '));
      assert.deepEqual(children.map((d) => tree.getTreeItem(d).command?.command), ['activityLogs.openRelatedRun', 'activityLogs.openRelatedRun']);
      assert.ok(details.every((d) => tree.getParent(d) === run));
      const event = details[eventAt];
      const item = tree.getTreeItem(event);
      assert.equal(item.command?.command, 'activityLogs.showTriggerEvent');
      assert.deepEqual(item.command?.arguments, [event]);
      assert.ok(event instanceof nodes.DetailNode && (event.event as { id?: string }).id);
      assert.equal(executionCalls().length, 2, 'the execution and its event');

      await tree.getChildren(run);
      assert.equal(executionCalls().length, 2, 'expanded again: nothing asked');
    });

    it("a child run's row has the menus of the run's own row that work from any row: open it, its web page, copy, show around", async () => {
      const details = await tree.getChildren(await failedRun());
      const children = details.filter((d): d is Nodes.RelatedRunNode => d instanceof nodes.RelatedRunNode && d.relation === 'child');
      assert.equal(children.length, 2, 'the failed triage started two runs');
      const child = children[0];
      const menus = sourcesViewMenusFor(tree.getTreeItem(child).contextValue ?? '');
      for (const command of ['openPayload', 'openAsJson', 'copyId', 'copyLink', 'copyAsMarkdown', 'showAroundThisTime']) assert.ok(menus.includes(`activityLogs.${command}`), `${command} in ${menus.join(', ')}`);
      assert.equal(menus.includes('activityLogs.openInWebUi'), !!child.run?.webUrl, 'Open in Web UI when the run has a page');
      assert.equal(menus.includes('activityLogs.compareWithLastSuccess'), child.run?.outcome === 'failure', 'Compare with Last Success on a failed run');
      // Those that act on the row in the tree (select two, go to its parent row) stay on activity rows.
      assert.ok(!menus.includes('activityLogs.comparePayloads') && !menus.includes('activityLogs.goToParent'), menus.join(', '));
      const { activityOf } = await import('../../../../src/ui/commandArgs');
      assert.equal(activityOf(tree, child), child.run, 'the commands read the child run from the row');
      const runRowMenus = sourcesViewMenusFor(tree.getTreeItem(children[0].parent).contextValue ?? '');
      assert.ok(runRowMenus.includes('activityLogs.comparePayloads'), 'an activity row keeps its menus');
    });

    it('an execution Torq does not know (404) shows a message whose fix is retry; retrying asks again', async () => {
      const ghost = ghostOf(await failedRun());
      const [message] = await tree.getChildren(ghost);
      assert.ok(message instanceof nodes.MessageNode && message.error?.kind === 'notFound');
      assert.equal(message.id, `${ghost.id}/x/error`);
      assert.equal(message.getParent(), ghost);
      const item = tree.getTreeItem(message);
      assert.equal(item.contextValue, 'error fix:retry');
      assert.deepEqual(item.command?.arguments, [message]);
      const asked = executionCalls().length;
      ghost.retry();
      await tree.getChildren(ghost);
      assert.ok(executionCalls().length > asked, 'retry asks again');
      await settled();
      assert.ok(changes.includes(ghost), 'the row is redrawn through the gate');
    });

    it('credentials Torq refuses (401) show a message whose fix is entering them; with good ones, retry shows the execution', async () => {
      const run = await failedRun();
      const good = secrets.torq.clientSecret;
      secrets.torq.clientSecret = 'wrong';
      tree.registry.get('torq')?.source?.credentialsChanged?.();
      try {
        const [message] = await tree.getChildren(run);
        assert.ok(message instanceof nodes.MessageNode && message.error?.kind === 'auth');
        const item = tree.getTreeItem(message);
        assert.equal(item.contextValue, 'error fix:enterCredentials');
        assert.equal(item.command?.command, 'activityLogs.setCredentials');
      } finally {
        secrets.torq.clientSecret = good;
      }
      run.retry();
      assert.equal(label((await tree.getChildren(run))[0]), 'Status: FAILED');
    });
  });
});
