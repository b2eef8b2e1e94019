/**
 * The counts above Slack definitions in a real VS Code, with the demo's Slack app project
 * (demo/kudos-app, app A0FAKEAPP1) copied into the workspace: read once per refresh, none asked for
 * a file that defines nothing, and a way to add the source when none reads the project's app.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Fixture, setUpSources, tearDown, waitFor } from './support';

const KUDOS_APP = path.resolve(__dirname, '..', '..', '..', 'demo', 'kudos-app');

async function lenses(file: vscode.Uri): Promise<vscode.CodeLens[]> {
  // VS Code asks the providers of an open document only.
  await vscode.workspace.openTextDocument(file);
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file, 10)) ?? [];
}

/** The titles of the lenses of ours once resolved (another extension's lenses are left out). */
async function titles(file: vscode.Uri, ours: RegExp): Promise<string[]> {
  return waitFor(`resolved lenses in ${path.basename(file.fsPath)}`, async () => {
    const found = (await lenses(file)).map((l) => l.command?.title ?? '');
    const mine = found.filter((t) => ours.test(t));
    return mine.length ? mine : undefined;
  });
}

describe('Slack counts above definitions', () => {
  let f: Fixture;
  let root: string;
  const listed = () => f.api.requests.of('slack').filter((r) => r.path === '/api/apps.activities.list').length;

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    root = path.join(folder!.uri.fsPath, 'kudos-lens');
    fs.cpSync(KUDOS_APP, root, { recursive: true });
    f = await setUpSources();
  });
  after(async () => {
    await tearDown(f);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('counts a function\'s failures once per refresh, and asks nothing for a file that defines nothing', async () => {
    const save = vscode.Uri.file(path.join(root, 'functions', 'save_kudos.ts'));
    const workflow = vscode.Uri.file(path.join(root, 'workflows', 'give_kudos.ts'));
    f.api.requests.clear();
    const [text] = await titles(save, /in 24h/);
    assert.match(text, /^(\d+ failures?|no failures) in 24h · last run \d+[smhd] ago$/);
    const reads = listed();
    assert.ok(reads >= 1);
    assert.match((await titles(workflow, /in 24h/))[0], /in 24h · last run/);
    await titles(save, /in 24h/);
    assert.equal(listed(), reads, 'the counts are kept until a refresh');

    const manifest = vscode.Uri.file(path.join(root, 'manifest.ts'));
    assert.deepEqual((await lenses(manifest)).filter((l) => /Activity Logs|in 24h/.test(l.command?.title ?? '')), []);
    assert.equal(listed(), reads, 'nothing asked for manifest.ts, which defines nothing');

    f.ext.tree.refresh();
    await waitFor('a read after the refresh', async () => ((await titles(save, /in 24h/)) && listed() > reads ? true : undefined));
  });

  it('offers to add the app when no source reads it', async () => {
    const config = vscode.workspace.getConfiguration('activityLogs');
    const sources = config.get<Array<Record<string, unknown>>>('sources') ?? [];
    await config.update('sources', sources.map((s) => (s.kind === 'slack' ? { ...s, appId: 'A0FAKEAPP2' } : s)), vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the Slack source to read another app', () => f.ext.registry.all.some((e) => e.config.kind === 'slack' && e.config.appId === 'A0FAKEAPP2'));
      const save = vscode.Uri.file(path.join(root, 'functions', 'save_kudos.ts'));
      const [offer] = await titles(save, /^Activity Logs: add Slack app/);
      assert.equal(offer, 'Activity Logs: add Slack app A0FAKEAPP1 to count its runs here');
    } finally {
      await config.update('sources', sources, vscode.ConfigurationTarget.Global);
    }
  });
});
