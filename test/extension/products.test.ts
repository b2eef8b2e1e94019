/** The Slack and SD Elements trees in a real VS Code: components, traces in time order, groupings by application and actor. */
import { strict as assert } from 'assert';
import type { ActivityNode, GroupNode, TreeNode } from '../../src/ui/tree/nodes';
import { childrenAt, Fixture, labelOf, setUpSources, tearDown } from './support';

const activities = (nodes: TreeNode[]) => nodes.filter((n): n is ActivityNode => n.type === 'activity');
const groups = (nodes: TreeNode[]) => nodes.filter((n): n is GroupNode => n.type === 'group');

describe('Slack and SD Elements trees', () => {
  let f: Fixture;
  before(async () => (f = await setUpSources({ pageSize: 50 })));
  after(async () => tearDown(f));

  it('Slack: a trace lists its events in time order, each titled as the Slack CLI prints it', async () => {
    const traces = groups(await childrenAt(f.ext, 'Fake Slack app', 'Traces'));
    assert.ok(traces.length > 3, `${traces.length} traces`);
    const events = activities(await f.ext.tree.getChildren(traces[0]));
    assert.ok(events.length > 1);
    const traceId = events[0].activity.traceId;
    assert.ok(events.every((e) => e.activity.traceId === traceId));
    const times = events.map((e) => e.activity.time);
    assert.deepEqual([...times].sort(), times, 'oldest first');
    assert.ok(events.some((e) => /^Workflow '.+' (started|completed|failed)$/.test(e.activity.title) || /^Function '.+' \(.+ function\) (started|completed|failed)/.test(e.activity.title)));
  });

  it('Slack: workflows and functions are grouped by component, each listing only its own', async () => {
    for (const folder of ['Workflows', 'Functions']) {
      const components = groups(await childrenAt(f.ext, 'Fake Slack app', folder));
      assert.ok(components.length > 0, folder);
      const id = components[0].group.id.split(':').pop();
      const items = activities(await f.ext.tree.getChildren(components[0]));
      assert.ok(items.length > 0 && items.every((i) => (i.activity.raw as { component_id: string }).component_id === id), folder);
    }
  });

  it('Slack: Errors holds only error and fatal events, with their error text', async () => {
    const errors = activities(await childrenAt(f.ext, 'Fake Slack app', 'Errors'));
    assert.ok(errors.length > 0 && errors.every((e) => e.activity.level === 'error' || e.activity.level === 'fatal'));
    assert.ok(errors.some((e) => e.activity.error));
  });

  it('SD Elements: by application, project, business unit and actor, names resolved', async () => {
    const roots = (await childrenAt(f.ext, 'Fake SD Elements')).map((n) => labelOf(f.ext, n));
    for (const folder of roots.filter((l) => /^By /.test(l))) {
      const children = groups(await childrenAt(f.ext, 'Fake SD Elements', folder));
      assert.ok(children.length > 1, `${folder}: ${children.length}`);
      const items = activities(await f.ext.tree.getChildren(children[0]));
      assert.ok(items.length > 0, `${folder} › ${labelOf(f.ext, children[0])} lists activities`);
    }
    const actors = groups(await childrenAt(f.ext, 'Fake SD Elements', roots.find((l) => /actor/i.test(l))!));
    assert.ok(actors.some((a) => /[A-Za-z]+ [A-Za-z]+/.test(labelOf(f.ext, a))), 'actor ids resolved to names');
    const all = activities(await childrenAt(f.ext, 'Fake SD Elements', 'All activities'));
    assert.ok(all.length > 0 && all.every((a) => !/\*|\]\(/.test(a.activity.title)), 'markdown shown as plain text');
  });
});
