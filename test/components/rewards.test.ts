import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/components/rewards/define.js';
import '../../src/components/wishlist-button/define.js';
import type { OmneoRewards } from '../../src/components/rewards/rewards.js';
import { CONFIRM_GUARD_MS } from '../../src/components/reward-wallet/reward-wallet.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { fontSize, foreground, resetPage, until } from '../helpers/page.js';
import { logout } from '../../src/core/runtime.js';

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const nested = <T extends Element = HTMLElement>(hub: Element, selector: string) => hub.shadowRoot!.querySelector<T & Element>(selector);
const inner = (host: Element | null, selector: string) => host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
/** Where focus is, as the part of the element that has it, or where else on the page it went. */
const describeFocus = (host: Element) =>
  host.shadowRoot!.activeElement?.getAttribute('part') ?? `outside: <${document.activeElement?.localName}> (${document.activeElement === document.body ? 'the page' : 'elsewhere'})`;
const ELEMENTS = ['omneo-points-balance', 'omneo-tier-progress', 'omneo-reward-wallet', 'omneo-wishlist'];
/** Every card's resource failing, more times than the client retries: each card shows its error state. */
const EVERY_CARD_FAILS = ['balances', 'tiers', 'rewards', 'lists'].map((resource) => ({ path: `/profiles/me/${resource}`, status: 500, times: 3 }));

// For the checks of a hub whose tier card shows a tier: p-as-heading (experimental) takes the tier's name ("Silver"),
// large and bold above longer sentences, for a heading. It is the card's value under the card's own heading ("Your
// tier"), not a section a shopper jumps to: a false positive, so those checks leave that rule out.
const tierNameIsNoHeading = { ignoredRules: ['p-as-heading'] };

