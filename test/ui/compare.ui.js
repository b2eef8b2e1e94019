'use strict';
// Compare Payloads and Compare with Last Success in a real VS Code (code-server in Chromium) on the
// fake APIs: each opens VS Code's diff editor whose two sides are the expected documents (each
// payload normalised as src/core/payloadDiff.ts writes it, worked out here from the fake server
// with the same code), the mask toggle changes both in place, and a wrong selection says what to
// do. The time to the first painted diff of two 5 MB payloads is `npm run bench`'s
// (test/ui/bench/compare-timing.ui.js).
const assert = require('assert');
const path = require('path');
const { fromContextMenu } = require('./contextMenu');
const { OUT, WAIT, DAY, control, torqSource, rowOf, selectTwo } = require('./compareSupport');

const { normalisePayload } = require(path.join(OUT, 'src', 'core', 'payloadDiff.js'));
const { findLastSuccess } = require(path.join(OUT, 'src', 'core', 'lastSuccess.js'));
const { SecretRedactor } = require(path.join(OUT, 'src', 'core', 'redact.js'));

/** The first page of a group, as the tree lists it first (the default window: 24 hours). */
async function firstPage(source, groupId) {
  const group = source.groups().find((g) => g.id === groupId);
  return (await group.list({ fromMs: Date.now() - DAY, toMs: Date.now() })(undefined)).items;
}

/** What a side of the diff must hold: the payload normalised, as the extension writes it. */
async function expectedSide(source, activity, mask) {
  const payload = await source.loadPayload(activity);
  return new SecretRedactor().redact(normalisePayload(payload, { jsonStringPaths: activity.jsonStringPaths ?? [], mask, sourceKind: 'torq' })) + '\n';
}

const diffEditor = (page) => page.locator('.editor-instance .monaco-diff-editor').first();
const toast = (page, text) => page.locator('.notifications-toasts .notification-toast', { hasText: text });

/** The whole text of one side of the active diff editor ('original' or 'modified'), read as a user copies it. */
async function sideText(page, side) {
  const lines = diffEditor(page).locator(`.editor.${side} .view-lines`);
  await lines.click({ position: { x: 40, y: 5 } });
  await page.keyboard.press('Control+A');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.keyboard.press('Control+C');
  let text = '';
  for (let i = 0; i < 50 && !text; i++) {
    text = await page.evaluate(() => navigator.clipboard.readText());
    if (!text) await page.waitForTimeout(100);
  }
  // Nothing left selected (a screenshot follows).
  await page.keyboard.press('Control+Home');
  return text;
}

/** Both sides, once the diff editor titled with both activities' titles shows them. */
async function diffSides(page, left, right) {
  const tab = page.locator('.tabs-container .tab.active', { hasText: '↔' });
  await tab.waitFor({ timeout: WAIT });
  const title = (await tab.getAttribute('aria-label')) ?? (await tab.textContent());
  for (const a of [left, right]) assert.ok(title.includes(a.title.slice(0, 30)), `the title names “${a.title}”: ${title}`);
  await diffEditor(page).locator('.editor.modified .view-line').first().waitFor({ timeout: WAIT });
  return { left: await sideText(page, 'original'), right: await sideText(page, 'modified') };
}

let source;

