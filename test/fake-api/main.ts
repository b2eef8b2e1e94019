/**
 * CLI of the fake API server (`npm run fake-api`).
 *
 *   node out/test/fake-api/main.js [--port 4780] [--host 127.0.0.1] [--json] [--seed N] [--now ISO]
 *        [--torq-activities N] [--torq-audit-logs N] [--torq-workflows N] [--slack-activities N]
 *        [--sde-activities N] [--torq-body-object] [--torq-account-keys] [--latency-ms N]
 *
 * `--json` prints one line `{"url": ..., "credentials": ...}` first, for scripts that spawn it.
 * PORT in the environment sets the port too (`--port` wins; 0 = any free port).
 */
import { type FakeApiOptions, startFakeApi } from './server';

const NUMBER_FLAGS: Record<string, keyof FakeApiOptions> = {
  '--port': 'port',
  '--seed': 'seed',
  '--torq-activities': 'torqActivities',
  '--torq-audit-logs': 'torqAuditLogs',
  '--torq-workflows': 'torqWorkflows',
  '--slack-activities': 'slackActivities',
  '--sde-activities': 'sdeActivities',
  '--latency-ms': 'latencyMs',
  '--torq-max-page-size': 'torqMaxPageSize',
  '--torq-token-ttl': 'torqTokenTtlSeconds',
};
const BOOLEAN_FLAGS: Record<string, keyof FakeApiOptions> = {
  '--torq-body-object': 'torqBodyAsObject',
  '--torq-account-keys': 'torqAccountKeys',
};
const STRING_FLAGS: Record<string, keyof FakeApiOptions> = {
  '--host': 'host',
  '--now': 'now',
  '--sde-time-zone': 'sdeTimeZone',
};

function usage(): string {
  return `usage: fake-api [--json] ${[...Object.keys(NUMBER_FLAGS).map((f) => `[${f} N]`), ...Object.keys(STRING_FLAGS).map((f) => `[${f} VALUE]`), ...Object.keys(BOOLEAN_FLAGS).map((f) => `[${f}]`)].join(' ')}`;
}

function parseArgs(argv: string[]): { options: FakeApiOptions; json: boolean } {
  const options: Record<string, unknown> = { port: process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : 4780 };
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) {
        throw new Error(`${flag} needs a value`);
      }
      return v;
    };
    if (flag === '--json') {
      json = true;
    } else if (flag === '--help' || flag === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (flag in NUMBER_FLAGS) {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) {
        throw new Error(`${flag} needs a non-negative number`);
      }
      options[NUMBER_FLAGS[flag]] = n;
    } else if (flag in BOOLEAN_FLAGS) {
      options[BOOLEAN_FLAGS[flag]] = true;
    } else if (flag in STRING_FLAGS) {
      options[STRING_FLAGS[flag]] = value();
    } else {
      throw new Error(`unknown argument ${argv[i]}\n${usage()}`);
    }
  }
  return { options: options as FakeApiOptions, json };
}

async function main(): Promise<void> {
  const { options, json } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const api = await startFakeApi(options);
  const { credentials: c, url } = api;
  if (json) {
    console.log(JSON.stringify({ url, credentials: c }));
  }
  const d = api.data;
  const lines = [
    `Fake API server listening on ${url} (data ready in ${Date.now() - started} ms)`,
    '',
    `Torq          apiUrl = authUrl = ${url}`,
    `              client id: ${c.torq.clientId}`,
    `              client secret: ${c.torq.clientSecret}`,
    `              ${d.torq.entries.length} activity-log entries, ${d.torq.audit.length} audit entries, ${d.torq.workflows.length} workflows`,
    `Slack         apiUrl = ${url}/api/   team ${c.slack.teamId}, apps ${d.slack.apps.map((a) => `${a.appId} (${a.name})`).join(', ')}`,
    `              token: ${c.slack.token}`,
    `              error tokens: ${Object.entries(c.slack.special)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `              ${d.slack.activities.length} activities`,
    `SD Elements   url = ${url}   (server local time ${api.options.sdeTimeZone})`,
    `              token: ${c.sde.token}   (limited user: ${c.sde.limitedToken}; basic: ${c.sde.username} / ${c.sde.password})`,
    `              ${d.sde.activities.length} activities`,
    '',
    `Faults: curl -X POST ${url}/__control/faults -H 'Content-Type: application/json' -d '{"api":"torq","kind":"429","retryAfter":2}'`,
    `        curl -X DELETE ${url}/__control/faults     requests: GET ${url}/__control/requests`,
    'Ctrl-C to stop.',
  ];
  // With --json, stdout's first line is the JSON (scripts read that line); the human text follows.
  console.log(lines.join('\n'));
  const stop = (): void => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
