/** A Torq workspace as a source: its groups and how each lists activities. */
import type { Activity } from '../../core/activity';
import type { TorqSourceConfig } from '../../core/config';
import { ActivityLogsError } from '../../core/errors';
import { facetGroup, failureScan, failuresGroup } from '../../core/groups';
import { mapRawPage, twoStepFetcher } from '../../core/listPage';
import type { PageFetcher } from '../../core/paging';
import { findInPages } from '../../core/paging';
import type { ActivityQuery } from '../../core/query';
import type { ActivityExpansion, ActivitySource, GroupNode, SearchPlan, SourceContext } from '../../core/source';
import { discoverFacets, ProductSource, searchFetcher, searchWindow } from '../../core/source';
import { parseIsoTime, ResolvedWindow, toRfc3339 } from '../../core/time';
import { TorqAuditActivity } from './audit';
import { ActivityLogsQuery, TorqClient } from './client';
import { TorqEndpoints, torqEndpoints } from './endpoints';
import { executionFacts, parentField } from './execution';
import { ACTIVITY_STREAM, TorqActivityLogActivity, TorqMappingContext, torqMappingContexts } from './mapping';
import { childRuns, parentRun } from './related';
import type { TorqActivityLogJson } from './schema';

/** How many server pages the Workflows group reads to find the workflows of the window. */
const WORKFLOW_DISCOVERY_PAGES = 10;
/** Torq's audit entries "can appear up to 5 minutes late". */
const AUDIT_LAG_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIVITY_TYPES = new Set(['all', 'workflow_runs', 'step_executions']);
/** Server pages a look-up of one entry (by time, or a parent run among its workflow's runs) reads at most. */
const LOOKUP_PAGES = 20;

export class TorqSource extends ProductSource<TorqSourceConfig> implements ActivitySource {
  readonly client: TorqClient;
  readonly endpoints: TorqEndpoints;
  private readonly mapping: TorqMappingContext;
  private readonly mappingWithoutBodies: TorqMappingContext;
  private readonly auditMapping: TorqMappingContext;

  constructor(config: TorqSourceConfig, ctx: SourceContext) {
    super(config, ctx);
    this.endpoints = torqEndpoints(config);
    this.client = new TorqClient(config.id, this.endpoints, ctx);
    const contexts = torqMappingContexts(config.id, this.endpoints);
    this.mapping = contexts.activity;
    this.mappingWithoutBodies = { ...this.mapping, bodyDiscarded: true };
    this.auditMapping = contexts.audit;
  }

  /**
   * Lists activity logs as Activities. Bodies are discarded in lists (Torq's own advice for large
   * events) and fetched when a payload is opened.
   */
  activities(query: ActivityLogsQuery): PageFetcher<Activity> {
    const q: ActivityLogsQuery = { discardBody: true, pageSize: this.ctx.pageSize, ...query };
    const context = q.discardBody ? this.mappingWithoutBodies : this.mapping;
    return twoStepFetcher(async (cursor, signal) =>
      mapRawPage(await this.client.activityLogsPage(q, cursor, signal), (entries) => entries.map((e) => new TorqActivityLogActivity(e, context))),
    );
  }

  auditLogs(window: ResolvedWindow): PageFetcher<Activity> {
    const q = { ...windowQuery(window), order: 'desc' as const, pageSize: this.ctx.pageSize };
    const context = this.auditMapping;
    return twoStepFetcher(async (cursor, signal) =>
      mapRawPage(await this.client.auditLogsPage(q, cursor, signal), (entries) => entries.map((e) => new TorqAuditActivity(e, context))),
    );
  }

