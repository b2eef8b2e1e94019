/**
 * What the timeline marks and where it opens: changes (someone edited a workflow, an object),
 * a window centred on one activity, and the streams of each source the timeline merges.
 */
import type { Activity } from './activity';
import type { PageFetcher } from './paging';
import type { ActivityQuery } from './query';
import { queryAppliesToSource } from './query';
import type { ActivitySource } from './source';
import type { ResolvedWindow } from './time';
import type { TimelineStream } from './timeline';
import { unsupportedNotes } from './search';

/** The activity records a change to what runs or to an object: each product says which of its entries do. */
export function isChangeActivity(a: Activity): boolean {
  return a.isChange === true;
}

/** The window of "Show Around This Time": `minutes` either side of `timeMs`. */
export function windowAround(timeMs: number, minutes = 5): ResolvedWindow {
  const half = Math.max(0, minutes) * 60_000;
  return { fromMs: timeMs - half, toMs: timeMs + half };
}

/** A listing the timeline merges, for any window: the timeline reads it, a live tail polls it. */
export interface TimelineListing {
  /** Unique among the timeline's listings, e.g. `torq/audit`. */
  readonly id: string;
  readonly sourceId: string;
  readonly label: string;
  /** Newest first, for a window. */
  readonly list: (window: ResolvedWindow) => PageFetcher<Activity>;
  /** Entries can appear this late (Torq's audit log): a live tail looks back this far. */
  readonly lagMs?: number;
}

/** The listings of the timeline and the lines it says about sources left out. */
export interface TimelineListings {
  readonly listings: TimelineListing[];
  readonly notes: string[];
}

/** The streams of the timeline and the lines it says about sources left out. */
export interface TimelinePlan {
  readonly streams: TimelineStream[];
  readonly notes: string[];
}

/**
 * Each source's listings: without a query, the listing a live tail follows plus its audit log
 * (where Torq's changes are); with one, the source's search (the same language and filtering as
 * the search box), and a source the query cannot apply to is left out with a note (`window` is
 * the one the query is planned for).
 */
export function timelineListings(sources: readonly ActivitySource[], window: ResolvedWindow, query?: ActivityQuery): TimelineListings {
  const listings: TimelineListing[] = [];
  const notes: string[] = [];
  for (const source of sources) {
    if (query && !queryAppliesToSource(query, source)) continue;
    const add = (id: string, list: TimelineListing['list'], label = source.label, lagMs?: number) => listings.push({ id: `${source.id}/${id}`, sourceId: source.id, label, list, lagMs });
    if (query) {
      const plan = source.search(query, window);
      if (plan.unsupported.length) notes.push(...unsupportedNotes(source, plan));
      else add('search', (w) => (w === window ? plan.fetcher : source.search(query, w).fetcher));
      continue;
    }
    for (const group of source.groups()) {
      // The audit log is named: it alone may fail (Torq's needs an Owner-role key) while runs load.
      if (group.list && group.tailDefault) add(group.id, group.list, source.label, group.lagMs);
      else if (group.list && group.icon === 'audit') add(group.id, group.list, `${source.label} (${group.label})`, group.lagMs);
    }
  }
  return { listings, notes };
}

/** Each source's streams for `window` (see `timelineListings`). */
export function timelineStreams(sources: readonly ActivitySource[], window: ResolvedWindow, query?: ActivityQuery): TimelinePlan {
  const { listings, notes } = timelineListings(sources, window, query);
  return { streams: listings.map(({ id, sourceId, label, list }) => ({ id, sourceId, label, fetcher: list(window) })), notes };
}
