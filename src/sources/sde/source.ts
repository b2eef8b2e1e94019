/**
 * An SD Elements instance as a source: all activities, failures, and the activities by
 * application, project, business unit and actor found in the time window.
 */
import type { Activity } from '../../core/activity';
import { isFailure } from '../../core/activity';
import type { SdeSourceConfig } from '../../core/config';
import { ActivityLogsError, isCancelled } from '../../core/errors';
import { facetGroup, failureScan, failuresGroup } from '../../core/groups';
import { mapRawPage, twoStepFetcher } from '../../core/listPage';
import type { Page, PageFetcher, UnreadableEntry } from '../../core/paging';
import { iteratePages } from '../../core/paging';
import type { ActivityQuery } from '../../core/query';
import { SharedWindowRead } from '../../core/sharedRead';
import type { ActivitySource, Facet, FacetCount, GroupIcon, GroupNode, ReferencedObject, SearchPlan, SourceContext } from '../../core/source';
import { countFacets, ProductSource, searchFetcher, searchWindow } from '../../core/source';
import type { ResolvedWindow } from '../../core/time';
import { SDE_MAX_PAGE_SIZE, SdeActivitiesQuery, SdeClient } from './client';
import { SdeEndpoints, sdeEndpoints } from './endpoints';
import { SDE_STREAM, SdeActivityEntry, SdeMappingContext } from './mapping';
import { UserDirectory } from './users';

/**
 * How many server pages (of up to 500) the one shared read of a window takes: the facet groups
 * count their children in it, and the Failures group's first page is filtered from it.
 */
const WINDOW_READ_PAGES = 10;
/** Pages (of up to 500) the Failures group scans for each later tree page. */
const FAILURE_SCAN_PAGES = 10;
const SERVICE = 'SD Elements activities';
const COUNTED = ['activity', 'activities'] as const;

type ReferenceKey = 'application' | 'project' | 'business_unit';

/** What the facet groups show, counted in one read of the window. */
type WindowFacets = Readonly<Record<ReferenceKey | 'actor', readonly FacetCount[]>>;

/** The first pages of a window's activities, read once for the groups that all need them. */
interface WindowRead {
  readonly items: readonly Activity[];
  readonly unreadable: readonly UnreadableEntry[];
  /** Where the read stopped, when the window has more. */
  readonly next?: string;
  readonly facets: WindowFacets;
}

interface ReferenceGroup {
  readonly id: string;
  readonly key: ReferenceKey;
  readonly label: string;
  readonly noun: string;
  readonly icon: GroupIcon;
  /** The filter of one child: by id, or by name when only the name is left (a deleted one). */
  readonly byId: (id: string) => SdeActivitiesQuery;
  readonly byDesc: (desc: string) => SdeActivitiesQuery;
}

const REFERENCE_GROUPS: readonly ReferenceGroup[] = [
  { id: 'applications', key: 'application', label: 'By application', noun: 'Application', icon: 'app', byId: (application) => ({ application }), byDesc: (applicationDesc) => ({ applicationDesc }) },
  { id: 'projects', key: 'project', label: 'By project', noun: 'Project', icon: 'project', byId: (project) => ({ project }), byDesc: (projectDesc) => ({ projectDesc }) },
  {
    id: 'business-units',
    key: 'business_unit',
    label: 'By business unit',
    noun: 'Business unit',
    icon: 'business-unit',
    byId: (businessUnit) => ({ businessUnit }),
    byDesc: (businessUnitDesc) => ({ businessUnitDesc }),
  },
];

/** An activity name SD Elements could filter on exactly. */
const ACTIVITY_NAME = /^[A-Z][A-Za-z0-9]*Activity$/;

export class SdeSource extends ProductSource<SdeSourceConfig> implements ActivitySource {
  readonly client: SdeClient;
  readonly endpoints: SdeEndpoints;
  readonly users: UserDirectory;
  private readonly mapping: SdeMappingContext;
  private readonly windowRead = new SharedWindowRead<WindowRead>((w, signal) => this.readWindow(w, signal));

  constructor(config: SdeSourceConfig, ctx: SourceContext) {
    super(config, ctx);
    this.endpoints = sdeEndpoints(config);
    this.client = new SdeClient(config.id, this.endpoints, ctx);
    this.users = new UserDirectory(this.client, ctx.log);
    this.mapping = { sourceId: config.id, sourceKind: 'sde', stream: SDE_STREAM, endpoints: this.endpoints };
  }

