/**
 * One activity in a group. A group lists thousands: the node holds nothing but its id, its
 * Activity and its group, and its tree item is built by the cheap path in ../treeItems.ts.
 */
import type * as vscode from 'vscode';
import type { Activity } from '../../../core/activity';
import { activityTooltip, activityTreeItem } from '../treeItems';
import type { GroupNode, TreeNode } from '../nodes';
import { expansionChildren, retryExpansion } from './detailNode';
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

  /** A run with an execution id, of a source that can open it up (Torq): its row expands into the execution. */
  get expandable(): boolean {
    return this.parent.expandsActivities && this.activity.executionId !== undefined;
  }

  getTreeItem(): vscode.TreeItem {
    return activityTreeItem(this);
  }

  /** Its execution, fetched only when the row is expanded: listing never asks. */
  override getChildren(): TreeNode[] | Promise<TreeNode[]> {
    return this.expandable ? expansionChildren(this, this.parent.tree) : [];
  }

  /** Fetches the expansion again (the fix of its error row). */
  retry(): void {
    retryExpansion(this, this.parent.tree);
  }

  /** The tooltip, built only when the row is hovered or focused. */
  tooltip(): string {
    return activityTooltip(this.activity);
  }
}
