/**
 * scripts/separate-install.ts, the "npm ci when missing, one process at a time" step of the separate installs under
 * test/ (test/node-versions, test/framework-types, test/angular-aot, test/typescript-5.4), as two test files running
 * in parallel meet it on a developer's first run: each caller is a process of its own, and `npm` is a stand-in on
 * PATH that installs in two steps (the file the caller looks for first, the rest seconds later), as `npm ci` writes
 * each package in place.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './readme-blocks.js';

let work: string;
let caller: string;
let env: NodeJS.ProcessEnv;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'separate-install-'));
  mkdirSync(path.join(work, 'bin'));
  writeFileSync(
    path.join(work, 'bin/npm'),
    '#!/bin/sh\necho "$@" >> runs.log\nmkdir -p node_modules/tool\necho \'{"version":"1.0.0"}\' > node_modules/tool/package.json\nsleep 3\necho done > node_modules/tool/complete\n',
  );
  chmodSync(path.join(work, 'bin/npm'), 0o755);
  caller = path.join(work, 'caller.ts');
  writeFileSync(
    caller,
    `import { existsSync, writeFileSync } from 'node:fs';
import { ensureSeparateInstall, installedVersion } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'scripts/separate-install.ts')).href)};
const folder = process.argv[2]!;
// OMNEO_TEST_PAUSE_FIRST_CHECK: the first installed() stops until another caller's install has begun writing, as a
// process the machine put aside for a moment between two steps would (it says so in a file, for the test to go on).
let checks = 0;
ensureSeparateInstall(folder, 'the tool', () => {
  if (process.env.OMNEO_TEST_PAUSE_FIRST_CHECK && checks++ === 0) {
    writeFileSync(folder + '/paused', '');
    for (let waited = 0; !existsSync(folder + '/node_modules/tool/package.json') && waited < 20_000; waited += 20) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  return installedVersion(folder, 'tool') === '1.0.0';
});
console.log(JSON.stringify({ complete: existsSync(folder + '/node_modules/tool/complete') }));
`,
  );
  env = { ...process.env, PATH: `${path.join(work, 'bin')}${path.delimiter}${process.env.PATH}` };
});

after(() => rmSync(work, { recursive: true, force: true }));

/** A fresh folder to install into (the separate install's package folder). */
function folder(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  return dir;
}

/** Starts a caller on `dir`: resolves with its exit code and what it printed. */
function run(dir: string, extraEnv: NodeJS.ProcessEnv = {}): { exited: Promise<{ code: number | null; stdout: string; stderr: string }>; done: () => boolean } {
  const child = spawn(process.execPath, ['--import', 'tsx', caller, dir], { cwd: REPO_ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  let done = false;
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      done = true;
      resolve({ code, stdout, stderr });
    }),
  );
  return { exited, done: () => done };
}

/** Both callers on `dir` exit 0 having seen the whole install, and npm ci ran once between them. */
async function eachReturnedAfterOneWholeInstall(dir: string, ...callers: ReturnType<typeof run>[]) {
  const results = await Promise.all(callers.map((started) => started.exited));
  for (const result of results) assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(results.map((result) => JSON.parse(result.stdout)), callers.map(() => ({ complete: true })), 'each caller returned after the whole install');
  assert.equal(runs(dir), 1, 'npm ci ran once');
}

