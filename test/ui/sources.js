'use strict';
// Configured sources, as the UI test files add and remove them through the editor.

/**
 * Removes the source labelled `label` with Activity Logs: Remove Source… (confirmed in its modal)
 * and waits until its row has left the tree. Returns the modal's text.
 */
async function removeSource(page, runCommand, label) {
  await runCommand('Activity Logs: Remove Source…');
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  const dialog = page.locator('.monaco-dialog-box');
  // The pick comes first when more than one source is configured, the modal at once otherwise;
  // either may take a while in a freshly reloaded window on a busy machine.
  await pick.or(dialog).first().waitFor({ state: 'visible', timeout: 45000 });
  if (await pick.isVisible()) await pick.click();
  await dialog.waitFor({ timeout: 30000 });
  const text = await dialog.textContent();
  await dialog.locator('a.monaco-button, button', { hasText: /^Remove$/ }).first().click();
  await page.waitForFunction((l) => ![...document.querySelectorAll('[role="treeitem"]')].some((r) => (r.getAttribute('aria-label') || '').startsWith(l)), label, { timeout: 30000 });
  return text;
}

module.exports = { removeSource };
