/**
 * One entry of each product, shaped from the vendors' own documentation (../shared/reference/
 * seed-*.txt and api-spec.md), for tests that need an entry without a server. Each builder takes
 * overrides of the wire fields; the result is what the product's schema reads.
 */
import * as z from 'zod/mini';
import { sdeActivitySchema, type SdeActivity } from '../../src/sources/sde/schema';
import { slackActivitySchema, type SlackActivity } from '../../src/sources/slack/schema';
import type { TorqActivityLogJson, TorqAuditLogJson } from '../../src/sources/torq/schema';

/** A Torq activity log entry (api-spec §1.3): the documented event of an integration trigger, and the execution it started when given. */
export function torqActivityLogEntry(execution?: Record<string, unknown>, overrides: Partial<TorqActivityLogJson> = {}): TorqActivityLogJson {
  return {
    id: '0b4a2f8e-5a70-4f53-9d3c-0c1e8d6f7a11',
    workspace_id: '5e1d7c40-7c1f-4d8e-a2b9-3f6a0b9c1d22',
    event: {
      id: '74e19393-3e94-48d2-8b60-26f2d2665942',
      timestamp: '2024-05-01T10:00:00.100000Z',
      pretty_id: 'AA-123456',
      type: 'integration',
      integration: { integration_id: '74e19393-3e94-48d2-8b60-26f2d2665943', integration_name: 'Phishing mailbox', integration_type: 'webhook' },
    },
    ...(execution ? { execution } : {}),
    ...overrides,
  } as TorqActivityLogJson;
}

/** A Torq audit log entry (api-spec §1.4): someone acting on a workflow. */
export function torqAuditEntry(action: string, overrides: Partial<TorqAuditLogJson> = {}): TorqAuditLogJson {
  return {
    id: 'c7d1e2f3-0000-4000-8000-00000000a001',
    timestamp: '2024-05-01T09:58:00.000000Z',
    email: 'dana@example.com',
    actor_name: 'Dana',
    actor_type: 'user',
    action,
    resource_id: 'a1b2c3d4-0000-4000-8000-000000000002',
    resource_name: 'Phishing triage',
    ...overrides,
  } as TorqAuditLogJson;
}

/** A Slack `apps.activities.list` entry (the page's example: function Reverse of app A1, microseconds). */
export function slackEntry(event_type: string, payload: Record<string, unknown>, level = 'info', overrides: Record<string, unknown> = {}): SlackActivity {
  return z.parse(slackActivitySchema, {
    level,
    event_type,
    source: 'slack',
    component_type: 'functions',
    component_id: 'Fn0123',
    app_id: 'A1',
    team_id: 'T1',
    payload,
    created: 1686939542123456,
    trace_id: 'Tr0123',
    ...overrides,
  });
}

/** An SD Elements `/api/v2/activities/` entry (the documentation's example: a user added to a project). */
export function sdeEntry(overrides: Record<string, unknown> = {}): SdeActivity {
  return z.parse(sdeActivitySchema, sdeEntryJson(overrides));
}

/** The same SD Elements entry as JSON, before the schema reads it. */
export function sdeEntryJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 342,
    name: 'AddedUserToProjectActivity',
    actor: 1,
    text: '*Admin Testerton* added user *Cindy Lou* to project *Project 1*',
    date: '2025-06-19T12:06:39.264688-04:00',
    data: { user: 'U5', user_desc: 'Cindy Lou', project: 1, project_desc: 'Project 1', application: 1, application_desc: 'Application 1', business_unit: 1, business_unit_desc: 'Business Unit 1' },
    icon: 'personAdd',
    log_level: 'user',
    ...overrides,
  };
}
