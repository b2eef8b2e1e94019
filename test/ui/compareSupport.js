'use strict';
// What the Compare Payloads UI test and its timing (test/ui/bench/compare-timing.ui.js) share: the
// fake's control routes, the fake's Acme Torq read by the extension's own code, and rows picked as
// a user picks them.
const assert = require('assert');
const path = require('path');

const OUT = path.resolve(__dirname, '..', '..', 'out');
const { TorqSource } = require(path.join(OUT, 'src', 'sources'));
const { formatLocalTime } = require(path.join(OUT, 'src', 'core', 'time.js'));
const { testContext } = require(path.join(OUT, 'test', 'support', 'testContext.js'));
const { control } = require('./fakeControl');

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;
const WAIT = 30000;
const DAY = 86_400_000;
const RESULTS = path.resolve(__dirname, '..', '..', 'test-results');


/** The fake's Acme Torq as the workbench has it (25 a page), read here by the extension's own code. */
async function torqSource() {
  const { credentials } = await control('GET', 'info');
  const ctx = testContext({ 'acme-torq': credentials.torq }, { pageSize: 25 });
  return new TorqSource({ id: 'acme-torq', kind: 'torq', label: 'Acme Torq', apiUrl: FAKE, authUrl: FAKE }, ctx);
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An activity's row: its accessible name is `<title>, <local time> · <age>`. */
const rowOf = (page, activity) => page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(activity.title)}, ${escapeRegExp(formatLocalTime(activity.time, false))} · `) }).first();


/** Selects two rows as a user does: a click, then a Ctrl+click. */
async function selectTwo(page, first, second) {
  await first.scrollIntoViewIfNeeded();
  await first.click();
  await second.scrollIntoViewIfNeeded();
  await second.click({ modifiers: ['Control'] });
  await page.waitForFunction((el) => el.getAttribute('aria-selected') === 'true', await second.elementHandle(), { timeout: WAIT });
  assert.equal(await first.getAttribute('aria-selected'), 'true', 'both rows selected');
}

module.exports = { OUT, FAKE, WAIT, DAY, RESULTS, control, torqSource, rowOf, selectTwo };
