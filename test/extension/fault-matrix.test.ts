/**
 * The fault matrix in the real extension host: for every fault switch of the fake server, one cell
 * (or two) through the real tree. A page loads, the fault is injected, "Load more" meets it, and
 * the tree shows an item whose label names the cause and whose command is the fix, below the
 * activities already loaded; or, for the faults a client must survive, simply the next page.
 */
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import type { ActivityNode, GroupNode, MessageNode, TreeNode } from '../../src/ui/tree/nodes';
import type { FaultSpec } from '../fake-api/server';
import { Fixture, labelOf, nodeAt, setUpSources, tearDown, waitFor } from './support';

const activities = (nodes: TreeNode[]) => nodes.filter((n): n is ActivityNode => n.type === 'activity');

interface TreeCell {
  readonly fault: FaultSpec['kind'];
  /** Where: a source's label and one of its groups. */
  readonly path: readonly [string, string];
  readonly spec: Omit<FaultSpec, 'kind'>;
  /** The message item's label and command; undefined: the page loads despite the fault. */
  readonly message?: RegExp;
  readonly command?: string;
  readonly description?: string;
  /** The faulted answer still carried a good page (a repeated cursor): it is shown above the message. */
  readonly appends?: boolean;
  /** Entries of the page could not be read: that many are skipped, and counted by an item below the activities. */
  readonly skips?: number;
}

const TORQ = 'Fake Torq';
const SLACK = 'Fake Slack app';
const SDE = 'Fake SD Elements';
const torq = { api: 'torq', path: 'activity_logs' } as const;
const slack = { api: 'slack', path: 'apps.activities.list' } as const;
const sde = { api: 'sde', path: '/activities/' } as const;

