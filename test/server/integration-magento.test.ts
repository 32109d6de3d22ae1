/**
 * Magento 2 / Adobe Commerce module (integrations/magento/app/code/Omneo/Loyalty), run with plain `php` on a small
 * stand-in for the Magento framework (test/server/magento/stand-ins.php): its /omneo/token controller against the
 * real token-exchange proxy (served over HTTP, its mock Omneo behind it), its assertion against the proxy's own
 * verification, and its templates as a browser reads them.
 *
 * What Magento itself does (dependency injection, full-page cache, layout merging, the admin form) is not
 * emulated; the layout and configuration files are checked for shape only.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { signAssertion, verifyAssertion } from '../../server/proxy/assertion.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { ASSERTION_SECRET, harness, type Harness } from './proxy-harness.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODULE = path.join(REPO_ROOT, 'integrations/magento/app/code/Omneo/Loyalty');
const RUN = path.join(REPO_ROOT, 'test/server/magento/run.php');
const PHP = process.env.PHP_PATH || 'php';
const STORE = 'https://shop.example';
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

const PHP_MISSING = 'install it with sudo apt-get install -y php-cli php-xml, or set PHP_PATH';

/** Runs a scenario in php. Asynchronous: the proxy it calls is served by this process, which must stay free to answer. */
async function php(scenario: Record<string, unknown>): Promise<Record<string, unknown>> {
  const child = spawn(PHP, [RUN], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`php could not run (${String(error)}): ${PHP_MISSING}`)));
    child.once('close', resolve);
  });
  child.stdin.end(JSON.stringify(scenario));
  assert.equal(await exit, 0, `php: ${stderr}${stdout}`);
  return JSON.parse(stdout) as Record<string, unknown>;
}

interface TokenOutcome {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  logs: string[];
  sent: { url: string; headers: Record<string, string> }[];
  csrf: boolean;
}

/** What a browser reads: the script element's text runs to the first `</script`, whatever is inside the JSON. */
function browserReadsConfig(html: string): Record<string, string> {
  const match = /<script type="application\/json" id="omneo-config">([\s\S]*?)<\/script/i.exec(html);
  assert.ok(match, html);
  return JSON.parse(match[1]!) as Record<string, string>;
}

async function render(template: string, settings: Record<string, string>, extra: Record<string, unknown> = {}): Promise<string> {
  return (await php({ run: 'render', template, settings, ...extra })).html as string;
}

describe('Magento: the module files', () => {
  it('every PHP file and template parses (php -l), and registration.php registers Omneo_Loyalty from its folder', async () => {
    const files = (readdirSync(MODULE, { recursive: true }) as string[]).filter((file) => /\.(php|phtml)$/.test(file));
    assert.ok(files.length >= 9, files.join(', '));
    for (const file of files) execFileSync(PHP, ['-l', path.join(MODULE, file)], { stdio: 'pipe' });
    assert.deepEqual((await php({ run: 'registration' })).registered, { 'module:Omneo_Loyalty': MODULE });
  });

  it('the XML files are well formed and name what the PHP declares (route, blocks, templates, settings)', async () => {
    const read = (file: string) => readFileSync(path.join(MODULE, file), 'utf8');
    for (const file of (readdirSync(MODULE, { recursive: true }) as string[]).filter((name) => name.endsWith('.xml'))) {
      execFileSync(PHP, ['-r', 'libxml_use_internal_errors(true); if (simplexml_load_file($argv[1]) === false) { fwrite(STDERR, print_r(libxml_get_errors(), true)); exit(1); }', path.join(MODULE, file)], { stdio: 'pipe' });
    }
    assert.match(read('etc/frontend/routes.xml'), /<route id="omneo" frontName="omneo">/);
    assert.ok(existsSync(path.join(MODULE, 'Controller/Token/Index.php')), '/omneo/token has its controller');
    for (const layout of readdirSync(path.join(MODULE, 'view/frontend/layout'))) {
      for (const [, template] of read(`view/frontend/layout/${layout}`).matchAll(/template="Omneo_Loyalty::([^"]+)"/g)) {
        assert.ok(existsSync(path.join(MODULE, 'view/frontend/templates', template!)), `${layout}: ${template}`);
      }
    }
    const fields = [...read('etc/adminhtml/system.xml').matchAll(/<field id="([a-z_]+)"/g)].map(([, id]) => id);
    const settings = read('Model/Settings.php');
    for (const field of fields) assert.ok(settings.includes(`'${field}'`), `Settings.php reads ${field}`);
    assert.match(read('etc/config.xml'), new RegExp(`omneo-widgets@${version.replace(/\./g, '\\.')}/dist/cdn/omneo-widgets\\.js`));
    assert.ok(settings.includes(`omneo-widgets@${version}/`), 'Settings::DEFAULT_SCRIPT_URL pins the package version');
    assert.equal((JSON.parse(read('composer.json')) as { version: string }).version, version);
    // Magento's CSP: the widgets' script, their API calls, and images Omneo sends as a path (read against the API host).
    const csp = read('etc/csp_whitelist.xml');
    for (const [directive, host] of [['script-src', 'cdn.jsdelivr.net'], ['connect-src', '*.getomneo.com'], ['img-src', '*.getomneo.com']]) {
      assert.match(csp, new RegExp(`<policy id="${directive}">\\s*<values>\\s*<value id="[\\w-]+" type="host">${host!.replace(/[.*]/g, '\\$&')}</value>`), directive);
    }
  });
});

