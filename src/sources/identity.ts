/**
 * What identifies a configured source in anyone's settings (src/core/links.ts): the product, the
 * origin of its API and, where a product has one, its workspace or app. And the reverse: the
 * settings of a new source that a link's identity suggests, for the user to confirm.
 */
import type { Activity } from '../core/activity';
import type { SourceConfig } from '../core/config';
import type { SourceIdentity } from '../core/links';
import { sdeEndpoints } from './sde/endpoints';
import { DEFAULT_SLACK_API, slackEndpoints } from './slack/endpoints';
import { torqEndpoints, TORQ_REGIONS } from './torq/endpoints';

export function sourceIdentity(config: SourceConfig): SourceIdentity {
  switch (config.kind) {
    case 'torq':
      return { sourceKind: 'torq', origin: new URL(torqEndpoints(config).api).origin };
    case 'slack':
      return { sourceKind: 'slack', origin: new URL(slackEndpoints(config).api).origin, account: config.appId, team: config.teamId };
    case 'sde':
      return { sourceKind: 'sde', origin: sdeEndpoints(config).origin };
  }
}

/** The identity of the source of `activity`: a Torq entry also names its workspace (`workspace_id`, formerly `account_id`). */
export function activityIdentity(activity: Activity, config: SourceConfig): SourceIdentity {
  const identity = sourceIdentity(config);
  const workspace = config.kind === 'torq' ? torqWorkspaceOf(activity) : undefined;
  return workspace ? { ...identity, account: workspace } : identity;
}

export function torqWorkspaceOf(activity: Activity): string | undefined {
  const raw = activity.raw as { workspace_id?: unknown; account_id?: unknown } | null;
  const id = raw && typeof raw === 'object' ? (raw.workspace_id ?? raw.account_id) : undefined;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * Whether the origin is the vendor's own API host (Torq's regions, Slack and GovSlack). Anything
 * else (a proxy, a look-alike host) is worth a second look before credentials go there; an
 * SD Elements instance is anyone's own host.
 */
export function isVendorOrigin(identity: SourceIdentity): boolean {
  switch (identity.sourceKind) {
    case 'torq':
      return Object.values(TORQ_REGIONS).some((r) => r.api === identity.origin);
    case 'slack':
      return identity.origin === 'https://slack.com' || identity.origin === 'https://slack-gov.com';
    case 'sde':
      return true;
  }
}

/** Where a new source with this identity would read from, as settings (no id, label or secret). */
export function suggestedSettings(identity: SourceIdentity): Record<string, string> {
  const { origin } = identity;
  switch (identity.sourceKind) {
    case 'torq': {
      const region = (Object.keys(TORQ_REGIONS) as Array<keyof typeof TORQ_REGIONS>).find((r) => TORQ_REGIONS[r].api === origin);
      return region ? { region } : { apiUrl: origin, authUrl: origin.replace('://api.', '://auth.') };
    }
    case 'slack': {
      const out: Record<string, string> = {};
      if (identity.account) out.appId = identity.account;
      if (identity.team) out.teamId = identity.team;
      if (origin !== new URL(DEFAULT_SLACK_API).origin) out.apiUrl = `${origin}/api/`;
      return out;
    }
    case 'sde':
      return { url: origin };
  }
}
