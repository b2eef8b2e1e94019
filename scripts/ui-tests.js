#!/usr/bin/env node
'use strict';
// The UI tests with the fake APIs running: starts the fake server, points the extension at it
// through settings and environment credentials, and runs test/ui/*.ui.js in the workbench.
const { runUiTests } = require('./testbed');
const { startFakeServer, fakeSourceSetup } = require('./fake-sources');

async function main() {
  const api = await startFakeServer();
  const { settings, env } = fakeSourceSetup(api, { 'activityLogs.pageSize': 25 });
  process.env.ACTIVITY_LOGS_FAKE_API_URL = api.url; // the UI tests drive the fake's fault switches
  try {
    const result = await runUiTests({ settings, env, files: process.argv.slice(2).filter((a) => !a.startsWith('--')) });
    console.log(`${result.passed} passed, ${result.failed} failed`);
    process.exitCode = result.exitCode;
  } finally {
    await api.close();
  }
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
