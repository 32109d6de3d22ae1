/**
 * `diagnose()` (the npm build's; the CDN global's is the same module): the report support asks for, pasted into
 * tickets. test/e2e/diagnose.test.ts runs it against the built bundle; these run it against the sources.
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/rewards/define.js';
import '../../src/components/wishlist-button/define.js';
import { diagnose } from '../../src/core/diagnose.js';
import { configure } from '../../src/core/config.js';
import { flushCachedData, PREFIX as CACHE_PREFIX } from '../../src/api/cache.js';
import { endpointTokenSource } from '../../src/api/token-provider.js';
import { newScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

/** Runs `run` with the console's output kept (and not printed), and returns it beside the result. */
async function quietly<T>(run: () => Promise<T>): Promise<[T, string]> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'group', 'groupEnd', 'table'] as const;
  const originals = methods.map((method) => console[method]);
  for (const method of methods) console[method] = (...args: unknown[]) => void lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
  try {
    return [await run(), lines.join('\n')];
  } finally {
    methods.forEach((method, index) => (console[method] = originals[index]!));
  }
}

describe('diagnose()', () => {
  beforeEach(() => resetPage());

  it("a failed load's error is reported by kind, status and path, without Omneo's own text (Laravel's names the profile id)", async () => {
    const scope = await newScope();
    const profileId = '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70'; // ava's
    // Laravel's answer for a model looked up by id that is not there (ModelNotFoundException, kept as the 404's message).
    await scope.addFaults({ path: '^/profiles/me/balances$', status: 404, body: { message: `No query results for model [App\\Models\\Profile] ${profileId}` } });
    const el = await fixture(html`<omneo-points-balance token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`);
    await until(() => el.shadowRoot?.querySelector('[part~="retry-button"]'), 4000, 'the error state');
    const [report, printed] = await quietly(() => diagnose());
    const [element] = report.elements;
    expect(element!.state).to.equal('error');
    expect(element!.error).to.deep.equal({ kind: 'http', status: 404, message: 'Omneo answered 404 for profiles/me/balances' });
    expect(report.stores[0]!.resources.find((each) => each.key === 'balances')!.error).to.deep.equal(element!.error);
    expect(JSON.stringify(report)).not.to.include(profileId);
    expect(printed).to.include('diagnose()').and.not.include(profileId);
  });

  it("a hub with the merchant's own elements as its children is rated by them: one that failed makes it an error, not loaded", async () => {
    const scope = await newScope();
    await scope.addFaults({ path: '^/profiles/me/balances$', status: 500, times: 100 });
    const hub = await fixture(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}>
      <h2>Your points</h2>
      <omneo-points-balance></omneo-points-balance>
    </omneo-rewards>`);
    const card = hub.querySelector('omneo-points-balance')!;
    await until(() => card.shadowRoot?.querySelector('[part~="retry-button"]'), 4000, 'the error state');
    const [report] = await quietly(() => diagnose());
    const [hubReport, cardReport] = report.elements;
    expect(cardReport!.state).to.equal('error');
    expect(hubReport!.tag).to.equal('omneo-rewards');
    expect(hubReport!.state).to.equal('error');
  });

  it("rates a hub holding a nested hub by that hub's elements too: an account page's card that failed makes the layout's hub an error", async () => {
    const scope = await newScope();
    await scope.addFaults({ path: '^/profiles/me/balances$', status: 500, times: 100 });
    const outer = await fixture(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}>
      <main><omneo-rewards><omneo-points-balance></omneo-points-balance></omneo-rewards></main>
    </omneo-rewards>`);
    const card = outer.querySelector('omneo-points-balance')!;
    await until(() => card.shadowRoot?.querySelector('[part~="retry-button"]'), 4000, 'the error state');
    const [report] = await quietly(() => diagnose());
    expect(report.elements.map((each) => `${each.tag} ${each.state}`)).to.deep.equal(['omneo-rewards error', 'omneo-rewards error', 'omneo-points-balance error']);
  });

  it("names the tenant and the API base an element uses, from the one place that gave them (another tenant's badge on the page)", async () => {
    const [store, partner] = [await newScope(), await newScope()];
    configure({ tenant: 'harbour', apiBase: store.apiBase, tokenEndpoint: store.tokenEndpoint('ava') });
    const el = await fixture(html`<omneo-points-balance api-base=${partner.apiBase} token-endpoint=${partner.tokenEndpoint('liam')}></omneo-points-balance>`);
    await until(() => /\d/.test(el.shadowRoot?.textContent ?? ''), 4000, 'the balance');
    const { config } = (await quietly(() => diagnose()))[0].elements[0]!;
    expect(config.apiBase).to.deep.equal({ value: partner.apiBase, source: 'attribute' });
    expect(config.tenant).to.equal(undefined);
  });

  it("names the page as the API base's source for a hub that repeats the page's tenant (the page's pass-through API base is kept)", async () => {
    const scope = await newScope();
    configure({ tenant: 'harbour', apiBase: scope.apiBase, tokenEndpoint: scope.tokenEndpoint('ava') });
    const hub = await fixture(html`<omneo-rewards tenant="harbour"><omneo-points-balance></omneo-points-balance></omneo-rewards>`);
    await until(() => /\d/.test(hub.querySelector('omneo-points-balance')?.shadowRoot?.textContent ?? ''), 4000, 'the balance');
    const report = (await quietly(() => diagnose()))[0].elements.find((each) => each.tag === 'omneo-points-balance')!;
    expect(report.config.apiBase).to.deep.equal({ value: scope.apiBase, source: 'page' });
    expect(report.config.tenant).to.deep.equal({ value: 'harbour', source: 'hub' });
  });

  it('names the hub as the source of a tenant it gives with capitals (resolved lowercase, as its host name is)', async () => {
    const scope = await newScope();
    configure({ tenant: 'harbour', apiBase: scope.apiBase, tokenEndpoint: scope.tokenEndpoint('ava') });
    const hub = await fixture(html`<omneo-rewards tenant="Harbour"><omneo-points-balance></omneo-points-balance></omneo-rewards>`);
    await until(() => /\d/.test(hub.querySelector('omneo-points-balance')?.shadowRoot?.textContent ?? ''), 4000, 'the balance');
    const report = (await quietly(() => diagnose()))[0].elements.find((each) => each.tag === 'omneo-points-balance')!;
    expect(report.config.tenant).to.deep.equal({ value: 'harbour', source: 'hub' });
  });

  it("names the hub around a nested hub as the source of what that hub gives it and its elements (an SPA's layout hub)", async () => {
    const scope = await newScope();
    const outer = await fixture(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}>
      <omneo-rewards locale="fr-FR"><omneo-points-balance></omneo-points-balance></omneo-rewards>
    </omneo-rewards>`);
    await until(() => /\d/.test(outer.querySelector('omneo-points-balance')?.shadowRoot?.textContent ?? ''), 4000, 'the balance');
    const reports = (await quietly(() => diagnose()))[0].elements;
    for (const report of [reports.find((each) => each.tag === 'omneo-points-balance')!, reports.filter((each) => each.tag === 'omneo-rewards')[1]!]) {
      expect(report.config.tokenEndpoint!.source, report.tag).to.equal('hub');
      expect(report.config.apiBase, report.tag).to.deep.equal({ value: scope.apiBase, source: 'hub' });
    }
  });

  it("names the locales a messages override covers and where it came from (the omneo-config block, else configure()), never the copy itself", async () => {
    const block = document.createElement('script');
    block.type = 'application/json';
    block.id = 'omneo-config';
    block.textContent = JSON.stringify({ apiBase: '/api', messages: { fr: { 'wishlist.empty': 'Votre liste est vide (maison).' }, ar: {} } });
    document.body.append(block);
    try {
      const [fromBlock] = await quietly(() => diagnose());
      expect(fromBlock.pageConfig.keys.messages).to.deep.equal({ value: 'overrides for fr, ar', source: 'omneo-config' });
      configure({ messages: { en: { 'wishlist.empty': 'Nothing saved yet.' } } });
      const [configured, printed] = await quietly(() => diagnose());
      expect(configured.pageConfig.keys.messages).to.deep.equal({ value: 'overrides for en', source: 'configure()' });
      expect(configured.pageConfig.keys.apiBase).to.deep.equal({ value: '/api', source: 'omneo-config' });
      expect(printed).not.to.include('Nothing saved yet').and.not.to.include('maison');
    } finally {
      block.remove();
    }
  });

  it("a page signed in through getToken (an app: no token endpoint): its elements' config and their store name getToken, never its source", async () => {
    const scope = await newScope();
    const secret = 'function-body-7731';
    const source = endpointTokenSource(new URL(scope.tokenEndpoint('ava'), location.href).href);
    configure({
      apiBase: scope.apiBase,
      getToken: async () => {
        const marker = 'function-body-7731'; // in the function's source, which the report must not print
        return marker ? source() : null;
      },
    });
    const el = await fixture(html`<omneo-points-balance></omneo-points-balance>`);
    await until(() => /\d/.test(el.shadowRoot?.textContent ?? ''), 4000, 'the balance');
    const [report, printed] = await quietly(() => diagnose());
    const { config, store } = report.elements[0]!;
    expect(config.getToken).to.deep.equal({ value: 'a function', source: 'page' });
    expect(config.tokenEndpoint).to.equal(undefined);
    expect(report.stores[store!]!.tokenSource).to.equal('getToken()');
    expect(report.pageConfig.keys.getToken).to.deep.equal({ value: 'a function', source: 'configure()' });
    expect(JSON.stringify(report)).not.to.include(secret);
    expect(printed).not.to.include(secret);
  });

  it("lists only the widgets' own cross-page cache entries, an unreadable one too, never the shop's own sessionStorage keys", async () => {
    sessionStorage.setItem('shop:checkout', 'cart-token-5531');
    sessionStorage.setItem(`${CACHE_PREFIX}https://api.example/id/api/v1:customer:84213377`, '{not json');
    try {
      const [report, printed] = await quietly(() => diagnose());
      expect(report.crossPageCache.map(({ key, release, ages }) => ({ key, release, ages }))).to.deep.equal([
        { key: `${CACHE_PREFIX}https://api.example/id/api/v1:customer:…`, release: null, ages: {} },
      ]);
      for (const secret of ['shop:checkout', 'cart-token-5531', '84213377']) {
        expect(JSON.stringify(report)).not.to.include(secret);
        expect(printed).not.to.include(secret);
      }
    } finally {
      sessionStorage.clear();
    }
  });

  it("shows endpoint URLs without their query or fragment (a merchant's query may hold a customer id), and where each came from", async () => {
    const scope = await newScope();
    const endpoint = `${scope.tokenEndpoint('ava')}${scope.tokenEndpoint('ava').includes('?') ? '&' : '?'}customer_id=84213377&sig=9f2a`;
    const el = await fixture(html`<omneo-points-balance token-endpoint=${endpoint} api-base=${`${scope.apiBase}#frag-77310`}></omneo-points-balance>`);
    await until(() => /\d/.test(el.shadowRoot?.textContent ?? ''), 4000, 'the balance');
    const [report, printed] = await quietly(() => diagnose());
    const { config } = report.elements[0]!;
    expect(config.tokenEndpoint!.source).to.equal('attribute');
    expect(config.tokenEndpoint!.value).to.match(/^[^?#]*\?… \(not shown\)$/);
    expect(config.apiBase!.value).to.equal(`${scope.apiBase}#… (not shown)`);
    for (const secret of ['84213377', '9f2a', '77310']) {
      expect(JSON.stringify(report)).not.to.include(secret);
      expect(printed).not.to.include(secret);
    }
  });

  it("says whether the cross-page cache's entry for the hinted customer is the signed-in profile's, never showing either id; an unreadable one as not cached", async () => {
    const scope = await newScope();
    const el = await fixture(html`<omneo-points-balance token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer="7321987654321"></omneo-points-balance>`);
    await until(() => el.shadowRoot?.querySelector('[part~="points"]'), 4000, 'the balance');
    flushCachedData(); // stored as the page is left, or a moment after the write
    const key = Object.keys(sessionStorage).find((each) => each.startsWith('omneo-widgets:') && each.endsWith(':customer:7321987654321'))!;
    const stored = sessionStorage.getItem(key)!;
    const report = async () => (await quietly(() => diagnose()))[0];
    expect(el.shadowRoot!.textContent).to.contain('1,250');
    const first = await report();
    expect(first.stores[0]!.profile).to.equal('matches the customer hint');
    const entry = first.crossPageCache.find((each) => each.thisPage)!;
    expect(entry.key).to.match(/:customer:…$/);
    expect(entry.ages).to.have.property('balances');
    expect(JSON.stringify(first)).not.to.include('7321987654321').and.not.to.include('5f0c9a2e');

    // Another profile's data under this customer's key (the hint and the token disagree).
    sessionStorage.setItem(key, stored.replace('5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70', '0b7e2c41-3d5a-4f8e-9c61-7a2d4e8b1f03'));
    expect((await report()).stores[0]!.profile).to.equal('does not match the customer hint');

    // Cut short: not a profile's; listed, without a release or ages, and the report is still made.
    sessionStorage.setItem(key, stored.slice(0, 40));
    const unreadable = await report();
    expect(unreadable.stores[0]!.profile).to.equal('not cached yet');
    expect(unreadable.crossPageCache.find((each) => each.thisPage)).to.deep.include({ release: null, ages: {} });

    sessionStorage.removeItem(key);
    expect((await report()).stores[0]!.profile).to.equal('not cached yet');
  });

  it('a heart without a sku (a product template whose variable is empty) is reported as a problem, not as loaded', async () => {
    const scope = await newScope();
    // fixtureSync: fixture() waits for an animation frame for a plain element, which a background tab never gets.
    const hearts = fixtureSync(html`<div>
      <omneo-wishlist-button sku="LS-SAND-M" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-wishlist-button>
      <omneo-wishlist-button sku="  " token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-wishlist-button>
    </div>`);
    const [withSku] = hearts.querySelectorAll('omneo-wishlist-button');
    await until(() => withSku!.shadowRoot?.querySelector('button[aria-pressed]:not([disabled])'), 4000, 'the hearts');
    const [report] = await quietly(() => diagnose());
    const [good, missing] = report.elements;
    expect(good!.state).to.equal('loaded');
    expect(good!.problem).to.equal(null);
    expect(missing!.state).to.equal('error');
    expect(missing!.problem).to.match(/sku/);
  });

  it("reports the cross-page cache as it is in memory: a change the cache stores up to 250 ms later is already there", async () => {
    const scope = await newScope();
    const el = await fixture(html`<omneo-points-balance variant="compact" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer="7321987654321"></omneo-points-balance>`);
    await until(() => el.shadowRoot?.querySelector('[part~="badge"][role="status"]'), 4000, 'the balance');
    const [report] = await quietly(() => diagnose());
    const entry = report.crossPageCache.find((each) => each.thisPage);
    expect(entry, JSON.stringify(report.crossPageCache)).to.not.equal(undefined);
    expect(Object.keys(entry!.ages)).to.include('balances');
  });

  it("names no feature missing on a browser the widgets work in whole (iOS 16: no AbortSignal.any nor .timeout, which deadline.ts writes out)", async () => {
    const signal = AbortSignal as unknown as Record<'any' | 'timeout', unknown>;
    const { any, timeout } = signal;
    delete signal.any;
    delete signal.timeout;
    try {
      const scope = await newScope();
      const el = await fixture(html`<omneo-points-balance variant="compact" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`);
      await until(() => el.shadowRoot?.querySelector('[part~="badge"][role="status"]'), 4000, 'the balance');
      const [report] = await quietly(() => diagnose());
      expect(report.elements[0]!.state).to.equal('loaded');
      // Support reads a false here as a cause: only what the widgets use, or fall back without, is listed.
      expect(Object.entries(report.features).filter(([, has]) => !has).map(([name]) => name)).to.deep.equal([]);
    } finally {
      Object.assign(signal, { any, timeout });
    }
  });
});

