/**
 * Error messages and log lines never carry a secret: every kind of failure (auth, permission,
 * plan, rate limit, server, network, timeout, bad response) is provoked against the fake APIs with
 * each real test secret in play, and against a hostile server that echoes the Authorization header
 * back in every place a message is built from (error fields, non-JSON bodies, long bodies cut to a
 * preview). No secret, nor any 12-character piece of one, may appear in a message or a log line.
 * What was produced is also written to test-results/leak-scan/unit/ for the leak scan.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { ActivityLogsError, asActivityLogsError } from '../../../src/core/errors';
import { HttpClient } from '../../../src/core/http';
import { redactingLogger } from '../../../src/core/log';
import { SecretRedactor } from '../../../src/core/redact';
import type { CredentialName, SourceContext } from '../../../src/core/source';
import { SdeSource } from '../../../src/sources/sde/source';
import { SlackSource } from '../../../src/sources/slack/source';
import { TorqSource } from '../../../src/sources/torq/source';
import { FAKE_CREDENTIALS } from '../../fake-api/credentials';
import { type FakeApi, type FaultSpec, startFakeApi } from '../../fake-api/server';
import { REPO_ROOT } from '../../support/paths';

const C = FAKE_CREDENTIALS;
const OUT_DIR = path.join(REPO_ROOT, 'test-results', 'leak-scan', 'unit');
const WRONG_TORQ_SECRET = 'fake-torq-secret-wrong-0a1b2c3d4e5f';
const WRONG_SDE_TOKEN = 'fake-sde-api-token-wrong-9f8e7d6c';
const WRONG_SLACK_TOKEN = 'slk-fake-service-token-wrong-5a4b3c';

/** Every secret value in play, with the encodings a secret can travel in. */
function secrets(extra: readonly string[] = []): string[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    C.torq.clientSecret,
    WRONG_TORQ_SECRET,
    b64(`${C.torq.clientId}:${C.torq.clientSecret}`),
    b64(`${C.torq.clientId}:${WRONG_TORQ_SECRET}`),
    C.slack.token,
    WRONG_SLACK_TOKEN,
    ...Object.values(C.slack.special),
    C.sde.token,
    C.sde.limitedToken,
    WRONG_SDE_TOKEN,
    ...extra,
  ];
}

