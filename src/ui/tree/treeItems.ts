/**
 * The tree items of the rows the provider lists: activities (built for every row of a group, so
 * kept cheap), their tooltips (built on hover), and messages (errors with their fix, empty groups,
 * unreadable entries).
 */
import * as vscode from 'vscode';
import type { Activity } from '../../core/activity';
import { type ActivityLogsError, FIX_LABELS } from '../../core/errors';
import type { UnreadableEntry } from '../../core/paging';
import { formatAge, formatLocalTime } from '../../core/time';
import { activityIcon } from './icons';
import type { ActivityNode } from './nodes';

export const FIX_COMMANDS = {
  enterCredentials: 'activityLogs.setCredentials',
  retry: 'activityLogs.retry',
  narrowWindow: 'activityLogs.setTimeWindow',
  editSource: 'activityLogs.editSource',
} as const;

/** An activity's contextValue for each combination of its six flags (web, failure, nested, traced, slack, sde). */
const ACTIVITY_CONTEXT_VALUES = Array.from(
  { length: 64 },
  (_, bits) => `activity${bits & 1 ? ' web' : ''}${bits & 2 ? ' failure' : ''}${bits & 4 ? ' nested' : ''}${bits & 8 ? ' traced' : ''}${bits & 16 ? ' slack' : ''}${bits & 32 ? ' sde' : ''}`,
);

/** What an activity's menus are chosen by (package.json `viewItem`): `activity` and its flags. */
export function activityContextValue(a: Activity): string {
  // This runs for every row of a group: the contextValue is one of 64 prebuilt strings.
  const flags =
    (a.webUrl ? 1 : 0) | (a.outcome === 'failure' ? 2 : 0) | (a.parentExecutionId ? 4 : 0) | (a.traceId ? 8 : 0) | (a.sourceKind === 'slack' ? 16 : 0) | (a.sourceKind === 'sde' ? 32 : 0);
  return ACTIVITY_CONTEXT_VALUES[flags];
}

export function activityTreeItem(node: ActivityNode): vscode.TreeItem {
  const a = node.activity;
  const title = a.title;
  const description = formatLocalTime(a.time, false) + ' · ' + formatAge(a.timeMs);
  // A run that opens up into its execution; what it holds is fetched only when expanded.
  const item = new vscode.TreeItem(title, node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = activityIcon(a);
  item.description = description;
  // The tooltip comes from resolveTreeItem, on hover: building it for every row of a 10k group costs most of the listing.
  item.contextValue = activityContextValue(a);
  item.command = { command: 'activityLogs.openPayload', title: 'Open payload', arguments: [node] };
  item.accessibilityInformation = { label: title ? `${title}, ${description}` : description };
  return item;
}

/**
 * Plain text, never Markdown: the title and the error come from the server, and an error holding a
 * code fence would close a Markdown code block and render the links and images that follow it.
 */
export function activityTooltip(a: Activity): string {
  const lines = [a.title, ''];
  const line = (label: string, value: string | undefined) => {
    if (value) lines.push(`${label}: ${value}`);
  };
  line('Time', `${formatLocalTime(a.time)} (${a.time})`);
  line('Outcome', a.outcome === 'none' ? undefined : a.outcome);
  line('Level', a.level);
  line('Type', a.type);
  line('Workflow', a.workflowName ?? a.workflowId);
  line('Execution', a.executionId);
  line('Trace', a.traceId);
  line('Actor', a.actor);
  if (a.error) lines.push('', a.error.length > 2000 ? a.error.slice(0, 2000) + '…' : a.error);
  return lines.join('\n');
}

/** What a message row shows (a MessageNode; the command of a fix or "show raw" is given the node). */
export interface MessageContent {
  readonly id: string;
  readonly text: string;
  readonly error?: ActivityLogsError;
  readonly tooltip?: string;
  readonly unreadable?: readonly UnreadableEntry[];
}

export function messageTreeItem(node: MessageContent): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const error = node.error;
  if (!error) {
    item.iconPath = new vscode.ThemeIcon(node.unreadable ? 'warning' : 'info');
    item.tooltip = node.tooltip ?? node.text;
    item.contextValue = 'message';
    if (node.unreadable) item.command = { command: 'activityLogs.showUnreadable', title: 'Show raw', arguments: [node] };
    return item;
  }
  item.iconPath = new vscode.ThemeIcon(error.kind === 'auth' || error.kind === 'permission' ? 'key' : 'warning', new vscode.ThemeColor('list.errorForeground'));
  const fix = error.fix;
  item.description = fix === 'none' ? undefined : FIX_LABELS[fix];
  item.tooltip = `${error.message}${fix === 'none' ? '' : `\n\nClick to ${FIX_LABELS[fix].replace(/…$/, '').toLowerCase()}.`}`;
  item.contextValue = `error fix:${fix}`;
  if (fix !== 'none') item.command = { command: FIX_COMMANDS[fix], title: FIX_LABELS[fix], arguments: [node] };
  return item;
}
