/** The payload webview contract: HTML shell and CSP, message checks, links, state, titles. */
import * as assert from 'assert';
import type { Activity } from '../../../src/core/activity';
import { isToWebview, isWebviewState, parseFromWebview } from '../../../src/webview/payload/protocol';
import { headerFromState, headerOf, panelTitle } from '../../../src/ui/payloadHeader';
import { isAllowedLink } from '../../../src/ui/payloadLinks';
import { buildPayloadHtml, contentSecurityPolicy, makeNonce } from '../../../src/ui/webviewHtml';

const activity: Activity = {
  key: 'torq-prod/activity/1',
  sourceId: 'torq-prod',
  sourceKind: 'torq',
  stream: 'activity',
  id: '1',
  time: '2024-05-14T09:41:27.123456789Z',
  timeMs: Date.parse('2024-05-14T09:41:27.123Z'),
  level: 'error',
  outcome: 'failure',
  title: 'Step failed',
  type: 'STEP_EXECUTION_FAILED',
  webUrl: 'https://app.torq.io/executions/1',
  links: [{ label: 'Workflow', url: 'https://app.torq.io/workflows/w' }],
  raw: { huge: 'x'.repeat(1000) },
};

describe('payload webview: HTML', () => {
  const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
  const html = buildPayloadHtml({
    cspSource,
    nonce: 'abc123XYZ',
    scriptUris: [`${cspSource}/dist/webview/payload.js?"><x`],
    styleUris: [`${cspSource}/media/payload.css`],
  });

  it('has the strict CSP and nothing inline', () => {
    const csp = contentSecurityPolicy(cspSource, 'abc123XYZ');
    assert.strictEqual(
      csp,
      `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-abc123XYZ'; font-src ${cspSource}`,
    );
    assert.ok(html.includes(`content="${csp.replace(/'/g, "'")}"`));
    assert.ok(!/unsafe-(inline|eval)/.test(html));
    assert.ok(!/\sstyle=/i.test(html));
    assert.ok(!/\son[a-z]+=/i.test(html));
    assert.ok(!/<style/i.test(html));
  });

  it('loads every script with the nonce and from a URI only', () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.strictEqual(scripts.length, 1);
    for (const s of scripts) assert.ok(s.includes('nonce="abc123XYZ"') && s.includes('src="'), s);
    assert.ok(!/<script[^>]*>[^<]/.test(html), 'no inline script body');
    assert.ok(html.includes('payload.js?&quot;&gt;&lt;x'), 'URIs are attribute-escaped');
  });

  it('refuses a nonce that could break out of the attribute', () => {
    assert.throws(() => buildPayloadHtml({ cspSource, nonce: 'a" onload="x', scriptUris: [], styleUris: [] }));
  });

  it('makes fresh alphanumeric nonces', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.match(a, /^[A-Za-z0-9]{16,}$/);
    assert.notStrictEqual(a, b);
  });
});

describe('payload webview: protocol', () => {
  it('accepts the known messages and drops anything else', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseFromWebview({ type: 'copy', text: 'x', what: 'the id' }), { type: 'copy', text: 'x', what: 'the id' });
    assert.deepStrictEqual(parseFromWebview({ type: 'openLink', url: 'https://a' }), { type: 'openLink', url: 'https://a' });
    // Copy Link takes nothing from the page: the host writes the link of the panel's own activity.
    assert.deepStrictEqual(parseFromWebview({ type: 'copyLink', url: 'vscode://evil' }), { type: 'copyLink' });
    assert.deepStrictEqual(parseFromWebview({ type: 'copyMarkdown', text: '[x](javascript:y)' }), { type: 'copyMarkdown' });
    for (const bad of [null, 'ready', { type: 'copy' }, { type: 'copy', text: 1 }, { type: 'openLink' }, { type: 'eval', code: 'x' }]) {
      assert.strictEqual(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });

  it('the page renders only the host’s known messages, each with a header', () => {
    const header = headerOf(activity, 'Torq');
    assert.ok(isToWebview({ type: 'loading', header }));
    assert.ok(isToWebview({ type: 'payload', header, payload: {}, jsonStringPaths: [] }));
    assert.ok(isToWebview({ type: 'error', header, message: 'x', reason: 'failed' }));
    for (const bad of [null, 'payload', { type: 'payload' }, { type: 'payload', header: 'x' }, { type: 'eval', header }]) {
      assert.ok(!isToWebview(bad), JSON.stringify(bad));
    }
    assert.ok(isWebviewState({ key: activity.key, header }));
    assert.ok(!isWebviewState({ header }) && !isWebviewState(undefined));
  });

  it('opens only the activity’s own http(s) links', () => {
    const header = headerOf(activity, 'Torq');
    assert.ok(isAllowedLink('https://app.torq.io/executions/1', header));
    assert.ok(isAllowedLink('https://app.torq.io/workflows/w', header));
    assert.ok(!isAllowedLink('https://evil.example/', header));
    assert.ok(!isAllowedLink('https://app.torq.io/executions/1/../x', header));
    const hostile = { webUrl: 'javascript:alert(1)', links: [{ label: 'x', url: 'data:text/html,x' }] };
    assert.ok(!isAllowedLink('javascript:alert(1)', hostile));
    assert.ok(!isAllowedLink('data:text/html,x', hostile));
  });

  it('keeps the header small (no payload) and reads it back from state', () => {
    const header = headerOf(activity, 'Torq');
    assert.ok(!('raw' in header));
    assert.ok(JSON.stringify(header).length < 600);
    const { links: _links, webUrl: _webUrl, ...withoutLinks } = header;
    assert.deepStrictEqual(headerFromState({ key: activity.key, header }), withoutLinks);
    assert.strictEqual(headerFromState({ key: 'other', header }), undefined);
    assert.strictEqual(headerFromState({ key: activity.key, header: { ...header, title: 3 } }), undefined);
    assert.strictEqual(headerFromState(undefined), undefined);
  });

  it('titles panels `<short title> — <source>`', () => {
    assert.strictEqual(panelTitle({ title: 'Step failed', sourceLabel: 'Torq' }), 'Step failed — Torq');
    const long = panelTitle({ title: 'A very long title that goes on\nand on and on forever', sourceLabel: 'Slack' });
    assert.ok(long.endsWith('… — Slack') && !long.includes('\n'), long);
    assert.strictEqual(panelTitle({ title: '  ', sourceLabel: 'SDE' }), '(untitled) — SDE');
  });
});
