'use strict';
// Corporate networks: the editor's `http.proxy` (a real tinyproxy) carries every request, and an
// SD Elements instance whose certificate comes from a private CA works once the editor trusts that
// CA the usual way, NODE_EXTRA_CA_CERTS. Set up by scripts/testbed/network.js (loopback only).
const assert = require('assert');
const { proxyLogRequests } = require('../../scripts/testbed/network');

const URLS = JSON.parse(process.env.ACTIVITY_LOGS_TEST_URLS || '{}');
const proxied = () => proxyLogRequests(process.env.ACTIVITY_LOGS_TEST_PROXY_LOG);
const hostOf = (url) => new URL(url).host;
/** The tree is a virtualised list: rows below a long expanded group are not in the DOM. */
const collapseAll = (page) => page.locator('.part.sidebar .title-actions a[aria-label="Collapse All"], .part.sidebar .actions a[aria-label="Collapse All"]').first().click();

module.exports = {
  'Torq requests go through the http.proxy of the editor': async ({ openView, expand, treeItem }) => {
    await openView('Activity Logs');
    await expand('Torq via proxy');
    await expand('Workflow runs');
    await treeItem(/^Workflow '.+' (failed|succeeded|is running)/).first().waitFor({ timeout: 30000 });
    const viaProxy = proxied().filter((r) => r.includes(`http://${hostOf(URLS.api)}/`));
    assert.ok(viaProxy.some((r) => /^POST \S+\/v1\/auth\/token$/.test(r)), `the token request went through the proxy: ${JSON.stringify(viaProxy)}`);
    assert.ok(viaProxy.some((r) => /^GET .*activity_logs/.test(r)), `the activity log request went through the proxy: ${JSON.stringify(viaProxy)}`);
  },

  'SD Elements over HTTPS with a private CA trusted through NODE_EXTRA_CA_CERTS, tunnelled through the proxy': async ({ page, expand, screenshot }) => {
    await collapseAll(page);
    await expand('SD Elements (private CA)');
    await expand('All activities');
    // The first row under the group: an activity, or the error that took its place.
    const first = page.locator('[role="treeitem"][aria-level="3"]').first();
    await first.waitFor({ timeout: 30000 });
    assert.doesNotMatch(await first.getAttribute('aria-label'), /could not|failed to load|certificate/i);
    assert.ok(proxied().includes(`CONNECT ${hostOf(URLS.trusted)}`), `a CONNECT tunnel to ${hostOf(URLS.trusted)}: ${JSON.stringify(proxied())}`);
    await screenshot('network-private-ca');
  },

  'a certificate from a CA the editor does not trust is refused, and the tree says so': async ({ page, expand, treeItem, screenshot }) => {
    await collapseAll(page);
    await expand('SD Elements (untrusted CA)');
    await expand('All activities');
    const error = treeItem(/certificate|self[- ]signed|verify/i).first();
    await error.waitFor({ timeout: 60000 });
    assert.match(await error.textContent(), /SD Elements/, 'the error names the request that failed');
    await screenshot('network-untrusted-ca');
  },
};
