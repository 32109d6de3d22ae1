/**
 * Storefronts as they are, not as we would write them: legacy libraries that extend built-in prototypes,
 * and pages that enforce Trusted Types. The built bundle must work on them or say plainly why it cannot.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DIST_DIR, createSlowConnectFront } from '../../bench/serve.js';
import { E2E, Opened, type Scope } from './harness.js';

const CARD = 'main > omneo-points-balance:not([variant=compact])';
const AVA_CUSTOMER = '7321987654321';
/** How the loader's line starts when the points element's code could not be loaded; the reason follows in brackets. */
const COULD_NOT_LOAD_POINTS = 'omneo-widgets: the code for <omneo-points-balance> could not be loaded';

/** Prototype.js 1.6 (still on Magento 1 and other old storefronts): every array serialises itself to a JSON string. */
function installPrototypeJsArrayToJson() {
  Object.defineProperty(Array.prototype, 'toJSON', {
    value(this: unknown[]) {
      return `[${this.map((item) => JSON.stringify(item)).join(', ')}]`;
    },
    writable: true,
    configurable: true,
  });
}

/**
 * Prototype.js 1.7 (Magento 1's, still on many storefronts) mixes its Enumerable into Array.prototype: map, filter,
 * find, some and every become its own, which hand the callback the item and its index but not the array.
 */
function installPrototypeJsEnumerable() {
  const native = { forEach: Array.prototype.forEach };
  const each = (array: unknown[], visit: (value: unknown, index: number) => void) => native.forEach.call(array, (value: unknown, index: number) => visit(value, index));
  type Iterator = (this: unknown, value: unknown, index: number) => unknown;
  const methods: Record<string, (this: unknown[], iterator?: Iterator, context?: unknown) => unknown> = {
    map(iterator = (value) => value, context) {
      const results: unknown[] = [];
      each(this, (value, index) => results.push(iterator.call(context, value, index)));
      return results;
    },
    filter(iterator = (value) => value, context) {
      const results: unknown[] = [];
      each(this, (value, index) => iterator.call(context, value, index) && results.push(value));
      return results;
    },
    find(iterator = (value) => value, context) {
      const found: unknown[] = [];
      each(this, (value, index) => found.length === 0 && iterator.call(context, value, index) && found.push(value));
      return found[0];
    },
    some(iterator = (value) => value, context) {
      let result = false;
      each(this, (value, index) => (result ||= !!iterator.call(context, value, index)));
      return result;
    },
    every(iterator = (value) => value, context) {
      let result = true;
      each(this, (value, index) => (result &&= !!iterator.call(context, value, index)));
      return result;
    },
  };
  for (const [name, method] of Object.entries(methods)) Object.defineProperty(Array.prototype, name, { value: method, writable: true, configurable: true });
}

/** Prototype.js 1.6: Array#reduce unwraps a one-item array and returns a longer one as it is, whatever it is given. */
function installPrototypeJs16Reduce() {
  Object.defineProperty(Array.prototype, 'reduce', {
    value(this: unknown[]) {
      return this.length > 1 ? this : this[0];
    },
    writable: true,
    configurable: true,
  });
}

/** How many style rules each element's shadow root has, in document order. */
function shadowStyleRules(opened: Opened) {
  return opened.page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.shadowRoot)
      .map((el) => {
        let rules = 0; // a loop: this page's Array#reduce may be Prototype's
        for (const sheet of el.shadowRoot!.adoptedStyleSheets) rules += sheet.cssRules.length;
        return `${el.localName}: ${rules}`;
      }),
  );
}

