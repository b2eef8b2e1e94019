#!/usr/bin/env node
'use strict';
// The UI tests with the fake APIs running: starts the fake server, points the extension at it
// through settings and environment credentials, and runs test/ui/*.ui.js in the workbench.
// Two files get a workbench of their own: test/ui/onboarding.ui.js starts from nothing configured;
// test/ui/network.ui.js runs behind an HTTP proxy with a private CA (scripts/testbed/network.js).
//   node scripts/ui-tests.js [test/ui/x.ui.js ...]
const fs = require('fs');
const path = require('path');
const { runUiTests, packageVsix } = require('./testbed');
const { startFakeServer, fakeSourceSetup, credentialsEnv } = require('./fake-sources');
const { API_HOST, startNetworkFixtures } = require('./testbed/network');

const UI_DIR = path.resolve(__dirname, '..', 'test', 'ui');
const FIRST_RUN = /onboarding\.ui\.js$/;
const NETWORK = /network\.ui\.js$/;

/** The network files' run: a fake of its own on API_HOST, behind tinyproxy and HTTPS fronts. */
async function runNetworkFiles(files, vsixPath) {
  const api = await startFakeServer({ host: API_HOST });
  let fixtures;
  try {
    fixtures = await startNetworkFixtures(api, (sources) => credentialsEnv(api, sources));
    Object.assign(process.env, fixtures.testEnv);
    return await runUiTests({ files, vsixPath, settings: { 'workbench.startupEditor': 'none', ...fixtures.settings }, env: fixtures.env });
  } finally {
    if (fixtures) await fixtures.stop();
    await api.close();
  }
}

async function main() {
  const named = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
  const files = named.length ? named : fs.readdirSync(UI_DIR).filter((f) => f.endsWith('.ui.js')).sort().map((f) => path.join(UI_DIR, f));
  const api = await startFakeServer();
  const { settings, env } = fakeSourceSetup(api, { 'activityLogs.pageSize': 25 });
  process.env.ACTIVITY_LOGS_FAKE_API_URL = api.url; // the UI tests drive the fake's fault switches
  let passed = 0;
  let failed = 0;
  // One package for every workbench: what `npm run package` makes, installed with --install-extension.
  const started = Date.now();
  const vsixPath = packageVsix();
  console.log(`[ui-tests] packaged ${path.basename(vsixPath)} (${(fs.statSync(vsixPath).size / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    const runs = [
      { files: files.filter((f) => !FIRST_RUN.test(f) && !NETWORK.test(f)), run: () => runUiTests({ files: runs[0].files, vsixPath, settings, env }) },
      { files: files.filter((f) => FIRST_RUN.test(f)), run: () => runUiTests({ files: runs[1].files, vsixPath, settings: { 'workbench.startupEditor': 'none' }, env: {} }) },
      { files: files.filter((f) => NETWORK.test(f)), run: () => runNetworkFiles(runs[2].files, vsixPath) },
    ];
    for (const run of runs.filter((r) => r.files.length)) {
      const result = await run.run();
      passed += result.passed;
      failed += result.failed + (result.exitCode && !result.failed ? 1 : 0);
    }
  } finally {
    await api.close();
    fs.rmSync(path.dirname(vsixPath), { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  // Exit even if a failed test left a handle open (a second fake server it would have closed).
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
