/**
 * Reading pages, once for all three products (how a page is made from an answer is
 * src/core/listPage.ts). Each product's cursor (Torq `next_page_token`, Slack
 * `next_cursor`, SD Elements' `next` URL) is an opaque string here; an empty or absent one ends
 * the listing, and a cursor seen before is a loop that stops with an error rather than spinning.
 */
import { ActivityLogsError, asActivityLogsError, isCancelled } from './errors';
import { throwIfAborted } from './http';

/** An entry of a page that could not be read: skipped, counted, and kept as sent so it can be shown raw. */
export interface UnreadableEntry {
  /** The entry as the server sent it. */
  readonly raw: unknown;
  /** What is wrong with it, naming the field. */
  readonly reason: string;
}

/** What a page holds: the entries read, and those that could not be (absent when none). */
export interface PageEntries<T> {
  readonly items: readonly T[];
  readonly unreadable?: readonly UnreadableEntry[];
}

export interface Page<T> extends PageEntries<T> {
  /** Where the next page starts; undefined on the last page. */
  readonly next?: string;
}

/**
 * A page read in two steps: the answer's envelope is parsed (and checked) far enough to know the
 * next cursor, and `decode` does the rest (validating every entry, mapping it). Readers of many
 * pages ask for the next page before decoding this one, so that the CPU work overlaps the wait.
 */
export interface RawPage<T> {
  /** Where the next page starts; undefined on the last page. Already checked. */
  readonly next?: string;
  /** Validates and maps the page's entries, setting aside those that cannot be read. */
  decode(): Promise<PageEntries<T>> | PageEntries<T>;
}

/** A RawPage whose decoding needs no I/O. */
export interface SyncRawPage<T> extends RawPage<T> {
  decode(): PageEntries<T>;
}

export type RawPageFetcher<T> = (cursor: string | undefined, signal?: AbortSignal) => Promise<RawPage<T>>;

/**
 * Reads one page. A fetcher built by `twoStepFetcher` also offers `raw`, which `iteratePages` and
 * `collectPages` use to send the next request while the current page decodes. One-page-at-a-time
 * readers (the tree's PagedList) simply call it and never ask for a page before it is wanted.
 */
export interface PageFetcher<T> {
  (cursor: string | undefined, signal?: AbortSignal): Promise<Page<T>>;
  readonly raw?: RawPageFetcher<T>;
}

export function repeatedCursorError(service: string): ActivityLogsError {
  return new ActivityLogsError('badResponse', `${service} returned the same page cursor twice; stopped paging to avoid a loop`);
}

/**
 * Yields pages until the last one, or until `maxPages`. With a two-step fetcher the request for
 * page n+1 is sent as soon as page n's cursor is known, before page n is decoded; it is dropped
 * (aborted) if the reader stops early or page n turns out to be bad.
 */
export async function* iteratePages<T>(
  fetchPage: PageFetcher<T>,
  options: { signal?: AbortSignal; maxPages?: number; service?: string } = {},
): AsyncGenerator<Page<T>> {
  if (fetchPage.raw) {
    yield* iterateAhead(fetchPage.raw, options);
    return;
  }
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let n = 0; n < (options.maxPages ?? Infinity); n++) {
    throwIfAborted(options.signal);
    const page = await fetchPage(cursor, options.signal);
    yield page;
    if (!page.next) return;
    if (seen.has(page.next)) throw repeatedCursorError(options.service ?? 'The server');
    seen.add(page.next);
    cursor = page.next;
  }
}

