/**
 * README "Deploy on serverless and edge runtimes", Vercel and Netlify, followed as written: an empty project with
 * exactly the paths the section says to copy, each entry written where its first line says, bundled for an edge
 * runtime (browser platform: a `node:` import fails the build) and run here, against the mock Omneo, with
 * `process.env` and `Netlify.env` standing in for the platforms'. The Cloudflare Worker is built the same way in
 * proxy-workerd.test.ts and run in workerd. Vercel's and Netlify's routing and bundlers are not run: the `config`
 * each entry exports is checked against their documented pattern syntax instead.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { ENV_VARIABLES } from '../../server/proxy/env.js';
import { signAssertion } from '../../server/proxy/index.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { startCountingMock } from './proxy-process.js';
import { EDGE_PROJECT_NODE_PATHS, edgeProjectAsReadmeSays, readmeBlock } from './readme-blocks.js';

const SECRET = 'edge-recipe-assertion-secret-0123456789abcdef';
const SHOP = 'https://shop.example.com';

type Entry = { default: (request: Request, context?: unknown) => Promise<Response>; config: Record<string, string> };

/** A Vercel matcher (path-to-regexp: `:name*` is any number of segments) or a Netlify path (URLPattern: `*` is anything). */
function routes(pattern: string, pathname: string): boolean {
  const source = pattern
    .split(/(:\w+\*|\*)/)
    .map((part) => (part === '*' || /^:\w+\*$/.test(part) ? '.*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(pathname);
}

describe("README's Vercel and Netlify entries, followed as written", () => {
  let project: string;
  let mock: Awaited<ReturnType<typeof startCountingMock>>;
  let env: Record<string, string>;

  before(async () => {
    project = edgeProjectAsReadmeSays();
    mock = await startCountingMock();
    env = {
      OMNEO_ID_API: mock.idApi,
      OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
      OMNEO_ASSERTION_SECRET: SECRET,
      OMNEO_ID_HANDLE: 'shopify',
      ALLOWED_ORIGINS: SHOP,
    };
  });

  after(() => {
    mock?.close();
    rmSync(project, { recursive: true, force: true });
  });

  /** Writes the README block at the path its first line names, bundles it as an edge platform would, and imports it. */
  async function entry(firstLine: RegExp): Promise<Entry> {
    const source = readmeBlock('ts', firstLine);
    const file = /^\/\/ ([\w./-]+\.ts)\b/.exec(source)?.[1];
    assert.ok(file, `the block's first line names its file: ${source.split('\n')[0]}`);
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), source);
    const bundled = await build({
      entryPoints: [path.join(project, file)],
      nodePaths: EDGE_PROJECT_NODE_PATHS,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['edge-light', 'worker', 'browser'],
      target: 'es2022',
      logLevel: 'silent',
    }).catch((error: Error) => assert.fail(`${file} does not build from what the README says to copy: ${error.message}`));
    const out = path.join(project, `${file}.bundle.mjs`);
    writeFileSync(out, bundled.outputFiles[0]!.text);
    return (await import(pathToFileURL(out).href)) as Entry;
  }

  async function mint(handler: (request: Request) => Promise<Response>) {
    const assertion = await signAssertion(SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 120);
    const response = await handler(
      new Request('https://shop.example.com/omneo/token', {
        method: 'POST',
        headers: { Origin: SHOP, 'Sec-Fetch-Site': 'same-origin', Cookie: `omneo_identity=${assertion}`, 'X-Real-IP': '203.0.113.20' },
      }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(decodePayload(((await response.json()) as { token: string }).token).pid, AVA_PROFILE_ID);
  }

  function assertRoutesTheProxy(pattern: string | undefined) {
    assert.ok(pattern, 'the entry exports its route');
    for (const pathname of ['/omneo/token', '/omneo/tiers', '/omneo/api/me/balances']) assert.ok(routes(pattern, pathname), `${pattern} routes ${pathname}`);
    assert.ok(!routes(pattern, '/account'), `${pattern} leaves the storefront's own pages alone`);
  }

  it('Vercel: middleware.ts builds, routes /omneo/* to itself and mints with process.env', async () => {
    // The project's variables are the proxy's only settings there: this machine's own (CI exports REDIS_URL for
    // the store tests, which an edge runtime refuses) must not leak into the deployment under test.
    const saved = { ...process.env };
    for (const key of ENV_VARIABLES) delete process.env[key];
    Object.assign(process.env, env);
    try {
      const vercel = await entry(/^\/\/ middleware\.ts/);
      assertRoutesTheProxy(vercel.config.matcher);
      await mint((request) => vercel.default(request));
    } finally {
      for (const key of [...ENV_VARIABLES, ...Object.keys(env)]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('Netlify: netlify/edge-functions/omneo.ts builds, routes /omneo/* to itself and mints with Netlify.env', async () => {
    const global = globalThis as { Netlify?: unknown };
    global.Netlify = { env: { toObject: () => ({ ...env }) } };
    try {
      const netlify = await entry(/^\/\/ netlify\/edge-functions\//);
      assertRoutesTheProxy(netlify.config.path);
      await mint((request) => netlify.default(request, { ip: '203.0.113.21' }));
    } finally {
      delete global.Netlify;
    }
  });
});
