/**
 * Slack's `apps.activities.list` with every argument of the method, and `auth.test`. GET with a
 * query string as the Slack CLI does (but URL-encoded); the service token goes only in the
 * Authorization header, only to the configured API origin. Slack answers API errors with HTTP 200
 * and `ok: false`: those codes are turned into errors that say what to do here; HTTP statuses
 * (429 with Retry-After, 5xx) are the core client's.
 */
import { responseError, SourceClient } from '../../core/api';
import { ActivityLogsError, tryAgainIn } from '../../core/errors';
import type { HttpResponse, QueryParams } from '../../core/http';
import { ParsedEntry, parsedEntry, readListPage, wholePage } from '../../core/listPage';
import type { Page, SyncRawPage } from '../../core/paging';
import { parseJson, parseWith } from '../../core/schema';
import type { SlackEndpoints } from './endpoints';
import { ACTIVITIES_PAGE, authTestResponseSchema, SlackActivity, slackEnvelopeSchema, slackErrorMessage } from './schema';

/**
 * `apps.activities.list` documents no maximum `limit` (its example is 100); Slack's pagination
 * guide recommends 100–200 items a call. Larger pages are not asked for.
 */
export const SLACK_MAX_LIMIT = 200;
export const SLACK_REQUIRED_SCOPE = 'hosting:read';

export type SlackLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export type SlackComponentType = 'events_api' | 'workflows' | 'functions' | 'tables';

/** The arguments of `apps.activities.list` (api-spec §2.2); filters combine with AND. */
export interface ActivitiesQuery {
  readonly appId: string;
  readonly teamId?: string;
  readonly limit?: number;
  /** Slack's default is `info`. */
  readonly minLogLevel?: SlackLogLevel;
  readonly logEventType?: string;
  readonly source?: 'slack' | 'developer';
  readonly componentType?: SlackComponentType;
  readonly componentId?: string;
  readonly traceId?: string;
  /** Epoch microseconds, as a digit string (or a safe integer). */
  readonly minDateCreated?: string | number;
  readonly maxDateCreated?: string | number;
  readonly sortDirection?: 'asc' | 'desc';
}

export interface SlackIdentity {
  readonly user?: string;
  readonly team?: string;
  readonly userId?: string;
  readonly teamId?: string;
}

export type SlackItem = ParsedEntry<SlackActivity>;

const TOKEN_FIX = 'Run `slack auth token` for a new service token and enter it again.';

export class SlackClient extends SourceClient<SlackEndpoints> {
  async activities(query: ActivitiesQuery, cursor: string | undefined, signal?: AbortSignal): Promise<Page<SlackItem>> {
    return wholePage(this.activitiesPage(query, cursor, signal));
  }

  /** The same in two steps: the envelope and cursor now, the entries checked by `decode` (see `RawPage`). */
  async activitiesPage(query: ActivitiesQuery, cursor: string | undefined, signal?: AbortSignal): Promise<SyncRawPage<SlackItem>> {
    const service = 'Slack apps.activities.list';
    const res = await this.call('apps.activities.list', service, {
      app_id: query.appId,
      team_id: query.teamId,
      cursor,
      limit: clampLimit(query.limit),
      min_log_level: query.minLogLevel,
      log_event_type: query.logEventType,
      source: query.source,
      component_type: query.componentType,
      component_id: query.componentId,
      trace_id: query.traceId,
      min_date_created: query.minDateCreated === undefined ? undefined : String(query.minDateCreated),
      max_date_created: query.maxDateCreated === undefined ? undefined : String(query.maxDateCreated),
      sort_direction: query.sortDirection,
    }, signal);
    // The schema normalises (`created` as a digit string, defaults); the payload panel shows the entry as sent.
    return readListPage(this.envelope(res, service, cursor !== undefined), ACTIVITIES_PAGE, service, parsedEntry);
  }

  /** The session check the Slack CLI runs before reading activity: who the token belongs to. */
  async authTest(signal?: AbortSignal): Promise<SlackIdentity> {
    const service = 'Slack auth.test';
    const res = await this.call('auth.test', service, {}, signal);
    const body = parseWith(authTestResponseSchema, this.envelope(res, service, false), service);
    return { user: body.user ?? undefined, team: body.team ?? undefined, userId: body.user_id ?? undefined, teamId: body.team_id ?? undefined };
  }

  private async call(method: string, service: string, query: QueryParams, signal?: AbortSignal): Promise<HttpResponse> {
    return this.sendWithSecret({ service, url: this.endpoints.api + method, query, signal }, {
      name: 'token',
      scheme: 'Bearer',
      origin: new URL(this.endpoints.api).origin,
      missing: `No Slack service token is set for this app. ${TOKEN_FIX}`,
    });
  }

