import * as assert from 'assert';
import { twoStepFetcher } from '../../../src/core/listPage';
import { collectPages, iteratePages, PagedList, RawPage } from '../../../src/core/paging';

/** A two-step listing of `pages` pages of numbers that records when each request and decode happens. */
function listing(pages: number, options: { repeatAt?: number; badDecodeAt?: number } = {}) {
  const events: string[] = [];
  const fetcher = twoStepFetcher<number>(async (cursor): Promise<RawPage<number>> => {
    const n = cursor === undefined ? 0 : Number(cursor);
    events.push(`request ${n}`);
    await new Promise((r) => setTimeout(r, 1));
    const next = n + 1 < pages ? String(options.repeatAt === n ? n : n + 1) : undefined;
    return {
      next,
      decode: () => {
        events.push(`decode ${n}`);
        if (options.badDecodeAt === n) throw new Error(`page ${n} is bad`);
        return { items: [n * 10, n * 10 + 1] };
      },
    };
  });
  return { fetcher, events };
}

describe('paging ahead (two-step fetchers)', () => {
  it('collectPages asks for the next page before decoding the current one, and reads each page once', async () => {
    const { fetcher, events } = listing(3);
    assert.deepEqual(await collectPages(fetcher), [0, 1, 10, 11, 20, 21]);
    assert.deepEqual(events, ['request 0', 'request 1', 'decode 0', 'request 2', 'decode 1', 'decode 2']);
  });

  it('maxPages bounds the requests sent ahead; stopping early drops the request in flight', async () => {
    const a = listing(10);
    await collectPages(a.fetcher, { maxPages: 2 });
    assert.deepEqual(a.events.filter((e) => e.startsWith('request')), ['request 0', 'request 1']);
    const b = listing(10);
    for await (const page of iteratePages(b.fetcher)) {
      assert.deepEqual(page.items, [0, 1]);
      break;
    }
    assert.deepEqual(b.events, ['request 0', 'request 1', 'decode 0']);
  });

  it('a repeated cursor still stops with its error after the page, and a bad page fails the listing', async () => {
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const page of iteratePages(listing(5, { repeatAt: 1 }).fetcher, { service: 'X' })) seen.push(...page.items);
      })(),
      /X returned the same page cursor twice/,
    );
    assert.deepEqual(seen, [0, 1, 10, 11]);
    await assert.rejects(collectPages(listing(5, { badDecodeAt: 1 }).fetcher), /page 1 is bad/);
  });

  it('a PagedList (the tree) reads one page a time and never asks ahead', async () => {
    const { fetcher, events } = listing(3);
    const list = new PagedList(fetcher, (n) => String(n));
    await list.loadMore();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(events, ['request 0', 'decode 0']);
    assert.deepEqual(list.items, [0, 1]);
  });
});
