#!/usr/bin/env node
'use strict';
// Leak scan: the known test secrets (the fake server's credentials, what is derived from them, and
// the Torq bearer tokens the fake issued) must appear in none of the files the test run produced:
// every stage's output (test-results/logs/), the extension's output channel, the settings files,
// the payload webview's HTML and the text of every screenshot (captured under test-results/ by
// the security tests and the UI helpers).
//
//   node scripts/leak-scan.js [PATH...] [--expect REL_PATH]...
//
// PATH defaults to test-results/. `--expect` names a file or folder (relative to test-results/)
// that must exist and not be empty: a capture that silently did not happen is a failure too.
// Prints each hit as file:line with the secret replaced by its name, then `N passed, N failed`
// (one check per scanned file and per expectation); exits 1 on any failure.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');
/** Extra secrets found during the run (e.g. issued bearer tokens): JSON arrays of {name, value}; never scanned. */
const KNOWN_SECRETS_DIR = path.join(RESULTS, 'leak-scan', 'known-secrets');
const BINARY = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|zip|gz|tgz|vsix|sock)$/i;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The fake server's credentials as compiled by `tsc -p .` (out/), else straight from the TypeScript source. */
function fakeCredentials() {
  const compiled = path.join(ROOT, 'out', 'test', 'fake-api', 'credentials.js');
  if (fs.existsSync(compiled)) return require(compiled).FAKE_CREDENTIALS;
  const ts = require('typescript');
  const file = path.join(ROOT, 'test', 'fake-api', 'credentials.ts');
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const m = { exports: {} };
  new Function('module', 'exports', 'require', js)(m, m.exports, require);
  return m.exports.FAKE_CREDENTIALS;
}

/** [{name, value}] of every secret value the tests use. Client ids, user names and team ids are not secrets. */
function knownSecrets(extraDir = KNOWN_SECRETS_DIR) {
  const c = fakeCredentials();
  const b64 = (s) => Buffer.from(s).toString('base64');
  const list = [
    { name: 'torq.clientSecret', value: c.torq.clientSecret },
    { name: 'torq.basicAuth(base64 id:secret)', value: b64(`${c.torq.clientId}:${c.torq.clientSecret}`) },
    { name: 'slack.token', value: c.slack.token },
    ...Object.entries(c.slack.special).map(([k, v]) => ({ name: `slack.special.${k}`, value: v })),
    { name: 'sde.token', value: c.sde.token },
    { name: 'sde.limitedToken', value: c.sde.limitedToken },
    { name: 'sde.password', value: c.sde.password },
    { name: 'sde.basicAuth(base64 user:password)', value: b64(`${c.sde.username}:${c.sde.password}`) },
  ];
  if (fs.existsSync(extraDir)) {
    for (const f of fs.readdirSync(extraDir).filter((f) => f.endsWith('.json'))) {
      try {
        for (const s of JSON.parse(fs.readFileSync(path.join(extraDir, f), 'utf8'))) if (s && typeof s.value === 'string' && s.value.length >= 8) list.push({ name: String(s.name), value: s.value });
      } catch {
        // a broken side file is reported by the expectations, not here
      }
    }
  }
  // The encoded forms a secret can travel in.
  for (const s of [...list]) {
    const encoded = encodeURIComponent(s.value);
    if (encoded !== s.value) list.push({ name: `${s.name}(url-encoded)`, value: encoded });
  }
  const seen = new Set();
  return list.filter((s) => s.value && !seen.has(s.value) && seen.add(s.value));
}

/**
 * Credential shapes that must never appear unmasked, whatever their value: a bearer token the fake
 * issued (a UUID) after "Bearer", an Authorization header with a value, an access_token field.
 * The masked form (••••) is fine.
 */
