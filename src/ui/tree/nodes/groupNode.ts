/**
 * A group of a source: either a list of activities (a PagedList, loaded a page at a time, with
 * Load more, a live tail prepending to it, errors shown with their fix) or a group of groups
 * discovered in the time window (workflows, apps, traces…). What it loaded is its own state.
 */
import * as vscode from 'vscode';
import type { Activity } from '../../../core/activity';
import { type ActivityLogsError, asActivityLogsError, isCancelled } from '../../../core/errors';
import { PagedList } from '../../../core/paging';
import type { GroupNode as GroupSpec } from '../../../core/source';
import { describeWindow, type ResolvedWindow, resolveWindow } from '../../../core/time';
import { groupIcon } from '../icons';
import { ActivityNode } from './activityNode';
import type { SourceNode, TreeNode } from '../nodes';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode, type MessageOptions, unreadableMessage } from './messageNode';
import { type TreeContext, ViewNode } from './viewNode';

const PINNED = 'search:';
/** The id prefix of a group shown by "Show Activities of This Project/Application" (cleared from its menu). */
export const OBJECT_GROUP = 'object:';

interface Discovery {
  readonly controller: AbortController;
  groups?: readonly GroupSpec[];
  error?: ActivityLogsError;
  loading?: Promise<void>;
}

export class GroupNode extends ViewNode {
  declare readonly parent: SourceNode | GroupNode;
  readonly id: string;
  readonly sourceId: string;
  private paged: PagedList<Activity> | undefined;
  private discovery: Discovery | undefined;
  /** Sub-group nodes by their group's id, kept across reloads for their identity (see SourceNode). */
  private readonly subGroups = new Map<string, GroupNode>();
  /**
   * The activity rows handed out, in the list's order, each kept while the list holds its Activity
   * (a reloaded activity, a run that finished, is a new object and gets a new node, with the same
   * id). A group lists thousands: an array that grows as the list does costs least.
   */
  private rows: ActivityNode[] = [];
  /** The list's array the rows were made from: a prepend replaces it, a page appends to it. */
  private rowsOf: readonly Activity[] | undefined;
  /** Activities prepended since the rows were made. */
  private prepended = 0;
  private more: LoadMoreNode | undefined;
  private tailing = false;
  /** Whether the source opens runs up (see `expandsActivities`), asked once per listing. */
  private expands: boolean | undefined;

  constructor(
    readonly tree: TreeContext,
    parent: SourceNode | GroupNode,
    /** Replaced by a rediscovery (see `subGroup`), so that a run's outcome or a count is current. */
    public group: GroupSpec,
  ) {
    super(parent);
    this.id = `${parent.id}/${group.id}`;
    this.sourceId = parent instanceof GroupNode ? parent.sourceId : parent.id;
  }

  get type(): 'group' {
    return 'group';
  }

  /** The activities of a listing group (created on first use); undefined for a group of groups. */
  get list(): PagedList<Activity> | undefined {
    if (!this.group.list || this.paged) return this.paged;
    const source = this.tree.registry.get(this.sourceId)?.source;
    this.paged = new PagedList<Activity>(this.group.list(this.window()), (a) => a.key, source?.label ?? this.sourceId);
    return this.paged;
  }

  /** The source can open an activity up into its execution: its rows with an execution id expand. */
  get expandsActivities(): boolean {
    return (this.expands ??= this.tree.registry.get(this.sourceId)?.source?.expand !== undefined);
  }

  /** What is loaded so far, newest first. */
  get activities(): readonly Activity[] {
    return this.paged?.items ?? [];
  }

  get loading(): boolean {
    return this.paged?.loading ?? false;
  }

  get isTailing(): boolean {
    return this.tailing;
  }

  /** The text of the pinned search this group shows, if it is one. */
  get pinnedSearch(): string | undefined {
    return this.group.id.startsWith(PINNED) ? this.group.id.slice(PINNED.length) : undefined;
  }

  /** Marks the group as live-tailed: its description says so. */
  setTailing(on: boolean): void {
    this.tailing = on;
    this.tree.changed(this);
  }

  /** Adds newer activities at the top without touching anything else in the tree; returns those that were new. */
  prepend(newestFirst: readonly Activity[]): Activity[] {
    const list = this.list;
    const fresh = list ? list.prepend(newestFirst) : [];
    this.prepended += fresh.length;
    if (fresh.length) {
      this.tree.loaded(this, fresh);
      this.tree.changed(this);
    }
    return fresh;
  }

  /** Loads the next page; a second call while one is loading joins it. */
  async loadMore(): Promise<void> {
    const list = this.list;
    if (!list) return;
    if (list.loading) return list.loadMore();
    if (!list.hasMore) return;
    const before = list.items.length;
    const done = list.loadMore();
    this.tree.changed(this); // shows "Loading…" in place of "Load more"
    await done;
    this.tree.loaded(this, list.items.slice(before));
    this.tree.changed(this);
  }

  /** Retries what failed: discovering the sub-groups, or a page (asked again with the same cursor; the pages before it stay). */
  async retry(): Promise<void> {
    if (this.discovery?.error) {
      this.discovery = undefined;
      this.tree.changed(this);
    } else if (this.paged?.error && this.paged.hasMore) await this.loadMore();
    else this.refresh();
  }

  /** Drops what was loaded here and below, and lets the tree load it again. */
  refresh(): void {
    this.reset();
    this.tree.changed(this);
  }

