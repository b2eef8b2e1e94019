#!/usr/bin/env node
'use strict';
// npm test: builds, then runs every suite and prints one closing line `N passed, N failed`.
//   1. unit tests in plain Node (mocha) against the fake APIs
//   2. the extension's suites inside a real VS Code extension host (code-server)
//   3. UI tests: Playwright clicking through the workbench in Chromium
//   4. the payload panel's page in Chromium (large payloads, XSS corpus)
//   5. the leak scan (scripts/leak-scan.js): no known test secret in any stage's output (each stage
//      is teed to test-results/logs/<stage>.log), output channel, settings, webview HTML or
//      screenshot text captured under test-results/
// On a fresh clone it first runs `npm ci` (scripts/ensure-deps.js); the test bed (code-server,
// Chromium) is installed on first use.
//   node scripts/test.js [--unit-only]
const { spawnSync } = require('child_process');
const { ensureDependencies } = require('./ensure-deps');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const LOGS = path.join(ROOT, 'test-results', 'logs');
const unitOnly = process.argv.includes('--unit-only');

/**
 * The failed tests' names, each with the first lines of its error, from a stage's output: the UI
 * runner's `✘`, the payload page's `FAIL`, the leak scan's hits and mocha's numbered failures.
 * CI keeps only the tail of its output, so the summary repeats them there.
 */
function failuresIn(text) {
  const lines = text.split('\n');
  const found = [];
  const mochaFailures = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
  lines.forEach((line, i) => {
    const ui = /^\s*✘ (.*)/.exec(line);
    const page = /^\s+FAIL (.*)/.exec(line);
    const mocha = mochaFailures >= 0 && i > mochaFailures && /^\s{2}\d+\) \S/.test(line);
    if (ui) found.push([ui[1], ...lines.slice(i + 1, i + 4).map((l) => l.trim()).filter(Boolean)]);
    else if (page) found.push([page[1]]);
    else if (mocha) found.push(lines.slice(i, i + 6).map((l) => l.trim()).filter(Boolean));
  });
  return found.map((entry) => entry.join(' · ').slice(0, 400));
}

/** Runs a command, streaming its output, and reads its `N passed, N failed` or mocha's summary. */
function runStage(name, cmd, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(result.stdout || '');
  process.stderr.write(result.stderr || '');
  const slug = name.replace(/\(.*?\)/g, '').trim().replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  fs.writeFileSync(path.join(LOGS, `${slug}.log`), `$ ${cmd} ${args.join(' ')}\n${result.stdout || ''}\n--- stderr ---\n${result.stderr || ''}`);
  const text = result.stdout || '';
  const plain = [...text.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  const passing = [...text.matchAll(/(\d+) passing/g)].pop();
  const failing = [...text.matchAll(/(\d+) failing/g)].pop();
  const passed = plain ? +plain[1] : passing ? +passing[1] : 0;
  let failed = plain ? +plain[2] : failing ? +failing[1] : 0;
  if (result.status !== 0 && failed === 0) failed = 1; // a crash or timeout counts as a failure
  if (passed + failed === 0) failed = 1; // a stage that ran no test has not shown anything works
  console.log(`--- ${name}: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { name, passed, failed, failures: failed ? failuresIn(text) : [] };
}

/** The UI test files, the security file last: it adds and removes a source, and captures the editor's output channel and settings once every other UI test has run. */
function uiTestFiles() {
  const dir = path.join(ROOT, 'test', 'ui');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ui.js')).sort();
  return [...files.filter((f) => f !== 'security.ui.js'), ...files.filter((f) => f === 'security.ui.js')].map((f) => path.join('test', 'ui', f));
}

function main() {
  ensureDependencies();
  // What the leak scan reads is produced afresh by this run.
  for (const dir of [LOGS, path.join(ROOT, 'test-results', 'leak-scan')]) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(LOGS, { recursive: true });
  const build = spawnSync('sh', ['-c', 'npx tsc -p . && npx tsc -p src/webview && node esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const stages = [runStage('unit tests (Node)', 'npx', ['mocha'])];
  if (!unitOnly) {
    const install = spawnSync('node', ['scripts/testbed/install.js'], { cwd: ROOT, stdio: 'inherit' });
    if (install.status !== 0) stages.push({ name: 'test bed install', passed: 0, failed: 1 });
    else {
      stages.push(runStage('extension tests (VS Code extension host)', 'node', ['scripts/testbed/run-extension-tests.js']));
      stages.push(runStage('UI tests (VS Code in Chromium)', 'node', ['scripts/ui-tests.js', ...uiTestFiles()]));
      stages.push(runStage('payload panel page (Chromium)', 'node', ['test/ui/payload-standalone.js']));
    }
  }
  // Last: every capture above must exist and hold none of the test secrets.
  const expect = ['logs', 'leak-scan/unit'];
  if (!unitOnly) expect.push('leak-scan/extension/output-channel', 'leak-scan/extension/settings.json', 'leak-scan/extension/webview', 'leak-scan/ui/output-channel', 'leak-scan/ui/settings.json', 'leak-scan/ui/webview');
  stages.push(runStage('leak scan (test secrets in logs, output channel, settings, webview HTML, screenshot text)', 'node', ['scripts/leak-scan.js', 'test-results', ...expect.flatMap((e) => ['--expect', e])]));
  const passed = stages.reduce((n, s) => n + s.passed, 0);
  const failed = stages.reduce((n, s) => n + s.failed, 0);
  console.log('\n=== summary ===');
  for (const s of stages) {
    console.log(`${s.failed ? 'FAIL' : 'ok  '} ${s.name}: ${s.passed} passed, ${s.failed} failed`);
    for (const f of (s.failures || []).slice(0, 10)) console.log(`       ✘ ${f}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