describe("Magento: README's admin steps match the module's configuration", () => {
  it('Stores → Configuration → Customers → Omneo Loyalty, Enabled off by default, the script URL on jsDelivr, and the scopes the README gives each field', () => {
    const read = (file: string) => readFileSync(path.join(MODULE, file), 'utf8');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n### Magento 2 (Adobe Commerce)\n'), readme.indexOf('\n### Shopify Hydrogen (headless)\n')).replace(/\s+/g, ' ');
    const system = read('etc/adminhtml/system.xml');
    assert.match(system, /<section id="omneo_loyalty"[^>]*>\s*<label>Omneo Loyalty<\/label>\s*<tab>customer<\/tab>/);
    assert.ok(section.includes('Stores → Configuration → Customers → **Omneo Loyalty**: *Enabled*'));
    assert.match(system, /<field id="enabled"[^>]*>\s*<label>Enabled<\/label>/);
    assert.match(read('etc/config.xml'), /<enabled>0<\/enabled>/);
    assert.match(system, /<field id="script_url"[^>]*>\s*<label>Widgets script URL<\/label>/);
    assert.ok(section.includes('*Widgets script URL* defaults to jsDelivr\'s copy of this release'));
    // Which fields a store view may set: the README says all but the proxy's URL and the secret.
    const websiteOnly = [...system.matchAll(/<field id="([a-z_]+)"([^>]*)>/g)].filter(([, , attributes]) => !/showInStore="1"/.test(attributes!)).map(([, id]) => id);
    assert.deepEqual(websiteOnly, ['proxy_token_url', 'assertion_secret']);
    assert.ok(section.includes("per website or store view where they differ (the proxy's URL and the secret per website only"));
  });
});

describe('Magento: the signed assertion', () => {
  it("is the proxy's own, byte for byte, and the proxy verifies it (a UTF-8 customer id too)", async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    for (const customerId of ['1042', '客户-42 ü']) {
      const { assertion } = (await php({ run: 'sign', secret: ASSERTION_SECRET, customerId, exp })) as { assertion: string };
      assert.equal(assertion, await signAssertion(ASSERTION_SECRET, customerId, exp));
      assert.deepEqual(await verifyAssertion(assertion, { secret: ASSERTION_SECRET, maxAgeSeconds: 300 }), { customerId, secret: 'current' });
    }
  });
});