const SHAPES = [
  { name: 'Bearer <token>', re: /\bBearer\s+(?!•)(?=[A-Za-z0-9._~+/-]*\d)[A-Za-z0-9._~+/-]{12,}=*/ },
  { name: 'Basic <base64>', re: /\bBasic\s+(?!•)(?=[A-Za-z0-9+/]*\d)[A-Za-z0-9+/]{12,}={0,2}/ },
  { name: 'Authorization header value', re: /\bauthorization["']?\s*[:=]\s*["']?(?:Bearer|Token|Basic)\s+(?!•)\S{6,}/i },
  { name: 'access_token value', re: /["']?access_token["']?\s*[:=]\s*["']?(?!•)[A-Za-z0-9._~+/-]{8,}/ },
];

/** Files under `p` (a file or folder), skipping binaries and the known-secrets side files. */
function listFiles(p, out = []) {
  if (!fs.existsSync(p)) return out;
  const stat = fs.statSync(p);
  if (stat.isFile()) {
    if (!BINARY.test(p)) out.push(p);
    return out;
  }
  if (path.resolve(p) === path.resolve(KNOWN_SECRETS_DIR)) return out;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else if (e.isFile() && !BINARY.test(e.name)) out.push(full);
  }
  return out;
}

/** Replaces every secret in `line` by its name, so that a report can show where it was. */
function mask(line, secrets) {
  let out = line;
  for (const s of secrets) out = out.split(s.value).join(`[${s.name}]`);
  for (const shape of SHAPES) out = out.replace(new RegExp(shape.re.source, shape.re.flags + 'g'), `[${shape.name}]`);
  return out.length > 240 ? out.slice(0, 240) + '…' : out;
}

/** Hits of one text: [{line, name, excerpt}] with the secrets masked in the excerpt. */
function scanText(text, secrets) {
  const hits = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const names = secrets.filter((s) => line.includes(s.value)).map((s) => s.name);
    for (const shape of SHAPES) if (shape.re.test(line)) names.push(shape.name);
    if (names.length) hits.push({ line: i + 1, names, excerpt: mask(line.trim(), secrets) });
  }
  return hits;
}

/**
 * Scans files and folders; returns {files, hits: [{file, line, names, excerpt}], missing: [expected paths]}.
 * @param {string[]} paths
 * @param {{secrets?: {name: string, value: string}[], expect?: string[], base?: string}} [opts]
 */
function scan(paths, opts = {}) {
  const secrets = opts.secrets || knownSecrets();
  const base = opts.base || RESULTS;
  const files = [...new Set(paths.flatMap((p) => listFiles(path.resolve(p))))].sort();
  const results = [];
  for (const file of files) {
    const size = fs.statSync(file).size;
    const text = fs.readFileSync(file, 'utf8').slice(0, MAX_FILE_BYTES);
    results.push({ file, size, hits: scanText(text, secrets) });
  }
  const missing = (opts.expect || []).filter((rel) => {
    const p = path.resolve(base, rel);
    if (!fs.existsSync(p)) return true;
    return fs.statSync(p).isDirectory() ? listFiles(p).length === 0 : fs.statSync(p).size === 0;
  });
  return { secrets: secrets.length, results, missing };
}

function main(argv) {
  const paths = [];
  const expect = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--expect') expect.push(argv[++i]);
    else paths.push(argv[i]);
  }
  if (paths.length === 0) paths.push(RESULTS);
  const { secrets, results, missing } = scan(paths, { expect });
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.hits.length === 0) {
      passed++;
      continue;
    }
    failed++;
    const rel = path.relative(process.cwd(), r.file);
    for (const h of r.hits.slice(0, 20)) console.log(`LEAK ${rel}:${h.line}: ${h.names.join(', ')}: ${h.excerpt}`);
    if (r.hits.length > 20) console.log(`LEAK ${rel}: … ${r.hits.length - 20} more lines`);
  }
  for (const m of missing) {
    failed++;
    console.log(`MISSING capture test-results/${m}: the run did not produce it, so it was not scanned`);
  }
  if (results.length === 0) {
    failed++;
    console.log(`NOTHING SCANNED under ${paths.join(', ')}`);
  }
  const bytes = results.reduce((n, r) => n + r.size, 0);
  console.log(`scanned ${results.length} files (${(bytes / 1e6).toFixed(1)} MB) for ${secrets} secrets and ${SHAPES.length} credential shapes`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

module.exports = { knownSecrets, scan, scanText, mask, SHAPES };

if (require.main === module) process.exit(main(process.argv.slice(2)));
