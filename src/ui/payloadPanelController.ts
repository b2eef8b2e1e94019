/**
 * One open payload panel: its activity (undefined while a restored panel looks for it), what it
 * shows (loading, the payload, an error) and the messages of its webview. The webview only ever
 * asks; this side decides (links, clipboard, documents).
 */
import * as vscode from 'vscode';
import type { Activity } from '../core/activity';
import { stringifyJson } from '../core/json';
import { exactNumberPaths } from '../core/jsonModel/exactJson';
import { type CodeLinks, type FromWebview, type PayloadErrorReason, type PayloadHeader, type ToWebview, parseFromWebview } from '../webview/payload/protocol';
import { loadErrorMessage, withDelayedProgress } from './delayedProgress';
import { headerOf, panelTitle } from './payloadHeader';
import { isAllowedLink } from './payloadLinks';
import { linkableFrames, openFrame } from './slackCode';

export interface PayloadSource {
  /** Label of the activity's source, for the header. */
  sourceLabel(activity: Activity): string;
  /** The full payload to show. Torq lists without bodies, so this may fetch; may throw an Error whose message is user-facing. */
  loadPayload(activity: Activity, signal: AbortSignal): Promise<unknown>;
  /** Finds an activity again after a window reload (by key); undefined when it cannot. */
  findActivity(key: string, signal: AbortSignal): Promise<Activity | undefined>;
}

/** What the panel's owner does for it. */
export interface PanelOwner {
  openAsDocument(activity: Activity): Promise<void>;
  /** Called once, when the panel is closed. */
  forget(panel: PayloadPanelController): void;
}

type PanelState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly payload: unknown }
  | { readonly kind: 'error'; readonly message: string; readonly reason: PayloadErrorReason };

export class PayloadPanelController {
  private state: PanelState = { kind: 'loading' };
  private ready = false;
  private load?: AbortController;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** The header error's frames found in the workspace; messages wait for them (a few stat calls). */
  private code: Promise<CodeLinks> = Promise.resolve({ frames: [], goToSource: false });
  /** Settles when the current load (or restore lookup) ends. */
  settled: Promise<void> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private header: PayloadHeader,
    public activity: Activity | undefined,
    private readonly owner: PanelOwner,
    private readonly source: PayloadSource,
  ) {
    this.findCode();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(parseFromWebview(m))),
      panel.onDidDispose(() => this.onDisposed()),
    );
  }

  get key(): string {
    return this.header.key;
  }

  get payload(): { payload: unknown } | undefined {
    return this.state.kind === 'loaded' ? { payload: this.state.payload } : undefined;
  }

  get isError(): boolean {
    return this.state.kind === 'error';
  }

  setActivity(activity: Activity): void {
    this.activity = activity;
    this.header = headerOf(activity, this.source.sourceLabel(activity));
    this.panel.title = panelTitle(this.header);
    this.findCode();
  }

  private findCode(): void {
    const { error } = this.header;
    const goToSource = this.activity?.sourceKind === 'slack';
    this.code = linkableFrames(error).then(
      (frames) => ({ frames, goToSource }),
      () => ({ frames: [], goToSource }),
    );
  }

  /** (Re)loads the payload of the current activity; a restored panel first finds its activity. */
  start(): Promise<void> {
    this.load?.abort();
    const controller = new AbortController();
    this.load = controller;
    this.setState({ kind: 'loading' });
    const title = `Loading payload of “${panelTitle(this.header)}”`;
    const work = (async (): Promise<PanelState> => {
      if (!this.activity) {
        const found = await this.source.findActivity(this.header.key, controller.signal);
        if (!found) {
          return { kind: 'error', reason: 'gone', message: 'The payload is no longer loaded.' };
        }
        if (controller.signal.aborted) throw new Error('cancelled');
        this.setActivity(found);
      }
      const payload = await this.source.loadPayload(this.activity!, controller.signal);
      return { kind: 'loaded', payload };
    })();
    this.settled = withDelayedProgress(title, controller, work).then(
      (state) => {
        if (this.load === controller && !this.disposed) this.setState(state);
      },
      (err: unknown) => {
        if (this.load !== controller || this.disposed) return;
        this.setState(
          controller.signal.aborted
            ? { kind: 'error', reason: 'cancelled', message: 'Loading the payload was cancelled.' }
            : { kind: 'error', reason: this.activity ? 'failed' : 'gone', message: loadErrorMessage(err) },
        );
      },
    );
    return this.settled;
  }

  private setState(state: PanelState): void {
    this.state = state;
    this.post();
  }

  private message(code: CodeLinks): ToWebview {
    return { ...this.stateMessage(), code };
  }

  private stateMessage(): ToWebview {
    switch (this.state.kind) {
      case 'loading':
        return { type: 'loading', header: this.header };
      case 'loaded':
        return {
          type: 'payload',
          header: this.header,
          payload: this.state.payload,
          jsonStringPaths: this.activity?.jsonStringPaths ?? [],
          exactNumbers: exactNumberPaths(this.state.payload),
        };
      case 'error':
        return { type: 'error', header: this.header, message: this.state.message, reason: this.state.reason };
    }
  }

  /** Sends the current state; only after the webview said `ready` (its listener exists then). */
  private post(): void {
    if (!this.ready || this.disposed) return;
    // In order: each post waits for the same (or a later) lookup, and sends the state as it is then.
    void this.code.then((code) => {
      if (this.ready && !this.disposed) void this.panel.webview.postMessage(this.message(code));
    });
  }

  private onMessage(message: FromWebview | undefined): void {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        // Also sent again when a hidden panel (no retained context) becomes visible.
        this.ready = true;
        this.post();
        return;
      case 'retry':
        if (this.state.kind !== 'loading') void this.start();
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() =>
          vscode.window.setStatusBarMessage(`Copied ${message.what ?? 'to the clipboard'}`, 2000),
        );
        return;
      case 'copyJson':
        if (this.state.kind === 'loaded') {
          const text = stringifyJson(this.state.payload, 2) ?? 'null';
          void vscode.env.clipboard.writeText(text).then(() =>
            vscode.window.setStatusBarMessage('Copied the payload JSON', 2000),
          );
        }
        return;
      case 'openJson':
        if (this.activity) void this.owner.openAsDocument(this.activity);
        return;
      case 'openFrame':
        // The index only: the file is found again from the activity's own error.
        void openFrame(this.header.error, message.index);
        return;
      case 'copyLink':
      case 'copyMarkdown':
        // The activity itself: one opened from a link is not in the tree.
        if (this.activity) void vscode.commands.executeCommand(message.type === 'copyLink' ? 'activityLogs.copyLink' : 'activityLogs.copyAsMarkdown', this.activity);
        return;
      case 'goToSource':
        if (this.activity) void vscode.commands.executeCommand('activityLogs.goToSource', this.activity.key);
        return;
      case 'compareWithLastSuccess':
        if (this.activity) void vscode.commands.executeCommand('activityLogs.compareWithLastSuccess', this.activity.key);
        return;
      case 'openLink':
        // Only the activity's own http(s) links, never a URL taken from the payload.
        if (isAllowedLink(message.url, this.header)) {
          void vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        } else {
          void vscode.window.showWarningMessage('Activity Logs opens only the links of the activity itself.');
        }
        return;
    }
  }

  /** The editor closed the panel (the user, or `dispose()` below): the one place its resources go. */
  private onDisposed(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.load?.abort();
    this.owner.forget(this);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Closes the panel; the editor then fires onDidDispose, which releases the rest. */
  dispose(): void {
    if (!this.disposed) this.panel.dispose();
  }
}
