'use strict';
// Clicking an activity opens its payload however much of the tree is expanded: for each product,
// every group and sub-group of the source is expanded, then activities in the first and the last
// expanded group are clicked; again after a refresh of the source and after a live tail brought
// new entries. (A row once kept a command the extension host had already disposed: "Actual command
// not found, wanted to execute activityLogs.openPayload /2".)
const assert = require('assert');
const { childRowsUnder, clickRowAt, drawnRows, revealRow, rowsBelow, scrollList, scrollListToTop, scrolledBy, SIDEBAR } = require('./treeRows');
const { control } = require('./fakeControl');

/** The tree's own rows, not the sticky header copies of the rows scrolled above. */
const TREE_ROW = '.monaco-list-row[role="treeitem"]:not(.monaco-tree-sticky-row)';

/** The drawn rows under a source's row (or its sticky copy). */
const sourceRows = (rows, sourceLabel) => rowsBelow(rows, (r) => r.level === 1 && r.name.startsWith(sourceLabel)).below;

// An activity's description is its time and age ("10:00:29.238 · 3m ago"); a Torq run expands
// too (into its execution), but it is not a group to open here.
const ACTIVITY_NAME = /, \d{2}:\d{2}:\d{2}\.\d+ · /;
const isActivity = (r) => ACTIVITY_NAME.test(r.name);

/**
 * Expands every collapsed group and sub-group of a source, top to bottom, waiting for each to
 * load, as a user opening them one after another would. Returns the expanded groups' names in order.
 */
async function expandEveryGroup(page, treeItem, openView, sourceLabel) {
  await openView('Activity Logs');
  await page.locator(`${SIDEBAR} .composite.title`).first().hover();
  await page.locator(`${SIDEBAR} a[aria-label="Collapse All"]`).first().click();
  const source = treeItem(sourceLabel);
  await source.waitFor({ timeout: 30000 });
  if ((await source.getAttribute('aria-expanded')) === 'false') await source.locator('.monaco-tl-twistie').click();
  const expanded = [];
  const tried = new Set();
  const key = (r) => `${r.level}/${r.name.split(',')[0]}`;
  const listHeight = await page.evaluate((sidebar) => document.querySelector(`${sidebar} .monaco-list`).getBoundingClientRect().height, SIDEBAR);
  for (;;) {
    // The next collapsed group of the source, top to bottom: among the rows drawn, else a screen further down.
    let next;
    for (let screen = 0; screen < 50 && !next; screen++) {
      const rows = await drawnRows(page);
      const inSource = sourceRows(rows, sourceLabel);
      next = inSource.find((r) => r.expanded === 'false' && !isActivity(r) && !tried.has(key(r)));
      const last = rows[rows.length - 1];
      if (next || !inSource.length || inSource[inSource.length - 1] !== last) break; // found, or the source ends in view
      const before = await scrolledBy(page);
      await scrollList(page, listHeight * 0.8);
      if ((await scrolledBy(page)) === before) break; // the end of the list
    }
    if (!next) break;
    if (tried.size >= 200) throw new Error(`more than 200 groups under ${sourceLabel}: ${[...tried].join(', ')}`);
    next.name = next.name.split(',')[0];
    tried.add(key(next));
    // A click that lands while the list redraws (a group above just got its counts) is lost, as
    // it would be for a person, who clicks again: so do we, up to four times. The row is looked
    // for afresh each time, the list scrolled to it: a group above that grows pushes it down.
    const isNext = (r, rows) => r.level === next.level && r.name.split(',')[0] === next.name && sourceRows(rows, sourceLabel).includes(r);
    const deadline = Date.now() + 30000;
    let clicks = 0;
    let clickedAt = 0;
    let row;
    for (;;) {
      row = await revealRow(page, isNext);
      // A sub-group can go between two looks (an actor id replaced by its name, a trace list that moved on).
      if (!row) break;
      // Loaded: expanded, no spinner, and its first child drawn (the spinner shows only once a load is slow).
      const after = (await drawnRows(page)).find((r) => !r.sticky && r.index === row.index + 1);
      if (row.expanded === 'true' && !row.loading && (!after || after.level > row.level)) break;
      if (Date.now() > deadline) {
        const drawn = (await drawnRows(page)).map((r) => `${r.index}${r.sticky ? 's' : ''}:${r.level}:${r.expanded ?? '-'}${r.loading ? ':loading' : ''}:${r.name.split(',')[0]}`);
        throw new Error(`"${next.name}" (level ${next.level}) did not expand and load after ${clicks} clicks: ${JSON.stringify(row)}; drawn: ${drawn.join(' | ')}`);
      }
      if (row.expanded === 'false' && clicks < 4 && Date.now() - clickedAt > 3000) {
        await clickRowAt(page, row.index, '.monaco-tl-twistie');
        clicks++;
        clickedAt = Date.now();
      } else await page.waitForTimeout(200);
    }
    if (!row) continue;
    expanded.push(next.name);
  }
  return expanded;
}

