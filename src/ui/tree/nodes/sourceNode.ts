/** A configured source: its groups (the product's own, then the pinned searches that apply to it). */
import * as vscode from 'vscode';
import { ActivityLogsError } from '../../../core/errors';
import { parseQuery, QueryError } from '../../../core/query';
import type { Activity } from '../../../core/activity';
import type { ActivitySource, GroupNode as GroupSpec, ReferencedObject } from '../../../core/source';
import { describeWindow } from '../../../core/time';
import { pinnedSearches } from '../../settings';
import type { RegisteredSource } from '../../sourceRegistry';
import { sourceIcon } from '../icons';
import { GroupNode } from './groupNode';
import { MessageNode } from './messageNode';
import { type TreeContext, ViewNode } from './viewNode';

export class SourceNode extends ViewNode {
  /**
   * Group nodes by their group's id, kept for the life of this node: VS Code finds the element of
   * a change event by identity, so a group refreshed through a new but equal object is ignored.
   */
  private readonly groups = new Map<string, GroupNode>();

  constructor(
    private readonly tree: TreeContext,
    readonly entry: RegisteredSource,
  ) {
    super(undefined);
  }

  get id(): string {
    return this.entry.config.id;
  }

  get type(): 'source' {
    return 'source';
  }

  get sourceId(): string {
    return this.id;
  }

  getTreeItem(): vscode.TreeItem {
    const { config, source, window } = this.entry;
    const item = new vscode.TreeItem(source?.label ?? config.label ?? config.id, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = sourceIcon(config.kind);
    item.description = describeWindow(window);
    item.tooltip = `${source?.label ?? config.id} — ${config.kind} source "${config.id}", time window ${describeWindow(window)}`;
    item.contextValue = `source source:${config.kind}`;
    return item;
  }

  override getChildren(): Array<GroupNode | MessageNode> {
    const { source, problem } = this.entry;
    if (!source) {
      const error = new ActivityLogsError('config', problem ?? 'This source cannot be used');
      return [this.tree.remember(new MessageNode(`${this.id}/problem`, this, error.message, { error }))];
    }
    const groups = [...this.shownSpecs(source), ...source.groups()].map((spec) => this.group(spec));
    for (const text of pinnedSearches()) {
      const pinned = pinnedGroup(source, text);
      if (pinned) groups.push(this.group(pinned));
    }
    return groups;
  }

  /** The first of the source's own groups that `pick` accepts, whether or not the tree has shown it. */
  topGroup(pick: (group: GroupSpec) => boolean): GroupNode | undefined {
    const spec = this.entry.source?.groups().find(pick);
    return spec && this.group(spec);
  }

  /**
   * Shows the activities of the object `activity` names (its SD Elements project) as a group at
   * the top of the source, once; undefined when it names none.
   */
  showObject(activity: Activity, object: ReferencedObject): GroupNode | undefined {
    const spec = this.entry.source?.objectGroup?.(activity, object);
    if (!spec) return undefined;
    const shown = shownObjects(this.tree, this.id);
    if (!shown.some((s) => s.id === spec.id)) {
      shown.unshift({ id: spec.id, activity, object });
      this.tree.changed(this);
    }
    return this.group(spec);
  }

  /** Removes a group shown on request. */
  clearGroup(id: string): void {
    const shown = shownObjects(this.tree, this.id);
    const at = shown.findIndex((s) => s.id === id);
    if (at < 0) return;
    shown.splice(at, 1);
    this.groups.get(id)?.cancel();
    this.groups.delete(id);
    this.tree.changed(this);
  }

  /** The groups shown on request, built by the source as it is now (settings may have rebuilt it). */
  private shownSpecs(source: ActivitySource): GroupSpec[] {
    return shownObjects(this.tree, this.id).flatMap((s) => source.objectGroup?.(s.activity, s.object) ?? []);
  }

  /** Drops what was loaded under this source and lets the tree load it again. */
  refresh(): void {
    for (const group of this.groups.values()) group.reset();
    this.tree.changed(this);
  }

  retry(): void {
    this.refresh();
  }

  /** Stops every load under this source. */
  cancel(): void {
    for (const group of this.groups.values()) group.cancel();
  }

  private group(spec: GroupSpec): GroupNode {
    let node = this.groups.get(spec.id);
    if (!node) this.groups.set(spec.id, (node = this.tree.remember(new GroupNode(this.tree, this, spec))));
    return node;
  }
}

interface ShownObject {
  readonly id: string;
  readonly activity: Activity;
  readonly object: ReferencedObject;
}

/** Groups shown on request, by tree and source: kept through a refresh of the whole tree, which makes new source nodes. */
const shownByTree = new WeakMap<TreeContext, Map<string, ShownObject[]>>();

function shownObjects(tree: TreeContext, sourceId: string): ShownObject[] {
  let bySource = shownByTree.get(tree);
  if (!bySource) shownByTree.set(tree, (bySource = new Map()));
  let shown = bySource.get(sourceId);
  if (!shown) bySource.set(sourceId, (shown = []));
  return shown;
}

/** A pinned search as a group of this source, unless it cannot be read or names other sources. */
function pinnedGroup(source: ActivitySource, text: string): GroupSpec | undefined {
  let query;
  try {
    query = parseQuery(text);
  } catch (e) {
    if (e instanceof QueryError) return undefined;
    throw e;
  }
  if (query.sources.length && !query.sources.some((s) => s === source.id || s === source.kind)) return undefined;
  return {
    id: `search:${text}`,
    label: text,
    icon: 'search',
    tooltip: `Pinned search: ${text}`,
    list: (w) => source.search(parseQuery(text), w).fetcher,
  };
}
