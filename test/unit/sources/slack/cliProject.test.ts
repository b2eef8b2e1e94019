/** Reading the apps of a Slack CLI project (.slack/apps.json, .slack/apps.dev.json). */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findCliProjectApps, parseDeployedAppsFile, parseLocalAppsFile } from '../../../../src/sources/slack/cliProject';

describe('Slack CLI project files', () => {
  it('reads deployed apps keyed by team id', () => {
    const text = JSON.stringify({
      apps: { T0123: { app_id: 'A0123', team_domain: 'acme', team_id: 'T0123', user_id: 'U1' }, E0999: { app_id: 'A0999', team_domain: 'org', team_id: 'E0999', enterprise_id: 'E0999' } },
      default: 'acme',
    });
    assert.deepEqual(parseDeployedAppsFile(text), [
      { appId: 'A0123', teamId: 'T0123', teamDomain: 'acme', environment: 'deployed' },
      { appId: 'A0999', teamId: 'E0999', teamDomain: 'org', environment: 'deployed' },
    ]);
  });

  it('reads local apps: the map itself, as the CLI writes apps.dev.json', () => {
    const text = JSON.stringify({ T0123: { app_id: 'A0DEV', team_domain: 'acme', team_id: 'T0123', user_id: 'U1', IsDev: true } });
    assert.deepEqual(parseLocalAppsFile(text), [{ appId: 'A0DEV', teamId: 'T0123', teamDomain: 'acme', environment: 'local' }]);
  });

  it('tolerates wrapped local apps, legacy keys and junk', () => {
    assert.deepEqual(parseLocalAppsFile(JSON.stringify({ apps: { T1: { app_id: 'A1', team_id: 'T1' } } })), [{ appId: 'A1', teamId: 'T1', teamDomain: undefined, environment: 'local' }]);
    // Old projects: keyed by team domain, `name` instead of team_domain, local apps under "dev" in apps.json.
    assert.deepEqual(parseDeployedAppsFile(JSON.stringify({ apps: { acme: { app_id: 'A2', name: 'acme' } }, dev: { T3: { app_id: 'A3' } } })), [
      { appId: 'A2', teamId: undefined, teamDomain: 'acme', environment: 'deployed' },
      { appId: 'A3', teamId: 'T3', teamDomain: undefined, environment: 'local' },
    ]);
    for (const junk of ['', 'not json', '[]', 'null', '{"apps": 5}', '{"apps": {"T1": "A1"}}', '{"apps": {"T1": {"app_id": 7}}}', '{"apps": {"T1": {"app_id": "lowercase"}}}']) {
      assert.deepEqual(parseDeployedAppsFile(junk), [], junk);
      assert.deepEqual(parseLocalAppsFile(junk), [], junk);
    }
    assert.deepEqual(parseDeployedAppsFile('\uFEFF{"apps":{"T1":{"app_id":"A1","team_id":"T1","team_domain":7}}}'), [{ appId: 'A1', teamId: 'T1', teamDomain: undefined, environment: 'deployed' }]);
  });

  it('finds the apps of every workspace folder, each once', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'slack-cli-project-'));
    try {
      const a = path.join(root, 'a');
      const b = path.join(root, 'b');
      const c = path.join(root, 'c');
      await fs.mkdir(path.join(a, '.slack'), { recursive: true });
      await fs.mkdir(path.join(b, '.slack'), { recursive: true });
      await fs.mkdir(c);
      await fs.writeFile(path.join(a, '.slack/apps.json'), JSON.stringify({ apps: { T1: { app_id: 'A1', team_id: 'T1', team_domain: 'one' } } }));
      await fs.writeFile(path.join(a, '.slack/apps.dev.json'), JSON.stringify({ T1: { app_id: 'A1DEV', team_id: 'T1', team_domain: 'one' } }));
      await fs.writeFile(path.join(b, '.slack/apps.json'), JSON.stringify({ apps: { T1: { app_id: 'A1', team_id: 'T1' } } }));
      await fs.writeFile(path.join(b, '.slack/apps.dev.json'), '{ broken');
      const apps = await findCliProjectApps([a, b, c]);
      assert.deepEqual(
        apps.map((x) => [x.appId, x.environment, x.folder]),
        [
          ['A1', 'deployed', a],
          ['A1DEV', 'local', a],
        ],
      );
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
