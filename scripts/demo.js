#!/usr/bin/env node
'use strict';
// npm run demo: the extension in a real VS Code (code-server) pointed at the embedded fake APIs.
// Installs the npm dependencies and the test bed on first use, builds, starts both servers and prints the URL to open.
const { execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const testbed = require('./testbed');
const { startFakeServer, fakeSourceSetup } = require('./fake-sources');
const { ensureDependencies } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const run = (cmd) => execSync(cmd, { cwd: ROOT, stdio: 'inherit' });
  ensureDependencies();
  console.log('Building…');
  run('npx tsc -p .');
  run('node esbuild.js');
  testbed.ensureTestbed();
  const api = await startFakeServer({ port: Number(process.env.FAKE_API_PORT || 0) });
  // New Slack activity every few seconds, so that a live tail has something to show.
  const arrivals = setInterval(() => api.addSlackActivities({ appId: 'A0FAKEAPP1', count: 3, spreadMs: 2000 }), 8000);
  const { settings, env } = fakeSourceSetup(api);
  const vsixPath = testbed.packageVsix(ROOT);
  // A copy of the demo's Slack app project, so that its stack frames and Go to Source lead somewhere and edits stay out of the repository.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-demo-'));
  fs.cpSync(path.join(ROOT, 'demo', 'kudos-app'), workspace, { recursive: true });
  const server = await testbed.startCodeServer({ settings, env, vsixPath, workspace, port: Number(process.env.DEMO_PORT || 4781) });
  console.log(`
Activity Logs demo is running.

  Open ${server.url()} in a browser and click the Activity Logs icon in the activity bar.

  Fake APIs: ${api.url} (Torq, Slack, SD Elements; new Slack activity arrives every 8 s)
  Try: Activity Logs: Search… (e.g. "status:failed since:7d"), Next Failure (Ctrl+Alt+F8),
       Start Tail on "Kudos (Slack app)".
  Stop with Ctrl+C.
`);
  const stop = async () => {
    clearInterval(arrivals);
    await server.stop();
    await api.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