async function until(condition: () => boolean, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const runs = (dir: string) => (existsSync(path.join(dir, 'runs.log')) ? readFileSync(path.join(dir, 'runs.log'), 'utf8').trim().split('\n').length : 0);

describe('scripts/separate-install.ts: npm ci once, one process at a time', { skip: process.platform === 'win32' ? 'the npm stand-in is a shell script' : false }, () => {
  it('a caller that comes while another installs returns once that install has finished, not when its first files are there', async () => {
    const dir = folder('parallel');
    const first = run(dir);
    await until(() => existsSync(path.join(dir, 'node_modules/tool/package.json')), 'the first caller to begin installing');
    await eachReturnedAfterOneWholeInstall(dir, first, run(dir));
    assert.ok(!existsSync(path.join(dir, '.installing')), 'the lock is gone');
  });

  // The lock's absence says nothing about what installed() reads after it: between the two, another caller can take
  // the lock and its npm ci begin writing the files installed() looks for.
  it('a caller held up in its first look at the files while another begins installing does not return with that install half written', async () => {
    const dir = folder('held-up');
    const late = run(dir, { OMNEO_TEST_PAUSE_FIRST_CHECK: '1' });
    await until(() => existsSync(path.join(dir, 'paused')), 'the first caller to stop in its first look at the files');
    await eachReturnedAfterOneWholeInstall(dir, late, run(dir));
  });

  // Ctrl-C during a first install stops the test file's process and its npm, and leaves the lock behind.
  it('takes over the lock of an install whose process has gone, or an old lock without a pid, instead of waiting 3 minutes', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    for (const [name, pid] of [
      ['its process gone', String(gone)],
      ['no pid, made a minute ago', null],
    ] as const) {
      const dir = folder(`abandoned-${pid ?? 'no-pid'}`);
      const lock = path.join(dir, '.installing');
      mkdirSync(lock);
      if (pid) writeFileSync(path.join(lock, 'pid'), pid);
      else utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const result = spawnSync(process.execPath, ['--import', 'tsx', caller, dir], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 20_000 });
      assert.equal(result.status, 0, `${name}: ${result.stderr}${result.error ?? ''}`);
      assert.deepEqual(JSON.parse(result.stdout), { complete: true }, name);
      assert.equal(runs(dir), 1, `${name}: npm ci ran once`);
      assert.ok(!existsSync(lock), `${name}: the lock is gone`);
    }
  });

  // The install that Ctrl-C stopped had written some of its files: the ones the caller looks for can be among them (a
  // Node binary cut short is there all the same), so whoever takes the lock over installs again.
  it('installs again after taking over the lock of an install stopped part-way, though the files it looks for are there', () => {
    const dir = folder('abandoned-part-way');
    mkdirSync(path.join(dir, 'node_modules/tool'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/tool/package.json'), '{"version":"1.0.0"}');
    mkdirSync(path.join(dir, '.installing'));
    writeFileSync(path.join(dir, '.installing/pid'), String(spawnSync(process.execPath, ['-e', '']).pid));
    const result = spawnSync(process.execPath, ['--import', 'tsx', caller, dir], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, `${result.stderr}${result.error ?? ''}`);
    assert.deepEqual(JSON.parse(result.stdout), { complete: true }, 'the caller returned with the whole install');
    assert.equal(runs(dir), 1, 'npm ci ran once');
    assert.ok(!existsSync(path.join(dir, '.installing')), 'the lock is gone');
  });

  it('a caller that meets a package.json still being written, under a running install, waits instead of failing on it', async () => {
    const dir = folder('half-written');
    mkdirSync(path.join(dir, '.installing'));
    writeFileSync(path.join(dir, '.installing/pid'), String(process.pid));
    mkdirSync(path.join(dir, 'node_modules/tool'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/tool/package.json'), '{"vers');
    const waiting = run(dir);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(waiting.done(), false, 'the caller did not wait for the install');
    // The install finishes: the rest of its files, then its lock goes.
    writeFileSync(path.join(dir, 'node_modules/tool/package.json'), '{"version":"1.0.0"}');
    writeFileSync(path.join(dir, 'node_modules/tool/complete'), 'done');
    rmSync(path.join(dir, '.installing'), { recursive: true });
    const result = await waiting.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { complete: true });
    assert.equal(runs(dir), 0, 'npm ci ran for an install that had finished');
  });

  it('waits on the lock of a process still running, and installs once it is released', async () => {
    const dir = folder('held');
    mkdirSync(path.join(dir, '.installing'));
    writeFileSync(path.join(dir, '.installing/pid'), String(process.pid));
    const waiting = run(dir);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(waiting.done(), false, 'the caller did not wait for the lock');
    assert.equal(runs(dir), 0, 'npm ci ran under a lock held by a running process');
    rmSync(path.join(dir, '.installing'), { recursive: true });
    const result = await waiting.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { complete: true });
    assert.equal(runs(dir), 1, 'npm ci ran once');
  });
});
