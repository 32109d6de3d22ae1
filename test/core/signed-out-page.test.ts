import { expect } from '@open-wc/testing';
import { otherTabHearing } from '../helpers/other-tab.js';
import { until } from '../helpers/page.js';

// Its own test file, so its own page: the npm entry is imported below, on a page that already says nobody is signed in.
describe('the npm build on a page saying nobody is signed in, without any element (where a sign-out link lands)', () => {
  it("clears what the tab cached of the page config's tenant, and only that, and tells the other tabs once", async () => {
    // Its own tenant: the other test file running in the browser's other tab hears this page's notices too.
    const tenant = `signed-out-${Math.random().toString(36).slice(2, 10)}`;
    const block = Object.assign(document.createElement('script'), { type: 'application/json', id: 'omneo-config' });
    block.textContent = JSON.stringify({ tenant, tokenEndpoint: '/apps/omneo/token', customer: '' });
    document.head.append(block);
    sessionStorage.setItem(`omneo-widgets:v1:${tenant}:customer:7321987654321`, '{}');
    sessionStorage.setItem(`omneo-widgets:v1:${tenant}-other:customer:7321987654321`, '{}');
    const otherTab = otherTabHearing(tenant);
    const { heard } = otherTab;
    try {
      await import('../../src/index.js');
      expect(document.querySelector('omneo-points-balance, omneo-rewards')).to.equal(null);
      expect(sessionStorage.getItem(`omneo-widgets:v1:${tenant}:customer:7321987654321`), "the page's tenant's entry").to.equal(null);
      expect(sessionStorage.getItem(`omneo-widgets:v1:${tenant}-other:customer:7321987654321`), "another tenant's entry").to.equal('{}');
      await until(() => heard.length > 0, 2000, 'the notice');
      // Said again by the page (its block read anew, a configure() of another key): nothing more to tell.
      const { configure } = await import('../../src/index.js');
      configure({ locale: 'en-AU' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).to.deep.equal([{ scope: tenant, logout: true }]);
    } finally {
      otherTab.close();
      sessionStorage.clear();
      block.remove();
    }
  });
});
