/**
 * One list of every source's activities, newest first: a lazy k-way merge over each source's
 * paged stream. A stream's next page is read only when its head is needed, so loading more rows
 * costs requests to the streams that ran out and to no other.
 */
import type { Activity } from './activity';
import { type ActivityLogsError, asActivityLogsError, cancelledError, type Fix } from './errors';
import { throwIfAborted } from './http';
import { type PageFetcher, repeatedCursorError, type UnreadableEntry } from './paging';
import { activityTime } from './entryTime';

export { isChangeActivity, windowAround } from './timelineMarks';

/** One paged stream of the timeline: a source's listing (or one of them: Torq has runs and an audit log). */
export interface TimelineStream {
  /** Unique among the timeline's streams, e.g. `torq/audit`. */
  readonly id: string;
  readonly sourceId: string;
  /** The source's name, for what the timeline says about the stream. */
  readonly label: string;
  /** Newest first, for the timeline's window. */
  readonly fetcher: PageFetcher<Activity>;
}

/** A stream that stopped: the rows of the others stay; `text` says so with the source's name. */
export interface TimelineStreamError {
  readonly streamId: string;
  readonly sourceId: string;
  readonly error: ActivityLogsError;
  readonly fix: Fix;
  readonly text: string;
}

interface StreamState {
  readonly stream: TimelineStream;
  /** Read, newest first, each with its exact time; those from `next` on are not merged yet. */
  buffer: Array<{ activity: Activity; time: string }>;
  /** The head of the buffer (an index rather than `shift`, which moves the whole page each row). */
  next: number;
  cursor: string | undefined;
  started: boolean;
  readonly seenCursors: Set<string>;
  error: ActivityLogsError | undefined;
  pages: number;
}

/**
 * Merge order: newer first; at the same instant (to the nanosecond) by source id, then key, so that
 * the order is total and the same on every load. Times are `Activity.time` (nine digits, UTC):
 * string order is time order, whatever precision the product sent.
 */
