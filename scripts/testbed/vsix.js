'use strict';
// The .vsix the UI tests install: made by the extension's own `npm run package` script
// (scripts/package.js), so what the tests install is what users install.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { REPO_ROOT } = require('./config');

/**
 * @param {string} [extensionPath] a checkout of this repository; default: this one
 * @param {string} [outFile] default: a new temp folder's <name>-<version>.vsix
 * @returns {string} path of the .vsix
 */
function packageVsix(extensionPath = REPO_ROOT, outFile) {
  const dir = path.resolve(extensionPath);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const out = path.resolve(outFile || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-vsix-')), `${name}-${version}.vsix`));
  execFileSync(process.execPath, [path.join(dir, 'scripts', 'package.js'), '--out', out], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return out;
}

module.exports = { packageVsix };
