/**
 * Torq entries → Activity. An activity keeps the entry as Torq sent it (checked by the schema)
 * and the fields every listing reads (key, time, outcome); the others (title, details, links,
 * URLs...) are computed from the entry when read, so that 100,000 listed entries do not each
 * carry a second, normalised copy of themselves.
 */
import { Activity, activityKey, Level, Outcome, LazyActivity } from '../../core/activity';
import { activityTime, activityTimeMs } from '../../core/time';
import { ActivityLogsError } from '../../core/errors';
import type { TorqEndpoints } from './endpoints';
import type { TorqActivityLogJson, TorqAuditLogJson } from './schema';

export const ACTIVITY_STREAM = 'activity';
export const AUDIT_STREAM = 'audit';

/** What an activity needs of its source: one object shared by every activity of the source. */
export interface TorqMappingContext {
  readonly sourceId: string;
  readonly endpoints: TorqEndpoints;
}

const FAILED = new Set(['FAILED', 'DROPPED']);
const PENDING = new Set(['RUNNING', 'QUEUED', 'ON_HOLD', 'PENDING']);

function outcomeOfStatus(status: string): Outcome {
  const s = status.toUpperCase().replace(/^EXECUTION_STATUS_/, '');
  if (!s) return 'none';
  if (s === 'SUCCESS' || s === 'SUCCEEDED' || s === 'COMPLETED') return 'success';
  if (FAILED.has(s)) return 'failure';
  if (PENDING.has(s)) return 'pending';
  return 'none';
}

/** Statuses are a handful of words: each is normalised once. */
const outcomeCache = new Map<string, Outcome>();

export function executionOutcome(status: string | null | undefined): Outcome {
  if (!status) return 'none';
  let outcome = outcomeCache.get(status);
  if (outcome === undefined) {
    outcome = outcomeOfStatus(status);
    if (outcomeCache.size < 256) outcomeCache.set(status, outcome);
  }
  return outcome;
}

const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = { success: 'succeeded', failure: 'failed', pending: 'is running', none: '' };
const BODY_PATHS: readonly string[] = Object.freeze(['event.body']);
const UNKNOWN_EVENT_TYPE = 'event_type_unknown';

type Execution = NonNullable<TorqActivityLogJson['execution']>;

function executionError(execution: Execution | null | undefined): string | undefined {
  if (!execution) return undefined;
  const error = execution.error;
  return typeof error === 'string' ? error : (error?.message ?? undefined);
}

/** Adds `key: value` when the value is a non-empty string. */
function put(details: Record<string, string>, key: string, value: string | null | undefined): void {
  if (value) details[key] = value;
}

export class TorqActivityLogActivity extends LazyActivity implements Activity {
  readonly key: string;
  readonly time: string;
  readonly outcome: Outcome;
  /** Built on first read (every row of the tree reads them): undefined until then, null for "none". */
  private titleText: string | undefined = undefined;
  private webUrlText: string | null | undefined = undefined;

  constructor(
    readonly raw: TorqActivityLogJson,
    private readonly context: TorqMappingContext,
  ) {
    super();
    this.key = activityKey(context.sourceId, ACTIVITY_STREAM, raw.id);
    this.time = preciseTime(raw.event.timestamp, 'event.timestamp');
    const outcome = executionOutcome(raw.execution?.status);
    this.outcome = outcome === 'none' && executionError(raw.execution) ? 'failure' : outcome;
  }

  get sourceId(): string {
    return this.context.sourceId;
  }
  get sourceKind(): 'torq' {
    return 'torq';
  }
  get stream(): string {
    return ACTIVITY_STREAM;
  }
  get id(): string {
    return this.raw.id;
  }
  get timeMs(): number {
    return activityTimeMs(this.time);
  }
  get level(): Level {
    return levelFor(this.outcome);
  }
  get type(): string {
    return this.raw.event.type ?? UNKNOWN_EVENT_TYPE;
  }
  get workflowId(): string | undefined {
    return this.raw.execution?.workflow_id ?? undefined;
  }
  get workflowName(): string | undefined {
    return this.raw.execution?.workflow_name ?? undefined;
  }
  get executionId(): string | undefined {
    return this.raw.execution?.id ?? undefined;
  }
  get parentExecutionId(): string | undefined {
    return this.raw.event.nested?.parent_execution_id ?? undefined;
  }
  get actor(): string | undefined {
    const { event } = this.raw;
    return event.on_demand?.executed_by ?? event.single_step?.executed_by ?? event.integration?.executed_by ?? undefined;
  }
  get error(): string | undefined {
    return executionError(this.raw.execution);
  }
  get jsonStringPaths(): readonly string[] | undefined {
    return typeof this.raw.event.body === 'string' ? BODY_PATHS : undefined;
  }

