/** Writing activities as NDJSON (one raw entry a line, plus our normalised fields) or CSV. */
import type { Activity } from './activity';
import { stringifyJson } from './json';

export type ExportFormat = 'ndjson' | 'csv';

export const CSV_COLUMNS = ['time', 'source', 'level', 'outcome', 'type', 'title', 'workflow', 'execution', 'trace', 'actor', 'error', 'url', 'id'] as const;

/**
 * Characters JSON.stringify leaves raw that line-based readers (Python's splitlines, editors, JS
 * line terminators) take as line ends: escaped, so that one record stays one line.
 */
const LINE_BREAKING = /[\u0085\u2028\u2029]/g;

function escapeLineBreaking(c: string): string {
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}

/** One NDJSON line: the normalised fields and the untouched entry. */
export function ndjsonLine(a: Activity): string {
  return (
    stringifyJson({
      time: a.time,
      source: a.sourceId,
      level: a.level,
      outcome: a.outcome,
      type: a.type,
      title: a.title,
      workflow: a.workflowName ?? a.workflowId,
      execution: a.executionId,
      trace: a.traceId,
      actor: a.actor,
      error: a.error,
      url: a.webUrl,
      id: a.id,
      raw: a.raw,
    })!.replace(LINE_BREAKING, escapeLineBreaking) + '\n'
  );
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvLine(a: Activity): string {
  const cells = [a.time, a.sourceId, a.level, a.outcome, a.type, a.title, a.workflowName ?? a.workflowId, a.executionId, a.traceId, a.actor, a.error, a.webUrl, a.id];
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula
 * (payload text is attacker-controlled: "=HYPERLINK(...)").
 */
export function csvCell(value: string | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
