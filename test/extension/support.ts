/** Shared set-up of the tests that run inside the real extension host. */
import * as vscode from 'vscode';
import type { ActivityLogsApi } from '../../src/extension';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { type FakeApi, startFakeApi } from '../fake-api/server';

export const EXTENSION_ID = 'activity-logs.activity-logs';

export async function extensionApi(): Promise<ActivityLogsApi> {
  const ext = vscode.extensions.getExtension<ActivityLogsApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return ext.activate();
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Fixture {
  readonly api: FakeApi;
  readonly ext: ActivityLogsApi;
}

/** Starts the fake APIs in this process and points three sources at them, credentials in SecretStorage. */
export async function setUpSources(settings: { pageSize?: number; withoutCredentials?: string[] } = {}): Promise<Fixture> {
  const api = await startFakeApi();
  const ext = await extensionApi();
  const config = vscode.workspace.getConfiguration('activityLogs');
  await config.update('pageSize', settings.pageSize ?? 25, vscode.ConfigurationTarget.Global);
  await config.update('tail.intervalSeconds', 1, vscode.ConfigurationTarget.Global);
  const sources = [
    { id: 'torq-fake', kind: 'torq', label: 'Fake Torq', apiUrl: api.url, authUrl: api.url },
    { id: 'slack-fake', kind: 'slack', label: 'Fake Slack app', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` },
    { id: 'sde-fake', kind: 'sde', label: 'Fake SD Elements', url: api.url },
  ];
  const secrets: Array<[string, 'clientId' | 'clientSecret' | 'token', string]> = [
    ['torq-fake', 'clientId', api.credentials.torq.clientId],
    ['torq-fake', 'clientSecret', api.credentials.torq.clientSecret],
    ['slack-fake', 'token', api.credentials.slack.token],
    ['sde-fake', 'token', api.credentials.sde.token],
  ];
  // Entered before the sources exist: bound to the one origin all three use.
  for (const [id, name, value] of secrets) {
    if (settings.withoutCredentials?.includes(id)) continue;
    await ext.credentials.set(id, name, value, [new URL(api.url).origin]);
  }
  await config.update('sources', sources, vscode.ConfigurationTarget.Global);
  await waitFor('the sources to load', () => ext.registry.all.length === 3 && ext.registry.all.every((e) => e.source));
  return { api, ext };
}

export async function tearDown(fixture: Fixture | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('activityLogs');
  await config.update('sources', undefined, vscode.ConfigurationTarget.Global);
  await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  await config.update('tail.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
  await config.update('pinnedSearches', undefined, vscode.ConfigurationTarget.Global);
  for (const id of ['torq-fake', 'slack-fake', 'sde-fake']) await fixture?.ext.credentials.forget(id);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await fixture?.api.close();
}

export function labelOf(ext: ActivityLogsApi, node: TreeNode): string {
  const label = ext.tree.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** The children of the node labelled `path[0]`, then of its child `path[1]`... */
export async function childrenAt(ext: ActivityLogsApi, ...path: string[]): Promise<TreeNode[]> {
  let children = await ext.tree.getChildren();
  for (const label of path) {
    const node = children.find((c) => labelOf(ext, c) === label);
    if (!node) throw new Error(`No "${label}" among ${children.map((c) => `"${labelOf(ext, c)}"`).join(', ')}`);
    children = await ext.tree.getChildren(node);
  }
  return children;
}

export async function nodeAt(ext: ActivityLogsApi, ...path: string[]): Promise<TreeNode> {
  const parent = await childrenAt(ext, ...path.slice(0, -1));
  const node = parent.find((c) => labelOf(ext, c) === path[path.length - 1]);
  if (!node) throw new Error(`No "${path[path.length - 1]}"`);
  return node;
}
