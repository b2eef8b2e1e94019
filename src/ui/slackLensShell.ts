/**
 * The CodeLens provider the activation shell registers for TypeScript and JavaScript files. It
 * answers nothing, and loads nothing, for a file whose text defines no Slack function or workflow;
 * for the others it hands over to src/ui/slackLenses.ts, which the services hold.
 */
import * as vscode from 'vscode';

export interface SlackLensProvider {
  readonly onDidChange: vscode.Event<void>;
  provide(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]>;
  resolve(lens: vscode.CodeLens, token: vscode.CancellationToken): Promise<vscode.CodeLens>;
}

const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
/** What deno-slack-sdk's definitions look like; files this large are not app definitions. */
const DEFINES = /\bDefine(?:Function|Workflow)\s*\(/;
const MAX_TEXT = 1024 * 1024;

/** The cheap test, on the text VS Code already holds: a Slack app definition may be here. */
export function mayDefineSlackComponents(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file') return false;
  const text = document.getText();
  return text.length <= MAX_TEXT && DEFINES.test(text);
}

/** Registers the provider; `provider()` loads the services, only once a file passed the cheap test. */
export function registerSlackLenses(provider: () => SlackLensProvider, changed: vscode.Event<void>): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider(
    LANGUAGES.map((language) => ({ language, scheme: 'file' })),
    {
      onDidChangeCodeLenses: changed,
      provideCodeLenses: (document, token) => (mayDefineSlackComponents(document) ? provider().provide(document, token) : []),
      resolveCodeLens: (lens, token) => provider().resolve(lens, token),
    },
  );
}
