/** Links in a real VS Code: Copy Link on each product's rows, groups and pinned searches, and what the link opens. */
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import type { ActivityNode, GroupNode, TreeNode } from '../../src/ui/tree/nodes';
import { childrenAt, Fixture, nodeAt, setUpSources, tearDown, waitFor } from './support';

const activities = (nodes: TreeNode[]) => nodes.filter((n): n is ActivityNode => n.type === 'activity');
const paramsOf = (link: string) => new URLSearchParams(decodeURIComponent(link.split('?')[1]));

describe('Links', () => {
  let f: Fixture;
  before(async () => (f = await setUpSources({ pageSize: 25 })));
  after(async () => tearDown(f));

  it('a Slack or SD Elements activity the tree no longer holds opens from its link, read again from its source', async () => {
    for (const [source, group, pick] of [
      ['Fake Slack app', 'All activity', (n: ActivityNode) => n.activity.level === 'info'],
      ['Fake SD Elements', 'All activities', () => true],
    ] as const) {
      const row = activities(await childrenAt(f.ext, source, group)).find(pick)!;
      assert.ok(row, `an activity of ${source}`);
      const link = (await vscode.commands.executeCommand('activityLogs.copyLink', row)) as string;
      assert.equal(await vscode.env.clipboard.readText(), link);
      assert.equal(paramsOf(link).get('origin'), new URL(f.api.url).origin);
      // A whole-tree refresh forgets every loaded activity.
      f.ext.tree.refresh();
      assert.equal(f.ext.tree.findActivity(row.activity.key), undefined);
      f.api.requests.clear();
      await vscode.commands.executeCommand('activityLogs.openLink', vscode.Uri.parse(link));
      await waitFor(`the payload of ${row.activity.key}`, () => f.ext.panels.openKeys.includes(row.activity.key));
      const read = f.api.requests.filter((r) => /activities/.test(r.path));
      assert.ok(read.length >= 1, `${source} was asked`);
      if (source === 'Fake SD Elements') assert.equal(read[0].path, `/api/v2/activities/${row.activity.id}/`, 'SD Elements: by its id');
    }
  });

  it('a link to a discovered group reveals it in the tree, discovering the groups above it', async () => {
    const workflows = await childrenAt(f.ext, 'Fake Torq', 'Workflows');
    const workflow = workflows.find((n): n is GroupNode => n.type === 'group')!;
    const link = (await vscode.commands.executeCommand('activityLogs.copyLink', workflow)) as string;
    assert.deepEqual(paramsOf(link).getAll('path'), ['workflows', workflow.group.id]);
    await vscode.commands.executeCommand('activityLogs.copyAsMarkdown', workflow);
    assert.match(await vscode.env.clipboard.readText(), /^\[.+\]\(.+\/group\?.+\) — group · Fake Torq$/);
    f.ext.tree.refresh();
    await vscode.commands.executeCommand('activityLogs.openLink', link);
    const selected = await waitFor('the group to be selected', () => f.ext.treeView.selection[0] as GroupNode | undefined);
    assert.equal(selected.id, workflow.id);
  });

  it('a pinned search copies as a search link of its source', async () => {
    await vscode.workspace.getConfiguration('activityLogs').update('pinnedSearches', ['level:error'], vscode.ConfigurationTarget.Global);
    const pinned = await waitFor('the pinned search', async () => (await childrenAt(f.ext, 'Fake Slack app')).find((n) => n.id.endsWith('/search:level:error')));
    const link = (await vscode.commands.executeCommand('activityLogs.copyLink', pinned)) as string;
    const params = paramsOf(link);
    assert.match(link, /\/search\?/);
    assert.deepEqual([params.get('q'), params.get('kind'), params.get('account')], ['level:error', 'slack', 'A0FAKEAPP1']);
    const unknown = await nodeAt(f.ext, 'Fake Slack app', 'Errors');
    assert.match((await vscode.commands.executeCommand('activityLogs.copyLink', unknown)) as string, /\/group\?/);
  });
});
