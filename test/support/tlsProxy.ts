/**
 * A TLS-terminating reverse proxy in front of the fake server, as a self-hosted instance has: HTTPS
 * outside, plain HTTP to the server, the Host header passed on (or replaced, as a misconfigured
 * proxy does). Its certificate is made for the run with `openssl` and trusted by Node's default
 * HTTPS agent (which the HTTP client uses) until `close`.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

export interface TlsProxy {
  /** `https://localhost:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

function selfSignedLocalhost(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'activity-logs-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], {
      stdio: 'ignore',
    });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Proxies to `target` (an http:// origin); `host` replaces the Host header when given. */
export async function tlsProxy(target: string, host?: string): Promise<TlsProxy> {
  const { key, cert } = selfSignedLocalhost();
  const to = new URL(target);
  const server = https.createServer({ key, cert }, (req, res) => {
    const upstream = http.request({ hostname: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: host ?? req.headers.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = https.globalAgent as https.Agent & { options: https.AgentOptions };
  const trusted = agent.options.ca;
  agent.options.ca = cert;
  return {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        agent.options.ca = trusted;
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
