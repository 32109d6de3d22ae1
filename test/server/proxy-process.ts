/**
 * The proxy's Node entry as a deployer runs it: a child process configured only by its environment.
 * Shared by the tests of `npm run proxy:dev` (the TypeScript entry) and of the built single file.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * Configurations the Node entry must refuse at start (exit 1, `Refusing to start:` naming the variable, no secret, no
 * stack trace), for each way it is run: the TypeScript entry (proxy-node.test.ts) and the built file on each Node
 * release (proxy-bundle.test.ts). `secret` is the assertion secret the cases set, which the refusal must not echo.
 */
export function refusalCases(secret: string): Array<{ name: string; env: Record<string, string>; message: RegExp; skip: string | false }> {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['nothing set', {}, /OMNEO_ID_API: is not set[\s\S]*OMNEO_ADMIN_TOKEN: is not set[\s\S]*SHOPIFY_API_SECRET: no identity adapter/],
    [
      'SHOPIFY_SHOPS without SHOPIFY_API_SECRET',
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: secret, SHOPIFY_SHOPS: 'harbour-co.myshopify.com' },
      /SHOPIFY_SHOPS: is set but SHOPIFY_API_SECRET is not/,
    ],
    [
      'a wildcard origin',
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: secret, ALLOWED_ORIGINS: '*' },
      /ALLOWED_ORIGINS: must list exact origins/,
    ],
    [
      'an unreachable Redis',
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: secret, REDIS_URL: 'redis://:s3cret-pass@127.0.0.1:1' },
      /REDIS_URL: Redis at 127\.0\.0\.1:1 did not answer \(ECONNREFUSED: /,
    ],
    [
      // Azure Cache for Redis keys are base64: a "/" pasted unencoded ends the URL's authority early. It crashed with a
      // stack trace that printed the whole URL, password included, into the deploy's log.
      'a password with an unencoded "/" in REDIS_URL',
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: secret, REDIS_URL: 'rediss://:s3cret-pass/Key+b64=@cache.example:6380' },
      /REDIS_URL: is not a valid URL/,
    ],
    [
      // A typo in HOST (a hostname no DNS knows) failed the listen a tick later with a bare stack trace, not naming HOST.
      'a HOST that does not resolve',
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: secret, HOST: 'proxy-host.invalid' },
      /HOST: proxy-host\.invalid is not a name or address of this machine \(ENOTFOUND\)/,
    ],
    [
      // An address, but another machine's (192.0.2.1: TEST-NET-1, documentation only): a HOST copied from another
      // server's settings. (A host with net.ipv4.ip_nonlocal_bind=1 would listen there instead: see below.)
      'a HOST that is an address of another machine',
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: secret, HOST: '192.0.2.1' },
      /HOST: 192\.0\.2\.1:8787 is not an address of this machine \(EADDRNOTAVAIL\)/,
    ],
  ];
  // A machine that lets a process listen on an address not its own (net.ipv4.ip_nonlocal_bind=1, some load-balancer
  // hosts) would start on 192.0.2.1: that case says nothing there, and is skipped rather than failed.
  const nonLocalBind = (() => {
    try {
      return readFileSync('/proc/sys/net/ipv4/ip_nonlocal_bind', 'utf8').trim() === '1';
    } catch {
      return false;
    }
  })();
  return cases.map(([name, env, message]) => ({
    name,
    env,
    message,
    skip: nonLocalBind && env.HOST === '192.0.2.1' ? 'net.ipv4.ip_nonlocal_bind=1 on this machine' : false,
  }));
}

/** Waits for a process started on a configuration from refusalCases to exit, and checks how it refused. */
export async function expectRefusal(run: ProxyProcess, message: RegExp, secrets: string[]) {
  assert.equal(await run.exit, 1, run.stderr());
  assert.match(run.stderr(), /^Refusing to start:/);
  assert.match(run.stderr(), message);
  for (const secret of secrets) assert.ok(!run.stderr().includes(secret), 'no secret is echoed');
  assert.doesNotMatch(run.stderr(), /\bat .+:\d+:\d+\)?$/m, 'a stack trace');
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
