/**
 * The fault matrix: every fault switch of the fake server × every source × every kind of request
 * (first page, next page, live-tail poll, search), plus cancelling a slow request. For each cell:
 * no crash, what was loaded before the fault stays, the error names the cause and offers its fix,
 * retries are bounded and honour Retry-After, and nothing is requested after the error or cancel.
 */
import { strict as assert } from 'assert';
import { type Activity, compareNewestFirst } from '../../../src/core/activity';
import { ndjsonLine } from '../../../src/core/export';
import { DEPTH_PLACEHOLDER, MAX_JSON_DEPTH } from '../../../src/core/json';
import { ActivityLogsError, cancelledError, ErrorKind, Fix } from '../../../src/core/errors';
import { PagedList, PageFetcher } from '../../../src/core/paging';
import { parseQuery } from '../../../src/core/query';
import type { ActivitySource } from '../../../src/core/source';
import { Tail } from '../../../src/core/tail';
import { SdeSource } from '../../../src/sources/sde/source';
import { SlackSource } from '../../../src/sources/slack/source';
import { TorqSource } from '../../../src/sources/torq/source';
import { payloadDocumentText } from '../../../src/ui/payloadDocument';
import { type FakeApi, type FaultKind, type FaultSpec, type LoggedRequest, startFakeApi } from '../../fake-api/server';
import { testContext, TestContextOptions } from '../../support/testContext';

export type RequestKind = 'first' | 'next' | 'tail' | 'search';
export const REQUEST_KINDS: readonly RequestKind[] = ['first', 'next', 'tail', 'search'];

/** The faults of the matrix: every switch but `slow`, which the cancel cells use. */
export type MatrixFault = Exclude<FaultKind, 'slow' | 'bigNumber'>;
export const MATRIX_FAULTS: readonly MatrixFault[] = ['429', '502', '503', 'timeout', 'cut', 'malformed', 'missingField', 'extraFields', 'repeatCursor', 'expiredToken', 'hugeBody', 'deepEntry', 'badTime'];

interface Expectation {
  /**
   * `ok`: the request succeeds despite the fault. `skipped`: it succeeds, and the entries the
   * fault bent are set aside as unreadable (`unreadable` of them, or all those of the page),
   * each with a reason matching `message`.
   */
  readonly outcome: 'error' | 'ok' | 'skipped';
  readonly unreadable?: number | 'all';
  /** `deepEntry`: one entry holds a value nested too deep, cut where it was read. */
  readonly cutDeep?: boolean;
  /** Entries a tail delivers again because the fault changed what identifies them (Slack hashes its payload). */
  readonly tailNew?: number;
  readonly kind?: ErrorKind;
  readonly fix?: Fix;
  /** Names the cause. */
  readonly message?: RegExp;
  /** Requests to the list endpoint for the faulted page: retries included, bounded. */
  readonly attempts: number;
  /** The fault's switch: how many requests it applies to, its Retry-After. */
  readonly count?: number;
  readonly retryAfter?: number;
  /** Waits of the HTTP client: exactly these (Retry-After), or this many back-offs. */
  readonly waits?: readonly number[];
  readonly backoffs?: number;
  /** A tail stops on it (credentials). */
  readonly stopsTail?: boolean;
  /** Extra token exchanges it causes (Torq refreshes once). */
  readonly tokenRefreshes?: number;
}

const ATTEMPTS = 4; // the HttpClient default, the first included
const TIMEOUT_MS = 800;

