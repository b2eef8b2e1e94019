/**
 * The fake API server: one local HTTP server that speaks Torq, Slack and SD Elements by path,
 * over deterministic generated data, with fault switches and a request log that tests can use
 * in-process or over HTTP (`/__control/...`).
 *
 *   const api = await startFakeApi();
 *   // Torq apiUrl/authUrl = api.url, Slack apiUrl = `${api.url}/api/`, SDE url = api.url
 *   await api.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { FAKE_CREDENTIALS, type FakeCredentials } from './credentials';
import { type FakeData, generateData } from './data';
import { appendSlackActivities, type SlackArrival } from './data/slack-live';
import { type ActiveFault, addExtraFields, corrupt, failureResponse, faultApplies, FaultRegistry, type FaultSpec, parseFaultSpec, withBadTime, withBigNumber, withDeepEntry, writeCut, writeHuge } from './faults';
import { type ApiName, type ApiRequest, type ApiResponse, delay, headerValue, jsonResponse, paramsFrom, type Params, readBody, Reply, writeResponse } from './http-util';
import { DATA_OPTION_KEYS, type FakeApiOptions, resolveOptions, type ResolvedOptions } from './options';
import type { ProductApi, ServerContext } from './product';
import { SdeApi } from './sde';
import { SlackApi } from './slack';
import { TorqApi } from './torq';

export type { FakeApiOptions } from './options';
export type { FaultSpec, FaultKind, ActiveFault } from './faults';
export { FAULT_KINDS } from './faults';
export type { FakeCredentials } from './credentials';
export { FAKE_CREDENTIALS } from './credentials';
export type { FakeData } from './data';
export { TORQ_AUDIT_ACTIONS, TORQ_STATUSES } from './data/torq-data';

/** One request as the server received it. */
export interface LoggedRequest {
  seq: number;
  /** ISO time it arrived. */
  time: string;
  api: ApiName | 'unknown';
  method: string;
  path: string;
  query: Params;
  /** Selected headers, lower-case names; `authorization` kept verbatim so tests can check where credentials go. */
  headers: Record<string, string>;
  /** The body as text (first 64 KB). */
  body: string;
}

export type RequestLog = LoggedRequest[] & {
  clear(): void;
  /** Requests to one product. */
  of(api: ApiName): LoggedRequest[];
};

export interface FaultControl {
  add(spec: FaultSpec): ActiveFault;
  clear(): void;
  list(): ActiveFault[];
}

export interface FakeApi {
  /** e.g. `http://127.0.0.1:4780` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly credentials: FakeCredentials;
  /** The current data set (replaced when a data option changes). */
  readonly data: FakeData;
  readonly options: Readonly<ResolvedOptions>;
  readonly faults: FaultControl;
  readonly requests: RequestLog;
  /** Changes options at run time; data options (sizes, seed, now) regenerate the data. */
  setOptions(changes: FakeApiOptions): void;
  /** Marks every issued Torq bearer token as expired (their next use gets 302). */
  expireTorqTokens(): void;
  /** New Slack activity arrives now (for live tails); returns how many were added. */
  addSlackActivities(arrival: SlackArrival): number;
  /** The server's clock (epoch ms): `now` plus the time elapsed since the data was generated. */
  nowMs(): number;
  /** Closes the server and every connection, including hung ones. */
  close(): Promise<void>;
}

