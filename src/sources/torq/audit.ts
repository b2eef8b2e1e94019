/** Torq audit log entries → Activity: changes made in the workspace, not runs. */
import { Activity, activityKey, Level, Outcome, SourceActivity } from '../../core/activity';
import { preciseTime, put, TorqMappingContext } from './mapping';
import type { TorqAuditLogJson } from './schema';

/**
 * Audit actions that change a workflow (api-spec §1.4: "Workflow created/deleted/updated/
 * published/unpublished/edited/reverted/enabled/disabled"): a run after one may behave differently.
 */
const WORKFLOW_CHANGE = /^workflow (created|deleted|updated|published|unpublished|edited|reverted|enabled|disabled)$/i;

export class TorqAuditActivity extends SourceActivity<TorqMappingContext> implements Activity {
  readonly key: string;
  readonly time: string;

  constructor(
    readonly raw: TorqAuditLogJson,
    context: TorqMappingContext,
  ) {
    super(context);
    this.key = activityKey(context.sourceId, context.stream, raw.id);
    this.time = preciseTime(raw.timestamp, 'timestamp');
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
  get isChange(): boolean {
    return WORKFLOW_CHANGE.test(this.raw.action.trim());
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
