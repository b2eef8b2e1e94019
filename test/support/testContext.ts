/** What the source tests share: a SourceContext over a real HttpClient, with credentials in memory. */
import { HttpClient, HttpClientOptions } from '../../src/core/http';
import { silentLogger } from '../../src/core/log';
import type { CredentialName, SourceContext } from '../../src/core/source';
import { SecretRedactor } from '../../src/core/redact';

export type TestCredentials = Record<string, Partial<Record<CredentialName, string>>>;

export interface TestContextOptions extends HttpClientOptions {
  readonly pageSize?: number;
  /** Records every wait instead of sleeping (retry back-off, Retry-After). */
  readonly waits?: number[];
}

export function testContext(credentials: TestCredentials, options: TestContextOptions = {}): SourceContext & { http: HttpClient } {
  const { waits, pageSize, ...http } = options;
  const redactor = new SecretRedactor();
  return {
    http: new HttpClient({
      baseBackoffMs: 5,
      redactor,
      ...http,
      sleep: waits ? async (ms: number) => void waits.push(ms) : http.sleep,
    }),
    credentials: { get: async (sourceId: string, name: CredentialName) => credentials[sourceId]?.[name] },
    log: silentLogger,
    redactor,
    pageSize: pageSize ?? 100,
  };
}
