/**
 * The proxy's Node entry as a deployer runs it: a child process configured only by its environment.
 * Shared by the tests of `npm run proxy:dev` (the TypeScript entry) and of the built single file.
 */
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
