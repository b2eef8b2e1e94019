/**
 * The CodeLens provider of the activation shell: a file whose text defines no Slack function or
 * workflow gets no lens and loads nothing; one that does is handed to the services. Runs the tsc
 * output with test/support/vscodeStub.ts standing in for `vscode`.
 */
import * as assert from 'assert';
import { installVscodeStub } from '../../support/vscodeStub';

interface Provider {
  provideCodeLenses(document: unknown, token: unknown): unknown;
}

function document(text: string, scheme = 'file') {
  return { uri: { scheme, fsPath: '/p/functions/f.ts' }, getText: () => text };
}

describe('Slack CodeLens in the activation shell', () => {
  it('asks the services only for a file on disk that defines a Slack function or workflow', async () => {
    const stub = installVscodeStub();
    let registered: { selector: Array<{ language: string; scheme: string }>; provider: Provider } | undefined;
    (stub.api.languages as unknown as Record<string, unknown>).registerCodeLensProvider = (selector: never, provider: Provider) => {
      registered = { selector, provider };
      return { dispose() {} };
    };
    // Loaded afresh: another test may have loaded it against an earlier stub.
    delete require.cache[require.resolve('../../../src/ui/slackLensShell')];
    const { registerSlackLenses } = require('../../../src/ui/slackLensShell') as typeof import('../../../src/ui/slackLensShell');
    const asked: unknown[] = [];
    let loads = 0;
    registerSlackLenses(
      () => {
        loads++;
        return { onDidChange: () => ({ dispose() {} }), provide: async (d) => (asked.push(d), []), resolve: async (l) => l };
      },
      () => ({ dispose() {} }),
    );
    assert.ok(registered);
    assert.deepStrictEqual(registered.selector.map((s) => s.language).sort(), ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
    assert.ok(registered.selector.every((s) => s.scheme === 'file'));

    const plain = document('export const x = defineConfig({ callback_id: "nope" });');
    const remote = document('DefineFunction({ callback_id: "f" })', 'untitled');
    const huge = document(`${' '.repeat(1024 * 1024)}DefineFunction({ callback_id: "f" })`);
    for (const d of [plain, remote, huge]) assert.deepStrictEqual(await registered.provider.provideCodeLenses(d, {}), []);
    assert.equal(loads, 0, 'nothing loaded for files that define nothing');

    const fn = document('export const F = DefineFunction({\n  callback_id: "format_kudos",\n});');
    const wf = document('const W = DefineWorkflow ({ callback_id: "give_kudos" });');
    await registered.provider.provideCodeLenses(fn, {});
    await registered.provider.provideCodeLenses(wf, {});
    assert.deepStrictEqual(asked, [fn, wf]);
  });
});
