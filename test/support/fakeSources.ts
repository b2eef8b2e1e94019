/** One source of each product on the fake server, as the link tests read them. */
import type { SourceConfig } from '../../src/core/config';
import type { ActivitySource } from '../../src/core/source';
import { createSource } from '../../src/sources';
import type { FakeApi } from '../fake-api/server';
import { testContext } from './testContext';

export function threeFakeSources(api: FakeApi, pageSize = 50): { configs: SourceConfig[]; sources: ActivitySource[] } {
  const ctx = testContext({
    torq: { clientId: api.credentials.torq.clientId, clientSecret: api.credentials.torq.clientSecret },
    slack: { token: api.credentials.slack.token },
    sde: { token: api.credentials.sde.token },
  }, { pageSize });
  const configs: SourceConfig[] = [
    { id: 'torq', kind: 'torq', label: 'Torq', region: 'us', apiUrl: api.url, authUrl: api.url },
    { id: 'slack', kind: 'slack', label: 'Slack', appId: 'A0FAKEAPP1', apiUrl: `${api.url}/api/` },
    { id: 'sde', kind: 'sde', label: 'SDE', url: api.url },
  ];
  return { configs, sources: configs.map((c) => createSource(c, ctx)) };
}
