/**
 * The payload panel: one webview panel per activity with a header and the payload as a lazy JSON
 * tree (media/payload.js), restored after a window reload by a serializer, plus "Open as JSON
 * document". The webview only ever asks; this side decides (links, clipboard, documents).
 */
import * as vscode from 'vscode';
import model from '../../media/payload-model';
import type { Activity } from '../core/activity';
import { stringifyJson } from '../core/json';
import { PAYLOAD_VIEW_TYPE } from './contributions';
import { PAYLOAD_SCHEME, PayloadDocumentProvider, documentUriParts, keyFromDocumentQuery } from './payloadDocument';
import {
  type FromWebview,
  type PayloadHeader,
  type ToWebview,
  buildPayloadHtml,
  headerFromState,
  headerOf,
  isAllowedLink,
  makeNonce,
  panelTitle,
  parseFromWebview,
} from './webviewHtml';

export interface PayloadSource {
  /** Label of the activity's source, for the header. */
  sourceLabel(activity: Activity): string;
  /** The full payload to show. Torq lists without bodies, so this may fetch; may throw an Error whose message is user-facing. */
  loadPayload(activity: Activity, signal: AbortSignal): Promise<unknown>;
  /** Finds an activity again after a window reload (by key); undefined when it cannot. */
  findActivity(key: string, signal: AbortSignal): Promise<Activity | undefined>;
}

/** A load shorter than this shows no notification (the panel says "Loading…" meanwhile). */
const PROGRESS_DELAY_MS = 400;

type PanelState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly payload: unknown }
  | { readonly kind: 'error'; readonly message: string; readonly reason: 'failed' | 'cancelled' | 'gone' };

function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return typeof err === 'string' && err ? err : 'The payload could not be loaded.';
}

/**
 * Runs `work` and, if it is still running after a short delay, shows a cancellable notification
 * whose Cancel aborts `controller`.
 */
async function withDelayedProgress<T>(title: string, controller: AbortController, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  const timer = setTimeout(() => {
    if (settled || controller.signal.aborted) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => {
        const sub = token.onCancellationRequested(() => controller.abort());
        return done.then(
          () => sub.dispose(),
          () => sub.dispose(),
        );
      },
    );
  }, PROGRESS_DELAY_MS);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
}

/** One open panel: its activity (undefined while a restored panel looks for it), state and webview. */
class PayloadPanel {
  private state: PanelState = { kind: 'loading' };
  private ready = false;
  private load?: AbortController;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Settles when the current load (or restore lookup) ends. */
  settled: Promise<void> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private header: PayloadHeader,
    public activity: Activity | undefined,
    private readonly owner: PayloadPanels,
    private readonly source: PayloadSource,
  ) {
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
            : { kind: 'error', reason: this.activity ? 'failed' : 'gone', message: errorMessage(err) },
        );
      },
    );
    return this.settled;
  }

  private setState(state: PanelState): void {
    this.state = state;
    this.post();
  }

  /** Sends the current state; only after the webview said `ready` (its listener exists then). */
  private post(): void {
    if (!this.ready || this.disposed) return;
    let message: ToWebview;
    switch (this.state.kind) {
      case 'loading':
        message = { type: 'loading', header: this.header };
        break;
      case 'loaded':
        message = {
          type: 'payload',
          header: this.header,
          payload: this.state.payload,
          jsonStringPaths: this.activity?.jsonStringPaths ?? [],
          exactNumbers: model.exactNumberPaths(this.state.payload),
        };
        break;
      case 'error':
        message = { type: 'error', header: this.header, message: this.state.message, reason: this.state.reason };
        break;
    }
    void this.panel.webview.postMessage(message);
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

  private onDisposed(): void {
    this.disposed = true;
    this.load?.abort();
    this.owner.forget(this);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.panel.dispose();
  }
}

export class PayloadPanels implements vscode.Disposable {
  static readonly viewType = PAYLOAD_VIEW_TYPE;

  private readonly panels = new Map<string, PayloadPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;
  /** The `activity-payload:` documents; the activation shell registers a provider that forwards to it. */
  readonly documents: PayloadDocumentProvider;
  private readonly documentChanged = new vscode.EventEmitter<vscode.Uri>();

