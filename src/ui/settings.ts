/** Reading and writing the extension's settings (`activityLogs.*`): never secrets. */
import * as vscode from 'vscode';
import { parseSourceConfigs, ParsedSources, SourceConfig } from '../core/config';
import { parseWindow, TimeWindow } from '../core/time';

export const SECTION = 'activityLogs';
const DEFAULT_WINDOW: TimeWindow = { kind: 'relative', minutes: 1440 };

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export function readSources(): ParsedSources {
  return parseSourceConfigs(config().get<unknown[]>('sources', []));
}

/** The source of this id as the user's own settings declare it (whatever a workspace declares). */
export function sourceDeclaredByUser(id: string): SourceConfig | undefined {
  return parseSourceConfigs(config().inspect<unknown[]>('sources')?.globalValue ?? []).sources.find((s) => s.id === id);
}

export function pageSize(): number {
  const n = config().get<number>('pageSize', 100);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 100;
}

export function requestTimeoutMs(): number {
  return Math.max(1, config().get<number>('requestTimeoutSeconds', 30)) * 1000;
}

export function windowOf(source: SourceConfig): TimeWindow {
  return (source.window && parseWindow(source.window)) || parseWindow(config().get<string>('timeWindow', '24h')) || DEFAULT_WINDOW;
}

/** Writes the whole list where it is defined (workspace if set there, user settings otherwise). */
export async function writeSources(sources: readonly unknown[]): Promise<void> {
  const inspected = config().inspect<unknown[]>('sources');
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config().update('sources', sources, target);
}

/** The raw entries, so that edits keep fields this version does not know. */
export function rawSources(): Array<Record<string, unknown>> {
  const raw = config().get<unknown[]>('sources', []);
  return (Array.isArray(raw) ? raw : []).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object').map((e) => ({ ...e }));
}

/** An id for a new source named `base` that no entry in settings has yet. */
export function uniqueSourceId(base: string): string {
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'source';
  const taken = new Set(rawSources().map((s) => String(s.id)));
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

export async function updateSource(id: string, patch: Record<string, unknown>): Promise<void> {
  const all = rawSources();
  const i = all.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`No source with id "${id}" in settings`);
  all[i] = { ...all[i], ...patch };
  for (const [k, v] of Object.entries(all[i])) if (v === undefined) delete all[i][k];
  await writeSources(all);
}

/** Searches pinned as groups in the tree (query texts). */
export function pinnedSearches(): string[] {
  const v = config().get<unknown[]>('pinnedSearches', []);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

export async function setPinnedSearches(queries: readonly string[]): Promise<void> {
  await config().update('pinnedSearches', queries, vscode.ConfigurationTarget.Global);
}

export interface TailSettings {
  readonly intervalMs: number;
  readonly idleMs: number;
}

export function tailSettings(): TailSettings {
  return {
    intervalMs: Math.max(1, config().get<number>('tail.intervalSeconds', 3)) * 1000,
    idleMs: Math.max(1, config().get<number>('tail.idleMinutes', 5)) * 60_000,
  };
}

/** Minutes either side of an activity that Show Around This Time shows. */
export function timelineAroundMinutes(): number {
  const n = config().get<number>('timeline.aroundMinutes', 5);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1440) : 5;
}

export function notifyOnNewFailures(): boolean {
  return config().get<boolean>('notifyOnNewFailures', false);
}
