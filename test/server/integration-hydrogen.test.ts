/**
 * Shopify Hydrogen (integrations/hydrogen): the real token route module, its `action` and `loader` called as
 * React Router calls them, with a real Request and a context whose `customerAccount` is a small stand-in for
 * Hydrogen's Customer Account API client (Shopify's API cannot run here; it is the only stand-in), in front of
 * the mock Omneo on a loopback port, reached with the runtime's own fetch as on Oxygen. Log lines are what the
 * route writes to the console, which Oxygen collects. The client files are type-checked against the package.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it, mock as nodeMock } from 'node:test';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { createMockOmneo } from '../../server/mock-omneo/index.js';
import { ProxyEnvError } from '../../server/proxy/index.js';
import { omneoCspDirectives } from '../../integrations/hydrogen/app/lib/omneo-csp.js';
import { CUSTOMER_ID_QUERY, omneoCustomerHint, type OmneoCustomerAccount, type OmneoEnv } from '../../integrations/hydrogen/app/lib/omneo-token.server.js';
import { action, loader } from '../../integrations/hydrogen/app/routes/omneo.token.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { freePort } from './proxy-process.js';
import { ADMIN_TOKEN } from './proxy-harness.js';
import { REPO_ROOT, readmeSection } from './readme-blocks.js';

const SHOP = 'https://shop.example.com';
const TOKEN_URL = `${SHOP}/omneo/token`;

interface Upstream {
  method: string;
  path: string;
  body: string;
  authorization: string | null;
}

const closers: Array<() => void> = [];
after(() => closers.forEach((close) => close()));

/** A fresh mock Omneo on a loopback port (so a fresh proxy: the route builds one per configuration), recording what reaches it. */
async function startOmneo() {
  const omneo = createMockOmneo({ adminToken: ADMIN_TOKEN });
  const upstream: Upstream[] = [];
  const port = await freePort();
  const server = serve({
    fetch: async (request: Request) => {
      upstream.push({ method: request.method, path: new URL(request.url).pathname, body: await request.clone().text(), authorization: request.headers.get('authorization') });
      return omneo.app.fetch(request);
    },
    port,
    hostname: '127.0.0.1',
  });
  closers.push(() => server.close());
  const env: OmneoEnv = { OMNEO_ID_API: `http://127.0.0.1:${port}/id/api/v1`, OMNEO_ADMIN_TOKEN: ADMIN_TOKEN };
  return { omneo, upstream, env };
}

/** Hydrogen's `context.customerAccount`, reduced to what the route calls, recording the calls. */
function customerAccount(state: { signedIn: boolean; id?: string; query?: () => Promise<never> }) {
  const calls: string[] = [];
  const account: OmneoCustomerAccount = {
    isLoggedIn: async () => {
      calls.push('isLoggedIn');
      return state.signedIn;
    },
    query: async (query) => {
      calls.push(query === CUSTOMER_ID_QUERY ? 'query customer id' : `query ${query}`);
      if (state.query) return state.query();
      return { data: { customer: { id: `gid://shopify/Customer/${state.id ?? AVA_SHOPIFY_ID}` } } };
    },
  };
  return { account, calls };
}

/** A request from the storefront's own page, as a browser sends the widget's POST. */
function fromStorefront(init: { method?: string; headers?: Record<string, string> } = {}): Request {
  return new Request(TOKEN_URL, {
    method: init.method ?? 'POST',
    headers: { Accept: 'application/json', Origin: SHOP, 'Sec-Fetch-Site': 'same-origin', 'oxygen-buyer-ip': '203.0.113.9', ...init.headers },
  });
}

/** The console lines the route writes while `run` runs (the proxy's JSON log lines and warnings). */
async function capturingConsole<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const spies = (['log', 'warn', 'error'] as const).map((level) => nodeMock.method(console, level, record));
  try {
    return { result: await run(), lines };
  } finally {
    spies.forEach((spy) => spy.mock.restore());
  }
}

