/**
 * Links that open an activity, a group or a search in another person's editor:
 * `vscode://<publisher>.<name>/<kind>?…`. A link names a source by what identifies it anywhere
 * (its kind, the origin of its API, its workspace or app) and carries only what finds the thing
 * again there; the receiver matches that against its own configured sources and asks only them.
 * The origin is an identity, never a place a request goes; a link never carries a secret.
 * Whatever arrives is checked field by field and anything else refused.
 *
 * VS Code hands a UriHandler the query percent-decoded once, so values are encoded twice: what
 * the handler gets is then an ordinary query whose values may hold `&`, `=` or `+`.
 */
import { type Activity, ALL_SOURCE_KINDS, type SourceKind } from './activity';
import { ActivityLogsError } from './errors';
import { SOURCE_ID_PATTERN } from './config';
import { SecretRedactor } from './redact';
import { isLoopbackHost } from './urls';

export const LINK_KINDS = ['activity', 'group', 'search'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** What identifies a source in anyone's settings: the same product, API and workspace or app. */
export interface SourceIdentity {
  readonly sourceKind: SourceKind;
  /** The origin of its API (`https://api.torq.io`); compared, never requested. */
  readonly origin: string;
  /** Torq's workspace id, Slack's app id, when known. */
  readonly account?: string;
  /** Slack's team id, when configured. */
  readonly team?: string;
}

/** The source a link was copied from: its identity, and the id the sender gave it (a hint). */
export interface SourceRef extends SourceIdentity {
  readonly sourceId: string;
}

export interface ActivityLink extends SourceRef {
  readonly kind: 'activity';
  readonly stream: string;
  readonly id: string;
  /** `Activity.time`: where to look when the API cannot fetch by id. */
  readonly time: string;
  readonly workflowId?: string;
  readonly executionId?: string;
  readonly traceId?: string;
}

export interface GroupLink extends SourceRef {
  readonly kind: 'group';
  /** Group ids from the source's top level down. */
  readonly path: readonly string[];
}

/** A search in the search language; across every source unless one is named. */
export type SearchLink = { readonly kind: 'search'; readonly query: string } & (SourceRef | { readonly sourceId?: undefined; readonly sourceKind?: undefined });

export type ActivityLogsLink = ActivityLink | GroupLink | SearchLink;

/** The extension a link opens: `publisher` and `name` of its package.json. */
export interface ExtensionRef {
  readonly publisher: string;
  readonly name: string;
  /** `vscode` by default; Insiders and VSCodium have their own. */
  readonly scheme?: string;
}

export const MAX_LINK_LENGTH = 4096;
const MAX_QUERY_TEXT = 1000;
const MAX_GROUP_DEPTH = 8;
const MAX_ORIGIN = 200;
const SCHEMES = new Set(['vscode', 'vscode-insiders', 'vscodium', 'code-oss']);

/** Ids as the three products write them (UUIDs, Slack's composed ids, SD Elements' integers). */
const ID = /^[A-Za-z0-9._:@+=~-]{1,256}$/;
const STREAM = /^[a-z][a-z0-9_-]{0,31}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
/** Printable text (group names, queries): no control or invisible format characters. */
const TEXT = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u;

/** The parameters each kind accepts; `true` = required. */
const SOURCE_PARAMETERS = { source: true, kind: true, origin: true, account: false, team: false };
const PARAMETERS: Readonly<Record<LinkKind, Readonly<Record<string, boolean>>>> = {
  activity: { ...SOURCE_PARAMETERS, stream: true, id: true, time: true, workflow: false, execution: false, trace: false },
  group: { ...SOURCE_PARAMETERS, path: true },
  search: { source: false, kind: false, origin: false, account: false, team: false, q: true },
};

export class LinkError extends ActivityLogsError {
  constructor(reason: string) {
    super('badRequest', `This Activity Logs link cannot be opened: ${reason}`, { fix: 'none' });
    this.name = 'LinkError';
  }
}

/** Well-known credential shapes (tokens, JWTs, key=value secrets) and anything URL-like. */
const shapes = new SecretRedactor();
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
/**
 * A scheme a value could be opened with (written on, as in `javascript:alert(1)`; a group called
 * "Data: EU" is fine), or `//` (a host follows): a link names no place to go.
 */
const URL_LIKE = /\b(javascript|vbscript|data|file|https?|ftp|wss?|vscode[a-z-]*|command):(?=\S)|\/\//i;

function checkValue(name: string, value: string, pattern: RegExp, max: number): string {
  if (value.length === 0 || value.length > max) throw new LinkError(`\`${name}\` must be 1 to ${max} characters`);
  if (!pattern.test(value)) throw new LinkError(`\`${name}\` holds characters it may not`);
  if (shapes.redact(value) !== value || JWT.test(value)) throw new LinkError(`\`${name}\` looks like a credential; links never carry one`);
  if (URL_LIKE.test(value)) throw new LinkError(`\`${name}\` looks like a URL; links name no host`);
  return value;
}

/**
 * An origin as `URL.origin` writes it: https, or http to loopback (where the fake server and a
 * developer's proxies run), no user, path, query or fragment.
 */
function checkOrigin(value: string): string {
  if (value.length > MAX_ORIGIN) throw new LinkError(`\`origin\` must be at most ${MAX_ORIGIN} characters`);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.origin !== value || !/^https?:$/.test(url.protocol)) throw new LinkError('`origin` is not an https:// origin');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw new LinkError('`origin` is plain http:// to a host that is not this machine');
  return value;
}

