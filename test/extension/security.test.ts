/**
 * Security in the real extension host: removing a source deletes its secrets from SecretStorage;
 * secrets never reach the settings file, the messages shown to the user, the payload webview's
 * HTML or what is posted to it. Captures for the leak scan go to test-results/leak-scan/extension/:
 * the webview HTML and messages, the settings file, and (once every suite has run) the extension's
 * output channel as the editor wrote it to its log folder.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Activity } from '../../src/core/activity';
import { ActivityLogsError, FIX_LABELS } from '../../src/core/errors';
import { activityTooltip, FIX_COMMANDS, messageTreeItem } from '../../src/ui/tree/treeItems';
import type { ActivityNode } from '../../src/ui/tree/nodes';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { FAKE_CREDENTIALS } from '../fake-api/credentials';
import { startFakeApi } from '../fake-api/server';
import { childrenAt, Fixture, setUpSources, tearDown, waitFor } from './support';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(ROOT, 'test-results', 'leak-scan', 'extension');
const C = FAKE_CREDENTIALS;
const SECRETS = [C.torq.clientSecret, Buffer.from(`${C.torq.clientId}:${C.torq.clientSecret}`).toString('base64'), C.slack.token, C.sde.token];

/** The user-data folder of the code-server running this extension host (undefined under other runners). */
function userDataDir(): string | undefined {
  const candidates = [
    process.env.CODE_SERVER_SESSION_SOCKET && path.dirname(process.env.CODE_SERVER_SESSION_SOCKET),
    process.env.XDG_CONFIG_HOME && path.join(path.dirname(process.env.XDG_CONFIG_HOME), 'user-data'),
  ];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'User')));
}

function filesNamed(dir: string, name: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) filesNamed(full, name, out);
    else if (e.name === name) out.push(full);
  }
  return out;
}

function copySettings(as: string): string | undefined {
  const dir = userDataDir();
  const file = dir && path.join(dir, 'User', 'settings.json');
  if (!file || !fs.existsSync(file)) return undefined;
  fs.mkdirSync(OUT, { recursive: true });
  fs.copyFileSync(file, path.join(OUT, as));
  return fs.readFileSync(file, 'utf8');
}

function assertNoSecret(what: string, text: string, issued: readonly string[] = []): void {
  for (const s of [...SECRETS, ...issued]) assert.ok(!text.includes(s), `${what} holds the secret ${s.slice(0, 4)}…`);
}

// Root-level hook: runs once every suite of the extension host is done, so that the output
// channel holds all they logged.
after(function () {
  const dir = userDataDir();
  if (!dir) return;
  const logs = filesNamed(path.join(dir, 'logs'), 'Activity Logs.log');
  const target = path.join(OUT, 'output-channel');
  fs.mkdirSync(target, { recursive: true });
  logs.forEach((f, i) => fs.copyFileSync(f, path.join(target, `${i}-${path.basename(path.dirname(f))}.log`)));
  copySettings('settings.json');
});

type Shown = { level: string; message: string };

/** Replaces the window's message functions: records what the user would see and answers `answer`. */
function stubMessages(answer: (level: string, message: string, items: unknown[]) => unknown): { shown: Shown[]; restore(): void } {
  const w = vscode.window as unknown as Record<string, unknown>;
  const names = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'];
  const originals = names.map((n) => w[n]);
  const shown: Shown[] = [];
  for (const n of names) {
    w[n] = async (message: string, ...items: unknown[]) => {
      shown.push({ level: n, message });
      return answer(n, message, items);
    };
  }
  return { shown, restore: () => names.forEach((n, i) => (w[n] = originals[i])) };
}

