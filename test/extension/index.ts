// Suite index run inside the VS Code extension host (extensionTestsPath). Both runners use it:
// scripts/testbed/run-extension-tests.js (code-server, CI) and
// scripts/testbed/run-electron-tests.js (@vscode/test-electron, a desktop machine).
//
// It runs every out/test/extension/**/*.test.js with mocha and prints, last, a line
// `N passed, N failed` plus a machine-readable RESULT_MARKER line the code-server runner parses.
// ACTIVITY_LOGS_TEST_GREP (environment of the extension host) filters tests by title.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export const RESULT_MARKER = '[activity-logs-tests] result';

function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env.ACTIVITY_LOGS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? 0;
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed, pending: runner.stats?.pending ?? 0 })}`);
        console.log(`${passed} passed, ${failed} failed`);
        if (failed > 0) reject(new Error(`${failed} test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}