  groups(): readonly GroupNode[] {
    const byType = (activityType: ActivityLogsQuery['activityType']) => (w: ResolvedWindow) => this.activities({ ...windowQuery(w), activityType });
    return [
      { id: 'runs', label: 'Workflow runs', icon: 'runs', tooltip: 'Workflows triggered automatically and on demand', list: byType('workflow_runs') },
      { id: 'steps', label: 'Step executions', icon: 'steps', tooltip: 'Single-step executions', list: byType('step_executions') },
      { id: 'events', label: 'All events', icon: 'events', tooltip: 'Runs, single steps and events that triggered no workflow', list: byType('all'), tailDefault: true },
      failuresGroup({
        tooltip: 'Failed workflow runs and single steps',
        list: (w) => failureScan(this.activities({ ...windowQuery(w), activityType: 'all', pageSize: 500 }), { minItems: this.ctx.pageSize, maxScanPages: 5 }),
      }),
      facetGroup({
        id: 'workflows',
        label: 'Workflows',
        tooltip: 'The workflows that ran in the time window',
        childPrefix: 'workflow',
        counted: ['run', 'runs'],
        discover: (w, signal) =>
          discoverFacets(
            this.activities({ ...windowQuery(w), activityType: 'workflow_runs', pageSize: 500 }),
            (a) => (a.workflowId ? { id: a.workflowId, label: a.workflowName ?? a.workflowId } : undefined),
            { maxPages: WORKFLOW_DISCOVERY_PAGES, signal, service: 'Torq activity logs' },
          ),
        child: (f) => ({
          tooltip: `Workflow ${f.id}`,
          icon: 'workflow',
          list: (win) => this.activities({ ...windowQuery(win), activityType: 'workflow_runs', workflowId: f.id }),
        }),
      }),
      {
        id: 'audit',
        label: 'Audit log',
        icon: 'audit',
        tooltip: 'Changes made in the workspace (needs an Owner-role API key)',
        list: (w) => this.auditLogs(w),
        lagMs: AUDIT_LAG_MS,
      },
    ];
  }

  /**
   * The entry with its body. A list read with `discard_body` may still carry `body` (`""`, `null`,
   * `{}`): it is fetched all the same, by execution id where there is one, else by time.
   */
  async loadPayload(activity: Activity, signal?: AbortSignal): Promise<unknown> {
    if (activity.stream !== ACTIVITY_STREAM) return activity.raw;
    const raw = activity.raw as TorqActivityLogJson;
    // A plain copy of an activity (a restored panel) no longer says how it was listed.
    const bodyMissing = activity instanceof TorqActivityLogActivity ? activity.bodyMissing : raw.event?.body === undefined;
    if (!bodyMissing) return raw;
    const executionId = activity.executionId;
    if (executionId) {
      const event = await this.client.executionEvent(executionId, signal);
      // The trigger event of this entry's execution; another event's body must not stand in for it.
      if (event && event.id === raw.event.id) return { ...raw, event: { ...raw.event, ...event } };
      this.ctx.log.info(`Torq: execution ${executionId} ${event ? 'was triggered by another event' : 'is not known'}; finding event ${raw.event.id} by its time`);
    }
    return (await this.findEntry(activity.id, activity.time, signal)) ?? raw;
  }

  /**
   * Fetches one entry with its body by asking for the sliver of time around its timestamp: the API
   * has no get-by-id for activity logs.
   */
  async findEntry(id: string, time: string, signal?: AbortSignal): Promise<TorqActivityLogJson | undefined> {
    const t = parseIsoTime(time);
    if (!t) return undefined;
    const query: ActivityLogsQuery = {
      startTime: toRfc3339(t.ms - 1),
      endTime: toRfc3339(t.ms + 1),
      activityType: 'all',
      discardBody: false,
      pageSize: 50,
    };
    const pages: PageFetcher<TorqActivityLogJson> = (cursor, s) => this.client.activityLogs(query, cursor, s);
    const found = await findInPages(pages, (e) => e.id === id, { maxPages: LOOKUP_PAGES, signal, service: 'Torq activity logs' });
    if (found) return found;
    throw new ActivityLogsError('notFound', 'Torq no longer returns this event (it may be older than the retention period)');
  }

