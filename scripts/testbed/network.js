'use strict';
// What corporate networks put between the editor and an API, on loopback only, for
// test/ui/network.ui.js: an HTTP proxy (Debian's tinyproxy) and SD Elements served over HTTPS
// with a certificate from a private CA (made here with openssl), plus one from a CA nobody trusts.
//
// VS Code's proxy support sends localhost, 127.0.0.1 and ::1 DIRECT whatever `http.proxy` says, so
// the traffic goes elsewhere on loopback: plain HTTP to 127.0.0.2 (the extension counts all of
// 127.0.0.0/8 as loopback), HTTPS to the machine's own host name, which /etc/hosts points at
// loopback. Not to an IP address: tunnelled through a proxy, VS Code's agent checks the certificate
// of an IP-addressed host against the name "localhost" and refuses it (seen here: "Host: localhost.
// is not cert's CN: 127.0.0.2").
const fs = require('fs');
const os = require('os');
const net = require('net');
const tls = require('tls');
const path = require('path');
const dns = require('dns');
const { spawn, execFileSync } = require('child_process');
const { freePort } = require('./codeserver');

/** Where the APIs listen: loopback, but not an address VS Code exempts from the proxy. */
const API_HOST = '127.0.0.2';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function openssl(dir, args) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The machine's host name and the loopback address it resolves to; throws when it is not loopback. */
async function loopbackHostName() {
  const name = os.hostname();
  const { address } = await dns.promises.lookup(name, { family: 4 }).catch(() => ({ address: undefined }));
  if (!address || !address.startsWith('127.')) throw new Error(`the HTTPS part needs a host name on loopback; this machine's name ${name} resolves to ${address ?? 'nothing'}`);
  return { name, address };
}

/** A CA (`<name>-ca.pem`) and a server certificate for `host` signed by it (`<name>.key`, `<name>.pem`). */
function makeCertificates(dir, name, host) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...ec, '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`, '-days', '2', '-subj', `/CN=Activity Logs test CA (${name})`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(dir, ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${host}`]);
  fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=DNS:${host}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${name}-ca.pem`, '-CAkey', `${name}-ca.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`]);
  return { ca: path.join(dir, `${name}-ca.pem`), key: path.join(dir, `${name}.key`), cert: path.join(dir, `${name}.pem`) };
}

/**
 * HTTPS in front of the plain-HTTP fake: TLS ends here and the bytes go on to the fake unchanged,
 * like a load balancer passing TCP. (The fake writes `http://` into SD Elements' `next` links, so
 * only first pages load through it; the extension refuses to follow a link to another origin.)
 */
async function startTlsFront({ key, cert, target, host }) {
  const sockets = new Set();
  const server = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  server.on('tlsClientError', () => {}); // the untrusted endpoint's clients hang up mid-handshake, as they should
  await new Promise((resolve) => server.listen(0, host.address, resolve));
  return {
    url: `https://${host.name}:${server.address().port}`,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** What tinyproxy forwarded, from its log: `GET http://host:port/path…` and `CONNECT host:port`. */
function proxyLogRequests(logFile) {
  return fs.readFileSync(logFile, 'utf8').split('\n').map((l) => /Request \(file descriptor \d+\): (\S+ \S+)/.exec(l)?.[1]).filter(Boolean);
}

/** tinyproxy on 127.0.0.1, logging every request it forwards; stopped by `stop()`. */
async function startTinyproxy(dir) {
  const port = await freePort();
  const conf = path.join(dir, 'tinyproxy.conf');
  const logFile = path.join(dir, 'tinyproxy.log');
  fs.writeFileSync(conf, [`Port ${port}`, 'Listen 127.0.0.1', 'Allow 127.0.0.1', 'Timeout 60', 'MaxClients 50', 'LogLevel Connect', ''].join('\n'));
  // -d: stay in the foreground (and log to stderr), so that this process owns it and can stop it.
  const out = fs.openSync(logFile, 'a');
  const child = spawn('tinyproxy', ['-d', '-c', conf], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + 10000;
  for (;;) {
    if (exited !== null) throw new Error(`tinyproxy exited (${exited}): ${fs.readFileSync(logFile, 'utf8')}`);
    const listening = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.end(() => resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (listening) break;
    if (Date.now() > deadline) throw new Error('tinyproxy did not listen within 10 s');
    await sleep(100);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    logFile,
    stop: () => new Promise((resolve) => {
      if (exited !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

function isInstalled(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the proxy and the two HTTPS fronts for a fake API listening on API_HOST. Returns the
 * editor's settings (`http.proxy`) and environment (NODE_EXTRA_CA_CERTS naming the private CA).
 */
async function startNetworkFixtures(api, credentialsEnv) {
  const missing = ['tinyproxy', 'openssl'].filter((c) => !isInstalled(c));
  if (missing.length) throw new Error(`the network UI test needs ${missing.join(' and ')}: apt-get install -y ${missing.join(' ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-net-'));
  const target = { host: API_HOST, port: api.port };
  const host = await loopbackHostName();
  const privateCa = makeCertificates(dir, 'private', host.name);
  const untrusted = makeCertificates(dir, 'untrusted', host.name);
  const proxy = await startTinyproxy(dir);
  const trustedFront = await startTlsFront({ ...privateCa, target, host });
  const untrustedFront = await startTlsFront({ ...untrusted, target, host });
  const sources = [
    { id: 'proxied-torq', kind: 'torq', label: 'Torq via proxy', apiUrl: api.url, authUrl: api.url },
    { id: 'private-ca-sde', kind: 'sde', label: 'SD Elements (private CA)', url: trustedFront.url },
    { id: 'untrusted-sde', kind: 'sde', label: 'SD Elements (untrusted CA)', url: untrustedFront.url },
  ];
  const settings = { 'activityLogs.sources': sources, 'http.proxy': proxy.url, 'http.proxyStrictSSL': true };
  // How VS Code users trust a private CA for extensions: NODE_EXTRA_CA_CERTS in the editor's environment.
  const env = { ...credentialsEnv(sources), NODE_EXTRA_CA_CERTS: privateCa.ca };
  return {
    settings,
    env,
    /** For the test itself (it runs in this process): where to look. */
    testEnv: { ACTIVITY_LOGS_TEST_PROXY_LOG: proxy.logFile, ACTIVITY_LOGS_TEST_URLS: JSON.stringify({ api: api.url, trusted: trustedFront.url, untrusted: untrustedFront.url, proxy: proxy.url }) },
    stop: async () => {
      await Promise.all([proxy.stop(), trustedFront.close(), untrustedFront.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { API_HOST, startNetworkFixtures, proxyLogRequests };
