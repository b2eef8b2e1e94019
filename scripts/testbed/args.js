'use strict';
// Tiny command-line parsing shared by the runners: --name value, --flag, repeatable --env K=V.
const fs = require('fs');

/**
 * @param {string[]} argv
 * @param {{flags?: string[], repeat?: string[]}} spec names of boolean flags and repeatable options
 */
function parseArgs(argv, spec = {}) {
  const flags = new Set(spec.flags || []);
  const repeat = new Set(spec.repeat || []);
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    let [name, value] = a.slice(2).split(/=(.*)/s);
    if (flags.has(name)) {
      out[name] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) value = argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (repeat.has(name)) (out[name] = out[name] || []).push(value);
    else out[name] = value;
  }
  return out;
}

/** --settings accepts inline JSON or a path to a JSON file. */
function jsonArg(value) {
  if (value === undefined) return undefined;
  const text = value.trim().startsWith('{') ? value : fs.readFileSync(value, 'utf8');
  return JSON.parse(text);
}

/** ["K=V", ...] -> {K: V} */
function envArg(list = []) {
  const env = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i < 1) throw new Error(`--env expects KEY=VALUE, got ${kv}`);
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

module.exports = { parseArgs, jsonArg, envArg };
