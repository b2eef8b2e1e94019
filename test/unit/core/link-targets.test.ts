/**
 * What a received link opens (src/core/linkTargets.ts, src/sources/identity.ts): which configured
 * sources it can mean, and its activity read again from the fake server by id or around its time.
 */
import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import type { SourceConfig } from '../../../src/core/config';
import { type LinkCandidate, locateActivity, matchingSources } from '../../../src/core/linkTargets';
import { activityLink, type SourceRef } from '../../../src/core/links';
import type { ActivitySource } from '../../../src/core/source';
import { activityIdentity, isVendorOrigin, sourceIdentity, suggestedSettings, torqWorkspaceOf } from '../../../src/sources/identity';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { threeFakeSources } from '../../support/fakeSources';

const candidate = (config: SourceConfig): LinkCandidate => ({ id: config.id, identity: sourceIdentity(config) });
const ids = (ref: SourceRef, configs: SourceConfig[]) => matchingSources(ref, configs.map(candidate)).map((c) => c.id);

describe('links: which configured source a link means', () => {
  const configs: SourceConfig[] = [
    { id: 'torq-us', kind: 'torq', region: 'us' },
    { id: 'torq-us-2', kind: 'torq', region: 'us' },
    { id: 'torq-eu', kind: 'torq', region: 'eu' },
    { id: 'kudos', kind: 'slack', appId: 'A0FAKEAPP1', teamId: 'T0FAKETEAM' },
    { id: 'kudos-any-team', kind: 'slack', appId: 'A0FAKEAPP1' },
    { id: 'other-app', kind: 'slack', appId: 'A0OTHERAPP' },
    { id: 'gov', kind: 'slack', appId: 'A0FAKEAPP1', apiUrl: 'https://slack-gov.com/api/' },
    { id: 'sde', kind: 'sde', url: 'https://acme.sdelements.com/api/v2/' },
  ];

  it('matches by product, API origin and app, whatever the sender called the source, the sender\'s name first', () => {
    assert.deepEqual(ids({ sourceId: 'prod', sourceKind: 'torq', origin: 'https://api.torq.io' }, configs), ['torq-us', 'torq-us-2']);
    assert.deepEqual(ids({ sourceId: 'torq-us-2', sourceKind: 'torq', origin: 'https://api.torq.io', account: 'ws-1' }, configs), ['torq-us-2', 'torq-us'], 'a workspace not known here does not decide');
    assert.deepEqual(ids({ sourceId: 'x', sourceKind: 'torq', origin: 'https://api.eu.torq.io' }, configs), ['torq-eu']);
    assert.deepEqual(ids({ sourceId: 'x', sourceKind: 'slack', origin: 'https://slack.com', account: 'A0FAKEAPP1', team: 'T0FAKETEAM' }, configs), ['kudos', 'kudos-any-team']);
    assert.deepEqual(ids({ sourceId: 'x', sourceKind: 'slack', origin: 'https://slack.com', account: 'A0FAKEAPP1', team: 'T0ELSEWHERE' }, configs), ['kudos-any-team']);
    assert.deepEqual(ids({ sourceId: 'x', sourceKind: 'slack', origin: 'https://slack-gov.com', account: 'A0FAKEAPP1' }, configs), ['gov']);
    assert.deepEqual(ids({ sourceId: 'x', sourceKind: 'sde', origin: 'https://acme.sdelements.com' }, configs), ['sde']);
  });

  it('matches nothing for another host, another product, a Slack link without its app, or the sender\'s source id alone', () => {
    assert.deepEqual(ids({ sourceId: 'torq-us', sourceKind: 'torq', origin: 'https://api.torq.io.evil.example.com' }, configs), []);
    assert.deepEqual(ids({ sourceId: 'sde', sourceKind: 'sde', origin: 'https://evil.example.com' }, configs), []);
    assert.deepEqual(ids({ sourceId: 'sde', sourceKind: 'torq', origin: 'https://acme.sdelements.com' }, configs), []);
    assert.deepEqual(ids({ sourceId: 'kudos', sourceKind: 'slack', origin: 'https://slack.com' }, configs), []);
    assert.deepEqual(ids({ sourceId: 'sde', sourceKind: 'sde', origin: 'not a url' }, configs), []);
  });

  it('suggests the settings of a missing source from what the link knows, and nothing secret', () => {
    assert.deepEqual(suggestedSettings({ sourceKind: 'torq', origin: 'https://api.eu.torq.io', account: 'ws-1' }), { region: 'eu' });
    assert.deepEqual(suggestedSettings({ sourceKind: 'torq', origin: 'https://api.torq.example.com' }), { apiUrl: 'https://api.torq.example.com', authUrl: 'https://auth.torq.example.com' });
    assert.deepEqual(suggestedSettings({ sourceKind: 'slack', origin: 'https://slack.com', account: 'A0FAKEAPP1', team: 'T0FAKETEAM' }), { appId: 'A0FAKEAPP1', teamId: 'T0FAKETEAM' });
    assert.deepEqual(suggestedSettings({ sourceKind: 'slack', origin: 'http://127.0.0.1:9000', account: 'A0FAKEAPP1' }), { appId: 'A0FAKEAPP1', apiUrl: 'http://127.0.0.1:9000/api/' });
    assert.deepEqual(suggestedSettings({ sourceKind: 'sde', origin: 'https://acme.sdelements.com' }), { url: 'https://acme.sdelements.com' });
    assert.deepEqual(
      configs.filter((c) => !isVendorOrigin(sourceIdentity(c))).map((c) => c.id),
      [],
      'the vendors\' own hosts, and any SD Elements instance',
    );
    assert.equal(isVendorOrigin({ sourceKind: 'torq', origin: 'https://api.torq.io.evil.example.com' }), false);
    assert.equal(isVendorOrigin({ sourceKind: 'slack', origin: 'https://slack.com.evil.example.com' }), false);
    for (const config of configs) assert.deepEqual(ids({ sourceId: 'new', ...sourceIdentity({ ...config, ...suggestedSettings(sourceIdentity(config)) } as SourceConfig) }, [config]), [config.id], `${config.id} round-trips`);
  });
});

