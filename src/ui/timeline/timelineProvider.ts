/**
 * The Timeline view's data: every configured source's activities in one list, newest first, read
 * lazily by the core merge (src/core/timeline.ts). The first screen reads each stream's first
 * page; "Load more" then reads one page, of the stream that ran out, and no other. It can be
 * filtered with the search language, or centred on one activity ("Show Around This Time").
 */
import * as vscode from 'vscode';
import type { Activity } from '../../core/activity';
import { ActivityLogsError, isCancelled } from '../../core/errors';
import { parseQuery } from '../../core/query';
import { resolveWindow, type ResolvedWindow } from '../../core/time';
import { Timeline } from '../../core/timeline';
import { type TimelineListing, timelineListings, windowAround } from '../../core/timelineMarks';
import type { SourceRegistry } from '../sourceRegistry';
import { TimelineLoadMore, TimelineMessage, type TimelineNode, TimelineRow } from './timelineNodes';

/** Rows a screen (the first one, and each "Load more" at the most). */
export const TIMELINE_SCREEN = 50;
/** Screens read at the most to reach the activity a "Show Around This Time" is centred on. */
const MAX_SCREENS_TO_CENTRE = 40;

export interface TimelineMode {
  /** The filter, in the search language, as typed. */
  readonly query?: string;
  /** Show Around This Time: the activity the window is centred on, and its half-width. */
  readonly around?: { readonly activity: Activity; readonly minutes: number };
}

/** A listing and the window the timeline reads it for. */
export interface WindowedListing {
  readonly listing: TimelineListing;
  readonly window: ResolvedWindow;
}

interface Loaded {
  readonly timeline: Timeline;
  readonly listings: readonly WindowedListing[];
  readonly notes: readonly string[];
  /** Sources that could not be built from their settings: shown as rows, like a failed stream. */
  readonly problems: ReadonlyArray<{ sourceId: string; text: string }>;
  readonly controller: AbortController;
  first?: Promise<void>;
  more?: Promise<void>;
}

