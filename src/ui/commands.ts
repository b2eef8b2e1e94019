/** The extension's commands. Node commands accept the tree item they were invoked on. */
import * as vscode from 'vscode';
import { parseSourceConfigs } from '../core/config';
import { asActivityLogsError, FIX_LABELS, isCancelled } from '../core/errors';
import { describeWindow, parseIsoTime, RELATIVE_WINDOWS } from '../core/time';
import { activityOf, groupOrSourceOf, sourceIdOf } from './commandArgs';
import type { OutputLog } from './outputLog';
import { payloadDocumentText, unreadableDocumentText } from './payloadDocument';
import type { PayloadPanels } from './payloadPanel';
import { type CommandHandler, commandRegistrar } from './registerCommand';
import type { SecretCredentialStore } from './secrets';
import { updateSource } from './settings';
import { addSourceEntry, editSourceFields, promptCredentials, removeSourceEntry } from './sourceForms';
import { isSourceKind, SOURCE_KINDS } from './sourceKinds';
import { goToSource } from './slackCode';
import { pickSource } from './sourcePicker';
import type { RegisteredSource, SourceRegistry } from './sourceRegistry';
import type { ActivityTreeProvider } from './tree/activityTree';
import { FIX_COMMANDS } from './tree/treeItems';
import { ActivityNode, DetailNode, GroupNode, LoadMoreNode, MessageNode } from './tree/nodes';

export interface CommandDeps {
  readonly registry: SourceRegistry;
  readonly tree: ActivityTreeProvider;
  readonly credentials: SecretCredentialStore;
  readonly panels: PayloadPanels;
  readonly log: OutputLog;
}

/** The source a command applies to: from its tree item, an id, or a pick. */
async function resolveSource(deps: CommandDeps, arg: unknown, title: string): Promise<RegisteredSource | undefined> {
  const id = sourceIdOf(arg);
  return id ? deps.registry.get(id) : pickSource(deps.registry, title);
}

