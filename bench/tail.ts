/**
 * Tail burst: 1,000 new Slack events arrive within one poll interval; the live tail of the Slack
 * 'all' group (src/core/tail.ts, the tree's page size of 100) must deliver each exactly once.
 */
import type { Activity } from '../src/core/activity';
import { abortableSleep } from '../src/core/http';
import { Tail } from '../src/core/tail';
import { SlackSource } from '../src/sources/slack/source';
import { type FakeServer, round } from './common';
import { sourceContext } from './paging';

export interface TailResult {
  readonly bursts: number;
  readonly perBurst: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly duplicated: number;
  /** From the burst's arrival to its last event delivered (median), ms. */
  readonly deliverMs: number;
  readonly polls: number;
}

const BURST = 1000;
const INTERVAL_MS = 1000;

async function serverNowMs(server: FakeServer): Promise<number> {
  const res = await fetch(`${server.url}/__control/info`);
  return Date.parse(((await res.json()) as { now: string }).now);
}

async function oneBurst(server: FakeServer, appId: string): Promise<{ received: Activity[]; deliverMs: number; polls: number }> {
  const source = new SlackSource({ id: 'bench-tail', kind: 'slack', appId, apiUrl: `${server.url}/api/` }, { ...sourceContext(server, 'bench-slack'), pageSize: 100 });
  const all = source.groups().find((g) => g.id === 'all')!;
  const received: Activity[] = [];
  let arrivedAt = 0;
  let deliveredAt = 0;
  let sleeps = 0;
  let fail: Error | undefined;
  // Start at the server's clock, as the UI starts at the newest entry shown.
  const startMs = await serverNowMs(server);
  const stopped = new Promise<void>((resolve) => {
    const tail: Tail = new Tail({
      list: all.list!,
      startMs,
      intervalMs: INTERVAL_MS,
      idleMs: 60_000,
      onItems: (items) => {
        received.push(...items);
        if (received.length >= BURST) {
          deliveredAt = performance.now();
          // One more poll after the burst: anything delivered twice would show up there.
          setTimeout(() => tail.stop(), INTERVAL_MS * 1.5);
        }
      },
      onError: (e) => {
        fail = e;
        tail.stop();
      },
      onStop: () => resolve(),
      sleep: async (ms, signal) => {
        if (++sleeps === 1) {
          // The burst lands between the first and the second poll, spread over half an interval.
          await server.control('slack/activities', { appId, count: BURST, spreadMs: INTERVAL_MS / 2 });
          arrivedAt = performance.now();
        }
        return abortableSleep(ms, signal);
      },
    });
    tail.start();
    setTimeout(() => tail.stop(), 30_000);
  });
  await stopped;
  if (fail) throw fail;
  return { received, deliverMs: deliveredAt ? deliveredAt - arrivedAt : NaN, polls: sleeps };
}

export async function measureTail(server: FakeServer, bursts = 3): Promise<TailResult> {
  let delivered = 0;
  let dropped = 0;
  let duplicated = 0;
  let polls = 0;
  const times: number[] = [];
  for (let b = 0; b < bursts; b++) {
    const { received, deliverMs, polls: p } = await oneBurst(server, server.credentials.slack.appIds[0]);
    const unique = new Set(received.map((a) => a.key)).size;
    delivered += received.length;
    duplicated += received.length - unique;
    dropped += Math.max(0, BURST - unique);
    polls += p;
    times.push(deliverMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { bursts, perBurst: BURST, delivered, dropped, duplicated, deliverMs: round(sorted[Math.floor(sorted.length / 2)], 0), polls };
}
