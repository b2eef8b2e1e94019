/**
 * Copy Link, Copy as Markdown, and what a received link opens (the UriHandler of src/extension.ts
 * and "Open Activity Logs Link…" both land in `activityLogs.openLink`). A link is input from
 * anyone: it is decoded by src/core/links.ts, which refuses all but what this extension writes,
 * and it is answered only by a source already configured here with the same identity. A link to
 * a source not configured asks the user before anything happens, and sends nothing.
 */
import * as vscode from 'vscode';
import { type Activity, activityKey } from '../core/activity';
import { asActivityLogsError } from '../core/errors';
import { revealSelected } from './tree/revealSelected';
import { locateActivity, LINK_WINDOW_MS, matchingSources } from '../core/linkTargets';
import {
  activityLink,
  type ActivityLink,
  type ActivityLogsLink,
  decodeLink,
  decodeLinkParts,
  describeLinkSource,
  encodeLink,
  type ExtensionRef,
  type GroupLink,
  LinkError,
  markdownLinkLine,
  markdownSummary,
  type SourceRef,
} from '../core/links';
import { parseQuery } from '../core/query';
import { activityIdentity, isVendorOrigin, sourceIdentity, suggestedSettings, torqWorkspaceOf } from '../sources/identity';
import type { OutputLog } from './outputLog';
import type { CommandRegistrar } from './registerCommand';
import { SOURCE_KINDS } from './sourceKinds';
import type { RegisteredSource, SourceRegistry } from './sourceRegistry';
import type { ActivityTreeProvider } from './tree/activityTree';
import { GroupNode } from './tree/nodes';
import { activityOf } from './commandArgs';

export interface LinkDeps {
  readonly registry: SourceRegistry;
  readonly tree: ActivityTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly openPayload: (a: Activity) => Promise<void>;
  readonly log: OutputLog;
  readonly extension: vscode.Extension<unknown>;
}

/** What Copy Link was invoked on: a tree row, a loaded activity's key, an Activity (the payload panel), or `{ search }` (the search box). */
type Copied = { link: ActivityLogsLink; label: string; what: string; sourceLabel?: string; activity?: Activity };

function isActivity(value: unknown): value is Activity {
  const a = value as Partial<Activity> | null;
  return typeof a === 'object' && a !== null && typeof a.key === 'string' && typeof a.stream === 'string' && typeof a.time === 'string';
}

