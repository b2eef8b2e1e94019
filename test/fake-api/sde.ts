/**
 * Fake SD Elements API v2 (Django REST Framework): `/api/v2/activities/` with page-number
 * pagination (opt-in through page_size), `/activities/{id}/`, `/users/{id}/`, `/users/me/`.
 * Errors are `{"detail": ...}`; field errors `{"field": ["message"]}`.
 */
import { SDE_CREDENTIALS } from './credentials';
import { type SdeActivity, type SdeUser } from './data/sde-data';
import { type ApiRequest, type ApiResponse, authorization, basicCredentials, jsonResponse, parseIntStrict, Reply } from './http-util';
import { gatewayPage, isRecord, itemsOf, type ProductApi, type ServerContext } from './product';
import { formatIsoMicros, parseIsoToMicros, parseOffset } from './time-util';

const detail = (status: number, message: string, headers?: Record<string, string>): ApiResponse => jsonResponse(status, { detail: message }, headers);
const NOT_FOUND = (): Reply => new Reply(detail(404, 'Not found.'));

/** Django's own 404 page, for URLs no route matches (before DRF and authentication). */
function djangoNotFound(path: string): ApiResponse {
  return { status: 404, headers: { 'Content-Type': 'text/html' }, text: `<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource ${path.replace(/[<>&"]/g, '')} was not found on this server.</p>\n</body>\n</html>\n` };
}

const INT_FILTERS = ['actor', 'application', 'business_unit', 'project', 'id'] as const;
const TEXT_FILTERS = ['application_desc', 'business_unit_desc', 'project_desc', 'standard', 'standard_desc', 'name'] as const;

export class SdeApi implements ProductApi {
  readonly name = 'sde' as const;

  constructor(private readonly ctx: ServerContext) {}

  handles(path: string): boolean {
    return path === '/api/v2' || path.startsWith('/api/v2/');
  }

  handle(req: ApiRequest): ApiResponse {
    const path = req.path;
    const route = /^\/api\/v2\/(?:activities\/(?:(\d+)\/)?|users\/(me|\d+)\/)$/.exec(path);
    if (!route) {
      if (!path.endsWith('/') && /^\/api\/v2\/(activities(\/\d+)?|users\/(me|\d+))$/.test(path)) {
        // Django's APPEND_SLASH: every DRF route ends with a slash.
        const query = req.rawUrl.includes('?') ? req.rawUrl.slice(req.rawUrl.indexOf('?')) : '';
        return { status: 301, headers: { Location: `${req.origin}${path}/${query}`, 'Content-Type': 'text/html; charset=utf-8' }, text: '' };
      }
      return djangoNotFound(path);
    }
    const user = this.authenticate(req);
    if (req.method !== 'GET') {
      return detail(405, `Method "${req.method}" not allowed.`, { Allow: 'GET, HEAD, OPTIONS' });
    }
    if (route[1] !== undefined) {
      const activity = this.ctx.data.sde.activities.find((a) => a.id === Number(route[1]));
      if (!activity) {
        throw NOT_FOUND();
      }
      return jsonResponse(200, this.activityJson(activity));
    }
    if (route[2] !== undefined) {
      return this.user(user, route[2]);
    }
    return this.listActivities(req);
  }

  private authenticate(req: ApiRequest): SdeUser {
    const users = this.ctx.data.sde.users;
    const unauthorized = (message: string): Reply => new Reply(detail(401, message, { 'WWW-Authenticate': 'Token' }));
    const token = authorization(req.headers, 'Token');
    if (token !== undefined) {
      const userId = token === SDE_CREDENTIALS.token ? 1 : token === SDE_CREDENTIALS.limitedToken ? 3 : undefined;
      if (userId === undefined) {
        throw unauthorized('Invalid token.');
      }
      return users.find((u) => u.id === userId) as SdeUser;
    }
    const basic = basicCredentials(req.headers);
    if (basic) {
      if (basic.user !== SDE_CREDENTIALS.username || basic.password !== SDE_CREDENTIALS.password) {
        throw unauthorized('Invalid username/password.');
      }
      return users[0];
    }
    throw unauthorized('Authentication credentials were not provided.');
  }

  private user(requester: SdeUser, idText: string): ApiResponse {
    const target = idText === 'me' ? requester : this.ctx.data.sde.users.find((u) => u.id === Number(idText));
    if (target && target.id !== requester.id && (!requester.is_superuser || target.access === 'forbidden')) {
      return detail(403, 'You do not have permission to perform this action.');
    }
    if (!target || target.access === 'deleted') {
      throw NOT_FOUND();
    }
    const joinedUs = this.ctx.data.nowMs * 1000 - (400 + target.id * 37) * 86_400_000_000;
    return jsonResponse(200, {
      id: target.id,
      email: target.email,
      first_name: target.first_name,
      last_name: target.last_name,
      last_login: formatIsoMicros(this.ctx.data.nowMs * 1000 - target.id * 3_600_000_000, 0).replace('+00:00', 'Z'),
      date_joined: formatIsoMicros(joinedUs, 0).replace('+00:00', 'Z'),
      is_active: target.is_active,
      is_superuser: target.is_superuser,
      role: target.role,
      groups: [],
    });
  }

  private offsetMinutes(): number {
    return parseOffset(this.ctx.options.sdeTimeZone) ?? -300;
  }

  private activityJson(a: SdeActivity): Record<string, unknown> {
    return { id: a.id, name: a.name, actor: a.actor, text: a.text, date: formatIsoMicros(a.dateUs, this.offsetMinutes()), data: a.data, icon: a.icon, log_level: a.log_level };
  }

