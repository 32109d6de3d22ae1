import { expect } from '@open-wc/testing';
import { otherTabHearing } from '../helpers/other-tab.js';

// Its own test file, so its own page: the npm entry is imported below, on a page whose config has said nobody is
// signed in all along while an element names the shopper (an app that signs her in on its elements alone).
describe('the npm build on a page whose config says nobody is signed in, under an element naming the shopper', () => {
  it('keeps her cached entry and tells the other tabs nothing: only a change of the config says someone left', async () => {
    // Its own tenant: the other test files running in the browser's other tabs hear this page's notices too.
    const tenant = `named-${Math.random().toString(36).slice(2, 10)}`;
    const block = Object.assign(document.createElement('script'), { type: 'application/json', id: 'omneo-config' });
    block.textContent = JSON.stringify({ tenant, tokenEndpoint: '/apps/omneo/token', customer: '' });
    document.head.append(block);
    const badge = Object.assign(document.createElement('omneo-points-balance'), {});
    badge.setAttribute('customer', '7321987654321');
    document.body.append(badge);
    const key = `omneo-widgets:v1:${tenant}:customer:7321987654321`;
    sessionStorage.setItem(key, '{}');
    const otherTab = otherTabHearing(tenant);
    const { heard } = otherTab;
    try {
      await import('../../src/index.js');
      expect(sessionStorage.getItem(key), "her entry, which her element's store reads").to.not.equal(null);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard, 'notices to her other tabs').to.deep.equal([]);
    } finally {
      otherTab.close();
      badge.remove();
      sessionStorage.clear();
      block.remove();
    }
  });
});