/** What each fault should do, whatever the source; `SourceUnderTest.expect` overrides per source. */
const EXPECT: Readonly<Record<MatrixFault, Expectation>> = {
  '429': {
    outcome: 'error',
    kind: 'rateLimited',
    fix: 'retry',
    // The product's own words, if any, then one period (not "seconds.. Try").
    message: /is rate limiting requests \(HTTP 429\)(?:: .*[^.])?\. Try again in 3 s\.$/,
    attempts: ATTEMPTS,
    count: 10,
    retryAfter: 3,
    waits: [3000, 3000, 3000],
  },
  '502': { outcome: 'error', kind: 'server', fix: 'retry', message: /had a server error \(HTTP 502\)/, attempts: ATTEMPTS, count: 10, backoffs: ATTEMPTS - 1 },
  '503': { outcome: 'error', kind: 'server', fix: 'retry', message: /had a server error \(HTTP 503\)/, attempts: ATTEMPTS, count: 10, retryAfter: 2, waits: [2000, 2000, 2000] },
  timeout: { outcome: 'error', kind: 'timeout', fix: 'narrowWindow', message: /did not answer within 1 s/, attempts: 1 },
  cut: { outcome: 'error', kind: 'network', fix: 'retry', message: /could not be reached in full: the connection closed before the whole answer arrived: [a-z][a-z ]*$/i, attempts: ATTEMPTS, count: 10, backoffs: ATTEMPTS - 1 },
  malformed: { outcome: 'error', kind: 'badResponse', fix: 'retry', message: /sent a response that is not valid JSON \(\d+ bytes/, attempts: 1 },
  // One bad entry, or a page of them, never costs the page: each is skipped and counted.
  missingField: { outcome: 'skipped', unreadable: 'all', message: /: the entry is missing the required field `[^`]+`/, attempts: 1 },
  deepEntry: { outcome: 'ok', cutDeep: true, attempts: 1 },
  badTime: { outcome: 'skipped', unreadable: 1, message: /: the entry has an unexpected value at `[^`]+` \(Invalid input: expected .*between the years 1970 and 9999/, attempts: 1 },
  extraFields: { outcome: 'ok', attempts: 1 },
  repeatCursor: { outcome: 'error', kind: 'badResponse', fix: 'retry', message: /returned the same page cursor twice; stopped paging/, attempts: 1 },
  expiredToken: { outcome: 'error', kind: 'auth', fix: 'enterCredentials', attempts: 1, stopsTail: true },
  hugeBody: {
    outcome: 'error',
    kind: 'badResponse',
    fix: 'narrowWindow',
    message: /sent an answer too large to show \(50 MB; the limit is 32 MB\)\. Narrow the time window/,
    attempts: 1,
  },
};

interface SourceUnderTest {
  readonly name: string;
  readonly api: 'torq' | 'slack' | 'sde';
  /** Says which requests the faults hit: the list endpoint. */
  readonly faultPath: string;
  readonly listPath: string;
  /** What the messages call the list (the service). */
  readonly service: RegExp;
  readonly serverOptions?: Parameters<typeof startFakeApi>[0];
  make(api: FakeApi, options: TestContextOptions): ActivitySource;
  /** Done before a cell counts requests (Torq: the first token exchange). */
  warmUp?(source: ActivitySource): Promise<unknown>;
  readonly expect: Partial<Record<MatrixFault, Partial<Expectation>>>;
}

export const SOURCES: readonly SourceUnderTest[] = [
  {
    name: 'Torq',
    api: 'torq',
    faultPath: 'activity_logs',
    listPath: '/public/v1alpha/activity_logs',
    service: /^Torq activity logs\b/,
    make: (api, options) =>
      new TorqSource(
        { id: 'torq-m', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url },
        testContext({ 'torq-m': { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }, options),
      ),
    warmUp: (s) => (s as TorqSource).client.tokens.token(),
    expect: {
      missingField: { message: /^Torq activity logs: the entry is missing the required field `activity_logs\[\d+\]\.event`/ },
      badTime: { message: /^Torq activity logs: the entry has an unexpected value at `activity_logs\[0\]\.event\.timestamp` \(Invalid input: expected a time between the years 1970 and 9999/ },
      // 302 is not followed: the token is fetched again, once, and the page loads.
      expiredToken: { outcome: 'ok', kind: undefined, fix: undefined, attempts: 2, stopsTail: false, tokenRefreshes: 1 },
    },
  },
  {
    name: 'Slack',
    api: 'slack',
    faultPath: 'apps.activities.list',
    listPath: '/api/apps.activities.list',
    service: /^Slack apps\.activities\.list\b/,
    // Small pages, so that a search (limit 1000) has a next page too.
    serverOptions: { slackMaxLimit: 50 },
    make: (api, options) =>
      new SlackSource({ id: 'slack-m', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, testContext({ 'slack-m': { token: api.credentials.slack.token } }, options)),
    expect: {
      missingField: { message: /^Slack apps\.activities\.list: the entry is missing the required field `activities\[\d+\]\.created`/ },
      badTime: { message: /^Slack apps\.activities\.list: the entry has an unexpected value at `activities\[0\]\.created` \(Invalid input: expected microseconds of a time between the years 1970 and 9999\)/ },
      // The deep value sits in `payload.details`, which Slack's entry identity hashes.
      deepEntry: { tailNew: 1 },
      expiredToken: { message: /the service token has expired \(token_expired\)\. Run `slack auth token`/ },
    },
  },
  {
    name: 'SD Elements',
    api: 'sde',
    faultPath: '/activities/',
    listPath: '/api/v2/activities/',
    service: /^SD Elements activities\b/,
    serverOptions: { sdeMaxPageSize: 50 },
    make: (api, options) => new SdeSource({ id: 'sde-m', kind: 'sde', url: api.url }, testContext({ 'sde-m': { token: api.credentials.sde.token } }, options)),
    expect: {
      missingField: { message: /^SD Elements activities: the entry is missing the required field `results\[\d+\]\.date`/ },
      badTime: { message: /^SD Elements activities: the entry has an unexpected value at `results\[0\]\.date` \(Invalid input: expected a time between the years 1970 and 9999/ },
      expiredToken: { message: /rejected the API token \(HTTP 401: Invalid token\.\)/ },
    },
  },
];

const PAGE = 10;

/** Every loaded activity can be shown, sorted, exported and opened as a JSON document. */
function checkReadable(list: PagedList<Activity>): void {
  assert.ok(list.items.length > 0, 'activities to check');
  for (const a of list.items) {
    assert.match(a.time, /^(19[7-9]\d|[2-9]\d{3})-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/, a.key);
    assert.ok(Number.isFinite(a.timeMs), a.key);
    assert.ok(JSON.parse(ndjsonLine(a)), 'exports');
    assert.ok(payloadDocumentText(a.raw, a.jsonStringPaths).length > 0, 'opens as a JSON document');
  }
  [...list.items].sort(compareNewestFirst);
}

/** One of `items` holds the deep value, cut with the placeholder at the depth limit. */
function checkCutDeep(items: readonly Activity[]): void {
  const deep = items.filter((a) => JSON.stringify(a.raw).includes(DEPTH_PLACEHOLDER));
  assert.equal(deep.length, 1, 'the deep entry is listed, cut');
  // Cut where the answer was read: the entry sits a level or two below the answer's root.
  const depth = depthOf(deep[0].raw);
  assert.ok(depth > MAX_JSON_DEPTH - 5 && depth <= MAX_JSON_DEPTH, `cut at the depth limit (${depth} levels)`);
}

function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** Retry-After values that are not a non-negative integer or a future date (or are 0). */
const BAD_RETRY_AFTER: ReadonlyArray<readonly [label: string, value: () => string]> = [
  ['0', () => '0'],
  ['-1', () => '-1'],
  ['a past date', () => new Date(Date.now() - 3600_000).toUTCString()],
  ['1.5', () => '1.5'],
];
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts of the matrix, printed at the end: fault → source → kind → passed. */
const passed = new Map<string, number>();
const record = (fault: string, source: string, kind: string) => passed.set(`${fault}|${source}|${kind}`, 1);

describe('fault matrix (fake server): every fault × source × kind of request', function () {
  this.timeout(30_000);
  const started = Date.now();

  after(() => {
    const faults = [...MATRIX_FAULTS, 'cancel'];
    const lines = [`fault × source × kind: ${passed.size} of ${faults.length * SOURCES.length * REQUEST_KINDS.length} cells passed in ${((Date.now() - started) / 1000).toFixed(1)} s`];
    lines.push(['fault'.padEnd(13), ...SOURCES.map((s) => s.name.padEnd(12))].join(''));
    for (const f of faults) {
      lines.push([f.padEnd(13), ...SOURCES.map((s) => `${REQUEST_KINDS.filter((k) => passed.has(`${f}|${s.name}|${k}`)).length}/${REQUEST_KINDS.length}`.padEnd(12))].join(''));
    }
    if (process.env.FAULT_MATRIX_REPORT) console.log(lines.map((l) => '      ' + l).join('\n'));
  });

  for (const src of SOURCES) {
    describe(src.name, () => {
      let api: FakeApi;
      before(async () => (api = await startFakeApi(src.serverOptions)));
      after(async () => api?.close());
      beforeEach(() => {
        api.faults.clear();
        api.requests.clear();
      });

      const listCalls = (): LoggedRequest[] => api.requests.of(src.api).filter((r) => r.path === src.listPath);
      const tokenCalls = (): LoggedRequest[] => api.requests.of('torq').filter((r) => r.path === '/v1/auth/token');
      const window = () => ({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });
      const listOf = (s: ActivitySource, kind: RequestKind): PageFetcher<Activity> =>
        kind === 'search' ? s.search(parseQuery('since:7d'), window()).fetcher : s.groups().find((g) => g.tailDefault)!.list!(window());

      for (const fault of MATRIX_FAULTS) {
        const exp: Expectation = { ...EXPECT[fault], ...src.expect[fault] };
        const spec = (): FaultSpec => ({ api: src.api, path: src.faultPath, kind: fault, count: exp.count, retryAfter: exp.retryAfter });
        const context = (waits: number[]): TestContextOptions => ({ waits, pageSize: PAGE, timeoutMs: fault === 'timeout' ? TIMEOUT_MS : undefined });

        /** `named`: what the message starts with (the list's service; the paging loop's own name for a cursor loop). */
        const checkError = (error: ActivityLogsError | undefined, named: RegExp | null = src.service) => {
          assert.ok(error, 'an error is reported');
          assert.equal(error.kind, exp.kind, error.message);
          assert.equal(error.fix, exp.fix, error.message);
          if (exp.message) assert.match(error.message, exp.message);
          if (named) assert.match(error.message, named, 'the message names the source');
        };
        const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);
        const checkWaits = (waits: number[]) => {
          if (exp.waits) assert.deepEqual(waits, exp.waits, 'Retry-After honoured on every retry');
          else if (exp.backoffs !== undefined) {
            assert.equal(waits.length, exp.backoffs, 'bounded retries');
            assert.ok(waits.every((w) => w < 1000), `short back-offs: ${waits.join(', ')}`);
          } else assert.deepEqual(waits, [], 'not retried');
        };

        for (const kind of ['first', 'next', 'search'] as const) {
          it(`${fault} × ${kind} page`, async () => {
            const waits: number[] = [];
            const s = src.make(api, context(waits));
            await src.warmUp?.(s);
            const list = new PagedList<Activity>(listOf(s, kind), (a) => a.key, s.label);
            // A repeated cursor can only come back for a request that sent one: one page first.
            if (kind !== 'first' || fault === 'repeatCursor') {
              if (kind === 'first') api.faults.add(spec());
              await list.loadMore();
              assert.equal(list.error, undefined, list.error?.message);
              assert.ok(list.items.length > 0 && list.hasMore, 'a good page with a next one');
            }
            const kept = list.items.map((a) => a.key);
            const tokensBefore = tokenCalls().length;
            const callsBefore = listCalls().length;
            if (kind !== 'first') api.faults.add(spec());
            else if (fault !== 'repeatCursor') api.faults.add(spec());

            await list.loadMore();

            const attempts = listCalls().length - callsBefore;
            assert.deepEqual(list.items.slice(0, kept.length).map((a) => a.key), kept, 'the pages loaded before stay');
            if (exp.outcome !== 'error') {
              assert.equal(list.error, undefined, list.error?.message);
              if (exp.unreadable !== 'all') assert.ok(list.items.length > kept.length, 'the page loaded');
              // A search reads on while a page kept nothing it could read.
              if (kind === 'search' && exp.unreadable === 'all') assert.ok(attempts >= exp.attempts, `${attempts} requests`);
              else assert.equal(attempts, exp.attempts);
              if (exp.tokenRefreshes !== undefined) assert.equal(tokenCalls().length - tokensBefore, exp.tokenRefreshes, 'the token is refreshed once');
              if (list.items.length || exp.unreadable !== 'all') checkReadable(list);
              if (exp.outcome === 'skipped') {
                if (exp.unreadable === 'all') assert.ok(list.unreadable.length > 0, 'the bent entries are counted');
                else assert.equal(list.unreadable.length, exp.unreadable, 'the bent entry is counted');
                list.unreadable.forEach((u) => assert.match(u.reason, exp.message!));
                assert.ok(list.unreadable.every((u) => u.raw !== null && typeof u.raw === 'object'), 'kept as sent, to show raw');
                if (kind === 'next') assert.ok(list.hasMore, 'paging goes on');
              } else assert.deepEqual(list.unreadable, [], 'nothing skipped');
              if (exp.cutDeep) checkCutDeep(list.items);
            } else {
              // The list pages the cursors itself and names the source by its label, as the tree does.
              checkError(list.error, fault === 'repeatCursor' ? startsWith(s.label) : src.service);
              assert.equal(attempts, exp.attempts, 'retries are bounded');
              if (fault !== 'repeatCursor') assert.equal(list.items.length, kept.length, 'nothing half-loaded is added');
              checkWaits(waits);
              // Nothing more is sent on its own.
              await tick(30);
              assert.equal(listCalls().length - callsBefore, exp.attempts, 'nothing is requested after the error');
              // The fix "retry" continues from the failed page; a cursor loop needs a refresh instead.
              api.faults.clear();
              if (fault === 'repeatCursor') assert.equal(list.hasMore, false, 'paging stopped');
              else {
                const before = list.items.length;
                await list.loadMore();
                assert.equal(list.error, undefined, list.error?.message);
                assert.ok(list.items.length > before, 'retrying loads the page');
              }
            }
            record(fault, src.name, kind);
          });
        }

        it(`${fault} × tail poll`, async () => {
          const waits: number[] = [];
          const s = src.make(api, context(waits));
          await src.warmUp?.(s);
          const shown = new PagedList<Activity>(async () => ({ items: [] }), (a) => a.key);
          const errors: Array<{ error: ActivityLogsError; wait: number }> = [];
          const tailWaits: number[] = [];
          let deliveredBefore = -1;
          let earlier: string[] = [];
          let callsBefore = -1;
          let tokensBefore = -1;
          let stop!: (reason: string) => void;
          const stopped = new Promise<string>((resolve) => (stop = resolve));
          const tail: Tail = new Tail({
            list: s.groups().find((g) => g.tailDefault)!.list!,
            // The first poll delivers the last hours; each poll looks back as far, so that it has several pages.
            startMs: api.nowMs() - 2 * 3600_000,
            overlapMs: 2 * 3600_000,
            maxPagesPerPoll: 3,
            intervalMs: 1000,
            idleMs: 3600_000,
            onItems: (items) => void shown.prepend(items),
            onError: (error, wait) => void errors.push({ error, wait }),
            onStop: stop,
            sleep: async (ms, signal) => {
              tailWaits.push(ms);
              if (tailWaits.length === 1) {
                // After the first (good) poll: the next poll meets the fault.
                deliveredBefore = shown.items.length;
                earlier = shown.items.map((a) => a.key);
                callsBefore = listCalls().length;
                tokensBefore = tokenCalls().length;
                api.faults.add(spec());
              } else tail.stop();
              await tick(1);
              if (signal?.aborted) throw cancelledError();
            },
          });
          tail.start();
          const reason = await stopped;
          assert.ok(deliveredBefore > 0, 'the first poll delivered');
          assert.ok(earlier.every((key) => shown.has(key)), "the tail's earlier deliveries stay");
          // Slack entries have no id: their key must ignore fields Slack adds later (extraFields).
          assert.equal(shown.items.length, deliveredBefore + (exp.tailNew ?? 0), 'nothing delivered twice');
          const attempts = listCalls().length - callsBefore;
          if (exp.outcome !== 'error') {
            checkReadable(shown);
            // A deep entry the tail had delivered before keeps its key and is not delivered again.
            if (exp.cutDeep && exp.tailNew) checkCutDeep(shown.items.slice(0, exp.tailNew));
            assert.deepEqual(errors, []);
            assert.equal(reason, 'stopped');
            assert.ok(attempts >= exp.attempts && attempts <= exp.attempts + 2, `${attempts} requests`);
            if (exp.tokenRefreshes !== undefined) assert.equal(tokenCalls().length - tokensBefore, exp.tokenRefreshes);
          } else {
            assert.equal(errors.length, 1, 'one error reported');
            // The tail pages itself: a loop is named by the tail's own label (not given here).
            checkError(errors[0].error, fault === 'repeatCursor' ? null : src.service);
            // A cursor can only repeat on a poll's second page.
            assert.equal(attempts, exp.attempts + (fault === 'repeatCursor' ? 1 : 0), 'retries are bounded');
            checkWaits(waits);
            if (exp.stopsTail) {
              assert.equal(errors[0].wait, -1, 'no retry with the same credentials');
              assert.equal(reason, 'error');
            } else {
              const expected = exp.retryAfter !== undefined ? exp.retryAfter * 1000 : 2 * 1000;
              assert.equal(errors[0].wait, expected, 'the next poll waits for Retry-After, or backs off');
              assert.equal(tailWaits[1], expected);
              assert.equal(reason, 'stopped');
            }
          }
          await tick(30);
          assert.equal(listCalls().length - callsBefore, attempts, 'nothing is requested after the tail stopped');
          record(fault, src.name, 'tail');
        });
      }

      // Cancel: a slow answer is abandoned, and nothing is requested again.
      for (const kind of REQUEST_KINDS) {
        it(`cancel × ${kind === 'tail' ? 'tail poll' : `${kind} page`}`, async () => {
          const waits: number[] = [];
          const s = src.make(api, { waits, pageSize: PAGE });
          await src.warmUp?.(s);
          const slow: FaultSpec = { api: src.api, path: src.faultPath, kind: 'slow', delayMs: 2000, count: 1 };
          const arrived = async (n: number) => {
            while (listCalls().length < n) await tick(5);
          };
          if (kind === 'tail') {
            let callsBefore = -1;
            let delivered = -1;
            const errors: ActivityLogsError[] = [];
            let stop!: (reason: string) => void;
            const stopped = new Promise<string>((resolve) => (stop = resolve));
            const items: Activity[] = [];
            const tail = new Tail({
              list: s.groups().find((g) => g.tailDefault)!.list!,
              startMs: api.nowMs() - 2 * 3600_000,
              maxPagesPerPoll: 1,
              intervalMs: 1000,
              idleMs: 3600_000,
              onItems: (fresh) => void items.push(...fresh),
              onError: (e) => void errors.push(e),
              onStop: stop,
              sleep: async (_ms, signal) => {
                if (callsBefore < 0) {
                  delivered = items.length;
                  callsBefore = listCalls().length;
                  api.faults.add(slow);
                }
                await tick(1);
                if (signal?.aborted) throw cancelledError();
              },
            });
            tail.start();
            while (callsBefore < 0 || listCalls().length <= callsBefore) await tick(5);
            tail.stop();
            assert.equal(await stopped, 'stopped');
            assert.deepEqual(errors, [], 'a cancel is not an error');
            assert.ok(delivered > 0);
            assert.equal(items.length, delivered, 'earlier deliveries stay');
            await tick(150);
            assert.equal(listCalls().length, callsBefore + 1, 'nothing is requested after the stop');
          } else {
            const list = new PagedList<Activity>(listOf(s, kind), (a) => a.key, s.label);
            if (kind !== 'first') await list.loadMore();
            const kept = list.items.length;
            const callsBefore = listCalls().length;
            api.faults.add(slow);
            const loading = list.loadMore();
            await arrived(callsBefore + 1);
            list.cancel();
            await loading;
            assert.equal(list.error, undefined, 'a cancel is not an error');
            assert.equal(list.items.length, kept, 'what was loaded stays');
            assert.equal(list.loading, false);
            await tick(150);
            assert.equal(listCalls().length, callsBefore + 1, 'nothing is requested after cancel');
            assert.deepEqual(waits, [], 'no retry was scheduled');
          }
          record('cancel', src.name, kind);
        });
      }

      // Retry-After as careless servers send it: no retry and no poll may come sooner for it.
      for (const [label, retryAfter] of BAD_RETRY_AFTER) {
        const rateLimited = (): FaultSpec => ({ api: src.api, path: src.faultPath, kind: '429', retryAfter: retryAfter(), count: 1000 });

        it(`429 with Retry-After ${label} × first page: the client backs off instead`, async () => {
          const waits: number[] = [];
          const s = src.make(api, { waits, pageSize: PAGE });
          await src.warmUp?.(s);
          const list = new PagedList<Activity>(listOf(s, 'first'), (a) => a.key, s.label);
          api.faults.add(rateLimited());
          await list.loadMore();
          assert.equal(list.error?.kind, 'rateLimited', list.error?.message);
          assert.doesNotMatch(list.error!.message, /Try again in (0|-)/, 'no "try again now"');
          assert.equal(listCalls().length, ATTEMPTS, 'retries are bounded');
          assert.equal(waits.length, ATTEMPTS - 1);
          // The back-off of the test context (base 5 ms): attempt n waits at least half of 5·2^(n-1) ms.
          waits.forEach((w, i) => assert.ok(w >= (5 * 2 ** i) / 2, `wait ${i + 1}: ${w} ms`));
          record(`Retry-After ${label}`, src.name, 'first');
        });

        it(`429 with Retry-After ${label} × tail: never polls sooner than its interval, and stops after failing for its idle time`, async () => {
          const s = src.make(api, { waits: [], pageSize: PAGE });
          await src.warmUp?.(s);
          let clock = api.nowMs();
          const tailWaits: number[] = [];
          const errors: Array<{ error: ActivityLogsError; wait: number }> = [];
          let stop!: (reason: string) => void;
          const stopped = new Promise<string>((resolve) => (stop = resolve));
          api.faults.add(rateLimited());
          const tail = new Tail({
            list: s.groups().find((g) => g.tailDefault)!.list!,
            startMs: clock - 3600_000,
            intervalMs: 1000,
            idleMs: 10_000,
            service: s.label,
            now: () => clock,
            onItems: () => {},
            onError: (error, wait) => void errors.push({ error, wait }),
            onStop: stop,
            sleep: async (ms) => {
              tailWaits.push(ms);
              clock += ms;
              await tick(1);
            },
          });
          tail.start();
          assert.equal(await stopped, 'error');
          assert.ok(tailWaits.length > 0, 'it retried before giving up');
          tailWaits.forEach((w) => assert.ok(w >= 1000, `a poll ${w} ms after the last one`));
          assert.equal(tail.polls, tailWaits.length + 1);
          assert.ok(tail.polls <= 1 + 10_000 / 1000, `${tail.polls} polls in 10 s of failing`);
          assert.equal(listCalls().length, tail.polls * ATTEMPTS, 'each poll retried a bounded number of times');
          const last = errors[errors.length - 1];
          assert.equal(last.wait, -1, 'no poll after the last error');
          assert.match(last.error.message, new RegExp(`^The live tail of ${s.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} stopped: every poll failed for 1 min\\. The last failure: `));
          assert.match(last.error.message, src.service.source.startsWith('^') ? new RegExp(src.service.source.slice(1)) : src.service);
          await tick(30);
          assert.equal(listCalls().length, tail.polls * ATTEMPTS, 'nothing is requested after the tail stopped');
          record(`Retry-After ${label}`, src.name, 'tail');
        });
      }
    });
  }
});
