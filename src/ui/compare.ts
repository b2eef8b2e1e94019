/**
 * Compare Payloads and Compare with Last Success: VS Code's own diff editor on two read-only
 * documents of the payload scheme (src/ui/payloadDocument.ts), each payload normalised by
 * src/core/payloadDiff.ts, and the toggle that masks the fields that differ on every run. The
 * toggle holds for every comparison, as the diff editor's own "ignore whitespace" does, and is
 * kept across sessions.
 */
import * as vscode from 'vscode';
import { type Activity, compareNewestFirst, isFailure } from '../core/activity';
import { findLastSuccess, type LastSuccessSearch } from '../core/lastSuccess';
import { normalisePayload } from '../core/payloadDiff';
import { describeWindow, formatLocalTime, resolveWindow } from '../core/time';
import { activityOf } from './commandArgs';
import { loadErrorMessage, withDelayedProgress } from './delayedProgress';
import type { OutputLog } from './outputLog';
import { documentUriParts, isCompareQuery, PAYLOAD_SCHEME } from './payloadDocument';
import { shortTitle } from './payloadHeader';
import type { PayloadPanels } from './payloadPanel';
import { type CommandHandler, commandRegistrar } from './registerCommand';
import type { SourceRegistry } from './sourceRegistry';
import type { ActivityTreeProvider } from './tree/activityTree';
import { ActivityNode } from './tree/nodes';

/** The context key the editor-title buttons read, and the memento key of the toggle. */
export const MASK_CONTEXT = 'activityLogs.compareMasked';
/** Pages of a source's search read per "Compare with Last Success" before asking to go on. */
const LAST_SUCCESS_PAGES = 10;
const TIP_SELECT = 'Ctrl+click (⌘+click on macOS) a second row to select two';

export interface CompareDeps {
  readonly registry: SourceRegistry;
  readonly tree: ActivityTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly panels: PayloadPanels;
  readonly state: vscode.Memento;
  readonly log: OutputLog;
}

export function registerCompareCommands(table: Map<string, CommandHandler>, deps: CompareDeps): void {
  const compare = new PayloadComparison(deps);
  const register = commandRegistrar(table, deps.log);
  register('activityLogs.comparePayloads', (arg?: unknown, selected?: unknown) => compare.comparePayloads(arg, selected));
  register('activityLogs.compareWithLastSuccess', (arg?: unknown) => compare.compareWithLastSuccess(arg));
  register('activityLogs.maskVolatileFields', () => compare.setMasked(true));
  register('activityLogs.unmaskVolatileFields', () => compare.setMasked(false));
}

/** `“title” (source, time)`: an activity as a message or a diff title names it (to the second: the title is long enough). */
function named(activity: Activity, sourceLabel: string): string {
  return `“${shortTitle(activity.title)}” (${sourceLabel}, ${formatLocalTime(activity.time).replace(/\.\d+/, '')})`;
}

/** What a subject (`workflow:…`, `component:…`, `task:…`) is called in a message. */
function subjectWords(activity: Activity): string {
  const [kind, ...rest] = (activity.subject ?? '').split(':');
  const name = kind === 'workflow' || kind === 'step' ? (activity.workflowName ?? rest.join(':')) : rest.join(':');
  return `${kind === 'step' ? 'single step of workflow' : kind} ${name}`;
}

class PayloadComparison {
  private masked: boolean;

  constructor(private readonly deps: CompareDeps) {
    this.masked = deps.state.get<boolean>(MASK_CONTEXT) === true;
    void vscode.commands.executeCommand('setContext', MASK_CONTEXT, this.masked);
    // The secrets the sources registered are masked in what a document shows, as in every message.
    deps.panels.documents.compareText = (entry) =>
      deps.log.redact(normalisePayload(entry.payload, { jsonStringPaths: entry.jsonStringPaths, mask: this.masked, sourceKind: entry.sourceKind })) + '\n';
  }

  private label(activity: Activity): string {
    return this.deps.registry.get(activity.sourceId)?.source?.label ?? activity.sourceId;
  }

  /** From the tree's menu: the row clicked and every selected row; from the palette: nothing, then the tree's selection or a pick. */
  async comparePayloads(arg: unknown, selected: unknown): Promise<void> {
    const fromMenu = arg !== undefined;
    const nodes = Array.isArray(selected) && selected.length ? selected : fromMenu ? [arg] : [...this.deps.treeView.selection];
    let activities = nodes.flatMap((n) => (n instanceof ActivityNode ? [n.activity] : []));
    const say = (text: string) => void vscode.window.showInformationMessage(text);
    if (fromMenu && activities.length < nodes.length) return say(`Compare Payloads compares two activities, not groups or messages: select two activity rows (${TIP_SELECT}).`);
    if (fromMenu && activities.length > 2) return say(`Compare Payloads compares two activities; ${activities.length} are selected. Select exactly two (Ctrl/⌘+click a row to unselect it).`);
    if (activities.length === 2) return this.openDiff(activities[0], activities[1]);
    // From the palette, a selection that is not two activities is no answer: both are asked for.
    if (activities.length > 1) activities = [];
    if (fromMenu) {
      const pick = 'Pick the Second…';
      if ((await vscode.window.showInformationMessage(`Compare Payloads needs two activities: ${TIP_SELECT}, or pick the second from a list.`, pick)) !== pick) return;
    }
    const first = activities[0] ?? (await this.pickActivity('Compare Payloads: the first activity', () => true));
    const second = first && (await this.pickActivity(`Compare ${named(first, this.label(first))} with…`, (a) => a.key !== first.key));
    if (first && second) await this.openDiff(first, second);
  }

