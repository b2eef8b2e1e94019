'use strict';
// The paths a user clicks that no other UI test drives, in a real VS Code (code-server in
// Chromium) on the fake APIs: the failure count in the status bar and the new-failure
// notification, the Set Time Window picker and its custom range, Show Whole Trace (Slack),
// pinning and unpinning a search, picking a Slack app of the workspace's Slack CLI project in the
// Add form, Open in Web UI from the payload, and Go to Parent Execution from a nested run's
// context menu. The URL Open in Web UI hands over is checked in test/extension/paths.test.ts.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { fromContextMenu } = require('./contextMenu');
const { removeSource } = require('./sources');
const { control } = require('./fakeControl');

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;
const WAIT = 30000;


/** The Activity Logs failure count in the status bar. */
const failureStatus = (page) => page.locator('.statusbar-item[id$="activityLogs.failures"]');

/** The number the failure count shows ("12", or "1/12" after moving to a failure). */
async function shownFailures(page) {
  const text = (await failureStatus(page).textContent()).trim();
  const m = /^(?:\d+\/)?(\d+)$/.exec(text);
  assert.ok(m, `the failure count shows a number: "${text}"`);
  return Number(m[1]);
}

/** The Refresh button of the view's title bar (source and group rows have one of their own). */
const refreshButton = (page) => page.locator('.part.sidebar .title-actions a.action-label[aria-label="Refresh"]').first();

async function collapseAll(page) {
  await page.locator('.part.sidebar a[aria-label="Collapse All"]').first().click();
}

const quickInput = (page) => page.locator('.quick-input-widget input.input');
const quickTitle = (page, text) => page.locator('.quick-input-widget .quick-input-title', { hasText: text });
const quickRow = (page, text) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
const toast = (page, text) => page.locator('.notifications-toasts .notification-toast', { hasText: text });

/** The label (title) of a tree row, without its description. */
const rowLabel = async (row) => (await row.locator('.label-name').first().textContent()).trim();

