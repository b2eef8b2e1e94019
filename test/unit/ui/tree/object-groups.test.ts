/**
 * "Show Activities of This Project" in the tree, in plain Node against the fake SD Elements API
 * (test/support/vscodeStub.ts standing in for `vscode`): the group comes first under its source,
 * lists only that project, outlives a refresh of the whole tree, and goes when cleared.
 */
import { strict as assert } from 'assert';
import type { RegisteredSource, SourceRegistry } from '../../../../src/ui/sourceRegistry';
import type { ActivityTreeProvider } from '../../../../src/ui/tree/activityTree';
import type * as Nodes from '../../../../src/ui/tree/nodes';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { installVscodeStub } from '../../../support/vscodeStub';
import { testContext } from '../../../support/testContext';

describe('tree: a project\'s activities as a group of its source (plain Node, fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let nodes: typeof Nodes;
  let tree: ActivityTreeProvider;

  before(async () => {
    installVscodeStub({});
    nodes = await import('../../../../src/ui/tree/nodes');
    const { ActivityTreeProvider: Provider } = await import('../../../../src/ui/tree/activityTree');
    const { createSource } = await import('../../../../src/sources');
    api = await startFakeApi();
    const config = { id: 'sde', kind: 'sde' as const, label: 'SDE', url: api.url };
    const entry = { config, source: createSource(config, testContext({ sde: { token: api.credentials.sde.token } }, { pageSize: 25 })), window: { kind: 'relative', minutes: 400 * 1440 } };
    const all = [entry] as unknown as RegisteredSource[];
    tree = new Provider({ all, problems: [], get: (id: string) => all.find((e) => e.config.id === id) } as unknown as SourceRegistry);
  });
  after(async () => {
    tree.dispose();
    await api.close();
  });

  const label = (node: Nodes.TreeNode) => String(tree.getTreeItem(node).label);
  const groupsOfSource = async () => tree.getChildren(tree.sourceNode('sde'));

  it('shows the group first, lists only that project, keeps it through a refresh, and clears it', async () => {
    const all = (await groupsOfSource()).find((g) => label(g) === 'All activities')!;
    const rows = (await tree.getChildren(all)).filter((n): n is Nodes.ActivityNode => n instanceof nodes.ActivityNode);
    const row = rows.find((r) => typeof (r.activity.raw as { data: { project?: unknown } }).data.project === 'number');
    assert.ok(row, 'an activity of a project');
    const project = (row.activity.raw as { data: { project: number; project_desc: string } }).data;

    const group = tree.sourceNode('sde')!.showObject(row.activity, 'project')!;
    assert.equal(label(group), `Project: ${project.project_desc}`);
    assert.match(tree.getTreeItem(group).contextValue ?? '', /^group.*\bobject\b/, 'its menu offers Clear');
    assert.equal((await groupsOfSource())[0], group, 'first under its source');
    const listed = (await tree.getChildren(group)).filter((n): n is Nodes.ActivityNode => n instanceof nodes.ActivityNode);
    assert.ok(listed.length > 0);
    assert.ok(listed.every((r) => (r.activity.raw as { data: { project?: unknown } }).data.project === project.project));
    assert.equal(tree.sourceNode('sde')!.showObject(row.activity, 'project'), group, 'shown once');

    tree.refresh();
    const afterRefresh = await groupsOfSource();
    assert.equal(label(afterRefresh[0]), `Project: ${project.project_desc}`, 'kept through a refresh of the whole tree');

    tree.sourceNode('sde')!.clearGroup((afterRefresh[0] as Nodes.GroupNode).group.id);
    assert.ok(!(await groupsOfSource()).some((g) => label(g).startsWith('Project: ')), 'cleared');
  });
});
