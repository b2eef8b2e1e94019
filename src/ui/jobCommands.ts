/** Commands for the three jobs: search, failures, live tail; and export. */
import * as vscode from 'vscode';
import type { Activity } from '../core/activity';
import { asActivityLogsError, isCancelled } from '../core/errors';
import { activityOf } from './commandArgs';
import { exportActivities, exportSearch } from './exporter';
import type { FailureNavigator } from './failures';
import type { OutputLog } from './outputLog';
import { type CommandHandler, commandRegistrar } from './registerCommand';
import { showSearch } from './search';
import { pinnedSearches, setPinnedSearches } from './settings';
import type { SourceRegistry } from './sourceRegistry';
import type { TailManager } from './tailManager';
import { pickSource } from './sourcePicker';
import type { ActivityTreeProvider } from './tree/activityTree';
import { GroupNode, RelatedRunNode, SourceNode } from './tree/nodes';
import { payloadDocumentText } from './payloadDocument';
import { showJsonDocument } from './commands';

export interface JobDeps {
  readonly registry: SourceRegistry;
  readonly tree: ActivityTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly failures: FailureNavigator;
  readonly tails: TailManager;
  readonly state: vscode.Memento;
  /** Opens the payload panel of an activity. */
  readonly openPayload: (a: Activity) => Promise<void>;
  readonly log: OutputLog;
}

/** The group a tail or export applies to: the node itself, or a source's default group. */
function groupOf(arg: unknown): GroupNode | undefined {
  if (arg instanceof GroupNode) return arg.group.list ? arg : undefined;
  if (arg instanceof SourceNode) return arg.topGroup((g) => !!g.tailDefault) ?? arg.topGroup((g) => !!g.list);
  return undefined;
}

export function registerJobCommands(table: Map<string, CommandHandler>, deps: JobDeps): void {
  const { tree, failures, tails } = deps;
  const register = commandRegistrar(table, deps.log);

  /** Opens an activity and shows where it is in the tree, when it is there. */
  const openAndReveal = async (a: Activity) => {
    await deps.openPayload(a);
    const item = tree.shownNodeFor(a.key);
    if (item) await Promise.resolve(deps.treeView.reveal(item, { select: true, focus: false })).catch(() => undefined);
  };

  register('activityLogs.search', (initial?: unknown) =>
    showSearch({ registry: deps.registry, state: deps.state, open: openAndReveal }, typeof initial === 'string' ? initial : ''),
  );
  register('activityLogs.unpinSearch', async (arg?: unknown) => {
    const text = arg instanceof GroupNode ? arg.pinnedSearch : undefined;
    const pinned = pinnedSearches();
    const target = text ?? (await vscode.window.showQuickPick(pinned, { title: 'Unpin which search?' }));
    if (target) await setPinnedSearches(pinned.filter((q) => q !== target));
  });

  register('activityLogs.nextFailure', () => failures.go(1));
  register('activityLogs.previousFailure', () => failures.go(-1));
  register('activityLogs.newestFailure', () => failures.go(0));

  // The parent as listed in the tree, else found in the activity log, else its execution by id.
  register('activityLogs.goToParent', async (arg?: unknown) => {
    const a = activityOf(tree, arg);
    const source = a && deps.registry.get(a.sourceId)?.source;
    if (!a || !source) return;
    const parentId = a.parentExecutionId;
    const listed = parentId && tree.findLoaded((x) => x.sourceId === a.sourceId && x.executionId === parentId);
    if (listed) return openAndReveal(listed);
    const { parent, execution } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Finding the parent execution…' }, async () => {
      const found = await source.findParent?.(a).catch((e: unknown) => {
        if (isCancelled(e)) throw e;
        deps.log.warn(`Finding the parent execution in the activity log failed (${asActivityLogsError(e).message}); opening it by id`);
        return undefined;
      });
      return { parent: found, execution: !found && parentId ? await source.loadExecution?.(parentId) : undefined };
    });
    if (parent) return openAndReveal(parent);
    if (execution !== undefined) return showJsonDocument(payloadDocumentText(execution));
    void vscode.window.showInformationMessage(vscode.l10n.t('The parent execution is not in the activity log any more.'));
  });
  register('activityLogs.openRelatedRun', async (arg?: unknown) => {
    if (arg instanceof RelatedRunNode && arg.run) await openAndReveal(arg.run);
  });
  register('activityLogs.showTrace', (arg?: unknown) => {
    const a = activityOf(tree, arg);
    if (a?.traceId) return vscode.commands.executeCommand('activityLogs.search', `source:${a.sourceId} trace:${a.traceId} since:30d`);
  });

  register('activityLogs.startTail', async (arg?: unknown) => {
    const picked = arg ? undefined : await pickSource(deps.registry, 'Tail which source?', true);
    const group = groupOf(arg ?? (picked && tree.sourceNode(picked.config.id)));
    if (!group) return;
    await tails.start(group);
    return Promise.resolve(deps.treeView.reveal(group, { expand: true, focus: false, select: false })).catch(() => undefined);
  });
  register('activityLogs.stopTail', (arg?: unknown) => {
    tails.stop(arg instanceof GroupNode ? arg : groupOf(arg));
  });

  // A target URI may be passed (scripts, tests); otherwise a save dialog asks.
  const targetOf = (value: unknown) => {
    const uri = value && typeof value === 'object' && 'scheme' in value && 'path' in value ? vscode.Uri.from(value as vscode.Uri) : undefined;
    return uri ? { uri, format: uri.path.endsWith('.csv') ? ('csv' as const) : ('ndjson' as const) } : undefined;
  };
  register('activityLogs.exportGroup', async (arg?: unknown, uri?: unknown) => {
    const group = groupOf(arg);
    const items = group?.activities;
    if (!group || !items?.length) return vscode.window.showInformationMessage(vscode.l10n.t('Expand a group to load its activities before exporting them.'));
    return exportActivities(items, `${group.sourceId}-${group.group.id}`.replace(/[^\w.-]+/g, '_'), targetOf(uri));
  });
  register('activityLogs.exportSearch', async (initial?: unknown, uri?: unknown) => {
    const text =
      typeof initial === 'string'
        ? initial
        : await vscode.window.showInputBox({ title: 'Export every result of a search', prompt: 'A search, e.g. status:failed since:7d', ignoreFocusOut: true });
    if (text?.trim()) return exportSearch(deps.registry, text.trim(), targetOf(uri));
  });
}
