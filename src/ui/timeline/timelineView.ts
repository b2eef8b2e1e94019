/**
 * The Timeline view (`activityLogs.timeline`, beside the sources tree in the Activity Logs
 * container) and its commands: filter with the search language, clear, open a pinned search as a
 * timeline, Show Around This Time, Load more, retry a failed stream, live tail. What the view
 * shows in its title (the filter, the window it is centred on, "live") follows the provider.
 */
import * as vscode from 'vscode';
import type { Activity } from '../../core/activity';
import { parseQuery, QUERY_TERMS, QueryError } from '../../core/query';
import { formatLocalTime } from '../../core/time';
import { activityOf } from '../commandArgs';
import { TIMELINE_VIEW_ID } from '../contributions';
import type { OutputLog } from '../outputLog';
import type { PayloadPanels } from '../payloadPanel';
import { type CommandHandler, commandRegistrar } from '../registerCommand';
import { pinnedSearches, timelineAroundMinutes } from '../settings';
import type { SourceRegistry } from '../sourceRegistry';
import type { ActivityTreeProvider } from '../tree/activityTree';
import { GroupNode } from '../tree/nodes';
import { CHANGE_SCHEME } from './timelineNodes';
import { TimelineProvider } from './timelineProvider';
import { TimelineTail } from './timelineTail';


export class TimelineView implements vscode.Disposable {
  readonly provider: TimelineProvider;
  readonly tail: TimelineTail;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    registry: SourceRegistry,
    readonly view: vscode.TreeView<unknown>,
    log: OutputLog,
  ) {
    this.provider = new TimelineProvider(registry);
    this.tail = new TimelineTail(this.provider, log);
    this.disposables.push(
      this.provider,
      this.tail,
      this.provider.onDidChangeMode(() => {
        this.tail.restart();
        this.update();
      }),
      this.provider.onDidChangeTreeData(() => this.update()),
      this.tail.onDidChange(() => this.update()),
      // A change's row: a badge and a colour, as the editor marks a modified file.
      vscode.window.registerFileDecorationProvider({
        provideFileDecoration: (uri) =>
          uri.scheme === CHANGE_SCHEME ? new vscode.FileDecoration('Δ', 'A change: a workflow or an object was edited', new vscode.ThemeColor('charts.purple')) : undefined,
      }),
    );
    this.update();
  }

  /**
   * Shows the view. It is hidden until first opened: a second view in the container would move
   * the Sources view's title buttons into a header of its own, shown only on hover.
   */
  async open(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'activityLogs.timelineOpen', true);
    await vscode.commands.executeCommand(`${TIMELINE_VIEW_ID}.focus`);
  }

  /** Hides the view, stops its tail and forgets what it read. */
  async close(): Promise<void> {
    this.tail.stop();
    this.provider.clear();
    await vscode.commands.executeCommand('setContext', 'activityLogs.timelineOpen', false);
  }

  /** Centres the timeline on an activity, shows the view and selects the activity's row. */
  async showAround(activity: Activity): Promise<void> {
    await this.open();
    const row = await this.provider.showAround(activity, timelineAroundMinutes());
    await this.view.reveal(row, { select: true, focus: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The view's description and message, and the context keys of its title bar's buttons. */
  private update(): void {
    const { query, around } = this.provider.mode;
    const live = this.tail.running ? '● live' : undefined;
    const centred = around ? `±${around.minutes} min around ${formatLocalTime(around.activity.time)}` : undefined;
    this.view.description = [live, centred, query].filter(Boolean).join(' · ') || undefined;
    const notes = this.provider.notes;
    const filtered = !!(query || around);
    const shown = filtered ? `Showing ${[centred, query && `only ${query}`].filter(Boolean).join(', ')}. Clear Filter (title bar) shows every source again.` : undefined;
    this.view.message = [shown, ...notes].filter(Boolean).join('\n') || undefined;
    void vscode.commands.executeCommand('setContext', 'activityLogs.timelineFiltered', filtered);
    void vscode.commands.executeCommand('setContext', 'activityLogs.timelineTailing', this.tail.running);
    void vscode.commands.executeCommand('setContext', 'activityLogs.timelineAround', !!around);
  }
}

export interface TimelineDeps {
  readonly timeline: TimelineView;
  readonly tree: ActivityTreeProvider;
  readonly panels: PayloadPanels;
  readonly log: OutputLog;
}

/** The text of a pinned search, from its group in the tree or a pick among them. */
async function pinnedText(arg: unknown): Promise<string | undefined> {
  if (arg instanceof GroupNode && arg.pinnedSearch !== undefined) return arg.pinnedSearch;
  if (typeof arg === 'string') return arg;
  const pinned = pinnedSearches();
  if (!pinned.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No search is pinned: pin one from the search box (Activity Logs: Search…).'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(pinned, { title: 'Open which pinned search as a timeline?' })) ?? undefined;
}

export function registerTimelineCommands(table: Map<string, CommandHandler>, deps: TimelineDeps): void {
  const { timeline, tree, panels } = deps;
  const { provider } = timeline;
  const register = commandRegistrar(table, deps.log);
  const show = () => timeline.open();

  register('activityLogs.openTimeline', show);
  register('activityLogs.closeTimeline', () => timeline.close());
  register('activityLogs.filterTimeline', async (arg?: unknown) => {
    const text =
      typeof arg === 'string'
        ? arg
        : await vscode.window.showInputBox({
            title: 'Filter the timeline',
            value: provider.mode.query ?? '',
            placeHolder: 'level:error since:2h workflow:"Phishing triage"',
            prompt: `Text, or terms: ${QUERY_TERMS.map((t) => `${t.term}:`).join(' ')} — empty shows everything`,
            validateInput: (value) => {
              try {
                parseQuery(value);
                return undefined;
              } catch (e) {
                return e instanceof QueryError ? e.message : String(e);
              }
            },
          });
    if (text === undefined) return;
    provider.setFilter(text);
    await show();
  });
  register('activityLogs.clearTimelineFilter', () => provider.clear());
  register('activityLogs.openPinnedAsTimeline', async (arg?: unknown) => {
    const text = await pinnedText(arg);
    if (text === undefined) return;
    provider.setFilter(text);
    await show();
  });
  register('activityLogs.showAroundThisTime', async (arg?: unknown) => {
    // From the payload panel's title bar VS Code passes the editor, not an activity: the panel in front says which.
    const activity = activityOf(tree, arg) ?? panels.activeActivity;
    if (!activity) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Show Around This Time works on an activity: choose it in the tree or the timeline.'));
      return;
    }
    await timeline.showAround(activity);
  });
  register('activityLogs.loadMoreTimeline', () => provider.loadMore());
  register('activityLogs.retryTimeline', (arg?: unknown) => provider.retry(typeof arg === 'string' ? arg : undefined));
  register('activityLogs.refreshTimeline', () => provider.refresh());
  register('activityLogs.startTimelineTail', () => {
    if (!timeline.tail.possible) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The timeline is centred on a past activity: clear the filter to follow new activity live.'));
      return;
    }
    return timeline.tail.start();
  });
  register('activityLogs.stopTimelineTail', () => timeline.tail.stop());
}