describe('Magento: POST /omneo/token (Controller/Token/Index.php) against the proxy', () => {
  let h: Harness;
  let proxyServer: ServerType;
  let proxyUrl: string;
  let fixed: Server;
  let fixedAnswer: { status: number; body: string; headers: Record<string, string> };
  let fixedUrl: string;

  before(async () => {
    h = harness();
    proxyServer = serve({ fetch: h.proxy.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => proxyServer.once('listening', resolve));
    proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}/omneo/token`;
    // For answers the proxy cannot easily be made to give.
    fixed = createServer((_request, response) => response.writeHead(fixedAnswer.status, fixedAnswer.headers).end(fixedAnswer.body));
    await new Promise<void>((resolve) => fixed.listen(0, '127.0.0.1', resolve));
    fixedUrl = `http://127.0.0.1:${(fixed.address() as AddressInfo).port}/omneo/token`;
  });

  after(async () => {
    await new Promise((resolve) => proxyServer?.close(resolve));
    await new Promise((resolve) => fixed?.close(resolve));
  });

  async function token(options: { customerId?: string | null; headers?: Record<string, string>; settings?: Record<string, string | undefined>; url?: string; magentoAhead?: number } = {}): Promise<TokenOutcome> {
    return (await php({
      run: 'token',
      customerId: options.customerId === undefined ? AVA_SHOPIFY_ID : options.customerId,
      headers: options.headers ?? { Origin: STORE, 'Sec-Fetch-Site': 'same-origin' },
      settings: { enabled: '1', proxy_token_url: options.url ?? proxyUrl, assertion_secret: ASSERTION_SECRET, ...options.settings },
      now: h.nowS() + (options.magentoAhead ?? 0),
      secureBaseUrl: `${STORE}/`,
      baseUrl: 'http://shop.example/',
    })) as unknown as TokenOutcome;
  }

  it("a signed-in customer: the proxy's token for their profile, never cached; one call, with the assertion as a cookie and nothing logged", async () => {
    const upstreamBefore = h.upstream.length;
    const outcome = await token();
    assert.equal(outcome.status, 200, JSON.stringify(outcome));
    assert.equal(outcome.headers['Cache-Control'], 'no-store');
    assert.equal(typeof outcome.body.token, 'string');
    assert.equal(decodePayload(outcome.body.token as string).pid, AVA_PROFILE_ID);
    assert.ok(typeof outcome.body.exp === 'number' && outcome.body.exp > h.nowS());
    assert.deepEqual(Object.keys(outcome.body).sort(), ['exp', 'token']);
    assert.equal(outcome.sent.length, 1);
    assert.match(outcome.sent[0]!.headers.Cookie!, /^omneo_identity=v1\.[A-Za-z0-9_-]+\.\d+\.[0-9a-f]{64}$/);
    assert.deepEqual(outcome.logs, []);
    assert.equal(h.upstream.length - upstreamBefore, 1, 'one mint at Omneo');
    h.assertNoLeaks([outcome.body.token as string]);
    // Magento's form-key check is handed to the controller (the widgets have no form key).
    assert.equal(outcome.csrf, true);
  });

  it('with no Origin (a same-origin request some browsers send without one) and with the store\'s origin in other case: still the token', async () => {
    assert.equal((await token({ headers: {} })).status, 200);
    assert.equal((await token({ headers: { Origin: 'HTTPS://Shop.Example' } })).status, 200);
    // The store's unsecure base URL is its origin too (a store that serves both).
    assert.equal((await token({ headers: { Origin: 'http://shop.example' } })).status, 200);
  });

  it('a guest: 401, and no call to the proxy', async () => {
    const outcome = await token({ customerId: null });
    assert.deepEqual({ status: outcome.status, sent: outcome.sent.length }, { status: 401, sent: 0 });
  });

  it("another site's page: 403 before anything is signed, by Origin or by Sec-Fetch-Site", async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'https://shop.example.evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }] as Record<string, string>[]) {
      const outcome = await token({ headers });
      assert.deepEqual({ status: outcome.status, sent: outcome.sent.length }, { status: 403, sent: 0 }, JSON.stringify(headers));
    }
  });

  it("a secret that is not the proxy's: 502 with no detail, and a log line that says what to check (not the secret)", async () => {
    const outcome = await token({ settings: { assertion_secret: 'not-the-proxy-secret-0123456789abcdef' } });
    assert.equal(outcome.status, 502);
    assert.deepEqual(outcome.body, { message: 'Loyalty is unavailable. Try again shortly.' });
    assert.equal(outcome.logs.length, 1);
    assert.match(outcome.logs[0]!, /refused the assertion \(401\).*OMNEO_ASSERTION_SECRET/);
    assert.ok(!outcome.logs[0]!.includes('not-the-proxy-secret'));
  });

  it("Magento's clock: the proxy (OMNEO_ASSERTION_MAX_AGE 300) takes it up to 119 s behind or 240 s ahead; past that, the log line gives those bounds", async () => {
    // The proxy checks the assertion before its token cache, so a cached token cannot hide a refusal.
    assert.equal((await token({ magentoAhead: -119 })).status, 200);
    assert.equal((await token({ magentoAhead: 240 })).status, 200);
    for (const magentoAhead of [-120, 241]) {
      const outcome = await token({ magentoAhead });
      assert.equal(outcome.status, 502, `${magentoAhead}`);
      assert.equal(outcome.logs.length, 1);
      assert.match(outcome.logs[0]!, /refused the assertion \(401\).*Magento's clock must be less than 2 minutes behind the proxy's and at most 4 minutes ahead/);
    }
  });

  it('not configured (no secret, or no proxy URL): 500, a log line naming the settings, no call', async () => {
    for (const settings of [{ assertion_secret: '' }, { proxy_token_url: '' }]) {
      const outcome = await token({ settings });
      assert.deepEqual({ status: outcome.status, sent: outcome.sent.length }, { status: 500, sent: 0 });
      assert.match(outcome.logs[0]!, /Stores > Configuration > Customers > Omneo Loyalty/);
    }
  });

  it('no answer from the proxy: 502 and a log line with its URL, without the query', async () => {
    const outcome = await token({ url: 'http://127.0.0.1:9/omneo/token?key=secret-value' });
    assert.equal(outcome.status, 502);
    assert.match(outcome.logs[0]!, /no answer from the token-exchange proxy at http:\/\/127\.0\.0\.1:9\/omneo\/token \(/);
    assert.ok(!outcome.logs[0]!.includes('secret-value'));
  });

  it("the proxy's 429 and 503 pass through with their Retry-After; a 200 without a token is a 502", async () => {
    fixedAnswer = { status: 429, body: '{"message":"Too many requests"}', headers: { 'Retry-After': '7', 'Content-Type': 'application/json' } };
    let outcome = await token({ url: fixedUrl });
    assert.deepEqual({ status: outcome.status, retryAfter: outcome.headers['Retry-After'] }, { status: 429, retryAfter: '7' });
    fixedAnswer = { status: 503, body: '', headers: { 'Retry-After': 'soon' } };
    outcome = await token({ url: fixedUrl });
    assert.deepEqual({ status: outcome.status, retryAfter: outcome.headers['Retry-After'] }, { status: 503, retryAfter: undefined });
    fixedAnswer = { status: 200, body: '{"data":{"token":"","exp":1}}', headers: {} };
    outcome = await token({ url: fixedUrl });
    assert.equal(outcome.status, 502);
    assert.match(outcome.logs[0]!, /200 without a token/);
    // Omneo's {"data": …} wrapping is accepted.
    fixedAnswer = { status: 200, body: '{"data":{"token":"eyJ.x.y","exp":1900000000}}', headers: {} };
    assert.deepEqual((await token({ url: fixedUrl })).body, { token: 'eyJ.x.y', exp: 1900000000 });
  });
});

