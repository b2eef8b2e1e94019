/**
 * Commands of the tree's context menu whose outcome shows only through the API: the page "Open in
 * Web UI" hands to the browser (vscode.env.openExternal, stubbed here: nothing leaves the machine)
 * and the panel "Go to Parent Execution" opens. Each is run on a tree node, as the menu runs it;
 * their clicks in the workbench are in test/ui/paths.ui.js.
 */
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import type { ActivityNode, GroupNode, TreeNode } from '../../src/ui/tree/nodes';
import { childrenAt, Fixture, labelOf, setUpSources, tearDown, waitFor } from './support';

const activities = (nodes: TreeNode[]) => nodes.filter((n): n is ActivityNode => n.type === 'activity');

type Env = { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
type Window = { showInformationMessage: (message: string, ...rest: unknown[]) => Thenable<unknown> };

describe('Context menu paths: Open in Web UI, Go to Parent Execution', () => {
  let f: Fixture;
  const opened: string[] = [];
  const told: string[] = [];
  const env = vscode.env as unknown as Env;
  const window = vscode.window as unknown as Window;
  const realOpenExternal = env.openExternal;
  const realInformation = window.showInformationMessage;

  before(async () => {
    f = await setUpSources({ pageSize: 25 });
    // The extension host leaves vscode.env writable while it runs tests.
    env.openExternal = async (uri) => (opened.push(uri.toString(true)), true);
    window.showInformationMessage = async (message: string) => void told.push(message);
  });
  after(async () => {
    env.openExternal = realOpenExternal;
    window.showInformationMessage = realInformation;
    await tearDown(f);
  });
  beforeEach(() => {
    opened.length = 0;
    told.length = 0;
  });

  const workflowRuns = async () => activities(await childrenAt(f.ext, 'Fake Torq', 'Workflow runs'));

  it('Open in Web UI: a Torq run opens its execution page in the Torq web UI', async () => {
    const runs = (await workflowRuns()).filter((r) => r.activity.workflowId && r.activity.executionId);
    assert.ok(runs.length > 0, 'runs with a workflow and an execution');
    const run = runs[0].activity;
    assert.match(f.ext.tree.getTreeItem(runs[0]).contextValue ?? '', /\bweb\b/, 'the menu offers it');
    await vscode.commands.executeCommand('activityLogs.openInWebUi', runs[0]);
    assert.deepEqual(opened, [`https://app.torq.io/workflows/${run.workflowId}/executions/${run.executionId}`]);
  });

  it('Open in Web UI: an SD Elements activity opens its own page on the instance', async () => {
    const all = activities(await childrenAt(f.ext, 'Fake SD Elements', 'All activities')).filter((a) => a.activity.webUrl);
    assert.ok(all.length > 0, 'activities that link to their page');
    await vscode.commands.executeCommand('activityLogs.openInWebUi', all[0]);
    assert.equal(opened.length, 1);
    assert.equal(new URL(opened[0]).origin, new URL(f.api.url).origin, 'a page of the instance itself');
    assert.equal(opened[0], all[0].activity.webUrl);
  });

  it('Open in Web UI: an event that started no run says it has no page, and opens nothing', async () => {
    const events = activities(await childrenAt(f.ext, 'Fake Torq', 'All events')).filter((e) => !e.activity.executionId);
    assert.ok(events.length > 0, 'events without an execution');
    assert.doesNotMatch(f.ext.tree.getTreeItem(events[0]).contextValue ?? '', /\bweb\b/, 'the menu does not offer it');
    await vscode.commands.executeCommand('activityLogs.openInWebUi', events[0]);
    assert.deepEqual(opened, []);
    assert.deepEqual(told, ['This activity has no page in the web UI.']);
  });

  it('Open in Web UI follows the source\'s uiUrl and executionUrlTemplate', async () => {
    const config = vscode.workspace.getConfiguration('activityLogs');
    const sources = config.get<Array<Record<string, unknown>>>('sources', []);
    await config.update(
      'sources',
      sources.map((s) => (s.id === 'torq-fake' ? { ...s, uiUrl: 'https://torq.example.com', executionUrlTemplate: '{ui}/runs/{execution_id}?workflow={workflow_id}' } : s)),
      vscode.ConfigurationTarget.Global,
    );
    try {
      await waitFor('the template to apply', async () => {
        const runs = (await workflowRuns()).filter((r) => r.activity.executionId);
        return runs[0]?.activity.webUrl?.startsWith('https://torq.example.com/') ? runs : undefined;
      });
      const [run] = (await workflowRuns()).filter((r) => r.activity.workflowId && r.activity.executionId);
      await vscode.commands.executeCommand('activityLogs.openInWebUi', run);
      assert.deepEqual(opened, [`https://torq.example.com/runs/${run.activity.executionId}?workflow=${run.activity.workflowId}`]);
    } finally {
      await config.update('sources', sources, vscode.ConfigurationTarget.Global);
      await waitFor('the sources to load', () => f.ext.registry.all.length === 3 && f.ext.registry.all.every((e) => e.source));
    }
  });

  it('Go to Parent Execution opens the run that started a nested run', async () => {
    const workflows = await childrenAt(f.ext, 'Fake Torq', 'Workflows');
    const enrich = workflows.find((w) => labelOf(f.ext, w) === 'Enrich IOC') as GroupNode | undefined;
    const triage = workflows.find((w) => labelOf(f.ext, w) === 'Phishing triage') as GroupNode | undefined;
    assert.ok(enrich && triage, workflows.map((w) => labelOf(f.ext, w)).join(', '));
    const nested = activities(await f.ext.tree.getChildren(enrich)).filter((n) => n.activity.parentExecutionId);
    assert.ok(nested.length > 0, 'nested runs');
    const child = nested[0];
    assert.match(f.ext.tree.getTreeItem(child).contextValue ?? '', /\bnested\b/, 'the menu offers it');
    // The parent as the tree lists it under its own workflow (Load more until it shows).
    const parent = await waitFor(
      'the parent among the runs of its workflow',
      async () => {
        const runs = activities(await f.ext.tree.getChildren(triage));
        const found = runs.find((r) => r.activity.executionId === child.activity.parentExecutionId);
        if (!found) await f.ext.tree.loadMore(triage);
        return found;
      },
      60_000,
    );
    await vscode.commands.executeCommand('activityLogs.goToParent', child);
    const tab = await waitFor('the parent\'s payload tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.isActive && /^Workflow 'Phishing triage'/.test(t.label)),
    );
    assert.ok(tab);
    assert.ok(f.ext.panels.openKeys.includes(parent.activity.key), `the parent's panel is open: ${f.ext.panels.openKeys.join(', ')}`);
    assert.deepEqual(told, []);
  });
});
