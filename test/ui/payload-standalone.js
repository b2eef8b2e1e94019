#!/usr/bin/env node
/*
 * Standalone Chromium check of the payload panel webview, outside VS Code: serves the page built
 * by the panel's own HTML builder (src/ui/webviewHtml.ts, same CSP) with the webview app bundled
 * as esbuild.js bundles it for the extension (src/webview/payload/, minified), stubs
 * acquireVsCodeApi, and checks
 *   (a) what a 10 MB payload renders: a few rows, one chunk of a 29.5k array, a find that counts
 *       (how fast is measured by `npm run bench`, which runs `measureBig` from here),
 *   (b) an XSS corpus in keys, values, title, error, details and links: 0 script executions,
 *       0 CSP violations, no injected elements,
 *   (c) the behaviours users rely on (paths, decode, chunks, find, state, error + retry).
 * Prints `N passed, N failed`, exits non-zero on failure, saves
 * test-results/screenshots/payload-standalone.png (dark theme) and test-results/payload-standalone.json.
 *
 * Usage: node test/ui/payload-standalone.js   (CHROMIUM=/path overrides /usr/bin/chromium)
 */
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const Module = require('module');
const esbuild = require('esbuild');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const MEDIA = path.join(ROOT, 'media');
const RESULTS = path.join(ROOT, 'test-results');

/** Loads a TypeScript module (and what it imports) straight from source, bundled for Node. */
function loadTsModule(relative) {
  const file = path.join(ROOT, relative);
  const out = esbuild.buildSync({ entryPoints: [file], bundle: true, format: 'cjs', platform: 'node', target: 'node18', write: false, logLevel: 'silent' });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(out.outputFiles[0].text, file);
  return m.exports;
}

/** The panel's HTML builder, from source. */
function loadHtmlBuilder() {
  return loadTsModule('src/ui/webviewHtml.ts');
}

/** The page's script as the extension ships it: the webview app bundled by esbuild.js's options, minified. */
async function bundleWebview() {
  const { webviewOptions, WEBVIEW_ENTRY_POINTS } = require(path.join(ROOT, 'esbuild.js'));
  const result = await esbuild.build({ ...webviewOptions, entryPoints: [path.join(ROOT, WEBVIEW_ENTRY_POINTS.payload)], minify: true, write: false, logLevel: 'silent' });
  return result.outputFiles[0].contents;
}

const DARK_THEME = `
html {
  --vscode-font-family: system-ui, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", "Droid Sans Mono", monospace;
  --vscode-editor-font-size: 13px;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-editor-background: #1f1f1f;
  --vscode-focusBorder: #0078d4;
  --vscode-errorForeground: #f85149;
  --vscode-button-background: #0078d4;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131;
  --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-button-border: #ffffff12;
  --vscode-textLink-foreground: #4daafc;
  --vscode-textLink-activeForeground: #4daafc;
  --vscode-list-hoverBackground: #2a2d2e;
  --vscode-input-background: #313131;
  --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c;
  --vscode-widget-border: #313131;
  --vscode-debugTokenExpression-name: #c586c0;
  --vscode-debugTokenExpression-string: #ce9178;
  --vscode-debugTokenExpression-number: #b5cea8;
  --vscode-debugTokenExpression-boolean: #4e94ce;
  --vscode-debugTokenExpression-value: #cccccc99;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-badge-background: #616161;
  --vscode-badge-foreground: #f8f8f8;
  --vscode-testing-iconPassed: #73c991;
  --vscode-testing-iconFailed: #f14c4c;
  --vscode-charts-yellow: #cca700;
  --vscode-editor-findMatchBackground: #9e6a03;
  --vscode-editor-findMatchHighlightBackground: #ea5c0055;
  --vscode-textBlockQuote-background: #2b2b2b;
  background: var(--vscode-editor-background);
}
`;

