/**
 * Pages whose HTML the host renders again, against the built CDN bundle: Shopify's Section Rendering API (Dawn sets a
 * section's innerHTML after a filter, a variant or a cart change), morphs that keep elements and rewrite their
 * attributes (idiomorph: Shopify's Horizon theme, Turbo 8's page refreshes, htmx's morph swaps), keyed re-renders that
 * put an identical node in place of one (React, Vue, htmx's outerHTML swap), and Turbo Drive visits (the body
 * replaced, `data-turbo-permanent` elements carried across, the new body's scripts run again). No such library is a
 * dependency: each test performs, by hand, the DOM operations of the behaviour it names (test/e2e/pages/rerender.html).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, shadowText, waitForCount, type Opened, type Scope } from './harness.js';

const AVA_CUSTOMER = '7321987654321';
const BADGE = '#badge';
const ADD = '#add';
const SAVED = '#saved';

/** What the shopper sees of every heart on the page, in document order: the button's state, from its shadow root. */
function heartsAsShown() {
  return [...document.querySelectorAll('omneo-wishlist-button')].map((heart) => {
    const button = heart.shadowRoot?.querySelector('button');
    return `${heart.getAttribute('sku')}:${!button ? 'none' : button.disabled ? 'disabled' : (button.getAttribute('aria-pressed') ?? 'guest')}`;
  });
}

/** The requests a scope's mock received, as `METHOD /path`. */
async function requested(scope: Scope, from = 0): Promise<string[]> {
  return (await scope.requests()).slice(from).map((request) => `${request.method} ${request.path}`);
}

/**
 * A Turbo Drive visit (Turbo 7.3 and 8, `PageRenderer`), done by hand in the page: the next page is fetched and its
 * body replaces this one. Turbo appends to the head only the scripts it lacks and removes none; in the new body, each
 * `data-turbo-permanent` element with an id is replaced by a placeholder (Bardo.enter), every script is created anew so
 * that it runs (activateScriptElement), the body is swapped, and, a microtask later, each permanent element of this
 * page goes in place of its placeholder, a clone of it left in the old body (Bardo.leave).
 */
function turboVisit(url: string): Promise<void> {
  const activate = (inert: Element) => {
    const script = document.createElement('script');
    script.textContent = inert.textContent;
    script.async = false;
    for (const { name, value } of inert.attributes) script.setAttribute(name, value);
    return script;
  };
  return fetch(url, { headers: { Accept: 'text/html, application/xhtml+xml' } })
    .then((response) => response.text())
    .then(async (html) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      const headNow = new Set([...document.head.children].map((element) => element.outerHTML));
      for (const element of next.head.querySelectorAll('script')) if (!headNow.has(element.outerHTML)) document.head.append(activate(element));
      history.pushState({ turbo: {} }, '', url);
      const body = document.adoptNode(next.body);
      const carried: [Element, Element][] = [];
      for (const arriving of body.querySelectorAll('[id][data-turbo-permanent]')) {
        const current = document.getElementById(arriving.id);
        if (!current?.hasAttribute('data-turbo-permanent')) continue;
        const placeholder = document.createElement('meta');
        placeholder.setAttribute('name', 'turbo-permanent-placeholder');
        placeholder.setAttribute('content', arriving.id);
        arriving.replaceWith(placeholder);
        carried.push([current, placeholder]);
      }
      for (const inert of body.querySelectorAll('script')) inert.replaceWith(activate(inert));
      document.body.replaceWith(body);
      await undefined;
      for (const [current, placeholder] of carried) {
        current.replaceWith(current.cloneNode(true));
        placeholder.replaceWith(current);
      }
    });
}

interface Rerender {
  heartsAsShown: typeof heartsAsShown;
  turboVisit: typeof turboVisit;
}

