/**
 * Paging throughput: every page of a 100,000-entry listing through the project's client (HTTP
 * client, zod schema, mapping to Activity, collectPages) ÷ a bare node-fetch + JSON.parse loop
 * over the same pages of the same server. The two sides alternate (ABBA) in one run, so that a
 * noisy neighbour hurts both; the figure is the median of the per-round ratios.
 */
import fetch from 'node-fetch';
import type { Activity } from '../src/core/activity';
import { HttpClient } from '../src/core/http';
import { silentLogger } from '../src/core/log';
import { collectPages, type PageFetcher } from '../src/core/paging';
import type { CredentialName, SourceContext } from '../src/core/source';
import { toEpochMicros, toRfc3339 } from '../src/core/time';
import { SdeSource } from '../src/sources/sde/source';
import { SLACK_MAX_LIMIT } from '../src/sources/slack/client';
import { SlackSource } from '../src/sources/slack/source';
import { TorqSource } from '../src/sources/torq/source';
import { type FakeServerInfo, median, round, wholeDataWindow } from './common';
import { SecretRedactor } from '../src/core/redact';

export const PAGE_SIZE = 500;

export interface PagingSide {
  /** Reads every page; returns how many entries came through. */
  run(): Promise<number>;
}

export interface PagingCase {
  readonly name: string;
  /** Entries a page (Slack's are smaller: see SLACK_MAX_LIMIT). */
  readonly pageSize: number;
  readonly client: PagingSide;
  readonly bare: PagingSide;
}

export interface PagingResult {
  readonly name: string;
  readonly pageSize: number;
  readonly entries: number;
  readonly pages: number;
  readonly rounds: number;
  readonly clientMs: number;
  readonly bareMs: number;
  /** Median of the per-round client ÷ bare ratios. */
  readonly ratio: number;
  readonly ratios: number[];
}

export function sourceContext(info: FakeServerInfo, sourceId: string): SourceContext {
  const secrets: Partial<Record<CredentialName, string>> = {
    clientId: info.credentials.torq.clientId,
    clientSecret: info.credentials.torq.clientSecret,
    token: sourceId.startsWith('sde') ? info.credentials.sde.token : info.credentials.slack.token,
  };
  return {
    http: new HttpClient({ log: silentLogger }),
    credentials: { get: async (_id: string, name: CredentialName) => secrets[name] },
    log: silentLogger,
    redactor: new SecretRedactor(),
    pageSize: PAGE_SIZE,
  };
}

/**
 * The bare side: GET, read the text, JSON.parse, keep the entries (as collecting does), take the
 * next cursor; nothing else.
 */