  /** Lists activities as Activities, the actors of each page resolved to names once per page. */
  activities(query: SdeActivitiesQuery): PageFetcher<Activity> {
    const q: SdeActivitiesQuery = { ...query, pageSize: query.pageSize ?? this.ctx.pageSize };
    const mapping = this.mapping;
    return twoStepFetcher(async (cursor, signal) =>
      mapRawPage(await this.client.activitiesPage(q, cursor, signal), async (items) => {
        const actors = items.flatMap((i) => (typeof i.entry.actor === 'number' ? [i.entry.actor] : []));
        const names = await this.users.resolve(actors, signal);
        return items.map((i) => new SdeActivityEntry(i.entry, i.raw, mapping, i.entry.actor == null ? undefined : names.get(i.entry.actor)));
      }),
    );
  }

  groups(): readonly GroupNode[] {
    return [
      { id: 'all', label: 'All activities', icon: 'events', tooltip: 'The global activity log of the instance', list: (w) => this.activities(windowQuery(w)), tailDefault: true },
      failuresGroup({
        tooltip: 'Activities whose name says something failed (…Failed…, …Error…). SD Elements logs changes rather than runs, so this is usually empty.',
        list: (w) => this.failures(w),
      }),
      ...REFERENCE_GROUPS.map((g) => this.referenceGroup(g)),
      facetGroup({
        id: 'actors',
        label: 'By actor',
        tooltip: 'The people who did something in the time window',
        childPrefix: 'actor',
        counted: COUNTED,
        discover: async (w, signal) => (await this.windowRead.get(w, signal)).facets.actor,
        child: (f) => ({
          tooltip: `Activities performed by user ${f.id}`,
          icon: 'actor',
          list: (win) => this.activities({ ...windowQuery(win), actor: f.id }),
        }),
      }),
    ];
  }

  /**
   * Failed activities: the first tree page filtered from the window's shared read (which the facet
   * groups use too, so the same pages are not asked for twice), later pages scanned from where it stopped.
   */
  private failures(w: ResolvedWindow): PageFetcher<Activity> {
    const scan = failureScan(this.activities({ ...windowQuery(w), pageSize: SDE_MAX_PAGE_SIZE }), { minItems: this.ctx.pageSize, maxScanPages: FAILURE_SCAN_PAGES });
    return async (cursor, signal): Promise<Page<Activity>> => {
      if (cursor !== undefined) return scan(cursor, signal);
      const read = await this.windowRead.get(w, signal);
      const items = read.items.filter(isFailure);
      return { items, next: read.next, ...(read.unreadable.length ? { unreadable: read.unreadable } : {}) };
    };
  }

  /** The window's first WINDOW_READ_PAGES pages, read once, with every facet counted. */
  private async readWindow(w: ResolvedWindow, signal: AbortSignal): Promise<WindowRead> {
    const fetch = this.activities({ ...windowQuery(w), pageSize: SDE_MAX_PAGE_SIZE });
    const items: Activity[] = [];
    const unreadable: UnreadableEntry[] = [];
    let next: string | undefined;
    for await (const page of iteratePages(fetch, { maxPages: WINDOW_READ_PAGES, signal, service: SERVICE })) {
      items.push(...page.items);
      if (page.unreadable) unreadable.push(...page.unreadable);
      next = page.next;
    }
    const dataOf = (a: Activity) => (a.raw as { data?: Record<string, unknown> }).data ?? {};
    const reference = (key: ReferenceKey) => {
      const { noun } = REFERENCE_GROUPS.find((g) => g.key === key)!;
      return countFacets(items, (a) => referenceFacet(dataOf(a), key, noun));
    };
    const actor = countFacets(items, (a) => {
      const id = (a.raw as { actor?: unknown }).actor;
      return typeof id === 'number' ? { id: String(id), label: a.actor ?? `User ${id}` } : undefined;
    });
    const facets = { application: reference('application'), project: reference('project'), business_unit: reference('business_unit'), actor };
    return { items, unreadable, next, facets };
  }

  private referenceGroup(g: ReferenceGroup): GroupNode {
    return facetGroup({
      id: g.id,
      label: g.label,
      tooltip: `The ${g.noun.toLowerCase()}s that activities of the time window refer to (deleted ones by name)`,
      childPrefix: g.key,
      counted: COUNTED,
      discover: async (w, signal) => (await this.windowRead.get(w, signal)).facets[g.key],
      child: (f) => this.referenceChild(g, f),
    });
  }

