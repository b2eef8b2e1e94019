/**
 * Stack frames in the errors a Slack function throws. Deno prints V8 frames, and the Slack CLI
 * runtime loads the project's files from `file:///`, so a frame of the project reads
 * `at reverse (file:///functions/reverse.ts:12:9)`; hosted runs and older runtimes print paths
 * relative to the project (`functions/reverse.ts:12:9`), and library frames are remote URLs
 * (`https://deno.land/x/deno_slack_sdk@2.14.2/functions/enrich-context.ts:31:12`).
 * Only project frames can lead to code in the open workspace; whether the file exists there is for
 * the editor to find out.
 */

export interface StackFrame {
  /** The function named by the frame, when it names one (`reverse`, `async Object.run`). */
  readonly functionName?: string;
  /** The location as printed (`file:///functions/reverse.ts`). */
  readonly location: string;
  /**
   * For a frame that may be in the project: the path to look for in the workspace, relative
   * (`functions/reverse.ts`), or absolute when the frame printed an absolute file path.
   */
  readonly projectPath?: string;
  /** 1-based, as printed. */
  readonly line: number;
  /** 1-based, as printed. */
  readonly column?: number;
  /** Where `location:line:column` starts and ends in the text, to make that part a link. */
  readonly start: number;
  readonly end: number;
}

/** A frame line: `at [async] [name] (location:line[:column])` or `at [async] location:line[:column]`. */
const FRAME = /^[ \t]*at (?:(async )?([^\s(][^(\n]*?) \(([^()\n]+?):(\d+)(?::(\d+))?\)|(async )?([^\s()][^\s()]*?):(\d+)(?::(\d+))?)[ \t]*$/gm;

/** The longest error text scanned: stack traces sit at the start of an error; a 5 MB log is not one. */
const MAX_SCANNED = 256 * 1024;

export function parseStackFrames(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  const scanned = text.length > MAX_SCANNED ? text.slice(0, MAX_SCANNED) : text;
  for (const m of scanned.matchAll(FRAME)) {
    const named = m[3] !== undefined;
    const location = named ? m[3] : m[7];
    const line = Number(named ? m[4] : m[8]);
    const columnText = named ? m[5] : m[9];
    if (!Number.isSafeInteger(line) || line < 1) continue;
    const name = named ? `${m[1] ?? ''}${m[2]}` : m[6] ? 'async' : undefined;
    const printed = `${location}:${named ? m[4] : m[8]}${columnText ? `:${columnText}` : ''}`;
    const start = m.index + m[0].lastIndexOf(printed);
    frames.push({
      functionName: name?.trim() || undefined,
      location,
      projectPath: projectPathOf(location),
      line,
      column: columnText ? Number(columnText) : undefined,
      start,
      end: start + printed.length,
    });
  }
  return frames;
}

/** The workspace path a location may name, or undefined for remote and runtime-internal frames. */
export function projectPathOf(location: string): string | undefined {
  if (/^(https?|blob|data|node|ext):/i.test(location)) return undefined;
  if (/^<.*>$/.test(location) || location === 'native') return undefined;
  const climbs = (p: string) => /(^|[\\/])\.\.([\\/]|$)/.test(p);
  if (climbs(location)) return undefined;
  let path = location;
  if (/^file:\/\//i.test(path)) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      return undefined;
    }
    // `file:///C:/x` has the pathname `/C:/x`.
    if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  }
  if (!path || climbs(path)) return undefined;
  return path.replace(/\\/g, '/');
}

/**
 * The paths to try in a workspace folder for a project path, best first: an absolute path under
 * the folder is taken as is; `/functions/x.ts` (what the Slack CLI's `file:///` root gives) is
 * relative to the project root, so the leading slash goes.
 */
export function workspaceCandidates(projectPath: string, folder: string): string[] {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const root = norm(folder);
  const path = norm(projectPath);
  const out: string[] = [];
  if (path.startsWith(root + '/')) out.push(path);
  const relative = path.replace(/^[A-Za-z]:/, '').replace(/^\/+/, '');
  if (relative) out.push(`${root}/${relative}`);
  return [...new Set(out)];
}
