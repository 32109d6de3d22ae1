/**
 * The WebKit harness itself (./webdriver.ts): a run interrupted as a terminal's Ctrl-C or a cancelled CI job does it
 * (SIGINT to the run's process group), or by a signal to its process alone, leaves nothing of it running: no
 * WebKitWebDriver holding its port, no MiniBrowser, no Xvfb.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { missingWebKit } from './webdriver.js';

/** Live processes (zombies left out) by pid: their name and parent. */
function processes(): Map<number, { name: string; parent: number }> {
  const found = new Map<number, { name: string; parent: number }>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const [, name, state, parent] = /^\d+ \((.*)\) (\S) (\d+)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))!;
      if (state !== 'Z') found.set(Number(pid), { name: name!, parent: Number(parent) });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** `root`'s descendants, live, with their names. */
function descendants(root: number): Map<number, string> {
  const all = processes();
  const found = new Map<number, string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { name, parent }] of all) {
      if (!found.has(pid) && (parent === root || found.has(parent))) found.set(pid, name), (grew = true);
    }
  }
  return found;
}

describe('the WebKit harness (webdriver.ts)', { skip: missingWebKit() ?? false }, () => {
  // Ctrl-C signals the whole group (the processes started get it too); SIGTERM from `timeout`, a process manager or
  // `kill <pid>` reaches the run alone, and @web/test-runner's SIGINT handler calls process.exit() without waiting
  // for its launcher's stop (test/webkit/wtr-launcher.ts): those two left all three running, orphaned.
  for (const { how, end, script: tail } of [
    { how: 'SIGINT to its process group, as Ctrl-C sends it', end: (pid: number) => process.kill(-pid, 'SIGINT'), script: '' },
    { how: 'SIGTERM to its process alone', end: (pid: number) => process.kill(pid, 'SIGTERM'), script: '' },
    {
      how: 'ended by process.exit() on SIGINT to its process alone, as @web/test-runner does',
      end: (pid: number) => process.kill(pid, 'SIGINT'),
      script: "process.on('SIGINT', () => process.exit(1));",
    },
  ]) {
    it(`a run interrupted (${how}) leaves no driver, MiniBrowser or Xvfb running`, async () => {
      const script = `import { WebKit } from ${JSON.stringify(new URL('./webdriver.ts', import.meta.url).href)};
${tail}
const webkit = await WebKit.launch();
const session = await webkit.session();
await session.goto('about:blank');
console.log('open');
setInterval(() => {}, 1000);`;
      // Its own process group, as a terminal gives the command it runs.
      const run = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
      let started = new Map<number, string>();
      try {
        await new Promise<void>((resolve, reject) => {
          run.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
          run.once('exit', (code) => reject(new Error(`the run exited (${code}) before a window opened`)));
        });
        started = descendants(run.pid!);
        assert.deepEqual(
          ['Xvfb', 'WebKitWebDriver', 'MiniBrowser'].filter((name) => ![...started.values()].includes(name)),
          [],
          `the run's processes: ${JSON.stringify([...started.values()])}`,
        );
        end(run.pid!);
        let left: string[] = [];
        for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
          const alive = processes();
          left = [...started].filter(([pid, name]) => alive.get(pid)?.name === name).map(([pid, name]) => `${name} (${pid})`);
          if (left.length === 0) break;
        }
        assert.deepEqual(left, [], 'still running after the interrupt');
      } finally {
        // Whatever the outcome, nothing of this test stays: the run, and what it started (by pid, where it still runs).
        const alive = processes();
        for (const [pid, name] of [[run.pid!, 'node'] as const, ...started, ...descendants(run.pid!)]) {
          if (alive.get(pid)?.name === name) process.kill(pid, 'SIGKILL');
        }
      }
    });
  }
});
