/**
 * Live tail on the timeline: one core Tail per listing the timeline merges (each source's own
 * listing and Torq's audit log, or each source's search when filtered), all feeding the one list,
 * where an entry is put at its time: one that arrives late goes below newer rows, not at the top.
 */
import * as vscode from 'vscode';
import { Tail } from '../../core/tail';
import type { OutputLog } from '../outputLog';
import { tailSettings } from '../settings';
import type { TimelineProvider } from './timelineProvider';

export class TimelineTail implements vscode.Disposable {
  private tails: Tail[] = [];
  private readonly changedEmitter = new vscode.EventEmitter<boolean>();
  /** Fires with whether the tail runs, when that changes. */
  readonly onDidChange = this.changedEmitter.event;

  constructor(
    private readonly timeline: TimelineProvider,
    private readonly log: OutputLog,
  ) {}

  get running(): boolean {
    return this.tails.length > 0;
  }

  /** Whether the timeline's window reaches now: a window around a past activity has nothing to tail. */
  get possible(): boolean {
    return !this.timeline.mode.around;
  }

  async start(): Promise<void> {
    if (this.running || !this.possible) return;
    // After the first screen: the tails start after the newest row shown instead of at a guess.
    await this.timeline.getChildren();
    const { intervalMs, idleMs } = tailSettings();
    const shown = this.timeline.activities;
    const started: Tail[] = [];
    for (const { listing } of this.timeline.listings) {
      const own = shown.filter((a) => listing.id.startsWith(`${a.sourceId}/`));
      const tail: Tail = new Tail({
        list: listing.list,
        startMs: own.length ? Math.max(...own.map((a) => a.timeMs)) : Date.now() - 60_000,
        knownKeys: own.map((a) => a.key),
        intervalMs,
        idleMs,
        overlapMs: Math.max(2000, listing.lagMs ?? 0),
        service: `${listing.label} (timeline)`,
        onItems: (items) => {
          const added = this.timeline.insertLive(items);
          if (added) this.log.info(`Timeline tail ${listing.label}: ${added} new`);
        },
        onError: (error, retryIn) => this.log.warn(`Timeline tail ${listing.label}: ${error.message}${retryIn >= 0 ? `; next try in ${Math.round(retryIn / 1000)} s` : '; stopped'}`),
        onStop: () => this.stopped(tail),
      });
      started.push(tail);
    }
    if (!started.length) return;
    this.tails = started;
    for (const tail of started) tail.start();
    this.log.info(`Timeline tail: ${started.length} listings every ${intervalMs / 1000} s, each stops after ${idleMs / 60_000} min idle`);
    this.changedEmitter.fire(true);
  }

  stop(): void {
    const running = this.tails;
    this.tails = [];
    for (const tail of running) tail.stop();
    if (running.length) this.changedEmitter.fire(false);
  }

  /** The timeline was rebuilt (filtered, centred, refreshed): a running tail follows its new listings. */
  restart(): void {
    if (!this.running) return;
    this.stop();
    if (this.possible) void this.start();
  }

  dispose(): void {
    this.stop();
    this.changedEmitter.dispose();
  }

  /** A listing's tail ended (stopped, idle, or failing): the timeline is live while any runs. */
  private stopped(tail: Tail): void {
    if (!this.tails.includes(tail)) return;
    this.tails = this.tails.filter((t) => t !== tail);
    if (!this.running) this.changedEmitter.fire(false);
  }
}
