/**
 * The tools installed apart from the repository's node_modules, each a package of its own under test/ with its
 * lockfile: test/typescript-5.4 (its tsc bin would shadow TypeScript 7's), test/angular-aot and test/framework-types
 * (they need TypeScript 5's JavaScript API, which 7 has not), test/node-versions (Node builds nothing else needs).
 * .ci/run installs them; on a developer's machine the first caller does, one process at a time: server test files
 * run in parallel, and two `npm ci` in one folder at once leave it broken.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The version of `name` installed in `folder`'s node_modules, or undefined. */
export function installedVersion(folder: string, name: string): string | undefined {
  const file = path.join(folder, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

/**
 * Runs `npm ci` in `folder` unless `installed()` already holds; throws naming `what` and the command to run when the
 * install fails or leaves `installed()` false.
 */
export function ensureSeparateInstall(folder: string, what: string, installed: () => boolean): void {
  if (installed()) return;
  const command = `npm ci --prefix ${path.relative(path.resolve(folder, '../..'), folder)}`;
  const lock = path.join(folder, '.installing');
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process is installing: wait for it (Atomics.wait sleeps without spinning).
      if (installed()) return;
      if (Date.now() > until) throw new Error(`${what} has been being installed by another process for 3 minutes; remove ${lock} if none is`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!installed()) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: folder, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${what} is not installed and could not be (run \`${command}\`):\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`\`${command}\` ran but ${what} is still not there: see ${path.join(folder, 'package.json')}`);
}
