/** The house rule: only the UI layer imports `vscode`, so core and sources run in plain Node. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../support/paths';

const root = REPO_ROOT;
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('layering', () => {
  for (const layer of ['src/core', 'src/sources']) {
    it(`${layer} does not import vscode`, () => {
      const files = tsFiles(path.join(root, layer));
      assert.ok(files.length > 0, `${layer} has no files: the check would pass vacuously`);
      const offenders = files.filter((f) => IMPORTS_VSCODE.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f));
      assert.deepEqual(offenders, []);
    });
  }

  it('the check itself recognises every import form', () => {
    for (const line of [`import * as vscode from 'vscode';`, `import { window } from "vscode"`, `const v = require('vscode')`, `await import('vscode')`]) {
      assert.ok(IMPORTS_VSCODE.test(line), line);
    }
    assert.ok(!IMPORTS_VSCODE.test(`import { z } from 'zod'; // not vscode-extension`));
  });
});
