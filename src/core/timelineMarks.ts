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

/**
 * Torq audit actions that change a workflow (api-spec §1.4: "Workflow created/deleted/updated/
 * published/unpublished/edited/reverted/enabled/disabled"): a run after one may behave differently.
 */
const TORQ_WORKFLOW_CHANGE = /^workflow (created|deleted|updated|published|unpublished|edited|reverted|enabled|disabled)$/i;

/**
 * SD Elements activity names (api-spec §3.3) that change something: created, modified, deleted...
 * Sign-ins, EULA acceptance, completed training modules and generated tokens change nothing a
 * project or its tasks are made of.
 */
const SDE_CHANGE = /^(Accepted(?!Eula)|Activated|Added|Archived|Assigned|Changed|Component|Created|Deactivated|Deleted|Disable|Enable|Locked|Marked|Modified|Removed|Reverted|Unlocked|Unarchived|Updated|UserCreated)/;

/** Slack events that change what runs: a deployment, a workflow published or withdrawn (api-spec §2.3). */
const SLACK_CHANGES = new Set(['function_deployment', 'workflow_published', 'workflow_unpublished']);

/** The activity records a change to what runs or to an object (marked as a change in the timeline). */
export function isChangeActivity(a: Activity): boolean {
  switch (a.sourceKind) {
    case 'torq':
      return a.stream === 'audit' && TORQ_WORKFLOW_CHANGE.test(a.type.trim());
    case 'sde':
      return SDE_CHANGE.test(a.type) && !/^CreatedReport/.test(a.type);
    case 'slack':
      return SLACK_CHANGES.has(a.type);
    default:
      return false;
  }
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
      if (plan.unsupported.length) notes.push(...plan.unsupported.map((term) => `${source.label}: ${term} does not apply`));
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
