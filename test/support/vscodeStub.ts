/**
 * A minimal `vscode` module for running the UI layer in plain Node (the unit tests of activation
 * and of the tree's nodes, and the benchmarks): what activate() and the tree touch, doing nothing.
 * Registered under the name 'vscode' in require's resolver and cache, so `require('vscode')`
 * anywhere returns it.
 * Anything else the extension reaches for is reported (a missing stub must not go unnoticed).
 */
import { readFileSync } from 'fs';
import Module = require('module');

type Listener<T> = (e: T) => unknown;

class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, u.pathname, u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, [base.path, ...parts].join('/').replace(/\/+/g, '/'), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

class FileDecoration {
  constructor(
    readonly badge?: string,
    readonly tooltip?: string,
    readonly color?: ThemeColor,
  ) {}
}

class TreeItem {
  id?: string;
  iconPath?: unknown;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

const noopDisposable = () => new Disposable();
const emptyEvent = () => noopDisposable();

function outputChannel(name: string) {
  const nop = () => {};
  return { name, append: nop, appendLine: nop, replace: nop, clear: nop, show: nop, hide: nop, dispose: nop, trace: nop, debug: nop, info: nop, warn: nop, error: nop, logLevel: 2, onDidChangeLogLevel: emptyEvent };
}

function configuration(values: Record<string, unknown>) {
  return {
    get: <T>(key: string, fallback?: T): T | undefined => (key in values ? (values[key] as T) : fallback),
    has: (key: string) => key in values,
    inspect: () => undefined,
    update: async () => {},
  };
}

export interface VscodeStubOptions {
  /** Settings under `activityLogs.` (e.g. `sources`). */
  readonly settings?: Record<string, unknown>;
}

/** The names the extension used that the stub does not provide. */
export const missing = new Set<string>();

function guard<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === 'string' && !(key in obj) && key !== 'then' && key !== '__esModule') missing.add(`${name}.${key}`);
      return Reflect.get(obj, key, receiver);
    },
  });
}

export function createVscodeStub(options: VscodeStubOptions = {}) {
  const settings = options.settings ?? {};
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const window = guard('window', {
    createOutputChannel: outputChannel,
    createTreeView: (_id: string, _options: unknown) => ({
      visible: false,
      selection: [],
      onDidChangeVisibility: emptyEvent,
      onDidChangeSelection: emptyEvent,
      onDidExpandElement: emptyEvent,
      onDidCollapseElement: emptyEvent,
      reveal: async () => {},
      dispose: () => {},
      message: undefined as string | undefined,
      description: undefined as string | undefined,
      badge: undefined as unknown,
    }),
    createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, show: () => {}, hide: () => {}, dispose: () => {} }),
    registerWebviewPanelSerializer: noopDisposable,
    registerUriHandler: noopDisposable,
    registerTreeDataProvider: noopDisposable,
    registerFileDecorationProvider: noopDisposable,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    setStatusBarMessage: noopDisposable,
    onDidChangeActiveColorTheme: emptyEvent,
  });
  const workspace = guard('workspace', {
    registerTextDocumentContentProvider: noopDisposable,
    getConfiguration: (section?: string) => configuration(section === 'activityLogs' ? settings : Object.fromEntries(Object.entries(settings).map(([k, v]) => [`activityLogs.${k}`, v]))),
    onDidChangeConfiguration: emptyEvent,
    onDidCloseTextDocument: emptyEvent,
    workspaceFolders: undefined,
    getWorkspaceFolder: () => undefined,
    createFileSystemWatcher: () => ({ onDidCreate: emptyEvent, onDidChange: emptyEvent, onDidDelete: emptyEvent, dispose: () => {} }),
  });
  const api = {
    window,
    workspace,
    commands: guard('commands', {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        commands.set(id, fn);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]) => commands.get(id)?.(...args),
    }),
    env: guard('env', { clipboard: { writeText: async () => {}, readText: async () => '' }, openExternal: async () => true }),
    languages: guard('languages', { setTextDocumentLanguage: async (d: unknown) => d, registerCodeLensProvider: noopDisposable }),
    EventEmitter,
    Disposable,
    ThemeIcon,
    ThemeColor,
    Uri,
    TreeItem,
    FileDecoration,
    TreeItemCollapsibleState,
    MarkdownString,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
  };
  return { api: guard('vscode', api), commands };
}

export interface ExtensionContextStub {
  subscriptions: Array<{ dispose(): unknown }>;
  extensionUri: Uri;
  extensionPath: string;
  secrets: { get(key: string): Promise<string | undefined>; store(key: string, value: string): Promise<void>; delete(key: string): Promise<void>; onDidChange: typeof emptyEvent };
  globalState: { get<T>(key: string, fallback?: T): T | undefined; update(key: string, value: unknown): Promise<void>; keys(): readonly string[] };
  workspaceState: ExtensionContextStub['globalState'];
  /** The manifest, where the activation shell finds the commands it registers. */
  extension: { packageJSON: unknown };
}

export function extensionContext(root: string): ExtensionContextStub {
  const secrets = new Map<string, string>();
  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
      keys: () => [...values.keys()],
    };
  };
  return {
    subscriptions: [],
    extensionUri: Uri.file(root),
    extensionPath: root,
    secrets: {
      get: async (k) => secrets.get(k),
      store: async (k, v) => void secrets.set(k, v),
      delete: async (k) => void secrets.delete(k),
      onDidChange: emptyEvent,
    },
    globalState: memento(),
    workspaceState: memento(),
    extension: { packageJSON: JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) },
  };
}

/** Makes `require('vscode')` return the stub from now on in this process. */
export function installVscodeStub(options: VscodeStubOptions = {}): ReturnType<typeof createVscodeStub> {
  const stub = createVscodeStub(options);
  const id = '\0vscode-stub';
  const M = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const resolve = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : resolve.call(this, request, ...rest);
  };
  const m = new Module(id);
  m.filename = id;
  m.loaded = true;
  m.exports = stub.api;
  require.cache[id] = m;
  return stub;
}
