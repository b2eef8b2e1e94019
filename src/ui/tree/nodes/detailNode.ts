/**
 * What an expanded activity shows (a Torq run: its execution's status, times, last step and error,
 * and its trigger event), fetched from the source when the row is first expanded. The state lives
 * beside the activity rows, not in them: a group lists thousands and expands a few.
 */
import * as vscode from 'vscode';
import { type ActivityLogsError, asActivityLogsError, isCancelled } from '../../../core/errors';
import type { ActivityExpansion } from '../../../core/source';
import type { ActivityNode, TreeNode } from '../nodes';
import { MessageNode } from './messageNode';
import { relatedRunNodes } from './relatedRunNode';
import { type TreeContext, ViewNode } from './viewNode';

/** A fact of an expanded activity, or its trigger event (clicking opens it as JSON). */
export class DetailNode extends ViewNode {
  declare readonly parent: ActivityNode;

  constructor(
    readonly id: string,
    parent: ActivityNode,
    readonly label: string,
    readonly value: string,
    /** The trigger event, on the "Trigger event" row. */
    readonly event?: unknown,
  ) {
    super(parent);
  }

  get type(): 'detail' {
    return 'detail';
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.value ? `${this.label}: ${this.value.split('\n', 1)[0]}` : this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.tooltip = this.value ? `${this.label}: ${this.value}` : this.label;
    if (this.event !== undefined) {
      item.iconPath = new vscode.ThemeIcon('json');
      item.contextValue = 'detail event';
      item.command = { command: 'activityLogs.showTriggerEvent', title: 'Show trigger event', arguments: [this] };
    } else {
      item.iconPath = new vscode.ThemeIcon(this.label === 'Error' ? 'error' : 'info');
      item.contextValue = 'detail';
    }
    return item;
  }
}

interface Expansion {
  readonly controller: AbortController;
  loading?: Promise<void>;
  result?: ActivityExpansion;
  error?: ActivityLogsError;
}

/** Expansions by row: only rows that were expanded have one, and a dropped row takes its own along. */
const expansions = new WeakMap<ActivityNode, Expansion>();

/** The children of an expanded row: fetched once, then kept until retried. */
export async function expansionChildren(row: ActivityNode, tree: TreeContext): Promise<TreeNode[]> {
  const source = tree.registry.get(row.activity.sourceId)?.source;
  if (!source?.expand || !row.activity.executionId) return [];
  let x = expansions.get(row);
  if (!x) expansions.set(row, (x = { controller: new AbortController() }));
  const state = x;
  if (!state.result && !state.error) {
    state.loading ??= source
      .expand(row.activity, state.controller.signal, row.parent.window())
      .then((result) => void (state.result = result))
      .catch((e) => {
        if (!isCancelled(e)) state.error = asActivityLogsError(e);
      })
      .finally(() => (state.loading = undefined));
    await state.loading;
  }
  if (state.error) return [tree.remember(new MessageNode(`${row.id}/x/error`, row, state.error.message, { error: state.error }))];
  const facts = state.result?.facts ?? [];
  const out: TreeNode[] = facts.map((f, i) => new DetailNode(`${row.id}/x/${i}`, row, f.label, f.value));
  const event = state.result?.event;
  if (event !== undefined) out.push(new DetailNode(`${row.id}/x/${facts.length}`, row, 'Trigger event', '', event));
  out.push(...relatedRunNodes(row, state.result));
  if (!out.length) out.push(new MessageNode(`${row.id}/x/empty`, row, 'Nothing more is known about this run'));
  return out.map((node) => tree.remember(node));
}

/** Forgets what was fetched for a row (and stops a fetch under way) so that expanding asks again. */
export function retryExpansion(row: ActivityNode, tree: TreeContext): void {
  expansions.get(row)?.controller.abort();
  expansions.delete(row);
  tree.changed(row);
}
