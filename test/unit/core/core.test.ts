import { strict as assert } from 'assert';
import { parseSourceConfigs } from '../../../src/core/config';
import { type Activity, activityIcon, isFailure } from '../../../src/core/activity';
import { ActivityLogsError, asActivityLogsError } from '../../../src/core/errors';
import { facetGroup, failuresGroup } from '../../../src/core/groups';
import { parseRetryAfter } from '../../../src/core/http';
import { mapRawPage, nextPageUrl, twoStepFetcher } from '../../../src/core/listPage';
import { collectPages, findInPages, PagedList, Page, RawPage } from '../../../src/core/paging';
import { SecretRedactor } from '../../../src/core/redact';
import { parseWith } from '../../../src/core/schema';
import { discoverFacets, filteredFetcher } from '../../../src/core/source';
import { z } from 'zod';

/** A page source over an array, `size` a page, with cursors "1", "2"... */
function pagesOf<T>(all: T[], size: number) {
  const calls: Array<string | undefined> = [];
  const fetch = async (cursor: string | undefined): Promise<Page<T>> => {
    calls.push(cursor);
    const start = cursor ? +cursor * size : 0;
    const end = start + size;
    return { items: all.slice(start, end), next: end < all.length ? String(end / size) : undefined };
  };
  return { fetch, calls };
}

describe('redaction', () => {
  it('masks registered secrets, also URL-encoded', () => {
    const r = new SecretRedactor();
    r.register('s3cr3t/value+x');
    assert.equal(r.redact('got s3cr3t/value+x and s3cr3t%2Fvalue%2Bx'), 'got •••• and ••••');
  });

  it('masks credential shapes it was never told about', () => {
    const r = new SecretRedactor();
    assert.equal(r.redact('Authorization: Bearer abc123def456'), 'Authorization: Bearer ••••');
    assert.equal(r.redact('{"access_token":"0a1b2c3d"}'), '{"access_token":"••••"}');
    assert.equal(r.redact('https://x/api?token=zzz999&app_id=A1'), 'https://x/api?token=••••&app_id=A1');
    assert.equal(r.redact('Token received from a previous request'), 'Token received from a previous request');
  });
});

describe('schema boundary', () => {
  const schema = z.object({ items: z.array(z.object({ id: z.string(), event: z.object({ timestamp: z.string() }) })) });

  it('names a missing required field', () => {
    assert.throws(
      () => parseWith(schema, { items: [{ id: 'a', event: { timestamp: 't' } }, { id: 'b', event: {} }] }, 'Torq activity logs'),
      (e: ActivityLogsError) => e.kind === 'badResponse' && e.message.includes('`items[1].event.timestamp`') && e.message.includes('missing'),
    );
  });

  it('tolerates unknown extra fields', () => {
    const parsed = parseWith(schema, { items: [{ id: 'a', event: { timestamp: 't', extra: 1 }, more: true }], surprise: {} }, 'x');
    assert.equal(parsed.items[0].id, 'a');
  });

  it('names a mistyped field', () => {
    assert.throws(() => parseWith(schema, { items: [{ id: 7, event: { timestamp: 't' } }] }, 'x'), /unexpected value at `items\[0\]\.id`/);
  });
});

