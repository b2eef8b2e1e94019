/**
 * The sentence the Slack CLI (`slack activity`, slackapi/slack-cli internal/pkg/platform/activity.go)
 * prints for each event type, so that the tree reads like the terminal developers already know.
 * Only the message part of the CLI's `<time> [<level>] [<component>] (Trace=<id>) <message>` line:
 * the tree shows time, level and component by other means.
 */
import type { SlackActivity } from './schema';

type Payload = Readonly<Record<string, unknown>>;

/** The event types Slack documents and the CLI knows (api-spec §2.3, §2.5). */
export const SLACK_EVENT_TYPES: readonly string[] = [
  'datastore_request_result',
  'external_auth_missing_function',
  'external_auth_missing_oauth_token_or_selected_auth',
  'external_auth_missing_selected_auth',
  'external_auth_result',
  'external_auth_started',
  'external_auth_token_fetch_result',
  'function_deployment',
  'function_execution_output',
  'function_execution_result',
  'function_execution_started',
  'trigger_executed',
  'trigger_payload_received',
  'workflow_billing_result',
  'workflow_bot_invited',
  'workflow_created_from_template',
  'workflow_execution_result',
  'workflow_execution_started',
  'workflow_published',
  'workflow_step_execution_result',
  'workflow_step_started',
  'workflow_unpublished',
];

/** Go's `%s` of a decoded JSON value, minus the `%!s(<nil>)` noise for absent keys. */
function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(str).join(' ')}]`;
  return JSON.stringify(value);
}

/** `%.0f` of a step number. */
function whole(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(0) : str(value);
}

/** Go's `cases.Title(language.English)`: each word capitalised, the rest lower case. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

const tabbed = (text: string, indent = '\t') => text.replace(/\n/g, `\n${indent}`);

const isError = (a: SlackActivity) => a.level === 'error' || a.level === 'fatal';

/** `errors` of a failed trigger: a JSON-encoded array of strings (sometimes a real array). */
export function triggerErrors(payload: Payload): string[] | undefined {
  const raw = payload.errors;
  if (Array.isArray(raw)) return raw.map(str);
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.map(str) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CLI's message for an activity, multi-line where the CLI's is (errors appended after a tab,
 * one line per trigger error). Unknown event types: the payload as JSON, as the CLI prints it.
 */
export function cliMessage(a: SlackActivity): string {
  const p: Payload = a.payload;
  const outcome = isError(a) ? 'failed' : 'completed';
  const withError = (msg: string) => (typeof p.error === 'string' ? `${msg}\n\t${tabbed(p.error)}` : msg);
  switch (a.event_type) {
    case 'datastore_request_result':
      return isError(a)
        ? `Datastore ${str(p.request_type)} failed with '${str(p.details)}'\n\t${str(p.error)}`
        : `Datastore ${str(p.request_type)} succeeded with '${str(p.details)}'`;
    case 'external_auth_missing_function':
      return `Step function '${str(p.function_id)}' is missing`;
    // The CLI knows the event by its long name; the API docs call it external_auth_missing_selected_auth.
    case 'external_auth_missing_oauth_token_or_selected_auth':
    case 'external_auth_missing_selected_auth':
      return `Missing mapped token for workflow '${str(p.code)}'`;
    case 'external_auth_result': {
      const failed = a.level === 'error';
      const msg = `Auth ${failed ? 'failed' : 'completed'} for user '${str(p.user_id)}' on team '${str(p.team_id)}' for app '${str(p.app_id)}' and provider '${str(p.provider_key)}'`;
      return failed ? `${msg}\n\t${tabbed(str(p.code))}\n\t\t${tabbed(str(p.extra_message), '\t\t')}` : msg;
    }
    case 'external_auth_started': {
      const failed = a.level === 'error';
      const msg = `Auth start ${failed ? 'failed' : 'succeeded'} by user '${str(p.user_id)}' on team '${str(p.team_id)}' for app '${str(p.app_id)}' and provider '${str(p.provider_key)}'`;
      return failed ? `${msg}\n\t${tabbed(str(p.code))}` : msg;
    }
    case 'external_auth_token_fetch_result': {
      const failed = a.level === 'error';
      const msg = `Token fetch ${failed ? 'failed' : 'succeeded'} for user '${str(p.user_id)}' on team '${str(p.team_id)}' for app '${str(p.app_id)}' and provider '${str(p.provider_key)}'`;
      return failed ? `${msg}\n\t${tabbed(str(p.code))}` : msg;
    }
    case 'function_deployment':
      return `Application ${str(p.action)}d by user '${str(p.user_id)}' on team '${str(p.team_id)}'`;
    case 'function_execution_output':
      return tabbed(`Function output:\n${str(p.log)}`);
    case 'trigger_payload_received':
      return tabbed(`Trigger payload:\n${str(p.log)}`);
    case 'function_execution_result':
      return withError(`Function '${str(p.function_name)}' (${str(p.function_type)} function) ${outcome}`);
    case 'function_execution_started':
      return `Function '${str(p.function_name)}' (${str(p.function_type)} function) started`;
    case 'trigger_executed': {
      if (a.level === 'info') {
        const trigger = p.trigger;
        const type = trigger && typeof trigger === 'object' ? (trigger as Payload).type : undefined;
        return typeof type === 'string'
          ? `${titleCase(type)} trigger successfully started execution of function '${str(p.function_name)}'`
          : `Trigger successfully started execution of function '${str(p.function_name)}'`;
      }
      if (a.level === 'error') {
        const lines = [`Trigger for workflow '${str(p.function_name)}' failed: ${str(p.reason)}`];
        for (const e of triggerErrors(p) ?? []) lines.push(`  - ${e}`);
        return lines.join('\n');
      }
      // The CLI prints nothing for other levels; a line that says something beats an empty one.
      return JSON.stringify(p);
    }
    case 'workflow_billing_result': {
      const name = 'workflow_name' in p ? `Workflow '${str(p.workflow_name)}'` : 'Workflow';
      return p.is_billing_result === true ? `${name} billing reason '${str(p.billing_reason)}'` : `${name} is excluded from billing`;
    }
    case 'workflow_bot_invited':
      return `Channel ${str(p.channel_id)} detected in workflow configuration. Bot user ${str(p.bot_user_id)} automatically invited.`;
    case 'workflow_created_from_template':
      return `Workflow '${str(p.workflow_name)}' created from template '${str(p.template_id)}'`;
    case 'workflow_execution_result':
      return withError(`Workflow '${str(p.workflow_name)}' ${outcome}`);
    case 'workflow_execution_started':
      return `Workflow '${str(p.workflow_name)}' started`;
    case 'workflow_published':
      return `Workflow '${str(p.workflow_name)}' published`;
    case 'workflow_unpublished':
      return `Workflow '${str(p.workflow_name)}' unpublished`;
    case 'workflow_step_execution_result':
      return `Workflow step '${str(p.function_name)}' ${outcome}`;
    case 'workflow_step_started':
      return `Workflow step ${whole(p.current_step)} of ${whole(p.total_steps)} started`;
    default:
      return JSON.stringify(p);
  }
}

const MAX_TITLE = 240;

/**
 * One line for the tree: the CLI message's first line; for captured output ("Function output:",
 * "Trigger payload:") the output follows on the same line, its lines separated by ` ⏎ `.
 */
export function cliTitle(message: string): string {
  const [first, ...rest] = message.split('\n');
  let line = first;
  if (first.endsWith(':') && rest.length) {
    const body = rest.map((l) => l.trim()).filter(Boolean).join(' ⏎ ');
    line = body ? `${first} ${body}` : first;
  }
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}
