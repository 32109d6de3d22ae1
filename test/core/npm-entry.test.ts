import { expect } from '@open-wc/testing';

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
