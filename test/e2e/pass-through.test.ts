/**
 * The production pass-through configuration, end to end: the built CDN bundle on an account page whose
 * apiBase is the proxy's `/omneo/api`, against a proxy that does not hand out Omneo tokens (a scope created
 * with `passThroughOnly`). The only token the page ever holds is the proxy's stand-in; everything the
 * widgets show and do reaches Omneo through the proxy's allowlist, with the server-held token. The scope's
 * log records both sides: what the page asked of the proxy, and (`via: 'proxy'`) what reached Omneo.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, type LoggedRequest, type Opened, type Scope } from './harness.js';

const AVA_PROFILE_ID = '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70';
const HUB = 'main > omneo-rewards';
const HEART = 'omneo-wishlist-button#add';
const ITEMS = '/profiles/me/lists/6021/items';
const REDEEM = '/profiles/me/benefits/7781/redeem';
const AVA_WISHLIST = ['Linen Relaxed Shirt - Sand / M', 'Merino Crew Knit - Navy / S'];

const pageStorage = () => Object.keys(sessionStorage).concat(Object.keys(localStorage));

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** `METHOD path` of each logged request: from the page to the proxy (`page`), or from the proxy to Omneo (`upstream`). */
async function sides(scope: Scope) {
  const log = await scope.requests();
  const line = (r: LoggedRequest) => `${r.method} ${r.path}`;
  return {
    page: log.filter((r) => r.via === undefined).map(line),
    upstream: log.filter((r) => r.via === 'proxy').map(line),
  };
}

const times = (lines: string[], wanted: string) => lines.filter((l) => l === wanted).length;

interface Watched {
  /** Requests to the dev app (scopes, mock, proxy), seen from the browser, with the Authorization they carried. */
  sent: { method: string; path: string; authorization: string | undefined }[];
  tokenAnswers: { token: string; exp: number }[];
  /** Loads that answered >= 400 or not at all. */
  failed: { request: string; type: string; status: number | string }[];
}

function watch(opened: Opened): Watched {
  const watched: Watched = { sent: [], tokenAnswers: [], failed: [] };
  const { page } = opened;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^\/(__scopes|id|omneo)\//.test(url.pathname)) {
      watched.sent.push({ method: request.method(), path: url.pathname, authorization: request.headers().authorization });
    }
  });
  page.on('requestfailed', (request) =>
    watched.failed.push({ request: `${request.method()} ${request.url()}`, type: request.resourceType(), status: request.failure()?.errorText ?? 'failed' }),
  );
  page.on('response', (response) => {
    const request = response.request();
    if (response.status() >= 400) watched.failed.push({ request: `${request.method()} ${response.url()}`, type: request.resourceType(), status: response.status() });
    if (new URL(response.url()).pathname.endsWith('/omneo/token') && response.ok()) {
      void response.json().then((body: { token: string; exp: number }) => watched.tokenAnswers.push(body));
    }
  });
  return watched;
}

