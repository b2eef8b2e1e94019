/**
 * The base of every row in the Activity Logs tree (after GitLens's ViewNode): a node knows its id,
 * its parent, its tree item and its children. Ids are paths (`source/group/a/activity…`), stable
 * across refreshes so that expansion survives them, and the ChangeGate relates nodes by them.
 */
import type * as vscode from 'vscode';
import type { Activity } from '../../../core/activity';
import type { SourceRegistry } from '../../sourceRegistry';
import type { ActivityNode, GroupNode, SourceNode, TreeNode } from '../nodes';

export type NodeType = 'source' | 'group' | 'activity' | 'loadMore' | 'message' | 'detail' | 'related';

/** What a node may hang under: an activity holds its expansion's rows. */
export type ParentNode = SourceNode | GroupNode | ActivityNode;

/** What the nodes share, held by the provider. */
export interface TreeContext {
  readonly registry: SourceRegistry;
  /** Sends a change of a node (undefined: the whole tree) through the ChangeGate. */
  changed(node: TreeNode | undefined): void;
  /** Activities arrived in a group: a page loaded, or a tail prepended them. */
  loaded(group: GroupNode, activities: readonly Activity[]): void;
  /** Records a node handed out, so that getNode finds it by id. */
  remember<T extends TreeNode>(node: T): T;
}

export abstract class ViewNode {
  /** A path from the source down (`source/group/a/activity…`), the same across refreshes. */
  abstract readonly id: string;

  constructor(readonly parent: ParentNode | undefined) {}

  /** The kind of row, for code that cannot import the classes (tests in the extension host). */
  abstract get type(): NodeType;

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): TreeNode[] | Promise<TreeNode[]> {
    return [];
  }

  getParent(): ParentNode | undefined {
    return this.parent;
  }

  /** Nodes link to their parent, children and the tree: logged or sent on, one stands for itself. */
  toJSON(): { type: NodeType; id: string } {
    return { type: this.type, id: this.id };
  }
}
