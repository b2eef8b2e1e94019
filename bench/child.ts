/**
 * Measurements that need a process of their own (a cold `require`, a clean heap, the vscode stub):
 *   node out/bench/child.js activation
 *   node out/bench/child.js tree <fake-api-url> <credentials-json>
 *   node --expose-gc out/bench/child.js memory <fake-api-url> <credentials-json>
 *   node out/bench/child.js requests <fake-api-url> <credentials-json>
 * Each prints one JSON line.
 */
import * as path from 'path';
import { extensionContext, installVscodeStub, missing } from '../test/support/vscodeStub';
import { type FakeServerInfo, median, ROOT, round, wholeDataWindow } from './common';

const TREE_ACTIVITIES = 10_000;

async function activation(): Promise<unknown> {
  const settings = {
    sources: [
      { id: 'acme', kind: 'torq', label: 'Acme Torq', region: 'eu' },
      { id: 'billing-bot', kind: 'slack', appId: 'A0123ABCD', teamId: 'T0123ABCD' },
      { id: 'sde', kind: 'sde', url: 'https://acme.sdelements.com', window: '7d' },
    ],
    timeWindow: '24h',
    pageSize: 100,
  };
  installVscodeStub({ settings });
  const context = extensionContext(ROOT);
  const file = path.join(ROOT, 'dist', 'extension.js');
  const t0 = performance.now();
  const ext = require(file) as { activate(context: unknown): unknown };
  const t1 = performance.now();
  ext.activate(context);
  const t2 = performance.now();
  for (const d of context.subscriptions) d.dispose();
  return { requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, missing: [...missing] };
}

/** A Torq source over the fake server, for loading real Activities. */
async function torqSource(info: FakeServerInfo) {
  const { TorqSource } = await import('../src/sources/torq/source');
  const { sourceContext, PAGE_SIZE } = await import('./paging');
  const source = new TorqSource({ id: 'bench-torq', kind: 'torq', region: 'us', apiUrl: info.url, authUrl: info.url }, sourceContext(info, 'bench-torq'));
  return { source, PAGE_SIZE };
}

async function tree(info: FakeServerInfo): Promise<unknown> {
  installVscodeStub();
  const { ActivityTreeProvider } = await import('../src/ui/tree/activityTree');
  const { collectPages } = await import('../src/core/paging');
  const { toRfc3339 } = await import('../src/core/time');
  const { source, PAGE_SIZE } = await torqSource(info);
  const w = wholeDataWindow();
  const activities = (await collectPages(source.activities({ startTime: toRfc3339(w.fromMs), endTime: toRfc3339(w.toMs), activityType: 'all', pageSize: PAGE_SIZE }), { maxPages: TREE_ACTIVITIES / PAGE_SIZE })).slice(0, TREE_ACTIVITIES);
  // The "All events" group lists the 10k activities as one page, from memory (no network).
  const events = source.groups().find((g) => g.id === 'events')!;
  // `expand` kept, so that rows of runs are drawn expandable, as in the editor.
  const listed = { ...source, id: source.id, kind: source.kind, label: source.label, expand: source.expand.bind(source), groups: () => [{ ...events, list: () => async () => ({ items: activities }) }] };
  const entry = { config: { id: source.id, kind: 'torq' }, source: listed, window: { kind: 'relative', minutes: 31 * 1440 } };
  const registry = { get: () => entry, all: [entry], problems: [] };
  const runs: Array<{ getChildrenMs: number; getTreeItemMs: number; totalMs: number; items: number }> = [];
  for (let r = 0; r < 9; r++) {
    const provider = new ActivityTreeProvider(registry as never);
    const sourceNode = (await provider.getChildren())[0];
    const group = (await provider.getChildren(sourceNode)).find((n) => n.type === 'group' && n.group.id === 'events');
    if (!group || group.type !== 'group') throw new Error('no "All events" group');
    await group.loadMore();
    const t0 = performance.now();
    const children = await provider.getChildren(group);
    const t1 = performance.now();
    for (const child of children) provider.getTreeItem(child);
    const t2 = performance.now();
    runs.push({ getChildrenMs: t1 - t0, getTreeItemMs: t2 - t1, totalMs: t2 - t0, items: children.length });
    provider.dispose();
  }
  if (runs[0].items < TREE_ACTIVITIES) throw new Error(`the group showed ${runs[0].items} items`);
  return {
    activities: activities.length,
    runs: runs.length,
    getChildrenMs: round(median(runs.map((r) => r.getChildrenMs))),
    getTreeItemMs: round(median(runs.map((r) => r.getTreeItemMs))),
    totalMs: round(median(runs.map((r) => r.totalMs))),
    allMs: runs.map((r) => round(r.totalMs)),
    missing: [...missing],
  };
}

async function memory(info: FakeServerInfo): Promise<unknown> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const { PagedList } = await import('../src/core/paging');
  const { resolveWindow } = await import('../src/core/time');
  const { source } = await torqSource(info);
  // The 'events' group as the tree lists it, 500 a page (Torq's maximum), bodies discarded.
  const events = source.groups().find((g) => g.id === 'events')!;
  const window = resolveWindow({ kind: 'relative', minutes: 31 * 1440 });
  await source.client.tokens.token(); // the token is not what is measured
  const settle = () => {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const before = settle();
  const list = new PagedList(events.list!(window), (a) => a.key, source.label);
  while (list.hasMore) {
    await list.loadMore();
    if (list.error) throw list.error;
  }
  const after = settle();
  const count = list.items.length;
  const mb = (after - before) / 1024 / 1024;
  return { activities: count, pages: list.pages, baselineMb: round(before / 1024 / 1024), heapMb: round(after / 1024 / 1024), deltaMb: round(mb), bytesPerActivity: Math.round((after - before) / count) };
}

async function main(): Promise<void> {
  const [mode, url, credentials] = process.argv.slice(2);
  const info = url ? ({ url, credentials: JSON.parse(credentials) } as FakeServerInfo) : undefined;
  let result: unknown;
  if (mode === 'activation') result = await activation();
  else if (mode === 'tree') result = await tree(info!);
  else if (mode === 'memory') result = await memory(info!);
  else if (mode === 'requests') {
    installVscodeStub();
    result = await (await import('./requests')).measureRequestEconomy(info!);
  }
  else throw new Error(`unknown mode ${mode}`);
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
