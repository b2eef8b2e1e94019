/**
 * Credential scope: a token is sent only to its own source's origin, a redirect to another origin
 * carries nothing there (redirects are never followed), plain HTTP is refused for hosts other than
 * loopback. Every product runs against its own fake server, so a credential arriving at the wrong
 * one shows in that server's request log; a recording server stands for "another origin".
 * Credentials are bound to the origins they were entered for: a source of the same id pointed
 * elsewhere (a workspace's settings) is not given them, and Restricted Mode ignores such sources.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import type { SourceConfig } from '../../../src/core/config';
import { OriginBoundCredentials, type SecretBackend, storageKey } from '../../../src/core/credentials';
import { ActivityLogsError } from '../../../src/core/errors';
import { assertSafeUrl, HttpClient, isLoopbackHost } from '../../../src/core/http';
import { redactingLogger } from '../../../src/core/log';
import { SecretRedactor } from '../../../src/core/redact';
import type { CredentialName, SourceContext } from '../../../src/core/source';
import { createSource, credentialOrigins } from '../../../src/sources';
import { SdeSource } from '../../../src/sources/sde/source';
import { SlackSource } from '../../../src/sources/slack/source';
import { TorqSource } from '../../../src/sources/torq/source';
import { FAKE_CREDENTIALS } from '../../fake-api/credentials';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { REPO_ROOT } from '../../support/paths';

const C = FAKE_CREDENTIALS;
/** Every credential value a request could carry, by the source it belongs to. */
const TORQ_BASIC = Buffer.from(`${C.torq.clientId}:${C.torq.clientSecret}`).toString('base64');

interface Ctx extends SourceContext {
  readonly lines: string[];
}

function context(values: Partial<Record<CredentialName, string>>): Ctx {
  const lines: string[] = [];
  const redactor = new SecretRedactor();
  return {
    http: new HttpClient({ maxAttempts: 1, timeoutMs: 5000, redactor }),
    credentials: { get: async (_id: string, name: CredentialName) => values[name] },
    log: redactingLogger((level, line) => lines.push(`${level} ${line}`), redactor),
    redactor,
    pageSize: 25,
    lines,
  };
}

