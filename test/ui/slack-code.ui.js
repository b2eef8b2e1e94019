'use strict';
// From a Slack failure to the code that failed, in a real VS Code on the fake APIs, with the demo's
// Slack app project (demo/kudos-app, app id A0FAKEAPP1 like the fake Kudos Bot) in the workspace:
// a stack frame of the payload panel's error opens functions/….ts at its line and column, and
// Go to Source from the tree's context menu opens the function's definition.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { fromContextMenu } = require('./contextMenu');

const WAIT = 30000;
const KUDOS_APP = path.resolve(__dirname, '..', '..', 'demo', 'kudos-app');
/** Where the fake Kudos Bot's frames point (test/fake-api/data/slack-data.ts) and where each function is defined. */
const FRAMES = { format_kudos: 'Ln 24, Col 83', save_kudos: 'Ln 25, Col 18' };
const DEFINITIONS = { format_kudos: /^Ln 3, Col \d+$/, save_kudos: /^Ln 9, Col \d+$/ };

/** The folder the workbench has open (the URL's `folder`). */
const workspaceFolder = (page) => new URL(page.url()).searchParams.get('folder');

const failedFunction = /^Function '(format_kudos|save_kudos)'.* failed/;

/** The active editor's tab label and the cursor position the status bar shows. */
async function activeEditor(page, file) {
  const tab = page.locator('.tabs-container .tab.active', { hasText: file });
  await tab.waitFor({ timeout: WAIT });
  const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
  await selection.waitFor({ timeout: WAIT });
  return (await selection.textContent()).trim();
}

let failureRow;
let failedName;

module.exports = {
  'a stack frame of a Slack failure opens the function\'s file at its line and column': async ({ page, openView, expand, webviewFrame, runCommand }) => {
    const folder = workspaceFolder(page);
    assert.ok(folder && fs.existsSync(folder), `the workspace folder: ${folder}`);
    fs.cpSync(KUDOS_APP, folder, { recursive: true });
    await openView('Activity Logs');
    await expand('Kudos (Slack app)');
    await expand('Errors');
    const rows = page.getByRole('treeitem', { name: failedFunction });
    await rows.first().waitFor({ timeout: WAIT });
    // A timed-out function has no stack: take the first failure whose error has a linked frame.
    const count = Math.min(await rows.count(), 8);
    let link;
    for (let i = 0; i < count && !link; i++) {
      const row = rows.nth(i);
      const label = (await row.locator('.label-name').first().textContent()).trim();
      await row.click();
      const frame = await webviewFrame(label.slice(0, 20));
      await frame.locator('.error-box').waitFor({ timeout: WAIT });
      const candidate = frame.locator('.error-box button.frame-link');
      if (await candidate.first().waitFor({ timeout: 5000 }).then(() => true, () => false)) {
        link = candidate;
        failureRow = row;
        failedName = failedFunction.exec(label)[1];
      } else await runCommand('View: Close All Editors');
    }
    assert.ok(link, 'a failing Kudos Bot function with a stack frame of the project');
    // Only the project's frame is a link; the deno.land and runtime frames stay text.
    assert.equal(await link.count(), 1);
    assert.equal(await link.textContent(), `file:///functions/${failedName}.ts:${FRAMES[failedName].match(/\d+/g).join(':')}`);
    assert.match(await link.first().locator('xpath=..').textContent(), /deno\.land\/x\/deno_slack_sdk/);
    await link.click();
    assert.equal(await activeEditor(page, `${failedName}.ts`), FRAMES[failedName]);
  },

  'Go to Source from the tree\'s context menu opens the function\'s definition': async ({ page, runCommand }) => {
    assert.ok(failureRow, 'the first test found a failure');
    await runCommand('View: Close All Editors');
    await fromContextMenu(page, failureRow, 'Go to Source');
    assert.match(await activeEditor(page, `${failedName}.ts`), DEFINITIONS[failedName]);
  },

  'Go to Source in the payload panel opens the definition too': async ({ page, runCommand, webviewFrame }) => {
    await runCommand('View: Close All Editors');
    await failureRow.click();
    const frame = await webviewFrame(failedName);
    const button = frame.locator('.actions-bar button', { hasText: 'Go to Source' });
    await button.waitFor({ timeout: WAIT });
    await button.click();
    assert.match(await activeEditor(page, `${failedName}.ts`), DEFINITIONS[failedName]);
  },
};
