/**
 * The runs a Torq run is related to. Torq documents one relation, from the child's side: the
 * trigger event of a run started by another workflow is of type `nested`, and its `nested` object
 * names the parent workflow and execution (described on the retrieve-a-trigger-event page, its key
 * names guessed: see execution.ts). The parent's execution names no children, so a parent's child
 * runs are the runs of the time window whose event names it, looked for while the parent ran.
 */
import type { Activity } from '../../core/activity';
import { asActivityLogsError, isCancelled } from '../../core/errors';
import type { PageFetcher } from '../../core/paging';
import { iteratePages } from '../../core/paging';
import type { ChildRuns, RelatedRun } from '../../core/source';
import type { ResolvedWindow } from '../../core/time';
import { executionField, parentField } from './execution';
import type { TorqEventJson } from './schema';

/** Server pages (of up to 500 runs) read to find a parent's children. */
export const CHILD_SCAN_PAGES = 5;
/** A child's event may be logged a moment after the parent's last update. */
const CHILD_SLACK_MS = 60_000;

/** The run that started a nested one, as its event names it; undefined for a run no other started. */
export function parentRun(event: TorqEventJson | undefined): RelatedRun | undefined {
  const nested = event?.nested;
  const executionId = parentField(nested, 'executionId');
  const workflow = parentField(nested, 'workflowName') ?? parentField(nested, 'workflowId');
  if (executionId) return { executionId, label: workflow ? `'${workflow}'` : executionId };
  // Started by another run that Torq did not name: say so rather than show nothing.
  if (event?.type === 'nested') return { label: workflow ? `'${workflow}' (Torq did not name its execution)` : 'not named by Torq' };
  return undefined;
}

/**
 * The runs of `window` whose event names `executionId` as their parent: those logged between the
 * parent's start and its last update (or the end of the window while it runs).
 */
export async function childRuns(
  runs: (fromMs: number, toMs: number) => PageFetcher<Activity>,
  parent: Activity,
  execution: unknown,
  window: ResolvedWindow | undefined,
  signal?: AbortSignal,
): Promise<ChildRuns> {
  const executionId = parent.executionId;
  if (!executionId) return { runs: [] };
  const fromMs = Math.max(parent.timeMs, window?.fromMs ?? parent.timeMs);
  const lastSeen = Date.parse(executionField(execution, 'endTime') ?? executionField(execution, 'updateTime') ?? '');
  const windowEnd = window?.toMs ?? Date.now();
  // A clock that put the last update before the event still asks for a valid range.
  const toMs = Math.max(fromMs + 1, Number.isFinite(lastSeen) ? Math.min(windowEnd, lastSeen + CHILD_SLACK_MS) : windowEnd);
  const found: Activity[] = [];
  let pages = 0;
  let more = false;
  try {
    for await (const page of iteratePages(runs(fromMs, toMs), { maxPages: CHILD_SCAN_PAGES, signal, service: 'Torq activity logs' })) {
      pages++;
      for (const a of page.items) if (a.parentExecutionId === executionId) found.push(a);
      more = page.next !== undefined;
    }
  } catch (e) {
    if (isCancelled(e)) throw e;
    return { runs: found, note: `could not be listed: ${asActivityLogsError(e).message}` };
  }
  // Oldest first: the order the parent started them in.
  found.reverse();
  if (more) return { runs: found, note: `only the first ${pages} pages of runs were searched` };
  return found.length ? { runs: found } : { runs: [], note: 'none in the time window' };
}
