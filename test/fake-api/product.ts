/** What each fake product (Torq, Slack, SD Elements) implements, so the server and the faults are written once. */
import type { FakeData } from './data';
import type { ApiName, ApiRequest, ApiResponse } from './http-util';
import type { ResolvedOptions } from './options';

export interface ServerContext {
  readonly options: ResolvedOptions;
  readonly data: FakeData;
  /** The server's clock: the data anchor plus the real time elapsed since it was set (epoch ms). */
  nowMs(): number;
}

export interface ProductApi {
  readonly name: ApiName;
  handles(path: string): boolean;
  handle(req: ApiRequest): ApiResponse | Promise<ApiResponse>;
  /** The product's own answer to throttling (429) or an upstream failure (502/503). */
  failure(status: 429 | 502 | 503, retryAfter: number | undefined): ApiResponse;
  /** The product's answer to an expired credential; undefined for routes that take none. */
  expiredToken(req: ApiRequest): ApiResponse | undefined;
  /** Removes a key clients rely on from the answer's list items (or the single object). */
  dropRequiredField(json: unknown): void;
  /** The page token / cursor / page the request carries, if any. */
  sentCursor(req: ApiRequest): string | undefined;
  /** Makes the answer point at the page that was just requested, again. */
  repeatCursor(req: ApiRequest, response: ApiResponse): ApiResponse;
  /** Places `marker` where a huge value would naturally be (e.g. an event body); false → the caller pads the root. */
  placeHuge(json: unknown, marker: string): boolean;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The list items of an answer (`activity_logs`, `activities`, `results`, ...), or the object itself. */
export function itemsOf(json: unknown, listKeys: readonly string[]): Record<string, unknown>[] {
  if (!isRecord(json)) {
    return [];
  }
  for (const key of listKeys) {
    const list = json[key];
    if (Array.isArray(list)) {
      return list.filter(isRecord);
    }
  }
  return [json];
}

/** The HTML page a load balancer answers with when the service behind it is down. */
export function gatewayPage(status: 502 | 503, retryAfter?: number): ApiResponse {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return {
    status,
    headers: { 'Content-Type': 'text/html', ...(retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {}) },
    text: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}
