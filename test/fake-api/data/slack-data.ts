/**
 * Deterministic Slack next-gen app activity: two apps of team T0FAKETEAM with workflows made of
 * steps (functions), whose runs share a trace id; failures with stack traces, function output,
 * deployments, trigger errors, datastore and external-auth events.
 */
import { Prng } from '../prng';

export type SlackLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export const SLACK_LEVELS: readonly SlackLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export type SlackComponentType = 'events_api' | 'workflows' | 'functions' | 'tables';
export const SLACK_COMPONENT_TYPES: readonly SlackComponentType[] = ['events_api', 'workflows', 'functions', 'tables'];

export interface SlackFunction {
  id: string;
  name: string;
  type: 'app' | 'builtin';
  datastore?: string;
  externalAuth?: string;
}

export interface SlackWorkflow {
  id: string;
  name: string;
  trigger: { id: string; type: 'shortcut' | 'event' | 'scheduled' | 'webhook'; name: string; description: string };
  steps: SlackFunction[];
}

export interface SlackApp {
  appId: string;
  name: string;
  teamId: string;
  workflows: SlackWorkflow[];
  functions: SlackFunction[];
  datastores: string[];
}

export interface SlackActivity {
  /** The position in the app's log: what `log_id:<n>` cursors point at. Increases with `created`. */
  logId: number;
  level: SlackLevel;
  event_type: string;
  source: 'slack' | 'developer';
  component_type: SlackComponentType;
  component_id: string;
  app_id: string;
  team_id: string;
  payload: Record<string, unknown>;
  /** Epoch microseconds. */
  created: number;
  trace_id: string;
}

export interface SlackData {
  teamId: string;
  apps: SlackApp[];
  /** Oldest first (log id order). */
  activities: SlackActivity[];
  eventTypes: string[];
  samples: {
    failedTraceId: string;
    triggerErrorTraceId: string;
    failingFunctionId: string;
    workflowId: string;
    /** Runs of Give kudos whose workflow logs under one trace and whose steps' functions under another: the failed one first. */
    splitRuns: ReadonlyArray<{ workflowTraceId: string; stepTraceId: string; failedStep?: number }>;
  };
}

export const SLACK_TEAM_ID = 'T0FAKETEAM';
const USERS = ['U0FAKEDEV1', 'U0FAKEUSR2', 'U0FAKEUSR3', 'U0FAKEUSR4'];
const CHANNELS = ['C0FAKEGEN1', 'C0FAKEKUD2', 'C0FAKEINC3'];

type Draft = Omit<SlackActivity, 'logId'>;

interface Gen {
  prng: Prng;
  nowUs: number;
  out: Draft[];
}

function fn(prng: Prng, name: string, type: SlackFunction['type'], extra: Partial<SlackFunction> = {}): SlackFunction {
  return { id: `Fn0${prng.alnum(8)}`, name, type, ...extra };
}

function makeApps(prng: Prng): SlackApp[] {
  const openForm = fn(prng, 'OpenForm', 'builtin');
  const formatKudos = fn(prng, 'format_kudos', 'app');
  const sendMessage = fn(prng, 'SendMessage', 'builtin');
  const saveKudos = fn(prng, 'save_kudos', 'app', { datastore: 'kudos' });
  const postDigest = fn(prng, 'post_digest', 'app', { datastore: 'kudos' });
  const createChannel = fn(prng, 'CreateChannel', 'builtin');
  const pageOncall = fn(prng, 'page_oncall', 'app', { externalAuth: 'pagerduty' });
  const postSummary = fn(prng, 'post_summary', 'app');
  const archiveIncident = fn(prng, 'archive_incident', 'app', { datastore: 'incidents' });
  const wf = (name: string, type: SlackWorkflow['trigger']['type'], steps: SlackFunction[]): SlackWorkflow => ({
    id: `Wf0${prng.alnum(9)}`,
    name,
    trigger: { id: `Ft0${prng.alnum(9)}`, type, name, description: `${name} trigger` },
    steps,
  });
  return [
    {
      appId: 'A0FAKEAPP1',
      name: 'Kudos Bot',
      teamId: SLACK_TEAM_ID,
      workflows: [wf('Give kudos', 'shortcut', [openForm, formatKudos, saveKudos, sendMessage]), wf('Weekly kudos digest', 'scheduled', [postDigest])],
      functions: [openForm, formatKudos, sendMessage, saveKudos, postDigest],
      datastores: ['kudos'],
    },
    {
      appId: 'A0FAKEAPP2',
      name: 'Incident Helper',
      teamId: SLACK_TEAM_ID,
      workflows: [wf('Declare incident', 'shortcut', [createChannel, pageOncall, postSummary]), wf('Close incident', 'event', [archiveIncident, sendMessage])],
      functions: [createChannel, pageOncall, postSummary, archiveIncident, sendMessage],
      datastores: ['incidents'],
    },
  ];
}

