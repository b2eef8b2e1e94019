/**
 * One activity in a group. A group lists thousands: the node holds nothing but its id, its
 * Activity and its group, and its tree item is built by the cheap path in ../treeItems.ts.
 */
import type * as vscode from 'vscode';
import type { Activity } from '../../../core/activity';
import { activityTooltip, activityTreeItem } from '../treeItems';
import type { GroupNode } from '../nodes';
import { ViewNode } from './viewNode';

export class ActivityNode extends ViewNode {
  declare readonly parent: GroupNode;

  constructor(
    parent: GroupNode,
    readonly activity: Activity,
  ) {
    super(parent);
  }

  /** Computed when asked: a group keeps thousands of rows, and VS Code asks once per row. */
  get id(): string {
    return `${this.parent.id}/a/${this.activity.key}`;
  }

  get type(): 'activity' {
    return 'activity';
  }

  getTreeItem(): vscode.TreeItem {
    return activityTreeItem(this);
  }

  /** The tooltip, built only when the row is hovered or focused. */
  tooltip(): string {
    return activityTooltip(this.activity);
  }
}