const CELLS: readonly TreeCell[] = [
  // A Retry-After longer than the client waits (60 s) reaches the user at once, with the wait.
  { fault: '429', path: [TORQ, 'All events'], spec: { ...torq, retryAfter: 120, count: 1 }, message: /rate limiting requests \(HTTP 429\).*Try again in 120 s\./, command: 'activityLogs.retry', description: 'Retry' },
  { fault: '502', path: [SLACK, 'All activity'], spec: { ...slack, count: 20 }, message: /had a server error \(HTTP 502\)/, command: 'activityLogs.retry' },
  { fault: '503', path: [SDE, 'All activities'], spec: { ...sde, count: 20, retryAfter: 1 }, message: /had a server error \(HTTP 503\)/, command: 'activityLogs.retry' },
  { fault: 'timeout', path: [TORQ, 'Workflow runs'], spec: { ...torq, count: 1 }, message: /did not answer within 1 s/, command: 'activityLogs.setTimeWindow', description: 'Narrow the time window…' },
  { fault: 'cut', path: [SDE, 'All activities'], spec: { ...sde, count: 20 }, message: /could not be reached in full: the connection closed before the whole answer arrived/, command: 'activityLogs.retry' },
  { fault: 'malformed', path: [SLACK, 'All activity'], spec: { ...slack, count: 1 }, message: /not valid JSON/, command: 'activityLogs.retry' },
  // Entries that cannot be read are skipped and counted: the page is not lost, paging goes on.
  { fault: 'missingField', path: [TORQ, 'All events'], spec: { ...torq, count: 1 }, message: /^25 entries could not be read — show raw$/, command: 'activityLogs.showUnreadable', skips: 25 },
  { fault: 'badTime', path: [SLACK, 'All activity'], spec: { ...slack, count: 1 }, message: /^1 entry could not be read — show raw$/, command: 'activityLogs.showUnreadable', skips: 1 },
  { fault: 'deepEntry', path: [SLACK, 'All activity'], spec: { ...slack, count: 1 } },
  { fault: 'extraFields', path: [SDE, 'All activities'], spec: { ...sde, count: 1 } },
  { fault: 'repeatCursor', path: [SLACK, 'All activity'], spec: { ...slack }, message: /^Fake Slack app returned the same page cursor twice/, command: 'activityLogs.retry', appends: true },
  { fault: 'expiredToken', path: [SLACK, 'All activity'], spec: { ...slack, count: 1 }, message: /token has expired \(token_expired\)/, command: 'activityLogs.setCredentials', description: 'Enter credentials…' },
  { fault: 'expiredToken', path: [TORQ, 'All events'], spec: { ...torq, count: 1 } },
  { fault: 'expiredToken', path: [SDE, 'All activities'], spec: { ...sde, count: 1 }, message: /rejected the API token \(HTTP 401/, command: 'activityLogs.setCredentials' },
  { fault: 'hugeBody', path: [SDE, 'All activities'], spec: { ...sde, count: 1 }, message: /too large to show \(50 MB; the limit is 32 MB\)/, command: 'activityLogs.setTimeWindow' },
];

describe('fault matrix in the tree', function () {
  this.timeout(60_000);
  let f: Fixture;
  const config = () => vscode.workspace.getConfiguration('activityLogs');

  /** The request timeout (the HTTP client and the sources are rebuilt when it changes). */
  const setTimeoutSeconds = async (seconds: number | undefined) => {
    const old = f.ext.registry.get('torq-fake')!.source;
    await config().update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);
    await waitFor('the sources to be rebuilt', () => f.ext.registry.get('torq-fake')?.source && f.ext.registry.get('torq-fake')!.source !== old);
  };

  before(async () => (f = await setUpSources({ pageSize: 25 })));
  after(async () => {
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await tearDown(f);
  });
  beforeEach(() => {
    f.api.faults.clear();
    f.api.requests.clear();
    f.ext.tree.refresh();
  });

  for (const cell of CELLS) {
    const where = cell.path.join(' › ');
    it(`fault ${cell.fault} in ${where}: ${cell.message ? 'an item names the cause and offers the fix' : 'the next page loads'}`, async () => {
      // A 1 s timeout only for the timeout cell: quick, and no risk for the others on a busy machine.
      if (cell.fault === 'timeout') await setTimeoutSeconds(1);
      try {
        await check(cell);
      } finally {
        if (cell.fault === 'timeout') await setTimeoutSeconds(undefined);
      }
    });
  }

  async function check(cell: TreeCell): Promise<void> {
    const group = (await nodeAt(f.ext, ...cell.path)) as GroupNode;
    const first = activities(await f.ext.tree.getChildren(group));
    assert.equal(first.length, 25, 'a first page');
    f.api.faults.add({ kind: cell.fault, ...cell.spec });

    await f.ext.tree.loadMore(group);

    const children = await f.ext.tree.getChildren(group);
    const shown = activities(children);
    assert.deepEqual(shown.slice(0, 25).map((n) => n.id), first.map((n) => n.id), 'the activities already loaded stay');
    const last = children[children.length - 1];
    if (cell.skips !== undefined) {
      assert.equal(shown.length, 50 - cell.skips, 'the readable entries of the page are shown');
      assert.equal(last.type, 'loadMore', 'paging goes on');
      const counted = children.filter((n): n is MessageNode => n.type === 'message');
      assert.equal(counted.length, 1, 'one item counts what was skipped');
      assert.match(labelOf(f.ext, counted[0]), cell.message!);
      const item = f.ext.tree.getTreeItem(counted[0]);
      assert.equal(item.command?.command, cell.command);
      assert.match(String(item.tooltip), /could not be read|missing the required field|unexpected value/);
      // "show raw": the skipped entries as sent, each with why.
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      // The editor of the previous cell's raw entries may still be the active one for a moment.
      const rawOf = (editor: vscode.TextEditor | undefined) => {
        try {
          const parsed: unknown = JSON.parse(editor?.document.getText() ?? '');
          return Array.isArray(parsed) ? (parsed as Array<{ reason: string; entry: unknown }>) : undefined;
        } catch {
          return undefined;
        }
      };
      const rawEditor = await waitFor(`an editor showing ${cell.skips} raw entries`, () => {
        const editor = vscode.window.activeTextEditor;
        return rawOf(editor)?.length === cell.skips ? editor : undefined;
      });
      const shownRaw = rawOf(rawEditor)!;
      assert.equal(shownRaw.length, cell.skips);
      assert.ok(shownRaw.every((u) => typeof u.reason === 'string' && u.entry !== null && typeof u.entry === 'object'), 'each with its reason and the entry');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await waitFor('the raw entries closed', () => vscode.window.visibleTextEditors.every((e) => e.document !== rawEditor.document) || undefined);
      return;
    }
    if (!cell.message) {
      assert.equal(shown.length, 50, 'the next page loaded');
      assert.equal(last.type, 'loadMore');
      return;
    }
    assert.equal(shown.length, cell.appends ? 50 : 25, cell.appends ? 'the good page that came with the loop is shown' : 'nothing half-loaded is added');
    assert.equal(last.type, 'message', `the last item is ${last.type}`);
    const item = f.ext.tree.getTreeItem(last as MessageNode);
    assert.match(labelOf(f.ext, last), cell.message);
    assert.equal(item.command?.command, cell.command);
    if (cell.description) assert.equal(item.description, cell.description);
    assert.deepEqual(item.command?.arguments, [last], 'the fix knows where it was offered');
  }

  it('fault 502 in Fake Torq › All events: the retry item loads the failed page once the fault is gone', async () => {
    const group = (await nodeAt(f.ext, TORQ, 'All events')) as GroupNode;
    await f.ext.tree.getChildren(group);
    f.api.faults.add({ kind: '502', ...torq, count: 20 });
    await f.ext.tree.loadMore(group);
    const children = await f.ext.tree.getChildren(group);
    const item = f.ext.tree.getTreeItem(children[children.length - 1]);
    assert.equal(item.command?.command, 'activityLogs.retry');
    const sent = f.api.requests.of('torq').filter((r) => r.path.endsWith('/activity_logs')).length;
    assert.equal(sent, 1 + 4, 'a first page, then four attempts (bounded retries)');
    f.api.faults.clear();
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const after = await f.ext.tree.getChildren(group);
    assert.equal(activities(after).length, 50);
  });
});
