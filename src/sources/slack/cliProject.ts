/**
 * The apps a Slack CLI project knows: `.slack/apps.json` (deployed apps, `{"apps": {<team id>:
 * app}, "default": <team domain>}`) and `.slack/apps.dev.json` (local apps: the map itself,
 * `{<team id>: app}`), as slackapi/slack-cli internal/app/app_client.go writes them. Older
 * projects kept local apps under `"dev"` in apps.json and keyed apps by team domain; both are read.
 * Anything unreadable is skipped: this only offers suggestions.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as z from 'zod/mini';

export const DEPLOYED_APPS_FILE = '.slack/apps.json';
export const LOCAL_APPS_FILE = '.slack/apps.dev.json';

export interface CliProjectApp {
  readonly appId: string;
  readonly teamId?: string;
  readonly teamDomain?: string;
  readonly environment: 'deployed' | 'local';
  /** The project folder the app was found in. */
  readonly folder?: string;
}

const APP_ID = /^A[A-Z0-9]+$/;
const TEAM_ID = /^[TE][A-Z0-9]+$/;

/** A string, or undefined for anything else (what `z.catch(z.optional(z.string()), undefined)` does;
 * `z.catch` is avoided because it makes the bundle keep all of zod's util module, ~8 KB). */
const optionalString = z.transform((v: unknown) => (typeof v === 'string' ? v : undefined));

const cliAppSchema = z.object({
  app_id: optionalString,
  team_id: optionalString,
  team_domain: optionalString,
  /** Legacy name of team_domain. */
  name: optionalString,
  enterprise_id: optionalString,
  user_id: optionalString,
});

const appMapSchema = z.record(z.string(), z.unknown());

function appsOfMap(value: unknown, environment: CliProjectApp['environment']): CliProjectApp[] {
  const map = z.safeParse(appMapSchema, value);
  if (!map.success) return [];
  const out: CliProjectApp[] = [];
  for (const [key, entry] of Object.entries(map.data)) {
    const app = z.safeParse(cliAppSchema, entry);
    if (!app.success || !app.data.app_id || !APP_ID.test(app.data.app_id)) continue;
    const teamId = app.data.team_id && TEAM_ID.test(app.data.team_id) ? app.data.team_id : TEAM_ID.test(key) ? key : undefined;
    const teamDomain = app.data.team_domain || app.data.name || (!TEAM_ID.test(key) ? key : undefined);
    out.push({ appId: app.data.app_id, teamId, teamDomain: teamDomain || undefined, environment });
  }
  return out;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `.slack/apps.json`: deployed apps under `apps`, and (legacy) local apps under `dev`. */
export function parseDeployedAppsFile(text: string): CliProjectApp[] {
  const json = parseJsonObject(text);
  if (!json) return [];
  return [...appsOfMap(json.apps, 'deployed'), ...appsOfMap(json.dev, 'local')];
}

/** `.slack/apps.dev.json`: the map of local apps itself (or, tolerated, wrapped in `apps` / `dev`). */
export function parseLocalAppsFile(text: string): CliProjectApp[] {
  const json = parseJsonObject(text);
  if (!json) return [];
  const wrapped = ['apps', 'dev'].filter((k) => json[k] && typeof json[k] === 'object');
  if (wrapped.length) return wrapped.flatMap((k) => appsOfMap(json[k], 'local'));
  return appsOfMap(json, 'local');
}

/** The apps of every project folder, deployed first, each app (and team) once. */
export async function findCliProjectApps(
  folders: readonly string[],
  readFile: (file: string) => Promise<string> = (file) => fs.readFile(file, 'utf8'),
): Promise<CliProjectApp[]> {
  const found: CliProjectApp[] = [];
  const tryRead = (file: string) => readFile(file).catch(() => undefined);
  for (const folder of folders) {
    const deployed = await tryRead(path.join(folder, DEPLOYED_APPS_FILE));
    const local = await tryRead(path.join(folder, LOCAL_APPS_FILE));
    const apps = [...(deployed ? parseDeployedAppsFile(deployed) : []), ...(local ? parseLocalAppsFile(local) : [])];
    found.push(...apps.map((a) => ({ ...a, folder })));
  }
  const seen = new Set<string>();
  return found.filter((a) => {
    const key = `${a.appId}/${a.teamId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
