/**
 * The one normalised shape every source maps its entries to, so the tree, search, failure
 * navigation and the payload panel are written once.
 */

import { activityTimeMs } from './entryTime';

/** The products a source can be; each has a folder under src/sources/ and a descriptor under src/ui/sourceKinds/. */
export const ALL_SOURCE_KINDS = ['torq', 'slack', 'sde'] as const;
export type SourceKind = (typeof ALL_SOURCE_KINDS)[number];

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];

/** What happened to the thing the entry describes; `none` for entries that are not runs (audit, deploys). */
export type Outcome = 'success' | 'failure' | 'pending' | 'none';

export interface Activity {
  /** Unique across every source and stream, stable across reloads: used as the tree item id. */
  readonly key: string;
  readonly sourceId: string;
  readonly sourceKind: SourceKind;
  /** Id namespace inside the source (Torq has `activity` and `audit`). */
  readonly stream: string;
  /** The entry's own id as the API gives it. */
  readonly id: string;
  /**
   * UTC RFC 3339 with exactly nine fractional digits, so that string order is time order and no
   * precision is lost (Torq sends nanoseconds, Slack microseconds).
   */
  readonly time: string;
  /** Milliseconds since the epoch, for arithmetic; `time` is the precise one. */
  readonly timeMs: number;
  readonly level: Level;
  readonly outcome: Outcome;
  /** One line, plain text. */
  readonly title: string;
  /** Event type, activity type or audit action, as the API names it. */
  readonly type: string;
  readonly workflowId?: string;
  readonly workflowName?: string;
  readonly executionId?: string;
  readonly parentExecutionId?: string;
  readonly traceId?: string;
  readonly actor?: string;
  /** The error text of a failure, as the product reports it. */
  readonly error?: string;
  /** Where the entry can be opened in the product's web UI, when one can be built. */
  readonly webUrl?: string;
  /** Extra labelled facts for the payload header (integration, pretty id, component...). */
  readonly details?: Readonly<Record<string, string>>;
  /** Links to show beside the entry (already absolute, http(s) only, built from the source's own host). */
  readonly links?: ReadonlyArray<{ readonly label: string; readonly url: string }>;
  /**
   * Paths (dot/bracket form, from the root of `raw`) of string fields that hold JSON and are
   * shown decoded by default, e.g. Torq's `event.body`.
   */
  readonly jsonStringPaths?: readonly string[];
  /**
   * What a failure and the run to compare it with must share (`workflow:<id>`, `component:<id>`,
   * `task:<id>`…); undefined when the entry is about nothing that runs again.
   */
  readonly subject?: string;
  /**
   * A run that went well, to compare a failure with. Undefined reads as `outcome === 'success'`;
   * a product whose entries have no success outcome (SD Elements) says which ones count.
   */
  readonly goodRun?: boolean;
  /** The entry records a change to what runs or to an object (a workflow published, a task edited): marked in the timeline. */
  readonly isChange?: boolean;
  /** The entry exactly as the API returned it. */
  readonly raw: unknown;
}

/** Newest first, ties broken by key so that order is total and stable. */
export function compareNewestFirst(a: Activity, b: Activity): number {
  if (a.time !== b.time) return a.time < b.time ? 1 : -1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function levelAtLeast(level: Level, threshold: Level): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

export function activityKey(sourceId: string, stream: string, id: string): string {
  return `${sourceId}/${stream}/${id}`;
}

/**
 * Activity fields built only when read. A source's activity class keeps the raw entry and the
 * few fields every listing needs (`key`, `time`, `outcome`), and computes the others (title,
 * details, links...) from the raw entry on access; `toJSON` gives the plain object, for
 * `JSON.stringify` and for anything that copies an activity field by field.
 */
export const ACTIVITY_FIELDS = [
  'key', 'sourceId', 'sourceKind', 'stream', 'id', 'time', 'timeMs', 'level', 'outcome', 'title', 'type', 'workflowId', 'workflowName',
  'executionId', 'parentExecutionId', 'traceId', 'actor', 'error', 'webUrl', 'details', 'links', 'jsonStringPaths', 'subject', 'goodRun', 'isChange', 'raw',
] as const satisfies ReadonlyArray<keyof Activity>;

/** The activity as a plain object (every field read once; absent ones left out). */
export function plainActivity(a: Activity): Activity {
  const out: Record<string, unknown> = {};
  for (const field of ACTIVITY_FIELDS) {
    const value = a[field];
    if (value !== undefined) out[field] = value;
  }
  return out as unknown as Activity;
}

/** Who an activity belongs to: shared by every activity of one stream of one source. */
export interface ActivityOrigin {
  readonly sourceId: string;
  readonly sourceKind: SourceKind;
  readonly stream: string;
}

/**
 * Base of the sources' activity classes. A class keeps the entry as sent and the fields every
 * listing reads; the others are getters over the entry, and `toJSON` gives the plain form for
 * `JSON.stringify`. The fields every product has the same way are here once: who the activity
 * belongs to (one `context` object per stream, shared by all its activities), its id (the end of
 * its key) and `timeMs` (from `time`). Fields a class does not define read as undefined.
 */
export abstract class SourceActivity<Context extends ActivityOrigin = ActivityOrigin> {
  abstract readonly key: string;
  abstract readonly time: string;

  constructor(protected readonly context: Context) {}

  get sourceId(): string {
    return this.context.sourceId;
  }
  get sourceKind(): SourceKind {
    return this.context.sourceKind;
  }
  get stream(): string {
    return this.context.stream;
  }
  /** The entry's own id: the key is `sourceId/stream/id`. */
  get id(): string {
    return this.key.slice(this.context.sourceId.length + this.context.stream.length + 2);
  }
  get timeMs(): number {
    return activityTimeMs(this.time);
  }
  toJSON(this: Activity): Activity {
    return plainActivity(this);
  }
}

/**
 * What counts as a failure everywhere (Failures groups, failure navigation, icons): a run that
 * failed, or an entry logged at error level or above.
 */
export function isFailure(a: Pick<Activity, 'outcome' | 'level'>): boolean {
  return a.outcome === 'failure' || a.level === 'error' || a.level === 'fatal';
}

/** The codicon that stands for an activity's outcome (or, for entries that are not runs, its level). */
export type ActivityIconId = 'error' | 'pass' | 'clock' | 'warning' | 'debug-console' | 'history' | 'circle-outline';

export function activityIcon(a: Pick<Activity, 'outcome' | 'level' | 'stream'>): ActivityIconId {
  if (isFailure(a)) return 'error';
  if (a.outcome === 'success') return 'pass';
  if (a.outcome === 'pending') return 'clock';
  if (a.level === 'warn') return 'warning';
  if (a.level === 'trace' || a.level === 'debug') return 'debug-console';
  return a.stream === 'audit' ? 'history' : 'circle-outline';
}
