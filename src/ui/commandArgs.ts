/**
 * What a command was invoked on: a tree node (from a menu or a click), an id string (from a
 * script or a command link), or nothing (the palette).
 */
import type { Activity } from '../core/activity';
import type { ActivityTreeProvider } from './tree/activityTree';
import { ActivityNode, DetailNode, GroupNode, LoadMoreNode, MessageNode, RelatedRunNode, SourceNode } from './tree/nodes';
import { TimelineRow } from './timeline/timelineNodes';

/** The activity of a row, or the loaded activity with this key. */
export function activityOf(tree: ActivityTreeProvider, arg: unknown): Activity | undefined {
  if (typeof arg === 'string') return tree.findActivity(arg);
  if (arg instanceof RelatedRunNode) return arg.run;
  return arg instanceof ActivityNode || arg instanceof TimelineRow ? arg.activity : undefined;
}

/** The source a node belongs to, or the id given. */
export function sourceIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof ActivityNode || arg instanceof TimelineRow) return arg.activity.sourceId;
  return groupOrSourceOf(arg)?.sourceId;
}

/** The nearest group or source at or above a node. */
export function groupOrSourceOf(arg: unknown): GroupNode | SourceNode | undefined {
  if (arg instanceof GroupNode || arg instanceof SourceNode) return arg;
  const parent = arg instanceof ActivityNode || arg instanceof LoadMoreNode || arg instanceof MessageNode || arg instanceof DetailNode || arg instanceof RelatedRunNode ? arg.parent : undefined;
  // A row of an expanded run: the run's group.
  return parent instanceof ActivityNode ? parent.parent : parent;
}
