'use strict';
// The settings and credentials that point the extension at the fake APIs: used by the demo and the
// UI tests. Credentials travel as environment variables of the editor process (the extension's
// fallback for machines without a keyring), never as settings.
const path = require('path');

const OUT = path.resolve(__dirname, '..', 'out', 'test', 'fake-api', 'server.js');

/** Starts the fake server (compiled by `tsc -p .`) in this process. */
async function startFakeServer(options = {}) {
  const { startFakeApi } = require(OUT);
  return startFakeApi(options);
}

function envName(sourceId, name) {
  return `ACTIVITY_LOGS_${sourceId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${name}`;
}

/** The environment variables holding the fake's credentials for these sources (by kind). */
function credentialsEnv(api, sources) {
  const c = api.credentials;
  const env = {};
  for (const { id, kind } of sources) {
    if (kind === 'torq') Object.assign(env, { [envName(id, 'CLIENT_ID')]: c.torq.clientId, [envName(id, 'CLIENT_SECRET')]: c.torq.clientSecret });
    else env[envName(id, 'TOKEN')] = c[kind].token;
  }
  return env;
}

/** User settings and editor environment for three sources on the fake server at `api.url`. */
function fakeSourceSetup(api, extraSettings = {}) {
  const settings = {
    'activityLogs.sources': [
      { id: 'acme-torq', kind: 'torq', label: 'Acme Torq', apiUrl: api.url, authUrl: api.url },
      { id: 'kudos-app', kind: 'slack', label: 'Kudos (Slack app)', appId: 'A0FAKEAPP1', teamId: 'T0FAKETEAM', apiUrl: `${api.url}/api/` },
      { id: 'acme-sde', kind: 'sde', label: 'Acme SD Elements', url: api.url },
    ],
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'chat.commandCenter.enabled': false,
    ...extraSettings,
  };
  return { settings, env: credentialsEnv(api, settings['activityLogs.sources']) };
}

module.exports = { startFakeServer, fakeSourceSetup, credentialsEnv };