export function registerLinkCommands(register: CommandRegistrar, deps: LinkDeps): void {
  const { registry } = deps;
  const manifest = deps.extension.packageJSON as { publisher: string; name: string };
  // The scheme this editor answers to: `vscode`, `vscode-insiders`, `code-oss` (code-server)…
  const extension = (): ExtensionRef => ({ publisher: manifest.publisher, name: manifest.name, scheme: vscode.env.uriScheme });
  const labelOf = (entry: RegisteredSource | undefined, fallback: string) => entry?.source?.label ?? entry?.config.label ?? fallback;

  const copied = (arg: unknown): Copied | undefined => {
    const search = (arg as { search?: unknown } | null)?.search;
    if (typeof search === 'string') return { link: { kind: 'search', query: search }, label: search, what: 'search' };
    const activity = activityOf(deps.tree, arg) ?? (isActivity(arg) ? arg : undefined);
    if (activity) {
      const entry = registry.get(activity.sourceId);
      if (!entry) return undefined;
      return { link: activityLink(activity, activityIdentity(activity, entry.config)), label: activity.title, what: 'activity', sourceLabel: labelOf(entry, activity.sourceId), activity };
    }
    if (!(arg instanceof GroupNode)) return undefined;
    const entry = registry.get(arg.sourceId);
    if (!entry) return undefined;
    const ref: SourceRef = { sourceId: arg.sourceId, ...sourceIdentity(entry.config) };
    const sourceLabel = labelOf(entry, arg.sourceId);
    // A pinned search is the receiver's only if pinned there too: it travels as the search.
    if (arg.pinnedSearch !== undefined) return { link: { kind: 'search', ...ref, query: arg.pinnedSearch }, label: arg.pinnedSearch, what: 'search', sourceLabel };
    const path: string[] = [];
    for (let node: unknown = arg; node instanceof GroupNode; node = node.parent) path.unshift(node.group.id);
    return { link: { kind: 'group', ...ref, path }, label: arg.group.label, what: 'group', sourceLabel };
  };

  const copy = async (arg: unknown, markdown: boolean) => {
    const c = copied(arg);
    if (!c) throw new Error('Copy Link works on an activity, a group or a search.');
    const uri = encodeLink(c.link, extension());
    const text = !markdown ? uri : c.activity ? markdownSummary(c.activity, uri, c.sourceLabel) : markdownLinkLine(c.label, uri, c.what, c.sourceLabel);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${markdown ? 'Markdown with a link' : 'a link'} to this ${c.what}`, 3000);
    return text;
  };
  register('activityLogs.copyLink', (arg?: unknown) => copy(arg, false));
  register('activityLogs.copyAsMarkdown', (arg?: unknown) => copy(arg, true));

  register('activityLogs.openLink', async (arg?: unknown) => {
    const text = arg instanceof vscode.Uri || typeof arg === 'string' ? arg : await askForLink();
    if (text === undefined) return;
    let link: ActivityLogsLink;
    try {
      link = typeof text === 'string' ? decodeLink(text, extension()) : decodeLinkParts(text, extension());
    } catch (e) {
      if (!(e instanceof LinkError)) throw e;
      deps.log.warn(e.message);
      void vscode.window.showErrorMessage(e.message);
      return;
    }
    await openLink(deps, link);
  });
}

async function askForLink(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Open an Activity Logs link',
    prompt: 'A link copied with Copy Link (vscode://activity-logs.activity-logs/…)',
    ignoreFocusOut: true,
  });
}

/** Opens what a checked link names, in the configured source it matches; asks before anything else. */
async function openLink(deps: LinkDeps, link: ActivityLogsLink): Promise<void> {
  if (link.sourceId === undefined) {
    await vscode.commands.executeCommand('activityLogs.search', link.query);
    return;
  }
  const ref: SourceRef = link;
  let matches = configuredMatches(deps.registry, ref);
  const broken = matches.find((m) => !m.source);
  matches = matches.filter((m) => m.source);
  if (!matches.length && broken) {
    void vscode.window.showErrorMessage(`This link is for ${broken.config.label ?? broken.config.id}, which cannot be used: ${broken.problem ?? 'its settings are not valid'}`);
    return;
  }
  if (!matches.length) {
    if (!(await offerToAdd(deps, ref, link.kind))) return;
    matches = configuredMatches(deps.registry, ref).filter((m) => m.source);
    if (!matches.length) return;
  }
  switch (link.kind) {
    case 'activity':
      return openActivity(deps, link, matches);
    case 'group':
      return revealGroup(deps, link, matches[0]);
    case 'search': {
      const query = link.query;
      // The search ran on one source where it was copied: so it does here, unless it names its own.
      const scoped = namesSources(query) ? query : `source:${matches[0].config.id} ${query}`;
      await vscode.commands.executeCommand('activityLogs.search', scoped);
    }
  }
}

/** Whether a search names its sources; one the search language cannot read is left for the search box to say so. */
function namesSources(query: string): boolean {
  try {
    return parseQuery(query).sources.length > 0;
  } catch {
    return true;
  }
}

function configuredMatches(registry: SourceRegistry, ref: SourceRef): RegisteredSource[] {
  const candidates = registry.all.flatMap((entry) => {
    try {
      return [{ id: entry.config.id, identity: sourceIdentity(entry.config), entry }];
    } catch {
      return []; // settings whose URLs cannot be read match no link
    }
  });
  return matchingSources(ref, candidates).map((c) => c.entry);
}

/** Says which source the link needs; adds it, with what the link knows filled in, only if the user says so. True when added. */
async function offerToAdd(deps: LinkDeps, ref: SourceRef, what: string): Promise<boolean> {
  const kind = SOURCE_KINDS[ref.sourceKind];
  const add = 'Add Source…';
  const needed = describeLinkSource(ref, kind.label);
  deps.log.info(`A link to ${what} needs a source not configured here: ${needed}`);
  const answer = await vscode.window.showWarningMessage(
    `This link opens ${what === 'activity' ? 'an activity' : `a ${what}`} of a source you have not configured: ${needed}.`,
    {
      modal: true,
      detail: [
        `The sender calls it "${ref.sourceId}". Nothing has been sent anywhere.`,
        isVendorOrigin(ref) ? '' : `${ref.origin} is not one of ${kind.label.split(' ')[0]}'s own hosts.`,
        `Add it only if you know this ${kind.label}: its credentials will be sent to ${ref.origin}.`,
      ].filter(Boolean).join(' '),
    },
    add,
  );
  if (answer !== add) return false;
  await vscode.commands.executeCommand('activityLogs.addSource', ref.sourceKind, suggestedSettings(ref));
  deps.registry.reload();
  return configuredMatches(deps.registry, ref).some((m) => m.source);
}

