/**
 * The leak scan (scripts/leak-scan.js) would catch a leak: fed files holding each kind of secret
 * it fails with file:line, never printing the secret itself; clean and masked text passes.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FAKE_CREDENTIALS } from '../../fake-api/credentials';
import { REPO_ROOT } from '../../support/paths';

const ROOT = REPO_ROOT;
const SCRIPT = path.join(ROOT, 'scripts', 'leak-scan.js');

interface Secret {
  name: string;
  value: string;
}
interface LeakScan {
  knownSecrets(extraDir?: string): Secret[];
  scanText(text: string, secrets: Secret[]): Array<{ line: number; names: string[]; excerpt: string }>;
}
const leakScan = require(SCRIPT) as LeakScan;

const C = FAKE_CREDENTIALS;
const BASIC = Buffer.from(`${C.torq.clientId}:${C.torq.clientSecret}`).toString('base64');

function run(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('security: the leak scan', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-scan-test-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('knows every secret of the fake server and the derived Basic credential, not the public ids', () => {
    const values = leakScan.knownSecrets(path.join(dir, 'none')).map((s) => s.value);
    for (const v of [C.torq.clientSecret, BASIC, C.slack.token, ...Object.values(C.slack.special), C.sde.token, C.sde.limitedToken, C.sde.password]) {
      assert.ok(values.includes(v), `missing ${v.slice(0, 4)}…`);
    }
    for (const v of [C.torq.clientId, C.slack.teamId, C.sde.username]) assert.ok(!values.includes(v), 'ids are not secrets');
  });

  it('flags each secret and each unmasked credential shape, and leaves masked text alone', () => {
    const secrets = leakScan.knownSecrets(path.join(dir, 'none'));
    const leaky = [
      `error: ${C.torq.clientSecret}`,
      `Authorization: Basic ${BASIC}`,
      `token=${encodeURIComponent(C.slack.token)}`,
      `<div>${C.sde.token}</div>`,
      'GET /x Authorization: Bearer 3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
      '{"access_token":"3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60","expires_in":3600}',
    ];
    for (const line of leaky) assert.equal(leakScan.scanText(line, secrets).length, 1, line.slice(0, 12));
    const clean = ['Authorization: Bearer ••••', 'Token received', 'Basic ••••', `client id ${C.torq.clientId}`, 'sends the Bearer token only to the API origin', '{"access_token": "••••"}'];
    for (const line of clean) assert.deepEqual(leakScan.scanText(line, secrets), [], line);
  });

  it('fails on a file holding a secret, reports file:line with the secret masked, and exits non-zero', () => {
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.writeFileSync(path.join(dir, 'logs', 'stage.log'), `line one\nsettings: {"token": "${C.sde.token}"}\n`);
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'nothing to see\n');
    const r = run([dir]);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /LEAK .*logs[/\\]stage\.log:2: sde\.token/);
    assert.match(r.out, /^1 passed, 1 failed$/m);
    assert.ok(!r.out.includes(C.sde.token), 'the report does not repeat the secret');
  });

  it('passes a clean folder, and fails when an expected capture is missing or nothing was scanned', () => {
    fs.writeFileSync(path.join(dir, 'a.log'), 'all good\nBearer ••••\n');
    const ok = run([dir]);
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /^1 passed, 0 failed$/m);
    const missing = run([dir, '--expect', 'leak-scan/never-written']);
    assert.equal(missing.status, 1, missing.out);
    assert.match(missing.out, /MISSING capture/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-scan-empty-'));
    try {
      const nothing = run([empty]);
      assert.equal(nothing.status, 1);
      assert.match(nothing.out, /NOTHING SCANNED/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reads issued tokens from the known-secrets side files and finds them anywhere', () => {
    const known = path.join(dir, 'known');
    fs.mkdirSync(known);
    fs.writeFileSync(path.join(known, 'x.json'), JSON.stringify([{ name: 'torq.issuedBearerToken', value: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' }]));
    const secrets = leakScan.knownSecrets(known);
    assert.equal(leakScan.scanText('id was a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d here', secrets)[0].names[0], 'torq.issuedBearerToken');
  });
});
