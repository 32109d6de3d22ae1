/**
 * TypeScript 5.4, from test/typescript-5.4/ (a package of its own: in the repository's node_modules its `tsc` bin
 * would shadow TypeScript 7's, which has no JavaScript API). The packaging test compiles an app with its tsc (the
 * oldest TypeScript the declarations support); scripts/public-api.ts reads the declarations with its compiler API.
 * .ci/run installs it; on a developer's machine the first caller does, one at a time (test files may run in parallel).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/typescript-5.4');
export const TYPESCRIPT_5_4_PACKAGE = path.join(FOLDER, 'node_modules/typescript');

/** The package folder of TypeScript 5.4, installed first when missing; throws with the command to run when it cannot be. */
export function ensureTypeScript54(): string {
  const tsc = path.join(TYPESCRIPT_5_4_PACKAGE, 'bin/tsc');
  if (existsSync(tsc)) return TYPESCRIPT_5_4_PACKAGE;
  const lock = path.join(FOLDER, '.installing');
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process is installing: wait for it (Atomics.wait sleeps without spinning).
      if (existsSync(tsc)) return TYPESCRIPT_5_4_PACKAGE;
      if (Date.now() > until) throw new Error(`TypeScript 5.4 is being installed by another process for 3 minutes; remove ${lock} if none is`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!existsSync(tsc)) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: FOLDER, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`TypeScript 5.4 is not installed and could not be (run \`npm ci --prefix test/typescript-5.4\`):\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return TYPESCRIPT_5_4_PACKAGE;
}
