/**
 * Wires the services, the tree and the commands. Nothing here touches the network: sources load
 * when their tree nodes are expanded.
 */
import * as vscode from 'vscode';
import { HttpClient } from './core/http';
import { redactingLogger } from './core/log';
import { registerCommands } from './ui/commands';
import { FailureNavigator } from './ui/failures';
import { registerJobCommands } from './ui/jobCommands';
import { registerSdeForm } from './ui/sdeForms';
import { registerSlackForm } from './ui/slackForms';
import { TailManager } from './ui/tailManager';
import { PayloadPanels } from './ui/payloadPanel';
import { SecretCredentialStore } from './ui/secrets';
import { pageSize, requestTimeoutMs, SECTION } from './ui/settings';
import { SourceRegistry } from './ui/sourceRegistry';
import { ActivityTreeProvider } from './ui/tree/activityTree';
import type { SourceItem } from './ui/tree/nodes';

/** What activate() returns: the extension's tests drive the real objects through it. */
export interface ActivityLogsApi {
  readonly registry: SourceRegistry;
  readonly tree: ActivityTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly panels: PayloadPanels;
  readonly credentials: SecretCredentialStore;
  readonly failures: FailureNavigator;
  readonly tails: TailManager;
}

export function activate(context: vscode.ExtensionContext): ActivityLogsApi {
  const channel = vscode.window.createOutputChannel('Activity Logs', { log: true });
  const log = redactingLogger((level, line) => channel[level](line));
  const credentials = new SecretCredentialStore(context.secrets);
  let http = new HttpClient({ log, timeoutMs: requestTimeoutMs() });
  const registry = new SourceRegistry(() => ({ http, credentials, log, pageSize: pageSize() }));
  const tree = new ActivityTreeProvider(registry);
  const treeView = vscode.window.createTreeView('activityLogs.sources', { treeDataProvider: tree, showCollapseAll: true });
  const panels = new PayloadPanels(context, {
    sourceLabel: (a) => registry.get(a.sourceId)?.source?.label ?? a.sourceId,
    loadPayload: async (a, signal) => {
      const source = registry.get(a.sourceId)?.source;
      return source ? source.loadPayload(a, signal) : a.raw;
    },
    findActivity: async (key) => tree.findActivity(key),
  });

  context.subscriptions.push(channel, credentials, registry, tree, treeView, panels);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.requestTimeoutSeconds`)) http = new HttpClient({ log, timeoutMs: requestTimeoutMs() });
      registry.reload();
      tree.refresh();
    }),
    credentials.onDidChange((sourceId) => tree.refresh(tree.getNode(sourceId) as SourceItem | undefined)),
  );
  const view = treeView as vscode.TreeView<unknown>;
  const failures = new FailureNavigator(registry, tree, view, (a) => panels.show(a));
  const tails = new TailManager(registry, tree, channel);
  context.subscriptions.push(
    failures,
    tails,
    // Failures are counted once the view is first shown, never during activation.
    treeView.onDidChangeVisibility((e) => e.visible && void failures.load()),
  );
  if (treeView.visible) void failures.load();
  registerSlackForm();
  registerSdeForm();
  registerCommands(context, { registry, tree, credentials, panels, log: channel });
  registerJobCommands(context, { registry, tree, treeView: view, failures, tails, state: context.globalState, openPayload: (a) => panels.show(a), log: channel });
  return { registry, tree, treeView: view, panels, credentials, failures, tails };
}

export function deactivate(): void {}
