import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/wishlist-button/define.js';
import '../../src/components/wishlist/define.js';
import type { OmneoWishlist } from '../../src/components/wishlist/wishlist.js';
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

  it('variant="compakt" and heading-level="9": said once each, with what is used instead', async () => {
    const cards = fixtureSync(html`<div>
      ${[1, 2, 3].map(() => html`<omneo-points-balance variant="compakt" heading-level="9" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`)}
    </div>`);
    for (const el of cards.children) await until(() => el.shadowRoot?.querySelector('[part=points]'), 4000, 'the card');
    expect(lines.filter((line) => line.includes('variant "compakt" is not default or compact; the card is shown.'))).to.have.length(1);
    expect(lines.filter((line) => line.includes('heading-level "9" is not 1–6; 2 is used.'))).to.have.length(1);
    // A valid level says nothing.
    const valid = fixtureSync(html`<omneo-points-balance heading-level="3" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`);
    await until(() => valid.shadowRoot?.querySelector('[part=points]'), 4000, 'the card');
    expect(lines.filter((line) => line.includes('heading-level "3"'))).to.deep.equal([]);
  });

  it('variant taken away (removeAttribute, or Vue binding undefined as ""): the card, nothing said', async () => {
    const card = fixtureSync(html`<omneo-points-balance variant="compact" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase}></omneo-points-balance>`);
    await until(() => card.shadowRoot?.querySelector('[part~="badge"]'), 4000, 'the badge');
    card.removeAttribute('variant');
    await until(() => card.shadowRoot?.querySelector('[part=points]'), 4000, 'the card');
    (card as unknown as { variant: string }).variant = 'compact';
    await until(() => card.shadowRoot?.querySelector('[part~="badge"]'), 4000, 'the badge again');
    (card as unknown as { variant: string }).variant = '';
    await until(() => card.shadowRoot?.querySelector('[part=points]'), 4000, 'the card again');
    expect(lines.filter((line) => line.includes('variant'))).to.deep.equal([]);
  });

  it('page-size="ten" and "0" on wishlists: said once each, with what is used instead; a whole number says nothing', async () => {
    const lists = fixtureSync(html`<div>
      ${['ten', 'ten', '0', '12'].map((pageSize) => html`<omneo-wishlist page-size=${pageSize} token-endpoint=${scope.tokenEndpoint('olivia')} api-base=${scope.apiBase}></omneo-wishlist>`)}
    </div>`);
    for (const el of lists.children) await until(() => el.shadowRoot?.querySelector('[part~="item"]'), 6000, 'the rows');
    expect(lines.filter((line) => line.includes('page-size "ten" is not a whole number above 0; 50 rows a page are shown.'))).to.have.length(1);
    expect(lines.filter((line) => line.includes('page-size "0" is not a whole number above 0; 50 rows a page are shown.'))).to.have.length(1);
    expect(lines.filter((line) => line.includes('page-size "12"'))).to.deep.equal([]);
  });

  it('page-size taken away (a framework binding it to nothing) or its property set to undefined: no mistake, nothing said', async () => {
    const list = fixtureSync<OmneoWishlist>(html`<omneo-wishlist page-size="1" token-endpoint=${scope.tokenEndpoint('olivia')} api-base=${scope.apiBase}></omneo-wishlist>`);
    await until(() => list.shadowRoot?.querySelector('[part~="item"]'), 6000, 'the rows');
    list.removeAttribute('page-size');
    await list.updateComplete;
    (list as { pageSize: number | undefined }).pageSize = undefined; // as a React wrapper's unset prop
    await list.updateComplete;
    expect(lines.filter((line) => line.includes('page-size'))).to.deep.equal([]);
  });

  it('pageSize set to the attribute\'s text ("2", as React 19 and Vue set a property from a string): 2 rows a page, nothing said', async () => {
    const list = fixtureSync<OmneoWishlist>(html`<omneo-wishlist .pageSize=${'2' as never} token-endpoint=${scope.tokenEndpoint('olivia')} api-base=${scope.apiBase}></omneo-wishlist>`);
    const rows = () => list.shadowRoot!.querySelectorAll('[part~="item"]').length;
    await until(() => rows() > 0, 6000, 'the rows');
    await list.updateComplete;
    expect(rows()).to.equal(2);
    (list.shadowRoot!.querySelector('[part~="more-button"]') as HTMLButtonElement).click();
    await list.updateComplete;
    expect(rows()).to.equal(4);
    // Text that is no number is still the mistake it was.
    (list as { pageSize: unknown }).pageSize = 'two';
    await list.updateComplete;
    expect(lines.filter((line) => line.includes('page-size'))).to.deep.equal(['omneo-widgets: page-size "two" is not a whole number above 0; 50 rows a page are shown.']);
  });
});
