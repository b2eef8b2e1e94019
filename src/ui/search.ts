/**
 * "Activity Logs: Search…": a QuickPick that queries every applicable source as the user types —
 * debounced, the previous request cancelled by new input — and opens the picked activity.
 */
import * as vscode from 'vscode';
import { Activity, activityIcon, compareNewestFirst } from '../core/activity';
import { asActivityLogsError, isCancelled } from '../core/errors';
import { ActivityQuery, parseQuery, QUERY_TERMS, QueryError } from '../core/query';
import { type SearchTarget, searchSources } from '../core/search';
import { formatAge, formatLocalTime } from '../core/time';
import type { SourceRegistry } from './sourceRegistry';
import { pinnedSearches, setPinnedSearches } from './settings';

const RECENT_KEY = 'activityLogs.recentSearches';
const MAX_RECENT = 15;
const DEBOUNCE_MS = 300;
/** Results shown per source for one query (the first pages of each). */
const RESULTS_PER_SOURCE = 50;
const MAX_PAGES_PER_SOURCE = 20;

type ResultItem = vscode.QuickPickItem & { activity?: Activity; fill?: string };

export interface SearchDeps {
  readonly registry: SourceRegistry;
  readonly state: vscode.Memento;
  readonly open: (activity: Activity) => Promise<void>;
}

interface SearchResults {
  readonly activities: Activity[];
  /** One line per source that could not run the query, or a term it cannot honour. */
  readonly notes: string[];
}

/** What the registry's sources can search: those that were built from their settings. */
export function searchTargets(registry: SourceRegistry): SearchTarget[] {
  return registry.all.flatMap((e) => (e.source ? [{ source: e.source, window: e.window }] : []));
}

/** Runs a query against every applicable source, reporting the results found so far as they grow. */
async function runSearch(
  registry: SourceRegistry,
  query: ActivityQuery,
  options: { signal?: AbortSignal; onProgress?: (partial: SearchResults) => void } = {},
): Promise<SearchResults> {
  const activities: Activity[] = [];
  const notes: string[] = [];
  const search = searchSources(searchTargets(registry), query, { signal: options.signal, maxPagesPerSource: MAX_PAGES_PER_SOURCE, maxItemsPerSource: RESULTS_PER_SOURCE });
  for await (const event of search) {
    if (event.type === 'page') {
      activities.push(...event.items);
      options.onProgress?.({ activities: [...activities].sort(compareNewestFirst), notes });
    } else notes.push(event.text);
  }
  return { activities: activities.sort(compareNewestFirst), notes };
}

const COPY_LINK: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link'), tooltip: 'Copy Link' };

function resultItem(a: Activity, sourceLabel: string): ResultItem {
  return {
    label: `$(${activityIcon(a)}) ${a.title}`,
    description: `${sourceLabel} · ${formatLocalTime(a.time)} · ${formatAge(a.timeMs)}`,
    detail: a.error ? a.error.split('\n')[0].slice(0, 200) : undefined,
    activity: a,
    alwaysShow: true,
    buttons: [COPY_LINK],
  };
}

export async function showSearch(deps: SearchDeps, initial = ''): Promise<void> {
  const pick = vscode.window.createQuickPick<ResultItem>();
  pick.title = 'Search activities';
  pick.placeholder = 'Text, or terms: source: level: status:failed workflow: component: trace: type: actor: since:2h until:';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.ignoreFocusOut = true;
  const pinButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('pin'), tooltip: 'Pin this search as a group in the tree' };
  const exportButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: 'Export every result…' };
  const linkButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link'), tooltip: 'Copy a link to this search' };
  pick.buttons = [pinButton, exportButton, linkButton];
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  const labelOf = (a: Activity) => deps.registry.get(a.sourceId)?.source?.label ?? a.sourceId;

  const showHelp = () => {
    const recent = deps.state.get<string[]>(RECENT_KEY, []);
    pick.items = [
      ...(recent.length ? [{ label: 'Recent searches', kind: vscode.QuickPickItemKind.Separator } as ResultItem] : []),
      ...recent.map((q) => ({ label: `$(history) ${q}`, fill: q, alwaysShow: true })),
      { label: 'Terms', kind: vscode.QuickPickItemKind.Separator } as ResultItem,
      ...QUERY_TERMS.map((t) => ({ label: `$(symbol-key) ${t.example}`, description: t.help, fill: `${t.term}:`, alwaysShow: true })),
    ];
  };

  const run = (text: string) => {
    controller?.abort();
    if (!text.trim()) {
      pick.busy = false;
      showHelp();
      return;
    }
    let query: ActivityQuery;
    try {
      query = parseQuery(text);
    } catch (e) {
      pick.busy = false;
      pick.items = [{ label: `$(warning) ${e instanceof QueryError ? e.message : String(e)}`, alwaysShow: true }];
      return;
    }
    const c = new AbortController();
    controller = c;
    pick.busy = true;
    const render = (r: SearchResults, done: boolean) => {
      if (c.signal.aborted) return;
      const items: ResultItem[] = r.notes.map((n) => ({ label: `$(info) ${n}`, alwaysShow: true }));
      items.push(...r.activities.map((a) => resultItem(a, labelOf(a))));
      if (done && r.activities.length === 0) items.push({ label: 'No activity matches', description: 'widen the time window with since:, or check the terms', alwaysShow: true });
      pick.items = items;
    };
    runSearch(deps.registry, query, { signal: c.signal, onProgress: (r) => render(r, false) })
      .then((r) => render(r, true))
      .catch((e) => {
        if (!isCancelled(e) && !c.signal.aborted) pick.items = [{ label: `$(error) ${asActivityLogsError(e).message}`, alwaysShow: true }];
      })
      .finally(() => {
        if (controller === c) pick.busy = false;
      });
  };

  pick.onDidChangeValue((text) => {
    clearTimeout(timer);
    controller?.abort();
    timer = setTimeout(() => run(text), DEBOUNCE_MS);
  });
  pick.onDidTriggerButton(async (button) => {
    const text = pick.value.trim();
    if (!text) return;
    try {
      parseQuery(text);
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return;
    }
    if (button === linkButton) {
      await vscode.commands.executeCommand('activityLogs.copyLink', { search: text });
    } else if (button === pinButton) {
      const pinned = pinnedSearches();
      if (!pinned.includes(text)) await setPinnedSearches([...pinned, text]);
      vscode.window.setStatusBarMessage(`Pinned "${text}" in the Activity Logs tree`, 3000);
    } else {
      pick.hide();
      await vscode.commands.executeCommand('activityLogs.exportSearch', text);
    }
  });
  pick.onDidTriggerItemButton((e) => e.item.activity && void vscode.commands.executeCommand('activityLogs.copyLink', e.item.activity));
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0];
    if (item?.fill !== undefined) {
      pick.value = item.fill;
      run(item.fill);
      return;
    }
    if (!item?.activity) return;
    const text = pick.value.trim();
    const recent = deps.state.get<string[]>(RECENT_KEY, []).filter((q) => q !== text);
    await deps.state.update(RECENT_KEY, [text, ...recent].slice(0, MAX_RECENT));
    pick.hide();
    await deps.open(item.activity);
  });
  pick.onDidHide(() => {
    clearTimeout(timer);
    controller?.abort();
    pick.dispose();
  });
  pick.show();
  if (initial) {
    pick.value = initial;
    run(initial);
  } else showHelp();
}
