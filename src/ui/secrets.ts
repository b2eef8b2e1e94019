/**
 * Credentials live in SecretStorage and nowhere else. Environment variables are a read-only
 * fallback for CI and for Linux machines without a keyring.
 */
import * as vscode from 'vscode';
import type { CredentialName, CredentialStore } from '../core/source';
import type { SecretRedactor } from '../core/redact';

const ENV_SUFFIX: Readonly<Record<CredentialName, string>> = { clientId: 'CLIENT_ID', clientSecret: 'CLIENT_SECRET', token: 'TOKEN' };

/** `ACTIVITY_LOGS_<SOURCE ID>_<CLIENT_ID|CLIENT_SECRET|TOKEN>`, the id upper-cased with other characters as `_`. */
export function credentialEnvName(sourceId: string, name: CredentialName): string {
  return `ACTIVITY_LOGS_${sourceId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${ENV_SUFFIX[name]}`;
}

export class SecretCredentialStore implements CredentialStore {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the source id whose credentials changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly redactor: SecretRedactor,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private storageKey(sourceId: string, name: CredentialName): string {
    return `activityLogs/${sourceId}/${name}`;
  }

  async get(sourceId: string, name: CredentialName): Promise<string | undefined> {
    const stored = await this.secrets.get(this.storageKey(sourceId, name));
    const value = stored || this.env[credentialEnvName(sourceId, name)] || undefined;
    return value;
  }

  /** Where the credential comes from, for the UI ("stored", "environment" or missing). */
  async origin(sourceId: string, name: CredentialName): Promise<'stored' | 'environment' | undefined> {
    if (await this.secrets.get(this.storageKey(sourceId, name))) return 'stored';
    return this.env[credentialEnvName(sourceId, name)] ? 'environment' : undefined;
  }

  async set(sourceId: string, name: CredentialName, value: string): Promise<void> {
    if (name !== 'clientId') this.redactor.register(value, sourceId);
    await this.secrets.store(this.storageKey(sourceId, name), value);
    this.changed.fire(sourceId);
  }

  async forget(sourceId: string): Promise<void> {
    for (const name of Object.keys(ENV_SUFFIX) as CredentialName[]) await this.secrets.delete(this.storageKey(sourceId, name));
    this.redactor.forgetOwner(sourceId);
    this.changed.fire(sourceId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