  constructor(
    context: vscode.ExtensionContext,
    private readonly source: PayloadSource,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.documents = new PayloadDocumentProvider(
      (key, signal) => this.payloadForDocument(key, signal),
      this.documentChanged.event,
    );
    // The webview serializer and the content provider are registered by the activation shell
    // (src/extension.ts), which forwards to restore() and `documents` once these services load.
    this.disposables.push(
      this.documentChanged,
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme !== PAYLOAD_SCHEME) return;
        const key = keyFromDocumentQuery(doc.uri.query);
        if (key !== undefined) this.documents.release(key);
      }),
    );
    context.subscriptions.push(this);
  }

  /** For tests: the panels currently open, by activity key. */
  get openKeys(): readonly string[] {
    return [...this.panels.keys()];
  }

  async show(activity: Activity): Promise<void> {
    const existing = this.panels.get(activity.key);
    if (existing) {
      existing.setActivity(activity);
      existing.panel.reveal(undefined, false);
      if (existing.isError) await existing.start();
      else await existing.settled;
      return;
    }
    const header = headerOf(activity, this.source.sourceLabel(activity));
    const panel = vscode.window.createWebviewPanel(
      PayloadPanels.viewType,
      panelTitle(header),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...this.webviewOptions(), retainContextWhenHidden: false, enableFindWidget: false },
    );
    const controller = this.adopt(panel, header, activity);
    await controller.start();
  }

  async openAsDocument(activity: Activity): Promise<void> {
    const label = this.source.sourceLabel(activity);
    let loaded = this.panels.get(activity.key)?.payload;
    if (!loaded) {
      const controller = new AbortController();
      try {
        loaded = {
          payload: await withDelayedProgress(
            `Loading payload of “${panelTitle({ title: activity.title, sourceLabel: label })}”`,
            controller,
            this.source.loadPayload(activity, controller.signal),
          ),
        };
      } catch (err) {
        if (!controller.signal.aborted) void vscode.window.showErrorMessage(errorMessage(err));
        return;
      }
    }
    this.documents.set(activity.key, { payload: loaded.payload, jsonStringPaths: activity.jsonStringPaths ?? [] });
    const uri = vscode.Uri.from(documentUriParts(activity, label));
    this.documentChanged.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Called by a panel when it is disposed. */
  forget(panel: PayloadPanel): void {
    if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [this.mediaRoot] };
  }

  private adopt(panel: vscode.WebviewPanel, header: PayloadHeader, activity: Activity | undefined): PayloadPanel {
    panel.webview.options = this.webviewOptions();
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.mediaRoot, 'payload-icon-light.svg'),
      dark: vscode.Uri.joinPath(this.mediaRoot, 'payload-icon-dark.svg'),
    };
    panel.title = panelTitle(header);
    const asUri = (file: string): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, file)).toString();
    panel.webview.html = buildPayloadHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUris: [asUri('payload-model.js'), asUri('payload.js')],
      styleUris: [asUri('payload.css')],
    });
    const controller = new PayloadPanel(panel, header, activity, this, this.source);
    this.panels.set(header.key, controller);
    return controller;
  }

  /** Serializer: the webview state holds `{key, header}`; the payload is fetched again. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const header = headerFromState(state);
    if (!header || this.panels.has(header.key)) {
      panel.dispose();
      return;
    }
    const controller = this.adopt(panel, header, undefined);
    void controller.start();
  }

  private async payloadForDocument(
    key: string,
    signal: AbortSignal,
  ): Promise<{ payload: unknown; jsonStringPaths: readonly string[] } | undefined> {
    const open = this.panels.get(key);
    if (open?.payload && open.activity) {
      return { payload: open.payload.payload, jsonStringPaths: open.activity.jsonStringPaths ?? [] };
    }
    const activity = open?.activity ?? (await this.source.findActivity(key, signal));
    if (!activity) return undefined;
    return { payload: await this.source.loadPayload(activity, signal), jsonStringPaths: activity.jsonStringPaths ?? [] };
  }
}
