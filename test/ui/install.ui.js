'use strict';
// What a user gets from `code --install-extension activity-logs-<version>.vsix`: the UI-test runner
// installs the package that scripts/package.js (npm run package) writes, with code-server's
// --install-extension, into an editor with the demo's sources and credentials (scripts/fake-sources.js).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { readmeBaseUrls } = require('../../scripts/package');

const ROOT = path.resolve(__dirname, '..', '..');

/** Every frame of the page (webviews are frames in frames) that holds an element matching `selector`. */
async function framesWith(page, selector) {
  const found = [];
  for (const frame of page.frames()) if (await frame.$(selector).catch(() => null)) found.push(frame);
  return found;
}

module.exports = {
  'the installed .vsix opens the view with the demo sources': async ({ openView, treeItem, expand, screenshot }) => {
    await openView('Activity Logs');
    for (const source of ['Acme Torq', 'Kudos (Slack app)', 'Acme SD Elements']) await treeItem(source).waitFor({ timeout: 30000 });
    await expand('All activities');
    await treeItem(/^(?!All activities)/).first().waitFor({ timeout: 30000 });
    await screenshot('installed-vsix-view');
  },

  'the extension page shows the icon and the README with its pictures loaded': async ({ page, runCommand, screenshot }) => {
    // The extension page drops relative, data: and file: picture sources and its CSP blocks http, so the
    // packaged README names its pictures by the repository's public https URLs. The test bed has no
    // network: the test plays the repository's host, answering those URLs from this checkout's files.
    const { images } = readmeBaseUrls(require(path.join(ROOT, 'package.json')));
    const requested = [];
    await page.context().route(`${images}**`, (route) => {
      const file = path.resolve(ROOT, decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(images).pathname.length)));
      requested.push(path.relative(ROOT, file));
      if (!file.startsWith(ROOT + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ path: file });
    });
    await runCommand('Extensions: Show Installed Extensions');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Activity Logs' }).first();
    await row.waitFor({ timeout: 30000 });
    // Looked up afresh on every poll: the list may re-render the row (its activation time appears
    // later), and a handle taken once could then name an element that is no longer the row's icon.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.extensions-viewlet .monaco-list-row')]
        .filter((r) => r.textContent.includes('Activity Logs'))
        .some((r) => [...r.querySelectorAll('img.icon')].some((icon) => icon.complete && icon.naturalWidth === 128)),
      undefined,
      { timeout: 30000 },
    );
    await row.click();
    const picture = 'img[alt="The Activity Logs tree and a payload panel"]';
    const deadline = Date.now() + 30000;
    let frames = await framesWith(page, picture);
    while (!frames.length && Date.now() < deadline) {
      await page.waitForTimeout(250);
      frames = await framesWith(page, picture);
    }
    assert.equal(frames.length, 1, 'the README (with its first picture) is shown once');
    await frames[0].waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 15000 });
    const pictures = await frames[0].$$eval('img', (imgs) => imgs.map((img) => ({ alt: img.alt, src: img.getAttribute('src'), width: img.naturalWidth })));
    assert.ok(pictures.length >= 4, `the README keeps its pictures: ${JSON.stringify(pictures)}`);
    for (const { alt, src, width } of pictures) {
      assert.ok(src && src.startsWith(images), `"${alt}" is served from ${images}: ${src}`);
      assert.ok(width > 0, `"${alt}" (${src}) is shown: requested ${JSON.stringify(requested)}`);
    }
    await screenshot('installed-vsix-readme');
  },

  'the walkthrough goes from adding a source to the first failure, with a step for the demo': async ({ page, runCommand, webviewFrame, screenshot }) => {
    await runCommand('Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Activity Logs' }).first().click();
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor({ timeout: 30000 });
    const titles = (await page.locator('.gettingStartedContainer .getting-started-step .step-title').allTextContents()).map((t) => t.trim());
    assert.deepEqual(titles, ['Add a source', 'Enter the credentials', 'Open the first failure', 'Try it on demo data']);
    await steps.filter({ hasText: 'Open the first failure' }).click();
    await page.locator('.gettingStartedContainer .getting-started-step.expanded a, .gettingStartedContainer .getting-started-step.expanded .button-link', { hasText: 'Open Newest Failure' }).first().click();
    const frame = await webviewFrame('Acme');
    await frame.locator('.error-box').waitFor({ timeout: 30000 });
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).click();
    await page.locator('.getting-started-step[aria-checked="true"]', { hasText: 'Open the first failure' }).waitFor({ timeout: 15000 });
    await screenshot('walkthrough-first-failure');
  },
};
