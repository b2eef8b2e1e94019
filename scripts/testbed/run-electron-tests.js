#!/usr/bin/env node
'use strict';
// The same suite (out/test/extension/index.js) under a desktop VS Code, downloaded by
// @vscode/test-electron. For a developer's machine with a display; it cannot download here
// (CI uses run-extension-tests.js on code-server instead).
//
//   node scripts/testbed/run-electron-tests.js [--version 1.90.0|stable] [--workspace DIR]
//     [--env KEY=VALUE]... [--grep PATTERN] [--cache-path DIR]
const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO_ROOT } = require('./config');
const { parseArgs, envArg } = require('./args');

async function main() {
  const { runTests } = require('@vscode/test-electron');
  const a = parseArgs(process.argv.slice(2), { repeat: ['env'] });
  const extensionDevelopmentPath = path.resolve(a.extension || REPO_ROOT);
  const extensionTestsPath = path.resolve(a.tests || path.join(extensionDevelopmentPath, 'out', 'test', 'extension', 'index.js'));
  const tempWorkspace = a.workspace ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-ws-'));
  const workspace = path.resolve(a.workspace || tempWorkspace);
  const extensionTestsEnv = envArg(a.env);
  if (a.grep) extensionTestsEnv.ACTIVITY_LOGS_TEST_GREP = a.grep;

  try {
    await runTests({
      version: a.version, // default: stable
      // Not .vscode-test in the repo: a cache next to the code-server test bed.
      cachePath: a['cache-path'] || path.join(os.homedir(), '.cache', 'activity-logs-testbed', 'vscode-test'),
      timeout: 30000, // idle timeout of the download
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    if (tempWorkspace) fs.rmSync(tempWorkspace, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    // The suite index has already printed `N passed, N failed`; runTests rejects on failure.
    console.error(`[testbed] ${err && err.message ? err.message : err}`);
    process.exit(1);
  },
);
