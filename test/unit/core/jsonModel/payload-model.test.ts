/**
 * The payload panel's pure logic (src/core/jsonModel/, the same modules the webview bundles):
 * paths, JSON held in strings, chunk ranges, search over the data, time formatting.
 */
import * as assert from 'assert';

import * as M from '../../../../src/core/jsonModel';
import type { Segment } from '../../../../src/core/jsonModel';

describe('payload model: paths', () => {
  const cases: Array<[Segment[], string]> = [
    [[], ''],
    [['event'], 'event'],
    [['event', 'body', 'items', 3, 'name'], 'event.body.items[3].name'],
    [['a', 'weird key'], 'a["weird key"]'],
    [[0, 'x'], '[0].x'],
    [['3'], '["3"]'],
    [['a.b'], '["a.b"]'],
    [['with "quotes"'], '["with \\"quotes\\""]'],
    [['$ok', '_ok2'], '$ok._ok2'],
    [['日本'], '["日本"]'],
    [[''], '[""]'],
    [['a', 'b]c[', 1, 2], 'a["b]c["][1][2]'],
  ];

  it('formats JS-style paths', () => {
    for (const [segments, text] of cases) assert.strictEqual(M.formatPath(segments), text);
  });

  it('parses what it formats (array index [3] and key ["3"] stay distinct)', () => {
    for (const [segments, text] of cases) assert.deepStrictEqual(M.parsePath(text), segments, text);
  });

  it('accepts dotted indexes, single quotes and a leading $', () => {
    assert.deepStrictEqual(M.parsePath('items.0.name'), ['items', 0, 'name']);
    assert.deepStrictEqual(M.parsePath("a['x y']"), ['a', 'x y']);
    assert.deepStrictEqual(M.parsePath('$.event.body'), ['event', 'body']);
  });

  it('rejects malformed paths', () => {
    for (const bad of ['a[', 'a..b', 'a[x]', 'a["x"', 'a.', 'a[01]', 'a["x"]b']) {
      assert.strictEqual(M.parsePath(bad), undefined, bad);
    }
  });
});

describe('payload model: JSON held in strings', () => {
  it('detects objects and arrays only', () => {
    assert.ok(M.looksLikeJson('{"a":1}'));
    assert.ok(M.looksLikeJson('  [1, 2]\n'));
    assert.ok(!M.looksLikeJson('"text"'));
    assert.ok(!M.looksLikeJson('42'));
    assert.ok(!M.looksLikeJson('{'));
    assert.deepStrictEqual(M.parseJsonString(' {"a":[1]} '), { a: [1] });
    assert.strictEqual(M.parseJsonString('{not json}'), undefined);
    assert.strictEqual(M.parseJsonString('null'), undefined);
  });

  it('offers "decode" only when it parses, except for long strings (checked on click)', () => {
    assert.ok(M.offersDecode('{"a":1}'));
    assert.ok(!M.offersDecode('{a:1}'));
    const long = '{' + ' '.repeat(M.EAGER_JSON_CHECK) + 'x}';
    assert.ok(M.offersDecode(long));
  });

  it('decodes jsonStringPaths, nested ones too, without changing the data', () => {
    const inner = JSON.stringify({ deep: 1 });
    const raw = { event: { body: JSON.stringify({ items: [{ blob: inner }] }) }, other: '{bad' };
    const copy = JSON.parse(JSON.stringify(raw));
    const decoded = M.decodeJsonStringPaths(raw, ['event.body.items[0].blob', 'event.body', 'other', 'missing.path', '[[']);
    assert.deepStrictEqual([...decoded.keys()].sort(), ['event.body', 'event.body.items[0].blob']);
    assert.deepStrictEqual(decoded.get('event.body.items[0].blob'), { deep: 1 });
    assert.deepStrictEqual(raw, copy);
  });

  it('resolves paths through decoded strings', () => {
    const raw = { body: '{"a":{"b":[10,20]}}' };
    const decoded = M.decodeJsonStringPaths(raw, ['body']);
    assert.deepStrictEqual(M.resolvePath(raw, ['body', 'a', 'b', 1], (k) => decoded.get(k)), { found: true, value: 20 });
    assert.strictEqual(M.resolvePath(raw, ['body', 'a'], undefined).found, false);
    assert.strictEqual(M.resolvePath([1], [5]).found, false);
  });
});

describe('payload model: chunks', () => {
  it('pages children of objects and arrays', () => {
    const arr = Array.from({ length: 450 }, (_, i) => i);
    assert.deepStrictEqual(M.childEntries(arr, 198, 201), [
      [198, 198],
      [199, 199],
      [200, 200],
    ]);
    assert.deepStrictEqual(M.childEntries({ a: 1, b: 2, c: 3 }, 1, 10), [
      ['b', 2],
      ['c', 3],
    ]);
    assert.strictEqual(M.sizeOf(arr), 450);
    assert.strictEqual(M.sizeOf({ a: 1 }), 1);
    assert.strictEqual(M.sizeOf('str'), 0);
    assert.strictEqual(M.childIndex({ a: 1, b: 2 }, 'b'), 1);
    assert.strictEqual(M.childIndex(arr, 300), 300);
    assert.strictEqual(M.nextShown(450, 400), 450);
  });

  it('keeps shown ranges sorted and merged; revealing adds the chunk around an index', () => {
    const total = 100_000;
    let r = M.defaultRanges(total);
    assert.deepStrictEqual(r, [[0, M.CHUNK]]);
    r = M.revealIndex(r, 35_123, total);
    assert.deepStrictEqual(r, [
      [0, 200],
      [35_000, 35_200],
    ]);
    assert.ok(M.rangesContain(r, 35_199) && !M.rangesContain(r, 35_200));
    assert.strictEqual(M.revealIndex(r, 5, total), r);
    assert.deepStrictEqual(M.addRange(r, 200, 35_000), [[0, 35_200]]);
    assert.deepStrictEqual(M.layoutChildren(r, total), [
      { rows: [0, 200] },
      { gap: [200, 35_000] },
      { rows: [35_000, 35_200] },
      { gap: [35_200, total] },
    ]);
    assert.strictEqual(M.shownTotal(r), 400);
    assert.deepStrictEqual(M.revealIndex(M.defaultRanges(250), 249, 250), [[0, 250]]);
  });
});