/** The activity rows directly under a group: their list index and accessible name. */
async function activityRowsUnder(page, groupLabel) {
  return (await childRowsUnder(page, { label: groupLabel })).filter((r) => ACTIVITY_NAME.test(r.label));
}

/**
 * The activity rows of a group, scrolled into view with the mouse wheel: the list draws only the
 * rows in view, a group expanded earlier may have been pushed out of it (a live tail adds rows
 * above), and after a refresh its rows take a while to come back.
 */
async function revealActivityRowsUnder(page, groupLabel, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let rows = await activityRowsUnder(page, groupLabel);
  while (!rows.length && Date.now() < deadline) {
    const group = await revealRow(page, (r) => r.name.split(',')[0] === groupLabel);
    // Near the top, below where sticky headers would cover it, so that its rows are in view.
    const offset = group
      ? await page.evaluate(
          ({ sidebar, index }) => {
            const list = document.querySelector(`${sidebar} .monaco-list`);
            const row = list.querySelector(`.monaco-list-row[data-index="${index}"]:not(.monaco-tree-sticky-row)`);
            return row ? row.getBoundingClientRect().top - list.getBoundingClientRect().top - 88 : 0;
          },
          { sidebar: SIDEBAR, index: group.index },
        )
      : 0;
    if (Math.abs(offset) > 22) await scrollList(page, offset);
    else await page.waitForTimeout(250); // in view, its rows still loading
    rows = await activityRowsUnder(page, groupLabel);
  }
  return rows;
}

/** Clicks the `index`th activity of a group and checks that its payload opened, with no "command not found". */
async function clickActivityIn(page, webviewFrame, sourceLabel, groupLabel, index) {
  const rows = await revealActivityRowsUnder(page, groupLabel);
  assert.ok(rows.length > index, `"${groupLabel}" shows ${rows.length} activities`);
  const { index: listIndex, label } = rows[index];
  // A row's hover (its tooltip) can sit over the row to click: move away until it is gone.
  await page.mouse.move(5, 5);
  await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  await clickRowAt(page, listIndex, '.label-name'); // a Torq run's twistie expands it instead
  // Each activity opens in a panel of its own, titled "<title, cut at 40> — <source>".
  const title = label.split(',')[0].replace(/\s+/g, ' ').slice(0, 30).trim();
  const notFound = page.locator('.notifications-toasts .notification-toast', { hasText: 'command not found' }).first();
  const missing = notFound.waitFor({ timeout: 45000 }).then(
    async () => `clicking "${title}" in "${groupLabel}" reported a missing command: ${await notFound.textContent()}`,
    () => undefined,
  );
  const opened = webviewFrame(title).then(
    (frame) => frame.locator('h1.title', { hasText: title }).waitFor({ timeout: 30000 }).then(() => frame),
    (err) => err,
  );
  const first = await Promise.race([missing.then((m) => (m ? new Error(m) : opened)), opened]);
  if (first instanceof Error) throw first;
  assert.equal(await notFound.count(), 0, `clicking "${title}" in "${groupLabel}" reported a missing command`);
  assert.ok((await page.locator('.tabs-container .tab.active').textContent()).includes(sourceLabel), 'the payload panel names its source');
}

/** Expands everything under a source, then opens an activity of the first and of the last expanded group. */
async function expandAllAndClick(h, sourceLabel, first) {
  const { page, treeItem, webviewFrame, openView } = h;
  const expanded = await expandEveryGroup(page, treeItem, openView, sourceLabel);
  assert.ok(expanded.length >= 5, `expanded only ${JSON.stringify(expanded)}`);
  // Clicks come once the tree is quiet (counts and names updated), as in the report.
  await page.waitForTimeout(1500);
  const withActivities = [];
  for (const g of expanded) if ((await activityRowsUnder(page, g)).length >= 2) withActivities.push(g);
  assert.ok(withActivities.length >= 2, `groups with activities: ${JSON.stringify(withActivities)}`);
  await clickActivityIn(page, webviewFrame, sourceLabel, first ?? withActivities[0], 1);
  await clickActivityIn(page, webviewFrame, sourceLabel, withActivities[withActivities.length - 1], 0);
  return { expanded, withActivities };
}

