/**
 * The tools installed apart from the repository's node_modules, each a package of its own under test/ with its
 * lockfile: test/typescript-5.4 (its tsc bin would shadow TypeScript 7's), test/angular-aot and test/framework-types
 * (they need TypeScript 5's JavaScript API, which 7 has not), test/node-versions (Node builds nothing else needs).
 * .ci/run installs them; on a developer's machine the first caller does, one process at a time: server test files
 * run in parallel, and two `npm ci` in one folder at once leave it broken.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The version of `name` installed in `folder`'s node_modules, or undefined. */
export function installedVersion(folder: string, name: string): string | undefined {
  const file = path.join(folder, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

/**
 * Runs `npm ci` in `folder` unless `installed()` already holds; throws naming `what` and the command to run when the
 * install fails or leaves `installed()` false.
 *
 * The lock is the folder `.installing`, holding the installer's pid. While it is there nobody trusts `installed()`:
 * `npm ci` writes each package in place, so the files it looks for can be there before the rest (a package.json half
 * written, a Node binary still being written: ETXTBSY). A lock whose process has gone (Ctrl-C during the first
 * install, which stops its npm too) is taken over, rather than waited on for 3 minutes by every later run: in place
 * (never removed, or a caller coming meanwhile would trust `installed()`), and its install, stopped part-way, is run
 * again whatever `installed()` says (a Node binary cut short is there all the same).
 */
export function ensureSeparateInstall(folder: string, what: string, installed: () => boolean): void {
  const lock = path.join(folder, '.installing');
  // installed() first, the lock after: a lock missing before installed() looks says nothing of what it finds (another
  // caller can take the lock and its npm ci write those files in between); one missing after says no install was
  // writing when installed() looked or it has finished. Asked while another may be writing, it may meet a
  // package.json half written: that is not installed yet.
  if (installedNow(installed) && !existsSync(lock)) return;
  const command = `npm ci --prefix ${path.relative(path.resolve(folder, '../..'), folder)}`;
  const until = Date.now() + 180_000;
  let tookOver = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another process is installing: wait for it to finish (Atomics.wait sleeps without spinning).
      if ((tookOver = takeIfAbandoned(lock))) break;
      if (Date.now() > until) throw new Error(`${what} has been being installed by another process for 3 minutes; remove ${lock} if none is`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    if (tookOver || !installed()) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: folder, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${what} is not installed and could not be (run \`${command}\`):\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`\`${command}\` ran but ${what} is still not there: see ${path.join(folder, 'package.json')}`);
}

/** `installed()`, false where it throws (a package.json another process is still writing does not parse). */
function installedNow(installed: () => boolean): boolean {
  try {
    return installed();
  } catch {
    return false;
  }
}

/**
 * Who holds `lock`: its pid; 0 for one without a pid made more than 10 s ago (its process was killed between making
 * it and writing its pid, or an earlier version of this script made it, which wrote none); undefined while the lock
 * is being made, or when there is none.
 */
function holderOf(lock: string): number | undefined {
  try {
    return Number(readFileSync(path.join(lock, 'pid'), 'utf8')) || undefined;
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs > 10_000 ? 0 : undefined;
    } catch {
      return undefined;
    }
  }
}

const running = (pid: number) => {
  if (pid === 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes `lock` over (its pid this process's) when the process that holds it is no longer running; true if it did.
 * Under a second lock, so that of two waiters who find it abandoned, the second cannot take the lock the first has.
 */
function takeIfAbandoned(lock: string): boolean {
  const holder = holderOf(lock);
  if (holder === undefined || running(holder)) return false;
  const taking = `${lock}-taking`;
  try {
    mkdirSync(taking);
  } catch {
    return false;
  }
  try {
    if (holderOf(lock) !== holder) return false;
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } finally {
    rmSync(taking, { recursive: true, force: true });
  }
}