async function startServer(buildHtml) {
  const script = await bundleWebview();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const origin = `http://127.0.0.1:${server.address().port}`;
    if (url.pathname === '/') {
      const html = buildHtml.buildPayloadHtml({
        cspSource: origin,
        nonce: buildHtml.makeNonce(),
        scriptUris: [`${origin}/dist/webview/payload.js`],
        styleUris: [`${origin}/media/payload.css`, `${origin}/theme.css`],
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/dist/webview/payload.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(script);
      return;
    }
    if (url.pathname === '/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(DARK_THEME);
      return;
    }
    const m = /^\/media\/([\w.-]+)$/.exec(url.pathname);
    if (m && fs.existsSync(path.join(MEDIA, m[1]))) {
      const type = m[1].endsWith('.js') ? 'text/javascript' : m[1].endsWith('.css') ? 'text/css' : 'image/svg+xml';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(fs.readFileSync(path.join(MEDIA, m[1])));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Installed before any page script: the VS Code API stub and the probes. */
function initScript(initialState) {
  window.__posted = [];
  window.__state = initialState === null ? undefined : initialState;
  window.__xss = 0;
  window.__csp = [];
  window.__errors = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
  });
  window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => {
      window.__state = JSON.parse(JSON.stringify(s));
    },
  });
}

// ---- data ----------------------------------------------------------------------------------

function header(over) {
  return {
    key: 'torq-prod/activity/01HZX3K9',
    id: '01HZX3K9Q2W8R7T6Y5U4I3O2P1',
    sourceLabel: 'Torq — Production',
    time: '2024-05-14T09:41:27.123456789Z',
    level: 'error',
    outcome: 'failure',
    title: 'Step “Create Jira ticket” failed in Phishing triage',
    type: 'STEP_EXECUTION_FAILED',
    workflowId: 'wf_7f3a9c',
    workflowName: 'Phishing triage',
    executionId: 'exec_01HZX3JZ8M',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    actor: 'alice@example.com',
    error: 'HTTP 400 Bad Request from https://jira.example.com/rest/api/2/issue\n{"errorMessages":[],"errors":{"project":"project is required"}}',
    webUrl: 'https://app.torq.io/workflows/wf_7f3a9c/executions/exec_01HZX3JZ8M',
    details: { Integration: 'Jira Cloud', Step: 'Create Jira ticket', Attempt: '3 of 3' },
    links: [{ label: 'Workflow', url: 'https://app.torq.io/workflows/wf_7f3a9c' }],
    ...over,
  };
}

function samplePayload() {
  return {
    event: {
      id: 'evt_93821',
      headers: { 'content-type': 'application/json', 'x-request-id': 'b1946ac9' },
      body: JSON.stringify({
        alert: { id: 4711, severity: 'high', reporter: 'bob@example.com', tags: ['phishing', 'email'] },
        items: [{ name: 'invoice.pdf.exe', sha256: 'e3b0c44298fc1c149afbf4c8996fb924', verdict: 'malicious' }],
      }),
    },
    step: { name: 'Create Jira ticket', attempt: 3, durationMs: 1234.5, retried: true, output: null },
    records: Array.from({ length: 450 }, (_, i) => ({ id: i, name: `record-${i}`, ok: i % 7 !== 0 })),
    'weird key': { 'with "quotes"': 1, '3': 'numeric key' },
    note: 'A long note. '.repeat(120),
  };
}

/** About 10 MB of JSON: a decoded JSON body, 29.5k records, a 2 MB string, a 20k-key object. */
function bigPayloadText() {
  const items = Array.from({ length: 6000 }, (_, i) => ({
    id: i,
    sku: `SKU-${String(i).padStart(6, '0')}`,
    title: `Item number ${i} with a reasonably descriptive title`,
    price: Math.round(i * 13.37) / 100,
    inStock: i % 3 !== 0,
    tags: ['alpha', 'beta', `t${i % 17}`],
  }));
  const records = Array.from({ length: 29500 }, (_, i) => ({
    id: `rec_${i}`,
    index: i,
    name: `record-${i}`,
    active: i % 2 === 0,
    score: i / 7,
    note: null,
    nested: { a: { b: { c: `deep-${i}` } }, list: [i, i + 1, i + 2] },
    message: `Processed order ${100000 + i} for customer ${i % 977} in region ${['eu', 'us', 'ap'][i % 3]}`,
  }));
  records[29000].message = 'needle-in-haystack order 4711';
  const wide = {};
  for (let i = 0; i < 20000; i++) wide[`key_${i}`] = `value ${i}`;
  const payload = {
    event: { body: JSON.stringify({ items }), headers: { 'content-type': 'application/json' } },
    records,
    bigString: 'The quick brown fox jumps over the lazy dog. '.repeat(46000),
    wide,
  };
  return JSON.stringify(payload);
}

