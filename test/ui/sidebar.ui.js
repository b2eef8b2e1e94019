'use strict';
// Clicking through the extension in a real VS Code (code-server in Chromium), on the fake APIs:
// the tree of all three products, paging, a payload, palette search, next failure, an error item.
// Screenshots go to test-results/screenshots/ (the README's picture comes from here).
const assert = require('assert');
const { control } = require('./fakeControl');



module.exports = {
  'shows Torq, Slack and SD Elements side by side': async ({ openView, treeItem, expand, screenshot }) => {
    await openView('Activity Logs');
    for (const source of ['Acme Torq', 'Kudos (Slack app)', 'Acme SD Elements']) await treeItem(source).waitFor({ timeout: 30000 });
    await expand('Workflow runs');
    await treeItem(/^Workflow '.+' (failed|succeeded|is running)/).waitFor({ timeout: 30000 });
    await expand('Errors');
    await treeItem(/(failed|Error)/).waitFor({ timeout: 30000 });
    await screenshot('tree-three-products');
  },

  'Load more appends a page and keeps the place': async ({ page, treeItem }) => {
    const runs = page.getByRole('treeitem', { name: /^Workflow '.+'/ });
    const before = await runs.count();
    await treeItem(/^Load more…/).first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[role="treeitem"][aria-label^="Workflow \'"]').length > n, before, { timeout: 30000 });
    assert.equal(await treeItem('Workflow runs').getAttribute('aria-expanded'), 'true', 'the group stays expanded');
  },

  'opens a payload with its header and JSON tree': async ({ treeItem, webviewFrame, screenshot }) => {
    await treeItem(/^Workflow '.+' failed/).click();
    const frame = await webviewFrame('Acme Torq');
    await frame.locator('h1.title').waitFor({ timeout: 30000 });
    assert.match(await frame.locator('h1.title').textContent(), /^Workflow '.+' failed$/);
    await frame.locator('.error-box').waitFor();
    await frame.locator('.tree .row').first().waitFor({ timeout: 30000 });
    await screenshot('payload-failure');
  },

  'searches from the command palette across every source': async ({ page, runCommand, webviewFrame, screenshot }) => {
    await runCommand('Activity Logs: Search…');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('status:failed since:30d');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => /Kudos/.test(r.textContent)) && [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => /Acme Torq/.test(r.textContent)), null, { timeout: 30000 });
    assert.ok((await rows.count()) > 3);
    await screenshot('search-failed');
    await input.fill('level:loud');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '"level:loud" is not a level' }).waitFor({ timeout: 10000 });
    await input.fill('source:kudos-app status:failed');
    const first = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Kudos' }).first();
    await first.waitFor({ timeout: 30000 });
    await first.click();
    const frame = await webviewFrame('Kudos');
    await frame.locator('h1.title').waitFor({ timeout: 30000 });
  },

  'Next Failure opens the newest failure': async ({ page, runCommand, screenshot }) => {
    await runCommand('Activity Logs: Next Failure');
    await page.locator('.statusbar-item', { hasText: /\d+\/\d+/ }).first().waitFor({ timeout: 30000 });
    await page.locator('.monaco-list-row.selected[role="treeitem"]').first().waitFor({ timeout: 30000 });
    await screenshot('next-failure');
  },

  'a failed page shows the cause and the fix in the tree': async ({ page, treeItem, expand, screenshot }) => {
    await page.locator('.part.sidebar .title-actions a[aria-label="Collapse All"], .part.sidebar .actions a[aria-label="Collapse All"]').first().click();
    await expand('Acme Torq');
    await expand('All events');
    await treeItem(/^(Workflow|Event|Single step)/).waitFor({ timeout: 30000 });
    await control('POST', 'faults', { api: 'torq', path: 'activity_logs', kind: '502', count: 50 });
    try {
      await page.locator('[role="treeitem"][aria-label^="Load more…"]').last().click();
      const error = treeItem(/HTTP 502/);
      await error.waitFor({ timeout: 60000 });
      assert.match(await error.textContent(), /Retry/);
      await screenshot('error-in-tree');
    } finally {
      await control('DELETE', 'faults');
    }
    await treeItem(/HTTP 502/).click();
    await page.waitForFunction(() => ![...document.querySelectorAll('[role="treeitem"]')].some((r) => /HTTP 502/.test(r.getAttribute('aria-label'))), null, { timeout: 30000 });
  },
};

module.exports['Start Tail from the palette shows new activity live'] = async ({ page, runCommand, screenshot }) => {
  await page.locator('.part.sidebar a[aria-label="Collapse All"]').first().click();
  await runCommand('Activity Logs: Start Tail');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 10000 });
  await input.fill('Kudos');
  await page.keyboard.press('Enter');
  const group = page.locator('[role="treeitem"][aria-label^="All activity"]').first();
  await page.waitForFunction((el) => /live/.test(el.getAttribute('aria-label')), await group.elementHandle(), { timeout: 30000 });
  await page.locator('.statusbar-item', { hasText: 'Tailing 1' }).first().waitFor({ timeout: 10000 });
  await control('POST', 'slack/activities', { appId: 'A0FAKEAPP1', count: 3, spreadMs: 500 });
  // 25 loaded by the first page + the 3 that arrived.
  await page.waitForFunction((el) => /live · 28\+/.test(el.getAttribute('aria-label')), await group.elementHandle(), { timeout: 30000 });
  await screenshot('tail-live');
  await runCommand('Activity Logs: Stop Tail');
  await page.waitForFunction((el) => !/live/.test(el.getAttribute('aria-label')), await group.elementHandle(), { timeout: 30000 });
};

// Not an assertion of its own: arranges the window for the README's picture (all three products,
// a Slack failure's payload) and checks that each product shows activities while doing so.
module.exports['the README picture'] = async ({ page, treeItem, expand, webviewFrame, screenshot }) => {
  await page.locator('.part.sidebar a[aria-label="Collapse All"]').first().click();
  await page.keyboard.press('Escape');
  await expand('Acme Torq');
  await expand('Failures');
  await treeItem(/^Workflow '.+' failed/).waitFor({ timeout: 30000 });
  await page.locator('.part.sidebar [role="treeitem"][aria-label^="Failures"]').first().locator('.monaco-tl-twistie').click();
  await expand('Kudos (Slack app)');
  await expand('Errors');
  await treeItem(/^(Workflow|Function|Trigger).+failed/).first().waitFor({ timeout: 30000 });
  await expand('Acme SD Elements');
  await expand('All activities');
  await treeItem(/^Admin|added|created|logged/i).first().waitFor({ timeout: 30000 });
  await treeItem(/^Function .+failed/).first().click();
  const frame = await webviewFrame('Kudos');
  await frame.locator('.error-box').waitFor({ timeout: 30000 });
  await screenshot('readme');
};
