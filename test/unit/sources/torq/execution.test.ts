/**
 * Torq's execution object as the vendor documents it (seed-torq-activity-logs.txt: execution id,
 * workflow id and name, last executed step, start and last-update timestamps, an error message only
 * when the execution failed; no status), and the spellings a real answer may use instead.
 */
import { strict as assert } from 'assert';
import type { Activity } from '../../../../src/core/activity';
import { torqEndpoints } from '../../../../src/sources/torq/endpoints';
import { TorqActivityLogActivity, torqMappingContexts } from '../../../../src/sources/torq/mapping';
import type { TorqEndpoints } from '../../../../src/sources/torq/endpoints';
import { torqActivityLogSchema, TorqActivityLogJson } from '../../../../src/sources/torq/schema';
import { torqActivityLogEntry } from '../../../support/entries';

const activityLog = (entry: TorqActivityLogJson, sourceId: string, endpoints: TorqEndpoints) => new TorqActivityLogActivity(entry, torqMappingContexts(sourceId, endpoints).activity);

const endpoints = torqEndpoints({ id: 't', kind: 'torq', region: 'us' });

/** An entry shaped from the documentation: api-spec §1.3's documented minimum of `execution`. */
const documentedEntry = (execution: Record<string, unknown> | undefined): TorqActivityLogJson => torqActivityLogEntry(execution);

const FAILED = {
  id: 'e1c2d3e4-0000-4000-8000-000000000001',
  workflow_id: 'a1b2c3d4-0000-4000-8000-000000000002',
  workflow_name: 'Phishing triage',
  last_step_name: 'Send email',
  start_time: '2024-05-01T10:00:00.123456Z',
  update_time: '2024-05-01T10:00:07.654321Z',
  error_message: "step 'Send email' failed: 401 Unauthorized",
};
const { error_message: _, ...SUCCEEDED } = FAILED;

const map = (execution: Record<string, unknown> | undefined): Activity => {
  const entry = documentedEntry(execution);
  torqActivityLogSchema.parse(entry);
  return activityLog(entry, 't', endpoints);
};