describe('Magento: the omneo_customer cookie (Observer/SyncCustomerHint.php)', () => {
  type Call = { set?: string; delete?: string; value?: string; metadata: Record<string, unknown> };
  async function observe(scenario: Record<string, unknown>): Promise<Call[]> {
    return (await php({ run: 'observer', settings: { enabled: '1' }, ...scenario })).calls as Call[];
  }
  /** Magento's defaults: customer accounts per website, and one website, `base`. */
  const COOKIE = 'omneo_customer_base';

  it("on sign-in: the customer's id, readable by the page's script, for as long as Magento's session cookie, secure on https", async () => {
    assert.deepEqual(await observe({ event: 'customer_login', eventCustomerId: '1042', cookieLifetime: 3600 }), [
      { set: COOKIE, value: '1042', metadata: { path: '/', httpOnly: false, secure: true, sameSite: 'Lax', duration: 3600 } },
    ]);
    // A session cookie where Magento's is one (lifetime 0).
    assert.equal((await observe({ event: 'customer_login', eventCustomerId: '1042', cookieLifetime: 0, secure: false }))[0]!.metadata.duration, undefined);
  });

  it('on sign-out: deleted', async () => {
    assert.deepEqual(await observe({ event: 'customer_logout', cookies: { [COOKIE]: '1042' } }), [{ delete: COOKIE, metadata: { path: '/' } }]);
  });

  it('on any other request that reaches PHP: set, mended, renewed or deleted to match the session', async () => {
    const predispatch = { event: 'controller_action_predispatch' };
    assert.equal((await observe({ ...predispatch, sessionCustomerId: '1042' }))[0]!.value, '1042', 'signed in before the module was installed');
    assert.equal((await observe({ ...predispatch, sessionCustomerId: '1042', cookies: { [COOKIE]: '77' } }))[0]!.value, '1042', 'another customer signed in');
    // Magento renews its session cookie on every such request; the hint must live as long, or an active customer
    // would turn into a guest on cached pages one cookie lifetime after signing in.
    assert.deepEqual(await observe({ ...predispatch, sessionCustomerId: '1042', cookies: { [COOKIE]: '1042' }, cookieLifetime: 3600 }), [
      { set: COOKIE, value: '1042', metadata: { path: '/', httpOnly: false, secure: true, sameSite: 'Lax', duration: 3600 } },
    ]);
    // A session cookie (lifetime 0) already lasts as long as the browser: nothing to renew.
    assert.deepEqual(await observe({ ...predispatch, sessionCustomerId: '1042', cookies: { [COOKIE]: '1042' }, cookieLifetime: 0 }), []);
    assert.deepEqual(await observe({ ...predispatch, cookies: { [COOKIE]: '1042' } }), [{ delete: COOKIE, metadata: { path: '/' } }], 'the session ended');
    assert.deepEqual(await observe(predispatch), []);
  });

  it("one per website where accounts are per website (Magento's default), as Magento keeps the websites' sessions apart; one where they are shared", async () => {
    // Two websites on one host (shop.example/ and shop.example/nz/): the customer signed in on one is a guest on the
    // other, and neither's requests touch the other's cookie.
    assert.deepEqual(await observe({ event: 'customer_login', eventCustomerId: '1042', website: 'au' }), [
      { set: 'omneo_customer_au', value: '1042', metadata: { path: '/', httpOnly: false, secure: true, sameSite: 'Lax', duration: 3600 } },
    ]);
    assert.deepEqual(await observe({ event: 'controller_action_predispatch', website: 'nz', cookies: { omneo_customer_au: '1042' } }), []);
    assert.deepEqual(await observe({ event: 'customer_logout', website: 'nz', cookies: { omneo_customer_au: '1042', omneo_customer_nz: '2077' } }), [
      { delete: 'omneo_customer_nz', metadata: { path: '/' } },
    ]);
    // Accounts shared by all websites: one session, one cookie.
    assert.equal((await observe({ event: 'customer_login', eventCustomerId: '1042', website: 'nz', accountShare: 'global' }))[0]!.set, 'omneo_customer');
  });

  it('switched off: never set, and deleted where it was', async () => {
    assert.deepEqual(await observe({ event: 'customer_login', eventCustomerId: '1042', settings: { enabled: '0' } }), []);
    assert.deepEqual(await observe({ event: 'controller_action_predispatch', sessionCustomerId: '1042', cookies: { [COOKIE]: '1042' }, settings: { enabled: '0' } }), [
      { delete: COOKIE, metadata: { path: '/' } },
    ]);
  });
});

