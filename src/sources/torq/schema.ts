/**
 * Torq's wire format (api-spec §1). Tolerant where real responses differ from the docs: `body` as
 * a JSON string or an object, `account_*` or `workspace_*` keys, `next_page_token` absent or "".
 * Every field of the unverified `execution` object is optional.
 */
import { z } from 'zod';

const optionalString = z.string().nullish();

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
  token_type: z.string().optional(),
});

const executedBy = z.object({ executed_by: optionalString, source: optionalString }).partial();

export const torqEventSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  pretty_id: optionalString,
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()]).optional(),
  type: z.string().default('event_type_unknown'),
  integration: z
    .object({ integration_id: optionalString, integration_name: optionalString, integration_type: optionalString, executed_by: optionalString })
    .partial()
    .nullish(),
  on_demand: executedBy.nullish(),
  single_step: executedBy.nullish(),
  nested: z
    .object({ parent_workflow_id: optionalString, parent_workflow_name: optionalString, parent_execution_id: optionalString })
    .partial()
    .nullish(),
});

export const torqExecutionSchema = z
  .object({
    id: optionalString,
    workflow_id: optionalString,
    workflow_name: optionalString,
    status: optionalString,
    error: z.union([z.string(), z.object({ message: optionalString }).partial()]).nullish(),
    started_at: optionalString,
    finished_at: optionalString,
  })
  .partial();

export const torqActivityLogSchema = z.object({
  id: z.string(),
  workspace_id: optionalString,
  workspace_name: optionalString,
  account_id: optionalString,
  account_name: optionalString,
  event: torqEventSchema,
  execution: torqExecutionSchema.nullish(),
});

export const activityLogsResponseSchema = z.object({
  activity_logs: z.array(torqActivityLogSchema).nullish().transform((v) => v ?? []),
  next_page_token: optionalString,
});

export const torqAuditLogSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  email: optionalString,
  actor_name: optionalString,
  actor_type: optionalString,
  action: z.string(),
  resource_id: optionalString,
  resource_name: optionalString,
  ip: optionalString,
  user_agent: optionalString,
  extra_data: z.record(z.string(), z.unknown()).nullish(),
  workspace_id: optionalString,
  workspace_name: optionalString,
  account_id: optionalString,
  account_name: optionalString,
});

export const auditLogsResponseSchema = z.object({
  audit_logs: z.array(torqAuditLogSchema).nullish().transform((v) => v ?? []),
  next_page_token: optionalString,
});

export type TorqActivityLog = z.infer<typeof torqActivityLogSchema>;
export type TorqAuditLog = z.infer<typeof torqAuditLogSchema>;

/** grpc-gateway's google.rpc.Status body: `{code, message, details}`; only `message` is used. */
export function torqErrorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.message === 'string' && b.message) return b.message;
    if (typeof b.error === 'string') return b.error;
  }
  return undefined;
}
