/** Live tails started from the tree: one per group, shown in the tree and the status bar. */
import * as vscode from 'vscode';
import { Tail } from '../core/tail';
import type { OutputLog } from './outputLog';
import type { SourceRegistry } from './sourceRegistry';
import { tailSettings } from './settings';
import type { ActivityTreeProvider } from './tree/activityTree';
import { GroupNode } from './tree/nodes';

export class TailManager implements vscode.Disposable {
  private readonly tails = new Map<string, { tail: Tail; group: GroupNode }>();
  private readonly statusItem = vscode.window.createStatusBarItem('activityLogs.tail', vscode.StatusBarAlignment.Left, 49);

  constructor(
    private readonly registry: SourceRegistry,
    private readonly tree: ActivityTreeProvider,
    private readonly log: OutputLog,
  ) {
    this.statusItem.name = 'Activity Logs live tail';
    this.statusItem.command = 'activityLogs.stopTail';
  }

  get running(): readonly GroupNode[] {
    return [...this.tails.values()].map((t) => t.group);
  }

  async start(group: GroupNode): Promise<void> {
    if (!group.group.list || this.tails.has(group.id)) return;
    // A group never opened loads its first page first: the tail then starts after the newest entry
    // shown, instead of at a guess (a minute ago) while that page, loading at the same time, may
    // already hold what the tail brings.
    if (group.list?.pages === 0) await group.loadMore();
    if (this.tails.has(group.id)) return; // started meanwhile
    const loaded = group.activities;
    const { intervalMs, idleMs } = tailSettings();
    const label = `${this.registry.get(group.sourceId)?.source?.label ?? group.sourceId} › ${group.group.label}`;
    const tail = new Tail({
      list: group.group.list,
      startMs: loaded.length ? Math.max(...loaded.map((a) => a.timeMs)) : Date.now() - 60_000,
      knownKeys: loaded.map((a) => a.key),
      intervalMs,
      idleMs,
      overlapMs: Math.max(2000, group.group.lagMs ?? 0),
      service: label,
      onItems: (items) => {
        const fresh = this.shown(group).prepend(items);
        if (fresh.length) this.log.info(`Tail ${label}: ${fresh.length} new`);
      },
      onError: (error, retryIn) => this.log.warn(`Tail ${label}: ${error.message}${retryIn >= 0 ? `; next try in ${Math.round(retryIn / 1000)} s` : '; stopped'}`),
      onStop: (reason) => {
        this.tails.delete(group.id);
        this.shown(group).setTailing(false);
        this.updateStatus();
        if (reason === 'idle') vscode.window.setStatusBarMessage(`Activity Logs: stopped tailing ${label} after ${Math.round(idleMs / 60_000)} min without new activity`, 5000);
        if (reason === 'error') void vscode.window.showWarningMessage(vscode.l10n.t('Stopped tailing {0}: see the Activity Logs log for the cause.', label), vscode.l10n.t('Show Log')).then((c) => c && this.log.show());
      },
    });
    this.tails.set(group.id, { tail, group });
    group.setTailing(true);
    tail.start();
    this.updateStatus();
    this.log.info(`Tail ${label}: every ${intervalMs / 1000} s, stops after ${idleMs / 60_000} min idle`);
  }

  /** The group's node as the tree has it now: refreshing the whole tree (a setting changed) makes new nodes. */
  private shown(group: GroupNode): GroupNode {
    const node = this.tree.getNode(group.id);
    return node instanceof GroupNode ? node : group;
  }

  stop(group?: GroupNode): void {
    const targets = group ? [this.tails.get(group.id)].filter((t) => !!t) : [...this.tails.values()];
    for (const t of targets) t!.tail.stop();
  }

  private updateStatus(): void {
    const n = this.tails.size;
    if (n === 0) return this.statusItem.hide();
    this.statusItem.text = `$(pulse) Tailing ${n}`;
    this.statusItem.tooltip = `Live tail running on: ${this.running.map((g) => g.group.label).join(', ')} — click to stop`;
    this.statusItem.show();
  }

  dispose(): void {
    this.stop();
    this.statusItem.dispose();
  }
}
