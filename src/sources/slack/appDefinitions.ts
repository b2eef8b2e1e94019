/**
 * The functions and workflows a Slack app project defines, read from its source text without
 * running it: `DefineFunction({ callback_id, title, source_file })` and
 * `DefineWorkflow({ callback_id, title })` (deno-slack-sdk, in manifest.ts or the files it
 * imports), and a manifest.json's `functions` / `workflows` maps keyed by callback id.
 * Log entries name functions and workflows by title or callback id (`function_name`,
 * `workflow_name`); `definitionsNamed` finds the candidates.
 */

export type DefinitionKind = 'function' | 'workflow';

export interface AppDefinition {
  readonly kind: DefinitionKind;
  readonly callbackId: string;
  readonly title?: string;
  /** A function's implementation, relative to the project root (`functions/reverse.ts`). */
  readonly sourceFile?: string;
  /** The file that defines it, as given to the reader. */
  readonly file: string;
  /** Where the definition starts in that file: 0-based line and character. */
  readonly line: number;
  readonly character: number;
}

const DEFINE_CALL = /\bDefine(Function|Workflow)\s*\(\s*\{/g;
/** Source files over this size are not app definitions worth scanning. */
const MAX_SCANNED = 1024 * 1024;

/** Definitions in a TypeScript or JavaScript file. */
export function definitionsInSource(text: string, file: string): AppDefinition[] {
  if (text.length > MAX_SCANNED || !text.includes('Define')) return [];
  const out: AppDefinition[] = [];
  const lines = lineStarts(text);
  const code = blankComments(text);
  for (const m of code.matchAll(DEFINE_CALL)) {
    const open = m.index + m[0].length - 1;
    const props = topLevelStringProperties(code, open);
    const callbackId = props.get('callback_id');
    if (!callbackId) continue;
    const kind: DefinitionKind = m[1] === 'Function' ? 'function' : 'workflow';
    out.push({ kind, callbackId, title: props.get('title'), sourceFile: kind === 'function' ? props.get('source_file') : undefined, file, ...position(lines, m.index) });
  }
  return out;
}

/** Definitions in a manifest.json (`functions` and `workflows` keyed by callback id). */
export function definitionsInManifestJson(text: string, file: string): AppDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  if (!isObject(json)) return [];
  const lines = lineStarts(text);
  const out: AppDefinition[] = [];
  for (const [section, kind] of [['functions', 'function'], ['workflows', 'workflow']] as const) {
    const map = json[section];
    if (!isObject(map)) continue;
    for (const [callbackId, value] of Object.entries(map)) {
      const def = isObject(value) ? value : {};
      const at = text.indexOf(JSON.stringify(callbackId));
      out.push({
        kind,
        callbackId,
        title: typeof def.title === 'string' ? def.title : undefined,
        sourceFile: kind === 'function' && typeof def.source_file === 'string' ? def.source_file : undefined,
        file,
        ...position(lines, Math.max(0, at)),
      });
    }
  }
  return out;
}

/** The definitions a log entry's name may mean: by callback id first, then by title (case and `_`/space insensitive). */
export function definitionsNamed(definitions: readonly AppDefinition[], kind: DefinitionKind, name: string): AppDefinition[] {
  const wanted = comparable(name);
  if (!wanted) return [];
  const ofKind = definitions.filter((d) => d.kind === kind);
  const byId = ofKind.filter((d) => comparable(d.callbackId) === wanted);
  const byTitle = ofKind.filter((d) => d.title !== undefined && comparable(d.title) === wanted && !byId.includes(d));
  return dedupe([...byId, ...byTitle]);
}

function comparable(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** One definition per callback id and kind: manifest.ts and the function's own file may both define it. */
function dedupe(defs: AppDefinition[]): AppDefinition[] {
  const seen = new Set<string>();
  return defs.filter((d) => {
    const key = `${d.kind}\0${d.callbackId}\0${d.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** `key: "value"` at the start of the text: the key bare or quoted, the value a string without substitutions. */
const PROPERTY = /^(?:([A-Za-z_$][\w$]*)|"([^"\\\n]*)"|'([^'\\\n]*)')\s*:\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)'|`([^`\\$]*)`)/;

/**
 * The string-valued properties at the top level of the object literal opening at `open` (`{`):
 * `key: "value"`, `"key": 'value'` or a template without substitutions. Nested objects, arrays and
 * calls are skipped by counting brackets outside strings (comments are already blanked).
 */
function topLevelStringProperties(text: string, open: number): Map<string, string> {
  const props = new Map<string, string>();
  let depth = 0;
  let i = open;
  const end = Math.min(text.length, open + 200_000);
  while (i < end) {
    const c = text[i];
    if (depth === 1 && /[\s{,]/.test(text[i - 1] ?? ' ')) {
      const prop = PROPERTY.exec(text.slice(i, i + 2000));
      if (prop) {
        const key = prop[1] ?? prop[2] ?? prop[3];
        if (!props.has(key)) props.set(key, prop[4] ?? prop[5] ?? prop[6]);
        i += prop[0].length;
        continue;
      }
    }
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) break;
    }
    i++;
  }
  return props;
}

/** The text with its comments replaced by spaces (line breaks kept), so that offsets stay the same. */
function blankComments(text: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const close = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : text[i + 1] === '/' ? close : close + 2;
      out += text.slice(from, i) + text.slice(i, end).replace(/[^\n]/g, ' ');
      from = i = end;
      continue;
    }
    i++;
  }
  return out + text.slice(from);
}

/** The index just past the string literal starting at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n' && quote !== '`') return i + 1;
    else i++;
  }
  return i;
}