describe('<omneo-rewards>', () => {
  let scope: TestScope;
  let ready: Set<string>;
  const onReady = (event: Event) => ready.add((event as CustomEvent<{ element: string }>).detail.element);
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
    ready = new Set();
    document.addEventListener('omneo-ready', onReady);
  });
  afterEach(() => document.removeEventListener('omneo-ready', onReady));

  async function mount(persona: string, extra: { locale?: string; customer?: string; tokenEndpoint?: string } = {}) {
    return fixture<OmneoRewards>(html`<omneo-rewards
      token-endpoint=${extra.tokenEndpoint ?? scope.tokenEndpoint(persona)}
      api-base=${scope.apiBase}
      locale=${extra.locale ?? 'en-AU'}
      customer=${ifDefined(extra.customer)}
    ></omneo-rewards>`);
  }
  const allReady = () => ELEMENTS.every((name) => ready.has(name));

  it('every event the elements send reaches document from inside the hub: bubbling, composed, typed detail; only omneo-add-to-cart is cancelable', async () => {
    // README Events: one of each, from the hub's nested elements (in its shadow root), heard where a page listens.
    await scope.addFaults({ path: '/profiles/me/tiers', status: 404, body: { message: 'No tier programme for this profile.' }, times: 1 });
    type Seen = { from: string; target: EventTarget | null; bubbles: boolean; composed: boolean; cancelable: boolean; defaultPrevented: boolean; detail: unknown };
    const seen = new Map<string, Seen[]>();
    const names = ['omneo-ready', 'omneo-error', 'omneo-add-to-cart', 'omneo-wishlist-change', 'omneo-benefit-redeemed'];
    const record = (event: Event) => {
      // A page that calls preventDefault() on every event: only the cancelable one may take it.
      event.preventDefault();
      const from = (event.composedPath()[0] as Element).localName;
      const { target, bubbles, composed, cancelable, defaultPrevented } = event;
      seen.set(event.type, [...(seen.get(event.type) ?? []), { from, target, bubbles, composed, cancelable, defaultPrevented, detail: (event as CustomEvent).detail }]);
    };
    for (const name of names) document.addEventListener(name, record);
    try {
      const hub = await mount('ava');
      const [tier, wallet, wishlist] = ['omneo-tier-progress', 'omneo-reward-wallet', 'omneo-wishlist'].map((name) => nested(hub, name)!);
      await until(() => seen.get('omneo-ready')?.length === 3 && seen.get('omneo-error'), 8000, 'three cards ready, the tier card failed');
      await until(() => inner(tier!, '[part~="error"]'), 2000, "the tier card's error state");
      const redeem = await until(() => inner(wallet!, 'li[data-benefit="7781"] [part~="redeem-button"]'), 2000, 'Redeem');
      redeem.click();
      await new Promise((resolve) => setTimeout(resolve, CONFIRM_GUARD_MS + 100));
      inner(wallet!, 'li[data-benefit="7781"] [part~="confirm-button"]')!.click();
      await until(() => seen.get('omneo-benefit-redeemed'), 4000, 'omneo-benefit-redeemed');
      const remove = await until(() => inner(wishlist!, 'li[part="item"] [part~="remove-button"]'), 2000, 'Remove');
      remove.click();
      await until(() => seen.get('omneo-wishlist-change'), 4000, 'omneo-wishlist-change');
      inner(wishlist!, 'li[part="item"] [part~="add-button"]')!.click();
      await until(() => seen.get('omneo-add-to-cart'), 2000, 'omneo-add-to-cart');

      for (const name of names) {
        for (const event of seen.get(name)!) {
          expect(event.target, `${name} from <${event.from}> reaches document retargeted to the hub`).to.equal(hub);
          expect({ bubbles: event.bubbles, composed: event.composed }, name).to.deep.equal({ bubbles: true, composed: true });
          const cancelable = name === 'omneo-add-to-cart';
          expect({ cancelable: event.cancelable, defaultPrevented: event.defaultPrevented }, name).to.deep.equal({ cancelable, defaultPrevented: cancelable });
        }
      }
      expect(seen.get('omneo-ready')!.map((event) => event.detail).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).to.deep.equal([
        { element: 'omneo-points-balance' },
        { element: 'omneo-reward-wallet' },
        { element: 'omneo-wishlist' },
      ]);
      const [error] = seen.get('omneo-error')!;
      expect(seen.get('omneo-error')).to.have.length(1);
      expect(error!.from).to.equal('omneo-tier-progress');
      const { message, ...rest } = error!.detail as { message: string };
      expect(rest).to.deep.equal({ element: 'omneo-tier-progress', kind: 'http', status: 404 });
      // README Privacy, Events: the message names the API path and passes on Omneo's own message as it is.
      expect(message).to.be.a('string').and.contain('profiles/me/tiers').and.contain('No tier programme for this profile.');
      expect(seen.get('omneo-benefit-redeemed')).to.have.length(1);
      const { redemptionId, ...redeemed } = seen.get('omneo-benefit-redeemed')![0]!.detail as { redemptionId: unknown };
      expect(redemptionId, "Omneo's redemption id").to.be.a('string').and.not.equal('');
      expect(redeemed).to.deep.equal({ benefitId: '7781', code: 'BDAY-7Q4K-2M' });
      expect(seen.get('omneo-wishlist-change')!.map((event) => event.detail)).to.deep.equal([{ sku: 'LS-SAND-M', inWishlist: false }]);
      expect(seen.get('omneo-add-to-cart')!.map((event) => event.detail)).to.deep.equal([{ sku: 'KN-NAVY-S', variantId: '44556677342', quantity: 1 }]);
    } finally {
      for (const name of names) document.removeEventListener(name, record);
    }
  });

  it("the DOM's attributes carry benefit ids and wishlist item keys, never the customer or profile id, a name or an email", async () => {
    // README Privacy, DOM. Balances without a currency make the cards ask for the profile (name, email, ids) too.
    await scope.addFaults({
      path: '/profiles/me/balances',
      status: 200,
      body: { data: { point_balance: '1250', point_balance_dollars: '12.50', reward_balance: 35, combined_balance_dollars: '47.50' } },
      times: 5,
    });
    const customer = '7321987654321';
    const hub = await mount('ava', { customer });
    await until(allReady, 8000, 'every nested element ready');
    await until(async () => (await scope.count('/profiles/me')) === 1, 4000, 'the profile read');
    await until(() => inner(nested(hub, 'omneo-reward-wallet'), 'li[data-benefit]'), 4000, 'the benefits');
    const attributes: string[] = [];
    const collect = (root: ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        for (const { name, value } of element.attributes) attributes.push(`<${element.localName} ${name}="${value}">`);
        if (element.shadowRoot) collect(element.shadowRoot);
      }
    };
    collect(hub.shadowRoot!);
    const pageSet = ['token-endpoint', 'api-base', 'locale', 'customer'];
    for (const { name, value } of hub.attributes) if (!pageSet.includes(name)) attributes.push(`<omneo-rewards ${name}="${value}">`);
    expect(attributes.some((attribute) => /data-benefit="7781"/.test(attribute)), 'a benefit id').to.equal(true);
    const personal = [customer, '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70', 'Ava', 'Nguyen', 'ava.nguyen@example.com'];
    for (const value of personal) {
      expect(attributes.filter((attribute) => attribute.toLowerCase().includes(value.toLowerCase())), value).to.deep.equal([]);
    }
  });

  it('asks Omneo for its six resources once each, whatever shows them: never the profile when the page names the currency, never transactions', async () => {
    // README Privacy ("Asked of Omneo") and Data layer ("One request per resource per page"): the hub, a header
    // badge and a product card's heart, all on one page. The currency is the page's: without it, Ava's Merino knit
    // (a price without a currency) would have the wishlist ask for the profile's, as the README says.
    // fixtureSync: fixture() waits for an animation frame for a plain <div>, which a test tab in the background never gets.
    const container = fixtureSync(html`<div>
      <omneo-points-balance variant="compact" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU" currency="AUD"></omneo-points-balance>
      <omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU" currency="AUD"></omneo-rewards>
      <omneo-wishlist-button sku="LS-SAND-L" product-name="Linen Relaxed Shirt" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-wishlist-button>
    </div>`);
    const hub = container.querySelector('omneo-rewards')!;
    const heart = container.querySelector('omneo-wishlist-button')!;
    await until(allReady, 8000, 'every nested element ready');
    await until(() => inner(nested(hub, 'omneo-points-balance'), '[part~="expiring"]') && inner(heart, '[part~="button"][aria-pressed]'), 4000, 'the expiry notice and the heart');
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything late would be out by now
    const asked = (await scope.requests()).map((request) => `${request.method} ${request.path.split('?')[0]}`).sort();
    expect(asked).to.deep.equal(
      [
        'POST /omneo/token',
        ...['balances', 'benefits', 'lists', 'points', 'rewards', 'tiers'].map((resource) => `GET /profiles/me/${resource}`),
      ].sort(),
    );
  });

  it('renders balance, tier, wallet and wishlist, all configured by the hub', async () => {
    const hub = await mount('ava');
    for (const name of ELEMENTS) expect(nested(hub, name) !== null, name).to.equal(true);
    await until(allReady, 6000, 'every nested element ready');
    const points = nested(hub, 'omneo-points-balance');
    await until(() => inner(points, '[part="points"]'), 4000, 'points');
    expect(squash(inner(points, '[part="points"]')!.textContent)).to.equal('1,250 points');
    expect(inner(nested(hub, 'omneo-wishlist'), '[part="count"]')!.textContent!.trim()).to.equal('2 items');
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
  });

  it('gives every nested heading a level: 2 by default (sections 3), else the hub\'s heading-level, else an element\'s own', async () => {
    const hub = await mount('ava');
    await until(allReady, 6000, 'every nested element ready');
    const headings = () =>
      ELEMENTS.flatMap((name) =>
        [...nested(hub, name)!.shadowRoot!.querySelectorAll('[role="heading"]')].map((heading) => `${name} ${heading.getAttribute('aria-level')} ${squash(heading.textContent)}`),
      );
    const outline = (level: number, wishlist = level) => [
      `omneo-points-balance ${level} Your points`,
      `omneo-tier-progress ${level} Your tier`,
      `omneo-reward-wallet ${level} Your wallet`,
      `omneo-reward-wallet ${level + 1} Rewards`,
      `omneo-reward-wallet ${level + 1} Benefits`,
      `omneo-wishlist ${wishlist} Your wishlist`,
    ];
    expect(headings()).to.deep.equal(outline(2));
    // The heading text only: the stale note beside it is not part of its name.
    expect(squash(inner(nested(hub, 'omneo-points-balance'), '[part="heading"] [role="heading"]')!.textContent)).to.equal('Your points');
    await expect(hub).to.be.accessible(tierNameIsNoHeading);

    hub.setAttribute('heading-level', '3');
    await until(() => headings()[0]!.startsWith('omneo-points-balance 3'), 2000, 'level 3');
    expect(headings()).to.deep.equal(outline(3));
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
    nested(hub, 'omneo-wishlist')!.setAttribute('heading-level', '5');
    await until(() => headings().at(-1)!.includes(' 5 '), 2000, 'the wishlist at its own level');
    expect(headings()).to.deep.equal(outline(3, 5));
    // 6, the lowest level there is: its sections stay at 6 too (there is no 7).
    hub.setAttribute('heading-level', '6');
    await until(() => headings()[0]!.startsWith('omneo-points-balance 6'), 2000, 'level 6');
    expect(headings().filter((heading) => heading.startsWith('omneo-reward-wallet'))).to.deep.equal([
      'omneo-reward-wallet 6 Your wallet',
      'omneo-reward-wallet 6 Rewards',
      'omneo-reward-wallet 6 Benefits',
    ]);
    // Not a level (0, 7, words): ignored, as if absent.
    hub.setAttribute('heading-level', '7');
    await until(() => headings()[0]!.startsWith('omneo-points-balance 2'), 2000, 'back to 2');
    expect(headings()).to.deep.equal(outline(2, 5));
  });

  it('announces omneo-ready for the nested elements only, in any language (the hub shows no data of its own)', async () => {
    const hub = await mount('ava', { locale: 'fr-FR' });
    await until(allReady, 6000, 'every nested element ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...ready].sort()).to.deep.equal([...ELEMENTS].sort());
    expect(hub.getAttribute('lang')).to.equal('fr-FR');
  });

  it('makes one token request and one request per resource for the whole hub', async () => {
    const hub = await mount('ava');
    await until(allReady, 6000, 'every nested element ready');
    // Let late loads (the wishlist's profile lookup for an item without a currency) land.
    await until(() => !squash(inner(nested(hub, 'omneo-wishlist'), 'li[part="item"]:nth-child(2) [part="price"]')?.textContent).includes('000'), 4000, 'prices');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const requests = await scope.requests();
    const byPath = new Map<string, number>();
    for (const request of requests) {
      const key = `${request.method} ${request.path.split('?')[0]}`;
      byPath.set(key, (byPath.get(key) ?? 0) + 1);
    }
    expect(byPath.get('POST /omneo/token')).to.equal(1);
    for (const path of ['balances', 'points', 'tiers', 'rewards', 'benefits', 'lists']) {
      expect(byPath.get(`GET /profiles/me/${path}`), path).to.equal(1);
    }
    for (const [key, count] of byPath) expect(count, key).to.equal(1);
  });

  it('re-resolves nested elements when a hub attribute changes (locale → French, Arabic)', async () => {
    const hub = await mount('ava');
    const points = nested(hub, 'omneo-points-balance')!;
    await until(() => inner(points, '[part="points"]'), 6000, 'points');
    hub.setAttribute('locale', 'fr-FR');
    await until(() => squash(inner(points, '[part="heading"]')?.textContent).startsWith('Vos points'), 4000, 'French heading');
    expect(squash(inner(points, '[part="points"]')!.textContent)).to.match(/^1\s?250 points$/);
    expect(points.getAttribute('lang')).to.equal('fr-FR');
    expect(squash(inner(nested(hub, 'omneo-wishlist'), '[part="heading"]')?.textContent)).to.equal('Votre liste d’envies');

    hub.setAttribute('locale', 'ar');
    await until(() => points.getAttribute('dir') === 'rtl', 4000, 'Arabic direction');
    expect(nested(hub, 'omneo-wishlist')!.getAttribute('dir')).to.equal('rtl');
  });

  it("re-resolves an element in an open shadow root among the hub's own children when a hub attribute changes (a theme's component wrapping it)", async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"
      ><div id="host"></div
    ></omneo-rewards>`);
    const points = document.createElement('omneo-points-balance');
    hub.querySelector('#host')!.attachShadow({ mode: 'open' }).append(points);
    await until(() => inner(points, '[part="points"]'), 6000, 'points');
    expect(squash(inner(points, '[part="heading"]')?.textContent)).to.match(/^Your points/);
    hub.setAttribute('locale', 'fr-FR');
    await until(() => squash(inner(points, '[part="heading"]')?.textContent).startsWith('Vos points'), 4000, 'French heading');
    expect(points.getAttribute('lang')).to.equal('fr-FR');
  });

  it("configures a nested hub from the hub around it, and tells its subtree of that hub's changes (an SPA's layout hub, an account page's hub in French)", async () => {
    const outer = await fixture<OmneoRewards>(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU">
      <main><omneo-rewards locale="fr-FR"></omneo-rewards></main>
    </omneo-rewards>`);
    const hub = outer.querySelector('omneo-rewards')!;
    const points = await until(() => nested(hub, 'omneo-points-balance'), 4000, 'the inner hub’s balance');
    await until(() => inner(points, '[part="points"]'), 6000, 'points');
    expect(squash(inner(points, '[part="heading"]')?.textContent)).to.match(/^Vos points/);
    expect(squash(inner(points, '[part="points"]')!.textContent)).to.match(/^1\s?250 points$/);
    expect(squash(inner(points, '[part="spendable"]')?.textContent)).to.contain('$AU');
    // The layout's hub changes a key the inner hub does not set: the inner hub's elements follow it.
    outer.setAttribute('currency', 'NZD');
    await until(() => squash(inner(points, '[part="spendable"]')?.textContent).includes('$NZ'), 4000, 'the layout hub’s currency');
  });

  it("gives a nested hub's elements the heading-level of the hub around it when the nested hub sets none, and follows its changes", async () => {
    const outer = await fixture<OmneoRewards>(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU" heading-level="3">
      <main><omneo-rewards></omneo-rewards></main>
    </omneo-rewards>`);
    const hub = outer.querySelector('omneo-rewards')!;
    const points = await until(() => nested(hub, 'omneo-points-balance'), 4000, 'the inner hub’s balance');
    await until(() => inner(points, '[part="points"]'), 6000, 'points');
    const level = () => inner(points, '[part="heading"] [role="heading"]')!.getAttribute('aria-level');
    expect(level()).to.equal('3');
    outer.setAttribute('heading-level', '4');
    await until(() => level() === '4', 2000, 'the layout hub’s new level');
    // The nested hub's own level wins inside it; a level that is none (7) is as if absent.
    hub.setAttribute('heading-level', '5');
    await until(() => level() === '5', 2000, 'the nested hub’s own level');
    hub.setAttribute('heading-level', '7');
    await until(() => level() === '4', 2000, 'the layout hub’s level again');
  });

  it('renders the merchant’s own children instead of the default set, configured by the hub', async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU">
      <h2>Your account</h2>
      <omneo-points-balance variant="compact"></omneo-points-balance>
    </omneo-rewards>`);
    const slot = hub.shadowRoot!.querySelector('slot:not([name])') as HTMLSlotElement;
    expect(slot.assignedElements().map((element) => element.localName)).to.deep.equal(['h2', 'omneo-points-balance']);
    for (const name of ELEMENTS) expect(nested(hub, name) === null, name).to.equal(true);
    const badge = hub.querySelector('omneo-points-balance')!;
    await until(() => inner(badge, '[role="status"]'), 4000, 'badge');
    expect(squash(inner(badge, '[part~="badge"]')!.textContent)).to.contain('1,250');

    hub.setAttribute('locale', 'de-DE');
    await until(() => squash(inner(badge, '[part~="badge"]')?.textContent).includes('1.250'), 4000, 'German number');
    // Only what the merchant placed is fetched.
    expect(await scope.count('/profiles/me/lists')).to.equal(0);
    await expect(hub).to.be.accessible();
  });

  it('follows children a framework renders into it after it is on the page, and takes them away (React, Vue): own content, then the sign-in prompt again', async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=""></omneo-rewards>`);
    await until(() => nested(hub, '[part="guest-card"]'), 4000, 'guest card');
    const own = document.createElement('p');
    own.textContent = 'Members save 10% every day';
    hub.append(own);
    await until(() => nested(hub, 'slot:not([name])'), 2000, 'the merchant\'s content');
    expect((nested<HTMLSlotElement>(hub, 'slot:not([name])')!).assignedElements()).to.deep.equal([own]);
    expect(nested(hub, '[part="guest-card"]') === null, 'no sign-in prompt over the merchant\'s content').to.equal(true);
    own.remove();
    await until(() => nested(hub, '[part="guest-card"]'), 2000, 'the sign-in prompt again');
    for (const name of ELEMENTS) expect(nested(hub, name) === null, name).to.equal(true);
    await expect(hub).to.be.accessible();
  });

  it('shows one sign-in prompt instead of four when nobody is signed in', async () => {
    const hub = await mount('guest');
    await until(() => nested(hub, '[part="guest-card"]'), 4000, 'guest card');
    expect(squash(nested(hub, '[part="guest-card"]')!.textContent)).to.equal('Sign in to see your rewards');
    for (const name of ELEMENTS) expect(nested(hub, name) === null, name).to.equal(true);
    expect((await scope.requests()).filter((request) => request.path.startsWith('/profiles/')).length).to.equal(0);
    await expect(hub).to.be.accessible();
  });

  it('moved in the page (a layout re-parenting it) and then signed out: still one sign-in prompt, not four', async () => {
    const hub = await mount('ava');
    await until(allReady, 6000, 'every card loaded');
    const elsewhere = document.createElement('div');
    hub.parentElement!.append(elsewhere);
    elsewhere.append(hub); // disconnected and connected again, with the same store
    await hub.updateComplete;
    for (const name of ELEMENTS) expect(nested(hub, name) !== null, name).to.equal(true);
    logout();
    await until(() => nested(hub, '[part="guest-card"]'), 4000, 'the sign-in prompt');
    for (const name of ELEMENTS) expect(nested(hub, name) === null, name).to.equal(true);
    expect(squash(nested(hub, '[part="guest-card"]')!.textContent)).to.equal('Sign in to see your rewards');
  });

  it('is a guest at once with an empty customer hint, and shows slotted guest content', async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=""
      ><a slot="guest" href="/account/login">Sign in to see your points</a></omneo-rewards
    >`);
    expect(nested(hub, '[part="guest-card"]') !== null).to.equal(true);
    const slot = hub.shadowRoot!.querySelector('slot[name="guest"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Sign in to see your points');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await scope.requests()).to.deep.equal([]);
  });

  it('loading: every nested element shows its skeleton', async () => {
    await scope.addFaults({ path: '/omneo/token', latencyMs: 400 });
    const hub = await mount('ava');
    for (const name of ELEMENTS) expect(inner(nested(hub, name), '[aria-busy="true"]') !== null, name).to.equal(true);
    await expect(hub).to.be.accessible();
  });

  it('error: one failing resource shows that element’s error while the others keep working', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 3 });
    const hub = await mount('ava');
    const wishlist = nested(hub, 'omneo-wishlist');
    await until(() => inner(wishlist, '[part="error"]'), 6000, 'wishlist error');
    expect(inner(wishlist, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    const points = nested(hub, 'omneo-points-balance');
    await until(() => inner(points, '[part="points"]'), 4000, 'points');
    expect(squash(inner(points, '[part="points"]')!.textContent)).to.equal('1,250 points');
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
  });

  it('error: the failed cards keep their headings, so the hub still says which card failed', async () => {
    await scope.addFaults([
      { path: '/profiles/me/balances', status: 500, times: 3 },
      { path: '/profiles/me/lists', status: 500, times: 3 },
    ]);
    const hub = await mount('ava');
    const points = nested(hub, 'omneo-points-balance');
    const wishlist = nested(hub, 'omneo-wishlist');
    await until(() => inner(points, '[part="error"]') && inner(wishlist, '[part="error"]'), 6000, 'both errors');
    expect(squash(inner(points, '[part="heading"]')?.textContent)).to.equal('Your points');
    expect(squash(inner(wishlist, '[part="heading"]')?.textContent)).to.equal('Your wishlist');
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
  });

  it('error: each failed card says what failed, and one Retry recovers every card the outage took down', async () => {
    await scope.addFaults(EVERY_CARD_FAILS);
    const hub = await mount('ava');
    const [points, tier, wallet, wishlist] = ELEMENTS.map((name) => nested(hub, name)!) as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    await until(() => [points, tier, wallet, wishlist].every((element) => inner(element, '[part~="error"]')), 8000, 'four failed cards');
    const message = (element: Element | null) => squash(inner(element, '[part~="error"] .error-message')?.textContent);
    expect(message(points)).to.equal("We couldn't load your points right now.");
    expect(message(tier)).to.equal("We couldn't load your tier right now.");
    expect(message(wallet)).to.equal("We couldn't load your rewards right now.");
    expect(message(wishlist)).to.equal("We couldn't load your wishlist right now.");
    await expect(hub).to.be.accessible();
    const before = await scope.count('/profiles/me/lists');

    (inner(tier, '[part~="retry-button"]') as HTMLButtonElement).click();
    await until(
      () =>
        inner(points, '[part="points"]') && inner(tier, '[role="progressbar"]') && inner(wallet, '[part~="rewards"]') && inner(wishlist, 'li[part="item"]'),
      8000,
      'every card recovered by the one Retry',
    );
    expect([points, tier, wallet, wishlist].map((element) => inner(element, '[part~="error"]'))).to.deep.equal([null, null, null, null]);
    expect(await scope.count('/profiles/me/lists')).to.equal(before + 1); // asked again once, not once per card
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
  });

  it("theming: a coloured --omneo-button-background with --omneo-button-color set on the hub gives every nested button that fill its label colour (parts do not reach into the hub)", async () => {
    await scope.addFaults(EVERY_CARD_FAILS);
    const hub = await mount('ava');
    // A marketplace's blue buttons with white labels.
    hub.style.setProperty('--omneo-button-background', 'rgb(11, 107, 203)');
    hub.style.setProperty('--omneo-button-color', 'rgb(255, 255, 255)');
    const [points, tier, wallet, wishlist] = ELEMENTS.map((name) => nested(hub, name)!) as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    await until(() => [points, tier, wallet, wishlist].every((element) => inner(element, '[part~="error"]')), 8000, 'four failed cards');
    // The label as painted: text-fill-color, which is the text colour unless a token sets it.
    const look = (button: Element | null) => {
      const style = getComputedStyle(button!);
      return `${style.backgroundColor} / ${style.webkitTextFillColor}`;
    };
    // Before, each Retry kept the alert's red on the blue fill (1.4:1), whatever the page did.
    for (const element of [points, tier, wallet, wishlist]) {
      expect(look(inner(element, '[part~="error"] [part~="retry-button"]')), element.localName).to.equal('rgb(11, 107, 203) / rgb(255, 255, 255)');
    }
    (inner(tier, '[part~="retry-button"]') as HTMLButtonElement).click();
    await until(() => inner(wallet, '[part~="redeem-button"]') && inner(wishlist, '[part~="add-button"]'), 8000, 'wallet and wishlist loaded');
    const buttons = {
      'copy code': inner(wallet, '[part~="copy-button"]'),
      redeem: inner(wallet, '[part~="redeem-button"]'),
      'a filter not pressed': inner(wallet, '[part~="filter-button"][aria-pressed="false"]'),
      remove: inner(wishlist, '[part~="remove-button"]'),
      'add to bag': inner(wishlist, '[part~="add-button"]'),
    };
    for (const [name, button] of Object.entries(buttons)) expect(look(button), name).to.equal('rgb(11, 107, 203) / rgb(255, 255, 255)');
    (buttons.redeem as HTMLButtonElement).click();
    await until(() => inner(wallet, '[part~="cancel-button"]'), 2000, 'the confirm step');
    expect(look(inner(wallet, '[part~="cancel-button"]')), 'cancel').to.equal('rgb(11, 107, 203) / rgb(255, 255, 255)');
    // The wishlist's own pair still wins over the shared one.
    hub.style.setProperty('--omneo-wishlist-add-background', 'rgb(255, 216, 20)');
    hub.style.setProperty('--omneo-wishlist-add-color', 'rgb(17, 17, 17)');
    expect(look(inner(wishlist, '[part~="add-button"]')), 'add to bag, its own tokens').to.equal('rgb(255, 216, 20) / rgb(17, 17, 17)');
  });

  it('theming: --omneo-radius: 0 on the hub squares every corner, the pills too (filters, status labels, the tier bar, "Your tier"); any other radius keeps them round', async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards
      token-endpoint=${scope.tokenEndpoint('ava')}
      api-base=${scope.apiBase}
      tiers-endpoint=${`/__scopes/${scope.scope}/as/guest/omneo/tiers`}
      locale="en-AU"
    ></omneo-rewards>`);
    const tier = nested(hub, 'omneo-tier-progress');
    const wallet = nested(hub, 'omneo-reward-wallet');
    await until(() => inner(tier, '.you') && inner(wallet, '[part~="status"]'), 8000, 'the ladder and the rewards');
    const pills = {
      'tier bar': inner(tier, '[part~="progress"]'),
      'tier bar fill': inner(tier, '[part~="progress-fill"]'),
      '"Your tier"': inner(tier, '.you'),
      'pressed filter': inner(wallet, '[part~="filter-button"][aria-pressed="true"]'),
      'filter not pressed': inner(wallet, '[part~="filter-button"][aria-pressed="false"]'),
      'status label': inner(wallet, '[part~="status"]'),
    };
    const radius = (element: Element | null) => getComputedStyle(element!).borderTopLeftRadius;
    // Rounded by default: a pill's radius is at least half its height.
    for (const [name, element] of Object.entries(pills)) {
      expect(parseFloat(radius(element)), name).to.be.at.least(element!.getBoundingClientRect().height / 2);
    }
    hub.style.setProperty('--omneo-radius', '2px');
    for (const [name, element] of Object.entries(pills)) {
      expect(parseFloat(radius(element)), `${name} at 2px`).to.be.at.least(element!.getBoundingClientRect().height / 2);
    }
    // A square theme: before, every card and row was square and these stayed round (no part reaches them in the hub).
    hub.style.setProperty('--omneo-radius', '0');
    for (const [name, element] of Object.entries(pills)) expect(radius(element), name).to.equal('0px');
    expect(radius(inner(wallet, '[part~="wallet"]')), 'the card').to.equal('0px');
  });

  it('stale: a later page paints from the cache and marks it "Updating…" while it refreshes', async () => {
    const customer = '7321987654321';
    const first = await mount('ava', { customer });
    await until(allReady, 6000, 'first page ready');
    first.remove();
    await scope.addFaults({ path: '/profiles/me/lists', latencyMs: 1500 });
    const hub = await mount('ava', { customer, tokenEndpoint: `${scope.tokenEndpoint('ava')}?page=2` });
    const wishlist = nested(hub, 'omneo-wishlist');
    // Painted from the cache before any answer, then refreshed one resource at a time.
    expect(inner(wishlist, 'li[part="item"]') !== null).to.equal(true);
    expect(squash(inner(wishlist, '.stale')?.textContent)).to.equal('Updating…');
    const points = nested(hub, 'omneo-points-balance');
    await until(() => inner(points, '[part="points"]') && inner(points, '.stale') === null, 4000, 'balances refreshed');
    expect(squash(inner(wishlist, '.stale')?.textContent)).to.equal('Updating…');
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
    await until(() => inner(wishlist, '.stale') === null, 4000, 'wishlist refreshed');
  });

  it('theming: the gap between the cards is 1.5 × --omneo-space (1.125em by default), or --omneo-hub-gap alone', async () => {
    const hub = await mount('ava');
    const grid = await until(() => hub.shadowRoot!.querySelector<HTMLElement>('[part~="grid"]'), 4000, 'grid');
    const size = fontSize(grid);
    expect(parseFloat(getComputedStyle(grid).rowGap)).to.be.closeTo(1.125 * size, 0.01);
    hub.style.setProperty('--omneo-space', '10px');
    expect(getComputedStyle(grid).rowGap).to.equal('15px');
    hub.style.setProperty('--omneo-hub-gap', '7px');
    expect(getComputedStyle(grid).rowGap).to.equal('7px');
    expect(getComputedStyle(grid).columnGap).to.equal('7px');
  });

  it('lays out two columns when wide and one when narrow (container query on the hub’s own width)', async () => {
    const hub = await mount('ava');
    const balance = nested(hub, 'omneo-points-balance')!;
    const tier = nested(hub, 'omneo-tier-progress')!;
    hub.style.width = '60rem';
    await until(() => Math.abs(balance.getBoundingClientRect().top - tier.getBoundingClientRect().top) < 1, 2000, 'side by side');
    expect(tier.getBoundingClientRect().left).to.be.greaterThan(balance.getBoundingClientRect().right - 1);
    hub.style.width = '24rem';
    await until(() => tier.getBoundingClientRect().top >= balance.getBoundingClientRect().bottom, 2000, 'stacked');
    expect(Math.abs(tier.getBoundingClientRect().left - balance.getBoundingClientRect().left)).to.be.lessThan(1);
  });

  it('goes to two columns at 42 times its own text size, not the root’s: on a 62.5% root with the text at 1.6rem, 520px stacks', async () => {
    // html { font-size: 62.5% } (Shopify and Magento themes) made 42rem 420 px: two 250 px columns of 16 px text.
    const root = document.documentElement.style.fontSize;
    document.documentElement.style.fontSize = '62.5%';
    try {
      const hub = await mount('ava');
      hub.style.cssText = 'font-size: 1.6rem; width: 520px';
      const balance = nested(hub, 'omneo-points-balance')!;
      const tier = nested(hub, 'omneo-tier-progress')!;
      await until(() => balance.getBoundingClientRect().width > 0, 2000, 'laid out');
      expect(tier.getBoundingClientRect().top, 'the tier below the balance').to.be.at.least(balance.getBoundingClientRect().bottom);
      hub.style.width = '680px';
      await until(() => Math.abs(balance.getBoundingClientRect().top - tier.getBoundingClientRect().top) < 1, 2000, 'side by side from 672px (42 × 16px)');
    } finally {
      document.documentElement.style.fontSize = root;
    }
  });

  it('wide: balance and tier side by side, then the wallet and a long wishlist each across the full width (Olivia)', async () => {
    const hub = await mount('olivia');
    hub.style.width = '60rem';
    await until(allReady, 8000, 'every nested element ready');
    const box = (name: string) => nested(hub, name)!.getBoundingClientRect();
    const [balance, tier, wallet, wishlist] = ELEMENTS.map(box) as [DOMRect, DOMRect, DOMRect, DOMRect];
    const grid = nested(hub, '[part="grid"]')!.getBoundingClientRect();
    expect(Math.abs(balance.top - tier.top)).to.be.lessThan(1);
    expect(tier.left).to.be.greaterThan(balance.right - 1);
    for (const [name, rect] of [['wallet', wallet], ['wishlist', wishlist]] as const) {
      expect(Math.abs(rect.left - grid.left), `${name} left`).to.be.lessThan(1);
      expect(Math.abs(rect.right - grid.right), `${name} right`).to.be.lessThan(1);
    }
    expect(wallet.top).to.be.at.least(Math.max(balance.bottom, tier.bottom) - 1);
    expect(wishlist.top).to.be.at.least(wallet.bottom - 1);
    // Nothing stands beside the long wishlist: no column of empty space next to it.
    const gap = parseFloat(getComputedStyle(nested(hub, '[part="grid"]')!).rowGap);
    expect(wishlist.top - wallet.bottom).to.be.closeTo(gap, 1);
    expect(Math.abs(grid.bottom - wishlist.bottom)).to.be.lessThan(1);
    await expect(hub).to.be.accessible(tierNameIsNoHeading);
  });

  it('wide: `::part(wallet), ::part(wishlist) { grid-column: auto }` (the README\'s way back) puts them side by side again', async () => {
    const style = document.createElement('style');
    style.textContent = 'omneo-rewards::part(wallet), omneo-rewards::part(wishlist) { grid-column: auto; }';
    document.head.append(style);
    try {
      const hub = await mount('ava');
      hub.style.width = '60rem';
      const wallet = nested(hub, 'omneo-reward-wallet')!;
      const wishlist = nested(hub, 'omneo-wishlist')!;
      await until(() => Math.abs(wallet.getBoundingClientRect().top - wishlist.getBoundingClientRect().top) < 1, 4000, 'wallet | wishlist');
      expect(wishlist.getBoundingClientRect().left).to.be.greaterThan(wallet.getBoundingClientRect().right - 1);
      const grid = nested(hub, '[part="grid"]')!.getBoundingClientRect();
      expect(wallet.getBoundingClientRect().width).to.be.lessThan(grid.width / 2);
    } finally {
      style.remove();
    }
  });

  describe('beside a sidebar, a flex or grid row that sizes by content', () => {
    /** The hub as an account page places it: after a 180 px sidebar in a row of `rowStyle`, `width` wide. */
    function inRow(rowStyle: string, locale = 'en-AU', hubStyle = '', width = 800) {
      const row = document.createElement('div');
      row.style.cssText = `${rowStyle}; width: ${width}px; font: 16px/1.5 system-ui, sans-serif`;
      row.dir = locale === 'ar' ? 'rtl' : 'ltr';
      // The sidebar as a page writes it: a width, and flex's default shrink (the hub must not take from it).
      row.innerHTML = '<aside style="inline-size: 180px">Account</aside>';
      const hub = document.createElement('omneo-rewards');
      hub.setAttribute('token-endpoint', scope.tokenEndpoint('ava'));
      hub.setAttribute('api-base', scope.apiBase);
      hub.setAttribute('locale', locale);
      if (hubStyle) hub.style.cssText = hubStyle;
      row.append(hub);
      document.body.append(row);
      return { row, hub };
    }

    /** The hub takes the row's remaining width, and each card is as wide as the hub (one column below 42em of its text). */
    async function expectFills(row: HTMLElement, hub: HTMLElement, width: number) {
      await until(allReady, 8000, 'every nested element ready');
      const aside = row.querySelector('aside');
      if (aside) expect(aside.getBoundingClientRect().width, 'the sidebar keeps its width').to.be.closeTo(180, 0.5);
      expect(hub.getBoundingClientRect().width, 'hub width').to.be.closeTo(width, 0.5);
      const box = row.getBoundingClientRect();
      expect(hub.getBoundingClientRect().left).to.be.at.least(box.left - 0.5);
      expect(hub.getBoundingClientRect().right).to.be.at.most(box.right + 0.5);
      for (const name of ELEMENTS) {
        expect(nested(hub, name)!.getBoundingClientRect().width, `${name} width`).to.be.closeTo(width, 0.5);
      }
    }

    for (const locale of ['en-AU', 'ar']) {
      it(`in a flex row (${locale}) it takes the space beside the sidebar instead of collapsing to 0 px`, async () => {
        await foreground();
        const { row, hub } = inRow('display: flex; gap: 16px', locale);
        try {
          await expectFills(row, hub, 800 - 180 - 16);
        } finally {
          row.remove();
        }
      });
    }

    it('in a grid row with an auto column it fills that column', async () => {
      await foreground();
      const { row, hub } = inRow('display: grid; grid-template-columns: 180px auto; gap: 16px');
      try {
        await expectFills(row, hub, 800 - 180 - 16);
      } finally {
        row.remove();
      }
    });

    it('in a block with margins of its own it stays inside its container (no 100% plus margins)', async () => {
      await foreground();
      const { row, hub } = inRow('display: block', 'en-AU', 'margin-inline: 24px', 600);
      row.querySelector('aside')!.remove();
      try {
        await expectFills(row, hub, 600 - 48);
      } finally {
        row.remove();
      }
    });
  });

  it('shows one configuration error, not four, when the hub cannot be configured', async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards api-base="/x"></omneo-rewards>`);
    await until(() => nested(hub, '[part="error"]'), 2000, 'the configuration error, once the page has settled');
    expect(nested(hub, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(squash(nested(hub, '[part="error"]')!.textContent)).to.equal('Rewards are not set up correctly on this page.');
    for (const name of ELEMENTS) expect(nested(hub, name) === null, name).to.equal(true);
  });

  it('with your own content, a configuration that cannot work is each element\'s own error, not one from the hub', async () => {
    const hub = await fixture<OmneoRewards>(html`<omneo-rewards api-base="/x"
      ><omneo-points-balance></omneo-points-balance><omneo-wishlist></omneo-wishlist
    ></omneo-rewards>`);
    const children = [...hub.children];
    for (const child of children) await until(() => inner(child, '[part~="error"]'), 2000, `${child.localName}'s configuration error`);
    for (const child of children) {
      expect(inner(child, '[part~="error"]')!.getAttribute('role'), child.localName).to.equal('alert');
      expect(squash(inner(child, '[part~="error"]')!.textContent), child.localName).to.equal('Rewards are not set up correctly on this page.');
    }
    expect(nested(hub, '[part~="error"]'), "the hub's own").to.equal(null);
    expect(nested(hub, 'slot:not([name])'), 'the children in the grid').to.not.equal(null);
  });

  /**
   * Whether a card has gone busy (its reload shown) since this was called, recorded as it happens: a
   * MutationObserver's records come as microtasks, where polling runs on timers, which a background tab throttles
   * (once a second, once a minute after five minutes hidden): CI's poll once woke after the reload had already
   * failed again, and waited out its 4 s for a busy state it had missed. `meanwhile` runs when the busy state is
   * seen, while the reload is still going (the shopper moving focus during it), not when a throttled poll wakes.
   */
  function busySince(card: Element, meanwhile?: () => void): () => boolean {
    let seen = false;
    const look = () => {
      if (seen || !card.shadowRoot!.querySelector('[aria-busy="true"]')) return;
      seen = true;
      observer.disconnect();
      meanwhile?.();
    };
    const observer = new MutationObserver(look);
    observer.observe(card.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    return () => {
      look();
      return seen;
    };
  }

  it("a shopper on a card's Retry keeps focus in that card when a retry they did not press replaces it (back online, another card's Retry)", async () => {
    // Every load fails: each card shows its error and Retry, and any retry fails again.
    await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
    const hub = await mount('ava');
    const card = (name: string) => nested<OmneoRewards>(hub, name)!;
    const retryIn = (name: string) => inner(card(name), '[part~="error"] [part~="retry-button"]');
    await until(() => ELEMENTS.every(retryIn), 8000, 'four error states');

    // Back online: every failed load is tried again, without a press. The wallet's Retry had focus.
    retryIn('omneo-reward-wallet')!.focus();
    const walletWentBusy = busySince(card('omneo-reward-wallet'));
    window.dispatchEvent(new Event('online'));
    await until(walletWentBusy, 4000, 'the wallet reloading');
    await until(() => retryIn('omneo-reward-wallet'), 8000, 'the wallet failing again');
    await card('omneo-reward-wallet').updateComplete;
    const focused = (name: string) => describeFocus(card(name));
    expect(focused('omneo-reward-wallet'), 'focus, not dropped to the page').to.equal('retry-button');

    // The shopper's Tab took them to the wishlist's Retry; another card's Retry (pressed with the mouse) reloads it too.
    await until(() => ELEMENTS.every(retryIn), 8000, 'four error states again');
    retryIn('omneo-wishlist')!.focus();
    const wishlistWentBusy = busySince(card('omneo-wishlist'));
    retryIn('omneo-tier-progress')!.click();
    await until(wishlistWentBusy, 4000, 'the wishlist reloading');
    await until(() => retryIn('omneo-wishlist'), 8000, 'the wishlist failing again');
    await card('omneo-wishlist').updateComplete;
    expect(focused('omneo-wishlist')).to.equal('retry-button');

    // This time the retry works: focus goes to the card's heading, not to the page.
    await scope.clearFaults();
    window.dispatchEvent(new Event('online'));
    await until(() => inner(card('omneo-wishlist'), '[part~="count"]')?.textContent?.trim(), 8000, 'the wishlist loaded');
    await card('omneo-wishlist').updateComplete;
    expect(focused('omneo-wishlist')).to.equal('heading');
  });

  it("a Retry's reload does not take focus back from where the shopper moved it meanwhile", async () => {
    await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
    const hub = await mount('ava');
    const card = (name: string) => nested<OmneoRewards>(hub, name)!;
    const retryIn = (name: string) => inner(card(name), '[part~="error"] [part~="retry-button"]');
    await until(() => ELEMENTS.every(retryIn), 8000, 'four error states');
    // The shopper presses the points card's Retry, then, while it reloads, moves on (a link of the page's own).
    const link = document.createElement('a');
    link.href = '#elsewhere';
    link.textContent = 'Elsewhere';
    hub.after(link);
    try {
      retryIn('omneo-points-balance')!.focus();
      const movedMeanwhile = busySince(card('omneo-points-balance'), () => link.focus());
      retryIn('omneo-points-balance')!.click();
      await until(movedMeanwhile, 4000, 'the points reloading');
      await until(() => retryIn('omneo-points-balance'), 8000, 'the points failing again');
      await card('omneo-points-balance').updateComplete;
      expect(document.activeElement === link, `focus on the page's link, not ${describeFocus(card('omneo-points-balance'))}`).to.equal(true);
    } finally {
      link.remove();
    }
  });
  it("a Retry's reload does not take focus back when the shopper clicked elsewhere on the page meanwhile (focus on <body>)", async () => {
    await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
    const hub = await mount('ava');
    const card = (name: string) => nested<OmneoRewards>(hub, name)!;
    const retryIn = (name: string) => inner(card(name), '[part~="error"] [part~="retry-button"]');
    await until(() => ELEMENTS.every(retryIn), 8000, 'four error states');
    retryIn('omneo-points-balance')!.focus();
    let onPageMeanwhile = false;
    const clickedMeanwhile = busySince(card('omneo-points-balance'), () => {
      // A click on the page's text (nothing focusable there) puts focus on <body>, as taking it off the element does.
      let focused = document.activeElement as HTMLElement | null;
      while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement as HTMLElement;
      focused?.blur();
      onPageMeanwhile = document.activeElement === document.body;
    });
    retryIn('omneo-points-balance')!.click();
    await until(clickedMeanwhile, 4000, 'the points reloading');
    expect(onPageMeanwhile, 'focus on the page before the reload ends').to.equal(true);
    await until(() => retryIn('omneo-points-balance'), 8000, 'the points failing again');
    await card('omneo-points-balance').updateComplete;
    expect(document.activeElement === document.body, `focus left on the page, not ${describeFocus(card('omneo-points-balance'))}`).to.equal(true);
  });
});
