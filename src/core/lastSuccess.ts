/**
 * "Compare with Last Success": the run a failure is compared with, found by paging back through
 * the source from the failure, newest first, within a bound of pages the caller sets; the caller
 * may go on from where a bounded search stopped.
 */
import type { Activity } from './activity';
import { repeatedCursorError } from './paging';
import { lastSuccessBefore } from './payloadDiff';
import type { ActivityQuery } from './query';
import type { ActivitySource } from './source';
import type { ResolvedWindow } from './time';

export interface LastSuccessSearch {
  /** The newest good run of the same subject before the failure; undefined when none was read. */
  readonly found?: Activity;
  /** Activities read (after the source's own filtering). */
  readonly scanned: number;
  /** Pages asked for in this call. */
  readonly pages: number;
  /** Where to go on from when the page bound stopped the search; undefined when the window was read to its start. */
  readonly resume?: string;
  /** The time span searched: the source's window, ending at the failure. */
  readonly window: ResolvedWindow;
}

export interface LastSuccessOptions {
  /** Pages of the source's search to read at most (each may scan a few server pages). */
  readonly maxPages: number;
  /** A `resume` of an earlier search of the same failure. */
  readonly resume?: string;
  readonly signal?: AbortSignal;
  /** After each page: activities read so far and the oldest time reached. */
  readonly onPage?: (scanned: number, oldestTime: string | undefined) => void;
}

/**
 * What the search asks the source for: activities up to the failure, narrowed to its subject
 * where the query language can say it (the source then filters on the server where its API
 * can). The narrowing only ever keeps more than the subject: `lastSuccessBefore` decides.
 */
export function lastSuccessQuery(failed: Activity): ActivityQuery {
  const [term, ...rest] = (failed.subject ?? '').split(':');
  const value = rest.join(':');
  // Torq's runs and single steps and Slack's workflows go by the `workflow:` term, Slack's functions by `component:`.
  const narrow = term === 'workflow' || term === 'step' ? { workflow: value } : term === 'component' ? { component: value } : {};
  // The failure's own millisecond is included: times are finer than that, and the exact order is lastSuccessBefore's.
  return { text: [], sources: [], untilMs: failed.timeMs + 1, ...narrow };
}

/**
 * The window searched: the source's, ending at the failure. A failure older than the window's
 * start (found by a search with its own `since:`) gets a window as long, ending at it.
 */
export function searchWindowBefore(failed: Activity, window: ResolvedWindow): ResolvedWindow {
  const toMs = Math.min(window.toMs, failed.timeMs + 1);
  const fromMs = window.fromMs < toMs ? window.fromMs : toMs - Math.max(window.toMs - window.fromMs, 60_000);
  return { fromMs, toMs };
}

/** Pages back from `failed` until its last success, the start of the window, or `maxPages`. */
export async function findLastSuccess(source: ActivitySource, failed: Activity, window: ResolvedWindow, options: LastSuccessOptions): Promise<LastSuccessSearch> {
  const searched = searchWindowBefore(failed, window);
  const { fetcher } = source.search(lastSuccessQuery(failed), searched);
  const seen = new Set<string>();
  let cursor = options.resume;
  let scanned = 0;
  for (let pages = 1; ; pages++) {
    const page = await fetcher(cursor, options.signal);
    scanned += page.items.length;
    options.onPage?.(scanned, page.items[page.items.length - 1]?.time);
    // Newest first: the first page holding a match holds the newest one.
    const found = lastSuccessBefore(failed, page.items);
    if (found) return { found, scanned, pages, window: searched };
    if (!page.next) return { scanned, pages, window: searched };
    if (seen.has(page.next)) throw repeatedCursorError(source.label);
    seen.add(page.next);
    cursor = page.next;
    if (pages >= options.maxPages) return { scanned, pages, resume: cursor, window: searched };
  }
}