const LOGGED_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'user-agent', 'host', 'cookie', 'x-slack-retry-num'];
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  let resolved = resolveOptions(undefined, options, Date.now());
  let data = generateData(resolved);
  let clockStart = Date.now();
  const ctx: ServerContext = {
    get options() {
      return resolved;
    },
    get data() {
      return data;
    },
    nowMs: () => data.nowMs + (Date.now() - clockStart),
  };
  const torq = new TorqApi(ctx);
  const products: ProductApi[] = [torq, new SdeApi(ctx), new SlackApi(ctx)];
  const registry = new FaultRegistry();
  const requests = Object.assign([] as LoggedRequest[], {
    clear(): void {
      requests.length = 0;
    },
    of(api: ApiName): LoggedRequest[] {
      return requests.filter((r) => r.api === api);
    },
  }) as RequestLog;
  let seq = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const setOptions = (changes: FakeApiOptions): void => {
    const next = resolveOptions(resolved, changes, ctx.nowMs());
    const regenerate = DATA_OPTION_KEYS.some((k) => k in changes && changes[k] !== undefined);
    resolved = next;
    if (regenerate) {
      data = generateData(resolved);
      clockStart = Date.now();
    }
  };

  const log = (api: ApiName | 'unknown', req: ApiRequest): void => {
    const headers: Record<string, string> = {};
    for (const name of LOGGED_HEADERS) {
      const value = headerValue(req.headers, name);
      if (value !== undefined) {
        headers[name] = value;
      }
    }
    requests.push({ seq: ++seq, time: new Date().toISOString(), api, method: req.method, path: req.path, query: req.query, headers, body: req.body.subarray(0, 65536).toString('utf8') });
    if (requests.length > resolved.requestLogLimit) {
      requests.splice(0, requests.length - resolved.requestLogLimit);
    }
  };

  const runHandler = async (product: ProductApi, req: ApiRequest): Promise<ApiResponse> => {
    try {
      return await product.handle(req);
    } catch (error) {
      if (error instanceof Reply) {
        return error.response;
      }
      throw error;
    }
  };

  const serveApi = async (product: ProductApi, req: ApiRequest, res: ServerResponse): Promise<void> => {
    const fault = registry.take(product.name, req.path, (kind) => faultApplies(kind, product, req));
    if (resolved.latencyMs > 0) {
      await delay(resolved.latencyMs, timers);
    }
    if (fault && fault.kind !== 'slow' && fault.delayMs) {
      await delay(fault.delayMs, timers);
    }
    switch (fault?.kind) {
      case '429':
      case '502':
      case '503':
        return writeResponse(res, failureResponse(product, Number(fault.kind) as 429 | 502 | 503, fault.retryAfter));
      case 'expiredToken':
        return writeResponse(res, product.expiredToken(req) as ApiResponse);
      case 'timeout':
        return; // never answer; close() destroys the socket
      case 'slow':
        await delay(fault.delayMs ?? 2000, timers);
        break;
      default:
        break;
    }
    let response = await runHandler(product, req);
    if (fault && response.json !== undefined && ['missingField', 'extraFields', 'repeatCursor', 'hugeBody', 'deepEntry', 'badTime', 'bigNumber'].includes(fault.kind)) {
      // Answers share objects with the data set: bend a copy.
      response = { ...response, json: structuredClone(response.json) };
    }
    switch (fault?.kind) {
      case 'malformed':
        return writeResponse(res, corrupt(response));
      case 'cut':
        return writeCut(res, response);
      case 'missingField':
        product.dropRequiredField(response.json);
        break;
      case 'extraFields':
        addExtraFields(response.json);
        break;
      case 'repeatCursor':
        response = product.repeatCursor(req, response);
        break;
      case 'hugeBody':
        return writeHuge(res, product, response, resolved.hugeBodyBytes);
      case 'deepEntry':
        return writeResponse(res, withDeepEntry(response));
      case 'bigNumber':
        return writeResponse(res, withBigNumber(response));
      case 'badTime':
        withBadTime(response.json);
        break;
      default:
        break;
    }
    writeResponse(res, response);
  };

  const control = async (req: ApiRequest): Promise<ApiResponse> => {
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    const body = (): unknown => {
      const text = req.body.toString('utf8').trim();
      return text ? JSON.parse(text) : {};
    };
    try {
      switch (route) {
        case 'GET /__control/faults':
          return jsonResponse(200, { faults: registry.list() });
        case 'POST /__control/faults': {
          const input = body();
          const specs = Array.isArray(input) ? input : [input];
          const added = specs.map((s) => registry.add(parseFaultSpec(s)));
          return jsonResponse(201, { faults: added });
        }
        case 'DELETE /__control/faults':
          registry.clear();
          return jsonResponse(200, { ok: true });
        case 'GET /__control/requests':
          return jsonResponse(200, { requests: [...requests] });
        case 'DELETE /__control/requests':
          requests.clear();
          return jsonResponse(200, { ok: true });
        case 'GET /__control/options':
          return jsonResponse(200, { options: resolved });
        case 'POST /__control/options':
          setOptions(body() as FakeApiOptions);
          return jsonResponse(200, { options: resolved });
        case 'POST /__control/slack/activities':
          return jsonResponse(201, { added: appendSlackActivities(data.slack, ctx.nowMs(), body() as SlackArrival).length });
        case 'POST /__control/torq/expire-tokens':
          torq.expireTokens();
          return jsonResponse(200, { ok: true });
        case 'GET /__control/info':
          return jsonResponse(200, info(req.origin));
        default:
          return jsonResponse(404, { error: `no control route ${route}` });
      }
    } catch (error) {
      return jsonResponse(400, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const info = (origin: string): Record<string, unknown> => ({
    url: origin,
    credentials: FAKE_CREDENTIALS,
    settings: { torq: { apiUrl: origin, authUrl: origin }, slack: { apiUrl: `${origin}/api/`, appIds: data.slack.apps.map((a) => a.appId), teamId: data.slack.teamId }, sde: { url: origin } },
    counts: { torqActivities: data.torq.entries.length, torqAudit: data.torq.audit.length, slackActivities: data.slack.activities.length, sdeActivities: data.sde.activities.length },
    now: new Date(ctx.nowMs()).toISOString(),
    torqSamples: data.torq.samples,
  });

  const onRequest = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Buffer;
    try {
      body = await readBody(incoming, MAX_BODY_BYTES);
    } catch {
      res.writeHead(413).end();
      return;
    }
    const host = incoming.headers.host ?? `${resolved.host}:${port}`;
    const url = new URL(incoming.url ?? '/', `http://${host}`);
    const req: ApiRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: paramsFrom(url.searchParams), headers: incoming.headers, body, origin: `http://${host}`, rawUrl: incoming.url ?? '/' };
    if (req.path.startsWith('/__control/')) {
      return writeResponse(res, await control(req));
    }
    const product = products.find((p) => p.handles(req.path));
    log(product?.name ?? 'unknown', req);
    if (!product) {
      return writeResponse(res, req.path === '/' ? jsonResponse(200, { name: 'activity-logs fake API', ...info(req.origin) }) : jsonResponse(404, { error: 'not_found', path: req.path }));
    }
    await serveApi(product, req, res);
  };

  const server: Server = createServer((incoming, res) => {
    onRequest(incoming, res).catch((error: unknown) => {
      if (!res.headersSent && !closing) {
        writeResponse(res, jsonResponse(500, { error: error instanceof Error ? error.message : String(error) }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host === '0.0.0.0' ? '127.0.0.1' : resolved.host;
  const url = `http://${hostForUrl}:${port}`;

  return {
    url,
    port,
    credentials: FAKE_CREDENTIALS,
    get data() {
      return data;
    },
    get options() {
      return resolved;
    },
    faults: {
      add: (spec) => registry.add(spec),
      clear: () => registry.clear(),
      list: () => registry.list(),
    },
    requests,
    setOptions,
    expireTorqTokens: () => torq.expireTokens(),
    addSlackActivities: (arrival) => appendSlackActivities(data.slack, ctx.nowMs(), arrival).length,
    nowMs: () => ctx.nowMs(),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const timer of timers) {
          clearTimeout(timer);
        }
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
        server.closeAllConnections();
      }),
  };
}