  get title(): string {
    return (this.titleText ??= this.buildTitle());
  }

  private buildTitle(): string {
    const { event } = this.raw;
    const execution = this.raw.execution ?? undefined;
    const outcome = this.outcome;
    if (event.type === 'single_step') {
      const actor = this.actor;
      return `Single step ${outcome === 'none' ? 'executed' : OUTCOME_WORDS[outcome]}${actor ? ` by ${actor}` : ''}`;
    }
    if (execution && (execution.workflow_name || execution.workflow_id)) {
      const name = execution.workflow_name ?? execution.workflow_id;
      const status = execution.status ?? undefined;
      const word = status && outcome === 'none' ? status.toLowerCase() : OUTCOME_WORDS[outcome] || 'ran';
      return `Workflow '${name}' ${word}`;
    }
    const trigger = describeTrigger(this.raw);
    return `Event ${trigger ? `from ${trigger} ` : ''}triggered no workflow`;
  }

  get details(): Readonly<Record<string, string>> {
    const { event } = this.raw;
    const entry = this.raw;
    const execution = entry.execution ?? undefined;
    const details: Record<string, string> = {};
    put(details, 'Event', event.pretty_id ?? event.id);
    put(details, 'Trigger', describeTrigger(entry));
    put(details, 'Workspace', entry.workspace_name ?? entry.account_name ?? entry.workspace_id ?? entry.account_id);
    put(details, 'Status', execution?.status);
    put(details, 'Started', execution?.started_at);
    put(details, 'Finished', execution?.finished_at);
    put(details, 'Parent workflow', event.nested?.parent_workflow_name ?? event.nested?.parent_workflow_id);
    return details;
  }

  get links(): ReadonlyArray<{ readonly label: string; readonly url: string }> {
    const { endpoints } = this.context;
    const links: Array<{ label: string; url: string }> = [];
    const workflowId = this.workflowId;
    if (workflowId) links.push({ label: 'Workflow in Torq', url: `${endpoints.ui}/workflows/${encodeURIComponent(workflowId)}` });
    const parent = this.raw.event.nested;
    if (parent?.parent_workflow_id && parent.parent_execution_id) {
      links.push({ label: 'Parent execution in Torq', url: executionUrl(endpoints, parent.parent_workflow_id, parent.parent_execution_id) });
    }
    return links;
  }

  get webUrl(): string | undefined {
    if (this.webUrlText === undefined) {
      const workflowId = this.workflowId;
      const executionId = this.executionId;
      this.webUrlText = workflowId && executionId ? executionUrl(this.context.endpoints, workflowId, executionId) : null;
    }
    return this.webUrlText ?? undefined;
  }
}

export class TorqAuditActivity extends LazyActivity implements Activity {
  readonly key: string;
  readonly time: string;

  constructor(
    readonly raw: TorqAuditLogJson,
    private readonly context: TorqMappingContext,
  ) {
    super();
    this.key = activityKey(context.sourceId, AUDIT_STREAM, raw.id);
    this.time = preciseTime(raw.timestamp, 'timestamp');
  }

