/**
 * Compare Payloads in the test bed: milliseconds from the menu's Enter to the first painted
 * difference of two 5 MB payloads, measured by test/ui/bench/compare-timing.ui.js in a real VS Code
 * (code-server in Chromium) and read back from test-results/compare-timing.json.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './common';

export interface DiffEditorTiming {
  readonly textMs: number;
  readonly diffMs?: number;
  readonly payloadBytes?: readonly number[];
}

export interface DiffEditorResult {
  /** Open as JSON Document of one of the payloads: the floor of a diff of two. */
  readonly oneDocument: DiffEditorTiming;
  readonly mostlySame: DiffEditorTiming;
  readonly differentThroughout: DiffEditorTiming;
}

const FILE = path.join('test', 'ui', 'bench', 'compare-timing.ui.js');
const RESULT = path.join(ROOT, 'test-results', 'compare-timing.json');

/** Runs the timing in the test bed; undefined (with why, logged) when it could not run. */
export function measureDiffEditor(log: (line: string) => void): DiffEditorResult | undefined {
  fs.rmSync(RESULT, { force: true });
  const run = spawnSync(process.execPath, [path.join('scripts', 'ui-tests.js'), FILE], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (run.status !== 0 || !fs.existsSync(RESULT)) {
    log(`  the test bed run failed (exit ${run.status}); install it with node scripts/testbed/install.js. Its output:\n${(run.stdout ?? '').slice(-2000)}`);
    return undefined;
  }
  const figures = JSON.parse(fs.readFileSync(RESULT, 'utf8')) as Record<string, DiffEditorTiming>;
  return {
    oneDocument: figures['one document (Open as JSON Document)'],
    mostlySame: figures['mostly the same'],
    differentThroughout: figures['different throughout'],
  };
}
