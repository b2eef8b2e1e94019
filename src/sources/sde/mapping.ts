/** SD Elements activities → Activity. */
import { Activity, activityKey, ActivityOrigin, Level, Outcome, SourceActivity } from '../../core/activity';
import { activityTime } from '../../core/entryTime';
import type { SdeEndpoints } from './endpoints';
import type { SdeActivity } from './schema';
import { instanceLinks, leadingName, plainText } from './text';

export const SDE_STREAM = 'activity';

/**
 * SD Elements' activity names describe changes, not runs; none of the documented ones is a
 * failure. Should an instance log one whose name says it failed, it counts as a failure.
 */
export function isFailureName(name: string): boolean {
  return /fail|error/i.test(name);
}

/** What a `data` reference is called in the payload header, and its `_desc` key. */
const REFERENCES: ReadonlyArray<[label: string, key: string]> = [
  ['Business unit', 'business_unit'],
  ['Application', 'application'],
  ['Project', 'project'],
  ['Task', 'task'],
  ['Standard', 'standard'],
  ['Status', 'status'],
  ['User', 'user'],
  ['Group', 'group'],
];

export function describeValue(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const desc = data[`${key}_desc`];
  if (typeof desc === 'string' && desc) return desc;
  const id = data[key];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The actor's name: looked up, else as the activity's text writes it, else the id. */
export function actorName(a: SdeActivity, lookedUp: string | undefined): string | undefined {
  if (a.actor === null || a.actor === undefined) return undefined;
  return lookedUp ?? leadingName(a.text) ?? `User ${a.actor}`;
}

export interface SdeMappingContext extends ActivityOrigin {
  readonly sourceKind: 'sde';
  readonly endpoints: SdeEndpoints;
}

/**
 * An SD Elements activity as an Activity: the activity as sent, its key, time and looked-up
 * actor; everything else (plain-text title, links, details) is computed from it when read.
 */
/**
 * Activity names (api-spec §3.3) that change something: created, modified, deleted... Sign-ins,
 * EULA acceptance, completed training modules and generated tokens change nothing a project or
 * its tasks are made of.
 */
const SDE_CHANGE = /^(Accepted(?!Eula)|Activated|Added|Archived|Assigned|Changed|Component|Created|Deactivated|Deleted|Disable|Enable|Locked|Marked|Modified|Removed|Reverted|Unlocked|Unarchived|Updated|UserCreated)/;
const SDE_OBJECT_KEYS = ['task', 'project', 'application', 'business_unit', 'standard', 'group', 'user'];

export class SdeActivityEntry extends SourceActivity<SdeMappingContext> implements Activity {
  readonly key: string;
  /**
   * Built on first read (every row of the tree reads them): undefined until then, null for "none".
   * The time too: a window's shared read counts facets and failures in thousands of entries
   * without reading it.
   */
  private timeText: string | undefined = undefined;
  private titleText: string | undefined = undefined;
  private webUrlText: string | null | undefined = undefined;

  /** `entry` is what `sdeActivitySchema` made of `raw`, the activity as SD Elements sent it. */
  constructor(
    private readonly entry: SdeActivity,
    readonly raw: unknown,
    context: SdeMappingContext,
    private readonly lookedUpActor?: string,
  ) {
    super(context);
    this.key = activityKey(context.sourceId, context.stream, String(entry.id));
  }

  /** `date` passed the schema's `timeString()`, which accepts exactly what `activityTime` reads. */
  get time(): string {
    return (this.timeText ??= activityTime(this.entry.date) ?? this.entry.date);
  }

  private get failed(): boolean {
    return isFailureName(this.entry.name);
  }
  get level(): Level {
    return this.failed ? 'error' : 'info';
  }
  get outcome(): Outcome {
    return this.failed ? 'failure' : 'none';
  }
  get title(): string {
    if (this.titleText === undefined) {
      const a = this.entry;
      this.titleText = plainText(a.text) || a.name;
    }
    return this.titleText;
  }
  get type(): string {
    return this.entry.name;
  }
  get isChange(): boolean {
    const name = this.entry.name;
    return SDE_CHANGE.test(name) && !/^CreatedReport/.test(name);
  }
  /** The most specific object the activity is about. */
  get subject(): string | undefined {
    const data = this.entry.data ?? {};
    for (const key of SDE_OBJECT_KEYS) {
      const id = (data as Record<string, unknown>)[key];
      if (typeof id === 'string' || typeof id === 'number') return `${key}:${id}`;
    }
    return undefined;
  }
  /** Activities have no success outcome: one that did not fail is the good one to compare with. */
  get goodRun(): boolean {
    return !this.failed;
  }
  get actor(): string | undefined {
    return actorName(this.entry, this.lookedUpActor);
  }
  get error(): string | undefined {
    return this.failed ? plainText(this.entry.text) : undefined;
  }
  /** The text's links to the instance, each named by what it is when `data` says (`Project: Project 1`). */
  get links(): ReadonlyArray<{ readonly label: string; readonly url: string }> {
    const data = this.entry.data as Readonly<Record<string, unknown>>;
    return instanceLinks(this.entry.text, this.context.endpoints.origin).map((link) => {
      const kind = REFERENCES.find(([, key]) => data[`${key}_desc`] === link.label)?.[0];
      return kind ? { label: `${kind}: ${link.label}`, url: link.url } : link;
    });
  }
  get webUrl(): string | undefined {
    if (this.webUrlText === undefined) this.webUrlText = this.links[0]?.url ?? null;
    return this.webUrlText ?? undefined;
  }
  get details(): Readonly<Record<string, string>> {
    const a = this.entry;
    const details: Record<string, string> = {};
    for (const [label, key] of REFERENCES) {
      const value = describeValue(a.data, key);
      if (value) details[label] = value;
    }
    if (a.actor !== null && a.actor !== undefined) details['Actor id'] = String(a.actor);
    if (a.icon) details.Icon = a.icon;
    if (a.log_level) details['Log level'] = a.log_level;
    return details;
  }
}

/** `a` as an Activity; `raw` is the activity as SD Elements sent it, which `a` was parsed from. */
export function mapSdeActivity(a: SdeActivity, sourceId: string, endpoints: SdeEndpoints, lookedUpActor?: string, raw: unknown = a): Activity {
  return new SdeActivityEntry(a, raw, { sourceId, sourceKind: 'sde', stream: SDE_STREAM, endpoints }, lookedUpActor);
}
