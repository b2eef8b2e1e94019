'use strict';
// A Torq run started by another links to its parent, and the parent lists the runs it started, in
// a real VS Code (code-server in Chromium) on the fake APIs; Open in Web UI on a run, or on a child
// run's row, asks to open that execution's page.
const assert = require('assert');
const { fromContextMenu } = require('./contextMenu');
const { escapeRegExp, expectOpenExternal, rowLabel, waitForRowsUnder, widenSidebar } = require('./treeRows');

const { control, requestsTo } = require('./fakeControl');

const WAIT = 30000;

const executionsAsked = async () => (await requestsTo('torq', (path) => path.startsWith('/public/v1alpha/executions/'))).map((r) => r.path);

/** The tree row that is selected (revealed by a command). */
const selectedRow = (page) => page.locator('.part.sidebar [role="treeitem"][aria-selected="true"]').first();

module.exports = {
  'a child run links to its parent, the parent lists the runs it started, and Open in Web UI asks for its execution page': async ({ page, openView, treeItem, expand, screenshot, webviewFrame }) => {
    await openView('Activity Logs');
    await treeItem('Acme Torq').waitFor({ timeout: WAIT });
    await expand(/^Acme Torq/);
    await expand(/^Failures/);

    // A failed "Enrich IOC" run was started by a "Phishing triage" run: expanded, it names it.
    const child = page.getByRole('treeitem', { name: /^Workflow 'Enrich IOC' failed/ }).first();
    await child.waitFor({ timeout: WAIT });
    const childTitle = await rowLabel(child);
    await child.locator('.monaco-tl-twistie').click();
    const parentLink = treeItem(/^Parent execution: 'Phishing triage'/);
    await parentLink.waitFor({ timeout: WAIT });

    // Clicking it opens the parent and shows where it is in the tree.
    await parentLink.click();
    const frame = await webviewFrame("Workflow 'Phishing triage'");
    await frame.locator('h1.title', { hasText: "Workflow 'Phishing triage'" }).waitFor({ timeout: WAIT });
    await page.locator('.part.sidebar [role="treeitem"][aria-selected="true"]', { hasText: "Workflow 'Phishing triage' failed" }).waitFor({ timeout: WAIT });
    const parentTitle = await rowLabel(selectedRow(page));

    // The parent, expanded, lists the runs it started: the failed child among them.
    await control('DELETE', 'requests');
    await selectedRow(page).locator('.monaco-tl-twistie').click();
    await treeItem(/^Child run: /).waitFor({ timeout: WAIT });
    const under = await waitForRowsUnder(page, parentTitle);
    const children = under.filter((r) => r.level === 1 && r.label.startsWith('Child run: ')).map((r) => r.label);
    assert.ok(children.length >= 1, `the parent lists its child runs: ${under.map((r) => r.label).join(' | ')}`);
    assert.ok(children.every((l) => l.startsWith("Child run: Workflow 'Enrich IOC' ")), children.join(' | '));
    assert.ok(children.includes(`Child run: ${childTitle}`), `the child we came from is listed: ${children.join(' | ')}`);
    const asked = await executionsAsked();
    const parentExecution = /^\/public\/v1alpha\/executions\/([^/]+)$/.exec(asked.find((p) => !p.endsWith('/event')) ?? '')?.[1];
    assert.ok(parentExecution, `expanding the parent asked for its execution: ${asked.join(', ')}`);
    const narrowSidebar = await widenSidebar(page);
    await screenshot('torq-execution');
    await narrowSidebar();

    // A child row has its run's menu: Open in Web UI asks for the child's execution page, not the parent's.
    const childRow = treeItem(new RegExp(`^Child run: ${escapeRegExp(childTitle)}`));
    const childUrl = await expectOpenExternal(page, () => fromContextMenu(page, childRow, 'Open in Web UI'), /https:\/\/app\.torq\.io\/workflows\/[\w-]+\/executions\/[\w-]+/);
    assert.ok(!childUrl.endsWith(`/executions/${parentExecution}`), childUrl);

    // A child row opens that run.
    await treeItem(new RegExp(`^Child run: ${escapeRegExp(childTitle)}`)).click();
    await page.locator('.part.sidebar [role="treeitem"][aria-selected="true"]', { hasText: childTitle }).waitFor({ timeout: WAIT });

    // Open in Web UI on the parent asks to open its execution's page, built by the URL template.
    const parentRow = page.getByRole('treeitem', { name: parentTitle }).first();
    const url = await expectOpenExternal(page, () => fromContextMenu(page, parentRow, 'Open in Web UI'), new RegExp(`https://app\\.torq\\.io/workflows/[\\w-]+/executions/${parentExecution}`));
    assert.ok(url.endsWith(`/executions/${parentExecution}`), url);
  },
};
