/**
 * Activation stays cheap: activate() registers the view and every command but loads none of the
 * services (sources, zod, node-fetch, tree, panel); they load on first use. Runs the tsc output
 * with test/support/vscodeStub.ts standing in for `vscode`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extensionContext, installVscodeStub } from '../support/vscodeStub';
import { COMMAND_IDS } from '../../src/ui/contributions';

const root = path.resolve(__dirname, '../../..');

describe('activation shell', () => {
  it('lists every command package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    assert.deepStrictEqual([...COMMAND_IDS].sort(), pkg.contributes.commands.map((c) => c.command).sort());
  });

  it('registers the commands without loading the services, which load on first use and handle every command', async () => {
    const stub = installVscodeStub({ settings: { sources: [] } });
    const context = extensionContext(root);
    const before = new Set(Object.keys(require.cache));
    const ext = require('../../src/extension') as typeof import('../../src/extension');
    const api = ext.activate(context as never);
    const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
    const heavy = loaded.filter((k) => /[\\/](sources|core|node_modules)[\\/]|[\\/]ui[\\/](services|tree|payloadPanel)/.test(k));
    assert.deepStrictEqual(heavy, [], 'activate() loaded modules it does not need');
    assert.deepStrictEqual([...stub.commands.keys()].sort(), [...COMMAND_IDS].sort());

    assert.ok(api.registry, 'the services load on first use');
    assert.strictEqual(api.tree, api.tree, 'and only once');
    assert.deepStrictEqual(await api.tree.getChildren(), []);
    await stub.commands.get('activityLogs.refresh')!(); // runs the services' handler

    // The services handle exactly the shell's commands (none missing, none beyond them).
    const { servicesModule } = require('../../src/ui/loader') as typeof import('../../src/ui/loader');
    const other = extensionContext(root);
    const services = servicesModule().startServices({ context: other as never, channel: { info() {}, warn() {}, error() {} } as never, treeView: api.treeView });
    assert.deepStrictEqual([...services.commands.keys()].sort(), [...COMMAND_IDS].sort());
    for (const d of other.subscriptions) d.dispose();
    for (const d of context.subscriptions) d.dispose();
  });
});
