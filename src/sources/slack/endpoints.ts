import type { SlackSourceConfig } from '../../core/config';
import { isLoopbackHost } from '../../core/http';

export const DEFAULT_SLACK_API = 'https://slack.com/api/';

export interface SlackEndpoints {
  /** The Web API base, always ending in `/`: method names are appended. */
  readonly api: string;
  /** The web UI host (`https://app.slack.com`), when one can be derived from the API host. */
  readonly ui?: string;
}

export function slackEndpoints(config: Pick<SlackSourceConfig, 'apiUrl'>): SlackEndpoints {
  let api = (config.apiUrl ?? DEFAULT_SLACK_API).trim();
  // Users paste `https://slack.com` or `https://slack.com/api`: both mean the Web API base.
  if (!/\/api\/?$/.test(new URL(api).pathname)) api = api.replace(/\/+$/, '') + '/api/';
  if (!api.endsWith('/')) api += '/';
  const host = new URL(api).hostname;
  // As the Slack CLI does (`https://app.<api host>`): slack.com → app.slack.com, slack-gov.com → app.slack-gov.com.
  const ui = isLoopbackHost(host) ? undefined : `https://app.${host.replace(/^(api|www)\./, '')}`;
  return { api, ui };
}

/** Where the Slack CLI's `activity --browser` opens an app's logs. */
export function appLogsUrl(endpoints: SlackEndpoints, teamId: string | undefined, appId: string): string | undefined {
  if (!endpoints.ui || !teamId) return undefined;
  return `${endpoints.ui}/app-settings/${encodeURIComponent(teamId)}/${encodeURIComponent(appId)}/app-logs`;
}
