/** The repository's root, found from the compiled test's own place (out/test/…) whatever folder it sits in. */
import * as fs from 'fs';
import * as path from 'path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No repository root above ${from}`);
  }
}

export const REPO_ROOT = findRoot(__dirname);