const { X, XSS } = require('./xss-corpus');

function xssHeader() {
  const details = {};
  XSS.forEach((s, i) => {
    details[s] = XSS[(i + 1) % XSS.length];
  });
  return header({
    key: 'xss/activity/1',
    id: XSS[0],
    sourceLabel: XSS[2],
    title: XSS.join(' '),
    type: XSS[1],
    workflowName: XSS[5],
    workflowId: XSS[6],
    executionId: XSS[7],
    traceId: XSS[8],
    actor: XSS[9],
    error: XSS.join('\n'),
    details,
    webUrl: `javascript:${X}`,
    links: [
      { label: XSS[0], url: `javascript:${X}` },
      { label: XSS[2], url: 'https://example.com/?q="><img src=x onerror=alert(1)>' },
      { label: XSS[1], url: `data:text/html,<script>${X}</script>` },
    ],
  });
}

function xssPayload() {
  const obj = {};
  XSS.forEach((s, i) => {
    obj[s] = s;
    obj[`k${i}`] = { [s]: [s, { [s]: s }] };
  });
  obj.jsonString = JSON.stringify({ [XSS[0]]: XSS[2], list: XSS });
  obj.long = XSS.join(' ').repeat(200);
  obj.__proto__x = { constructor: XSS[1] };
  return obj;
}

// ---- test runner ---------------------------------------------------------------------------

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`  ok   ${name}`);
  } else {
    failed++;
    console.log(`  FAIL ${name}${detail !== undefined ? ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`);
  }
}

async function openPage(browser, base, state) {
  // A zone with an offset, so the header's local-time conversion is really exercised.
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 }, timezoneId: 'Europe/Berlin' });
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.addInitScript(initScript, state === undefined ? null : state);
  await page.goto(base + '/');
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  page.consoleErrors = consoleErrors;
  return page;
}

function send(page, message) {
  return page.evaluate((m) => window.dispatchEvent(new MessageEvent('message', { data: m })), message);
}

async function measureBig(browser, base, bigText) {
  const page = await openPage(browser, base);
  await page.evaluate((t) => {
    window.__bigText = t;
  }, bigText);
  const h = header({ key: 'big/activity/1', title: '10 MB payload', error: undefined });
  const result = await page.evaluate(
    (hdr) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const payload = JSON.parse(window.__bigText);
        const t1 = performance.now();
        window.dispatchEvent(
          new MessageEvent('message', { data: { type: 'payload', header: hdr, payload, jsonStringPaths: ['event.body'] } }),
        );
        const t2 = performance.now();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            const t3 = performance.now();
            // Interactive: the next task after the first frame runs without waiting.
            setTimeout(() => {
              const t4 = performance.now();
              resolve({
                parseMs: t1 - t0,
                renderMs: t2 - t1,
                firstPaintMs: t3 - t1,
                firstPaintInclParseMs: t3 - t0,
                interactiveMs: t4 - t0,
                rows: document.querySelectorAll('.row').length,
              });
            }, 0);
          };
          ch.port2.postMessage(0);
        });
      }),
    h,
  );
  // Interactions on the big payload.
  result.expandRecordsMs = await page.evaluate(() => {
    const row = [...document.querySelectorAll('.row')].find((r) => r.querySelector('.k')?.textContent === 'records');
    const t0 = performance.now();
    row.querySelector('.twisty').click();
    return performance.now() - t0;
  });
  // What the expansion rendered: one chunk of the 29,500 records and the row offering more.
  result.expanded = await page.evaluate(() => ({
    rows: document.querySelectorAll('.row').length,
    more: [...document.querySelectorAll('.row.more')].map((r) => r.textContent),
  }));
  result.searchMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const input = document.querySelector('.find-input');
        const count = document.querySelector('.find-count');
        input.value = 'needle-in-haystack';
        const t0 = performance.now();
        input.dispatchEvent(new Event('input'));
        const poll = () => {
          // No give-up time: how long it takes is the benchmark's business (npm run bench).
          if (/ of /.test(count.textContent)) resolve(performance.now() - t0 - 150 /* debounce */);
          else setTimeout(poll, 5);
        };
        poll();
      }),
  );
  result.searchCount = await page.textContent('.find-count');
  result.revealed = await page.evaluate(() => {
    const r = document.querySelector('.row.current-match');
    if (!r) return null;
    const box = r.getBoundingClientRect();
    return { text: r.textContent.slice(0, 80), inView: box.top >= 0 && box.bottom <= innerHeight };
  });
  result.fullStringMs = await page.evaluate(() => {
    const row = [...document.querySelectorAll('.row')].find((r) => r.querySelector('.k')?.textContent === 'bigString');
    const t0 = performance.now();
    row.querySelector('.more-string').click();
    document.body.offsetHeight; // force layout
    return performance.now() - t0;
  });
  result.csp = await page.evaluate(() => window.__csp);
  result.consoleErrors = page.consoleErrors;
  await page.close();
  return result;
}

