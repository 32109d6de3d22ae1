/**
 * The README's Deno and Bun entries, as written there (only the import pointed at this checkout), run on
 * Deno 2 and Bun 1 (their npm builds, devDependencies) as a deployer would start them, in front of the mock
 * Omneo behind a counting spy: a mint for the shopper's own profile, the tier ladder, a pass-through read, the
 * refusals (forged assertion, unknown origin) with nothing sent upstream, JSON log lines without a secret,
 * and the per-IP limit on the socket's own address, which a client's X-Forwarded-For does not move.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { signAssertion } from '../../server/proxy/index.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { freePort, startCountingMock, startProxyProcess, waitFor, type ProxyProcess } from './proxy-process.js';
import { readmeBlock, REPO_ROOT } from './readme-blocks.js';

const SECRET = 'deno-bun-assertion-secret-0123456789abcdef01';
/** The secret being retired (README: Rotating secrets). */
const PREVIOUS_SECRET = 'deno-bun-previous-secret-fedcba9876543210fe';
const SHOP = 'https://shop.example.com';
const FETCH_MODULE = pathToFileURL(path.join(REPO_ROOT, 'server/proxy/fetch.ts')).href;

interface Runtime {
  name: string;
  /** The README block's first line. */
  block: RegExp;
  /** The binary and its arguments for an entry file; the environment names the port. */
  command: (entry: string) => [string, string[]];
  portEnv: (port: number) => Record<string, string>;
}

