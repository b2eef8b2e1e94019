/**
 * The payload panel's header: the small snapshot of an activity the webview shows above the
 * payload (and keeps in its state), read back from that state after a reload, and the panel title.
 */
import type { Activity } from '../core/activity';
import type { PayloadHeader } from '../webview/payload/protocol';

export function headerOf(activity: Activity, sourceLabel: string): PayloadHeader {
  return {
    key: activity.key,
    id: activity.id,
    sourceLabel,
    time: activity.time,
    level: activity.level,
    outcome: activity.outcome,
    title: activity.title,
    type: activity.type,
    workflowId: activity.workflowId,
    workflowName: activity.workflowName,
    executionId: activity.executionId,
    parentExecutionId: activity.parentExecutionId,
    traceId: activity.traceId,
    actor: activity.actor,
    error: activity.error,
    webUrl: activity.webUrl,
    details: activity.details,
    links: activity.links,
  };
}

/**
 * Reads a header back from restored webview state; undefined unless it has the expected shape.
 * The state was written by a page that renders untrusted data, so its links and web URL are
 * dropped: what "Open in Web UI" may open comes back only with the activity itself.
 */
export function headerFromState(state: unknown): PayloadHeader | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  const h = s.header as Record<string, unknown> | undefined;
  if (typeof s.key !== 'string' || typeof h !== 'object' || h === null || h.key !== s.key) return undefined;
  for (const field of ['id', 'sourceLabel', 'time', 'level', 'outcome', 'title', 'type']) {
    if (typeof h[field] !== 'string') return undefined;
  }
  const { links: _links, webUrl: _webUrl, ...rest } = h;
  return rest as unknown as PayloadHeader;
}

/** `<short title> — <source label>`. */
export function panelTitle(header: Pick<PayloadHeader, 'title' | 'sourceLabel'>, max = 40): string {
  return `${shortTitle(header.title, max)} — ${header.sourceLabel}`;
}

/** A title on one line, cut to `max` characters. */
export function shortTitle(title: string, max = 40): string {
  const oneLine = title.replace(/\s+/g, ' ').trim() || '(untitled)';
  return oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
}
