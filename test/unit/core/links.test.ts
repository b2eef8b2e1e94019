/** Links that open an activity, a group or a search (src/core/links.ts): what is sent, and what a receiver accepts. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Activity } from '../../../src/core/activity';
import { activityLink, type ActivityLogsLink, decodeLink, decodeLinkParts, encodeLink, LinkError, markdownSummary, MAX_LINK_LENGTH } from '../../../src/core/links';
import type { SourceConfig } from '../../../src/core/config';
import { activityIdentity, torqWorkspaceOf } from '../../../src/sources/identity';
import { type FakeApi, startFakeApi } from '../../fake-api/server';
import { threeFakeSources } from '../../support/fakeSources';
import { REPO_ROOT } from '../../support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string };
const EXTENSION = { publisher: manifest.publisher, name: manifest.name };
const BASE = `vscode://${EXTENSION.publisher}.${EXTENSION.name}`;

/** What a UriHandler is given for `text`: VS Code's Uri splits it and percent-decodes each part once. */
function asVsCodeGivesIt(text: string): { scheme: string; authority: string; path: string; query: string } {
  const m = /^([^:]+):\/\/([^/?#]*)([^?#]*)\??([^#]*)/.exec(text)!;
  return { scheme: m[1], authority: decodeURIComponent(m[2]), path: decodeURIComponent(m[3]), query: decodeURIComponent(m[4]) };
}

function rejects(text: string, reason: RegExp): void {
  assert.throws(
    () => decodeLink(text, EXTENSION),
    (e: unknown) => e instanceof LinkError && /^This Activity Logs link cannot be opened: /.test(e.message) && reason.test(e.message),
    `${text.slice(0, 120)} is refused: ${reason}`,
  );
}

describe('links: encode and decode', () => {
  it('takes the extension id from package.json', () => {
    assert.equal(`${EXTENSION.publisher}.${EXTENSION.name}`, 'activity-logs.activity-logs');
  });

  it('round-trips a group path and a search whatever text they hold, also as VS Code hands them over', () => {
    const links: ActivityLogsLink[] = [
      { kind: 'group', sourceId: 'sde-prod', sourceKind: 'sde', origin: 'https://acme.sdelements.com', path: ['applications', 'desc:R&D + Ops = ü (2026) #1 50%'] },
      { kind: 'group', sourceId: 'sde-prod', sourceKind: 'sde', origin: 'http://127.0.0.1:8080', path: ['business-units', 'desc:Data: EU'] },
      { kind: 'search', query: 'level:error since:2h workflow:"Phishing triage" a&b=c+d #x 100%' },
      { kind: 'search', sourceId: 'torq', sourceKind: 'torq', origin: 'https://api.eu.torq.io', account: 'a1b2c3d4-0000-4000-8000-000000000001', query: 'status:failed' },
      { kind: 'search', sourceId: 'kudos', sourceKind: 'slack', origin: 'https://slack.com', account: 'A0FAKEAPP1', team: 'T0FAKETEAM', query: 'level:error' },
    ];
    for (const link of links) {
      const uri = encodeLink(link, EXTENSION);
      assert.ok(uri.startsWith(`${BASE}/${link.kind}?`), uri);
      assert.doesNotMatch(uri, /[\s()"<>]/, 'nothing that ends a Markdown link or needs quoting');
      assert.deepEqual(decodeLink(uri, EXTENSION), link);
      assert.deepEqual(decodeLinkParts(asVsCodeGivesIt(uri), EXTENSION), link);
    }
  });

  it('refuses to write a link holding a credential or a URL', () => {
    assert.throws(() => encodeLink({ kind: 'search', query: 'xoxb-1234-5678-abcdefgh' }, EXTENSION), /looks like a credential/);
    assert.throws(() => encodeLink({ kind: 'search', query: 'see https://evil.example.com' }, EXTENSION), /looks like a URL/);
    assert.throws(() => encodeLink({ kind: 'search', query: 'x'.repeat(1001) }, EXTENSION), /1 to 1000 characters/);
  });
});

describe('links: what a receiver refuses', () => {
  const valid = `${BASE}/activity?source=torq&kind=torq&origin=https%253A%252F%252Fapi.torq.io&stream=activity&id=3f1c&time=2026-03-01T10%3A00%3A00.000000001Z`;

  it('accepts the valid link the hostile ones are made from', () => {
    assert.deepEqual(decodeLink(valid, EXTENSION), {
      kind: 'activity', sourceId: 'torq', sourceKind: 'torq', origin: 'https://api.torq.io', stream: 'activity', id: '3f1c', time: '2026-03-01T10:00:00.000000001Z',
    });
    assert.equal(decodeLink(valid.replace('vscode:', 'code-oss:'), EXTENSION).kind, 'activity', 'code-server writes code-oss://');
  });

  it('refuses other schemes, other extensions, a host in the path, unknown kinds and fragments', () => {
    rejects('javascript:alert(1)', /not a URI/);
    rejects(valid.replace('vscode:', 'javascript:'), /not a vscode:\/\/ link/);
    rejects(valid.replace(`${EXTENSION.publisher}.${EXTENSION.name}`, 'evil.example.com'), /another extension/);
    rejects(valid.replace(`${EXTENSION.publisher}.${EXTENSION.name}`, `user@${EXTENSION.publisher}.${EXTENSION.name}:443`), /another extension/);
    rejects(valid.replace('/activity?', '//evil.example.com/activity?'), /other than an activity, a group or a search/);
    rejects(valid.replace('/activity?', '/payload?'), /other than an activity, a group or a search/);
    rejects(`${valid}#x`, /fragment/);
  });

  it('refuses a query of 100 KB, unknown or repeated parameters, and values out of shape', () => {
    rejects(`${BASE}/search?q=${'a'.repeat(100 * 1024)}`, /longer than 4096/);
    assert.throws(() => decodeLinkParts({ ...asVsCodeGivesIt(valid), query: 'q=' + 'a'.repeat(MAX_LINK_LENGTH + 1) }, EXTENSION), /longer than/);
    rejects(`${valid}&host=evil.example.com`, /parameter an? activity link does not \(`host`\)/);
    rejects(`${valid}&id=other`, /`id` is given twice/);
    rejects(valid.replace('&stream=activity', ''), /`stream` is missing/);
    rejects(valid.replace('kind=torq', 'kind=jira'), /not a product/);
    rejects(valid.replace('000000001Z', '001Z'), /`time` holds characters/);
    rejects(valid.replace('id=3f1c', 'id=%2F%2Fevil.example.com'), /`id` holds characters/);
    rejects(valid.replace('source=torq', 'source=..%2F..%2Fetc'), /`source` holds characters/);
    rejects(`${BASE}/search?q=a%250Ab`, /`q` holds characters/);
    rejects(`${BASE}/search?q=open%2520javascript%253Aalert(1)`, /looks like a URL/);
    rejects(`${BASE}/group?source=sde&kind=sde&origin=https%253A%252F%252Fsde.example.com${'&path=a'.repeat(9)}`, /1 to 8 levels/);
    rejects(`${BASE}/search?source=torq&q=x`, /`source`, `kind` and `origin` go together/);
    rejects(`${BASE}/search?account=A0FAKEAPP1&q=x`, /need a `source`/);
    rejects(valid.replace('&origin=https%253A%252F%252Fapi.torq.io', ''), /`origin` is missing/);
  });

  it('refuses an origin that is not an https:// origin, or plain http:// to anything but this machine', () => {
    const withOrigin = (origin: string) => valid.replace('https%253A%252F%252Fapi.torq.io', encodeURIComponent(encodeURIComponent(origin)));
    rejects(withOrigin('javascript:alert(1)'), /`origin` is not an https:\/\/ origin/);
    rejects(withOrigin('javascript://api.torq.io/%0Aalert(1)'), /`origin` is not an https:\/\/ origin/);
    rejects(withOrigin('data:text/html,<script>alert(1)</script>'), /`origin` is not an https:\/\/ origin/);
    rejects(withOrigin('file:///etc/passwd'), /`origin` is not an https:\/\/ origin/);
    rejects(withOrigin('http://evil.example.com'), /plain http:\/\/ to a host that is not this machine/);
    rejects(withOrigin('http://127.0.0.1.evil.example.com'), /plain http:\/\//);
    rejects(withOrigin('https://user:pass@api.torq.io'), /not an https:\/\/ origin/);
    rejects(withOrigin('https://api.torq.io/public/v1alpha'), /not an https:\/\/ origin/);
    rejects(withOrigin('https://api.torq.io?x=1'), /not an https:\/\/ origin/);
    rejects(withOrigin('HTTPS://API.TORQ.IO'), /not an https:\/\/ origin/);
    rejects(withOrigin(`https://${'a'.repeat(250)}.com`), /at most 200/);
    for (const ok of ['https://api.torq.io', 'https://acme.sdelements.com:8443', 'http://127.0.0.1:9999', 'http://localhost:3000', 'http://[::1]:8080']) {
      const link = decodeLink(withOrigin(ok), EXTENSION);
      assert.equal(link.kind === 'activity' && link.origin, ok);
    }
  });

  it('refuses a parameter that carries a token, without repeating the token', () => {
    const token = 'xoxb-1234567890-abcdefghijklmnop';
    for (const text of [`${valid}&token=${token}`, valid.replace('id=3f1c', `id=${token}`), `${BASE}/search?q=Bearer%2520abc123def456`, `${BASE}/search?q=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig`]) {
      assert.throws(
        () => decodeLink(text, EXTENSION),
        (e: unknown) => e instanceof LinkError && !e.message.includes(token) && !e.message.includes('abc123def456') && /parameter|credential/.test(e.message),
        text,
      );
    }
  });
});

describe('links to activities of the fake server, and Copy as Markdown', function () {
  this.timeout(20_000);
  let api: FakeApi;
  let activities: Activity[];
  let configs: SourceConfig[];

  before(async () => {
    api = await startFakeApi();
    const window = { fromMs: api.nowMs() - 30 * 86_400_000, toMs: api.nowMs() + 60_000 };
    const fake = threeFakeSources(api);
    configs = fake.configs;
    activities = [];
    for (const source of fake.sources) activities.push(...(await source.groups().find((g) => g.tailDefault)!.list!(window)(undefined)).items);
  });
  after(async () => api.close());

  it('round-trips every listed activity of the three products, carrying the ids that find it again and, as the one host, the API origin of its source', () => {
    assert.equal(activities.length, 150);
    for (const a of activities) {
      const identity = activityIdentity(a, configs.find((c) => c.id === a.sourceId)!);
      const uri = encodeLink(activityLink(a, identity), EXTENSION);
      // The source's API origin is the one host in it, as its identity.
      assert.equal(uri.split('127.0.0.1').length, 2, uri);
      assert.ok(uri.includes(`origin=${encodeURIComponent(encodeURIComponent(api.url))}`), uri);
      const link = decodeLinkParts(asVsCodeGivesIt(uri), EXTENSION);
      assert.equal(link.kind, 'activity');
      if (link.kind !== 'activity') continue;
      assert.deepEqual([link.sourceId, link.sourceKind, link.stream, link.id, link.time], [a.sourceId, a.sourceKind, a.stream, a.id, a.time]);
      assert.deepEqual([link.workflowId, link.executionId, link.traceId], [a.workflowId, a.executionId, a.traceId]);
      assert.deepEqual([link.origin, link.account], [api.url, a.sourceKind === 'slack' ? 'A0FAKEAPP1' : a.sourceKind === 'torq' ? torqWorkspaceOf(a) : undefined]);
    }
    assert.ok(activities.some((a) => a.sourceKind === 'torq' && a.executionId && a.workflowId), 'a Torq run carries its workflow and execution');
    assert.ok(activities.some((a) => a.sourceKind === 'slack' && a.traceId), 'a Slack entry carries its trace');
    assert.ok(activities.some((a) => a.sourceKind === 'torq' && torqWorkspaceOf(a)), 'a Torq entry names its workspace');
  });

  it('writes one Markdown line with the title escaped, the outcome, the source and the UTC time', () => {
    const failed = activities.find((a) => a.outcome === 'failure')!;
    const hostile = { ...failed, title: 'Workflow [a](javascript:x) *b* _c_ `d` <e> | f\nsecond line', time: '2026-03-01T10:00:00.120000000Z' } as Activity;
    const uri = encodeLink(activityLink(hostile, { sourceKind: 'torq', origin: 'https://api.torq.io' }), EXTENSION);
    const line = markdownSummary(hostile, uri, 'Torq prod');
    assert.equal(
      line,
      `[Workflow \\[a\\]\\(javascript:x\\) \\*b\\* \\_c\\_ \\\`d\\\` \\<e\\> \\| f second line](${uri}) — failed · Torq prod · 2026-03-01 10:00:00.120 UTC`,
    );
    assert.ok(!line.includes('\n'));
    const slack = activities.find((a) => a.sourceKind === 'slack' && a.time.slice(23, 26) !== '000')!;
    assert.match(markdownSummary(slack, encodeLink(activityLink(slack, { sourceKind: 'slack', origin: 'https://slack.com', account: 'A0FAKEAPP1' }), EXTENSION)), / · slack · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} UTC$/);
  });
});
