/**
 * Integers beyond 2^53 (64-bit ids) as the server sent them: JSON.parse rounds 12345678901234567890
 * to 12345678901234567000. Read from the fake server, an entry's big id keeps its digits in the
 * payload panel's message, in "copy value", in the JSON document and in the NDJSON export.
 */
import { strict as assert } from 'assert';
import type { Activity } from '../../../../src/core/activity';
import { exactNumberPaths } from '../../../../src/core/jsonModel';
import { ndjsonLine } from '../../../../src/core/export';
import { exactNumberText, parseJsonText, stringifyJson } from '../../../../src/core/json';
import type { ActivitySource } from '../../../../src/core/source';
import { SdeSource } from '../../../../src/sources/sde/source';
import { SlackSource } from '../../../../src/sources/slack/source';
import { TorqSource } from '../../../../src/sources/torq/source';
import { payloadDocumentText } from '../../../../src/ui/payloadDocument';
import { BIG_NUMBER_TEXT } from '../../../fake-api/faults';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { testContext } from '../../../support/testContext';

const BIG = BIG_NUMBER_TEXT;

describe('big numbers keep the digits the server sent', () => {
  it('reads and writes integers beyond 2^53 exactly, leaving everything else as JSON does', () => {
    const text = '{"id":12345678901234567890,"list":[1,-98765432109876543210,{"x":9007199254740993}],"s":"12345678901234567890","f":1.5,"safe":9007199254740991}';
    const value = parseJsonText(text) as { id: number; list: [number, number, { x: number }]; s: string; safe: number };
    assert.equal(typeof value.id, 'number', 'still a number');
    assert.equal(exactNumberText(value, 'id'), '12345678901234567890');
    assert.equal(exactNumberText(value.list, 1), '-98765432109876543210');
    assert.equal(exactNumberText(value.list[2], 'x'), '9007199254740993');
    assert.equal(exactNumberText(value, 'safe'), undefined);
    assert.equal(value.s, '12345678901234567890', 'strings untouched');
    assert.equal(stringifyJson(value), text);
    assert.equal(JSON.parse(stringifyJson(value, 2)!).s, '12345678901234567890');
  });

  it('cuts nesting deeper than the limit whether or not the text also holds a big integer', () => {
    const deep = (inner: string) => '{"a":'.repeat(3000) + inner + '}'.repeat(3000);
    const depthOf = (v: unknown): number => {
      let n = 0;
      for (let at = v; at !== null && typeof at === 'object'; at = (at as { a?: unknown }).a) n++;
      return n;
    };
    for (const inner of ['1', '12345678901234567890', '1.5e300']) {
      const value = parseJsonText(`{"id":12345678901234567890,"deep":${deep(inner)}}`) as { id: number; deep: unknown };
      assert.equal(exactNumberText(value, 'id'), '12345678901234567890', inner);
      const kept = depthOf(value.deep);
      assert.ok(kept > 50 && kept <= 100, `${inner}: ${kept} levels kept`);
      const plain = parseJsonText(`{"n":1,"deep":${deep(inner)}}`) as { deep: unknown };
      assert.equal(depthOf(plain.deep), kept, `${inner}: the same cut without a big id`);
    }
  });

  it('a string of the data that looks like the internal mark is never turned into a number', () => {
    const value = parseJsonText('{"id":12345678901234567890,"trap":"\\uE00112\\uE001"}') as { trap: string };
    const text = stringifyJson(value)!;
    assert.equal(JSON.parse(text).trap, '\uE00112\uE001');
  });

  const sources: Array<{ name: string; api: 'torq' | 'slack' | 'sde'; path: string; make(api: FakeApi): ActivitySource; serverOptions?: Parameters<typeof startFakeApi>[0] }> = [
    {
      name: 'Torq',
      api: 'torq',
      path: 'activity_logs',
      make: (api) =>
        new TorqSource(
          { id: 'torq-big', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url },
          testContext({ 'torq-big': { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }, { pageSize: 10 }),
        ),
    },
    {
      name: 'Slack',
      api: 'slack',
      path: 'apps.activities.list',
      make: (api) => new SlackSource({ id: 'slack-big', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, testContext({ 'slack-big': { token: api.credentials.slack.token } }, { pageSize: 10 })),
    },
    {
      name: 'SD Elements',
      api: 'sde',
      path: '/activities/',
      make: (api) => new SdeSource({ id: 'sde-big', kind: 'sde', url: api.url }, testContext({ 'sde-big': { token: api.credentials.sde.token } }, { pageSize: 10 })),
    },
  ];

  for (const src of sources) {
    describe(`${src.name} (fake server)`, () => {
      let api: FakeApi;
      before(async () => (api = await startFakeApi(src.serverOptions)));
      after(async () => api?.close());

      it(`an entry's id of 20 digits shows, copies, exports and opens exactly`, async () => {
        const s = src.make(api);
        const list = s.groups().find((g) => g.tailDefault)!.list!({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
        api.faults.add({ api: src.api, path: src.path, kind: 'bigNumber' });
        const page = await list(undefined);
        const withBig: Activity[] = page.items.filter((a) => JSON.stringify(a.raw).includes('x_fake_big_id'));
        assert.equal(withBig.length, 1, 'the entry with the big id is listed');
        const a = withBig[0];
        // What the payload panel is sent beside the payload, and what it shows and copies.
        const paths = exactNumberPaths(a.raw);
        assert.equal(paths.length, 1);
        assert.match(paths[0][0], /\.x_fake_big_id$/);
        assert.equal(paths[0][1], BIG);
        assert.ok(ndjsonLine(a).includes(`"x_fake_big_id":${BIG}`), 'export');
        assert.ok(payloadDocumentText(a.raw, a.jsonStringPaths).includes(`"x_fake_big_id": ${BIG}`), 'Open as JSON document');
      });
    });
  }
});
