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
import { executionField, executionState, parentField } from './execution';
import type { TorqActivityLogJson, TorqAuditLogJson } from './schema';

export const ACTIVITY_STREAM = 'activity';
export const AUDIT_STREAM = 'audit';

/** What an activity needs of its source: one object shared by every activity of the source. */
export interface TorqMappingContext {
  readonly sourceId: string;
  readonly endpoints: TorqEndpoints;
  /** The list was read with `discard_body`: whatever `event.body` holds, the body is fetched when opened. */
  readonly bodyDiscarded?: boolean;
}

const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = { success: 'succeeded', failure: 'failed', pending: 'is running', none: '' };
const BODY_PATHS: readonly string[] = Object.freeze(['event.body']);
const UNKNOWN_EVENT_TYPE = 'event_type_unknown';

/** Adds `key: value` when the value is a non-empty string. */
function put(details: Record<string, string>, key: string, value: string | null | undefined): void {
  if (value) details[key] = value;
}

export class TorqActivityLogActivity extends LazyActivity implements Activity {
  readonly key: string;
  readonly time: string;
  readonly outcome: Outcome;
  /** No status was sent: the outcome was read from the error message and timestamps. */
  private readonly outcomeInferred: boolean;
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
    const state = executionState(raw.execution);
    this.outcome = state.outcome;
    this.outcomeInferred = state.inferred;
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
    return executionField(this.raw.execution, 'workflowId');
  }
  get workflowName(): string | undefined {
    return executionField(this.raw.execution, 'workflowName');
  }
  get executionId(): string | undefined {
    return executionField(this.raw.execution, 'id');
  }
  /** The name of the last step the run executed (where it failed, for a failure). */
  get lastStep(): string | undefined {
    return executionField(this.raw.execution, 'lastStep');
  }
  get parentExecutionId(): string | undefined {
    return parentField(this.raw.event.nested, 'executionId');
  }
  get actor(): string | undefined {
    const { event } = this.raw;
    return event.on_demand?.executed_by ?? event.single_step?.executed_by ?? event.integration?.executed_by ?? undefined;
  }
  get error(): string | undefined {
    return executionField(this.raw.execution, 'error');
  }
  /** Its body is not in the entry (listed with `discard_body`, or absent): the payload fetches it. */
  get bodyMissing(): boolean {
    return this.context.bodyDiscarded === true || this.raw.event.body === undefined;
  }
  get jsonStringPaths(): readonly string[] | undefined {
    // A fetched body may well be a JSON string: only strings at the path are decoded.
    return this.bodyMissing || typeof this.raw.event.body === 'string' ? BODY_PATHS : undefined;
  }

  get title(): string {
    return (this.titleText ??= this.buildTitle());
  }

  private buildTitle(): string {
    const { event } = this.raw;
    const word = this.outcomeWord();
    if (event.type === 'single_step') {
      const actor = this.actor;
      return `Single step ${word || 'executed'}${actor ? ` by ${actor}` : ''}`;
    }
    const name = this.workflowName ?? this.workflowId;
    if (name) {
      const step = this.outcome === 'failure' || this.outcome === 'pending' ? this.lastStep : undefined;
      return `Workflow '${name}' ${word || 'ran'}${step ? ` at step '${step}'` : ''}`;
    }
    const trigger = describeTrigger(this.raw);
    return `Event ${trigger ? `from ${trigger} ` : ''}triggered no workflow`;
  }

  /** "failed", "is running"; "finished" when only the timestamps say so; a status we do not know, as sent. */
  private outcomeWord(): string {
    if (this.outcome === 'success' && this.outcomeInferred) return 'finished';
    if (this.outcome !== 'none') return OUTCOME_WORDS[this.outcome];
    return executionField(this.raw.execution, 'status')?.toLowerCase() ?? '';
  }

  get details(): Readonly<Record<string, string>> {
    const { event } = this.raw;
    const entry = this.raw;
    const execution = entry.execution;
    const details: Record<string, string> = {};
    put(details, 'Event', event.pretty_id ?? event.id);
    put(details, 'Trigger', describeTrigger(entry));
    put(details, 'Workspace', entry.workspace_name ?? entry.account_name ?? entry.workspace_id ?? entry.account_id);
    put(details, 'Status', executionField(execution, 'status'));
    put(details, 'Last step', this.lastStep);
    put(details, 'Started', executionField(execution, 'startTime'));
    put(details, 'Last update', executionField(execution, 'updateTime'));
    put(details, 'Finished', executionField(execution, 'endTime'));
    put(details, 'Parent workflow', parentField(event.nested, 'workflowName') ?? parentField(event.nested, 'workflowId'));
    return details;
  }

  get links(): ReadonlyArray<{ readonly label: string; readonly url: string }> {
    const { endpoints } = this.context;
    const links: Array<{ label: string; url: string }> = [];
    const workflowId = this.workflowId;
    if (workflowId) links.push({ label: 'Workflow in Torq', url: `${endpoints.ui}/workflows/${encodeURIComponent(workflowId)}` });
    const parentWorkflowId = parentField(this.raw.event.nested, 'workflowId');
    const parentExecutionId = this.parentExecutionId;
    if (parentWorkflowId && parentExecutionId) {
      links.push({ label: 'Parent execution in Torq', url: executionUrl(endpoints, parentWorkflowId, parentExecutionId) });
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
      return `nested in '${parentField(event.nested, 'workflowName') ?? parentField(event.nested, 'workflowId') ?? '?'}'`;
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
