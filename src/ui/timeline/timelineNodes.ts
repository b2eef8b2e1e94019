/**
 * The rows of the Timeline view: one per activity of any source (its source's icon and short
 * label beside the usual title, time and outcome; changes marked), a message (a stream that
 * failed, with its fix; entries that could not be read) and "Load more". The list is flat: every
 * row is a root, so a node needs no parent.
 */
import * as vscode from 'vscode';
import type { Activity } from '../../core/activity';
import type { ActivityLogsError } from '../../core/errors';
import type { UnreadableEntry } from '../../core/paging';
import { formatAge, formatLocalTime } from '../../core/time';
import { SOURCE_KINDS } from '../sourceKinds';
import { activityTooltip, FIX_COMMANDS, messageTreeItem } from '../tree/treeItems';

/** The scheme of a change row's `resourceUri`: the decoration provider marks those rows. */
export const CHANGE_SCHEME = 'activity-logs-change';
/** A source's label on a row is cut to this: the row has the title to show. */
const SHORT_LABEL_CHARS = 18;

export class TimelineRow {
  constructor(
    readonly activity: Activity,
    /** The source's label as the timeline shows it. */
    readonly sourceLabel: string,
  ) {}

  get id(): string {
    return `timeline/a/${this.activity.key}`;
  }

  get type(): 'activity' {
    return 'activity';
  }

  tooltip(): string {
    const a = this.activity;
    return `${this.sourceLabel}${a.isChange ? ' — a change' : ''}\n${activityTooltip(a)}`;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.activity;
    const change = a.isChange === true;
    const item = new vscode.TreeItem(a.title, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(SOURCE_KINDS[a.sourceKind].icon, outcomeColor(a, change));
    const what = change ? 'change' : outcomeWord(a);
    const time = formatLocalTime(a.time, false);
    item.description = [shortLabel(this.sourceLabel), what, time, formatAge(a.timeMs)].filter(Boolean).join(' · ');
    // The decoration provider gives a change its badge and colour (src/ui/timeline/timelineView.ts).
    if (change) item.resourceUri = vscode.Uri.from({ scheme: CHANGE_SCHEME, path: `/${encodeURIComponent(a.key)}` });
    item.contextValue = `activity timeline${a.webUrl ? ' web' : ''}${a.outcome === 'failure' ? ' failure' : ''}${a.traceId ? ' traced' : ''}${a.sourceKind === 'slack' ? ' slack' : ''}${change ? ' change' : ''}`;
    item.command = { command: 'activityLogs.openPayload', title: 'Open payload', arguments: [this] };
    item.accessibilityInformation = { label: [a.title, what, this.sourceLabel, time].filter(Boolean).join(', ') };
    return item;
  }
}

/** What a row says of its outcome in words (the icon's colour says it too, but not to everyone). */
function outcomeWord(a: Activity): string | undefined {
  if (a.outcome === 'failure' || a.level === 'error' || a.level === 'fatal') return 'failed';
  return a.outcome === 'pending' ? 'running' : undefined;
}

function outcomeColor(a: Activity, change: boolean): vscode.ThemeColor | undefined {
  if (outcomeWord(a) === 'failed') return new vscode.ThemeColor('testing.iconFailed');
  if (change) return new vscode.ThemeColor('charts.purple');
  if (a.outcome === 'success') return new vscode.ThemeColor('testing.iconPassed');
  return a.outcome === 'pending' ? new vscode.ThemeColor('testing.iconQueued') : undefined;
}

function shortLabel(label: string): string {
  return label.length > SHORT_LABEL_CHARS ? `${label.slice(0, SHORT_LABEL_CHARS - 1)}…` : label;
}

/** A line of the timeline that is not an activity: a stream's error with its fix, unreadable entries, an empty window. */
export class TimelineMessage {
  constructor(
    readonly id: string,
    readonly text: string,
    readonly options: { readonly error?: ActivityLogsError; readonly sourceId?: string; readonly streamId?: string; readonly unreadable?: readonly UnreadableEntry[]; readonly tooltip?: string } = {},
  ) {}

  get type(): 'message' {
    return 'message';
  }

  get error(): ActivityLogsError | undefined {
    return this.options.error;
  }

  get unreadable(): readonly UnreadableEntry[] | undefined {
    return this.options.unreadable;
  }

  getTreeItem(): vscode.TreeItem {
    const item = messageTreeItem({ id: this.id, text: this.text, error: this.options.error, tooltip: this.options.tooltip, unreadable: this.options.unreadable });
    const fix = this.options.error?.fix;
    // The fix acts on this stream or its source, not on a tree node: retry reads the failed page again.
    if (fix === 'retry') item.command = { command: 'activityLogs.retryTimeline', title: 'Retry', arguments: [this.options.streamId] };
    else if (fix && fix !== 'none') item.command = { command: FIX_COMMANDS[fix], title: item.command?.title ?? fix, arguments: [this.options.sourceId] };
    if (this.options.error) item.contextValue = `timelineError fix:${fix}`;
    return item;
  }
}

export class TimelineLoadMore {
  readonly id = 'timeline/more';

  constructor(
    readonly loading: boolean,
    /** The streams the next page comes from (the one that ran out), for the row's description. */
    readonly from: readonly string[],
    readonly shown: number,
  ) {}

  get type(): 'loadMore' {
    return 'loadMore';
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.loading ? 'Loading…' : 'Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.loading ? 'loading~spin' : 'ellipsis');
    item.description = this.from.length ? `${this.shown} shown · next page of ${this.from.join(', ')}` : `${this.shown} shown`;
    item.tooltip = this.from.length ? `Asks ${this.from.join(', ')} for its next page: the other sources still have rows to show.` : 'Shows the rows already read.';
    item.contextValue = 'timelineLoadMore';
    if (!this.loading) item.command = { command: 'activityLogs.loadMoreTimeline', title: 'Load more' };
    return item;
  }
}

export type TimelineNode = TimelineRow | TimelineMessage | TimelineLoadMore;
