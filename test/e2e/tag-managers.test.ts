/**
 * The widgets installed the way many BigCommerce, SFCC, Magento and headless stores install scripts: through Google
 * Tag Manager's Custom HTML tag, late and by script re-creation, or behind a consent manager that blocks scripts
 * until the shopper consents. The tags are in the page's HTML; the config and the loader arrive later. The stand-ins
 * for GTM and the consent manager, and what they are modelled on, are in pages/tag-manager.js.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { E2E, Opened, shadowText, type Scope } from './harness.js';

interface Tag {
  html: string;
  trigger?: 'dom' | 'load';
  supportDocumentWrite?: boolean;
}

const CDN_URL = /https:\/\/cdn\.jsdelivr\.net\/npm\/omneo-widgets@[^/]+\/dist\/cdn\/omneo-widgets\.js/g;
const LOADER = '/dist/cdn/omneo-widgets.js';
const BADGE = 'header > omneo-points-balance';
const HEART = 'main omneo-wishlist-button';

/** The integration file's tag, served from the test's build and configured for the test's scope. */
function gtmTag(): string {
  return readFileSync(new URL('../../integrations/gtm/custom-html.html', import.meta.url), 'utf8')
    .replace(CDN_URL, LOADER)
    .replace(/(<script type="application\/json" id="omneo-config">)[\s\S]*?(<\/script>)/, '$1{{Omneo config}}$2');
}

const defined = (page: Opened['page']) => page.evaluate(() => ['omneo-points-balance', 'omneo-wishlist-button'].map((tag) => Boolean(customElements.get(tag))));