/** The activity from the tree when loaded there, else read from the matching sources around its time. */
async function openActivity(deps: LinkDeps, link: ActivityLink, matches: readonly RegisteredSource[]): Promise<void> {
  const loaded = matches.map((m) => deps.tree.findActivity(activityKey(m.config.id, link.stream, link.id))).find((a) => a && sameWorkspace(a, link));
  if (loaded) return deps.openPayload(loaded);
  const names = matches.map((m) => m.source!.label).join(', ');
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Finding the linked activity in ${names}…`, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      for (const m of matches) {
        try {
          const a = await locateActivity(m.source!, link, controller.signal);
          if (a && sameWorkspace(a, link)) return a;
        } catch (e) {
          if (controller.signal.aborted) return undefined;
          const error = asActivityLogsError(e);
          deps.log.warn(`Linked activity ${link.id} in ${m.source!.label}: ${error.message}`);
          void vscode.window.showErrorMessage(deps.log.redact(`${m.source!.label}: ${error.message}`));
          return undefined;
        }
      }
      if (!controller.signal.aborted) {
        void vscode.window.showWarningMessage(
          `The linked activity ${link.id} is not in ${names} within ${LINK_WINDOW_MS / 1000} s of ${link.time}: it may be older than the product keeps, or not visible with these credentials.`,
        );
      }
      return undefined;
    },
  );
  if (found) await deps.openPayload(found);
}

/** A Torq link names its workspace: an entry of another workspace on the same host is not it. */
function sameWorkspace(a: Activity, link: ActivityLink): boolean {
  const workspace = link.sourceKind === 'torq' ? torqWorkspaceOf(a) : undefined;
  return !link.account || !workspace || workspace === link.account;
}

/** Shows the group in the tree, discovering the groups above it (from the matching source only). */
async function revealGroup(deps: LinkDeps, link: GroupLink, match: RegisteredSource): Promise<void> {
  const source = deps.tree.sourceNode(match.config.id);
  let node: GroupNode | undefined = source?.topGroup((g) => g.id === link.path[0]);
  for (const id of link.path.slice(1)) {
    const children: unknown[] = node ? await node.getChildren() : [];
    node = children.find((c): c is GroupNode => c instanceof GroupNode && c.group.id === id);
  }
  if (!node) {
    const text = `${match.source?.label ?? match.config.id} has no group "${link.path.join(' › ')}" in its time window.`;
    deps.log.warn(`Link: ${text}`);
    void vscode.window.showWarningMessage(text);
    return;
  }
  if (!(await revealSelected(deps.treeView, node))) deps.log.warn(`Link: the tree did not select the group "${link.path.join(' › ')}" after 3 reveals`);
}
