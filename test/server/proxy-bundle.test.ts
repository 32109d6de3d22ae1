/**
 * `npm run build:proxy` → dist/proxy/node.mjs, what `npm run proxy` runs in production: one file that
 * plain `node` runs with no node_modules at all (`NODE_ENV=production npm ci` installs none of the
 * proxy's dependencies, which stay devDependencies of the browser package), and that the npm package
 * does not ship.
 *
 * What a deployment depends on is checked on each Node a merchant deploys on: the one running the tests (CI's) and
 * the releases test/node-versions pins (22, 24 and 26: README, Deploy on Node), each from the same built file in front
 * of the mock Omneo: start-up and its log line (and that the process is that release: its own diagnostic report), /healthz and /readyz, a mint and a refusal with one JSON log line each
 * and no secret, the per-IP limit shared through Redis, SIGTERM's drain and exit code, the refusals of bad
 * configuration, and no warning of Node's own on stderr (a deprecation printed at every start is what a merchant on
 * a newer Node would meet first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it, type TestContext } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { buildProxy } from '../../scripts/build-proxy.js';
import { createMockOmneo, MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { signAssertion } from '../../server/proxy/index.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { ensureNodeRelease, NODE_RELEASES, NODE_RELEASES_SKIP } from './node-versions.js';
import { expectDrainsOnSigterm, expectRefusal, freePort, refusalCases, startCountingMock, startProxyProcess, waitFor, type ProxyProcess } from './proxy-process.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'bundle-test-secret-0123456789abcdef0123456789';

describe('npm run build:proxy: the proxy as one file for plain node', () => {
  let dir: string;
  let bundle: string;
  let mockServer: ServerType;
  let idApi: string;
  const running: ProxyProcess[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'omneo-proxy-bundle-'));
    bundle = await buildProxy(path.join(dir, 'node.mjs'));
    const mockPort = await freePort();
    mockServer = serve({ fetch: createMockOmneo().app.fetch, port: mockPort, hostname: '127.0.0.1' });
    idApi = `http://127.0.0.1:${mockPort}/id/api/v1`;
  });

  after(async () => {
    for (const run of running) run.child.kill('SIGINT'); // Ctrl-C: no drain (SHUTDOWN_DRAIN_SECONDS is SIGTERM's)
    await Promise.all(running.map((run) => run.exit));
    mockServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function token(base: string) {
    const cookie = `omneo_identity=${await signAssertion(SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 300)}`;
    const res = await fetch(`${base}/omneo/token`, { method: 'POST', headers: { Cookie: cookie } });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as { token: string; exp: number };
  }

  it('imports nothing but Node built-ins', () => {
    const source = readFileSync(bundle, 'utf8');
    const specifiers = [
      ...source.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']/gm),
      ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ...source.matchAll(/\b(?:__)?require\(\s*["']([^"']+)["']\s*\)/g),
    ].map((match) => match[1]!);
    assert.ok(specifiers.length > 0, 'the scan finds the built-in imports');
    const foreign = [...new Set(specifiers)].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
    assert.deepEqual(foreign, []);
    for (let folder = dir; ; folder = path.dirname(folder)) {
      assert.ok(!existsSync(path.join(folder, 'node_modules')), `${folder}/node_modules would hide a missing dependency`);
      if (path.dirname(folder) === folder) break;
    }
  });

  it('has THIRD-PARTY-NOTICES.txt beside it: every package bundled (from the bundle\'s own module comments), with its licence text', () => {
    const inBundle = [...new Set([...readFileSync(bundle, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map(([, name]) => name!))].sort();
    assert.ok(inBundle.includes('hono') && inBundle.includes('ioredis'), inBundle.join(', '));
    const notices = readFileSync(path.join(dir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const listed = [...notices.matchAll(/^-{78}\n(\S+) (\S+) \(([^)]+)\)/gm)].map(([, name]) => name!);
    assert.deepEqual(listed, inBundle);
    for (const name of inBundle) {
      const folder = path.join(repoRoot, 'node_modules', name);
      const licence = readFileSync(path.join(folder, readdirSync(folder).find((file) => /^licen[cs]e(\.md)?$/i.test(file))!), 'utf8').trim();
      assert.ok(notices.includes(licence), `${name}: its LICENSE text is not in the notices`);
    }
  });

  it('writes the same notices whatever folder the build is run from (esbuild names bundled files from its working directory)', () => {
    const elsewhere = path.join(dir, 'from-server');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/build-proxy.ts'), '--out', path.join(elsewhere, 'node.mjs')], {
      cwd: path.join(repoRoot, 'server'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const listed = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^-{78}\n(\S+) /gm)].map(([, name]) => name!);
    assert.deepEqual(listed(path.join(elsewhere, 'THIRD-PARTY-NOTICES.txt')), listed(path.join(dir, 'THIRD-PARTY-NOTICES.txt')));
    assert.ok(listed(path.join(dir, 'THIRD-PARTY-NOTICES.txt')).includes('hono'));
  });

  it('stays out of the npm package, whose dependencies stay those of the browser build', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      files: string[];
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    const shipped = pkg.files.filter((entry) => 'dist/proxy/node.mjs'.startsWith(entry.replace(/\/?\*.*$/, '')));
    assert.deepEqual(shipped, [], 'no "files" entry covers dist/proxy');
    for (const name of ['hono', '@hono/node-server', 'ioredis', 'tsx', 'esbuild']) assert.equal(pkg.dependencies[name], undefined, name);
    // exec: npm's shell would otherwise stand between npm and the proxy, and die of a SIGTERM npm passes on to it.
    assert.equal(pkg.scripts.proxy, 'exec node dist/proxy/node.mjs');
  });

  it("README's Deploy on Node recommends LTS releases tested here, and names the releases it is tested on", { skip: NODE_RELEASES_SKIP }, () => {
    // To the next heading of its level (readmeSection would stop at its shell block's first `# ` comment).
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const from = readme.indexOf('\n### Deploy on Node\n');
    assert.ok(from >= 0, 'README.md has no ### Deploy on Node');
    const section = readme.slice(from, readme.indexOf('\n### ', from + 1));
    const recommended = /# Run on the server: Node (\d+) or (\d+) \(LTS\)/.exec(section)?.slice(1).map(Number);
    assert.ok(recommended, 'the README no longer says which Node to run the proxy on');
    const tested = /Tested on (\d+), (\d+) and (\d+);/.exec(section)?.slice(1).map(Number);
    assert.deepEqual(tested, NODE_RELEASES.map((release) => release.major), 'the README names other releases than test/node-versions pins');
    assert.match(section, new RegExp(`runs the built file on Node ${tested!.slice(0, -1).join(', ')} and ${tested!.at(-1)} and on CI's`));
    const image = Number(/`node:(\d+)-slim`/.exec(section)?.[1]);
    assert.ok(recommended.includes(image), `the container image (node:${image}-slim) is not a release the README recommends`);
    for (const major of recommended) {
      const release = NODE_RELEASES.find((candidate) => candidate.major === major);
      assert.ok(release, `the README recommends Node ${major}, which test/node-versions does not pin`);
      // An LTS release's binary carries its codename; a Current release's has none.
      const lts = spawnSync(ensureNodeRelease(release), ['-p', 'process.release.lts ?? ""'], { encoding: 'utf8' }).stdout.trim();
      assert.notEqual(lts, '', `the README recommends Node ${release.version}, which is not an LTS release`);
    }
  });

  // What a deployment depends on, on each Node a merchant deploys on: the one running the tests (CI's), and the
  // releases test/node-versions pins (README, Deploy on Node, names them).
  const runtimes: Array<{ label: string; version: string; binary: () => string; skip: string | false }> = [
    { label: `Node ${process.version.slice(1)} (the one running the tests)`, version: process.version, binary: () => process.execPath, skip: false },
    ...NODE_RELEASES.map((release) => ({
      label: `Node ${release.version} (test/node-versions)`,
      version: `v${release.version}`,
      binary: () => ensureNodeRelease(release),
      skip: NODE_RELEASES_SKIP,
    })),
  ];
  for (const runtime of runtimes) {
    describe(`run with plain node: ${runtime.label}`, { skip: runtime.skip }, () => {
      let node: string;
      before(() => {
        node = runtime.binary();
      });

      /** Started from a folder with nothing else in it (no node_modules here or, checked above, further up); resolves once /healthz answers 200. */
      async function start(env: Record<string, string>, t?: TestContext, nodeArgs: string[] = []): Promise<{ run: ProxyProcess; base: string; port: number }> {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        const started = performance.now();
        const run = startProxyProcess([...nodeArgs, bundle], { OMNEO_ID_API: idApi, OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: SECRET, OMNEO_ID_HANDLE: 'shopify', PORT: String(port), ...env }, dir, node);
        running.push(run);
        let healthy = false;
        await waitFor(() => {
          if (run.child.exitCode !== null) return true;
          void fetch(`${base}/healthz`).then((res) => (healthy = res.status === 200), () => undefined);
          return healthy;
        }, 'the bundled proxy to answer /healthz', 30_000);
        assert.equal(run.child.exitCode, null, run.stderr());
        t?.diagnostic(`started in ${Math.round(performance.now() - started)} ms (spawn to /healthz 200)`);
        return { run, base, port };
      }

      /** Node's own warnings (DeprecationWarning, ExperimentalWarning…), as Node prints them: `(node:1234) [DEP0040] DeprecationWarning: …`. */
      const assertNoNodeWarning = (run: ProxyProcess) => assert.doesNotMatch(run.stderr(), /^\(node:\d+\)/m, `Node warned on ${runtime.label}`);

      it('starts, says what it runs with, answers /healthz and /readyz, and Node prints no warning of its own (a deprecation)', async (t) => {
        // The running proxy says which Node it is, in a diagnostic report Node writes on SIGUSR2 (the proxy leaves
        // that signal alone): a binary path that resolved to another Node (a version manager's shim) would show here.
        const reports = mkdtempSync(path.join(tmpdir(), 'omneo-proxy-report-'));
        const { run, base } = await start({}, t, ['--report-on-signal', `--report-directory=${reports}`]);
        try {
          run.child.kill('SIGUSR2');
          await waitFor(() => readdirSync(reports).some((file) => file.endsWith('.json')), 'the diagnostic report');
          await waitFor(() => run.stderr().includes('Node.js report completed'), 'the report written to its end');
          const report = JSON.parse(readFileSync(path.join(reports, readdirSync(reports).find((file) => file.endsWith('.json'))!), 'utf8')) as {
            header: { nodejsVersion: string; processId: number };
          };
          assert.equal(report.header.processId, run.child.pid, 'the report is not the proxy\'s');
          assert.equal(report.header.nodejsVersion, runtime.version, `the proxy runs on ${report.header.nodejsVersion}, not ${runtime.label}`);
        } finally {
          rmSync(reports, { recursive: true, force: true });
        }
        assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok');
        assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ready');
        assert.match(run.stdout(), /^omneo token proxy listening on http:\/\/127\.0\.0\.1:\d+\/omneo\/token \(identity: signed-assertion; store: memory; pass-through: off;/m);
        await token(base);
        assertNoNodeWarning(run);
      });

      it('mints { token, exp } for a signed assertion, answers 401 to a forged one, and logs one JSON line per request with no secret', async (t) => {
        const { run, base } = await start({});
        const sent = performance.now();
        const minted = await token(base);
        t.diagnostic(`a token mint took ${Math.round(performance.now() - sent)} ms (through the mock Omneo on loopback)`);
        assert.deepEqual(Object.keys(minted).sort(), ['exp', 'token']);
        assert.equal(decodePayload(minted.token).pid, AVA_PROFILE_ID);
        assert.ok(minted.exp > Date.now() / 1000, `exp ${minted.exp} is in the past`);
        const forged = `omneo_identity=${await signAssertion('another-secret-0123456789abcdef0123456789', AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 300)}`;
        assert.equal((await fetch(`${base}/omneo/token`, { method: 'POST', headers: { Cookie: forged } })).status, 401);
        assert.equal((await fetch(`${base}/omneo/tiers`)).status, 200);

        await waitFor(() => run.stdout().split('\n').filter((line) => line.startsWith('{')).length >= 3, 'a log line per request');
        await new Promise((resolve) => setTimeout(resolve, 100)); // and no fourth
        const lines = run.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
        assert.deepEqual(
          lines.map((line) => [line.event, line.status, line.outcome]),
          [
            ['omneo.token', 200, 'minted'],
            ['omneo.token', 401, 'refused'],
            ['omneo.tiers', 200, 'served'],
          ],
        );
        for (const secret of [SECRET, MOCK_ADMIN_TOKEN, minted.token, 'eyJ']) assert.ok(!`${run.stdout()}${run.stderr()}`.includes(secret), `the log holds ${secret.slice(0, 6)}…`);
        assertNoNodeWarning(run);
      });

      it('counts the per-IP limit in Redis (REDIS_URL): two instances share it', { skip: process.env.REDIS_URL ? false : 'REDIS_URL is not set' }, async () => {
        // Behind a balancer (one hop) that names a client of this run's own: other tests share this Redis, and their
        // requests count against 127.0.0.1's limit. An IPv6 client is counted per /64: a random one each run.
        const env = { REDIS_URL: process.env.REDIS_URL!, RATE_LIMIT_PER_IP: '3', TRUSTED_PROXY_HOPS: '1' };
        const [one, two] = [await start(env), await start(env)];
        assert.match(one.run.stdout(), /store: redis/);
        assert.equal(await (await fetch(`${one.base}/readyz`)).text(), 'ready');
        const group = () => Math.floor(Math.random() * 0x10000).toString(16);
        const client = `2001:db8:${group()}:${group()}::7`;
        const statuses: number[] = [];
        for (const { base } of [one, two, one, two]) statuses.push((await fetch(`${base}/omneo/token`, { method: 'POST', headers: { 'X-Forwarded-For': client } })).status);
        assert.deepEqual(statuses, [401, 401, 401, 429], 'the fourth request, to the second instance, is over the limit the first counted');
        assertNoNodeWarning(one.run);
        assertNoNodeWarning(two.run);
      });

      it('on SIGTERM, answers /readyz 503 for SHUTDOWN_DRAIN_SECONDS while /healthz stays 200, then exits 0 and stops listening', async () => {
        const { run, base } = await start({ SHUTDOWN_DRAIN_SECONDS: '1' });
        const signalled = Date.now();
        run.child.kill('SIGTERM');
        await waitFor(() => run.stdout().includes('"event":"omneo.shutdown","signal":"SIGTERM","drainMs":1000'), 'the shutdown log line');
        assert.equal((await fetch(`${base}/readyz`)).status, 503);
        assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok');
        assert.equal(await run.exit, 0, run.stderr());
        assert.ok(Date.now() - signalled >= 1000, `exited ${Date.now() - signalled} ms after the signal`);
        await assert.rejects(fetch(`${base}/healthz`), 'still listening after it exited');
        assertNoNodeWarning(run);
      });

      for (const { name, env, message, skip } of refusalCases(SECRET)) {
        it(`refuses to start on ${name}: exit 1, naming the variable`, { skip }, async () => {
          const run = startProxyProcess([bundle], env, dir, node);
          await expectRefusal(run, message, [SECRET, 's3cret-pass']);
        });
      }
    });
  }
});

