'use strict';
// Compare Payloads and Compare with Last Success in a real VS Code (code-server in Chromium) on the
// fake APIs: each opens VS Code's diff editor whose two sides are the expected documents (each
// payload normalised as src/core/payloadDiff.ts writes it, worked out here from the fake server
// with the same code), the mask toggle changes both in place, a wrong selection says what to do,
// and the time from the command to the first painted diff of two 5 MB payloads is recorded in
// test-results/compare-timing.json (a measurement, never asserted).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { fromContextMenu } = require('./contextMenu');

const OUT = path.resolve(__dirname, '..', '..', 'out');
const { TorqSource } = require(path.join(OUT, 'src', 'sources'));
const { normalisePayload } = require(path.join(OUT, 'src', 'core', 'payloadDiff.js'));
const { findLastSuccess } = require(path.join(OUT, 'src', 'core', 'lastSuccess.js'));
const { formatLocalTime } = require(path.join(OUT, 'src', 'core', 'time.js'));
const { SecretRedactor } = require(path.join(OUT, 'src', 'core', 'redact.js'));
const { testContext } = require(path.join(OUT, 'test', 'support', 'testContext.js'));

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;
const WAIT = 30000;
const DAY = 86_400_000;
const RESULTS = path.resolve(__dirname, '..', '..', 'test-results');

async function control(method, route, body) {
  const res = await fetch(`${FAKE}/__control/${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  assert.ok(res.ok, `${method} ${route}: ${res.status}`);
  return res.json();
}

/** The fake's Acme Torq as the workbench has it (25 a page), read here by the extension's own code. */
async function torqSource() {
  const { credentials } = await control('GET', 'info');
  const ctx = testContext({ 'acme-torq': credentials.torq }, { pageSize: 25 });
  return new TorqSource({ id: 'acme-torq', kind: 'torq', label: 'Acme Torq', apiUrl: FAKE, authUrl: FAKE }, ctx);
}

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

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An activity's row: its accessible name is `<title>, <local time> · <age>`. */
const rowOf = (page, activity) => page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(activity.title)}, ${escapeRegExp(formatLocalTime(activity.time, false))} · `) }).first();

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

/** Selects two rows as a user does: a click, then a Ctrl+click. */
async function selectTwo(page, first, second) {
  await first.scrollIntoViewIfNeeded();
  await first.click();
  await second.scrollIntoViewIfNeeded();
  await second.click({ modifiers: ['Control'] });
  await page.waitForFunction((el) => el.getAttribute('aria-selected') === 'true', await second.elementHandle(), { timeout: WAIT });
  assert.equal(await first.getAttribute('aria-selected'), 'true', 'both rows selected');
}

/**
 * Selects two rows, closes the payload panel the first click opened, and runs Compare Payloads from
 * the context menu: milliseconds from its Enter until the diff editor shows text, and until it shows
 * the first difference.
 */
async function timeCompare(page, runCommand, first, second) {
  await first.waitFor({ timeout: WAIT });
  await selectTwo(page, first, second);
  await runCommand('View: Close All Editors');
  await second.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: 'Compare Payloads', exact: true });
  await item.waitFor({ timeout: WAIT });
  await item.hover();
  await page.waitForFunction((el) => el.closest('.action-item').classList.contains('focused'), await item.elementHandle(), { timeout: WAIT });
  const started = Date.now();
  await page.keyboard.press('Enter');
  const shown = (selector) =>
    page.waitForFunction((s) => !!document.querySelector('.editor-instance .monaco-diff-editor')?.querySelector(s), selector, { timeout: 120000, polling: 'raf' }).then(() => Date.now() - started);
  const [textMs, diffMs] = await Promise.all([shown('.editor.modified .view-line'), shown('.line-insert, .char-insert, .line-delete, .char-delete')]);
  return { textMs, diffMs };
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

  'time from Compare Payloads to the first painted diff of two 5 MB payloads (recorded, not asserted)': async ({ page, expand, runCommand }) => {
    const bytes = 5 * 1024 * 1024;
    // A big success and two big failures after it: the first mostly the same event, the second another one.
    await control('POST', 'options', { torqBigBodyRuns: 3, torqBigBodyBytes: bytes });
    try {
      const { torqSamples } = await control('GET', 'info');
      const listRuns = source.groups().find((g) => g.id === 'runs').list({ fromMs: Date.now() - DAY, toMs: Date.now() });
      const all = [];
      let cursor;
      do {
        const listed = await listRuns(cursor);
        all.push(...listed.items);
        cursor = listed.next;
      } while (cursor && all.length < 2000);
      const byId = (id) => all.find((a) => a.id === id);
      const success = byId(torqSamples.bigEntryId);
      const [similar, different] = torqSamples.bigFailedEntryIds.map(byId);
      assert.ok(success && similar && different, 'the three big runs listed');
      await runCommand('Activity Logs: Refresh');
      // The groups opened above would push the workflow's rows out of the view.
      await page.locator('.part.sidebar a[aria-label="Collapse All"]').first().click();
      await expand(/^Acme Torq/);
      await expand(/^Workflows/);
      await expand(/^Datadog alert router/);
      // What showing one such document costs, fetched as a comparison fetches it: the floor of a diff of two.
      await runCommand('View: Close All Editors');
      const row = rowOf(page, success);
      await row.click({ button: 'right' });
      const open = page.getByRole('menuitem', { name: 'Open as JSON Document', exact: true });
      await open.waitFor({ timeout: WAIT });
      await open.hover();
      await page.waitForFunction((el) => el.closest('.action-item').classList.contains('focused'), await open.elementHandle(), { timeout: WAIT });
      const opened = Date.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /"event"/.test(document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent ?? ''), null, { timeout: 120000, polling: 'raf' });
      const figures = { 'one document (Open as JSON Document)': { textMs: Date.now() - opened } };
      console.log(`    [measured] Open as JSON Document → text of one of them: ${figures['one document (Open as JSON Document)'].textMs} ms`);
      for (const [name, other] of [['mostly the same', similar], ['different throughout', different]]) {
        figures[name] = await timeCompare(page, runCommand, rowOf(page, success), rowOf(page, other));
        const sizes = await Promise.all([success, other].map(async (a) => JSON.stringify(await source.loadPayload(a)).length));
        figures[name].payloadBytes = sizes;
        console.log(`    [measured] Compare Payloads → first painted diff, two payloads of ${sizes.map((n) => (n / 1048576).toFixed(1)).join(' and ')} MB, ${name}: text ${figures[name].textMs} ms, diff ${figures[name].diffMs} ms (goal ≤ 500 ms)`);
      }
      fs.mkdirSync(RESULTS, { recursive: true });
      fs.writeFileSync(path.join(RESULTS, 'compare-timing.json'), JSON.stringify({ goalMs: 500, measuredAt: new Date().toISOString(), ...figures }, null, 2) + '\n');
    } finally {
      await control('POST', 'options', { torqBigBodyRuns: 1, torqBigBodyBytes: 3_200_000 });
    }
  },
};
