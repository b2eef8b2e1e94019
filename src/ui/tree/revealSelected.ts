import type * as vscode from 'vscode';
import { ViewNode } from './nodes/viewNode';

/**
 * Reveals a node selected, focused and expanded, and returns whether the view then says it is the
 * selection. A whole-tree refresh that reaches the view while it reveals can leave nothing
 * selected, so the node is revealed again, up to `attempts` times in all.
 */
export async function revealSelected(view: vscode.TreeView<unknown>, node: ViewNode, attempts = 3): Promise<boolean> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await view.reveal(node, { select: true, focus: true, expand: true });
    if (await selectionBecomes(view, node, 1000)) return true;
  }
  return false;
}

/** Whether the view's selection is `node` (or a node of the same id: its row), now or within `ms`. */
function selectionBecomes(view: vscode.TreeView<unknown>, node: ViewNode, ms: number): Promise<boolean> {
  const isNode = (selection: readonly unknown[]) => selection.some((e) => e === node || (e instanceof ViewNode && e.id === node.id));
  if (isNode(view.selection)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (selected: boolean) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(selected);
    };
    const listener = view.onDidChangeSelection((e) => isNode(e.selection) && done(true));
    const timer = setTimeout(() => done(isNode(view.selection)), ms);
  });
}
