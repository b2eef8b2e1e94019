/**
 * Fake Slack Web API: `apps.activities.list` (GET query or POST form) and `auth.test`.
 * Slack answers API-level errors with HTTP 200 and `{"ok": false, "error": ...}`; only throttling
 * changes the status (429 + Retry-After).
 */
import { SLACK_CREDENTIALS } from './credentials';
import { SLACK_COMPONENT_TYPES, SLACK_LEVELS, type SlackActivity, type SlackComponentType, type SlackLevel } from './data/slack-data';
import { type ApiRequest, type ApiResponse, authorization, contentType, firstParam, headerValue, jsonResponse, mergeParams, type Params, paramsFrom, parseIntStrict, Reply } from './http-util';
import { CursorBook, filterHash } from './paging';
import { gatewayPage, isRecord, itemsOf, type ProductApi, type ServerContext } from './product';

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const REQUIRED_SCOPE = 'hosting:read';

interface TokenInfo {
  teamId: string;
  userId: string;
  scopes: string;
  /** An error every call with this token gets. */
  error?: 'token_expired' | 'token_revoked';
  /** An error the activity method gets (auth.test still succeeds). */
  planError?: 'free_team_not_allowed' | 'restricted_plan_level';
}

const special = SLACK_CREDENTIALS.special;
const TOKENS = new Map<string, TokenInfo>([
  [SLACK_CREDENTIALS.token, { teamId: SLACK_CREDENTIALS.teamId, userId: SLACK_CREDENTIALS.userId, scopes: `${REQUIRED_SCOPE},apps:read` }],
  [special.expired, { teamId: SLACK_CREDENTIALS.teamId, userId: SLACK_CREDENTIALS.userId, scopes: REQUIRED_SCOPE, error: 'token_expired' }],
  [special.revoked, { teamId: SLACK_CREDENTIALS.teamId, userId: SLACK_CREDENTIALS.userId, scopes: REQUIRED_SCOPE, error: 'token_revoked' }],
  [special.missingScope, { teamId: SLACK_CREDENTIALS.teamId, userId: SLACK_CREDENTIALS.userId, scopes: 'chat:write,users:read' }],
  [special.freeTeam, { teamId: 'T0FREETEAM', userId: 'U0FREEUSR1', scopes: REQUIRED_SCOPE, planError: 'free_team_not_allowed' }],
  [special.restrictedPlan, { teamId: SLACK_CREDENTIALS.teamId, userId: SLACK_CREDENTIALS.userId, scopes: REQUIRED_SCOPE, planError: 'restricted_plan_level' }],
  [special.otherTeam, { teamId: 'T0OTHERTEAM', userId: 'U0OTHERUS1', scopes: REQUIRED_SCOPE }],
]);

function slackError(error: string, extra: Record<string, unknown> = {}): Reply {
  return new Reply(jsonResponse(200, { ok: false, error, ...extra }, JSON_TYPE));
}

const POST_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json', 'text/plain'];

export class SlackApi implements ProductApi {
  readonly name = 'slack' as const;
  private readonly cursors = new CursorBook();

  constructor(private readonly ctx: ServerContext) {}

  handles(path: string): boolean {
    return path.startsWith('/api/') && !path.startsWith('/api/v2/');
  }

  handle(req: ApiRequest): ApiResponse {
    const method = req.path.slice('/api/'.length);
    if (method !== 'apps.activities.list' && method !== 'auth.test') {
      return jsonResponse(404, { ok: false, error: 'unknown_method', req_method: method }, JSON_TYPE);
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      return jsonResponse(405, { ok: false, error: 'method_not_allowed' }, { ...JSON_TYPE, Allow: 'GET, POST' });
    }
    const args = this.args(req);
    const token = this.token(req, args);
    return method === 'auth.test' ? this.authTest(token) : this.listActivities(req, args, token);
  }

