/** The configured sources, rebuilt when settings change. */
import * as vscode from 'vscode';
import type { SourceConfig } from '../core/config';
import type { ActivitySource, SourceContext } from '../core/source';
import type { TimeWindow } from '../core/time';
import { createSource } from '../sources';
import { readSources, windowOf } from './settings';

export interface RegisteredSource {
  readonly config: SourceConfig;
  readonly source?: ActivitySource;
  /** Why the source could not be built. */
  readonly problem?: string;
  readonly window: TimeWindow;
}

export class SourceRegistry implements vscode.Disposable {
  private entries: RegisteredSource[] = [];
  private configProblems: string[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: () => SourceContext) {
    this.reload();
  }

  reload(): void {
    const { sources, problems } = readSources();
    this.configProblems = problems;
    const ctx = this.context();
    this.entries = sources.map((config) => {
      try {
        return { config, source: createSource(config, ctx), window: windowOf(config) };
      } catch (e) {
        return { config, problem: e instanceof Error ? e.message : String(e), window: windowOf(config) };
      }
    });
    void vscode.commands.executeCommand('setContext', 'activityLogs.sourceCount', this.entries.length + this.configProblems.length);
    this.changed.fire();
  }

  get all(): readonly RegisteredSource[] {
    return this.entries;
  }

  get problems(): readonly string[] {
    return this.configProblems;
  }

  get(id: string): RegisteredSource | undefined {
    return this.entries.find((e) => e.config.id === id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
