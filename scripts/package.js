#!/usr/bin/env node
'use strict';
// npm run package: writes activity-logs-<version>.vsix, the file users install with
// `code --install-extension` and the one the UI tests install into the test bed.
//   node scripts/package.js [--out FILE]
//
// vsce runs `vscode:prepublish` first (npm ci when node_modules lacks something, then the
// production bundle). README pictures: the editor's extension page (and the Marketplace) shows
// only https images — its sanitizer drops relative, data: and file: sources, even for an extension
// installed from a .vsix, and its CSP blocks http — so vsce rewrites README.md's relative links to
// the repository's public URL (package.json `repository`). For a repository on GitHub or GitLab vsce
// finds those URLs itself, and a plain `npx vsce package` works as well; for any other host it
// refuses the README unless given them, as here.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { ensureDependencies } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');

/** Where README.md's relative links and pictures live once published: `<repository>/blob|raw/HEAD/`. */
function readmeBaseUrls(manifest) {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!repository || !/^https:\/\//.test(repository)) throw new Error('package.json needs `repository.url`, an https URL: the README pictures are served from there');
  const base = repository.replace(/\.git$/, '').replace(/\/$/, '');
  return { content: `${base}/blob/HEAD/`, images: `${base}/raw/HEAD/` };
}

/** The `%key%` placeholders of package.json that package.nls.json does not define (the editor would show them raw). */
function undefinedNlsKeys() {
  const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  return [...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]).filter((key) => typeof nls[key] !== 'string');
}

/** Packages the repository; returns the path of the .vsix. */
function packageExtension(outFile) {
  ensureDependencies();
  const missing = undefinedNlsKeys();
  if (missing.length) throw new Error(`package.nls.json lacks ${missing.map((k) => `"${k}"`).join(', ')}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(outFile || path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`));
  const urls = readmeBaseUrls(manifest);
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // --no-dependencies: the bundle in dist/ holds every runtime dependency.
  const args = ['package', '--no-dependencies', '--baseContentUrl', urls.content, '--baseImagesUrl', urls.images, '--out', out];
  execFileSync(process.execPath, [vsce, ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}

module.exports = { packageExtension, readmeBaseUrls, undefinedNlsKeys };

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  try {
    const out = packageExtension(at > 0 ? process.argv[at + 1] : undefined);
    console.log(`${path.relative(process.cwd(), out)}: ${(fs.statSync(out).size / 1024).toFixed(0)} KB. Install it with: code --install-extension ${path.basename(out)}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