/**
 * Where the functions of the demo's Slack project (demo/kudos-app/functions) can throw, so that the
 * stack frames of the fake Kudos Bot open a real line there; other functions get a random line.
 */
const DEMO_PROJECT_LINES: Record<string, [number, number]> = { format_kudos: [24, 83], save_kudos: [25, 18] };

function stackTrace(prng: Prng, fnName: string): string {
  const message = prng.pick([
    "TypeError: Cannot read properties of undefined (reading 'user')",
    'Error: channel_not_found',
    'SlackAPIError: An API error occurred: not_in_channel',
    'Error: PagerDuty API returned 401',
  ]);
  const line = prng.int(10, 90);
  const column = prng.int(5, 40);
  const [l, c] = DEMO_PROJECT_LINES[fnName] ?? [line, column];
  return `${message}\n    at ${fnName} (file:///functions/${fnName}.ts:${l}:${c})\n    at async Object.run (https://deno.land/x/deno_slack_sdk@2.14.2/functions/enrich-context.ts:31:12)\n    at async DispatchPayload (file:///local-run-function.ts:19:7)`;
}

type RunMode = 'random' | 'fail' | 'triggerError' | 'pending' | 'success';

/**
 * One workflow run: trigger → workflow start → steps (function start/output/result) → result.
 * `split` runs log their functions' events (components `functions`, `tables`) under a second
 * trace, as a run may; `failAt` picks the failing step of a `fail` run (default: the first app function).
 */
function addRun(g: Gen, app: SlackApp, workflow: SlackWorkflow, startUs: number, mode: RunMode, split?: { failAt?: number }): { trace: string; stepTrace: string } {
  const { prng } = g;
  const trace = `Tr0${prng.alnum(8)}`;
  const stepTrace = split ? `Tr0${prng.alnum(8)}` : trace;
  let t = startUs;
  const push = (level: SlackLevel, event_type: string, component_type: SlackComponentType, component_id: string, payload: Record<string, unknown>, source: 'slack' | 'developer' = 'slack'): void => {
    const traceId = component_type === 'functions' || component_type === 'tables' ? stepTrace : trace;
    g.out.push({ level, event_type, source, component_type, component_id, app_id: app.appId, team_id: app.teamId, payload, created: Math.min(t, g.nowUs - 1), trace_id: traceId });
    t += prng.int(2_000, 900_000);
  };
  const user = prng.pick(USERS);
  const channel = prng.pick(CHANNELS);
  push('debug', 'trigger_payload_received', 'events_api', workflow.trigger.id, { log: JSON.stringify({ interactivity: { interactor: { id: user } }, channel_id: channel, event_ts: String(startUs / 1e6) }) });
  if (mode === 'triggerError' || (mode === 'random' && prng.chance(0.06))) {
    push('error', 'trigger_executed', 'events_api', workflow.trigger.id, {
      function_name: workflow.name,
      reason: 'parameter_validation_failed',
      errors: JSON.stringify(["Null value for non-nullable parameter 'channel'", `Missing required parameter 'interactivity' for workflow '${workflow.name}'`]),
    });
    return { trace, stepTrace };
  }
  push('info', 'trigger_executed', 'events_api', workflow.trigger.id, {
    function_name: workflow.name,
    trigger: {
      id: workflow.trigger.id,
      type: workflow.trigger.type,
      config: { name: workflow.trigger.name, description: workflow.trigger.description, ...(workflow.trigger.type === 'event' ? { event_type: 'slack#/events/reaction_added' } : {}) },
      trip_information: workflow.trigger.type === 'scheduled' ? {} : { user_id: user, channel_id: channel, ...(workflow.trigger.type === 'event' ? { reaction: 'white_check_mark', message_ts: `${Math.floor(startUs / 1e6)}.000200` } : {}) },
    },
  });
  push('info', 'workflow_execution_started', 'workflows', workflow.id, { workflow_name: workflow.name, actor: user });
  const failAt = mode === 'fail' ? (split?.failAt ?? workflow.steps.findIndex((s) => s.type === 'app')) : mode === 'random' && prng.chance(0.15) ? prng.int(0, workflow.steps.length - 1) : -1;
  for (let i = 0; i < workflow.steps.length; i++) {
    const step = workflow.steps[i];
    const fx = `Fx0${prng.alnum(9)}`;
    const stepBase = { function_id: step.id, function_name: step.name, function_execution_id: fx };
    push('info', 'workflow_step_started', 'workflows', workflow.id, { function_id: step.id, total_steps: workflow.steps.length, current_step: i + 1, function_name: step.name, function_execution_id: fx });
    push('info', 'function_execution_started', 'functions', step.id, { function_name: step.name, function_type: step.type });
    if (mode === 'pending' && i === workflow.steps.length - 1) {
      push('info', 'workflow_step_execution_result', 'workflows', workflow.id, { ...stepBase, exec_outcome: 'Pending', inputs: { user_id: user } });
      push('info', 'workflow_execution_result', 'workflows', workflow.id, { workflow_name: workflow.name, exec_outcome: 'Pending' });
      return { trace, stepTrace };
    }
    if (step.externalAuth) {
      push('info', 'external_auth_token_fetch_result', 'functions', step.id, { code: 'external_token_found', team_id: app.teamId, user_id: user, provider_key: step.externalAuth, app_id: app.appId });
    }
    if (step.type === 'app' && prng.chance(0.6)) {
      const level = prng.weighted<SlackLevel>([
        ['info', 6],
        ['debug', 3],
        ['trace', 1],
      ]);
      push(level, 'function_execution_output', 'functions', step.id, { log: `${step.name}: received inputs {"user_id":"${user}","channel":"${channel}"}\nprocessed ${prng.int(1, 40)} records in ${prng.int(3, 900)}ms` }, 'developer');
    }
    const failed = i === failAt && step.type === 'app';
    if (step.datastore) {
      const requestType = prng.pick(['put', 'get', 'query']);
      push(failed && prng.chance(0.5) ? 'error' : 'info', 'datastore_request_result', 'tables', step.datastore, {
        request_type: requestType,
        datastore_name: step.datastore,
        details: `id: ${prng.hex(8)}`,
        ...(failed ? { error: 'datastore_error: The item could not be saved: attribute "kudos_count" must be a number' } : {}),
      });
    }
    if (failed || (i === failAt && prng.chance(0.3))) {
      const fatal = mode === 'random' && prng.chance(0.1);
      const error = fatal ? `Function execution timed out after 10s` : stackTrace(prng, step.name);
      push(fatal ? 'fatal' : 'error', 'function_execution_result', 'functions', step.id, { function_name: step.name, function_type: step.type, error });
      push('error', 'workflow_step_execution_result', 'workflows', workflow.id, { ...stepBase, exec_outcome: 'Error', inputs: { user_id: user, channel } });
      push('error', 'workflow_execution_result', 'workflows', workflow.id, { workflow_name: workflow.name, exec_outcome: 'Error', error });
      return { trace, stepTrace };
    }
    push('info', 'function_execution_result', 'functions', step.id, { function_name: step.name, function_type: step.type });
    push('info', 'workflow_step_execution_result', 'workflows', workflow.id, { ...stepBase, exec_outcome: 'Success', inputs: { user_id: user, channel } });
  }
  push('info', 'workflow_execution_result', 'workflows', workflow.id, { workflow_name: workflow.name, exec_outcome: 'Success' });
  push('debug', 'workflow_billing_result', 'workflows', workflow.id, { workflow_name: workflow.name, is_billing_result: true, billing_reason: ['workflow_run_with_custom_function'] });
  return { trace, stepTrace };
}

