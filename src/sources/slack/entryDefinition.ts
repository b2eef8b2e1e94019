/**
 * Which function or workflow definition a Slack log entry is about, by the names it carries:
 * `function_name` names a function (for a trigger's entries, the workflow it starts),
 * `workflow_name` a workflow. Best first; the first is the one a "not found" message names.
 */
import type { DefinitionKind } from './appDefinitions';

export interface WantedDefinition {
  readonly kind: DefinitionKind;
  readonly name: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function definitionFor(raw: unknown): WantedDefinition[] | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const entry = raw as { payload?: unknown };
  const p = (entry.payload && typeof entry.payload === 'object' ? entry.payload : {}) as Record<string, unknown>;
  const fn = text(p.function_name);
  const wf = text(p.workflow_name);
  const out: WantedDefinition[] = [];
  if (fn) out.push({ kind: 'function', name: fn });
  if (wf) out.push({ kind: 'workflow', name: wf });
  if (fn && !wf) out.push({ kind: 'workflow', name: fn });
  return out.length ? out : undefined;
}