export function registerCommands(table: Map<string, CommandHandler>, deps: CommandDeps): void {
  const { registry, tree, credentials, panels } = deps;
  const register = commandRegistrar(table, deps.log);

  // `suggested`: settings a link knows (src/ui/links.ts), offered as the answers.
  register('activityLogs.addSource', async (kindArg?: unknown, suggested?: unknown) => {
    const kind = isSourceKind(kindArg)
      ? SOURCE_KINDS[kindArg]
      : (await vscode.window.showQuickPick(Object.values(SOURCE_KINDS).map((ui) => ({ label: ui.label, ui })), { title: 'Add an Activity Logs source' }))?.ui;
    const entry = await kind?.promptNew(isStringRecord(suggested) ? suggested : undefined);
    if (!entry) return;
    const { id, label } = entry;
    const { sources, problems } = parseSourceConfigs([entry]);
    if (!sources[0]) throw new Error(problems[0] ?? `The new source "${id}" is not valid`);
    if (!(await promptCredentials(credentials, sources[0], label))) return;
    await addSourceEntry(entry);
    await testConnection(deps, id);
  });
  register('activityLogs.addTorqWorkspace', () => vscode.commands.executeCommand('activityLogs.addSource', 'torq'));

  register('activityLogs.editSource', async (arg?: unknown) => {
    const entry = await resolveSource(deps, arg, 'Edit which source?');
    if (entry && (await editSourceFields(entry.config))) registry.reload();
  });

  register('activityLogs.removeSource', async (arg?: unknown) => {
    const entry = await resolveSource(deps, arg, 'Remove which source?');
    if (!entry) return;
    const label = entry.source?.label ?? entry.config.id;
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}? Its stored credentials are deleted too.', label), { modal: true }, remove);
    if (answer !== remove) return;
    await credentials.forget(entry.config.id);
    await removeSourceEntry(entry.config.id);
  });

  register('activityLogs.setCredentials', async (arg?: unknown) => {
    const entry = await resolveSource(deps, arg, 'Set the credentials of which source?');
    if (!entry) return;
    if (await promptCredentials(credentials, entry.config, entry.source?.label ?? entry.config.id)) await testConnection(deps, entry.config.id);
  });

  register('activityLogs.forgetCredentials', async (arg?: unknown) => {
    const entry = await resolveSource(deps, arg, 'Forget the credentials of which source?');
    if (!entry) return;
    await credentials.forget(entry.config.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Forgot the stored credentials of {0}.', entry.source?.label ?? entry.config.id));
  });

  register('activityLogs.testConnection', async (arg?: unknown) => {
    const entry = await resolveSource(deps, arg, 'Test which source?');
    if (entry) await testConnection(deps, entry.config.id);
  });

  register('activityLogs.refresh', (arg?: unknown) => tree.refresh(groupOrSourceOf(arg)));
  register('activityLogs.retry', (arg?: unknown) => {
    // The error row of an expanded run: fetch its execution again.
    if (arg instanceof MessageNode && arg.parent instanceof ActivityNode) return arg.parent.retry();
    const node = groupOrSourceOf(arg);
    return node ? node.retry() : tree.refresh();
  });
  register('activityLogs.loadMore', (arg?: unknown) => {
    const group = arg instanceof LoadMoreNode ? arg.parent : arg instanceof GroupNode ? arg : undefined;
    return group?.loadMore();
  });

  register('activityLogs.setTimeWindow', async (arg?: unknown) => {
    const entry = await resolveSource(deps, arg, 'Set the time window of which source?');
    if (!entry) return;
    const current = describeWindow(entry.window);
    const picks = [
      ...RELATIVE_WINDOWS.map((w) => ({ label: w.label, description: w.setting === current ? 'current' : undefined, value: w.setting as string | undefined })),
      { label: 'Custom range…', description: entry.window.kind === 'range' ? 'current' : undefined, value: 'custom' },
      { label: 'Use the default', description: 'activityLogs.timeWindow', value: undefined },
    ];
    const pick = await vscode.window.showQuickPick(picks, { title: `Time window of ${entry.source?.label ?? entry.config.id}` });
    if (!pick) return;
    let value = pick.value;
    if (value === 'custom') {
      const ask = (title: string, def: string) =>
        vscode.window.showInputBox({
          title,
          value: def,
          prompt: 'RFC 3339, e.g. 2026-11-20T08:00:00Z',
          validateInput: (v) => (parseIsoTime(v) ? undefined : 'Use a time such as 2026-11-20T08:00:00Z'),
        });
      const from = await ask('From', new Date(Date.now() - 86_400_000).toISOString());
      if (!from) return;
      const to = await ask('To', new Date().toISOString());
      if (!to) return;
      if (parseIsoTime(from)!.ms >= parseIsoTime(to)!.ms) throw new Error('The start of the range must be before its end.');
      value = `${from}/${to}`;
    }
    await updateSource(entry.config.id, { window: value });
  });

  register('activityLogs.openPayload', async (arg?: unknown) => {
    const activity = activityOf(tree, arg);
    if (activity) await panels.show(activity);
  });
  register('activityLogs.openAsJson', async (arg?: unknown) => {
    const activity = activityOf(tree, arg);
    if (activity) await panels.openAsDocument(activity);
  });
  register('activityLogs.showUnreadable', async (arg?: unknown) => {
    const unreadable = arg instanceof MessageNode ? arg.unreadable : undefined;
    if (!unreadable?.length) return;
    await showJsonDocument(unreadableDocumentText(unreadable));
  });
  register('activityLogs.showTriggerEvent', async (arg?: unknown) => {
    if (!(arg instanceof DetailNode) || arg.event === undefined) return;
    await showJsonDocument(payloadDocumentText(arg.event));
  });
  register('activityLogs.openInWebUi', async (arg?: unknown) => {
    const activity = activityOf(tree, arg);
    if (!activity?.webUrl) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This activity has no page in the web UI.'));
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(activity.webUrl));
  });
  register('activityLogs.copyId', async (arg?: unknown) => {
    const activity = activityOf(tree, arg);
    if (!activity) return;
    await vscode.env.clipboard.writeText(activity.executionId ?? activity.id);
    vscode.window.setStatusBarMessage(`Copied ${activity.executionId ? 'execution' : 'entry'} id ${activity.executionId ?? activity.id}`, 3000);
  });
  register('activityLogs.goToSource', async (arg?: unknown) => {
    const activity = activityOf(tree, arg);
    const config = activity && registry.get(activity.sourceId)?.config;
    if (activity) await goToSource(activity, config?.kind === 'slack' ? config.appId : undefined);
  });
  register('activityLogs.showLog', () => deps.log.show());
}

/** JSON shown in an untitled editor (a trigger event, unreadable entries, an execution). */
export async function showJsonDocument(content: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(document, { preview: true });
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

async function testConnection(deps: CommandDeps, sourceId: string): Promise<void> {
  const entry = deps.registry.get(sourceId);
  if (!entry?.source) return;
  const source = entry.source;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Connecting to ${source.label}…`, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      try {
        const said = await source.testConnection(controller.signal);
        deps.log.info(`${source.label}: ${said}`);
        void vscode.window.showInformationMessage(deps.log.redact(said));
      } catch (e) {
        if (isCancelled(e)) return;
        const error = asActivityLogsError(e);
        deps.log.warn(`${source.label}: ${error.message}`);
        // The same fixes, worded the same, as the error row the tree shows for this source.
        const fix = error.fix === 'none' ? undefined : error.fix;
        const choice = await vscode.window.showErrorMessage(deps.log.redact(error.message), ...(fix ? [FIX_LABELS[fix]] : []));
        if (fix && choice === FIX_LABELS[fix]) await vscode.commands.executeCommand(FIX_COMMANDS[fix], deps.tree.getNode(sourceId) ?? sourceId);
      }
    },
  );
  deps.tree.refreshSource(sourceId);
}
