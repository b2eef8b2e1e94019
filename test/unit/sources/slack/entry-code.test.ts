/** From a Slack log entry to its code: which definition an entry names, and the panel messages that lead there. */
import * as assert from 'assert';
import { definitionFor } from '../../../../src/sources/slack/entryDefinition';
import { isToWebview, parseFromWebview } from '../../../../src/webview/payload/protocol';

const header = { key: 'k', id: 'i', sourceLabel: 's', time: 't', level: 'error', outcome: 'failure', title: 'x', type: 'y' };

describe('Slack entry → definition', () => {
  it('a function execution names its function first, then a workflow of that name', () => {
    assert.deepStrictEqual(definitionFor({ component_type: 'functions', payload: { function_name: 'format_kudos' } }), [
      { kind: 'function', name: 'format_kudos' },
      { kind: 'workflow', name: 'format_kudos' },
    ]);
  });
  it('a workflow entry names its workflow; a step names its function too', () => {
    assert.deepStrictEqual(definitionFor({ payload: { workflow_name: 'Give kudos' } }), [{ kind: 'workflow', name: 'Give kudos' }]);
    assert.deepStrictEqual(definitionFor({ payload: { function_name: 'save_kudos', workflow_name: 'Give kudos' } }), [
      { kind: 'function', name: 'save_kudos' },
      { kind: 'workflow', name: 'Give kudos' },
    ]);
  });
  it('nothing for entries without names, or not entries', () => {
    for (const raw of [undefined, null, 'x', {}, { payload: null }, { payload: { function_name: '  ', workflow_name: 3 } }]) {
      assert.strictEqual(definitionFor(raw), undefined, JSON.stringify(raw));
    }
  });
});

describe('payload panel messages for code links', () => {
  it('the webview asks for a frame by index only, and for Go to Source', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'openFrame', index: 2 }), { type: 'openFrame', index: 2 });
    assert.deepStrictEqual(parseFromWebview({ type: 'goToSource', path: '/etc/passwd' }), { type: 'goToSource' });
    for (const bad of [{ type: 'openFrame' }, { type: 'openFrame', index: -1 }, { type: 'openFrame', index: 1.5 }, { type: 'openFrame', index: '1' }, { type: 'openFrame', path: '/etc/passwd' }]) {
      assert.strictEqual(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });
  it('the host\'s code links are checked by the webview', () => {
    assert.ok(isToWebview({ type: 'loading', header, code: { frames: [{ index: 0, start: 3, end: 9 }], goToSource: true } }));
    assert.ok(isToWebview({ type: 'loading', header }));
    for (const code of [null, {}, { frames: [], goToSource: 'yes' }, { frames: [{ index: 0, start: 9, end: 3 }], goToSource: false }, { frames: [{ index: 0, start: '1', end: 3 }], goToSource: false }]) {
      assert.ok(!isToWebview({ type: 'loading', header, code }), JSON.stringify(code));
    }
  });
});
