/**
 * Request economy: what one user's look at a source costs in requests, for vendors that
 * rate-limit (Slack Tier 3 is about 50 a minute per app). For each product: open the view, expand
 * every group once (sub-groups included), open one payload, refresh once and expand them all again,
 * exactly as the tree provider is asked in the editor. Every request reaches the fake server, whose
 * log is read per phase; the floor is one request per distinct query of a phase.
 *
 * Run in a child process (node out/bench/child.js requests <url> <credentials>): the tree needs the
 * vscode stub.
 */
import fetch from 'node-fetch';
import type { Activity } from '../src/core/activity';
import type { SourceConfig } from '../src/core/config';
import type { ActivityTreeProvider } from '../src/ui/tree/activityTree';
import type { TreeNode } from '../src/ui/tree/nodes';
import type { FakeServerInfo } from './common';
import { sourceContext } from './paging';

/** The editor's default `activityLogs.pageSize`. */
const PAGE_SIZE = 100;

/** Time parameters move with the clock between two requests of the same query: they do not make it another query. */
const TIME_PARAMS = new Set(['date_from', 'date_to', 'start_time', 'end_time', 'min_date_created', 'max_date_created', 'startTime', 'endTime']);

interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
}

export interface PhaseCount {
  readonly sent: number;
  /** One request per distinct query: what the phase cannot do with less. */
  readonly floor: number;
  /** The query sent most often in the phase, and how often. */
  readonly mostRepeated?: { query: string; times: number };
}

export interface RequestEconomy {
  readonly source: string;
  readonly groupsExpanded: number;
  readonly phases: Record<'open' | 'refresh', PhaseCount>;
  readonly sent: number;
  readonly floor: number;
  /** sent ÷ floor. */
  readonly ratio: number;
}

function queryKey(r: LoggedRequest): string {
  const params = Object.entries(r.query)
    .filter(([k]) => k !== 'token')
    .map(([k, v]) => `${k}=${TIME_PARAMS.has(k) ? '<time>' : Array.isArray(v) ? v.join(',') : v}`)
    .sort();
  return `${r.method} ${r.path}${params.length ? `?${params.join('&')}` : ''}`;
}

async function control(info: FakeServerInfo, method: 'GET' | 'DELETE'): Promise<LoggedRequest[]> {
  const res = await fetch(`${info.url}/__control/requests`, { method });
  if (!res.ok) throw new Error(`${method} /__control/requests: HTTP ${res.status}`);
  return method === 'GET' ? ((await res.json()) as { requests: LoggedRequest[] }).requests.filter((r) => !r.path.startsWith('/__control')) : [];
}

function count(requests: readonly LoggedRequest[]): PhaseCount {
  const times = new Map<string, number>();
  for (const r of requests) times.set(queryKey(r), (times.get(queryKey(r)) ?? 0) + 1);
  const [query, most] = [...times].sort((a, b) => b[1] - a[1])[0] ?? [];
  return { sent: requests.length, floor: times.size, mostRepeated: query && most > 1 ? { query, times: most } : undefined };
}

/** Expands every group under `node` once (what a user clicking each twistie makes the editor ask); returns how many. */
async function expandAll(tree: ActivityTreeProvider, node: TreeNode, firstActivity: { value?: Activity }): Promise<number> {
  let groups = 0;
  for (const child of await tree.getChildren(node)) {
    if (child.type === 'activity' && !firstActivity.value) firstActivity.value = child.activity;
    if (child.type !== 'group') continue;
    groups++;
    groups += await expandAll(tree, child, firstActivity);
  }
  return groups;
}

async function measureSource(info: FakeServerInfo, config: SourceConfig, label: string): Promise<RequestEconomy> {
  const { ActivityTreeProvider } = await import('../src/ui/tree/activityTree');
  const { createSource } = await import('../src/sources');
  const source = createSource(config, { ...sourceContext(info, config.id), pageSize: PAGE_SIZE });
  const entry = { config, source, window: { kind: 'relative', minutes: 1440 } };
  const tree = new ActivityTreeProvider({ get: () => entry, all: [entry], problems: [] } as never);
  try {
    await control(info, 'DELETE');
    const [sourceNode] = await tree.getChildren();
    const first: { value?: Activity } = {};
    const groupsExpanded = await expandAll(tree, sourceNode, first);
    if (!first.value) throw new Error(`${label}: no activity in any group`);
    await source.loadPayload(first.value);
    const open = count(await control(info, 'GET'));
    await control(info, 'DELETE');
    tree.refresh();
    const [again] = await tree.getChildren();
    await expandAll(tree, again, {});
    const refresh = count(await control(info, 'GET'));
    const sent = open.sent + refresh.sent;
    const floor = open.floor + refresh.floor;
    return { source: label, groupsExpanded, phases: { open, refresh }, sent, floor, ratio: Math.round((sent / floor) * 100) / 100 };
  } finally {
    tree.dispose();
  }
}

export async function measureRequestEconomy(info: FakeServerInfo): Promise<RequestEconomy[]> {
  const slackApp = info.credentials.slack.appIds[0];
  return [
    await measureSource(info, { id: 'economy-torq', kind: 'torq', apiUrl: info.url, authUrl: info.url } as SourceConfig, 'Torq'),
    await measureSource(info, { id: 'economy-slack', kind: 'slack', appId: slackApp, apiUrl: `${info.url}/api/` } as SourceConfig, 'Slack'),
    await measureSource(info, { id: 'sde-economy', kind: 'sde', url: info.url } as SourceConfig, 'SD Elements'),
  ];
}
