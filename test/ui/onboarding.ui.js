'use strict';
// First run: nothing configured. The welcome view offers "Add Torq Workspace"; the prompts take a
// name, custom URLs (the fake API) and the client ID and secret; the workspace then lists runs.
// Runs in a workbench of its own, without the fake sources (see scripts/ui-tests.js).
const assert = require('assert');

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;

module.exports = {
  'adds a Torq workspace from the welcome view and browses it': async ({ page, openView, treeItem, expand, screenshot }) => {
    const info = await (await fetch(`${FAKE}/__control/info`)).json();
    await openView('Activity Logs');
    await page.locator('.welcome-view-content a', { hasText: 'Add Torq Workspace' }).click();
    const input = page.locator('.quick-input-widget input.input');
    const answer = async (text) => {
      await input.waitFor({ state: 'visible', timeout: 15000 });
      await input.fill(text);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
    };
    await answer('Onboarding Torq'); // name
    await answer('Custom URLs'); // region pick
    await answer(FAKE); // API URL
    await answer(FAKE); // authentication URL
    await answer(info.credentials.torq.clientId);
    await answer(info.credentials.torq.clientSecret);
    await page.locator('.notifications-toasts', { hasText: 'Connected to Torq' }).waitFor({ timeout: 30000 });
    await treeItem('Onboarding Torq').waitFor({ timeout: 15000 });
    await expand('Workflow runs');
    await treeItem(/^Workflow '.+' (failed|succeeded|is running)/).waitFor({ timeout: 30000 });
    await screenshot('onboarding');
    // The secret went to SecretStorage, not to the settings.
    const settings = await page.evaluate(() => document.body.innerText);
    assert.ok(!settings.includes(info.credentials.torq.clientSecret));
  },
};
