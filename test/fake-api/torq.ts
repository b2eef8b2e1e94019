/**
 * Fake Torq: the token endpoint of the auth host and the public API (activity logs, audit logs,
 * executions) of the API host. A grpc-gateway service: errors are google.rpc.Status JSON,
 * timestamps protobuf RFC 3339, empty `next_page_token` on the last page, expired token → 302.
 */
import { randomUUID } from 'crypto';
import { TORQ_CREDENTIALS } from './credentials';
import type { TorqAuditEntry, TorqEntry, TorqExecution } from './data/torq-data';
import { type ApiRequest, type ApiResponse, authorization, basicCredentials, contentType, jsonResponse, paramsFrom, parseIntStrict, Reply } from './http-util';
import type { TorqDiscardedBody } from './options';
import { decodeOpaque, encodeOpaque, filterHash } from './paging';
import { isRecord, itemsOf, type ProductApi, type ServerContext } from './product';
import { formatRfc3339Ns, msToNs, NS_PER_HOUR, parseRfc3339Ns } from './time-util';

const ACTIVITY_TYPES = ['all', 'workflow_runs', 'step_executions'] as const;
type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** google.rpc.Status as grpc-gateway writes it. */
export function rpcError(status: number, code: number, message: string, headers?: Record<string, string>): ApiResponse {
  return jsonResponse(status, { code, message, details: [] }, headers);
}

const invalid = (message: string): Reply => new Reply(rpcError(400, 3, message));

/** A query parameter that may appear once (grpc-gateway rejects repeated scalars). */
function single(req: ApiRequest, name: string): string | undefined {
  const values = req.query[name];
  if (!values) {
    return undefined;
  }
  if (values.length > 1) {
    throw invalid(`too many values for "${name}"`);
  }
  return values[0];
}

function parseTime(req: ApiRequest, name: string): bigint | undefined {
  const text = single(req, name);
  if (text === undefined) {
    return undefined;
  }
  const ns = parseRfc3339Ns(text);
  if (ns === undefined) {
    throw invalid(`invalid ${name} "${text}": must be an RFC 3339 timestamp, e.g. 2022-03-09T08:40:18.490771179Z`);
  }
  return ns;
}

/** strconv.ParseBool, as grpc-gateway parses booleans. */
function parseBool(req: ApiRequest, name: string): boolean {
  const text = single(req, name);
  if (text === undefined) {
    return false;
  }
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) {
    return true;
  }
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) {
    return false;
  }
  throw invalid(`invalid ${name} "${text}": must be true or false`);
}

const DISCARDED_BODIES: Readonly<Record<Exclude<TorqDiscardedBody, 'absent'>, unknown>> = { 'empty-string': '', null: null, 'empty-object': {} };

/** The step a run stopped at (named in its error) or, else, its workflow's last (finished) or first (still going) step. */
function lastStepName(x: TorqExecution): string | undefined {
  const failedAt = x.error === undefined ? undefined : /^step '([^']+)'/.exec(x.error)?.[1];
  if (failedAt) {
    return failedAt;
  }
  const { steps } = x.workflow;
  return x.finishedNs === undefined ? steps[0] : steps[steps.length - 1];
}

interface PageState {
  startNs: bigint;
  endNs: bigint;
  offset: number;
  size: number;
  key: string;
}

export class TorqApi implements ProductApi {
  readonly name = 'torq' as const;
  /** Issued bearer tokens → expiry (real epoch ms). Expired ones stay known: they get 302, not 401. */
  private readonly tokens = new Map<string, number>();
  private cache: { data: unknown; results: Map<string, TorqEntry[]> } = { data: undefined, results: new Map() };

  constructor(private readonly ctx: ServerContext) {}

  handles(path: string): boolean {
    return path.startsWith('/v1/auth/') || path.startsWith('/public/');
  }

  /** Makes every issued token expired (next use → 302). */
  expireTokens(): void {
    for (const token of this.tokens.keys()) {
      this.tokens.set(token, 0);
    }
  }

  handle(req: ApiRequest): ApiResponse {
    if (req.path === '/v1/auth/token') {
      return this.issueToken(req);
    }
    const route = /^\/public\/v1alpha\/(activity_logs|audit_logs|executions\/([^/]+)(\/event)?)$/.exec(req.path);
    if (!route) {
      return rpcError(404, 5, 'Not Found');
    }
    if (req.method !== 'GET') {
      return rpcError(405, 12, 'Method Not Allowed', { Allow: 'GET' });
    }
    this.authenticate(req);
    if (route[1] === 'activity_logs') {
      return this.listActivity(req);
    }
    if (route[1] === 'audit_logs') {
      return this.listAudit(req);
    }
    return this.execution(decodeURIComponent(route[2]), route[3] !== undefined);
  }

