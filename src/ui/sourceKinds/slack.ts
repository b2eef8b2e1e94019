/**
 * Slack apps. The "Add Slack app" form: app ids offered from the open workspace's Slack CLI projects
 * (`.slack/apps.json`, `.slack/apps.dev.json`), or entered by hand; the Web API host (Slack,
 * GovSlack or a custom base URL). The token is asked for afterwards, into SecretStorage.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { unsafeUrlProblem } from '../../core/urls';
import { CliProjectApp, findCliProjectApps } from '../../sources/slack/cliProject';
import { DEFAULT_SLACK_API } from '../../sources/slack/endpoints';
import { uniqueSourceId } from '../settings';
import { type NewSourceEntry, type SourceKindUi, type SuggestedSettings, suggestedFirst } from './kind';

const APP_ID = /^A[A-Z0-9]+$/;
const TEAM_ID = /^[TE][A-Z0-9]+$/;
const GOV_SLACK_API = 'https://slack-gov.com/api/';

type AppPick = vscode.QuickPickItem & { app?: CliProjectApp };

async function promptSlackSource(suggested: SuggestedSettings = {}): Promise<NewSourceEntry | undefined> {
  // Only folders on disk: a virtual workspace's files are not read with fs.
  const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath) ?? [];
  const apps = await findCliProjectApps(folders);
  let app: Pick<CliProjectApp, 'appId' | 'teamId' | 'teamDomain' | 'environment' | 'folder'> | undefined;
  // A link names the app: the project's apps are not offered instead.
  if (apps.length && !suggested.appId) {
    const picks: AppPick[] = [
      ...apps.map((a) => ({
        label: a.appId,
        description: [a.teamDomain ?? a.teamId, a.environment === 'local' ? 'local (slack run)' : 'deployed'].filter(Boolean).join(' · '),
        detail: a.folder ? `from ${path.basename(a.folder)}/${a.environment === 'local' ? '.slack/apps.dev.json' : '.slack/apps.json'}` : undefined,
        app: a,
      })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(edit) Enter an app ID…', alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(picks, { title: 'Slack app', placeHolder: 'An app of this workspace\'s Slack CLI project, or another app', ignoreFocusOut: true });
    if (!picked) return undefined;
    app = picked.app;
  }
  if (!app) {
    const appId = await vscode.window.showInputBox({
      title: 'Slack app ID',
      prompt: 'The app id (A…) as `slack app list` or the app settings page show it',
      placeHolder: 'A0123ABCD',
      value: suggested.appId,
      ignoreFocusOut: true,
      validateInput: (v) => (APP_ID.test(v.trim()) ? undefined : 'An app id starts with A followed by capital letters and digits, e.g. A0123ABCD'),
    });
    if (!appId) return undefined;
    const teamId = await vscode.window.showInputBox({
      title: 'Slack team ID (optional)',
      prompt: 'The team (workspace) that owns the app, T… or E…; used for "Open in Web UI". Leave empty if unsure.',
      value: suggested.teamId,
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() || TEAM_ID.test(v.trim()) ? undefined : 'A team id starts with T (or E for an org), e.g. T0123ABCD'),
    });
    if (teamId === undefined) return undefined;
    app = { appId: appId.trim(), teamId: teamId.trim() || undefined, environment: 'deployed' };
  }
  const host = await vscode.window.showQuickPick(
    suggestedFirst([
      { label: 'Slack', description: 'slack.com', value: undefined as string | undefined },
      { label: 'GovSlack', description: 'slack-gov.com', value: GOV_SLACK_API },
      { label: 'Custom Web API URL…', description: 'a proxy, or a test server', value: 'custom' },
    ], (h) => h.value === (suggested.apiUrl === undefined ? undefined : suggested.apiUrl === GOV_SLACK_API ? GOV_SLACK_API : 'custom')),
    { title: 'Slack Web API', ignoreFocusOut: true },
  );
  if (!host) return undefined;
  let apiUrl = host.value;
  if (apiUrl === 'custom') {
    apiUrl = await vscode.window.showInputBox({
      title: 'Slack Web API base URL',
      value: suggested.apiUrl ?? DEFAULT_SLACK_API,
      ignoreFocusOut: true,
      validateInput: (v) => unsafeUrlProblem(v, 'https://slack.com/api/'),
    });
    if (!apiUrl) return undefined;
  }
  const name = `Slack ${app.teamDomain ? `${app.teamDomain} ` : ''}${app.appId}${app.environment === 'local' ? ' (local)' : ''}`;
  const label = await vscode.window.showInputBox({ title: 'Name of the Slack app', value: name, ignoreFocusOut: true });
  if (!label) return undefined;
  const entry: NewSourceEntry = { id: uniqueSourceId(label), kind: 'slack', label, appId: app.appId };
  if (app.teamId) entry.teamId = app.teamId;
  if (apiUrl) entry.apiUrl = apiUrl.trim();
  return entry;
}

export const slackKind: SourceKindUi = {
  label: 'Slack app',
  icon: 'comment-discussion',
  credentials: [{ name: 'token', title: 'Slack service token', prompt: 'The service token that `slack auth token` prints (needs the hosting:read scope).', password: true }],
  editFields: [
    { key: 'appId', label: 'App ID' },
    { key: 'teamId', label: 'Team ID', unset: '(any)' },
    { key: 'apiUrl', label: 'Web API URL', unset: DEFAULT_SLACK_API, prompt: 'Leave empty to use the default' },
  ],
  promptNew: promptSlackSource,
};

