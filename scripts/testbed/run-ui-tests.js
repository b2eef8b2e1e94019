#!/usr/bin/env node
'use strict';
// UI tests: Playwright drives the VS Code workbench (code-server + Chromium) with the extension
// installed from a .vsix. A UI test file (default: test/ui/*.ui.js) exports named async tests:
//
//   module.exports = {
//     'shows the view': async ({ page, openView, runCommand, treeItem, expand, screenshot, webviewFrame }) => { ... },
//   };
//
// Tests of one file share one workbench page, in order; each file gets a fresh page. A file may
// export `timeoutSeconds` (a number) for its tests instead of --test-timeout's 2 minutes.
//
//   node scripts/testbed/run-ui-tests.js [FILES...] [--extension DIR] [--vsix FILE | --link] [--workspace DIR]
//     [--settings JSON|FILE] [--env KEY=VALUE]... [--grep PATTERN] [--screenshots DIR]
//     [--test-timeout SECONDS] [--allow-empty] [--verbose]
//
// Builds nothing but the .vsix (run `node esbuild.js` first; --link skips packaging and installs
// the folder unpacked). Last line: `N passed, N failed`.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO_ROOT } = require('./config');
const { startCodeServer, launchBrowser } = require('./codeserver');
const { createUiHelpers, waitForWorkbench } = require('./ui-helpers');
const { packageVsix } = require('./vsix');
const { parseArgs, jsonArg, envArg } = require('./args');

function findUiTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ui.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * @param {object} opts
 * @param {string[]} [opts.files] UI test files; default <extensionPath>/test/ui/*.ui.js
 * @param {string} [opts.extensionPath] default: the repo (packaged into a .vsix unless vsixPath)
 * @param {string} [opts.vsixPath] an already packaged extension
 * @param {boolean} [opts.link] install extensionPath unpacked (a link) instead of packaging a .vsix
 * @param {string} [opts.workspace] folder to open; default: a new empty temp folder
 * @param {object} [opts.settings] user settings
 * @param {object} [opts.env] environment of code-server, so of the extension host
 * @param {string} [opts.grep] only tests whose name matches
 * @param {string} [opts.screenshotsDir] default <repo>/test-results/screenshots
 * @param {number} [opts.testTimeoutMs] per test; default 2 min
 * @param {boolean} [opts.allowEmpty] succeed when no test ran (default: that fails)
 * @param {{width: number, height: number}} [opts.viewport] default 1400×900
 * @param {boolean} [opts.verbose] echo code-server's log and the page's console
 * @returns {Promise<{passed: number, failed: number, exitCode: number}>}
 */
async function runUiTests(opts = {}) {
  const extensionPath = path.resolve(opts.extensionPath || REPO_ROOT);
  const files = (opts.files && opts.files.length ? opts.files : findUiTests(path.join(extensionPath, 'test', 'ui'))).map((f) => path.resolve(f));
  const screenshotsDir = path.resolve(opts.screenshotsDir || path.join(REPO_ROOT, 'test-results', 'screenshots'));
  const grep = opts.grep ? new RegExp(opts.grep) : null;
  const tempWorkspace = opts.workspace ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-ws-'));
  const workspace = path.resolve(opts.workspace || tempWorkspace);
  let passed = 0;
  let failed = 0;
  const testTimeoutMs = opts.testTimeoutMs || 120000;
  let server;
  let browser;
  let builtVsix;
  let empty = false;
  try {
    let t = Date.now();
    const install = {};
    if (opts.link) install.extensionPath = extensionPath;
    else install.vsixPath = opts.vsixPath || (builtVsix = packageVsix(extensionPath));
    const how = opts.link ? 'linked, unpacked' : opts.vsixPath ? 'given' : `packaged in ${((Date.now() - t) / 1000).toFixed(1)} s`;
    console.log(`[testbed] extension: ${install.extensionPath || install.vsixPath} (${how})`);
    t = Date.now();
    server = await startCodeServer({ workspace, settings: opts.settings, env: opts.env, ...install, verbose: opts.verbose });
    console.log(`[testbed] code-server up on ${server.baseUrl} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    browser = await launchBrowser();

    for (const file of files) {
      const exported = require(file);
      const tests = Object.entries(exported).filter(([name, fn]) => typeof fn === 'function' && (!grep || grep.test(name)));
      // A file whose tests do much by design (click-every-group.ui.js) says how long each may take.
      const timeoutMs = typeof exported.timeoutSeconds === 'number' ? exported.timeoutSeconds * 1000 : testTimeoutMs;
      if (tests.length === 0) continue;
      console.log(`\n${path.relative(process.cwd(), file)}`);
      const context = await browser.newContext({ viewport: opts.viewport || { width: 1400, height: 900 } });
      const page = await context.newPage();
      if (opts.verbose) page.on('console', (m) => console.log(`  [page:${m.type()}] ${m.text()}`));
      const ui = createUiHelpers(page, { screenshotsDir });
      let opened = null;
      try {
        await page.goto(server.url());
        await waitForWorkbench(page);
      } catch (err) {
        opened = err;
      }
      for (const [name, fn] of tests) {
        const started = Date.now();
        try {
          if (opened) throw opened;
          await withTimeout(fn(ui), timeoutMs, `timed out after ${timeoutMs} ms`);
          passed++;
          console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
        } catch (err) {
          failed++;
          const detail = String(err && err.stack ? err.stack : err).replace(/\x1b\[[0-9;]*m/g, ''); // Playwright colours its call log
          console.log(`  ✘ ${name} (${Date.now() - started} ms)\n    ${detail.replace(/\n/g, '\n    ')}`);
          const shot = await ui.screenshot(`FAILED-${path.basename(file, '.ui.js')}-${name}`).catch(() => null);
          if (shot) console.log(`    screenshot: ${shot}`);
        }
      }
      await context.close();
    }
    if (passed + failed === 0 && !opts.allowEmpty) {
      console.log('[testbed] FAIL: no UI tests ran (--allow-empty accepts that)');
      empty = true;
    }
  } catch (err) {
    console.error(`[testbed] ${err.stack || err}`);
    failed++;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (tempWorkspace) fs.rmSync(tempWorkspace, { recursive: true, force: true });
    if (builtVsix) fs.rmSync(path.dirname(builtVsix), { recursive: true, force: true });
  }
  return { passed, failed, exitCode: failed > 0 || empty ? 1 : 0 };
}

module.exports = { runUiTests };

if (require.main === module) {
  const a = parseArgs(process.argv.slice(2), { flags: ['verbose', 'link', 'allow-empty'], repeat: ['env'] });
  runUiTests({
    files: a._,
    extensionPath: a.extension,
    vsixPath: a.vsix,
    link: a.link,
    workspace: a.workspace,
    settings: jsonArg(a.settings),
    env: envArg(a.env),
    grep: a.grep,
    screenshotsDir: a.screenshots,
    testTimeoutMs: a['test-timeout'] ? Number(a['test-timeout']) * 1000 : undefined,
    allowEmpty: a['allow-empty'],
    verbose: a.verbose,
  }).then((r) => {
    console.log(`${r.passed} passed, ${r.failed} failed`);
    process.exit(r.exitCode);
  });
}
