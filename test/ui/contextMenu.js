'use strict';
// A tree row's context menu, as the UI test files drive it.

/**
 * Right-clicks a tree row and focuses an entry of its context menu, ready for Enter. A menu
 * ignores a click that comes right after it opened (the right-click's own mouse-up): an entry is
 * chosen as a keyboard user does, once the pointer has focused it.
 */
async function focusInContextMenu(page, row, entry) {
  await row.scrollIntoViewIfNeeded();
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: entry, exact: true });
  await item.waitFor({ timeout: 15000 });
  await item.hover();
  await page.waitForFunction((el) => el.closest('.action-item').classList.contains('focused'), await item.elementHandle(), { timeout: 15000 });
  return item;
}

/** Right-clicks a tree row and runs an entry of its context menu. */
async function fromContextMenu(page, row, entry) {
  const item = await focusInContextMenu(page, row, entry);
  await page.keyboard.press('Enter');
  await item.waitFor({ state: 'hidden', timeout: 15000 });
}

module.exports = { focusInContextMenu, fromContextMenu };
