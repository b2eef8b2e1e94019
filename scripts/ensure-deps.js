'use strict';
// Installs the npm dependencies on a fresh clone, so that `npm test`, `npm run demo` and
// `npm run package` are the only commands a newcomer needs. Uses only Node's own modules: it runs
// before anything from node_modules can be required.
//   node scripts/ensure-deps.js        (or require('./ensure-deps').ensureDependencies())
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');

/** Names from package.json (dependencies and devDependencies) that node_modules lacks. */
function missingPackages() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => !fs.existsSync(path.join(ROOT, 'node_modules', name, 'package.json')));
}

function ensureDependencies() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const modules = path.join(ROOT, 'node_modules');
  // A node_modules linked from elsewhere is someone else's install: say what it lacks, leave it alone.
  if (fs.existsSync(modules) && fs.lstatSync(modules).isSymbolicLink()) {
    throw new Error(`node_modules (a link to ${fs.realpathSync(modules)}) lacks ${missing.join(', ')}: run \`npm ci\` there`);
  }
  console.log(`Installing npm dependencies (npm ci; missing: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})…`);
  execSync('npm ci --no-audit --no-fund', { cwd: ROOT, stdio: 'inherit' });
}

module.exports = { ensureDependencies, missingPackages };

if (require.main === module) {
  try {
    ensureDependencies();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
