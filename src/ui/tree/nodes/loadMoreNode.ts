/**
 * "Load more…" as an ordinary child of a group (after GitLens's and AWS Toolkit's LoadMoreNode):
 * loading is a command on the group, so reading the tree never fetches beyond the first page.
 */
import * as vscode from 'vscode';
import type { GroupNode } from '../nodes';
import { ViewNode } from './viewNode';

export class LoadMoreNode extends ViewNode {
  declare readonly parent: GroupNode;
  readonly id: string;

  constructor(parent: GroupNode) {
    super(parent);
    this.id = `${parent.id}/more`;
  }

  get type(): 'loadMore' {
    return 'loadMore';
  }

  getTreeItem(): vscode.TreeItem {
    const loading = this.parent.loading;
    const item = new vscode.TreeItem(loading ? 'Loading…' : 'Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.parent.activities.length} loaded`;
    item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
    item.contextValue = 'loadMore';
    if (!loading) item.command = { command: 'activityLogs.loadMore', title: 'Load more', arguments: [this] };
    return item;
  }
}
