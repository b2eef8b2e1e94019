/** A Slack app as a source: its groups (all, errors, workflows, functions, traces) and how each lists activities. */
import type { Activity } from '../../core/activity';
import { isFailure } from '../../core/activity';
import type { SlackSourceConfig } from '../../core/config';
import { facetGroup, failuresGroup } from '../../core/groups';
import { mapRawPage, twoStepFetcher } from '../../core/listPage';
import type { PageFetcher } from '../../core/paging';
import { collectPages } from '../../core/paging';
import type { ActivityQuery } from '../../core/query';
import type { ActivitySource, FacetCount, GroupNode, SearchPlan, SourceContext } from '../../core/source';
import { discoverFacets, ProductSource, searchFetcher, searchWindow } from '../../core/source';
import { SharedWindowRead } from '../../core/sharedRead';
import { ResolvedWindow, toEpochMicros } from '../../core/time';
import { ActivitiesQuery, clampLimit, SLACK_MAX_LIMIT, SlackClient } from './client';
import { SlackEndpoints, slackEndpoints } from './endpoints';
import { SLACK_STREAM, SlackActivityEntry, SlackMappingContext } from './mapping';
import { SLACK_EVENT_TYPES } from './messages';
import { runsGroup } from './runGroups';

/** How many server pages (of up to SLACK_MAX_LIMIT) the workflow, function and trace groups read to discover their children. */
const DISCOVERY_PAGES = 5;
const SERVICE = 'Slack apps.activities.list';
/** A function, workflow or trigger id: exact enough to filter on the server. */
const COMPONENT_ID = /^(Fn|Wf|Ft)[A-Z0-9]+$/;
const KNOWN_EVENT_TYPES = new Set(SLACK_EVENT_TYPES);

export type SlackActivitiesQuery = Omit<ActivitiesQuery, 'appId' | 'teamId'>;

/** A trace of the window: its events counted, named after the workflow or function it ran. */
type TraceFacet = FacetCount & { readonly failed: boolean };

export class SlackSource extends ProductSource<SlackSourceConfig> implements ActivitySource {
  readonly client: SlackClient;
  readonly endpoints: SlackEndpoints;
  private readonly mapping: SlackMappingContext;
  /**
   * The window's activities down to debug level (function output often is), up to
   * DISCOVERY_PAGES pages: read once for the Workflow runs group and the editor's counts.
   */
  private readonly windowRead = new SharedWindowRead<Activity[]>((w, signal) =>
    collectPages(this.activities({ ...windowQuery(w), minLogLevel: 'debug', limit: SLACK_MAX_LIMIT }), { maxPages: DISCOVERY_PAGES, signal, service: SERVICE }),
  );

  constructor(config: SlackSourceConfig, ctx: SourceContext) {
    super(config, ctx);
    this.endpoints = slackEndpoints(config);
    this.client = new SlackClient(config.id, this.endpoints, ctx);
    this.mapping = { sourceId: config.id, sourceKind: 'slack', stream: SLACK_STREAM, appId: config.appId, teamId: config.teamId, endpoints: this.endpoints };
  }

  /** Lists the app's activities as Activities; the app id and team id of the settings always apply. */
  activities(query: SlackActivitiesQuery): PageFetcher<Activity> {
    const q: ActivitiesQuery = { ...query, appId: this.config.appId, teamId: this.config.teamId, limit: clampLimit(query.limit ?? this.ctx.pageSize) };
    const mapping = this.mapping;
    return twoStepFetcher(async (cursor, signal) =>
      mapRawPage(await this.client.activitiesPage(q, cursor, signal), (items) => items.map((i) => new SlackActivityEntry(i.entry, i.raw, mapping))),
    );
  }

  groups(): readonly GroupNode[] {
    return [
      {
        id: 'all',
        label: 'All activity',
        icon: 'events',
        tooltip: 'Everything the app logged at level info and above (what `slack activity` shows)',
        list: (w) => this.activities({ ...windowQuery(w), minLogLevel: 'info' }),
        tailDefault: true,
      },
      failuresGroup({
        id: 'errors',
        label: 'Errors',
        tooltip: 'Activity at level error and fatal: failed functions, workflows, steps, triggers, datastore requests and external auth',
        list: (w) => this.activities({ ...windowQuery(w), minLogLevel: 'error' }),
      }),
      runsGroup((w, signal) => this.windowActivities(w, signal)),
      this.componentGroup('workflows', 'Workflows', 'workflow', 'The workflows that logged activity in the time window'),
      this.componentGroup('functions', 'Functions', 'function', 'The functions that logged activity in the time window'),
      facetGroup<TraceFacet>({
        id: 'traces',
        label: 'Traces',
        tooltip: 'The traces of the time window, newest first: each lists the events of one trace in time order',
        childPrefix: 'trace',
        counted: ['event', 'events'],
        discover: (w, signal) => this.traces(w, signal),
        child: (t) => ({
          note: t.failed ? 'failed' : undefined,
          tooltip: `Trace ${t.id}: all its events, oldest first`,
          icon: 'trace',
          list: (win) => this.activities({ ...windowQuery(win), traceId: t.id, minLogLevel: 'trace', sortDirection: 'asc' }),
        }),
      }),
    ];
  }

