/**
 * The sidebar: sources → groups → activities → "Load more". The nodes (./nodes) own what they
 * loaded and build their items; this provider hands VS Code the roots, delegates the rest to the
 * nodes, and routes every change event and children request through the ChangeGate.
 */
import * as vscode from 'vscode';
import type { Activity } from '../../core/activity';
import type { SourceRegistry } from '../sourceRegistry';
import { ChangeGate } from './changeGate';
import { ActivityNode, GroupNode, MessageNode, SourceNode, type TreeContext, type TreeNode } from './nodes';

export class ActivityTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable, TreeContext {
  private readonly changedEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  /** Every change event goes through the gate: one fired while the editor reads a related node's children would leave rows with dead commands. */
  private readonly gate = new ChangeGate<TreeNode>(
    (node) => node.id,
    (node) => this.changedEmitter.fire(node),
  );
  private readonly loadedEmitter = new vscode.EventEmitter<{ group: GroupNode; activities: readonly Activity[] }>();
  /** Fires when activities have arrived in a group (a page, or a tail's newest). */
  readonly onDidLoad = this.loadedEmitter.event;
  /** Source nodes by id, kept until the whole tree is refreshed (their identity matters: see SourceNode). */
  private readonly sources = new Map<string, SourceNode>();
  /** Every node handed out but activities, by id, for getNode. */
  private readonly nodes = new Map<string, TreeNode>();
  /**
   * The nodes of groups live-tailed when the whole tree was last refreshed, by id: a tail goes on
   * through a refresh, and until the group's new node exists it marks (or unmarks) the old one.
   */
  private readonly tailedBefore = new Map<string, GroupNode>();
  /** Every activity loaded, by key, so that a command given a key finds it. */
  private readonly activityIndex = new Map<string, Activity>();

  constructor(readonly registry: SourceRegistry) {}

  changed(node: TreeNode | undefined): void {
    this.gate.fire(node);
  }

  loaded(group: GroupNode, activities: readonly Activity[]): void {
    for (const a of activities) this.activityIndex.set(a.key, a);
    this.loadedEmitter.fire({ group, activities });
  }

  remember<T extends TreeNode>(node: T): T {
    if (node instanceof GroupNode) this.carryTail(node);
    this.nodes.set(node.id, node);
    return node;
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.gate.children(node, () => (node ? node.getChildren() : this.rootChildren()));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    // Screen readers (and UI tests) read the label and description, not the long tooltip. (An
    // activity's item, one of thousands, says so itself, from the strings it has at hand.)
    if (item.accessibilityInformation) return item;
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const description = typeof item.description === 'string' ? item.description : '';
    item.accessibilityInformation = { label: label && description ? `${label}, ${description}` : label || description };
    return item;
  }

  /** Fills in what is needed only when the item is hovered or focused: an activity's tooltip. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof ActivityNode && item.tooltip === undefined) item.tooltip = node.tooltip();
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.getParent();
  }

  /** The node of a source, whether or not the tree has shown it yet. */
  sourceNode(sourceId: string): SourceNode | undefined {
    let node = this.sources.get(sourceId);
    const entry = node ? undefined : this.registry.get(sourceId);
    if (entry) this.sources.set(sourceId, (node = this.remember(new SourceNode(this, entry))));
    return node;
  }

  getNode(id: string): TreeNode | undefined {
    return this.nodes.get(id) ?? this.shownRow((group) => group.shownRowById(id));
  }

  /** Other views' activities (the timeline's), found by key where the tree's are. */
  private readonly otherActivities: Array<(key: string) => Activity | undefined> = [];

  /** An activity loaded anywhere in the tree (or another view that registered its own), by key. */
  findActivity(key: string): Activity | undefined {
    const found = this.activityIndex.get(key);
    if (found) return found;
    for (const find of this.otherActivities) {
      const other = find(key);
      if (other) return other;
    }
    return undefined;
  }

  /** Lets commands given a key (from a payload panel) find another view's activities. */
  addActivityLookup(find: (key: string) => Activity | undefined): void {
    this.otherActivities.push(find);
  }

  /** Every activity loaded in the tree (the choices of a command that asks for one). */
  loadedActivities(): Activity[] {
    return [...this.activityIndex.values()];
  }

  /** The first loaded activity `match` accepts. */
  findLoaded(match: (a: Activity) => boolean): Activity | undefined {
    for (const a of this.activityIndex.values()) if (match(a)) return a;
    return undefined;
  }

  /** A row already shown for this activity (the group holding this very object first), for reveal. */
  shownNodeFor(key: string): ActivityNode | undefined {
    const activity = this.activityIndex.get(key);
    return (activity && this.shownRow((group) => group.shownRow((a) => a === activity))) ?? this.shownRow((group) => group.shownRow((a) => a.key === key));
  }

  private shownRow(find: (group: GroupNode) => ActivityNode | undefined): ActivityNode | undefined {
    for (const node of this.nodes.values()) {
      const found = node instanceof GroupNode ? find(node) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  loadMore(group: GroupNode): Promise<void> {
    return group.loadMore();
  }

  /** Drops what was loaded under `node` (everything when undefined) and loads it again. */
  refresh(node?: SourceNode | GroupNode): void {
    if (node) return node.refresh();
    // Settings may have rebuilt the sources: forget every node so none keeps an old source.
    this.cancelAll();
    for (const node of this.nodes.values()) if (node instanceof GroupNode && node.isTailing) this.tailedBefore.set(node.id, node);
    this.sources.clear();
    this.nodes.clear();
    this.activityIndex.clear();
    this.gate.fire(undefined);
  }

  /** Refreshes a source's node when the tree has one, else the whole tree. */
  refreshSource(sourceId: string): void {
    this.refresh(this.sources.get(sourceId));
  }

  dispose(): void {
    this.cancelAll();
    this.changedEmitter.dispose();
    this.loadedEmitter.dispose();
  }

  private carryTail(node: GroupNode): void {
    const before = this.tailedBefore.get(node.id);
    if (!before) return;
    this.tailedBefore.delete(node.id);
    if (before.isTailing) node.setTailing(true);
  }

  private cancelAll(): void {
    for (const source of this.sources.values()) source.cancel();
  }

  private rootChildren(): TreeNode[] {
    const out: TreeNode[] = this.registry.problems.map((text, i) => this.remember(new MessageNode(`settings-problem/${i}`, undefined, text)));
    for (const entry of this.registry.all) {
      const node = this.sourceNode(entry.config.id);
      if (node) out.push(node);
    }
    return out;
  }
}