function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function main() {
  const buildHtml = loadHtmlBuilder();
  const jsonModel = loadTsModule('src/core/jsonModel/index.ts');
  const server = await startServer(buildHtml);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  const report = { chromium: browser.version() };
  try {
    // ---- (a) 10 MB payload --------------------------------------------------------------
    // What is rendered, not how fast: timings are measured by `npm run bench` (bench/panel.ts).
    console.log('(a) 10 MB payload');
    const bigText = bigPayloadText();
    report.payloadBytes = Buffer.byteLength(bigText);
    const runs = [await measureBig(browser, base, bigText)];
    check('big payload renders only a few rows', runs[0].rows > 0 && runs[0].rows < 500, runs[0].rows);
    check(
      'expanding the 29.5k array renders one chunk of 200 and offers the rest',
      runs[0].expanded.rows >= runs[0].rows + 200 && runs[0].expanded.rows < runs[0].rows + 500 && runs[0].expanded.more.some((t) => /Showing 200 of 29\D?500\b/.test(t)),
      runs[0].expanded,
    );
    check('find over 10 MB counts the one match', /1 of 1/.test(runs[0].searchCount), runs[0].searchCount);
    check('find reveals the match deep in the array (in view)', runs[0].revealed && runs[0].revealed.inView && /needle/.test(runs[0].revealed.text), runs[0].revealed);
    check('big payload: no CSP violations, no console errors', runs.every((r) => r.csp.length === 0 && r.consoleErrors.length === 0), runs.map((r) => [r.csp, r.consoleErrors]));

    // ---- (b) XSS corpus -------------------------------------------------------------------
    console.log('(b) XSS corpus');
    {
      const page = await openPage(browser, base);
      await send(page, { type: 'payload', header: xssHeader(), payload: xssPayload(), jsonStringPaths: ['jsonString'] });
      // Make as much as possible render: expand everything, decode, full strings, find with marks.
      await page.click('.toolbar >> text=Expand all');
      for (const b of await page.$$('[data-action="decode"]')) await b.click().catch(() => {});
      for (const b of await page.$$('.more-string')) await b.click().catch(() => {});
      await page.fill('.find-input', '<img');
      await page.waitForFunction(() => / of /.test(document.querySelector('.find-count').textContent));
      await page.press('.find-input', 'Enter');
      await page.press('.find-input', 'Enter');
      for (const b of await page.$$('.actions-bar button')) await b.click().catch(() => {});
      await send(page, { type: 'error', header: xssHeader(), message: XSS.join(' '), reason: 'failed' });
      await send(page, { type: 'payload', header: xssHeader(), payload: XSS, jsonStringPaths: [] });
      await page.click('.toolbar >> text=Expand all');
      await page.waitForTimeout(300);
      const probe = await page.evaluate(() => ({
        xss: window.__xss,
        csp: window.__csp,
        errors: window.__errors,
        injected: document.querySelectorAll('img, svg, iframe, object, embed, math, a, details, style, link:not([rel=stylesheet])').length,
        scripts: document.scripts.length,
        onAttrs: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        text: document.body.textContent,
        posted: window.__posted,
        location: location.href,
      }));
      check('XSS: 0 script executions', probe.xss === 0, probe.xss);
      check('XSS: 0 CSP violations', probe.csp.length === 0, probe.csp);
      check('XSS: no injected elements or on* attributes', probe.injected === 0 && probe.onAttrs === 0 && probe.scripts === 1, probe);
      check('XSS: corpus shown literally as text', probe.text.includes(XSS[0]) && probe.text.includes(XSS[2]), undefined);
      const links = probe.posted.filter((m) => m.type === 'openLink');
      check('XSS: only http(s) links are offered (the https one among them)', links.length > 0 && links.every((m) => /^https?:/.test(m.url)), links);
      check('XSS: page did not navigate', probe.location === base + '/', probe.location);
      check('XSS: no page errors', probe.errors.length === 0 && page.consoleErrors.length === 0, [probe.errors, page.consoleErrors]);
      await page.close();
    }

    // ---- (b2) nesting thousands of levels deep ---------------------------------------------
    console.log('(b2) deep nesting');
    {
      const page = await openPage(browser, base);
      const levels = 3000;
      await page.evaluate(
        ([hdr, n]) => {
          let deep = 'bottom';
          for (let i = 0; i < n; i++) deep = { level: deep };
          window.__deepText = '{"level":'.repeat(n) + '"bottom"' + '}'.repeat(n);
          window.dispatchEvent(new MessageEvent('message', { data: { type: 'payload', header: hdr, payload: { deep, body: window.__deepText }, jsonStringPaths: ['body'] } }));
        },
        [header({ key: 'deep/activity/1', title: 'Deep payload', error: undefined }), levels],
      );
      await page.click('.toolbar >> text=Expand all');
      const rows = await page.evaluate(() => document.querySelectorAll('.row').length);
      // What the page decoded, as "copy" of the decoded string hands it to the host.
      await page.click('.row:has(> .k:text-is("body")) [data-action="copyValue"]', { force: true });
      const copied = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      let node = copied.type === 'copy' ? JSON.parse(copied.text) : undefined;
      let decodedLevels = 0;
      while (node !== null && typeof node === 'object') {
        node = node.level;
        decodedLevels++;
      }
      const probe = { rows, decodedLevels, bottom: node, placeholder: jsonModel.DEPTH_PLACEHOLDER, errors: await page.evaluate(() => window.__errors) };
      check('Expand all opens a bounded number of levels of a 3,000-deep chain', probe.rows > 10 && probe.rows < 200, probe.rows);
      check('a JSON string nested 3,000 deep decodes cut with a placeholder', probe.decodedLevels === 100 && probe.bottom === probe.placeholder, probe);
      check('deep nesting: no page errors', probe.errors.length === 0 && page.consoleErrors.length === 0, [probe.errors, page.consoleErrors]);
      await page.close();
    }

    // ---- (b3) integers beyond 2^53 ---------------------------------------------------------
    console.log('(b3) big numbers');
    {
      const page = await openPage(browser, base);
      // As postMessage delivers them: rounded numbers, and beside them the digits the server sent.
      await send(page, {
        type: 'payload',
        header: header({ key: 'big/activity/2', title: 'Big ids', error: undefined }),
        // eslint-disable-next-line no-loss-of-precision -- the rounding JSON.parse does is what this case is about
        payload: { id: 12345678901234567890, ids: [1, 98765432109876543210], body: '{"order":{"id":11111111111111111111}}' },
        jsonStringPaths: ['body'],
        exactNumbers: [['id', '12345678901234567890'], ['ids[1]', '98765432109876543210']],
      });
      await page.click('.toolbar >> text=Expand all');
      const text = await page.textContent('body');
      check('big numbers show the digits the server sent', text.includes('12345678901234567890') && text.includes('98765432109876543210') && !text.includes('12345678901234567000'), undefined);
      check('a big number inside a decoded JSON string too', text.includes('11111111111111111111') && !text.includes('11111111111111110000'), undefined);
      await page.hover('.row:has(> .k:text-is("id"))');
      await page.click('.row:has(> .k:text-is("id")) [data-action="copyValue"]', { force: true });
      let last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('copy value of a big id copies it exactly', last.type === 'copy' && last.text === '12345678901234567890', last);
      await page.click('.row:has(> .k:text-is("ids")) [data-action="copyValue"]', { force: true });
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('copy value of a list with a big id keeps its digits', last.type === 'copy' && /^\[\s*1,\s*98765432109876543210\s*\]$/.test(last.text), last);
      check('big numbers: no page errors', page.consoleErrors.length === 0, page.consoleErrors);
      await page.close();
    }

    // ---- (c) behaviour -------------------------------------------------------------------
    console.log('(c) behaviour');
    {
      const page = await openPage(browser, base);
      const posted0 = await page.evaluate(() => window.__posted.map((m) => m.type));
      check('posts ready first', posted0[0] === 'ready', posted0);
      await send(page, { type: 'loading', header: header() });
      check('loading state shows header and message', /Loading the payload/.test(await page.textContent('.status')) && (await page.textContent('h1')).includes('Create Jira ticket'));
      await send(page, { type: 'payload', header: header(), payload: samplePayload(), jsonStringPaths: ['event.body'] });
      check('error box shows at the top', (await page.textContent('.error-box pre')).includes('project is required'));
      check('outcome badge', (await page.textContent('.badge.outcome-failure')) === 'failure');
      const timeText = await page.textContent('.meta dd.mono');
      const timeTitle = await page.getAttribute('.meta dd.mono', 'title');
      check('time keeps the source precision, UTC in tooltip', timeText === '2024-05-14 11:41:27.123456789 UTC+02:00' && timeTitle === 'UTC 2024-05-14T09:41:27.123456789Z', [timeText, timeTitle]);
      check('jsonStringPaths start decoded (and open)', (await page.$$('.tag')).length === 1 && (await page.$$('.row:has(> .k:text-is("alert"))')).length === 1);
      // copy path on a nested node
      await page.click('.row:has(> .k:text-is("records")) .twisty');
      await page.hover('.row:has(> .k.idx:text-is("3"))');
      await page.click('.row:has(> .k.idx:text-is("3")) [data-action="copyPath"]');
      let last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('copy path: records[3]', last.type === 'copy' && last.text === 'records[3]', last);
      await page.click('.row:has(> .k:text-is("weird key")) .twisty');
      await page.hover('.row:has(> .k:text-is("with \\"quotes\\""))');
      await page.click('.row:has(> .k:text-is("with \\"quotes\\"")) [data-action="copyPath"]');
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('copy path: ["weird key"]["with \\"quotes\\""]', last.text === '["weird key"]["with \\"quotes\\""]', last);
      await page.click('.row:has(> .k:text-is("step")) [data-action="copyValue"]', { force: true });
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('copy value of a subtree is its JSON', last.type === 'copy' && JSON.parse(last.text).attempt === 3, last);
      // chunks
      check('450 items show in a chunk of 200', (await page.textContent('.row.more')).includes('Showing 200 of 450'));
      await page.click('.row.more [data-action="showMore"]');
      check('show 200 more', (await page.textContent('.row.more')).includes('Showing 400 of 450'));
      await page.click('.row.more [data-action="showAll"]');
      check('show all', (await page.$$('.row.more')).length === 0);
      // decode toggle off and on; the original string is kept
      await page.click('.row:has(> .k:text-is("body")) [data-action="decode"]', { force: true });
      const bodyText = await page.textContent('.row:has(> .k:text-is("body")) .v-string');
      check('"show text" shows the original string', bodyText === samplePayload().event.body, bodyText.slice(0, 60));
      await page.click('.row:has(> .k:text-is("body")) [data-action="decode"]', { force: true });
      check('decode shows the tree again', (await page.$$('.tag')).length === 1);
      // find: keys and values, n of m, next reveals
      await page.keyboard.press('Control+f');
      check('Ctrl+F focuses the find box', await page.evaluate(() => document.activeElement === document.querySelector('.find-input')));
      await page.keyboard.type('record-44');
      await page.waitForFunction(() => / of /.test(document.querySelector('.find-count').textContent));
      check('find counts matches in the data', (await page.textContent('.find-count')) === '1 of 11', await page.textContent('.find-count'));
      await page.keyboard.press('Enter');
      check('next match', (await page.textContent('.find-count')) === '2 of 11');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.press('Shift+Enter');
      check('previous wraps around', (await page.textContent('.find-count')) === '11 of 11');
      await page.fill('.find-input', 'severity');
      await page.waitForFunction(() => document.querySelector('.find-count').textContent === '1 of 1');
      const cur = await page.$$eval('.row.current-match', (rows) => rows.map((r) => r.textContent));
      check('find matches keys inside decoded JSON strings', cur.length === 1 && cur[0].includes('severity'), cur);
      await page.click('.toolbar >> text=Collapse all');
      await page.fill('.find-input', 'sha256');
      await page.waitForFunction(() => document.querySelector('.find-count').textContent === '1 of 1');
      check('find expands collapsed ancestors to reveal', (await page.textContent('.row.current-match')).includes('sha256'));
      // state: small, no payload
      await page.waitForTimeout(400);
      const state = await page.evaluate(() => window.__state);
      check('setState keeps key + header, not the payload', state && state.key === header().key && state.header.title === header().title && JSON.stringify(state).length < 20000 && !JSON.stringify(state).includes('invoice.pdf.exe'), state && JSON.stringify(state).length);
      // header buttons
      await page.click('text=Open in web UI');
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('Open in web UI posts openLink', last.type === 'openLink' && last.url === header().webUrl, last);
      await page.click('text=Copy JSON');
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('Copy JSON asks the host', last.type === 'copyJson', last);
      await page.click('text=Open as JSON document');
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('Open as JSON document asks the host', last.type === 'openJson', last);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(RESULTS, 'screenshots', 'payload-standalone.png'), fullPage: false });

      // error + retry
      await send(page, { type: 'error', header: header(), message: 'gone', reason: 'gone' });
      check('gone: "The payload is no longer loaded"', /The payload is no longer loaded/.test(await page.textContent('.status')));
      await page.click('.status >> text=Retry');
      last = await page.evaluate(() => window.__posted[window.__posted.length - 1]);
      check('Retry posts retry', last.type === 'retry', last);
      await send(page, { type: 'payload', header: header(), payload: samplePayload(), jsonStringPaths: ['event.body'] });
      check(
        'after Retry the tree comes back as the user left it',
        (await page.$$('.tag')).length === 1 && /sha256/.test((await page.textContent('.row.current-match')) || '') && (await page.inputValue('.find-input')) === 'sha256',
      );
      check('behaviour: no CSP violations or errors', (await page.evaluate(() => window.__csp.length)) === 0 && page.consoleErrors.length === 0, page.consoleErrors);
      await page.close();
    }
    {
      // Restored after a reload: the header comes from the saved state before the host answers.
      const page = await openPage(browser, base, { key: header().key, header: header(), view: { expanded: ['step'], decoded: [], query: 'attempt' } });
      check('restore: header from state before any message', (await page.textContent('h1')).includes('Create Jira ticket') && /Loading/.test(await page.textContent('.status')));
      await send(page, { type: 'payload', header: header(), payload: samplePayload(), jsonStringPaths: ['event.body'] });
      await page.waitForFunction(() => / of /.test(document.querySelector('.find-count').textContent));
      check('restore: view state (expanded, decoded off, query) comes back', (await page.$$('.tag')).length === 0 && (await page.inputValue('.find-input')) === 'attempt');
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  report.passed = passed;
  report.failed = failed;
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'payload-standalone.json'), JSON.stringify(report, null, 2));
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

// The page, its server and the 10 MB measurement are shared with the benchmarks (bench/panel.ts).
module.exports = { loadHtmlBuilder, startServer, launchBrowser, openPage, send, header, bigPayloadText, measureBig };

if (require.main === module) {
  fs.mkdirSync(path.join(RESULTS, 'screenshots'), { recursive: true });
  main().catch((err) => {
    console.error(err);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}
