'use strict';
// SD Elements, from an activity to the objects it names, in a real VS Code (code-server in
// Chromium) on the fake APIs: Show Activities of This Project adds a group of only that project's
// activities (filtered by the API's `project` parameter), which can be cleared; the project link
// opens in the web UI from the payload panel and from the tree's context menu.
const assert = require('assert');
const { fromContextMenu } = require('./contextMenu');
const { escapeRegExp, expectOpenExternal, rowLabel, waitForRowsUnder, widenSidebar } = require('./treeRows');

const { control, FAKE, requestsTo } = require('./fakeControl');

const WAIT = 30000;

const activityListings = () => requestsTo('sde', (path) => path === '/api/v2/activities/');

module.exports = {
  'Show Activities of This Project shows only that project\'s activities, as a group that can be cleared; its link opens in the web UI': async ({ page, openView, treeItem, expand, screenshot, webviewFrame }) => {
    await openView('Activity Logs');
    await treeItem('Acme SD Elements').waitFor({ timeout: WAIT });
    await expand(/^Acme SD Elements/);
    await expand(/^All activities/);
    // An activity about a project that still exists: its text links it.
    const row = page.getByRole('treeitem', { name: /^\S.* created .+ in project .+?, / }).first();
    await row.waitFor({ timeout: WAIT });
    const project = / in project (.+)$/.exec(await rowLabel(row))[1];

    await control('DELETE', 'requests');
    await fromContextMenu(page, row, 'Show Activities of This Project');
    const groupName = `Project: ${project}`;
    await treeItem(new RegExp(`^${escapeRegExp(groupName)}`)).waitFor({ timeout: WAIT });
    const rows = (await waitForRowsUnder(page, groupName)).filter((r) => r.level === 1);
    assert.ok(rows.length > 0, 'the group lists activities');
    const others = rows.filter((r) => !r.label.includes(`project ${project}`));
    assert.deepEqual(others, [], `every row is about project ${project}`);
    const listed = await activityListings();
    assert.ok(listed.length > 0, 'the group asked the API');
    const ids = new Set(listed.map((r) => r.query.project?.[0]));
    assert.equal(ids.size, 1, `filtered on the server by one project id: ${JSON.stringify(listed.map((r) => r.query))}`);
    assert.match([...ids][0], /^\d+$/);
    const narrowSidebar = await widenSidebar(page);
    await screenshot('sde-objects');
    await narrowSidebar();

    // The payload panel's "Project: …" link asks to open the project's page on the instance.
    await treeItem(new RegExp(`^${escapeRegExp(rows[0].label)}`)).click();
    const frame = await webviewFrame(rows[0].label.slice(0, 20));
    const link = frame.locator('.actions-bar button', { hasText: groupName }).first();
    await link.waitFor({ timeout: WAIT });
    const url = await link.getAttribute('title');
    assert.equal(url, `${FAKE}/activity-redirect/32/${[...ids][0]}/`);
    await expectOpenExternal(page, () => link.click(), url);

    // So does the tree's Open Link in Web UI…, its links named by what they open.
    const first = page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(rows[0].label)}`) }).first();
    await fromContextMenu(page, first, 'Open Link in Web UI…');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: groupName }).first();
    await pick.waitFor({ timeout: WAIT });
    await expectOpenExternal(page, () => pick.click(), url);

    // Cleared, the group goes.
    const group = page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(groupName)}`) }).first();
    await fromContextMenu(page, group, 'Clear');
    await group.waitFor({ state: 'hidden', timeout: WAIT });
  },
};
