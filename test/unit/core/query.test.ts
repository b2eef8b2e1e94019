import { strict as assert } from 'assert';
import type { Activity } from '../../../src/core/activity';
import { formatQuery, matchesQuery, parseQuery, QueryError } from '../../../src/core/query';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

function activity(over: Partial<Activity> = {}): Activity {
  return {
    key: 's/activity/1',
    sourceId: 's',
    sourceKind: 'torq',
    stream: 'activity',
    id: '1',
    time: '2026-11-22T11:00:00.000000000Z',
    timeMs: Date.UTC(2026, 10, 22, 11),
    level: 'error',
    outcome: 'failure',
    title: "Workflow 'Phishing triage' failed",
    type: 'integration',
    workflowId: 'wf-1',
    workflowName: 'Phishing triage',
    traceId: 'Tr1',
    actor: 'alice@example.com',
    error: 'step Send email failed: 401',
    raw: { event: { body: '{"order":4711}' } },
    ...over,
  };
}

describe('query language', () => {
  it('parses every term', () => {
    const q = parseQuery('source:torq,slack level:warn status:failed workflow:"Phishing triage" component:Fn1 trace:Tr1 type:x actor:bob since:2h until:2026-11-22T11:30:00Z order 4711', NOW);
    assert.deepEqual(q.sources, ['torq', 'slack']);
    assert.equal(q.level, 'warn');
    assert.equal(q.status, 'failure');
    assert.equal(q.workflow, 'Phishing triage');
    assert.equal(q.component, 'Fn1');
    assert.equal(q.trace, 'Tr1');
    assert.equal(q.type, 'x');
    assert.equal(q.actor, 'bob');
    assert.equal(q.sinceMs, NOW - 2 * 3600_000);
    assert.equal(q.untilMs, Date.UTC(2026, 10, 22, 11, 30));
    assert.deepEqual(q.text, ['order', '4711']);
  });

  it('accepts relative and absolute times', () => {
    assert.equal(parseQuery('since:30m', NOW).sinceMs, NOW - 30 * 60_000);
    assert.equal(parseQuery('since:7d', NOW).sinceMs, NOW - 7 * 86_400_000);
    assert.equal(parseQuery('since:2026-11-01', NOW).sinceMs, Date.UTC(2026, 10, 1));
  });

  for (const [input, term, pattern] of [
    ['colour:red', 'colour', /Unknown term "colour:"/],
    ['level:loud', 'level', /"level:loud" is not a level/],
    ['status:meh', 'status', /"status:meh" is not a status/],
    ['since:yesterdayish', 'since', /"since:yesterdayish" is not a time/],
    ['trace:', 'trace', /"trace:" needs a value/],
    ['since:1h until:2h', 'since', /must be before/],
  ] as const) {
    it(`rejects ${input} with a message naming the term`, () => {
      assert.throws(() => parseQuery(input, NOW), (e: QueryError) => e instanceof QueryError && e.term === term && pattern.test(e.message));
    });
  }

  it('keeps URLs in free text', () => {
    assert.deepEqual(parseQuery('https://example.com/x', NOW).text, ['https://example.com/x']);
  });

  it('matches on every term and on payload text', () => {
    const a = activity();
    assert.ok(matchesQuery(a, parseQuery('status:failed level:error workflow:phishing trace:Tr1 actor:alice 4711', NOW)));
    assert.ok(!matchesQuery(a, parseQuery('status:succeeded', NOW)));
    assert.ok(!matchesQuery(a, parseQuery('level:fatal', NOW)));
    assert.ok(!matchesQuery(a, parseQuery('4712', NOW)));
    assert.ok(!matchesQuery(a, parseQuery('since:30m', NOW)));
    assert.ok(matchesQuery(a, parseQuery('"send email"', NOW)));
  });

  it('formats a query back to text that parses the same', () => {
    const q = parseQuery('source:torq status:failed workflow:"Phishing triage" since:2h order', NOW);
    assert.deepEqual(parseQuery(formatQuery(q), NOW), q);
  });
});