async function* iterateAhead<T>(
  fetchRaw: RawPageFetcher<T>,
  options: { signal?: AbortSignal; maxPages?: number; service?: string },
): AsyncGenerator<Page<T>> {
  const maxPages = options.maxPages ?? Infinity;
  if (maxPages < 1) return;
  throwIfAborted(options.signal);
  // Our own signal, so that a request sent ahead can be dropped without cancelling the caller's.
  const ahead = new AbortController();
  const onAbort = () => ahead.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const seen = new Set<string>();
  let pending: Promise<RawPage<T>> | undefined = fetchRaw(undefined, ahead.signal);
  try {
    for (let n = 1; pending; n++) {
      const page: RawPage<T> = await pending;
      pending = undefined;
      const repeated = page.next !== undefined && seen.has(page.next);
      const more = page.next !== undefined && !repeated && n < maxPages;
      if (more && !options.signal?.aborted) {
        seen.add(page.next!);
        pending = fetchRaw(page.next, ahead.signal);
        // Awaited after this page is decoded and yielded; until then a failure must not count as unhandled.
        pending.catch(() => undefined);
      }
      yield { ...(await page.decode()), next: page.next };
      if (repeated) throw repeatedCursorError(options.service ?? 'The server');
      if (more) throwIfAborted(options.signal);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (pending) ahead.abort();
  }
}

export async function collectPages<T>(fetchPage: PageFetcher<T>, options: { signal?: AbortSignal; maxPages?: number; service?: string } = {}): Promise<T[]> {
  const out: T[] = [];
  for await (const page of iteratePages(fetchPage, options)) out.push(...page.items);
  return out;
}

/**
 * The first item `matches` accepts in the first `maxPages` pages; undefined when none does. Pages
 * are asked for one at a time (never ahead): a search that stops at the first page costs one request.
 */
export async function findInPages<T>(
  fetchPage: PageFetcher<T>,
  matches: (item: T) => boolean,
  options: { signal?: AbortSignal; maxPages: number; service?: string },
): Promise<T | undefined> {
  const oneAtATime: PageFetcher<T> = (cursor, signal) => fetchPage(cursor, signal);
  for await (const page of iteratePages(oneAtATime, options)) {
    const found = page.items.find(matches);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A growing list of items loaded a page at a time: what one tree node shows. A second
 * `loadMore` while one is running joins it instead of loading twice; a failed page keeps what was
 * loaded and records the error so the node can show it with its fix.
 */
export class PagedList<T> {
  private readonly byKey = new Map<string, T>();
  private list: T[] = [];
  private cursor: string | undefined;
  private started = false;
  private readonly seenCursors = new Set<string>();
  private inFlight: Promise<void> | undefined;
  private controller: AbortController | undefined;
  error: ActivityLogsError | undefined;
  /** How many pages have loaded. */
  pages = 0;
  private readonly skipped: UnreadableEntry[] = [];

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly keyOf: (item: T) => string,
    private readonly service = 'The server',
  ) {}

  get items(): readonly T[] {
    return this.list;
  }

  /** The entries of the loaded pages that could not be read (skipped, shown as a count). */
  get unreadable(): readonly UnreadableEntry[] {
    return this.skipped;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** More pages exist (or none has loaded yet). */
  get hasMore(): boolean {
    return !this.started || this.cursor !== undefined;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  loadMore(signal?: AbortSignal): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.hasMore) return Promise.resolve();
    const controller = new AbortController();
    this.controller = controller;
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.inFlight = this.loadPage(controller.signal).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      this.inFlight = undefined;
      this.controller = undefined;
    });
    return this.inFlight;
  }

  /** Stops a load in progress; what was loaded stays. */
  cancel(): void {
    this.controller?.abort();
  }

  private async loadPage(signal: AbortSignal): Promise<void> {
    try {
      const page = await this.fetchPage(this.cursor, signal);
      this.error = undefined;
      this.started = true;
      this.pages++;
      this.append(page.items);
      if (page.unreadable) this.skipped.push(...page.unreadable);
      if (page.next && this.seenCursors.has(page.next)) {
        this.cursor = undefined;
        this.error = repeatedCursorError(this.service);
        return;
      }
      if (page.next) this.seenCursors.add(page.next);
      this.cursor = page.next;
    } catch (e) {
      if (isCancelled(e) || signal.aborted) return;
      this.error = asActivityLogsError(e);
    }
  }

  /** Adds items at the end, skipping ones already present (pages can overlap while new entries arrive). */
  append(items: readonly T[]): number {
    let added = 0;
    for (const item of items) {
      const key = this.keyOf(item);
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, item);
      this.list.push(item);
      added++;
    }
    return added;
  }

  /** Adds newer items at the front (live tail), skipping ones already present; returns those added. */
  prepend(items: readonly T[]): T[] {
    const fresh: T[] = [];
    for (const item of items) {
      const key = this.keyOf(item);
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, item);
      fresh.push(item);
    }
    if (fresh.length) this.list = [...fresh, ...this.list];
    return fresh;
  }
}
