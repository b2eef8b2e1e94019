#!/usr/bin/env node
'use strict';
// Run the extension's mocha suites inside a real VS Code extension host (code-server +
// Chromium). Builds nothing: run `npx tsc -p . && node esbuild.js` first.
//
//   node scripts/testbed/run-extension-tests.js [--extension DIR] [--tests FILE] [--workspace DIR]
//     [--settings JSON|FILE] [--env KEY=VALUE]... [--grep PATTERN] [--timeout SECONDS]
//     [--allow-empty] [--verbose]
//
// Prints the extension host's console, then a last line `N passed, N failed`; exits 0 only when
// the suite passed.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO_ROOT } = require('./config');
const { startCodeServer, launchBrowser, smokeTestDriverInitScript } = require('./codeserver');
const { parseArgs, jsonArg, envArg } = require('./args');

const RESULT_MARKER = '[activity-logs-tests] result'; // printed by test/extension/index.ts

/**
 * Turn a codeAutomationLog call into text. The extension host's console arrives as the raw
 * console.log arguments (mocha's reporter uses format strings like "%s%s" and "✔ %s (%dms)"),
 * so apply util.format-style substitutions; %c (CSS) consumes its argument and prints nothing.
 */
function formatLog(args) {
  const list = Array.isArray(args) ? [...args] : [args];
  const show = (a) => (typeof a === 'string' ? a : JSON.stringify(a));
  if (typeof list[0] !== 'string') return list.map(show).join(' ');
  const rest = list.slice(1);
  const head = list[0].replace(/%([sdifjoOc%])/g, (m, c) => {
    if (c === '%') return '%';
    if (rest.length === 0) return m;
    const a = rest.shift();
    if (c === 'c') return '';
    if (c === 'd' || c === 'i') return String(c === 'i' ? parseInt(a, 10) : Number(a));
    if (c === 'f') return String(parseFloat(a));
    return show(a);
  });
  return [head, ...rest.map(show)].join(' ');
}

/** Counts from the suite index's marker line, else from mocha's spec reporter summary. */
function countResults(text) {
  const marker = text.split('\n').reverse().find((l) => l.includes(RESULT_MARKER));
  if (marker) {
    const m = marker.slice(marker.indexOf(RESULT_MARKER) + RESULT_MARKER.length).match(/\{.*?\}/);
    if (m) return JSON.parse(m[0]);
  }
  const passing = text.match(/(\d+) passing/);
  const failing = text.match(/(\d+) failing/);
  if (passing || failing) return { passed: passing ? +passing[1] : 0, failed: failing ? +failing[1] : 0 };
  return null;
}

/**
 * @param {object} opts
 * @param {string} [opts.extensionPath] default: the repo
 * @param {string} [opts.testsPath] compiled suite index; default <extensionPath>/out/test/extension/index.js
 * @param {string} [opts.workspace] folder to open; default: a new empty temp folder
 * @param {object} [opts.settings] user settings
 * @param {object} [opts.env] environment for the extension host (extensionEnvironment)
 * @param {object} [opts.serverEnv] environment for the code-server process (also reaches the extension host)
 * @param {string} [opts.grep] only tests whose title matches (ACTIVITY_LOGS_TEST_GREP)
 * @param {number} [opts.timeoutMs] default 5 min
 * @param {boolean} [opts.allowEmpty] succeed when no test ran (default: that fails)
 * @param {boolean} [opts.verbose] echo code-server's log and the page's own console
 * @param {(line: string) => void} [opts.print] where the extension host's console goes; default stdout
 * @returns {Promise<{passed: number, failed: number, exitCode: number, timedOut: boolean}>}
 */
async function runExtensionTests(opts = {}) {
  const print = opts.print || ((line) => console.log(line));
  const extensionPath = path.resolve(opts.extensionPath || REPO_ROOT);
  const testsPath = path.resolve(opts.testsPath || path.join(extensionPath, 'out', 'test', 'extension', 'index.js'));
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} not found: build first (npx tsc -p .)`);
  const tempWorkspace = opts.workspace ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-ws-'));
  const workspace = path.resolve(opts.workspace || tempWorkspace);
  const extensionEnvironment = { ...opts.env };
  if (opts.grep) extensionEnvironment.ACTIVITY_LOGS_TEST_GREP = opts.grep;
  const timeoutMs = opts.timeoutMs || 5 * 60 * 1000;

  let server;
  let browser;
  let transcript = '';
  let timer;
  const started = Date.now();
  try {
    server = await startCodeServer({ workspace, settings: opts.settings, env: opts.serverEnv, verbose: opts.verbose });
    print(`[testbed] code-server up on ${server.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.addInitScript(smokeTestDriverInitScript);

    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    timer = setTimeout(() => finish({ code: 1, timedOut: true }), timeoutMs);
    // The workbench calls these when they exist: the extension host's console, and its exit code.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatLog(args);
      transcript += text + '\n';
      // Errors are mostly the workbench's own noise (open-vsx ENOTFOUND...): first line unless verbose.
      if (type === 'error') print(`[log:error] ${opts.verbose ? text : text.split('\n')[0]}`);
      else print(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) || 0, timedOut: false }));
    if (opts.verbose) page.on('console', (m) => print(`[page:${m.type()}] ${m.text()}`));

    const url = server.url({ extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath, extensionEnvironment });
    await page.goto(url);
    const { code, timedOut } = await finished;
    if (timedOut) print(`[testbed] TIMEOUT: the suite did not finish within ${timeoutMs / 1000} s`);
    print(`[testbed] suite finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const counts = countResults(transcript) || { passed: 0, failed: code === 0 ? 0 : 1 };
    const empty = counts.passed + counts.failed === 0;
    if (empty) print(`[testbed] ${opts.allowEmpty ? 'WARNING' : 'FAIL'}: no tests ran${opts.allowEmpty ? '' : ' (--allow-empty accepts that)'}`);
    const exitCode = code !== 0 || counts.failed > 0 || timedOut || (empty && !opts.allowEmpty) ? 1 : 0;
    // A crash or timeout after the last test is still a failure: never report "0 failed" then.
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
    return { passed: counts.passed, failed: counts.failed, exitCode, timedOut };
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tempWorkspace) fs.rmSync(tempWorkspace, { recursive: true, force: true });
  }
}

module.exports = { runExtensionTests, countResults, formatLog };

if (require.main === module) {
  const a = parseArgs(process.argv.slice(2), { flags: ['verbose', 'allow-empty'], repeat: ['env'] });
  runExtensionTests({
    extensionPath: a.extension,
    testsPath: a.tests,
    workspace: a.workspace,
    settings: jsonArg(a.settings),
    env: envArg(a.env),
    grep: a.grep,
    timeoutMs: a.timeout ? Number(a.timeout) * 1000 : Number(process.env.ACTIVITY_LOGS_TEST_TIMEOUT || 300) * 1000,
    allowEmpty: a['allow-empty'],
    verbose: a.verbose,
  })
    .then((r) => {
      console.log(`${r.passed} passed, ${r.failed} failed`);
      process.exit(r.exitCode);
    })
    .catch((err) => {
      console.error(`[testbed] ${err.stack || err}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    });
}