describe('installed through a tag manager or behind a consent manager', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /** tag-manager.html with `tags` for the GTM stand-in and `markup` at the end of its body, as the page's own HTML; console warnings into `warnings`. */
  async function open(scope: Scope, tags: Tag[], markup = '', warnings: string[] = []): Promise<Opened> {
    const context = await e2e.context();
    await context.addInitScript((given) => Object.defineProperty(window, '__e2eTags', { value: given }), tags);
    const url = e2e.pageUrl('tag-manager.html', scope);
    await context.route(url, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const config = /id="e2e-tag-variable">([\s\S]*?)<\/script>/.exec(html)![1]!;
      const headers = { ...response.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: response.status(), headers, body: html.replace('</body>', `${markup.split('{{Omneo config}}').join(config)}</body>`) });
    });
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    tab.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
    await tab.goto(url);
    return opened;
  }

  async function expectWidgetsUp(opened: Opened, scope: Scope) {
    await opened.waitForEvents('omneo-ready', 2);
    await opened.page.waitForLoadState('networkidle');
    assert.match((await shadowText(opened.page, BADGE))[0]!, /\d/);
    assert.equal(await opened.page.locator(`${HEART} button[aria-pressed]`).count(), 1);
    assert.equal(await scope.count('/omneo/token', 'POST'), 1);
    assert.deepEqual([...opened.pageErrors, ...opened.consoleErrors], []);
  }

  for (const [name, tag] of [
    ['DOM Ready', { trigger: 'dom' }],
    ['Window Loaded', { trigger: 'load' }],
    ['Window Loaded, with "Support document.write"', { trigger: 'load', supportDocumentWrite: true }],
  ] as const) {
    it(`the GTM Custom HTML tag (integrations/gtm/custom-html.html), fired on ${name}: the tags already on the page come up, with one token request`, async () => {
      const scope = await e2e.scope();
      const opened = await open(scope, [{ html: gtmTag(), ...tag }]);
      try {
        await expectWidgetsUp(opened, scope);
      } finally {
        await opened.close();
      }
    });
  }

  it('the Any page snippet pasted into a Custom HTML tag never runs: GTM leaves a module script inert, so the tags stay empty and nothing is sent', async () => {
    const scope = await e2e.scope();
    const anyPage = `<script type="application/json" id="omneo-config">{{Omneo config}}</script><script type="module" src="${LOADER}"></script>`;
    const opened = await open(scope, [{ html: anyPage, trigger: 'load' }]);
    try {
      await opened.page.waitForFunction(() => (window as unknown as { __e2eTagsDone?: number }).__e2eTagsDone === 1);
      await opened.page.waitForLoadState('networkidle');
      // The script element is there, as written, and was never fetched.
      assert.equal(await opened.page.locator(`body > script[type=module][src="${LOADER}"]`).count(), 1);
      assert.deepEqual(await defined(opened.page), [false, false]);
      assert.equal(await opened.page.evaluate(() => typeof window.OmneoWidgets), 'undefined');
      assert.equal(await scope.count('/omneo/token', 'POST'), 0);
    } finally {
      await opened.close();
    }
  });

  it("a page that already has an omneo-config block (a platform snippet's) keeps it: the tag's, later in the page, is not read, and the console says so", async () => {
    const scope = await e2e.scope();
    const tag = gtmTag().replace('{{Omneo config}}', '{ "tokenEndpoint": "/not-this-one", "tenant": "example-tenant" }');
    const warnings: string[] = [];
    const opened = await open(scope, [{ html: tag, trigger: 'load' }], '<script type="application/json" id="omneo-config">{{Omneo config}}</script>', warnings);
    try {
      await expectWidgetsUp(opened, scope);
      assert.ok(warnings.some((line) => line.includes('the page has 2 omneo-config blocks; only the first is read')), warnings.join(' | '));
    } finally {
      await opened.close();
    }
  });

  it("configure() from a tag of its own fails when it fires before the loader has run; in the loader's load handler, in the same tag, it applies", async () => {
    // GTM tag order is not load order: the loader is a module script, which runs after it has downloaded, while a
    // classic script in the next tag runs at once. (Its config here is all in configure(): no omneo-config block.)
    const loaderOnly = gtmTag().replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    const separate = await open(await e2e.scope(), [
      { html: loaderOnly, trigger: 'load' },
      { html: '<script>window.OmneoWidgets.configure({{Omneo config}});</script>', trigger: 'load' },
    ]);
    try {
      await separate.page.waitForFunction(() => (window as unknown as { __e2eTagsDone?: number }).__e2eTagsDone === 2);
      assert.match(separate.pageErrors.join(' | '), /Cannot read properties of undefined \(reading 'configure'\)/);
    } finally {
      await separate.close();
    }

    const scope = await e2e.scope();
    const inLoadHandler = loaderOnly.replace(
      'document.head.appendChild(loader);',
      'loader.onload = function () { window.OmneoWidgets.configure({{Omneo config}}); };\n    document.head.appendChild(loader);',
    );
    assert.notEqual(inLoadHandler, loaderOnly);
    const opened = await open(scope, [{ html: inLoadHandler, trigger: 'load' }]);
    try {
      await expectWidgetsUp(opened, scope);
    } finally {
      await opened.close();
    }
  });

  describe('behind a consent manager (blocked as text/plain, re-created on consent)', () => {
    const config = '<script type="application/json" id="omneo-config">{{Omneo config}}</script>';

    it('a blocked module script re-created as a module (data-type="module"): nothing is sent before consent, the widgets come up after it', async () => {
      const scope = await e2e.scope();
      const opened = await open(scope, [], `${config}<script type="text/plain" data-category="functionality" data-type="module" src="${LOADER}"></script>`);
      try {
        await opened.page.waitForLoadState('networkidle');
        assert.deepEqual(await defined(opened.page), [false, false]);
        assert.equal(await scope.count('/omneo/token', 'POST'), 0);
        await opened.page.evaluate(() => (window as unknown as { __e2eConsent: (category: string) => void }).__e2eConsent('functionality'));
        await expectWidgetsUp(opened, scope);
      } finally {
        await opened.close();
      }
    });

    it('a blocked module script re-created as a classic script fails with "Cannot use import statement outside a module"', async () => {
      const scope = await e2e.scope();
      const opened = await open(scope, [], `${config}<script type="text/plain" data-category="functionality" src="${LOADER}"></script>`);
      try {
        await opened.page.evaluate(() => (window as unknown as { __e2eConsent: (category: string) => void }).__e2eConsent('functionality'));
        await opened.page.waitForLoadState('networkidle');
        await opened.page.waitForFunction(() => document.querySelector('script[data-category]:not([type])') !== null);
        // The error is reported once the script has been fetched and parsed.
        for (let waited = 0; opened.pageErrors.length === 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.match(opened.pageErrors.join(' | '), /Cannot use import statement outside a module/);
        assert.deepEqual(await defined(opened.page), [false, false]);
        assert.equal(await scope.count('/omneo/token', 'POST'), 0);
      } finally {
        await opened.close();
      }
    });

    it("the GTM tag's classic script, blocked and re-created as a classic script, works whatever type the consent manager restores", async () => {
      const scope = await e2e.scope();
      const blocked = gtmTag()
        .replace(/<!--[\s\S]*?-->/, '')
        .replace('<script>', '<script type="text/plain" data-category="functionality">');
      const opened = await open(scope, [], blocked);
      try {
        await opened.page.waitForLoadState('networkidle');
        assert.deepEqual(await defined(opened.page), [false, false]);
        await opened.page.evaluate(() => (window as unknown as { __e2eConsent: (category: string) => void }).__e2eConsent('functionality'));
        await expectWidgetsUp(opened, scope);
      } finally {
        await opened.close();
      }
    });
  });
});