describe('paging', () => {
  it('an item the mapping cannot handle is set aside as unreadable; the others of its page map', async () => {
    const raw: RawPage<{ entry: number; raw: unknown }> = {
      next: 'n',
      decode: () => ({ items: [1, 2, 3].map((n) => ({ entry: n, raw: { n } })), unreadable: [{ raw: { n: 0 }, reason: 'schema' }] }),
    };
    const mapped = mapRawPage(raw, (items) =>
      items.map((i) => {
        if (i.entry === 2) throw new Error('Invalid time value');
        return i.entry * 10;
      }),
    );
    const page = await mapped.decode();
    assert.deepEqual(page.items, [10, 30]);
    assert.equal(page.unreadable?.length, 2);
    assert.deepEqual(page.unreadable![1], { raw: { n: 2 }, reason: 'The entry could not be read: Invalid time value' });
    assert.equal(mapped.next, 'n');
  });

  it('follows cursors to the last page and stops', async () => {
    const { fetch, calls } = pagesOf([...Array(25).keys()], 10);
    assert.deepEqual(await collectPages(fetch), [...Array(25).keys()]);
    assert.deepEqual(calls, [undefined, '1', '2']);
  });

  it('a next-page URL: same origin as is; plain http to the host of an https source (a TLS proxy) over https; else refused', () => {
    const S = 'SD Elements activities';
    assert.equal(nextPageUrl('https://sde.acme.com/api/v2/activities/?page=2', 'https://sde.acme.com', S), 'https://sde.acme.com/api/v2/activities/?page=2');
    assert.equal(nextPageUrl('http://sde.acme.com/api/v2/activities/?page=2', 'https://sde.acme.com', S), 'https://sde.acme.com/api/v2/activities/?page=2');
    assert.equal(nextPageUrl('http://sde.acme.com:80/api/v2/?page=3', 'https://sde.acme.com:443', S), 'https://sde.acme.com/api/v2/?page=3');
    assert.equal(nextPageUrl('http://sde.acme.com:8443/api/v2/?page=2', 'https://sde.acme.com:8443', S), 'https://sde.acme.com:8443/api/v2/?page=2');
    const refused: Array<[string, string]> = [
      ['http://sde.acme.com:8080/api/v2/?page=2', 'https://sde.acme.com'],
      ['http://sde.acme.com/api/v2/?page=2', 'https://sde.acme.com:8443'],
      ['http://evil.example/api/v2/?page=2', 'https://sde.acme.com'],
      ['https://sde.acme.com.evil.example/api/v2/', 'https://sde.acme.com'],
      ['https://127.0.0.1:4780/api/v2/', 'http://127.0.0.1:4780'],
    ];
    for (const [next, origin] of refused) {
      assert.throws(
        () => nextPageUrl(next, origin, S),
        (e: unknown) => e instanceof ActivityLogsError && e.fix === 'editSource' && e.message.includes(new URL(next).origin) && e.message.includes(origin),
        next,
      );
    }
  });

  it('stops with an error on a repeated cursor instead of looping', async () => {
    const loop = async (): Promise<Page<number>> => ({ items: [1], next: 'same' });
    await assert.rejects(collectPages(loop, { service: 'Slack' }), /same page cursor twice/);
  });

  it('PagedList joins a second load instead of loading twice', async () => {
    const { fetch, calls } = pagesOf([...Array(30).keys()], 10);
    const list = new PagedList(fetch, String);
    await Promise.all([list.loadMore(), list.loadMore()]);
    assert.equal(calls.length, 1);
    assert.equal(list.items.length, 10);
    await list.loadMore();
    await list.loadMore();
    assert.equal(list.hasMore, false);
    assert.equal(list.items.length, 30);
  });

  it('PagedList keeps loaded pages when a page fails, and retries the same cursor', async () => {
    let fail = false;
    const { fetch, calls } = pagesOf([...Array(30).keys()], 10);
    const list = new PagedList(async (c: string | undefined) => {
      if (fail) throw new ActivityLogsError('server', 'HTTP 502');
      return fetch(c);
    }, String);
    await list.loadMore();
    fail = true;
    await list.loadMore();
    assert.equal(list.items.length, 10);
    assert.equal(list.error?.kind, 'server');
    assert.equal(list.hasMore, true);
    fail = false;
    await list.loadMore();
    assert.equal(list.error, undefined);
    assert.equal(list.items.length, 20);
    assert.deepEqual(calls, [undefined, '1']);
  });

  it('PagedList de-duplicates overlapping pages and prepends new items', async () => {
    const list = new PagedList(async () => ({ items: [3, 2, 1] }), String);
    await list.loadMore();
    assert.deepEqual(list.prepend([5, 4, 3]), [5, 4]);
    assert.deepEqual(list.items, [5, 4, 3, 2, 1]);
  });

  it('PagedList.cancel stops a load without recording an error', async () => {
    const list = new PagedList(
      (_c: string | undefined, signal?: AbortSignal) =>
        new Promise<Page<number>>((_, reject) => signal?.addEventListener('abort', () => reject(new ActivityLogsError('cancelled', 'Cancelled')))),
      String,
    );
    const loading = list.loadMore();
    list.cancel();
    await loading;
    assert.equal(list.error, undefined);
    assert.equal(list.items.length, 0);
  });

  it('filteredFetcher scans several pages to fill one', async () => {
    const { fetch, calls } = pagesOf([...Array(100).keys()], 10);
    const page = await filteredFetcher(fetch, (n) => n % 7 === 0, { minItems: 3, maxScanPages: 5 })(undefined);
    assert.deepEqual(page.items, [0, 7, 14]);
    assert.equal(calls.length, 2);
    assert.equal(page.next, '2');
  });

  it('discoverFacets counts distinct values, most frequent first', async () => {
    const { fetch } = pagesOf(['a', 'b', 'a', 'c', 'a', 'b'], 4);
    const facets = await discoverFacets(fetch, (s) => ({ id: s, label: s.toUpperCase() }), { maxPages: 5 });
    assert.deepEqual(facets.map((f) => [f.id, f.count]), [['a', 3], ['b', 2], ['c', 1]]);
  });
});

