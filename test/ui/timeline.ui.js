'use strict';
// The Timeline view in a real VS Code (code-server in Chromium) on the fake APIs: every demo
// source's rows in one list, newest first; "Load more" asks one source only (counted at the fake
// server); a filter in the search language; Show Around This Time from the tree's context menu
// centres the timeline on a Torq workflow change, marked as one.
const assert = require('assert');
const { fromContextMenu } = require('./contextMenu');
const { control } = require('./fakeControl');

const WAIT = 30000;
const SOURCES = { 'Acme Torq': 'torq', 'Kudos (Slack app)': 'slack', 'Acme SD Elements': 'sde' };
const LISTING = /activity_logs|audit_logs|apps\.activities\.list|\/api\/v2\/activities\//;


/** A pane of the Activity Logs container, by its title. */
const pane = (page, title) => page.locator('.pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${title}$`) }) });

/** Expands (or collapses) a pane by clicking its header, until it is as asked. */
async function setExpanded(page, title, expanded) {
  const header = pane(page, title).locator('.pane-header').first();
  await header.waitFor({ timeout: WAIT });
  for (let i = 0; i < 5 && (await header.getAttribute('aria-expanded')) !== String(expanded); i++) {
    await header.click({ position: { x: 60, y: 10 } });
    await page.waitForFunction(([el, want]) => el.getAttribute('aria-expanded') === want, [await header.elementHandle(), String(expanded)], { timeout: 5000 }).catch(() => {});
  }
  assert.equal(await header.getAttribute('aria-expanded'), String(expanded), `${title} ${expanded ? 'expanded' : 'collapsed'}`);
}

/** Drags the sash between the sidebar and the editor so that a row's source and time are in view. */
async function widenSidebar(page, width) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const edge = sidebar.x + sidebar.width;
  if (edge >= width) return;
  // The sash lies on the sidebar's right edge.
  await page.mouse.move(edge + 1, sidebar.y + sidebar.height / 2);
  await page.mouse.down();
  await page.mouse.move(width, sidebar.y + sidebar.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** What a timeline row's accessible name says: `title, [change|failed|running,] source, time`. */
function parseRow(label) {
  const source = Object.keys(SOURCES).find((s) => label.includes(`, ${s}, `));
  const time = /(\d{2}):(\d{2}):(\d{2})\.(\d+)$/.exec(label);
  return { label, source, change: / ?, change, /.test(label), seconds: time ? +time[1] * 3600 + +time[2] * 60 + +time[3] + Number(`0.${time[4]}`) : undefined };
}

/** Every row of the timeline down to its "Load more" (the list draws only what is in view: it is scrolled). */
async function timelineRows(page) {
  const tree = pane(page, 'Timeline').locator('.monaco-list').first();
  const byPosition = new Map();
  for (let i = 0; i < 100; i++) {
    const rows = await tree.locator('[role="treeitem"]').evaluateAll((els) => els.map((el) => [Number(el.getAttribute('aria-posinset')), el.getAttribute('aria-label') || '']));
    const before = byPosition.size;
    for (const [at, label] of rows) byPosition.set(at, label);
    if ([...byPosition.values()].some((l) => /^(Load more…|Nothing)/.test(l))) break;
    // The end of the list: a scroll brought no new row (the first pass always scrolls).
    if (i > 0 && byPosition.size === before) break;
    await tree.hover();
    await page.mouse.wheel(0, 300);
    // The list redraws on the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  return [...byPosition.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
}

/** Newest first by time of day, allowing one wrap past midnight. */
function assertNewestFirst(rows) {
  let wraps = 0;
  for (let i = 1; i < rows.length; i++) if (rows[i].seconds > rows[i - 1].seconds) wraps++;
  assert.ok(wraps <= 1 && (wraps === 0 || rows[0].seconds < 3600), `rows newest first: ${rows.map((r) => r.seconds).join(' ')}`);
}

const listingRequests = async () => (await control('GET', 'requests')).requests.filter((r) => LISTING.test(r.path));

module.exports = {
  'the timeline shows rows of all three sources newest first, and Load more asks one source only': async ({ page, openView, runCommand, treeItem, screenshot }) => {
    await openView('Activity Logs');
    await treeItem('Acme Torq').waitFor({ timeout: WAIT });
    // The view is hidden until opened (from the Sources title bar or the palette).
    assert.equal(await pane(page, 'Timeline').count(), 0, 'no Timeline view before it is opened');
    await runCommand('Activity Logs: Open Timeline');
    await setExpanded(page, 'Timeline', true);
    await setExpanded(page, 'Sources', false);
    await widenSidebar(page, 760);
    const timeline = pane(page, 'Timeline');
    await timeline.getByRole('treeitem', { name: /^Load more…/ }).or(timeline.getByRole('treeitem').nth(20)).first().waitFor({ timeout: WAIT });
    await page.mouse.move(900, 450); // no hover over the list in the picture
    await screenshot('timeline');

    const labels = await timelineRows(page);
    let more = labels[labels.length - 1];
    assert.match(more, /^Load more…, 50 shown/);
    const rows = labels.slice(0, -1).map(parseRow);
    assert.equal(rows.length, 50, 'the first screen');
    assert.ok(rows.every((r) => r.source && r.seconds !== undefined), `every row names its source and time: ${rows.filter((r) => !r.source).map((r) => r.label)[0]}`);
    assert.deepEqual([...new Set(rows.map((r) => r.source))].sort(), Object.keys(SOURCES).sort(), 'all three demo sources');
    assertNewestFirst(rows);

    const loadMore = async (shown) => {
      await control('DELETE', 'requests');
      await timeline.getByRole('treeitem', { name: /^Load more…/ }).click();
      // More rows in the list (the "Load more" row itself moves out of view).
      await page.waitForFunction(([list, n]) => Number(list.querySelector('[role="treeitem"]')?.getAttribute('aria-setsize')) > n + 1, [await timeline.locator('.monaco-list').first().elementHandle(), shown], { timeout: WAIT });
      return listingRequests();
    };
    // While every source still holds rows already read, Load more shows them and asks no one.
    let shown = 50;
    for (; !/ · next page of /.test(more); shown += 50) {
      assert.ok(shown < 300, `Load more names a source that ran out within 300 rows: ${more}`);
      const asked = await loadMore(shown);
      assert.deepEqual(asked, [], `no request while the sources' pages last (${more}): ${asked.map((r) => `${r.api} ${r.path} ${JSON.stringify(r.query)}`).join(', ')}`);
      const now = await timelineRows(page);
      more = now[now.length - 1];
    }
    // Then the row names the source that ran out, and the fake server sees one request, to it.
    const from = /next page of (.+)$/.exec(more)[1];
    const asked = await loadMore(shown);
    assert.deepEqual(asked.map((r) => r.api), [SOURCES[from]], `one listing request, to ${from}: ${asked.map((r) => `${r.api} ${r.path}`).join(', ')}`);
  },

  'a filter in the search language narrows the timeline and shows in the title; clearing it shows everything': async ({ page, runCommand }) => {
    const timeline = pane(page, 'Timeline');
    await runCommand('Activity Logs: Filter Timeline…');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('level:loud');
    await page.locator('.quick-input-widget', { hasText: '"level:loud" is not a level' }).waitFor({ timeout: WAIT });
    await input.fill('status:failed');
    await page.keyboard.press('Enter');
    await timeline.locator('.pane-header', { hasText: 'status:failed' }).waitFor({ timeout: WAIT });
    // The rows of the filtered list replace those of the whole one.
    const list = await timeline.locator('.monaco-list').first().elementHandle();
    const onlyFailures = (el) => {
      const rows = [...el.querySelectorAll('[role="treeitem"]')].map((r) => r.getAttribute('aria-label') || '').filter((l) => !/^(Load more…|Nothing)/.test(l));
      return rows.length > 3 && rows.every((l) => /, failed, /.test(l));
    };
    await page.waitForFunction(onlyFailures, list, { timeout: WAIT });
    const sources = await timeline.getByRole('treeitem').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') || ''));
    assert.ok(sources.some((l) => /, Acme Torq, /.test(l)), 'Torq failures among them');

    await timeline.locator('.pane-header .action-label[aria-label="Clear Timeline Filter"]').click();
    await page.waitForFunction((el) => !/status:failed/.test(el.textContent), await timeline.locator('.pane-header').elementHandle(), { timeout: WAIT });
  },

  'clicking a row opens its payload; Show Around This Time in the panel\'s title bar centres the timeline on it': async ({ page, runCommand, webviewFrame }) => {
    const timeline = pane(page, 'Timeline');
    // A failed Torq row wholly in view: one half under the view's header takes no click.
    const list = timeline.locator('.monaco-list').first();
    const label = await list.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const bottom = el.getBoundingClientRect().bottom;
      const rows = [...el.querySelectorAll('[role="treeitem"]')].filter((r) => r.getBoundingClientRect().top >= top && r.getBoundingClientRect().bottom <= bottom);
      return rows.map((r) => r.getAttribute('aria-label') || '').find((l) => /, failed, Acme Torq, /.test(l));
    });
    assert.ok(label, 'a failed Torq run in view');
    const row = timeline.getByRole('treeitem', { name: label, exact: true });
    const title = label.split(', ')[0];
    await row.click();
    const frame = await webviewFrame('Acme Torq');
    await frame.locator('h1.title', { hasText: title }).waitFor({ timeout: WAIT });
    await page.locator('.part.editor a.action-label[aria-label^="Show Around This Time"]').first().click();
    await timeline.locator('.pane-header', { hasText: '±5 min around' }).waitFor({ timeout: WAIT });
    await timeline.locator('.monaco-list-row.selected[role="treeitem"]').filter({ hasText: title }).waitFor({ timeout: WAIT });
    await runCommand('View: Close All Editors');
  },

  'Show Around This Time on a workflow change in the tree centres the timeline on it, marked as a change': async ({ page, expand, screenshot }) => {
    await setExpanded(page, 'Sources', true);
    const sources = pane(page, 'Sources');
    await expand(/^Acme Torq/);
    await expand(/^Audit log/);
    const change = sources.getByRole('treeitem', { name: /^Workflow (created|updated|published|edited|reverted|enabled|disabled) '/ }).first();
    await change.waitFor({ timeout: WAIT });
    const title = (await change.getAttribute('aria-label')).split(', ')[0];
    await fromContextMenu(page, change, 'Show Around This Time');

    const timeline = pane(page, 'Timeline');
    await timeline.locator('.pane-header', { hasText: '±5 min around' }).waitFor({ timeout: WAIT });
    const selected = timeline.locator('.monaco-list-row.selected[role="treeitem"]').filter({ hasText: title.slice(0, 20) });
    await selected.waitFor({ timeout: WAIT });
    const centre = parseRow(await selected.getAttribute('aria-label'));
    assert.ok(centre.label.startsWith(`${title}, change, Acme Torq, `), `the change is selected and marked: ${centre.label}`);
    await setExpanded(page, 'Sources', false);
    await selected.waitFor({ timeout: WAIT });
    await page.mouse.move(900, 450); // no hover over the list in the picture
    await screenshot('timeline-around');

    const labels = await timelineRows(page);
    const rows = labels.filter((l) => !/^(Load more…|Nothing)/.test(l)).map(parseRow);
    assert.ok(rows.length > 1, `rows around the change: ${labels.join(' | ')}`);
    assert.ok(rows.some((r) => r.label === centre.label));
    const distance = (r) => Math.min(Math.abs(r.seconds - centre.seconds), 86400 - Math.abs(r.seconds - centre.seconds));
    assert.ok(rows.every((r) => distance(r) <= 5 * 60 + 1), `every row within ±5 min: ${rows.map((r) => r.seconds - centre.seconds).join(' ')}`);
    assertNewestFirst(rows);
  },

  'a pinned search opens as a timeline from its group\'s context menu': async ({ page, runCommand, expand, treeItem }) => {
    await setExpanded(page, 'Sources', true);
    await runCommand('Activity Logs: Search…');
    const query = 'source:kudos-app level:error';
    await page.locator('.quick-input-widget input.input').fill(query);
    await page.locator('.quick-input-widget a.action-label[aria-label^="Pin this search"]').click();
    await page.keyboard.press('Escape');
    const sources = pane(page, 'Sources');
    // Room for the Slack source's groups: Acme Torq (opened for the audit log) is closed again.
    const torq = sources.getByRole('treeitem', { name: /^Acme Torq/ }).first();
    if ((await torq.getAttribute('aria-expanded')) === 'true') await torq.locator('.monaco-tl-twistie').click();
    await expand(/^Kudos \(Slack app\)/);
    const pinned = sources.getByRole('treeitem', { name: new RegExp(`^${query}`) }).first();
    await pinned.waitFor({ timeout: WAIT });
    try {
      await fromContextMenu(page, pinned, 'Open Pinned Search as Timeline');
      const timeline = pane(page, 'Timeline');
      await timeline.locator('.pane-header', { hasText: query }).waitFor({ timeout: WAIT });
      const list = await timeline.locator('.monaco-list').first().elementHandle();
      // Only the Slack app's errors, once the filtered list has replaced the one around the change.
      await page.waitForFunction((el) => {
        const rows = [...el.querySelectorAll('[role="treeitem"]')].map((r) => r.getAttribute('aria-label') || '').filter((l) => !/^(Load more…|Nothing)/.test(l));
        return rows.length > 0 && rows.every((l) => /, failed, Kudos \(Slack app\), /.test(l));
      }, list, { timeout: WAIT });
    } finally {
      await fromContextMenu(page, pinned, 'Unpin Search');
      await page.waitForFunction((q) => ![...document.querySelectorAll('[role="treeitem"]')].some((r) => (r.getAttribute('aria-label') || '').startsWith(q)), query, { timeout: WAIT });
    }
    await treeItem(/^Errors/).waitFor({ timeout: WAIT });
  },

  'Close Timeline hides the view again, leaving the Sources view as it was': async ({ page, runCommand, treeItem }) => {
    await runCommand('Activity Logs: Close Timeline');
    await pane(page, 'Timeline').waitFor({ state: 'detached', timeout: WAIT });
    await treeItem('Acme Torq').waitFor({ timeout: WAIT });
  },
};