  /** Forgets what was loaded here and below; the nodes stay, for their identity. */
  reset(): void {
    this.cancel();
    this.paged = undefined;
    this.discovery = undefined;
    this.expands = undefined;
    // The reloaded list brings new Activity objects: the nodes of the old ones go.
    this.rows = [];
    this.rowsOf = undefined;
    this.prepended = 0;
    for (const group of this.subGroups.values()) group.reset();
  }

  /** Stops every load here and below; what was loaded stays. */
  cancel(): void {
    this.paged?.cancel();
    this.discovery?.controller.abort();
    for (const group of this.subGroups.values()) group.cancel();
  }

  /** The node of an activity of this group, the same one while the group holds that Activity object. */
  activityNode(activity: Activity): ActivityNode {
    const items = this.activities;
    const at = items.indexOf(activity);
    return at < 0 ? new ActivityNode(this, activity) : this.activityRows(items)[at];
  }

  /** A row already handed out whose activity `match` accepts, for reveal. */
  shownRow(match: (activity: Activity) => boolean): ActivityNode | undefined {
    return this.rows.find((row) => match(row.activity));
  }

  /** A row already handed out, by its id. */
  shownRowById(id: string): ActivityNode | undefined {
    const prefix = `${this.id}/a/`;
    const key = id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
    return key === undefined ? undefined : this.shownRow((a) => a.key === key);
  }

  override getChildren(): Promise<TreeNode[]> {
    return this.group.list ? this.activityChildren() : this.subGroupChildren();
  }

  getTreeItem(): vscode.TreeItem {
    const { group } = this;
    const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = groupIcon(group.icon, group.outcome);
    const list = this.paged;
    // A snapshot's own description already counts what it holds.
    const loaded = list && list.pages > 0 && !group.snapshot ? `${list.items.length}${list.hasMore ? '+' : ''}` : undefined;
    const live = this.tailing ? '● live' : undefined;
    item.description = [live, group.description, loaded].filter(Boolean).join(' · ') || undefined;
    item.tooltip = group.tooltip;
    item.contextValue = `group${group.failures ? ' failures' : ''}${group.list && !group.snapshot ? ' listing' : ''}${live ? ' tailing' : ''}${this.pinnedSearch !== undefined ? ' pinned' : ''}${this.group.id.startsWith(OBJECT_GROUP) ? ' object' : ''}`;
    return item;
  }

  private async activityChildren(): Promise<TreeNode[]> {
    const list = this.list!;
    if (list.pages === 0 && !list.error) {
      await list.loadMore();
      if (list.items.length) this.tree.loaded(this, list.items);
      // The group's own item shows how many are loaded: redraw it once the first page is in (the
      // gate sends this only after the editor has read the children being returned now).
      this.tree.changed(this);
    }
    const items = list.items;
    const out: TreeNode[] = this.activityRows(items).slice();
    if (list.unreadable.length) out.push(this.tree.remember(unreadableMessage(this, list.unreadable)));
    if (list.error) out.push(this.message('error', list.error.message, { error: list.error }));
    else if (list.hasMore) out.push(this.tree.remember((this.more ??= new LoadMoreNode(this))));
    else if (items.length === 0) {
      const window = this.tree.registry.get(this.sourceId)?.window;
      out.push(this.message('empty', `Nothing in the last ${window ? describeWindow(window) : 'window'}`, { tooltip: 'Widen the time window or refresh' }));
    }
    return out;
  }

  private async subGroupChildren(): Promise<TreeNode[]> {
    if (!this.group.children) return [];
    const d: Discovery = (this.discovery ??= { controller: new AbortController() });
    if (!d.groups && !d.error) {
      d.loading ??= this.group
        .children(this.window(), d.controller.signal)
        .then((groups) => void (d.groups = groups))
        .catch((e) => {
          if (!isCancelled(e)) d.error = asActivityLogsError(e);
        })
        .finally(() => (d.loading = undefined));
      await d.loading;
    }
    if (d.error) return [this.message('error', d.error.message, { error: d.error })];
    if (!d.groups?.length) return [this.message('empty', 'None in this time window')];
    return d.groups.map((spec) => this.subGroup(spec));
  }

  /** The rows of `items` (the list's array): those made before are kept, new ones are added before or after them. */
  private activityRows(items: readonly Activity[]): ActivityNode[] {
    let rows = this.rows;
    if (items !== this.rowsOf) {
      const front = this.prepended;
      if (rows.length && items[front] === rows[0].activity) {
        const head: ActivityNode[] = new Array(front);
        for (let i = 0; i < front; i++) head[i] = new ActivityNode(this, items[i]);
        rows = head.concat(rows);
      } else rows = [];
    }
    for (let i = rows.length; i < items.length; i++) rows.push(new ActivityNode(this, items[i]));
    this.rows = rows;
    this.rowsOf = items;
    this.prepended = 0;
    return rows;
  }

  private subGroup(spec: GroupSpec): GroupNode {
    let node = this.subGroups.get(spec.id);
    if (!node) this.subGroups.set(spec.id, (node = this.tree.remember(new GroupNode(this.tree, this, spec))));
    // The node stays (VS Code knows it by identity); what it says is the new discovery's.
    else node.group = spec;
    return node;
  }

  private message(suffix: string, text: string, options?: MessageOptions): MessageNode {
    return this.tree.remember(new MessageNode(`${this.id}/${suffix}`, this, text, options));
  }

  /** The source's time window, resolved now. */
  window(): ResolvedWindow {
    return resolveWindow(this.tree.registry.get(this.sourceId)?.window ?? { kind: 'relative', minutes: 1440 });
  }
}
