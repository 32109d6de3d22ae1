/**
 * The README's Cloudflare Worker, as written there, bundled the way wrangler bundles (esbuild, browser
 * platform, the `workerd` export condition) and run in workerd itself, Cloudflare's runtime, through
 * Miniflare, with no `nodejs_compat` flag: the proof that `server/proxy/fetch.ts` needs no Node built-in and
 * survives the runtime's rules (fetch not callable as a method, the environment only with a request, no
 * socket address). The mock Omneo runs on Node and a counting spy in front of it sees every upstream call.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { signAssertion } from '../../server/proxy/index.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { startCountingMock } from './proxy-process.js';
import { EDGE_PROJECT_NODE_PATHS, edgeProjectAsReadmeSays, readmeBlock, readmeSection } from './readme-blocks.js';

const SECRET = 'workerd-assertion-secret-0123456789abcdef01';
/** The secret being retired (README: Rotating secrets), a `wrangler secret put` like the current one. */
const PREVIOUS_SECRET = 'workerd-previous-secret-fedcba9876543210fe';
const SHOP = 'https://shop.example.com';
const PROXY = 'https://proxy.shop.example.com';

/** `key = "value"` lines of a TOML table (the top level when `table` is omitted). */
function tomlTable(toml: string, table?: string): Record<string, string> {
  const section = table ? (toml.split(`[${table}]`)[1] ?? '').split(/^\[/m)[0]! : toml.split(/^\[/m)[0]!;
  return Object.fromEntries([...section.matchAll(/^(\w+)\s*=\s*"([^"]*)"\s*$/gm)].map((match) => [match[1]!, match[2]!]));
}

describe("the README's Cloudflare Worker, run in workerd (Miniflare)", () => {
  const wrangler = readmeBlock('toml', /^name = /);
  let upstream: string[] = [];
  let mock: Awaited<ReturnType<typeof startCountingMock>>;
  let worker: Miniflare;
  const logLines: string[] = [];
  let project: string | undefined;

  before(async () => {
    mock = await startCountingMock();
    upstream = mock.upstream;

    const { main, compatibility_date: compatibilityDate } = tomlTable(wrangler);
    assert.equal(main, 'worker.ts');
    assert.match(compatibilityDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.doesNotMatch(wrangler, /nodejs_compat/, 'the Worker needs no Node compatibility layer');
    // Built in a project of its own holding only what the README says to copy (the checkout's other files, such
    // as src/core/text.ts, are not there unless it names them), with worker.ts beside server/.
    project = edgeProjectAsReadmeSays();
    writeFileSync(path.join(project, main!), readmeBlock('ts', /^\/\/ worker\.ts/));
    const bundle = await build({
      entryPoints: [path.join(project, main!)],
      nodePaths: EDGE_PROJECT_NODE_PATHS,
      bundle: true,
      write: false,
      format: 'esm',
      // What wrangler does: browser platform, the workerd conditions first. A `node:` import fails the build.
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      logLevel: 'silent',
    }).catch((error: Error) => assert.fail(`the README's Worker does not build from what it says to copy: ${error.message}`));

    // The README's [vars] with the tenant swapped for the mock's address (a tenant would name real Omneo),
    // and the secrets `wrangler secret put` would add.
    const { OMNEO_TENANT: tenant, ...vars } = tomlTable(wrangler, 'vars');
    assert.ok(tenant, 'the README sets OMNEO_TENANT');
    assert.equal(vars.ALLOWED_ORIGINS, SHOP);
    worker = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate,
      bindings: {
        ...vars,
        OMNEO_ID_API: mock.idApi,
        OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN,
        OMNEO_ASSERTION_SECRET: SECRET,
        OMNEO_ASSERTION_SECRET_PREVIOUS: PREVIOUS_SECRET,
        OMNEO_ID_HANDLE: 'shopify',
        OMNEO_PASS_THROUGH: 'on',
        RATE_LIMIT_PER_IP: '5',
      },
      // The Worker's console, line by line (workerd writes it to its own stdout and stderr).
      handleRuntimeStdio(stdout, stderr) {
        for (const stream of [stdout, stderr]) createInterface({ input: stream }).on('line', (line) => logLines.push(line));
      },
    });
  });

  after(async () => {
    await worker?.dispose();
    mock?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("names every secret of the proxy's Configuration table for `wrangler secret put`, so none lands in [vars] (plain text)", () => {
    const secrets = [...readmeSection('### Configuration', '## Token-exchange proxy').matchAll(/^\| `((?:OMNEO_ADMIN_TOKEN)|\w+_SECRET)` \|/gm)].map((match) => match[1]!);
    assert.ok(secrets.length >= 4, secrets.join(', '));
    const sentence = /Cloudflare Workers:([\s\S]*?)the rest as `\[vars\]`/.exec(readmeSection('### Deploy on serverless and edge runtimes'))?.[1] ?? '';
    for (const secret of secrets) assert.match(sentence, new RegExp(`[\\s\`]${secret}\``), `${secret} is not named for wrangler secret put`);
    assert.match(sentence, /its `_PREVIOUS`/);
  });

  const identityCookie = async (customerId = AVA_SHOPIFY_ID, secret = SECRET) =>
    `omneo_identity=${await signAssertion(secret, customerId, Math.floor(Date.now() / 1000) + 120)}`;

  /** A request from the storefront's page, from the given client address. */
  async function call(route: string, { ip = '203.0.113.10', origin = SHOP, cookie, method = 'POST' }: { ip?: string; origin?: string; cookie?: string; method?: string } = {}) {
    const headers: Record<string, string> = { Origin: origin, 'cf-connecting-ip': ip, 'Sec-Fetch-Site': 'same-site' };
    if (cookie) headers.Cookie = cookie;
    const response = await worker.dispatchFetch(`${PROXY}${route}`, { method, headers });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('mints the signed-in shopper a token for her own profile, with CORS for the storefront', async () => {
    upstream.length = 0;
    const response = await call('/omneo/token', { cookie: await identityCookie() });
    assert.equal(response.status, 200, response.body);
    const { token, exp } = JSON.parse(response.body) as { token: string; exp: number };
    assert.equal(decodePayload(token).pid, AVA_PROFILE_ID);
    assert.ok(exp > Date.now() / 1000, 'exp in the future: the Worker read the clock at request time');
    assert.equal(response.headers.get('access-control-allow-origin'), SHOP);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(upstream, ['POST /id/api/v1/auth/token']);
  });

  it('serves the tier ladder and pass-through reads with the server-held token', async () => {
    upstream.length = 0;
    const tiers = await call('/omneo/tiers', { method: 'GET' });
    assert.equal(tiers.status, 200, tiers.body);
    assert.ok((JSON.parse(tiers.body) as { data: unknown[] }).data.length >= 2);
    const balances = await call('/omneo/api/me/balances', { method: 'GET', cookie: await identityCookie(), ip: '203.0.113.11' });
    assert.equal(balances.status, 200, balances.body);
    assert.match(balances.body, /point_balance/);
    assert.ok(upstream.includes('GET /id/api/v1/profiles/me/balances'), upstream.join(', '));
  });

  it('accepts what the previous secret signed while OMNEO_ASSERTION_SECRET_PREVIOUS is set, and its log line says so', async () => {
    upstream.length = 0;
    const response = await call('/omneo/token', { cookie: await identityCookie(AVA_SHOPIFY_ID, PREVIOUS_SECRET), ip: '203.0.113.13' });
    assert.equal(response.status, 200, response.body);
    assert.equal(decodePayload((JSON.parse(response.body) as { token: string }).token).pid, AVA_PROFILE_ID);
    const line = () => logLines.find((each) => each.includes('"event"') && each.includes('"secret":"previous"'));
    for (let wait = 0; !line() && wait < 50; wait += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(line() ?? '', /"adapter":"signed-assertion"/);
    assert.equal(logLines.filter((each) => /omneo proxy warning: OMNEO_ASSERTION_SECRET_PREVIOUS is set/.test(each)).length, 1, 'one start-up warning');
  });

  it('refuses a forged assertion and an unknown origin, forwarding nothing', async () => {
    upstream.length = 0;
    const forged = await call('/omneo/token', { cookie: await identityCookie(AVA_SHOPIFY_ID, 'another-secret-0123456789abcdef0123456789'), ip: '203.0.113.12' });
    assert.equal(forged.status, 401, forged.body);
    const unknownOrigin = await call('/omneo/token', { cookie: await identityCookie(), origin: 'https://shop.example.com.evil.test', ip: '203.0.113.12' });
    assert.equal(unknownOrigin.status, 403, unknownOrigin.body);
    assert.equal(unknownOrigin.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(upstream, []);
  });

  it("limits one client address, taken from cf-connecting-ip, and not its neighbours", async () => {
    upstream.length = 0;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await call('/omneo/token', { ip: '198.51.100.7' })).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    const flooded = await call('/omneo/token', { ip: '198.51.100.7' });
    assert.ok(Number(flooded.headers.get('retry-after')) > 0);
    assert.equal((await call('/omneo/token', { ip: '198.51.100.8' })).status, 401, 'another address has its own limit');
    assert.deepEqual(upstream, []);
  });

  it('logs one JSON line per request, holding no token or secret', () => {
    const requests = logLines.filter((line) => line.includes('"event"'));
    assert.ok(requests.length >= 10, `${requests.length} log lines`);
    for (const line of logLines) {
      for (const secret of [SECRET, PREVIOUS_SECRET, MOCK_ADMIN_TOKEN, 'eyJ']) assert.ok(!line.includes(secret), `a log line holds ${secret.slice(0, 4)}…: ${line}`);
    }
    assert.ok(!logLines.some((line) => /no clientIp hook/.test(line)), 'the README Worker passes clientIp');
  });
});
