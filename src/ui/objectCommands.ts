/**
 * From an activity to the objects it names: its links opened in the product's web UI, and the
 * activities of its project or application (SD Elements) shown as a group of its source until cleared.
 */
import * as vscode from 'vscode';
import type { ReferencedObject } from '../core/source';
import { activityOf } from './commandArgs';
import type { OutputLog } from './outputLog';
import { type CommandHandler, commandRegistrar } from './registerCommand';
import type { ActivityTreeProvider } from './tree/activityTree';
import { GroupNode, SourceNode } from './tree/nodes';

export interface ObjectDeps {
  readonly tree: ActivityTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly log: OutputLog;
}

const NOUNS: Readonly<Record<ReferencedObject, string>> = { project: 'project', application: 'application' };

export function registerObjectCommands(table: Map<string, CommandHandler>, deps: ObjectDeps): void {
  const { tree, treeView } = deps;
  const register = commandRegistrar(table, deps.log);

  const showObject = (object: ReferencedObject) => async (arg?: unknown) => {
    const a = activityOf(tree, arg);
    if (!a) return;
    const group = tree.sourceNode(a.sourceId)?.showObject(a, object);
    if (!group) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This activity names no {0}.', NOUNS[object]));
      return;
    }
    await Promise.resolve(treeView.reveal(group, { expand: true, select: true, focus: false })).catch(() => undefined);
  };
  register('activityLogs.showProjectActivities', showObject('project'));
  register('activityLogs.showApplicationActivities', showObject('application'));
  register('activityLogs.clearObjectGroup', (arg?: unknown) => {
    if (arg instanceof GroupNode && arg.parent instanceof SourceNode) arg.parent.clearGroup(arg.group.id);
  });

  // Every link of the activity (SD Elements: the project, application, task… its text links), picked when there are several.
  register('activityLogs.openLinkInWebUi', async (arg?: unknown) => {
    const a = activityOf(tree, arg);
    if (!a) return;
    const own = a.webUrl && !a.links?.some((l) => l.url === a.webUrl) ? [{ label: 'This activity', url: a.webUrl }] : [];
    const links = [...own, ...(a.links ?? [])];
    if (!links.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This activity has no page in the web UI.'));
      return;
    }
    const pick =
      links.length === 1
        ? links[0]
        : (await vscode.window.showQuickPick(links.map((l) => ({ label: l.label, description: l.url, link: l })), { title: 'Open which page in the web UI?' }))?.link;
    if (pick) await vscode.env.openExternal(vscode.Uri.parse(pick.url));
  });
}
