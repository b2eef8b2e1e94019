'use strict';
// Security in the real VS Code (code-server in Chromium):
//  - an SD Elements instance whose activities carry an OWASP-style XSS corpus in their markdown
//    `text` (through the real mapping: title, links) and in JSON keys and values is added through
//    the UI (the token typed into the password box), its payload opened in the real panel: inside
//    the webview no script ran, no CSP violation fired, nothing was injected, the corpus shows as
//    text and only links to the instance itself are offered;
//  - the token typed in never reaches the settings file; removing the source (modal confirmed)
//    takes it out of the tree and the settings;
//  - a workspace folder whose .vscode/settings.json declares sources with the ids of the user's
//    (credentials in the environment and in secret storage) pointing at its own server: that
//    server receives no credential, and the tree says which host the credentials were not sent to;
//  - last: captures for the leak scan (test-results/leak-scan/ui/): the output channel and the
//    settings of this code-server, the webview's HTML, and the Torq bearer tokens the fake issued.
// `npm test` runs this file after the other UI files, so that the captures hold what they did.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'leak-scan', 'ui');
const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;
const { startFakeApi, FAKE_CREDENTIALS: C } = require(path.join(ROOT, 'out', 'test', 'fake-api', 'server.js'));
const { removeSource } = require('./sources');
const { plainText } = require(path.join(ROOT, 'out', 'src', 'sources', 'sde', 'text.js'));
const { waitForWorkbench } = require(path.join(ROOT, 'scripts', 'testbed', 'ui-helpers.js'));

const LABEL = 'XSS SD Elements';
const { X, XSS } = require('./xss-corpus');

/** SD Elements markdown: `*Name*` and `[label](target "title")` with hostile names, labels and targets. */
function sdeTexts() {
  return [
    `XSSCASE-1 *<img src=x onerror="${X}">* changed [x](javascript:${X}) and [the task](/activity-redirect/12/34/ "the task") and [evil](https://evil.example.com/steal) and [proto](//evil.example.com/x) and [data](data:text/html,<script>${X}</script>)`,
    `XSSCASE-2 *<script>${X}</script>* updated [<svg onload="${X}">](/activity-redirect/1/2/) [<img src=x onerror=${X}>](javascript:${X} "t")`,
    `XSSCASE-3 [click](  javascript:${X}  ) *"><iframe src="javascript:${X}">* [ok](/bunits/1/ 'x') [user](https://user:pw@INSTANCE/x)`,
  ];
}

let second; // the second fake server: the XSS instance
const consoleCsp = [];
let selfTest = [];

/** The temp folder of the code-server serving `page` (matched by the port in its config.yaml). */
function codeServerDir(page) {
  const port = new URL(page.url()).port;
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('activity-logs-cs-'))) {
    const dir = path.join(os.tmpdir(), name);
    try {
      if (fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8').includes(`:${port}\n`)) return dir;
    } catch {
      // another run's folder being removed
    }
  }
  throw new Error(`no code-server folder for port ${port}`);
}

function filesNamed(dir, name, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) filesNamed(full, name, out);
    else if (e.name === name) out.push(full);
  }
  return out;
}

const settingsOf = (page) => fs.readFileSync(path.join(codeServerDir(page), 'user-data', 'User', 'settings.json'), 'utf8');

/**
 * CSP violation probe, installed in every frame before its scripts and again once the webview's
 * document is there: VS Code writes the panel's HTML with document.open(), which drops listeners
 * (window expandos such as an XSS counter survive). The console is watched as well.
 */
function probes() {
  if (document.__securityProbe) return;
  document.__securityProbe = true;
  window.__csp = window.__csp || [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
  });
}

