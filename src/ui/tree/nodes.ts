/** The kinds of row in the Activity Logs tree: sources → groups → activities (a run → its execution's details), Load more and messages. */
import { ActivityNode } from './nodes/activityNode';
import { DetailNode } from './nodes/detailNode';
import { GroupNode } from './nodes/groupNode';
import { LoadMoreNode } from './nodes/loadMoreNode';
import { MessageNode } from './nodes/messageNode';
import { RelatedRunNode } from './nodes/relatedRunNode';
import { SourceNode } from './nodes/sourceNode';

export { ActivityNode, DetailNode, GroupNode, LoadMoreNode, MessageNode, RelatedRunNode, SourceNode };
export { type TreeContext, ViewNode } from './nodes/viewNode';

/** Every node the tree hands out; `type` tells them apart where the classes cannot be imported. */
export type TreeNode = SourceNode | GroupNode | ActivityNode | DetailNode | LoadMoreNode | MessageNode | RelatedRunNode;
