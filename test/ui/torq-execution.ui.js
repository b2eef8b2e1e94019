'use strict';
// A Torq run expands into its execution in a real VS Code (code-server in Chromium) on the fake
// APIs: its status and last step appear under the run, asked for only when it is expanded, and
// its trigger event opens as JSON.
const assert = require('assert');

const { control, requestsTo } = require('./fakeControl');

const WAIT = 30000;

const executionRequests = () => requestsTo('torq', (path) => path.startsWith('/public/v1alpha/executions/'));

module.exports = {
  'a failed Torq run expands into its status, last step and error; its trigger event opens as JSON': async ({ page, openView, treeItem, expand }) => {
    await openView('Activity Logs');
    await treeItem('Acme Torq').waitFor({ timeout: WAIT });
    await control('DELETE', 'requests');
    await expand(/^Acme Torq/);
    await expand(/^Failures/);
    const run = page.getByRole('treeitem', { name: /^Workflow '.+' failed/ }).first();
    await run.waitFor({ timeout: WAIT });
    assert.equal(await run.getAttribute('aria-expanded'), 'false', 'a run is collapsible');
    assert.deepEqual(await executionRequests(), [], 'listing asks for no execution');

    await run.locator('.monaco-tl-twistie').click();
    await treeItem(/^Status: FAILED/).waitFor({ timeout: WAIT });
    await treeItem(/^Last step: .+/).waitFor({ timeout: WAIT });
    await treeItem(/^Error: .+/).waitFor({ timeout: WAIT });
    const asked = (await executionRequests()).map((r) => r.path).sort();
    assert.equal(asked.length, 2, `the execution and its event, once: ${asked.join(', ')}`);
    assert.ok(asked[1].endsWith('/event'), asked.join(', '));

    await treeItem('Trigger event', { exact: true }).click();
    const editor = page.locator('.editor-instance .view-lines');
    await page.waitForFunction(() => /"pretty_id"/.test(document.querySelector('.editor-instance .view-lines')?.textContent ?? ''), null, { timeout: WAIT });
    assert.match(await editor.first().textContent(), /"id"/);
  },
};