/** The link's parameters in order, each value checked. */
function parametersOf(link: ActivityLogsLink): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const put = (name: string, value: string | undefined, pattern: RegExp, max = 256) => {
    if (value !== undefined) out.push([name, checkValue(name, value, pattern, max)]);
  };
  if (link.sourceId !== undefined) {
    put('source', link.sourceId, SOURCE_ID_PATTERN, 64);
    put('kind', link.sourceKind, /^(torq|slack|sde)$/);
    out.push(['origin', checkOrigin(link.origin)]);
    put('account', link.account, ID, 64);
    put('team', link.team, ID, 64);
  }
  switch (link.kind) {
    case 'activity':
      put('stream', link.stream, STREAM);
      put('id', link.id, ID);
      put('time', link.time, TIME);
      put('workflow', link.workflowId, ID);
      put('execution', link.executionId, ID);
      put('trace', link.traceId, ID);
      break;
    case 'group':
      if (link.path.length === 0 || link.path.length > MAX_GROUP_DEPTH) throw new LinkError(`a group path has 1 to ${MAX_GROUP_DEPTH} levels`);
      for (const segment of link.path) put('path', segment, TEXT);
      break;
    case 'search':
      put('q', link.query, TEXT, MAX_QUERY_TEXT);
      break;
  }
  return out;
}

/** encodeURIComponent, also of the characters it leaves that end or open a Markdown link. */
function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The link as a URI; throws LinkError should a value not be one a link may carry. */
export function encodeLink(link: ActivityLogsLink, extension: ExtensionRef): string {
  const query = parametersOf(link)
    .map(([name, value]) => `${name}=${encodeURIComponent(encodeComponent(value))}`)
    .join('&');
  const uri = `${extension.scheme ?? 'vscode'}://${extension.publisher}.${extension.name}/${link.kind}?${query}`;
  if (uri.length > MAX_LINK_LENGTH) throw new LinkError(`it would be longer than ${MAX_LINK_LENGTH} characters`);
  return uri;
}

/** The link that opens `a` of the source `identity` names (its stream, id, time and the ids that find it by time). */
export function activityLink(a: Activity, identity: SourceIdentity): ActivityLink {
  return withoutUndefined({
    kind: 'activity', sourceId: a.sourceId, ...identity, stream: a.stream, id: a.id, time: a.time,
    workflowId: a.workflowId, executionId: a.executionId, traceId: a.traceId,
  });
}

/** The parts of a received URI: what a `vscode.Uri` gives (query percent-decoded once). */
export interface LinkParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly fragment?: string;
}

/** A link given as text (pasted, or in a test): split, its query decoded once as VS Code does. */
export function decodeLink(text: string, extension: ExtensionRef): ActivityLogsLink {
  if (text.length > MAX_LINK_LENGTH) throw new LinkError(`it is longer than ${MAX_LINK_LENGTH} characters`);
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(text.trim());
  if (!m) throw new LinkError('it is not a URI');
  let query: string;
  try {
    query = decodeURIComponent(m[4] ?? '');
  } catch {
    throw new LinkError('its query is not valid percent-encoding');
  }
  return decodeLinkParts({ scheme: m[1], authority: m[2], path: m[3], query, fragment: m[5] }, extension);
}

