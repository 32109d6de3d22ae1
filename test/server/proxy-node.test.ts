/**
 * The proxy's Node entry (`npm run proxy:dev`; `npm run proxy` runs the same entry built into one
 * file, tested in proxy-bundle.test.ts): a child process configured only by its environment, in
 * front of the mock Omneo on a real port. It refuses bad configuration naming the variable, and
 * serves tokens, the tier ladder and health checks when the configuration is right.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createMockOmneo, MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { signAssertion } from '../../server/proxy/index.js';
import { adminTokenWarning } from '../../server/proxy/node-server.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { expectDrainsOnSigterm, expectRefusal, freePort, refusalCases, startProxyProcess, waitFor } from './proxy-process.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'node-entry-test-secret-0123456789abcdef0123456789';
/** The secret being retired (README: Rotating secrets). */
const PREVIOUS_SECRET = 'node-entry-previous-secret-fedcba9876543210fedcba';

const start = (env: Record<string, string>) => startProxyProcess(['--import', 'tsx', 'server/proxy/node.ts'], env, repoRoot);

describe('proxy Node entry: refuses to start on bad configuration', () => {
  for (const { name, env, message, skip } of refusalCases(SECRET)) {
    it(`${name}: exit 1, naming the variable`, { skip }, async () => {
      await expectRefusal(start(env), message, [SECRET, 's3cret-pass']);
    });
  }
});

describe('proxy Node entry: HOST when DNS does not answer', () => {
  // getaddrinfo's EAI_AGAIN (a container started before its DNS answers, a resolver down) says nothing about the name,
  // which may be right: the refusal must not send the operator to correct it. The resolver is made to fail so; the
  // proxy's own start is real.
  const dnsDown = `data:text/javascript,${encodeURIComponent(`import dns from 'node:dns';
    const lookup = dns.lookup;
    dns.lookup = (host, ...rest) => host === 'proxy-host.example' ? process.nextTick(rest.at(-1), Object.assign(new Error('getaddrinfo EAI_AGAIN ' + host), { code: 'EAI_AGAIN' })) : lookup.call(dns, host, ...rest);`)}`;

  it('exit 1, naming HOST and the lookup that failed, not the name as wrong', async () => {
    const env = { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: 't0k', OMNEO_ASSERTION_SECRET: SECRET, HOST: 'proxy-host.example' };
    const run = startProxyProcess(['--import', 'tsx', '--import', dnsDown, 'server/proxy/node.ts'], env, repoRoot);
    assert.equal(await run.exit, 1);
    assert.match(run.stderr(), /^Refusing to start:\n {2}- HOST: proxy-host\.example could not be looked up \(EAI_AGAIN: DNS did not answer\)/);
    assert.doesNotMatch(run.stderr(), /is not a name or address/);
    assert.doesNotMatch(run.stderr(), /\bat .+:\d+:\d+\)?$/m, 'a stack trace');
  });
});