describe('settings', () => {
  it('reports a bad source by id and keeps the good ones', () => {
    const { sources, problems } = parseSourceConfigs([
      { id: 'ok', kind: 'torq' },
      { id: 'bad', kind: 'slack' },
      { id: 'ok', kind: 'sde', url: 'https://sde.example.com' },
      { kind: 'torq' },
    ]);
    assert.deepEqual(sources.map((s) => s.id), ['ok']);
    assert.equal(problems.length, 3);
    assert.match(problems[0], /"bad".*appId/);
    assert.match(problems[1], /used twice/);
  });

  it('parses Retry-After in seconds and as a date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('takes Retry-After only as whole seconds or a future HTTP date', () => {
    assert.equal(parseRetryAfter('0'), 0);
    for (const bad of ['-1', '1.5', '1e3', ' 2 s', new Date(1_000).toUTCString(), '2001-01-05']) assert.equal(parseRetryAfter(bad, 4_000), undefined, bad);
  });
});

describe('written once for every source', () => {
  const run = (outcome: Activity['outcome'], level: Activity['level'], stream = 'activity') => ({ outcome, level, stream });

  it('isFailure: a failed run, or an entry at error level or above; activityIcon says the same', () => {
    const failures = [run('failure', 'error'), run('failure', 'info'), run('none', 'error'), run('none', 'fatal')];
    const others = [run('success', 'info'), run('pending', 'info'), run('none', 'warn'), run('none', 'debug'), run('none', 'info', 'audit')];
    assert.equal(failures.filter(isFailure).length, 4);
    assert.equal(others.filter(isFailure).length, 0);
    assert.deepEqual(failures.map(activityIcon), ['error', 'error', 'error', 'error']);
    assert.deepEqual(others.map(activityIcon), ['pass', 'clock', 'warning', 'debug-console', 'history']);
  });

  it('a thrown bug is an internal error with no fix to retry; a typed error stays as it is', () => {
    const bug = asActivityLogsError(new TypeError("Cannot read properties of undefined (reading 'id')"));
    assert.equal(bug.kind, 'internal');
    assert.equal(bug.fix, 'none');
    assert.match(bug.message, /^Internal error in Activity Logs \(TypeError: Cannot read properties/);
    const typed = new ActivityLogsError('badResponse', 'x');
    assert.equal(asActivityLogsError(typed), typed);
  });

  it('facetGroup: one child per facet, its id prefixed, its count and note in the description', async () => {
    const window = { fromMs: 0, toMs: 1 };
    const group = facetGroup({
      id: 'workflows',
      label: 'Workflows',
      tooltip: 't',
      childPrefix: 'workflow',
      counted: ['run', 'runs'],
      discover: async () => [{ id: 'a', label: 'A', count: 1 }, { id: 'b', label: 'B', count: 3 }],
      child: (f) => ({ tooltip: `Workflow ${f.id}`, icon: 'workflow', note: f.id === 'b' ? 'failed' : undefined, list: () => async () => ({ items: [] }) }),
    });
    const children = await group.children!(window);
    assert.deepEqual(children.map((c) => [c.id, c.label, c.description, c.tooltip, c.icon]), [
      ['workflow:a', 'A', '1 run', 'Workflow a', 'workflow'],
      ['workflow:b', 'B', '3 runs · failed', 'Workflow b', 'workflow'],
    ]);
    const failures = failuresGroup({ tooltip: 'f', list: () => async () => ({ items: [] }) });
    assert.deepEqual([failures.id, failures.label, failures.icon, failures.failures], ['failures', 'Failures', 'failures', true]);
  });

  it('findInPages asks for pages one at a time, stops at the first match and at maxPages', async () => {
    const { fetch, calls } = pagesOf([1, 2, 3, 4, 5, 6, 7, 8], 2);
    const raw = async (cursor: string | undefined): Promise<RawPage<number>> => {
      const page = await fetch(cursor);
      return { next: page.next, decode: () => page };
    };
    const twoStep = twoStepFetcher(raw);
    assert.equal(await findInPages(twoStep, (n) => n === 3, { maxPages: 20 }), 3);
    assert.deepEqual(calls, [undefined, '1'], 'no page asked for ahead of the match');
    assert.equal(await findInPages(twoStep, (n) => n === 8, { maxPages: 2 }), undefined);
    assert.deepEqual(calls.slice(2), [undefined, '1']);
  });
});