  private listActivities(req: ApiRequest): ApiResponse {
    const value = (name: string): string | undefined => {
      const values = req.query[name];
      const last = values?.[values.length - 1]; // Django's QueryDict.get returns the last value
      return last === undefined || last === '' ? undefined : last;
    };
    const errors: Record<string, string[]> = {};
    const ints: Partial<Record<(typeof INT_FILTERS)[number] | 'user', number>> = {};
    for (const name of INT_FILTERS) {
      const text = value(name);
      if (text !== undefined) {
        const n = parseIntStrict(text);
        if (n === undefined) {
          errors[name] = ['Enter a number.'];
        } else {
          ints[name] = n;
        }
      }
    }
    const userText = value('user');
    if (userText !== undefined) {
      const m = /^U?(\d+)$/.exec(userText);
      if (m) {
        ints.user = Number(m[1]);
      } else {
        errors.user = ['Enter a number.'];
      }
    }
    const dates: { from?: number; to?: number } = {};
    for (const [name, key] of [
      ['date_from', 'from'],
      ['date_to', 'to'],
    ] as const) {
      const text = value(name);
      if (text !== undefined) {
        const us = parseIsoToMicros(text, this.offsetMinutes());
        if (us === undefined) {
          errors[name] = ['Enter a valid date/time.'];
        } else {
          dates[key] = us;
        }
      }
    }
    if (Object.keys(errors).length > 0) {
      return jsonResponse(400, errors);
    }
    const texts = TEXT_FILTERS.map((name) => [name, value(name)] as const).filter(([, v]) => v !== undefined);
    const matching = this.ctx.data.sde.activities.filter((a) => {
      const data = a.data;
      return (
        (ints.actor === undefined || a.actor === ints.actor) &&
        (ints.id === undefined || a.id === ints.id) &&
        (ints.application === undefined || data.application === ints.application) &&
        (ints.business_unit === undefined || data.business_unit === ints.business_unit) &&
        (ints.project === undefined || data.project === ints.project) &&
        (ints.user === undefined || data.user === ints.user || data.user === `U${ints.user}`) &&
        (dates.from === undefined || a.dateUs >= dates.from) &&
        (dates.to === undefined || a.dateUs <= dates.to) &&
        texts.every(([name, v]) => (name === 'name' ? a.name === v : data[name] === v))
      );
    });
    const sizeText = value('page_size');
    const size = sizeText === undefined ? undefined : parseIntStrict(sizeText);
    if (size === undefined || size <= 0) {
      // DRF ignores a missing or invalid page_size; with no default page size nothing is paginated.
      return jsonResponse(200, { results: matching.map((a) => this.activityJson(a)) });
    }
    const pageSize = Math.min(size, this.ctx.options.sdeMaxPageSize);
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    const pageText = value('page') ?? '1';
    const page = pageText === 'last' ? pages : parseIntStrict(pageText);
    if (page === undefined || page < 1 || page > pages) {
      return detail(404, 'Invalid page.');
    }
    const link = (target: number | undefined): string | null => (target === undefined ? null : pageUrl(req, target));
    return jsonResponse(200, {
      count: matching.length,
      next: link(page < pages ? page + 1 : undefined),
      previous: link(page > 1 ? page - 1 : undefined),
      results: matching.slice((page - 1) * pageSize, page * pageSize).map((a) => this.activityJson(a)),
    });
  }

  // --- fault hooks -------------------------------------------------------------------------

  failure(status: 429 | 502 | 503, retryAfter: number | undefined): ApiResponse {
    if (status === 429) {
      const wait = retryAfter ?? 1;
      return detail(429, `Request was throttled. Expected available in ${wait} second${wait === 1 ? '' : 's'}.`, { 'Retry-After': String(wait) });
    }
    if (status === 502) {
      return gatewayPage(502);
    }
    return detail(503, 'Service temporarily unavailable, try again later.', retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : undefined);
  }

  expiredToken(req: ApiRequest): ApiResponse | undefined {
    return this.handles(req.path) ? detail(401, 'Invalid token.', { 'WWW-Authenticate': 'Token' }) : undefined;
  }

  dropRequiredField(json: unknown): void {
    for (const item of itemsOf(json, ['results'])) {
      delete item['date' in item ? 'date' : 'id'];
    }
  }

  sentCursor(req: ApiRequest): string | undefined {
    return req.query.page?.[0] || undefined;
  }

  repeatCursor(req: ApiRequest, response: ApiResponse): ApiResponse {
    const page = this.sentCursor(req);
    if (isRecord(response.json) && 'next' in response.json && page !== undefined) {
      response.json.next = pageUrl(req, page);
    }
    return response;
  }

  placeHuge(json: unknown, marker: string): boolean {
    const first = itemsOf(json, ['results'])[0];
    if (!isRecord(json) || !Array.isArray(json.results) || !first) {
      return false;
    }
    first.text = marker;
    return true;
  }
}

/**
 * The absolute URL of another page, as DRF builds it: the request's own URL (Host header) with
 * `page` replaced (removed for page 1) and the parameters sorted.
 */
function pageUrl(req: ApiRequest, page: number | string): string {
  const pairs: [string, string][] = [];
  for (const [name, values] of Object.entries(req.query)) {
    if (name !== 'page') {
      values.forEach((v) => pairs.push([name, v]));
    }
  }
  if (page !== 1) {
    pairs.push(['page', String(page)]);
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(pairs).toString();
  return `${req.origin}${req.path}${query ? `?${query}` : ''}`;
}