  get sourceId(): string {
    return this.context.sourceId;
  }
  get sourceKind(): 'torq' {
    return 'torq';
  }
  get stream(): string {
    return AUDIT_STREAM;
  }
  get id(): string {
    return this.raw.id;
  }
  get timeMs(): number {
    return activityTimeMs(this.time);
  }
  get level(): Level {
    return 'info';
  }
  get outcome(): Outcome {
    return 'none';
  }
  get type(): string {
    return this.raw.action;
  }
  get actor(): string | undefined {
    return this.raw.email ?? this.raw.actor_name ?? undefined;
  }
  get title(): string {
    const entry = this.raw;
    const who = entry.actor_type === 'api_key' ? `API key '${entry.actor_name ?? '?'}'` : (entry.actor_name ?? entry.email ?? 'someone');
    return `${entry.action}${entry.resource_name ? ` '${entry.resource_name}'` : ''} by ${who}`;
  }
  private get isWorkflow(): boolean {
    return /^workflow /i.test(this.raw.action) && !!this.raw.resource_id;
  }
  get workflowId(): string | undefined {
    return this.isWorkflow ? (this.raw.resource_id ?? undefined) : undefined;
  }
  get workflowName(): string | undefined {
    return this.isWorkflow ? (this.raw.resource_name ?? undefined) : undefined;
  }
  get webUrl(): string | undefined {
    return this.isWorkflow ? `${this.context.endpoints.ui}/workflows/${encodeURIComponent(this.raw.resource_id ?? '')}` : undefined;
  }
  get details(): Readonly<Record<string, string>> {
    const entry = this.raw;
    const details: Record<string, string> = {};
    put(details, 'Actor type', entry.actor_type);
    put(details, 'Email', entry.email);
    put(details, 'Resource', entry.resource_name ?? entry.resource_id);
    put(details, 'IP', entry.ip);
    put(details, 'Workspace', entry.workspace_name ?? entry.account_name);
    return details;
  }
}

export function mapActivityLog(entry: TorqActivityLogJson, sourceId: string, endpoints: TorqEndpoints): Activity {
  return new TorqActivityLogActivity(entry, { sourceId, endpoints });
}

export function mapAuditLog(entry: TorqAuditLogJson, sourceId: string, endpoints: TorqEndpoints): Activity {
  return new TorqAuditActivity(entry, { sourceId, endpoints });
}

/** Each execution URL template split once into its text and its placeholders (`{ui}` already filled in). */
const templateParts = new WeakMap<TorqEndpoints, string[]>();

export function executionUrl(endpoints: TorqEndpoints, workflowId: string, executionId: string): string {
  let parts = templateParts.get(endpoints);
  if (!parts) {
    // Odd indexes hold the placeholder names; `{ui}` is replaced by its value now.
    parts = endpoints.executionUrlTemplate.split(/\{(ui|workflow_id|execution_id)\}/);
    for (let i = 1; i < parts.length; i += 2) {
      if (parts[i] === 'ui') {
        parts[i - 1] += endpoints.ui + parts[i + 1];
        parts.splice(i, 2);
        i -= 2;
      }
    }
    templateParts.set(endpoints, parts);
  }
  let url = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    url += (parts[i] === 'workflow_id' ? encodeURIComponent(workflowId) : encodeURIComponent(executionId)) + parts[i + 1];
  }
  return url;
}

function describeTrigger(entry: TorqActivityLogJson): string | undefined {
  const { event } = entry;
  switch (event.type ?? UNKNOWN_EVENT_TYPE) {
    case 'integration': {
      const i = event.integration;
      if (!i) return 'an integration';
      return i.integration_name ? `'${i.integration_name}'${i.integration_type ? ` (${i.integration_type})` : ''}` : (i.integration_type ?? 'an integration');
    }
    case 'on_demand':
      return `on demand${event.on_demand?.executed_by ? ` by ${event.on_demand.executed_by}` : ''}`;
    case 'nested':
      return `nested in '${event.nested?.parent_workflow_name ?? event.nested?.parent_workflow_id ?? '?'}'`;
    case 'single_step':
      return 'single step';
    default:
      return undefined;
  }
}

function levelFor(outcome: Outcome): Level {
  return outcome === 'failure' ? 'error' : 'info';
}

function preciseTime(text: string, field: string): string {
  const time = activityTime(text);
  if (time === undefined) throw new ActivityLogsError('badResponse', `Torq sent a malformed time in \`${field}\`: "${text.slice(0, 40)}"`);
  return time;
}