  /** Query string plus form body: Slack accepts arguments from both. */
  private args(req: ApiRequest): Params {
    if (req.method !== 'POST' || req.body.length === 0) {
      return req.query;
    }
    const type = contentType(req.headers);
    if (!type) {
      throw slackError('missing_post_type');
    }
    if (!POST_TYPES.includes(type)) {
      throw slackError('invalid_post_type');
    }
    const charset = /charset=([^;]+)/i.exec(headerValue(req.headers, 'content-type') ?? '')?.[1]?.trim().toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'iso-8859-1') {
      throw slackError('invalid_charset');
    }
    if (type === 'application/x-www-form-urlencoded') {
      return mergeParams(req.query, paramsFrom(new URLSearchParams(req.body.toString('utf8'))));
    }
    // JSON bodies are for write methods only; reading methods ignore them (as Slack does).
    return req.query;
  }

  private token(req: ApiRequest, args: Params): TokenInfo {
    const text = authorization(req.headers, 'Bearer') ?? firstParam(args, 'token');
    if (!text) {
      throw slackError('not_authed');
    }
    const info = TOKENS.get(text);
    if (!info) {
      throw slackError('invalid_auth');
    }
    if (info.error) {
      throw slackError(info.error);
    }
    return info;
  }

  private authTest(token: TokenInfo): ApiResponse {
    const team = token.teamId === SLACK_CREDENTIALS.teamId ? 'Fake Team' : token.teamId === 'T0FREETEAM' ? 'Free Team' : 'Other Team';
    return jsonResponse(
      200,
      { ok: true, url: `https://${team.toLowerCase().replace(' ', '-')}.slack.example/`, team, user: 'fake.dev', team_id: token.teamId, user_id: token.userId, is_enterprise_install: false },
      { ...JSON_TYPE, 'X-OAuth-Scopes': token.scopes },
    );
  }

  private listActivities(req: ApiRequest, args: Params, token: TokenInfo): ApiResponse {
    if (!token.scopes.split(',').includes(REQUIRED_SCOPE)) {
      throw slackError('missing_scope', { needed: REQUIRED_SCOPE, provided: token.scopes });
    }
    if (token.planError) {
      throw slackError(token.planError);
    }
    const arg = (name: string): string | undefined => firstParam(args, name) || undefined;
    const appId = arg('app_id');
    if (!appId) {
      throw slackError('invalid_args');
    }
    const app = this.ctx.data.slack.apps.find((a) => a.appId === appId);
    if (!app) {
      throw slackError('invalid_app_id');
    }
    const teamId = arg('team_id');
    if ((teamId !== undefined && teamId !== app.teamId) || token.teamId !== app.teamId) {
      throw slackError('invalid_app');
    }
    const minLevel = (arg('min_log_level') ?? 'info') as SlackLevel;
    const source = arg('source');
    const componentType = arg('component_type') as SlackComponentType | undefined;
    const sort = arg('sort_direction') ?? 'desc';
    if (!SLACK_LEVELS.includes(minLevel) || (source !== undefined && source !== 'slack' && source !== 'developer') || (componentType !== undefined && !SLACK_COMPONENT_TYPES.includes(componentType)) || (sort !== 'asc' && sort !== 'desc')) {
      throw slackError('invalid_args');
    }
    const micros = (name: string): number | undefined => {
      const text = arg(name);
      const value = text === undefined ? undefined : parseIntStrict(text);
      if (text !== undefined && (value === undefined || value < 0)) {
        throw slackError('invalid_args');
      }
      return value;
    };
    const minDate = micros('min_date_created');
    const maxDate = micros('max_date_created');
    const limitValue = micros('limit');
    const limit = Math.min(limitValue || 100, this.ctx.options.slackMaxLimit);
    const filters = {
      app_id: appId,
      min_log_level: minLevel,
      log_event_type: arg('log_event_type'),
      source,
      component_type: componentType,
      component_id: arg('component_id'),
      trace_id: arg('trace_id'),
      min_date_created: minDate,
      max_date_created: maxDate,
      sort_direction: sort,
    };
    const key = filterHash(filters);
    const threshold = SLACK_LEVELS.indexOf(minLevel);
    const matching = this.ctx.data.slack.activities.filter(
      (a) =>
        a.app_id === appId &&
        SLACK_LEVELS.indexOf(a.level) >= threshold &&
        (filters.log_event_type === undefined || a.event_type === filters.log_event_type) &&
        (source === undefined || a.source === source) &&
        (componentType === undefined || a.component_type === componentType) &&
        (filters.component_id === undefined || a.component_id === filters.component_id) &&
        (filters.trace_id === undefined || a.trace_id === filters.trace_id) &&
        (minDate === undefined || a.created >= minDate) &&
        (maxDate === undefined || a.created <= maxDate),
    );
    if (sort === 'desc') {
      matching.reverse();
    }
    let start = 0;
    const cursor = arg('cursor');
    if (cursor !== undefined) {
      const logId = /^log_id:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1];
      start = logId === undefined ? -1 : matching.findIndex((a) => a.logId === Number(logId));
      if (start < 0 || !this.cursors.wasIssued(cursor, key)) {
        throw slackError('invalid_cursor');
      }
    }
    const page = matching.slice(start, start + limit);
    const next = matching[start + limit];
    const nextCursor = next ? Buffer.from(`log_id:${next.logId}`, 'utf8').toString('base64') : '';
    if (nextCursor) {
      this.cursors.remember(nextCursor, key);
    }
    return jsonResponse(
      200,
      { ok: true, activities: page.map(activityJson), response_metadata: { next_cursor: nextCursor } },
      { ...JSON_TYPE, 'X-OAuth-Scopes': token.scopes, 'X-Accepted-OAuth-Scopes': REQUIRED_SCOPE },
    );
  }

  // --- fault hooks -------------------------------------------------------------------------

  failure(status: 429 | 502 | 503, retryAfter: number | undefined): ApiResponse {
    if (status === 429) {
      return jsonResponse(429, { ok: false, error: 'ratelimited' }, { ...JSON_TYPE, 'Retry-After': String(retryAfter ?? 1) });
    }
    if (status === 502) {
      return gatewayPage(502);
    }
    return jsonResponse(503, { ok: false, error: 'service_unavailable' }, { ...JSON_TYPE, ...(retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {}) });
  }

  expiredToken(): ApiResponse {
    return jsonResponse(200, { ok: false, error: 'token_expired' }, JSON_TYPE);
  }

  dropRequiredField(json: unknown): void {
    for (const item of itemsOf(json, ['activities'])) {
      delete item[isRecord(json) && Array.isArray(json.activities) ? 'created' : 'team_id'];
    }
  }

  sentCursor(req: ApiRequest): string | undefined {
    const args = req.method === 'POST' && contentType(req.headers) === 'application/x-www-form-urlencoded' ? mergeParams(req.query, paramsFrom(new URLSearchParams(req.body.toString('utf8')))) : req.query;
    return firstParam(args, 'cursor') || undefined;
  }

  repeatCursor(req: ApiRequest, response: ApiResponse): ApiResponse {
    if (isRecord(response.json) && isRecord(response.json.response_metadata)) {
      response.json.response_metadata.next_cursor = this.sentCursor(req) ?? '';
    }
    return response;
  }

  placeHuge(json: unknown, marker: string): boolean {
    const first = itemsOf(json, ['activities'])[0];
    if (!isRecord(json) || !Array.isArray(json.activities) || !isRecord(first?.payload)) {
      return false;
    }
    first.payload.log = marker;
    return true;
  }
}

function activityJson(a: SlackActivity): Record<string, unknown> {
  return {
    level: a.level,
    event_type: a.event_type,
    source: a.source,
    component_type: a.component_type,
    component_id: a.component_id,
    app_id: a.app_id,
    team_id: a.team_id,
    payload: a.payload,
    created: a.created,
    trace_id: a.trace_id,
  };
}
