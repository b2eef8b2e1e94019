/** A line of text in the tree: an error with its fix, an empty result, a settings problem, unreadable entries. */
import type * as vscode from 'vscode';
import type { ActivityLogsError } from '../../../core/errors';
import type { UnreadableEntry } from '../../../core/paging';
import { type MessageContent, messageTreeItem } from '../treeItems';
import type { GroupNode } from '../nodes';
import { type ParentNode, ViewNode } from './viewNode';

export interface MessageOptions {
  readonly error?: ActivityLogsError;
  readonly tooltip?: string;
  /** Entries of the group that could not be read: clicking the message shows them raw. */
  readonly unreadable?: readonly UnreadableEntry[];
}

export class MessageNode extends ViewNode implements MessageContent {
  readonly error?: ActivityLogsError;
  readonly tooltip?: string;
  readonly unreadable?: readonly UnreadableEntry[];

  constructor(
    readonly id: string,
    parent: ParentNode | undefined,
    readonly text: string,
    options: MessageOptions = {},
  ) {
    super(parent);
    this.error = options.error;
    this.tooltip = options.tooltip;
    this.unreadable = options.unreadable;
  }

  get type(): 'message' {
    return 'message';
  }

  getTreeItem(): vscode.TreeItem {
    return messageTreeItem(this);
  }
}

/** "2 entries could not be read — show raw": skipped entries are counted, never silently dropped. */
export function unreadableMessage(parent: GroupNode, unreadable: readonly UnreadableEntry[]): MessageNode {
  const n = unreadable.length;
  const first = unreadable[0].reason;
  return new MessageNode(`${parent.id}/unreadable`, parent, `${n} ${n === 1 ? 'entry' : 'entries'} could not be read — show raw`, {
    tooltip: `Skipped: ${first.length > 500 ? first.slice(0, 500) + '…' : first}${n > 1 ? ` (and ${n - 1} more)` : ''}\n\nClick to see them as sent.`,
    unreadable,
  });
}