const RUNTIMES: Runtime[] = [
  {
    name: 'Deno',
    block: /^\/\/ Deno:/,
    // From the checkout: its package.json and node_modules resolve `hono`, and .js specifiers name .ts files.
    command: (entry) => [path.join(REPO_ROOT, 'node_modules/.bin/deno'), ['run', '--allow-net', '--allow-env', '--allow-read', '--sloppy-imports', '--node-modules-dir=manual', entry]],
    portEnv: (port) => ({ DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`, DENO_NO_UPDATE_CHECK: '1' }),
  },
  {
    name: 'Bun',
    block: /^\/\/ Bun:/,
    command: (entry) => [path.join(REPO_ROOT, 'node_modules/.bin/bun'), ['run', entry]],
    portEnv: (port) => ({ PORT: String(port) }),
  },
];

for (const runtime of RUNTIMES) {
  describe(`the README's ${runtime.name} entry, run on ${runtime.name}`, () => {
    let upstream: string[] = [];
    const running: ProxyProcess[] = [];
    let mock: Awaited<ReturnType<typeof startCountingMock>>;
    let idApi: string;
    let dir: string;
    let entry: string;

    before(async () => {
      mock = await startCountingMock();
      ({ idApi, upstream } = mock);
      const source = readmeBlock('ts', runtime.block);
      assert.match(source, /from '\.\/server\/proxy\/fetch\.js'/);
      dir = mkdtempSync(path.join(tmpdir(), `omneo-${runtime.name.toLowerCase()}-`));
      entry = path.join(dir, 'main.ts');
      writeFileSync(entry, source.replace("'./server/proxy/fetch.js'", `'${FETCH_MODULE.replace(/\.ts$/, '.js')}'`));
    });

    after(async () => {
      for (const run of running) run.child.kill('SIGTERM');
      await Promise.all(running.map((run) => run.exit));
      mock?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** The entry started with the proxy's environment; resolves once it answers. */
    async function start(env: Record<string, string> = {}) {
      const port = await freePort();
      const [binary, args] = runtime.command(entry);
      const run = startProxyProcess(
        args,
        {
          HOME: process.env.HOME ?? tmpdir(),
          OMNEO_ID_API: idApi,
          OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
          OMNEO_ASSERTION_SECRET: SECRET,
          OMNEO_ASSERTION_SECRET_PREVIOUS: PREVIOUS_SECRET,
          OMNEO_ID_HANDLE: 'shopify',
          OMNEO_PASS_THROUGH: 'on',
          ALLOWED_ORIGINS: SHOP,
          ...runtime.portEnv(port),
          ...env,
        },
        REPO_ROOT,
        binary,
      );
      running.push(run);
      const base = `http://127.0.0.1:${port}`;
      let up = false;
      await waitFor(() => {
        if (run.child.exitCode !== null) return true;
        void fetch(`${base}/readyz`).then(() => (up = true), () => undefined);
        return up;
      }, `${runtime.name} to answer`, 30_000);
      assert.equal(run.child.exitCode, null, run.stderr());
      return { run, base };
    }

    const identityCookie = async (secret = SECRET) => `omneo_identity=${await signAssertion(secret, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 120)}`;

    async function call(base: string, route: string, { origin = SHOP, cookie, method = 'POST', headers = {} }: { origin?: string; cookie?: string; method?: string; headers?: Record<string, string> } = {}) {
      const response = await fetch(`${base}${route}`, { method, headers: { Origin: origin, 'Sec-Fetch-Site': 'same-site', ...(cookie ? { Cookie: cookie } : {}), ...headers } });
      return { status: response.status, headers: response.headers, body: await response.text() };
    }

    it('mints, serves the ladder and pass-through reads, refuses forgeries and unknown origins, and logs no secret', async () => {
      const { run, base } = await start();
      upstream.length = 0;
      const minted = await call(base, '/omneo/token', { cookie: await identityCookie() });
      assert.equal(minted.status, 200, minted.body);
      assert.equal(decodePayload((JSON.parse(minted.body) as { token: string }).token).pid, AVA_PROFILE_ID);
      assert.equal(minted.headers.get('access-control-allow-origin'), SHOP);
      assert.deepEqual(upstream, ['POST /id/api/v1/auth/token']);

      const tiers = await call(base, '/omneo/tiers', { method: 'GET' });
      assert.equal(tiers.status, 200, tiers.body);
      const balances = await call(base, '/omneo/api/me/balances', { method: 'GET', cookie: await identityCookie() });
      assert.equal(balances.status, 200, balances.body);
      assert.match(balances.body, /point_balance/);

      // Mid-rotation: what the previous secret signed is accepted, and its log line says so.
      assert.equal((await call(base, '/omneo/token', { cookie: await identityCookie(PREVIOUS_SECRET) })).status, 200);
      await waitFor(() => run.stdout().includes('"secret":"previous"'), 'the log line of the previous secret');
      assert.equal(run.stderr().split('\n').filter((line) => /omneo proxy warning: OMNEO_ASSERTION_SECRET_PREVIOUS is set/.test(line)).length, 1, run.stderr());

      upstream.length = 0;
      assert.equal((await call(base, '/omneo/token', { cookie: await identityCookie('another-secret-0123456789abcdef0123456789') })).status, 401);
      const foreign = await call(base, '/omneo/token', { cookie: await identityCookie(), origin: 'https://shop.example.com.evil.test' });
      assert.equal(foreign.status, 403);
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(upstream, []);

      await waitFor(() => run.stdout().split('\n').filter((line) => line.includes('"event"')).length >= 7, 'a log line per request');
      for (const line of `${run.stdout()}\n${run.stderr()}`.split('\n')) {
        for (const secret of [SECRET, PREVIOUS_SECRET, MOCK_ADMIN_TOKEN, 'eyJ']) assert.ok(!line.includes(secret), `a log line holds ${secret.slice(0, 4)}…: ${line}`);
      }
      assert.doesNotMatch(run.stderr(), /no clientIp hook/, `the README's ${runtime.name} entry passes clientIp`);
    });

    it("limits the socket's address, whatever X-Forwarded-For a client sends", async () => {
      const { base } = await start({ RATE_LIMIT_PER_IP: '3' });
      upstream.length = 0;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        statuses.push((await call(base, '/omneo/token', { headers: { 'X-Forwarded-For': `198.51.100.${attempt}`, 'X-Real-IP': `198.51.100.${attempt}` } })).status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      assert.deepEqual(upstream, []);
    });
  });
}
