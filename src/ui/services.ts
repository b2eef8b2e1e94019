/**
 * Everything behind the activation shell: the sources (zod schemas, node-fetch), the tree, the
 * payload panel, search, export, failures and tails. esbuild bundles this file as dist/services.js,
 * which src/ui/loader.ts requires on first use (the tree is shown, a command runs, a panel is
 * restored), so that activating the extension compiles and runs none of it.
 * Nothing here touches the network until a tree node is expanded or a command asks.
 */
import * as vscode from 'vscode';
import { HttpClient } from '../core/http';
import type { SourceConfig } from '../core/config';
import { SecretRedactor } from '../core/redact';
import { credentialOrigins } from '../sources';
import { registerCommands } from './commands';
import { registerCompareCommands } from './compare';
import { FailureNavigator } from './failures';
import { registerJobCommands } from './jobCommands';
import { registerObjectCommands } from './objectCommands';
import { registerLinkCommands } from './links';
import { outputLog } from './outputLog';
import { PayloadPanels } from './payloadPanel';
import { type CommandHandler, commandRegistrar } from './registerCommand';
import { SecretCredentialStore } from './secrets';
import { registerSlackLensCommands, SlackLenses } from './slackLenses';
import { pageSize, requestTimeoutMs, SECTION, sourceDeclaredByUser } from './settings';
import { SourceRegistry } from './sourceRegistry';
import { TailManager } from './tailManager';
import { registerTimelineCommands, TimelineView } from './timeline/timelineView';
import { ActivityTreeProvider } from './tree/activityTree';

/** What activate() returns: the extension's tests drive the real objects through it. */
export interface ActivityLogsApi {
  readonly registry: SourceRegistry;
  readonly tree: ActivityTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly panels: PayloadPanels;
  readonly credentials: SecretCredentialStore;
  readonly failures: FailureNavigator;
  readonly tails: TailManager;
  readonly timeline: TimelineView;
}

/** What the shell created during activation and hands over. */
export interface Shell {
  readonly context: vscode.ExtensionContext;
  readonly channel: vscode.LogOutputChannel;
  readonly treeView: vscode.TreeView<unknown>;
  readonly timelineView: vscode.TreeView<unknown>;
}

export interface Services extends ActivityLogsApi {
  /** The command handlers, by id (the shell registered the ids with VS Code). */
  readonly commands: ReadonlyMap<string, CommandHandler>;
  /** The counts above Slack functions and workflows, which the shell's CodeLens provider hands over to. */
  readonly slackLenses: SlackLenses;
}

export function startServices({ context, channel, treeView, timelineView }: Shell): Services {
  // One redactor for the sources, their HTTP client and every line of the output channel.
  const redactor = new SecretRedactor();
  const log = outputLog(channel, redactor);
  const originsOf = (c: SourceConfig | undefined): string[] | undefined => (c ? credentialOrigins(c) : undefined);
  const credentials: SecretCredentialStore = new SecretCredentialStore(context.secrets, redactor, {
    current: (id): string[] | undefined => originsOf(registry.get(id)?.config),
    declaredByUser: (id) => originsOf(sourceDeclaredByUser(id)),
  });
  let http = new HttpClient({ log, redactor, timeoutMs: requestTimeoutMs() });
  const registry = new SourceRegistry(() => ({ http, credentials, log, redactor, pageSize: pageSize() }));
  const tree = new ActivityTreeProvider(registry);
  const panels = new PayloadPanels(context, {
    sourceLabel: (a) => registry.get(a.sourceId)?.source?.label ?? a.sourceId,
    loadPayload: async (a, signal) => {
      const source = registry.get(a.sourceId)?.source;
      return source ? source.loadPayload(a, signal) : a.raw;
    },
    findActivity: async (key) => tree.findActivity(key),
  });

  context.subscriptions.push(credentials, registry, tree, panels);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.requestTimeoutSeconds`)) http = new HttpClient({ log, redactor, timeoutMs: requestTimeoutMs() });
      registry.reload();
      tree.refresh();
      timeline.provider.refresh();
    }),
    credentials.onDidChange((sourceId) => {
      registry.get(sourceId)?.source?.credentialsChanged?.();
      tree.refreshSource(sourceId);
      void timeline.provider.retrySource(sourceId);
    }),
  );
  const timeline = new TimelineView(registry, timelineView, log);
  tree.addActivityLookup((key) => timeline.provider.findActivity(key));
  context.subscriptions.push(timeline);
  const failures = new FailureNavigator(registry, tree, treeView, (a) => panels.show(a));
  const tails = new TailManager(registry, tree, log);
  context.subscriptions.push(failures, tails);
  const commands = new Map<string, CommandHandler>();
  registerCommands(commands, { registry, tree, credentials, panels, log });
  registerCompareCommands(commands, { registry, tree, treeView, panels, state: context.globalState, log });
  registerJobCommands(commands, { registry, tree, treeView, failures, tails, state: context.globalState, openPayload: (a) => panels.show(a), log });
  registerObjectCommands(commands, { tree, treeView, log });
  registerLinkCommands(commandRegistrar(commands, log), { registry, tree, treeView, openPayload: (a) => panels.show(a), log, extension: context.extension });
  registerTimelineCommands(commands, { timeline, tree, panels, log });
  const slackLenses = new SlackLenses(registry, tree, treeView);
  context.subscriptions.push(slackLenses);
  registerSlackLensCommands(commands, slackLenses, log);
  return { registry, tree, treeView, panels, credentials, failures, tails, timeline, commands, slackLenses };
}
