/** Compare Payloads (src/core/payloadDiff.ts): the two sides of a diff, and the last success a failure is compared with. */
import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { DEPTH_PLACEHOLDER } from '../../../src/core/json';
import { collectPages } from '../../../src/core/paging';
import { lastSuccessBefore, MASKED_VALUE, normalisePayload } from '../../../src/core/payloadDiff';
import type { ActivitySource } from '../../../src/core/source';
import type { ResolvedWindow } from '../../../src/core/time';
import { SdeSource, SlackSource, TorqSource } from '../../../src/sources';
import { sdeEndpoints } from '../../../src/sources/sde/endpoints';
import { mapSdeActivity } from '../../../src/sources/sde/mapping';
import * as z from 'zod/mini';
import { sdeActivitySchema, type SdeActivity } from '../../../src/sources/sde/schema';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext } from '../../support/testContext';

const BIG = '12345678901234567890';

/** The lines of `a` and `b` that differ, position by position (both sides have the same shape here). */
function differingLines(a: string, b: string): string[] {
  const left = a.split('\n');
  const right = b.split('\n');
  assert.equal(left.length, right.length, 'same shape');
  return left.filter((line, i) => line !== right[i]);
}

describe('payload diff: normal form', () => {
  it('sorts keys at every level and indents by two spaces, whatever order the server wrote', () => {
    const one = normalisePayload('{"b":{"y":1,"x":[{"d":1,"c":2}]},"a":true}');
    const other = normalisePayload({ a: true, b: { x: [{ c: 2, d: 1 }], y: 1 } });
    assert.equal(one, other);
    assert.equal(one, ['{', '  "a": true,', '  "b": {', '    "x": [', '      {', '        "c": 2,', '        "d": 1', '      }', '    ],', '    "y": 1', '  }', '}'].join('\n'));
  });

  it('decodes JSON objects and arrays held in strings, Torq\'s event.body whatever JSON it holds, and nothing else', () => {
    const payload = { event: { body: '"just text"' }, inner: '{"z":1,"a":[2]}', list: '[1]', number: '42', broken: '{not json}', plain: 'hello' };
    const text = normalisePayload(payload, { jsonStringPaths: ['event.body'] });
    const value = JSON.parse(text);
    assert.deepEqual(value, { broken: '{not json}', event: { body: 'just text' }, inner: { a: [2], z: 1 }, list: [1], number: '42', plain: 'hello' });
    // Without the path, event.body stays the JSON string it is.
    assert.equal(JSON.parse(normalisePayload(payload)).event.body, '"just text"');
  });

  it('keeps integers beyond 2^53 with their digits, also inside decoded strings', () => {
    const text = normalisePayload(`{"id2":${BIG},"wrapped":"{\\"n\\":${BIG}}","arr":[${BIG}]}`);
    assert.ok(text.includes(`"id2": ${BIG}`), text);
    assert.ok(text.includes(`"n": ${BIG}`), text);
    assert.ok(text.includes(`    ${BIG}\n`), text);
    // A string of the data that looks like the writer's own mark for a number stays a string.
    const lookalike = normalisePayload(`{"n":${BIG},"s":"\uE0027\uE002"}`);
    assert.ok(lookalike.includes(`"n": ${BIG}`), lookalike);
    assert.equal(JSON.parse(lookalike).s, '\uE0027\uE002');
    // Nor does one that looks like the reader's mark, and a masked big integer leaves the others exact.
    const readMark = normalisePayload(`{"n":${BIG},"s":"\uE003${BIG}","id":${BIG}}`, { mask: true });
    assert.deepEqual(JSON.parse(readMark.replace(`"n": ${BIG}`, '"n": 0')), { id: MASKED_VALUE, n: 0, s: `\uE003${BIG}` });
    assert.ok(readMark.includes(`"n": ${BIG}`), readMark);
    assert.ok(normalisePayload(`{"id":${BIG},"n":${BIG}}`, { mask: true }).includes(`"n": ${BIG}`));
  });

  it('cuts nesting 6,000 levels deep instead of crashing, as text, as an object and inside a string', () => {
    const deepText = '['.repeat(6000) + ']'.repeat(6000);
    assert.ok(normalisePayload(deepText).includes(DEPTH_PLACEHOLDER));
    let deep: unknown = {};
    for (let i = 0; i < 6000; i++) deep = { next: deep };
    assert.ok(normalisePayload(deep).includes(DEPTH_PLACEHOLDER));
    assert.ok(normalisePayload({ body: `{"x":${deepText}}` }).includes(DEPTH_PLACEHOLDER));
  });

  it('keeps a key named __proto__ as data', () => {
    assert.deepEqual(JSON.parse(normalisePayload('{"__proto__":{"polluted":1},"a":1}')), JSON.parse('{"__proto__":{"polluted":1},"a":1}'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('masks the fields that differ on every run, per product and by generic name, and keeps the others', () => {
    const run = (n: number) => ({
      id: `id-${n}`,
      event: { timestamp: `2026-01-0${n}T00:00:00Z`, body: '{"user":"ann","trace_id":"t' + n + '"}' },
      execution: { id: `e${n}`, workflow_id: 'wf-1', start_time: `s${n}`, status: 'FAILED' },
    });
    const plain = differingLines(normalisePayload(run(1), { jsonStringPaths: ['event.body'] }), normalisePayload(run(2), { jsonStringPaths: ['event.body'] }));
    assert.equal(plain.length, 5);
    const masked = [run(1), run(2)].map((r) => normalisePayload(r, { mask: true, sourceKind: 'torq', jsonStringPaths: ['event.body'] }));
    assert.deepEqual(differingLines(masked[0], masked[1]), []);
    const value = JSON.parse(masked[0]);
    assert.equal(value.execution.start_time, MASKED_VALUE);
    assert.equal(value.event.body.trace_id, MASKED_VALUE);
    assert.equal(value.execution.workflow_id, 'wf-1');
    assert.equal(value.event.body.user, 'ann');
    // Slack's execution id is volatile for Slack only.
    assert.equal(JSON.parse(normalisePayload({ function_execution_id: 'Fx1' }, { mask: true, sourceKind: 'slack' })).function_execution_id, MASKED_VALUE);
    assert.equal(JSON.parse(normalisePayload({ function_execution_id: 'Fx1' }, { mask: true, sourceKind: 'sde' })).function_execution_id, 'Fx1');
  });
});

describe('payload diff against the fake server', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let window: ResolvedWindow;
  let torq: TorqSource;
  let slack: SlackSource;
  let sde: SdeSource;

  const list = (source: ActivitySource, groupId: string) => collectPages(source.groups().find((g) => g.id === groupId)!.list!(window), { maxPages: 20 });
  /** What lastSuccessBefore must find, worked out the long way: every older success of the same thing, newest first. */
  const expected = (failed: Activity, all: readonly Activity[], same: (a: Activity) => boolean, ok = (a: Activity) => a.outcome === 'success') =>
    all.filter((a) => a.time < failed.time && ok(a) && same(a)).sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))[0];

  before(async () => {
    api = await startFakeApi();
    window = { fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 60_000 };
    const credentials = {
      torq: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret },
      slack: { token: api.credentials.slack.token },
      sde: { token: api.credentials.sde.token },
    };
    const ctx = testContext(credentials, { pageSize: 200 });
    torq = new TorqSource({ id: 'torq', kind: 'torq', label: 'Torq', region: 'us', apiUrl: api.url, authUrl: api.url }, ctx);
    slack = new SlackSource({ id: 'slack', kind: 'slack', label: 'Slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, ctx);
    sde = new SdeSource({ id: 'sde', kind: 'sde', label: 'SDE', url: api.url }, ctx);
  });
  after(async () => api.close());

  it('finds the last successful run of the same Torq workflow before a failure, and never another workflow\'s', async () => {
    const runs = await list(torq, 'runs');
    const failures = runs.filter((a) => a.outcome === 'failure' && a.workflowId);
    assert.ok(failures.length > 3, 'failures to compare');
    let found = 0;
    for (const failed of failures) {
      const want = expected(failed, runs, (a) => a.workflowId === failed.workflowId);
      const got = lastSuccessBefore(failed, runs);
      assert.equal(got?.key, want?.key, failed.key);
      if (got) found++;
    }
    assert.ok(found > 0, 'some failure has an earlier success');
    const failed = failures[0];
    assert.equal(lastSuccessBefore(failed, runs.filter((a) => a.workflowId !== failed.workflowId)), undefined, 'another workflow\'s success is no match');
    // The two sides of "Compare with Last Success", masked: the ids and times of the runs are what differ.
    const success = lastSuccessBefore(failures.find((f) => lastSuccessBefore(f, runs))!, runs)!;
    const side = normalisePayload(await torq.loadPayload(success), { mask: true, sourceKind: 'torq', jsonStringPaths: success.jsonStringPaths });
    assert.ok(!side.includes(success.id), 'the run\'s id is masked');
    assert.equal(typeof JSON.parse(side).event.body, 'object', 'the body shows decoded');
  });

  it('finds the last success of the same Slack function or workflow', async () => {
    const all = await list(slack, 'all');
    const component = (a: Activity) => (a.raw as { component_id?: string }).component_id;
    const failures = all.filter((a) => a.outcome === 'failure' && component(a));
    assert.ok(failures.length > 3, 'failures to compare');
    let found = 0;
    for (const failed of failures) {
      const got = lastSuccessBefore(failed, all);
      assert.equal(got?.key, expected(failed, all, (a) => component(a) === component(failed))?.key, failed.key);
      if (got) found++;
    }
    assert.ok(found > 0, 'some failure has an earlier success');
  });

  it('finds the last activity of the same SD Elements object before a failed one', async () => {
    const all = await list(sde, 'all');
    const withTask = all.filter((a) => (a.raw as SdeActivity).data?.task !== undefined);
    assert.ok(withTask.length > 2, 'activities of tasks');
    // The fake logs no failures: one shaped as the documentation has them, for the newest task activity.
    const model = withTask[0].raw as SdeActivity;
    const raw = { ...model, id: 999_999, name: 'ImportFailedActivity', date: new Date(Date.parse(model.date) + 1000).toISOString() };
    const failed = mapSdeActivity(z.parse(sdeActivitySchema, raw), 'sde', sdeEndpoints({ url: api.url }), undefined, raw);
    assert.equal(failed.outcome, 'failure');
    const task = (a: Activity) => (a.raw as SdeActivity).data?.task;
    const got = lastSuccessBefore(failed, all);
    assert.ok(got, 'found');
    assert.equal(got.key, expected(failed, all, (a) => task(a) === model.data?.task, (a) => a.outcome !== 'failure')!.key);
    assert.equal(task(got), model.data?.task);
  });
});
