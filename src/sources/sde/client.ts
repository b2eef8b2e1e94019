/**
 * SD Elements' API v2: the global activity log with every filter of its page, one activity by id,
 * and users. Page-number paging: `page_size` is always sent (without it the server may answer
 * everything at once) and the `next` URL is followed, but only on the instance's own origin. The
 * API token goes as `Authorization: Token …`, only to that origin.
 */
import { decodeResponse, responseError, SourceClient } from '../../core/api';
import { ActivityLogsError } from '../../core/errors';
import type { HttpResponse, QueryParams } from '../../core/http';
import { nextPageUrl, ParsedEntry, parsedEntry, readListPage, wholePage } from '../../core/listPage';
import type { Page, SyncRawPage } from '../../core/paging';
import type { SecretRedactor } from '../../core/redact';
import { parseJson, parseWith } from '../../core/schema';
import { toRfc3339 } from '../../core/time';
import type { SdeEndpoints } from './endpoints';
import { ACTIVITIES_PAGE, SdeActivity, sdeActivitySchema, sdeErrorMessage, SdeUser, sdeUserSchema } from './schema';

/** The API's page sizes are not documented; 100–500 is what a client should send (api-spec §3.2). */
export const SDE_MAX_PAGE_SIZE = 500;
export const SDE_DEFAULT_PAGE_SIZE = 100;

/** The filters of `GET /api/v2/activities/` (api-spec §3.3); they combine with AND. */
export interface SdeActivitiesQuery {
  /** Performed by this user id. */
  readonly actor?: number | string;
  readonly application?: number | string;
  /** The application's name: how activities of a deleted application are found. */
  readonly applicationDesc?: string;
  readonly businessUnit?: number | string;
  readonly businessUnitDesc?: string;
  readonly project?: number | string;
  readonly projectDesc?: string;
  /** A library task id such as `T21` or `CT12`. */
  readonly standard?: string;
  readonly standardDesc?: string;
  /** Activities that reference this user id (not those performed by it). */
  readonly user?: number | string;
  readonly id?: number | string;
  /** An activity type, e.g. `LoggedInActivity`. */
  readonly name?: string;
  /** Epoch ms; sent as UTC with an explicit `Z` (without it the server reads its own local time). */
  readonly dateFromMs?: number;
  readonly dateToMs?: number;
  readonly pageSize?: number;
}

export type SdeItem = ParsedEntry<SdeActivity>;

const TOKEN_FIX = 'Generate a new APIv2 token in SD Elements (top-right menu → API Settings → APIv2) and enter it again.';

export class SdeClient extends SourceClient<SdeEndpoints> {
  /** One page; `next` is the `next` URL of the previous page. */
  async activities(query: SdeActivitiesQuery, next: string | undefined, signal?: AbortSignal): Promise<Page<SdeItem>> {
    return wholePage(this.activitiesPage(query, next, signal));
  }

  /** The same in two steps: the envelope and `next` now, the entries checked by `decode` (see `RawPage`). */
  async activitiesPage(query: SdeActivitiesQuery, next: string | undefined, signal?: AbortSignal): Promise<SyncRawPage<SdeItem>> {
    const service = 'SD Elements activities';
    // The next-page URL is followed only on the instance's own origin (the token never leaves it).
    const following = next ? nextPageUrl(next, this.endpoints.origin, service) : undefined;
    const res = await this.get(following ?? this.endpoints.api + 'activities/', service, following ? undefined : activitiesParams(query), signal);
    if (!ok(res)) throw sdeError(res, service, this.ctx.redactor, { paging: following !== undefined });
    // `next` is checked when followed, so that this page's entries still show when it points elsewhere.
    return readListPage(parseJson(res.text, service, this.ctx.redactor), ACTIVITIES_PAGE, service, parsedEntry);
  }