describe('Torq execution object as documented (no status)', () => {
  it('a failure is an error message: outcome, level, error, last step, links', () => {
    const a = map(FAILED);
    assert.equal(a.outcome, 'failure');
    assert.equal(a.level, 'error');
    assert.equal(a.error, FAILED.error_message);
    assert.equal(a.title, "Workflow 'Phishing triage' failed at step 'Send email'");
    assert.equal(a.workflowId, FAILED.workflow_id);
    assert.equal(a.workflowName, 'Phishing triage');
    assert.equal(a.executionId, FAILED.id);
    assert.equal(a.webUrl, `https://app.torq.io/workflows/${FAILED.workflow_id}/executions/${FAILED.id}`);
    assert.deepEqual(a.details, {
      Event: 'AA-123456',
      Trigger: "'Phishing mailbox' (webhook)",
      Workspace: '5e1d7c40-7c1f-4d8e-a2b9-3f6a0b9c1d22',
      'Last step': 'Send email',
      Started: FAILED.start_time,
      'Last update': FAILED.update_time,
    });
  });

  it('no error and updated after it started: finished; only started: running', () => {
    const finished = map(SUCCEEDED);
    assert.equal(finished.outcome, 'success');
    assert.equal(finished.error, undefined);
    assert.equal(finished.title, "Workflow 'Phishing triage' finished");
    const running = map({ ...SUCCEEDED, update_time: SUCCEEDED.start_time });
    assert.equal(running.outcome, 'pending');
    assert.equal(running.title, "Workflow 'Phishing triage' is running at step 'Send email'");
    assert.equal(map({ ...SUCCEEDED, update_time: undefined }).outcome, 'pending');
    assert.equal(map({ id: FAILED.id, workflow_id: FAILED.workflow_id }).outcome, 'none');
  });

  it('accepts snake and camel case, error / error_message / errorMessage, a string or {message}', () => {
    const camel = {
      id: FAILED.id,
      workflowId: FAILED.workflow_id,
      workflowName: 'Phishing triage',
      lastExecutedStep: 'Send email',
      startTime: FAILED.start_time,
      updateTime: FAILED.update_time,
    };
    const spellings: Array<Record<string, unknown>> = [
      { ...camel, errorMessage: 'boom' },
      { ...camel, error: 'boom' },
      { ...camel, error: { message: 'boom' } },
      { ...camel, error_message: { message: 'boom' } },
      { ...SUCCEEDED, error: 'boom' },
    ];
    for (const execution of spellings) {
      const a = map(execution);
      assert.equal(a.outcome, 'failure', JSON.stringify(execution));
      assert.equal(a.error, 'boom');
      assert.equal(a.workflowId, FAILED.workflow_id);
      assert.equal(a.workflowName, 'Phishing triage');
      assert.equal(a.executionId, FAILED.id);
      assert.equal(a.details?.['Last step'], 'Send email');
      assert.ok(a.webUrl?.endsWith(`/workflows/${FAILED.workflow_id}/executions/${FAILED.id}`));
    }
    for (const empty of ['', '   ', null, {}, { message: '' }]) {
      assert.equal(map({ ...SUCCEEDED, error_message: empty }).outcome, 'success', JSON.stringify(empty));
    }
    assert.equal(map({ ...camel, startedAt: camel.startTime, startTime: undefined }).outcome, 'success', 'startedAt/updateTime');
  });

  it('a status, where one is sent, wins; an unknown one is shown as sent', () => {
    assert.equal(map({ ...FAILED, status: 'SUCCESS' }).outcome, 'success');
    assert.equal(map({ ...SUCCEEDED, status: 'EXECUTION_STATUS_RUNNING' }).outcome, 'pending');
    assert.equal(map({ ...SUCCEEDED, status: 'FAILED' }).outcome, 'failure');
    assert.equal(map({ ...SUCCEEDED, status: 'STOPPED' }).title, "Workflow 'Phishing triage' stopped");
    assert.equal(map({ ...SUCCEEDED, status: 'SUCCESS' }).title, "Workflow 'Phishing triage' succeeded");
  });

  it('fields of unexpected types are ignored, not fatal to the page', () => {
    const odd = { id: 42, workflow_id: ['x'], workflow_name: { name: 7 }, status: 3, error: 5, start_time: true };
    const a = map(odd);
    assert.equal(a.outcome, 'none');
    assert.equal(a.workflowId, undefined);
    assert.equal(a.executionId, undefined);
    assert.match(a.title, /triggered no workflow/);
  });

  it('a nested run: its parent from snake or camel case keys (link, trigger, Go to Parent)', () => {
    const parent = { id: 'p1000000-0000-4000-8000-000000000001', workflow: 'w2000000-0000-4000-8000-000000000002' };
    for (const nested of [
      { parent_workflow_id: parent.workflow, parent_workflow_name: 'Phishing triage', parent_execution_id: parent.id },
      { parentWorkflowId: parent.workflow, parentWorkflowName: 'Phishing triage', parentExecutionId: parent.id },
    ]) {
      const entry = documentedEntry({ ...SUCCEEDED, workflow_name: 'Enrich IOC' });
      const a = activityLog({ ...entry, event: { ...entry.event, type: 'nested', integration: undefined, nested } as TorqActivityLogJson['event'] }, 't', endpoints);
      assert.equal(a.parentExecutionId, parent.id);
      assert.equal(a.details?.Trigger, "nested in 'Phishing triage'");
      assert.equal(a.details?.['Parent workflow'], 'Phishing triage');
      assert.deepEqual(a.links?.find((l) => l.label === 'Parent execution in Torq')?.url, `https://app.torq.io/workflows/${parent.workflow}/executions/${parent.id}`);
    }
  });

  it('an event that triggered no workflow has no execution', () => {
    const a = map(undefined);
    assert.equal(a.outcome, 'none');
    assert.match(a.title, /^Event from 'Phishing mailbox' \(webhook\) triggered no workflow$/);
  });
});

describe('Torq Open in Web UI goes to the execution', () => {
  const { workflow_id: _workflow, ...withoutWorkflow } = FAILED;

  it('by the configured template; one without {workflow_id} needs only the execution id', () => {
    const custom = torqEndpoints({ id: 't', kind: 'torq', region: 'eu', executionUrlTemplate: '{ui}/executions/{execution_id}' });
    const entry = documentedEntry(withoutWorkflow);
    assert.equal(activityLog(entry, 't', custom).webUrl, `https://app.eu.torq.io/executions/${FAILED.id}`);
    assert.equal(activityLog(documentedEntry(FAILED), 't', custom).webUrl, `https://app.eu.torq.io/executions/${FAILED.id}`);
  });

  it('the default template names the workflow: without its id there is no page to go to, and an event that ran nothing has none', () => {
    assert.equal(map(withoutWorkflow).webUrl, undefined);
    assert.equal(map(undefined).webUrl, undefined);
  });
});
