/**
 * `npm run build:proxy` → dist/proxy/node.mjs, what `npm run proxy` runs in production: one file that
 * plain `node` runs with no node_modules at all (`NODE_ENV=production npm ci` installs none of the
 * proxy's dependencies, which stay devDependencies of the browser package), and that the npm package
 * does not ship.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { buildProxy } from '../../scripts/build-proxy.js';
import { createMockOmneo, MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { signAssertion } from '../../server/proxy/index.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { expectDrainsOnSigterm, freePort, startCountingMock, startProxyProcess, waitFor, type ProxyProcess } from './proxy-process.js';

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

  /** Started from a folder with nothing else in it: no node_modules here or (checked) above. */
  async function start(env: Record<string, string>): Promise<{ run: ProxyProcess; base: string }> {
    const port = await freePort();
    const run = startProxyProcess([bundle], { OMNEO_ID_API: idApi, OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: SECRET, OMNEO_ID_HANDLE: 'shopify', PORT: String(port), ...env }, dir);
    running.push(run);
    await waitFor(() => run.stdout().includes('listening') || run.child.exitCode !== null, 'the bundled proxy to listen');
    assert.equal(run.child.exitCode, null, run.stderr());
    return { run, base: `http://127.0.0.1:${port}` };
  }

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

  it('starts with plain node from an empty folder and mints a token', async () => {
    const { run, base } = await start({});
    assert.match(run.stdout(), /identity: signed-assertion; store: memory/);
    assert.equal(decodePayload((await token(base)).token).pid, AVA_PROFILE_ID);
    assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ready');
  });

  it('shares state through Redis with the bundled client when REDIS_URL is set', { skip: process.env.REDIS_URL ? false : 'REDIS_URL is not set' }, async () => {
    const { run, base } = await start({ REDIS_URL: process.env.REDIS_URL! });
    assert.match(run.stdout(), /store: redis/);
    assert.equal(decodePayload((await token(base)).token).pid, AVA_PROFILE_ID);
    assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ready');
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
