/**
 * The proxy's Node entry as a deployer runs it: a child process configured only by its environment.
 * Shared by the tests of `npm run proxy:dev` (the TypeScript entry) and of the built single file.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createMockOmneo } from '../../server/mock-omneo/index.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ProxyProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** `node <args>` in `cwd`, with only `env` (and PATH, HOST=127.0.0.1): nothing from the developer's shell may satisfy a check by accident. */
export function startProxyProcess(args: string[], env: Record<string, string>, cwd: string, command = process.execPath): ProxyProcess {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

export async function waitFor(check: () => boolean, what: string, ms = 15_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts `command args` as a deployer's supervisor would (docker stop, Kubernetes: only that process is signalled,
 * none of its children), sends it SIGTERM once the proxy listens on `port`, and checks that the signal reached the
 * proxy: its shutdown log line, exit code 0, nothing left listening. The command gets its own process group so that
 * whatever it left behind (a shell that died of the signal, an orphaned Node) is killed afterwards.
 */
export async function expectDrainsOnSigterm(command: string, args: string[], options: { cwd: string; env: Record<string, string>; port: number }) {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const label = [command, ...args].join(' ');
  try {
    await waitFor(() => out.includes('listening') || child.exitCode !== null, `${label} to listen`, 60_000);
    assert.equal(child.exitCode, null, err);
    child.kill('SIGTERM');
    const code = await exit;
    await waitFor(() => out.includes('"event":"omneo.shutdown","signal":"SIGTERM"'), "the proxy's shutdown log line", 5000);
    assert.equal(code, 0, err);
    await assert.rejects(fetch(`http://127.0.0.1:${options.port}/healthz`), `a proxy still listens after ${label} exited`);
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Nothing left in the group.
    }
  }
}

/** The mock Omneo on a loopback port, with a spy that records every request sent upstream (`METHOD /path`). */
export async function startCountingMock(): Promise<{ idApi: string; upstream: string[]; close: () => void }> {
  const mock = createMockOmneo();
  const upstream: string[] = [];
  const port = await freePort();
  const server = serve({
    fetch: (request: Request) => {
      upstream.push(`${request.method} ${new URL(request.url).pathname}`);
      return mock.app.fetch(request);
    },
    port,
    hostname: '127.0.0.1',
  });
  return { idApi: `http://127.0.0.1:${port}/id/api/v1`, upstream, close: () => server.close() };
}