describe('proxy Node entry: serving', () => {
  let mockServer: ServerType;
  let run: ReturnType<typeof start>;
  let base: string;
  let env: Record<string, string>;

  before(async () => {
    const mock = createMockOmneo();
    const mockPort = await freePort();
    mockServer = serve({ fetch: mock.app.fetch, port: mockPort, hostname: '127.0.0.1' });
    const port = await freePort();
    env = {
      OMNEO_ID_API: `http://127.0.0.1:${mockPort}/id/api/v1`,
      OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
      OMNEO_ASSERTION_SECRET: SECRET,
      OMNEO_ASSERTION_SECRET_PREVIOUS: PREVIOUS_SECRET,
      OMNEO_ID_HANDLE: 'shopify',
      ALLOWED_ORIGINS: 'http://localhost:5173',
      PORT: String(port),
    };
    run = start(env);
    base = `http://127.0.0.1:${port}`;
    await waitFor(() => run.stdout().includes('listening') || run.child.exitCode !== null, 'the proxy to listen');
    assert.equal(run.child.exitCode, null, run.stderr());
  });

  after(async () => {
    run?.child.kill('SIGINT'); // Ctrl-C: no drain (SHUTDOWN_DRAIN_SECONDS is SIGTERM's)
    await run?.exit;
    mockServer?.close();
  });

  it('a second instance on the same port (an old one still running, a typo in PORT): exit 1, naming PORT, no stack trace', async () => {
    const second = start(env);
    assert.equal(await second.exit, 1);
    assert.match(second.stderr(), new RegExp(`^Refusing to start:\\n  - PORT: 127\\.0\\.0\\.1:${env.PORT} is already in use \\(EADDRINUSE\\)`, "m"));
    assert.doesNotMatch(second.stderr(), /\bat .+:\d+:\d+\)?$/m, 'a stack trace');
    assert.equal((await fetch(`${base}/healthz`)).status, 200, 'the first instance serves on');
  });

  it('announces what it runs with, never a secret', () => {
    assert.match(run.stdout(), /identity: signed-assertion; store: memory; pass-through: off/);
    assert.ok(!run.stdout().includes(MOCK_ADMIN_TOKEN) && !run.stdout().includes(SECRET));
  });

  it('mints over HTTP for a signed assertion, with CORS for the configured origin', async () => {
    const exp = Math.floor(Date.now() / 1000) + 300;
    const cookie = `omneo_identity=${await signAssertion(SECRET, AVA_SHOPIFY_ID, exp)}`;
    const res = await fetch(`${base}/omneo/token`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost:5173' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const body = (await res.json()) as { token: string; exp: number };
    assert.equal(decodePayload(body.token).pid, AVA_PROFILE_ID);
    assert.equal((await fetch(`${base}/omneo/token`, { method: 'POST' })).status, 401);
    await waitFor(() => run.stdout().includes('"outcome":"no-session"'), 'the log line');
    const lines = run.stdout().split('\n').filter((l) => l.startsWith('{'));
    const minted = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.outcome === 'minted')!;
    assert.equal(minted.customerId, AVA_SHOPIFY_ID);
    assert.equal(minted.ip, '127.0.0.1');
    assert.ok(!run.stdout().includes(body.token), 'the token is never logged');
  });

  it('mid-rotation, accepts what OMNEO_ASSERTION_SECRET_PREVIOUS signed, logs secret "previous" and warns about it once at start-up', async () => {
    const cookie = `omneo_identity=${await signAssertion(PREVIOUS_SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 300)}`;
    const res = await fetch(`${base}/omneo/token`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost:5173' } });
    assert.equal(res.status, 200);
    await waitFor(() => run.stdout().includes('"secret":"previous"'), 'the log line');
    const line = run.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.secret === 'previous')!;
    assert.deepEqual([line.outcome, line.adapter, line.customerId], ['minted', 'signed-assertion', AVA_SHOPIFY_ID]);
    assert.equal(run.stderr().split('\n').filter((l) => /^warning: OMNEO_ASSERTION_SECRET_PREVIOUS is set/.test(l)).length, 1, run.stderr());
    assert.ok(!`${run.stdout()}${run.stderr()}`.includes(PREVIOUS_SECRET), 'never the secret');
  });

  it('serves the tier ladder from the admin API derived from OMNEO_ID_API, and health checks', async () => {
    const tiers = await fetch(`${base}/omneo/tiers`);
    assert.equal(tiers.status, 200);
    assert.equal(((await tiers.json()) as { data: unknown[] }).data.length, 4);
    assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok');
    assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ready');
  });

  it('answers HEAD on the health checks and the tier ladder as GET, without a body (HAProxy checks, uptime monitors)', async () => {
    // `option httpchk HEAD /readyz` and UptimeRobot's default HTTP monitor send HEAD: a 500 there marks every
    // instance down while each serves.
    for (const path of ['/healthz', '/readyz', '/omneo/tiers']) {
      const res = await fetch(`${base}${path}`, { method: 'HEAD' });
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), '', path);
    }
  });

  // Node refuses a request whose headers pass 16 KiB before the proxy sees it: a shopper whose cookies on the proxy's
  // domain (the shop's analytics, set on the parent domain) pass that gets a bare 431, which without CORS headers the
  // widget reads as a network failure. Nothing was logged, so the operator could not know.
  it('logs a request refused for headers over the limit (a cookie jar of 20 KB), once, with nothing of its headers', async () => {
    const jar = Array.from({ length: 700 }, (_, i) => `_ga_${i}=GS1.1.SECRET-ish-${i}`).join('; ');
    assert.ok(jar.length > 20_000, String(jar.length));
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      socket.write(`POST /omneo/token HTTP/1.1\r\nHost: proxy.internal\r\nCookie: ${jar}\r\nContent-Length: 0\r\n\r\n`);
    });
    assert.match(answer, /^HTTP\/1\.1 431 /);
    await waitFor(() => run.stdout().includes('"outcome":"headers-too-large"'), 'the log line');
    const lines = run.stdout().split('\n').filter((l) => l.includes('headers-too-large'));
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual([line.event, line.status], ['omneo.request', 431]);
    assert.ok(lines[0]!.length < 300 && !lines[0]!.includes('SECRET-ish'), lines[0]);
  });

  it('answers 431, as Node does, to headers over the limit on a reused connection (a balancer keeps its upstream connections open)', async () => {
    const jar = Array.from({ length: 700 }, (_, i) => `_ga_${i}=GS1.1.1700000000-${i}`).join('; ');
    assert.ok(jar.length > 20_000, String(jar.length));
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let sent = false;
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk;
        // The first answer in: the same connection's next request carries the cookie jar.
        if (!sent && text.startsWith('HTTP/1.1 200')) {
          sent = true;
          setTimeout(() => socket.write(`GET /healthz HTTP/1.1\r\nHost: proxy.internal\r\nCookie: ${jar}\r\n\r\n`), 50);
        }
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      socket.write('GET /healthz HTTP/1.1\r\nHost: proxy.internal\r\n\r\n');
    });
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
    assert.deepEqual(statuses, ['200', '431'], answer.slice(0, 300));
  });

  it('logs a shopper who leaves mid-upload as client-closed, not as an internal error (5xx alerts stay meaningful)', async () => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('POST /omneo/token HTTP/1.1\r\nHost: proxy.internal\r\nContent-Length: 500\r\n\r\n{"a":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await waitFor(() => /"outcome":"(client-closed|internal-error)"/.test(run.stdout()), 'the log line');
    const line = run.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.outcome === 'client-closed' || l.outcome === 'internal-error')!;
    assert.equal(line.outcome, 'client-closed');
    assert.equal(line.status, 499);
  });

  it('answers a body that trickles in (slowloris) 408 after 10 s, logs body-timeout and closes the connection (README: Decisions, Slow bodies)', async () => {
    // Node alone would wait 300 s for the rest, holding the socket; the attack table's B7 runs the handler with a
    // short deadline, this the Node entry as deployed, with its own.
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let received = '';
    let closedAt = 0;
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => (closedAt = performance.now()));
    socket.on('error', () => undefined);
    const started = performance.now();
    socket.write('POST /omneo/token HTTP/1.1\r\nHost: proxy.internal\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{');
    await waitFor(() => closedAt > 0, 'the connection to close', 20_000);
    socket.destroy();
    assert.match(received, /^HTTP\/1\.1 408 /);
    assert.ok(received.includes('{"message":"The request body took too long."}'), received);
    const waited = closedAt - started;
    assert.ok(waited >= 9900 && waited < 13_000, `closed after ${Math.round(waited)} ms, not at 10 s`);
    // The log line comes over the child's stdout, a pipe apart from the socket: it may be read after the close.
    await waitFor(() => run.stdout().includes('"body-timeout"'), 'the body-timeout log line');
    const line = run.stdout().split('\n').filter((l) => l.includes('"body-timeout"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(line.map((l) => [l.event, l.status]), [['omneo.token', 408]]);
  });

  it('keeps an idle connection open longer than a load balancer does (60 s), so the balancer never reuses one the proxy is closing', async () => {
    // Node's default (5 s) is shorter than AWS ALB's, GCP's and nginx's upstream idle timeouts: the balancer
    // sends a request on a connection the proxy has just closed, and the shopper gets an intermittent 502.
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.headers.get('keep-alive'), 'timeout=65');
    const port = Number(new URL(base).port);
    assert.deepEqual(await onOneConnection(port, [0, 6500]), ['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK'], 'the connection is still open after 6.5 s idle');
  });
});

