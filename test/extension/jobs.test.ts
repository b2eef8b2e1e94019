/** The three jobs in a real VS Code: failures, live tail, export (search is driven through the palette in test/ui). */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Activity } from '../../src/core/activity';
import type { ActivityNode, GroupNode, TreeNode } from '../../src/ui/tree/nodes';
import { Fixture, nodeAt, setUpSources, tearDown, waitFor } from './support';

const activities = (nodes: TreeNode[]) => nodes.filter((n): n is ActivityNode => n.type === 'activity');

describe('Jobs: failures, live tail, export', () => {
  let f: Fixture;
  before(async () => (f = await setUpSources({ pageSize: 25 })));
  after(async () => tearDown(f));

  it('Next Failure walks failures of every source newest first, opening each and revealing it', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.activityLogs');
    const first = (await vscode.commands.executeCommand('activityLogs.nextFailure')) as Activity;
    const second = (await vscode.commands.executeCommand('activityLogs.nextFailure')) as Activity;
    assert.ok(first && second && first.key !== second.key);
    assert.ok(first.time >= second.time, 'newest first');
    const all = f.ext.failures.failures();
    assert.ok(new Set(all.map((x) => x.activity.sourceKind)).size >= 2, 'failures of more than one product');
    assert.ok(all.length > 0 && all.every((x) => x.activity.outcome === 'failure' || x.activity.level === 'error' || x.activity.level === 'fatal'));
    assert.ok(f.ext.panels.openKeys.includes(second.key));
    const back = (await vscode.commands.executeCommand('activityLogs.previousFailure')) as Activity;
    assert.equal(back.key, first.key);
    const selected = await waitFor('the failure to be selected in the tree', () => f.ext.treeView.selection[0] as ActivityNode | undefined);
    assert.equal(selected.activity.key, first.key);
  });

  it('a live tail adds new activity at the top of an expanded group without collapsing it', async () => {
    const group = (await nodeAt(f.ext, 'Fake Slack app', 'All activity')) as GroupNode;
    await f.ext.treeView.reveal(group, { expand: true });
    const before = activities(await f.ext.tree.getChildren(group));
    let collapsed = 0;
    const watch = f.ext.treeView.onDidCollapseElement(() => collapsed++);
    try {
      await vscode.commands.executeCommand('activityLogs.startTail', group);
      assert.match(String(f.ext.tree.getTreeItem(group).description), /live/);
      f.api.addSlackActivities({ appId: 'A0FAKEAPP1', count: 30, spreadMs: 500 });
      const after = await waitFor('the new activity', async () => {
        const c = activities(await f.ext.tree.getChildren(group));
        return c.length >= before.length + 30 ? c : undefined;
      });
      assert.deepEqual(after.slice(30).map((n) => n.id), before.map((n) => n.id), 'what was there stays, below the new ones');
      assert.ok(after.slice(0, 30).every((n) => n.activity.traceId?.startsWith("Tr0LIVE")));
      assert.equal(collapsed, 0);
    } finally {
      watch.dispose();
      await vscode.commands.executeCommand('activityLogs.stopTail', group);
    }
    await waitFor('the tail to stop', () => !/live/.test(String(f.ext.tree.getTreeItem(group).description)));
  });

  it('exports the loaded items of a group to NDJSON and CSV', async () => {
    const group = (await nodeAt(f.ext, 'Fake Torq', 'Failures')) as GroupNode;
    const loaded = activities(await f.ext.tree.getChildren(group));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-export-'));
    const ndjson = vscode.Uri.file(path.join(dir, 'failures.ndjson'));
    const csv = vscode.Uri.file(path.join(dir, 'failures.csv'));
    assert.equal(await vscode.commands.executeCommand('activityLogs.exportGroup', group, ndjson), loaded.length);
    assert.equal(await vscode.commands.executeCommand('activityLogs.exportGroup', group, csv), loaded.length);
    const lines = fs.readFileSync(ndjson.fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), loaded.map((n) => n.activity.id));
    assert.ok(lines.length > 0 && lines.every((l) => l.outcome === 'failure' && l.raw));
    const rows = fs.readFileSync(csv.fsPath, 'utf8').trim().split('\r\n');
    assert.equal(rows.length, loaded.length + 1);
    assert.match(rows[0], /^time,source,level,outcome/);
  });

  it('exports every result of a search across sources', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-export-'));
    const target = vscode.Uri.file(path.join(dir, 'errors.ndjson'));
    const count = (await vscode.commands.executeCommand('activityLogs.exportSearch', 'level:error since:30d', target)) as number;
    const lines = fs.readFileSync(target.fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, count);
    assert.ok(count > 25, `${count} results: more than one page`);
    assert.ok(lines.every((l) => ['error', 'fatal'].includes(l.level)));
    assert.ok(new Set(lines.map((l) => l.source)).size >= 2);
  });

  it('pins a search as a group under the sources it applies to', async () => {
    await vscode.workspace.getConfiguration('activityLogs').update('pinnedSearches', ['source:slack level:error'], vscode.ConfigurationTarget.Global);
    const pinned = await waitFor('the pinned group', async () => {
      const children = await f.ext.tree.getChildren(await nodeAt(f.ext, 'Fake Slack app'));
      return children.find((c) => c.type === 'group' && c.group.id.startsWith('search:'));
    });
    const results = activities(await f.ext.tree.getChildren(pinned));
    assert.ok(results.length > 0 && results.every((r) => ['error', 'fatal'].includes(r.activity.level)));
    const torqGroups = await f.ext.tree.getChildren(await nodeAt(f.ext, 'Fake Torq'));
    assert.ok(!torqGroups.some((c) => c.type === 'group' && c.group.id.startsWith('search:')), 'not under Torq');
  });
});
