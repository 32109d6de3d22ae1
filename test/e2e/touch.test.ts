/**
 * Shoppers on phones and tablets: the built bundle in a touch-only context (PHONE: no mouse, no hover, no
 * keyboard to speak of), driven with taps.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, PHONE } from './harness.js';
import { showMoreTopsAfterJump } from './probes.js';

describe('on a phone (touch only), against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('Copy code refused by the browser (a denied permission, an in-app browser): says how to copy on a touch screen, not with Ctrl+C', async () => {
    const scope = await e2e.scope();
    const context = await e2e.context(PHONE);
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) } });
      document.execCommand = () => false;
    });
    const page = await context.newPage();
    await page.goto(e2e.pageUrl('wallet.html', scope));
    await page.locator('omneo-reward-wallet [part~=copy-button]').first().tap();
    const feedback = page.locator('omneo-reward-wallet [part~=feedback][role=alert]').first();
    await feedback.waitFor();
    assert.equal(await feedback.textContent(), "Couldn't copy automatically. Touch and hold the code, then choose Copy.");
    // What it says works: a long press selects the whole code, as one word.
    assert.equal(await page.locator('omneo-reward-wallet [part~=code]').first().evaluate((code) => getComputedStyle(code).userSelect), 'all');
    await context.close();
  });

  it("the heart's failure message stays on screen when the phone is turned (landscape to portrait) while it shows", async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'POST', path: '/items', status: 500, times: 1 });
    const opened = await e2e.open('phone.html', scope, {}, { ...PHONE, viewport: { width: 844, height: 390 } });
    const { page } = opened;
    await page.locator('#add [part~=button][aria-pressed=false]:not([disabled])').tap();
    const bubble = page.locator('#add .failure');
    await bubble.waitFor();
    await page.setViewportSize(PHONE.viewport!);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { left, right, viewport, scrollWidth } = await bubble.evaluate((element) => ({
      ...element.getBoundingClientRect().toJSON(),
      viewport: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
    }));
    assert.ok(left >= 0 && right <= viewport, `the message spans ${left}–${right} on a ${viewport} px screen`);
    assert.equal(scrollWidth, viewport, 'the page scrolls sideways');
    await opened.close();
  });

  it('a 200-item wishlist: Show more stays where the shopper sees it once they reach it, with no row moving in under the finger', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('phone-wishlist.html', scope, { persona: 'olivia' }, PHONE);
    const { page } = opened;
    await page.locator('omneo-wishlist [part~=more-button]').waitFor();
    await opened.waitForEvents('omneo-ready', 1, 'omneo-wishlist');
    // A fast fling or a jump to the list's end: the rows coming into view are laid out for the first time.
    const tops = await page.evaluate(showMoreTopsAfterJump, { frames: 6, settleMs: 0 });
    assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `Show more was at ${tops.join(', ')} in successive frames`);
    await opened.close();
  });
});