describe('Magento: the templates', () => {
  it("config.phtml: the store's token endpoint, tenant and locale; the release's script; nothing about the shopper", async () => {
    const html = await render('config.phtml', { enabled: '1', tenant: 'harbour' }, { locale: 'fr_CA' });
    // What the server writes (the page is cached for everyone): no customer hint; the page adds it (below).
    assert.deepEqual(browserReadsConfig(html), { tokenEndpoint: `${STORE}/omneo/token/`, tenant: 'harbour', locale: 'fr-CA' });
    assert.match(html, new RegExp(`<script type="module" src="https://cdn\\.jsdelivr\\.net/npm/omneo-widgets@${version.replace(/\./g, '\\.')}/dist/cdn/omneo-widgets\\.js"></script>`));
  });

  it('a value typed with markup cannot end the config element, nor an attribute', async () => {
    const tenant = '</script><script>alert(1)</script>';
    const html = await render('config.phtml', { enabled: '1', tenant, api_base: "https://x.example/'\"&" });
    assert.deepEqual(browserReadsConfig(html), { tokenEndpoint: `${STORE}/omneo/token/`, tenant, apiBase: "https://x.example/'\"&", locale: 'en-AU' });
    assert.equal(html.match(/<script/g)!.length, 3, 'the config, the hint, the widgets: no more');
  });

  it('the script URL: https or a path on this host as given; anything else is the release on jsDelivr', async () => {
    const src = async (script_url: string) => /<script type="module" src="([^"]*)"/.exec(await render('config.phtml', { enabled: '1', script_url }))![1];
    const release = `https://cdn.jsdelivr.net/npm/omneo-widgets@${version}/dist/cdn/omneo-widgets.js`;
    assert.equal(await src('https://cdn.example.com/omneo/0.1.0/omneo-widgets.js'), 'https://cdn.example.com/omneo/0.1.0/omneo-widgets.js');
    assert.equal(await src('/media/omneo/omneo-widgets.js'), '/media/omneo/omneo-widgets.js');
    for (const refused of ['', '  ', 'http://cdn.example.com/omneo-widgets.js', '//cdn.example.com/omneo-widgets.js', 'javascript:alert(1)', 'https://cdn.example.com/a"onload="x']) {
      assert.equal(await src(refused), release, refused);
    }
  });

  it("a locale Magento has no tag for is left out (the page's <html lang> applies)", async () => {
    assert.equal(browserReadsConfig(await render('config.phtml', { enabled: '1' }, { locale: '' })).locale, undefined);
    assert.equal(browserReadsConfig(await render('config.phtml', { enabled: '1' }, { locale: 'zh_Hant_TW' })).locale, 'zh-Hant-TW');
  });

  it("in Chromium, before the widgets' script runs: the omneo_customer cookie becomes the customer hint, and no cookie a guest's \"\"", async () => {
    const html = await render('config.phtml', { enabled: '1', tenant: 'harbour' });
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const configSeenByTheWidgets = async (cookie: string | null, name?: string, head = html) => {
        const context = await browser.newContext();
        if (cookie !== null) await context.addCookies([{ name: name ?? 'omneo_customer_base', value: cookie, url: STORE }]);
        const page = await context.newPage();
        // The widgets' script stands in as a module that reads the config as the loader does, when it runs.
        await page.route('https://cdn.jsdelivr.net/**', (route) =>
          route.fulfill({ contentType: 'text/javascript', body: "window.seen = JSON.parse(document.getElementById('omneo-config').textContent);" }),
        );
        await page.route(`${STORE}/**`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head>${head}</head><body></body></html>` }));
        await page.goto(`${STORE}/catalog/product/view/id/7`);
        await page.waitForFunction(() => 'seen' in window);
        const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, string> }).seen);
        await context.close();
        return seen;
      };
      assert.deepEqual(await configSeenByTheWidgets(null), { tokenEndpoint: `${STORE}/omneo/token/`, tenant: 'harbour', locale: 'en-AU', customer: '' });
      assert.equal((await configSeenByTheWidgets('1042')).customer, '1042');
      assert.equal((await configSeenByTheWidgets('%E5%AE%A2%E6%88%B7-42')).customer, '客户-42');
      // A value that does not decode: the config as the server wrote it (no hint, so the widgets ask /omneo/token).
      assert.equal((await configSeenByTheWidgets('%E0%A4%A')).customer, undefined);
      // Another website's cookie on the same host (accounts per website): that customer is a guest here.
      const nz = await render('config.phtml', { enabled: '1', tenant: 'harbour' }, { website: 'nz' });
      assert.equal((await configSeenByTheWidgets('1042', 'omneo_customer_base', nz)).customer, '');
      assert.equal((await configSeenByTheWidgets('2077', 'omneo_customer_nz', nz)).customer, '2077');
    } finally {
      await browser.close();
    }
  });

  it('switched off: no config, no script, no sign-out event, no dashboard panel', async () => {
    for (const template of ['config.phtml', 'logout.phtml', 'account.phtml']) assert.equal((await render(template, { enabled: '0' })).trim(), '', template);
  });

  it("every inline script goes through Magento's SecureHtmlRenderer, so its CSP allows it (checkout pages, or a store that forbids inline scripts)", async () => {
    for (const template of ['config.phtml', 'logout.phtml']) {
      const { html, cspAllowedScripts } = (await php({ run: 'render', template, settings: { enabled: '1' } })) as { html: string; cspAllowedScripts: string[] };
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>([\s\S]*?)<\/script>/g)].map(([, text]) => text!);
      assert.ok(inline.length > 0, template);
      for (const text of inline) assert.ok(cspAllowedScripts.includes(text), `${template}: ${text}`);
    }
  });

  it('logout.phtml: a module script (it runs after the widgets\' own) that sends omneo-logout; account.phtml: the hub', async () => {
    assert.match(await render('logout.phtml', { enabled: '1' }), /<script type="module">document\.dispatchEvent\(new Event\('omneo-logout'\)\);<\/script>/);
    assert.match(await render('account.phtml', { enabled: '1' }), /<omneo-rewards heading-level="2"><\/omneo-rewards>/);
  });
});
