/**
 * Torq entries → Activity. An activity keeps the entry as Torq sent it (checked by the schema)
 * and the fields every listing reads (key, time, outcome); the others (title, details, links,
 * URLs...) are computed from the entry when read, so that 100,000 listed entries do not each
 * carry a second, normalised copy of themselves.
 */
import { Activity, ActivityOrigin, activityKey, Level, Outcome, SourceActivity } from '../../core/activity';
import { activityTime } from '../../core/entryTime';
import { ActivityLogsError } from '../../core/errors';
import { executionUrl, type TorqEndpoints, templateNeedsWorkflow } from './endpoints';
import { executionField, executionState, parentField } from './execution';
import type { TorqActivityLogJson } from './schema';

export const ACTIVITY_STREAM = 'activity';
export const AUDIT_STREAM = 'audit';

/** What an activity needs of its source: one object shared by every activity of one stream of the source. */
export interface TorqMappingContext extends ActivityOrigin {
  readonly sourceKind: 'torq';
  readonly endpoints: TorqEndpoints;
  /** The list was read with `discard_body`: whatever `event.body` holds, the body is fetched when opened. */
  readonly bodyDiscarded?: boolean;
}

const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = { success: 'succeeded', failure: 'failed', pending: 'is running', none: '' };
const BODY_PATHS: readonly string[] = Object.freeze(['event.body']);
const UNKNOWN_EVENT_TYPE = 'event_type_unknown';

/** The contexts of a source's two streams. */
export function torqMappingContexts(sourceId: string, endpoints: TorqEndpoints): { activity: TorqMappingContext; audit: TorqMappingContext } {
  return {
    activity: { sourceId, sourceKind: 'torq', stream: ACTIVITY_STREAM, endpoints },
    audit: { sourceId, sourceKind: 'torq', stream: AUDIT_STREAM, endpoints },
  };
}

/** Adds `key: value` when the value is a non-empty string. */
export function put(details: Record<string, string>, key: string, value: string | null | undefined): void {
  if (value) details[key] = value;
}

export class TorqActivityLogActivity extends SourceActivity<TorqMappingContext> implements Activity {
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
    context: TorqMappingContext,
  ) {
    super(context);
    this.key = activityKey(context.sourceId, context.stream, raw.id);
    this.time = preciseTime(raw.event.timestamp, 'event.timestamp');
    const state = executionState(raw.execution);
    this.outcome = state.outcome;
    this.outcomeInferred = state.inferred;
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
  /** A run compares with runs of its workflow, a single step with single steps of it: their payloads differ in kind. */
  get subject(): string | undefined {
    const workflow = this.workflowId;
    if (!workflow) return undefined;
    return this.raw.event.type === 'single_step' ? `step:${workflow}` : `workflow:${workflow}`;
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
      const { endpoints } = this.context;
      // The execution's page; a template without `{workflow_id}` needs no workflow id.
      this.webUrlText = executionId && (workflowId || !templateNeedsWorkflow(endpoints)) ? executionUrl(endpoints, workflowId ?? '', executionId) : null;
    }
    return this.webUrlText ?? undefined;
  }
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

export function preciseTime(text: string, field: string): string {
  const time = activityTime(text);
  if (time === undefined) throw new ActivityLogsError('badResponse', `Torq sent a malformed time in \`${field}\`: "${text.slice(0, 40)}"`);
  return time;
}
