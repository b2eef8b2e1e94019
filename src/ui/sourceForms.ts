/**
 * The prompts that add and edit sources and their credentials, over the descriptors of
 * src/ui/sourceKinds/. Non-secret answers go to settings, secrets to SecretStorage.
 */
import * as vscode from 'vscode';
import type { SourceConfig } from '../core/config';
import { describeOrigins } from '../core/credentials';
import { credentialOrigins } from '../sources';
import type { CredentialName } from '../core/source';
import type { SecretCredentialStore } from './secrets';
import { rawSources, updateSource, writeSources } from './settings';
import { type EditField, SOURCE_KINDS } from './sourceKinds';

/**
 * Asks for each credential of a source, naming the hosts they will be sent to (and bound to);
 * returns false if the user cancelled.
 */
export async function promptCredentials(credentials: SecretCredentialStore, config: SourceConfig, label: string): Promise<boolean> {
  const answers: Array<[CredentialName, string]> = [];
  const origins = credentialOrigins(config);
  for (const p of SOURCE_KINDS[config.kind].credentials) {
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

export async function addSourceEntry(entry: Record<string, unknown>): Promise<void> {
  await writeSources([...rawSources(), entry]);
}

export async function removeSourceEntry(id: string): Promise<void> {
  await writeSources(rawSources().filter((s) => s.id !== id));
}

/** Asks which setting to change and its new value; false when cancelled. */
export async function editSourceFields(config: SourceConfig): Promise<boolean> {
  const settings = config as Record<string, unknown>;
  const text = (key: string) => (typeof settings[key] === 'string' ? (settings[key] as string) : '');
  const fields: EditField[] = [{ key: 'label', label: 'Name' }, ...SOURCE_KINDS[config.kind].editFields];
  const picked = await vscode.window.showQuickPick(
    fields.map((field) => ({ label: field.label, description: text(field.key) || field.unset || '', field })),
    { title: `Edit ${config.label ?? config.id}`, ignoreFocusOut: true },
  );
  if (!picked) return false;
  const { field } = picked;
  const value = field.choices
    ? await vscode.window.showQuickPick([...field.choices], { title: field.label })
    : await vscode.window.showInputBox({ title: field.label, value: text(field.key), prompt: field.prompt, ignoreFocusOut: true });
  if (value === undefined) return false;
  await updateSource(config.id, { [field.key]: value.trim() || undefined });
  return true;
}