const logEntries = (lines: string[]) => lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);

function assertNoLeaks(lines: string[], bodies: string[]) {
  for (const text of [...lines, ...bodies]) assert.ok(!text.includes(ADMIN_TOKEN), `the admin token leaked: ${text.slice(0, 200)}`);
  for (const line of lines) assert.doesNotMatch(line, /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/, `a log line holds a JWT: ${line}`);
}

describe('Hydrogen: the /omneo/token route with the Customer Account API', () => {
  it('mints for the signed-in customer by the shopify identity handle, and leaks nothing', async () => {
    const { upstream, env } = await startOmneo();
    const { account, calls } = customerAccount({ signedIn: true });
    const { result: response, lines } = await capturingConsole(() => action({ request: fromStorefront(), context: { env, customerAccount: account } }));
    const text = await response.text();
    assert.equal(response.status, 200, text);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const { token, exp } = JSON.parse(text) as { token: string; exp: number };
    assert.equal(decodePayload(token).pid, AVA_PROFILE_ID);
    assert.ok(exp > Date.now() / 1000);
    assert.deepEqual(calls, ['isLoggedIn', 'query customer id']);
    // Omneo was asked for the numeric id under the shopify handle, with the admin token (server to server only).
    assert.deepEqual(upstream.map(({ method, path: p }) => `${method} ${p}`), ['POST /id/api/v1/auth/token']);
    assert.deepEqual(JSON.parse(upstream[0]!.body), { id: AVA_SHOPIFY_ID, id_handle: 'shopify' });
    assert.equal(upstream[0]!.authorization, `Bearer ${ADMIN_TOKEN}`);
    const [entry] = logEntries(lines);
    assert.deepEqual([entry?.event, entry?.outcome, entry?.adapter, entry?.customerId, entry?.ip], ['omneo.token', 'minted', 'hydrogen-customer-account', AVA_SHOPIFY_ID, '203.0.113.9']);
    assertNoLeaks(lines, [JSON.stringify([...response.headers])]);
  });

  it("answers the widgets' guest answer, 204, when nobody is signed in, asking Omneo nothing", async () => {
    const { upstream, env } = await startOmneo();
    const { account, calls } = customerAccount({ signedIn: false });
    const { result: response, lines } = await capturingConsole(() => action({ request: fromStorefront(), context: { env, customerAccount: account } }));
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    assert.deepEqual(calls, ['isLoggedIn']);
    assert.deepEqual(upstream, []);
    assert.deepEqual(logEntries(lines).map((entry) => [entry.outcome, entry.adapter]), [['signed-out', 'hydrogen-customer-account']]);
  });

  it('treats a session that ended between the two calls (Hydrogen throws a redirect to the login) as signed out', async () => {
    const { upstream, env } = await startOmneo();
    const { account } = customerAccount({ signedIn: true, query: async () => Promise.reject(new Response(null, { status: 302, headers: { Location: '/account/login' } })) as never });
    const { result: response } = await capturingConsole(() => action({ request: fromStorefront(), context: { env, customerAccount: account } }));
    assert.equal(response.status, 204);
    assert.deepEqual(upstream, []);
  });

  it('answers 500, minting nothing, when the Customer Account API fails for a signed-in session (not a guest: the widgets offer Retry)', async () => {
    const { upstream, env } = await startOmneo();
    const failing = customerAccount({ signedIn: true, query: async () => ({ data: null, errors: [{ message: 'Internal error' }] }) as never });
    const { result: response, lines } = await capturingConsole(() => action({ request: fromStorefront(), context: { env, customerAccount: failing.account } }));
    assert.equal(response.status, 500);
    assert.deepEqual(upstream, []);
    assert.deepEqual(logEntries(lines).map((entry) => [entry.outcome, entry.adapter]), [['adapter-error', 'hydrogen-customer-account']]);
  });

  it("refuses another site's request without an Origin, and another origin's, before asking who is signed in", async () => {
    const { upstream, env } = await startOmneo();
    const { account, calls } = customerAccount({ signedIn: true });
    const { result: responses, lines } = await capturingConsole(async () => [
      // An <img> or a no-cors fetch from another site: no Origin, Sec-Fetch-Site says where it came from.
      await action({ request: new Request(TOKEN_URL, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } }), context: { env, customerAccount: account } }),
      await loader({ request: new Request(TOKEN_URL, { headers: { 'Sec-Fetch-Site': 'same-site' } }), context: { env, customerAccount: account } }),
      await action({ request: fromStorefront({ headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } }), context: { env, customerAccount: account } }),
    ]);
    assert.deepEqual(responses.map((response) => response.status), [403, 403, 403]);
    assert.equal(responses[2]!.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(calls, [], 'the session was never consulted');
    assert.deepEqual(upstream, []);
    assert.deepEqual(logEntries(lines).map((entry) => entry.outcome), ['cross-site-without-origin', 'cross-site-without-origin', 'origin-not-allowed']);
  });

  it('answers GET (the loader) as POST, and keeps one proxy per isolate: the second request is served from its token cache', async () => {
    const { upstream, env } = await startOmneo();
    const first = await capturingConsole(() => action({ request: fromStorefront(), context: { env, customerAccount: customerAccount({ signedIn: true }).account } }));
    // A new request, a new context object with the same values (as Oxygen passes them): the same proxy.
    const second = await capturingConsole(() => loader({ request: fromStorefront({ method: 'GET' }), context: { env: { ...env }, customerAccount: customerAccount({ signedIn: true }).account } }));
    assert.equal(first.result.status, 200);
    assert.equal(second.result.status, 200);
    const tokens = await Promise.all([first.result, second.result].map(async (response) => ((await response.json()) as { token: string }).token));
    assert.equal(tokens[0], tokens[1]);
    assert.equal(upstream.length, 1, 'minted once');
    assert.deepEqual(logEntries(second.lines).map((entry) => [entry.method, entry.outcome, entry.cached]), [['GET', 'minted', true]]);
  });

  it('mints for each request its own customer (the session is per request, never the last one seen)', async () => {
    const { upstream, env } = await startOmneo();
    const ava = customerAccount({ signedIn: true });
    const guest = customerAccount({ signedIn: false });
    const { result: [avaResponse, guestResponse] } = await capturingConsole(() =>
      Promise.all([
        action({ request: fromStorefront(), context: { env, customerAccount: ava.account } }),
        action({ request: fromStorefront(), context: { env, customerAccount: guest.account } }),
      ]),
    );
    assert.equal(avaResponse.status, 200);
    assert.equal(guestResponse.status, 204);
    assert.equal(upstream.length, 1);
  });

  it('mints by OMNEO_ID_HANDLE when the tenant keeps Shopify ids under another handle', async () => {
    const { omneo, upstream, env } = await startOmneo();
    (omneo.state.ava.profile.identities as unknown[]).push({ id: 902, handle: 'shopify-au', identifier: '5550001', is_primary: false, is_active: '1' });
    const { account } = customerAccount({ signedIn: true, id: '5550001' });
    const { result: response } = await capturingConsole(() => action({ request: fromStorefront(), context: { env: { ...env, OMNEO_ID_HANDLE: 'shopify-au' }, customerAccount: account } }));
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(upstream[0]!.body), { id: '5550001', id_handle: 'shopify-au' });
  });

  it('passes only Omneo variables to the proxy: a SHOPIFY_API_SECRET of another app turns on no app-proxy adapter', async () => {
    const { upstream, env } = await startOmneo();
    const { account } = customerAccount({ signedIn: false });
    const hydrogenEnv = { ...env, SHOPIFY_API_SECRET: 'x'.repeat(40), SHOPIFY_SHOPS: 'other.myshopify.com', PUBLIC_STORE_DOMAIN: 'shop.example.com' } as OmneoEnv;
    const { result: response, lines } = await capturingConsole(() => action({ request: fromStorefront(), context: { env: hydrogenEnv, customerAccount: account } }));
    assert.equal(response.status, 204);
    assert.deepEqual(upstream, []);
    assert.deepEqual(lines.filter((line) => !line.startsWith('{')), [], 'no start-up warnings');
  });

  it("README step 1 names exactly the variables that reach the proxy (READ in omneo-token.server.ts)", () => {
    const source = readFileSync(path.join(REPO_ROOT, 'integrations/hydrogen/app/lib/omneo-token.server.ts'), 'utf8');
    const read = [...(/const READ: [^=]+= \[([^\]]*)\]/.exec(source)?.[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map(([, name]) => name!).sort();
    assert.ok(read.includes('OMNEO_ADMIN_TOKEN'), read.join(', '));
    const step = readmeSection('### Shopify Hydrogen (headless)').replace(/\s+/g, ' ');
    // "Set in Oxygen … `OMNEO_TENANT` and `OMNEO_ADMIN_TOKEN` …, and `OMNEO_ID_HANDLE` if …. Only those and `…`, … reach the proxy"
    const named = /Set in Oxygen ([\s\S]*?) reach the proxy/.exec(step)?.[1] ?? '';
    const inReadme = [...new Set([...named.matchAll(/`([A-Z][A-Z_]+)`/g)].map(([, name]) => name!))].filter((name) => !name.startsWith('PUBLIC')).sort();
    assert.deepEqual(inReadme, read);
  });

  it('refuses to run without the admin token, naming the variable and never a value', async () => {
    const { env } = await startOmneo();
    const { account } = customerAccount({ signedIn: true });
    await assert.rejects(
      () => action({ request: fromStorefront(), context: { env: { OMNEO_ID_API: env.OMNEO_ID_API }, customerAccount: account } }),
      (error: unknown) => error instanceof ProxyEnvError && error.variables.includes('OMNEO_ADMIN_TOKEN'),
    );
    await assert.rejects(
      () => action({ request: fromStorefront(), context: { env: { ...env, OMNEO_ADMIN_TOKEN: `Bearer ${ADMIN_TOKEN}` }, customerAccount: account } }),
      (error: unknown) => error instanceof ProxyEnvError && !error.message.includes(ADMIN_TOKEN),
    );
  });

  it("gives the root loader the customer hint: the numeric id, '' signed out, none when the API fails", async () => {
    assert.equal(await omneoCustomerHint({ customerAccount: customerAccount({ signedIn: true }).account }), AVA_SHOPIFY_ID);
    assert.equal(await omneoCustomerHint({ customerAccount: customerAccount({ signedIn: false }).account }), '');
    const failing = customerAccount({ signedIn: true, query: async () => Promise.reject(new Error('network')) as never });
    assert.equal(await omneoCustomerHint({ customerAccount: failing.account }), undefined);
  });
});

