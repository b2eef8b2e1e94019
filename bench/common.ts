/**
 * What the benchmarks share: the fake API server in its own process (so that the server's work
 * does not run on the thread being measured), statistics, and child processes that report JSON.
 */
import { type ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';

/** The repository root (this file runs from out/bench/). */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface FakeServerInfo {
  readonly url: string;
  readonly credentials: {
    torq: { clientId: string; clientSecret: string };
    slack: { token: string; teamId: string; appIds: readonly string[] };
    sde: { token: string };
  };
}

export interface FakeServer extends FakeServerInfo {
  /** POST /__control/... of the fake server. */
  control(route: string, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts `out/test/fake-api/main.js --json` with the given CLI flags on a free port. */
export async function startFakeServer(flags: string[]): Promise<FakeServer> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'out', 'test', 'fake-api', 'main.js'), '--json', '--port', '0', ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`fake API server exited (${code}) before it was ready`)));
  });
  child.stdout!.resume(); // drain the human-readable banner
  const info = JSON.parse(first) as FakeServerInfo;
  return {
    ...info,
    async control(route, body) {
      const res = await fetch(`${info.url}/__control/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `node [nodeArgs] script [args]` and returns the last stdout line parsed as JSON. */
export function runNodeJson<T>(script: string, args: string[] = [], nodeArgs: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${path.basename(script)} exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${path.basename(script)} printed no JSON: ${out.slice(-500)}`));
      }
    });
  });
}

/** A window that holds every entry of the fake data set (it reaches 30 days back). */
export function wholeDataWindow(now = Date.now()): { fromMs: number; toMs: number } {
  return { fromMs: now - 31 * 24 * 3_600_000, toMs: now + 3_600_000 };
}