  /** The window's activities (see `windowRead`); a caller's signal cancels its wait, the read stops when nobody waits. */
  windowActivities(window: ResolvedWindow, signal?: AbortSignal): Promise<Activity[]> {
    return this.windowRead.get(window, signal);
  }

  private componentGroup(componentType: 'workflows' | 'functions', label: string, icon: 'workflow' | 'function', tooltip: string): GroupNode {
    // Not every event names its component (bot invites, publishing...): take a name from any that does.
    // Found afresh by each discovery, which names the children right after.
    const names = new Map<string, string>();
    return facetGroup({
      id: componentType,
      label,
      tooltip,
      childPrefix: componentType,
      counted: ['event', 'events'],
      discover: (w, signal) => {
        names.clear();
        return discoverFacets(
          this.activities({ ...windowQuery(w), componentType, limit: SLACK_MAX_LIMIT }),
          (a) => {
            const raw = a.raw as { component_id?: unknown; payload?: Record<string, unknown> };
            const componentId = typeof raw.component_id === 'string' ? raw.component_id : undefined;
            if (!componentId) return undefined;
            const name = componentType === 'workflows' ? a.workflowName : raw.payload?.function_name;
            if (typeof name === 'string' && name && !names.has(componentId)) names.set(componentId, name);
            return { id: componentId, label: componentId };
          },
          { maxPages: DISCOVERY_PAGES, signal, service: SERVICE },
        );
      },
      child: (f) => ({
        label: names.get(f.id) ?? (f.id === this.config.appId ? 'App deployments' : f.id),
        tooltip: `${label.slice(0, -1)} ${f.id}`,
        icon,
        list: (win) => this.activities({ ...windowQuery(win), componentId: f.id }),
      }),
    });
  }

  /** The distinct traces of the window, newest first, named after the workflow or function they ran. */
  private async traces(w: ResolvedWindow, signal?: AbortSignal): Promise<TraceFacet[]> {
    const items = await collectPages(this.activities({ ...windowQuery(w), minLogLevel: 'info', limit: SLACK_MAX_LIMIT }), {
      maxPages: DISCOVERY_PAGES,
      signal,
      service: SERVICE,
    });
    const traces = new Map<string, { workflow?: string; fn?: string; count: number; failed: boolean }>();
    for (const a of items) {
      if (!a.traceId) continue;
      let t = traces.get(a.traceId);
      if (!t) traces.set(a.traceId, (t = { count: 0, failed: false }));
      t.count++;
      t.failed ||= isFailure(a);
      t.workflow ??= a.workflowName;
      const fn = (a.raw as { payload?: Record<string, unknown> }).payload?.function_name;
      if (typeof fn === 'string' && fn) t.fn ??= fn;
    }
    return [...traces].map(([traceId, t]) => ({ id: traceId, label: `${t.workflow ?? t.fn ?? 'Trace'} · ${shortTraceId(traceId)}`, count: t.count, failed: t.failed }));
  }

  /**
   * Slack filters on the server by level, event type, component, trace and time (exact values
   * only); free text, actor, status and partial values are checked here.
   */
  search(query: ActivityQuery, window: ResolvedWindow): SearchPlan {
    const componentId = [query.component, query.workflow].find((v) => v !== undefined && COMPONENT_ID.test(v));
    const eventType = query.type && KNOWN_EVENT_TYPES.has(query.type) ? query.type : undefined;
    const server = this.activities({
      ...windowQuery(searchWindow(query, window)),
      // Without a level term, search every level: function output is often logged at debug.
      minLogLevel: query.level ?? 'trace',
      logEventType: eventType,
      componentId,
      traceId: query.trace,
      limit: SLACK_MAX_LIMIT,
    });
    const clientQuery: ActivityQuery = { ...query, level: undefined, type: eventType ? undefined : query.type, trace: undefined };
    return { fetcher: searchFetcher(server, clientQuery), unsupported: [] };
  }

  /** Slack's list entries are complete: the payload is the entry. */
  async loadPayload(activity: Activity): Promise<unknown> {
    return activity.raw;
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const me = await this.client.authTest(signal);
    // auth.test passes with any valid token; one activity checks the scope, the plan and the app id too.
    await this.client.activities({ appId: this.config.appId, teamId: this.config.teamId, limit: 1 }, undefined, signal);
    return `Connected to Slack as ${me.user ?? me.userId ?? 'an unnamed user'} of ${me.team ?? me.teamId ?? 'an unnamed team'}`;
  }
}

/** The window as Slack's filters: inclusive epoch microseconds. */
export function windowQuery(w: ResolvedWindow): { minDateCreated: string; maxDateCreated: string } {
  return { minDateCreated: toEpochMicros(w.fromMs), maxDateCreated: toEpochMicros(w.toMs) };
}

export function shortTraceId(traceId: string): string {
  return traceId.length <= 12 ? traceId : `${traceId.slice(0, 11)}…`;
}
