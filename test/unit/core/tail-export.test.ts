import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { ActivityLogsError } from '../../../src/core/errors';
import { csvCell, csvHeader, csvLine, ndjsonLine } from '../../../src/core/export';
import type { Page } from '../../../src/core/paging';
import { Tail } from '../../../src/core/tail';
import { fromEpochMs } from '../../../src/core/time';

function act(n: number, timeMs: number): Activity {
  const t = fromEpochMs(timeMs);
  return { key: `s/x/${n}`, sourceId: 's', sourceKind: 'slack', stream: 'x', id: String(n), time: t.iso, timeMs, level: 'info', outcome: 'none', title: `event ${n}`, type: 't', raw: { n } };
}

/** A growing log served newest first, `pageSize` a page, filtered by the window like the APIs. */
function growingLog(pageSize: number) {
  const entries: Activity[] = [];
  const list = (w: { fromMs: number; toMs: number }) => async (cursor?: string): Promise<Page<Activity>> => {
    const inWindow = entries.filter((a) => a.timeMs >= w.fromMs && a.timeMs < w.toMs).sort((a, b) => b.timeMs - a.timeMs);
    const start = cursor ? +cursor : 0;
    return { items: inWindow.slice(start, start + pageSize), next: start + pageSize < inWindow.length ? String(start + pageSize) : undefined };
  };
  return { entries, list };
}

describe('live tail', () => {
  it('delivers a burst larger than a page without drops or duplicates', async () => {
    let clock = 1_000_000;
    const log = growingLog(100);
    for (let i = 0; i < 5; i++) log.entries.push(act(i, clock - 1000 + i));
    const received: Activity[] = [];
    let sleeps = 0;
    let stopped!: () => void;
    const done = new Promise<void>((resolve) => (stopped = resolve));
    const tail = new Tail({
      list: log.list,
      startMs: clock - 1000 + 4,
      knownKeys: log.entries.map((a) => a.key),
      intervalMs: 3000,
      idleMs: 60_000,
      now: () => clock,
      sleep: async () => {
        sleeps++;
        if (sleeps === 1) for (let i = 5; i < 1005; i++) log.entries.push(act(i, clock + i)); // 1,000 new in one interval
        clock += 3000;
        if (sleeps === 3) tail.stop();
      },
      onItems: (items) => received.push(...items),
      onStop: () => stopped(),
    });
    tail.start();
    await done;
    assert.equal(received.length, 1000);
    assert.equal(new Set(received.map((a) => a.key)).size, 1000);
  });

  it('stops after the idle period', async () => {
    let clock = 0;
    const log = growingLog(10);
    const reason = await new Promise<string>((resolve) => {
      new Tail({ list: log.list, startMs: 0, intervalMs: 1000, idleMs: 5000, now: () => clock, sleep: async () => void (clock += 1000), onItems: () => {}, onStop: resolve }).start();
    });
    assert.equal(reason, 'idle');
  });

  it('waits Retry-After when rate limited, and stops on an auth error', async () => {
    const waits: number[] = [];
    let calls = 0;
    const reason = await new Promise<string>((resolve) => {
      new Tail({
        list: () => async () => {
          calls++;
          if (calls === 1) throw new ActivityLogsError('rateLimited', '429', { retryAfterMs: 7000 });
          throw new ActivityLogsError('auth', 'token revoked');
        },
        startMs: 0,
        intervalMs: 1000,
        idleMs: 60_000,
        sleep: async (ms) => void waits.push(ms),
        onItems: () => {},
        onStop: resolve,
      }).start();
    });
    assert.deepEqual(waits, [7000]);
    assert.equal(reason, 'error');
  });
});

describe('export', () => {
  it('writes NDJSON with the raw entry kept', () => {
    const line = ndjsonLine(act(1, Date.UTC(2026, 0, 1)));
    assert.ok(line.endsWith('\n'));
    const parsed = JSON.parse(line);
    assert.deepEqual(parsed.raw, { n: 1 });
    assert.equal(parsed.time, '2026-01-01T00:00:00.000000000Z');
  });

  it('writes U+2028, U+2029 and U+0085 escaped, so that a line-based reader sees one record a line', () => {
    const odd = 'a\u2028b\u2029c\u0085d';
    const a = { ...act(2, Date.UTC(2026, 0, 1)), title: odd, raw: { [odd]: odd, list: [odd] } };
    const text = ndjsonLine(a) + ndjsonLine(act(3, Date.UTC(2026, 0, 1)));
    // What Python's splitlines(), and editors, count as line ends.
    const lines = text.split(/\r\n|[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/);
    assert.equal(lines.length, 3, 'two records and the empty rest after the last newline');
    assert.equal(lines[2], '');
    const parsed = JSON.parse(lines[0]);
    assert.equal(parsed.title, odd);
    assert.deepEqual(parsed.raw, { [odd]: odd, list: [odd] });
    assert.equal(JSON.parse(lines[1]).id, '3');
  });

  it('quotes CSV cells and defuses formulas', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell(undefined), '');
    assert.equal(csvHeader().split(',').length, csvLine(act(1, 0)).split(',').length);
  });
});
