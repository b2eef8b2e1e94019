/**
 * Torq's two list endpoints, every parameter of the seed pages, with the token refreshed once when
 * Torq says it expired (302, since redirects are not followed) or is invalid (401).
 */
import type * as z from 'zod/mini';
import { decodeResponse, responseError, responseJson, SourceClient } from '../../core/api';
import { ActivityLogsError } from '../../core/errors';
import type { HttpResponse, QueryParams } from '../../core/http';
import { readListPage, wholePage } from '../../core/listPage';
import type { Page, SyncRawPage } from '../../core/paging';
import type { SourceContext } from '../../core/source';
import { TorqTokenProvider } from './auth';
import type { TorqEndpoints } from './endpoints';
import {
  ACTIVITY_LOGS_PAGE,
  AUDIT_LOGS_PAGE,
  executionEventResponseSchema,
  executionResponseSchema,
  TorqActivityLogJson,
  TorqAuditLogJson,
  torqErrorMessage,
  TorqEventJson,
  type TorqExecutionJson,
} from './schema';

export const TORQ_MAX_PAGE_SIZE = 500;

export type TorqActivityType = 'all' | 'workflow_runs' | 'step_executions';

export interface ActivityLogsQuery {
  /** RFC 3339; Torq's default is 24 h before end_time. */
  readonly startTime?: string;
  readonly endTime?: string;
  readonly activityType?: TorqActivityType;
  readonly workflowId?: string;
  /** Space-separated keywords that must all occur in the event body. */
  readonly payload?: string;
  readonly discardBody?: boolean;
  readonly integrationIds?: readonly string[];
  readonly pageSize?: number;
}

export interface AuditLogsQuery {
  readonly startTime?: string;
  readonly endTime?: string;
  readonly order?: 'asc' | 'desc';
  readonly pageSize?: number;
}

export class TorqClient extends SourceClient<TorqEndpoints> {
  readonly tokens: TorqTokenProvider;

  constructor(sourceId: string, endpoints: TorqEndpoints, ctx: SourceContext) {
    super(sourceId, endpoints, ctx);
    this.tokens = new TorqTokenProvider(sourceId, endpoints, ctx);
  }

  /** One page of activity logs, the entries as Torq sent them (checked by the schema). */
  async activityLogs(query: ActivityLogsQuery, pageToken: string | undefined, signal?: AbortSignal): Promise<Page<TorqActivityLogJson>> {
    return wholePage(this.activityLogsPage(query, pageToken, signal));
  }

  /** The same in two steps: the cursor now, the entries checked by `decode` (see `RawPage`). */
  async activityLogsPage(query: ActivityLogsQuery, pageToken: string | undefined, signal?: AbortSignal): Promise<SyncRawPage<TorqActivityLogJson>> {
    const service = 'Torq activity logs';
    const res = await this.get('/public/v1alpha/activity_logs', service, {
      start_time: query.startTime,
      end_time: query.endTime,
      activity_type: query.activityType,
      workflow_id: query.workflowId,
      payload: query.payload?.trim(),
      discard_body: query.discardBody ? 'true' : undefined,
      integration_ids: query.integrationIds?.length ? query.integrationIds : undefined,
      page_size: clampPageSize(query.pageSize),
      page_token: pageToken,
    }, signal);
    // The entries as Torq sent them (unknown keys kept), each checked on its own.
    return readListPage(responseJson(res, service, torqErrorMessage, this.ctx.redactor), ACTIVITY_LOGS_PAGE, service, (_, raw) => raw as TorqActivityLogJson);
  }

  async auditLogs(query: AuditLogsQuery, pageToken: string | undefined, signal?: AbortSignal): Promise<Page<TorqAuditLogJson>> {
    return wholePage(this.auditLogsPage(query, pageToken, signal));
  }

  async auditLogsPage(query: AuditLogsQuery, pageToken: string | undefined, signal?: AbortSignal): Promise<SyncRawPage<TorqAuditLogJson>> {
    const service = 'Torq audit logs';
    const res = await this.get('/public/v1alpha/audit_logs', service, {
      start_time: query.startTime,
      end_time: query.endTime,
      order: query.order,
      page_size: clampPageSize(query.pageSize),
      page_token: pageToken,
    }, signal);
    if (res.status === 403) {
      throw new ActivityLogsError('permission', 'Torq refused the audit log: it needs an API key created with the Owner role. Enter the client ID and secret of such a key.', {
        status: 403,
      });
    }
    return readListPage(responseJson(res, service, torqErrorMessage, this.ctx.redactor), AUDIT_LOGS_PAGE, service, (_, raw) => raw as TorqAuditLogJson);
  }

  /**
   * `GET /public/v1alpha/executions/{id}`: the execution with its status. Its keys are not
   * documented: read it with `executionField`. Undefined when Torq does not know it (404).
   */
  async execution(executionId: string, signal?: AbortSignal): Promise<TorqExecutionJson | undefined> {
    return this.executionPart(executionId, '', 'Torq execution', executionResponseSchema, signal);
  }

  /**
   * `GET /public/v1alpha/executions/{id}/event`: the event that triggered an execution, body
   * included. Undefined when Torq does not know the execution (404).
   */
  async executionEvent(executionId: string, signal?: AbortSignal): Promise<TorqEventJson | undefined> {
    return (await this.executionPart(executionId, '/event', 'Torq execution event', executionEventResponseSchema, signal))?.event;
  }

  /** `GET /public/v1alpha/executions/{id}<part>` read with `schema`; undefined on 404. */
  private async executionPart<S extends z.core.$ZodType>(executionId: string, part: string, service: string, schema: S, signal?: AbortSignal): Promise<z.output<S> | undefined> {
    const res = await this.get(`/public/v1alpha/executions/${encodeURIComponent(executionId)}${part}`, service, {}, signal);
    if (res.status === 404) return undefined;
    return decodeResponse(res, schema, service, torqErrorMessage, this.ctx.redactor);
  }

  private async get(path: string, service: string, query: QueryParams, signal?: AbortSignal): Promise<HttpResponse> {
    const origin = new URL(this.endpoints.api).origin;
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.token(signal);
      const res = await this.ctx.http.send({
        service,
        url: this.endpoints.api + path,
        query,
        credential: { header: `Bearer ${token}`, origin },
        signal,
      });
      const expired = res.status === 302 || res.status === 401;
      if (!expired) return res;
      this.tokens.invalidate(token);
      if (attempt >= 2) {
        const error = responseError(res, service, torqErrorMessage, this.ctx.redactor);
        throw new ActivityLogsError('auth', res.status === 302
          ? 'Torq keeps saying the bearer token expired even after a refresh. Enter the client ID and secret again.'
          : `Torq rejected the bearer token even after a refresh (${error.message}). Enter the client ID and secret again.`, { status: res.status });
      }
      this.ctx.log.info(`${service}: token ${res.status === 302 ? 'expired (302)' : 'rejected (401)'}; fetching a new one`);
    }
  }
}

export function clampPageSize(size: number | undefined): number | undefined {
  if (size === undefined) return undefined;
  return Math.max(1, Math.min(TORQ_MAX_PAGE_SIZE, Math.floor(size)));
}
