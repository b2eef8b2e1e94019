'use strict';
// The test bed's public API: a real VS Code (code-server) in Debian's Chromium. See README.md.
const { VERSIONS, REPO_ROOT, testbedDir, paths } = require('./config');
const { ensureTestbed, isInstalled } = require('./install');
const { startCodeServer, launchBrowser, stopAll, workbenchUrl, smokeTestDriverInitScript, DEFAULT_SETTINGS } = require('./codeserver');
const { packageVsix } = require('./vsix');
const { createUiHelpers, waitForWorkbench } = require('./ui-helpers');
const { runExtensionTests } = require('./run-extension-tests');
const { runUiTests } = require('./run-ui-tests');

module.exports = {
  VERSIONS,
  REPO_ROOT,
  testbedDir,
  paths,
  ensureTestbed,
  isInstalled,
  startCodeServer,
  launchBrowser,
  stop: stopAll,
  stopAll,
  workbenchUrl,
  smokeTestDriverInitScript,
  DEFAULT_SETTINGS,
  packageVsix,
  createUiHelpers,
  waitForWorkbench,
  runExtensionTests,
  runUiTests,
};