module.exports = {
  'Compare Payloads on two selected runs opens a diff of both payloads normalised; the mask toggle changes both sides': async ({ page, openView, expand }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    source = await torqSource();
    const runs = await firstPage(source, 'runs');
    assert.ok(runs.length >= 2, 'two runs listed');
    const [newer, older] = runs;
    await openView('Activity Logs');
    await expand(/^Acme Torq/);
    await expand(/^Workflow runs/);

    // One row only: the command says how to select a second.
    const olderRow = rowOf(page, older);
    await olderRow.waitFor({ timeout: WAIT });
    await olderRow.click();
    await fromContextMenu(page, olderRow, 'Compare Payloads');
    const hint = toast(page, 'Compare Payloads needs two activities');
    await hint.waitFor({ timeout: WAIT });
    assert.match(await hint.textContent(), /Ctrl\+click/);
    await hint.locator('.codicon-notifications-clear').click().catch(() => page.keyboard.press('Escape'));

    await selectTwo(page, rowOf(page, newer), olderRow);
    await fromContextMenu(page, olderRow, 'Compare Payloads');
    const sides = await diffSides(page, older, newer);
    // The older on the left; keys sorted, JSON held in strings decoded, two spaces: as written here.
    assert.equal(sides.left, await expectedSide(source, older, false));
    assert.equal(sides.right, await expectedSide(source, newer, false));
    assert.match(sides.right, /\n {2}"event": \{\n/);

    await page.locator('.editor-actions a.action-label[aria-label^="Mask Fields That Always Differ"]').click();
    await page.waitForFunction(() => /<masked>/.test(document.querySelector('.editor-instance .monaco-diff-editor .editor.modified .view-lines')?.textContent ?? ''), null, { timeout: WAIT });
    const masked = await diffSides(page, older, newer);
    assert.equal(masked.left, await expectedSide(source, older, true));
    assert.equal(masked.right, await expectedSide(source, newer, true));
    assert.notEqual(masked.right, sides.right, 'masking changed the side in place');
    await page.locator('.editor-actions a.action-label[aria-label^="Show Fields That Always Differ"]').click();
    await page.waitForFunction(() => !/<masked>/.test(document.querySelector('.editor-instance .monaco-diff-editor .editor.modified .view-lines')?.textContent ?? ''), null, { timeout: WAIT });
  },

  'payloads that fail to load say which and why, and open no diff': async ({ page, runCommand }) => {
    const [, , third, fourth] = await firstPage(source, 'runs');
    await selectTwo(page, rowOf(page, third), rowOf(page, fourth));
    // No panel left to take a payload from: both are fetched, and the server answers garbage.
    await runCommand('View: Close All Editors');
    await control('POST', 'faults', { api: 'torq', path: '/event', kind: 'malformed', count: 2 });
    try {
      await fromContextMenu(page, rowOf(page, fourth), 'Compare Payloads');
      const error = toast(page, 'Could not load the payloads to compare');
      await error.waitFor({ timeout: WAIT });
      const text = await error.textContent();
      for (const a of [third, fourth]) assert.ok(text.includes(a.title.slice(0, 30)), `names “${a.title}”: ${text}`);
      assert.equal(await diffEditor(page).count(), 0, 'no diff opened');
    } finally {
      await control('DELETE', 'faults');
    }
  },

  'Compare with Last Success on a failure opens a diff of the last successful run of its workflow before it and the failure': async ({ page, expand, screenshot }) => {
    const failures = await firstPage(source, 'failures');
    let pair;
    for (const failed of failures) {
      const search = await findLastSuccess(source, failed, { fromMs: Date.now() - DAY, toMs: Date.now() }, { maxPages: 10 });
      if (search.found) {
        pair = { failed, success: search.found };
        break;
      }
    }
    assert.ok(pair, 'a failure with an earlier success');
    await expand(/^Failures/);
    const row = rowOf(page, pair.failed);
    await row.waitFor({ timeout: WAIT });
    await row.click();
    await fromContextMenu(page, row, 'Compare with Last Success');
    const sides = await diffSides(page, pair.success, pair.failed);
    assert.equal(sides.left, await expectedSide(source, pair.success, false));
    assert.equal(sides.right, await expectedSide(source, pair.failed, false));
    await page.locator('.editor-actions a.action-label[aria-label^="Mask Fields That Always Differ"]').click();
    await page.waitForFunction(() => /<masked>/.test(document.querySelector('.editor-instance .monaco-diff-editor .editor.modified .view-lines')?.textContent ?? ''), null, { timeout: WAIT });
    await screenshot('compare');
    await page.locator('.editor-actions a.action-label[aria-label^="Show Fields That Always Differ"]').click();
  },

};
