/** Export to NDJSON or CSV: the loaded items of a group, or every result of a query, with progress and cancel. */
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Activity } from '../core/activity';
import { isCancelled } from '../core/errors';
import { csvHeader, csvLine, ExportFormat, ndjsonLine } from '../core/export';
import { parseQuery } from '../core/query';
import { searchSources } from '../core/search';
import { searchTargets } from './search';
import type { SourceRegistry } from './sourceRegistry';

/** Bound on what one query export reads per source, so a typo cannot page forever. */
const MAX_PAGES_PER_SOURCE = 2000;

async function askTarget(defaultName: string): Promise<{ uri: vscode.Uri; format: ExportFormat } | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: 'Export activities',
    defaultUri: base ? vscode.Uri.joinPath(base, `${defaultName}.ndjson`) : undefined,
    filters: { 'NDJSON (one JSON entry a line)': ['ndjson', 'jsonl'], CSV: ['csv'] },
  });
  if (!uri) return undefined;
  return { uri, format: uri.path.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson' };
}

/** Streams lines into a file (or collects them for a non-file URI), so big exports stay out of memory. */
class ExportWriter {
  private readonly stream?: fs.WriteStream;
  private readonly chunks: string[] = [];
  count = 0;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly format: ExportFormat,
  ) {
    if (uri.scheme === 'file') this.stream = fs.createWriteStream(uri.fsPath, { encoding: 'utf8' });
    this.write(format === 'csv' ? csvHeader() : '');
  }

  add(a: Activity): Promise<void> | void {
    this.count++;
    return this.write(this.format === 'csv' ? csvLine(a) : ndjsonLine(a));
  }

  private write(text: string): Promise<void> | void {
    if (!text) return;
    if (!this.stream) {
      this.chunks.push(text);
      return;
    }
    if (!this.stream.write(text)) return new Promise((resolve) => this.stream!.once('drain', resolve));
  }

  async close(): Promise<void> {
    if (this.stream) await new Promise<void>((resolve, reject) => this.stream!.end((e?: Error | null) => (e ? reject(e) : resolve())));
    else await vscode.workspace.fs.writeFile(this.uri, Buffer.from(this.chunks.join(''), 'utf8'));
  }
}

export async function exportActivities(items: readonly Activity[], name: string, target?: { uri: vscode.Uri; format: ExportFormat }): Promise<number | undefined> {
  const where = target ?? (await askTarget(name));
  if (!where) return undefined;
  const writer = new ExportWriter(where.uri, where.format);
  for (const a of items) await writer.add(a);
  await writer.close();
  void vscode.window.showInformationMessage(`Exported ${writer.count} activities to ${vscode.workspace.asRelativePath(where.uri)}.`);
  return writer.count;
}

/** Exports every result of a query across the sources it applies to. */
export async function exportSearch(registry: SourceRegistry, text: string, target?: { uri: vscode.Uri; format: ExportFormat }): Promise<number | undefined> {
  const query = parseQuery(text);
  const where = target ?? (await askTarget('activity-search'));
  if (!where) return undefined;
  const writer = new ExportWriter(where.uri, where.format);
  const problems: string[] = [];
  let cancelled = false;
  const exported = Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting "${text}"`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const search = searchSources(searchTargets(registry), query, { signal: controller.signal, maxPagesPerSource: MAX_PAGES_PER_SOURCE, concurrency: 1 });
      try {
        for await (const event of search) {
          if (event.type === 'error') problems.push(event.text);
          if (event.type !== 'page') continue;
          for (const a of event.items) await writer.add(a);
          progress.report({ message: `${writer.count.toLocaleString()} exported (${event.source.label})` });
        }
      } catch (e) {
        if (!isCancelled(e) && !controller.signal.aborted) throw e;
        cancelled = true;
      }
    },
  ));
  // The file is closed whatever happens, so that a failed write does not leave it open.
  await exported.finally(() => writer.close());
  const summary = `${cancelled ? 'Export cancelled after' : 'Exported'} ${writer.count} activities to ${vscode.workspace.asRelativePath(where.uri)}.`;
  if (problems.length) void vscode.window.showWarningMessage(`${summary} Some sources failed: ${problems.join('; ')}`);
  else void vscode.window.showInformationMessage(summary);
  return writer.count;
}