interface Recorder {
  readonly url: string;
  readonly hits: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** Records whatever reaches it; `answer` decides the reply (default: an empty 200 JSON). */
async function recorder(answer?: (req: http.IncomingMessage, res: http.ServerResponse, self: string) => void): Promise<Recorder> {
  const hits: Recorder['hits'] = [];
  let self = '';
  const server = http.createServer((req, res) => {
    hits.push({ path: req.url ?? '', headers: req.headers });
    if (answer) answer(req, res, self);
    else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The credential-bearing header values one server received. */
const authorizations = (api: FakeApi): string[] => api.requests.map((r) => r.headers.authorization).filter((a): a is string => !!a);

describe('security: credential scope', function () {
  this.timeout(30_000);

  describe('HTTPS only, plain HTTP only to loopback', () => {
    it('refuses http:// to any other host with a clear message, before sending anything', async () => {
      for (const url of ['http://example.com/api/v2/', 'http://10.0.0.5:8080/', 'http://127.0.0.1.nip.io/', 'http://localhost.example.com/', 'ftp://127.0.0.1/']) {
        assert.throws(
          () => assertSafeUrl(new URL(url), 'SD Elements activities'),
          (e: unknown) =>
            e instanceof ActivityLogsError &&
            e.kind === 'config' &&
            e.fix === 'editSource' &&
            /^SD Elements activities: refusing \w+:\/\/[^ ]+ — only HTTPS is allowed \(plain HTTP only to localhost\)$/.test(e.message),
          url,
        );
      }
      const client = new HttpClient({ maxAttempts: 1 });
      await assert.rejects(
        client.send({ service: 'Test', url: 'http://example.com/x', credential: { header: 'Token secret-value-123', origin: 'http://example.com' } }),
        /refusing http:\/\/example\.com — only HTTPS is allowed/,
      );
      assert.equal(client.requestCount, 0, 'nothing was sent');
    });

    it('allows https:// anywhere and http:// to 127.0.0.1, localhost and [::1]', () => {
      for (const url of ['https://example.com/', 'https://api.torq.io/public/v1alpha/activity_logs', 'http://127.0.0.1:4780/', 'http://localhost:4780/api/', 'http://[::1]:8080/', 'http://127.1.2.3/']) {
        assert.doesNotThrow(() => assertSafeUrl(new URL(url), 'Test'), url);
      }
      assert.ok(isLoopbackHost('localhost') && isLoopbackHost('127.0.0.1') && isLoopbackHost('[::1]'));
      assert.ok(!isLoopbackHost('example.com') && !isLoopbackHost('127.0.0.1.example.com'));
    });

    it('a source configured with http:// on another host never sends its token', async () => {
      const ctx = context({ token: C.sde.token });
      const sde = new SdeSource({ id: 'sde-http', kind: 'sde', url: 'http://sde.example.com' }, ctx);
      await assert.rejects(sde.testConnection(), (e: unknown) => e instanceof ActivityLogsError && e.kind === 'config' && /only HTTPS is allowed/.test(e.message));
      assert.equal(ctx.http.requestCount, 0);
    });
  });

  describe('each token only to its own source', () => {
    let torqApi: FakeApi;
    let slackApi: FakeApi;
    let sdeApi: FakeApi;
    before(async () => {
      [torqApi, slackApi, sdeApi] = await Promise.all([startFakeApi(), startFakeApi(), startFakeApi()]);
    });
    after(async () => Promise.all([torqApi, slackApi, sdeApi].map((a) => a.close())));

    it('three sources on three origins: every server sees only its own source credential', async () => {
      const torqOrigin = new URL(torqApi.url);
      // Auth and API on different origins of the same server: localhost vs 127.0.0.1.
      const authUrl = `http://localhost:${torqOrigin.port}`;
      const torq = new TorqSource({ id: 't', kind: 'torq', region: 'us', apiUrl: torqApi.url, authUrl }, context({ clientId: C.torq.clientId, clientSecret: C.torq.clientSecret }));
      const slack = new SlackSource({ id: 's', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${slackApi.url}/api/` }, context({ token: C.slack.token }));
      const sde = new SdeSource({ id: 'd', kind: 'sde', url: sdeApi.url }, context({ token: C.sde.token }));
      await torq.testConnection();
      await slack.testConnection();
      await sde.testConnection();
      await torq.client.activityLogs({}, undefined);

      const torqAuth = torqApi.requests.filter((r) => r.path === '/v1/auth/token');
      const torqCalls = torqApi.requests.filter((r) => r.path !== '/v1/auth/token');
      assert.ok(torqAuth.length >= 1 && torqCalls.length >= 1);
      for (const r of torqAuth) {
        assert.equal(r.headers.authorization, `Basic ${TORQ_BASIC}`, 'Basic client id:secret to the token endpoint');
        assert.equal(r.headers.host, `localhost:${torqOrigin.port}`, 'only to the auth origin');
      }
      for (const r of torqCalls) {
        assert.match(r.headers.authorization ?? '', /^Bearer [0-9a-f-]{36}$/, 'the bearer token to the API');
        assert.equal(r.headers.host, torqOrigin.host, 'only to the API origin');
      }
      assert.ok(!torqCalls.some((r) => (r.headers.authorization ?? '').startsWith('Basic')), 'the client secret never goes to the API origin');
      assert.ok(!torqAuth.some((r) => (r.headers.authorization ?? '').startsWith('Bearer')), 'the bearer token never goes to the auth origin');

      assert.deepEqual([...new Set(authorizations(slackApi))], [`Bearer ${C.slack.token}`]);
      assert.deepEqual([...new Set(authorizations(sdeApi))], [`Token ${C.sde.token}`]);
      for (const api of [torqApi, slackApi, sdeApi]) {
        const others = api.requests.filter((r) => r.api !== (api === torqApi ? 'torq' : api === slackApi ? 'slack' : 'sde'));
        assert.deepEqual(others, [], 'no request of another product reached this server');
        assert.ok(api.requests.length > 0 && api.requests.every((r) => !/token=|secret=/i.test(JSON.stringify(r.query))), 'no credential in a query string');
      }
    });

    it('the HTTP client drops the credential for a URL outside its origin, and says so without the secret', async () => {
      const other = await recorder();
      const ctx = context({});
      try {
        await ctx.http.send({ service: 'Test', url: `${other.url}/x`, credential: { header: `Token ${C.sde.token}`, origin: sdeApi.url } });
        assert.equal(other.hits.length, 1);
        assert.equal(other.hits[0].headers.authorization, undefined, 'no Authorization at the other origin');
        const client = new HttpClient({ maxAttempts: 1, log: ctx.log });
        await client.send({ service: 'Test', url: `${other.url}/y`, credential: { header: `Token ${C.sde.token}`, origin: sdeApi.url } });
        assert.match(ctx.lines.join('\n'), /not sending credentials to http:\/\/127\.0\.0\.1:\d+/);
        assert.ok(!ctx.lines.join('\n').includes(C.sde.token));
      } finally {
        await other.close();
      }
    });

    it("an SD Elements `next` link to another origin is not followed: the other server receives nothing", async () => {
      const other = await recorder();
      const evil = await recorder((req, res) =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ count: 2, next: `${other.url}/api/v2/activities/?page=2&page_size=1`, previous: null, results: [] })),
      );
      try {
        const ctx = context({ token: C.sde.token });
        const sde = new SdeSource({ id: 'd', kind: 'sde', url: evil.url }, ctx);
        const page = await sde.client.activities({}, undefined);
        assert.ok(page.next?.startsWith(other.url));
        await assert.rejects(sde.client.activities({}, page.next), (e: unknown) => e instanceof ActivityLogsError && e.kind === 'badResponse' && /not this source's origin/.test(e.message));
        assert.equal(other.hits.length, 0, 'the other origin got no request at all');
        assert.equal(evil.hits.length, 1);
      } finally {
        await Promise.all([other.close(), evil.close()]);
      }
    });

    it('a 3xx to another origin is never followed, for any product: the other server receives nothing', async () => {
      const other = await recorder();
      const redirect = (_req: http.IncomingMessage, res: http.ServerResponse) =>
        res.writeHead(302, { Location: `${other.url}/stolen`, 'Content-Type': 'application/json' }).end('{}');
      const torqApiRedirect = await recorder(redirect);
      const slackRedirect = await recorder(redirect);
      const sdeRedirect = await recorder(redirect);
      const torqAuthRedirect = await recorder(redirect);
      try {
        const torq = new TorqSource({ id: 't', kind: 'torq', region: 'us', apiUrl: torqApiRedirect.url, authUrl: torqApi.url }, context({ clientId: C.torq.clientId, clientSecret: C.torq.clientSecret }));
        await assert.rejects(torq.client.activityLogs({}, undefined), (e: unknown) => e instanceof ActivityLogsError && e.kind === 'auth');
        const torqBadAuth = new TorqSource({ id: 't2', kind: 'torq', region: 'us', apiUrl: torqApi.url, authUrl: torqAuthRedirect.url }, context({ clientId: C.torq.clientId, clientSecret: C.torq.clientSecret }));
        await assert.rejects(torqBadAuth.client.activityLogs({}, undefined), ActivityLogsError);
        const slack = new SlackSource({ id: 's', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${slackRedirect.url}/api/` }, context({ token: C.slack.token }));
        await assert.rejects(slack.testConnection(), (e: unknown) => e instanceof ActivityLogsError && /redirect \(HTTP 302\)/.test(e.message));
        const sde = new SdeSource({ id: 'd', kind: 'sde', url: sdeRedirect.url }, context({ token: C.sde.token }));
        await assert.rejects(sde.testConnection(), (e: unknown) => e instanceof ActivityLogsError && /redirect \(HTTP 302\)/.test(e.message));

        assert.equal(other.hits.length, 0, 'no product followed the redirect');
        // Each redirecting server is the configured origin, so it did get its own credential (and only that).
        assert.ok(torqApiRedirect.hits.length > 0 && torqApiRedirect.hits.every((h) => /^Bearer [0-9a-f-]{36}$/.test(String(h.headers.authorization))));
        assert.ok(torqAuthRedirect.hits.length > 0 && torqAuthRedirect.hits.every((h) => h.headers.authorization === `Basic ${TORQ_BASIC}`));
        assert.ok(slackRedirect.hits.length > 0 && slackRedirect.hits.every((h) => h.headers.authorization === `Bearer ${C.slack.token}`));
        assert.ok(sdeRedirect.hits.length > 0 && sdeRedirect.hits.every((h) => h.headers.authorization === `Token ${C.sde.token}`));
      } finally {
        await Promise.all([other, torqApiRedirect, slackRedirect, sdeRedirect, torqAuthRedirect].map((r) => r.close()));
      }
    });
  });
});

/** SecretStorage as a Map: what the tests read back is exactly what was stored. */
function memoryBackend(): SecretBackend & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: async (k) => map.get(k), store: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
}

describe('security: a credential is bound to the origins it was entered for', function () {
  this.timeout(30_000);
  let api: FakeApi;
  before(async () => (api = await startFakeApi()));
  after(async () => api.close());

  /** The user's own sources (same ids as the workspace's below), pointing at the fake APIs. */
  const userSources = (): SourceConfig[] => [
    { id: 'torq', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url },
    { id: 'slack', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` },
    { id: 'sde', kind: 'sde', url: api.url },
  ];
  const VALUES = { torq: { clientId: C.torq.clientId, clientSecret: C.torq.clientSecret }, slack: { token: C.slack.token }, sde: { token: C.sde.token } } as const;

  async function storeWithUserCredentials(): Promise<{ store: OriginBoundCredentials; backend: ReturnType<typeof memoryBackend> }> {
    const backend = memoryBackend();
    const store = new OriginBoundCredentials(backend);
    for (const config of userSources()) {
      for (const [name, value] of Object.entries(VALUES[config.kind as keyof typeof VALUES])) {
        await store.set(config.id, name as CredentialName, value, credentialOrigins(config));
      }
    }
    return { store, backend };
  }

  function contextWith(store: OriginBoundCredentials): Ctx {
    return { ...context({}), credentials: store };
  }

  it('a workspace that points a source of the same id at its own host gets no credential; the error names that host', async () => {
    const { store } = await storeWithUserCredentials();
    const evil = await recorder();
    const evilHost = new URL(evil.url).host;
    try {
      // What a repository's .vscode/settings.json declares (issue 8, item 1).
      const workspace: SourceConfig[] = [
        { id: 'torq', kind: 'torq', region: 'us', apiUrl: evil.url, authUrl: evil.url },
        { id: 'torq', kind: 'torq', region: 'us', apiUrl: evil.url, authUrl: api.url }, // only the API moved: the bearer token would go there
        { id: 'slack', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${evil.url}/api/` },
        { id: 'sde', kind: 'sde', url: evil.url },
      ];
      const before = api.requests.length;
      for (const config of workspace) {
        const ctx = contextWith(store);
        const source = createSource(config, ctx);
        await assert.rejects(
          source.testConnection(),
          (e: unknown) =>
            e instanceof ActivityLogsError &&
            e.kind === 'auth' &&
            e.fix === 'enterCredentials' &&
            e.message.startsWith(`This source now sends its credentials to ${evilHost}, but they were entered for ${new URL(api.url).host}: they were not sent.`),
          `${config.kind} → ${JSON.stringify(config)}`,
        );
        assert.equal(ctx.http.requestCount, 0, `${config.kind}: nothing was sent anywhere`);
      }
      assert.equal(evil.hits.length, 0, 'the workspace host received no request at all');
      assert.equal(api.requests.length, before, 'nor did the real host (no token was fetched to send elsewhere)');
    } finally {
      await evil.close();
    }
  });

