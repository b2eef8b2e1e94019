/**
 * The fake server's test credentials. They only work against the fake; they are shaped like the
 * real ones closely enough for UI input validation, but deliberately avoid real token prefixes
 * (secret scanners flag those).
 */

export const TORQ_CREDENTIALS = {
  clientId: 'fake-torq-client-9c41e2d0',
  clientSecret: 'fake-torq-secret-5b7f3a91e6c84d02',
} as const;

/** Slack tokens; each special one provokes one error code of apps.activities.list. */
export const SLACK_CREDENTIALS = {
  /** Valid service token of team T0FAKETEAM with scope hosting:read. */
  token: 'slk-fake-service-token-valid',
  teamId: 'T0FAKETEAM',
  userId: 'U0FAKEDEV1',
  appIds: ['A0FAKEAPP1', 'A0FAKEAPP2'] as const,
  special: {
    /** → token_expired */
    expired: 'slk-fake-service-token-expired',
    /** → token_revoked */
    revoked: 'slk-fake-service-token-revoked',
    /** → missing_scope (needed hosting:read) */
    missingScope: 'slk-fake-service-token-noscope',
    /** token of a free team → free_team_not_allowed */
    freeTeam: 'slk-fake-service-token-freeteam',
    /** → restricted_plan_level */
    restrictedPlan: 'slk-fake-service-token-restricted',
    /** valid token of another team (T0OTHERTEAM) → invalid_app for the fake apps */
    otherTeam: 'slk-fake-service-token-otherteam',
  },
} as const;

export const SDE_CREDENTIALS = {
  /** API token of user 1 (an admin). */
  token: 'fake-sde-api-token-4d2c9e71b8a0',
  /** API token of user 3 (not an admin): reading other users gives 403. */
  limitedToken: 'fake-sde-api-token-limited-73ef',
  /** Basic auth of user 1. */
  username: 'admin@fake-sde.example',
  password: 'fake-sde-password',
} as const;

export interface FakeCredentials {
  torq: { clientId: string; clientSecret: string };
  slack: {
    token: string;
    teamId: string;
    userId: string;
    appIds: readonly string[];
    special: {
      expired: string;
      revoked: string;
      missingScope: string;
      freeTeam: string;
      restrictedPlan: string;
      otherTeam: string;
    };
  };
  sde: { token: string; limitedToken: string; username: string; password: string };
}

export const FAKE_CREDENTIALS: FakeCredentials = {
  torq: TORQ_CREDENTIALS,
  slack: SLACK_CREDENTIALS,
  sde: SDE_CREDENTIALS,
};
