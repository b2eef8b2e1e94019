'use strict';
// The fake APIs' control routes (requests seen, faults), as the UI test files use them.
const assert = require('assert');

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;

async function control(method, route) {
  const res = await fetch(`${FAKE}/__control/${route}`, { method });
  assert.ok(res.ok, `${method} ${route}: ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}

/** The requests the fake answered for `api` whose path `pick` accepts. */
const requestsTo = async (api, pick) => (await control('GET', 'requests')).requests.filter((r) => r.api === api && pick(r.path));

module.exports = { FAKE, control, requestsTo };