/** Requests sent one after another on one TCP connection, as a load balancer reuses its upstream connections: the status line of each answer, or 'closed'. */
async function onOneConnection(port: number, pauses: number[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  const statuses: string[] = [];
  for (const pause of pauses) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    if (closed) {
      statuses.push('closed');
      continue;
    }
    const before = received.length;
    socket.write('GET /healthz HTTP/1.1\r\nHost: proxy.internal\r\n\r\n');
    await waitFor(() => closed || /\r\n\r\nok/.test(received.slice(before)), 'an answer');
    statuses.push(closed ? 'closed' : received.slice(before).split('\r\n')[0]!);
  }
  socket.destroy();
  return statuses;
}

describe('proxy Node entry: asks Omneo at start-up whether it takes the admin token', () => {
  it('warns at deploy time when Omneo refuses OMNEO_ADMIN_TOKEN (expired, revoked), and serves on', async () => {
    const mock = createMockOmneo();
    const mockPort = await freePort();
    const mockServer = serve({ fetch: mock.app.fetch, port: mockPort, hostname: '127.0.0.1' });
    const port = await freePort();
    const revokedToken = 'an-admin-token-omneo-has-revoked-0123';
    const run = start({ OMNEO_ID_API: `http://127.0.0.1:${mockPort}/id/api/v1`, OMNEO_ADMIN_TOKEN: revokedToken, OMNEO_ASSERTION_SECRET: SECRET, PORT: String(port) });
    try {
      await waitFor(() => run.stderr().includes('warning: Omneo answered') || run.child.exitCode !== null, 'the admin token warning');
      assert.match(run.stderr(), /^warning: Omneo answered 401 to OMNEO_ADMIN_TOKEN \(http:\/\/127\.0\.0\.1:\d+\): it has expired, was revoked or lacks read-tier-definitions/m);
      assert.ok(!run.stderr().includes(revokedToken) && !run.stdout().includes(revokedToken), 'the token itself is never printed');
      assert.equal(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text(), 'ok');
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
      mockServer.close();
    }
  });

  it('says nothing when Omneo takes it, and only that it could not ask when Omneo is unreachable', async () => {
    const mock = createMockOmneo();
    assert.equal(await adminTokenWarning('https://api.example.getomneo.com/api/v3', MOCK_ADMIN_TOKEN, async (input, init) => mock.app.fetch(new Request(input, init))), null);
    const unreachable = await adminTokenWarning(`http://127.0.0.1:${await freePort()}/api/v3`, MOCK_ADMIN_TOKEN);
    assert.match(unreachable ?? '', /^could not ask Omneo \(http:\/\/127\.0\.0\.1:\d+\) whether it takes OMNEO_ADMIN_TOKEN \(ECONNREFUSED\); the proxy serves on/);
  });

  it('a 403 on the tier ladder names the missing read-tier-definitions scope, and does not say every token request fails', async () => {
    // The start-up check reads the tier ladder: a 403 there says the token lacks that scope, not that it cannot
    // mint. An operator told that every shopper's token request fails would roll back a deploy that serves them.
    const mock = createMockOmneo();
    mock.faults.add({ path: 'tiers/definitions', status: 403, body: { message: 'Invalid scope(s) provided.' } });
    const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => mock.app.fetch(new Request(input, init));
    const warning = await adminTokenWarning('https://api.example.getomneo.com/api/v3', MOCK_ADMIN_TOKEN, fetcher);
    assert.match(warning ?? '', /^Omneo answered 403 to OMNEO_ADMIN_TOKEN \(https:\/\/api\.example\.getomneo\.com\) on the tier ladder: it lacks read-tier-definitions/);
    assert.doesNotMatch(warning ?? '', /every token request/i);
    // The same token still mints: what the warning must not deny.
    const minted = await mock.app.fetch(
      new Request('https://api.example.getomneo.com/id/api/v1/auth/token', {
        method: 'POST',
        headers: { Authorization: `Bearer ${MOCK_ADMIN_TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ id: AVA_SHOPIFY_ID, id_handle: 'shopify' }),
      }),
    );
    assert.equal(minted.status, 200);
  });
});

describe('a custom Node entry (README: BigCommerce, "Other platforms"): startNodeProxy with its own adapter', () => {
  let mockServer: ServerType;
  let run: ReturnType<typeof start>;
  let base: string;
  let entryDir: string;
  let mockPort: number;

  before(async () => {
    const mock = createMockOmneo();
    mockPort = await freePort();
    mockServer = serve({ fetch: mock.app.fetch, port: mockPort, hostname: '127.0.0.1' });
    // The README's shape: an entry file that adds an identity adapter and nothing else.
    entryDir = mkdtempSync(path.join(repoRoot, 'test/server/.custom-entry-'));
    const entry = path.join(entryDir, 'proxy.ts');
    writeFileSync(
      entry,
      `import { startNodeProxy } from '../../../server/proxy/node-server.js';
import { customAdapter } from '../../../server/proxy/custom.js';
await startNodeProxy({
  identity: [customAdapter({ name: 'header-demo', verify: (request) => request.headers.get('x-demo-customer') || null })],
});
`,
    );
    const port = await freePort();
    run = startProxyProcess(['--import', 'tsx', entry], {
      OMNEO_ID_API: `http://127.0.0.1:${mockPort}/id/api/v1`,
      OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
      OMNEO_ID_HANDLE: 'shopify',
      ALLOWED_ORIGINS: 'http://localhost:5173',
      PORT: String(port),
    }, repoRoot);
    base = `http://127.0.0.1:${port}`;
    await waitFor(() => run.stdout().includes('listening') || run.child.exitCode !== null, 'the custom proxy to listen');
    assert.equal(run.child.exitCode, null, run.stderr());
  });

  after(async () => {
    run?.child.kill('SIGINT'); // Ctrl-C: no drain (SHUTDOWN_DRAIN_SECONDS is SIGTERM's)
    await run?.exit;
    mockServer?.close();
    rmSync(entryDir, { recursive: true, force: true });
  });

  it('runs the same server as npm run proxy: its adapter, JSON log lines, health checks', async () => {
    assert.match(run.stdout(), /identity: header-demo; store: memory/);
    const res = await fetch(`${base}/omneo/token`, { method: 'POST', headers: { 'X-Demo-Customer': AVA_SHOPIFY_ID, Origin: 'http://localhost:5173' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { token: string };
    assert.equal(decodePayload(body.token).pid, AVA_PROFILE_ID);
    await waitFor(() => run.stdout().includes('"outcome":"minted"'), 'the log line');
    assert.ok(!run.stdout().includes(body.token), 'the token is never logged');
    assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok');
    assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ready');
  });

  it('runs with the README\'s command (`// proxy.ts — run with …`), and a SIGTERM sent to that command reaches the proxy: it drains and exits 0, nothing left listening', async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const command = /\/\/ proxy\.ts — run with `([^`]+)`/.exec(readme)?.[1];
    assert.ok(command, 'the README names no command for the entry file');
    const [program, ...args] = command.split(' ');
    const port = await freePort();
    await expectDrainsOnSigterm(program!, args, {
      cwd: entryDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        OMNEO_ID_API: `http://127.0.0.1:${mockPort}/id/api/v1`,
        OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
        PORT: String(port),
        SHUTDOWN_DRAIN_SECONDS: '0',
      },
      port,
    });
  });

  it('a custom entry with incomplete configuration refuses to start, naming the variable', async () => {
    const refused = startProxyProcess(['--import', 'tsx', path.join(entryDir, 'proxy.ts')], { OMNEO_TENANT: 'demo' }, repoRoot);
    assert.equal(await refused.exit, 1);
    assert.match(refused.stderr(), /^Refusing to start:[\s\S]*OMNEO_ADMIN_TOKEN: is not set/);
  });
});