  it("the user's own sources still get their credentials, each only to its origins", async () => {
    const { store } = await storeWithUserCredentials();
    for (const config of userSources()) await createSource(config, contextWith(store)).testConnection();
    assert.ok(authorizations(api).includes(`Basic ${TORQ_BASIC}`) && authorizations(api).includes(`Bearer ${C.slack.token}`) && authorizations(api).includes(`Token ${C.sde.token}`));
  });

  it('entering credentials for the new host binds them there and keeps those of the old host', async () => {
    const { store, backend } = await storeWithUserCredentials();
    const other = await startFakeApi();
    try {
      const moved: SourceConfig = { id: 'sde', kind: 'sde', url: other.url };
      await assert.rejects(createSource(moved, contextWith(store)).testConnection(), /enter credentials for it/);
      await store.set('sde', 'token', C.sde.token, credentialOrigins(moved));
      await createSource(moved, contextWith(store)).testConnection();
      assert.deepEqual(authorizations(other), [`Token ${C.sde.token}`]);
      await createSource(userSources()[2], contextWith(store)).testConnection();
      // Stored together: each value with the origins it was entered for, in one secret per source.
      const stored = JSON.parse(backend.map.get(storageKey('sde'))!) as { bindings: Array<{ origins: string[]; values: Record<string, string> }> };
      assert.deepEqual(
        stored.bindings.map((b) => b.origins),
        [[new URL(other.url).origin], [new URL(api.url).origin]],
      );
      assert.ok(stored.bindings.every((b) => b.values.token === C.sde.token));
      await store.forget('sde');
      assert.equal(backend.map.has(storageKey('sde')), false);
      assert.equal(await store.get('sde', 'token', [new URL(api.url).origin]), undefined);
    } finally {
      await other.close();
    }
  });

