/** The UI's descriptor of each kind of source (src/ui/sourceKinds/) agrees with the source it sets up. */
import { strict as assert } from 'assert';
import type { SourceKind } from '../../../src/core/activity';
import { type SourceConfig, sdeSourceSchema, slackSourceSchema, torqSourceSchema } from '../../../src/core/config';
import type { CredentialName } from '../../../src/core/source';
import { createSource } from '../../../src/sources';
import { installVscodeStub } from '../../support/vscodeStub';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { testContext } from '../../support/testContext';

describe('source kinds in the UI', () => {
  let api: FakeApi;
  let kinds: typeof import('../../../src/ui/sourceKinds').SOURCE_KINDS;

  before(async () => {
    installVscodeStub();
    kinds = (require('../../../src/ui/sourceKinds') as typeof import('../../../src/ui/sourceKinds')).SOURCE_KINDS;
    api = await startFakeApi();
  });
  after(async () => api.close());

  it('asks for exactly the credentials each kind of source sends', async () => {
    const configs: Record<SourceKind, SourceConfig> = {
      torq: { id: 't', kind: 'torq', region: 'us', apiUrl: api.url, authUrl: api.url },
      slack: { id: 's', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` },
      sde: { id: 'd', kind: 'sde', url: api.url },
    };
    const ctx = testContext({ t: api.credentials.torq, s: { token: api.credentials.slack.token }, d: { token: api.credentials.sde.token } });
    for (const [kind, config] of Object.entries(configs) as Array<[SourceKind, SourceConfig]>) {
      const asked = new Set<CredentialName>();
      const credentials = { get: (id: string, name: CredentialName, origins: readonly string[]) => (asked.add(name), ctx.credentials.get(id, name, origins)) };
      await createSource(config, { ...ctx, credentials }).testConnection();
      assert.deepEqual([...asked].sort(), kinds[kind].credentials.map((c) => c.name).sort(), kind);
    }
  });

  it('offers to edit only settings the source schema knows', () => {
    const schemas = { torq: torqSourceSchema, slack: slackSourceSchema, sde: sdeSourceSchema };
    for (const kind of Object.keys(schemas) as SourceKind[]) {
      const keys = kinds[kind].editFields.map((f) => f.key);
      assert.ok(keys.length > 0, kind);
      for (const key of keys) assert.ok(key in schemas[kind].shape, `${kind}: ${key}`);
    }
  });
});
