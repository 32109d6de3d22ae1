/**
 * Writes against the built bundle: a wishlist add and a benefit redeem that fail lose nothing, are never
 * sent twice (no automatic retry of a POST, no double submit), and succeed when the shopper tries again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, type Opened, type Scope } from './harness.js';
import type { Locator } from 'playwright-core';

const ADD = 'omneo-wishlist-button#add';
const SAVED = 'omneo-wishlist-button#saved';
const ITEMS_POST = /^\/profiles\/me\/lists\/[^/]+\/items$/;
const REDEEM_POST = '/profiles/me/benefits/7781/redeem';

async function posts(scope: Scope, pattern: RegExp | string): Promise<number> {
  return (await scope.requests()).filter((r) => r.method === 'POST' && (typeof pattern === 'string' ? r.path === pattern : pattern.test(r.path))).length;
}

async function events(opened: Opened, type: string) {
  return (await opened.record()).events.filter((e) => e.type === type).map((e) => e.detail);
}

describe('writes, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  async function openProduct(scope: Scope) {
    const opened = await e2e.open('product.html', scope);
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=false]:not([disabled])`).waitFor();
    await opened.page.locator(`${SAVED} [part~=button][aria-pressed=true]`).waitFor();
    return opened;
  }

  it('pass-through mode: reads and writes go through the proxy, identified by the storefront session cookie', async () => {
    // The demo's own proxy and mock (no scope): the shopper signs in with the demo's session cookie, the
    // way a storefront session reaches a retailer's proxy.
    const context = await e2e.context();
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/omneo/api/') || url.pathname.startsWith('/id/api/')) apiCalls.push(`${request.method()} ${url.pathname}`);
    });
    await page.goto(`${e2e.origin}/demo/login?persona=ava`);
    await page.goto(e2e.pageUrl('product.html', null, { api: 'passthrough' }));
    await page.locator(`${SAVED} [part~=button][aria-pressed=true]`).waitFor();
    await page.locator(`${ADD} [part~=button][aria-pressed=false]:not([disabled])`).click();
    await page.locator(`${ADD} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    await page.locator(`${ADD} [part~=button]`).click();
    await page.locator(`${ADD} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    assert.deepEqual(await page.locator(`${ADD} [part=message]`).allTextContents(), ['Removed from your wishlist']);
    assert.ok(apiCalls.length > 0 && apiCalls.every((call) => call.includes(' /omneo/api/profiles/me')), apiCalls.join(', '));
    assert.ok(apiCalls.some((call) => call.startsWith('POST ')) && apiCalls.some((call) => call.startsWith('DELETE ')), apiCalls.join(', '));
    await context.close();
  });

  it('a failed wishlist add rolls back, says so, is not retried, and the next press saves it once', async () => {
    const scope = await e2e.scope();
    const opened = await openProduct(scope);
    await scope.addFaults({ method: 'POST', path: '/items', status: 500, times: 1 });

    await opened.page.locator(`${ADD} [part~=button]`).click();
    await opened.page.locator(`${ADD} [part=message] :text-matches(".+")`).waitFor();
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    assert.equal(await posts(scope, ITEMS_POST), 1, 'a POST is never retried automatically');
    assert.equal(await opened.page.locator(`${SAVED} [part~=button][aria-pressed=true]`).count(), 1, 'the saved item is untouched');
    assert.deepEqual(await events(opened, 'omneo-wishlist-change'), []);

    await opened.page.locator(`${ADD} [part~=button]`).click();
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    await opened.waitForEvents('omneo-wishlist-change', 1);
    assert.equal(await posts(scope, ITEMS_POST), 2);
    assert.deepEqual(await events(opened, 'omneo-wishlist-change'), [{ sku: 'LS-SAND-L', inWishlist: true }]);

    // What Omneo holds now, read afresh: both items, each once.
    await opened.page.reload();
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=true]`).waitFor();
    await opened.page.locator(`${SAVED} [part~=button][aria-pressed=true]`).waitFor();
    await opened.close();
  });

  it('a dropped connection on add is not retried either', async () => {
    const scope = await e2e.scope();
    const opened = await openProduct(scope);
    let attempts = 0;
    await opened.page.route(/\/items$/, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      attempts += 1;
      await route.abort('connectionreset');
    });
    await opened.page.locator(`${ADD} [part~=button]`).click();
    await opened.page.locator(`${ADD} [part=message] :text-matches(".+")`).waitFor();
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    assert.equal(attempts, 1);
    assert.equal(await posts(scope, ITEMS_POST), 0);
    await opened.close();
  });

  it('a double click on the heart sends one add', async () => {
    const scope = await e2e.scope();
    const opened = await openProduct(scope);
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 300, times: 1 });
    await opened.page.locator(`${ADD} [part~=button]`).dblclick();
    await opened.waitForEvents('omneo-wishlist-change', 1);
    await opened.page.waitForLoadState('networkidle');
    assert.equal(await posts(scope, ITEMS_POST), 1);
    assert.equal((await scope.requests()).filter((r) => r.method === 'DELETE').length, 0, 'the second click must not undo the first');
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=true]`).waitFor();
    await opened.close();
  });

  it('a failed wishlist removal puts the item back in its place, is not retried, and the next try removes it once', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('wishlist.html', scope);
    await opened.waitForEvents('omneo-ready', 1, 'omneo-wishlist');
    const titles = () => opened.page.locator('omneo-wishlist [part~=item] [part~=title]').allTextContents();
    const before = (await titles()).map((t) => t.trim());
    assert.equal(before.length, 2);
    await scope.addFaults({ method: 'DELETE', path: '/items/', status: 500, times: 1 });

    await opened.page.locator('omneo-wishlist [part~=item]').first().locator('[part~=remove-button]').click();
    await opened.page.locator('omneo-wishlist [part=message] :text-matches(".+")').waitFor();
    await opened.page.waitForLoadState('networkidle');
    assert.deepEqual((await titles()).map((t) => t.trim()), before, 'the item is back, in the same place');
    assert.equal((await scope.requests()).filter((r) => r.method === 'DELETE').length, 1, 'a DELETE is never retried automatically');
    assert.deepEqual(await events(opened, 'omneo-wishlist-change'), []);

    await opened.page.locator('omneo-wishlist [part~=item]').first().locator('[part~=remove-button]').click();
    await opened.waitForEvents('omneo-wishlist-change', 1);
    await opened.page.waitForLoadState('networkidle');
    assert.equal((await scope.requests()).filter((r) => r.method === 'DELETE').length, 2);
    assert.deepEqual((await titles()).map((t) => t.trim()), before.slice(1));
    assert.deepEqual(await events(opened, 'omneo-wishlist-change'), [{ sku: 'LS-SAND-M', inWishlist: false }]);
    await opened.close();
  });

  /**
   * A shopper's deliberate Confirm: after the confirm step has been open longer than the wallet's guard against
   * the second click of a double-click (CONFIRM_GUARD_MS, 500 ms, in src/components/reward-wallet/).
   */
  async function confirm(benefit: Locator, how: 'click' | 'dblclick' = 'click') {
    const button = benefit.locator('[part~=confirm-button]');
    await button.waitFor();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await button[how]();
  }

  async function openWallet(scope: Scope) {
    const opened = await e2e.open('wallet.html', scope);
    await opened.waitForEvents('omneo-ready', 1, 'omneo-reward-wallet');
    const benefit = opened.page.locator('omneo-reward-wallet [part~=benefit]', { hasText: 'Birthday 20% off' });
    await benefit.locator('[part~=redeem-button]').waitFor();
    return { opened, benefit };
  }

  it('a failed redeem keeps the benefit, says so, is not retried, and a second try redeems it once', async () => {
    const scope = await e2e.scope();
    const { opened, benefit } = await openWallet(scope);
    await scope.addFaults({ method: 'POST', path: REDEEM_POST, status: 500, times: 1 });

    await benefit.locator('[part~=redeem-button]').click();
    await confirm(benefit);
    await benefit.locator('[part~=feedback][role=alert]').waitFor();
    assert.equal(await posts(scope, REDEEM_POST), 1, 'a redeem is never retried automatically');
    assert.deepEqual(await events(opened, 'omneo-benefit-redeemed'), []);
    // Nothing lost: the benefit, its code and its Redeem button are all still there.
    await benefit.locator('[part~=redeem-button]').waitFor();
    assert.match((await benefit.locator('[part~=code]').textContent()) ?? '', /BDAY-7Q4K-2M/);

    await benefit.locator('[part~=redeem-button]').click();
    await confirm(benefit);
    await opened.waitForEvents('omneo-benefit-redeemed', 1);
    assert.equal(await posts(scope, REDEEM_POST), 2);
    const redeemed = await events(opened, 'omneo-benefit-redeemed');
    assert.equal(redeemed.length, 1);
    assert.equal(String(redeemed[0]!.benefitId), '7781');
    await opened.close();
  });

  it('a double click on Confirm redeems once', async () => {
    const scope = await e2e.scope();
    const { opened, benefit } = await openWallet(scope);
    await scope.addFaults({ method: 'POST', path: REDEEM_POST, latencyMs: 300, times: 1 });
    await benefit.locator('[part~=redeem-button]').click();
    await confirm(benefit, 'dblclick');
    await opened.waitForEvents('omneo-benefit-redeemed', 1);
    await opened.page.waitForLoadState('networkidle');
    assert.equal(await posts(scope, REDEEM_POST), 1);
    assert.equal((await events(opened, 'omneo-benefit-redeemed')).length, 1);
    await opened.close();
  });
  it('two tabs of the shop: a product saved in one shows saved in the other, and is never added twice', async () => {
    const scope = await e2e.scope();
    const first = await openProduct(scope);
    // A product opened in a new tab of the same browser (same cookies, its own sessionStorage).
    const second = await first.context.newPage();
    await second.goto(e2e.pageUrl('product.html', scope));
    await second.locator(`${ADD} [part~=button][aria-pressed=false]:not([disabled])`).click();
    await second.locator(`${ADD} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    // Back to the first tab: its heart says what Omneo holds, so the shopper does not press it to save it again.
    await first.page.bringToFront();
    await first.page.locator(`${ADD} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    assert.equal(await posts(scope, ITEMS_POST), 1);
    // And a removal there reaches this one too.
    await second.bringToFront();
    await second.locator(`${SAVED} [part~=button][aria-pressed=true]`).click();
    await second.locator(`${SAVED} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    await first.page.bringToFront();
    await first.page.locator(`${SAVED} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    assert.deepEqual(first.pageErrors, []);
    await first.close();
  });
});