describe('npm run proxy (the fixed interface deploy scripts call)', () => {
  /** The environment of a shell with none of the proxy's variables. */
  const bareEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OMNEO_|SHOPIFY_|ALLOWED_ORIGINS|PORT$|REDIS_URL$)/.test(name)));

  it('in a checkout, builds dist/proxy/node.mjs first, then refuses an incomplete configuration by name', () => {
    const bundle = path.join(repoRoot, 'dist/proxy/node.mjs');
    rmSync(bundle, { force: true });
    const run = spawnSync('npm', ['run', '--silent', 'proxy'], { cwd: repoRoot, env: { ...bareEnv(), OMNEO_TENANT: 'acme' }, encoding: 'utf8', timeout: 60_000 });
    assert.ok(existsSync(bundle), `npm run proxy built nothing: ${run.stderr}`);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /OMNEO_ADMIN_TOKEN/);
  });

  it('passes SIGTERM on to the proxy when npm alone is signalled (docker stop, Kubernetes: PID 1), so it drains and exits 0 and nothing is left listening', async () => {
    const mock = await startCountingMock();
    const port = await freePort();
    try {
      await expectDrainsOnSigterm('npm', ['run', '--silent', 'proxy'], {
        cwd: repoRoot,
        env: { ...bareEnv(), OMNEO_ID_API: mock.idApi, OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DRAIN_SECONDS: '0' },
        port,
      });
    } finally {
      mock.close();
    }
  });

  it('in an install without dev dependencies and without the built file, says what to do instead of a module error', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-preproxy-'));
    try {
      copyFileSync(path.join(repoRoot, 'scripts/preproxy.mjs'), path.join(dir, 'preproxy.mjs'));
      const run = spawnSync(process.execPath, ['preproxy.mjs'], { cwd: dir, env: bareEnv(), encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /dist\/proxy\/node\.mjs is missing.*npm run build:proxy/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