describe('pages the host renders again (sections, morphs, keyed re-renders, Turbo Drive), against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /** Each page's console warnings, from openLoaded on. */
  const warningsOf = new WeakMap<Opened, string[]>();

  /** rerender.html with every element loaded (or a guest's), and the helpers above in the page as `__rerender`. */
  async function openLoaded(scope: Scope | null, options: { customer?: string } = {}): Promise<Opened> {
    const opened = await e2e.open('rerender.html', scope, options);
    const warnings: string[] = [];
    warningsOf.set(opened, warnings);
    opened.page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
    // A guest's elements announce nothing: their guest state is what there is to wait for.
    if (options.customer === '') await opened.page.locator(`${SAVED} [part~=button]:not([aria-pressed]):not([disabled])`).waitFor();
    else await opened.waitForAllReady();
    await opened.page.evaluate(`window.__rerender = { heartsAsShown: ${heartsAsShown}, turboVisit: ${turboVisit} }`);
    return opened;
  }

  /**
   * A sign-in or out that reached every element (the block's new customer, the carried badge re-resolved) is no
   * disagreement of customer hints: nothing said, a second after the change when the runtime checks.
   */
  async function assertNoMixedHints(opened: Opened): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(warningsOf.get(opened)!.filter((line) => /different customer hints/.test(line)), []);
  }

  it("Shopify's Section Rendering API (Dawn's filters): the grid's innerHTML set three times in a row; every new heart's first frame shows its saved state, and nothing is asked again", async () => {
    const scope = await e2e.scope();
    const opened = await openLoaded(scope);
    const sent = (await scope.requests()).length;
    const frames = await opened.page.evaluate(async () => {
      const shown = (window as unknown as { __rerender: Rerender }).__rerender.heartsAsShown;
      const seen: string[][] = [];
      const grid = document.getElementById('grid')!;
      const html = grid.innerHTML;
      for (let i = 0; i < 3; i += 1) {
        grid.innerHTML = html; // Dawn's renderProductGridContainer: the section's new HTML, as a string
        // The frame the shopper sees next: rendering happens after this callback.
        seen.push(await new Promise<string[]>((resolve) => requestAnimationFrame(() => resolve(shown()))));
      }
      return seen;
    });
    for (const frame of frames) assert.deepEqual(frame, ['LS-SAND-L:false', 'LS-SAND-M:true']);
    await opened.page.waitForLoadState('networkidle');
    assert.deepEqual(await requested(scope, sent), []);
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    await opened.close();
  });

  it("a morph that keeps the heart (idiomorph: Horizon's variant picker, Turbo 8's refresh): a new sku is followed; a card without one (the attribute removed) leaves the heart disabled, without an uncaught error; the sku back, it works", async () => {
    const scope = await e2e.scope();
    const opened = await openLoaded(scope);
    const shown = () => opened.page.evaluate(() => (window as unknown as { __rerender: Rerender }).__rerender.heartsAsShown());
    // idiomorph's attribute sync on a kept node: setAttribute for a changed value, removeAttribute for one the new HTML lacks.
    await opened.page.evaluate(() => document.getElementById('add')!.setAttribute('sku', 'LS-SAND-M'));
    await opened.page.waitForFunction(() => document.getElementById('add')!.shadowRoot!.querySelector('button')!.getAttribute('aria-pressed') === 'true');
    await opened.page.evaluate(() => document.getElementById('add')!.removeAttribute('sku'));
    await opened.page.waitForFunction(() => document.getElementById('add')!.shadowRoot!.querySelector('button')!.disabled);
    assert.deepEqual(await shown(), ['null:disabled', 'LS-SAND-M:true']);
    assert.deepEqual(opened.pageErrors, []);
    assert.equal(opened.consoleErrors.filter((line) => /needs a sku attribute/.test(line)).length, 1, opened.consoleErrors.join('\n'));
    await opened.page.evaluate(() => document.getElementById('add')!.setAttribute('sku', 'LS-SAND-L'));
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=false]:not([disabled])`).click();
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    assert.deepEqual(await shown(), ['LS-SAND-L:true', 'LS-SAND-M:true']);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("a morph that keeps the elements takes away the lang and dir they set on themselves (the server's HTML has neither): Arabic elements on a page whose <html> has no dir (a theme that does not mark its Arabic pages right-to-left) stay right-to-left", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('rerender.html', scope, { locale: 'ar' });
    await opened.waitForAllReady();
    const directions = () =>
      opened.page.evaluate(() =>
        ['badge', 'add', 'saved'].map((id) => {
          const element = document.getElementById(id)!;
          return `${element.lang}:${getComputedStyle(element.shadowRoot!.firstElementChild ?? element).direction}`;
        }),
      );
    assert.deepEqual(await directions(), ['ar:rtl', 'ar:rtl', 'ar:rtl']);
    // idiomorph's attribute sync on each kept element: what the new HTML lacks is removed.
    await opened.page.evaluate(() => {
      for (const element of document.querySelectorAll('#badge, omneo-wishlist-button')) {
        element.removeAttribute('lang');
        element.removeAttribute('dir');
      }
    });
    await opened.page.waitForTimeout(100);
    assert.deepEqual(await directions(), ['ar:rtl', 'ar:rtl', 'ar:rtl']);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('the heart the shopper just pressed, kept by a morph while its change is on its way (its name rewritten, its slotted sign-in link replaced): focus stays on it, the change is sent once and announced', async () => {
    const scope = await e2e.scope();
    const opened = await openLoaded(scope);
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 600 });
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=false]`).click();
    await opened.page.locator(`${ADD} [part~=button][aria-busy=true]`).waitFor();
    // idiomorph on the kept heart: a changed attribute set, a light-DOM child it cannot match replaced.
    await opened.page.evaluate(() => {
      const heart = document.getElementById('add')!;
      heart.setAttribute('product-name', 'Linen Relaxed Shirt, Sand / L');
      const link = heart.querySelector('a[slot=guest]')!;
      link.replaceWith(link.cloneNode(true));
    });
    await opened.page.locator(`${ADD} [part~=button][aria-pressed=true]:not([aria-busy])`).waitFor();
    assert.equal(await opened.page.locator(`${ADD} [part=message]`).textContent().then((text) => text?.trim()), 'Added to your wishlist');
    assert.deepEqual(
      await opened.page.evaluate(() => {
        const heart = document.getElementById('add')!;
        return [document.activeElement === heart, heart.shadowRoot!.activeElement?.getAttribute('aria-label')];
      }),
      [true, 'Save \u2068Linen Relaxed Shirt, Sand / L\u2069 to wishlist'],
    );
    assert.equal((await requested(scope)).filter((request) => /^POST .*\/items$/.test(request)).length, 1);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('replaced by identical nodes while their data loads (a React or Vue keyed re-render, an htmx outerHTML swap, a section set again): the loads in flight are kept, one request each', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: '/profiles/me/(balances|lists)$', latencyMs: 700, times: null });
    const opened = await e2e.open('rerender.html', scope);
    // Both reads are out, and will be for a while.
    await waitForCount(async () => (await scope.count('/profiles/me/balances')) + (await scope.count('/profiles/me/lists')), 2);
    await opened.page.evaluate(async () => {
      for (let i = 0; i < 3; i += 1) {
        // React's and Vue's keyed re-render of a changed key, htmx's outerHTML swap: a new node where the old one was.
        const badge = document.getElementById('badge')!;
        badge.replaceWith(badge.cloneNode(true));
        const grid = document.getElementById('grid')!;
        grid.innerHTML = grid.innerHTML; // Dawn's section re-render
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    await opened.waitForAllReady();
    assert.deepEqual((await requested(scope)).sort(), ['GET /profiles/me/balances', 'GET /profiles/me/lists', 'POST /omneo/token']);
    assert.match((await shadowText(opened.page, BADGE))[0]!, /1,250/);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("a Turbo Drive visit after signing in: the new body's omneo-config names the customer, and the badge carried across and the new page's hearts show the shopper's; the script run again registers nothing twice", async () => {
    const scope = await e2e.scope();
    const opened = await openLoaded(scope, { customer: '' });
    await opened.page.locator(`${BADGE} [part~=guest]`).waitFor();
    assert.deepEqual(await requested(scope), []);
    await opened.page.evaluate(() => Object.assign(window, { __firstGlobal: window.OmneoWidgets }));
    // Signed in by the storefront's own form; Turbo follows its redirect with a visit.
    await opened.page.evaluate((url) => (window as unknown as { __rerender: Rerender }).__rerender.turboVisit(url), e2e.pageUrl('rerender.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor({ timeout: 5000 });
    assert.match((await shadowText(opened.page, BADGE))[0]!, /1,250/);
    await opened.page.locator(`${SAVED} [part~=button][aria-pressed=true]`).waitFor();
    assert.deepEqual(await opened.page.evaluate(() => (window as unknown as { __rerender: Rerender }).__rerender.heartsAsShown()), ['LS-SAND-L:false', 'LS-SAND-M:true']);
    await opened.page.waitForLoadState('networkidle');
    assert.deepEqual((await requested(scope)).sort(), ['GET /profiles/me/balances', 'GET /profiles/me/lists', 'POST /omneo/token']);
    // The loader's script element, created anew by the visit, is the module already run: the same global.
    assert.equal(await opened.page.evaluate(() => document.querySelectorAll('body script[src$="omneo-widgets.js"]').length), 1);
    assert.equal(await opened.page.evaluate(() => (window as unknown as { __firstGlobal: unknown }).__firstGlobal === window.OmneoWidgets), true);
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    await assertNoMixedHints(opened);
    await opened.close();
  });

  it("a Turbo Drive visit after signing out: the new body's omneo-config says nobody (customer \"\"), and nothing of the shopper's stays on the badge carried across, on the new hearts or in the tab's cache", async () => {
    const scope = await e2e.scope();
    const opened = await openLoaded(scope, { customer: AVA_CUSTOMER });
    await opened.page.waitForFunction(() => Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')));
    // The storefront session has ended: its token endpoint would say so, if asked.
    await opened.context.route(/\/omneo\/token$/, (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"message":"No signed-in customer."}' }));
    await opened.page.evaluate((url) => (window as unknown as { __rerender: Rerender }).__rerender.turboVisit(url), e2e.pageUrl('rerender.html', scope, { customer: '' }));
    await opened.page.locator(`${BADGE} [part~=guest]`).waitFor({ timeout: 5000 });
    assert.doesNotMatch((await shadowText(opened.page, BADGE))[0]!, /1,250/);
    assert.deepEqual(await opened.page.evaluate(() => (window as unknown as { __rerender: Rerender }).__rerender.heartsAsShown()), ['LS-SAND-L:guest', 'LS-SAND-M:guest']);
    assert.deepEqual(await opened.page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:'))), []);
    assert.deepEqual(opened.pageErrors, []);
    await assertNoMixedHints(opened);
    await opened.close();
  });

  it("Turbo 8's page refresh by morph after signing out on the same URL: the config block's text morphed in place and every element kept; the kept badge and hearts follow it to the guest state", async () => {
    const scope = await e2e.scope();
    const opened = await openLoaded(scope, { customer: AVA_CUSTOMER });
    const next = await opened.page.evaluate(async (url) => {
      const html = await (await fetch(url)).text();
      return new DOMParser().parseFromString(html, 'text/html').getElementById('omneo-config')!.textContent!;
    }, e2e.pageUrl('rerender.html', scope, { customer: '' }));
    // idiomorph keeps the script (same id) and its text node, whose value it sets; the elements, unchanged, are kept as they are.
    await opened.page.evaluate((text) => void (document.getElementById('omneo-config')!.firstChild!.nodeValue = text), next);
    await opened.page.locator(`${BADGE} [part~=guest]`).waitFor({ timeout: 5000 });
    assert.deepEqual(await opened.page.evaluate(() => (window as unknown as { __rerender: Rerender }).__rerender.heartsAsShown()), ['LS-SAND-L:guest', 'LS-SAND-M:guest']);
    assert.deepEqual(opened.pageErrors, []);
    await assertNoMixedHints(opened);
    await opened.close();
  });
});