// Tall enough that the list draws every row of a source with all its groups expanded (about 660
// rows of the Slack app), so that the test rarely scrolls: rows further down are reached with the wheel.
const TALL = { width: 1400, height: 16000 };

const PRODUCTS = [
  { source: 'Acme Torq', first: 'All events' },
  { source: 'Kudos (Slack app)', first: 'All activity' },
  { source: 'Acme SD Elements', first: 'All activities' },
];

/** The groups each product's test expanded, for the tail test that follows the Slack one. */
const expandedBy = new Map();

function everyGroupTest({ source, first }) {
  return async (h) => {
    await h.page.setViewportSize(TALL);
    const { expanded, withActivities } = await expandAllAndClick(h, source, first);
    expandedBy.set(source, withActivities);
    // Refresh the source with its inline action: everything under it reloads while staying expanded.
    await scrollListToTop(h.page); // the others are collapsed: the source row is there
    const sourceRow = h.page.locator(`${SIDEBAR} ${TREE_ROW}[aria-level="1"][aria-label^="${source.replace(/["\\]/g, '\\$&')}"]`).first();
    await sourceRow.hover();
    await sourceRow.locator('.actions a[aria-label^="Refresh"]').click();
    await h.page.waitForTimeout(3000);
    await clickActivityIn(h.page, h.webviewFrame, source, first, 1);
    await clickActivityIn(h.page, h.webviewFrame, source, withActivities[withActivities.length - 1], 0);
    assert.ok(expanded.includes(first));
  };
}

const [TORQ, SLACK, SDE] = PRODUCTS;
// The Slack app alone has 37 groups to open one after another (its runs, their steps, the traces):
// about 50 s on an idle machine, 120 s with two other processes keeping both CPUs busy.
module.exports.timeoutSeconds = 300;
const title = ({ source }) => `${source}: with every group expanded, clicking an activity opens it, also after a refresh`;
module.exports[title(TORQ)] = everyGroupTest(TORQ);
module.exports[title(SLACK)] = everyGroupTest(SLACK);

// Runs on the tree the Slack test left: every group of the app still expanded.
module.exports['Kudos (Slack app): with every group expanded, clicking still opens payloads after a live tail added entries'] = async (h) => {
  const { page, runCommand } = h;
  const groups = expandedBy.get(SLACK.source);
  assert.ok(groups && groups.length >= 2, 'the Slack test expanded the app first');
  await runCommand('Activity Logs: Start Tail');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 10000 });
  await input.fill('Kudos');
  await page.keyboard.press('Enter');
  await scrollListToTop(page); // the Slack test ended in its last group, far below "All activity"
  const group = page.locator(`${SIDEBAR} ${TREE_ROW}[aria-label^="All activity"]`).first();
  await page.waitForFunction((el) => /live/.test(el.getAttribute('aria-label')), await group.elementHandle(), { timeout: 30000 });
  const before = await activityRowsUnder(page, 'All activity');
  await control('POST', 'slack/activities', { appId: 'A0FAKEAPP1', count: 3, spreadMs: 300 });
  // The entries arrive as activity rows of the group (level 3), above those it had.
  const deadline = Date.now() + 30000;
  const activitiesOfAll = async () => rowsBelow(await drawnRows(page), (r) => r.name.startsWith('All activity')).below.filter((r) => r.level === 3 && r.expanded === null);
  while ((await activitiesOfAll()).length <= before.length) {
    if (Date.now() > deadline) throw new Error(`the live tail added no row to "All activity" (${before.length} before)`);
    await page.waitForTimeout(200);
  }
  try {
    await clickActivityIn(page, h.webviewFrame, SLACK.source, 'All activity', 0); // one that just arrived
    await clickActivityIn(page, h.webviewFrame, SLACK.source, 'All activity', 4);
    await clickActivityIn(page, h.webviewFrame, SLACK.source, groups[groups.length - 1], 0);
  } finally {
    await runCommand('Activity Logs: Stop Tail');
  }
};

module.exports[title(SDE)] = everyGroupTest(SDE);
