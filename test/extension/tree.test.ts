/** The sidebar tree in a real VS Code: sources → groups → activities → Load more, errors with fixes, the payload panel. */
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import type { ActivityNode, GroupNode, MessageNode, TreeNode } from '../../src/ui/tree/nodes';
import { childrenAt, Fixture, labelOf, nodeAt, setUpSources, tearDown, waitFor } from './support';

const activities = (nodes: TreeNode[]) => nodes.filter((n): n is ActivityNode => n.type === 'activity');

describe('Activity Logs tree', () => {
  let f: Fixture;
  before(async () => (f = await setUpSources({ pageSize: 25 })));
  after(async () => tearDown(f));
  beforeEach(() => {
    f.api.faults.clear();
    f.api.requests.clear();
  });

  it('shows each source with its groups', async () => {
    const roots = await f.ext.tree.getChildren();
    assert.deepEqual(roots.map((r) => labelOf(f.ext, r)), ['Fake Torq', 'Fake Slack app', 'Fake SD Elements']);
    assert.deepEqual((await childrenAt(f.ext, 'Fake Torq')).map((n) => labelOf(f.ext, n)), ['Workflow runs', 'Step executions', 'All events', 'Failures', 'Workflows', 'Audit log']);
    assert.deepEqual((await childrenAt(f.ext, 'Fake Slack app')).map((n) => labelOf(f.ext, n)), ['All activity', 'Errors', 'Workflow runs', 'Workflows', 'Functions', 'Traces']);
    const sde = (await childrenAt(f.ext, 'Fake SD Elements')).map((n) => labelOf(f.ext, n));
    assert.ok(sde.includes('All activities') && sde.includes('Failures'), sde.join(', '));
  });

  it('lists a page of activities with "Load more", and appending keeps what was loaded', async () => {
    const first = await childrenAt(f.ext, 'Fake Torq', 'Workflow runs');
    assert.equal(activities(first).length, 25);
    const more = first[first.length - 1];
    assert.equal(more.type, 'loadMore');
    const item = f.ext.tree.getTreeItem(activities(first)[0]);
    assert.ok(item.id && item.description && item.iconPath, 'activities have ids, descriptions and icons');
    assert.equal(item.command?.command, 'activityLogs.openPayload');

    // This group's own pages: the Failures groups behind the status bar may read the log meanwhile.
    const runsPages = () =>
      f.api.requests.of('torq').filter((r) => r.path.endsWith('/activity_logs') && r.query.activity_type?.[0] === 'workflow_runs' && r.query.page_size?.[0] === '25').length;
    const before = runsPages();
    // Two clicks while the first is loading: one page.
    await Promise.all([vscode.commands.executeCommand('activityLogs.loadMore', more), vscode.commands.executeCommand('activityLogs.loadMore', more)]);
    const pages = runsPages() - before;
    assert.equal(pages, 1, 'a second click while loading does not load twice');
    const second = await childrenAt(f.ext, 'Fake Torq', 'Workflow runs');
    assert.equal(activities(second).length, 50);
    assert.deepEqual(activities(second).slice(0, 25).map((n) => n.id), activities(first).map((n) => n.id), 'the first page stays, with the same ids');
  });

  it('shows a failed page as an item with its fix, keeps the pages loaded, and retries', async () => {
    const group = (await nodeAt(f.ext, 'Fake Torq', 'All events')) as GroupNode;
    await f.ext.tree.getChildren(group);
    f.api.faults.add({ api: 'torq', path: 'activity_logs', kind: '502', count: 20 });
    await f.ext.tree.loadMore(group);
    const children = await f.ext.tree.getChildren(group);
    assert.equal(activities(children).length, 25, 'the loaded page stays');
    const error = children[children.length - 1] as MessageNode;
    assert.equal(error.type, 'message');
    const item = f.ext.tree.getTreeItem(error);
    assert.match(String(item.label), /HTTP 502/);
    assert.equal(item.description, 'Retry');
    assert.equal(item.command?.command, 'activityLogs.retry');
    f.api.faults.clear();
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const after = await f.ext.tree.getChildren(group);
    assert.equal(activities(after).length, 50);
    assert.equal(after[after.length - 1].type, 'loadMore');
  });

  it('asks for credentials in the tree when they are missing', async () => {
    await f.ext.credentials.forget('sde-fake');
    try {
      const children = await childrenAt(f.ext, 'Fake SD Elements', 'All activities');
      const item = f.ext.tree.getTreeItem(children[0]);
      assert.equal(item.command?.command, 'activityLogs.setCredentials');
      assert.equal(item.description, 'Enter credentials…');
    } finally {
      await f.ext.credentials.set('sde-fake', 'token', f.api.credentials.sde.token);
    }
    const children = await waitFor('SD Elements to load again', async () => {
      const c = await childrenAt(f.ext, 'Fake SD Elements', 'All activities');
      return activities(c).length ? c : undefined;
    });
    assert.equal(activities(children).length, 25);
  });

  it('discovers the workflows of the window, each listing its own runs', async () => {
    const workflows = await childrenAt(f.ext, 'Fake Torq', 'Workflows');
    assert.ok(workflows.length >= 3);
    const runs = activities(await f.ext.tree.getChildren(workflows[0]));
    const id = (workflows[0] as GroupNode).group.id.replace('workflow:', '');
    assert.ok(runs.length > 0 && runs.every((r) => r.activity.workflowId === id));
  });

  it('opens the payload panel of an activity', async () => {
    const [first] = activities(await childrenAt(f.ext, 'Fake Slack app', 'Errors'));
    await vscode.commands.executeCommand('activityLogs.openPayload', first);
    assert.ok(f.ext.panels.openKeys.includes(first.activity.key));
    const tab = await waitFor('the payload tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Fake Slack app')),
    );
    assert.ok(tab.isActive);
  });

  it('changes the time window of a source from settings', async () => {
    await vscode.workspace.getConfiguration('activityLogs').update(
      'sources',
      [...vscode.workspace.getConfiguration('activityLogs').get<Array<Record<string, unknown>>>('sources', [])].map((s) => (s.id === 'torq-fake' ? { ...s, window: '1h' } : s)),
      vscode.ConfigurationTarget.Global,
    );
    await waitFor('the window to apply', () => f.ext.registry.get('torq-fake')?.source && f.ext.registry.get('torq-fake')!.config.window === '1h');
    const [torq] = await f.ext.tree.getChildren();
    assert.equal(f.ext.tree.getTreeItem(torq).description, '1h');
    await childrenAt(f.ext, 'Fake Torq', 'All events');
    // The All events group's own first page (not a Failures group's read for the status bar).
    const call = f.api.requests.of('torq').find((r) => r.path.endsWith('/activity_logs') && r.query.activity_type?.[0] === 'all' && r.query.page_size?.[0] === '25')!;
    assert.ok(call, 'All events read its first page');
    const span = Date.parse(call.query.end_time[0]) - Date.parse(call.query.start_time[0]);
    assert.equal(span, 3600_000);
  });
});
