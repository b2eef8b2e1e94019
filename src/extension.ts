/**
 * The activation shell: registers the view, the commands, the payload panel serializer and the
 * payload document provider, and nothing else. What they forward to (sources, zod, node-fetch,
 * the tree, the panel, search, export: src/ui/services.ts, bundled as dist/services.js) is loaded
 * on first use, when the tree is first asked for its items, a command runs or a panel is restored,
 * so that activation neither compiles nor runs it. Nothing here touches the network.
 */
import * as vscode from 'vscode';
import { PAYLOAD_SCHEME, PAYLOAD_VIEW_TYPE, TIMELINE_VIEW_ID, TREE_VIEW_ID } from './ui/contributions';
import { servicesModule } from './ui/loader';
import { registerSlackLenses } from './ui/slackLensShell';
import type { ActivityLogsApi, Services } from './ui/services';
import type { TimelineNode } from './ui/timeline/timelineNodes';
import type { TreeNode } from './ui/tree/nodes';

export type { ActivityLogsApi } from './ui/services';

export function activate(context: vscode.ExtensionContext): ActivityLogsApi {
  const channel = vscode.window.createOutputChannel('Activity Logs', { log: true });
  const treeChanged = new vscode.EventEmitter<TreeNode | undefined>();
  const timelineChanged = new vscode.EventEmitter<TimelineNode | undefined>();
  const documentChanged = new vscode.EventEmitter<vscode.Uri>();
  const slackLensesChanged = new vscode.EventEmitter<void>();
  const registered = new Set<string>();
  let services: Services | undefined;

  const load = (): Services => {
    if (services) return services;
    const s = servicesModule().startServices({ context, channel, treeView, timelineView });
    services = s;
    context.subscriptions.push(s.tree.onDidChangeTreeData((node) => treeChanged.fire(node)));
    context.subscriptions.push(s.timeline.provider.onDidChangeTreeData((node) => timelineChanged.fire(node)));
    const docs = s.panels.documents.onDidChange?.((uri) => documentChanged.fire(uri));
    if (docs) context.subscriptions.push(docs);
    context.subscriptions.push(s.slackLenses.onDidChange(() => slackLensesChanged.fire()));
    // A command package.json does not contribute still works (a unit test keeps the two equal).
    for (const id of s.commands.keys()) if (!registered.has(id)) registerCommand(id);
    return s;
  };

  const registerCommand = (id: string) => {
    registered.add(id);
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        const run = load().commands.get(id);
        if (!run) throw new Error(`Activity Logs has no command ${id}`);
        return run(...args);
      }),
    );
  };

  // VS Code asks a tree data provider for its optional methods when the view is created, so the
  // stand-in has them all and forwards each call.
  const treeDataProvider: vscode.TreeDataProvider<TreeNode> = {
    onDidChangeTreeData: treeChanged.event,
    getChildren: (node) => load().tree.getChildren(node),
    getTreeItem: (node) => load().tree.getTreeItem(node),
    getParent: (node) => load().tree.getParent(node),
    resolveTreeItem: (item, node) => load().tree.resolveTreeItem(item, node),
  };
  const treeView = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider, showCollapseAll: true, canSelectMany: true }) as vscode.TreeView<unknown>;
  // The timeline's stand-in: the services (and its first requests) load when the view is first shown.
  const timelineDataProvider: vscode.TreeDataProvider<TimelineNode> = {
    onDidChangeTreeData: timelineChanged.event,
    getChildren: (node) => load().timeline.provider.getChildren(node),
    getTreeItem: (node) => load().timeline.provider.getTreeItem(node),
    getParent: () => undefined,
    resolveTreeItem: (item, node) => load().timeline.provider.resolveTreeItem(item, node),
  };
  const timelineView = vscode.window.createTreeView(TIMELINE_VIEW_ID, { treeDataProvider: timelineDataProvider }) as vscode.TreeView<unknown>;

  context.subscriptions.push(
    channel,
    treeChanged,
    timelineChanged,
    documentChanged,
    slackLensesChanged,
    treeView,
    timelineView,
    vscode.window.registerWebviewPanelSerializer(PAYLOAD_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => load().panels.restore(panel, state),
    }),
    vscode.workspace.registerTextDocumentContentProvider(PAYLOAD_SCHEME, {
      onDidChange: documentChanged.event,
      provideTextDocumentContent: (uri, token) => load().panels.documents.provideTextDocumentContent(uri, token),
    }),
    // Links (vscode://<publisher>.<name>/…) go to the command that checks them: src/ui/links.ts.
    vscode.window.registerUriHandler({ handleUri: (uri) => void vscode.commands.executeCommand('activityLogs.openLink', uri) }),
    // Counts above Slack functions and workflows: the services load only for a file defining one.
    registerSlackLenses(() => load().slackLenses, slackLensesChanged.event),
    // Failures are counted once the view is first shown, never during activation.
    treeView.onDidChangeVisibility((e) => e.visible && void load().failures.load()),
  );
  if (treeView.visible) {
    const timer = setTimeout(() => treeView.visible && void load().failures.load(), 0);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  for (const id of contributedCommands(context)) registerCommand(id);

  return {
    get registry() {
      return load().registry;
    },
    get tree() {
      return load().tree;
    },
    treeView,
    get panels() {
      return load().panels;
    },
    get credentials() {
      return load().credentials;
    },
    get failures() {
      return load().failures;
    },
    get tails() {
      return load().tails;
    },
    get timeline() {
      return load().timeline;
    },
  };
}

/** The command ids package.json contributes: the one list of them. */
function contributedCommands(context: vscode.ExtensionContext): string[] {
  const manifest = context.extension.packageJSON as { contributes?: { commands?: ReadonlyArray<{ command?: unknown }> } };
  return (manifest.contributes?.commands ?? []).flatMap((c) => (typeof c.command === 'string' ? [c.command] : []));
}

export function deactivate(): void {}
