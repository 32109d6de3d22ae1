import { expect } from '@open-wc/testing';

// Its own test file, so its own page: nothing has created a store or installed the page listeners before the
// one element's registration module is imported below (a product page that imports only the heart; the React
// wrappers register through the same define() when they render, and their entry starts the listeners itself).
describe("one element's registration module (omneo-widgets/components/<name>/define.js)", () => {
  it('listens for omneo-logout at once: a page whose element has not connected yet still clears cached data', async () => {
    sessionStorage.setItem('omneo-widgets:v1:tenant:customer-1', '{"balances":{}}');
    sessionStorage.setItem('merchant-cart', 'keep me');
    await import('../../src/components/wishlist-button/define.js');
    expect(customElements.get('omneo-wishlist-button')).to.not.equal(undefined);
    expect(document.querySelector('omneo-wishlist-button')).to.equal(null);
    document.dispatchEvent(new Event('omneo-logout'));
    expect(sessionStorage.getItem('omneo-widgets:v1:tenant:customer-1')).to.equal(null);
    expect(sessionStorage.getItem('merchant-cart')).to.equal('keep me');
    sessionStorage.removeItem('merchant-cart');
  });
});