async function bareLoop(firstUrl: string, authorization: string, nextUrl: (body: Record<string, unknown>, current: string) => string | undefined, itemsKey: string): Promise<number> {
  let url: string | undefined = firstUrl;
  const kept: unknown[] = [];
  let n = 0;
  while (url) {
    const res = await fetch(url, { headers: { Accept: 'application/json', Authorization: authorization } });
    const body = JSON.parse(await res.text()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`bare loop: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    const items = body[itemsKey] as unknown[];
    for (const item of items) kept.push(item);
    n += items.length;
    url = nextUrl(body, url);
  }
  return n;
}

function withQuery(base: string, query: Record<string, string>): string {
  return `${base}?${new URLSearchParams(query).toString()}`;
}

async function collectAll(fetchers: Array<PageFetcher<Activity>>): Promise<number> {
  let n = 0;
  for (const f of fetchers) n += (await collectPages(f)).length;
  return n;
}

export async function torqCase(info: FakeServerInfo): Promise<PagingCase> {
  const source = new TorqSource({ id: 'bench-torq', kind: 'torq', region: 'us', apiUrl: info.url, authUrl: info.url }, sourceContext(info, 'bench-torq'));
  const w = wholeDataWindow();
  const startTime = toRfc3339(w.fromMs);
  const endTime = toRfc3339(w.toMs);
  const token = await source.client.tokens.token();
  const base = `${info.url}/public/v1alpha/activity_logs`;
  const query = { start_time: startTime, end_time: endTime, activity_type: 'all', discard_body: 'true', page_size: String(PAGE_SIZE) };
  return {
    name: 'Torq',
    pageSize: PAGE_SIZE,
    client: { run: () => collectAll([source.activities({ startTime, endTime, activityType: 'all', pageSize: PAGE_SIZE })]) },
    bare: {
      run: () =>
        bareLoop(withQuery(base, query), `Bearer ${token}`, (b) => (b.next_page_token ? withQuery(base, { ...query, page_token: String(b.next_page_token) }) : undefined), 'activity_logs'),
    },
  };
}

export async function slackCase(info: FakeServerInfo): Promise<PagingCase> {
  // 100,000 activities over the fake team's two apps: both are read, every level.
  const w = wholeDataWindow();
  const appIds = info.credentials.slack.appIds;
  const sources = appIds.map((appId, i) => new SlackSource({ id: `bench-slack-${i}`, kind: 'slack', appId, apiUrl: `${info.url}/api/` }, sourceContext(info, 'bench-slack')));
  const window = { minDateCreated: toEpochMicros(w.fromMs), maxDateCreated: toEpochMicros(w.toMs) };
  const base = `${info.url}/api/apps.activities.list`;
  // Slack pages are at most SLACK_MAX_LIMIT: both sides ask for that.
  const limit = Math.min(PAGE_SIZE, SLACK_MAX_LIMIT);
  return {
    name: 'Slack (cursor)',
    pageSize: limit,
    client: { run: () => collectAll(sources.map((s) => s.activities({ ...window, minLogLevel: 'trace', limit }))) },
    bare: {
      run: async () => {
        let n = 0;
        for (const appId of appIds) {
          const query = { app_id: appId, limit: String(limit), min_log_level: 'trace', min_date_created: window.minDateCreated, max_date_created: window.maxDateCreated };
          n += await bareLoop(
            withQuery(base, query),
            `Bearer ${info.credentials.slack.token}`,
            (b) => {
              const next = (b.response_metadata as { next_cursor?: string } | undefined)?.next_cursor;
              return next ? withQuery(base, { ...query, cursor: next }) : undefined;
            },
            'activities',
          );
        }
        return n;
      },
    },
  };
}

export async function sdeCase(info: FakeServerInfo): Promise<PagingCase> {
  const w = wholeDataWindow();
  const source = new SdeSource({ id: 'sde-bench', kind: 'sde', url: info.url }, sourceContext(info, 'sde-bench'));
  const query = { date_from: toRfc3339(w.fromMs), date_to: toRfc3339(w.toMs), page_size: String(PAGE_SIZE) };
  return {
    name: 'SDE (page number)',
    pageSize: PAGE_SIZE,
    client: { run: () => collectAll([source.activities({ dateFromMs: w.fromMs, dateToMs: w.toMs, pageSize: PAGE_SIZE })]) },
    bare: {
      run: () =>
        bareLoop(withQuery(`${info.url}/api/v2/activities/`, query), `Token ${info.credentials.sde.token}`, (b) => (typeof b.next === 'string' && b.next ? b.next : undefined), 'results'),
    },
  };
}

/** One warm-up of each side, then `rounds` rounds alternating which side goes first. */
export async function measurePaging(c: PagingCase, rounds: number, log: (line: string) => void = () => {}): Promise<PagingResult> {
  const time = async (side: PagingSide) => {
    const t0 = performance.now();
    const n = await side.run();
    return { ms: performance.now() - t0, n };
  };
  const warmClient = await time(c.client);
  const warmBare = await time(c.bare);
  if (warmClient.n !== warmBare.n) throw new Error(`${c.name}: the client read ${warmClient.n} entries, the bare loop ${warmBare.n}`);
  const clientMs: number[] = [];
  const bareMs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ([c.client, c.bare] as const) : ([c.bare, c.client] as const);
    const first = await time(order[0]);
    const second = await time(order[1]);
    const [cl, ba] = order[0] === c.client ? [first, second] : [second, first];
    clientMs.push(cl.ms);
    bareMs.push(ba.ms);
    ratios.push(cl.ms / ba.ms);
    log(`  ${c.name} round ${r + 1}/${rounds}: client ${round(cl.ms, 0)} ms, bare ${round(ba.ms, 0)} ms, ratio ${round(cl.ms / ba.ms, 3)}`);
  }
  return {
    name: c.name,
    pageSize: c.pageSize,
    entries: warmClient.n,
    pages: Math.ceil(warmClient.n / c.pageSize),
    rounds,
    clientMs: round(median(clientMs), 0),
    bareMs: round(median(bareMs), 0),
    ratio: round(median(ratios), 3),
    ratios: ratios.map((x) => round(x, 3)),
  };
}