  private issueToken(req: ApiRequest): ApiResponse {
    if (req.method !== 'POST') {
      return jsonResponse(405, { error: 'invalid_request', error_description: 'use POST' }, { Allow: 'POST' });
    }
    if (contentType(req.headers) !== 'application/x-www-form-urlencoded') {
      return jsonResponse(400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    }
    const form = paramsFrom(new URLSearchParams(req.body.toString('utf8')));
    const grant = form.grant_type?.[0];
    if (grant === undefined) {
      return jsonResponse(400, { error: 'invalid_request', error_description: 'grant_type is required' });
    }
    if (grant !== 'client_credentials') {
      return jsonResponse(400, { error: 'unsupported_grant_type' });
    }
    const creds = basicCredentials(req.headers);
    if (!creds || creds.user !== TORQ_CREDENTIALS.clientId || creds.password !== TORQ_CREDENTIALS.clientSecret) {
      return jsonResponse(401, { error: 'invalid_client' }, { 'WWW-Authenticate': 'Basic realm="torq"' });
    }
    const token = randomUUID();
    const ttl = this.ctx.options.torqTokenTtlSeconds;
    this.tokens.set(token, Date.now() + ttl * 1000);
    return jsonResponse(
      200,
      { access_token: token, expires_in: ttl, token_type: 'Bearer' },
      { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  }

  private authenticate(req: ApiRequest): void {
    const token = authorization(req.headers, 'Bearer');
    const expiry = token === undefined ? undefined : this.tokens.get(token);
    if (expiry === undefined) {
      throw new Reply(rpcError(401, 16, 'Invalid bearer token'));
    }
    if (Date.now() >= expiry) {
      throw new Reply(this.redirectToAuth(req));
    }
  }

  /** What Torq does with an expired token: a redirect, not a 401. */
  private redirectToAuth(req: ApiRequest): ApiResponse {
    const location = `${req.origin}/v1/auth/token`;
    return { status: 302, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, text: `<a href="${location}">Found</a>.\n\n` };
  }

  private workspaceFields(): Record<string, string> {
    const { workspace } = this.ctx.data.torq;
    return this.ctx.options.torqAccountKeys ? { account_id: workspace.id, account_name: workspace.name } : { workspace_id: workspace.id, workspace_name: workspace.name };
  }

  private pageSize(req: ApiRequest): number {
    const text = single(req, 'page_size');
    if (text === undefined) {
      return 100;
    }
    const size = parseIntStrict(text);
    if (size === undefined || size < 0 || size > 2_147_483_647) {
      throw invalid(`invalid page_size "${text}": must be a non-negative integer`);
    }
    const max = this.ctx.options.torqMaxPageSize;
    if (size > max) {
      throw invalid(`page_size must be at most ${max}`);
    }
    return size === 0 ? 100 : size;
  }

  /** The window and offset of this page: from the page token, or from the parameters. */
  private pageState(req: ApiRequest, filters: Record<string, unknown>): PageState {
    const key = filterHash(filters);
    const size = this.pageSize(req);
    const token = single(req, 'page_token');
    if (token !== undefined && token !== '') {
      const state = decodeOpaque(token);
      if (!state || typeof state.s !== 'string' || typeof state.e !== 'string' || typeof state.o !== 'number' || typeof state.f !== 'string' || !/^\d+$/.test(state.s + state.e)) {
        throw invalid('invalid page_token');
      }
      if (state.f !== key) {
        throw invalid('page_token does not match the request parameters; repeat the same filters as the first request');
      }
      return { startNs: BigInt(state.s), endNs: BigInt(state.e), offset: state.o, size, key };
    }
    const start = parseTime(req, 'start_time');
    const end = parseTime(req, 'end_time');
    const endNs = end ?? msToNs(this.ctx.nowMs());
    const startNs = start ?? endNs - 24n * NS_PER_HOUR;
    if (startNs > endNs) {
      throw invalid('start_time must not be after end_time');
    }
    return { startNs, endNs, offset: 0, size, key };
  }

  private nextToken(state: PageState, total: number): string {
    const offset = state.offset + state.size;
    return offset < total ? encodeOpaque({ v: 1, f: state.key, s: String(state.startNs), e: String(state.endNs), o: offset }) : '';
  }

  /** Results of a query, cached per filters and window so that paging through 100 000 stays fast. */
  private cached<T extends TorqEntry>(cacheKey: string, compute: () => T[]): T[] {
    if (this.cache.data !== this.ctx.data) {
      this.cache = { data: this.ctx.data, results: new Map() };
    }
    let hit = this.cache.results.get(cacheKey);
    if (!hit) {
      hit = compute();
      if (this.cache.results.size > 32) {
        this.cache.results.clear();
      }
      this.cache.results.set(cacheKey, hit);
    }
    return hit as T[];
  }

  private listActivity(req: ApiRequest): ApiResponse {
    const activityType = (single(req, 'activity_type') || 'all') as ActivityType;
    if (!ACTIVITY_TYPES.includes(activityType)) {
      throw invalid(`invalid activity_type "${activityType}": must be one of ${ACTIVITY_TYPES.join(', ')}`);
    }
    const workflowId = single(req, 'workflow_id') || undefined;
    const payloadText = single(req, 'payload') ?? '';
    const keywords = payloadText.split(/\s+/).filter((k) => k.length > 0);
    const integrationIds = (req.query.integration_ids ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
    const discardBody = parseBool(req, 'discard_body');
    const filters = {
      endpoint: 'activity_logs',
      start_time: single(req, 'start_time'),
      end_time: single(req, 'end_time'),
      activity_type: activityType,
      workflow_id: workflowId,
      payload: keywords,
      integration_ids: [...new Set(integrationIds)].sort(),
    };
    const state = this.pageState(req, filters);
    const { data } = this.ctx;
    const integrationSet = new Set(integrationIds);
    const matching = this.cached(`${state.key}|${state.startNs}|${state.endNs}`, () =>
      data.torq.entries.filter((e) => {
        if (e.tsNs < state.startNs || e.tsNs >= state.endNs) {
          return false; // start inclusive, end exclusive
        }
        if (activityType === 'workflow_runs' && (!e.execution || e.type === 'single_step')) {
          return false;
        }
        if (activityType === 'step_executions' && e.type !== 'single_step') {
          return false;
        }
        if (workflowId !== undefined && e.execution?.workflow.id !== workflowId) {
          return false;
        }
        if (integrationSet.size > 0 && !(e.integration && integrationSet.has(e.integration.integration_id))) {
          return false;
        }
        if (keywords.length > 0) {
          const body = data.torq.bodyText(e);
          return keywords.every((k) => body.includes(k));
        }
        return true;
      }),
    );
    const page = matching.slice(state.offset, state.offset + state.size);
    return jsonResponse(200, { activity_logs: page.map((e) => this.entryJson(e, discardBody)), next_page_token: this.nextToken(state, matching.length) });
  }

  private listAudit(req: ApiRequest): ApiResponse {
    const order = single(req, 'order') || 'desc';
    if (order !== 'asc' && order !== 'desc') {
      throw invalid(`invalid order "${order}": must be asc or desc`);
    }
    const filters = { endpoint: 'audit_logs', start_time: single(req, 'start_time'), end_time: single(req, 'end_time'), order };
    const state = this.pageState(req, filters);
    const matching = this.ctx.data.torq.audit.filter((a) => a.tsNs >= state.startNs && a.tsNs < state.endNs);
    if (order === 'asc') {
      matching.reverse();
    }
    const page = matching.slice(state.offset, state.offset + state.size);
    return jsonResponse(200, { audit_logs: page.map((a) => this.auditJson(a)), next_page_token: this.nextToken(state, matching.length) });
  }

  private execution(id: string, eventOnly: boolean): ApiResponse {
    const entry = this.ctx.data.torq.executionById(id);
    if (!entry?.execution) {
      return rpcError(404, 5, `execution ${id} not found`);
    }
    if (eventOnly) {
      return jsonResponse(200, { event: this.eventJson(entry, false) });
    }
    // The execution endpoint also names the last executed step (its key is a guess: api-spec §1.0).
    const step = lastStepName(entry.execution);
    return jsonResponse(200, { ...this.executionJson(entry.execution), ...(step !== undefined ? { last_step_name: step } : {}) });
  }

  private body(entry: TorqEntry): unknown {
    const text = this.ctx.data.torq.bodyText(entry);
    return this.ctx.options.torqBodyAsObject ? JSON.parse(text) : text;
  }

  private eventJson(e: TorqEntry, discardBody: boolean): Record<string, unknown> {
    const event: Record<string, unknown> = { id: e.eventId, timestamp: formatRfc3339Ns(e.tsNs), pretty_id: e.prettyId };
    if (!discardBody) {
      event.body = this.body(e);
    } else if (this.ctx.options.torqDiscardedBody !== 'absent') {
      event.body = DISCARDED_BODIES[this.ctx.options.torqDiscardedBody];
    }
    event.type = e.type;
    if (e.type === 'integration' && e.integration) {
      event.integration = { ...e.integration, ...(e.executedBy ? { executed_by: e.executedBy } : {}) };
    } else if (e.type === 'nested' && e.parent) {
      event.nested = { parent_workflow_id: e.parent.workflow.id, parent_workflow_name: e.parent.workflow.name, parent_execution_id: e.parent.execution.id };
    } else if (e.type === 'on_demand' || e.type === 'single_step') {
      event[e.type] = { executed_by: e.executedBy };
    }
    return event;
  }

  private executionJson(x: TorqExecution): Record<string, unknown> {
    return {
      id: x.id,
      workflow_id: x.workflow.id,
      workflow_name: x.workflow.name,
      status: x.status,
      ...(x.error !== undefined ? { error: { message: x.error } } : {}),
      started_at: formatRfc3339Ns(x.startedNs),
      ...(x.finishedNs !== undefined ? { finished_at: formatRfc3339Ns(x.finishedNs) } : {}),
    };
  }

  /** The execution object exactly as the list-activity-logs page documents it: no status. */
  private documentedExecutionJson(x: TorqExecution): Record<string, unknown> {
    const step = lastStepName(x);
    return {
      id: x.id,
      workflow_id: x.workflow.id,
      workflow_name: x.workflow.name,
      ...(step !== undefined ? { last_step_name: step } : {}),
      start_time: formatRfc3339Ns(x.startedNs),
      // A run still going shows no update after its start here [I].
      update_time: formatRfc3339Ns(x.finishedNs ?? x.startedNs),
      ...(x.error !== undefined ? { error_message: x.error } : {}),
    };
  }

  private entryJson(e: TorqEntry, discardBody: boolean): Record<string, unknown> {
    const execution = e.execution && (this.ctx.options.torqDocumentedExecution ? this.documentedExecutionJson(e.execution) : this.executionJson(e.execution));
    return {
      id: e.id,
      ...this.workspaceFields(),
      event: this.eventJson(e, discardBody),
      ...(execution ? { execution } : {}),
    };
  }

  private auditJson(a: TorqAuditEntry): Record<string, unknown> {
    const { id, tsNs, extra_data, ...rest } = a;
    return { id, timestamp: formatRfc3339Ns(tsNs), ...rest, ...(extra_data ? { extra_data } : {}), ...this.workspaceFields() };
  }

  // --- fault hooks -------------------------------------------------------------------------

  failure(status: 429 | 502 | 503, retryAfter: number | undefined): ApiResponse {
    if (status === 429) {
      return rpcError(429, 8, 'rate limit exceeded: at most 50 requests per second', { 'Retry-After': String(retryAfter ?? 1) });
    }
    if (status === 502) {
      return rpcError(502, 13, 'Something went wrong on our side');
    }
    return rpcError(503, 14, 'service unavailable', retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : undefined);
  }

  expiredToken(req: ApiRequest): ApiResponse | undefined {
    return req.path.startsWith('/public/') ? this.redirectToAuth(req) : undefined;
  }

  dropRequiredField(json: unknown): void {
    if (isRecord(json) && 'access_token' in json) {
      delete json.access_token;
      return;
    }
    for (const item of itemsOf(json, ['activity_logs', 'audit_logs'])) {
      delete item[Array.isArray((json as Record<string, unknown>).audit_logs) ? 'timestamp' : 'event' in item ? 'event' : 'status'];
    }
  }

  sentCursor(req: ApiRequest): string | undefined {
    return req.query.page_token?.[0] || undefined;
  }

  repeatCursor(req: ApiRequest, response: ApiResponse): ApiResponse {
    if (isRecord(response.json) && 'next_page_token' in response.json) {
      response.json.next_page_token = this.sentCursor(req) ?? '';
    }
    return response;
  }

  placeHuge(json: unknown, marker: string): boolean {
    const first = itemsOf(json, ['activity_logs'])[0];
    const event = first?.event;
    if (!isRecord(json) || !Array.isArray(json.activity_logs) || !isRecord(event)) {
      return false;
    }
    event.body = this.ctx.options.torqBodyAsObject ? { padding: marker } : JSON.stringify({ padding: marker });
    return true;
  }
}