describe('legacy and hostile host pages, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /** Opens `page` with the page's own scripts of `init` run first, and `csp` as its policy header when given. */
  async function openHostPage(page: string, scope: Scope, options: { init?: () => void; csp?: string; customer?: string } = {}): Promise<Opened> {
    const context = await e2e.context();
    if (options.init) await context.addInitScript(options.init);
    const url = e2e.pageUrl(page, scope, { customer: options.customer });
    if (options.csp) {
      const csp = options.csp;
      await context.route(`${e2e.origin}/e2e/*.html*`, async (route) => {
        const response = await route.fetch();
        const headers: Record<string, string> = { ...response.headers(), 'content-security-policy': csp };
        delete headers['content-encoding'];
        delete headers['content-length'];
        await route.fulfill({ status: response.status(), headers, body: await response.text() });
      });
    }
    const opened = new Opened(context, await context.newPage());
    await opened.page.goto(url);
    return opened;
  }

  it("paints the next page from the cross-page cache on a storefront whose Prototype.js gives arrays a toJSON", async () => {
    const scope = await e2e.scope();
    const opened = await openHostPage('all.html', scope, { init: installPrototypeJsArrayToJson, customer: AVA_CUSTOMER });
    await opened.waitForAllReady();
    // Only the cache can paint the next page.
    await scope.addFaults({ path: '/auth/token', status: 500, times: null });
    await opened.page.goto(e2e.pageUrl('all.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await opened.page.locator('main > omneo-reward-wallet [part~=redeem-button]').first().waitFor();
    await opened.page.locator('main > omneo-wishlist [part~=item]').first().waitFor();
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  // Lit writes its templates through one Trusted Types policy, 'lit-html'; nothing else of ours is a sink.
  const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types lit-html";

  it("works where Trusted Types are enforced and the page allows Lit's policy, 'lit-html'", async () => {
    const scope = await e2e.scope();
    const opened = await openHostPage('all.html', scope, { csp: TRUSTED_TYPES });
    await opened.waitForAllReady();
    // Templates rendered after a shopper's action go through the same policy.
    await opened.page.locator('omneo-reward-wallet [part~=redeem-button]').first().click();
    await opened.page.locator('omneo-reward-wallet [part~=confirm]').waitFor();
    await opened.page.locator('omneo-wishlist-button [part~=button]').click();
    await opened.waitForEvents('omneo-wishlist-change', 1);
    assert.deepEqual((await opened.record()).cspViolations, []);
    assert.deepEqual(opened.pageErrors, []);
    // Control: the policy is in force, so an empty list above means something.
    const refused = await opened.page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(refused, true);
    await opened.close();
  });

  it("beside another copy of Lit (the theme's, another app's), 'lit-html' needs 'allow-duplicates'", async () => {
    const scope = await e2e.scope();
    type TrustedTypesWindow = { trustedTypes: { createPolicy(name: string, rules: { createHTML(html: string): string }): unknown } };
    const pageLit = () => void (window as unknown as TrustedTypesWindow).trustedTypes.createPolicy('lit-html', { createHTML: (html) => html });
    const opened = await openHostPage('all.html', scope, { csp: `${TRUSTED_TYPES} 'allow-duplicates'`, init: pageLit });
    await opened.waitForAllReady();
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("names Lit's policy in the console where the page's Trusted Types do not allow it", async () => {
    const scope = await e2e.scope();
    const opened = await openHostPage('points.html', scope, { csp: "require-trusted-types-for 'script'; trusted-types 'none'" });
    const said = await opened.consoleErrorsStarting(COULD_NOT_LOAD_POINTS);
    assert.ok(said.some((line) => line.includes('"lit-html"')), opened.consoleErrors.join('\n'));
    // Troubleshooting's row quotes it as `… could not be loaded (… 'createPolicy' … Policy "lit-html" disallowed.)`.
    assert.ok(said.some((line) => /\(.*'createPolicy'.*Policy "lit-html" disallowed\.\)/.test(line)), opened.consoleErrors.join('\n'));
    await opened.close();
  });

  it("without 'allow-duplicates' beside another copy of Lit, says the policy already exists, as Troubleshooting quotes it", async () => {
    const scope = await e2e.scope();
    type TrustedTypesWindow = { trustedTypes: { createPolicy(name: string, rules: { createHTML(html: string): string }): unknown } };
    const pageLit = () => void (window as unknown as TrustedTypesWindow).trustedTypes.createPolicy('lit-html', { createHTML: (html) => html });
    const opened = await openHostPage('points.html', scope, { csp: TRUSTED_TYPES, init: pageLit });
    const said = await opened.consoleErrorsStarting(COULD_NOT_LOAD_POINTS);
    assert.ok(said.some((line) => /\(.*'createPolicy'.*"lit-html" already exists\.\)/.test(line)), opened.consoleErrors.join('\n'));
    await opened.close();
  });

  it('loads the elements on a page that set window.OmneoWidgets itself before the script (a stub, an element id)', async () => {
    const scope = await e2e.scope();
    // The vendor-snippet habit (window.dataLayer = window.dataLayer || []): not a copy of the widgets.
    const stub = () => {
      const page = window as unknown as { OmneoWidgets?: Record<string, unknown> };
      page.OmneoWidgets = page.OmneoWidgets || {};
      page.OmneoWidgets.queue = [];
    };
    const opened = await openHostPage('points.html', scope, { init: stub });
    await opened.waitForEvents('omneo-ready', 2);
    assert.deepEqual(await opened.page.evaluate(() => window.OmneoWidgets?.tags.length), 6);
    await opened.close();

    // <div id="OmneoWidgets">: the browser names window.OmneoWidgets after it.
    const named = await openHostPage('points.html', scope, {
      init: () => document.addEventListener('readystatechange', () => void document.body?.prepend(Object.assign(document.createElement('div'), { id: 'OmneoWidgets' })), { once: true }),
    });
    await named.waitForEvents('omneo-ready', 2);
    await named.close();
  });

  it("a page script that adds an enumerable property to Object.prototype: the line Troubleshooting quotes; defined not enumerable, the elements load", async () => {
    const scope = await e2e.scope();
    const polluted = await openHostPage('points.html', scope, { init: () => void ((Object.prototype as unknown as Record<string, unknown>).toQueryString = function () {}) });
    const said = await polluted.consoleErrorsStarting(COULD_NOT_LOAD_POINTS);
    assert.ok(said.includes(`${COULD_NOT_LOAD_POINTS} (Cannot read properties of undefined (reading 'get')).`), polluted.consoleErrors.join('\n'));
    await polluted.close();
    // The row's fix: the same property, not enumerable.
    const fixed = await openHostPage('points.html', scope, {
      init: () => void Object.defineProperty(Object.prototype, 'toQueryString', { value: function () {}, enumerable: false, configurable: true, writable: true }),
    });
    await fixed.waitForEvents('omneo-ready', 2);
    assert.deepEqual(fixed.pageErrors, []);
    await fixed.close();
  });

  it("works on a storefront whose Prototype.js 1.7 replaced Array#map, filter, find, some and every", async () => {
    const scope = await e2e.scope();
    const opened = await openHostPage('all.html', scope, { init: installPrototypeJsEnumerable });
    await opened.waitForAllReady();
    // The wallet's details (Omneo's HTML copy turned into text) are where an array callback's third argument was read.
    await opened.page.locator('main > omneo-reward-wallet [part~=details] summary').first().click();
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("keeps every element's styles on a storefront whose Prototype.js 1.6 replaced Array#reduce", async () => {
    const scope = await e2e.scope();
    const plain = await openHostPage('all.html', scope);
    await plain.waitForAllReady();
    const expected = await shadowStyleRules(plain);
    await plain.close();
    // Lit's css tag joins a stylesheet's parts with reduce: with Prototype's, the parts before an interpolation were lost.
    const opened = await openHostPage('all.html', scope, { init: installPrototypeJs16Reduce });
    await opened.waitForAllReady();
    assert.deepEqual(await shadowStyleRules(opened), expected);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  /**
   * The files copied to a CDN of the merchant's own, on another origin than the page's. Module scripts are fetched
   * with CORS, so the host must send Access-Control-Allow-Origin (README, Install: Any page); without it nothing of
   * ours runs, and the browser's console line is all there is to go on.
   */
  async function openWithFilesOn(cdnOrigin: string, scope: Scope): Promise<{ opened: Opened; scripts: string[] }> {
    const context = await e2e.context();
    const opened = new Opened(context, await context.newPage());
    const scripts: string[] = [];
    opened.page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(request.url())));
    await opened.page.goto(`${e2e.pageUrl('points.html', scope)}&cdn-origin=${encodeURIComponent(cdnOrigin)}`);
    return { opened, scripts };
  }

  it('runs from a host of its own that sends Access-Control-Allow-Origin; without it the console names CORS', async (t) => {
    // Another port of the same server (which sends the header): another origin, as a CDN is.
    const cdn = await createSlowConnectFront(e2e.server, 0);
    t.after(() => cdn.close());
    const served = await openWithFilesOn(cdn.origin, await e2e.scope());
    await served.opened.waitForEvents('omneo-ready', 2);
    // The loader imported its chunks from beside itself, on the files' host: every script came from there.
    assert.ok(served.scripts.length > 1, served.scripts.join('\n'));
    assert.deepEqual(served.scripts.filter((url) => !url.startsWith(`${cdn.origin}/dist/cdn/`)), []);
    assert.deepEqual(served.opened.pageErrors, []);
    await served.opened.close();

    // A bucket without a CORS rule: the same files, a JavaScript Content-Type, no Access-Control-Allow-Origin.
    const bucket = createServer((request, response) => {
      const file = join(DIST_DIR, new URL(request.url ?? '/', 'http://bucket').pathname.replace(/^\/dist\//, ''));
      if (!existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(file));
    });
    await new Promise<void>((listening) => bucket.listen(0, '127.0.0.1', listening));
    t.after(() => new Promise<void>((closed) => bucket.close(() => closed())));
    const withoutCors = await openWithFilesOn(`http://127.0.0.1:${(bucket.address() as AddressInfo).port}`, await e2e.scope());
    const named = (line: string) => line.includes('omneo-widgets.js') && line.includes('blocked by CORS policy');
    for (let waited = 0; !withoutCors.opened.consoleErrors.some(named) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(withoutCors.opened.consoleErrors.some(named), withoutCors.opened.consoleErrors.join('\n'));
    assert.equal(await withoutCors.opened.page.evaluate(() => typeof window.OmneoWidgets), 'undefined');
    await withoutCors.opened.close();
  });
});
