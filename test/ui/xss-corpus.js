'use strict';
// The OWASP-style payloads the payload panel must show as text: used by the standalone page check
// (payload-standalone.js) and the check in the real VS Code (security.ui.js). A payload that runs
// increments window.__xss, which the checks read.
const X = 'window.__xss=(window.__xss||0)+1';

const XSS = [
  `<img src=x onerror="${X}">`,
  `<script>${X}</script>`,
  `"><svg onload="${X}">`,
  `javascript:${X}`,
  `'><iframe src="javascript:${X}"></iframe>`,
  `<a href="javascript:${X}">click</a>`,
  `</style><script>${X}</script><style>`,
  `<math><mi xlink:href="javascript:${X}">x</mi></math>`,
  `<details open ontoggle="${X}">`,
  `<body onload="${X}">`,
  `{{constructor.constructor('${X}')()}}`,
  `\u2028\u2029<img src=x onerror=${X}>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${X}">`,
  `<object data="data:text/html,<script>${X}</script>"></object>`,
];

module.exports = { X, XSS };