describe('pass-through mode (stand-in tokens), against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /** Ava's account page (the hub and a heart) configured for pass-through, loaded: every element has shown data. */
  async function openAccount() {
    const scope = await e2e.scope({ passThroughOnly: true });
    const passThroughBase = scope.passThroughApiBase('ava');
    let watched!: Watched;
    const opened = await e2e.openWithConfig(
      'pass-through.html',
      { tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: passThroughBase, locale: 'en-AU' },
      { beforeNavigation: (tab) => void (watched = watch(tab)) },
    );
    // Four cards in the hub and the heart.
    await opened.waitForEvents('omneo-ready', 5);
    await opened.page.waitForLoadState('networkidle');
    return { scope, opened, page: opened.page, watched, passThroughBase };
  }

  type Account = Awaited<ReturnType<typeof openAccount>>;

  /** What holds at the end of every test: one token request and one mint for the page, and nothing failed but pictures. */
  async function assertCleanPage({ scope, opened, watched, passThroughBase }: Account, expectedFailures: (f: Watched['failed'][number]) => boolean = () => false) {
    const { page, upstream } = await sides(scope);
    assert.equal(times(page, 'POST /omneo/token'), 1, 'one token request for the whole page');
    assert.equal(watched.sent.filter((s) => s.path.endsWith('/omneo/token')).length, 1);
    assert.equal(times(upstream, 'POST /auth/token'), 1, 'one mint serves the token route and every forwarded call (the proxy caches it)');
    assert.ok(watched.sent.every((s) => s.path.startsWith(passThroughBase) || s.path.endsWith('/omneo/token') || s.path.startsWith(scope.apiBase)));
    assert.deepEqual(opened.pageErrors, []);
    // The persona's product and reward pictures are not served by the e2e server (relative paths 404, the
    // retailer's CDN does not resolve). Nothing else fails: a write's answer is read, not cancelled (client `send`).
    const failures = watched.failed.filter((f) => !expectedFailures(f));
    assert.deepEqual(failures.filter((f) => f.type !== 'image'), [], 'every load but the pictures succeeded');
    // Chrome logs each failed load on the console; the widgets log nothing.
    assert.deepEqual(
      opened.consoleErrors.filter((m) => !m.startsWith('Failed to load resource')),
      [],
    );
    assert.equal(opened.consoleErrors.length, watched.failed.length, opened.consoleErrors.join('\n'));
  }

  it('shows Ava in all four cards, reading each resource once through the proxy, which reads it once from Omneo', async () => {
    const account = await openAccount();
    const { page, scope, opened } = account;
    assert.equal((await page.locator(`${HUB} omneo-points-balance [part=points]`).textContent())?.trim(), '1,250 points');
    assert.equal((await page.locator(`${HUB} omneo-tier-progress [part=tier-name]`).textContent())?.trim(), 'Silver');
    await page.locator(`${HUB} omneo-tier-progress [role=progressbar]`).waitFor();
    const wallet = page.locator(`${HUB} omneo-reward-wallet`);
    await wallet.locator('[part~=reward]', { hasText: 'Birthday $20' }).first().waitFor();
    await wallet.locator('[part~=benefit]', { hasText: 'Birthday 20% off' }).locator('[part~=code]').waitFor();
    const titles = await page.locator(`${HUB} omneo-wishlist [part~=item] [part~=title]`).allTextContents();
    assert.deepEqual(titles.map((t) => t.trim()), AVA_WISHLIST);
    await page.locator(`${HEART} [part~=button][aria-pressed=false]:not([disabled])`).waitFor();
    assert.deepEqual((await opened.record()).events.filter((e) => e.type === 'omneo-error'), []);

    const { page: fromPage, upstream } = await sides(scope);
    assert.ok(
      fromPage.every((l) => l === 'POST /omneo/token' || l.startsWith('GET /omneo/api/profiles/me')),
      `the page called only the token route and the pass-through: ${fromPage.join(', ')}`,
    );
    const reads = fromPage.filter((l) => l.startsWith('GET '));
    for (const resource of ['balances', 'tiers', 'rewards', 'benefits', 'lists']) {
      assert.ok(reads.some((l) => l.startsWith(`GET /omneo/api/profiles/me/${resource}`)), `${resource} was never read: ${reads.join(', ')}`);
    }
    assert.deepEqual(reads.filter((l, i) => reads.indexOf(l) !== i), [], `read more than once: ${reads.join(', ')}`);
    assert.deepEqual(
      upstream.filter((l) => l.startsWith('GET ')).sort(),
      reads.map((l) => l.replace('/omneo/api', '')).sort(),
      'each read reached Omneo exactly once, on the same path',
    );
    await assertCleanPage(account);
    await opened.close();
  });

  it('holds only the stand-in: the widget sends it, the proxy ignores it, and the mock ID API refuses it', async () => {
    const account = await openAccount();
    const { page, scope, opened, watched, passThroughBase } = account;
    assert.equal(watched.tokenAnswers.length, 1);
    const held = watched.tokenAnswers[0]!.token;
    const claims = decodeClaims(held);
    assert.equal(claims.iss, 'omneo-proxy', 'not a token Omneo minted');
    assert.equal(claims.pid, AVA_PROFILE_ID, 'the widget can key its cache by the profile');
    assert.equal(claims.exp, watched.tokenAnswers[0]!.exp);
    const apiCalls = watched.sent.filter((s) => s.path.startsWith(passThroughBase));
    assert.ok(apiCalls.length > 0 && apiCalls.every((s) => s.authorization === `Bearer ${held}`), 'the widget sends what it holds');

    // A script on the page takes the token and calls Omneo itself: read the profile, spend a benefit.
    const statuses = await page.evaluate(
      async ([apiBase, token]) => {
        const call = async (method: string, path: string) =>
          (await fetch(`${apiBase}${path}`, { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' } })).status;
        return [await call('GET', '/profiles/me'), await call('GET', '/profiles/me/balances'), await call('POST', '/profiles/me/benefits/7781/redeem')];
      },
      [scope.apiBase, held] as const,
    );
    assert.deepEqual(statuses, [401, 401, 401]);
    const { page: fromPage, upstream } = await sides(scope);
    assert.deepEqual(
      fromPage.filter((l) => !l.includes('/omneo/')),
      ['GET /profiles/me', 'GET /profiles/me/balances', `POST ${REDEEM}`],
      'the three calls reached the mock, which refused them',
    );
    assert.equal(times(upstream, `POST ${REDEEM}`), 0, 'nothing was redeemed');

    // The proxy authorises by the session, not by the header: a pass-through call with a forged token works
    // for the session's shopper, and Omneo receives the proxy's own token.
    const forged = await page.evaluate(
      async (base) => (await fetch(`${base}/profiles/me/balances`, { headers: { Authorization: 'Bearer forged', Accept: 'application/json' } })).json(),
      passThroughBase,
    );
    assert.equal((forged as { data: { point_balance: number } }).data.point_balance, 1250);
    await assertCleanPage(account, (f) => f.status === 401 && f.request.includes(`${scope.apiBase}/profiles/me`));
    assert.equal(watched.failed.filter((f) => f.status === 401).length, 3);
    await opened.close();
  });

  it('adds and removes through a heart, each write sent once and reaching Omneo once; the hub follows', async () => {
    const account = await openAccount();
    const { page, scope, opened } = account;
    const titles = async () => (await page.locator(`${HUB} omneo-wishlist [part~=item] [part~=title]`).allTextContents()).map((t) => t.trim());
    // A slower Omneo behind the extra hop: the heart is busy meanwhile, and the add still goes once.
    await scope.addFaults({ method: 'POST', path: ITEMS, latencyMs: 200, times: 1 });
    await page.locator(`${HEART} [part~=button]`).click();
    await page.locator(`${HEART} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    await opened.waitForEvents('omneo-wishlist-change', 1);
    await page.waitForLoadState('networkidle');
    await page.locator(`${HUB} omneo-wishlist [part~=item]`).nth(2).waitFor();
    assert.equal((await titles()).length, 3);
    let log = await sides(scope);
    assert.equal(times(log.page, `POST /omneo/api${ITEMS}`), 1, 'the add was sent once');
    assert.equal(times(log.upstream, `POST ${ITEMS}`), 1, 'and reached Omneo once');

    await page.locator(`${HEART} [part~=button]`).click();
    await page.locator(`${HEART} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    await opened.waitForEvents('omneo-wishlist-change', 2);
    await page.waitForLoadState('networkidle');
    log = await sides(scope);
    const removes = log.page.filter((l) => l.startsWith(`DELETE /omneo/api${ITEMS}/`));
    assert.equal(removes.length, 1, 'the removal was sent once');
    assert.deepEqual(
      log.upstream.filter((l) => l.startsWith('DELETE ')),
      removes.map((l) => l.replace('/omneo/api', '')),
      'and reached Omneo once, for the same item',
    );
    assert.deepEqual(
      (await opened.record()).events.filter((e) => e.type === 'omneo-wishlist-change').map((e) => e.detail),
      [
        { sku: 'LS-SAND-L', inWishlist: true },
        { sku: 'LS-SAND-L', inWishlist: false },
      ],
    );
    assert.deepEqual(await titles(), AVA_WISHLIST);
    await assertCleanPage(account);
    await opened.close();
  });

  it('redeems a benefit once', async () => {
    const account = await openAccount();
    const { page, scope, opened } = account;
    const benefit = page.locator(`${HUB} omneo-reward-wallet [part~=benefit]`, { hasText: 'Birthday 20% off' });
    await benefit.locator('[part~=redeem-button]').click();
    // A deliberate Confirm: the wallet ignores one within 500 ms of the step opening (a double-click's second click).
    await benefit.locator('[part~=confirm-button]').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await benefit.locator('[part~=confirm-button]').click();
    await opened.waitForEvents('omneo-benefit-redeemed', 1);
    await page.waitForLoadState('networkidle');
    const redeemed = (await opened.record()).events.filter((e) => e.type === 'omneo-benefit-redeemed').map((e) => e.detail);
    assert.equal(redeemed.length, 1);
    assert.equal(String(redeemed[0]!.benefitId), '7781');
    assert.match((await page.locator(`${HUB} omneo-reward-wallet [part~=redeemed] [part~=feedback]`).textContent()) ?? '', /Birthday 20% off/);
    const log = await sides(scope);
    assert.equal(times(log.page, `POST /omneo/api${REDEEM}`), 1, 'the redeem was sent once');
    assert.equal(times(log.upstream, `POST ${REDEEM}`), 1, 'and reached Omneo once');
    await assertCleanPage(account);
    await opened.close();
  });

  it('logout() leaves the guest state with nothing cached and asks nothing more of the proxy', async () => {
    const account = await openAccount();
    const { page, scope, opened } = account;
    assert.ok((await page.evaluate(pageStorage)).length > 0, 'the visit cached loyalty data (so clearing it means something)');
    const before = (await scope.requests()).length;
    await page.evaluate(() => window.OmneoWidgets!.logout());
    await page.locator(`${HUB} [part=guest-card]`).waitFor();
    // The heart is a guest's: it cannot toggle, and pressing it shows the sign-in prompt.
    await page.locator(`${HEART} [part~=button]:not([aria-pressed]):not([disabled])`).click();
    await page.locator(`${HEART} [part~=guest]`).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator(`${HUB} omneo-points-balance`).count(), 0, 'no card left showing her data');
    assert.deepEqual(await page.evaluate(pageStorage), []);
    assert.deepEqual((await scope.requests()).slice(before), [], 'logout and the guest press send nothing');
    await assertCleanPage(account);
    await opened.close();
  });
});