  /** `GET /api/v2/activities/{id}/`: the bare object. */
  async activity(id: number | string, signal?: AbortSignal): Promise<SdeItem> {
    const service = 'SD Elements activity';
    const res = await this.get(`${this.endpoints.api}activities/${encodeURIComponent(String(id))}/`, service, undefined, signal);
    if (!ok(res)) throw sdeError(res, service, this.ctx.redactor);
    const json = parseJson(res.text, service, this.ctx.redactor);
    return { entry: parseWith(sdeActivitySchema, json, service), raw: json };
  }

  /** `GET /api/v2/users/{id}/`; reading other users may need an admin role (403). */
  async user(id: number | string, signal?: AbortSignal): Promise<SdeUser> {
    const service = 'SD Elements users';
    const res = await this.get(`${this.endpoints.api}users/${encodeURIComponent(String(id))}/`, service, undefined, signal);
    if (!ok(res)) throw sdeError(res, service, this.ctx.redactor);
    return decodeResponse(res, sdeUserSchema, service, sdeErrorMessage, this.ctx.redactor);
  }

  /** `GET /api/v2/users/me/`: who the token belongs to. */
  async me(signal?: AbortSignal): Promise<SdeUser> {
    const service = 'SD Elements users/me';
    const res = await this.get(`${this.endpoints.api}users/me/`, service, undefined, signal);
    if (!ok(res)) throw sdeError(res, service, this.ctx.redactor);
    return decodeResponse(res, sdeUserSchema, service, sdeErrorMessage, this.ctx.redactor);
  }

  private async get(url: string, service: string, query: QueryParams | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    return this.sendWithSecret({ service, url, query, signal }, {
      name: 'token',
      scheme: 'Token',
      origin: this.endpoints.origin,
      missing: `No SD Elements API token is set for this instance. ${TOKEN_FIX}`,
    });
  }
}

/** Every filter, the dates with an explicit `Z`, and always a page size. */
export function activitiesParams(q: SdeActivitiesQuery): QueryParams {
  const str = (v: number | string | undefined) => (v === undefined ? undefined : String(v));
  return {
    actor: str(q.actor),
    application: str(q.application),
    application_desc: q.applicationDesc,
    business_unit: str(q.businessUnit),
    business_unit_desc: q.businessUnitDesc,
    project: str(q.project),
    project_desc: q.projectDesc,
    standard: q.standard,
    standard_desc: q.standardDesc,
    user: str(q.user),
    id: str(q.id),
    name: q.name,
    date_from: q.dateFromMs === undefined ? undefined : toRfc3339(q.dateFromMs),
    date_to: q.dateToMs === undefined ? undefined : toRfc3339(q.dateToMs),
    page_size: clampPageSize(q.pageSize),
  };
}

const ok = (res: HttpResponse) => res.status >= 200 && res.status < 300;

/** HTTP errors with what to do about them in SD Elements' terms. */
export function sdeError(res: HttpResponse, service: string, redactor: SecretRedactor, options: { paging?: boolean } = {}): ActivityLogsError {
  const generic = responseError(res, service, sdeErrorMessage, redactor);
  const said = sdeErrorMessage(safeJson(res.text));
  const detail = said ? `: ${redactor.preview(said, 200)}` : '';
  switch (res.status) {
    case 401:
      return new ActivityLogsError('auth', `${service} rejected the API token (HTTP 401${detail}). ${TOKEN_FIX}`, { status: 401, fix: 'enterCredentials' });
    case 403:
      return new ActivityLogsError('permission', `${service} refused access (HTTP 403${detail}). The token's user needs a role that may read this; enter a token of such a user.`, {
        status: 403,
        fix: 'enterCredentials',
      });
    case 404:
      if (options.paging) {
        return new ActivityLogsError('badRequest', `${service}: that page no longer exists (HTTP 404${detail}); the log changed while paging. Refresh to start from the first page.`, {
          status: 404,
          fix: 'retry',
        });
      }
      return generic;
    default:
      return generic;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function clampPageSize(size: number | undefined): number {
  return Math.max(1, Math.min(SDE_MAX_PAGE_SIZE, Math.floor(size ?? SDE_DEFAULT_PAGE_SIZE)));
}