  /** HTTP status first (core), then Slack's own `ok: false`; returns the parsed body of an `ok: true` answer. */
  private envelope(res: HttpResponse, service: string, paging: boolean): unknown {
    // A non-200 status (429 after the core client's retries, 5xx) is decided by the status; the body only adds Slack's code.
    if (res.status < 200 || res.status >= 300) throw responseError(res, service, slackErrorMessage, this.ctx.redactor);
    const json = parseJson(res.text, service, this.ctx.redactor);
    const envelope = parseWith(slackEnvelopeSchema, json, service);
    if (envelope.warning) this.ctx.log.debug(`${service}: Slack warns ${envelope.warning}`);
    // Every string of an error answer is the server's, and servers echo credentials: each passes the redactor.
    const said = (text: string | null | undefined, max: number) => (text ? this.ctx.redactor.preview(text, max) : undefined);
    if (!envelope.ok) throw slackApiError(said(envelope.error, 80) ?? 'unknown_error', service, { needed: said(envelope.needed, 200), provided: said(envelope.provided, 200), paging, retryAfterMs: res.retryAfterMs });
    return json;
  }
}

/** An `ok: false` code as the error a user should see, with its fix. */
export function slackApiError(
  code: string,
  service: string,
  extra: { needed?: string; provided?: string; paging?: boolean; retryAfterMs?: number } = {},
): ActivityLogsError {
  const details = { code, status: 200 };
  switch (code) {
    case 'not_authed':
      return new ActivityLogsError('auth', `${service}: no service token was sent (not_authed). ${TOKEN_FIX}`, { ...details, fix: 'enterCredentials' });
    case 'invalid_auth':
      return new ActivityLogsError('auth', `${service}: Slack did not accept the service token (invalid_auth). ${TOKEN_FIX}`, { ...details, fix: 'enterCredentials' });
    case 'token_expired':
      return new ActivityLogsError('auth', `${service}: the service token has expired (token_expired). ${TOKEN_FIX}`, { ...details, fix: 'enterCredentials' });
    case 'token_revoked':
      return new ActivityLogsError('auth', `${service}: the service token was revoked, or its user or app removed (token_revoked). ${TOKEN_FIX}`, { ...details, fix: 'enterCredentials' });
    case 'account_inactive':
      return new ActivityLogsError('auth', `${service}: the token belongs to a deactivated user or workspace (account_inactive). ${TOKEN_FIX}`, { ...details, fix: 'enterCredentials' });
    case 'missing_scope': {
      const needed = extra.needed || SLACK_REQUIRED_SCOPE;
      const provided = extra.provided ? ` (it has: ${extra.provided})` : '';
      return new ActivityLogsError('permission', `${service}: the token lacks the ${needed} scope${provided}. Use the service token that \`slack auth token\` prints, which has ${needed}, and enter it again.`, {
        ...details,
        fix: 'enterCredentials',
      });
    }
    case 'invalid_app_id':
      return new ActivityLogsError('config', `${service}: Slack does not know this app id (invalid_app_id). Check the app id in the source settings (it starts with A, e.g. A0123ABCD).`, { ...details, fix: 'editSource' });
    case 'invalid_app':
      return new ActivityLogsError('config', `${service}: the app id is not valid for this token's team and user (invalid_app). Check the app id and team id in the source settings, or use a token of the team that owns the app.`, {
        ...details,
        fix: 'editSource',
      });
    case 'invalid_cursor':
      return new ActivityLogsError('badRequest', `${service}: the page cursor is no longer valid (invalid_cursor). Refresh to start from the first page.`, { ...details, fix: 'retry' });
    case 'free_team_not_allowed':
      return new ActivityLogsError('plan', `${service}: app activity logs are only available on paid Slack plans (free_team_not_allowed).`, details);
    case 'restricted_plan_level':
      return new ActivityLogsError('plan', `${service}: app activity logs are not available on this team's plan (restricted_plan_level).`, details);
    case 'ratelimited': {
      const wait = tryAgainIn(extra.retryAfterMs);
      return new ActivityLogsError('rateLimited', `${service}: Slack is rate limiting requests (ratelimited).${wait}`, { ...details, retryAfterMs: extra.retryAfterMs });
    }
    case 'invalid_args':
    case 'invalid_arguments':
    case 'invalid_arg_name':
      return new ActivityLogsError('badRequest', `${service}: Slack rejected the arguments (${code}). Check the app id, team id and filters.`, { ...details, fix: 'editSource' });
    case 'internal_error':
    case 'fatal_error':
    case 'service_unavailable':
    case 'request_timeout':
      return new ActivityLogsError('server', `${service}: Slack had a problem answering (${code}).`, details);
    case 'access_denied':
    case 'no_permission':
    case 'not_allowed_token_type':
    case 'team_access_not_granted':
    case 'ekm_access_denied':
    case 'enterprise_is_restricted':
    case 'two_factor_setup_required':
      return new ActivityLogsError('permission', `${service}: Slack refused access (${code}).`, details);
    default:
      return new ActivityLogsError('badRequest', `${service}: Slack answered with the error ${code}.`, { ...details, fix: extra.paging ? 'retry' : 'editSource' });
  }
}

export function clampLimit(size: number | undefined): number | undefined {
  if (size === undefined) return undefined;
  return Math.max(1, Math.min(SLACK_MAX_LIMIT, Math.floor(size)));
}
