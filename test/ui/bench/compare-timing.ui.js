'use strict';
// The time from Compare Payloads to the first painted diff of two 5 MB payloads in a real VS Code
// (code-server in Chromium): a measurement for `npm run bench` (its diff-editor section), written to
// test-results/compare-timing.json and never asserted, so it is not among the files `npm test` runs.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { WAIT, DAY, RESULTS, control, torqSource, rowOf, selectTwo } = require('../compareSupport');
const { focusInContextMenu } = require('../contextMenu');

/**
 * Selects two rows, closes the payload panel the first click opened, and runs Compare Payloads from
 * the context menu: milliseconds from its Enter until the diff editor shows text, and until it shows
 * the first difference.
 */
async function timeCompare(page, runCommand, first, second) {
  await first.waitFor({ timeout: WAIT });
  await selectTwo(page, first, second);
  await runCommand('View: Close All Editors');
  await focusInContextMenu(page, second, 'Compare Payloads');
  const started = Date.now();
  await page.keyboard.press('Enter');
  const shown = (selector) =>
    page.waitForFunction((s) => !!document.querySelector('.editor-instance .monaco-diff-editor')?.querySelector(s), selector, { timeout: 120000, polling: 'raf' }).then(() => Date.now() - started);
  const [textMs, diffMs] = await Promise.all([shown('.editor.modified .view-line'), shown('.line-insert, .char-insert, .line-delete, .char-delete')]);
  return { textMs, diffMs };
}

module.exports = {
  'time from Compare Payloads to the first painted diff of two 5 MB payloads (recorded, not asserted)': async ({ page, openView, expand, runCommand }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openView('Activity Logs');
    const source = await torqSource();
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
      await focusInContextMenu(page, rowOf(page, success), 'Open as JSON Document');
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
