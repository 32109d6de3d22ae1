/**
 * Abuse of the page: the built bundle under a strict Content-Security-Policy, and hostile API strings
 * (markup, script, `javascript:` URLs) from the mock's `mallory` persona.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { E2E } from './harness.js';

// Light-DOM elements only: the hub's nested elements match these tags too, inside its shadow root.
const CARD = 'main > omneo-points-balance:not([variant=compact])';
const BADGE = 'omneo-points-balance[variant=compact]';

/**
 * Walks the document and every open shadow root for anything an injected string could have produced:
 * event-handler attributes, `javascript:` URLs, script/iframe/object elements inside our shadow roots.
 */
function findInjection(page: Page) {
  return page.evaluate(() => {
    const findings: string[] = [];
    const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data'];
    const visit = (root: Document | ShadowRoot, inShadow: boolean) => {
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
          if (attr.startsWith('on')) findings.push(`<${el.localName} ${attr}>`);
          if (urlAttributes.includes(attr) && /^\s*javascript:/i.test(el.getAttribute(attr) ?? '')) findings.push(`<${el.localName} ${attr}=javascript:>`);
        }
        if (inShadow && ['script', 'iframe', 'object', 'embed'].includes(el.localName)) findings.push(`<${el.localName}> in a shadow root`);
        if (el.shadowRoot) visit(el.shadowRoot, true);
      }
    };
    visit(document, false);
    return findings;
  });
}

describe('abuse of the page, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('works under a strict CSP (no unsafe-inline, no unsafe-eval) without a single violation', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('all.html', scope, { csp: 'strict' });
    const response = await opened.page.request.get(e2e.pageUrl('all.html', scope, { csp: 'strict' }));
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    await opened.waitForAllReady();
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    // The shadow styles applied (constructable stylesheets are allowed without 'unsafe-inline').
    const hiddenPosition = await opened.page.$eval(BADGE, (el) => getComputedStyle(el.shadowRoot!.querySelector('.visually-hidden')!).position);
    assert.equal(hiddenPosition, 'absolute');
    // Interactions too: open a redeem confirmation and toggle the heart (styles and handlers under the policy).
    await opened.page.locator('omneo-reward-wallet [part~=redeem-button]').first().click();
    await opened.page.locator('omneo-reward-wallet [part~=confirm]').waitFor();
    await opened.page.locator('omneo-wishlist-button [part~=button]').click();
    await opened.waitForEvents('omneo-wishlist-change', 1);
    const { cspViolations } = await opened.record();
    assert.deepEqual(cspViolations, [], 'the widgets caused CSP violations');

    // Control: the policy is really in force on this page, so the empty list above means something.
    await opened.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true';
      document.head.append(script);
    });
    assert.equal(await opened.page.evaluate(() => 'inlineScriptRan' in window), false);
    assert.ok((await opened.record()).cspViolations.some((v) => v.directive.startsWith('script-src')));
    await opened.close();
  });

  it("renders the hostile persona's markup, script and javascript: URLs as inert text", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('all.html', scope, { persona: 'mallory' });
    await opened.waitForAllReady();
    await opened.page.waitForLoadState('networkidle');
    assert.equal((await opened.page.locator(`${CARD} [part=points]`).textContent())?.trim(), '500 points');
    // Mallory's reward and tier names are markup: they must arrive on screen as the literal characters.
    const text = (await opened.page.$$eval('body *', (els) => els.map((el) => el.shadowRoot?.textContent ?? '').join(' '))).replace(/\s+/g, ' ');
    assert.match(text, /<img src=x onerror=alert\(1\)>|<script>alert\(1\)<\/script>/, 'the hostile strings should be visible as text');
    assert.deepEqual(await findInjection(opened.page), []);
    // Open every details disclosure (HTML copy converted to text): no handler may turn API data into script or navigation.
    const before = opened.page.url();
    for (const summary of await opened.page.locator('omneo-reward-wallet [part~=details] summary').all()) await summary.click();
    // A javascript: web_url must never become a link.
    const hrefs = await opened.page.$$eval('omneo-wishlist', (els) => els.flatMap((el) => [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'))));
    assert.ok(hrefs.every((href) => href !== null && /^https?:/i.test(href)), JSON.stringify(hrefs));
    assert.equal(opened.page.url(), before);
    assert.deepEqual(await findInjection(opened.page), []);
    assert.equal((await opened.record()).xssFired, 0);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('leaves no token in the DOM, storage, globals or events', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope);
    await opened.waitForEvents('omneo-ready', 2);
    const leaks = await opened.page.evaluate(() => {
      const jwt = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+/;
      const places: string[] = [];
      const html = [document.documentElement.outerHTML];
      const visit = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) {
            html.push(el.shadowRoot.innerHTML);
            visit(el.shadowRoot);
          }
        }
      };
      visit(document);
      if (html.some((h) => jwt.test(h))) places.push('DOM');
      for (const storage of [sessionStorage, localStorage]) {
        for (let i = 0; i < storage.length; i += 1) if (jwt.test(storage.getItem(storage.key(i)!) ?? '')) places.push('storage');
      }
      if (jwt.test(document.cookie)) places.push('cookie');
      for (const key of Object.keys(window)) {
        try {
          if (jwt.test(JSON.stringify((window as unknown as Record<string, unknown>)[key]) ?? '')) places.push(`window.${key}`);
        } catch {
          // cyclic or host objects hold no token we put there
        }
      }
      if (jwt.test(JSON.stringify((window as unknown as { __e2e: unknown }).__e2e))) places.push('event detail');
      return places;
    });
    assert.deepEqual(leaks, []);
    assert.ok(opened.consoleErrors.every((m) => !/eyJ[\w-]{10,}\./.test(m)));
    await opened.close();
  });
});
