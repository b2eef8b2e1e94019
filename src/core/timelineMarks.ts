/**
 * What the timeline marks and where it opens: changes (someone edited a workflow, an object),
 * a window centred on one activity, and the streams of each source the timeline merges.
 */
import type { Activity } from './activity';
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

/** The streams of the timeline and the lines it says about sources left out. */
export interface TimelinePlan {
  readonly streams: TimelineStream[];
  readonly notes: string[];
}

/**
 * Each source's streams for `window`: without a query, the listing a live tail follows plus its
 * audit log (where Torq's changes are); with one, the source's search (the same language and
 * filtering as the search box), and a source the query cannot apply to is left out with a note.
 */
export function timelineStreams(sources: readonly ActivitySource[], window: ResolvedWindow, query?: ActivityQuery): TimelinePlan {
  const streams: TimelineStream[] = [];
  const notes: string[] = [];
  for (const source of sources) {
    if (query && !queryAppliesToSource(query, source)) continue;
    const stream = (id: string, fetcher: TimelineStream['fetcher'], label = source.label) => streams.push({ id: `${source.id}/${id}`, sourceId: source.id, label, fetcher });
    if (query) {
      const plan = source.search(query, window);
      if (plan.unsupported.length) notes.push(...unsupportedNotes(source, plan));
      else stream('search', plan.fetcher);
      continue;
    }
    for (const group of source.groups()) {
      // The audit log is named: it alone may fail (Torq's needs an Owner-role key) while runs load.
      if (group.list && group.tailDefault) stream(group.id, group.list(window));
      else if (group.list && group.icon === 'audit') stream(group.id, group.list(window), `${source.label} (${group.label})`);
    }
  }
  return { streams, notes };
}