/** The first piece (12 characters or more) of a secret found in `text`, if any. */
function leakedPiece(text: string, secret: string): string | undefined {
  const n = Math.min(12, secret.length);
  for (let i = 0; i + n <= secret.length; i++) {
    const piece = secret.slice(i, i + n);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

/**
 * The text as a reader would decode it: servers echo a secret percent-encoded (either case, `+` for
 * a space), upper-cased, wrapped across lines or `\u`-escaped in JSON.
 */
function decodedForms(text: string): string[] {
  const unescaped = text.replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\\//g, '/');
  let percent = unescaped;
  try {
    percent = decodeURIComponent(unescaped.replace(/\+/g, ' '));
  } catch {
    // not all of it is percent-encoding
  }
  const joined = (s: string) => s.replace(/\r?\n[ \t]*|(?:\\r)?\\n/g, '');
  return [text, unescaped, percent, joined(text), joined(unescaped)];
}

function assertClean(what: string, text: string, extra: readonly string[] = []): void {
  for (const s of secrets(extra)) {
    const forms = decodedForms(text);
    const piece = forms.map((t) => leakedPiece(t, s) ?? leakedPiece(t.toLowerCase(), s.toLowerCase())).find((p) => p !== undefined);
    // The report names the secret by its start only: the assertion message itself must not leak.
    assert.ok(piece === undefined, `${what} carries (a piece of) the secret ${s.slice(0, 4)}…: ${text.split(s).join('[SECRET]').split(piece ?? '\0').join('[PIECE]')}`);
  }
}

interface Run {
  readonly ctx: SourceContext;
  readonly lines: string[];
}

function context(values: Partial<Record<CredentialName, string>>, options: { timeoutMs?: number; maxAttempts?: number } = {}): Run {
  const lines: string[] = [];
  const redactor = new SecretRedactor();
  const log = redactingLogger((level, line) => lines.push(`[${level}] ${line}`), redactor);
  return {
    ctx: {
      http: new HttpClient({ maxAttempts: options.maxAttempts ?? 2, baseBackoffMs: 1, maxRetryAfterMs: 5, timeoutMs: options.timeoutMs ?? 5000, log, redactor }),
      credentials: { get: async (_id: string, name: CredentialName) => values[name] },
      log,
      redactor,
      pageSize: 10,
    },
    lines,
  };
}

/** Everything a failure shows anywhere: message, the message of its cause, and its stack's first line. */
function describe_(e: unknown): string {
  const err = asActivityLogsError(e);
  const cause = (err as { cause?: unknown }).cause;
  return [`${err.kind}: ${err.message}`, cause instanceof Error ? `  cause: ${cause.message}` : '', String(err.stack ?? '').split('\n')[0]].filter(Boolean).join('\n');
}

/** A server that answers everything with the Authorization header it received, in the shape `answer` picks. */
async function echoServer(answer: (auth: string) => { status: number; body: string; type?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const { status, body, type } = answer(String(req.headers.authorization ?? ''));
    res.writeHead(status, { 'Content-Type': type ?? 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('security: error messages and log lines carry no secret', function () {
  this.timeout(60_000);
  let api: FakeApi;
  const produced: string[] = [];
  const issuedTokens: string[] = [];

  /** The bearer tokens the fake issued (seen in its request log) are secrets too. */
  function collectIssued(): void {
    for (const r of api?.requests ?? []) {
      const m = /^Bearer (.+)$/.exec(r.headers.authorization ?? '');
      if (m && !issuedTokens.includes(m[1]) && r.api === 'torq') issuedTokens.push(m[1]);
    }
  }

  /** Runs `work`, expects it to fail, checks message and log lines, and records both. */
  async function provoke(name: string, run: Run, work: () => Promise<unknown>, expectKind?: ActivityLogsError['kind'], mayPass = false): Promise<ActivityLogsError | undefined> {
    let error: ActivityLogsError | undefined;
    collectIssued();
    try {
      await work();
    } catch (e) {
      error = asActivityLogsError(e);
      collectIssued();
      const text = describe_(e);
      produced.push(`## ${name}\n${text}\n${run.lines.join('\n')}`);
      assertClean(`${name}: error`, text, issuedTokens);
    }
    assertClean(`${name}: log`, run.lines.join('\n'), issuedTokens);
    if (!error && mayPass) return undefined;
    assert.ok(error, `${name}: expected a failure`);
    if (expectKind) assert.equal(error.kind, expectKind, `${name}: ${error.message}`);
    return error;
  }

  const torq = (secret = C.torq.clientSecret, options = {}) => {
    const run = context({ clientId: C.torq.clientId, clientSecret: secret }, options);
    return { run, source: new TorqSource({ id: 'torq-sec', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url }, run.ctx) };
  };
  const slack = (token: string = C.slack.token, options = {}) => {
    const run = context({ token }, options);
    return { run, source: new SlackSource({ id: 'slack-sec', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` }, run.ctx) };
  };
  const sde = (token: string = C.sde.token, options = {}) => {
    const run = context({ token }, options);
    return { run, source: new SdeSource({ id: 'sde-sec', kind: 'sde', url: api.url }, run.ctx) };
  };
  const withFault = async <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => {
    api.faults.clear();
    api.faults.add({ count: 10, ...spec });
    try {
      return await work();
    } finally {
      api.faults.clear();
    }
  };

  before(async () => {
    api = await startFakeApi({ torqActivities: 50, slackActivities: 50, sdeActivities: 50 });
  });
  after(async () => {
    collectIssued();
    await api?.close();
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, 'error-messages-and-log-lines.txt'), produced.join('\n\n') + '\n');
    const known = path.resolve(OUT_DIR, '..', 'known-secrets');
    fs.mkdirSync(known, { recursive: true });
    fs.writeFileSync(path.join(known, 'unit-issued-torq-tokens.json'), JSON.stringify([...new Set(issuedTokens)].map((value) => ({ name: 'torq.issuedBearerToken(unit)', value }))));
  });

  describe('Torq', () => {
    it('auth: a wrong client secret', async () => {
      const { run, source } = torq(WRONG_TORQ_SECRET);
      await provoke('torq wrong secret', run, () => source.testConnection(), 'auth');
    });
    it('auth: the bearer token keeps expiring (302)', async () => {
      const { run, source } = torq();
      await withFault({ api: 'torq', kind: 'expiredToken' }, () => provoke('torq expired token', run, () => source.client.activityLogs({}, undefined), 'auth'));
    });
    for (const [kind, expected] of [
      ['429', 'rateLimited'],
      ['502', 'server'],
      ['503', 'server'],
      ['malformed', 'badResponse'],
      ['cut', 'network'],
    ] as const) {
      it(`${expected}: fault ${kind}`, async () => {
        const { run, source } = torq();
        await source.client.tokens.token(); // the bearer token is in play (and registered) before the fault
        await withFault({ api: 'torq', path: 'activity_logs', kind, retryAfter: 30 }, () => provoke(`torq ${kind}`, run, () => source.client.activityLogs({}, undefined), expected));
      });
    }
    it('timeout', async () => {
      const { run, source } = torq(C.torq.clientSecret, { timeoutMs: 300, maxAttempts: 1 });
      await source.client.tokens.token();
      await withFault({ api: 'torq', path: 'activity_logs', kind: 'timeout', count: 1 }, () => provoke('torq timeout', run, () => source.client.activityLogs({}, undefined), 'timeout'));
    });
    it('network: connection refused', async () => {
      const run = context({ clientId: C.torq.clientId, clientSecret: C.torq.clientSecret }, { maxAttempts: 1 });
      const source = new TorqSource({ id: 'torq-sec', kind: 'torq', region: 'us', apiUrl: 'http://127.0.0.1:9', authUrl: 'http://127.0.0.1:9' }, run.ctx);
      await provoke('torq connection refused', run, () => source.testConnection(), 'network');
    });
  });

  describe('Slack', () => {
    const special: Array<[string, string, ActivityLogsError['kind']]> = [
      ['expired', C.slack.special.expired, 'auth'],
      ['revoked', C.slack.special.revoked, 'auth'],
      ['missingScope', C.slack.special.missingScope, 'permission'],
      ['freeTeam', C.slack.special.freeTeam, 'plan'],
      ['restrictedPlan', C.slack.special.restrictedPlan, 'plan'],
      ['otherTeam', C.slack.special.otherTeam, 'config'],
      ['wrong', WRONG_SLACK_TOKEN, 'auth'],
    ];
    for (const [name, token, kind] of special) {
      it(`${kind}: the ${name} token`, async () => {
        const { run, source } = slack(token);
        await provoke(`slack ${name} token`, run, () => source.client.activities({ appId: 'A0FAKEAPP1' }, undefined), kind);
      });
    }
    for (const [kind, expected] of [
      ['429', 'rateLimited'],
      ['503', 'server'],
      ['malformed', 'badResponse'],
      ['cut', 'network'],
    ] as const) {
      it(`${expected}: fault ${kind}`, async () => {
        const { run, source } = slack();
        await withFault({ api: 'slack', path: 'apps.activities.list', kind, retryAfter: 30 }, () => provoke(`slack ${kind}`, run, () => source.client.activities({ appId: 'A0FAKEAPP1' }, undefined), expected));
      });
    }
  });

  describe('SD Elements', () => {
    it('auth: a wrong API token', async () => {
      const { run, source } = sde(WRONG_SDE_TOKEN);
      await provoke('sde wrong token', run, () => source.testConnection(), 'auth');
    });
    it("permission: a non-admin's token reading another user", async () => {
      const { run, source } = sde(C.sde.limitedToken);
      await provoke('sde limited token', run, () => source.client.user(1), 'permission');
    });
    for (const [kind, expected] of [
      ['429', 'rateLimited'],
      ['502', 'server'],
      ['malformed', 'badResponse'],
      ['cut', 'network'],
    ] as const) {
      it(`${expected}: fault ${kind}`, async () => {
        const { run, source } = sde();
        await withFault({ api: 'sde', path: 'activities', kind, retryAfter: 30 }, () => provoke(`sde ${kind}`, run, () => source.client.activities({}, undefined), expected));
      });
    }
  });

  describe('a hostile server that echoes the credential back', () => {
    // Where the echo lands: in the error field, in a non-JSON body whose preview is cut at 60
    // characters (the padding puts the cut inside the token), in a long error text cut at 300.
    const shapes: Array<[string, (auth: string) => { status: number; body: string; type?: string }]> = [
      ['401 with the header in the error fields', (auth) => ({ status: 401, body: JSON.stringify({ detail: `Invalid header ${auth}`, error: `invalid_auth ${auth}`, message: `bad ${auth}` }) })],
      ['200 that is not JSON, the header across the preview cut', (auth) => ({ status: 200, type: 'text/html', body: `${'x'.repeat(60 - Math.floor(auth.length / 2))}${auth}</html>` })],
      ['500 with a long message, the header across the 300-character cut', (auth) => ({ status: 500, body: JSON.stringify({ detail: `${'y'.repeat(300 - Math.floor(auth.length / 2))}${auth}`, error: `${'y'.repeat(80 - Math.floor(auth.length / 2))}${auth}`, message: `${'y'.repeat(300 - Math.floor(auth.length / 2))}${auth}` }) })],
      ['200 with ok:false and the header as the code, across the 80-character cut', (auth) => ({ status: 200, body: JSON.stringify({ ok: false, error: `${'z'.repeat(80 - Math.floor(auth.length / 2))}${auth}` }) })],
      // Slack's missing_scope names the scopes the token has: a server may put the header there.
      ['200 missing_scope whose needed/provided echo the header', (auth) => ({ status: 200, body: JSON.stringify({ ok: false, error: 'missing_scope', needed: `hosting:read ${auth}`, provided: auth }) })],
      ['401 with the header URL-encoded in lower case, with + for spaces', (auth) => ({ status: 401, body: JSON.stringify({ detail: `bad ${new URLSearchParams({ a: auth }).toString().slice(2).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}` }) })],
      ['401 with the header upper-cased', (auth) => ({ status: 401, body: JSON.stringify({ detail: `bad ${auth.toUpperCase()}`, error: auth.toUpperCase() }) })],
      ['401 with the header split by a newline', (auth) => ({ status: 401, body: JSON.stringify({ detail: `bad ${auth.slice(0, auth.length - 8)}\n${auth.slice(auth.length - 8)}`, error: 'x' }) })],
      ['401 with the header \\u-escaped in the JSON', (auth) => ({ status: 401, body: `{"detail": "bad ${[...auth].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}", "message": "bad ${[...auth].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}` })],
    ];
    for (const [shape, answer] of shapes) {
      it(shape, async () => {
        const echo = await echoServer(answer);
        try {
          const s = sde(C.sde.token, { maxAttempts: 1 });
          await provoke(`echo sde: ${shape}`, s.run, () => new SdeSource({ id: 'sde-echo', kind: 'sde', url: echo.url }, s.run.ctx).client.activities({}, undefined));
          const k = slack(C.slack.token, { maxAttempts: 1 });
          await provoke(`echo slack: ${shape}`, k.run, () => new SlackSource({ id: 'slack-echo', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${echo.url}/api/` }, k.run.ctx).client.activities({ appId: 'A0FAKEAPP1' }, undefined));
          // Torq: the auth host echoes the Basic header; then the API host echoes the bearer token.
          const t = torq(C.torq.clientSecret, { maxAttempts: 1 });
          await provoke(`echo torq auth: ${shape}`, t.run, () => new TorqSource({ id: 'torq-echo', kind: 'torq', region: 'us', apiUrl: echo.url, authUrl: echo.url }, t.run.ctx).testConnection());
          const t2 = torq(C.torq.clientSecret, { maxAttempts: 1 });
          const viaFakeAuth = new TorqSource({ id: 'torq-echo2', kind: 'torq', region: 'us', apiUrl: echo.url, authUrl: api.url }, t2.run.ctx);
          const bearer = await viaFakeAuth.client.tokens.token();
          issuedTokens.push(bearer);
          // (`{ok: false}` is a valid, empty Torq page: no failure to look at there.)
          await provoke(`echo torq api: ${shape}`, t2.run, () => viaFakeAuth.client.activityLogs({}, undefined), undefined, true);
        } finally {
          await echo.close();
        }
      });
    }
  });

  it('the redactor masks a secret registered once wherever it appears, whole or encoded', () => {
    const redactor = new SecretRedactor();
    redactor.register(C.sde.token);
    const masked = redactor.redact(`a ${C.sde.token} b ${encodeURIComponent(C.sde.token)} c Token ${C.sde.token}`);
    assertClean('redacted text', masked);
  });

  it('the redactor masks a secret URL-encoded (lower-case hex, + for a space), upper-cased, split by a newline or \\u-escaped', () => {
    // A secret with the characters encodings change: a slash, a plus, a space, base64 padding.
    const secret = 'Zm9v/YmFy+cXV4 YmF6=';
    const redactor = new SecretRedactor();
    redactor.register(secret, 'sde');
    const jsonEscaped = [...secret].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const echoes = [
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      new URLSearchParams({ t: secret }).toString().slice(2),
      secret.toUpperCase(),
      `${secret.slice(0, 9)}\n${secret.slice(9)}`,
      `${secret.slice(0, 9)}\r\n    ${secret.slice(9)}`,
      `${secret.slice(0, 9)}\\n${secret.slice(9)}`,
      jsonEscaped,
      JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    ];
    for (const echo of echoes) {
      const masked = redactor.redact(`{"detail": "bad header ${echo} here"}`);
      assert.equal(masked, '{"detail": "bad header •••• here"}', echo);
      assertClean(`masked ${echo}`, masked, [secret]);
      // The check itself sees the leak it is meant to see.
      assert.throws(() => assertClean(`unmasked ${echo}`, `bad header ${echo}`, [secret]), /carries \(a piece of\) the secret/, echo);
    }
    assert.equal(redactor.redact('ordinary prose about tokens stays as it is'), 'ordinary prose about tokens stays as it is');
  });

  it('a redactor is per context: a secret one test registers does not mask words elsewhere; forgetting a source forgets its secrets', () => {
    const mine = new SecretRedactor();
    const other = new SecretRedactor();
    mine.register('release-notes-2026', 'slack-a');
    assert.equal(mine.redact('see release-notes-2026'), 'see ••••');
    assert.equal(other.redact('see release-notes-2026'), 'see release-notes-2026', 'another context is untouched');
    mine.register('shared-secret-value', 'slack-a');
    mine.register('shared-secret-value', 'slack-b');
    mine.forgetOwner('slack-a');
    assert.ok(!mine.knows('release-notes-2026'), 'forgotten with the credentials of its source');
    assert.equal(mine.redact('see release-notes-2026'), 'see release-notes-2026');
    assert.ok(mine.knows('shared-secret-value'), 'still masked: another source registered it too');
    mine.forgetOwner('slack-b');
    assert.ok(!mine.knows('shared-secret-value'));
  });
});
