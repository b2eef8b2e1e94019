/**
 * Activation stays cheap: activate() registers the view and every command but loads none of the
 * services (sources, zod, node-fetch, tree, panel); they load on first use. Runs the tsc output
 * with test/support/vscodeStub.ts standing in for `vscode`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extensionContext, installVscodeStub } from '../../support/vscodeStub';
import { REPO_ROOT } from '../../support/paths';

const root = REPO_ROOT;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
/** The one list of command ids: what package.json contributes. */
const contributed = manifest.contributes.commands.map((c) => c.command).sort();

describe('activation shell', () => {
  it('registers the commands package.json contributes without loading the services, which load on first use and handle exactly those', async () => {
    const stub = installVscodeStub({ settings: { sources: [] } });
    const context = extensionContext(root);
    const before = new Set(Object.keys(require.cache));
    const ext = require('../../../src/extension') as typeof import('../../../src/extension');
    const api = ext.activate(context as never);
    const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
    const heavy = loaded.filter((k) => /[\\/](sources|core|node_modules)[\\/]|[\\/]ui[\\/](services|tree|payloadPanel)/.test(k));
    assert.deepStrictEqual(heavy, [], 'activate() loaded modules it does not need');
    assert.ok(contributed.length > 20, `${contributed.length} commands contributed`);
    assert.deepStrictEqual([...stub.commands.keys()].sort(), contributed);

    assert.ok(api.registry, 'the services load on first use');
    assert.strictEqual(api.tree, api.tree, 'and only once');
    assert.deepStrictEqual(await api.tree.getChildren(), []);
    await stub.commands.get('activityLogs.refresh')!(); // runs the services' handler

    // The services handle exactly the contributed commands: none missing, none beyond them.
    const { servicesModule } = require('../../../src/ui/loader') as typeof import('../../../src/ui/loader');
    const other = extensionContext(root);
    const services = servicesModule().startServices({ context: other as never, channel: { info() {}, warn() {}, error() {} } as never, treeView: api.treeView, timelineView: api.treeView });
    assert.deepStrictEqual([...services.commands.keys()].sort(), contributed);
    for (const d of other.subscriptions) d.dispose();
    for (const d of context.subscriptions) d.dispose();
  });

  it('offers fixes through contributed commands only', () => {
    installVscodeStub({ settings: { sources: [] } });
    const { FIX_COMMANDS } = require('../../../src/ui/tree/treeItems') as typeof import('../../../src/ui/tree/treeItems');
    const fixes = Object.values(FIX_COMMANDS);
    assert.equal(fixes.length, 4);
    for (const id of fixes) assert.ok(contributed.includes(id), id);
  });
});