describe('payload model: search over the data', () => {
  const data = {
    order: { id: 4711, Customer: 'ACME Corp', paid: true, note: null },
    items: [{ name: 'widget' }, { name: 'Gadget', tags: ['acme'] }],
    body: '{"nested":{"acmeKey":"inside"}}',
  };

  it('finds keys and values, case-insensitive, in document order', () => {
    const { matches } = M.search(data, 'acme');
    assert.deepStrictEqual(
      matches.map((m) => [M.formatPath(m.segments), m.kind]),
      [
        ['order.Customer', 'value'],
        ['items[1].tags[0]', 'value'],
        ['body', 'value'],
      ],
    );
    assert.deepStrictEqual(
      M.search(data, 'customer').matches.map((m) => [M.formatPath(m.segments), m.kind]),
      [['order.Customer', 'key']],
    );
  });

  it('matches numbers, booleans and null by their text', () => {
    assert.deepStrictEqual(M.search(data, '4711').matches.map((m) => M.formatPath(m.segments)), ['order.id']);
    assert.deepStrictEqual(M.search(data, 'true').matches.map((m) => M.formatPath(m.segments)), ['order.paid']);
    assert.deepStrictEqual(M.search(data, 'null').matches.map((m) => M.formatPath(m.segments)), ['order.note']);
  });

  it('searches decoded strings as trees', () => {
    const decoded = M.decodeJsonStringPaths(data, ['body']);
    const { matches } = M.search(data, 'acme', { decoded: (k) => decoded.get(k) });
    assert.deepStrictEqual(
      matches.map((m) => [M.formatPath(m.segments), m.kind]),
      [
        ['order.Customer', 'value'],
        ['items[1].tags[0]', 'value'],
        ['body.nested.acmeKey', 'key'],
      ],
    );
  });

  it('stops at maxMatches and says so; an empty query finds nothing', () => {
    const many = Array.from({ length: 50 }, () => 'x');
    const r = M.search(many, 'x', { maxMatches: 10 });
    assert.strictEqual(r.matches.length, 10);
    assert.ok(r.truncated);
    assert.deepStrictEqual(M.search(data, '').matches, []);
  });

  it('is time-sliced: step(budget) yields and resumes with the same result', () => {
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ id: i, label: `row ${i}` })) };
    let clock = 0;
    // Every clock read advances 1 ms, so a 0 ms budget yields after each 1024 nodes.
    const s = M.createSearch(big, 'row 49', { now: () => clock++ });
    let steps = 0;
    while (!s.step(0)) steps++;
    assert.ok(steps > 5, `expected several slices, got ${steps}`);
    assert.deepStrictEqual(
      s.matches.map((m) => M.formatPath(m.segments)),
      M.search(big, 'row 49').matches.map((m) => M.formatPath(m.segments)),
    );
    assert.strictEqual(s.matches.length, 111);
  });

  it('finds ranges to highlight', () => {
    assert.deepStrictEqual(M.findRanges('Acme acme', 'ACME'), [
      [0, 4],
      [5, 9],
    ]);
    assert.deepStrictEqual(M.findRanges('abc', ''), []);
  });
});

describe('payload model: header helpers', () => {
  it('shows local time with the source precision', () => {
    const t = M.formatPreciseTime('2024-05-14T09:41:27.123456789Z', 120);
    assert.deepStrictEqual(t, { local: '2024-05-14 11:41:27.123456789', zone: 'UTC+02:00', utc: '2024-05-14T09:41:27.123456789Z' });
    assert.strictEqual(M.formatPreciseTime('2024-05-14T09:41:27.123456000Z', 0).local, '2024-05-14 09:41:27.123456');
    assert.strictEqual(M.formatPreciseTime('2024-05-14T09:41:27.120000000Z', 0).local, '2024-05-14 09:41:27.120');
    assert.strictEqual(M.formatPreciseTime('2024-05-14T09:41:27.000000000Z', 0).local, '2024-05-14 09:41:27');
    const west = M.formatPreciseTime('2024-01-01T02:00:00.000000000Z', -330);
    assert.deepStrictEqual([west.local, west.zone], ['2023-12-31 20:30:00', 'UTC-05:30']);
    assert.strictEqual(M.formatPreciseTime('not a time').local, 'not a time');
  });

  it('offers only http(s) URLs as links', () => {
    assert.ok(M.isWebUrl('https://app.torq.io/x'));
    assert.ok(M.isWebUrl('http://127.0.0.1:8080/'));
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', ' https://x', 'file:///etc/passwd', 42]) {
      assert.ok(!M.isWebUrl(bad), String(bad));
    }
  });
});