  it('forgotten credentials are not used again: the Torq bearer token bought with them goes too', async () => {
    const { store } = await storeWithUserCredentials();
    const torq = createSource(userSources()[0], contextWith(store));
    await torq.testConnection();
    const sent = api.requests.length;
    await store.forget('torq');
    torq.credentialsChanged?.();
    await assert.rejects(torq.testConnection(), (e: unknown) => e instanceof ActivityLogsError && e.kind === 'auth' && e.fix === 'enterCredentials' && /No Torq client ID and secret/.test(e.message));
    assert.equal(api.requests.length, sent, 'nothing was sent with the cached token');
  });

  it('a credential kept without origins (an environment variable) goes only where the user declared the source', async () => {
    const declared = userSources()[1];
    const store = new OriginBoundCredentials(memoryBackend(), async (id, name) =>
      id === 'slack' && name === 'token' ? { value: C.slack.token, origins: credentialOrigins(declared) } : undefined,
    );
    assert.equal(await store.get('slack', 'token', credentialOrigins(declared)), C.slack.token);
    await assert.rejects(store.get('slack', 'token', ['https://slack.evil.example.com']), /now sends its credentials to slack\.evil\.example\.com/);
    assert.equal(await store.get('other', 'token', ['https://slack.com']), undefined, 'no credential at all: undefined, as before');
  });
});

describe('security: what a workspace may declare', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

  it('in Restricted Mode the sources of workspace settings are not honoured (VS Code ignores restricted settings there)', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual(untrusted.restrictedConfigurations, ['activityLogs.sources']);
    assert.match(untrusted.description, /Restricted Mode the sources a workspace declares in its settings are ignored/);
    for (const setting of untrusted.restrictedConfigurations) assert.ok(manifest.contributes.configuration.properties[setting], `${setting} is a setting of this extension`);
  });

  it('declares how it works in a virtual workspace', () => {
    assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, 'limited');
    assert.ok(manifest.capabilities.virtualWorkspaces.description.length > 0);
  });
});
