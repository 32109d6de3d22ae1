import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/tier-progress/define.js';
import { newScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** Console errors while `run` runs, and the developer diagnostics it set off (they load on demand: src/core/diagnostics.ts). */
async function consoleErrors(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  try {
    await run();
    await import('../../src/core/diagnostics.js');
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    console.error = original;
  }
  return errors;
}

describe('a URL set up wrong is named on the console, once', () => {
  beforeEach(() => resetPage());

  for (const [mistake, wrongBase] of [
    ["the admin API's base for the ID API's", (base: string) => base.replace('/id/api/v1', '/api/v3')],
    ['a base without /id/api/v1', (base: string) => base.replace('/id/api/v1', '')],
  ] as const) {
    it(`api-base: ${mistake}`, async () => {
      const scope = await newScope();
      const apiBase = wrongBase(scope.apiBase);
      let elements: Element[] = [];
      const errors = await consoleErrors(async () => {
        const wrapper = fixtureSync(html`<div>
          <omneo-points-balance token-endpoint=${scope.tokenEndpoint('ava')} api-base=${apiBase}></omneo-points-balance>
          <omneo-points-balance variant="compact" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${apiBase}></omneo-points-balance>
        </div>`);
        elements = [...wrapper.children];
        for (const el of elements) await until(() => part(el, 'retry-button'), 4000, 'error state with Retry');
      });
      // The shopper: the error state with Retry. The developer: one line naming the setting, for two elements
      // and their several resources.
      for (const el of elements) expect(text(el)).to.include('Retry');
      const named = errors.filter((line) => line.startsWith('omneo-widgets:'));
      expect(named, errors.join('\n')).to.have.length(1);
      expect(named[0]).to.include('404').and.include(`api-base (${apiBase})`).and.include('/id/api/v1');
    });
  }

  it('tiers-endpoint answering a storefront page', async () => {
    const scope = await newScope();
    let el!: Element;
    const errors = await consoleErrors(async () => {
      // The test server's page for `/`: HTML with status 200, as a storefront page would be.
      el = await fixture(html`<omneo-tier-progress tiers-endpoint="/" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-tier-progress>`);
      await until(() => text(el).includes('Retry'), 4000, 'the ladder error');
    });
    expect(text(el)).to.include('Silver'); // the rest of the card is there
    const named = errors.filter((line) => line.startsWith('omneo-widgets:'));
    expect(named, errors.join('\n')).to.have.length(1);
    expect(named[0]).to.include(`${location.origin}/`).and.include('not valid JSON').and.include('Check tiers-endpoint');
  });

  it("tiers-endpoint answering 404 (a path the storefront does not serve): the line says the storefront's URL answered, not Omneo", async () => {
    const scope = await newScope();
    const tiers = `/no-such-tiers-${Math.random().toString(36).slice(2)}`;
    let el!: Element;
    const errors = await consoleErrors(async () => {
      el = await fixture(html`<omneo-tier-progress tiers-endpoint=${tiers} token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-tier-progress>`);
      await until(() => text(el).includes('Retry'), 4000, 'the ladder error');
    });
    const named = errors.filter((line) => line.startsWith('omneo-widgets:'));
    expect(named, errors.join('\n')).to.have.length(1);
    expect(named[0]).to.include(`${location.origin}${tiers} answered 404`).and.include('Check tiers-endpoint').and.not.include('Omneo');
  });

  it('a 401 that a new token does not mend names the token endpoint as well as api-base (a token minted for another tenant)', async () => {
    const scope = await newScope();
    await scope.addFaults({ path: '/profiles/me/balances', status: 401, times: 10 });
    const errors = await consoleErrors(async () => {
      const el = await fixture(html`<omneo-points-balance variant="compact" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`);
      await until(() => part(el, 'retry-button') ?? text(el).includes('unavailable'), 8000, 'error state');
    });
    const named = errors.filter((line) => line.startsWith('omneo-widgets:'));
    expect(named, errors.join('\n')).to.have.length(1);
    expect(named[0]).to.include('401').and.include('api-base').and.include('token endpoint mints').and.not.include('..');
  });

  it('says nothing for a failure a Retry can mend (a 500)', async () => {
    const scope = await newScope();
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 10 });
    const errors = await consoleErrors(async () => {
      const el = await fixture(html`<omneo-points-balance token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`);
      await until(() => part(el, 'retry-button'), 8000, 'error state');
    });
    expect(errors.filter((line) => line.startsWith('omneo-widgets:'))).to.deep.equal([]);
  });
});
