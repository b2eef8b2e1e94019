'use strict';
// Helpers for scripts/demo.js and scripts/test.js: the code-server test bed (scripts/testbed/).
//
//   const tb = require('./demo-lib');
//   tb.ensureTestbed();                                  // installs once (minutes), then a no-op
//   const server = await tb.startCodeServer({ workspace, settings, env, extensionPath });
//   console.log(server.url());                           // open in a browser
//   ...
//   await tb.stop();                                     // every server and browser started here
module.exports = require('./testbed');