describe('Hydrogen: the client files', () => {
  it('type-check against the package (strict, React JSX), with no Hydrogen or React Router types installed', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'omneo-hydrogen-'));
    try {
      const app = path.join(REPO_ROOT, 'integrations/hydrogen/app');
      const files = (readdirSync(app, { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file)).map((file) => path.join(app, file));
      assert.ok(files.length >= 4, files.join(', '));
      const tsconfig = path.join(work, 'tsconfig.json');
      writeFileSync(
        tsconfig,
        JSON.stringify({
          extends: path.join(REPO_ROOT, 'tsconfig.json'),
          compilerOptions: {
            jsx: 'react-jsx',
            noEmit: true,
            types: [],
            paths: { 'omneo-widgets': [path.join(REPO_ROOT, 'src/index.ts')], 'omneo-widgets/react': [path.join(REPO_ROOT, 'src/react/index.ts')] },
          },
          include: [],
          files: [...files, path.join(REPO_ROOT, 'src/globals.d.ts')],
        }),
      );
      try {
        execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: REPO_ROOT, stdio: 'pipe' });
      } catch (error) {
        assert.fail(`tsc found errors in integrations/hydrogen:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('Hydrogen: omneoCspDirectives (README step 3)', () => {
  it("merges a policy's own connectSrc and imgSrc with the widgets' hosts instead of one replacing the other", () => {
    const api = 'https://api.demo.getomneo.com';
    assert.deepEqual(omneoCspDirectives('demo', ['https://images.example-retailer.com']), {
      connectSrc: [api],
      imgSrc: ["'self'", 'https://cdn.shopify.com', api, 'https://images.example-retailer.com'],
    });
    const merged = omneoCspDirectives('demo', ['https://images.example-retailer.com'], {
      connectSrc: ['https://analytics.example.com', api],
      imgSrc: ["'self'", 'https://reviews.example.com'],
    });
    assert.deepEqual(merged.connectSrc, ['https://analytics.example.com', api]);
    assert.deepEqual(merged.imgSrc, ["'self'", 'https://reviews.example.com', 'https://cdn.shopify.com', api, 'https://images.example-retailer.com']);
    // What README step 3 warns against: the merchant's list written beside the spread drops the widgets' API host.
    const beside = { ...omneoCspDirectives('demo'), connectSrc: ['https://analytics.example.com'] };
    assert.ok(!beside.connectSrc.includes(api));
    assert.match(readmeSection('### Shopify Hydrogen (headless)'), /third argument, `omneoCspDirectives\(OMNEO_TENANT, imageHosts, \{ connectSrc: \[\.\.\.\], imgSrc: \[\.\.\.\] \}\)`/);
  });
});

describe('Hydrogen: README step 1, followed as written', () => {
  it('the token route builds from exactly what step 1 says to copy into the app, and mints', async () => {
    // "Copy … into your app": the repository paths it names, copied under omneo/ with their layout (the folder the
    // comment in omneo-token.server.ts points its imports at).
    const step = /1\. \*\*The token route\.\*\*([\s\S]*?)\n2\. /.exec(readmeSection('### Shopify Hydrogen (headless)'))?.[1] ?? '';
    const copied = [...(/Copy ([\s\S]*?) into your app/.exec(step)?.[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    assert.ok(copied.includes('server/proxy/'), `step 1 names what to copy: ${copied.join(', ')}`);
    const work = mkdtempSync(path.join(tmpdir(), 'omneo-hydrogen-app-'));
    try {
      for (const name of copied) {
        mkdirSync(path.dirname(path.join(work, 'omneo', name)), { recursive: true });
        cpSync(path.join(REPO_ROOT, name), path.join(work, 'omneo', name), { recursive: true });
      }
      cpSync(path.join(REPO_ROOT, 'integrations/hydrogen/app'), path.join(work, 'app'), { recursive: true });
      // "point the imports at the top of omneo-token.server.ts at them"
      const server = path.join(work, 'app/lib/omneo-token.server.ts');
      writeFileSync(server, readFileSync(server, 'utf8').replaceAll("'../../../../server/proxy/", "'../../omneo/server/proxy/"));
      // Bundled as Vite would for Oxygen: everything from the app's files and its dependencies (hono), nothing else.
      const bundled = await build({
        entryPoints: [path.join(work, 'app/routes/omneo.token.ts')],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        nodePaths: [path.join(REPO_ROOT, 'node_modules')],
        logLevel: 'silent',
      }).catch((error: Error) => assert.fail(`the copied files do not build: ${error.message}`));
      const file = path.join(work, 'route.mjs');
      writeFileSync(file, bundled.outputFiles[0]!.text);
      const route = (await import(pathToFileURL(file).href)) as { action: typeof action };
      const { env } = await startOmneo();
      const { result: response } = await capturingConsole(() => route.action({ request: fromStorefront(), context: { env, customerAccount: customerAccount({ signedIn: true }).account } }));
      assert.equal(response.status, 200);
      assert.equal(decodePayload(((await response.json()) as { token: string }).token).pid, AVA_PROFILE_ID);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
