/**
 * The sidebar: sources → groups → activities → "Load more". Each group's activities are a
 * PagedList (core) that this provider shows; loading more appends to it and refreshes only that
 * group's node, and errors become items that offer their fix.
 */
import * as vscode from 'vscode';
import type { Activity } from '../../core/activity';
import { ActivityLogsError, asActivityLogsError, isCancelled } from '../../core/errors';
import { PagedList } from '../../core/paging';
import type { GroupNode } from '../../core/source';
import { parseQuery, QueryError } from '../../core/query';
import { describeWindow, ResolvedWindow, resolveWindow } from '../../core/time';
import { pinnedSearches } from '../settings';
import type { SourceRegistry } from '../sourceRegistry';
import { ChangeGate } from './changeGate';
import { groupIcon, sourceIcon } from './icons';
import type { ActivityItem, GroupItem, LoadMoreItem, MessageItem, SourceItem, TreeNode } from './nodes';
import { activityTooltip, activityTreeItem, messageTreeItem, unreadableMessage } from './treeItems';

interface ListState {
  readonly window: ResolvedWindow;
  readonly list: PagedList<Activity>;
}

interface ChildrenState {
  readonly window: ResolvedWindow;
  groups?: GroupNode[];
  error?: ActivityLogsError;
  loading?: Promise<void>;
  controller: AbortController;
}

