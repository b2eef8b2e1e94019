/**
 * What a command was invoked on: a tree item (from a menu or a click), an activity (from search or
 * failure navigation), an id string (from a script or a command link), or nothing (the palette).
 */
import type { Activity } from '../core/activity';
import type { ActivityTreeProvider } from './tree/activityTree';
import type { GroupItem, SourceItem, TreeNode } from './tree/nodes';

export function activityOf(tree: ActivityTreeProvider, arg: unknown): Activity | undefined {
  if (!arg) return undefined;
  if (typeof arg === 'string') return tree.findActivity(arg);
  const node = arg as Partial<TreeNode & Activity> & { activity?: Activity };
  if (node.type === 'activity' && node.activity) return node.activity;
  if (typeof node.key === 'string' && 'raw' in node) return node as Activity;
  return undefined;
}

export function sourceIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  let node = arg as TreeNode | undefined;
  while (node) {
    if (node.type === 'source') return node.id;
    if (node.type === 'group') return node.sourceId;
    if (node.type === 'activity') return node.activity.sourceId;
    node = node.parent;
  }
  return undefined;
}

/** The nearest group or source at or above a tree item. */
export function groupOrSourceOf(arg: unknown): GroupItem | SourceItem | undefined {
  let node = arg as TreeNode | undefined;
  while (node && node.type !== 'group' && node.type !== 'source') node = node.parent;
  return node;
}
