import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/wishlist-button/define.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

// Its own test file, so its own page: what is said once per page has not been said by other tests.
describe('attribute mistakes are said once per page, naming the attribute', () => {
  let scope: TestScope;
  let lines: string[];
  const originals = { error: console.error, warn: console.warn };
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
    lines = [];
    console.error = (...args: unknown[]) => void lines.push(args.join(' '));
    console.warn = (...args: unknown[]) => void lines.push(args.join(' '));
  });
  afterEach(() => Object.assign(console, originals));

  it('a grid of hearts without a sku (an empty template variable): one line, every heart disabled', async () => {
    const grid = fixtureSync(html`<div>
      ${['', '', '  '].map((sku) => html`<omneo-wishlist-button sku=${sku} token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-wishlist-button>`)}
      <omneo-wishlist-button token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-wishlist-button>
    </div>`);
    const hearts = [...grid.children];
    for (const el of hearts) await until(() => el.shadowRoot?.querySelector('[part~="button"][aria-pressed]'), 4000, 'the heart');
    for (const el of hearts) expect((el.shadowRoot!.querySelector('[part~="button"]') as HTMLButtonElement).disabled).to.equal(true);
    expect(lines.filter((line) => line.includes('needs a sku'))).to.have.length(1);
  });
});
