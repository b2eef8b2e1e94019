/**
 * The line above each `DefineFunction` / `DefineWorkflow` of a Slack app project: "3 failures in
 * 24h · last run 4m ago", from the configured Slack source of the project's app; clicking it shows
 * that function's or workflow's group in the tree. The activation shell asks only for files whose
 * text defines one (src/ui/slackLensShell.ts); this side answers only for files inside a project
 * whose `.slack/apps*.json` names an app, and reads each source's window once per refresh.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { cancelledError, isCancelled } from '../core/errors';
import { describeWindow, resolveWindow } from '../core/time';
import { type AppDefinition, definitionsInSource } from '../sources/slack/appDefinitions';
import { type CliProjectApp, findCliProjectApps } from '../sources/slack/cliProject';
import { activityOfDefinition, type ComponentActivity, componentActivity, describeComponentActivity } from '../sources/slack/definitionActivity';
import { SlackSource } from '../sources/slack/source';
import type { OutputLog } from './outputLog';
import { type CommandHandler, commandRegistrar } from './registerCommand';
import type { SlackLensProvider } from './slackLensShell';
import type { RegisteredSource, SourceRegistry } from './sourceRegistry';
import type { ActivityTreeProvider } from './tree/activityTree';
import { GroupNode, SourceNode } from './tree/nodes';
import { revealSelected } from './tree/revealSelected';

export const SHOW_COMPONENT_COMMAND = 'activityLogs.showSlackComponent';
/** Folders above a file looked at for `.slack/`: projects keep their functions a level or two down. */
const MAX_DEPTH = 8;
/** "last run 4m ago" is redrawn this often while lenses are shown. */
const AGE_REFRESH_MS = 60_000;

/** What a lens above a definition counts: the definition, in one source. */
interface LensTarget {
  readonly def: AppDefinition;
  readonly sourceId: string;
  /** The source's label, when several sources read the project's app. */
  readonly prefix: string;
}

interface Counted {
  readonly window: string;
  readonly components: readonly ComponentActivity[];
}

/** VS Code's cancellation as an AbortSignal, for the shared read (see SlackSource.windowActivities). */
function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