describe('links: the linked activity, read again from the fake server', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let configs: SourceConfig[];
  let sources: ActivitySource[];
  let listed: Activity[];

  before(async () => {
    api = await startFakeApi();
    ({ configs, sources } = threeFakeSources(api));
    const window = { fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 60_000 };
    listed = [];
    for (const source of sources) for (const group of source.groups()) if (group.list) listed.push(...(await group.list(window)(undefined)).items);
  });
  after(async () => api.close());

  const linkTo = (a: Activity) => activityLink(a, activityIdentity(a, configs.find((c) => c.id === a.sourceId)!));
  const sourceOf = (a: Activity) => sources.find((s) => s.id === a.sourceId)!;

  it('finds an activity of every product and stream, the same entry, in a few requests', async () => {
    const picks = ['torq/activity', 'torq/audit', 'slack/', 'sde/'].map((prefix) => listed.find((a) => `${a.sourceId}/${a.stream}`.startsWith(prefix))!);
    assert.equal(picks.filter(Boolean).length, 4, 'one of each');
    for (const a of picks) {
      api.requests.clear();
      const found = await locateActivity(sourceOf(a), linkTo(a));
      assert.equal(found?.key, a.key, `${a.key} found`);
      assert.equal(found.time, a.time);
      const reads = api.requests.filter((r) => !r.path.includes('token') && !r.path.includes('/users/'));
      assert.ok(reads.length >= 1 && reads.length <= 8, `${a.key}: ${reads.length} requests`);
    }
  });

  it('reads an SD Elements activity by its id: one request', async () => {
    const a = listed.find((x) => x.sourceKind === 'sde')!;
    api.requests.clear();
    assert.equal((await locateActivity(sourceOf(a), linkTo(a)))?.key, a.key);
    assert.deepEqual(api.requests.of('sde').filter((r) => r.path.includes('/activities/')).map((r) => r.path), [`/api/v2/activities/${a.id}/`]);
  });

  it('a Torq run is found by its time and workflow, the listing narrowed to a few seconds', async () => {
    const a = listed.find((x) => x.sourceKind === 'torq' && x.workflowId && x.stream === 'activity')!;
    api.requests.clear();
    assert.equal((await locateActivity(sourceOf(a), linkTo(a)))?.key, a.key);
    const list = api.requests.of('torq').find((r) => r.path.endsWith('/activity_logs'))!;
    const param = (name: string) => String([list.query[name]].flat()[0]);
    assert.equal(param('workflow_id'), a.workflowId);
    assert.ok(Date.parse(param('end_time')) - Date.parse(param('start_time')) <= 10_000, 'a window of seconds');
    assert.ok(torqWorkspaceOf(a), 'and names its workspace');
  });

  it('finds nothing for an id that is not there, a time where it is not, or another stream', async () => {
    const a = listed.find((x) => x.sourceKind === 'slack')!;
    assert.equal(await locateActivity(sourceOf(a), { ...linkTo(a), id: 'Lg_not_there' }), undefined);
    assert.equal(await locateActivity(sourceOf(a), { ...linkTo(a), time: '2020-01-01T00:00:00.000000000Z' }), undefined);
    const s = listed.find((x) => x.sourceKind === 'sde')!;
    assert.equal(await locateActivity(sourceOf(s), { ...linkTo(s), id: '999999999' }), undefined, 'a 404 by id is "not found", then the window has none either');
    const t = listed.find((x) => x.sourceKind === 'torq' && x.stream === 'activity')!;
    assert.equal(await locateActivity(sourceOf(t), { ...linkTo(t), stream: 'audit' }), undefined);
  });
});
