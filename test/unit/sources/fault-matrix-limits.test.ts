/**
 * The fault matrix's 50 MB body, in detail: the HTTP client's response-size cap (an option, 32 MB
 * by default) refuses a runaway answer with a message that names its size and the fix, before or
 * while reading it, without retrying; under a raised cap the same answer is valid JSON and loads;
 * either way the memory is given back.
 */
import { strict as assert } from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as v8 from 'v8';
import * as vm from 'vm';
import type { Activity } from '../../../src/core/activity';
import { ActivityLogsError } from '../../../src/core/errors';
import { DEFAULT_MAX_RESPONSE_BYTES, HttpClient } from '../../../src/core/http';
import { PagedList } from '../../../src/core/paging';
import { TorqSource } from '../../../src/sources/torq/source';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext, TestContextOptions } from '../../support/testContext';

const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap and buffers in use after a full collection. */
async function settledMemory(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Kept out of the test's scope, so that nothing there holds the string once the list is dropped. */
function bodyLength(a: Activity): number {
  return (a.raw as { event: { body: string } }).event.body.length;
}

/** A server answering `bytes` of valid JSON, chunked (no Content-Length) or not; it counts what it managed to write. */
async function bigJsonServer(bytes: number, chunked: boolean): Promise<{ url: string; hits: () => number; written: () => number; close(): Promise<void> }> {
  let hits = 0;
  let written = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    const head = Buffer.from('{"items":[],"padding":"');
    const tail = Buffer.from('"}');
    const fill = bytes - head.length - tail.length;
    res.writeHead(200, { 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': String(bytes) }) });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let left = fill;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        written += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end(tail);
    };
    res.write(head);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    hits: () => hits,
    written: () => written,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('fault matrix: the 50 MB body and the response-size cap', function () {
  this.timeout(30_000);

  it('the cap is an option of the HTTP client, 32 MB by default', () => {
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 32 * MB);
  });

  it('an answer without Content-Length is read only up to the cap, then refused (not retried)', async () => {
    const server = await bigJsonServer(24 * MB, true);
    try {
      const waits: number[] = [];
      const client = new HttpClient({ maxResponseBytes: 1 * MB, sleep: async (ms) => void waits.push(ms) });
      await assert.rejects(client.send({ service: 'Big API', url: server.url }), (e: ActivityLogsError) => {
        assert.equal(e.kind, 'badResponse');
        assert.equal(e.fix, 'narrowWindow');
        assert.match(e.message, /^Big API sent an answer too large to show \(more than 1\.0 MB; the limit is 1\.0 MB\)\. Narrow the time window, or lower the page size/);
        return true;
      });
      assert.equal(server.hits(), 1, 'not retried');
      assert.deepEqual(waits, []);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(server.written() < 24 * MB, `the connection was dropped (${(server.written() / MB).toFixed(1)} MB written of 24)`);
    } finally {
      await server.close();
    }
  });

  it('an answer that declares more than the cap is refused before its body is read', async () => {
    const server = await bigJsonServer(24 * MB, false);
    try {
      const client = new HttpClient({ maxResponseBytes: 2 * MB });
      await assert.rejects(client.send({ service: 'Big API', url: server.url }), /too large to show \(24 MB; the limit is 2\.0 MB\)/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(server.written() < 24 * MB, 'the connection was dropped');
    } finally {
      await server.close();
    }
  });

  it('an answer under the cap is read whole, with or without Content-Length', async () => {
    for (const chunked of [true, false]) {
      const server = await bigJsonServer(3 * MB, chunked);
      try {
        const res = await new HttpClient({ maxResponseBytes: 4 * MB }).send({ service: 'Big API', url: server.url });
        assert.equal(res.text.length, 3 * MB);
        assert.equal((JSON.parse(res.text) as { padding: string }).padding.length, 3 * MB - 25);
      } finally {
        await server.close();
      }
    }
  });

  describe('against the fake Torq API', () => {
    let api: FakeApi;
    before(async () => (api = await startFakeApi()));
    after(async () => api?.close());
    beforeEach(() => {
      api.faults.clear();
      api.requests.clear();
    });

    const source = (options: TestContextOptions) =>
      new TorqSource(
        { id: 'torq-big', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url },
        testContext({ 'torq-big': { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret } }, options),
      );
    const events = (s: TorqSource) => s.groups().find((g) => g.id === 'events')!.list!({ fromMs: api.nowMs() - 24 * 3600_000, toMs: api.nowMs() + 1000 });

    it('at the default cap, 50 MB is refused quickly, the page before stays, and no memory is kept', async () => {
      const s = source({ pageSize: 20 });
      const list = new PagedList<Activity>(events(s), (a) => a.key, s.label);
      await list.loadMore();
      const baseline = await settledMemory();
      api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'hugeBody' });
      const started = Date.now();
      await list.loadMore();
      assert.ok(Date.now() - started < 5000, 'refused without downloading');
      assert.equal(list.error?.fix, 'narrowWindow');
      assert.match(list.error!.message, /too large to show \(50 MB; the limit is 32 MB\)/);
      assert.equal(list.items.length, 20);
      const grown = (await settledMemory()) - baseline;
      assert.ok(grown < 10 * MB, `memory grew by ${(grown / MB).toFixed(1)} MB`);
    });

    it('under a raised cap, the 50 MB page is valid JSON and loads; dropping the list gives the memory back', async () => {
      const baseline = await settledMemory();
      let list: PagedList<Activity> | undefined = (() => {
        const s = source({ pageSize: 20, maxResponseBytes: 64 * MB });
        return new PagedList<Activity>(events(s), (a) => a.key, s.label);
      })();
      api.faults.add({ api: 'torq', path: 'activity_logs', kind: 'hugeBody' });
      await list.loadMore();
      assert.equal(list.error, undefined, list.error?.message);
      assert.equal(list.items.length, 20);
      const length = bodyLength(list.items[0]);
      assert.ok(length > 50 * MB - 64 * 1024, `the huge body arrived whole (${length} chars)`);
      const held = (await settledMemory()) - baseline;
      assert.ok(held > 40 * MB, `the page is held while shown (${(held / MB).toFixed(1)} MB)`);
      list = undefined;
      const left = (await settledMemory()) - baseline;
      assert.ok(left < 10 * MB, `released once dropped (${(left / MB).toFixed(1)} MB left)`);
    });
  });
});
