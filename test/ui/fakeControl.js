'use strict';
// The fake APIs' control routes (requests seen, faults), as the UI test files use them.
const assert = require('assert');

const FAKE = process.env.ACTIVITY_LOGS_FAKE_API_URL;

/** Calls a control route (a JSON `body` if given); its JSON answer, or undefined when it has none. */
async function control(method, route, body) {
  const res = await fetch(`${FAKE}/__control/${route}`, { method, headers: body ? { 'Content-Type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined });
  assert.ok(res.ok, `${method} ${route}: ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** The requests the fake answered for `api` whose path `pick` accepts. */
const requestsTo = async (api, pick) => (await control('GET', 'requests')).requests.filter((r) => r.api === api && pick(r.path));

module.exports = { FAKE, control, requestsTo };
