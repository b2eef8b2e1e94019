/**
 * Paging, once for all three products. Each product's cursor (Torq `next_page_token`, Slack
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

/** A two-step page read at once, for callers that want one page rather than a stream. */
export async function wholePage<T>(raw: Promise<SyncRawPage<T>>): Promise<Page<T>> {
  const page = await raw;
  return { ...page.decode(), next: page.next };
}

/** A PageFetcher over a two-step one: calling it reads and decodes one page. */
export function twoStepFetcher<T>(raw: RawPageFetcher<T>): PageFetcher<T> {
  const fetcher = async (cursor: string | undefined, signal?: AbortSignal): Promise<Page<T>> => {
    const page = await raw(cursor, signal);
    return { ...(await page.decode()), next: page.next };
  };
  return Object.assign(fetcher, { raw });
}

/**
 * The same pages with each page's items turned into others by `map` (run when the page decodes).
 * Should `map` throw, each item is mapped on its own and those that still throw are set aside as
 * unreadable: one entry the mapping cannot handle does not cost the page.
 */
export function mapRawPage<A, B>(page: RawPage<A>, map: (items: readonly A[]) => Promise<readonly B[]> | readonly B[]): RawPage<B> {
  return {
    next: page.next,
    decode: async () => {
      const { items, unreadable = [] } = await page.decode();
      try {
        return { items: await map(items), unreadable };
      } catch (e) {
        if (isCancelled(e)) throw e;
        return mapOneByOne(items, map, unreadable);
      }
    },
  };
}

async function mapOneByOne<A, B>(items: readonly A[], map: (items: readonly A[]) => Promise<readonly B[]> | readonly B[], unreadable: readonly UnreadableEntry[]): Promise<PageEntries<B>> {
  const mapped: B[] = [];
  const failed = [...unreadable];
  for (const item of items) {
    try {
      mapped.push(...(await map([item])));
    } catch (e) {
      if (isCancelled(e)) throw e;
      failed.push({ raw: rawOf(item), reason: `The entry could not be read: ${asActivityLogsError(e).message}` });
    }
  }
  return { items: mapped, unreadable: failed };
}

/** The entry as sent: a client's `{ entry, raw }` pair gives its `raw`, anything else is the entry itself. */
function rawOf(item: unknown): unknown {
  return item !== null && typeof item === 'object' && 'entry' in item && 'raw' in item ? item.raw : item;
}

/** Normalises a product's "no more pages" (absent, null or "") to undefined. */
export function nextCursor(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

/**
 * Page-number paging whose server hands back the absolute URL of the next page (Django REST
 * framework's `next`, SD Elements): the URL is the cursor. It is followed only on the source's own
 * origin, so that a hostile or misconfigured answer cannot send the client (and its credential)
 * elsewhere. One exception: behind a TLS-terminating proxy the server sees plain HTTP and writes
 * `http://` links to its own host; such a link is followed over HTTPS, on the source's origin.
 */
export function nextPageUrl(next: string | null | undefined, origin: string, service: string): string | undefined {
  if (!next) return undefined;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    throw new ActivityLogsError('badResponse', `${service} sent a next-page link that is not a URL`);
  }
  if (url.origin === origin) return url.toString();
  const source = new URL(origin);
  if (isBehindTlsProxy(url, source)) {
    url.protocol = 'https:';
    url.port = source.port;
    return url.toString();
  }
  throw new ActivityLogsError(
    'badResponse',
    `${service} pointed the next page at ${url.origin}, which is not this source's origin ${origin}; stopped paging (check the instance URL, or a proxy rewriting links)`,
    { fix: 'editSource' },
  );
}

/**
 * `next` is plain HTTP to the host of an HTTPS source, on the port a proxy in front of it would
 * pass on: the same explicit port (the Host header kept), or both schemes' default ports.
 */
function isBehindTlsProxy(next: URL, source: URL): boolean {
  if (source.protocol !== 'https:' || next.protocol !== 'http:' || next.hostname !== source.hostname) return false;
  return next.port === source.port || (next.port === '' && source.port === '');
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