export class ActivityTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Every change event goes through the gate: one fired while the editor reads a related node's children would leave rows with dead commands. */
  private readonly gate = new ChangeGate<TreeNode>(
    (node) => node.id,
    (node) => this.changed.fire(node),
  );
  private readonly lists = new Map<string, ListState>();
  private readonly discovered = new Map<string, ChildrenState>();
  /** Every node handed out but activities, by id, so that getParent and reveal work. */
  private readonly nodes = new Map<string, TreeNode>();
  /**
   * Activity nodes handed out, by group id, then by the Activity object (a group lists thousands:
   * an object key looks up faster than hashing each row's long id). A group's list keeps its
   * Activity objects until the group is refreshed, which drops its nodes too.
   */
  private readonly activityNodes = new Map<string, Map<Activity, ActivityItem>>();
  private readonly activityIndex = new Map<string, Activity>();
  private readonly loadedEmitter = new vscode.EventEmitter<{ group: GroupItem; activities: readonly Activity[] }>();
  /** Fires when a page of activities has loaded into a group. */
  readonly onDidLoad = this.loadedEmitter.event;

  /** Groups with a live tail running, by tree id: their description says so. */
  private readonly tailing = new Set<string>();

  constructor(private readonly registry: SourceRegistry) {}

  setTailing(group: GroupItem, on: boolean): void {
    if (on) this.tailing.add(group.id);
    else this.tailing.delete(group.id);
    this.gate.fire(group);
  }

  /** Adds newer activities at the top of a group without touching anything else in the tree. */
  prepend(group: GroupItem, newestFirst: readonly Activity[]): Activity[] {
    const state = this.listState(group);
    if (!state) return [];
    const fresh = state.list.prepend(newestFirst);
    for (const a of fresh) this.activityIndex.set(a.key, a);
    if (fresh.length) {
      this.loadedEmitter.fire({ group, activities: fresh });
      this.gate.fire(group);
    }
    return fresh;
  }

  /** The tree item of a source, whether or not the tree has shown it yet. */
  sourceItem(sourceId: string): SourceItem | undefined {
    const entry = this.registry.get(sourceId);
    return entry ? this.remember<SourceItem>({ type: 'source', id: entry.config.id, entry }) : undefined;
  }

  /** The tree item of one of a source's top-level groups, chosen by `pick`. */
  topGroup(sourceId: string, pick: (g: GroupNode) => boolean): GroupItem | undefined {
    const source = this.sourceItem(sourceId);
    const group = source?.entry.source?.groups().find(pick);
    return source && group ? this.groupItem(source, group) : undefined;
  }

  /**
   * The node of an activity in a group, kept while the group holds that Activity object; a
   * reloaded activity (a run that finished) is a new object and gets a new node, with the same id.
   */
  activityItem(group: GroupItem, activity: Activity): ActivityItem {
    let shown = this.activityNodes.get(group.id);
    if (!shown) this.activityNodes.set(group.id, (shown = new Map()));
    const known = shown.get(activity);
    if (known && known.parent === group) return known;
    const node: ActivityItem = { type: 'activity', id: `${group.id}/a/${activity.key}`, activity, parent: group };
    shown.set(activity, node);
    return node;
  }

  dispose(): void {
    this.cancelAll();
    this.changed.dispose();
    this.loadedEmitter.dispose();
  }

  /** An activity loaded anywhere in the tree, by key. */
  findActivity(key: string): Activity | undefined {
    return this.activityIndex.get(key);
  }

  /** Every activity loaded so far. */
  loadedActivities(): IterableIterator<Activity> {
    return this.activityIndex.values();
  }

  /** A tree item already shown for this activity (in whichever group), for reveal. */
  shownItemFor(key: string): ActivityItem | undefined {
    const activity = this.activityIndex.get(key);
    for (const shown of this.activityNodes.values()) {
      const node = activity && shown.get(activity);
      if (node) return node;
    }
    for (const shown of this.activityNodes.values()) for (const node of shown.values()) if (node.activity.key === key) return node;
    return undefined;
  }

  getNode(id: string): TreeNode | undefined {
    const node = this.nodes.get(id);
    if (node) return node;
    for (const [groupId, shown] of this.activityNodes) {
      if (id.startsWith(groupId) && id.startsWith('/a/', groupId.length)) for (const node of shown.values()) if (node.id === id) return node;
    }
    return undefined;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.type === 'source' ? undefined : node.parent;
  }

  // ---- refresh -------------------------------------------------------------------------------

  /** Drops what was loaded under `node` (everything when undefined) and loads it again. */
  refresh(node?: SourceItem | GroupItem): void {
    const prefix = node ? node.id + '/' : '';
    for (const [id, state] of this.lists) {
      if (!node || id === node.id || id.startsWith(prefix)) {
        state.list.cancel();
        this.lists.delete(id);
      }
    }
    // The reloaded list brings new Activity objects: the nodes of the old ones go.
    for (const id of this.activityNodes.keys()) if (!node || id === node.id || id.startsWith(prefix)) this.activityNodes.delete(id);
    for (const [id, state] of this.discovered) {
      if (!node || id === node.id || id.startsWith(prefix)) {
        state.controller.abort();
        this.discovered.delete(id);
      }
    }
    if (!node) {
      // Settings may have rebuilt the sources: forget every node so none keeps an old source.
      this.activityIndex.clear();
      this.nodes.clear();
    }
    this.gate.fire(node);
  }

  private cancelAll(): void {
    for (const s of this.lists.values()) s.list.cancel();
    for (const s of this.discovered.values()) s.controller.abort();
  }

  // ---- loading -------------------------------------------------------------------------------

  /** Loads the next page of a group; a second call while one is loading joins it. */
  async loadMore(group: GroupItem): Promise<void> {
    const state = this.listState(group);
    if (!state) return;
    if (state.list.loading) return state.list.loadMore(); // joins the load under way
    if (!state.list.hasMore) return;
    const before = state.list.items.length;
    const done = state.list.loadMore();
    this.gate.fire(group); // shows "Loading…" in place of "Load more"
    await done;
    this.loadedEmitter.fire({ group, activities: state.list.items.slice(before) });
    this.gate.fire(group);
  }

  /** Retries whatever failed in a group (a page, or discovering its sub-groups). */
  async retry(node: GroupItem | SourceItem): Promise<void> {
    if (node.type === 'source') return this.refresh(node);
    const children = this.discovered.get(node.id);
    if (children?.error) {
      this.discovered.delete(node.id);
      this.gate.fire(node);
      return;
    }
    const state = this.lists.get(node.id);
    // A failed page is asked for again with the same cursor; the pages before it stay.
    if (state?.list.error && state.list.hasMore) await this.loadMore(node);
    else this.refresh(node);
  }

  /** The list behind a group (created on first use), for tests and commands. */
  listState(group: GroupItem): ListState | undefined {
    if (!group.group.list) return undefined;
    let state = this.lists.get(group.id);
    if (!state) {
      const source = this.registry.get(group.sourceId);
      const window = resolveWindow(source?.window ?? { kind: 'relative', minutes: 1440 });
      const fetcher = group.group.list(window);
      const list = new PagedList<Activity>(
        async (cursor, signal) => {
          const page = await fetcher(cursor, signal);
          for (const a of page.items) this.activityIndex.set(a.key, a);
          return page;
        },
        (a) => a.key,
        source?.source?.label ?? group.sourceId,
      );
      state = { window, list };
      this.lists.set(group.id, state);
    }
    return state;
  }

  // ---- children ------------------------------------------------------------------------------

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.gate.children(node, () => this.childrenOf(node));
  }

  private async childrenOf(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    switch (node.type) {
      case 'source':
        return this.sourceChildren(node);
      case 'group':
        return node.group.list ? this.activityChildren(node) : this.subGroupChildren(node);
      default:
        return [];
    }
  }

  private rootChildren(): TreeNode[] {
    const out: TreeNode[] = this.registry.problems.map((text, i) => this.remember<MessageItem>({ type: 'message', id: `settings-problem/${i}`, text }));
    for (const entry of this.registry.all) out.push(this.remember<SourceItem>({ type: 'source', id: entry.config.id, entry }));
    return out;
  }

  private sourceChildren(node: SourceItem): TreeNode[] {
    const { source, problem } = node.entry;
    if (!source) {
      const error = new ActivityLogsError('config', problem ?? 'This source cannot be used');
      return [this.remember<MessageItem>({ type: 'message', id: `${node.id}/problem`, text: error.message, error, parent: node })];
    }
    const groups = source.groups().map((group) => this.groupItem(node, group));
    for (const text of pinnedSearches()) {
      let query;
      try {
        query = parseQuery(text);
      } catch (e) {
        if (e instanceof QueryError) continue;
        throw e;
      }
      if (query.sources.length && !query.sources.some((s) => s === source.id || s === source.kind)) continue;
      const pinned: GroupNode = {
        id: `search:${text}`,
        label: text,
        icon: 'search',
        tooltip: `Pinned search: ${text}`,
        list: (w) => source.search(parseQuery(text), w).fetcher,
      };
      groups.push(this.groupItem(node, pinned));
    }
    return groups;
  }

  private groupItem(parent: SourceItem | GroupItem, group: GroupNode): GroupItem {
    const sourceId = parent.type === 'source' ? parent.id : parent.sourceId;
    return this.remember<GroupItem>({ type: 'group', id: `${parent.id}/${group.id}`, sourceId, group, parent });
  }

  private async activityChildren(node: GroupItem): Promise<TreeNode[]> {
    const state = this.listState(node)!;
    const { list } = state;
    if (list.pages === 0 && !list.error) {
      await list.loadMore();
      if (list.items.length) this.loadedEmitter.fire({ group: node, activities: list.items });
      // The group's own item shows how many are loaded: redraw it once the first page is in (the
      // gate sends this only after the editor has read the children being returned now).
      this.gate.fire(node);
    }
    const items = list.items;
    const out: TreeNode[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = this.activityItem(node, items[i]);
    if (list.unreadable.length) out.push(this.remember<MessageItem>(unreadableMessage(node, list.unreadable)));
    if (list.error) {
      out.push(this.remember<MessageItem>({ type: 'message', id: `${node.id}/error`, text: list.error.message, error: list.error, parent: node }));
    } else if (list.hasMore) {
      out.push(this.remember<LoadMoreItem>({ type: 'loadMore', id: `${node.id}/more`, parent: node, loading: list.loading, loaded: list.items.length }));
    } else if (list.items.length === 0) {
      const window = this.registry.get(node.sourceId)?.window;
      out.push(
        this.remember<MessageItem>({
          type: 'message',
          id: `${node.id}/empty`,
          text: `Nothing in the last ${window ? describeWindow(window) : 'window'}`,
          tooltip: 'Widen the time window or refresh',
          parent: node,
        }),
      );
    }
    return out;
  }

  private async subGroupChildren(node: GroupItem): Promise<TreeNode[]> {
    if (!node.group.children) return [];
    let state = this.discovered.get(node.id);
    if (!state) {
      const source = this.registry.get(node.sourceId);
      state = { window: resolveWindow(source?.window ?? { kind: 'relative', minutes: 1440 }), controller: new AbortController() };
      this.discovered.set(node.id, state);
    }
    const s = state;
    if (!s.groups && !s.error) {
      s.loading ??= node.group
        .children(s.window, s.controller.signal)
        .then((groups) => void (s.groups = groups))
        .catch((e) => {
          if (!isCancelled(e)) s.error = asActivityLogsError(e);
        })
        .finally(() => (s.loading = undefined));
      await s.loading;
    }
    if (s.error) return [this.remember<MessageItem>({ type: 'message', id: `${node.id}/error`, text: s.error.message, error: s.error, parent: node })];
    if (!s.groups?.length) return [this.remember<MessageItem>({ type: 'message', id: `${node.id}/empty`, text: 'None in this time window', parent: node })];
    return s.groups.map((g) => this.groupItem(node, g));
  }

  /**
   * Records a node by id. Sources and groups keep their first instance: VS Code finds the element
   * of a change event by object identity, so a refresh fired with a new but equal object would be
   * ignored. Leaves are replaced, since their content changes (a run that finished).
   */
  private remember<T extends TreeNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing && existing.type === node.type && (node.type === 'source' || node.type === 'group')) return existing as T;
    this.nodes.set(node.id, node);
    return node;
  }

  // ---- items ---------------------------------------------------------------------------------

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = this.treeItemOf(node);
    // Screen readers (and UI tests) read the label and description, not the long tooltip.
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const description = typeof item.description === 'string' ? item.description : '';
    item.accessibilityInformation = { label: label && description ? `${label}, ${description}` : label || description };
    return item;
  }

  /** Fills in what is needed only when the item is hovered or focused: an activity's tooltip. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'activity' && item.tooltip === undefined) item.tooltip = activityTooltip(node.activity);
    return item;
  }

  private treeItemOf(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'source':
        return this.sourceTreeItem(node);
      case 'group':
        return this.groupTreeItem(node);
      case 'activity':
        return activityTreeItem(node);
      case 'loadMore': {
        const item = new vscode.TreeItem(node.loading ? 'Loading…' : 'Load more…', vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${node.loaded} loaded`;
        item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'ellipsis');
        item.contextValue = 'loadMore';
        if (!node.loading) item.command = { command: 'activityLogs.loadMore', title: 'Load more', arguments: [node] };
        return item;
      }
      case 'message':
        return messageTreeItem(node);
    }
  }

  private sourceTreeItem(node: SourceItem): vscode.TreeItem {
    const { config, source, window } = node.entry;
    const item = new vscode.TreeItem(source?.label ?? config.label ?? config.id, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.iconPath = sourceIcon(config.kind);
    item.description = describeWindow(window);
    item.tooltip = `${source?.label ?? config.id} — ${config.kind} source "${config.id}", time window ${describeWindow(window)}`;
    item.contextValue = `source source:${config.kind}`;
    return item;
  }

  private groupTreeItem(node: GroupItem): vscode.TreeItem {
    const { group } = node;
    const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.iconPath = groupIcon(group.icon);
    const state = this.lists.get(node.id);
    const loaded = state && state.list.pages > 0 ? `${state.list.items.length}${state.list.hasMore ? '+' : ''}` : undefined;
    const live = this.tailing.has(node.id) ? '● live' : undefined;
    item.description = [live, group.description, loaded].filter(Boolean).join(' · ') || undefined;
    item.tooltip = group.tooltip;
    item.contextValue = `group${group.failures ? ' failures' : ''}${group.list ? ' listing' : ''}${live ? ' tailing' : ''}${group.id.startsWith('search:') ? ' pinned' : ''}`;
    return item;
  }
}
