/**
 * The rows of an expanded run that lead to other runs: the run that started it (a Torq nested
 * run's parent) and the runs it started that are in the time window. Clicking the parent row goes
 * to the parent (revealed when listed, else found, else opened by id); clicking a child opens it.
 */
import * as vscode from 'vscode';
import type { Activity } from '../../../core/activity';
import type { ActivityExpansion } from '../../../core/source';
import { formatAge, formatLocalTime } from '../../../core/time';
import { activityIcon } from '../icons';
import { activityContextValue } from '../treeItems';
import type { ActivityNode } from '../nodes';
import { ViewNode } from './viewNode';

type Relation = 'parent' | 'child' | 'children';

export class RelatedRunNode extends ViewNode {
  declare readonly parent: ActivityNode;

  constructor(
    readonly id: string,
    parent: ActivityNode,
    readonly relation: Relation,
    readonly label: string,
    /** The child run the row opens. */
    readonly run?: Activity,
    /** The parent's execution id, when its event named it. */
    readonly executionId?: string,
  ) {
    super(parent);
  }

  get type(): 'related' {
    return 'related';
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = `related ${this.relation}`;
    if (this.run) {
      // The menus of the run's own row that work from any row of it (Open, Copy Link…), chosen by
      // package.json's `viewItem =~ /^(related child )?activity/`.
      item.contextValue = `related child ${activityContextValue(this.run)}`;
      item.iconPath = activityIcon(this.run);
      item.description = `${formatLocalTime(this.run.time, false)} · ${formatAge(this.run.timeMs)}`;
      item.tooltip = `Started by this run: ${this.run.title}`;
      item.command = { command: 'activityLogs.openRelatedRun', title: 'Open the child run', arguments: [this] };
    } else if (this.relation === 'parent') {
      item.iconPath = new vscode.ThemeIcon('type-hierarchy-super');
      item.tooltip = this.executionId ? `Started by execution ${this.executionId}: click to go to it` : 'Torq says another run started this one, but not which';
      if (this.executionId) item.command = { command: 'activityLogs.goToParent', title: 'Go to Parent Execution', arguments: [this.parent] };
    } else {
      item.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
    }
    return item;
  }
}

/** The parent row, then one row per child run (or one saying why there is none). */
export function relatedRunNodes(row: ActivityNode, expansion: ActivityExpansion | undefined): RelatedRunNode[] {
  const out: RelatedRunNode[] = [];
  const { parent, children } = expansion ?? {};
  if (parent) out.push(new RelatedRunNode(`${row.id}/x/parent`, row, 'parent', `Parent execution: ${parent.label}`, undefined, parent.executionId));
  if (!children) return out;
  children.runs.forEach((run, i) => out.push(new RelatedRunNode(`${row.id}/x/child/${i}`, row, 'child', `Child run: ${run.title}`, run)));
  if (children.note) out.push(new RelatedRunNode(`${row.id}/x/children`, row, 'children', `Child runs: ${children.runs.length ? `${children.runs.length} shown; ` : ''}${children.note}`));
  return out;
}