/**
 * Runs of Give kudos over two trace ids, added on top of the requested count from a stream of
 * their own, so that every other entry stays as it was: one failing at save_kudos (step 3 of 4),
 * one succeeding. Hours old, so that the newest entries (which tests that read a few pages of
 * several sources rely on) stay those they were.
 */
function addSplitRuns(seed: number, nowUs: number, app: SlackApp): { drafts: Draft[]; runs: SlackData['samples']['splitRuns'] } {
  const g: Gen = { prng: Prng.derive(seed, 'slack-split-runs'), nowUs, out: [] };
  const workflow = app.workflows[0];
  const failAt = workflow.steps.findIndex((s) => s.name === 'save_kudos');
  const failed = addRun(g, app, workflow, nowUs - 190 * 60_000_000, 'fail', { failAt });
  const succeeded = addRun(g, app, workflow, nowUs - 250 * 60_000_000, 'success', {});
  return {
    drafts: g.out,
    runs: [
      { workflowTraceId: failed.trace, stepTraceId: failed.stepTrace, failedStep: failAt + 1 },
      { workflowTraceId: succeeded.trace, stepTraceId: succeeded.stepTrace },
    ],
  };
}

/** Events outside runs: deployments, publishing, bot invites, templates, external auth. */
function addMisc(g: Gen, app: SlackApp, atUs: number, kind?: number): void {
  const { prng } = g;
  const trace = `Tr0${prng.alnum(8)}`;
  const workflow = prng.pick(app.workflows);
  const user = prng.pick(USERS);
  const push = (level: SlackLevel, event_type: string, component_type: SlackComponentType, component_id: string, payload: Record<string, unknown>): void => {
    g.out.push({ level, event_type, source: 'slack', component_type, component_id, app_id: app.appId, team_id: app.teamId, payload, created: atUs, trace_id: trace });
    atUs += prng.int(1_000, 5_000_000);
  };
  const authFn = app.functions.find((f) => f.externalAuth) ?? app.functions[0];
  const authBase = { team_id: app.teamId, user_id: user, provider_key: authFn.externalAuth ?? 'google', app_id: app.appId };
  switch (kind ?? prng.int(0, 7)) {
    case 0: {
      const action = prng.pick(['Create', 'Update', 'Update', 'Delete']);
      push('info', 'function_deployment', 'functions', app.appId, { action, team_id: app.teamId, user_id: user, ...(action === 'Delete' ? {} : { bundle_size_kb: prng.int(8, 900) }) });
      break;
    }
    case 1:
      push('info', prng.chance(0.8) ? 'workflow_published' : 'workflow_unpublished', 'workflows', workflow.id, { workflow_name: workflow.name });
      break;
    case 2:
      push('info', 'workflow_bot_invited', 'workflows', workflow.id, { channel_id: prng.pick(CHANNELS), bot_user_id: 'U0FAKEBOT1' });
      break;
    case 3:
      push('info', 'workflow_created_from_template', 'workflows', workflow.id, { workflow_name: workflow.name, template_id: 'SEND_KUDOS', date_created: Math.floor(atUs / 1e6) });
      break;
    case 4:
      push('info', 'external_auth_started', 'functions', authFn.id, { code: 'external_auth_started', ...authBase });
      if (prng.chance(0.3)) {
        push('error', 'external_auth_result', 'functions', authFn.id, { code: 'oauth2_callback_error', extra_message: 'access_denied: The user denied the request', ...authBase });
      } else {
        push('info', 'external_auth_result', 'functions', authFn.id, { code: 'oauth2_exchange_success', ...authBase });
      }
      break;
    case 5:
      push('warn', 'external_auth_token_fetch_result', 'functions', authFn.id, { code: 'token_not_found', ...authBase });
      break;
    case 6:
      push('error', 'external_auth_missing_function', 'functions', authFn.id, { code: 'function_not_found', team_id: app.teamId, function_id: authFn.id, app_id: app.appId });
      break;
    default:
      push('error', prng.chance(0.5) ? 'external_auth_missing_selected_auth' : 'external_auth_missing_oauth_token_or_selected_auth', 'workflows', workflow.id, {
        code: 'missing_oauth_token_or_selected_auth',
        ...authBase,
      });
  }
}

