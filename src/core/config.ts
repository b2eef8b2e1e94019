/**
 * Non-secret source settings (`activityLogs.sources` in settings.json). They are user input, so
 * they pass a schema too; a bad entry is reported by id instead of breaking the others.
 */
import * as z from 'zod/mini';
import { isSafeUrl } from './urls';
import { formatPath } from './schema';

/** `{ui}…`, or a URL that passes the HTTP client's own rule once its placeholders are filled in. */
function isSafeTemplate(template: string): boolean {
  if (template.startsWith('{ui}')) return true;
  try {
    return isSafeUrl(new URL(template.replace(/\{[a-z_]+\}/g, 'x')));
  } catch {
    return false;
  }
}

/** What a source id may be: also what a link naming a source is checked against (src/core/links.ts). */
export const SOURCE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

const base = {
  id: z.string().check(z.regex(SOURCE_ID_PATTERN, 'letters, digits, _ . - only')),
  label: z.optional(z.string().check(z.minLength(1))),
  /** `15m`, `1h`, `24h`, `7d`, `30d` or `<iso>/<iso>`; the global default applies when absent. */
  window: z.optional(z.string()),
};

export const torqSourceSchema = z.object({
  ...base,
  kind: z.literal('torq'),
  region: z._default(z.enum(['us', 'eu']), 'us'),
  /** Overrides the region's API host, e.g. `https://api.torq.io`. */
  apiUrl: z.optional(z.url()),
  /** Overrides the region's token host, e.g. `https://auth.torq.io`. */
  authUrl: z.optional(z.url()),
  /** Overrides the region's web UI host, e.g. `https://app.torq.io`. */
  uiUrl: z.optional(z.url()),
  /**
   * Where "Open in Web UI" goes for a run: Torq does not document its UI URLs, so the default
   * (`{ui}/workflows/{workflow_id}/executions/{execution_id}`) can be replaced.
   */
  executionUrlTemplate: z.optional(z.string().check(z.refine(isSafeTemplate, 'must start with {ui} or https:// (http:// only for localhost)'))),
});

export const slackSourceSchema = z.object({
  ...base,
  kind: z.literal('slack'),
  appId: z.string().check(z.regex(/^A[A-Z0-9]+$/, 'an app id such as A0123ABCD')),
  teamId: z.optional(z.string()),
  /** Web API base, `https://slack.com/api/` (GovSlack: `https://slack-gov.com/api/`). */
  apiUrl: z.optional(z.url()),
});

export const sdeSourceSchema = z.object({
  ...base,
  kind: z.literal('sde'),
  /** The instance, e.g. `https://acme.sdelements.com`. */
  url: z.url(),
});

export const sourceConfigSchema = z.discriminatedUnion('kind', [torqSourceSchema, slackSourceSchema, sdeSourceSchema]);

export type TorqSourceConfig = z.infer<typeof torqSourceSchema>;
export type SlackSourceConfig = z.infer<typeof slackSourceSchema>;
export type SdeSourceConfig = z.infer<typeof sdeSourceSchema>;
export type SourceConfig = z.infer<typeof sourceConfigSchema>;

export interface ParsedSources {
  readonly sources: SourceConfig[];
  /** One message per entry that could not be used. */
  readonly problems: string[];
}

export function parseSourceConfigs(value: unknown): ParsedSources {
  const sources: SourceConfig[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of (Array.isArray(value) ? value : []).entries()) {
    const result = z.safeParse(sourceConfigSchema, entry);
    const name = typeof entry?.id === 'string' ? `"${entry.id}"` : `#${i + 1}`;
    if (!result.success) {
      const issue = result.error.issues[0];
      problems.push(`Source ${name}: \`${formatPath(issue.path)}\` ${issue.message}`);
      continue;
    }
    if (seen.has(result.data.id)) {
      problems.push(`Source ${name}: the id is used twice; ids must be unique`);
      continue;
    }
    seen.add(result.data.id);
    sources.push(result.data);
  }
  return { sources, problems };
}

export function sourceLabel(config: SourceConfig): string {
  if (config.label) return config.label;
  switch (config.kind) {
    case 'torq':
      return `Torq (${config.id})`;
    case 'slack':
      return `Slack app ${config.appId}`;
    case 'sde':
      return `SD Elements (${new URL(config.url).host})`;
  }
}