/** Checks every part of a received link and returns what it asks to open; throws LinkError otherwise. */
export function decodeLinkParts(parts: LinkParts, extension: ExtensionRef): ActivityLogsLink {
  if (parts.query.length > MAX_LINK_LENGTH) throw new LinkError(`it is longer than ${MAX_LINK_LENGTH} characters`);
  if (!SCHEMES.has(parts.scheme.toLowerCase())) throw new LinkError('it is not a vscode:// link');
  // VS Code lowers the authority's case.
  if (parts.authority.toLowerCase() !== `${extension.publisher}.${extension.name}`.toLowerCase()) throw new LinkError('it is for another extension');
  if (parts.fragment) throw new LinkError('it carries a fragment');
  const kind = /^\/([a-z]+)$/.exec(parts.path)?.[1];
  if (!kind || !(LINK_KINDS as readonly string[]).includes(kind)) throw new LinkError('it asks for something other than an activity, a group or a search');
  const allowed = PARAMETERS[kind as LinkKind];
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(parts.query)) {
    if (!Object.prototype.hasOwnProperty.call(allowed, name)) throw new LinkError(`it has a parameter a ${kind} link does not (\`${name.slice(0, 32).replace(/[^\w-]/g, '?')}\`)`);
    if (name !== 'path' && values.has(name)) throw new LinkError(`\`${name}\` is given twice`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  for (const [name, required] of Object.entries(allowed)) if (required && !values.has(name)) throw new LinkError(`\`${name}\` is missing`);
  const one = (name: string) => values.get(name)?.[0];
  const sourceKind = one('kind');
  if (sourceKind !== undefined && !(ALL_SOURCE_KINDS as readonly string[]).includes(sourceKind)) throw new LinkError('`kind` is not a product Activity Logs reads');
  const named = ['source', 'kind', 'origin'].filter((name) => values.has(name)).length;
  if (named !== 0 && named !== 3) throw new LinkError('`source`, `kind` and `origin` go together');
  if (named === 0 && (values.has('account') || values.has('team'))) throw new LinkError('`account` and `team` need a `source`');
  const ref: SourceRef = { sourceId: one('source')!, sourceKind: sourceKind as SourceKind, origin: one('origin')!, account: one('account'), team: one('team') };
  let link: ActivityLogsLink;
  if (kind === 'activity') {
    link = { kind, ...ref, stream: one('stream')!, id: one('id')!, time: one('time')!, workflowId: one('workflow'), executionId: one('execution'), traceId: one('trace') };
  } else if (kind === 'group') {
    link = { kind, ...ref, path: values.get('path')! };
  } else {
    link = sourceKind === undefined ? { kind: 'search', query: one('q')! } : { kind: 'search', ...ref, query: one('q')! };
  }
  // The same checks as a link written here: what is accepted could have been sent.
  parametersOf(link);
  return withoutUndefined(link);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const OUTCOME_WORDS: Readonly<Record<Activity['outcome'], string>> = { success: 'succeeded', failure: 'failed', pending: 'running', none: '' };

/** `text` with every character Markdown gives a meaning escaped, on one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&')
    .trim();
}

/** `Activity.time` as a reader anywhere reads it: UTC, trailing zeros cut in groups of three down to milliseconds. */
function readableTime(time: string): string {
  if (!TIME.test(time)) return time;
  let fraction = time.slice(20, 29);
  while (fraction.length > 3 && fraction.endsWith('000')) fraction = fraction.slice(0, -3);
  return `${time.slice(0, 10)} ${time.slice(11, 19)}.${fraction} UTC`;
}

/** One line for an issue or a chat: `[<title>](<link>) — <outcome> · <source> · <time>`. */
export function markdownSummary(a: Activity, link: string, sourceLabel: string = a.sourceId): string {
  const outcome = OUTCOME_WORDS[a.outcome] || a.level;
  return `[${escapeMarkdown(a.title) || escapeMarkdown(a.id)}](${link}) — ${outcome} · ${escapeMarkdown(sourceLabel)} · ${readableTime(a.time)}`;
}

/** One line for a group or a search: `[<label>](<link>) — <what> · <source>`. */
export function markdownLinkLine(label: string, link: string, what: string, sourceLabel?: string): string {
  return `[${escapeMarkdown(label)}](${link}) — ${[what, sourceLabel].filter(Boolean).map((t) => escapeMarkdown(t!)).join(' · ')}`;
}

/** What the link asks for and of which source, for the messages of whoever receives it. */
export function describeLinkSource(ref: SourceRef, productName: string): string {
  const account = ref.sourceKind === 'slack' ? `app ${ref.account ?? '?'}` : ref.account ? `workspace ${ref.account}` : undefined;
  return [`${productName} at ${ref.origin}`, account, ref.team && `team ${ref.team}`].filter(Boolean).join(', ');
}
