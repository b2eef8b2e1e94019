/**
 * Credentials live in SecretStorage and nowhere else, each bound to the origins it was entered for
 * (src/core/credentials.ts). Environment variables are a read-only fallback for CI and for Linux
 * machines without a keyring: they carry no origins, so they go only where the source declared in
 * the user's own settings points (never where a workspace's settings point it).
 */
import * as vscode from 'vscode';
import { OriginBoundCredentials } from '../core/credentials';
import type { SecretRedactor } from '../core/redact';
import type { CredentialName, CredentialStore } from '../core/source';

const ENV_SUFFIX: Readonly<Record<CredentialName, string>> = { clientId: 'CLIENT_ID', clientSecret: 'CLIENT_SECRET', token: 'TOKEN' };

/** `ACTIVITY_LOGS_<SOURCE ID>_<CLIENT_ID|CLIENT_SECRET|TOKEN>`, the id upper-cased with other characters as `_`. */
export function credentialEnvName(sourceId: string, name: CredentialName): string {
  return `ACTIVITY_LOGS_${sourceId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${ENV_SUFFIX[name]}`;
}

/** Where a source sends its credentials, as configured now and as the user's own settings declare it. */
export interface SourceOrigins {
  current(sourceId: string): readonly string[] | undefined;
  declaredByUser(sourceId: string): readonly string[] | undefined;
}

export class SecretCredentialStore implements CredentialStore {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the source id whose credentials changed. */
  readonly onDidChange = this.changed.event;
  private readonly bound: OriginBoundCredentials;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly redactor: SecretRedactor,
    private readonly origins: SourceOrigins,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.bound = new OriginBoundCredentials(secrets, async (sourceId, name) => {
      const value = (await this.secrets.get(this.legacyKey(sourceId, name))) || this.env[credentialEnvName(sourceId, name)];
      const declared = this.origins.declaredByUser(sourceId);
      return value && declared ? { value, origins: declared } : undefined;
    });
  }

  /** Where versions before origin binding kept a value: read as if it came from the environment. */
  private legacyKey(sourceId: string, name: CredentialName): string {
    return `activityLogs/${sourceId}/${name}`;
  }

  get(sourceId: string, name: CredentialName, origins: readonly string[]): Promise<string | undefined> {
    return this.bound.get(sourceId, name, origins);
  }

  /** Where the credential comes from, for the UI ("stored", "environment" or missing). */
  async origin(sourceId: string, name: CredentialName): Promise<'stored' | 'environment' | undefined> {
    if ((await this.bound.has(sourceId, name)) || (await this.secrets.get(this.legacyKey(sourceId, name)))) return 'stored';
    return this.env[credentialEnvName(sourceId, name)] ? 'environment' : undefined;
  }

  /** Stores a credential for `origins`; by default where the source as configured now sends it. */
  async set(sourceId: string, name: CredentialName, value: string, origins = this.origins.current(sourceId)): Promise<void> {
    if (!origins?.length) throw new Error(`No source "${sourceId}" is configured to say where its credentials may be sent`);
    if (name !== 'clientId') this.redactor.register(value, sourceId);
    await this.bound.set(sourceId, name, value, origins);
    this.changed.fire(sourceId);
  }

  async forget(sourceId: string): Promise<void> {
    await this.bound.forget(sourceId);
    for (const name of Object.keys(ENV_SUFFIX) as CredentialName[]) await this.secrets.delete(this.legacyKey(sourceId, name));
    this.redactor.forgetOwner(sourceId);
    this.changed.fire(sourceId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