export function generateSlackData(options: { seed: number; nowMs: number; activities: number }): SlackData {
  const prng = Prng.derive(options.seed, 'slack');
  const apps = makeApps(prng);
  const g: Gen = { prng, nowUs: options.nowMs * 1000, out: [] };
  const ago = (minutes: number): number => g.nowUs - minutes * 60_000_000 - prng.int(0, 999_999);
  // Fixed runs first so that each kind exists whatever the size.
  const failedTraceId = addRun(g, apps[0], apps[0].workflows[0], ago(9), 'fail').trace;
  const triggerErrorTraceId = addRun(g, apps[1], apps[1].workflows[0], ago(16), 'triggerError').trace;
  addRun(g, apps[1], apps[1].workflows[0], ago(1), 'pending');
  addRun(g, apps[0], apps[0].workflows[0], ago(25), 'random');
  for (let kind = 0; kind <= 7; kind++) {
    addMisc(g, apps[kind % 2], ago(30 + kind * 7), kind);
  }
  while (g.out.length < options.activities) {
    const app = prng.pick(apps);
    const offsetMin = prng.chance(0.85) ? prng.int(2, 24 * 60 - 30) : prng.int(24 * 60 + 5, 30 * 24 * 60);
    if (prng.chance(0.1)) {
      addMisc(g, app, ago(offsetMin));
    } else {
      addRun(g, app, prng.pick(app.workflows), ago(offsetMin), 'random');
    }
  }
  const split = addSplitRuns(options.seed, g.nowUs, apps[0]);
  const drafts = [...g.out.slice(0, options.activities), ...split.drafts].sort((a, b) => a.created - b.created);
  const activities: SlackActivity[] = drafts.map((d, i) => ({ logId: 796_000 + i, ...d }));
  return {
    teamId: SLACK_TEAM_ID,
    apps,
    activities,
    eventTypes: [...new Set(activities.map((a) => a.event_type))].sort(),
    samples: { failedTraceId, triggerErrorTraceId, failingFunctionId: apps[0].workflows[0].steps[1].id, workflowId: apps[0].workflows[0].id, splitRuns: split.runs },
  };
}