describe('proxy Node entry: shutdown on SIGTERM (a rolling deploy), behind a load balancer', () => {
  let mockServer: ServerType;
  let mockPort: number;
  const UPSTREAM_DELAY_MS = 3000;

  before(async () => {
    // Omneo answering every call in 3 s: a pass-through read (a mint, then the call) takes 6 s.
    const mock = createMockOmneo();
    mockPort = await freePort();
    mockServer = serve({
      fetch: async (request: Request) => {
        await new Promise((resolve) => setTimeout(resolve, UPSTREAM_DELAY_MS));
        return mock.app.fetch(request);
      },
      port: mockPort,
      hostname: '127.0.0.1',
    });
  });
  after(() => mockServer?.close());

  async function startSlow(extraEnv: Record<string, string> = {}) {
    const port = await freePort();
    const run = start({
      OMNEO_ID_API: `http://127.0.0.1:${mockPort}/id/api/v1`,
      OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
      OMNEO_ASSERTION_SECRET: SECRET,
      OMNEO_ID_HANDLE: 'shopify',
      OMNEO_PASS_THROUGH: 'on',
      PORT: String(port),
      ...extraEnv,
    });
    await waitFor(() => run.stdout().includes('listening') || run.child.exitCode !== null, 'the proxy to listen');
    assert.equal(run.child.exitCode, null, run.stderr());
    const cookie = `omneo_identity=${await signAssertion(SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 300)}`;
    return { run, base: `http://127.0.0.1:${port}`, cookie };
  }

  it('turns /readyz 503 at once, keeps serving while the balancer notices, lets a slow request finish, then exits 0', async () => {
    const { run, base, cookie } = await startSlow({ SHUTDOWN_DRAIN_SECONDS: '1' });
    const started = Date.now();
    const inFlight = fetch(`${base}/omneo/api/me/balances`, { headers: { Cookie: cookie } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    run.child.kill('SIGTERM');
    await waitFor(() => run.stdout().includes('"event":"omneo.shutdown"'), 'the shutdown log line');

    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 503, 'the balancer stops routing here');
    assert.equal(ready.headers.get('connection'), 'close');
    assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok', 'alive: a liveness probe must not restart it mid-drain');
    // README: "closes each connection after its next answer": the proxy's own answers too, not only the health checks'.
    const served = await fetch(`${base}/omneo/token`, { method: 'POST' });
    assert.deepEqual([served.status, served.headers.get('connection')], [401, 'close'], 'a token request while draining');

    const res = await inFlight;
    assert.equal(res.status, 200, 'the request in flight when the signal came is answered, not cut');
    assert.ok(Date.now() - started >= 2 * UPSTREAM_DELAY_MS);
    assert.equal(await run.exit, 0);
    assert.ok(!run.stdout().includes(MOCK_ADMIN_TOKEN) && !run.stdout().includes(SECRET));
  });

  it('a second signal exits at once', async () => {
    const { run, base, cookie } = await startSlow({ SHUTDOWN_DRAIN_SECONDS: '30' });
    const inFlight = fetch(`${base}/omneo/api/me/balances`, { headers: { Cookie: cookie } }).catch(() => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.child.kill('SIGTERM');
    await waitFor(() => run.stdout().includes('"event":"omneo.shutdown"'), 'the shutdown log line');
    const second = Date.now();
    run.child.kill('SIGTERM');
    assert.notEqual(await run.exit, 0);
    assert.ok(Date.now() - second < 1000, `exited ${Date.now() - second} ms after the second signal`);
    assert.equal(await inFlight, 'cut');
  });
});

// Its own redis-server, since this test stops it: CI installs the binary (.ci/run); a local run without it skips.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

describe('proxy Node entry: the shared Redis goes down', { skip: !hasRedisServer && !process.env.CI }, () => {
  it('stays ready and keeps minting: every instance shares that Redis, so failing readiness would take them all out', async () => {
    const mock = createMockOmneo();
    const mockPort = await freePort();
    const mockServer = serve({ fetch: mock.app.fetch, port: mockPort, hostname: '127.0.0.1' });
    const redisPort = await freePort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const port = await freePort();
    let run: ReturnType<typeof start> | undefined;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      run = start({
        OMNEO_ID_API: `http://127.0.0.1:${mockPort}/id/api/v1`,
        OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
        OMNEO_ASSERTION_SECRET: SECRET,
        OMNEO_ID_HANDLE: 'shopify',
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        PORT: String(port),
      });
      await waitFor(() => run!.stdout().includes('listening') || run!.child.exitCode !== null, 'the proxy to listen');
      assert.equal(run.child.exitCode, null, run.stderr());
      const base = `http://127.0.0.1:${port}`;
      const cookie = `omneo_identity=${await signAssertion(SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 300)}`;
      assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ready');

      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      // Behind Kubernetes, or a Google Cloud balancer, an instance that is not ready gets no traffic; with
      // every instance unready the store's own fallback (mint without the shared cache and limits) never runs.
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
      assert.match(await ready.text(), /store unavailable/, 'the operator still reads why');
      assert.equal((await fetch(`${base}/omneo/token`, { method: 'POST', headers: { Cookie: cookie } })).status, 200);
      await waitFor(() => run!.stdout().includes('"outcome":"store-error"'), 'the store-error log line');
    } finally {
      redis.kill('SIGKILL');
      run?.child.kill('SIGINT');
      await run?.exit;
      mockServer.close();
    }
  });
});
