/** Slack mapping: the Slack CLI's sentence for every event type, outcomes, errors, ids. */
import { strict as assert } from 'assert';
import { mapSlackActivity, slackActivityId, slackError, slackOutcome } from '../../../../src/sources/slack/mapping';
import { cliMessage, cliTitle, SLACK_EVENT_TYPES } from '../../../../src/sources/slack/messages';
import { slackEndpoints } from '../../../../src/sources/slack/endpoints';
import { ACTIVITIES_PAGE, slackActivitySchema } from '../../../../src/sources/slack/schema';
import { slackEntry } from '../../../support/entries';
import { readListPage } from '../../../../src/core/listPage';

const entry = slackEntry;

const AUTH = { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google' };

/** [event type, level, payload, the CLI's message]. */
const SENTENCES: Array<[string, string, Record<string, unknown>, string]> = [
  ['function_execution_started', 'info', { function_name: 'Reverse', function_type: 'app' }, "Function 'Reverse' (app function) started"],
  ['function_execution_result', 'info', { function_name: 'Reverse', function_type: 'app' }, "Function 'Reverse' (app function) completed"],
  ['function_execution_result', 'error', { function_name: 'Reverse', function_type: 'app', error: 'Error: boom\n    at x' }, "Function 'Reverse' (app function) failed\n\tError: boom\n\t    at x"],
  ['function_execution_result', 'fatal', { function_name: 'Reverse', function_type: 'app', error: 'timed out' }, "Function 'Reverse' (app function) failed\n\ttimed out"],
  ['function_execution_output', 'info', { log: 'line 1\nline 2' }, 'Function output:\n\tline 1\n\tline 2'],
  ['trigger_payload_received', 'debug', { log: '{"a":1}' }, 'Trigger payload:\n\t{"a":1}'],
  ['function_deployment', 'info', { action: 'Create', team_id: 'T1', user_id: 'U1', bundle_size_kb: 13 }, "Application Created by user 'U1' on team 'T1'"],
  ['function_deployment', 'info', { action: 'Delete', team_id: 'T1', user_id: 'U1' }, "Application Deleted by user 'U1' on team 'T1'"],
  ['workflow_bot_invited', 'info', { channel_id: 'C1', bot_user_id: 'U2' }, 'Channel C1 detected in workflow configuration. Bot user U2 automatically invited.'],
  ['workflow_execution_started', 'info', { workflow_name: 'Reverse', actor: 'U1' }, "Workflow 'Reverse' started"],
  ['workflow_execution_result', 'info', { workflow_name: 'Reverse', exec_outcome: 'Success' }, "Workflow 'Reverse' completed"],
  ['workflow_execution_result', 'error', { workflow_name: 'Reverse', exec_outcome: 'Error', error: 'boom' }, "Workflow 'Reverse' failed\n\tboom"],
  ['workflow_step_started', 'info', { function_id: 'Fn1', total_steps: 3, current_step: 2, function_name: 'Reverse' }, 'Workflow step 2 of 3 started'],
  ['workflow_step_execution_result', 'info', { function_name: 'Reverse', exec_outcome: 'Success' }, "Workflow step 'Reverse' completed"],
  ['workflow_step_execution_result', 'error', { function_name: 'Reverse', exec_outcome: 'Error' }, "Workflow step 'Reverse' failed"],
  ['workflow_published', 'info', { workflow_name: 'Reverse' }, "Workflow 'Reverse' published"],
  ['workflow_unpublished', 'info', { workflow_name: 'Reverse' }, "Workflow 'Reverse' unpublished"],
  ['workflow_billing_result', 'debug', { workflow_name: 'Reverse', is_billing_result: true, billing_reason: ['workflow_run_with_custom_function'] }, "Workflow 'Reverse' billing reason '[workflow_run_with_custom_function]'"],
  ['workflow_billing_result', 'debug', { workflow_name: 'Reverse', is_billing_excluded: true }, "Workflow 'Reverse' is excluded from billing"],
  ['workflow_billing_result', 'debug', {}, 'Workflow is excluded from billing'],
  ['workflow_created_from_template', 'info', { workflow_name: 'Kudos', template_id: 'SEND_KUDOS' }, "Workflow 'Kudos' created from template 'SEND_KUDOS'"],
  ['trigger_executed', 'info', { function_name: 'Reverse', trigger: { id: 'Ft1', type: 'shortcut' } }, "Shortcut trigger successfully started execution of function 'Reverse'"],
  ['trigger_executed', 'info', { function_name: 'Reverse' }, "Trigger successfully started execution of function 'Reverse'"],
  [
    'trigger_executed',
    'error',
    { function_name: 'Give kudos', reason: 'parameter_validation_failed', errors: JSON.stringify(["Null value for 'channel'", 'Missing interactivity']) },
    "Trigger for workflow 'Give kudos' failed: parameter_validation_failed\n  - Null value for 'channel'\n  - Missing interactivity",
  ],
  ['datastore_request_result', 'info', { request_type: 'put', datastore_name: 'kudos', details: 'id: 1' }, "Datastore put succeeded with 'id: 1'"],
  ['datastore_request_result', 'error', { request_type: 'put', datastore_name: 'kudos', details: 'id: 1', error: 'datastore_error' }, "Datastore put failed with 'id: 1'\n\tdatastore_error"],
  ['external_auth_started', 'info', { code: 'external_auth_started', ...AUTH }, "Auth start succeeded by user 'U1' on team 'T1' for app 'A1' and provider 'google'"],
  ['external_auth_started', 'error', { code: 'app_not_found', ...AUTH }, "Auth start failed by user 'U1' on team 'T1' for app 'A1' and provider 'google'\n\tapp_not_found"],
  ['external_auth_result', 'info', { code: 'oauth2_exchange_success', ...AUTH }, "Auth completed for user 'U1' on team 'T1' for app 'A1' and provider 'google'"],
  [
    'external_auth_result',
    'error',
    { code: 'oauth2_callback_error', extra_message: 'access_denied', ...AUTH },
    "Auth failed for user 'U1' on team 'T1' for app 'A1' and provider 'google'\n\toauth2_callback_error\n\t\taccess_denied",
  ],
  ['external_auth_token_fetch_result', 'info', { code: 'external_token_found', ...AUTH }, "Token fetch succeeded for user 'U1' on team 'T1' for app 'A1' and provider 'google'"],
  ['external_auth_token_fetch_result', 'error', { code: 'token_not_found', ...AUTH }, "Token fetch failed for user 'U1' on team 'T1' for app 'A1' and provider 'google'\n\ttoken_not_found"],
  ['external_auth_missing_function', 'error', { code: 'function_not_found', function_id: 'Fn9' }, "Step function 'Fn9' is missing"],
  ['external_auth_missing_oauth_token_or_selected_auth', 'error', { code: 'missing_oauth_token_or_selected_auth' }, "Missing mapped token for workflow 'missing_oauth_token_or_selected_auth'"],
  ['external_auth_missing_selected_auth', 'error', { code: 'missing_oauth_token_or_selected_auth' }, "Missing mapped token for workflow 'missing_oauth_token_or_selected_auth'"],
  ['test_log_event', 'info', { hello: 'world', n: 1 }, '{"hello":"world","n":1}'],
];

describe('Slack CLI sentences', () => {
  for (const [type, level, payload, expected] of SENTENCES) {
    it(`${type} (${level})`, () => assert.equal(cliMessage(entry(type, payload, level)), expected));
  }

  it('covers every documented event type', () => {
    const covered = new Set(SENTENCES.map(([t]) => t));
    for (const type of SLACK_EVENT_TYPES) assert.ok(covered.has(type), type);
  });

  it('titles are one line: the first line, or output inline', () => {
    assert.equal(cliTitle("Function 'R' (app function) failed\n\tError: boom"), "Function 'R' (app function) failed");
    assert.equal(cliTitle('Function output:\n\tline 1\n\tline 2'), 'Function output: line 1 ⏎ line 2');
    assert.ok(!cliTitle('x\n'.repeat(500)).includes('\n'));
    assert.ok(cliTitle('y'.repeat(1000)).length <= 240);
  });
});

describe('Slack mapping', () => {
  const ctx = { sourceId: 'slack-1', appId: 'A0APP', teamId: 'T0TEAM', endpoints: slackEndpoints({}) };

  it('maps the fields of an activity', () => {
    const a = entry('workflow_execution_result', { workflow_name: 'Give kudos', exec_outcome: 'Error', error: 'Error: boom\n  at f' }, 'error', {
      component_type: 'workflows',
      component_id: 'Wf0ABC',
      team_id: 'T0OWN',
      app_id: 'A0OWN',
    });
    const m = mapSlackActivity(a, ctx);
    assert.equal(m.sourceKind, 'slack');
    assert.equal(m.key, `slack-1/activity/${m.id}`);
    assert.equal(m.title, "Workflow 'Give kudos' failed");
    assert.equal(m.level, 'error');
    assert.equal(m.outcome, 'failure');
    assert.equal(m.error, 'Error: boom\n  at f');
    assert.equal(m.workflowId, 'Wf0ABC');
    assert.equal(m.workflowName, 'Give kudos');
    assert.equal(m.traceId, 'Tr0123');
    assert.equal(m.time, '2023-06-16T18:19:02.123456000Z');
    assert.equal(m.webUrl, 'https://app.slack.com/app-settings/T0OWN/A0OWN/app-logs');
    assert.equal(m.details?.Component, 'Wf0ABC');
  });

  it('outcomes: failure, pending, success, none', () => {
    assert.equal(slackOutcome(entry('function_execution_result', {}, 'error')), 'failure');
    assert.equal(slackOutcome(entry('function_execution_result', {}, 'fatal')), 'failure');
    assert.equal(slackOutcome(entry('workflow_execution_result', { exec_outcome: 'Error' }, 'info')), 'failure');
    assert.equal(slackOutcome(entry('workflow_execution_result', { exec_outcome: 'Pending' })), 'pending');
    assert.equal(slackOutcome(entry('workflow_step_execution_result', { exec_outcome: 'Success' })), 'success');
    assert.equal(slackOutcome(entry('function_execution_result', {})), 'success');
    assert.equal(slackOutcome(entry('trigger_executed', {}, 'error')), 'failure');
    assert.equal(slackOutcome(entry('function_execution_started', {})), 'none');
    assert.equal(slackOutcome(entry('workflow_billing_result', { is_billing_result: true }, 'debug')), 'none');
  });

  it('a failed trigger: reason and each decoded error on its own line; errors shown decoded', () => {
    const a = entry('trigger_executed', { function_name: 'W', reason: 'parameter_validation_failed', errors: '["one","two"]' }, 'error', { component_type: 'events_api', component_id: 'Ft1' });
    assert.equal(slackError(a), 'parameter_validation_failed\none\ntwo');
    const m = mapSlackActivity(a, ctx);
    assert.deepEqual(m.jsonStringPaths, ['payload.errors']);
    assert.equal(m.workflowName, 'W');
    assert.equal(m.workflowId, undefined);
  });

  it('an auth failure reports its code and message', () => {
    assert.equal(slackError(entry('external_auth_result', { code: 'oauth2_callback_error', extra_message: 'denied' }, 'error')), 'oauth2_callback_error: denied');
  });

  it('actor from actor, user_id or the trigger trip', () => {
    assert.equal(mapSlackActivity(entry('workflow_execution_started', { actor: 'U1' }), ctx).actor, 'U1');
    assert.equal(mapSlackActivity(entry('function_deployment', { user_id: 'U2' }), ctx).actor, 'U2');
    assert.equal(mapSlackActivity(entry('trigger_executed', { trigger: { type: 'event', trip_information: { user_id: 'U3' } } }), ctx).actor, 'U3');
  });

  it('ids are stable and differ for different entries of one microsecond', () => {
    const a = entry('function_execution_output', { log: 'a' });
    const b = entry('function_execution_output', { log: 'b' });
    assert.equal(slackActivityId(a), slackActivityId(entry('function_execution_output', { log: 'a' })));
    assert.notEqual(slackActivityId(a), slackActivityId(b));
    assert.ok(slackActivityId(a).startsWith('1686939542123456:Tr0123:function_execution_output:Fn0123:'));
  });

  it('created as a number or a numeric string, precision kept', () => {
    const page = readListPage({
      ok: true,
      activities: [
        { level: 'info', event_type: 'x', payload: {}, created: 1686939542123457, trace_id: 'T' },
        { level: 'info', event_type: 'x', payload: null, created: '1686939542123458' },
      ],
      response_metadata: { next_cursor: '' },
    }, ACTIVITIES_PAGE, 'Slack', (entry) => entry);
    const activities = page.decode().items;
    assert.equal(page.next, undefined);
    assert.deepEqual(activities.map((a) => a.created), ['1686939542123457', '1686939542123458']);
    assert.equal(mapSlackActivity(activities[1], ctx).time, '2023-06-16T18:19:02.123458000Z');
    assert.throws(() => slackActivitySchema.parse({ level: 'info', event_type: 'x', created: 1.5 }));
  });

  it('unknown levels read as info; webUrl needs a team id', () => {
    const m = mapSlackActivity(entry('x', {}, 'verbose', { team_id: undefined }), { ...ctx, teamId: undefined });
    assert.equal(m.level, 'info');
    assert.equal(m.webUrl, undefined);
  });
});
