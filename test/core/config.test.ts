import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import { configure, resolveConfig, ConfigProblem, apiBaseForTenant, pageCacheScope, pageTokenEndpoint, resetPageConfig } from '../../src/core/config.js';
import { resetPage, until } from '../helpers/page.js';

function addConfigBlock(json: string) {
  const block = document.createElement('script');
  block.type = 'application/json';
  block.id = 'omneo-config';
  block.textContent = json;
  document.body.append(block);
}

describe('config resolution', () => {
  beforeEach(() => resetPage());

  it('reads the omneo-config JSON block', async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "locale": "en-AU", "currency": "nzd"}');
    const el = fixtureSync(html`<div></div>`);
    expect(resolveConfig(el)).to.deep.include({ tokenEndpoint: '/t', apiBase: '/api', locale: 'en-AU', currency: 'NZD', wishlistHandle: 'wishlist' });
  });

  it('the loader starts an early token request only for an http(s) token endpoint', () => {
    addConfigBlock('{"tokenEndpoint": "javascript:alert(1)", "apiBase": "/api"}');
    expect(pageTokenEndpoint()).to.equal(null);
    configure({ tokenEndpoint: '/omneo/token' });
    expect(pageTokenEndpoint()).to.equal('/omneo/token');
    configure({ customer: '' });
    expect(pageTokenEndpoint()).to.equal(null);
  });

  it('resolves per key: attribute, then the nearest <omneo-rewards>, then the page', async () => {
    addConfigBlock('{"tokenEndpoint": "/page-token", "apiBase": "/page-api", "locale": "en-AU", "wishlistHandle": "page-list"}');
    const hub = fixtureSync(html`<omneo-rewards api-base="/hub-api" locale="fr-FR"><div><span id="inner" locale="de-DE"></span></div></omneo-rewards>`);
    const inner = hub.querySelector('#inner')!;
    expect(resolveConfig(inner)).to.deep.include({ tokenEndpoint: '/page-token', apiBase: '/hub-api', locale: 'de-DE', wishlistHandle: 'page-list' });
  });

  it('treats a blank attribute as not set, so the hub and the page still apply (customer excepted)', async () => {
    addConfigBlock('{"tokenEndpoint": "/page-token", "apiBase": "/page-api", "currency": "NZD", "customer": "42"}');
    const hub = fixtureSync(html`<omneo-rewards locale="de-DE" wishlist-handle="hub-list"
      ><span id="inner" locale="" wishlist-handle=" " currency="" api-base="" customer=""></span
    ></omneo-rewards>`);
    const inner = hub.querySelector('#inner')!;
    expect(resolveConfig(inner)).to.deep.include({ apiBase: '/page-api', locale: 'de-DE', wishlistHandle: 'hub-list', currency: 'NZD', customer: '' });
  });

  it('finds the hub across shadow roots', async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/page-api"}');
    const hub = fixtureSync(html`<omneo-rewards api-base="/hub-api"><div id="host"></div></omneo-rewards>`);
    const shadow = hub.querySelector('#host')!.attachShadow({ mode: 'open' });
    const nested = document.createElement('span');
    shadow.append(nested);
    expect(resolveConfig(nested).apiBase).to.equal('/hub-api');
  });

  it('configure() merges over the JSON block, and derives apiBase from tenant', async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "locale": "en-AU"}');
    configure({ tenant: 'harbour' });
    const el = fixtureSync(html`<div></div>`);
    expect(resolveConfig(el)).to.deep.include({ tokenEndpoint: '/t', apiBase: apiBaseForTenant('harbour'), tenant: 'harbour', locale: 'en-AU' });
    expect(apiBaseForTenant('harbour')).to.equal('https://api.harbour.getomneo.com/id/api/v1');
    // An explicit API base (the proxy's pass-through, a gateway) wins over the one the tenant would give.
    configure({ apiBase: '/omneo/api' });
    expect(resolveConfig(el)).to.deep.include({ apiBase: '/omneo/api', tenant: 'harbour' });
  });

  it("takes the tenant and the API base together, from the nearest place that gives either: another tenant's element on the page is that tenant's throughout", async () => {
    configure({ tokenEndpoint: '/t', tenant: 'harbour', apiBase: '/omneo/api' });
    const hub = fixtureSync(html`<omneo-rewards tenant="partner"><span id="own"></span><span id="base" api-base="/partner/api"></span></omneo-rewards>`);
    // The hub's tenant is the partner's: not the page's API address with it (its token would go to the store's API).
    expect(resolveConfig(hub.querySelector('#own')!)).to.deep.include({ tenant: 'partner', apiBase: apiBaseForTenant('partner') });
    // An API base of its own: no tenant from further out (the tenant keys the cache and the other tabs' notices).
    expect(resolveConfig(hub.querySelector('#base')!)).to.deep.include({ tenant: null, apiBase: '/partner/api' });
    expect(resolveConfig(fixtureSync(html`<div></div>`))).to.deep.include({ tenant: 'harbour', apiBase: '/omneo/api' });
  });

  it("keeps the other key from further out when the nearer place names the same API (a hub repeating the page's tenant in pass-through mode, the README's hub with the tenant's api-base)", async () => {
    configure({ tokenEndpoint: '/t', tenant: 'harbour', apiBase: '/omneo/api' });
    const hub = fixtureSync(html`<omneo-rewards tenant="harbour"><span></span></omneo-rewards>`);
    // The same tenant: the page's pass-through API, not Omneo's (which refuses the proxy's stand-in token).
    expect(resolveConfig(hub.querySelector('span')!)).to.deep.include({ tenant: 'harbour', apiBase: '/omneo/api' });
    resetPageConfig();
    configure({ tokenEndpoint: '/t', tenant: 'harbour' });
    const own = fixtureSync(html`<omneo-rewards api-base=${apiBaseForTenant('harbour')}><span></span></omneo-rewards>`);
    // The tenant's own API base: still the tenant's (its cache and other tabs' notices are keyed by it).
    expect(resolveConfig(own.querySelector('span')!)).to.deep.include({ tenant: 'harbour', apiBase: apiBaseForTenant('harbour') });
  });

  it("keeps the page's tenant for a place naming the page's API base spelled another way (a trailing slash, absolute), or the tenant's own API base under a pass-through one", async () => {
    configure({ tokenEndpoint: '/t', tenant: 'harbour', apiBase: '/omneo/api' });
    const hub = fixtureSync(html`<omneo-rewards>
      <span id="slash" api-base="/omneo/api/"></span><span id="absolute" api-base=${`${location.origin}/omneo/api`}></span>
      <span id="own" api-base=${apiBaseForTenant('harbour')}></span><span id="other" api-base="/partner/api"></span>
    </omneo-rewards>`);
    const at = (id: string) => resolveConfig(hub.querySelector(`#${id}`)!);
    expect(at('slash')).to.deep.include({ tenant: 'harbour', apiBase: '/omneo/api/' });
    expect(at('absolute')).to.deep.include({ tenant: 'harbour', apiBase: `${location.origin}/omneo/api` });
    expect(at('own')).to.deep.include({ tenant: 'harbour', apiBase: apiBaseForTenant('harbour') });
    // Another API is still another tenant's.
    expect(at('other')).to.deep.include({ tenant: null, apiBase: '/partner/api' });
  });

  it("resolves a nested <omneo-rewards> (and its elements) against the hub around it, then the page: an SPA's layout hub gives the token endpoint and the tenant, an account page's hub the locale", async () => {
    configure({ tokenEndpoint: '/page-token', apiBase: '/omneo/api', tenant: 'harbour', wishlistHandle: 'page-list' });
    const outer = fixtureSync(html`<omneo-rewards token-endpoint="/hub-token" tenant="partner" currency="NZD">
      <div><omneo-rewards id="inner" locale="fr-FR"><span id="in"></span><span id="base" api-base=${apiBaseForTenant('partner')}></span></omneo-rewards></div>
      <omneo-rewards id="same" api-base=${apiBaseForTenant('partner')}><span></span></omneo-rewards>
      <omneo-rewards id="other" tenant="harbour"><span></span></omneo-rewards>
    </omneo-rewards>`);
    const partner = { tokenEndpoint: '/hub-token', tenant: 'partner', apiBase: apiBaseForTenant('partner'), currency: 'NZD', wishlistHandle: 'page-list' };
    const innerHub = outer.querySelector('#inner')!;
    // The inner hub is an element whose nearest hub is the outer one; its subtree takes what it takes.
    expect(resolveConfig(innerHub)).to.deep.include({ ...partner, locale: 'fr-FR' });
    expect(resolveConfig(innerHub.querySelector('#in')!)).to.deep.include({ ...partner, locale: 'fr-FR' });
    // Tenant and API base still resolve together, across both hubs: the partner's own API base is still the partner's.
    expect(resolveConfig(innerHub.querySelector('#base')!)).to.deep.include(partner);
    expect(resolveConfig(outer.querySelector('#same span')!)).to.deep.include(partner);
    // An inner hub naming the page's tenant again is that tenant's throughout (not the outer hub's tenant's address).
    expect(resolveConfig(outer.querySelector('#other span')!)).to.deep.include({ tenant: 'harbour', apiBase: apiBaseForTenant('harbour'), tokenEndpoint: '/hub-token' });
  });

  it("takes a tenant however it is capitalised as that tenant (its address is one host name): a hub's tenant=\"Harbour\" under the page's harbour keeps the pass-through API base, and Omneo's address with capitals names harbour", async () => {
    configure({ tokenEndpoint: '/t', tenant: 'harbour', apiBase: '/omneo/api' });
    const hub = fixtureSync(html`<omneo-rewards tenant="Harbour"><span></span></omneo-rewards>`);
    expect(resolveConfig(hub.querySelector('span')!)).to.deep.include({ tenant: 'harbour', apiBase: '/omneo/api' });
    resetPageConfig();
    configure({ tokenEndpoint: '/t', apiBase: 'https://API.Harbour.getomneo.com/id/api/v1' });
    expect(resolveConfig(fixtureSync(html`<div></div>`)).tenant).to.equal('harbour');
    expect(pageCacheScope()).to.equal('harbour');
    resetPageConfig();
    configure({ tokenEndpoint: '/t', tenant: 'Harbour' });
    expect(pageCacheScope()).to.equal('harbour');
  });

  it('accepts getToken instead of a token endpoint', async () => {
    configure({ apiBase: '/api', getToken: async () => null });
    const el = fixtureSync(html`<div></div>`);
    expect(resolveConfig(el).getToken).to.be.a('function');
  });

  it('explains what is missing or wrong', async () => {
    const el = fixtureSync(html`<div></div>`);
    expect(() => resolveConfig(el)).to.throw(ConfigProblem, /no API base/);
    configure({ apiBase: '/api' });
    expect(() => resolveConfig(el)).to.throw(ConfigProblem, /no token endpoint/);
    configure({ tokenEndpoint: 'javascript:alert(1)' });
    expect(() => resolveConfig(el)).to.throw(ConfigProblem, /must be an http\(s\) URL/);
    configure({ tokenEndpoint: '/t', tenant: 'bad tenant!' });
    expect(() => resolveConfig(el)).to.throw(ConfigProblem, /not a valid tenant/);
  });

  it('refuses a URL that does not parse (a port typed as a word) as it refuses a non-http one, and configure() without an object', () => {
    const el = fixtureSync(html`<div></div>`);
    configure({ apiBase: '/api', tokenEndpoint: 'https://shop.example:port/apps/omneo/token' });
    expect(() => resolveConfig(el)).to.throw(ConfigProblem, 'tokenEndpoint "https://shop.example:port/apps/omneo/token" must be an http(s) URL or a path.');
    for (const value of [undefined, null, 'https://shop.example/token']) {
      expect(() => configure(value as never), String(value)).to.throw(ConfigProblem, 'configure() takes an object.');
    }
  });

  it('ignores malformed JSON, unknown keys and bad values with a warning, keeping the rest', async () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    const originalError = console.error;
    console.warn = (message: string) => warnings.push(message);
    console.error = (message: string) => warnings.push(message);
    try {
      addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "colour": "red", "locale": "not a locale!!", "currency": "dollars"}');
      const el = fixtureSync(html`<div></div>`);
      const config = resolveConfig(el);
      expect(config.currency).to.equal(null);
      expect(config.locale).to.not.equal('not a locale!!');
      expect(warnings.join('\n')).to.contain('unknown key "colour"').and.to.contain('not a valid BCP 47').and.to.contain('not an ISO 4217');

      resetPage();
      addConfigBlock('{not json');
      warnings.length = 0;
      expect(() => resolveConfig(el)).to.throw(ConfigProblem);
      expect(warnings.join('\n')).to.contain('not valid JSON');
    } finally {
      console.warn = originalWarn;
      console.error = originalError;
    }
  });

  it('ignores an omneo-config block that holds JSON but not an object (an array, a string, null), saying so', async () => {
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      for (const json of ['[{"tokenEndpoint": "/t", "apiBase": "/api"}]', '"/t"', 'null']) {
        resetPage();
        addConfigBlock(json);
        errors.length = 0;
        // Nothing of it is read: the element is told what is missing, as with no block at all.
        expect(() => resolveConfig(fixtureSync(html`<div></div>`)), json).to.throw(ConfigProblem, /no API base/);
        expect(errors, json).to.deep.equal(['omneo-widgets: the omneo-config block must hold a JSON object; it was ignored.']);
      }
    } finally {
      console.error = originalError;
    }
  });

  it('ignores messages that are not an object of locales (a string, a list), with a warning, keeping the other keys', async () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "messages": "Log in to see your points"}');
      const el = await fixture<HTMLElement>(html`<omneo-points-balance customer=""></omneo-points-balance>`);
      expect(resolveConfig(el)).to.deep.include({ tokenEndpoint: '/t', apiBase: '/api', messages: {} });
      expect(warnings).to.include('omneo-widgets: messages in the omneo-config block must be an object of locales; it was ignored.');
      // The shopper sees the built-in copy.
      await until(() => el.shadowRoot?.textContent?.includes('Sign in to see your rewards'), 4000, 'the guest copy');

      // A list (of one locale's overrides) is not an object of locales either: said, not silently unused.
      warnings.length = 0;
      configure({ messages: [{ 'state.guest': 'Log in' }] as never });
      expect(resolveConfig(el).messages).to.deep.equal({});
      expect(warnings).to.deep.equal(['omneo-widgets: messages in configure() must be an object of locales; it was ignored.']);
    } finally {
      console.warn = originalWarn;
    }
  });

  it('reads a POSIX-style locale (fr_CA, as Java, PHP and SFCC write them) as its BCP 47 tag; a malformed <html lang> leaves it to the browser', () => {
    const pageLang = document.documentElement.lang;
    const originalWarn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api"}');
      expect(resolveConfig(fixtureSync(html`<div locale="fr_CA"></div>`)).locale).to.equal('fr-CA');
      document.documentElement.lang = 'fr_FR';
      expect(resolveConfig(fixtureSync(html`<div></div>`)).locale).to.equal('fr-FR');
      expect(warnings).to.deep.equal([]);
      // Not a language at all: the next source, the browser's language, not English.
      document.documentElement.lang = 'xx-??';
      expect(resolveConfig(fixtureSync(html`<div></div>`)).locale).to.equal(Intl.getCanonicalLocales(navigator.language)[0]);
      expect(warnings.join('\n')).to.contain('"xx-??" is not a valid BCP 47 tag');
    } finally {
      document.documentElement.lang = pageLang;
      console.warn = originalWarn;
    }
  });

  it('says each config mistake once, however many elements resolve it and however often', () => {
    const originalWarn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "locale": "twenty hearts!", "currency": "euros"}');
      const hearts = Array.from({ length: 20 }, () => fixtureSync(html`<div></div>`));
      for (let round = 0; round < 2; round++) for (const heart of hearts) resolveConfig(heart);
      expect(warnings.filter((warning) => warning.includes('"twenty hearts!" is not a valid BCP 47 tag'))).to.have.length(1);
      expect(warnings.filter((warning) => warning.includes('"EUROS" is not an ISO 4217 code'))).to.have.length(1);
    } finally {
      console.warn = originalWarn;
    }
  });

  it('says a setting missing from the whole page once, not once per element: a grid of hearts is one line', async () => {
    const errors: string[] = [];
    const events: Event[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    const listener = (event: Event) => void events.push(event);
    document.addEventListener('omneo-error', listener);
    try {
      // The config block's JSON has a trailing comma: it is ignored (said once), so no element has an API base.
      addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api",}');
      const wrapper = fixtureSync(html`<div>${Array.from({ length: 5 }, () => html`<omneo-points-balance variant="compact"></omneo-points-balance>`)}</div>`);
      for (const el of wrapper.children) await until(() => el.shadowRoot!.querySelector('[part~="error"]'), 2000, 'the configuration error');
      expect(errors.filter((line) => line.includes('not valid JSON')), errors.join('\n')).to.have.length(1);
      expect(errors.filter((line) => line.includes('no API base')), errors.join('\n')).to.have.length(1);
      expect(events, 'each element still tells the page, by its event').to.have.length(5);
      // Re-resolved by a configure() that does not fix it: the same problem, not a new event from each element.
      configure({ currency: 'AUD' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events, 'one event per element per problem').to.have.length(5);
    } finally {
      console.error = originalError;
      document.removeEventListener('omneo-error', listener);
    }
  });

  it("says a configure() mistake once for the page, however often it is called (an app's effect on every route)", () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      for (let route = 0; route < 3; route += 1) configure({ tokenEndpoint: '/t', apiBase: '/api', tennant: 'acme', getToken: 'no', currency: ['AUD'] } as never);
      expect(warnings.filter((warning) => warning.includes('unknown key "tennant" in configure()'))).to.have.length(1);
      expect(warnings.filter((warning) => warning.includes('getToken in configure() must be a function'))).to.have.length(1);
      expect(warnings.filter((warning) => warning.includes('"currency" in configure() must be a string'))).to.have.length(1);
    } finally {
      console.warn = originalWarn;
    }
  });

  it('says so when the page has two omneo-config blocks (an app embed and a pasted snippet): only the first is read', () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      addConfigBlock('{"tokenEndpoint": "/apps/omneo/token", "apiBase": "/api"}');
      addConfigBlock('{"tokenEndpoint": "/omneo/token", "apiBase": "/api"}');
      const el = fixtureSync(html`<div></div>`);
      expect(resolveConfig(el).tokenEndpoint).to.equal('/apps/omneo/token');
      resolveConfig(el);
      expect(warnings.filter((warning) => warning.includes('2 omneo-config blocks; only the first is read'))).to.have.length(1);
    } finally {
      console.warn = originalWarn;
      document.getElementById('omneo-config')?.remove();
    }
  });

  describe('only a <script> is the omneo-config block: another element with its id is not config (DOM clobbering)', () => {
    // HTML a page lets through without its scripts (a review, a CMS field: sanitisers keep ids) would otherwise name
    // the API base, and every element would send the shopper's token there.
    let injected: HTMLElement;
    beforeEach(() => {
      injected = document.createElement('div');
      injected.id = 'omneo-config';
      injected.textContent = '{"apiBase": "https://collector.example/"}';
      document.body.prepend(injected);
    });
    afterEach(() => {
      injected.remove();
      resetPage();
    });

    it('on a page configured from JS with a tenant (Hydrogen, React, Vue: no block at all)', () => {
      configure({ tokenEndpoint: '/omneo/token', tenant: 'harbour' });
      expect(resolveConfig(fixtureSync(html`<div></div>`)).apiBase).to.equal(apiBaseForTenant('harbour'));
    });

    it('above the page\'s own block (a footer snippet: BigCommerce\'s Script Manager, a tag manager)', () => {
      addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api"}');
      expect(resolveConfig(fixtureSync(html`<div></div>`)).apiBase).to.equal('/api');
    });
  });

  it("reads a setting a framework sets as a property (no attribute), as it reads the attribute", async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "locale": "en-AU", "customer": "42"}');
    const el = fixtureSync(html`<omneo-points-balance .locale=${'de-DE'} .customer=${''}></omneo-points-balance>`);
    expect(el.hasAttribute('locale')).to.equal(false);
    expect(resolveConfig(el)).to.deep.include({ locale: 'de-DE', customer: '' });
  });

  it('reads a customer id a framework sets as a number (`customer={user.id}`) as its digits, over the attribute the server rendered', async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api"}');
    const el = fixtureSync(html`<omneo-points-balance customer="42"></omneo-points-balance>`);
    (el as unknown as { customer: unknown }).customer = 42;
    expect(resolveConfig(el).customer).to.equal('42');
    // Another shopper signs in: her id, not the attribute left from the server's page (a property is not reflected).
    (el as unknown as { customer: unknown }).customer = 43;
    expect(resolveConfig(el).customer).to.equal('43');
    // A number that is no id is not read as one: the attribute stands.
    (el as unknown as { customer: unknown }).customer = Number.NaN;
    expect(resolveConfig(el).customer).to.equal('42');
  });

  it('keeps an empty customer hint as "signed out"', async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "customer": ""}');
    const el = fixtureSync(html`<div></div>`);
    expect(resolveConfig(el).customer).to.equal('');
  });

  it('re-resolves the elements left in place when a new block comes in the same task as one of them is moved (a keyed re-order, a morph)', async () => {
    addConfigBlock('{"tokenEndpoint": "/t", "apiBase": "/api", "customer": "", "locale": "en-AU"}');
    // fixtureSync: fixture() of a plain <div> waits for an animation frame, which a test file's tab behind another's never gets.
    const parent = fixtureSync(html`<div><omneo-points-balance></omneo-points-balance><omneo-points-balance></omneo-points-balance></div>`);
    const [moved, kept] = parent.querySelectorAll('omneo-points-balance');
    await until(() => kept!.lang === 'en-AU', 2000, 'the first block read');
    document.getElementById('omneo-config')!.textContent = '{"tokenEndpoint": "/t", "apiBase": "/api", "customer": "", "locale": "en-GB"}';
    // Connected again, the moved element resolves at once, so it reads the new block before the page observer runs.
    parent.append(moved!);
    expect(moved!.lang).to.equal('en-GB');
    await until(() => kept!.lang === 'en-GB', 2000, 'the element left in place to follow the new block');
  });

  it('re-resolves elements when configure() is called after they render', async () => {
    const el = await fixture(html`<omneo-points-balance customer=""></omneo-points-balance>`);
    await until(() => el.shadowRoot!.querySelector('[part="error"]'), 2000, 'the configuration error, once the page has settled');
    configure({ tokenEndpoint: '/t', apiBase: '/api' });
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.shadowRoot!.querySelector('[part="guest"]') !== null).to.equal(true);
  });
});