  /**
   * Torq filters on the server by body keywords (free text), workflow id, activity type and time;
   * everything else is checked here. Free text is only matched against bodies, which lists omit.
   */
  search(query: ActivityQuery, window: ResolvedWindow): SearchPlan {
    const unsupported: string[] = [];
    if (query.component) unsupported.push('component: (Torq has no components)');
    if (query.trace) unsupported.push('trace: (Torq has no trace ids)');
    const workflowId = query.workflow && UUID.test(query.workflow) ? query.workflow : undefined;
    const activityType = query.type && ACTIVITY_TYPES.has(query.type) ? (query.type as ActivityLogsQuery['activityType']) : 'all';
    const server = this.activities({
      ...windowQuery(searchWindow(query, window)),
      activityType,
      workflowId,
      payload: query.text.length ? query.text.join(' ') : undefined,
      pageSize: 500,
    });
    const clientQuery: ActivityQuery = {
      ...query,
      text: [],
      workflow: workflowId ? undefined : query.workflow,
      type: ACTIVITY_TYPES.has(query.type ?? '') ? undefined : query.type,
      component: undefined,
      trace: undefined,
    };
    return { fetcher: unsupported.length ? async () => ({ items: [] }) : searchFetcher(server, clientQuery), unsupported };
  }

  /** The run that started a nested run: Torq has no get-execution list filter, so scan the parent workflow's runs. */
  async findParent(activity: Activity, signal?: AbortSignal): Promise<Activity | undefined> {
    const nested = (activity.raw as TorqActivityLogJson).event?.nested;
    const parentExecutionId = parentField(nested, 'executionId');
    if (!parentExecutionId) return undefined;
    const fetcher = this.activities({
      startTime: toRfc3339(activity.timeMs - 24 * 3600_000),
      endTime: toRfc3339(activity.timeMs + 1000),
      activityType: 'workflow_runs',
      workflowId: parentField(nested, 'workflowId'),
      pageSize: 500,
    });
    return findInPages(fetcher, (a) => a.executionId === parentExecutionId, { maxPages: LOOKUP_PAGES, signal, service: 'Torq activity logs' });
  }

  /**
   * A run's execution and its trigger event, both asked for when the row is expanded; the run
   * that started it (named by its event) and the runs it started in `window`.
   */
  async expand(activity: Activity, signal?: AbortSignal, window?: ResolvedWindow): Promise<ActivityExpansion> {
    const executionId = activity.executionId;
    if (!executionId) return { facts: [] };
    const [execution, event] = await Promise.all([this.client.execution(executionId, signal), this.client.executionEvent(executionId, signal)]);
    if (!execution) throw new ActivityLogsError('notFound', `Torq does not know execution ${executionId} (it may be older than the retention period)`, { fix: 'retry' });
    const listed = (activity.raw as Partial<TorqActivityLogJson>).event;
    const runs = (fromMs: number, toMs: number) =>
      this.activities({ ...windowQuery({ fromMs, toMs }), activityType: 'workflow_runs', pageSize: 500 });
    // A single step starts no runs.
    const children = activity.type === 'single_step' ? undefined : await childRuns(runs, activity, execution, window, signal);
    // The fetched event and the listed one name the parent alike; whichever names its execution wins.
    const named = [parentRun(event), parentRun(listed)];
    const parent = named.find((p) => p?.executionId) ?? named.find((p) => p);
    return { facts: executionFacts(execution), event, parent, children };
  }

  /** `GET /executions/{id}`: a parent run opened by id when its entry is not found. */
  async loadExecution(executionId: string, signal?: AbortSignal): Promise<unknown> {
    return this.client.execution(executionId, signal);
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    await this.client.activityLogs({ pageSize: 1, discardBody: true }, undefined, signal);
    return `Connected to Torq at ${new URL(this.endpoints.api).host}`;
  }

  credentialsChanged(): void {
    this.client.tokens.invalidate();
  }
}

export function windowQuery(w: ResolvedWindow): { startTime: string; endTime: string } {
  return { startTime: toRfc3339(w.fromMs), endTime: toRfc3339(w.toMs) };
}