export class TimelineProvider implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly modeEmitter = new vscode.EventEmitter<void>();
  /** The mode changed (filtered, centred, cleared, refreshed): the list is read again. */
  readonly onDidChangeMode = this.modeEmitter.event;
  private current: TimelineMode = {};
  private loaded: Loaded | undefined;
  /** Row nodes by activity key, kept while the list is: VS Code relates a reveal to its element by identity. */
  private readonly rows = new Map<string, TimelineRow>();

  constructor(
    private readonly registry: SourceRegistry,
    private readonly screen = TIMELINE_SCREEN,
  ) {}

  get mode(): TimelineMode {
    return this.current;
  }

  /** Lines about sources the filter leaves out (a term that does not apply to them). */
  get notes(): readonly string[] {
    return this.loaded?.notes ?? [];
  }

  /** The rows merged so far, newest first. */
  get activities(): readonly Activity[] {
    return this.loaded?.timeline.items ?? [];
  }

  /** The listings the rows come from, with their windows (a live tail polls them). */
  get listings(): readonly WindowedListing[] {
    return this.state().listings;
  }

  /** The core merge, for tests and the bench: pages read per stream, errors. */
  get timeline(): Timeline {
    return this.state().timeline;
  }

  /** Filters by a query (a QueryError when it cannot be read); undefined or '' shows everything. */
  setFilter(text: string | undefined): void {
    const query = text?.trim() || undefined;
    if (query) parseQuery(query);
    this.setMode({ ...this.current, query });
  }

  /** Every source, no filter, each in its own window. */
  clear(): void {
    this.setMode({});
  }

  /**
   * Centres the timeline on `activity`: every source within ±`minutes` of it, read until its row
   * is in the list (put there at its time if no stream lists it). Returns its row, to reveal.
   */
  async showAround(activity: Activity, minutes: number): Promise<TimelineRow> {
    this.setMode({ around: { activity, minutes } });
    const loaded = this.state();
    await this.firstScreen(loaded);
    for (let i = 0; i < MAX_SCREENS_TO_CENTRE && !this.has(activity) && loaded.timeline.hasMore && this.loaded === loaded; i++) {
      await this.read(loaded, this.screen, Infinity);
    }
    if (!this.has(activity)) loaded.timeline.insert([activity]);
    this.changedEmitter.fire(undefined);
    // The list's own object of that entry: the row handed out must be the one the list shows.
    return this.row(loaded.timeline.items.find((a) => a.key === activity.key) ?? activity);
  }

  /** Reads everything again, in the same mode. */
  refresh(): void {
    this.setMode(this.current);
  }

  /** The next rows: at most one page read, from the stream that ran out. */
  async loadMore(): Promise<void> {
    const loaded = this.state();
    if (loaded.more) return loaded.more;
    loaded.more = this.read(loaded, this.screen, 1).finally(() => (loaded.more = undefined));
    this.changedEmitter.fire(undefined); // "Loading…"
    await loaded.more;
    this.changedEmitter.fire(undefined);
  }

  /** Reads a failed stream (every failed one when undefined) again, from the page that failed. */
  async retry(streamId?: string): Promise<void> {
    const loaded = this.state();
    loaded.timeline.retry(streamId);
    await this.loadMore();
  }

  /** Reads the failed streams of a source again (its credentials changed); nothing when none failed. */
  async retrySource(sourceId: string): Promise<void> {
    const failed = this.loaded?.timeline.errors.filter((e) => e.sourceId === sourceId) ?? [];
    if (!failed.length) return;
    for (const e of failed) this.loaded?.timeline.retry(e.streamId);
    await this.loadMore();
  }

  /** Adds what live tails found, each at its time; returns how many were new. */
  insertLive(activities: readonly Activity[]): number {
    const added = this.state().timeline.insert(activities);
    if (added.length) this.changedEmitter.fire(undefined);
    return added.length;
  }

  findActivity(key: string): Activity | undefined {
    return this.rows.get(key)?.activity ?? this.loaded?.timeline.items.find((a) => a.key === key);
  }

  async getChildren(node?: TimelineNode): Promise<TimelineNode[]> {
    if (node) return [];
    const loaded = this.state();
    await this.firstScreen(loaded);
    if (loaded !== this.loaded) return [];
    const { timeline } = loaded;
    const out: TimelineNode[] = [];
    for (const p of loaded.problems) out.push(new TimelineMessage(`timeline/problem/${p.sourceId}`, p.text, { error: new ActivityLogsError('config', p.text), sourceId: p.sourceId }));
    for (const e of timeline.errors) out.push(new TimelineMessage(`timeline/error/${e.streamId}`, e.text, { error: e.error, sourceId: e.sourceId, streamId: e.streamId }));
    for (const a of timeline.items) out.push(this.row(a));
    const unreadable = timeline.unreadable;
    if (unreadable.length) {
      const n = unreadable.length;
      out.push(new TimelineMessage('timeline/unreadable', `${n} ${n === 1 ? 'entry' : 'entries'} could not be read — show raw`, { unreadable, tooltip: `Skipped: ${unreadable[0].reason.slice(0, 500)}\n\nClick to see them as sent.` }));
    }
    if (timeline.hasMore) out.push(new TimelineLoadMore(!!loaded.more, timeline.neededFor(this.screen).map((s) => s.label), timeline.items.length));
    else if (!timeline.items.length && !timeline.errors.length) out.push(new TimelineMessage('timeline/empty', this.emptyText()));
    return out;
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    const item = node.getTreeItem();
    // Screen readers (and UI tests) read the label and description of a message or "Load more".
    if (!item.accessibilityInformation) item.accessibilityInformation = { label: [item.label, item.description].filter(Boolean).join(', ') };
    return item;
  }

  /** The tooltip of an activity, built only when its row is hovered or focused. */
  resolveTreeItem(item: vscode.TreeItem, node: TimelineNode): vscode.TreeItem {
    if (node instanceof TimelineRow && item.tooltip === undefined) item.tooltip = node.tooltip();
    return item;
  }

  /** Every row is a root. */
  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.loaded?.controller.abort();
    this.changedEmitter.dispose();
    this.modeEmitter.dispose();
  }

  private setMode(mode: TimelineMode): void {
    this.current = mode;
    this.loaded?.controller.abort();
    this.loaded = undefined;
    this.rows.clear();
    this.modeEmitter.fire();
    this.changedEmitter.fire(undefined);
  }

  private has(activity: Activity): boolean {
    return this.loaded?.timeline.items.some((a) => a.key === activity.key) ?? false;
  }

  private row(activity: Activity): TimelineRow {
    let row = this.rows.get(activity.key);
    if (!row || row.activity !== activity) {
      row = new TimelineRow(activity, this.registry.get(activity.sourceId)?.source?.label ?? activity.sourceId);
      this.rows.set(activity.key, row);
    }
    return row;
  }

  /** The list of the current mode, built (not read) on first use. */
  private state(): Loaded {
    if (this.loaded) return this.loaded;
    const { query: text, around } = this.current;
    const query = text ? parseQuery(text) : undefined;
    const listings: WindowedListing[] = [];
    const notes: string[] = [];
    const problems: Array<{ sourceId: string; text: string }> = [];
    for (const entry of this.registry.all) {
      if (!entry.source) {
        problems.push({ sourceId: entry.config.id, text: `${entry.config.label ?? entry.config.id}: ${entry.problem ?? 'this source cannot be used'}` });
        continue;
      }
      const window = around ? windowAround(around.activity.timeMs, around.minutes) : resolveWindow(entry.window);
      const plan = timelineListings([entry.source], window, query);
      listings.push(...plan.listings.map((listing) => ({ listing, window })));
      notes.push(...plan.notes);
    }
    if (query?.sources.length && !listings.length && !notes.length) notes.push(`No configured source matches source:${query.sources.join(',')}`);
    const timeline = new Timeline(listings.map(({ listing, window }) => ({ id: listing.id, sourceId: listing.sourceId, label: listing.label, fetcher: listing.list(window) })));
    this.loaded = { timeline, listings, notes, problems, controller: new AbortController() };
    return this.loaded;
  }

  /** Each stream's first page, and the first screen of rows: read once per list. */
  private firstScreen(loaded: Loaded): Promise<void> {
    return (loaded.first ??= this.read(loaded, this.screen, Infinity));
  }

  /** Up to `rows` more rows, reading up to `maxPages` pages; a cancel (the list was replaced) is no error. */
  private async read(loaded: Loaded, rows: number, maxPages: number): Promise<void> {
    try {
      await loaded.timeline.next(rows, loaded.controller.signal, { maxPages });
    } catch (e) {
      if (!isCancelled(e)) throw e;
    }
  }

  private emptyText(): string {
    const { query, around } = this.current;
    if (around) return `Nothing within ±${around.minutes} min`;
    return query ? `No activity matches ${query}` : 'Nothing in the sources’ time windows';
  }
}
