/** SD Elements activities → Activity. */
import { Activity, activityKey } from '../../core/activity';
import { ActivityLogsError } from '../../core/errors';
import { parseIsoTime } from '../../core/time';
import type { SdeEndpoints } from './endpoints';
import type { SdeActivity } from './schema';
import { instanceLinks, leadingName, plainText } from './text';

export const SDE_STREAM = 'activity';

/**
 * SD Elements' activity names describe changes, not runs; none of the documented ones is a
 * failure. Should an instance log one whose name says it failed, it counts as a failure.
 */
export function isFailureName(name: string): boolean {
  return /fail|error/i.test(name);
}

/** What a `data` reference is called in the payload header, and its `_desc` key. */
const REFERENCES: ReadonlyArray<[label: string, key: string]> = [
  ['Business unit', 'business_unit'],
  ['Application', 'application'],
  ['Project', 'project'],
  ['Task', 'task'],
  ['Standard', 'standard'],
  ['Status', 'status'],
  ['User', 'user'],
  ['Group', 'group'],
];

export function describeValue(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const desc = data[`${key}_desc`];
  if (typeof desc === 'string' && desc) return desc;
  const id = data[key];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The actor's name: looked up, else as the activity's text writes it, else the id. */
export function actorName(a: SdeActivity, lookedUp: string | undefined): string | undefined {
  if (a.actor === null || a.actor === undefined) return undefined;
  return lookedUp ?? leadingName(a.text) ?? `User ${a.actor}`;
}

export function mapSdeActivity(a: SdeActivity, sourceId: string, endpoints: SdeEndpoints, lookedUpActor?: string, raw: unknown = a): Activity {
  const time = parseIsoTime(a.date);
  if (!time) throw new ActivityLogsError('badResponse', `SD Elements sent a malformed time in \`date\` of activity ${a.id}: "${a.date.slice(0, 40)}"`);
  const failed = isFailureName(a.name);
  const links = instanceLinks(a.text, endpoints.origin);
  const details: Record<string, string> = {};
  for (const [label, key] of REFERENCES) {
    const value = describeValue(a.data, key);
    if (value) details[label] = value;
  }
  if (a.actor !== null && a.actor !== undefined) details['Actor id'] = String(a.actor);
  if (a.icon) details.Icon = a.icon;
  if (a.log_level) details['Log level'] = a.log_level;
  const id = String(a.id);
  return {
    key: activityKey(sourceId, SDE_STREAM, id),
    sourceId,
    sourceKind: 'sde',
    stream: SDE_STREAM,
    id,
    time: time.iso,
    timeMs: time.ms,
    level: failed ? 'error' : 'info',
    outcome: failed ? 'failure' : 'none',
    title: plainText(a.text) || a.name,
    type: a.name,
    actor: actorName(a, lookedUpActor),
    error: failed ? plainText(a.text) : undefined,
    webUrl: links[0]?.url,
    details,
    links,
    raw,
  };
}