export class SlackLenses implements SlackLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** The apps of the `.slack/` folder of a directory (none: not a project root), by directory. */
  private readonly appsOfDir = new Map<string, Promise<CliProjectApp[]>>();
  /** Counts per source, until the tree or the sources are refreshed. */
  private readonly counted = new Map<string, Counted>();
  private readonly targets = new WeakMap<vscode.CodeLens, LensTarget>();
  /** Aborted on refresh, so that a shared read already done is read again. */
  private epoch = new AbortController();
  private ageTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly registry: SourceRegistry,
    private readonly tree: ActivityTreeProvider,
    private readonly treeView: vscode.TreeView<unknown>,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.slack/apps*.json');
    const projectsChanged = () => {
      this.appsOfDir.clear();
      this.changed.fire();
    };
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidCreate(projectsChanged),
      watcher.onDidChange(projectsChanged),
      watcher.onDidDelete(projectsChanged),
      registry.onDidChange(() => this.invalidate()),
      // A refresh of the whole tree (undefined) or of a source reads again; a group's own redraws do not.
      tree.onDidChangeTreeData((node) => (node === undefined || node instanceof SourceNode) && this.invalidate()),
    );
  }

  dispose(): void {
    clearInterval(this.ageTimer);
    this.epoch.abort();
    for (const d of this.disposables) d.dispose();
  }

  private invalidate(): void {
    this.epoch.abort();
    this.epoch = new AbortController();
    this.counted.clear();
    this.changed.fire();
  }

  async provide(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const apps = await this.projectApps(document.uri);
    if (!apps.length || token.isCancellationRequested) return [];
    const defs = definitionsInSource(document.getText(), document.uri.fsPath);
    if (!defs.length) return [];
    const appIds = new Set(apps.map((a) => a.appId));
    const sources = this.registry.all.filter((e) => e.config.kind === 'slack' && appIds.has(e.config.appId) && e.source instanceof SlackSource);
    const at = (def: AppDefinition) => new vscode.Range(def.line, def.character, def.line, def.character);
    if (!sources.length) {
      const [first] = defs;
      const lens = new vscode.CodeLens(at(first), {
        title: `Activity Logs: add Slack app ${apps[0].appId} to count its runs here`,
        tooltip: 'Add the app as an Activity Logs source: the line above each function and workflow then counts its failures and runs',
        command: 'activityLogs.addSource',
        arguments: ['slack'],
      });
      return [lens];
    }
    this.ageTimer ??= setInterval(() => this.changed.fire(), AGE_REFRESH_MS);
    return defs.flatMap((def) =>
      sources.map((s) => {
        const lens = new vscode.CodeLens(at(def));
        this.targets.set(lens, { def, sourceId: s.config.id, prefix: sources.length > 1 ? `${s.source!.label}: ` : '' });
        return lens;
      }),
    );
  }

  async resolve(lens: vscode.CodeLens, token: vscode.CancellationToken): Promise<vscode.CodeLens> {
    const target = this.targets.get(lens);
    if (!target) return lens;
    const { def, sourceId, prefix } = target;
    const name = def.title ?? def.callbackId;
    try {
      const counted = await this.count(sourceId, token);
      const found = activityOfDefinition(counted.components, def);
      lens.command = {
        title: prefix + describeComponentActivity(found, counted.window),
        tooltip: `${def.kind === 'function' ? 'Function' : 'Workflow'} ${name} in the last ${counted.window} (Activity Logs): show it in the tree`,
        command: SHOW_COMPONENT_COMMAND,
        arguments: [sourceId, def.kind, found[0]?.componentId],
      };
    } catch (e) {
      if (isCancelled(e)) return lens;
      const message = e instanceof Error ? e.message : String(e);
      lens.command = { title: `${prefix}Activity Logs: ${message.length > 80 ? `${message.slice(0, 79)}…` : message}`, tooltip: message, command: SHOW_COMPONENT_COMMAND, arguments: [sourceId] };
    }
    return lens;
  }

  /** The source's components with their counts, read once per refresh (the tree's Workflow runs share the read). */
  private async count(sourceId: string, token: vscode.CancellationToken): Promise<Counted> {
    const cached = this.counted.get(sourceId);
    if (cached) return cached;
    const entry: RegisteredSource | undefined = this.registry.get(sourceId);
    if (!(entry?.source instanceof SlackSource)) throw new Error(`The source ${sourceId} is gone`);
    const epoch = this.epoch;
    const signal = AbortSignal.any([epoch.signal, abortSignalOf(token)]);
    const activities = await entry.source.windowActivities(resolveWindow(entry.window), signal);
    if (epoch.signal.aborted) throw cancelledError();
    const counted: Counted = { window: describeWindow(entry.window), components: componentActivity(activities) };
    if (!this.counted.has(sourceId)) this.counted.set(sourceId, counted);
    return this.counted.get(sourceId)!;
  }

  /** The apps of the nearest folder at or above the file (inside its workspace folder) that has a `.slack/` apps file. */
  private async projectApps(uri: vscode.Uri): Promise<CliProjectApp[]> {
    const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (!folder) return [];
    let dir = path.dirname(uri.fsPath);
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const apps = await this.appsIn(dir);
      if (apps.length) return apps;
      const relative = path.relative(folder.uri.fsPath, dir);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) break;
      dir = path.dirname(dir);
    }
    return [];
  }

  private appsIn(dir: string): Promise<CliProjectApp[]> {
    let apps = this.appsOfDir.get(dir);
    if (!apps) {
      const read = async (file: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
      this.appsOfDir.set(dir, (apps = findCliProjectApps([dir], read).catch(() => [])));
    }
    return apps;
  }

  /** Shows a function's or workflow's group of a source in the tree (its Functions or Workflows group when it logged nothing). */
  async show(sourceId: unknown, kind?: unknown, componentId?: unknown): Promise<void> {
    if (typeof sourceId !== 'string') return;
    const source = this.tree.sourceNode(sourceId);
    if (!source) return;
    const groupId = kind === 'function' ? 'functions' : kind === 'workflow' ? 'workflows' : undefined;
    const group = groupId ? source.topGroup((g) => g.id === groupId) : undefined;
    let target: SourceNode | GroupNode = group ?? source;
    if (group && typeof componentId === 'string') {
      const children = await group.getChildren();
      target = children.find((c): c is GroupNode => c instanceof GroupNode && c.group.id === `${groupId}:${componentId}`) ?? group;
    }
    await vscode.commands.executeCommand('activityLogs.sources.focus');
    await revealSelected(this.treeView, target);
  }
}

export function registerSlackLensCommands(table: Map<string, CommandHandler>, lenses: SlackLenses, log: OutputLog): void {
  commandRegistrar(table, log)(SHOW_COMPONENT_COMMAND, (sourceId?: unknown, kind?: unknown, componentId?: unknown) => lenses.show(sourceId, kind, componentId));
}
