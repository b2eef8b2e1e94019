/**
 * The timeline over the three fake sources (100,000 activities each): the first screen (50 rows)
 * in requests and milliseconds, and the throughput of the merge (src/core/timeline.ts, reading
 * every row) ÷ paging the same listings one after another, alternating in one run.
 */
import type { Activity } from '../src/core/activity';
import type { PageFetcher } from '../src/core/paging';
import { Timeline, type TimelineStream } from '../src/core/timeline';
import { toEpochMicros, toRfc3339 } from '../src/core/time';
import { SdeSource } from '../src/sources/sde/source';
import { SLACK_MAX_LIMIT } from '../src/sources/slack/client';
import { SlackSource } from '../src/sources/slack/source';
import { TorqSource } from '../src/sources/torq/source';
import { type FakeServerInfo, median, round, wholeDataWindow } from './common';
import { measurePaging, PAGE_SIZE, sourceContext } from './paging';

export interface TimelineResult {
  readonly entries: number;
  readonly streams: number;
  /** Listing requests for the first 50 rows (one per stream at most: each reads its first page). */
  readonly firstScreenRequests: number;
  readonly firstScreenMs: number;
  readonly mergeMs: number;
  readonly sequentialMs: number;
  /** Median of the per-round merge ÷ one-after-another ratios. */
  readonly ratio: number;
}

/** Fresh fetchers of the same listings the paging figures read: Torq, both Slack apps, SD Elements. */
function streams(info: FakeServerInfo, torq: TorqSource): TimelineStream[] {
  const w = wholeDataWindow();
  const slack = info.credentials.slack.appIds.map((appId, i) => new SlackSource({ id: `bench-slack-${i}`, kind: 'slack', appId, apiUrl: `${info.url}/api/` }, sourceContext(info, 'bench-slack')));
  const sde = new SdeSource({ id: 'sde-bench', kind: 'sde', url: info.url }, sourceContext(info, 'sde-bench'));
  const stream = (id: string, fetcher: PageFetcher<Activity>): TimelineStream => ({ id, sourceId: id, label: id, fetcher });
  return [
    stream('torq', torq.activities({ startTime: toRfc3339(w.fromMs), endTime: toRfc3339(w.toMs), activityType: 'all', pageSize: PAGE_SIZE })),
    ...slack.map((s, i) =>
      stream(`slack-${i}`, s.activities({ minDateCreated: toEpochMicros(w.fromMs), maxDateCreated: toEpochMicros(w.toMs), minLogLevel: 'trace', limit: Math.min(PAGE_SIZE, SLACK_MAX_LIMIT) })),
    ),
    stream('sde', sde.activities({ dateFromMs: w.fromMs, dateToMs: w.toMs, pageSize: PAGE_SIZE })),
  ];
}

async function readAll(timeline: Timeline): Promise<number> {
  let n = 0;
  for (let rows = await timeline.next(10_000); rows.length; rows = await timeline.next(10_000)) n += rows.length;
  return n;
}

/** Every page of each listing in turn, each entry kept once by key as a tree group keeps it (the fake repeats a few Torq ids). */
async function readOneAfterAnother(list: readonly TimelineStream[]): Promise<number> {
  const kept = new Map<string, Activity>();
  for (const { fetcher } of list) {
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await fetcher(cursor);
      for (const a of page.items) if (!kept.has(a.key)) kept.set(a.key, a);
      cursor = page.next;
    }
  }
  return kept.size;
}

export async function measureTimeline(info: FakeServerInfo, rounds: number, log: (line: string) => void): Promise<TimelineResult> {
  const torq = new TorqSource({ id: 'bench-torq', kind: 'torq', region: 'us', apiUrl: info.url, authUrl: info.url }, sourceContext(info, 'bench-torq'));
  // The bearer token first, so that the first screen counts listing requests only.
  await torq.client.tokens.token();
  const firstMs: number[] = [];
  let firstRequests = 0;
  for (let r = 0; r < rounds; r++) {
    const timeline = new Timeline(streams(info, torq));
    const t0 = performance.now();
    const rows = await timeline.next(50);
    firstMs.push(performance.now() - t0);
    if (rows.length !== 50) throw new Error(`timeline: the first screen has ${rows.length} rows`);
    firstRequests = Object.values(timeline.pagesRead).reduce((a, b) => a + b, 0);
  }
  const paging = await measurePaging(
    {
      name: 'timeline',
      pageSize: PAGE_SIZE,
      client: { run: () => readAll(new Timeline(streams(info, torq))) },
      // Page by page, as the timeline reads them: the same requests and decoding, without the merge.
      bare: { run: () => readOneAfterAnother(streams(info, torq)) },
    },
    rounds,
    log,
  );
  return {
    entries: paging.entries,
    streams: streams(info, torq).length,
    firstScreenRequests: firstRequests,
    firstScreenMs: round(median(firstMs)),
    mergeMs: paging.clientMs,
    sequentialMs: paging.bareMs,
    ratio: paging.ratio,
  };
}
