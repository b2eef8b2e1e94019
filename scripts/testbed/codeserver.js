'use strict';
// Start and stop a code-server (VS Code in the browser) for tests and the demo, and launch
// Debian's Chromium to drive it. See ../shared/TESTBED.md (beside this repository).
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const http = require('http');
const { spawn, execFileSync } = require('child_process');
const { paths, CHROMIUM, CHROMIUM_ARGS } = require('./config');
const { isInstalled, node24Env } = require('./install');

/** Settings that keep the workbench quiet and predictable; callers' settings win. */
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

const running = new Set(); // servers and browsers still to stop on exit

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Command line shared by the server and by --install-extension. */
function baseArgs(dirs) {
  return [
    paths().codeServerEntry,
    '--config', dirs.config,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
}

function serverEnv(dirs, extraEnv) {
  const env = { ...node24Env(), ...extraEnv, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache };
  delete env.PORT; // a PORT variable overrides --bind-addr
  delete env.npm_config_nodedir;
  // Not meant for the extension host: Node 24's options and our own test bed variables.
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Install a .vsix into the extensions dir of a server-to-be (code-server --install-extension).
 */
function installVsix(dirs, vsixPath, env) {
  execFileSync(paths().node, [...baseArgs(dirs), '--install-extension', path.resolve(vsixPath), '--force'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

/**
 * Install an unpacked extension by linking it into the extensions dir as <publisher>.<name>-<version>
 * (the scanner picks up folders there; no .vsix needed).
 */
function linkExtension(dirs, extensionPath) {
  const dir = path.resolve(extensionPath);
  const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  fs.symlinkSync(dir, path.join(dirs.extensions, `${publisher}.${name}-${version}`), 'dir');
}

/**
 * @typedef {object} CodeServer
 * @property {string} baseUrl http://127.0.0.1:PORT
 * @property {number} port
 * @property {number} pid leader of the server's process group
 * @property {(more?: object) => string} url workbench URL opening the workspace (see workbenchUrl)
 * @property {() => Promise<void>} stop stops the process group, removes the temp folder
 * @property {() => string} log code-server's output so far
 * @property {string} logFile
 * @property {string} tmpDir
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} [workspace]
 */

/**
 * Start code-server in its own process group with everything it writes under a temp folder.
 *
 * @param {object} [opts]
 * @param {number} [opts.port] default: a free port
 * @param {string} [opts.host] address to bind; default 127.0.0.1
 * @param {string} [opts.workspace] folder to open; used by `url`
 * @param {object} [opts.settings] user settings (User/settings.json), merged over DEFAULT_SETTINGS
 * @param {object} [opts.env] extra environment variables (they reach the extension host's process.env)
 * @param {string} [opts.vsixPath] a .vsix to install before starting (code-server --install-extension)
 * @param {string} [opts.extensionPath] an unpacked extension folder to install as a link instead
 *   (its package.json `main` must be built; a page reload picks up a rebuild)
 * @param {boolean} [opts.verbose] echo code-server's output (always written to `logFile`)
 * @param {boolean} [opts.keepTemp] keep the temp folder after stop()
 * @param {number} [opts.startTimeoutMs] default 60000
 * @returns {Promise<CodeServer>}
 */
async function startCodeServer(opts = {}) {
  if (!isInstalled()) throw new Error('test bed not installed: run node scripts/testbed/install.js');
  const host = opts.host || '127.0.0.1';
  const port = opts.port || (await freePort());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-cs-'));
  const dirs = {
    tmp,
    config: path.join(tmp, 'config.yaml'),
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgCache: path.join(tmp, 'xdg-cache'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(dirs.config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));

  const env = serverEnv(dirs, opts.env);
  try {
    if (opts.vsixPath) {
      const started = Date.now();
      installVsix(dirs, opts.vsixPath, env);
      console.log(`[testbed] code-server --install-extension ${path.basename(opts.vsixPath)}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (opts.extensionPath) linkExtension(dirs, opts.extensionPath);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`installing the extension failed: ${err.message}${err.stderr ? `\n${err.stderr}` : ''}`, { cause: err });
  }

  const logFile = path.join(tmp, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    ...baseArgs(dirs),
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--reconnection-grace-time', '10',
  ];
  // detached: the child calls setsid(), so it leads a process group we can stop as a whole.
  const child = spawn(paths().node, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const server = {
    port,
    pid: child.pid,
    baseUrl,
    tmpDir: tmp,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    logFile,
    workspace: opts.workspace,
    /** Workbench URL opening `workspace`; `more` as in workbenchUrl(). */
    url: (more = {}) => workbenchUrl(baseUrl, { folder: opts.workspace, ...more }),
    log: () => fs.readFileSync(logFile, 'utf8'),
    stop: () => stopServer(server, child, opts.keepTemp),
  };
  running.add(server);

  if (opts.verbose) tail(logFile, child);
  const deadline = Date.now() + (opts.startTimeoutMs || 60000);
  for (;;) {
    if (exited) {
      const log = server.log();
      await server.stop();
      throw new Error(`code-server exited (${JSON.stringify(exited)}) before /healthz; log:\n${log}`);
    }
    try {
      const res = await get(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within ${opts.startTimeoutMs || 60000} ms`);
    }
    await sleep(200);
  }
  return server;
}

/** Echo a growing log file until the process exits. */
function tail(file, child) {
  let pos = 0;
  const timer = setInterval(() => {
    const size = fs.statSync(file).size;
    if (size > pos) {
      const fd = fs.openSync(file, 'r');
      const buf = Buffer.alloc(size - pos);
      fs.readSync(fd, buf, 0, buf.length, pos);
      fs.closeSync(fd);
      pos = size;
      process.stdout.write(buf.toString().replace(/^/gm, '[code-server] '));
    }
  }, 250);
  timer.unref();
  child.on('exit', () => clearInterval(timer));
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stop the whole process group: SIGTERM, then SIGKILL after 5 s. */
async function stopServer(server, child, keepTemp) {
  if (!running.has(server)) return;
  running.delete(server);
  const pgid = child.pid;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
    while (groupAlive(pgid)) await sleep(50);
  }
  if (!keepTemp) fs.rmSync(server.tmpDir, { recursive: true, force: true });
}

/**
 * URL of the workbench. With extensionDevelopmentPath / extensionTestsPath / extensionEnvironment
 * it adds the `payload` parameter, which only a page with the smoke-test driver on honours
 * (see smokeTestDriverInitScript).
 */
function workbenchUrl(baseUrl, { folder, extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
  const authority = new URL(baseUrl).host;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const params = new URLSearchParams();
  if (folder) params.set('folder', path.resolve(folder));
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  const q = params.toString();
  return `${baseUrl}/${q ? `?${q}` : ''}`;
}

/**
 * For page.addInitScript: turns on developmentOptions.enableSmokeTestDriver for that page only,
 * so the workbench honours the `payload` URL parameter.
 */
function smokeTestDriverInitScript() {
  const original = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = original.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
      try {
        const settings = JSON.parse(value);
        settings.developmentOptions = { ...settings.developmentOptions, enableSmokeTestDriver: true };
        return JSON.stringify(settings);
      } catch {
        return value;
      }
    }
    return value;
  };
}

/**
 * Launch Debian's Chromium, headless, through playwright-core. Stopped by stopAll() too.
 * @param {import('playwright-core').LaunchOptions} [opts]
 * @returns {Promise<import('playwright-core').Browser>}
 */
async function launchBrowser(opts = {}) {
  const { chromium } = require('playwright-core');
  // Chromium's crash reporter writes under XDG_CONFIG_HOME (~/.config/chromium otherwise).
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ...opts,
    env: { ...process.env, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, ...opts.env },
    args: [...CHROMIUM_ARGS, ...(opts.args || [])],
  });
  const entry = { stop: () => browser.close().catch(() => {}), tmpDir: home };
  running.add(entry);
  browser.on('disconnected', () => {
    running.delete(entry);
    fs.rmSync(home, { recursive: true, force: true });
  });
  return browser;
}

/** Stop every server and browser this process started. */
async function stopAll() {
  await Promise.all([...running].map((r) => r.stop()));
}

// Last resort: never leave a code-server process group behind.
process.on('exit', () => {
  for (const r of running) {
    if (!r.pid) {
      fs.rmSync(r.tmpDir, { recursive: true, force: true }); // a browser: Playwright closes it itself
      continue;
    }
    try {
      process.kill(-r.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    fs.rmSync(r.tmpDir, { recursive: true, force: true });
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    stopAll().finally(() => process.exit(128 + os.constants.signals[sig]));
  });
}

module.exports = {
  DEFAULT_SETTINGS,
  startCodeServer,
  launchBrowser,
  stopAll,
  workbenchUrl,
  smokeTestDriverInitScript,
  freePort,
};
