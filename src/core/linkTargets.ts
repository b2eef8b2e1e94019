/**
 * What a received link opens here: which configured sources it can mean (by identity, never by
 * the sender's name for them alone), and the activity it names, found in such a source by id
 * where the API can, otherwise by its time and ids within a few seconds. Only the matched,
 * already configured source is asked; nothing here reads the link's origin as a place to go.
 */
import type { Activity } from './activity';
import { activityTimeMs } from './entryTime';
import type { ActivityLink, SourceIdentity, SourceRef } from './links';
import { findInPages } from './paging';
import type { ActivityQuery } from './query';
import type { ActivitySource } from './source';

/** How far either side of the link's time a listing looks for its activity. */
export const LINK_WINDOW_MS = 5_000;
/** Pages read per listing before giving up: the window is seconds wide, so one usually does. */
const MAX_PAGES = 4;

export interface LinkCandidate {
  readonly id: string;
  readonly identity: SourceIdentity;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Two values that are both known must agree; an unknown one (a Torq workspace not read yet) does not decide. */
const agrees = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

/**
 * The configured sources a link's source can be: the same product, API origin and, where known on
 * both sides, workspace or app and team; the one with the sender's id first. Slack's app id is
 * what a Slack source is, so it must be known and equal.
 */
export function matchingSources<T extends LinkCandidate>(ref: SourceRef, candidates: readonly T[]): T[] {
  const matches = candidates.filter(
    ({ identity }) =>
      identity.sourceKind === ref.sourceKind &&
      sameOrigin(identity.origin, ref.origin) &&
      (ref.sourceKind === 'slack' ? identity.account !== undefined && identity.account === ref.account : agrees(identity.account, ref.account)) &&
      agrees(identity.team, ref.team),
  );
  return [...matches.filter((c) => c.id === ref.sourceId), ...matches.filter((c) => c.id !== ref.sourceId)];
}

/** A source that can read one entry by its id (SD Elements' `/activities/{id}/`). */
export interface ReadsById {
  activityById?(stream: string, id: string, signal?: AbortSignal): Promise<Activity | undefined>;
}

/** The ids a search can narrow the listing by (Torq's workflow filter, Slack's trace filter). */
function narrowingQuery(link: ActivityLink): ActivityQuery {
  return { text: [], sources: [], workflow: link.workflowId, trace: link.traceId };
}

/**
 * The activity `link` names, read from `source` (already matched to the link): by id where the
 * source can; else the search listing narrowed by its ids, then each of the source's own
 * listings, all within LINK_WINDOW_MS of its time. Undefined when none holds it.
 */
export async function locateActivity(source: ActivitySource & ReadsById, link: ActivityLink, signal?: AbortSignal): Promise<Activity | undefined> {
  const isIt = (a: Activity) => a.stream === link.stream && a.id === link.id;
  if (source.activityById) {
    const found = await source.activityById(link.stream, link.id, signal);
    if (found && isIt(found)) return found;
  }
  const at = activityTimeMs(link.time);
  const window = { fromMs: at - LINK_WINDOW_MS, toMs: at + LINK_WINDOW_MS };
  const options = { signal, maxPages: MAX_PAGES, service: source.label };
  const plan = source.search(narrowingQuery(link), window);
  if (!plan.unsupported.length) {
    const found = await findInPages(plan.fetcher, isIt, options);
    if (found) return found;
  }
  // Streams search does not read (Torq's audit log), and ids the search could not narrow by.
  for (const group of source.groups()) {
    if (!group.list) continue;
    const found = await findInPages(group.list(window), isIt, options);
    if (found) return found;
  }
  return undefined;
}