/** The description of a source's row ("24h", "1h", "<from>/<to>"). */
async function sourceDescription(page, label) {
  const row = page.getByRole('treeitem', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `) }).first();
  return (await row.getAttribute('aria-label')).slice(label.length + 2);
}

async function waitForSourceDescription(page, label, description) {
  await page.getByRole('treeitem', { name: `${label}, ${description}`, exact: true }).first().waitFor({ timeout: WAIT });
}

/** The folder the workbench has open (the URL's `folder`). */
const workspaceFolder = (page) => new URL(page.url()).searchParams.get('folder');

let countBefore;

module.exports = {
  'the status bar counts the failures of every source; clicking it opens the newest': async ({ page, openView, webviewFrame }) => {
    // Nothing here may reach beyond this machine (Open in Web UI below points at app.torq.io).
    await page.context().route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await openView('Activity Logs');
    const status = failureStatus(page);
    await status.waitFor({ timeout: 45000 });
    assert.ok((await shownFailures(page)) > 0);
    assert.match(await status.getAttribute('aria-label'), /failure/i);
    await status.click();
    // The newest failure opens, and the count says which one of how many it is. (The count may
    // have grown while the sources' Failures groups were still loading: n is read afterwards.)
    await page.waitForFunction(() => /^\s*1\/\d+\s*$/.test(document.querySelector('.statusbar-item[id$="activityLogs.failures"]').textContent), null, { timeout: WAIT });
    const n = await shownFailures(page);
    assert.ok(n > 1, `${n} failures counted`);
    const tab = page.locator('.tabs-container .tab').first();
    await tab.waitFor({ timeout: WAIT });
    const tabTitle = (await tab.getAttribute('aria-label')) || (await tab.textContent());
    const frame = await webviewFrame(' — ');
    await frame.locator('h1.title').waitFor({ timeout: WAIT });
    assert.match(await frame.locator('h1.title').textContent(), /fail|error/i, `the newest failure opened (${tabTitle})`);
    await frame.locator('.error-box').waitFor({ timeout: WAIT });
    countBefore = n;
  },

  'Refresh with a new failure on the server: the count grows, and by default no notification': async ({ page, runCommand }) => {
    await collapseAll(page);
    await page.keyboard.press('Escape');
    await runCommand('View: Close All Editors');
    await control('POST', 'slack/activities', { appId: 'A0FAKEAPP1', count: 3, spreadMs: 500, outcome: 'error' });
    await refreshButton(page).click();
    await page.waitForFunction((n) => new RegExp(`^\\s*${n + 1}\\s*$`).test((document.querySelector('.statusbar-item[id$="activityLogs.failures"]') || {}).textContent || ''), countBefore, { timeout: WAIT });
    // The count is right, so the refresh has seen the new failure: no notification was asked for.
    assert.equal(await toast(page, 'New failure').count(), 0, 'activityLogs.notifyOnNewFailures is off by default');
    countBefore += 1;
    // Clicking the count still opens a failure (not "No failures in the current time windows").
    await failureStatus(page).click();
    await page.locator('.tabs-container .tab').first().waitFor({ timeout: WAIT });
    assert.equal(await toast(page, 'No failures').count(), 0);
  },

  'with notifyOnNewFailures on, a new failure shows a notification whose Open shows it': async ({ page, runCommand, webviewFrame }) => {
    await runCommand('View: Close All Editors');
    await runCommand('Preferences: Open User Settings');
    const search = page.locator('.settings-editor .settings-header .suggest-input-container');
    await search.waitFor({ timeout: WAIT });
    await search.click();
    await page.keyboard.type('activityLogs.notifyOnNewFailures');
    // The list is drawn again once the search settles; a click before that lands on a row replaced.
    await page.locator('.settings-editor .settings-count-widget', { hasText: /^1 Setting Found$/ }).waitFor({ timeout: WAIT });
    const setting = page.locator('.settings-editor .setting-item-bool', { hasText: 'Show a notification when a refresh or a live tail brings new failures' });
    await setting.waitFor({ timeout: WAIT });
    const checkbox = setting.locator('.setting-value-checkbox');
    assert.equal(await checkbox.getAttribute('aria-checked'), 'false');
    await checkbox.click();
    await page.waitForFunction((el) => el.getAttribute('aria-checked') === 'true', await checkbox.elementHandle(), { timeout: WAIT });
    await runCommand('View: Close All Editors');

    await control('POST', 'slack/activities', { appId: 'A0FAKEAPP1', count: 3, spreadMs: 500, outcome: 'error' });
    await refreshButton(page).click();
    const notification = toast(page, 'New failure');
    await notification.waitFor({ timeout: WAIT });
    const message = (await notification.locator('.notification-list-item-message').textContent()).trim();
    const title = /^New failure: (.+)$/.exec(message);
    assert.ok(title, `one new failure, named: "${message}"`);
    // The status bar counts after the refresh has reloaded the failure groups, which may end after the toast.
    const counted = Date.now() + WAIT;
    while ((await shownFailures(page)) !== countBefore + 1 && Date.now() < counted) await page.waitForTimeout(200);
    assert.equal(await shownFailures(page), countBefore + 1, 'and counted');
    await notification.getByRole('button', { name: 'Open' }).click();
    const frame = await webviewFrame('Kudos');
    await frame.waitForFunction((t) => document.querySelector('h1.title') && document.querySelector('h1.title').textContent === t, title[1], { timeout: WAIT });
    await frame.locator('.error-box').waitFor({ timeout: WAIT });
  },

  'Set Time Window: a preset, then a custom range (checked as typed), then the default': async ({ page, runCommand, treeItem, expand }) => {
    await runCommand('View: Close All Editors');
    await collapseAll(page);
    const source = treeItem(/^Acme Torq, /);
    await source.waitFor({ timeout: WAIT });
    assert.equal(await sourceDescription(page, 'Acme Torq'), '24h');

    await fromContextMenu(page, source, 'Set Time Window…');
    await quickTitle(page, 'Time window of Acme Torq').waitFor({ timeout: WAIT });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const labels = await rows.locator('.label-name').allTextContents();
    assert.deepEqual(labels.map((l) => l.trim()), ['Last 15 minutes', 'Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Custom range…', 'Use the default']);
    assert.match(await quickRow(page, 'Last 24 hours').textContent(), /current/, 'the window in use is marked');
    await quickRow(page, 'Last hour').click();
    await waitForSourceDescription(page, 'Acme Torq', '1h');

    // A custom range through the inline action; the boxes refuse what is not a time.
    const to = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    const from = new Date(to.getTime() - 2 * 3600_000);
    await source.hover();
    await source.locator('.actions a[aria-label="Set Time Window…"]').click();
    await quickRow(page, 'Custom range…').click();
    await quickTitle(page, 'From').waitFor({ timeout: WAIT });
    const input = quickInput(page);
    await input.fill('yesterday');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'Use a time such as' }).waitFor({ timeout: WAIT });
    await input.press('Enter');
    assert.ok(await quickTitle(page, 'From').isVisible(), 'a wrong time is not accepted');
    await input.fill(from.toISOString());
    await input.press('Enter');
    await quickTitle(page, 'To').waitFor({ timeout: WAIT });
    await input.fill(to.toISOString());
    await input.press('Enter');
    await page.waitForFunction(() => /^Acme Torq, \S+\/\S+$/.test([...document.querySelectorAll('[role="treeitem"]')].map((r) => r.getAttribute('aria-label')).find((l) => /^Acme Torq, /.test(l)) || ''), null, { timeout: WAIT });
    const [shownFrom, shownTo] = (await sourceDescription(page, 'Acme Torq')).split('/');
    assert.equal(Date.parse(shownFrom), from.getTime());
    assert.equal(Date.parse(shownTo), to.getTime());
    // The activities listed are those of the range: the server was asked for exactly it.
    await control('DELETE', 'requests');
    await expand(/^Acme Torq, /);
    await expand(/^All events/);
    await page.locator('[role="treeitem"][aria-label^="Workflow "], [role="treeitem"][aria-label^="Nothing in"]').first().waitFor({ timeout: WAIT });
    const { requests } = await control('GET', 'requests');
    const listed = requests.filter((r) => r.api === 'torq' && r.path.endsWith('/activity_logs'));
    assert.ok(listed.length > 0, 'the group was listed');
    for (const r of listed) {
      assert.equal(Date.parse(r.query.start_time[0]), from.getTime());
      assert.equal(Date.parse(r.query.end_time[0]), to.getTime());
    }

    // A range that ends before it starts is refused with a message; the window stays.
    await fromContextMenu(page, source, 'Set Time Window…');
    assert.match(await quickRow(page, 'Custom range…').textContent(), /current/);
    await quickRow(page, 'Custom range…').click();
    await quickTitle(page, 'From').waitFor({ timeout: WAIT });
    await input.fill(to.toISOString());
    await input.press('Enter');
    await quickTitle(page, 'To').waitFor({ timeout: WAIT });
    await input.fill(from.toISOString());
    await input.press('Enter');
    await toast(page, 'The start of the range must be before its end.').waitFor({ timeout: WAIT });
    assert.equal(Date.parse((await sourceDescription(page, 'Acme Torq')).split('/')[0]), from.getTime());

    await fromContextMenu(page, source, 'Set Time Window…');
    await quickRow(page, 'Use the default').click();
    await waitForSourceDescription(page, 'Acme Torq', '24h');
  },

  'Show Whole Trace lists every event of a Slack failure\'s run': async ({ page, runCommand, expand }) => {
    await runCommand('View: Close All Editors');
    await collapseAll(page);
    await expand('Kudos (Slack app)');
    await expand('Errors');
    const failure = page.getByRole('treeitem', { name: /^Workflow '.+' failed/ }).first();
    await failure.waitFor({ timeout: WAIT });
    const title = await rowLabel(failure);
    await fromContextMenu(page, failure, 'Show Whole Trace');
    await quickTitle(page, 'Search activities').waitFor({ timeout: WAIT });
    assert.match(await quickInput(page).inputValue(), /^source:kudos-app trace:Tr0\w+ since:30d$/);
    await quickRow(page, title).waitFor({ timeout: WAIT });
    await page.locator('.quick-input-widget .quick-input-progress.done, .quick-input-widget .monaco-progress-container.done').first().waitFor({ state: 'attached', timeout: WAIT }).catch(() => {});
    const workflow = /^Workflow '(.+)' failed/.exec(title)[1];
    // The run from its start to its failure, and nothing of other runs' starts.
    await quickRow(page, `Workflow '${workflow}' started`).waitFor({ timeout: WAIT });
    const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    assert.ok(rows.length > 3, `${rows.length} events`);
    assert.equal(rows.filter((r) => /Workflow '.+' started/.test(r)).length, 1, rows.join(' | '));
    assert.equal(rows.filter((r) => r.trim() === title).length, 1, rows.join(' | '));
    await page.keyboard.press('Escape');
  },

  'a pinned search is a group under its source until Unpin Search': async ({ page, runCommand, expand, treeItem }) => {
    await collapseAll(page);
    await runCommand('Activity Logs: Search…');
    const query = 'source:kudos-app level:error';
    await quickInput(page).fill(query);
    await page.locator('.quick-input-widget a.action-label[aria-label^="Pin this search"]').click();
    await page.keyboard.press('Escape');
    await expand('Kudos (Slack app)');
    const pinned = treeItem(new RegExp(`^${query}`));
    await pinned.waitFor({ timeout: WAIT });
    // Only under the source it names.
    assert.equal(await page.getByRole('treeitem', { name: new RegExp(`^${query}`) }).count(), 1);
    await expand(new RegExp(`^${query}`));
    await page.locator('[role="treeitem"][aria-level="3"][aria-label^="Workflow "], [role="treeitem"][aria-level="3"][aria-label^="Function "]').first().waitFor({ timeout: WAIT });
    await fromContextMenu(page, pinned, 'Unpin Search');
    await page.waitForFunction((q) => ![...document.querySelectorAll('[role="treeitem"]')].some((r) => (r.getAttribute('aria-label') || '').startsWith(q)), query, { timeout: WAIT });
    await treeItem(/^Errors/).waitFor({ timeout: WAIT }); // the rest of the source stays
  },

  'Add Slack app offers the app ids of the workspace\'s Slack CLI project': async ({ page, runCommand, treeItem, expand }) => {
    await collapseAll(page);
    const folder = workspaceFolder(page);
    assert.ok(folder && fs.existsSync(folder), `the workspace folder: ${folder}`);
    fs.mkdirSync(path.join(folder, '.slack'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.slack', 'apps.json'), JSON.stringify({ apps: { T0FAKETEAM: { app_id: 'A0FAKEAPP2', team_id: 'T0FAKETEAM', team_domain: 'fake-team' } }, default: 'fake-team' }));
    fs.writeFileSync(path.join(folder, '.slack', 'apps.dev.json'), JSON.stringify({ T0FAKETEAM: { app_id: 'A0FAKEAPP1', team_id: 'T0FAKETEAM', team_domain: 'fake-team', user_id: 'U0FAKEDEV1' } }));
    const info = await control('GET', 'info');

    await runCommand('Activity Logs: Add Source…');
    await quickRow(page, 'Slack app').click();
    await quickTitle(page, 'Slack app').waitFor({ timeout: WAIT });
    const offered = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.textContent.replace(/\s+/g, ' ').trim()));
    assert.equal(offered.length, 3, offered.join(' | '));
    assert.match(offered[0], /^A0FAKEAPP2.*fake-team · deployed.*\.slack\/apps\.json/);
    assert.match(offered[1], /^A0FAKEAPP1.*fake-team · local \(slack run\).*\.slack\/apps\.dev\.json/);
    assert.match(offered[2], /Enter an app ID…/);
    await quickRow(page, 'A0FAKEAPP2').click();
    await quickTitle(page, 'Slack Web API').waitFor({ timeout: WAIT });
    await quickRow(page, 'Custom Web API URL…').click();
    await quickTitle(page, 'Slack Web API base URL').waitFor({ timeout: WAIT });
    await quickInput(page).fill(`${FAKE}/api/`);
    await quickInput(page).press('Enter');
    await quickTitle(page, 'Name of the Slack app').waitFor({ timeout: WAIT });
    assert.equal(await quickInput(page).inputValue(), 'Slack fake-team A0FAKEAPP2', 'the name is suggested from the picked app');
    await quickInput(page).press('Enter');
    await quickTitle(page, 'Slack service token').waitFor({ timeout: WAIT });
    await control('DELETE', 'requests');
    await quickInput(page).fill(info.credentials.slack.token);
    await quickInput(page).press('Enter');
    await treeItem(/^Slack fake-team A0FAKEAPP2/).waitFor({ timeout: WAIT });
    await expand(/^Slack fake-team A0FAKEAPP2/);
    await expand('All activity');
    await page.locator('[role="treeitem"][aria-level="3"]').first().waitFor({ timeout: WAIT });
    const { requests } = await control('GET', 'requests');
    const listed = requests.filter((r) => r.api === 'slack' && r.path.endsWith('apps.activities.list'));
    assert.ok(listed.length > 0, 'the new source listed its activities');
    assert.ok(listed.some((r) => r.query.app_id && r.query.app_id[0] === 'A0FAKEAPP2'), 'of the app picked');
    // The files after this one (the timeline, the counts above Slack definitions) see every source
    // and the workspace's Slack project: both go back to the demo's.
    await removeSource(page, runCommand, 'Slack fake-team A0FAKEAPP2');
    fs.rmSync(path.join(folder, '.slack'), { recursive: true, force: true });
  },

  'Open in Web UI (the payload\'s button) asks to open the run\'s page in Torq': async ({ page, runCommand, expand, webviewFrame }) => {
    await runCommand('View: Close All Editors');
    await collapseAll(page);
    await expand('Acme Torq');
    await expand('Workflow runs');
    const run = page.getByRole('treeitem', { name: /^Workflow '.+' (failed|succeeded|is running)/ }).first();
    await run.waitFor({ timeout: WAIT });
    const title = await rowLabel(run);
    await run.click();
    const frame = await webviewFrame(title.slice(0, 20));
    const button = frame.locator('.actions-bar button.primary', { hasText: 'Open in web UI' });
    await button.waitFor({ timeout: WAIT });
    const url = await button.getAttribute('title');
    assert.match(url, /^https:\/\/app\.torq\.io\/workflows\/[\w-]+\/executions\/[\w-]+$/);
    await button.click();
    // The editor asks before it opens a page outside: the question names the page.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: WAIT });
    assert.ok((await dialog.textContent()).includes(url), await dialog.textContent());
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: WAIT });
  },

  'Go to Parent Execution, from a nested run\'s context menu, opens the run that started it': async ({ page, expand, webviewFrame }) => {
    await collapseAll(page);
    await expand('Acme Torq');
    await expand('Workflows');
    await expand('Enrich IOC');
    const runs = page.locator('.part.sidebar [role="treeitem"][aria-level="4"]');
    await runs.first().waitFor({ timeout: WAIT });
    const count = await runs.count();
    assert.ok(count > 0, 'Enrich IOC lists its runs');
    // Only a run started by another one offers the entry: try the rows until one does.
    let chosen = false;
    for (let i = 0; i < count && !chosen; i++) {
      const row = runs.nth(i);
      await row.scrollIntoViewIfNeeded();
      await row.click({ button: 'right' });
      const entry = page.getByRole('menuitem', { name: 'Go to Parent Execution', exact: true });
      if (await entry.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
        await page.keyboard.press('Escape');
        await fromContextMenu(page, row, 'Go to Parent Execution');
        chosen = true;
      } else await page.keyboard.press('Escape');
    }
    assert.ok(chosen, `one of the ${count} Enrich IOC runs offers Go to Parent Execution`);
    const frame = await webviewFrame("Workflow 'Phishing triage'");
    await frame.locator('h1.title', { hasText: "Workflow 'Phishing triage'" }).waitFor({ timeout: WAIT });
    assert.match(await page.locator('.tabs-container .tab.active').textContent(), /^Workflow 'Phishing triage'/);
    assert.equal(await toast(page, 'command not found').count(), 0);
  },
};
