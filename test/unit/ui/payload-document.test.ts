/** "Open as JSON document": the text, the URI parts and the provider (no `vscode` needed at runtime). */
import * as assert from 'assert';
import {
  NOT_LOADED_DOCUMENT,
  PAYLOAD_SCHEME,
  PayloadDocumentProvider,
  decodeJsonStringPaths,
  documentUriParts,
  isCompareQuery,
  keyFromDocumentQuery,
  payloadDocumentText,
  unreadableDocumentText,
} from '../../../src/ui/payloadDocument';
import { DEPTH_PLACEHOLDER, MAX_JSON_DEPTH } from '../../../src/core/json';

// Only `query` is read from the URI.
const uri = (query: string) => ({ query }) as unknown as import('vscode').Uri;

describe('payload document: text', () => {
  it('pretty-prints with two spaces and decodes JSON strings in place', () => {
    const raw = { event: { body: '{"order":4711,"items":[1,2]}', id: 'e1' }, list: ['[1]'] };
    const text = payloadDocumentText(raw, ['event.body', 'list[0]']);
    assert.strictEqual(
      text,
      JSON.stringify({ event: { body: { order: 4711, items: [1, 2] }, id: 'e1' }, list: [[1]] }, null, 2) + '\n',
    );
    // The activity's data is never changed.
    assert.strictEqual(raw.event.body, '{"order":4711,"items":[1,2]}');
    assert.strictEqual(raw.list[0], '[1]');
  });

  it('decodes nested listed paths and leaves everything else alone', () => {
    const raw = { a: JSON.stringify({ b: JSON.stringify({ c: true }) }), bad: '{nope', num: '42', missing: 1 };
    assert.deepStrictEqual(decodeJsonStringPaths(raw, ['a.b', 'a', 'bad', 'num', 'x.y', 'a[']), {
      a: { b: { c: true } },
      bad: '{nope',
      num: '42',
      missing: 1,
    });
  });

  it('opens a JSON string nested 6,000 levels deep (a hostile body), cut with a placeholder at the depth limit', () => {
    const deep = '{"level":'.repeat(6000) + '"bottom"' + '}'.repeat(6000);
    const raw = { event: { body: deep, id: 'e1' } };
    const text = payloadDocumentText(raw, ['event.body']);
    const shown = JSON.parse(text) as { event: { body: unknown } };
    let node: unknown = shown.event.body;
    let levels = 0;
    while (node !== null && typeof node === 'object') {
      node = (node as { level: unknown }).level;
      levels++;
    }
    assert.strictEqual(levels, MAX_JSON_DEPTH, 'the decoded body keeps the levels above the cut');
    assert.strictEqual(node, DEPTH_PLACEHOLDER);
    assert.strictEqual(raw.event.body, deep, 'the activity is not changed');
  });

  it('shows the entries a group could not read with why, as sent', () => {
    const text = unreadableDocumentText([{ reason: 'Slack apps.activities.list: the entry is missing the required field `activities[3].created`', raw: { level: 'info', payload: {} } }]);
    assert.deepStrictEqual(JSON.parse(text), [
      { reason: 'Slack apps.activities.list: the entry is missing the required field `activities[3].created`', entry: { level: 'info', payload: {} } },
    ]);
  });

  it('is valid JSON even without a payload', () => {
    assert.strictEqual(payloadDocumentText(undefined), 'null\n');
    JSON.parse(NOT_LOADED_DOCUMENT);
  });

});

describe('payload document: URI and provider', () => {
  const activity = { key: 'torq-prod/activity/01H:/?#x', id: '01H/x', title: 'Run "nightly" / failed?' };

  it('makes a readable .json path and keeps the key in the query', () => {
    const parts = documentUriParts(activity, 'Torq / Production');
    assert.strictEqual(parts.scheme, PAYLOAD_SCHEME);
    assert.ok(parts.path.endsWith('.json'), parts.path);
    assert.strictEqual(parts.path.split('/').length, 3, parts.path);
    assert.ok(!/["?#%\\]/.test(parts.path), parts.path);
    assert.strictEqual(keyFromDocumentQuery(parts.query), activity.key);
  });

  it('serves payloads it was given, and reloads others', async () => {
    const reloaded: string[] = [];
    const provider = new PayloadDocumentProvider(async (key) => {
      reloaded.push(key);
      return key === 'known' ? { payload: { x: 1 }, jsonStringPaths: [] } : undefined;
    });
    provider.set('k1', { payload: { b: '{"c":1}' }, jsonStringPaths: ['b'] });
    const q = (key: string) => new URLSearchParams({ key }).toString();
    assert.strictEqual(await provider.provideTextDocumentContent(uri(q('k1'))), '{\n  "b": {\n    "c": 1\n  }\n}\n');
    assert.strictEqual(await provider.provideTextDocumentContent(uri(q('known'))), '{\n  "x": 1\n}\n');
    assert.strictEqual(await provider.provideTextDocumentContent(uri(q('gone'))), NOT_LOADED_DOCUMENT);
    assert.strictEqual(await provider.provideTextDocumentContent(uri('')), NOT_LOADED_DOCUMENT);
    assert.deepStrictEqual(reloaded, ['known', 'gone']);
    provider.release('k1');
    assert.ok(!provider.has('k1'));
  });

  it('serves a comparison\'s side, a document of its own, as the comparison writes it, and the JSON document as before', async () => {
    const sides: unknown[] = [];
    const provider = new PayloadDocumentProvider();
    provider.compareText = (entry) => (sides.push(entry.sourceKind), `side of ${JSON.stringify(entry.payload)}\n`);
    provider.set('k', { payload: { x: 1 }, jsonStringPaths: [], sourceKind: 'torq' });
    const side = documentUriParts({ key: 'k', id: 'k', title: 't' }, 'Torq', true);
    const plain = documentUriParts({ key: 'k', id: 'k', title: 't' }, 'Torq');
    assert.notStrictEqual(side.query, plain.query);
    assert.ok(isCompareQuery(side.query) && !isCompareQuery(plain.query));
    assert.strictEqual(keyFromDocumentQuery(side.query), 'k');
    assert.strictEqual(await provider.provideTextDocumentContent(uri(side.query)), 'side of {"x":1}\n');
    assert.strictEqual(await provider.provideTextDocumentContent(uri(plain.query)), '{\n  "x": 1\n}\n');
    assert.deepStrictEqual(sides, ['torq']);
  });

  it('shows "no longer loaded" when reloading fails', async () => {
    const provider = new PayloadDocumentProvider(async () => {
      throw new Error('network down');
    });
    assert.strictEqual(await provider.provideTextDocumentContent(uri('key=a')), NOT_LOADED_DOCUMENT);
  });
});
