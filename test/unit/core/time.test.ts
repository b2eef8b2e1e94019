import { strict as assert } from 'assert';
import { activityTime, isActivityTime } from '../../../src/core/entryTime';
import { formatLocalTime, fromEpochMicros, parseIsoTime, parseWindow, resolveWindow, timeFromEpochMicros, toEpochMicros } from '../../../src/core/time';

describe('time', () => {
  it('keeps Torq nanoseconds', () => {
    const t = parseIsoTime('2022-03-09T08:40:18.490771179Z')!;
    assert.equal(t.iso, '2022-03-09T08:40:18.490771179Z');
    assert.equal(t.ms, Date.UTC(2022, 2, 9, 8, 40, 18, 490));
  });

  it('converts SD Elements offsets to UTC without losing microseconds', () => {
    assert.equal(parseIsoTime('2025-06-19T12:06:39.264688-04:00')!.iso, '2025-06-19T16:06:39.264688000Z');
    assert.equal(parseIsoTime('2025-06-19T00:30:00+05:30')!.iso, '2025-06-18T19:00:00.000000000Z');
  });

  it('rejects malformed times', () => {
    for (const bad of ['yesterday', '2022-13-40', '2022-03-09T08:40', '']) assert.equal(parseIsoTime(bad), undefined, bad);
  });

  it('reads only times of the years 1970 to 9999 with offsets within ±14:00', () => {
    for (const bad of ['0001-01-01T00:00:00Z', '0070-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1970-01-01T00:30:00+01:00', '2026-01-01T00:00:00+14:01', '2026-01-01T00:00:00+99:00', '2026-01-01T00:00:00+05:60', '9999-12-31T23:59:59-00:01']) {
      assert.equal(parseIsoTime(bad), undefined, bad);
      assert.equal(activityTime(bad), undefined, bad);
    }
    assert.equal(activityTime('2026-01-01T00:00:00-14:00'), '2026-01-01T14:00:00.000000000Z');
    assert.equal(activityTime('1970-01-01T00:00:00.000000000Z'), '1970-01-01T00:00:00.000000000Z');
    assert.equal(activityTime('9999-12-31T23:59:59.999999999Z'), '9999-12-31T23:59:59.999999999Z');
    assert.equal(timeFromEpochMicros('99999999999999999999'), undefined);
    assert.equal(timeFromEpochMicros('253402300800000000'), undefined, 'the year 10000');
    assert.equal(timeFromEpochMicros('253402300799999999'), '9999-12-31T23:59:59.999999000Z');
    assert.equal(timeFromEpochMicros('1686939542123456'), '2023-06-16T18:19:02.123456000Z');
  });

  it('round-trips Slack microseconds exactly', () => {
    const t = fromEpochMicros(1686939542123456);
    assert.equal(t.iso, '2023-06-16T18:19:02.123456000Z');
    assert.equal(toEpochMicros(t), '1686939542123456');
    assert.equal(toEpochMicros(1686939542123), '1686939542123000');
  });

  it('sorts precise times as strings', () => {
    const a = fromEpochMicros(1686939542123456).iso;
    const b = parseIsoTime('2023-06-16T18:19:02.123456001Z')!.iso;
    assert.ok(a < b);
  });

  it('shows local time with the precision the source gave', () => {
    assert.match(formatLocalTime('2022-03-09T08:40:18.490771179Z'), /:18\.490771179$/);
    assert.match(formatLocalTime('2023-06-16T18:19:02.123456000Z'), /:02\.123456$/);
    assert.match(formatLocalTime('2023-06-16T18:19:02.000000000Z'), /:02\.000$/);
  });

  it('parses window settings', () => {
    assert.deepEqual(parseWindow('15m'), { kind: 'relative', minutes: 15 });
    assert.deepEqual(parseWindow('7d'), { kind: 'relative', minutes: 10080 });
    assert.deepEqual(parseWindow('2026-01-01T00:00:00Z/2026-01-02T00:00:00Z'), { kind: 'range', fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 2) });
    assert.equal(parseWindow('2026-01-02T00:00:00Z/2026-01-01T00:00:00Z'), undefined);
    assert.equal(parseWindow('0h'), undefined);
    assert.equal(parseWindow('soon'), undefined);
    assert.deepEqual(resolveWindow({ kind: 'relative', minutes: 60 }, 3_600_000), { fromMs: 0, toMs: 3_600_000 });
  });
});

describe('formatLocalTime in local time zones', () => {
  // The general path (Date's own local time), which the tree's integer arithmetic must match.
  const viaDate = (iso: string, withDate: boolean) => {
    const d = new Date(Date.parse(iso.slice(0, 19) + 'Z'));
    const pad = (n: number) => String(n).padStart(2, '0');
    let frac = iso.slice(20, 29);
    while (frac.length > 3 && frac.endsWith('000')) frac = frac.slice(0, -3);
    const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${frac}`;
    return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}` : clock;
  };
  const saved = process.env.TZ;
  after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  // DST at 2:00 and 3:00, at :30 past the hour (Lord Howe), half-hour and 45-minute offsets.
  for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham']) {
    it(`matches Date's local time in ${zone}, across DST changes`, async () => {
      process.env.TZ = zone; // Node re-reads the zone when TZ is assigned
      await new Promise((r) => setTimeout(r, 150)); // formatLocalTime caches offsets for 100 ms
      const fracs = ['000000000', '123000000', '123456000', '123456789'];
      let n = 0;
      for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 1, 1); ms += 17 * 60_000 + 13_000) {
        const iso = new Date(ms).toISOString().slice(0, 19) + '.' + fracs[n++ % 4] + 'Z';
        assert.equal(formatLocalTime(iso), viaDate(iso, true), iso);
        assert.equal(formatLocalTime(iso, false), viaDate(iso, false), iso);
      }
      for (const odd of ['2024-02-30T10:00:00.000000000Z', '2024-01-01T24:00:00.000000000Z', '1969-12-31T23:59:59.999000000Z', '2024-01-01T10:00:00.5Z']) {
        assert.equal(formatLocalTime(odd), viaDate(odd, true), odd);
      }
    });
  }
});

describe('isActivityTime (what a schema checks of every time field)', () => {
  it('agrees with activityTime on every form: valid, offset, out of range, malformed', () => {
    const samples = [
      '2026-11-30T07:00:00.123456789Z',
      '2026-11-30T07:00:00.123456+02:00',
      '2026-11-30T07:00:00-05:30',
      '2026-11-30T07:00:00Z',
      '2026-11-30 07:00:00Z',
      '2026-11-30T07:00:00.1Z',
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59.999999999Z',
      '2026-11-30T07:00:00+14:01',
      '2026-11-30T07:00:00+02:60',
      '2026-02-30T07:00:00Z',
      '2026-11-30T25:00:00Z',
      '99999999999999999999',
      '',
      'yesterday',
    ];
    assert.equal(samples.length, 16);
    for (const s of samples) assert.equal(isActivityTime(s), activityTime(s) !== undefined, s);
    assert.ok(samples.filter((s) => isActivityTime(s)).length >= 5, 'some are times');
    assert.ok(samples.filter((s) => !isActivityTime(s)).length >= 5, 'some are not');
  });
});
