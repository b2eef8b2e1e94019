'use strict';
// Links that open an activity, in a real VS Code (code-server in Chromium) on the fake APIs: Copy
// Link and Copy as Markdown put the link on the clipboard; the link, opened as the editor opens a
// URI (Developer: Open URL hands it to the extension's UriHandler), opens the activity's payload,
// read again from the source when the tree has not loaded it; a link to a source not configured
// here asks before anything is sent; a hostile link is refused.
const assert = require('assert');
const { fromContextMenu } = require('./contextMenu');
const { control } = require('./fakeControl');

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;
const WAIT = 30000;
const EXTENSION = 'activity-logs.activity-logs';

const requests = async () => (await control('GET', 'requests')).requests;

/** What the editor put on the clipboard (the page may read it once allowed to). */
async function clipboardText(page) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Waits until the clipboard holds something that `pattern` matches, and returns it. */
async function clipboardMatching(page, pattern) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const text = await clipboardText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the clipboard holds ${JSON.stringify(text.slice(0, 200))}, not ${pattern}`);
    await page.waitForTimeout(200);
  }
}

/** Whether the editor was told, once, to let the extension open URIs without asking again. */
let uriTrusted = false;

/**
 * Opens a URI as the editor opens one from outside (Developer: Open URL); the first time, the
 * editor asks whether the extension may open URIs, and is told yes, without asking again.
 */
async function openUri(page, runCommand, uri) {
  await runCommand('Developer: Open URL');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(uri);
  await page.keyboard.press('Enter');
  if (uriTrusted) return;
  const dialog = page.locator('.monaco-dialog-box', { hasText: /extension to open this URI/ });
  await dialog.waitFor({ timeout: WAIT });
  await dialog.locator('.dialog-checkbox-row .monaco-custom-toggle, .dialog-checkbox-row input').first().click();
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT });
  uriTrusted = true;
}

let failedLink;
let runLink;
let runLabel;

/** The link's parameters, as the extension reads them (values are encoded twice). */
const paramsOf = (link) => new URLSearchParams(decodeURIComponent(link.split('?')[1]));

module.exports = {
  'Copy Link on a failed Torq run puts a link to it on the clipboard; Copy as Markdown, a line with it; the link opens its payload': async ({ page, openView, expand, runCommand, webviewFrame }) => {
    await openView('Activity Logs');
    await expand(/^Acme Torq/);
    await expand(/^Failures/);
    const run = page.getByRole('treeitem', { name: /^Workflow '.+' failed/ }).first();
    await run.waitFor({ timeout: WAIT });
    const label = (await run.locator('.label-name').first().textContent()).trim();
    await fromContextMenu(page, run, 'Copy Link');
    failedLink = await clipboardMatching(page, /^code-oss:\/\/activity-logs\.activity-logs\/activity\?/);
    const params = paramsOf(failedLink);
    assert.equal(params.get('source'), 'acme-torq');
    assert.equal(params.get('kind'), 'torq');
    assert.equal(params.get('origin'), new URL(FAKE).origin, 'the API origin, as the identity of the source');
    assert.match(params.get('time'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    assert.ok(params.get('workflow') && params.get('execution'), 'a run carries its workflow and execution');
    assert.ok(!/secret|token|Bearer/i.test(failedLink), 'no credential');

    await fromContextMenu(page, run, 'Copy as Markdown');
    const line = await clipboardMatching(page, /^\[/);
    assert.ok(line.includes(`](${failedLink}) — failed · Acme Torq · `), line);
    assert.match(line, / UTC$/);

    await openUri(page, runCommand, failedLink);
    const frame = await webviewFrame(label.slice(0, 20));
    await frame.locator('.header .title', { hasText: label.slice(0, 20) }).waitFor({ timeout: WAIT });
  },

  'a link to a run the tree has not loaded opens its payload, read again from Torq around its time; the panel copies the same link': async ({ page, openView, expand, runCommand, webviewFrame, screenshot }) => {
    await runCommand('View: Close All Editors');
    await openView('Activity Logs');
    const group = await expand('Workflow runs');
    const run = page.getByRole('treeitem', { name: /^Workflow '.+' (succeeded|finished)/ }).first();
    await run.waitFor({ timeout: WAIT });
    runLabel = (await run.locator('.label-name').first().textContent()).trim();
    await fromContextMenu(page, run, 'Copy Link');
    runLink = await clipboardMatching(page, /^code-oss:.*\/activity\?/);
    assert.notEqual(runLink, failedLink);
    // The tree forgets what it loaded and, its group closed, loads the run no more: the link has to find it.
    await group.locator('.monaco-tl-twistie').click();
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'false', await group.elementHandle(), { timeout: WAIT });
    await openView('Explorer');
    await runCommand('Activity Logs: Refresh');
    await control('DELETE', 'requests');

    await openUri(page, runCommand, runLink);
    const frame = await webviewFrame(runLabel.slice(0, 20));
    await frame.locator('.header .title', { hasText: runLabel.slice(0, 20) }).waitFor({ timeout: WAIT });
    const asked = await requests();
    const listed = asked.filter((r) => r.api === 'torq' && r.path.endsWith('/activity_logs'));
    assert.ok(listed.length >= 1, `the run was read from Torq: ${asked.map((r) => r.path).join(', ')}`);
    const at = (name) => Date.parse([listed[0].query[name]].flat()[0]);
    assert.ok(at('end_time') - at('start_time') <= 10000, 'within seconds of its time');
    assert.equal([listed[0].query.workflow_id].flat()[0], paramsOf(runLink).get('workflow'), 'narrowed by its workflow');

    await openView('Activity Logs');
    await frame.locator('.actions-bar button', { hasText: 'Copy Link' }).click();
    await clipboardMatching(page, new RegExp(`^${runLink.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await page.locator('.statusbar-item', { hasText: 'Copied a link to this activity' }).waitFor({ timeout: WAIT });
    await screenshot('links');
  },

  'a group link shows the group in the tree, opening the source it is in': async ({ page, openView, treeItem, expand, runCommand }) => {
    await runCommand('View: Close All Editors');
    await openView('Activity Logs');
    const collapseAll = page.locator('.part.sidebar .title-actions a.action-label[aria-label^="Collapse All"]');
    await collapseAll.click();
    await expand(/^Acme Torq/);
    const group = treeItem(/^Audit log/);
    await group.waitFor({ timeout: WAIT });
    await fromContextMenu(page, group, 'Copy Link');
    const link = await clipboardMatching(page, /^code-oss:.*\/group\?/);
    assert.equal(paramsOf(link).get('path'), 'audit');
    // Hidden in a closed source: the link opens the way down to it.
    await collapseAll.click();
    await page.waitForFunction(() => ![...document.querySelectorAll('.monaco-list-row[role="treeitem"]')].some((r) => (r.getAttribute('aria-label') || '').startsWith('Audit log')), null, { timeout: WAIT });
    await openView('Explorer');
    await openUri(page, runCommand, link);
    await page.locator('.part.sidebar .composite.title h2', { hasText: 'Activity Logs' }).first().waitFor({ timeout: WAIT });
    await page.waitForFunction(() => {
      const row = [...document.querySelectorAll('.monaco-list-row[role="treeitem"]')].find((r) => (r.getAttribute('aria-label') || '').startsWith('Audit log'));
      return row && row.getAttribute('aria-selected') === 'true' && row.getAttribute('aria-expanded') === 'true';
    }, null, { timeout: WAIT });
  },

  'the search box copies a link to its search and to each result; the search link runs the search': async ({ page, runCommand }) => {
    await runCommand('View: Close All Editors');
    await runCommand('Activity Logs: Search…');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.fill('status:failed');
    const result = page.locator('.quick-input-list .monaco-list-row', { hasText: /failed/ }).first();
    await result.waitFor({ timeout: WAIT });
    await result.hover();
    await result.locator('a.action-label[aria-label="Copy Link"]').click();
    await clipboardMatching(page, /^code-oss:.*\/activity\?/);
    await page.locator('.quick-input-widget a.action-label[aria-label="Copy a link to this search"]').click();
    const link = await clipboardMatching(page, /^code-oss:.*\/search\?/);
    assert.equal(paramsOf(link).get('q'), 'status:failed');
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden', timeout: WAIT });

    await openUri(page, runCommand, link);
    await page.waitForFunction(() => document.querySelector('.quick-input-widget input.input')?.value === 'status:failed', null, { timeout: WAIT });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /failed/ }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Escape');
  },

  'a link to a source not configured here says which one it needs and sends nothing unless the user adds it': async ({ page, runCommand, screenshot }) => {
    await runCommand('View: Close All Editors');
    await control('DELETE', 'requests');
    const origin = encodeURIComponent(encodeURIComponent('https://sde.partner.example.com'));
    const link = `code-oss://${EXTENSION}/activity?source=partner-sde&kind=sde&origin=${origin}&stream=activity&id=4242&time=2026-03-01T10%3A00%3A00.000000000Z`;
    await openUri(page, runCommand, link);
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'a source you have not configured' });
    await dialog.waitFor({ timeout: WAIT });
    assert.match(await dialog.textContent(), /SD Elements instance at https:\/\/sde\.partner\.example\.com/);
    assert.match(await dialog.textContent(), /"partner-sde"/);
    await screenshot('links-unknown-source');
    assert.deepEqual(await requests(), [], 'nothing was sent while asking');
    await dialog.getByRole('button', { name: 'Add Source…' }).click();
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    assert.equal(await input.inputValue(), 'https://sde.partner.example.com', 'the form is filled in from the link');
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden', timeout: WAIT });
    assert.deepEqual(await requests(), [], 'and nothing after cancelling');
  },

  'a hostile link is refused with a message, and sends nothing': async ({ page, runCommand }) => {
    await control('DELETE', 'requests');
    const origin = encodeURIComponent(encodeURIComponent('http://evil.example.com'));
    await openUri(page, runCommand, `code-oss://${EXTENSION}/activity?source=acme-torq&kind=torq&origin=${origin}&stream=activity&id=1&time=2026-03-01T10%3A00%3A00.000000000Z`);
    const toast = page.locator('.notification-toast', { hasText: 'This Activity Logs link cannot be opened' });
    await toast.waitFor({ timeout: WAIT });
    assert.match(await toast.textContent(), /plain http:\/\/ to a host that is not this machine/);
    assert.deepEqual(await requests(), []);
  },
};
