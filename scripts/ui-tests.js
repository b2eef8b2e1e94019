#!/usr/bin/env node
'use strict';
// The UI tests with the fake APIs running: starts the fake server, points the extension at it
// through settings and environment credentials, and runs test/ui/*.ui.js in the workbench.
// test/ui/onboarding.ui.js starts from nothing configured, so it gets a workbench of its own.
//   node scripts/ui-tests.js [test/ui/x.ui.js ...]
const fs = require('fs');
const path = require('path');
const { runUiTests } = require('./testbed');
const { startFakeServer, fakeSourceSetup } = require('./fake-sources');

const UI_DIR = path.resolve(__dirname, '..', 'test', 'ui');
const FIRST_RUN = /onboarding\.ui\.js$/;

async function main() {
  const named = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
  const files = named.length ? named : fs.readdirSync(UI_DIR).filter((f) => f.endsWith('.ui.js')).sort().map((f) => path.join(UI_DIR, f));
  const api = await startFakeServer();
  const { settings, env } = fakeSourceSetup(api, { 'activityLogs.pageSize': 25 });
  process.env.ACTIVITY_LOGS_FAKE_API_URL = api.url; // the UI tests drive the fake's fault switches
  let passed = 0;
  let failed = 0;
  try {
    const runs = [
      { files: files.filter((f) => !FIRST_RUN.test(f)), settings, env },
      { files: files.filter((f) => FIRST_RUN.test(f)), settings: { 'workbench.startupEditor': 'none' }, env: {} },
    ];
    for (const run of runs.filter((r) => r.files.length)) {
      const result = await runUiTests(run);
      passed += result.passed;
      failed += result.failed + (result.exitCode && !result.failed ? 1 : 0);
    }
  } finally {
    await api.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