export function compareTimeline(a: Activity, b: Activity, aTime = a.time, bTime = b.time): number {
  if (aTime !== bTime) return aTime < bTime ? 1 : -1;
  if (a.sourceId !== b.sourceId) return a.sourceId < b.sourceId ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

/** `time` in the exact form that compares as text; undefined when it cannot be read as a time. */
function exactTime(time: unknown): string | undefined {
  if (typeof time !== 'string') return undefined;
  return CANONICAL_TIME.test(time) ? time : activityTime(time);
}

export class Timeline implements AsyncIterable<Activity> {
  private readonly states: StreamState[];
  private readonly merged: Activity[] = [];
  private readonly times: string[] = [];
  /** Keys merged or waiting in a buffer: a stream repeating an entry across pages shows it once. */
  private readonly seen = new Set<string>();
  private readonly skipped: UnreadableEntry[] = [];
  private running: Promise<unknown> = Promise.resolve();

  constructor(streams: readonly TimelineStream[]) {
    this.states = streams.map((stream) => ({ stream, buffer: [], next: 0, cursor: undefined, started: false, seenCursors: new Set(), error: undefined, pages: 0 }));
  }

  /** The rows merged so far, newest first. */
  get items(): readonly Activity[] {
    return this.merged;
  }

  /** Streams that stopped on an error (cleared by `retry`). */
  get errors(): readonly TimelineStreamError[] {
    return this.states.flatMap(({ stream, error }) =>
      error ? [{ streamId: stream.id, sourceId: stream.sourceId, error, fix: error.fix, text: `${stream.label}: ${error.message}` }] : [],
    );
  }

  /** Entries a stream sent that could not be read or placed in time: skipped and counted. */
  get unreadable(): readonly UnreadableEntry[] {
    return this.skipped;
  }

  /** Pages read per stream id. */
  get pagesRead(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.states.map((s) => [s.stream.id, s.pages]));
  }

  /** Some stream may still give rows: it has rows waiting, pages left, or has not been read. */
  get hasMore(): boolean {
    return this.states.some((s) => s.next < s.buffer.length || this.canRead(s));
  }

  /**
   * The streams whose next page must be read before the merge can give another row: what the
   * next `next` asks for (none while every stream has rows waiting).
   */
  get waiting(): readonly TimelineStream[] {
    return this.states.filter((s) => s.next === s.buffer.length && this.canRead(s)).map((s) => s.stream);
  }

  /**
   * The stream whose page `next(count)` would read first: one already out of rows, else the first
   * whose waiting rows run out before `count` more are merged; none when the waiting rows suffice.
   * What a "Load more" row names before it is clicked.
   */
  neededFor(count: number): readonly TimelineStream[] {
    const empty = this.waiting;
    if (empty.length) return empty;
    const next = this.states.map((s) => s.next);
    for (let taken = 0; taken < count; taken++) {
      let from = -1;
      for (let i = 0; i < this.states.length; i++) {
        const head = this.states[i].buffer[next[i]];
        const best = from < 0 ? undefined : this.states[from].buffer[next[from]];
        if (head && (!best || compareTimeline(head.activity, best.activity, head.time, best.time) < 0)) from = i;
      }
      if (from < 0) return [];
      const s = this.states[from];
      if (++next[from] === s.buffer.length && taken + 1 < count && this.canRead(s)) return [s.stream];
    }
    return [];
  }

  /** Asks a stream that stopped on an error again, from the page that failed, on the next `next`. */
  retry(streamId?: string): void {
    for (const s of this.states) if (!streamId || s.stream.id === streamId) s.error = undefined;
  }

  /**
   * The next `count` rows of the timeline, newest first, also appended to `items`. Fewer when the
   * streams end. Calls run one after another; aborting `signal` throws a cancellation and keeps
   * every row and page read so far (an aborted page is read again next time). With `maxPages`,
   * at most that many pages are read: the rows stop where a further page would be needed.
   */
  next(count: number, signal?: AbortSignal, options: { maxPages?: number } = {}): Promise<Activity[]> {
    const run = this.running.then(() => this.take(count, signal, options.maxPages ?? Infinity));
    this.running = run.catch(() => undefined);
    return run;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Activity> {
    for (;;) {
      const [row] = await this.next(1);
      if (!row) return;
      yield row;
    }
  }

  /**
   * Adds entries a live tail found into the merged rows at their time (an entry that arrived late
   * goes below newer rows, not at the top), skipping those already there. Returns the index each
   * added entry got, in the final list, in the order given.
   */
  insert(activities: readonly Activity[]): number[] {
    const added: Activity[] = [];
    for (const activity of activities) {
      const time = exactTime(activity.time);
      if (this.seen.has(activity.key)) continue;
      if (time === undefined) {
        this.skipped.push({ raw: activity.raw, reason: `The entry's time could not be read: ${String(activity.time).slice(0, 40)}` });
        continue;
      }
      this.seen.add(activity.key);
      this.place(activity, time);
      added.push(activity);
    }
    return added.map((a) => this.merged.indexOf(a));
  }

  private canRead(s: StreamState): boolean {
    return !s.error && (!s.started || s.cursor !== undefined);
  }

  private async take(count: number, signal: AbortSignal | undefined, maxPages: number): Promise<Activity[]> {
    const out: Activity[] = [];
    let pagesLeft = maxPages;
    while (out.length < count) {
      throwIfAborted(signal);
      // Every stream's head is needed to pick the newest: the streams with none read their next page.
      const empty = this.states.filter((s) => s.next === s.buffer.length && this.canRead(s));
      if (empty.length) {
        if (pagesLeft <= 0) break;
        const reading = empty.slice(0, pagesLeft);
        pagesLeft -= reading.length;
        await Promise.all(reading.map((s) => this.readPage(s, signal)));
        if (signal?.aborted) throw cancelledError();
        continue;
      }
      let best: { activity: Activity; time: string } | undefined;
      let from: StreamState | undefined;
      for (const s of this.states) {
        const head = s.buffer[s.next];
        if (head && (!best || compareTimeline(head.activity, best.activity, head.time, best.time) < 0)) [best, from] = [head, s];
      }
      if (!best || !from) break;
      from.next++;
      const { activity, time } = best;
      this.place(activity, time);
      out.push(activity);
    }
    return out;
  }

  /** Reads a stream's next page into its buffer; a failure is kept on the stream, a cancellation leaves it as it was. */
  private async readPage(s: StreamState, signal?: AbortSignal): Promise<void> {
    let page;
    try {
      page = await s.stream.fetcher(s.cursor, signal);
    } catch (e) {
      // Only the caller's cancel leaves the stream to be read again; any other failure (even one
      // that calls itself a cancellation) stops it, or the merge would ask for the page for ever.
      if (!signal?.aborted) s.error = asActivityLogsError(e);
      return;
    }
    s.started = true;
    s.pages++;
    if (page.unreadable) this.skipped.push(...page.unreadable);
    const fresh: Array<{ activity: Activity; time: string }> = [];
    for (const activity of page.items) {
      const time = exactTime(activity.time);
      if (time === undefined) {
        this.skipped.push({ raw: activity.raw, reason: `The entry's time could not be read: ${String(activity.time).slice(0, 40)}` });
      } else if (!this.seen.has(activity.key)) {
        this.seen.add(activity.key);
        fresh.push({ activity, time });
      }
    }
    // A careless server's page out of order is put in order; the merge needs each stream newest first.
    fresh.sort((a, b) => compareTimeline(a.activity, b.activity, a.time, b.time));
    s.buffer = fresh;
    s.next = 0;
    if (page.next && s.seenCursors.has(page.next)) {
      s.cursor = undefined;
      s.error = repeatedCursorError(s.stream.label);
      return;
    }
    if (page.next) s.seenCursors.add(page.next);
    s.cursor = page.next;
  }

  /**
   * Puts a row at its time: at the end in the common case, else where it belongs (a tail's late
   * entry, a stream read again after an error, a page that went back in time).
   */
  private place(activity: Activity, time: string): void {
    const n = this.merged.length;
    if (n === 0 || compareTimeline(this.merged[n - 1], activity, this.times[n - 1], time) < 0) {
      this.merged.push(activity);
      this.times.push(time);
      return;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTimeline(this.merged[mid], activity, this.times[mid], time) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.merged.splice(lo, 0, activity);
    this.times.splice(lo, 0, time);
  }
}
