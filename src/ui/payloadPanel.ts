/**
 * The payload panels: one webview panel per activity with a header and the payload as a lazy JSON
 * tree (the webview app in src/webview/payload/, bundled to dist/webview/payload.js), restored
 * after a window reload by a serializer, plus "Open as JSON document". Each panel's own state and
 * messages are in src/ui/payloadPanelController.ts.
 */
import * as vscode from 'vscode';
import type { Activity } from '../core/activity';
import type { PayloadHeader } from '../webview/payload/protocol';
import { PAYLOAD_VIEW_TYPE } from './contributions';
import { loadErrorMessage, withDelayedProgress } from './delayedProgress';
import { type DocumentPayload, PAYLOAD_SCHEME, PayloadDocumentProvider, documentUriParts, keyFromDocumentQuery } from './payloadDocument';
import { headerFromState, headerOf, panelTitle } from './payloadHeader';
import { type PanelOwner, PayloadPanelController, type PayloadSource } from './payloadPanelController';
import { buildPayloadHtml, makeNonce } from './webviewHtml';

export type { PayloadSource };

/** The activity key of a payload document; undefined for any other document. */
function payloadKeyOf(doc: vscode.TextDocument): string | undefined {
  return doc.uri.scheme === PAYLOAD_SCHEME ? keyFromDocumentQuery(doc.uri.query) : undefined;
}

export class PayloadPanels implements vscode.Disposable, PanelOwner {
  static readonly viewType = PAYLOAD_VIEW_TYPE;

  private readonly panels = new Map<string, PayloadPanelController>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The icons and the stylesheet. */
  private readonly mediaRoot: vscode.Uri;
  /** The webview bundle, built by esbuild.js. */
  private readonly scriptRoot: vscode.Uri;
  /** The `activity-payload:` documents; the activation shell registers a provider that forwards to it. */
  readonly documents: PayloadDocumentProvider;
  private readonly documentChangedEmitter = new vscode.EventEmitter<vscode.Uri>();

  /** The owner registers the returned object for disposal (src/ui/services.ts pushes it to the context). */
  constructor(
    context: Pick<vscode.ExtensionContext, 'extensionUri'>,
    private readonly source: PayloadSource,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.scriptRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.documents = new PayloadDocumentProvider(
      (key, signal) => this.payloadForDocument(key, signal),
      this.documentChangedEmitter.event,
    );
    // The webview serializer and the content provider are registered by the activation shell
    // (src/extension.ts), which forwards to restore() and `documents` once these services load.
    this.disposables.push(
      this.documentChangedEmitter,
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = payloadKeyOf(doc);
        // The same payload may stand in another document still open (its JSON document, a comparison's side).
        if (key !== undefined && !vscode.workspace.textDocuments.some((d) => d !== doc && payloadKeyOf(d) === key)) this.documents.release(key);
      }),
    );
  }

  /** For tests: the panels currently open, by activity key. */
  get openKeys(): readonly string[] {
    return [...this.panels.keys()];
  }

  /** The activity of the payload panel in front, for a command run from its title bar. */
  get activeActivity(): Activity | undefined {
    for (const controller of this.panels.values()) if (controller.panel.active) return controller.activity;
    return undefined;
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
    await this.adopt(panel, header, activity).start();
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
        if (!controller.signal.aborted) void vscode.window.showErrorMessage(loadErrorMessage(err));
        return;
      }
    }
    this.documents.set(activity.key, { payload: loaded.payload, jsonStringPaths: activity.jsonStringPaths ?? [], sourceKind: activity.sourceKind });
    const uri = vscode.Uri.from(documentUriParts(activity, label));
    this.documentChangedEmitter.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /** The payload of an activity: the one its open panel shows, else loaded (which may fetch). */
  async payloadOf(activity: Activity, signal: AbortSignal): Promise<unknown> {
    const shown = this.panels.get(activity.key)?.payload;
    return shown ? shown.payload : this.source.loadPayload(activity, signal);
  }

  /** The document of `uri` is to be read again (its payload or the way it is shown changed). */
  documentChanged(uri: vscode.Uri): void {
    this.documentChangedEmitter.fire(uri);
  }

  forget(panel: PayloadPanelController): void {
    if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
  }

  /** Closes every panel; each one's own onDidDispose takes it out of the map. */
  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [this.mediaRoot, this.scriptRoot] };
  }

  private adopt(panel: vscode.WebviewPanel, header: PayloadHeader, activity: Activity | undefined): PayloadPanelController {
    panel.webview.options = this.webviewOptions();
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.mediaRoot, 'payload-icon-light.svg'),
      dark: vscode.Uri.joinPath(this.mediaRoot, 'payload-icon-dark.svg'),
    };
    panel.title = panelTitle(header);
    const asUri = (root: vscode.Uri, file: string): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    panel.webview.html = buildPayloadHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUris: [asUri(this.scriptRoot, 'payload.js')],
      styleUris: [asUri(this.mediaRoot, 'payload.css')],
    });
    const controller = new PayloadPanelController(panel, header, activity, this, this.source);
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
    void this.adopt(panel, header, undefined).start();
  }

  private async payloadForDocument(
    key: string,
    signal: AbortSignal,
  ): Promise<DocumentPayload | undefined> {
    const open = this.panels.get(key);
    if (open?.payload && open.activity) {
      return { payload: open.payload.payload, jsonStringPaths: open.activity.jsonStringPaths ?? [], sourceKind: open.activity.sourceKind };
    }
    const activity = open?.activity ?? (await this.source.findActivity(key, signal));
    if (!activity) return undefined;
    return { payload: await this.source.loadPayload(activity, signal), jsonStringPaths: activity.jsonStringPaths ?? [], sourceKind: activity.sourceKind };
  }
}
