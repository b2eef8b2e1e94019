/**
 * The prompts that add and edit sources and their credentials. Non-secret answers go to settings,
 * secrets to SecretStorage.
 */
import * as vscode from 'vscode';
import type { SourceConfig } from '../core/config';
import type { SourceKind } from '../core/activity';
import { describeOrigins } from '../core/credentials';
import { credentialOrigins } from '../sources';
import { unsafeUrlProblem } from '../core/urls';
import type { CredentialName } from '../core/source';
import type { SecretCredentialStore } from './secrets';
import { rawSources, updateSource, writeSources } from './settings';

export interface CredentialPrompt {
  readonly name: CredentialName;
  readonly title: string;
  readonly prompt: string;
  readonly password: boolean;
}

export const CREDENTIAL_PROMPTS: Readonly<Record<SourceKind, readonly CredentialPrompt[]>> = {
  torq: [
    { name: 'clientId', title: 'Torq client ID', prompt: 'The client ID of a Torq API key (avatar → API Keys). An Owner-role key also reads the audit log.', password: false },
    { name: 'clientSecret', title: 'Torq client secret', prompt: 'The client secret shown once when the API key was created.', password: true },
  ],
  slack: [
    { name: 'token', title: 'Slack service token', prompt: 'The service token that `slack auth token` prints (needs the hosting:read scope).', password: true },
  ],
  sde: [{ name: 'token', title: 'SD Elements API token', prompt: 'An APIv2 token (top-right menu → API Settings → APIv2 → Generate Token).', password: true }],
};

export const KIND_LABELS: Readonly<Record<SourceKind, string>> = { torq: 'Torq workspace', slack: 'Slack app', sde: 'SD Elements instance' };

/**
 * Asks for each credential of a source, naming the hosts they will be sent to (and bound to);
 * returns false if the user cancelled.
 */
export async function promptCredentials(credentials: SecretCredentialStore, config: SourceConfig, label: string): Promise<boolean> {
  const answers: Array<[CredentialName, string]> = [];
  const origins = credentialOrigins(config);
  for (const p of CREDENTIAL_PROMPTS[config.kind]) {
    const value = await vscode.window.showInputBox({
      title: `${p.title} for ${label} (sent only to ${describeOrigins(origins)})`,
      prompt: p.prompt,
      password: p.password,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : `Enter the ${p.title.toLowerCase()}`),
    });
    if (value === undefined) return false;
    answers.push([p.name, value.trim()]);
  }
  for (const [name, value] of answers) await credentials.set(config.id, name, value, origins);
  return true;
}

export function uniqueSourceId(base: string): string {
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'source';
  const taken = new Set(rawSources().map((s) => String(s.id)));
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

const urlInput = (title: string, value: string) =>
  vscode.window.showInputBox({
    title,
    value,
    ignoreFocusOut: true,
    validateInput: (v) => unsafeUrlProblem(v, 'https://api.torq.io'),
  });

/** Asks for the non-secret settings of a new source of `kind`; undefined when cancelled. */
export async function promptNewSource(kind: SourceKind): Promise<Record<string, unknown> | undefined> {
  switch (kind) {
    case 'torq': {
      const label = await vscode.window.showInputBox({ title: 'Name of the Torq workspace', value: 'Torq', ignoreFocusOut: true });
      if (!label) return undefined;
      const region = await vscode.window.showQuickPick(
        [
          { label: 'US', description: 'api.torq.io', value: 'us' },
          { label: 'EU', description: 'api.eu.torq.io', value: 'eu' },
          { label: 'Custom URLs…', description: 'a proxy, or a test server', value: 'custom' },
        ],
        { title: 'Torq region', ignoreFocusOut: true },
      );
      if (!region) return undefined;
      const entry: Record<string, unknown> = { id: uniqueSourceId(label), kind, label };
      if (region.value === 'custom') {
        const apiUrl = await urlInput('Torq API URL', 'https://api.torq.io');
        if (!apiUrl) return undefined;
        const authUrl = await urlInput('Torq authentication URL', apiUrl.replace('://api.', '://auth.'));
        if (!authUrl) return undefined;
        Object.assign(entry, { region: 'us', apiUrl, authUrl });
      } else entry.region = region.value;
      return entry;
    }
    case 'slack':
    case 'sde':
      return promptNewSourceOf(kind);
  }
}

/** Slack and SD Elements forms are registered by their UI modules. */
const otherForms: Partial<Record<SourceKind, () => Promise<Record<string, unknown> | undefined>>> = {};

export function registerSourceForm(kind: SourceKind, form: () => Promise<Record<string, unknown> | undefined>): void {
  otherForms[kind] = form;
}

async function promptNewSourceOf(kind: SourceKind): Promise<Record<string, unknown> | undefined> {
  const form = otherForms[kind];
  if (!form) {
    void vscode.window.showErrorMessage(`${KIND_LABELS[kind]} sources cannot be added from this build.`);
    return undefined;
  }
  return form();
}

export async function addSourceEntry(entry: Record<string, unknown>): Promise<void> {
  await writeSources([...rawSources(), entry]);
}

export async function removeSourceEntry(id: string): Promise<void> {
  await writeSources(rawSources().filter((s) => s.id !== id));
}

export async function editSourceFields(config: SourceConfig): Promise<boolean> {
  type Field = vscode.QuickPickItem & { key: string };
  const fields: Field[] = [{ label: 'Name', description: config.label ?? '', key: 'label' }];
  if (config.kind === 'torq') {
    fields.push(
      { label: 'Region', description: config.region, key: 'region' },
      { label: 'API URL', description: config.apiUrl ?? '(from region)', key: 'apiUrl' },
      { label: 'Authentication URL', description: config.authUrl ?? '(from region)', key: 'authUrl' },
      { label: 'Web UI URL', description: config.uiUrl ?? '(from region)', key: 'uiUrl' },
    );
  } else if (config.kind === 'slack') {
    fields.push(
      { label: 'App ID', description: config.appId, key: 'appId' },
      { label: 'Team ID', description: config.teamId ?? '(any)', key: 'teamId' },
      { label: 'Web API URL', description: config.apiUrl ?? 'https://slack.com/api/', key: 'apiUrl' },
    );
  } else {
    fields.push({ label: 'Instance URL', description: config.url, key: 'url' });
  }
  const field = await vscode.window.showQuickPick(fields, { title: `Edit ${config.label ?? config.id}`, ignoreFocusOut: true });
  if (!field) return false;
  if (field.key === 'region') {
    const region = await vscode.window.showQuickPick(['us', 'eu'], { title: 'Torq region' });
    if (!region) return false;
    await updateSource(config.id, { region });
    return true;
  }
  const current = (config as Record<string, unknown>)[field.key];
  const value = /url$/i.test(field.key)
    ? await vscode.window.showInputBox({ title: field.label, value: typeof current === 'string' ? current : '', prompt: 'Leave empty to use the default', ignoreFocusOut: true })
    : await vscode.window.showInputBox({ title: field.label, value: typeof current === 'string' ? current : '', ignoreFocusOut: true });
  if (value === undefined) return false;
  await updateSource(config.id, { [field.key]: value.trim() || undefined });
  return true;
}
