/**
 * Torq's wire format (api-spec §1). Tolerant where real responses differ from the docs: `body` as
 * a JSON string or an object, `account_*` or `workspace_*` keys, `next_page_token` absent or "".
 * The `execution` object's keys are not documented: any object passes (see `execution.ts`).
 */
import * as z from 'zod/mini';
import { bodyMessage } from '../../core/api';
import type { ListFormat } from '../../core/listPage';
import { jsonArray, jsonObject, nullishString, timeString } from '../../core/schema';

const optionalString = nullishString();

export const tokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  // `z.coerce.number()`, built directly: `z.coerce.*` keeps every coercing schema in the bundle.
  expires_in: z._default(new z.ZodMiniNumber({ type: 'number', coerce: true }).check(z.positive()), 3600),
  token_type: z.optional(z.string()),
});

const executedBy = z.partial(z.object({ executed_by: optionalString, source: optionalString }));

export const torqEventSchema = z.object({
  id: z.string(),
  timestamp: timeString(),
  pretty_id: optionalString,
  // A JSON string, an object or absent (discard_body): possibly megabytes, so not walked or copied here.
  body: z.optional(z.unknown()),
  type: z._default(z.string(), 'event_type_unknown'),
  integration: z.nullish(
    z.partial(
      z.object({ integration_id: optionalString, integration_name: optionalString, integration_type: optionalString, executed_by: optionalString }),
    ),
  ),
  on_demand: z.nullish(executedBy),
  single_step: z.nullish(executedBy),
  nested: z.nullish(
    z.partial(z.object({ parent_workflow_id: optionalString, parent_workflow_name: optionalString, parent_execution_id: optionalString })),
  ),
});

/**
 * The execution object is documented by its fields' descriptions only, not their keys or types
 * (api-spec §1.3): any object passes, and `execution.ts` reads it under every likely spelling.
 */
export const torqExecutionSchema = jsonObject();

/**
 * `GET /public/v1alpha/executions/{id}`: its keys are undocumented (api-spec §1.0), so any object
 * passes; a body holding only `execution` (the way the event is wrapped) is unwrapped.
 */
export const executionResponseSchema = z.pipe(
  jsonObject(),
  z.transform((body: Record<string, unknown>) => {
    const inner = body.execution;
    return body.id === undefined && typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : body;
  }),
);

/** `GET /public/v1alpha/executions/{id}/event` (api-spec §1.3.2): the trigger event under `event`. */
export const executionEventResponseSchema = z.object({ event: torqEventSchema });

export const torqActivityLogSchema = z.object({
  id: z.string(),
  workspace_id: optionalString,
  workspace_name: optionalString,
  account_id: optionalString,
  account_name: optionalString,
  event: torqEventSchema,
  execution: z.nullish(torqExecutionSchema),
});

/** A list page's envelope, checked before the next page is asked for; its entries are checked one by one with `torqActivityLogSchema`. */
export const activityLogsEnvelopeSchema = z.object({
  activity_logs: z.nullish(jsonArray()),
  next_page_token: optionalString,
});

export const torqAuditLogSchema = z.object({
  id: z.string(),
  timestamp: timeString(),
  email: optionalString,
  actor_name: optionalString,
  actor_type: optionalString,
  action: z.string(),
  resource_id: optionalString,
  resource_name: optionalString,
  ip: optionalString,
  user_agent: optionalString,
  extra_data: z.nullish(jsonObject()),
  workspace_id: optionalString,
  workspace_name: optionalString,
  account_id: optionalString,
  account_name: optionalString,
});

export const auditLogsEnvelopeSchema = z.object({
  audit_logs: z.nullish(jsonArray()),
  next_page_token: optionalString,
});

export const ACTIVITY_LOGS_PAGE: ListFormat<typeof activityLogsEnvelopeSchema, typeof torqActivityLogSchema> = {
  envelope: activityLogsEnvelopeSchema,
  listKey: 'activity_logs',
  entry: torqActivityLogSchema,
  next: (body) => body.next_page_token,
};

export const AUDIT_LOGS_PAGE: ListFormat<typeof auditLogsEnvelopeSchema, typeof torqAuditLogSchema> = {
  envelope: auditLogsEnvelopeSchema,
  listKey: 'audit_logs',
  entry: torqAuditLogSchema,
  next: (body) => body.next_page_token,
};

export type TorqActivityLog = z.infer<typeof torqActivityLogSchema>;
export type TorqEventJson = z.input<typeof torqEventSchema>;
export type TorqExecutionJson = z.infer<typeof executionResponseSchema>;
export type TorqAuditLog = z.infer<typeof torqAuditLogSchema>;
/** An entry as Torq sent it, once `torqActivityLogSchema` accepted it (defaults not applied, unknown keys kept). */
export type TorqActivityLogJson = z.input<typeof torqActivityLogSchema>;
export type TorqAuditLogJson = z.input<typeof torqAuditLogSchema>;

/** grpc-gateway's google.rpc.Status body: `{code, message, details}`; only `message` is used. */
export function torqErrorMessage(body: unknown): string | undefined {
  return bodyMessage(body, ['message', 'error']);
}
