/**
 * Payloads that parse but are odd (test/server/payload-fuzz.test.ts covers the ones that do not): currencies with
 * 0 and 3 decimals, negative and huge balances, fractional points, a reward worth nothing or with more left than it
 * was worth, tiers with a 0 threshold, a next threshold below the current one, no names, dates in 1970 and 9999.
 * Each element, fed them through the mock's per-request overrides, shows figures a shopper can read: no NaN,
 * Invalid Date, "undefined" or "[object …]", no error state, nothing outside its box.
 */
import { expect, fixture } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/tier-progress/define.js';
import '../../src/components/reward-wallet/define.js';
import '../../src/components/wishlist/define.js';
import { newScope, type FaultRule, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (el: Element) => squash(el.shadowRoot?.textContent);
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const NONSENSE = /NaN|Invalid Date|undefined|\[object|Infinity|\bnull\b/;

/** Money as Intl writes it in en-AU (JPY is "JPY 1,250" there, not "¥1,250"), with ordinary spaces. */
const money = (value: number, currency: string, digits: number) =>
  new Intl.NumberFormat('en-AU', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value).replace(/\s/g, ' ');

const balances = (fields: Record<string, unknown>) => ({
  data: { point_balance: 1250, point_balance_dollars: 12.5, reward_balance: 35, combined_balance_dollars: 47.5, ...fields },
});

describe('odd payloads that parse: every element shows them sensibly', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  async function mount(tag: string, faults: FaultRule[], attrs = '') {
    await scope.addFaults(faults.map((rule) => ({ status: 200, times: 20, ...rule })));
    const el = await fixture<HTMLElement>(`<${tag} token-endpoint="${scope.tokenEndpoint('ava')}" api-base="${scope.apiBase}" locale="en-AU" ${attrs}></${tag}>`);
    await until(() => !el.shadowRoot?.querySelector('[aria-busy="true"]') && text(el), 6000, `${tag} loaded`);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    // The alert's text, not the element: a failure message holding a DOM node never reached the runner (the run hung).
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? null, `${tag}: ${text(el)}`).to.equal(null);
    expect(text(el)).not.to.match(NONSENSE);
    return el;
  }

  describe('<omneo-points-balance>', () => {
    it('JPY (no minor unit), sent in lower case: whole yen, never "12.50"', async () => {
      const el = await mount('omneo-points-balance', [{ path: '/profiles/me/balances', body: balances({ point_balance_dollars: 1250.4, combined_balance_dollars: 4750, currency: 'jpy' }) }]);
      expect(squash(part(el, 'value')?.textContent)).to.equal(`Worth ${money(1250, 'JPY', 0)}`);
      expect(squash(part(el, 'spendable')?.textContent)).to.equal(`${money(4750, 'JPY', 0)} to spend, including rewards`);
    });

    it('KWD (three decimals), as an exchange-rate object: fils kept', async () => {
      const el = await mount('omneo-points-balance', [
        { path: '/profiles/me/balances', body: balances({ point_balance_dollars: '3.125', combined_balance_dollars: '12.345', currency: { from: 'KWD', to: 'KWD', rate: '1.0000' } }) },
      ]);
      expect(squash(part(el, 'value')?.textContent)).to.equal(`Worth ${money(3.125, 'KWD', 3)}`);
      expect(squash(part(el, 'spendable')?.textContent)).to.equal(`${money(12.345, 'KWD', 3)} to spend, including rewards`);
    });

    for (const points of [Number.MAX_SAFE_INTEGER + 2, 1e21, 476569696685789, 0.5, -0.25]) {
      it(`${points} points: a readable figure in the card and the badge`, async () => {
        const card = await mount('omneo-points-balance', [{ path: '/profiles/me/balances', body: balances({ point_balance: points }) }]);
        expect(squash(part(card, 'points')?.textContent)).to.contain(new Intl.NumberFormat('en-AU', { maximumFractionDigits: 2 }).format(points));
        resetPage();
        scope = await newScope();
        const badge = await mount('omneo-points-balance', [{ path: '/profiles/me/balances', body: balances({ point_balance: points }) }], 'variant="compact"');
        expect(squash(badge.shadowRoot!.querySelector('.label')?.textContent)).to.equal(new Intl.NumberFormat('en-AU', { maximumFractionDigits: 2 }).format(points));
      });
    }
  });

  describe('<omneo-tier-progress>', () => {
    const progress = (fields: Record<string, unknown>) => ({
      data: {
        is_floor: false,
        current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: 400 },
        next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 1500, value_maintain: 1200 },
        current_credit: 50, current_progress: 300, current_remain: 50, next_progress: 1100, next_remain: 400,
        anniversary_at: '2026-03-14 00:00:00',
        ...fields,
      },
    });
    const bar = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('[role="progressbar"]')!;

    it('no current tier yet, a next one (below the first tier of a program without a base tier): no blank tier-name line, the way to the next', async () => {
      const el = await mount('omneo-tier-progress', [
        {
          path: '/profiles/me/tiers',
          body: progress({ current_tier: null, next_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500 }, current_progress: 0, current_remain: null, next_progress: 200, next_remain: 300 }),
        },
      ]);
      expect(part(el, 'tier-name')).to.equal(null);
      expect(squash(part(el, 'to-next')?.textContent)).to.equal('300 tier points to Silver');
      expect(bar(el).getAttribute('aria-valuenow')).to.equal('40');
      expect(part(el, 'maintain')).to.equal(null);
      // Nothing drawn between the heading and the bar's ends but the card's gap (a blank tier-name line made it 40 px).
      const gap = part(el, 'ends')!.getBoundingClientRect().top - part(el, 'heading')!.getBoundingClientRect().bottom;
      expect(gap).to.be.lessThan(20);
      await expect(el).to.be.accessible();
    });

    it('a clawback at the top tier (earned -1): the figure with its sign, in the plural form that shows it, never "-1 tier point"', async () => {
      const el = await mount('omneo-tier-progress', [
        {
          path: '/profiles/me/tiers',
          body: progress({
            current_tier: { id: 4, name: 'Platinum', handle: 'platinum', value_min: 3000, value_maintain: 2500 },
            next_tier: null, next_progress: null, next_remain: null, current_progress: -1, current_credit: 0, current_remain: null,
          }),
        },
      ]);
      expect(squash(part(el, 'figures')?.textContent)).to.equal('-1 tier points earned (2,500 needed to keep Platinum)');
      expect(bar(el).getAttribute('aria-valuetext')).to.equal('-1 tier points earned (2,500 needed to keep Platinum)');
    });

    it('a next tier with a 0 threshold and no next_remain: named, with no figure and no bar, never "reached"', async () => {
      // A 0 threshold reads the same as a missing one (the schema's default), and with no next_remain nothing says how
      // far Gold is: the card promised "You have the tier points for Gold" under a full bar (f85bd14 decided).
      const el = await mount('omneo-tier-progress', [
        { path: '/profiles/me/tiers', body: progress({ next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 0 }, next_remain: null }) },
      ]);
      expect(el.shadowRoot!.querySelector('[role="progressbar"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="to-next"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Your next tier is Gold.');
    });

    it('a next tier with a 0 threshold that Omneo says is reached (next_remain 0): reached, bar full', async () => {
      const el = await mount('omneo-tier-progress', [
        { path: '/profiles/me/tiers', body: progress({ next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 0 }, next_remain: 0 }) },
      ]);
      expect(bar(el).getAttribute('aria-valuenow')).to.equal('100');
    });

    it('a next threshold below the current one and below what was earned: reached, never a negative figure', async () => {
      const el = await mount('omneo-tier-progress', [
        { path: '/profiles/me/tiers', body: progress({ next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 100 }, next_remain: null }) },
      ]);
      expect(bar(el).getAttribute('aria-valuenow')).to.equal('100');
      expect(text(el)).not.to.match(/-\d/);
    });

    it('tiers without names: the card names them itself', async () => {
      const el = await mount('omneo-tier-progress', [
        { path: '/profiles/me/tiers', body: progress({ current_tier: { id: 2, name: '', value_maintain: 400 }, next_tier: { id: 3, name: '  ', value_min: 1500 } }) },
      ]);
      expect(text(el)).not.to.match(/\s(to|keep)\s*[.,(]|""/);
      expect(bar(el).getAttribute('aria-label')).to.match(/\w/);
    });

    it('an anniversary on 9999-12-31: a real date', async () => {
      const el = await mount('omneo-tier-progress', [{ path: '/profiles/me/tiers', body: progress({ anniversary_at: '9999-12-31 00:00:00' }) }]);
      expect(squash(part(el, 'maintain')?.textContent)).to.contain('9999');
    });

    it('an anniversary on 1970-01-01 (a placeholder, long passed): no date, never "by 1 Jan 1970"', async () => {
      const el = await mount('omneo-tier-progress', [{ path: '/profiles/me/tiers', body: progress({ anniversary_at: '1970-01-01 00:00:00' }) }]);
      expect(squash(part(el, 'maintain')?.textContent)).to.equal('Earn 50 more tier points to keep Silver.');
    });

    it('fractional and huge figures', async () => {
      const el = await mount('omneo-tier-progress', [
        { path: '/profiles/me/tiers', body: progress({ next_progress: 1e21, next_remain: 0.5, next_tier: { id: 3, name: 'Gold', value_min: 1e21 + 1 } }) },
      ]);
      expect(Number(bar(el).getAttribute('aria-valuenow'))).to.be.within(0, 100);
    });

    // A profile with no tier assigned: what Omneo answers then is unconfirmed (its SDK disabled its tier tests), and a
    // Laravel resource with nothing in it is `null` or, PHP-encoded, `[]`. Either is the shopper's "no tier yet", not
    // an unreadable answer whose Retry could never mend it.
    for (const data of [null, []]) {
      it(`no tier assigned, sent as {"data": ${JSON.stringify(data)}}: the empty state, not an error`, async () => {
        const el = await mount('omneo-tier-progress', [{ path: '/profiles/me/tiers', body: { data } }]);
        expect(squash(part(el, 'empty')?.textContent)).to.contain('No tier yet');
      });
    }
  });

  describe('<omneo-reward-wallet>', () => {
    const reward = (id: number, fields: Record<string, unknown>) => ({
      id, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 10, is_expired: false, is_active: true,
      expires_at: '2030-01-01 00:00:00', definition: { name: `Reward ${id}` }, ...fields,
    });
    const rows = (el: HTMLElement) => parts(el, 'reward').map((row) => [squash(row.querySelector('.name')?.textContent), squash(row.querySelector('.value')?.textContent)]);

    it('a reward worth nothing, one with more left than it was worth, and dates in 1970 and 9999', async () => {
      const el = await mount(
        'omneo-reward-wallet',
        [
          {
            path: '/profiles/me/rewards',
            body: {
              data: [
                reward(1, { value_initial: 0, value_remaining: 0 }),
                reward(2, { value_initial: 10, value_remaining: 25 }),
                reward(3, { expires_at: '9999-12-31 23:59:59' }),
                reward(4, { expires_at: '1970-01-01 00:00:00' }),
              ],
            },
          },
        ],
        'filter="all"',
      );
      await until(() => parts(el, 'reward').length === 4, 4000, 'four rewards');
      const shown = Object.fromEntries(rows(el));
      expect(shown).to.deep.equal({ 'Reward 1': '$0', 'Reward 2': '$25', 'Reward 3': '$10', 'Reward 4': '$10' });
      expect(text(el)).to.match(/Reward 1\$0 Used/);
      expect(text(el)).to.match(/Reward 4\$10 Expired Ended 1 Jan 1970/);
      // 23:59:59 on 31 Dec 9999 UTC is already 1 Jan 10000 in Sydney, the reward's zone: shown as Intl writes it.
      expect(text(el)).to.match(/Reward 3\$10 Active Expires 1 Jan 10000/);
    });

    it('a reward with no expiry date (expires_at null): "No expiry date", and it stays in the active view', async () => {
      const el = await mount('omneo-reward-wallet', [
        { path: '/profiles/me/rewards', body: { data: [reward(1, { expires_at: null }), reward(2, { expires_at: null, value_remaining: 4 })] } },
      ]);
      await until(() => parts(el, 'reward').length === 2, 4000, 'the rewards');
      const metas = parts(el, 'reward').map((row) => squash(row.querySelector('.meta')?.textContent));
      expect(metas).to.deep.equal(['Active No expiry date', 'Partly used No expiry date']);
    });

    // omneo-api.md §4: HTML is certain in long_description and terms_conditions, "maybe other copy". The short
    // description and the online instructions are copy too: markup and entities in them read as text, not as code.
    it('markup and entities in the short copy (descriptions, online instructions): plain text, as the details are', async () => {
      const el = await mount('omneo-reward-wallet', [
        { path: '/profiles/me/rewards', body: { data: [reward(1, { definition: { name: 'Shoes', short_description: '<p>Shoes &amp; bags <strong>only</strong></p>' } })] } },
        {
          path: '/profiles/me/benefits',
          body: {
            data: [
              {
                id: 9, is_expired: false, is_redeemable: true, redemptions_remaining: 1, expires_at: null, redeem_code_online: 'CODE9',
                definition: { name: 'Perk', short_description: 'Free gift&nbsp;wrap', redeem_instructions_online: 'Enter the code at <b>checkout</b> &gt; Apply.' },
              },
            ],
          },
        },
      ]);
      await until(() => parts(el, 'benefit').length === 1, 4000, 'the benefit');
      expect(squash(parts(el, 'reward')[0]!.querySelector('.description')?.textContent)).to.equal('Shoes & bags only');
      const benefit = squash(parts(el, 'benefit')[0]!.textContent);
      expect(benefit).to.contain('Free gift wrap').and.to.contain('Enter the code at checkout > Apply.');
      expect(text(el)).not.to.match(/<\/?(p|b|strong)>|&amp;|&nbsp;/);
    });

    for (const [code, remaining, initial, expected] of [
      ['JPY', 1500, 2000, `${money(1500, 'JPY', 0)} left of ${money(2000, 'JPY', 0)}`],
      ['KWD', 1.125, 2.5, `${money(1.125, 'KWD', 3)} left of ${money(2.5, 'KWD', 3)}`],
    ] as const) {
      it(`${code}: amounts in the currency's own minor unit`, async () => {
        const el = await mount('omneo-reward-wallet', [
          { path: '/profiles/me/rewards', body: { data: [reward(1, { value_initial: initial, value_remaining: remaining })] } },
          { path: '/profiles/me/balances', body: balances({ reward_balance: remaining, currency: code.toLowerCase() }) },
        ]);
        await until(() => parts(el, 'reward').length === 1, 4000, 'the reward');
        expect(rows(el)[0]![1]).to.equal(expected);
      });
    }
  });

  describe('<omneo-wishlist>', () => {
    it('prices of 0, negative, huge, a sale above the full price, and in yen', async () => {
      const item = (id: number, sku: string, variant: Record<string, unknown>, currency: string | null = 'AUD') => ({
        id, quantity: 1, product_variant: { sku, title: `Item ${id}`, images: [], options: [], ...variant }, product: { title: `Item ${id}`, currency },
      });
      const el = await mount('omneo-wishlist', [
        {
          path: '^/profiles/me/lists$',
          body: {
            data: [
              {
                id: 1, handle: 'wishlist', name: 'Wishlist',
                items: [
                  item(1, 'A', { price: 0 }),
                  item(2, 'B', { price: -5 }),
                  item(3, 'C', { price: 1e12 }),
                  item(4, 'D', { price: 50, price_discounted: 80 }),
                  item(5, 'E', { price: 1250.5 }, 'jpy'),
                ],
              },
            ],
          },
        },
      ]);
      await until(() => parts(el, 'item').length === 5, 4000, 'five items');
      const prices = parts(el, 'item').map((row) => squash(row.querySelector('[part~="price"]')?.textContent));
      expect(prices.slice(0, 4)).to.deep.equal(['$0', '-$5', '$1,000,000,000,000', '$50']);
      expect(prices[4]).to.equal(money(1251, 'JPY', 0));
    });
  });
});
