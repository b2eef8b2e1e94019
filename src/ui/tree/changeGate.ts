/**
 * Holds back the tree's change events that would cross an answer the editor has not read yet.
 *
 * Why: when an extension fires `onDidChangeTreeData` for a node after the extension host has
 * produced its answer to a `getChildren` request of that node (or of a node above or below it)
 * but before that answer has been written to the workbench, both leave in one message. The
 * workbench then handles the refresh first (it clears the node's cached children), and only then
 * the answer, which puts the old children back into the cache; the refresh it queued behind the
 * load reads that cache instead of asking again. The extension host, which has already replaced
 * those children, disposes them on its next refresh, and with them the commands of their rows:
 * clicking such a row says "Actual command not found, wanted to execute activityLogs.openPayload /N".
 * The extension host answers a batch of parents (a source's expanded groups) only once every one
 * of them has loaded, so "just answered" lasts until no request is open at all.
 *
 * So a change event for a node waits while a children request is open for a related node (the
 * node itself, one above it or one below it), or was answered less than two timer turns ago (the
 * extension host writes its messages on the next turn). Waiting events are coalesced and sent as
 * soon as that has passed. No `vscode` import: the gate is tested in plain Node.
 */

/** The id of the tree's invisible root, whose children are the sources. */
export const ROOT_ID = '';

/** Ids are paths (`source/group/a/activity…`): two nodes are related when one's id starts the other's. */
export function related(a: string, b: string): boolean {
  if (a === ROOT_ID || b === ROOT_ID || a === b) return true;
  return a.length < b.length ? b.startsWith(a + '/') : a.startsWith(b + '/');
}

export interface ChangeGateOptions {
  /** Runs `fn` after `ms` on a timer (`ms` 0: the next turn of the event loop). */
  readonly later?: (fn: () => void, ms: number) => void;
  /** A change waits at most this long, in case a request never settles (ms). */
  readonly maxWaitMs?: number;
}

export class ChangeGate<T> {
  /** Open children requests by node id (a node can be asked twice at once). */
  private readonly open = new Map<string, number>();
  /** Ids whose answer may still be unwritten: those answered since the gate was last quiet. */
  private readonly answered = new Set<string>();
  /** Waiting changes, by node id (`undefined`: the whole tree). */
  private readonly waiting = new Map<string, T | undefined>();
  private settling = false;
  /** Counts answers, so that a wait that saw a new one starts again. */
  private answers = 0;
  /** Counts releases, so that a maximum-wait timer set before one does nothing. */
  private releases = 0;
  private readonly later: (fn: () => void, ms: number) => void;
  private readonly maxWaitMs: number;

  constructor(
    private readonly idOf: (node: T) => string,
    private readonly emit: (node: T | undefined) => void,
    options: ChangeGateOptions = {},
  ) {
    this.later = options.later ?? ((fn, ms) => void setTimeout(fn, ms).unref?.());
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Wraps a `getChildren` call: the node's request is open until the answer is produced. */
  async children<R>(node: T | undefined, produce: () => Promise<R> | R): Promise<R> {
    const id = node === undefined ? ROOT_ID : this.idOf(node);
    this.open.set(id, (this.open.get(id) ?? 0) + 1);
    try {
      return await produce();
    } finally {
      const left = (this.open.get(id) ?? 1) - 1;
      if (left > 0) this.open.set(id, left);
      else this.open.delete(id);
      this.answered.add(id);
      this.answers++;
      this.settle();
    }
  }

  /** Fires a change for a node (`undefined`: the whole tree) now, or once it cannot cross an answer. */
  fire(node: T | undefined): void {
    const id = node === undefined ? ROOT_ID : this.idOf(node);
    if (!this.blocks(id)) {
      this.emit(node);
      return;
    }
    if (this.waiting.size === 0) {
      const round = this.releases;
      this.later(() => round === this.releases && this.release(), this.maxWaitMs);
    }
    if (id === ROOT_ID) this.waiting.clear(); // the whole tree covers every node
    if (!this.waiting.has(ROOT_ID)) this.waiting.set(id, node);
  }

  /** Whether a change of this node would cross an open or unwritten answer. */
  private blocks(id: string): boolean {
    for (const other of this.open.keys()) if (related(id, other)) return true;
    for (const other of this.answered) if (related(id, other)) return true;
    return false;
  }

  /**
   * Once no request is open, waits two timer turns (the extension host writes the answer on the
   * first), then forgets the answered ids and sends what waited. A request opened meanwhile
   * (the next parent of a batch) restarts the wait.
   */
  private settle(): void {
    if (this.settling || this.open.size > 0) return;
    this.settling = true;
    const seen = this.answers;
    this.later(
      () =>
        this.later(() => {
          this.settling = false;
          if (this.open.size > 0) return; // settles again when those close
          if (this.answers !== seen) return this.settle(); // an answer came after the first turn
          this.release();
        }, 0),
      0,
    );
  }

  private release(): void {
    this.releases++;
    this.answered.clear();
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const node of waiting) this.emit(node);
  }
}