  /** The activities of one application, project…: by id, or by name (`_desc`) when only the name is left. */
  private referenceChild(g: ReferenceGroup, f: Facet) {
    const byDesc = f.id.startsWith('desc:');
    const value = f.id.slice(f.id.indexOf(':') + 1);
    return {
      note: byDesc ? 'deleted' : undefined,
      tooltip: byDesc ? `${g.noun} "${value}", known only by name (deleted)` : `${g.noun} ${value}`,
      icon: g.icon,
      list: (win: ResolvedWindow) => this.activities({ ...windowQuery(win), ...(byDesc ? g.byDesc(value) : g.byId(value)) }),
    };
  }

  /** "Show Activities of This Project/Application": a group of the object's activities in the time window. */
  objectGroup(activity: Activity, object: ReferencedObject): GroupNode | undefined {
    const g = REFERENCE_GROUPS.find((r) => r.key === object)!;
    const data = (activity.raw as { data?: Record<string, unknown> } | undefined)?.data;
    const facet = data && typeof data === 'object' ? referenceFacet(data, g.key, g.noun) : undefined;
    if (!facet) return undefined;
    const { note, tooltip, icon, list } = this.referenceChild(g, facet);
    return { id: `object:${g.key}:${facet.id}`, label: `${g.noun}: ${facet.label}`, description: note, tooltip: `Activities of ${tooltip}`, icon, list };
  }

  /**
   * SD Elements filters on the server by actor id, activity name and time; everything else is
   * checked here. It has no traces, components or workflows.
   */
  search(query: ActivityQuery, window: ResolvedWindow): SearchPlan {
    const unsupported: string[] = [];
    if (query.trace) unsupported.push('trace: (SD Elements has no trace ids)');
    if (query.component) unsupported.push('component: (SD Elements has no components)');
    if (query.workflow) unsupported.push('workflow: (SD Elements has no workflows)');
    const actorId = query.actor && /^\d+$/.test(query.actor) ? query.actor : undefined;
    const name = query.type && ACTIVITY_NAME.test(query.type) ? query.type : undefined;
    const server = this.activities({ ...windowQuery(searchWindow(query, window)), actor: actorId, name, pageSize: SDE_MAX_PAGE_SIZE });
    const clientQuery: ActivityQuery = { ...query, actor: actorId ? undefined : query.actor, type: name ? undefined : query.type };
    return { fetcher: unsupported.length ? async () => ({ items: [] }) : searchFetcher(server, clientQuery), unsupported };
  }

  /** One entry by its id (`/activities/{id}/`), for a link; undefined when the server has no such entry. */
  async activityById(stream: string, id: string, signal?: AbortSignal): Promise<Activity | undefined> {
    if (stream !== SDE_STREAM || !/^\d{1,20}$/.test(id)) return undefined;
    try {
      const { entry, raw } = await this.client.activity(id, signal);
      const actor = typeof entry.actor === 'number' ? (await this.users.resolve([entry.actor], signal)).get(entry.actor) : undefined;
      return new SdeActivityEntry(entry, raw, this.mapping, actor);
    } catch (e) {
      if (!(e instanceof ActivityLogsError && e.kind === 'notFound')) throw e;
      return undefined;
    }
  }

  /** The activity as the server has it now (`/activities/{id}/`), else as it was listed. */
  async loadPayload(activity: Activity, signal?: AbortSignal): Promise<unknown> {
    try {
      return (await this.client.activity(activity.id, signal)).raw;
    } catch (e) {
      if (isCancelled(e)) throw e;
      this.ctx.log.info(`SD Elements: showing activity ${activity.id} as listed: ${(e as Error).message}`);
      return activity.raw;
    }
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const me = await this.client.me(signal);
    const name = [me.first_name, me.last_name].filter(Boolean).join(' ') || me.email || `user ${me.id}`;
    return `Connected to ${this.endpoints.host} as ${name}`;
  }
}

/** The window as SD Elements' date filters (sent with an explicit `Z`). */
export function windowQuery(w: ResolvedWindow): { dateFromMs: number; dateToMs: number } {
  return { dateFromMs: w.fromMs, dateToMs: w.toMs };
}

/** A reference of `data` (`application` + `application_desc`...) as a facet: by id, or by name when the id is gone. */
export function referenceFacet(data: Readonly<Record<string, unknown>>, key: string, noun: string): Facet | undefined {
  const id = data[key];
  const desc = data[`${key}_desc`];
  const name = typeof desc === 'string' && desc.trim() ? desc : undefined;
  const idText = typeof id === 'number' && Number.isInteger(id) ? String(id) : typeof id === 'string' && /^\d+$/.test(id) ? id : undefined;
  if (idText) return { id: `id:${idText}`, label: name ?? `${noun} ${idText}` };
  if (name) return { id: `desc:${name}`, label: name };
  return undefined;
}