  /** A failure from its row, its key (the payload panel's button), or a pick among the failures loaded. */
  async compareWithLastSuccess(arg: unknown): Promise<void> {
    const failed = activityOf(this.deps.tree, arg) ?? (arg === undefined ? await this.pickActivity('Compare with Last Success: which failure?', isFailure) : undefined);
    if (!failed) {
      // A panel restored after a reload names an activity the tree has not loaded again.
      if (arg !== undefined) void vscode.window.showInformationMessage('This activity is not loaded in the Activity Logs view any more: open it from the view again, then compare.');
      return;
    }
    if (!failed.subject) {
      void vscode.window.showInformationMessage(`${named(failed, this.label(failed))} is not a run of a workflow, function or object that runs again: there is no earlier success to compare it with.`);
      return;
    }
    const entry = this.deps.registry.get(failed.sourceId);
    if (!entry?.source) throw new Error(`The source of this activity (${failed.sourceId}) is no longer configured.`);
    const source = entry.source;
    // Resolved once: "Search Further" goes on with the same query, from where it stopped.
    const window = resolveWindow(entry.window);
    let resume: string | undefined;
    let scanned = 0;
    for (;;) {
      const search = await this.searchWithProgress(failed, (signal, onPage) =>
        findLastSuccess(source, failed, window, { maxPages: LAST_SUCCESS_PAGES, resume, signal, onPage }),
      );
      if (!search) return;
      if (search.found) return this.openDiff(search.found, failed);
      scanned += search.scanned;
      const what = `No success of ${subjectWords(failed)} before ${named(failed, source.label)}`;
      const widen = 'Set Time Window…';
      if (!search.resume) {
        const choice = await vscode.window.showInformationMessage(
          `${what} in the time window of ${source.label} (${describeWindow(entry.window)}; ${scanned} activities read). Widen the window to search further back.`,
          widen,
        );
        if (choice === widen) await vscode.commands.executeCommand('activityLogs.setTimeWindow', failed.sourceId);
        return;
      }
      const further = 'Search Further';
      const choice = await vscode.window.showInformationMessage(`${what} among the ${scanned} activities read so far.`, further, widen);
      if (choice === widen) await vscode.commands.executeCommand('activityLogs.setTimeWindow', failed.sourceId);
      if (choice !== further) return;
      resume = search.resume;
    }
  }

  /** Runs a search under a cancellable notification that counts what was read; undefined when cancelled. */
  private searchWithProgress(
    failed: Activity,
    run: (signal: AbortSignal, onPage: (scanned: number, oldest: string | undefined) => void) => Promise<LastSuccessSearch>,
  ): Thenable<LastSuccessSearch | undefined> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Looking for the last success of ${subjectWords(failed)}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await run(controller.signal, (n, oldest) => progress.report({ message: `${n} activities read${oldest ? `, back to ${formatLocalTime(oldest)}` : ''}` }));
        } catch (e) {
          if (controller.signal.aborted) return undefined;
          throw e;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private async pickActivity(title: string, include: (a: Activity) => boolean): Promise<Activity | undefined> {
    const choices = this.deps.tree.loadedActivities().filter(include).sort(compareNewestFirst);
    if (!choices.length) {
      void vscode.window.showInformationMessage('No activities to choose from yet: expand a group in the Activity Logs view first.');
      return undefined;
    }
    const items = choices.map((activity) => ({
      label: `$(${isFailure(activity) ? 'error' : 'circle-outline'}) ${activity.title}`,
      description: `${this.label(activity)} · ${formatLocalTime(activity.time)}`,
      activity,
    }));
    return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.activity;
  }

  /** Loads both payloads (a panel's if open), then opens the diff, the older on the left. */
  private async openDiff(a: Activity, b: Activity): Promise<void> {
    const [left, right] = compareNewestFirst(a, b) > 0 ? [a, b] : [b, a];
    const controller = new AbortController();
    const loads = [left, right].map((activity) => this.deps.panels.payloadOf(activity, controller.signal));
    const results = await withDelayedProgress('Loading the payloads to compare', controller, Promise.allSettled(loads));
    if (controller.signal.aborted) return;
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${named([left, right][i], this.label([left, right][i]))}: ${loadErrorMessage(r.reason)}`] : []));
    if (failed.length) throw new Error(`Could not load the payload${failed.length > 1 ? 's' : ''} to compare. ${failed.join(' ')}`);
    const uris = [left, right].map((activity, i) => {
      const payload = (results[i] as PromiseFulfilledResult<unknown>).value;
      this.deps.panels.documents.set(activity.key, { payload, jsonStringPaths: activity.jsonStringPaths ?? [], sourceKind: activity.sourceKind });
      const uri = vscode.Uri.from(documentUriParts(activity, this.label(activity), true));
      // An open side from an earlier comparison shows this payload afresh.
      this.deps.panels.documentChanged(uri);
      return uri;
    });
    const title = `${named(left, this.label(left))} ↔ ${named(right, this.label(right))}`;
    await vscode.commands.executeCommand('vscode.diff', uris[0], uris[1], title, { preview: false });
  }

  async setMasked(masked: boolean): Promise<void> {
    this.masked = masked;
    await this.deps.state.update(MASK_CONTEXT, masked);
    await vscode.commands.executeCommand('setContext', MASK_CONTEXT, masked);
    // Every side open now is read again: the diff editors update in place.
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === PAYLOAD_SCHEME && isCompareQuery(doc.uri.query)) this.deps.panels.documentChanged(doc.uri);
    }
  }
}
