/**
 * The built bundle on a page set up wrong: the shopper sees an error state with Retry, never a blank box or a
 * skeleton that never ends, and the developer's console names the mistake once, not once per element.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, Opened } from './harness.js';

const BADGE = 'omneo-points-balance[variant=compact]';
const CARD = 'omneo-points-balance:not([variant=compact])';
/** How the loader's line starts when the points element's code could not be loaded; the reason follows in brackets. */
const COULD_NOT_LOAD_POINTS = 'omneo-widgets: the code for <omneo-points-balance> could not be loaded';

describe('a misconfigured page, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  async function bothFailWithRetry(opened: Opened) {
    for (const element of [CARD, BADGE]) await opened.page.locator(`${element} [role=alert]`).waitFor();
    await opened.page.locator(`${CARD} [part=retry-button]`).waitFor();
  }
  const ours = (opened: Opened) => opened.consoleErrors.filter((line) => line.startsWith('omneo-widgets:'));
  /**
   * Our lines, once they have come: the diagnostics' text loads on demand after the failure, so a line follows the
   * error state by a moment; then a short wait more, for any second line that should not come.
   */
  async function oursSaid(opened: Opened): Promise<string[]> {
    for (const deadline = Date.now() + 5000; ours(opened).length === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 25));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return ours(opened);
  }

  it("a Shopify app proxy path that is not set up (the storefront's 404 page, status 200): one line naming the token endpoint", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.openWithConfig(
      'points.html',
      { tokenEndpoint: '/apps/omneo/token', apiBase: scope.apiBase, locale: 'en-AU' },
      {
        beforeNavigation: async ({ context }) => {
          await context.route('**/apps/omneo/token', (route) =>
            route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>404 Not Found – Shop</title><h1>Page not found</h1>' }),
          );
        },
      },
    );
    await bothFailWithRetry(opened);
    assert.equal((await oursSaid(opened)).length, 1, opened.consoleErrors.join('\n'));
    assert.match(ours(opened)[0]!, /token endpoint .*\/apps\/omneo\/token answered text\/html, not JSON.*"token": JWT/);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("the admin API's base instead of the ID API's: one line naming api-base, beside Chrome's own 404 lines", async () => {
    const scope = await e2e.scope();
    const apiBase = scope.apiBase.replace('/id/api/v1', '/api/v3');
    const opened = await e2e.openWithConfig('points.html', { tokenEndpoint: scope.tokenEndpoint('ava'), apiBase, locale: 'en-AU' });
    await bothFailWithRetry(opened);
    assert.equal((await oursSaid(opened)).length, 1, opened.consoleErrors.join('\n'));
    assert.match(ours(opened)[0]!, /answered 404 .*check api-base \(.*\/api\/v3\).*\/id\/api\/v1/);
    assert.ok(opened.consoleErrors.every((line) => line.startsWith('omneo-widgets:') || line.startsWith('Failed to load resource')), opened.consoleErrors.join('\n'));
    await opened.close();
  });

  it("element code that is not deployed (a 404): one line for the page, not one more for each element added later (infinite scroll, a quick view)", async () => {
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-points-balance-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
    const failed = () => opened.consoleErrorsStarting(COULD_NOT_LOAD_POINTS);
    await failed();
    for (let more = 0; more < 3; more += 1) {
      await opened.page.evaluate(() => document.body.append(document.createElement('omneo-points-balance')));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal((await failed()).length, 1, opened.consoleErrors.join('\n'));
    await opened.close();
  });

  it("OmneoWidgets.load() given a tag it does not have (a typo) rejects naming the ones it has; the call's other tags and the page's elements still load", async () => {
    const opened = await e2e.open('points.html', await e2e.scope());
    await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
    const outcome = await opened.page.evaluate(() =>
      window.OmneoWidgets!.load('omneo-points-balanse', 'omneo-tier-progress').then(() => 'resolved', (error: Error) => error.message),
    );
    assert.match(outcome, /^omneo-widgets: there is no element <omneo-points-balanse>\. Elements: .*omneo-points-balance/);
    for (const tag of await opened.page.evaluate(() => window.OmneoWidgets!.tags)) assert.ok(outcome.includes(tag), `${tag} named in: ${outcome}`);
    await opened.page.waitForFunction(() => customElements.get('omneo-tier-progress') !== undefined);
    await opened.waitForEvents('omneo-ready', 2);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("an element's malformed locale or currency (Configuration): ignored with a warning, and the default applies, not the hub's nor the page's", async () => {
    const scope = await e2e.scope();
    // The page says fr-FR and NZD, a hub de-DE and EUR; <html lang> is en-AU and Ava's balances are in AUD.
    const opened = await e2e.openWithConfig('points.html', { tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'fr-FR', currency: 'NZD' });
    await opened.waitForEvents('omneo-ready', 2);
    const said: string[] = [];
    opened.page.on('console', (message) => said.push(message.text()));
    await opened.page.evaluate(() => {
      const hub = document.createElement('omneo-rewards');
      hub.setAttribute('locale', 'de-DE');
      hub.setAttribute('currency', 'EUR');
      // Only its own child: the hub's default four would be there too, and the hub is a config root for what it holds.
      hub.innerHTML = '<omneo-points-balance id="own" locale="not a locale!!" currency="dollars"></omneo-points-balance>';
      document.querySelector('main')!.append(hub);
    });
    await opened.waitForEvents('omneo-ready', 3);
    const own = await opened.page.locator('#own').evaluate((el) => ({
      points: el.shadowRoot!.querySelector('[part=points]')?.textContent?.trim(),
      value: el.shadowRoot!.querySelector('[part=value]')?.textContent?.replace(/\s+/g, ' ').trim(),
    }));
    // en-AU: "1,250" (fr-FR would group with a narrow space, de-DE with a dot) and Omneo's AUD as "$" (not NZ$ nor €).
    assert.match(own.points ?? '', /^1,250 /, JSON.stringify(own));
    assert.match(own.value ?? '', /\$\d/, JSON.stringify(own));
    assert.doesNotMatch(own.value ?? '', /NZ\$|€/, JSON.stringify(own));
    const warnings = said.filter((line) => line.startsWith('omneo-widgets:'));
    assert.ok(warnings.some((line) => line.includes('not a locale!!')), warnings.join(' | '));
    assert.ok(warnings.some((line) => line.includes('currency "DOLLARS" is not an ISO 4217 code')), warnings.join(' | '));
    await opened.close();
  });

  it("an element inside the page's own component (a shadow root) stays undefined, as Troubleshooting says, until OmneoWidgets.load() names it; then it shows its data", async () => {
    const opened = await e2e.open('points.html', await e2e.scope());
    await opened.waitForEvents('omneo-ready', 2);
    await opened.page.evaluate(() => {
      const host = document.createElement('div');
      host.id = 'own-component';
      host.attachShadow({ mode: 'open' }).innerHTML = '<omneo-tier-progress></omneo-tier-progress>';
      document.querySelector('main')!.append(host);
    });
    // The loader would have asked for the code by now for a tag in the document (it watches with a MutationObserver).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await opened.page.evaluate(() => customElements.get('omneo-tier-progress') === undefined), true, 'the loader saw into the shadow root');
    assert.equal(await opened.page.evaluate(() => window.OmneoWidgets!.load('omneo-tier-progress').then(() => 'loaded', (error: Error) => error.message)), 'loaded');
    await opened.waitForEvents('omneo-ready', 1, 'omneo-tier-progress');
    const shown = await opened.page.evaluate(() => document.querySelector('#own-component')!.shadowRoot!.querySelector('omneo-tier-progress')!.shadowRoot!.textContent ?? '');
    assert.match(shown.replace(/\s+/g, ' '), /Gold|Silver|Bronze|points to/i);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('element code cut off once (a dropped connection): the next element of its tag added to the page fetches it again where the browser retries a failed import, else the next page does (Troubleshooting), and every one shows its data', async () => {
    let asked = 0;
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-points-balance-[^/]*\.js$/, (route, before) => {
      asked = before + 1;
      return before === 0 ? route.abort('connectionreset') : route.continue();
    });
    await opened.consoleErrorsStarting(COULD_NOT_LOAD_POINTS);
    await opened.page.evaluate(() => document.querySelector('main')!.append(document.createElement('omneo-points-balance')));
    if (await e2e.refetchesFailedImports()) {
      await opened.waitForEvents('omneo-ready', 3);
      assert.equal(asked, 2);
    } else {
      await keepsTheFailureUntilTheNextPage(opened, () => asked);
    }
    await opened.close();
  });

  it('element code cut off once (a dropped connection): OmneoWidgets.load() fetches it again where the browser retries a failed import, else rejects and the next page does, and the elements show their data', async () => {
    let asked = 0;
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-points-balance-[^/]*\.js$/, (route, before) => {
      asked = before + 1;
      return before === 0 ? route.abort('connectionreset') : route.continue();
    });
    await opened.consoleErrorsStarting(COULD_NOT_LOAD_POINTS);
    if (await e2e.refetchesFailedImports()) {
      assert.equal(await opened.page.evaluate(() => window.OmneoWidgets!.load('omneo-points-balance').then(() => 'loaded', (error: Error) => error.message)), 'loaded');
      await opened.waitForEvents('omneo-ready', 2);
      assert.equal(asked, 2);
    } else {
      await keepsTheFailureUntilTheNextPage(opened, () => asked);
    }
    await opened.close();
  });

  /**
   * In a browser that keeps a failed module import for the page's life (e2e.refetchesFailedImports()), what the
   * loader's retry comes to: `OmneoWidgets.load()` rejects with the browser's failure, nothing is fetched, the tag
   * stays undefined and the console line is not said again; the next page (a reload) fetches the code and shows
   * both of points.html's elements.
   */
  async function keepsTheFailureUntilTheNextPage(opened: Opened, asked: () => number) {
    const outcome = await opened.page.evaluate(() => window.OmneoWidgets!.load('omneo-points-balance').then(() => 'loaded', (error: Error) => error.message));
    assert.match(outcome, /omneo-points-balance-[^/]*\.js/);
    assert.equal(await opened.page.evaluate(() => customElements.get('omneo-points-balance') === undefined), true);
    assert.equal(asked(), 1);
    const said = opened.consoleErrors.filter((line) => line.startsWith(COULD_NOT_LOAD_POINTS));
    assert.equal(said.length, 1, opened.consoleErrors.join('\n'));
    await opened.page.reload();
    await opened.waitForEvents('omneo-ready', 2);
    assert.equal(asked(), 2);
  }

  it("the points expiry notice's code not deployed: the card keeps its balance, and one line however often the card is shown again (a drawer opened and closed)", async () => {
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-points-expiry-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    const failed = () => opened.consoleErrorsStarting('omneo-widgets: the points expiry notice could not be loaded');
    await failed();
    for (let again = 0; again < 3; again += 1) {
      await opened.page.evaluate(() => {
        const card = document.querySelector('main omneo-points-balance')!;
        card.remove();
        document.querySelector('main')!.append(card);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match((await opened.page.locator(`${CARD} [part=points]`).textContent()) ?? '', /1,250/);
    assert.equal((await failed()).length, 1, opened.consoleErrors.join('\n'));
    await opened.close();
  });

  it('a config block with a trailing comma: the JSON error and the missing setting, once each for the page', async () => {
    const opened = await e2e.openWithConfig('points.html', {}, {
      beforeNavigation: async ({ context }) => {
        await context.route('**/e2e/points.html*', async (route) => {
          const response = await route.fetch();
          const html = (await response.text()).replace(/(<script type="application\/json" id="omneo-config">)[\s\S]*?(<\/script>)/, '$1{"tokenEndpoint": "/omneo/token", "tenant": "example",}$2');
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        });
      },
    });
    for (const element of [CARD, BADGE]) await opened.page.locator(`${element} [part~=error]`).waitFor();
    const lines = await oursSaid(opened);
    assert.equal(lines.filter((line) => line.includes('not valid JSON')).length, 1, lines.join('\n'));
    assert.equal(lines.filter((line) => line.includes('no API base')).length, 1, lines.join('\n'));
    await opened.close();
  });
});
