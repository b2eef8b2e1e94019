/**
 * Where a link or a URL may lead: the add-source forms and `executionUrlTemplate` accept only what
 * the HTTP client itself would send to (HTTPS, plain HTTP only to loopback), and a payload panel
 * restored after a reload opens no link its saved webview state names until the activity is found again.
 */
import { strict as assert } from 'assert';
import { parseSourceConfigs } from '../../../src/core/config';
import { assertSafeUrl } from '../../../src/core/http';
import { unsafeUrlProblem } from '../../../src/core/urls';
import { headerFromState, headerOf } from '../../../src/ui/payloadHeader';
import { isAllowedLink } from '../../../src/ui/payloadLinks';
import type { Activity } from '../../../src/core/activity';

const LOOKALIKES = ['http://localhost.evil.com', 'http://localhost.evil.com:4780/api/', 'http://127.0.0.1.nip.io/', 'http://127.evil.com/', 'http://[::1].evil.com/'];

describe('security: URLs typed into forms and settings', () => {
  it('the forms refuse plain HTTP to hosts that only start like loopback, as the HTTP client does', () => {
    for (const url of LOOKALIKES) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      assert.equal(unsafeUrlProblem(url, 'https://api.torq.io'), parsed ? 'Use https:// (http:// only for localhost)' : 'Enter a URL such as https://api.torq.io', url);
      if (parsed) assert.throws(() => assertSafeUrl(parsed!, 'Test'), /only HTTPS is allowed/, url);
    }
    for (const url of ['https://acme.sdelements.com', 'http://localhost:4780/api/', 'http://127.0.0.1:9/', 'http://[::1]:8080/', ' https://slack.com/api/ ']) {
      assert.equal(unsafeUrlProblem(url, 'https://x'), undefined, url);
    }
    assert.equal(unsafeUrlProblem('ftp://localhost/', 'https://x'), 'Use https:// (http:// only for localhost)');
    assert.equal(unsafeUrlProblem('not a url', 'https://acme.sdelements.com'), 'Enter a URL such as https://acme.sdelements.com');
  });

  it('executionUrlTemplate: a look-alike of localhost is refused, with the reason; {ui}, https and loopback pass', () => {
    const torq = (executionUrlTemplate: string) => parseSourceConfigs([{ id: 't', kind: 'torq', executionUrlTemplate }]);
    for (const url of LOOKALIKES) {
      const { sources, problems } = torq(`${url}/workflows/{workflow_id}/executions/{execution_id}`);
      assert.equal(sources.length, 0, url);
      assert.deepEqual(problems, ['Source "t": `executionUrlTemplate` must start with {ui} or https:// (http:// only for localhost)'], url);
    }
    for (const template of ['{ui}/workflows/{workflow_id}/executions/{execution_id}', 'https://torq.example.com/e/{execution_id}', 'http://localhost:4780/{workflow_id}/{execution_id}', 'http://127.0.0.1/{execution_id}']) {
      const { sources, problems } = torq(template);
      assert.deepEqual(problems, [], template);
      assert.equal(sources.length, 1, template);
    }
  });
});

describe('security: a restored payload panel', () => {
  const activity: Activity = {
    key: 'sde/activity/7',
    sourceId: 'sde',
    sourceKind: 'sde',
    stream: 'activity',
    id: '7',
    time: '2026-11-20T08:00:00Z',
    timeMs: Date.parse('2026-11-20T08:00:00Z'),
    level: 'info',
    outcome: 'none',
    title: 'Task updated',
    type: 'UpdatedTaskActivity',
    webUrl: 'https://sde.example.com/bunits/1/',
    links: [{ label: 'the task', url: 'https://sde.example.com/activity-redirect/1/2/' }],
    raw: {},
  };

  it('opens no link taken from its saved state: not even the ones the activity had', () => {
    const saved = headerOf(activity, 'SD Elements');
    // What a page that renders untrusted data could have written into its own state.
    const tampered = { ...saved, webUrl: 'https://evil.example.com/steal', links: [{ label: 'Open', url: 'https://evil.example.com/phish' }] };
    for (const header of [saved, tampered]) {
      const restored = headerFromState({ key: activity.key, header });
      assert.ok(restored, 'the header itself comes back (title, time, source)');
      assert.equal(restored.title, 'Task updated');
      assert.equal(restored.webUrl, undefined);
      assert.equal(restored.links, undefined);
      for (const url of [header.webUrl!, ...header.links!.map((l) => l.url)]) assert.ok(!isAllowedLink(url, restored), url);
    }
    // Found again: the activity's own links are allowed again, from the activity.
    assert.ok(isAllowedLink(activity.links![0].url, headerOf(activity, 'SD Elements')));
  });
});