module.exports = {
  'adds an SD Elements instance from the UI: the token goes to secret storage, not settings': async ({ page, runCommand, openView, treeItem }) => {
    second = await startFakeApi({ sdeActivities: 30 });
    const activities = second.data.sde.activities;
    const template = activities[0];
    const nowUs = second.nowMs() * 1000;
    const data = {};
    XSS.forEach((s, i) => {
      data[s] = s;
      data[`k${i}`] = { [s]: [s, { [s]: s }] };
    });
    data.business_unit_desc = XSS[0];
    data.project_desc = XSS[2];
    data.jsonString = JSON.stringify({ [XSS[0]]: XSS[1] });
    const corpus = sdeTexts().map((text, i) => ({
      ...template,
      id: 990001 + i,
      name: i === 1 ? 'XssFailedActivity' : 'UpdatedTaskActivity',
      actor: 1,
      text: text.replace('INSTANCE', new URL(second.url).host),
      dateUs: nowUs - (i + 1) * 60_000_000,
      data: { ...data, case: i + 1 },
      icon: XSS[0],
      log_level: XSS[1],
    }));
    activities.splice(0, activities.length, ...corpus);

    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && consoleCsp.push({ text: m.text(), url: m.location().url }));
    await page.addInitScript(probes);
    await openView('Activity Logs');
    await runCommand('Activity Logs: Add Source…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'SD Elements instance' }).first().click();
    const input = page.locator('.quick-input-widget input.input');
    const answer = async (title, value) => {
      await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 15000 });
      await input.fill(value);
      await input.press('Enter');
    };
    await answer('SD Elements instance URL', second.url);
    await answer('Name of the SD Elements instance', LABEL);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'SD Elements API token' }).waitFor({ timeout: 15000 });
    assert.equal(await input.getAttribute('type'), 'password', 'the token is typed into a password box');
    await input.fill(C.sde.token);
    await input.press('Enter');
    await treeItem(LABEL).waitFor({ timeout: 30000 });
    // "Test connection" ran with the typed token, against the XSS instance only.
    await page.locator('.notifications-toasts', { hasText: /Connected|SD Elements/ }).first().waitFor({ timeout: 30000 }).catch(() => {});
    const settings = settingsOf(page);
    assert.match(settings, /XSS SD Elements/);
    assert.ok(!settings.includes(C.sde.token), 'the typed token is not in settings.json');
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'settings-with-xss-source.json'), settings);
    const sent = [...new Set(second.requests.map((r) => r.headers.authorization))];
    assert.deepEqual(sent, [`Token ${C.sde.token}`], 'the instance received its own token, nothing else');
  },

  'XSS corpus in SD Elements markdown and JSON keys/values: no script runs, no CSP violation, shown as text': async ({ page, expand, treeItem, webviewFrame, screenshot }) => {
    // The other sources collapsed: the only "All activities" row left is the XSS instance's.
    await page.locator('.part.sidebar a[aria-label="Collapse All"]').first().click();
    await expand(LABEL);
    await expand('All activities');
    const titles = sdeTexts().map((t) => plainText(t.replace('INSTANCE', new URL(second.url).host)));
    const first = treeItem(/XSSCASE-1/);
    await first.waitFor({ timeout: 30000 });
    assert.equal((await first.getAttribute('aria-label')).startsWith(titles[0].slice(0, 20)), true, 'the tree shows the markdown as plain text');
    for (const [i, name] of ['XSSCASE-1', 'XSSCASE-2', 'XSSCASE-3'].entries()) {
      await treeItem(new RegExp(name)).click();
      const frame = await webviewFrame(name);
      await frame.evaluate(probes);
      await frame.locator('h1.title').waitFor({ timeout: 30000 });
      await frame.waitForFunction((t) => document.querySelector('h1.title') && document.querySelector('h1.title').textContent === t && document.querySelector('.tree .row'), titles[i], { timeout: 30000 });
      // Render as much as possible: expand everything, decode JSON strings, show full strings.
      await frame.click('.toolbar >> text=Expand all', { timeout: 5000 }).catch(() => {});
      if (i === 0) {
        for (const b of (await frame.$$('[data-action="decode"]')).slice(0, 5)) await b.click({ timeout: 1000 }).catch(() => {});
        for (const b of (await frame.$$('.more-string')).slice(0, 5)) await b.click({ timeout: 1000 }).catch(() => {});
      }
      await page.waitForTimeout(300);
      const probe = await frame.evaluate(() => ({
        installed: document.__securityProbe === true,
        xss: window.__xss || 0,
        csp: window.__csp || [],
        injected: document.querySelectorAll(
          // VS Code's webview host adds its default styles; the one meta http-equiv is our CSP.
          'img, svg, iframe, object, embed, math, a, details, style:not(#_defaultStyles), meta[http-equiv]:not([http-equiv="Content-Security-Policy"]), link:not([rel=stylesheet])',
        ).length,
        // VS Code's webview host adds its API script; the rest must be the panel's own, by nonce.
        scripts: [...document.scripts].filter((x) => x.id !== '_vscodeApiScript').map((x) => `${x.nonce ? 'nonce ' : ''}${x.src.split('/').pop()}`),
        onAttrs: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        title: document.querySelector('h1.title').textContent,
        text: document.body.textContent,
        links: [...document.querySelectorAll('.actions-bar button.link-btn, .actions-bar button.primary')].map((b) => ({ label: b.textContent, url: b.title })),
        html: document.documentElement.outerHTML,
      }));
      const outer = await page.evaluate(() => window.__xss || 0);
      fs.mkdirSync(path.join(OUT, 'webview'), { recursive: true });
      fs.writeFileSync(path.join(OUT, 'webview', `sde-xss-${i + 1}.html`), probe.html);
      await screenshot(`security-xss-${i + 1}`);

      assert.ok(probe.installed, 'the probes ran in the webview before its scripts');
      assert.equal(probe.xss, 0, 'no script of the corpus ran in the webview');
      assert.equal(outer, 0, 'nor in the workbench');
      assert.deepEqual(probe.csp, [], 'no CSP violation in the webview');
      assert.equal(probe.injected, 0, 'no element injected');
      assert.equal(probe.onAttrs, 0, 'no on* attribute');
      assert.deepEqual(probe.scripts, ['nonce payload.js'], 'only the panel\'s own script');
      assert.equal(probe.title, titles[i], 'the title is the markdown as plain text');
      assert.ok(probe.text.includes(XSS[0]) && probe.text.includes(XSS[2]), 'the JSON corpus is shown as text');
      const origin = new URL(second.url).origin;
      for (const l of probe.links) assert.ok(l.url.startsWith(`${origin}/`), `only links to the instance itself: ${l.url}`);
      if (i === 2) {
        // The probe would see a violation: an image from a host the CSP does not allow.
        await frame.evaluate(() => {
          const img = document.createElement('img');
          img.id = 'csp-self-test';
          img.src = 'https://csp-self-test.invalid/x.png';
          document.body.appendChild(img);
        });
        await frame.waitForFunction(() => window.__csp.length > 0, null, { timeout: 5000 });
        await frame.evaluate(() => document.getElementById('csp-self-test').remove());
        await page.waitForTimeout(500);
        assert.ok(consoleCsp.some((m) => /csp-self-test/.test(m.text)), `the console shows it too: ${JSON.stringify(consoleCsp)}`);
        selfTest = consoleCsp.filter((m) => /csp-self-test/.test(m.text));
      }
      if (i === 0) assert.ok(probe.links.some((l) => l.url === `${origin}/activity-redirect/12/34/` && l.label === 'the task'), JSON.stringify(probe.links));
    }
    // Every CSP report of the session in the console (workbench, webview host, panel): only the self-test's.
    assert.deepEqual(consoleCsp.filter((m) => !selfTest.includes(m)), [], 'no CSP violation reported in the console');
  },

  "a workspace's settings point sources of the user's ids at another server: it receives no credential": async ({ page, openView, expand, treeItem, screenshot }) => {
    const thief = await startFakeApi();
    const thiefHost = new URL(thief.url).host;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'activity-logs-ws-hostile-'));
    fs.mkdirSync(path.join(folder, '.vscode'));
    // The same ids as the user's sources: acme-* have credentials in the environment, the XSS
    // instance added above has its token in secret storage.
    const declared = [
      { id: 'acme-torq', kind: 'torq', label: 'Workspace Torq', apiUrl: thief.url, authUrl: thief.url },
      { id: 'kudos-app', kind: 'slack', label: 'Workspace Slack', appId: 'A0FAKEAPP1', apiUrl: `${thief.url}/api/` },
      { id: 'acme-sde', kind: 'sde', label: 'Workspace SD Elements', url: thief.url },
      { id: 'xss-sd-elements', kind: 'sde', label: 'Workspace XSS', url: thief.url },
    ];
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'activityLogs.sources': declared }, null, 2));
    const home = page.url();
    try {
      const there = new URL(home);
      there.searchParams.set('folder', folder);
      await page.goto(there.toString());
      await waitForWorkbench(page);
      // The view is visible: the failure count reads every source, with no click.
      await openView('Activity Logs');
      await treeItem('Workspace XSS').waitFor({ timeout: 45000 });
      const notSent = new RegExp(`now sends its credentials to ${thiefHost.replace(/[.]/g, '\\.')}, but they were entered for`);
      for (const [label, group] of [['Workspace XSS', 'All activities'], ['Workspace Torq', 'All events'], ['Workspace Slack', 'All activity']]) {
        await page.locator('.part.sidebar a[aria-label="Collapse All"]').first().click();
        await expand(label);
        await expand(group);
        const error = treeItem(notSent);
        await error.waitFor({ timeout: 30000 });
        assert.match(await error.getAttribute('aria-label'), /they were not sent/, `${label}: the tree says so, naming the host`);
      }
      // Its click asks for credentials again, saying where they will go.
      await treeItem(notSent).click();
      const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Slack service token' });
      await title.waitFor({ timeout: 15000 });
      assert.match(await title.textContent(), new RegExp(`sent only to ${thiefHost.replace(/[.]/g, '\\.')}\\)`));
      await page.keyboard.press('Escape');
      await page.waitForTimeout(2000); // the failure count's requests, if any were made, have arrived
      await screenshot('security-workspace-sources');
      const sent = thief.requests.map((r) => r.headers.authorization).filter(Boolean);
      assert.deepEqual(sent, [], 'the workspace server received no credential');
      const tokens = [C.torq.clientSecret, C.slack.token, C.sde.token];
      assert.ok(!thief.requests.some((r) => tokens.some((t) => JSON.stringify(r).includes(t))), 'nor a secret anywhere in a request');
    } finally {
      await page.goto(home);
      await waitForWorkbench(page);
      await thief.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  },

  'removing the source (confirmed in the modal) takes it out of the tree and the settings': async ({ page, runCommand }) => {
    assert.match(await removeSource(page, runCommand, LABEL), /stored credentials are deleted too/);
    const deadline = Date.now() + 10000;
    while (/XSS SD Elements/.test(settingsOf(page)) && Date.now() < deadline) await page.waitForTimeout(200);
    assert.ok(!/XSS SD Elements/.test(settingsOf(page)), 'the entry left settings.json');
    await second.close();
  },

  'captures the output channel, settings and issued tokens for the leak scan': async ({ page, runCommand }) => {
    await runCommand('Activity Logs: Show Log').catch(() => {});
    await page.waitForTimeout(1500); // the log file is flushed shortly after the lines are written
    const dir = codeServerDir(page);
    const logs = filesNamed(path.join(dir, 'user-data', 'logs'), 'Activity Logs.log');
    assert.ok(logs.length > 0, 'the output channel has a log file');
    fs.mkdirSync(path.join(OUT, 'output-channel'), { recursive: true });
    logs.forEach((f, i) => fs.copyFileSync(f, path.join(OUT, 'output-channel', `${i}.log`)));
    fs.copyFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), path.join(OUT, 'settings.json'));
    if (FAKE) {
      const res = await fetch(`${FAKE}/__control/requests`);
      const { requests } = await res.json();
      const issued = [...new Set(requests.filter((r) => r.api === 'torq').map((r) => /^Bearer (.+)$/.exec(r.headers.authorization || '')).filter(Boolean).map((m) => m[1]))];
      const known = path.join(OUT, '..', 'known-secrets');
      fs.mkdirSync(known, { recursive: true });
      fs.writeFileSync(path.join(known, 'ui-issued-torq-tokens.json'), JSON.stringify(issued.map((value) => ({ name: 'torq.issuedBearerToken(ui)', value }))));
    }
  },
};
