/**
 * The built bundle in a browser at the README's baseline (Install, Browser support): Chromium with the APIs newer
 * than Safari 15.4, Firefox 102 and Chrome 100 deleted before any page script runs, as an iPhone on iOS 15 or 16
 * or a Firefox ESR lacks them. Every element must still show real data, a heart still toggle and a request that
 * never answers still time out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, Opened, waitForCount } from './harness.js';

const BADGE = 'omneo-points-balance[variant=compact]';
const CARD = 'omneo-points-balance:not([variant=compact])';
const HEART = 'omneo-wishlist-button[sku=LS-SAND-M]';
const BALANCES = '/profiles/me/balances';

/** What is newer than the baseline and a widget might reach for, each with the first versions that have it. */
const WITHOUT_NEWER_APIS = () => {
  const drop = (owner: object | undefined, names: string[]) => {
    for (const name of names) if (owner) delete (owner as Record<string, unknown>)[name];
  };
  drop(AbortSignal, ['any', 'timeout']); // any: Safari 17.4, Firefox 124, Chrome 116; timeout: Safari 16
  drop(window, ['scheduler', 'requestIdleCallback']); // postTask: no Safari, Firefox 142; idle callbacks: no Safari
  drop(Array.prototype, ['findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']); // Safari 15.4-16, Firefox 104-115
  drop(Object, ['groupBy']);
  drop(Map, ['groupBy']);
  drop(Promise, ['withResolvers']); // Safari 17.4, Firefox 121
  drop(Array, ['fromAsync']);
  drop(Set.prototype, ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']);
  drop(String.prototype, ['isWellFormed', 'toWellFormed']);
  drop(Element.prototype, ['checkVisibility']); // Safari 17.4, Firefox 125
  drop(HTMLElement.prototype, ['showPopover', 'hidePopover', 'togglePopover', 'popover']); // Safari 17, Firefox 125
  drop(Navigator.prototype, ['userActivation']); // Safari 16.4
  drop(Intl, ['Segmenter']); // Firefox 125
  drop(Intl.NumberFormat.prototype, ['formatRange', 'formatRangeToParts']); // Firefox 116, Safari 15.4
  // ARIA reflection (element.ariaBusy, .role): Firefox 119; on ElementInternals, Safari 16.4 and Firefox 119. Without
  // it such a property is a plain expando: only attributes reach assistive technology.
  const aria = (owner: object) => Object.getOwnPropertyNames(owner).filter((name) => name === 'role' || /^aria[A-Z]/.test(name));
  drop(Element.prototype, aria(Element.prototype));
  if (typeof ElementInternals === 'function') drop(ElementInternals.prototype, aria(ElementInternals.prototype));
  // Constructable stylesheets: Safari 16.4. Without them Lit writes its styles as a <style> element into each shadow
  // root, which a style-src without 'unsafe-inline' blocks unless it carries the nonce Lit reads from window.litNonce.
  drop(Document.prototype, ['adoptedStyleSheets']);
  drop(ShadowRoot.prototype, ['adoptedStyleSheets']);
  drop(CSSStyleSheet.prototype, ['replace', 'replaceSync']);
};

const NONCE = 'b2Ftbm9uY2U';

describe('a browser at the baseline, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  async function openWithoutNewerApis(page: string, scope: Awaited<ReturnType<E2E['scope']>>, clock = false): Promise<Opened> {
    const context = await e2e.context();
    await context.addInitScript(WITHOUT_NEWER_APIS);
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    if (clock) await tab.clock.install();
    await tab.goto(e2e.pageUrl(page, scope));
    return opened;
  }

  it('shows the badge, the card, the wallet and the wishlist with real data, and a heart toggles', async () => {
    const scope = await e2e.scope();
    const opened = await openWithoutNewerApis('all.html', scope);
    const { page } = opened;
    assert.equal(await page.evaluate(() => typeof (AbortSignal as { any?: unknown }).any), 'undefined', 'the init script ran');
    assert.equal(await page.evaluate(() => 'ariaBusy' in Element.prototype), false, 'the init script ran');
    await opened.waitForAllReady();
    assert.match((await page.locator(`${BADGE} [part~=badge][role=status]`).textContent()) ?? '', /1,250/);
    // Styled by Lit's <style> elements (no CSP on this page).
    assert.equal(await page.$eval(BADGE, (el) => getComputedStyle(el.shadowRoot!.querySelector('[part~=badge]')!).display), 'inline-grid');
    assert.equal((await page.locator(`main > ${CARD} [part=points]`).textContent())?.trim(), '1,250 points');
    assert.ok((await page.locator('main > omneo-reward-wallet [part~=reward]').count()) > 0, 'the wallet lists rewards');
    assert.ok((await page.locator('main > omneo-wishlist [part~=item] [part~=title]').count()) > 0, 'the wishlist lists items');

    await page.locator(`${HEART} [part~=button][aria-pressed=true]`).click();
    await page.locator(`${HEART} [part~=button][aria-pressed=false]:not([aria-busy])`).waitFor();
    await page.locator(`${HEART} [part~=button]`).click();
    await page.locator(`${HEART} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();

    const errors = (await opened.record()).events.filter((e) => e.type === 'omneo-error');
    assert.deepEqual(errors, []);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('still times out a request that never answers, and shows the error state', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, latencyMs: 120_000, times: null });
    // The test drives the page's clock (as faults.test.ts does), so the 10 s timeouts take no real time.
    const opened = await openWithoutNewerApis('points.html', scope, true);
    const { page } = opened;
    await page.locator(`${CARD} [aria-busy=true]`).waitFor();
    const alert = page.locator(`${CARD} [role=alert]`);
    for (let attempt = 0; attempt < 6 && !(await alert.count()); attempt += 1) {
      await waitForCount(() => scope.count(BALANCES), attempt < 3 ? attempt + 1 : 3);
      await page.clock.fastForward(11_000);
    }
    await alert.waitFor();
    const errors = (await opened.record()).events.filter((e) => e.type === 'omneo-error').map((e) => e.detail);
    assert.ok(errors.some((d) => d.kind === 'timeout'), JSON.stringify(errors));
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });
});

describe('a browser without constructable stylesheets (Safari 15.4-16.3), under a nonce-based style-src', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /**
   * all.html under the strict CSP with the nonce added to script-src and style-src, as a merchant's server sends it;
   * with `setsLitNonce`, the page sets `window.litNonce` in an inline script (carrying the nonce) before the widgets'
   * script, as README (Install) tells it to.
   */
  async function openWithNonce(setsLitNonce: boolean): Promise<Opened> {
    const scope = await e2e.scope();
    const context = await e2e.context();
    await context.addInitScript(WITHOUT_NEWER_APIS);
    const url = e2e.pageUrl('all.html', scope, { csp: 'strict' });
    await context.route(url, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      const policy = headers['content-security-policy'] ?? '';
      assert.match(policy, /style-src 'self';/);
      headers['content-security-policy'] = policy.replace("script-src 'self'", `script-src 'self' 'nonce-${NONCE}'`).replace("style-src 'self'", `style-src 'self' 'nonce-${NONCE}'`);
      delete headers['content-encoding'];
      delete headers['content-length'];
      const setter = `<script nonce="${NONCE}">window.litNonce = '${NONCE}';</script>`;
      const html = (await response.text()).replace('<script type="module"', `${setsLitNonce ? setter : ''}<script type="module"`);
      await route.fulfill({ status: response.status(), headers, body: html });
    });
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    await tab.goto(url);
    await opened.waitForAllReady();
    return opened;
  }

  /** The badge's styles as applied: its grid, and the screen-reader-only text kept off screen. */
  function badgeStyles(opened: Opened) {
    return opened.page.$eval(BADGE, (el) => {
      const root = el.shadowRoot!;
      return {
        styleElements: root.querySelectorAll('style').length,
        badge: getComputedStyle(root.querySelector('[part~=badge]')!).display,
        visuallyHidden: getComputedStyle(root.querySelector('.visually-hidden')!).position,
      };
    });
  }

  it('styles every element, with no violation, when the page sets window.litNonce', async () => {
    const opened = await openWithNonce(true);
    assert.equal(await opened.page.evaluate(() => 'adoptedStyleSheets' in ShadowRoot.prototype), false, 'the init script ran');
    const styles = await badgeStyles(opened);
    assert.ok(styles.styleElements > 0, "Lit's fallback wrote <style> elements");
    assert.deepEqual({ ...styles, styleElements: 0 }, { styleElements: 0, badge: 'inline-grid', visuallyHidden: 'absolute' });
    const { cspViolations } = await opened.record();
    assert.deepEqual(cspViolations, [], 'the widgets caused CSP violations');
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("without window.litNonce the policy blocks the widgets' styles (the limitation README documents)", async () => {
    const opened = await openWithNonce(false);
    assert.deepEqual({ ...(await badgeStyles(opened)), styleElements: 0 }, { styleElements: 0, badge: 'inline', visuallyHidden: 'static' });
    const { cspViolations } = await opened.record();
    assert.ok(cspViolations.length > 0 && cspViolations.every((v) => v.directive === 'style-src-elem' && v.blockedURI === 'inline'), JSON.stringify(cspViolations.slice(0, 3)));
    await opened.close();
  });
});
