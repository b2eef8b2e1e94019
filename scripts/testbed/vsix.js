'use strict';
// Package an extension folder as a .vsix with the repo's @vscode/vsce (3.x runs on Node 20).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { REPO_ROOT } = require('./config');

/**
 * @param {string} [extensionPath] default: the repo
 * @param {string} [outFile] default: a new temp folder's <name>.vsix
 * @returns {string} path of the .vsix
 */
function packageVsix(extensionPath = REPO_ROOT, outFile) {
  const dir = path.resolve(extensionPath);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const out = path.resolve(outFile || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-vsix-')), `${name}-${version}.vsix`));
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out];
  // Unless the repository is on GitHub/GitLab, vsce refuses a README with relative links or
  // images; a local test package does not care where they point.
  args.push('--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/');
  execFileSync(process.execPath, [vsce, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return out;
}

module.exports = { packageVsix };
