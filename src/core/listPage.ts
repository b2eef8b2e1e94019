/**
 * From a product's answer to a page: the list-page reader every client uses (envelope checked
 * now, entries one by one when the page decodes), the cursors of the three products, and the
 * mapping of a page's entries to activities. How pages are then read one after another is
 * src/core/paging.ts.
 */
import type * as z from 'zod/mini';
import { ActivityLogsError, errorMessage, isCancelled } from './errors';
import type { Page, PageEntries, PageFetcher, RawPage, RawPageFetcher, SyncRawPage, UnreadableEntry } from './paging';
import { parseWith, readEntries } from './schema';

/**
 * How a product lays out a list answer: the envelope (checked before the next page is asked for,
 * the list in it as an unchecked array), the key of the list, the schema of one entry, and where
 * the next cursor is.
 */
export interface ListFormat<Envelope extends z.core.$ZodType, Entry extends z.core.$ZodType> {
  readonly envelope: Envelope;
  readonly listKey: string;
  readonly entry: Entry;
  readonly next: (body: z.infer<Envelope>) => string | null | undefined;
}

/** An entry of a list: what the entry schema made of it, and exactly as the server sent it. */
export interface ParsedEntry<Entry> {
  readonly entry: Entry;
  readonly raw: unknown;
}

/** A `read` for `readListPage` that keeps both forms of each entry. */
export function parsedEntry<Entry>(entry: Entry, raw: unknown): ParsedEntry<Entry> {
  return { entry, raw };
}

/**
 * One list page from the parsed answer `json`: its envelope and cursor checked now, its entries
 * checked one by one by `decode` (one bad entry is set aside, not the page) and made into what
 * `read` returns from the parsed entry and the entry as sent.
 */
export function readListPage<Envelope extends z.core.$ZodType, Entry extends z.core.$ZodType, T>(
  json: unknown,
  format: ListFormat<Envelope, Entry>,
  service: string,
  read: (entry: z.infer<Entry>, raw: unknown) => T,
): SyncRawPage<T> {
  const body = parseWith(format.envelope, json, service);
  const list = ((body as Record<string, unknown>)[format.listKey] ?? []) as readonly unknown[];
  return {
    next: nextCursor(format.next(body)),
    decode: () => readEntries(format.entry, list, service, [format.listKey], read),
  };
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
      // What the mapping tripped over is the entry's doing: said as it is, not as a bug of ours.
      failed.push({ raw: rawOf(item), reason: `The entry could not be read: ${errorMessage(e)}` });
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
