/**
 * From a Slack log entry to the code in the open workspace: the stack frames of an error that name
 * a file of the workspace, and Go to Source (the function's or workflow's definition in the app
 * project whose `.slack/apps*.json` names the source's app). Only files under a workspace folder
 * are ever opened, and only after this side found them there.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { Activity } from '../core/activity';
import { type AppDefinition, definitionsInManifestJson, definitionsInSource, definitionsNamed } from '../sources/slack/appDefinitions';
import { findCliProjectApps } from '../sources/slack/cliProject';
import { parseStackFrames, type StackFrame, workspaceCandidates } from '../sources/slack/stackFrames';
import type { FrameLink } from '../webview/payload/protocol';
import { definitionFor } from '../sources/slack/entryDefinition';

/** Frames checked per error: a stack deeper than this is mostly runtime frames. */
const MAX_FRAMES = 40;
/** Files of an app project read for definitions. */
const MAX_PROJECT_FILES = 300;
const EXCLUDE = '**/{node_modules,.git}/**';

function workspaceFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

/** Whether `uri` is a file path under `folder` that does not climb out of it (path.relative: drive letters and case as the platform has them). */
function isUnder(uri: vscode.Uri, folder: vscode.Uri): boolean {
  if (uri.scheme !== 'file' || folder.scheme !== 'file' || uri.path.split('/').includes('..')) return false;
  const relative = path.relative(folder.fsPath, uri.fsPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** The workspace file a frame names, when it exists under an open folder. */
async function resolveFrame(frame: StackFrame | undefined): Promise<vscode.Uri | undefined> {
  if (!frame?.projectPath) return undefined;
  for (const folder of workspaceFolders()) {
    for (const candidate of workspaceCandidates(frame.projectPath, folder.uri.fsPath)) {
      const uri = vscode.Uri.file(candidate);
      if (isUnder(uri, folder.uri) && (await isFile(uri))) return uri;
    }
  }
  return undefined;
}

/** The frames of an error that lead to a workspace file, with where they are in the text. */
export async function linkableFrames(error: string | undefined): Promise<FrameLink[]> {
  if (!error || !workspaceFolders().length) return [];
  const frames = parseStackFrames(error).slice(0, MAX_FRAMES);
  const found = await Promise.all(frames.map((f) => resolveFrame(f)));
  return frames.flatMap((f, index) => (found[index] ? [{ index, start: f.start, end: f.end }] : []));
}

async function openAt(uri: vscode.Uri, line: number, character: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line), Math.max(0, character));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
}

/** Opens the file of the error's frame `index` at its line and column, found again here, never taken from the webview. */
export async function openFrame(error: string | undefined, index: number): Promise<void> {
  const frame = error ? parseStackFrames(error).slice(0, MAX_FRAMES)[index] : undefined;
  const uri = await resolveFrame(frame);
  if (!frame || !uri) {
    void vscode.window.showWarningMessage('That file is not in the open workspace.');
    return;
  }
  await openAt(uri, frame.line - 1, (frame.column ?? 1) - 1);
}

const readText = async (uri: vscode.Uri): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

/** The app project folders in the workspace whose Slack CLI files name `appId`. */
async function projectsOfApp(appId: string): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/.slack/apps*.json', EXCLUDE, 50);
  const folders = [...new Set(files.map((f) => vscode.Uri.joinPath(f, '..', '..').fsPath))];
  const apps = await findCliProjectApps(folders, (file) => readText(vscode.Uri.file(file)));
  return [...new Set(apps.filter((a) => a.appId === appId && a.folder).map((a) => a.folder!))].map((f) => vscode.Uri.file(f));
}

async function definitionsIn(project: vscode.Uri): Promise<AppDefinition[]> {
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(project, '**/*.{ts,js,mjs,json}'), EXCLUDE, MAX_PROJECT_FILES);
  const out: AppDefinition[] = [];
  for (const file of files) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (name.endsWith('.json') && name !== 'manifest.json') continue;
    const text = await readText(file).catch(() => '');
    out.push(...(name === 'manifest.json' ? definitionsInManifestJson(text, file.fsPath) : definitionsInSource(text, file.fsPath)));
  }
  return out;
}

async function openDefinition(project: vscode.Uri, def: AppDefinition): Promise<void> {
  if (def.kind === 'function' && def.sourceFile) {
    const source = vscode.Uri.joinPath(project, def.sourceFile.replace(/^\.?\//, ''));
    const here = source.fsPath === vscode.Uri.file(def.file).fsPath;
    if (isUnder(source, project) && (await isFile(source))) return openAt(source, here ? def.line : 0, here ? def.character : 0);
  }
  await openAt(vscode.Uri.file(def.file), def.line, def.character);
}

/** Go to Source: the definition of the function or workflow a Slack entry names, in the app's project. */
export async function goToSource(activity: Activity, appId: string | undefined): Promise<void> {
  const wanted = definitionFor(activity.raw);
  if (activity.sourceKind !== 'slack' || !appId || !wanted) {
    void vscode.window.showInformationMessage('This activity names no Slack function or workflow.');
    return;
  }
  const projects = await projectsOfApp(appId);
  if (!projects.length) {
    void vscode.window.showInformationMessage(`No Slack project for app ${appId} in the workspace (no .slack/apps.json or apps.dev.json names it).`);
    return;
  }
  const found: Array<{ project: vscode.Uri; def: AppDefinition }> = [];
  for (const project of projects) {
    const defs = await definitionsIn(project);
    const named = wanted.flatMap((w) => definitionsNamed(defs, w.kind, w.name));
    found.push(...named.filter((d, i) => named.indexOf(d) === i).map((def) => ({ project, def })));
    if (found.length) break;
  }
  if (!found.length) {
    const { kind, name } = wanted[0];
    void vscode.window.showInformationMessage(`No ${kind} named “${name}” in the Slack project of app ${appId}.`);
    return;
  }
  const pick =
    found.length === 1
      ? found[0]
      : (
          await vscode.window.showQuickPick(
            found.map((f) => ({ label: f.def.callbackId, description: f.def.title, detail: vscode.workspace.asRelativePath(f.def.file), f })),
            { title: `Go to Source: which definition of “${wanted[0].name}”?` },
          )
        )?.f;
  if (pick) await openDefinition(pick.project, pick.def);
}
