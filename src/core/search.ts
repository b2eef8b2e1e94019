/**
 * One query run across several sources, as a stream of what happens: each page of results as it
 * arrives, the terms a source cannot honour, and a source's failure, which ends that source and no
 * other. The search box and the export both render this stream; neither pages a source itself.
 */
import type { Activity } from './activity';
import { type ActivityLogsError, asActivityLogsError, isCancelled } from './errors';
import { iteratePages } from './paging';
import { type ActivityQuery, queryAppliesToSource } from './query';
import type { ActivitySource, SearchPlan } from './source';
import { resolveWindow, type TimeWindow } from './time';

export interface SearchTarget {
  readonly source: ActivitySource;
  readonly window: TimeWindow;
}

export type SearchEvent =
  | { readonly type: 'page'; readonly source: ActivitySource; readonly items: readonly Activity[] }
  /** A line for the reader: a term a source cannot honour, or no source to ask. */
  | { readonly type: 'note'; readonly text: string }
  /** The source stopped there; `text` says so with the source's name. */
  | { readonly type: 'error'; readonly source: ActivitySource; readonly error: ActivityLogsError; readonly text: string };

export interface SearchOptions {
  /** Aborting it ends the stream with a cancellation error. */
  readonly signal?: AbortSignal;
  /** Server pages read per source at the most, so that a typo cannot page for ever. */
  readonly maxPagesPerSource: number;
  readonly maxItemsPerSource?: number;
  /** Sources read at once: all by default; 1 keeps each source's results together, in order. */
  readonly concurrency?: number;
}

export async function* searchSources(targets: readonly SearchTarget[], query: ActivityQuery, options: SearchOptions): AsyncGenerator<SearchEvent> {
  const applicable = targets.filter((t) => queryAppliesToSource(query, t.source));
  if (query.sources.length && applicable.length === 0) yield { type: 'note', text: `No configured source matches source:${query.sources.join(',')}` };
  // Our own signal, so that a reader which stops early also stops the requests still running.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) stop.abort();
    const reads = applicable.map((target) => () => readSource(target, query, options, stop.signal));
    yield* merge(reads, options.concurrency ?? Infinity);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

/** What a search cannot do on a source: one line per query term the source cannot apply (the source is then left out). */
export function unsupportedNotes(source: ActivitySource, plan: SearchPlan): string[] {
  return plan.unsupported.map((term) => `${source.label}: ${term} does not apply`);
}

async function* readSource(target: SearchTarget, query: ActivityQuery, options: SearchOptions, signal: AbortSignal): AsyncGenerator<SearchEvent> {
  const { source } = target;
  const maxItems = options.maxItemsPerSource ?? Infinity;
  let found = 0;
  try {
    const plan = source.search(query, resolveWindow(target.window));
    for (const text of unsupportedNotes(source, plan)) yield { type: 'note', text };
    if (plan.unsupported.length) return;
    for await (const page of iteratePages(plan.fetcher, { signal, maxPages: options.maxPagesPerSource, service: source.label })) {
      yield { type: 'page', source, items: page.items.slice(0, maxItems - found) };
      found += page.items.length;
      if (found >= maxItems) return;
    }
  } catch (e) {
    if (isCancelled(e) || signal.aborted) throw e;
    const error = asActivityLogsError(e);
    yield { type: 'error', source, error, text: `${source.label}: ${error.message}` };
  }
}

/**
 * The events of several streams as they come, at most `concurrency` streams running at once. A
 * stream is asked for its next event only after the reader has taken the last one.
 */
async function* merge<T>(starts: ReadonlyArray<() => AsyncGenerator<T>>, concurrency: number): AsyncGenerator<T> {
  const waiting = [...starts];
  const open = new Set<AsyncGenerator<T>>();
  const pending = new Map<AsyncGenerator<T>, Promise<{ stream: AsyncGenerator<T>; next: IteratorResult<T> }>>();
  const pull = (stream: AsyncGenerator<T>) => pending.set(stream, stream.next().then((next) => ({ stream, next })));
  const fill = () => {
    while (open.size < concurrency && waiting.length) {
      const stream = waiting.shift()!();
      open.add(stream);
      pull(stream);
    }
  };
  try {
    fill();
    while (pending.size) {
      const { stream, next } = await Promise.race(pending.values());
      pending.delete(stream);
      if (next.done) {
        open.delete(stream);
        fill();
        continue;
      }
      yield next.value;
      pull(stream);
    }
  } finally {
    // Streams still open when the reader stops (or one failed): their failures have no one to go to.
    for (const p of pending.values()) p.catch(() => undefined);
    for (const stream of open) stream.return(undefined).catch(() => undefined);
  }
}
