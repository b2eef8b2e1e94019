/**
 * Failures across every source: "Next Failure" / "Previous Failure" walk them newest to oldest,
 * opening each and revealing it in the tree; a status bar item counts them and opens the newest.
 * The failures are those of each source's Failures group, i.e. the same lists the tree shows.
 */
import * as vscode from 'vscode';
import { Activity, compareNewestFirst, isFailure } from '../core/activity';
import type { SourceRegistry } from './sourceRegistry';
import { definitionFor } from '../sources/slack/entryDefinition';
import { notifyOnNewFailures } from './settings';
import type { ActivityTreeProvider } from './tree/activityTree';
import type { GroupNode } from './tree/nodes';

export class FailureNavigator implements vscode.Disposable {
  private readonly statusItem = vscode.window.createStatusBarItem('activityLogs.failures', vscode.StatusBarAlignment.Left, 50);
  /** Beside the count while the failure Next/Previous Failure landed on is a Slack one: its code, one click away. */
  private readonly sourceItem = vscode.window.createStatusBarItem('activityLogs.failureSource', vscode.StatusBarAlignment.Left, 49);
  private currentKey: string | undefined;
  private readonly known = new Set<string>();
  private primed = false;
  private reloadTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly registry: SourceRegistry,
    private readonly tree: ActivityTreeProvider,
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly open: (activity: Activity) => Promise<void>,
  ) {
    this.statusItem.name = 'Activity Logs failures';
    this.statusItem.command = 'activityLogs.newestFailure';
    this.sourceItem.name = 'Activity Logs: Go to Source of the failure';
    this.sourceItem.text = '$(go-to-file) Go to Source';
    this.disposables.push(
      this.statusItem,
      this.sourceItem,
      tree.onDidLoad(({ group, activities }) => {
        if (!group.group.failures && !activities.some(isFailure)) return;
        this.noticeNew(activities.filter(isFailure));
        this.updateStatus();
      }),
      registry.onDidChange(() => this.updateStatus()),
      // A refresh (the view's button, a new time window) drops the lists the count is made of:
      // without loading them again the count stays stale and new failures go unnoticed.
      tree.onDidChangeTreeData((node) => {
        // A refresh of the whole tree forgets the activities: the failure offered may be gone.
        if (node === undefined) this.offerSource(undefined);
        this.reloadSoon();
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of this.disposables) d.dispose();
  }

  private reloadSoon(): void {
    if (!this.primed || this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.load();
    }, 0);
  }

  /** The Failures group of every source. */
  private failureGroups(): GroupNode[] {
    return this.registry.all.flatMap((e) => {
      const g = this.tree.sourceNode(e.config.id)?.topGroup((spec) => !!spec.failures);
      return g ? [g] : [];
    });
  }

  /** Loads the first page of every Failures group not loaded yet (in parallel). */
  async load(): Promise<void> {
    await Promise.all(
      this.failureGroups().map(async (g) => {
        const list = g.list;
        if (list && list.pages === 0 && !list.error) await g.loadMore();
      }),
    );
    this.primed = true;
    this.updateStatus();
  }

  /** All failures loaded, newest first, with the group that holds each. */
  failures(): Array<{ activity: Activity; group: GroupNode }> {
    const out: Array<{ activity: Activity; group: GroupNode }> = [];
    for (const g of this.failureGroups()) {
      for (const activity of g.activities) if (isFailure(activity)) out.push({ activity, group: g });
    }
    return out.sort((a, b) => compareNewestFirst(a.activity, b.activity));
  }

  /** Moves to the next (older, +1) or previous (newer, -1) failure, wrapping at the ends. */
  async go(step: 1 | -1 | 0): Promise<Activity | undefined> {
    if (!this.primed) await this.load();
    const all = this.failures();
    if (all.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No failures in the current time windows.'));
      return undefined;
    }
    const at = this.currentKey ? all.findIndex((f) => f.activity.key === this.currentKey) : -1;
    const index = step === 0 || at < 0 ? (step === -1 ? all.length - 1 : 0) : (at + step + all.length) % all.length;
    const target = all[index];
    this.currentKey = target.activity.key;
    this.statusItem.text = `$(error) ${index + 1}/${all.length}`;
    this.offerSource(target.activity);
    await this.open(target.activity);
    await this.reveal(target.group, target.activity);
    return target.activity;
  }

  async reveal(group: GroupNode, activity: Activity): Promise<void> {
    try {
      await this.treeView.reveal(group.activityNode(activity), { select: true, focus: false, expand: true });
    } catch {
      // The view may be hidden or the item filtered: opening the payload is what matters.
    }
  }

  /** Shows Go to Source for a Slack failure that names a function or workflow, hides it otherwise. */
  private offerSource(activity: Activity | undefined): void {
    if (activity?.sourceKind !== 'slack' || !definitionFor(activity.raw)) {
      this.sourceItem.hide();
      return;
    }
    this.sourceItem.command = { title: 'Go to Source', command: 'activityLogs.goToSource', arguments: [activity.key] };
    this.sourceItem.tooltip = `Open the definition of what failed: ${activity.title}`;
    this.sourceItem.show();
  }

  private noticeNew(failures: Activity[]): void {
    const fresh = failures.filter((a) => !this.known.has(a.key));
    for (const a of failures) this.known.add(a.key);
    // The first load of each list only establishes what is known: nothing there is "new".
    if (!this.primed || fresh.length === 0 || !notifyOnNewFailures()) return;
    const newest = fresh.sort(compareNewestFirst)[0];
    const goToSource = 'Go to Source';
    void vscode.window
      .showWarningMessage(`${fresh.length === 1 ? 'New failure' : `${fresh.length} new failures`}: ${newest.title}`, 'Open', ...(newest.sourceKind === 'slack' && definitionFor(newest.raw) ? [goToSource] : []))
      .then((choice) => (choice === goToSource ? vscode.commands.executeCommand('activityLogs.goToSource', newest.key) : choice && this.open(newest)));
  }

  private updateStatus(): void {
    const n = this.failures().length;
    if (n === 0) {
      this.statusItem.hide();
      this.offerSource(undefined);
      return;
    }
    this.statusItem.text = `$(error) ${n}`;
    this.statusItem.tooltip = `${n} failure${n === 1 ? '' : 's'} in the current time windows — click to open the newest`;
    this.statusItem.show();
  }
}