describe('security (extension host)', () => {
  let f: Fixture;
  before(async () => (f = await setUpSources({ pageSize: 10 })));
  after(async () => tearDown(f));

  it('keeps secrets out of the settings file: only ids, labels and URLs are there', async () => {
    const text = copySettings('settings-with-sources.json');
    if (text === undefined) return; // not under code-server: nothing to read
    assert.match(text, /"sde-fake"/, 'the settings file is the one the sources are in');
    assertNoSecret('settings.json', text);
  });

  it('the payload panel: no secret in its HTML or in what it is sent, for every product', async () => {
    const first = async (...where: string[]) => (await childrenAt(f.ext, ...where)).find((n): n is ActivityNode => n.type === 'activity')!.activity;
    const activities: Activity[] = [await first('Fake Torq', 'Failures'), await first('Fake Slack app', 'All activity'), await first('Fake SD Elements', 'All activities')];
    const issued = f.api.requests.map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1]).filter((t): t is string => !!t && t !== C.slack.token);
    assert.ok(issued.length > 0, 'a Torq bearer token was issued');
    fs.mkdirSync(path.join(OUT, 'webview'), { recursive: true });
    for (const [i, activity] of activities.entries()) {
      await f.ext.panels.show(activity);
      // The panel's internals: its webview and the header and state it posts to the webview.
      const panels = (f.ext.panels as unknown as { panels: Map<string, { panel: vscode.WebviewPanel; header: unknown; state: unknown }> }).panels;
      const open = await waitFor('the panel', () => panels.get(activity.key));
      const html = open.panel.webview.html;
      assert.match(html, /Content-Security-Policy/);
      const posted = JSON.stringify({ header: open.header, state: open.state });
      fs.writeFileSync(path.join(OUT, 'webview', `${i}-${activity.sourceKind}.html`), html);
      fs.writeFileSync(path.join(OUT, 'webview', `${i}-${activity.sourceKind}-message.json`), posted);
      assertNoSecret(`webview HTML of ${activity.sourceKind}`, html, issued);
      assertNoSecret(`webview message of ${activity.sourceKind}`, posted, issued);
    }
    fs.mkdirSync(path.join(OUT, '..', 'known-secrets'), { recursive: true });
    fs.writeFileSync(path.join(OUT, '..', 'known-secrets', 'extension-issued-torq-tokens.json'), JSON.stringify([...new Set(issued)].map((value) => ({ name: 'torq.issuedBearerToken(extension)', value }))));
  });

  it('messages shown to the user and the output channel hold no secret when a connection fails', async () => {
    const stub = stubMessages(() => undefined);
    try {
      // Wrong credentials (the fake answers 401) and a server error, through the commands users run.
      await f.ext.credentials.set('sde-fake', 'token', 'fake-sde-api-token-wrong-11223344');
      await vscode.commands.executeCommand('activityLogs.testConnection', 'sde-fake');
      f.api.faults.add({ api: 'slack', kind: '503', count: 20 });
      await vscode.commands.executeCommand('activityLogs.testConnection', 'slack-fake');
      f.api.faults.clear();
      await vscode.commands.executeCommand('activityLogs.testConnection', 'torq-fake');
      await waitFor('three messages', () => stub.shown.length >= 3, 30_000);
      assert.ok(stub.shown.some((s) => s.level === 'showErrorMessage' && /rejected the API token \(HTTP 401/.test(s.message)), JSON.stringify(stub.shown));
      assertNoSecret('the messages shown', JSON.stringify(stub.shown));
      assert.ok(!JSON.stringify(stub.shown).includes('fake-sde-api-token-wrong-11223344'));
    } finally {
      stub.restore();
      await f.ext.credentials.set('sde-fake', 'token', C.sde.token);
    }
  });

  it('Test Connection offers the fix the tree offers for its error, worded the same, and runs the same command', async () => {
    const commands = vscode.commands as unknown as { executeCommand: typeof vscode.commands.executeCommand };
    const execute = commands.executeCommand;
    const offered: unknown[][] = [];
    const ran: unknown[][] = [];
    const stub = stubMessages((level, _message, items) => {
      if (level !== 'showErrorMessage') return undefined;
      offered.push(items);
      return items[0];
    });
    // The fix is recorded, not run: Enter Credentials would wait for input boxes.
    commands.executeCommand = (async (id: string, ...args: unknown[]) => (id === FIX_COMMANDS.enterCredentials ? void ran.push([id, ...args]) : execute(id, ...args))) as typeof execute;
    try {
      await f.ext.credentials.set('sde-fake', 'token', 'fake-sde-api-token-wrong-11223344');
      await execute('activityLogs.testConnection', 'sde-fake');
      assert.deepEqual(offered, [[FIX_LABELS.enterCredentials]]);
      assert.equal(ran.length, 1);
      assert.equal(ran[0][0], FIX_COMMANDS.enterCredentials);
      const target = ran[0][1] as { id?: string } | string;
      assert.ok(target === 'sde-fake' || (typeof target === 'object' && target.id === 'sde-fake'), 'on the source tested');
    } finally {
      commands.executeCommand = execute;
      stub.restore();
      await f.ext.credentials.set('sde-fake', 'token', C.sde.token);
    }
  });

  it('tree tooltips show server text as plain text: a code fence in an error cannot open Markdown', async () => {
    // An indented fence closes a Markdown code block; what follows would render as links and images.
    const hostile = 'Step failed\n   ```\n[Re-enter your key](https://evil.example.com/phish) ![x](https://evil.example.com/pixel.png)\n```\n<img src=x onerror=alert(1)>';
    const activity = (await childrenAt(f.ext, 'Fake Torq', 'Failures')).find((n): n is ActivityNode => n.type === 'activity')!.activity;
    const tooltip = activityTooltip({ ...activity, title: `**${activity.title}**`, error: hostile });
    assert.equal(typeof tooltip, 'string', 'a string tooltip is shown as text, a MarkdownString is rendered');
    assert.ok((tooltip as string).includes(hostile), 'the error is there, verbatim');
    assert.ok((tooltip as string).startsWith(`**${activity.title}**`), 'the title too, its asterisks as typed');
    const item = messageTreeItem({ id: 'e', text: 'Failed', error: new ActivityLogsError('server', hostile) });
    assert.equal(typeof item.tooltip, 'string');
    assert.ok((item.tooltip as string).startsWith(hostile));
  });

  it("a workspace's settings point a source of the user's id at another server: it receives no credential, the tree names the host", async () => {
    const thief = await startFakeApi();
    const config = vscode.workspace.getConfiguration('activityLogs');
    try {
      await config.update('sources', [{ id: 'sde-fake', kind: 'sde', label: 'Workspace SD Elements', url: thief.url }], vscode.ConfigurationTarget.Workspace);
      await waitFor('the workspace declaration', () => f.ext.registry.get('sde-fake')?.source?.label === 'Workspace SD Elements');
      const error = (await childrenAt(f.ext, 'Workspace SD Elements', 'All activities')).find((n) => n.type === 'message' && n.error);
      assert.ok(error?.type === 'message' && error.error);
      assert.equal(error.error.fix, 'enterCredentials');
      const names = `This source now sends its credentials to ${new URL(thief.url).host}, but they were entered for ${new URL(f.api.url).host}: they were not sent.`;
      assert.ok(error.text.startsWith(names), error.text);
      assert.deepEqual(thief.requests.map((r) => r.headers.authorization).filter(Boolean), [], 'the workspace server received no credential');
    } finally {
      await config.update('sources', undefined, vscode.ConfigurationTarget.Workspace);
      await thief.close();
    }
    await waitFor('the user sources again', () => f.ext.registry.get('sde-fake')?.source?.label === 'Fake SD Elements');
  });

  it("Slack's missing_scope echoing the Authorization header: the notification and the log lines hold no secret", async () => {
    const echo = http.createServer((req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'missing_scope', needed: 'hosting:read', provided: String(req.headers.authorization) })),
    );
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const config = vscode.workspace.getConfiguration('activityLogs');
    const before = config.inspect<unknown[]>('sources')?.globalValue ?? [];
    const stub = stubMessages(() => undefined);
    try {
      const apiUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/api/`;
      await config.update('sources', [...before, { id: 'slack-echo', kind: 'slack', label: 'Echo Slack', appId: 'A0FAKEAPP1', apiUrl }], vscode.ConfigurationTarget.Global);
      await waitFor('the echo source', () => f.ext.registry.get('slack-echo')?.source);
      await f.ext.credentials.set('slack-echo', 'token', C.slack.token);
      await vscode.commands.executeCommand('activityLogs.testConnection', 'slack-echo');
      await waitFor('the error shown', () => stub.shown.some((s) => /lacks the hosting:read scope/.test(s.message)));
      assertNoSecret('the messages shown', JSON.stringify(stub.shown));
    } finally {
      stub.restore();
      await f.ext.credentials.forget('slack-echo');
      await config.update('sources', before, vscode.ConfigurationTarget.Global);
      echo.close();
      echo.closeAllConnections();
    }
  });

  it('Forget Credentials: nothing more is sent with them, not even the Torq bearer token they bought', async () => {
    await childrenAt(f.ext, 'Fake Torq', 'All events'); // a bearer token is cached
    const stub = stubMessages(() => undefined);
    try {
      await vscode.commands.executeCommand('activityLogs.forgetCredentials', 'torq-fake');
    } finally {
      stub.restore();
    }
    const sent = f.api.requests.length;
    try {
      const children = await waitFor('the error item', async () => {
        const c = await childrenAt(f.ext, 'Fake Torq', 'All events');
        return c.some((n) => n.type === 'message' && n.error) ? c : undefined;
      });
      const error = children.find((n) => n.type === 'message' && n.error);
      assert.ok(error?.type === 'message' && error.error?.fix === 'enterCredentials', JSON.stringify(error));
      assert.equal(f.api.requests.length, sent, 'no request was sent after forgetting');
    } finally {
      const origin = [new URL(f.api.url).origin];
      await f.ext.credentials.set('torq-fake', 'clientId', C.torq.clientId, origin);
      await f.ext.credentials.set('torq-fake', 'clientSecret', C.torq.clientSecret, origin);
    }
  });

  it('removing a source deletes its secrets from SecretStorage (and keeps those of the others)', async () => {
    assert.equal(await f.ext.credentials.origin('torq-fake', 'clientSecret'), 'stored');
    // "No" first: nothing is deleted.
    let stub = stubMessages(() => undefined);
    try {
      await vscode.commands.executeCommand('activityLogs.removeSource', 'torq-fake');
    } finally {
      stub.restore();
    }
    assert.equal(await f.ext.credentials.origin('torq-fake', 'clientSecret'), 'stored', 'cancelled: the secrets stay');
    assert.ok(f.ext.registry.get('torq-fake'));

    stub = stubMessages((level) => (level === 'showWarningMessage' ? 'Remove' : undefined));
    try {
      await vscode.commands.executeCommand('activityLogs.removeSource', 'torq-fake');
      await vscode.commands.executeCommand('activityLogs.removeSource', 'sde-fake');
    } finally {
      stub.restore();
    }
    const asked = stub.shown.filter((s) => s.level === 'showWarningMessage');
    assert.equal(asked.length, 2);
    assert.match(asked[0].message, /Its stored credentials are deleted too/);
    for (const name of ['clientId', 'clientSecret'] as const) {
      assert.equal(await f.ext.credentials.origin('torq-fake', name), undefined, `torq ${name} deleted`);
      assert.equal(await f.ext.credentials.get('torq-fake', name, [new URL(f.api.url).origin]), undefined);
    }
    assert.equal(await f.ext.credentials.origin('sde-fake', 'token'), undefined, 'sde token deleted');
    assert.equal(await f.ext.credentials.origin('slack-fake', 'token'), 'stored', 'the other source keeps its token');
    await waitFor('the sources to reload', () => f.ext.registry.all.length === 1);
    const text = copySettings('settings-after-remove.json');
    if (text !== undefined) {
      assert.ok(!/torq-fake|sde-fake/.test(text), 'the entries are gone from settings');
      assertNoSecret('settings.json after remove', text);
    }
  });
});
