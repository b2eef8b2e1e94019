/**
 * Credentials bound to where they may be sent. A secret is stored together with the origins it was
 * entered for (Torq: its token host and API host; Slack: the Web API host; SD Elements: the
 * instance); a source that would send it to any other origin does not get it, and the user is
 * asked again for that host. So a changed setting (a repository's .vscode/settings.json that
 * declares a source of the same id) can point a source elsewhere, but cannot take its secret along.
 */
import { ActivityLogsError } from './errors';
import type { CredentialName, CredentialStore } from './source';

export type CredentialValues = Partial<Record<CredentialName, string>>;

export interface CredentialBinding {
  /** The origins the values were entered for, e.g. `https://auth.torq.io`, `https://api.torq.io`. */
  readonly origins: readonly string[];
  readonly values: CredentialValues;
}

/** Where bindings are kept: VS Code's SecretStorage, or a Map in tests. */
export interface SecretBackend {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** A credential that was not entered with origins (an environment variable), and the origins it may go to. */
export type UnboundCredential = { readonly value: string; readonly origins: readonly string[] };

/** One binding per set of origins; the oldest go once a source has been pointed at this many. */
const MAX_BINDINGS = 8;

const sameOrigins = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((o) => b.includes(o));
const covers = (binding: Pick<CredentialBinding, 'origins'>, origins: readonly string[]) => origins.every((o) => binding.origins.includes(o));

export function storageKey(sourceId: string): string {
  return `activityLogs/${sourceId}/credentials`;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The host of each origin, for messages ("api.torq.io", "127.0.0.1:4780"). */
export function describeOrigins(origins: readonly string[]): string {
  const hosts = [...new Set(origins.map(hostOf))];
  return hosts.length <= 1 ? (hosts[0] ?? '') : `${hosts.slice(0, -1).join(', ')} and ${hosts[hosts.length - 1]}`;
}

/** The source points somewhere its stored credentials were not entered for: nothing was sent. */
export function credentialsElsewhereError(wanted: readonly string[], bound: readonly string[]): ActivityLogsError {
  const fresh = wanted.filter((o) => !bound.includes(o));
  return new ActivityLogsError(
    'auth',
    `This source now sends its credentials to ${describeOrigins(fresh)}, but they were entered for ${describeOrigins(bound)}: they were not sent. ` +
      `If you trust ${describeOrigins(fresh)}, enter credentials for it (a workspace's settings may have changed where this source points).`,
    { fix: 'enterCredentials', code: 'credentialsElsewhere' },
  );
}

export class OriginBoundCredentials implements CredentialStore {
  constructor(
    private readonly backend: SecretBackend,
    /** A credential kept without origins (environment variables), with where it may go. */
    private readonly unbound: (sourceId: string, name: CredentialName) => Promise<UnboundCredential | undefined> = async () => undefined,
  ) {}

  async bindings(sourceId: string): Promise<CredentialBinding[]> {
    const text = await this.backend.get(storageKey(sourceId));
    if (!text) return [];
    try {
      const parsed = JSON.parse(text) as { bindings?: unknown };
      return (Array.isArray(parsed.bindings) ? parsed.bindings : []).filter(
        (b): b is CredentialBinding => !!b && Array.isArray(b.origins) && b.origins.every((o: unknown) => typeof o === 'string') && typeof b.values === 'object' && b.values !== null,
      );
    } catch {
      return [];
    }
  }

  /**
   * The credential, only when it was entered for every one of `origins` (where the source will
   * send it). Throws (kind `auth`, fix `enterCredentials`) when it exists but was entered for
   * other origins; undefined when there is none at all.
   */
  async get(sourceId: string, name: CredentialName, origins: readonly string[]): Promise<string | undefined> {
    const bindings = (await this.bindings(sourceId)).filter((b) => typeof b.values[name] === 'string' && b.values[name] !== '');
    const fitting = bindings.find((b) => covers(b, origins));
    if (fitting) return fitting.values[name];
    const unbound = await this.unbound(sourceId, name);
    if (unbound && covers(unbound, origins)) return unbound.value;
    const elsewhere = bindings[0]?.origins ?? unbound?.origins;
    if (elsewhere) throw credentialsElsewhereError(origins, elsewhere);
    return undefined;
  }

  /** Stores `value` for `origins`, with the other values entered for the same origins. */
  async set(sourceId: string, name: CredentialName, value: string, origins: readonly string[]): Promise<void> {
    if (origins.length === 0) throw new Error('A credential is stored only with the origins it may be sent to');
    const bindings = await this.bindings(sourceId);
    const same = bindings.find((b) => sameOrigins(b.origins, origins));
    const updated: CredentialBinding = { origins: [...origins], values: { ...same?.values, [name]: value } };
    const kept = [updated, ...bindings.filter((b) => b !== same)].slice(0, MAX_BINDINGS);
    await this.backend.store(storageKey(sourceId), JSON.stringify({ bindings: kept }));
  }

  /** Whether any value of `name` is stored for the source, whatever its origins. */
  async has(sourceId: string, name: CredentialName): Promise<boolean> {
    return (await this.bindings(sourceId)).some((b) => !!b.values[name]);
  }

  async forget(sourceId: string): Promise<void> {
    await this.backend.delete(storageKey(sourceId));
  }
}
