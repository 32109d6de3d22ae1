import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../helpers/page.js';

// Its own test file, so its own page: nothing has created a store or installed the page listeners before
// the registering entry is imported below.
describe('the registering npm entry (omneo-widgets)', () => {
  it('listens for omneo-logout at once: a page with no element yet still clears cached data', async () => {
    sessionStorage.setItem('omneo-widgets:v1:tenant:customer-1', '{"balances":{}}');
    sessionStorage.setItem('merchant-cart', 'keep me');
    await import('../../src/index.js');
    expect(document.querySelector('omneo-points-balance')).to.equal(null);
    document.dispatchEvent(new Event('omneo-logout'));
    expect(sessionStorage.getItem('omneo-widgets:v1:tenant:customer-1')).to.equal(null);
    expect(sessionStorage.getItem('merchant-cart')).to.equal('keep me');
    sessionStorage.removeItem('merchant-cart');
  });
});

describe('localisation from the npm entries', () => {
  it('exports registerCatalogue from omneo-widgets and omneo-widgets/elements; elements on screen switch to the catalogue', async () => {
    const entry = await import('../../src/index.js');
    const classOnly = await import('../../src/elements.js');
    expect(entry.registerCatalogue).to.be.a('function');
    expect(classOnly.registerCatalogue).to.equal(entry.registerCatalogue);

    // A signed-out shopper (`customer=""`): the guest copy at once, no request.
    const badge = await fixture<HTMLElement>(
      html`<omneo-points-balance locale="de-AT" customer="" token-endpoint="/nowhere/token" api-base="/nowhere/api"></omneo-points-balance>`,
    );
    const text = () => badge.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
    await until(() => text().includes('Sign in to see your rewards'), 4000, 'the English guest copy');
    await new Promise((resolve) => setTimeout(resolve, 300)); // settled: nothing else would render it again
    entry.registerCatalogue('de', { 'state.guest': 'Melden Sie sich an, um Ihre Prämien zu sehen' });
    await until(() => text().includes('Melden Sie sich an, um Ihre Prämien zu sehen'), 4000, 'the German guest copy');
    expect(text()).not.to.include('Sign in to see your rewards');

    // Registered before an element connects: it renders in that language from the start.
    classOnly.registerCatalogue('nl', { 'state.guest': 'Log in om je beloningen te zien' });
    const dutch = await fixture<HTMLElement>(
      html`<omneo-points-balance locale="nl-NL" customer="" token-endpoint="/nowhere/token" api-base="/nowhere/api"></omneo-points-balance>`,
    );
    await until(() => dutch.shadowRoot?.textContent?.includes('Log in om je beloningen te zien'), 4000, 'the Dutch guest copy');
  });

  it('a regional catalogue with some keys (fr-CA) falls back to our French for the rest, not to English', async () => {
    // Nothing on this page has loaded French yet, as on a Quebec storefront whose elements are all fr-CA.
    const { registerCatalogue } = await import('../../src/index.js');
    registerCatalogue('fr-CA', { 'state.guest': 'Connectez-vous pour voir vos récompenses' });
    const badge = await fixture<HTMLElement>(
      html`<omneo-points-balance locale="fr-CA" customer="" token-endpoint="/nowhere/token" api-base="/nowhere/api"></omneo-points-balance>`,
    );
    const card = () => badge.shadowRoot?.querySelector('[part="card"]');
    await until(() => card()?.textContent?.includes('Connectez-vous pour voir vos récompenses'), 4000, 'the fr-CA guest copy');
    await until(() => card()?.getAttribute('aria-label') === 'Vos points', 4000, 'the French heading, a key fr-CA does not have');
  });

  it('refuses arguments that cannot be a catalogue', async () => {
    const { registerCatalogue } = await import('../../src/elements.js');
    expect(() => registerCatalogue('' as string, {})).to.throw(TypeError, /registerCatalogue/);
    expect(() => registerCatalogue('de', null as never)).to.throw(TypeError, /registerCatalogue/);
  });
});
