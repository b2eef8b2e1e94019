/** The kinds of item in the Activity Logs tree. Ids are stable so that expansion survives refreshes. */
import type { Activity } from '../../core/activity';
import type { ActivityLogsError } from '../../core/errors';
import type { UnreadableEntry } from '../../core/paging';
import type { GroupNode } from '../../core/source';
import type { RegisteredSource } from '../sourceRegistry';

export interface SourceItem {
  readonly type: 'source';
  readonly id: string;
  readonly entry: RegisteredSource;
}

export interface GroupItem {
  readonly type: 'group';
  readonly id: string;
  readonly sourceId: string;
  readonly group: GroupNode;
  readonly parent: SourceItem | GroupItem;
}

export interface ActivityItem {
  readonly type: 'activity';
  readonly id: string;
  readonly activity: Activity;
  readonly parent: GroupItem;
}

export interface LoadMoreItem {
  readonly type: 'loadMore';
  readonly id: string;
  readonly parent: GroupItem;
  readonly loading: boolean;
  readonly loaded: number;
}

/** A line of text in the tree: an error with its fix, an empty result, a settings problem. */
export interface MessageItem {
  readonly type: 'message';
  readonly id: string;
  readonly text: string;
  readonly parent?: SourceItem | GroupItem;
  readonly error?: ActivityLogsError;
  readonly tooltip?: string;
  /** Entries of the group that could not be read: clicking the message shows them raw. */
  readonly unreadable?: readonly UnreadableEntry[];
}

export type TreeNode = SourceItem | GroupItem | ActivityItem | LoadMoreItem | MessageItem;
