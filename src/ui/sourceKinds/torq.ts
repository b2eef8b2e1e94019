/** Torq workspaces: a region (or custom URLs), and an API key's client ID and secret. */
import * as vscode from 'vscode';
import { unsafeUrlProblem } from '../../core/urls';
import { uniqueSourceId } from '../settings';
import { type NewSourceEntry, type SourceKindUi, type SuggestedSettings, suggestedFirst } from './kind';

const DEFAULT_PROMPT = 'Leave empty to use the default';

const urlInput = (title: string, value: string) =>
  vscode.window.showInputBox({
    title,
    value,
    ignoreFocusOut: true,
    validateInput: (v) => unsafeUrlProblem(v, 'https://api.torq.io'),
  });

async function promptTorqSource(suggested: SuggestedSettings = {}): Promise<NewSourceEntry | undefined> {
  const label = await vscode.window.showInputBox({ title: 'Name of the Torq workspace', value: 'Torq', ignoreFocusOut: true });
  if (!label) return undefined;
  const region = await vscode.window.showQuickPick(
    suggestedFirst([
      { label: 'US', description: 'api.torq.io', value: 'us' },
      { label: 'EU', description: 'api.eu.torq.io', value: 'eu' },
      { label: 'Custom URLs…', description: 'a proxy, or a test server', value: 'custom' },
    ], (r) => r.value === (suggested.apiUrl ? 'custom' : suggested.region)),
    { title: 'Torq region', ignoreFocusOut: true },
  );
  if (!region) return undefined;
  const entry = { id: uniqueSourceId(label), kind: 'torq', label };
  if (region.value !== 'custom') return { ...entry, region: region.value };
  const apiUrl = await urlInput('Torq API URL', suggested.apiUrl ?? 'https://api.torq.io');
  if (!apiUrl) return undefined;
  const authUrl = await urlInput('Torq authentication URL', suggested.authUrl ?? apiUrl.replace('://api.', '://auth.'));
  if (!authUrl) return undefined;
  return { ...entry, region: 'us', apiUrl, authUrl };
}

export const torqKind: SourceKindUi = {
  label: 'Torq workspace',
  icon: 'zap',
  credentials: [
    { name: 'clientId', title: 'Torq client ID', prompt: 'The client ID of a Torq API key (avatar → API Keys). An Owner-role key also reads the audit log.', password: false },
    { name: 'clientSecret', title: 'Torq client secret', prompt: 'The client secret shown once when the API key was created.', password: true },
  ],
  editFields: [
    { key: 'region', label: 'Region', choices: ['us', 'eu'] },
    { key: 'apiUrl', label: 'API URL', unset: '(from region)', prompt: DEFAULT_PROMPT },
    { key: 'authUrl', label: 'Authentication URL', unset: '(from region)', prompt: DEFAULT_PROMPT },
    { key: 'uiUrl', label: 'Web UI URL', unset: '(from region)', prompt: DEFAULT_PROMPT },
  ],
  promptNew: promptTorqSource,
};
