'use strict';
// Helpers a UI test gets, on top of Playwright's `page` showing the VS Code workbench.
const fs = require('fs');
const path = require('path');

const SHORT = 15000; // most UI reactions
const LONG = 45000; // first appearance of an extension's contributions after a cold start

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Wait until the workbench has rendered its activity bar. */
async function waitForWorkbench(page, timeout = 60000) {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {{screenshotsDir: string}} opts
 */
function createUiHelpers(page, { screenshotsDir }) {
  /** The activity-bar entry of a view container, by its title (aria-label starts with it). */
  function activityBarItem(title) {
    return page.locator(`.part.activitybar .action-item:has(a.action-label[aria-label^="${title.replace(/"/g, '\\"')}"])`).first();
  }

  /** Show a view container (activity-bar icon) by title, unless it is showing already. */
  async function openView(title) {
    const item = activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: LONG });
    if (!/\bchecked\b/.test((await item.getAttribute('class')) || '')) await item.locator('a.action-label').click();
    await page.locator('.part.sidebar .composite.title h2', { hasText: title }).first().waitFor({ state: 'visible', timeout: SHORT });
  }

  /**
   * Run a command from the palette (F1) by its full label, e.g. "Activity Logs: Refresh".
   * Retypes the query until the command shows up: an extension's commands appear only once the
   * extension host has read its contributions (seconds after the workbench renders).
   */
  async function runCommand(label, timeout = LONG) {
    const input = page.locator('.quick-input-widget input.input');
    const row = page
      .locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    const widget = page.locator('.quick-input-widget');
    const deadline = Date.now() + timeout;
    // Every step may fail for a moment: the command not registered yet, or a webview that finishes
    // loading takes the focus and closes the palette. A click that times out did not click, so
    // the whole sequence is safe to retry.
    for (;;) {
      try {
        if (!(await input.isVisible())) {
          // Keys typed while a webview iframe has the focus may not reach the workbench.
          await page.evaluate(() => document.activeElement instanceof HTMLIFrameElement && document.activeElement.blur());
          await page.keyboard.press('F1');
        }
        await input.waitFor({ state: 'visible', timeout: 3000 });
        await input.fill(`>${label}`, { timeout: 3000 });
        await row.click({ timeout: 3000 });
        break;
      } catch (err) {
        if (Date.now() >= deadline) throw new Error(`command "${label}" not run from the palette: ${err.message.split('\n')[0]}`, { cause: err });
        await page.keyboard.press('Escape');
        await widget.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
      }
    }
    await widget.waitFor({ state: 'hidden', timeout: SHORT }).catch(() => {});
  }

  /**
   * A tree item (any visible tree) whose accessible name contains the label
   * ({exact: true}: equals it; a RegExp works too). Not the copy of a row scrolled above that a
   * sticky header draws over the list, which has the same role and name.
   */
  function treeItem(label, { exact = false } = {}) {
    return page.getByRole('treeitem', { name: label, exact }).and(page.locator(':not(.monaco-tree-sticky-row)')).first();
  }

  /** Expand a collapsed tree item; returns its locator. */
  async function expand(label, opts) {
    const item = treeItem(label, opts);
    await item.waitFor({ state: 'visible', timeout: SHORT });
    // Read the row afresh each time: a refresh of the whole tree (a setting changed) redraws the
    // rows, and a click on a row being replaced is lost, so it is given again.
    const deadline = Date.now() + SHORT;
    while ((await item.getAttribute('aria-expanded')) === 'false') {
      if (Date.now() > deadline) throw new Error(`"${label}" did not expand within ${SHORT} ms`);
      await item.locator('.monaco-tl-twistie').click();
      for (let i = 0; i < 20 && (await item.getAttribute('aria-expanded')) === 'false'; i++) await page.waitForTimeout(100);
    }
    return item;
  }

  /**
   * Save a full-page screenshot as <screenshotsDir>/<name>.png, and the text it shows next to it
   * as <name>.txt (the leak scan reads it); returns the path of the PNG.
   */
  async function screenshot(name) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file });
    fs.writeFileSync(file.replace(/\.png$/, '.txt'), await visibleText());
    return file;
  }

  /** The text of the page and of every frame (webviews): innerText plus the values of non-password inputs. */
  async function visibleText() {
    const parts = [];
    for (const frame of page.frames()) {
      const text = await frame
        .evaluate(() => {
          if (!document.body) return '';
          const inputs = [...document.querySelectorAll('input, textarea')].filter((i) => i.type !== 'password' && i.value).map((i) => `[input] ${i.value}`);
          return [document.body.innerText, ...inputs].join('\n');
        })
        .catch(() => '');
      if (text.trim()) parts.push(`--- frame ${frame === page.mainFrame() ? 'main' : frame.name() || frame.url().slice(0, 80)}\n${text}`);
    }
    return parts.join('\n');
  }

  /**
   * The Playwright Frame holding a webview's own HTML. Each webview is an iframe
   * (iframe.webview, VS Code's host page) holding the extension's document in iframe#active-frame,
   * whose title attribute is the panel's title. Activates a matching editor tab if one exists.
   * Hidden webviews have no iframe (unless retainContextWhenHidden).
   * @returns {Promise<import('playwright-core').Frame>}
   */
  async function webviewContent(outer, titleContains) {
    const host = await outer.contentFrame();
    const inner = host && (await host.$('iframe#active-frame'));
    if (!inner || !((await inner.getAttribute('title')) || '').includes(titleContains)) return null;
    return inner.contentFrame();
  }

  async function webviewFrame(titleContains, timeout = LONG) {
    const tab = page.locator('.tabs-container .tab', { hasText: titleContains }).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      if ((await tab.count()) && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      for (const outer of await page.locator('iframe.webview.ready').elementHandles()) {
        // A webview that is still loading swaps its inner frame: a detached one is simply looked at again.
        const frame = await webviewContent(outer, titleContains).catch(() => null);
        if (frame) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview titled "${titleContains}" within ${timeout} ms`);
      await page.waitForTimeout(200);
    }
  }

  return { page, openView, runCommand, treeItem, expand, screenshot, webviewFrame, activityBarItem, waitForWorkbench: () => waitForWorkbench(page) };
}

module.exports = { createUiHelpers, waitForWorkbench };
