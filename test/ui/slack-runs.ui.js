'use strict';
// A Slack app's runs, seen from the code and in the tree, in a real VS Code on the fake APIs with
// the demo's Slack app project (demo/kudos-app, app A0FAKEAPP1 like the fake Kudos Bot) in the
// workspace: the line above save_kudos' DefineFunction counts its failures and opens its group;
// a Give kudos run whose steps logged under a second trace shows its steps in order; Next Failure
// on a Slack failure offers Go to Source in the status bar.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { childRowsUnder, SIDEBAR } = require('./treeRows');

const WAIT = 30000;
const KUDOS_APP = path.resolve(__dirname, '..', '..', 'demo', 'kudos-app');
const LENS_TEXT = /^\d+ failures? in 24h · last run \d+[smhd] ago$/;

/** The folder the workbench has open (the URL's `folder`). */
const workspaceFolder = (page) => new URL(page.url()).searchParams.get('folder');

/** Opens a workspace file by name through Quick Open. */
async function openFile(page, name) {
  const input = page.locator('.quick-input-widget input.input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let attempt = 0; ; attempt++) {
    try {
      await page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(name);
      await row.waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT });
}

/** Drags the sidebar's edge by `dx` pixels (wider labels for a picture). */
async function widenSidebar(page, dx) {
  const box = await page.locator(SIDEBAR).boundingBox();
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 8 });
  await page.mouse.up();
}

async function waitForChildren(page, parentName, count) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const rows = (await childRowsUnder(page, { prefix: parentName })).map((r) => r.label);
    if (rows.length >= count && !rows.some((r) => /^Loading/.test(r))) return rows;
    if (Date.now() > deadline) throw new Error(`under "${parentName}": ${JSON.stringify(rows)}`);
    await page.waitForTimeout(200);
  }
}

module.exports = {
  'the line above a Slack function counts its failures; clicking it opens the function\'s group': async ({ page, openView, treeItem, screenshot }) => {
    const folder = workspaceFolder(page);
    assert.ok(folder && fs.existsSync(folder), `the workspace folder: ${folder}`);
    fs.cpSync(KUDOS_APP, folder, { recursive: true });
    await openView('Activity Logs');
    await treeItem('Kudos (Slack app)').waitFor({ timeout: WAIT });
    await openFile(page, 'save_kudos.ts');
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: /failures? in 24h/ }).first();
    await lens.waitFor({ timeout: 60000 });
    const text = (await lens.textContent()).trim();
    assert.match(text, LENS_TEXT);
    // Above the definition (line 9 of functions/save_kudos.ts): one lens in the file.
    assert.equal(await page.locator('.contentWidgets .codelens-decoration a', { hasText: /in 24h/ }).count(), 1);
    await lens.click();
    const group = treeItem(/^save_kudos, \d+ events?/);
    await group.waitFor({ timeout: WAIT });
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true' && el.getAttribute('aria-selected') === 'true', await group.elementHandle(), { timeout: WAIT });
    // Its events are listed: the group is open on save_kudos' own activity.
    const rows = await waitForChildren(page, 'save_kudos, ', 1);
    assert.ok(rows.some((r) => /save_kudos/.test(r)), JSON.stringify(rows.slice(0, 5)));
    await page.mouse.move(5, 5);
    await screenshot('slack-codelens');
  },

  'a workflow run whose steps logged under a second trace shows its steps in order with their outcomes': async ({ page, openView, expand, treeItem, screenshot }) => {
    await openView('Activity Logs');
    await page.locator(`${SIDEBAR} .composite.title`).first().hover();
    await page.locator(`${SIDEBAR} a[aria-label="Collapse All"]`).first().click();
    await expand('Kudos (Slack app)');
    await expand('Workflow runs');
    const run = /^Give kudos · step 3 of 4 failed, started \d{2}:\d{2}:\d{2} · 2 traces$/;
    await treeItem(run).waitFor({ timeout: WAIT });
    await expand(run);
    const runName = await treeItem(run).getAttribute('aria-label');
    const steps = await waitForChildren(page, runName, 4);
    assert.deepEqual(
      steps.map((s) => s.split(',')[0]),
      ['Step 1 of 4: OpenForm', 'Step 2 of 4: format_kudos', 'Step 3 of 4: save_kudos', 'Every event of the run'],
    );
    assert.match(steps[0], /, succeeded · \d+ events$/);
    assert.match(steps[2], /, failed · \d+ events$/);
    assert.match(steps[3], /, \d+ events · 2 traces$/);
    // The failed step holds the workflow's step events and the function's, logged under the other trace.
    await expand(/^Step 3 of 4: save_kudos, /);
    const events = await waitForChildren(page, 'Step 3 of 4: save_kudos, ', 4);
    const titles = events.map((e) => e.split(',')[0]);
    assert.equal(titles[0], 'Workflow step 3 of 4 started');
    assert.ok(titles.includes("Function 'save_kudos' (app function) started"), JSON.stringify(titles));
    assert.ok(titles.some((t) => /^Function 'save_kudos' \(app function\) failed/.test(t)), JSON.stringify(titles));
    assert.match(titles[titles.length - 1], /^Workflow step 'save_kudos' failed/);
    await widenSidebar(page, 220);
    await page.mouse.move(5, 5);
    await screenshot('slack-run');
    await widenSidebar(page, -220);
  },

  'Next Failure on a Slack function\'s failure offers Go to Source in the status bar, which opens its definition': async ({ page, runCommand }) => {
    await runCommand('View: Close All Editors');
    const item = page.locator('.statusbar-item[id$="activityLogs.failureSource"]');
    let name;
    for (let i = 0; i < 40 && !name; i++) {
      await runCommand('Activity Logs: Next Failure');
      const tab = page.locator('.tabs-container .tab.active');
      await tab.waitFor({ timeout: WAIT });
      const title = (await tab.textContent()) || '';
      const fn = /Function '(format_kudos|save_kudos)'/.exec(title);
      if (fn && (await item.isVisible())) name = fn[1];
    }
    assert.ok(name, 'Next Failure reached a failure of a Kudos Bot function');
    assert.match(await item.textContent(), /Go to Source/);
    await item.click();
    await page.locator('.tabs-container .tab.active', { hasText: `${name}.ts` }).waitFor({ timeout: WAIT });
  },
};
