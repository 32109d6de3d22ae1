import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/rewards/define.js';
import '../../src/components/wishlist-button/define.js';
import { configure } from '../../src/core/config.js';
import type { ResolvedConfig } from '../../src/core/config.js';
import { flushCachedData, WRITE_AFTER_MS } from '../../src/api/cache.js';
import { balancesResource } from '../../src/api/resources.js';
import { REVALIDATE_ON_VISIBLE_AFTER_MS, logout, pageEnvironment, refresh, resetRuntimes, storeFor } from '../../src/core/runtime.js';
import { endpointTokenSource } from '../../src/api/token-provider.js';
import { resetPage, until } from '../helpers/page.js';
import { newScope, type TestScope } from '../helpers/scope.js';

const loaded = (el: Element) => el.shadowRoot!.querySelector('[part~="badge"][role="status"]') !== null;
const isGuest = (el: Element) => el.shadowRoot!.querySelector('[part~="guest"]') !== null;

// Containers are mounted with fixtureSync: fixture() waits for an animation frame for plain elements, and a
// test page running in a background tab gets none.
describe('page runtime', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  async function badges(count: number, persona = 'ava') {
    configure({ tokenEndpoint: scope.tokenEndpoint(persona), apiBase: scope.apiBase, locale: 'en-AU' });
    const container = fixtureSync(html`<div>
      ${Array.from({ length: count }, () => html`<omneo-points-balance variant="compact"></omneo-points-balance>`)}
    </div>`);
    const elements = [...container.querySelectorAll('omneo-points-balance')];
    await until(() => elements.every(loaded), 4000, 'all badges loaded');
    return elements;
  }

  it('the token stays in memory: after loads, a heart, a failed load, a 401 re-mint, a refresh and the page hidden, no storage, cookie, DOM (shadow roots too), global, console line, event or other-tab notice holds it or a part of it', async () => {
    const tokens: string[] = [];
    const before = { localStorage: JSON.stringify({ ...localStorage }), cookies: document.cookie };
    const logged: string[] = [];
    const sent: unknown[] = [];
    const realFetch = window.fetch;
    const realConsole = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
    // Everything passes through to the real mock and proxy; the test only keeps a copy of each token minted.
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input).includes('/omneo/token') && response.ok) {
        tokens.push(((await response.clone().json()) as { token: string }).token);
      }
      return response;
    };
    for (const level of Object.keys(realConsole) as (keyof typeof realConsole)[]) {
      console[level] = (...args: unknown[]) => {
        logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
        realConsole[level](...args);
      };
    }
    const names = ['omneo-ready', 'omneo-error', 'omneo-wishlist-change'];
    const onEvent = (event: Event) => sent.push((event as CustomEvent).detail);
    for (const name of names) document.addEventListener(name, onEvent);
    const otherTab = new BroadcastChannel('omneo-widgets');
    otherTab.onmessage = ({ data }: MessageEvent) => sent.push(data);
    try {
      // Tiers fail (a load's omneo-error and its console line); the first balances read gets a 401 (a re-mint).
      await scope.addFaults([
        { path: '/profiles/me/tiers', status: 404, times: 1 },
        { path: '/profiles/me/balances', status: 401, times: 1 },
      ]);
      configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
      const container = fixtureSync(html`<div>
        <omneo-rewards></omneo-rewards>
        <omneo-wishlist-button sku="LS-SAND-L" product-name="Linen Relaxed Shirt"></omneo-wishlist-button>
      </div>`);
      const hub = container.querySelector('omneo-rewards')!;
      const heart = container.querySelector('omneo-wishlist-button')!;
      const button = () => heart.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]');
      await until(() => button()?.getAttribute('aria-pressed') === 'false' && !button()!.disabled, 6000, 'the heart loaded');
      await until(() => sent.filter((detail) => (detail as { element?: string })?.element === 'omneo-reward-wallet').length > 0, 6000, 'the wallet ready');
      button()!.click();
      await until(() => button()!.getAttribute('aria-pressed') === 'true' && !button()!.disabled, 4000, 'saved');
      // The 401's re-mint first: a refresh() while it is out would abort it (clear()), and its token would never be seen.
      await until(() => tokens.length >= 2, 8000, "the first mint and the 401's re-mint");
      refresh();
      await until(() => tokens.length >= 3, 8000, "the refresh's token");
      await until(() => hub.shadowRoot!.querySelector('omneo-points-balance')?.shadowRoot?.querySelector('[part~="points"]'), 4000, 'the points again');
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })); // stores the cross-page cache
      expect(Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')), 'the cross-page cache was stored').to.equal(true);
      expect(sent.some((detail) => (detail as { kind?: string })?.kind === 'http'), 'the failed load was reported').to.equal(true);
      // README Privacy, Console: only `omneo-widgets: …` lines (the tier 404's here).
      // Logged by a module loaded on the first failure (diagnostics.ts): a moment after it.
      await until(() => logged.length > 0, 4000, 'the failed load logged');
      for (const line of logged) expect(line).to.match(/^omneo-widgets: /);

      const deep = (root: Document | ShadowRoot): string =>
        [root instanceof Document ? root.documentElement.outerHTML : root.innerHTML, ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [deep(el.shadowRoot)] : []))].join('\n');
      const globals = Object.keys(window).flatMap((key) => {
        try {
          const value = JSON.stringify((window as unknown as Record<string, unknown>)[key]);
          return value ? [`${key}=${value}`] : [];
        } catch {
          return [];
        }
      });
      // README Privacy: loyalty data only in sessionStorage, never localStorage or cookies (nor is the token, below).
      expect({ localStorage: JSON.stringify({ ...localStorage }), cookies: document.cookie }, 'localStorage and cookies untouched').to.deep.equal(before);
      const places: Record<string, string> = {
        localStorage: JSON.stringify({ ...localStorage }),
        sessionStorage: JSON.stringify({ ...sessionStorage }),
        cookies: document.cookie,
        'the DOM and its shadow roots': deep(document),
        console: logged.join('\n'),
        'request URLs (as Omneo and the proxy logged them)': (await scope.requests()).map((request) => `${request.path}${request.search}`).join('\n'),
        // After the console: the test runner keeps the page's console lines in a global of its own.
        globals: globals.join('\n'),
        'events and other-tab notices': JSON.stringify(sent),
      };
      for (const token of tokens) {
        const [, payload, signature] = token.split('.');
        for (const [where, text] of Object.entries(places)) {
          for (const secret of [token, payload!, signature!]) expect(text.includes(secret), `${where} holds a token or a part of it`).to.equal(false);
        }
      }
    } finally {
      window.fetch = realFetch;
      Object.assign(console, realConsole);
      for (const name of names) document.removeEventListener(name, onEvent);
      otherTab.close();
    }
  });

  it("keys the cross-page cache as the README's Privacy section says: omneo-widgets:v1:<tenant, lowercase>:customer:<hint>, else <absolute API base, no trailing slash>:pid:<profile id>", async () => {
    const storedKeys = () => {
      flushCachedData();
      return Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:'));
    };
    configure({ tenant: 'Harbour', apiBase: `${scope.apiBase}/`, tokenEndpoint: scope.tokenEndpoint('ava'), locale: 'en-AU', customer: '7321987654321' });
    const hinted = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => loaded(hinted), 4000, 'the badge, with a hint');
    await until(() => storedKeys().length > 0, 2000, 'stored');
    expect(storedKeys()).to.deep.equal(['omneo-widgets:v1:harbour:customer:7321987654321']);

    hinted.remove();
    resetPage();
    configure({ apiBase: `${scope.apiBase}/`, tokenEndpoint: scope.tokenEndpoint('ava'), locale: 'en-AU' });
    const unhinted = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => loaded(unhinted), 4000, 'the badge, without a hint');
    await until(() => storedKeys().length > 0, 2000, 'stored');
    const absolute = new URL(scope.apiBase, location.href).href.replace(/\/+$/, '');
    expect(storedKeys()).to.deep.equal([`omneo-widgets:v1:${absolute}:pid:5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70`]);
  });

  it('ten badges on a page: one token request and one balances request', async () => {
    await badges(10);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('the page config relative and an element absolute, an API base with a trailing slash: still one token request and one balances request', async () => {
    const absolute = (url: string) => new URL(url, location.href).href;
    configure({ tokenEndpoint: new URL(scope.tokenEndpoint('ava'), location.href).pathname, apiBase: scope.apiBase, locale: 'en-AU' });
    const container = fixtureSync(html`<div>
      <omneo-points-balance variant="compact"></omneo-points-balance>
      <omneo-points-balance variant="compact" token-endpoint=${absolute(scope.tokenEndpoint('ava'))}></omneo-points-balance>
      <omneo-points-balance variant="compact" api-base=${`${absolute(scope.apiBase)}/`}></omneo-points-balance>
    </div>`);
    const elements = [...container.querySelectorAll('omneo-points-balance')];
    await until(() => elements.every(loaded), 4000, 'all badges loaded');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('an element moved in the DOM while its data loads keeps that one request; moved once loaded, it shows its data without a request', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 400 });
    const container = fixtureSync(html`<div><header></header><nav></nav></div>`);
    const [header, nav] = [container.querySelector('header')!, container.querySelector('nav')!];
    const badge = document.createElement('omneo-points-balance');
    badge.setAttribute('variant', 'compact');
    header.append(badge);
    await until(async () => (await scope.count('/profiles/me/balances')) === 1, 4000, 'the balances request');
    // A framework moving it (appendChild elsewhere: disconnected and connected again in one step), twice.
    nav.append(badge);
    header.append(badge);
    await until(() => loaded(badge), 4000, 'loaded');
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    nav.append(badge);
    await badge.updateComplete;
    expect(loaded(badge)).to.equal(true);
    expect(badge.shadowRoot!.querySelector('.skeleton')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('an element replaced by an identical one in the same task while its data loads (a section\'s HTML set again) keeps that one request', async () => {
    // README Data layer, What is retried: a request is aborted when no element needs it any more, checked a task after
    // the last one left, so a keyed re-render, an htmx swap or a section's innerHTML set again keeps it.
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 400 });
    const section = fixtureSync(html`<div><omneo-points-balance variant="compact"></omneo-points-balance></div>`);
    await until(async () => (await scope.count('/profiles/me/balances')) === 1, 4000, 'the balances request');
    section.innerHTML = '<omneo-points-balance variant="compact"></omneo-points-balance>';
    const replacement = section.querySelector('omneo-points-balance')!;
    await until(() => loaded(replacement), 4000, 'the replacement loaded');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('omneo-refresh on document and refresh() fetch fresh data once for all elements', async () => {
    await badges(3);
    // refresh() first: it settles when the data is in, so the event's reload cannot join a load still in flight.
    await refresh();
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
    document.dispatchEvent(new Event('omneo-refresh'));
    await until(async () => (await scope.count('/profiles/me/balances')) === 3);
  });

  it('omneo-logout and logout() clear the token and cached data and show the guest state', async () => {
    const elements = await badges(2);
    flushCachedData(); // stored a moment after it is written (WRITE_AFTER_MS), or as the page is left
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:'))).to.equal(true);
    document.dispatchEvent(new Event('omneo-logout'));
    await until(() => elements.every(isGuest), 2000, 'guest after logout');
    flushCachedData(); // nothing of hers left to store either
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:'))).to.equal(false);
    logout(); // idempotent
    expect(elements.every(isGuest)).to.equal(true);
  });

  describe('the cross-page cache stores a moment after a write (WRITE_AFTER_MS)', () => {
    const real = { ...pageEnvironment };
    afterEach(() => Object.assign(pageEnvironment, real));
    const marker = '"point_balance":313131';
    const storedText = () => Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key)).join('\n');

    /** A page showing Ava's balances, stored, then changed here (a write the cache has not stored yet). */
    async function pendingWrite() {
      const store = storeFor(resolved('7321987654321'));
      store.watch(balancesResource, () => {});
      await until(() => store.snapshot(balancesResource).status === 'ready' && !store.snapshot(balancesResource).stale, 4000, 'balances');
      await until(() => storedText().includes('"point_balance":1250'), 2000, 'stored');
      store.setData(balancesResource, { ...store.snapshot(balancesResource).data!, point_balance: 313131 });
      expect(storedText(), 'not stored yet').not.to.contain(marker);
      return store;
    }

    it('what is not stored yet is stored when the page is left or hidden (a mobile browser may end a hidden tab without pagehide)', async () => {
      const leaves: [string, () => void][] = [
        ['pagehide', () => window.dispatchEvent(new PageTransitionEvent('pagehide'))],
        ['hidden', () => {
          Object.assign(pageEnvironment, { visibility: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        }],
      ];
      for (const [what, leave] of leaves) {
        resetPage();
        await pendingWrite();
        leave();
        expect(storedText(), what).to.contain(marker);
      }
    });

    it('omneo-logout, or a logout in another tab, with a write not stored yet: nothing of hers is stored afterwards', async () => {
      const leaves: [string, (store: ReturnType<typeof storeFor>) => void][] = [
        ['omneo-logout', () => document.dispatchEvent(new Event('omneo-logout'))],
        ['another tab', (store) => {
          const otherTab = new BroadcastChannel('omneo-widgets');
          otherTab.postMessage({ scope: store.cacheScope, logout: true });
          otherTab.close();
        }],
      ];
      for (const [what, leave] of leaves) {
        resetPage();
        const store = await pendingWrite();
        leave(store);
        await until(() => store.snapshot(balancesResource).status === 'guest', 2000, `${what}: the guest state`);
        await new Promise((resolve) => setTimeout(resolve, WRITE_AFTER_MS + 100));
        expect(storedText(), what).not.to.contain(marker);
        flushCachedData();
        expect(storedText(), `${what}: nothing left to store`).not.to.contain(marker);
      }
    });
  });

  it('after a logout, refresh() asks the token endpoint again (the shopper may have signed back in)', async () => {
    const elements = await badges(1);
    logout();
    await refresh();
    await until(() => elements.every(loaded), 4000, 'loaded again');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
  });

  it('restored from the back-forward cache: asks the token endpoint again, and a session that ended meanwhile shows the guest state', async () => {
    const session = { who: 'ava' };
    configure({ apiBase: scope.apiBase, locale: 'en-AU', getToken: () => endpointTokenSource(new URL(scope.tokenEndpoint(session.who), location.href).href)() });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => loaded(badge), 4000, 'loaded');
    // A first load (not from the cache) asks nothing.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    // Back to a page still signed in: a new token, fresh data.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'revalidated');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
    expect(loaded(badge)).to.equal(true);
    // Signed out on another page, then Back: the in-memory token would still have worked until it expired.
    session.who = 'guest';
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await until(() => isGuest(badge), 4000, 'guest after the session ended');
    expect(badge.shadowRoot!.textContent).not.to.match(/1,250/);
  });

  it('a getToken configured again (an app whose sign-in changed) is the one asked from then on', async () => {
    const asked: string[] = [];
    const getTokenFor = (persona: string) => async () => {
      asked.push(persona);
      return endpointTokenSource(new URL(scope.tokenEndpoint(persona), location.href).href)();
    };
    configure({ apiBase: scope.apiBase, locale: 'en-AU', getToken: getTokenFor('ava') });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badge.shadowRoot!.textContent!.includes('1,250'), 4000, "Ava's points");
    // The app signs Liam in: its getToken now fetches his token; it tells the widgets, as the README says.
    configure({ getToken: getTokenFor('liam') });
    await refresh();
    await until(() => badge.shadowRoot!.textContent!.includes('2,140'), 4000, "Liam's points");
    expect(asked).to.deep.equal(['ava', 'liam']);
  });

  it("getToken receives an AbortSignal that a logout aborts while its request is still out", async () => {
    const signals: AbortSignal[] = [];
    configure({
      apiBase: scope.apiBase,
      locale: 'en-AU',
      // A token request that never answers unless aborted, as a stalled storefront endpoint would.
      getToken: (signal?: AbortSignal) =>
        new Promise((_, reject) => {
          signals.push(signal!);
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => signals.length === 1, 4000, 'the token asked for');
    expect(signals[0]).to.be.instanceOf(AbortSignal);
    expect(signals[0]!.aborted).to.equal(false);
    logout();
    await until(() => signals[0]!.aborted, 2000, 'aborted by the logout');
    await until(() => isGuest(badge), 2000, 'guest after logout');
  });

  function resolved(customer?: string): ResolvedConfig {
    return {
      tokenEndpoint: scope.tokenEndpoint('ava'),
      getToken: null,
      apiBase: scope.apiBase,
      tenant: null,
      locale: 'en-AU',
      currency: null,
      wishlistHandle: 'wishlist',
      tiersEndpoint: null,
      customer,
      messages: {},
    };
  }

  it("opens a connection to an ID API on another origin as its store is made (anonymous, once); none for the page's or the token endpoint's origin, nor when signed out", async () => {
    const preconnects = () => [...document.head.querySelectorAll('link[rel=preconnect]')].map((link) => `${link.getAttribute('href')} ${link.getAttribute('crossorigin')}`);
    const before = preconnects();
    const config = (apiBase: string, tokenEndpoint: string, customer?: string): ResolvedConfig => ({ ...resolved(customer), apiBase, tokenEndpoint });
    storeFor(config('https://api.runtime-one.getomneo.com/id/api/v1', scope.tokenEndpoint('ava')));
    storeFor(config('https://api.runtime-one.getomneo.com/id/api/v1', `${scope.tokenEndpoint('ava')}?again`));
    storeFor(config(scope.apiBase, scope.tokenEndpoint('ava')));
    storeFor(config('https://shop.runtime-two.example/omneo/api', 'https://shop.runtime-two.example/omneo/token'));
    storeFor(config('https://api.runtime-three.getomneo.com/id/api/v1', scope.tokenEndpoint('ava'), ''));
    expect(preconnects().filter((link) => !before.includes(link))).to.deep.equal(['https://api.runtime-one.getomneo.com ']);
  });

  it('a badge without a customer hint and a hub with one: one token request, and the cache re-keyed to the customer', async () => {
    const badge = storeFor(resolved());
    badge.watch(balancesResource, () => {});
    const hub = storeFor(resolved('7321987654321'));
    expect(hub).to.equal(badge);
    await until(() => badge.snapshot(balancesResource).status === 'ready' && !badge.snapshot(balancesResource).stale, 4000, 'balances');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    flushCachedData(); // stored a moment after it is written (WRITE_AFTER_MS), or as the page is left
    expect(Object.keys(sessionStorage).some((key) => key.endsWith('customer:7321987654321'))).to.equal(true);
  });

  it('the hint arriving after the data did: a new token confirms the profile, nothing refetched, the next page paints under the customer key', async () => {
    const store = storeFor(resolved());
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(balancesResource).status === 'ready', 4000, 'balances');
    storeFor(resolved('7321987654321'));
    await until(() => Object.keys(sessionStorage).some((name) => name.endsWith('customer:7321987654321')), 4000, 're-keyed');
    expect(store.snapshot(balancesResource)).to.deep.include({ status: 'ready', stale: false });
    // The data came with a token minted before the page named anyone: the new one says whose session it is now.
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    const key = Object.keys(sessionStorage).find((name) => name.endsWith('customer:7321987654321'))!;
    expect(JSON.parse(sessionStorage.getItem(key)!).resources.balances.data.point_balance).to.equal(1250);
  });

  it('a hint that changes from one customer to another still clears everything and asks again', async () => {
    const store = storeFor(resolved('7321987654321'));
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(balancesResource).status === 'ready', 4000, 'balances');
    storeFor(resolved('7321987650011'));
    expect(store.snapshot(balancesResource).data).to.equal(null);
    await until(() => store.snapshot(balancesResource).status === 'ready', 4000, 'balances again');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
    expect(Object.keys(sessionStorage).some((key) => key.endsWith('customer:7321987654321'))).to.equal(false);
  });

  describe('customer hints that disagree', () => {
    const warned: string[] = [];
    const realWarn = console.warn;
    const heard: ({ logout?: boolean } | null)[] = [];
    let otherTab: BroadcastChannel;
    beforeEach(() => {
      warned.length = 0;
      heard.length = 0;
      console.warn = (...args: unknown[]) => void warned.push(args.map(String).join(' '));
      otherTab = new BroadcastChannel('omneo-widgets');
      otherTab.onmessage = ({ data }: MessageEvent) => void heard.push(data);
    });
    afterEach(() => {
      console.warn = realWarn;
      otherTab.close();
    });
    const mixedHintLines = () => warned.filter((line) => line.includes('different customer hints'));

    it('two elements of one first render naming signed out and a customer: the last read wins, and the developer is told once, without the id', async () => {
      const container = fixtureSync(html`<div>
        <omneo-points-balance variant="compact" customer="7321987654321" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
        <omneo-points-balance variant="compact" customer="" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
      </div>`);
      const [signedIn, signedOut] = [...container.querySelectorAll('omneo-points-balance')];
      // The page says signed out last: every element a guest's, nothing asked of the token endpoint.
      await until(() => isGuest(signedIn!) && isGuest(signedOut!), 4000, 'both guests');
      await until(() => mixedHintLines().length === 1, 4000, 'the warning (loaded on demand)');
      expect(mixedHintLines()[0]).to.include('one says signed out (customer="") and another names a customer');
      expect(mixedHintLines()[0]).to.include('Give customer in one place');
      expect(mixedHintLines()[0]).not.to.include('7321987654321');
      // Her other tabs were told she signed out, as the line says.
      expect(mixedHintLines()[0]).to.include("the shopper's other tabs are signed out too");
      await until(() => heard.some((notice) => notice?.logout === true), 2000, 'the other tabs told of a logout');
      // Read again (a configure() re-resolves every element): still one line for the page.
      configure({ locale: 'en-AU' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(mixedHintLines()).to.have.length(1);
      // The first element's token request went out before the second said signed out (and was dropped): no data.
      expect(await scope.count('/profiles/me/balances')).to.equal(0);
    });

    it('two customers on the page: named as two customers', async () => {
      const container = fixtureSync(html`<div>
        <omneo-points-balance variant="compact" customer="7321987654321" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
        <omneo-points-balance variant="compact" customer="7321987650011" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
      </div>`);
      expect(container.querySelectorAll('omneo-points-balance')).to.have.length(2);
      await until(() => mixedHintLines().length === 1, 4000, 'the warning');
      expect(mixedHintLines()[0]).to.include('they name two different customers');
      expect(mixedHintLines()[0]).not.to.match(/73219876/);
    });

    it("an element of the page's own with a diagnosis property of its own (an object, not ours) is passed over: the line still comes, and nothing throws", async () => {
      // A storefront's component (a pharmacy's symptom checker, say) that keeps its own `diagnosis` on its element.
      const own = Object.assign(document.createElement('div'), { diagnosis: { code: 'J10', label: 'Influenza' } });
      const container = fixtureSync(html`<div>
        <omneo-points-balance variant="compact" customer="7321987654321" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
        <omneo-points-balance variant="compact" customer="" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
      </div>`);
      container.prepend(own);
      const thrown: string[] = [];
      const onError = (event: ErrorEvent) => {
        thrown.push(String(event.message));
        event.preventDefault();
      };
      window.addEventListener('error', onError);
      try {
        await until(() => mixedHintLines().length === 1 || thrown.length > 0, 4000, 'the warning');
      } finally {
        window.removeEventListener('error', onError);
      }
      expect(thrown).to.deep.equal([]);
      expect(mixedHintLines()[0]).to.include('one says signed out (customer="") and another names a customer');
    });

    it('elements whose code arrives in different tasks (the CDN script loads each tag on its own): a header badge saying signed out, the account page naming her, is told all the same', async () => {
      fixtureSync(html`<omneo-points-balance variant="compact" customer="" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      fixtureSync(html`<omneo-wishlist-button sku="LS-SAND-L" product-name="Linen Relaxed Shirt" customer="7321987654321" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-wishlist-button>`);
      await until(() => mixedHintLines().length === 1, 4000, 'the warning');
      expect(mixedHintLines()[0]).to.include('one says signed out (customer="") and another names a customer');
      expect(mixedHintLines()[0]).to.include('The last one read wins (a customer)');
    });

    it('a hint that changes on every element (an app signing in or out, its elements updated one after another) is no disagreement, in a hidden tab too', async () => {
      const realSetTimeout = window.setTimeout;
      // A hidden tab (a product opened in a background tab): the browser runs its timers once a second.
      window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => realSetTimeout(handler, Math.max(Number(timeout) || 0, 1000), ...rest)) as typeof window.setTimeout;
      const container = fixtureSync(html`<div>
        <omneo-points-balance variant="compact" customer="" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-points-balance>
        <omneo-wishlist-button sku="LS-SAND-L" product-name="Linen Relaxed Shirt" customer="" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"></omneo-wishlist-button>
      </div>`);
      const elements = [...container.children] as (HTMLElement & { updateComplete: Promise<boolean>; customer?: string })[];
      try {
        await Promise.all(elements.map((element) => element.updateComplete));
      } finally {
        window.setTimeout = realSetTimeout;
      }
      // The app's own sign-in answers a moment later, in another task, and names her on each element.
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const element of elements) element.customer = '7321987654321';
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const element of elements) element.customer = '';
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const element of elements) element.customer = '7321987650011';
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(mixedHintLines()).to.deep.equal([]);
    });
  });

  describe('tab visible again', () => {
    const real = { ...pageEnvironment };
    afterEach(() => Object.assign(pageEnvironment, real));

    it('revalidates what is on screen when the tab comes back after more than 5 minutes, not sooner, not while hidden', async () => {
      const start = Date.now();
      let clock = start;
      let visibility: DocumentVisibilityState = 'visible';
      Object.assign(pageEnvironment, { now: () => clock, visibility: () => visibility });
      const store = storeFor(resolved());
      store.watch(balancesResource, () => {});
      await until(() => store.snapshot(balancesResource).status === 'ready', 4000, 'balances');
      const comeBack = async (afterMs: number, state: DocumentVisibilityState) => {
        clock = start + afterMs;
        visibility = state;
        document.dispatchEvent(new Event('visibilitychange'));
        await new Promise((resolve) => setTimeout(resolve, 150));
      };
      await comeBack(REVALIDATE_ON_VISIBLE_AFTER_MS - 60_000, 'visible'); // 4 minutes: still fresh enough
      expect(await scope.count('/profiles/me/balances')).to.equal(1);
      await comeBack(REVALIDATE_ON_VISIBLE_AFTER_MS + 60_000, 'hidden'); // 6 minutes, but the tab is going away
      expect(await scope.count('/profiles/me/balances')).to.equal(1);
      await comeBack(REVALIDATE_ON_VISIBLE_AFTER_MS + 60_000, 'visible'); // 6 minutes and visible: refetched
      await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'the revalidation');
      await until(() => !store.snapshot(balancesResource).stale, 4000, 'fresh again');
      // Fresh as of now: coming back again at once does not refetch.
      await comeBack(REVALIDATE_ON_VISIBLE_AFTER_MS + 90_000, 'visible');
      expect(await scope.count('/profiles/me/balances')).to.equal(2);
    });

    it('a single-page app: an element shown again after more than 5 minutes away revalidates what it shows, as the next page of a visit would; sooner, it does not', async () => {
      const start = Date.now();
      let clock = start;
      Object.assign(pageEnvironment, { now: () => clock });
      configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
      const container = fixtureSync(html`<div></div>`);
      const showBadge = () => {
        const badge = document.createElement('omneo-points-balance');
        badge.setAttribute('variant', 'compact');
        container.replaceChildren(badge); // the route changes: the last one's badge goes
        return badge;
      };
      const first = showBadge();
      await until(() => loaded(first), 4000, 'the first route');
      container.replaceChildren(); // a route without the badge
      clock = start + REVALIDATE_ON_VISIBLE_AFTER_MS - 60_000; // 4 minutes later: fresh enough
      let badge = showBadge();
      await until(() => loaded(badge), 4000, 'shown again');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await scope.count('/profiles/me/balances')).to.equal(1);
      container.replaceChildren();
      clock = start + 60 * 60_000; // an hour on other routes, the tab visible all along
      badge = showBadge();
      await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'revalidated');
      await until(() => loaded(badge) && !badge.shadowRoot!.querySelector('[part~="stale"]'), 4000, 'fresh again');
    });
  });

  it("another tenant's badge on a page whose config names its own tenant (a marketplace header): its api-base keys its cache, so the next page never paints the page tenant's shopper in it", async () => {
    const partner = await newScope();
    // The store's tenant in full (the tenant, and its API base as pass-through or a gateway gives it), and the hint.
    configure({ tenant: 'harbour', apiBase: scope.apiBase, tokenEndpoint: scope.tokenEndpoint('ava'), customer: '7321987654321', locale: 'en-AU' });
    const own = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => loaded(own), 4000, "the store's badge");
    expect(own.shadowRoot!.textContent).to.contain('1,250');
    own.remove();
    resetRuntimes({ keepCrossPageCache: true }); // the next page of the visit
    await partner.addFaults({ path: '/omneo/token', latencyMs: 1000 });
    const other = await fixture(html`<omneo-points-balance variant="compact" api-base=${partner.apiBase}
      token-endpoint=${partner.tokenEndpoint('liam')}></omneo-points-balance>`);
    // Ava's 1,250 points are the page tenant's, under the same customer id: nothing of hers is the partner's to show.
    expect(other.shadowRoot!.textContent).not.to.contain('1,250');
    await until(() => loaded(other), 4000, "the partner's badge");
    expect(other.shadowRoot!.textContent).to.contain('2,140');
  });

  it('retries what failed when the browser comes back online', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    await scope.addFaults({ path: '/profiles/me/balances', status: 503, times: 3 });
    const el = await fixture(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => el.shadowRoot!.querySelector('[part~="retry-button"]'), 8000, 'error state');
    window.dispatchEvent(new Event('online'));
    await until(() => loaded(el), 4000, 'loaded after online');
  });

  it('one failing element does not stop the others', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    await scope.addFaults({ path: '/profiles/me/points', status: 500, times: 10 });
    const container = fixtureSync(html`<div>
      <omneo-points-balance variant="compact"></omneo-points-balance>
      <omneo-points-balance></omneo-points-balance>
    </div>`);
    const [badge, card] = [...container.querySelectorAll('omneo-points-balance')];
    await until(() => loaded(badge!) && card!.shadowRoot!.querySelector('[part="points"]'), 6000, 'both render');
    // The card still shows balances even though the points ledger (for the expiry notice) failed.
    expect(card!.shadowRoot!.querySelector('[part="points"]')!.textContent).to.contain('1,250');
  });
});
