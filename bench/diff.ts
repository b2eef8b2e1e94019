/**
 * Compare Payloads: milliseconds to normalise two 5 MB payloads (src/core/payloadDiff.ts: parse,
 * decode the JSON held in strings, sort keys, mask, indent), and its ratio to the bare work on the
 * same texts measured in the same run (JSON.parse + JSON.stringify with the same indentation).
 */
import { normalisePayload } from '../src/core/payloadDiff';
import { median, round } from './common';

export interface DiffResult {
  readonly payloadBytes: number;
  /** Both payloads, median of the rounds. */
  readonly normaliseMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  readonly rounds: number;
}

const TARGET_BYTES = 5 * 1024 * 1024;

/**
 * A Torq activity whose `event.body` is a JSON string of 5 MB (the shape of the fake's big body):
 * records with nested objects, an inner JSON string each, and an integer beyond 2^53. `run`
 * changes the ids and times, as a second run of the same workflow would.
 */
export function bigPayloadText(run: number): string {
  const records: unknown[] = [];
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const record = {
      request_id: `req-${run}-${i}`,
      user: { name: `user ${i % 97}`, email: `user${i % 97}@example.com`, roles: ['reader', i % 3 ? 'writer' : 'admin'] },
      alert: { severity: ['low', 'medium', 'high'][i % 3], score: (i * 7919) % 1000, tags: [`t${i % 11}`, `t${i % 13}`] },
      details: JSON.stringify({ path: `/api/items/${i}`, status: i % 17 ? 200 : 500, latency_ms: (i * 31) % 900 }),
      timestamp: new Date(Date.UTC(2026, 0, 1) + run * 60_000 + i).toISOString(),
    };
    records.push(record);
    bytes += JSON.stringify(record).length + 1;
  }
  const body = `{"records":${JSON.stringify(records)},"snowflake":12345678901234567890}`;
  return JSON.stringify({
    id: `activity-${run}`,
    workspace_id: 'ws-1',
    event: { id: `event-${run}`, timestamp: `2026-01-01T00:0${run}:00.123456789Z`, type: 'integration', body },
    execution: { id: `exec-${run}`, workflow_id: 'wf-1', workflow_name: 'Phishing triage', start_time: `2026-01-01T00:0${run}:00Z` },
  });
}

export function measureDiff(rounds: number): DiffResult {
  const texts = [bigPayloadText(1), bigPayloadText(2)];
  const options = { mask: true, sourceKind: 'torq' as const, jsonStringPaths: ['event.body'] };
  const normalise: number[] = [];
  const baseline: number[] = [];
  // Alternating, so that the noise of a shared machine falls on both sides alike.
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (const text of texts) normalisePayload(text, options);
    normalise.push(performance.now() - t);
    t = performance.now();
    for (const text of texts) JSON.stringify(JSON.parse(text), null, 2);
    baseline.push(performance.now() - t);
  }
  const normaliseMs = median(normalise);
  const baselineMs = median(baseline);
  return { payloadBytes: texts[0].length, normaliseMs: round(normaliseMs), baselineMs: round(baselineMs), ratio: round(normaliseMs / baselineMs, 2), rounds };
}
