import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/reward-wallet/define.js';
import '../../src/components/wishlist/define.js';
import { CONFIRM_GUARD_MS, type OmneoRewardWallet } from '../../src/components/reward-wallet/reward-wallet.js';
import { SEED_NOW } from '../../server/mock-omneo/dates.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { fontSize, untilRendered, resetPage, until } from '../helpers/page.js';
import { rgba, textContrast } from '../helpers/contrast.js';
import { expectContained } from '../helpers/layout.js';
import { logout, refresh, resetRuntimes } from '../../src/core/runtime.js';
import { configure } from '../../src/core/config.js';
import { registerCatalogue } from '../../src/localisation.js';
import { endpointTokenSource } from '../../src/api/token-provider.js';

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const text = (el: Element) => squash(el.shadowRoot?.textContent);
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const benefitItem = (el: Element, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`li[data-benefit="${id}"]`);
const inBenefit = (el: Element, id: string, name: string) => benefitItem(el, id)?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const rewardNames = (el: Element) => parts(el, 'reward').map((item) => squash(item.querySelector('.name')?.textContent));
const activeElement = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Presses Redeem on `benefitId`, waits for its confirm step and then out the double-click guard, as a shopper reading
 * the question does: the Confirm button it returns is ready to take a press.
 */
async function openConfirm(el: Element, benefitId: string): Promise<HTMLElement> {
  inBenefit(el, benefitId, 'redeem-button')!.click();
  const confirmButton = await until(() => inBenefit(el, benefitId, 'confirm-button'), 2000, 'confirm button');
  await pause(CONFIRM_GUARD_MS);
  return confirmButton;
}

/**
 * From a confirm step that has just opened (focus on its question): wait out the double-click guard, as a shopper
 * reading the question does, then Tab to Confirm.
 */
async function tabToConfirm(el: Element) {
  await pause(CONFIRM_GUARD_MS);
  await sendKeys({ press: 'Tab' });
  expect(activeElement(el)?.getAttribute('part')).to.equal('confirm-button');
}

/** Whether, in the first text node that reads `text`, its start is drawn to the left of its end (as in English). */
function readsLeftToRight(root: ShadowRoot, text: string, first: string, last: string): boolean {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node.nodeValue ?? '').indexOf(text);
    if (at < 0) continue;
    const rect = (offset: number, length: number) => {
      const range = document.createRange();
      range.setStart(node, at + offset);
      range.setEnd(node, at + offset + length);
      return range.getBoundingClientRect();
    };
    return rect(text.indexOf(first), first.length).left < rect(text.lastIndexOf(last), last.length).left;
  }
  throw new Error(`"${text}" is not on screen`);
}

/** The date the shopper sees for a seeded timestamp: the mock shifts seeded dates by (its clock − the seed's now). */
function seededDate(seed: string, timeZone = 'Australia/Sydney', locale = 'en-AU'): string {
  const shifted = new Date(Date.parse(seed) + Date.now() - SEED_NOW.getTime());
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(shifted);
}

describe('<omneo-reward-wallet>', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  async function mount(persona: string, locale = 'en-AU') {
    return fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
      token-endpoint=${scope.tokenEndpoint(persona)}
      api-base=${scope.apiBase}
      locale=${locale}
    ></omneo-reward-wallet>`);
  }
  const loaded = (el: Element) => until(() => part(el, 'rewards') ?? part(el, 'benefits') ?? part(el, 'empty'), 5000, 'wallet');

  it('shows a skeleton while loading, the same size as the loaded wallet', async () => {
    await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 400 });
    const el = await mount('ava');
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]') !== null).to.equal(true);
    const loadingHeight = el.getBoundingClientRect().height;
    await expect(el).to.be.accessible();
    await loaded(el);
    // The skeleton reserves the reference wallet's rows (2 usable rewards, 2 benefits) with the same metrics.
    expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.lessThan(1);
  });

  it("styles every heading through parts, the sections' too (a luxury theme's uppercase, spaced headings), loading and loaded alike", async () => {
    const style = document.createElement('style');
    style.textContent = 'omneo-reward-wallet::part(heading), omneo-reward-wallet::part(section-heading) { text-transform: uppercase; letter-spacing: 0.2em; font-family: serif }';
    document.head.append(style);
    try {
      await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 400 });
      const el = await mount('ava');
      const headings = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="heading"]')].map((heading) => `${squash(heading.textContent)}: ${getComputedStyle(heading).textTransform}`);
      // Before, "Rewards" and "Benefits" had no part: they stayed as they were under an uppercase "Your wallet".
      expect(headings()).to.deep.equal(['Your wallet: uppercase', 'Rewards: uppercase', 'Benefits: uppercase']);
      const loadingHeight = el.getBoundingClientRect().height;
      await loaded(el);
      expect(headings()).to.deep.equal(['Your wallet: uppercase', 'Rewards: uppercase', 'Benefits: uppercase']);
      expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.lessThan(1);
    } finally {
      style.remove();
    }
  });

  describe('the skeleton at a phone width', () => {
    // The skeleton draws the reference wallet (Ava's) with the loaded rows' own boxes and wrapping, so it is as tall
    // as her wallet at any width, in any language. Sized for a desktop row before: at 320 px it was hundreds of
    // pixels shorter than her wallet, and everything below jumped when the data came.
    // The rows the skeleton draws are the ones its filter lists: with filter="all" it drew Ava's two usable rewards
    // and her wallet listed four, 608 px against 781 px at 320 px, and everything below moved when the data came.
    const cases: ReadonlyArray<readonly [number, string, 'all' | 'inactive'] | readonly [number, string]> = [
      [320, 'en-AU'],
      [320, 'fr-FR'],
      [320, 'ar'],
      [768, 'fr-FR'],
      [320, 'en-AU', 'all'],
      [320, 'en-AU', 'inactive'],
      [768, 'en-AU', 'all'],
    ];
    for (const [width, locale, filter] of cases) {
      it(`is as tall as Ava's wallet (${locale}, ${width}px${filter ? `, filter="${filter}"` : ''})`, async () => {
        await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 600 });
        // Sized on the element itself (see "at a phone width"), in the demo storefront's sans-serif.
        const el = await fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
          style=${`inline-size: ${width}px; font: 16px ui-sans-serif, system-ui, sans-serif`}
          token-endpoint=${scope.tokenEndpoint('ava')}
          api-base=${scope.apiBase}
          locale=${locale}
          filter=${filter ?? 'active'}
        ></omneo-reward-wallet>`);
        expect(el.shadowRoot!.querySelector('[aria-busy="true"]') !== null, 'the skeleton is on screen').to.equal(true);
        const skeletonHeight = el.getBoundingClientRect().height;
        await expect(el).to.be.accessible();
        await loaded(el);
        await el.updateComplete;
        const loadedHeight = el.getBoundingClientRect().height;
        expect(Math.abs(loadedHeight - skeletonHeight), `skeleton ${skeletonHeight}px, loaded ${loadedHeight}px`).to.be.lessThan(2);
      });
    }
  });

  it("shows Ava's usable rewards first with remaining value, status and expiry in the reward's time zone", async () => {
    const el = await mount('ava');
    const ready = await oneEvent(el, 'omneo-ready');
    expect(ready.detail.element).to.equal('omneo-reward-wallet');
    await loaded(el);
    expect(squash(part(el, 'summary')!.textContent)).to.equal('$35 in rewards to spend');
    expect(rewardNames(el)).to.deep.equal(['Birthday $20', '$25 spend reward']);
    const [birthday, spend] = parts(el, 'reward');
    expect(birthday!.getAttribute('part')).to.equal('reward reward-active');
    expect(squash(birthday!.querySelector('.value')!.textContent)).to.equal('$20');
    expect(squash(birthday!.querySelector('.meta')!.textContent)).to.equal(`Active Expires soon: ${seededDate('2025-12-08 12:59:59Z')}`);
    expect(spend!.getAttribute('part')).to.equal('reward reward-partly-used');
    expect(squash(spend!.querySelector('.value')!.textContent)).to.equal('$15 left of $25');
    expect(squash(spend!.querySelector('.meta')!.textContent)).to.equal(`Partly used Expires ${seededDate('2026-02-28 12:59:59Z')}`);
    expect(parts(el, 'filter-button').map((button) => [squash(button.textContent), button.getAttribute('aria-pressed')])).to.deep.equal([
      ['Active (2)', 'true'],
      ['Used & expired (2)', 'false'],
      ['All (4)', 'false'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('colours "Expires soon" with the warning token, else an amber with AA contrast on a light background', async () => {
    const el = await mount('ava');
    await loaded(el);
    const soon = () => parts(el, 'reward')[0]!.querySelector<HTMLElement>('.soon')!;
    // As painted: the default is computed from the text colour (a lighter amber under light text), so it is no rgb().
    expect(rgba(getComputedStyle(soon()).color)).to.deep.equal([138, 83, 0, 1]);
    // #8a5300 on white: 6.3:1.
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => ((value /= 255) <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    expect(1.05 / (luminance([138, 83, 0]) + 0.05)).to.be.at.least(4.5);
    el.style.setProperty('--omneo-color-warning', 'rgb(242, 193, 78)');
    expect(getComputedStyle(soon()).color).to.equal('rgb(242, 193, 78)');
  });

  for (const [locale, today] of [['en-AU', 'Expires today'], ['fr-FR', 'Expire aujourd’hui'], ['ar', 'تنتهي اليوم']] as const) {
    it(`says "${today}" for a reward that ends later today, not today's date (${locale})`, async () => {
      // Half an hour from now, in a zone where that is still today (any zone but one that passes midnight meanwhile).
      const ends = new Date(Date.now() + 30 * 60_000);
      const day = (date: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(date);
      const zone = ['Australia/Sydney', 'UTC', 'America/New_York'].find((each) => day(ends, each) === day(new Date(), each))!;
      const reward = (id: number, expires: Date) => ({
        id, timezone: zone, value_initial: 10, value_remaining: 10, is_expired: false, is_active: true,
        expires_at: expires.toISOString().slice(0, 19).replace('T', ' '), definition: { name: `Reward ${id}` },
      });
      // And one that ends in two days: still "soon", with its date.
      const later = new Date(Date.now() + 2 * 86_400_000);
      await scope.addFaults({ path: '/profiles/me/rewards', status: 200, body: { data: [reward(1, ends), reward(2, later)] }, times: 5 });
      const el = await mount('ava', locale);
      await loaded(el);
      const soon = parts(el, 'reward').map((row) => squash(row.querySelector('.soon')?.textContent));
      const laterDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(later);
      expect(soon[0]).to.equal(today);
      expect(soon[1]).to.contain(laterDate);
      await expect(el).to.be.accessible();
    });
  }

  it("shows amounts in the profile's currency when the balances name none (never a guessed AUD)", async () => {
    await scope.addFaults([
      { path: '/profiles/me/balances', status: 200, body: { data: { point_balance: 0, point_balance_dollars: 0, reward_balance: 35, combined_balance_dollars: 35 } }, times: 5 },
      { path: '^/profiles/me$', status: 200, body: { data: { id: 'a1b2', first_name: 'Ava', currency: 'GBP' } }, times: 5 },
    ]);
    const el = await fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
      token-endpoint=${scope.tokenEndpoint('ava')}
      api-base=${scope.apiBase}
      locale="en-GB"
    ></omneo-reward-wallet>`);
    await loaded(el);
    const summary = () => squash(part(el, 'summary')?.textContent);
    await until(() => summary().startsWith('£35'), 4000, 'the summary in pounds').catch(() => expect(summary()).to.equal('£35 in rewards to spend'));
    const [birthday, spend] = parts(el, 'reward');
    expect(squash(birthday!.querySelector('.value')!.textContent)).to.equal('£20');
    expect(squash(spend!.querySelector('.value')!.textContent)).to.equal('£15 left of £25');
    expect(await scope.count('/profiles/me')).to.equal(1);
  });

  it("judges rewards in the currency's minor unit: 4 fils left of a dinar reward is partly used, not used up", async () => {
    const reward = (id: number, remaining: number) => ({
      id, timezone: 'Asia/Kuwait', value_initial: 10, value_remaining: remaining, is_expired: false, is_active: true,
      expires_at: '2030-01-01 00:00:00', definition: { name: `Reward ${id}` },
    });
    await scope.addFaults([
      { path: '/profiles/me/rewards', status: 200, body: { data: [reward(1, 0.004), reward(2, 0)] }, times: 5 },
      { path: '/profiles/me/balances', status: 200, body: { data: { point_balance: 0, point_balance_dollars: 0, reward_balance: 0.004, combined_balance_dollars: 0.004, currency: 'KWD' } }, times: 5 },
    ]);
    const el = await mount('ava');
    await until(() => part(el, 'rewards'), 5000, 'rewards');
    const shown = () => parts(el, 'reward').map((row) => [squash(row.querySelector('.name')?.textContent), squash(row.querySelector('.value')?.textContent), row.getAttribute('part')]);
    expect(shown()).to.deep.equal([['Reward 1', 'KWD 0.004 left of KWD 10', 'reward reward-partly-used']]);
    expect(squash(part(el, 'summary')!.textContent)).to.equal('KWD 0.004 in rewards to spend');
    el.setAttribute('filter', 'inactive');
    await el.updateComplete;
    expect(shown()).to.deep.equal([['Reward 2', 'KWD 10', 'reward reward-used']]);
  });

  it('counts a reward balance of exactly one minor unit as something to spend ($0.01, JPY 1, KWD 0.001), not "nothing to spend"', async () => {
    for (const [balance, currency, summary] of [[0.01, 'AUD', '$0.01 in rewards to spend'], [1, 'JPY', 'JPY 1 in rewards to spend'], [0.001, 'KWD', 'KWD 0.001 in rewards to spend']] as const) {
      resetPage();
      scope = await newScope();
      await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: { data: { point_balance: 0, point_balance_dollars: 0, reward_balance: balance, combined_balance_dollars: balance, currency } }, times: 5 });
      const el = await mount('ava');
      await loaded(el);
      await until(() => squash(part(el, 'summary')?.textContent), 4000, `${currency} summary`);
      expect(squash(part(el, 'summary')!.textContent), currency).to.equal(summary);
    }
  });

  it('asks for no profile when the balances carry their currency', async () => {
    const el = await mount('ava');
    await loaded(el);
    await until(() => part(el, 'summary'), 4000, 'summary');
    expect(await scope.count('/profiles/me')).to.equal(0);
  });

  it('prints the pressed filter as the screen shows it (printing drops its fill, and its light label vanished on white paper), and no row split across pages', async () => {
    const el = await mount('ava');
    await loaded(el);
    const printed = parts(el, 'filter-button').map((button) => getComputedStyle(button).printColorAdjust);
    expect(printed).to.deep.equal(['exact', 'economy', 'economy']);
    // A row (a code with its name) is never split between two printed pages.
    expect([...el.shadowRoot!.querySelectorAll('[part~="reward"], [part~="benefit"]')].map((row) => getComputedStyle(row).breakInside)).to.have.members(['avoid', 'avoid', 'avoid', 'avoid']);
  });

  it('reads a mistyped filter attribute as the default view, with its button pressed', async () => {
    const el = await mount('ava');
    await loaded(el);
    el.setAttribute('filter', 'expired-only');
    await el.updateComplete;
    expect(rewardNames(el)).to.deep.equal(['Birthday $20', '$25 spend reward']);
    expect(parts(el, 'filter-button').map((button) => button.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'false']);
  });

  it('labels the filters as a rewards filter, beside the Rewards heading, and Tab goes from them into the rewards', async () => {
    const el = await mount('ava');
    await loaded(el);
    const filters = part(el, 'filters')!;
    expect(filters.getAttribute('role')).to.equal('group');
    expect(filters.getAttribute('aria-label')).to.equal('Filter rewards');
    // In the Rewards section's head, after its heading, before the rewards list; the benefits come after all of it.
    const head = filters.parentElement!;
    expect(head.querySelector('#rewards-heading')?.textContent).to.equal('Rewards');
    expect(head.firstElementChild!.id).to.equal('rewards-heading');
    const follows = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(filters, part(el, 'rewards')!)).to.equal(true);
    expect(follows(part(el, 'rewards')!, el.shadowRoot!.getElementById('benefits-heading')!)).to.equal(true);
    // Keyboard: through the three filters, then into the first reward (its Details), not past the rewards.
    const buttons = parts(el, 'filter-button');
    buttons[0]!.focus();
    await sendKeys({ press: 'Tab' });
    expect(activeElement(el)).to.equal(buttons[1]);
    await sendKeys({ press: 'Tab' });
    expect(activeElement(el)).to.equal(buttons[2]);
    await sendKeys({ press: 'Tab' });
    expect(activeElement(el)!.localName).to.equal('summary');
    expect(part(el, 'rewards')!.contains(activeElement(el))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('hides the filters when there are no rewards, and says nothing to spend without a "$0" headline (Olivia)', async () => {
    const el = await mount('olivia');
    await loaded(el);
    await until(() => squash(part(el, 'summary')?.textContent), 4000, 'summary');
    expect(part(el, 'filters')).to.equal(null);
    expect(parts(el, 'filter-button')).to.have.length(0);
    expect(text(el)).to.contain('No rewards yet.');
    const summary = part(el, 'summary')!;
    expect(squash(summary.textContent)).to.equal('Rewards you earn will show here, ready to spend.');
    expect(squash(summary.textContent)).to.not.match(/\$\s?0/);
    expect(getComputedStyle(summary).fontWeight).to.equal('400');
    // Her benefit is still there, with its code.
    expect(inBenefit(el, '7990', 'code')!.textContent).to.equal('SHIPFREE');
    await expect(el).to.be.accessible();
  });

  it('colours the balance headline with --omneo-wallet-summary-color, as the points and the tier name have tokens of their own; the sentence for nothing to spend stays muted', async () => {
    const el = await mount('ava');
    await until(() => squash(part(el, 'summary')?.textContent), 4000, 'summary');
    el.style.setProperty('--omneo-wallet-summary-color', 'rgb(194, 24, 91)');
    expect(getComputedStyle(part(el, 'summary')!).color).to.equal('rgb(194, 24, 91)');
    const none = await mount('olivia');
    await until(() => squash(part(none, 'summary')?.textContent), 4000, 'summary');
    none.style.setProperty('--omneo-wallet-summary-color', 'rgb(194, 24, 91)');
    expect(getComputedStyle(part(none, 'summary')!).color).to.not.equal('rgb(194, 24, 91)');
  });

  it('filters rewards from the keyboard: Used & expired, then All', async () => {
    const el = await mount('ava');
    await loaded(el);
    const [, inactive, all] = parts(el, 'filter-button');
    inactive!.focus();
    // ' ' is the Space key (code Space) in puppeteer's key map over CDP and over WebDriver BiDi; BiDi (Firefox) knows no 'Space'.
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(inactive!.getAttribute('aria-pressed')).to.equal('true');
    expect(rewardNames(el)).to.deep.equal(['Welcome $10', 'Winter bonus']);
    expect(parts(el, 'status').map((badge) => badge.textContent)).to.deep.equal(['Used', 'Expired']);
    expect(squash(parts(el, 'reward')[1]!.querySelector('.meta')!.textContent)).to.equal(`Expired Ended ${seededDate('2025-09-30 13:59:59Z')}`);
    await expect(el).to.be.accessible();
    all!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rewardNames(el)).to.have.length(4);
  });

  it('formats expiry in the reward’s own time zone, not the browser’s', async () => {
    const reward = (id: number, zone: string) => ({
      id, timezone: zone, value_initial: 10, value_remaining: 10, is_expired: false, is_active: true,
      expires_at: '2030-01-01 15:00:00', definition: { name: `Reward ${id}` },
    });
    await scope.addFaults({ path: '/profiles/me/rewards', status: 200, body: { data: [reward(1, 'Australia/Sydney'), reward(2, 'America/Los_Angeles')] } });
    const el = await mount('ava');
    await loaded(el);
    const metas = parts(el, 'reward').map((item) => squash(item.querySelector('.meta')!.textContent));
    // 15:00 UTC is already 2 January in Sydney and still 1 January in Los Angeles.
    expect(metas).to.deep.equal(['Active Expires 1 Jan 2030', 'Active Expires 2 Jan 2030'].reverse());
  });

  it('shows HTML descriptions and terms as plain text with line breaks', async () => {
    const el = await mount('ava');
    await loaded(el);
    const details = parts(el, 'reward')[0]!.querySelector('details')!;
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    const copy = [...details.querySelectorAll('.copy-text')].map((node) => node.textContent);
    expect(copy[0]).to.equal('Happy birthday! Take $20 off anything & everything.');
    expect(copy[1]).to.equal('Terms and conditions\n• Not valid on gift cards.\n• One per member.');
    expect(details.querySelectorAll('strong, p, ul, li').length).to.equal(1); // only our own <strong> label
  });

  it("theming: the table's own CSS properties style the images, the headline, the pressed filter, Confirm, codes and the status badges, with their documented defaults", async () => {
    const el = await mount('ava');
    await loaded(el);
    const thumb = parts(el, 'reward')[0]!.querySelector<HTMLElement>('.thumb')!;
    // Defaults: images 3em of the wallet's text, the headline 1.25em.
    expect(thumb.getBoundingClientRect().width).to.be.closeTo(3 * fontSize(el), 0.01);
    expect(fontSize(part(el, 'summary')!)).to.equal(1.25 * fontSize(part(el, 'wallet')!));
    const pressed = parts(el, 'filter-button').find((button) => button.getAttribute('aria-pressed') === 'true')!;
    const active = parts(el, 'status').find((status) => status.classList.contains('status-active'))!;
    expect(squash(active.textContent)).to.equal('Active');
    el.style.setProperty('--omneo-wallet-thumb-size', '50px');
    el.style.setProperty('--omneo-wallet-thumb-background', 'rgb(1, 2, 3)');
    el.style.setProperty('--omneo-wallet-summary-font-size', '29px');
    el.style.setProperty('--omneo-wallet-filter-active-background', 'rgb(4, 5, 6)');
    el.style.setProperty('--omneo-wallet-filter-active-color', 'rgb(250, 251, 252)');
    el.style.setProperty('--omneo-button-primary-background', 'rgb(7, 8, 9)');
    el.style.setProperty('--omneo-button-primary-color', 'rgb(240, 241, 242)');
    el.style.setProperty('--omneo-code-font-family', 'Courier');
    el.style.setProperty('--omneo-color-success', 'rgb(0, 100, 0)');
    el.style.setProperty('--omneo-card-padding', '13px');
    expect(thumb.getBoundingClientRect().width).to.equal(50);
    expect(getComputedStyle(thumb).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(el, 'summary')!).fontSize).to.equal('29px');
    expect(getComputedStyle(pressed).backgroundColor).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(pressed).webkitTextFillColor).to.equal('rgb(250, 251, 252)');
    expect(getComputedStyle(inBenefit(el, '7781', 'code')!).fontFamily).to.equal('Courier');
    expect(getComputedStyle(active).color).to.equal('rgb(0, 100, 0)');
    expect(getComputedStyle(part(el, 'wallet')!).paddingInlineStart).to.equal('13px');
    inBenefit(el, '7781', 'redeem-button')!.click();
    const confirm = await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm button');
    expect(getComputedStyle(confirm).backgroundColor).to.equal('rgb(7, 8, 9)');
    expect(getComputedStyle(confirm).webkitTextFillColor).to.equal('rgb(240, 241, 242)');
  });

  it("shows a reward's image from Omneo's relative URL (decorative, alt=\"\"), and the placeholder icon in the same box when it fails to load", async () => {
    // Far below the fold, so that the lazy image does not start loading: the test server has none, and in a tab in
    // front its 404 could replace it with the placeholder before the test has looked at it.
    const el = await fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
      style="margin-block-start: 100000px" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"
    ></omneo-reward-wallet>`);
    await loaded(el);
    // Resolved against the API's origin (safeHttpUrl: test/core/text.test.ts), here the test page's.
    const src = new URL('/storage/rewards/birthday.png', new URL(scope.apiBase, location.href).origin).href;
    const image = el.shadowRoot!.querySelector<HTMLImageElement>(`[part~="reward"] img[src="${src}"]`);
    expect(image, `an image at ${src}`).to.not.equal(null);
    expect(image!.getAttribute('alt')).to.equal('');
    const row = image!.closest<HTMLElement>('[part~="reward"]')!;
    const box = row.querySelector('.thumb')!.getBoundingClientRect();
    // The failure the browser fires for a missing image (a lazy one out of view does not start loading).
    image!.dispatchEvent(new Event('error'));
    await until(() => row.querySelector('.thumb svg'), 4000, 'placeholder after the image failed');
    expect(row.querySelector('img')).to.equal(null);
    const placeholder = row.querySelector('.thumb')!.getBoundingClientRect();
    expect([placeholder.width, placeholder.height]).to.deep.equal([box.width, box.height]);
  });

  it('lists benefits with the online code (the instance code wins) and Redeem only where allowed', async () => {
    const el = await mount('ava');
    await loaded(el);
    expect(inBenefit(el, '7781', 'code')!.textContent).to.equal('BDAY-7Q4K-2M');
    expect(inBenefit(el, '7790', 'code')!.textContent).to.equal('SHIPFREE');
    expect(inBenefit(el, '7781', 'redeem-button') !== null).to.equal(true);
    expect(inBenefit(el, '7790', 'redeem-button') === null).to.equal(true);
    expect(inBenefit(el, '7781', 'copy-button')!.getAttribute('aria-label')).to.equal('Copy code for Birthday 20% off');
    expect(squash(benefitItem(el, '7781')!.textContent)).to.contain(`Use by ${seededDate('2025-12-14 12:59:59Z')} · Enter the code at checkout.`);
    expect(squash(benefitItem(el, '7790')!.textContent)).to.contain('3 uses left');
    expect(squash(benefitItem(el, '7781')!.textContent)).to.contain('1 use left');
  });

  it('a Japanese page whose catalogue lacks the wallet copy reads the English fallback in English forms: "1 use left"', async () => {
    // Japanese selects only `other`: the English fallback read "1 uses left" and "This uses 1 of its 1 uses".
    registerCatalogue('ja', { 'wallet.heading': 'ウォレット' });
    const el = await mount('ava', 'ja-JP');
    await loaded(el);
    expect(text(el)).to.contain('ウォレット');
    expect(squash(benefitItem(el, '7781')!.textContent)).to.contain('1 use left');
    expect(squash(benefitItem(el, '7790')!.textContent)).to.contain('3 uses left');
    inBenefit(el, '7781', 'redeem-button')!.click();
    const confirm = await until(() => inBenefit(el, '7781', 'confirm'), 2000, 'confirm step');
    expect(squash(confirm.textContent)).to.contain("This marks it as used, and can't be undone.");
  });

  // A benefit ends at the end of its local day (omneo-api.md §2.5: 12:59:59 UTC, 23:59:59 in Sydney): the date shown is
  // its last usable day, so the copy says "until", never "before" it.
  for (const [locale, useBy] of [['en-AU', 'Use by'], ['fr-FR', 'À utiliser jusqu’au'], ['ar', 'استخدمها حتى']] as const) {
    it(`says a benefit can be used on the date it expires, not only before it (${locale})`, async () => {
      const el = await mount('ava', locale);
      await loaded(el);
      expect(squash(benefitItem(el, '7781')!.textContent)).to.contain(`${useBy} ${seededDate('2025-12-14 12:59:59Z', 'Australia/Sydney', locale)}`);
    });
  }

  it('an expiry at a midnight (not Omneo\'s 23:59:59) shows the day before as its last: the date is never one it is expired all of', async () => {
    // 00:00 in Sydney, ten days on: over by the first minute of that day, so its last usable day is the one before.
    // Sydney's date and time read field by field: en-CA's format() is YYYY-MM-DD in Chromium's ICU but MM/dd/y in
    // ICU 72 (WebKitGTK's; see calendarDate in src/api/rules.ts).
    const sydney = (at: Date) => {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
      const field = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)!.value;
      return { date: `${field('year')}-${field('month')}-${field('day')}`, time: `${field('hour')}:${field('minute')}` };
    };
    const day = (offset: number) => sydney(new Date(Date.now() + offset * 86_400_000)).date;
    const sydneyMidnightUtc = (date: string) => {
      // The UTC time of 00:00 on `date` in Sydney (UTC+10 or +11): whichever of the two reads back as that midnight.
      for (const hours of [10, 11]) {
        const candidate = new Date(Date.parse(`${date}T00:00:00Z`) - hours * 3_600_000);
        const local = sydney(candidate);
        if (local.date === date && local.time === '00:00') return candidate.toISOString().slice(0, 19).replace('T', ' ');
      }
      throw new Error(`no Sydney midnight on ${date}`);
    };
    const medium = (date: string) => new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
    const endsAt = sydneyMidnightUtc(day(10));
    await scope.addFaults([
      { path: '/profiles/me/benefits', status: 200, times: 5, body: { data: [{
        id: 1, timezone: 'Australia/Sydney', expires_at: endsAt, is_expired: false, is_redeemable: false, redemptions_remaining: null,
        redeem_code_online: 'MIDNIGHT', definition: { name: 'Midnight benefit', allow_user_redeem: false },
      }] } },
      { path: '/profiles/me/rewards', status: 200, times: 5, body: { data: [{
        id: 2, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 10, is_expired: false, is_active: true,
        expires_at: endsAt, definition: { name: 'Midnight reward' },
      }] } },
    ]);
    const el = await mount('ava');
    await loaded(el);
    expect(squash(benefitItem(el, '1')!.textContent)).to.contain(`Use by ${medium(day(9))}`);
    expect(squash(parts(el, 'reward')[0]!.querySelector('.meta')!.textContent)).to.contain(`Expires soon: ${medium(day(9))}`);
  });

  it('ends every row with its last line: no blank space for missing optional fields (Liam)', async () => {
    const el = await mount('liam');
    await loaded(el);
    const rows = [...parts(el, 'reward'), ...parts(el, 'benefit')];
    expect(rows).to.have.length(3);
    for (const row of rows) {
      const style = getComputedStyle(row);
      const inset = parseFloat(style.paddingBlockEnd) + parseFloat(style.borderBlockEndWidth);
      const contentBottom = Math.max(...[...row.children].map((child) => child.getBoundingClientRect().bottom));
      expect(row.getBoundingClientRect().bottom - contentBottom, squash(row.querySelector('.name')!.textContent)).to.be.lessThan(inset + 1);
      for (const line of row.querySelectorAll('.line, .actions')) expect(squash(line.textContent)).to.not.equal('');
    }
    // A perk with no code, no date and no instructions is its name and description, at the image's height.
    const perk = benefitItem(el, '7812')!;
    expect(perk.querySelector('.actions, .feedback, .meta') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  describe('at a phone width', () => {
    async function mountAt(width: number, locale: string) {
      // Sized on the element itself: a plain wrapper would make fixture() wait for an animation frame, which a
      // background tab (test files run side by side) never gets. The demo storefront's font: a sans-serif is
      // wider than the test page's default serif.
      const el = await fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
        style=${`inline-size: ${width}px; font: 16px ui-sans-serif, system-ui, sans-serif`}
        token-endpoint=${scope.tokenEndpoint('ava')}
        api-base=${scope.apiBase}
        locale=${locale}
      ></omneo-reward-wallet>`);
      await loaded(el);
      return el;
    }
    /** Where the text itself is drawn (a box may be narrower than the text that overflows it). */
    function inked(node: Element | null): DOMRect | null {
      if (!node) return null;
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    }
    /** Each row's name and amount, as drawn. */
    function headings(el: Element) {
      return [...parts(el, 'reward'), ...parts(el, 'benefit')].map((row) => ({
        name: inked(row.querySelector('.name'))!,
        value: inked(row.querySelector('.value')),
        label: squash(row.querySelector('.name')!.textContent),
      }));
    }
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

    // 390: a phone-wide container; 340: the same phone inside a page's margins and the hub's card (the demo).
    for (const [width, locale] of [[390, 'en-AU'], [390, 'fr-FR'], [390, 'ar'], [340, 'en-AU'], [340, 'fr-FR'], [340, 'ar']] as const) {
      it(`never draws the amount over the name (${locale}, ${width}px)`, async () => {
        const el = await mountAt(width, locale);
        const rows = headings(el);
        expect(rows).to.have.length(4);
        for (const { name, value, label } of rows) {
          expect(value !== null, label).to.equal(true);
          expect(overlap(name, value!), `${label}: name and amount overlap`).to.equal(false);
          expect(value!.right, label).to.be.at.most(el.getBoundingClientRect().right + 0.5);
          expect(value!.left, label).to.be.at.least(el.getBoundingClientRect().left - 0.5);
        }
      });
    }

    it('drops a long amount below the name instead of squeezing the name (fr "Reste 15 $AU sur 25 $AU")', async () => {
      const el = await mountAt(390, 'fr-FR');
      const spend = headings(el).find((row) => row.label === '$25 spend reward')!;
      expect(spend.value!.top).to.be.at.least(spend.name.bottom - 0.5);
      const lineHeight = parseFloat(getComputedStyle(parts(el, 'reward')[1]!.querySelector('.name')!).lineHeight);
      expect(spend.name.height, 'the name keeps one line').to.be.lessThan(lineHeight * 1.5);
      await expect(el).to.be.accessible();
    });

    it('keeps a short amount on the name\'s line when both fit', async () => {
      const el = await mountAt(390, 'en-AU');
      const birthday = headings(el).find((row) => row.label === 'Birthday $20')!;
      expect(Math.abs(birthday.value!.top - birthday.name.top)).to.be.lessThan(4);
      expect(birthday.value!.left).to.be.greaterThan(birthday.name.right);
    });
  });

  describe('at 200% text on a narrow screen, and with long codes', () => {
    // Text zoom: a shopper's 200% text is a 32 px root, which every rem in the wallet follows.
    afterEach(() => document.documentElement.style.removeProperty('font-size'));
    async function mountNarrow(width: number, locale = 'en-AU', rootPx = 32) {
      document.documentElement.style.fontSize = `${rootPx}px`;
      const el = await fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
        style=${`inline-size: ${width}px; font: 1rem ui-sans-serif, system-ui, sans-serif`}
        token-endpoint=${scope.tokenEndpoint('ava')}
        api-base=${scope.apiBase}
        locale=${locale}
      ></omneo-reward-wallet>`);
      return el;
    }
    /** Everything drawn outside its row (boxes and the text in them), and rows outside the card. */
    function overflowing(el: Element): string[] {
      const found: string[] = [];
      const card = part(el, 'wallet')!.getBoundingClientRect();
      for (const row of el.shadowRoot!.querySelectorAll<HTMLElement>('li.item')) {
        const edge = row.getBoundingClientRect();
        if (edge.left < card.left - 0.5 || edge.right > card.right + 0.5) found.push(`row "${squash(row.textContent).slice(0, 30)}" outside the card`);
        for (const node of row.querySelectorAll('*')) {
          if (node.closest('.visually-hidden')) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const box of [node.getBoundingClientRect(), range.getBoundingClientRect()]) {
            if (box.width === 0) continue;
            if (box.left < edge.left - 0.5 || box.right > edge.right + 0.5) {
              found.push(`${node.localName}.${node.getAttribute('class') ?? ''} "${squash(node.textContent).slice(0, 30)}" ${Math.round(box.left)}–${Math.round(box.right)} outside its row ${Math.round(edge.left)}–${Math.round(edge.right)}`);
              break;
            }
          }
        }
      }
      return found;
    }

    for (const locale of ['en-AU', 'fr-FR', 'ar']) {
      it(`keeps every row inside the card at 320 px with 200% text, the image above the text (${locale})`, async () => {
        const el = await mountNarrow(320, locale);
        await loaded(el);
        expect(overflowing(el)).to.deep.equal([]);
        // Words wrap whole where they fit on a line: "Details" is never split after the description.
        for (const summary of el.shadowRoot!.querySelectorAll('summary')) expect(summary.getClientRects().length, 'Details on one line').to.equal(1);
        // Too narrow for the image beside the text: it sits above it, and the text has the row's full width.
        for (const row of parts(el, 'reward')) {
          const thumb = row.querySelector('.thumb')!.getBoundingClientRect();
          const body = row.querySelector('.body')!.getBoundingClientRect();
          expect(body.top, 'the text below the image').to.be.at.least(thumb.bottom - 0.5);
        }
        await expect(el).to.be.accessible();
      });
    }

    it('keeps the image beside the text when there is room (16 px text, 320 px)', async () => {
      const el = await mountNarrow(320, 'en-AU', 16);
      await loaded(el);
      const row = parts(el, 'reward')[0]!;
      const thumb = row.querySelector('.thumb')!.getBoundingClientRect();
      const name = row.querySelector('.name')!.getBoundingClientRect();
      expect(Math.abs(name.top - thumb.top)).to.be.lessThan(8);
    });

    it('wraps a 45-character benefit code and long words inside the row at 360 px', async () => {
      const code = 'CODE-ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ';
      expect(code).to.have.length(45);
      await scope.addFaults({
        method: 'GET',
        path: '^/profiles/me/benefits$',
        status: 200,
        body: { data: [{
          id: 1, timezone: 'Australia/Sydney', expires_at: '2030-01-01 00:00:00', is_expired: false, is_redeemable: true,
          redemptions_remaining: 1, redeem_code_online: code,
          definition: {
            name: 'Supercalifragilisticexpialidociousnessbenefit', allow_user_redeem: true,
            short_description: 'Pneumonoultramicroscopicsilicovolcanoconiosis', redeem_instructions_online: 'https://shop.example.com/checkout/apply-your-benefit-code',
          },
        }] },
        times: 'Infinity',
      });
      const el = await mountNarrow(360, 'en-AU', 16);
      await loaded(el);
      expect(inBenefit(el, '1', 'code')!.textContent).to.equal(code);
      expect(overflowing(el)).to.deep.equal([]);
    });

    for (const locale of ['en-AU', 'fr-FR', 'ar']) {
      it(`draws the skeleton as tall as Ava's wallet at 320 px with 200% text (${locale})`, async () => {
        await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 600 });
        const el = await mountNarrow(320, locale);
        expect(el.shadowRoot!.querySelector('[aria-busy="true"]') !== null, 'the skeleton is on screen').to.equal(true);
        const skeletonHeight = el.getBoundingClientRect().height;
        await loaded(el);
        await el.updateComplete;
        const loadedHeight = el.getBoundingClientRect().height;
        expect(Math.abs(loadedHeight - skeletonHeight), `skeleton ${skeletonHeight}px, loaded ${loadedHeight}px`).to.be.lessThan(2);
      });
    }
  });

  describe('benefits that can no longer be used', () => {
    it("shows Grace's expired early access as Expired, like an expired reward: no code, no Copy", async () => {
      const el = await mount('grace');
      await loaded(el);
      const item = benefitItem(el, '7903')!;
      expect(item.getAttribute('part')).to.equal('benefit benefit-expired');
      expect(item.classList.contains('inactive')).to.equal(true);
      expect(squash(item.querySelector('.meta')!.textContent)).to.equal(`Expired Ended ${seededDate('2025-11-01 12:59:59Z')}`);
      expect(item.querySelector('[part~="code"], [part~="copy-button"], [part~="redeem-button"]') === null).to.equal(true);
      expect(squash(item.textContent)).to.not.contain('uses left');
      // Usable ones are untouched.
      expect(inBenefit(el, '7901', 'copy-button') !== null).to.equal(true);
      expect(inBenefit(el, '7901', 'redeem-button') !== null).to.equal(true);
      expect(benefitItem(el, '7901')!.getAttribute('part')).to.equal('benefit');
      await expect(el).to.be.accessible();
    });

    it('shows a benefit with no uses left as Used up, even when it has not expired', async () => {
      const benefit = (id: number, fields: Record<string, unknown>) => ({
        id, timezone: 'Australia/Sydney', expires_at: '2030-01-01 00:00:00', is_expired: false, redeem_code_online: `CODE-${id}`,
        definition: { name: `Benefit ${id}`, allow_user_redeem: true }, ...fields,
      });
      await scope.addFaults({
        path: '/profiles/me/benefits',
        status: 200,
        body: { data: [
          benefit(1, { is_redeemable: false, redemptions_remaining: 0 }),
          benefit(2, { is_redeemable: true, redemptions_remaining: '0' }),
          // Not self-redeemable but unlimited: a code-only benefit, still usable.
          benefit(3, { is_redeemable: false, redemptions_remaining: null }),
        ] },
        times: 5,
      });
      const el = await mount('ava', 'fr-FR');
      await loaded(el);
      expect(parts(el, 'benefit').map((item) => item.getAttribute('part'))).to.deep.equal(['benefit benefit-used', 'benefit benefit-used', 'benefit']);
      expect(squash(inBenefit(el, '1', 'status')!.textContent)).to.equal('Épuisé');
      expect(inBenefit(el, '1', 'code') === null).to.equal(true);
      expect(inBenefit(el, '2', 'redeem-button') === null).to.equal(true);
      expect(inBenefit(el, '3', 'code')!.textContent).to.equal('CODE-3');
      expect(inBenefit(el, '3', 'redeem-button') === null).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('copy', () => {
    const realExecCommand = document.execCommand;
    afterEach(() => {
      delete (navigator as unknown as { clipboard?: unknown }).clipboard;
      document.execCommand = realExecCommand;
      window.getSelection()?.removeAllRanges();
    });
    const stubClipboard = (writeText: (text: string) => Promise<void>) =>
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

    it('copies the code from the keyboard and confirms it in a live region', async () => {
      const written: string[] = [];
      stubClipboard(async (value) => void written.push(value));
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'copy-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copied');
      expect(written).to.deep.equal(['BDAY-7Q4K-2M']);
      expect(inBenefit(el, '7781', 'feedback')!.textContent).to.equal('Copied');
      await until(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Copied', 2000, 'announcement');
      await expect(el).to.be.accessible();
    });

    it('a code with invisible characters (a CSV import\'s byte-order mark, bidi controls): shows and copies what a shopper can type', async () => {
      // "\u202E01\u202C" draws as "10": the shopper would read SAVE10 and the clipboard (and checkout) get something
      // else, with the byte-order mark besides, which a discount field does not match.
      const written: string[] = [];
      stubClipboard(async (value) => void written.push(value));
      await scope.addFaults({
        path: '/profiles/me/benefits',
        status: 200,
        body: { data: [{
          id: 1, timezone: 'Australia/Sydney', expires_at: '2030-01-01 00:00:00', is_expired: false,
          redeem_code_online: '\ufeffSAVE\u202e01\u202c\u200b', definition: { name: 'Welcome', allow_user_redeem: false },
        }] },
        times: 5,
      });
      const el = await mount('ava');
      await loaded(el);
      expect(inBenefit(el, '1', 'code')!.textContent).to.equal('SAVE01');
      inBenefit(el, '1', 'copy-button')!.click();
      await until(() => inBenefit(el, '1', 'feedback'), 2000, 'copied');
      expect(written).to.deep.equal(['SAVE01']);
    });

    it('"Copied" does not stay for good on a wallet moved in the page while it shows', async () => {
      stubClipboard(async () => undefined);
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'copy-button')!.click();
      await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copied');
      // A layout that re-parents the wallet (tabs that become an accordion, a framework reordering its children).
      const elsewhere = document.createElement('div');
      el.parentElement!.append(elsewhere);
      elsewhere.append(el);
      await pause(4300); // longer than "Copied" shows
      // Text, not the element: a failing assertion on an element has the test runner serialise it (and crash).
      expect(inBenefit(el, '7781', 'feedback')?.textContent ?? null).to.equal(null);
      expect(inBenefit(el, '7781', 'copy-button') !== null).to.equal(true);
    });

    it('a long press takes the whole code in Safari too (iPhones), and never the loading placeholders: Safari reads only -webkit-user-select', () => {
      // Chromium takes either spelling, so what the element ships is read: each user-select has its prefixed twin.
      const styles = (customElements.get('omneo-reward-wallet') as unknown as { elementStyles: { cssText: string }[] }).elementStyles
        .map((style) => style.cssText)
        .join('\n')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      const rules = (styles.match(/[^{}]*\{[^{}]*\}/g) ?? []).filter((rule) => /(^|[^-])user-select:/.test(rule));
      expect(rules.map((rule) => rule.slice(0, rule.indexOf('{')).trim())).to.include.members(['.code', '.skeleton']);
      for (const rule of rules) {
        const value = /(?:^|[^-])user-select:\s*([a-z]+)/.exec(rule)![1];
        expect(rule, rule.trim()).to.contain(`-webkit-user-select: ${value}`);
      }
    });

    it('without the Clipboard API (an http page, an older browser) copies the selected code with execCommand: "Copied", the selection cleared', async () => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      const copiedText: string[] = [];
      document.execCommand = (command: string) => {
        copiedText.push(`${command}:${String(window.getSelection())}`);
        return true;
      };
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'copy-button')!.click();
      await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copied');
      expect(copiedText).to.deep.equal(['copy:BDAY-7Q4K-2M']);
      expect(inBenefit(el, '7781', 'feedback')!.textContent).to.equal('Copied');
      expect(inBenefit(el, '7781', 'feedback')!.getAttribute('role')).to.equal(null);
      // The code is not left highlighted as if something were still to be done with it.
      expect(String(window.getSelection())).to.equal('');
    });

    it('a browser whose execCommand throws (no Clipboard API either) says it could not copy and leaves the code selected', async () => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      document.execCommand = () => {
        throw new DOMException('Not allowed.', 'SecurityError');
      };
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'copy-button')!.click();
      await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copy failure');
      expect(inBenefit(el, '7781', 'feedback')!.getAttribute('role')).to.equal('alert');
      expect(inBenefit(el, '7781', 'feedback')!.textContent).to.contain('The code is selected');
      expect(String(window.getSelection())).to.equal('BDAY-7Q4K-2M');
    });

    it('says so and leaves the code selected when the browser refuses to copy', async () => {
      stubClipboard(() => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')));
      document.execCommand = () => false;
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'copy-button')!.click();
      await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copy failure');
      const message = inBenefit(el, '7781', 'feedback')!;
      expect(message.getAttribute('role')).to.equal('alert');
      expect(message.textContent).to.contain('The code is selected');
      // What is selected, read as each engine lets a page see into a shadow root: WebKit's getRangeAt() gives the
      // range rescoped to the document (around the host, its text ''), where Chromium's and Firefox's give the code's;
      // the selection's text and getComposedRanges() are the code in each. Firefox ESR 140 has no getComposedRanges()
      // (later Firefoxes have it): there getRangeAt() is the code's.
      const selection = window.getSelection()!;
      expect(String(selection)).to.equal('BDAY-7Q4K-2M');
      const [range] = typeof selection.getComposedRanges === 'function' ? selection.getComposedRanges({ shadowRoots: [el.shadowRoot!] }) : [selection.getRangeAt(0)];
      const code = inBenefit(el, '7781', 'code')!;
      expect(range !== undefined && code.contains(range.startContainer) && code.contains(range.endContainer)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('on a touch screen (coarse pointer), a refused copy says to touch and hold the code, not Ctrl+C', async () => {
      stubClipboard(() => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')));
      document.execCommand = () => false;
      const realMatchMedia = window.matchMedia;
      // A phone's main pointer, as (pointer: coarse) reports it there; every other query as the browser answers it.
      window.matchMedia = (query: string) =>
        query === '(pointer: coarse)' ? ({ ...realMatchMedia.call(window, query), matches: true, media: query } as MediaQueryList) : realMatchMedia.call(window, query);
      try {
        const el = await mount('ava');
        await loaded(el);
        inBenefit(el, '7781', 'copy-button')!.click();
        const message = await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copy failure');
        expect(message.getAttribute('role')).to.equal('alert');
        expect(squash(message.textContent)).to.equal("Couldn't copy automatically. Touch and hold the code, then choose Copy.");
        expect(String(window.getSelection())).to.equal('BDAY-7Q4K-2M');
      } finally {
        window.matchMedia = realMatchMedia;
      }
    });

    it('says it again when Copy is pressed again and the browser refuses again (a new alert, not the old one left in place)', async () => {
      stubClipboard(() => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')));
      document.execCommand = () => false;
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'copy-button')!.click();
      const first = await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'copy failure');
      inBenefit(el, '7781', 'copy-button')!.click();
      // An alert is read when it is added to the page: the same one left in place says nothing to the second press.
      const second = await until(() => {
        const now = inBenefit(el, '7781', 'feedback');
        return now && now !== first ? now : null;
      }, 2000, 'a new copy failure alert');
      expect(first.isConnected).to.equal(false);
      expect(second.getAttribute('role')).to.equal('alert');
      expect(second.textContent).to.contain('The code is selected');
    });
  });

  describe('redeem', () => {
    it('asks to confirm inline, focus on the question; Tab to Confirm; Escape or Cancel returns focus to Redeem', async () => {
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'redeem-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => inBenefit(el, '7781', 'confirm'), 2000, 'confirm step');
      const confirm = inBenefit(el, '7781', 'confirm')!;
      expect(confirm.getAttribute('role')).to.equal('group');
      // The question says what redeeming does: its one use is spent for good, and the code stays.
      expect(squash(confirm.textContent)).to.equal(
        "Redeem Birthday 20% off? This marks it as used, and can't be undone. Your code stays here to copy. Confirm Cancel",
      );
      // Focus is on the question and its effect (text a screen reader reads), not on a button.
      const question = activeElement(el)!;
      expect(question.localName).to.equal('span');
      expect(question.getAttribute('tabindex')).to.equal('-1');
      expect(question.matches('button, [role]')).to.equal(false);
      expect(squash(question.textContent)).to.equal(
        "Redeem Birthday 20% off? This marks it as used, and can't be undone. Your code stays here to copy.",
      );
      await expect(el).to.be.accessible();
      await tabToConfirm(el);
      const effect = el.shadowRoot!.getElementById(activeElement(el)!.getAttribute('aria-describedby')!);
      expect(squash(effect?.textContent)).to.equal("This marks it as used, and can't be undone. Your code stays here to copy.");
      await sendKeys({ press: 'Escape' });
      await until(() => inBenefit(el, '7781', 'redeem-button'), 2000, 'redeem button back');
      expect(activeElement(el)?.getAttribute('part')).to.equal('redeem-button');
      // Again, and Cancel from the keyboard this time (Tab past Confirm).
      await sendKeys({ press: 'Enter' });
      await until(() => inBenefit(el, '7781', 'confirm'), 2000, 'confirm step again');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(activeElement(el)?.getAttribute('part')).to.equal('cancel-button');
      await sendKeys({ press: 'Enter' });
      await until(() => activeElement(el)?.getAttribute('part') === 'redeem-button', 2000, 'focus back on Redeem');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(0);
    });

    for (const [how, keys] of [
      ['Enter pressed twice', [{ press: 'Enter' }, { press: 'Enter' }]],
      ['Enter held down (auto-repeat)', [{ down: 'Enter' }, { down: 'Enter' }, { down: 'Enter' }, { down: 'Enter' }, { up: 'Enter' }]],
    ] as const) {
      it(`never redeems from the press that opened the confirm step: ${how}`, async () => {
        const el = await mount('ava');
        await loaded(el);
        inBenefit(el, '7781', 'redeem-button')!.focus();
        for (const key of keys) await sendKeys(key);
        await pause(CONFIRM_GUARD_MS + 200);
        expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(0);
        expect(inBenefit(el, '7781', 'confirm') !== null, 'the confirm step is open').to.equal(true);
        expect(activeElement(el)?.classList.contains('confirm-text')).to.equal(true);
        // The deliberate path still works: Tab to Confirm, Enter.
        await sendKeys({ press: 'Tab' });
        expect(activeElement(el)?.getAttribute('part')).to.equal('confirm-button');
        const redeemed = oneEvent(el, 'omneo-benefit-redeemed');
        await sendKeys({ press: 'Enter' });
        expect((await redeemed).detail.benefitId).to.equal('7781');
        expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
      });
    }

    it(`ignores a Confirm press within ${CONFIRM_GUARD_MS} ms of the step opening (a double-click on Redeem), not one after`, async () => {
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'redeem-button')!.click();
      // The double-click's second click, landing on Confirm where Redeem was.
      (await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm button')).click();
      await pause(100);
      inBenefit(el, '7781', 'confirm-button')!.click();
      await pause(200);
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(0);
      expect(inBenefit(el, '7781', 'confirm') !== null, 'the confirm step is still open').to.equal(true);
      expect(inBenefit(el, '7781', 'feedback')).to.equal(null);
      await pause(CONFIRM_GUARD_MS);
      const redeemed = oneEvent(el, 'omneo-benefit-redeemed');
      inBenefit(el, '7781', 'confirm-button')!.click();
      expect((await redeemed).detail.benefitId).to.equal('7781');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
    });

    it('sends one redeem and one omneo-benefit-redeemed however often Confirm is pressed while it is in flight', async () => {
      await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', latencyMs: 400 });
      const el = await mount('ava');
      await loaded(el);
      await openConfirm(el, '7781');
      const redeemed: Event[] = [];
      el.addEventListener('omneo-benefit-redeemed', (event) => redeemed.push(event));
      inBenefit(el, '7781', 'confirm-button')!.click();
      // Busy (aria-disabled keeps focus on it, so it can still be pressed): a second, impatient press.
      await until(() => inBenefit(el, '7781', 'confirm-button')?.getAttribute('aria-disabled') === 'true', 1000, 'busy');
      inBenefit(el, '7781', 'confirm-button')!.click();
      await until(() => inBenefit(el, '7781', 'redeemed'), 3000, 'redeemed message');
      await pause(300);
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
      // One omneo-benefit-redeemed: a theme that puts the code in the cart on it does so once.
      expect(redeemed).to.have.length(1);
    });

    it('Escape while the redeem is in flight cancels nothing: the step stays, busy, until the redeem it cannot take back is confirmed', async () => {
      await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', latencyMs: 500 });
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'redeem-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => activeElement(el)?.classList.contains('confirm-text'), 2000, 'focus on the question');
      await tabToConfirm(el);
      await sendKeys({ press: 'Enter' });
      await until(() => inBenefit(el, '7781', 'confirm-button')?.getAttribute('aria-disabled') === 'true', 1000, 'busy');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      // Not closed as if cancelled (the POST is out): the step and its busy Confirm stay, focus on it.
      expect(inBenefit(el, '7781', 'confirm') !== null, 'the confirm step is still open').to.equal(true);
      expect(activeElement(el)?.getAttribute('part')).to.equal('confirm-button');
      expect(inBenefit(el, '7781', 'redeem-button')).to.equal(null);
      await until(() => inBenefit(el, '7781', 'redeemed'), 3000, 'redeemed message');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
    });

    it('stays "Redeeming…", focus on Confirm, until the outcome shows: not a used-up row with neither while the balances re-read is slow', async () => {
      // Seen in races.test.ts (seed 52): Omneo accepted the redeem and the benefits re-read (one use, now none) came
      // back while the balances re-read was held up; the row was drawn used up, without its code, with neither
      // "Redeeming…" nor "… redeemed." (and focus dropped to the page) until the balances answered.
      const el = await mount('ava');
      await loaded(el);
      await scope.addFaults({ method: 'GET', path: '/profiles/me/balances', latencyMs: 1500 });
      const benefitsReads = await scope.count('/profiles/me/benefits');
      inBenefit(el, '7781', 'redeem-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => activeElement(el)?.classList.contains('confirm-text'), 2000, 'focus on the question');
      await tabToConfirm(el);
      // Every state the row is drawn in from the press to the outcome, as the shopper could see it.
      const seen = new Set<string>();
      const look = () => {
        const item = benefitItem(el, '7781');
        if (inBenefit(el, '7781', 'confirm-button')?.getAttribute('aria-disabled') === 'true') seen.add('redeeming');
        else if (inBenefit(el, '7781', 'redeemed')) seen.add('redeemed');
        else seen.add(`neither (${item?.getAttribute('part') ?? 'no row'}: "${squash(item?.textContent)}")`);
      };
      const observer = new MutationObserver(look);
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
      await sendKeys({ press: 'Enter' });
      await until(() => scope.count('/profiles/me/benefits').then((count) => count > benefitsReads), 3000, 'the benefits re-read');
      await pause(300);
      // The redeem is not settled for the shopper until the balances answer: still "Redeeming…", focus where it was.
      expect(inBenefit(el, '7781', 'redeemed'), 'not confirmed before the balances re-read').to.equal(null);
      expect(inBenefit(el, '7781', 'confirm-button')?.getAttribute('aria-disabled')).to.equal('true');
      expect(activeElement(el)?.getAttribute('part')).to.equal('confirm-button');
      await until(() => inBenefit(el, '7781', 'redeemed'), 4000, 'redeemed message');
      observer.disconnect();
      look();
      expect([...seen]).to.deep.equal(['redeeming', 'redeemed']);
      // Then as without the wait: used up, the code in the confirmation, which has focus.
      expect(benefitItem(el, '7781')!.getAttribute('part')).to.equal('benefit benefit-used');
      expect(squash(inBenefit(el, '7781', 'redeemed')!.textContent)).to.equal('Birthday 20% off redeemed. Your code: BDAY-7Q4K-2M Copy code');
      expect(activeElement(el)?.getAttribute('part')).to.equal('redeemed');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
    });

    for (const [outcome, fault, shown] of [
      ['redeemed', {}, 'redeemed'],
      ['refused (a 400: try again)', { status: 400 }, 'feedback'],
      ['unknown (a 503)', { status: 503 }, 'uncertain'],
    ] as const) {
      it(`a shopper who moved focus elsewhere on the page while the redeem was out keeps it there: ${outcome} is shown, not focused`, async () => {
        const el = await mount('ava');
        await loaded(el);
        const elsewhere = document.createElement('button');
        elsewhere.textContent = 'Search';
        document.body.append(elsewhere);
        try {
          await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', latencyMs: 500, ...fault });
          const confirm = await openConfirm(el, '7781');
          confirm.focus();
          confirm.click();
          await until(() => inBenefit(el, '7781', 'confirm-button')?.getAttribute('aria-disabled') === 'true', 1000, 'busy');
          elsewhere.focus(); // the header's search, say, while Omneo answers
          await until(() => (shown === 'uncertain' ? benefitItem(el, '7781')?.querySelector('.uncertain') : inBenefit(el, '7781', shown)), 4000, outcome);
          await el.updateComplete;
          await pause(100);
          // Compared as a boolean: a failed equal of two elements has the runner serialise them (the wallet hangs it).
          expect(document.activeElement === elsewhere, `focus taken to ${document.activeElement?.localName}`).to.equal(true);
        } finally {
          elsewhere.remove();
        }
      });
    }

    it('says how many uses a redeem spends when a benefit has several, or none counted', async () => {
      const benefit = (id: number, remaining: number | null) => ({
        id, timezone: 'Australia/Sydney', expires_at: '2030-01-01 00:00:00', is_expired: false, is_redeemable: true,
        redemptions_remaining: remaining, redeem_code_online: id === 1 ? 'MULTI' : null,
        definition: { name: `Benefit ${id}`, allow_user_redeem: true },
      });
      await scope.addFaults({ path: '/profiles/me/benefits', status: 200, body: { data: [benefit(1, 3), benefit(2, null)] }, times: 5 });
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '1', 'redeem-button')!.click();
      await until(() => inBenefit(el, '1', 'confirm'), 2000, 'confirm step');
      expect(squash(inBenefit(el, '1', 'confirm')!.querySelector('.confirm-effect')!.textContent)).to.equal(
        "This uses 1 of its 3 uses, and can't be undone. Your code stays here to copy.",
      );
      inBenefit(el, '2', 'redeem-button')!.click();
      await until(() => inBenefit(el, '2', 'confirm'), 2000, 'confirm step');
      // No code: nothing promised about one.
      expect(squash(inBenefit(el, '2', 'confirm')!.querySelector('.confirm-effect')!.textContent)).to.equal(
        "This records a use in your account, and can't be undone.",
      );
    });

    it('redeems after Confirm: one POST, omneo-benefit-redeemed, fresh benefits and balances', async () => {
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'redeem-button')!.click();
      await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm button');
      const balancesBefore = await scope.count('/profiles/me/balances');
      await tabToConfirm(el);
      const redeemed = oneEvent(el, 'omneo-benefit-redeemed');
      await sendKeys({ press: 'Enter' });
      const event = await redeemed;
      expect(event.detail.benefitId).to.equal('7781');
      expect(event.detail.code).to.equal('BDAY-7Q4K-2M');
      expect(event.detail.redemptionId).to.be.a('string').and.not.equal('');
      expect(event.detail.redemptionId, "the redemption's id Omneo answered, not the benefit's").to.not.equal('7781');
      await until(() => inBenefit(el, '7781', 'redeemed'), 2000, 'redeemed message');
      expect(squash(inBenefit(el, '7781', 'feedback')!.textContent)).to.equal('Birthday 20% off redeemed.');
      expect(activeElement(el)?.getAttribute('part')).to.equal('redeemed');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
      expect(await scope.count('/profiles/me/balances')).to.equal(balancesBefore + 1);
      // Its one use is spent (Omneo now says 0 left): it reads "Used up", without Redeem or uses left...
      const item = benefitItem(el, '7781')!;
      await until(() => item.getAttribute('part') === 'benefit benefit-used', 2000, 'used up');
      expect(squash(inBenefit(el, '7781', 'status')!.textContent)).to.equal('Used up');
      expect(item.querySelector('[part~="redeem-button"]') === null).to.equal(true);
      expect(squash(item.textContent)).to.not.contain('use left');
      // ...but the shopper who redeemed before copying still has the code, beside the confirmation that has focus.
      const confirmation = inBenefit(el, '7781', 'redeemed')!;
      expect(squash(confirmation.textContent)).to.equal('Birthday 20% off redeemed. Your code: BDAY-7Q4K-2M Copy code');
      expect(confirmation.querySelector('[part~="code"]')!.textContent).to.equal('BDAY-7Q4K-2M');
      expect(confirmation.querySelector('[part~="copy-button"]')!.getAttribute('aria-label')).to.equal('Copy code for Birthday 20% off');
      expect(activeElement(el)).to.equal(confirmation);
      await until(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Birthday 20% off redeemed. Your code: BDAY-7Q4K-2M', 2000, 'announcement');
      await expect(el).to.be.accessible();
    });

    it('a redeem of a benefit with no code (a styling session Omneo books): "… redeemed." alone, said and shown, and code: null in the event', async () => {
      // Grace's styling session as Omneo may send it: no online code on the benefit or its definition.
      const session = {
        id: 7901, timezone: 'Australia/Sydney', expires_at: null, is_expired: false, is_redeemable: true, redemptions_remaining: null,
        redeem_code_online: null, redeem_code_pos: null,
        definition: { name: 'Personal styling session', allow_user_redeem: true, redeem_code_online: null, redeem_code_pos: null },
      };
      await scope.addFaults({ path: '^/profiles/me/benefits$', method: 'GET', status: 200, body: { data: [session] }, times: 5 });
      const el = await mount('grace');
      await loaded(el);
      expect(inBenefit(el, '7901', 'code')).to.equal(null);
      await openConfirm(el, '7901');
      const redeemed = oneEvent(el, 'omneo-benefit-redeemed');
      inBenefit(el, '7901', 'confirm-button')!.click();
      const event = await redeemed;
      expect(event.detail.benefitId).to.equal('7901');
      expect(event.detail.code).to.equal(null);
      expect(await scope.count('/profiles/me/benefits/7901/redeem', 'POST')).to.equal(1);
      const confirmation = await until(() => inBenefit(el, '7901', 'redeemed'), 2000, 'redeemed message');
      expect(squash(confirmation.textContent)).to.equal('Personal styling session redeemed.');
      expect(confirmation.querySelector('[part~="code"]')).to.equal(null);
      await until(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Personal styling session redeemed.', 2000, 'announcement');
      await expect(el).to.be.accessible();
    });

    it('keeps the code copyable from the keyboard after the redeem that used the benefit up', async () => {
      const written: string[] = [];
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (value: string) => void written.push(value) }, configurable: true });
      try {
        const el = await mount('ava');
        await loaded(el);
        inBenefit(el, '7781', 'redeem-button')!.focus();
        await sendKeys({ press: 'Enter' });
        await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm button');
        await tabToConfirm(el);
        await sendKeys({ press: 'Enter' });
        await until(() => benefitItem(el, '7781')?.getAttribute('part') === 'benefit benefit-used', 4000, 'used up');
        await until(() => activeElement(el)?.getAttribute('part') === 'redeemed', 2000, 'focus on the confirmation');
        await sendKeys({ press: 'Tab' });
        expect(activeElement(el)?.getAttribute('part')).to.equal('copy-button');
        await sendKeys({ press: 'Enter' });
        await until(() => written.length > 0, 2000, 'copied');
        expect(written).to.deep.equal(['BDAY-7Q4K-2M']);
        // "Copied" joins the confirmation; the code stays.
        await until(() => parts(el, 'feedback').some((node) => node.textContent === 'Copied'), 2000, 'Copied');
        expect(inBenefit(el, '7781', 'redeemed')!.querySelector('[part~="code"]')!.textContent).to.equal('BDAY-7Q4K-2M');
        await expect(el).to.be.accessible();
      } finally {
        delete (navigator as unknown as { clipboard?: unknown }).clipboard;
      }
    });

    it("draws the focus ring of the redeemed confirmation inside the row's content box, not over its padding", async () => {
      const el = await mount('ava');
      await loaded(el);
      inBenefit(el, '7781', 'redeem-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm button');
      await tabToConfirm(el);
      await sendKeys({ press: 'Enter' });
      const box = await until(() => inBenefit(el, '7781', 'redeemed'), 4000, 'redeemed');
      await until(() => activeElement(el) === box, 2000, 'focus on the confirmation');
      expect(box.matches(':focus-visible')).to.equal(true);
      const style = getComputedStyle(box);
      expect(style.outlineStyle).to.equal('solid');
      const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      const ring = box.getBoundingClientRect();
      const row = benefitItem(el, '7781')!;
      const rowStyle = getComputedStyle(row);
      const rect = row.getBoundingClientRect();
      const inset = (side: 'Left' | 'Right' | 'Top' | 'Bottom') =>
        parseFloat(rowStyle[`padding${side}`]) + parseFloat(rowStyle[`border${side}Width`]);
      expect(ring.left - reach).to.be.at.least(rect.left + inset('Left') - 0.5);
      expect(ring.right + reach).to.be.at.most(rect.right - inset('Right') + 0.5);
      expect(ring.top - reach).to.be.at.least(rect.top + inset('Top') - 0.5);
      expect(ring.bottom + reach).to.be.at.most(rect.bottom - inset('Bottom') + 0.5);
    });

    it('sends one request however many times Confirm is pressed', async () => {
      await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', latencyMs: 300 });
      const el = await mount('ava');
      await loaded(el);
      const confirmButton = await openConfirm(el, '7781');
      confirmButton.click();
      confirmButton.click();
      await el.updateComplete;
      confirmButton.click();
      await oneEvent(el, 'omneo-benefit-redeemed');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
    });

    it('one confirm step at a time: while a benefit\'s redeem is out, another\'s Redeem waits (aria-disabled, a press opens nothing) and the first stays "Redeeming…"', async () => {
      // Ava with a second benefit she can redeem herself (no persona has two): her benefits as the mock sends them, plus one.
      const { token } = (await (await fetch(scope.tokenEndpoint('ava'), { method: 'POST' })).json()) as { token: string };
      const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      const benefits = (await (await fetch(`${scope.apiBase}/profiles/me/benefits`, { headers })).json()) as { data: Record<string, unknown>[] };
      const birthday = benefits.data.find((benefit) => String(benefit.id) === '7781')!;
      benefits.data.push({ ...birthday, id: 7799, definition: { ...(birthday.definition as object), name: 'Second treat' } });
      await scope.addFaults([
        { method: 'GET', path: '/profiles/me/benefits', status: 200, body: benefits, times: null },
        { method: 'POST', path: '/benefits/7781/redeem', latencyMs: 800 },
      ]);
      const el = await mount('ava');
      await loaded(el);
      (await openConfirm(el, '7781')).click();
      await until(() => inBenefit(el, '7781', 'confirm-button')?.getAttribute('aria-disabled') === 'true', 2000, 'Redeeming…');
      const other = inBenefit(el, '7799', 'redeem-button')!;
      expect(other.getAttribute('aria-disabled')).to.equal('true');
      other.click();
      await el.updateComplete;
      expect(inBenefit(el, '7799', 'confirm'), 'a second confirm step').to.equal(null);
      expect(squash(inBenefit(el, '7781', 'confirm-button')?.textContent)).to.equal('Redeeming…');
      await until(() => inBenefit(el, '7781', 'redeemed'), 4000, 'the first redeem confirmed');
      expect(inBenefit(el, '7799', 'redeem-button')!.getAttribute('aria-disabled')).to.equal('false');
      await openConfirm(el, '7799');
      expect(inBenefit(el, '7799', 'confirm')).to.not.equal(null);
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
    });

    it('a redeem Omneo refuses says so, loses nothing, and can be tried again', async () => {
      // A 4xx: refused before anything was carried out (writeMayHaveApplied is false), so "Nothing was used" is true.
      await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', status: 422 });
      const el = await mount('ava');
      await loaded(el);
      await openConfirm(el, '7781');
      inBenefit(el, '7781', 'confirm-button')!.click();
      const failure = await oneEvent(el, 'omneo-error');
      expect(failure.detail.status).to.equal(422);
      await until(() => inBenefit(el, '7781', 'feedback'), 2000, 'failure message');
      expect(inBenefit(el, '7781', 'feedback')!.getAttribute('role')).to.equal('alert');
      expect(inBenefit(el, '7781', 'feedback')!.textContent).to.equal("We couldn't redeem Birthday 20% off. Nothing was used: please try again.");
      expect(activeElement(el)?.getAttribute('part')).to.equal('redeem-button');
      expect(inBenefit(el, '7781', 'code')!.textContent).to.equal('BDAY-7Q4K-2M');
      expect(inBenefit(el, '7781', 'redeemed')).to.equal(null);
      await expect(el).to.be.accessible();
      // Again, and this time Omneo accepts.
      await sendKeys({ press: 'Enter' });
      await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm again');
      await tabToConfirm(el);
      const redeemed = oneEvent(el, 'omneo-benefit-redeemed');
      await sendKeys({ press: 'Enter' });
      expect((await redeemed).detail.benefitId).to.equal('7781');
    });

    it('a redeem refused because the benefit was used up meanwhile (another tab): "can\'t be redeemed any more", not "try again"', async () => {
      const el = await mount('ava');
      await loaded(el);
      // The same shopper uses it up in another tab; this wallet has not heard.
      const minted = await endpointTokenSource(scope.tokenEndpoint('ava'))();
      const elsewhere = await fetch(`${scope.apiBase}/profiles/me/benefits/7781/redeem`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${minted!.token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(elsewhere.ok).to.equal(true);
      expect(inBenefit(el, '7781', 'redeem-button')).to.not.equal(null);
      await pressConfirm(el, '7781');
      const failure = await oneEvent(el, 'omneo-error');
      expect(failure.detail.status).to.be.oneOf([409, 422]);
      const feedback = await until(() => inBenefit(el, '7781', 'feedback'), 4000, 'the message');
      expect(squash(feedback.textContent)).to.equal("Birthday 20% off can't be redeemed any more: your benefits have been updated.");
      expect(feedback.getAttribute('role')).to.equal('alert');
      expect(text(el)).to.not.contain('please try again');
      expect(inBenefit(el, '7781', 'redeem-button')).to.equal(null);
      expect(benefitItem(el, '7781')!.getAttribute('part')).to.contain('benefit-used');
      await until(() => activeElement(el) === feedback, 2000, 'focus on the message');
      await expect(el).to.be.accessible();
    });

    it('a refused redeem of a benefit Omneo has withdrawn, the only thing in the wallet: said in the live region, focus on the heading', async () => {
      // The wallet holds one benefit; Omneo has withdrawn it since (the re-read after the refusal has none).
      const benefit = {
        id: 7781, timezone: 'Australia/Sydney', expires_at: '2030-01-01 00:00:00', is_expired: false, is_redeemable: true,
        redemptions_remaining: 1, redeem_code_online: null, definition: { name: 'Birthday 20% off', allow_user_redeem: true },
      };
      await scope.addFaults([
        { method: 'GET', path: '^/profiles/me/rewards$', status: 200, body: { data: [] }, times: 'Infinity' },
        { method: 'GET', path: '^/profiles/me/benefits$', status: 200, body: { data: [benefit] }, times: 1 },
        { method: 'GET', path: '^/profiles/me/benefits$', status: 200, body: { data: [] }, times: 'Infinity' },
        { method: 'POST', path: '/benefits/7781/redeem', status: 422 },
      ]);
      const el = await mount('ava');
      await loaded(el);
      // The polite region is in the page, empty, before anything is said in it.
      const region = el.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
      expect(squash(region.textContent)).to.equal('');
      inBenefit(el, '7781', 'redeem-button')!.focus();
      await pressConfirm(el, '7781');
      await until(() => part(el, 'empty'), 4000, 'the empty wallet');
      await until(() => squash(region.textContent), 2000, 'the announcement');
      expect(region.isConnected, 'the same live region, still in the page').to.equal(true);
      expect(squash(region.textContent)).to.equal("Birthday 20% off can't be redeemed any more: your benefits have been updated.");
      // Focus did not fall to the page with the row: it is on the wallet's heading.
      await until(() => activeElement(el) === part(el, 'heading'), 2000, 'focus on the heading');
      await expect(el).to.be.accessible();
    });

    /** Opens the confirm step of `benefitId` and presses Confirm once the double-click guard is over. */
    async function pressConfirm(el: OmneoRewardWallet, benefitId: string) {
      (await openConfirm(el, benefitId)).click();
    }

    /** The wallet's words about a redeem whose answer was lost: an alert in the row, which has focus; never "Nothing was used". */
    async function expectUnconfirmed(el: OmneoRewardWallet, benefitId: string, message: string) {
      const feedback = await until(() => inBenefit(el, benefitId, 'feedback'), 4000, 'the message');
      expect(squash(feedback.textContent)).to.equal(message);
      expect(feedback.getAttribute('role')).to.equal('alert');
      expect(text(el)).to.not.contain('Nothing was used');
      expect(inBenefit(el, benefitId, 'redeemed')).to.equal(null);
      await until(() => activeElement(el)?.contains(feedback), 2000, 'focus on the message');
    }

    const UNCONFIRMED_BIRTHDAY = "We couldn't confirm whether Birthday 20% off was redeemed: it may have been. Check your benefits before you try again.";

    it('Omneo carries the redeem out but answers 500: "We couldn\'t confirm …", the wallet re-read shows it used, the code stays', async () => {
      const el = await mount('ava');
      await loaded(el);
      const seen = { redeemed: 0 };
      el.addEventListener('omneo-benefit-redeemed', () => (seen.redeemed += 1));
      const before = { benefits: await scope.count('/profiles/me/benefits'), balances: await scope.count('/profiles/me/balances') };
      await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', status: 500, afterProcessing: true });
      const failure = oneEvent(el, 'omneo-error');
      await pressConfirm(el, '7781');
      expect((await failure).detail).to.deep.include({ element: 'omneo-reward-wallet', kind: 'http', status: 500 });
      await expectUnconfirmed(el, '7781', UNCONFIRMED_BIRTHDAY);
      // Benefits and balances were asked for again; Omneo says the benefit's one use is gone.
      expect(await scope.count('/profiles/me/benefits')).to.be.greaterThan(before.benefits);
      expect(await scope.count('/profiles/me/balances')).to.be.greaterThan(before.balances);
      await until(() => benefitItem(el, '7781')?.getAttribute('part') === 'benefit benefit-used', 2000, 'used up');
      // Most likely used by this redeem: the code the confirm step promised to keep is still there, with Copy.
      const row = benefitItem(el, '7781')!;
      expect(row.querySelector('[part~="code"]')!.textContent).to.equal('BDAY-7Q4K-2M');
      expect(row.querySelector('[part~="copy-button"]') !== null).to.equal(true);
      expect(row.querySelector('[part~="redeem-button"]')).to.equal(null);
      expect(seen.redeemed).to.equal(0);
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('the connection drops after the POST reached Omneo: "We couldn\'t confirm …", not "Nothing was used"', async () => {
      const el = await mount('ava');
      await loaded(el);
      // The POST reaches the mock and is carried out; the answer never reaches the page (as a dropped connection).
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        const response = await realFetch(input, init);
        if (init?.method === 'POST' && String(input instanceof Request ? input.url : input).includes('/benefits/7781/redeem')) {
          await response.arrayBuffer();
          throw new TypeError('Failed to fetch');
        }
        return response;
      };
      try {
        const failure = oneEvent(el, 'omneo-error');
        await pressConfirm(el, '7781');
        expect((await failure).detail).to.deep.include({ kind: 'network', status: null });
        await expectUnconfirmed(el, '7781', UNCONFIRMED_BIRTHDAY);
      } finally {
        window.fetch = realFetch;
      }
      await until(() => benefitItem(el, '7781')?.getAttribute('part') === 'benefit benefit-used', 2000, 'used up');
      expect(inBenefit(el, '7781', 'code')!.textContent).to.equal('BDAY-7Q4K-2M');
    });

    it('a 500 on an unlimited benefit: "We couldn\'t confirm …"; Redeem stays, and a second redeem asks again (Liam)', async () => {
      const el = await mount('liam');
      await loaded(el);
      await scope.addFaults({ method: 'POST', path: '/benefits/7815/redeem', status: 500 });
      await pressConfirm(el, '7815');
      await expectUnconfirmed(
        el,
        '7815',
        "We couldn't confirm whether Free alterations was redeemed: it may have been. Check your benefits before you try again.",
      );
      // Nothing says how many uses an unlimited benefit has had: it stays redeemable, and redeeming is deliberate again.
      expect(inBenefit(el, '7815', 'code')!.textContent).to.equal('ALTER-GOLD-88');
      inBenefit(el, '7815', 'redeem-button')!.click();
      await until(() => inBenefit(el, '7815', 'confirm'), 2000, 'confirm step');
      expect(inBenefit(el, '7815', 'feedback')).to.equal(null);
      expect(await scope.count('/profiles/me/benefits/7815/redeem', 'POST')).to.equal(1);
    });

    for (const [locale, message] of [
      ['fr-FR', 'Impossible de confirmer l’utilisation de Birthday 20% off : elle a peut-être bien eu lieu. Vérifiez vos avantages avant de réessayer.'],
      ['ar', 'تعذّر التأكد من استخدام Birthday 20% off، وربما تم ذلك بالفعل. تحقّق من مزاياك قبل المحاولة مجددًا.'],
    ] as const) {
      it(`says it could not confirm the redeem in the shopper's language (${locale})`, async () => {
        const el = await mount('ava', locale);
        await loaded(el);
        await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', status: 503, afterProcessing: true });
        await pressConfirm(el, '7781');
        await expectUnconfirmed(el, '7781', message);
        expect(inBenefit(el, '7781', 'feedback')!.querySelector('bdi')!.textContent).to.equal('Birthday 20% off');
      });
    }
  });

  describe('the shopper changes or signs out, during or after a redeem', () => {
    const REDEEM_POST = '/profiles/me/benefits/7781/redeem';
    const AVA_CODE = 'BDAY-7Q4K-2M';
    const AVA_CUSTOMER = '7321987654321';
    const LIAM_CUSTOMER = '7321987650022';

    /**
     * Ava's wallet on a storefront whose session the test controls, as a shared device, an SPA sign-in or a sign-out
     * in another tab changes it: the page's token function (the real token endpoint of whoever is signed in now),
     * the customer hint if given. Records the events and everything the wallet says (live region, alerts).
     */
    async function sessionWallet(customer?: string) {
      const session = { who: 'ava' };
      configure({
        apiBase: scope.apiBase,
        ...(customer ? { customer } : {}),
        getToken: () => endpointTokenSource(new URL(scope.tokenEndpoint(session.who), location.href).href)(),
      });
      const el = await fixture<OmneoRewardWallet>(html`<omneo-reward-wallet locale="en-AU"></omneo-reward-wallet>`);
      await until(() => inBenefit(el, '7781', 'redeem-button'), 5000, 'Ava’s wallet');
      const seen = { errors: [] as unknown[], redeemed: [] as unknown[], said: [] as string[] };
      el.addEventListener('omneo-error', (event) => seen.errors.push((event as CustomEvent).detail));
      el.addEventListener('omneo-benefit-redeemed', (event) => seen.redeemed.push((event as CustomEvent).detail));
      new MutationObserver(() => {
        for (const region of el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"]')) {
          const said = squash(region.textContent);
          if (said && !seen.said.includes(said)) seen.said.push(said);
        }
      }).observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      return { session, el, seen };
    }

    /** Nothing told this shopper about a redeem that was another session's: no event, no words, no box. */
    function expectNothingClaimed(el: OmneoRewardWallet, seen: { errors: unknown[]; redeemed: unknown[]; said: unknown[] }) {
      expect(seen.errors).to.deep.equal([]);
      expect(seen.redeemed).to.deep.equal([]);
      expect(seen.said).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('[part~="feedback"], [part~="redeemed"]')).to.equal(null);
    }

    /** Redeem, then Tab to Confirm and press it, from the keyboard: focus is on Confirm while it works. */
    async function confirmRedeem(el: OmneoRewardWallet) {
      inBenefit(el, '7781', 'redeem-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => activeElement(el)?.classList.contains('confirm-text'), 2000, 'focus on the question');
      await tabToConfirm(el);
      await sendKeys({ press: 'Enter' });
    }

    it('another shopper signs in (the 401 re-mint is theirs): no failure, no omneo-error, their wallet, focus on its heading', async () => {
      const { session, el, seen } = await sessionWallet();
      // Ava's token is refused at the redeem; the storefront session is Zoe's now, so the re-mint is hers.
      await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true, latencyMs: 300 });
      session.who = 'zoe';
      await confirmRedeem(el);
      await until(() => part(el, 'empty'), 6000, 'Zoe’s (empty) wallet');
      await pause(300);
      expectNothingClaimed(el, seen);
      expect(activeElement(el) === part(el, 'heading'), 'focus on the heading').to.equal(true);
      // Refused, so nothing of Ava's was spent, and not sent again with Zoe's token.
      expect(await scope.count(REDEEM_POST, 'POST')).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('another shopper signs in under a redeem, and the shopper moves on to the page before their wallet shows: focus stays where they put it', async () => {
      const { session, el, seen } = await sessionWallet();
      await scope.addFaults([
        { method: 'POST', path: '/redeem', expireToken: true, latencyMs: 300 },
        // Zoe's wallet takes a while: the shopper is elsewhere on the page by the time it shows.
        { method: 'GET', path: '/profiles/me/rewards', latencyMs: 800, times: 3 },
      ]);
      const search = document.createElement('input');
      search.setAttribute('aria-label', 'Search');
      el.after(search);
      try {
        session.who = 'zoe';
        await confirmRedeem(el);
        // The wallet has noted that focus, in it at the press, is to go to the new wallet's heading...
        await until(() => (el as unknown as { focusAfterSessionChange: boolean }).focusAfterSessionChange, 4000, 'the session change under the redeem');
        search.focus(); // ...and the shopper goes on to search the shop before it shows.
        await until(() => part(el, 'empty'), 6000, 'Zoe’s (empty) wallet');
        await el.updateComplete;
        expectNothingClaimed(el, seen);
        expect(document.activeElement === search, `focus on ${document.activeElement?.localName}`).to.equal(true);
        expect(activeElement(el)).to.equal(null);
      } finally {
        search.remove();
      }
    });

    for (const outcome of ['accepted', 'refused'] as const) {
      it(`another shopper signs in while the redeem is out, and Omneo ${outcome} it: nothing claims it to them either way`, async () => {
        const { session, el, seen } = await sessionWallet('7321987654321');
        await scope.addFaults({ method: 'POST', path: '/redeem', latencyMs: 700, ...(outcome === 'refused' ? { status: 500 } : {}) });
        await confirmRedeem(el);
        await until(async () => (await scope.count(REDEEM_POST, 'POST')) === 1, 2000, 'the POST on its way');
        // Olivia signs in (an SPA login on a shared device): the page says so, and her session mints her token.
        session.who = 'olivia';
        configure({ customer: '7321987650055' });
        await until(() => inBenefit(el, '7990', 'code'), 6000, 'Olivia’s wallet');
        await pause(1000); // Ava's redeem has been answered by now
        // The outcome was Ava's: Olivia is told neither "redeemed" (nor given Ava's code) nor "couldn't redeem".
        expectNothingClaimed(el, seen);
        expect(squash(el.shadowRoot!.querySelector('[role="status"]')!.textContent)).to.equal('');
        expect(activeElement(el) === part(el, 'heading'), 'focus on the heading').to.equal(true);
        await expect(el).to.be.accessible();
      });
    }

    it('signed out under the redeem (the 401 re-mint finds nobody): the guest state, no failure, no omneo-error', async () => {
      const { session, el, seen } = await sessionWallet();
      await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true, latencyMs: 300 });
      session.who = 'guest';
      await confirmRedeem(el);
      await until(() => part(el, 'guest'), 6000, 'guest state');
      await pause(300);
      expect(text(el)).to.contain('Sign in to see your rewards');
      expect(seen.errors).to.deep.equal([]);
      expect(seen.redeemed).to.deep.equal([]);
      expect(seen.said).to.deep.equal([]);
      // Focus, dropped with Ava's rows, is on what the wallet shows now.
      expect(activeElement(el) === part(el, 'guest'), 'focus on the guest state').to.equal(true);
      expect(await scope.count(REDEEM_POST, 'POST')).to.equal(1);
      await expect(el).to.be.accessible();
    });

    /** Ava redeems her birthday benefit and is told so: "… redeemed. Your code: BDAY-7Q4K-2M", in the box and the live region. */
    async function avaRedeems(el: OmneoRewardWallet) {
      await confirmRedeem(el);
      await until(() => squash(el.shadowRoot!.querySelector('[role="status"]')?.textContent).includes(AVA_CODE), 4000, 'the announcement with her code');
      expect(inBenefit(el, '7781', 'redeemed')!.querySelector('[part~="code"]')!.textContent).to.equal(AVA_CODE);
    }

    /** Nothing of Ava's redeem is left anywhere in the wallet's DOM: live region, box, feedback, attributes. */
    function expectNoTraceOfAvasRedeem(el: OmneoRewardWallet) {
      const root = el.shadowRoot!;
      expect(root.innerHTML.includes(AVA_CODE), 'her code in the DOM').to.equal(false);
      expect(root.innerHTML.includes('Birthday 20% off redeemed'), '"… redeemed." in the DOM').to.equal(false);
      expect(squash(root.querySelector('[role="status"]')?.textContent)).to.equal('');
      expect(root.querySelector('[part~="feedback"], [part~="redeemed"], [part~="confirm"]')).to.equal(null);
    }

    const liamsWallet = (el: OmneoRewardWallet) =>
      until(() => parts(el, 'code').some((code) => code.textContent === 'ALTER-GOLD-88'), 6000, 'Liam’s wallet');

    const afterAva: [string, string | undefined, (session: { who: string }, el: OmneoRewardWallet) => Promise<void>][] = [
      [
        'OmneoWidgets.logout(), then Liam signs in and refresh() runs',
        undefined,
        async (session, el) => {
          logout();
          await until(() => part(el, 'guest'), 4000, 'guest state');
          expectNoTraceOfAvasRedeem(el);
          session.who = 'liam';
          await refresh();
        },
      ],
      [
        'the session ends without a logout (refresh() finds nobody), then Liam signs in',
        undefined,
        async (session, el) => {
          session.who = 'guest';
          await refresh();
          await until(() => part(el, 'guest'), 4000, 'guest state');
          expectNoTraceOfAvasRedeem(el);
          session.who = 'liam';
          await refresh();
        },
      ],
      [
        'Liam signs in on the same page (the customer hint changes, no logout)',
        AVA_CUSTOMER,
        async (session) => {
          session.who = 'liam';
          configure({ customer: LIAM_CUSTOMER });
        },
      ],
    ];
    for (const [how, customer, change] of afterAva) {
      it(`leaves no trace of Ava's redeem and code for the next shopper: ${how}`, async () => {
        const { session, el } = await sessionWallet(customer);
        await avaRedeems(el);
        await change(session, el);
        await liamsWallet(el);
        await pause(200);
        expectNoTraceOfAvasRedeem(el);
        await expect(el).to.be.accessible();
      });
    }

    it('forgets the redeemed box when Ava signs out and in again: her used-up benefit shows no code', async () => {
      const { session, el } = await sessionWallet();
      await avaRedeems(el);
      logout();
      await until(() => part(el, 'guest'), 4000, 'guest state');
      session.who = 'ava';
      await refresh();
      await until(() => benefitItem(el, '7781')?.getAttribute('part') === 'benefit benefit-used', 6000, 'her wallet, the benefit used up');
      await pause(200);
      expectNoTraceOfAvasRedeem(el);
    });
  });

  it('a failed refresh keeps the cached wallet, says it may be out of date, and Retry reloads what failed', async () => {
    const customer = '7321987654321';
    const wallet = () => fixture<OmneoRewardWallet>(html`<omneo-reward-wallet
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=${customer} locale="en-AU"
    ></omneo-reward-wallet>`);
    const first = await wallet();
    await loaded(first);
    await until(() => parts(first, 'reward').length > 0, 4000, 'rewards');
    first.remove();
    resetRuntimes({ keepCrossPageCache: true }); // the next page of the visit
    await scope.addFaults({ path: '/profiles/me/rewards', status: 500, times: 3 });
    const next = await wallet();
    await until(() => part(next, 'stale')?.textContent === 'May be out of date', 6000, 'out-of-date note');
    expect(rewardNames(next)).to.deep.equal(['Birthday $20', '$25 spend reward']);
    expect(next.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    await expect(next).to.be.accessible();
    const benefitsBefore = await scope.count('/profiles/me/benefits');
    (part(next, 'heading')!.querySelector('[part~="retry-button"]') as HTMLButtonElement).click();
    await until(() => part(next, 'stale') === null, 4000, 'fresh data');
    // Only the rewards failed, so only they were asked for again.
    expect(await scope.count('/profiles/me/benefits')).to.equal(benefitsBefore);
    expect(rewardNames(next)).to.deep.equal(['Birthday $20', '$25 spend reward']);
  });

  it('rewards but no benefits: the rewards, and "No benefits right now." under the Benefits heading (not the empty wallet)', async () => {
    await scope.addFaults({ path: '^/profiles/me/benefits$', method: 'GET', status: 200, body: { data: [] }, times: 5 });
    const el = await mount('ava');
    await loaded(el);
    expect(rewardNames(el)).to.deep.equal(['Birthday $20', '$25 spend reward']);
    expect(part(el, 'empty')).to.equal(null);
    expect(part(el, 'benefits')).to.equal(null);
    const heading = el.shadowRoot!.getElementById('benefits-heading')!;
    expect(squash(heading.textContent)).to.equal('Benefits');
    expect(squash(heading.nextElementSibling?.textContent)).to.equal('No benefits right now.');
    await expect(el).to.be.accessible();
  });

  it('shows the empty state for a new member (Zoe)', async () => {
    const el = await mount('zoe');
    await loaded(el);
    expect(squash(part(el, 'empty')!.textContent)).to.equal('No rewards or benefits yet. Shop with us to earn your first reward.');
    await expect(el).to.be.accessible();
  });

  it('keeps the hint under a merchant\'s own empty text, and leaves no line for a hint overridden to ""', async () => {
    configure({ messages: { en: { 'wallet.empty': 'Your wallet fills up as you shop.' } } });
    const el = await mount('zoe');
    await loaded(el);
    expect(squash(part(el, 'empty')!.textContent)).to.equal('Your wallet fills up as you shop. Shop with us to earn your first reward.');
    el.remove();

    resetPage();
    configure({ messages: { en: { 'wallet.empty': 'Your wallet fills up as you shop.', 'wallet.empty.hint': '' } } });
    const blank = await mount('zoe');
    await loaded(blank);
    const empty = part(blank, 'empty')!;
    expect(squash(empty.textContent)).to.equal('Your wallet fills up as you shop.');
    expect(empty.querySelector('.empty-hint')).to.equal(null);
    // No blank line: the empty state is exactly as tall as its one line of text.
    expect(Math.abs(empty.getBoundingClientRect().height - empty.querySelector('.empty')!.getBoundingClientRect().height)).to.be.lessThan(0.5);
    await expect(blank).to.be.accessible();
  });

  it("styles its empty state as the wishlist does: what is missing in body text, the hint muted below", async () => {
    const wallet = await mount('zoe');
    const wishlist = await fixture<HTMLElement>(html`<omneo-wishlist
      token-endpoint=${scope.tokenEndpoint('zoe')}
      api-base=${scope.apiBase}
      locale="en-AU"
    ></omneo-wishlist>`);
    await loaded(wallet);
    await until(() => part(wishlist, 'empty'), 4000, 'wishlist empty state');
    const look = (el: Element, selector: string) => {
      const style = getComputedStyle(part(el, 'empty')!.querySelector(selector)!);
      return { color: style.color, fontSize: style.fontSize, fontWeight: style.fontWeight, lineHeight: style.lineHeight };
    };
    expect(look(wallet, '.empty')).to.deep.equal(look(wishlist, '.empty'));
    expect(look(wallet, '.empty-hint')).to.deep.equal(look(wishlist, '.empty-hint'));
    // The main line is the element's own text colour, not the muted one.
    expect(look(wallet, '.empty').color).to.equal(getComputedStyle(wallet).color);
    expect(look(wallet, '.empty-hint').color).to.not.equal(getComputedStyle(wallet).color);
  });

  it('explains an empty filter rather than showing nothing', async () => {
    const el = await mount('liam');
    await loaded(el);
    parts(el, 'filter-button')[1]!.click();
    await el.updateComplete;
    expect(text(el)).to.contain('No used or expired rewards.');
  });

  it('shows the guest state with no API request', async () => {
    const el = await mount('guest');
    await until(() => part(el, 'guest'), 4000, 'guest');
    expect(text(el)).to.contain('Sign in to see your rewards');
    expect(await scope.count('/profiles/me/rewards')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows the error state with role=alert; Retry from the keyboard reloads only what failed', async () => {
    await scope.addFaults({ path: '/profiles/me/rewards', status: 500, times: 3 });
    const el = await mount('ava');
    await until(() => part(el, 'error'), 5000, 'error state');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    // Its heading stays above the message: beside other failed elements, it says which part failed.
    expect(squash(part(el, 'heading')?.textContent)).to.equal('Your wallet');
    expect(part(el, 'heading')!.getBoundingClientRect().bottom).to.be.at.most(part(el, 'error')!.getBoundingClientRect().top);
    // The message names what failed, not the shared fallback.
    expect(squash(part(el, 'error')!.querySelector('.error-message')!.textContent)).to.equal("We couldn't load your rewards right now.");
    await expect(el).to.be.accessible();
    const benefitsBefore = await scope.count('/profiles/me/benefits');
    part(el, 'retry-button')!.focus();
    await sendKeys({ press: ' ' });
    await loaded(el);
    expect(rewardNames(el)).to.deep.equal(['Birthday $20', '$25 spend reward']);
    expect(await scope.count('/profiles/me/benefits')).to.equal(benefitsBefore);
  });

  for (const [locale, message] of [
    ['fr-FR', 'Impossible de charger vos récompenses pour le moment.'],
    ['ar', 'تعذّر تحميل مكافآتك الآن.'],
  ] as const) {
    it(`error (${locale}): the message names the rewards, in the shopper's language`, async () => {
      await scope.addFaults({ path: '/profiles/me/benefits', status: 500, times: 3 });
      const el = await mount('ava', locale);
      await until(() => part(el, 'error') && !el.localisationPending, 5000, 'error state');
      await el.updateComplete;
      expect(squash(part(el, 'error')!.querySelector('.error-message')!.textContent)).to.equal(message);
      await expect(el).to.be.accessible();
    });
  }

  it('keeps showing its data, marked "Updating…", while a refresh is under way', async () => {
    const el = await mount('ava');
    await loaded(el);
    await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 600 });
    document.dispatchEvent(new Event('omneo-refresh'));
    await until(() => part(el, 'heading')?.textContent?.includes('Updating…'), 1000, 'stale marker');
    expect(rewardNames(el)).to.deep.equal(['Birthday $20', '$25 spend reward']);
    await expect(el).to.be.accessible();
    await until(() => !part(el, 'heading')!.textContent!.includes('Updating…'), 4000, 'fresh data');
  });

  it('renders hostile data (Mallory) as inert text, with placeholders for javascript: images', async () => {
    const el = await mount('mallory');
    await loaded(el);
    expect(rewardNames(el)).to.deep.equal(['<img src=x onerror=alert(1)>Birthday $10']);
    expect(el.shadowRoot!.querySelectorAll('img, script, iframe, a, style').length).to.equal(0);
    expect(inBenefit(el, '7951', 'code')!.textContent).to.equal('<script>alert(1)</script>CODE');
    const details = parts(el, 'reward')[0]!.querySelector('details')!;
    details.open = true;
    expect([...details.querySelectorAll('.copy-text')].map((node) => node.textContent)).to.deep.equal(['Hello\nclick', 'Terms and conditions\nterms']);
    await expect(el).to.be.accessible();
  });

  describe("each Details disclosure's name says whose details they are", () => {
    for (const [locale, reward, benefit] of [
      ['en-AU', 'Details: Birthday $20', 'Details: Birthday 20% off'],
      ['fr-FR', 'Détails\u00a0: Birthday $20', 'Détails\u00a0: Birthday 20% off'],
      ['ar', 'التفاصيل: Birthday $20', 'التفاصيل: Birthday 20% off'],
    ] as const) {
      it(`"${reward}", "${benefit}" (${locale})`, async () => {
        const el = await mount('ava', locale);
        await loaded(el);
        const summaries = [...el.shadowRoot!.querySelectorAll('summary')];
        // Ava's birthday reward and birthday benefit have details; the visible word stays "Details".
        expect(summaries.map((summary) => summary.getAttribute('aria-label'))).to.deep.equal([reward, benefit]);
        expect(summaries.map((summary) => squash(summary.textContent))).to.deep.equal(Array(2).fill(reward.split(/\s?:/)[0]));
        await expect(el).to.be.accessible();
      });
    }

    it('"Details: Reward" / "Details: Benefit" for rows Omneo sent without a name', async () => {
      const details = { long_description: '<p>More</p>', terms_conditions: null };
      await scope.addFaults([
        {
          method: 'GET',
          path: '^/profiles/me/rewards$',
          status: 200,
          body: { data: [{ id: 1, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 10, is_expired: false, is_active: true, expires_at: '2030-01-01 00:00:00', definition: { name: null, ...details } }] },
          times: 'Infinity',
        },
        {
          method: 'GET',
          path: '^/profiles/me/benefits$',
          status: 200,
          body: { data: [{ id: 2, expires_at: '2030-01-01 00:00:00', is_expired: false, is_redeemable: true, redemptions_remaining: 1, definition: { name: ' ', ...details } }] },
          times: 'Infinity',
        },
      ]);
      const el = await mount('ava');
      await loaded(el);
      expect([...el.shadowRoot!.querySelectorAll('summary')].map((summary) => summary.getAttribute('aria-label'))).to.deep.equal([
        'Details: Reward',
        'Details: Benefit',
      ]);
      await expect(el).to.be.accessible();
    });
  });

  describe('a reward or benefit Omneo sent without a name', () => {
    // Ava's birthday benefit (so the real mock redeems it) and a reward, as Omneo might send them: no name.
    const namelessReward = {
      id: 1, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 10, is_expired: false, is_active: true,
      expires_at: '2030-01-01 00:00:00', definition: { name: null, handle: 'no-name', short_description: 'Ten dollars off' },
    };
    const namedReward = { ...namelessReward, id: 2, expires_at: '2030-02-01 00:00:00', definition: { name: 'Named $10' } };
    const namelessBenefit = {
      id: 7781, timezone: 'Australia/Sydney', expires_at: '2030-01-01 00:00:00', is_expired: false, is_redeemable: true,
      redemptions_remaining: 1, redeem_code_online: 'BDAY-7Q4K-2M', definition: { name: '  ', allow_user_redeem: true },
    };
    const spentBenefit = { ...namelessBenefit, id: 2, redemptions_remaining: 0, is_redeemable: false, definition: {} };
    const serveNameless = () =>
      scope.addFaults([
        { method: 'GET', path: '^/profiles/me/rewards$', status: 200, body: { data: [namelessReward, namedReward] }, times: 'Infinity' },
        { method: 'GET', path: '^/profiles/me/benefits$', status: 200, body: { data: [namelessBenefit, spentBenefit] }, times: 'Infinity' },
      ]);

    for (const [locale, reward, benefit] of [['en-AU', 'Reward', 'Benefit'], ['fr-FR', 'Récompense', 'Avantage'], ['ar', 'مكافأة', 'ميزة']] as const) {
      it(`titles the rows "${reward}" / "${benefit}" (${locale}), in the element's direction`, async () => {
        await serveNameless();
        const el = await mount('ava', locale);
        await loaded(el);
        expect(rewardNames(el)).to.deep.equal([reward, 'Named $10']);
        expect(parts(el, 'benefit').map((row) => squash(row.querySelector('.name')!.textContent))).to.deep.equal([benefit, benefit]);
        // Our own copy, not an API string: no dir="auto" (the named reward keeps its own).
        expect(parts(el, 'reward').map((row) => row.querySelector('.name')!.getAttribute('dir'))).to.deep.equal([null, 'auto']);
        expect(benefitItem(el, '7781')!.querySelector('.name')!.hasAttribute('dir')).to.equal(false);
        await expect(el).to.be.accessible();
      });
    }

    it('names the benefit "Benefit" in its buttons, the confirm question, the failure and the redeemed message; the event has no name', async () => {
      await serveNameless();
      await scope.addFaults({ method: 'POST', path: '/benefits/7781/redeem', status: 422 });
      const el = await mount('ava');
      await loaded(el);
      expect(inBenefit(el, '7781', 'copy-button')!.getAttribute('aria-label')).to.equal('Copy code for Benefit');
      expect(inBenefit(el, '7781', 'redeem-button')!.getAttribute('aria-label')).to.equal('Redeem Benefit');
      inBenefit(el, '7781', 'redeem-button')!.click();
      await until(() => inBenefit(el, '7781', 'confirm'), 2000, 'confirm step');
      expect(squash(inBenefit(el, '7781', 'confirm')!.querySelector('.confirm-question')!.textContent)).to.equal('Redeem Benefit?');
      await pause(CONFIRM_GUARD_MS);
      inBenefit(el, '7781', 'confirm-button')!.click();
      await until(() => inBenefit(el, '7781', 'feedback'), 4000, 'failure message');
      expect(inBenefit(el, '7781', 'feedback')!.textContent).to.equal("We couldn't redeem Benefit. Nothing was used: please try again.");
      // Again; Omneo accepts this time.
      await openConfirm(el, '7781');
      inBenefit(el, '7781', 'confirm-button')!.click();
      const event = await oneEvent(el, 'omneo-benefit-redeemed');
      // The detail is data: ids and the code, never our display copy.
      expect(Object.keys(event.detail).sort()).to.deep.equal(['benefitId', 'code', 'redemptionId']);
      expect(event.detail.benefitId).to.equal('7781');
      const confirmation = await until(() => inBenefit(el, '7781', 'redeemed'), 4000, 'redeemed message');
      expect(squash(confirmation.textContent)).to.equal('Benefit redeemed.');
      await until(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Benefit redeemed. Your code: BDAY-7Q4K-2M', 2000, 'announcement');
      await expect(el).to.be.accessible();
    });
  });

  it('is right-to-left in Arabic: images sit on the right of the names', async () => {
    const el = await mount('ava', 'ar');
    await loaded(el);
    expect(el.getAttribute('dir')).to.equal('rtl');
    const item = parts(el, 'reward')[0]!;
    const thumb = item.querySelector('.thumb')!.getBoundingClientRect();
    const name = item.querySelector('.name')!.getBoundingClientRect();
    expect(thumb.left).to.be.greaterThan(name.right - 1);
    expect(parts(el, 'status')[0]!.textContent).to.equal('نشطة');
    await expect(el).to.be.accessible();
  });

  it('keeps API strings in their own direction on an Arabic page, and codes left to right', async () => {
    const el = await mount('ava', 'ar');
    await loaded(el);
    const root = el.shadowRoot!;
    // Every name, description and instruction from the API is dir="auto"; every code is dir="ltr".
    const apiText = [...root.querySelectorAll('.name'), ...root.querySelectorAll('.description > span:first-child'), ...root.querySelectorAll('.meta > span[dir]')];
    expect(apiText.length).to.equal(4 + 3 + 2);
    for (const node of apiText) expect(node.getAttribute('dir'), node.textContent!).to.equal('auto');
    for (const code of parts(el, 'code')) expect(code.getAttribute('dir')).to.equal('ltr');
    // So English reads in its own order: "$25 spend reward", "20% off one full-price item", the full stop at the end.
    expect(readsLeftToRight(root, '$25 spend reward', '$25', 'spend')).to.equal(true);
    expect(readsLeftToRight(root, '20% off one full-price item', '20%', 'off')).to.equal(true);
    expect(readsLeftToRight(root, 'Enter the code at checkout.', 'checkout', '.')).to.equal(true);
    // …while the element stays right to left: the name starts at the right, beside the image.
    const item = parts(el, 'reward')[1]!;
    expect(item.querySelector('.name')!.getBoundingClientRect().right).to.be.closeTo(item.querySelector('.body')!.getBoundingClientRect().right, 1);
    const details = parts(el, 'reward')[0]!.querySelector('details')!;
    details.open = true;
    const description = details.querySelector<HTMLElement>('.copy-text')!;
    expect(description.getAttribute('dir')).to.equal('auto');
    const drawn = document.createRange();
    drawn.selectNodeContents(description);
    expect(drawn.getBoundingClientRect().right).to.be.closeTo(description.getBoundingClientRect().right, 1);
    expect(details.querySelector('.terms')!.getAttribute('dir')).to.equal('auto');
    // A name inside our own copy is isolated too.
    inBenefit(el, '7781', 'redeem-button')!.click();
    await until(() => inBenefit(el, '7781', 'confirm'), 2000, 'confirm step');
    expect(inBenefit(el, '7781', 'confirm')!.querySelector('.confirm-question bdi')!.textContent).to.equal('Birthday 20% off');
    await expect(el).to.be.accessible();
  });

  it('speaks French, with French money formatting', async () => {
    const el = await mount('ava', 'fr-FR');
    await loaded(el);
    expect(squash(part(el, 'summary')!.textContent)).to.match(/^35\s\$\s?AU de récompenses à dépenser$/);
    expect(parts(el, 'status')[1]!.textContent).to.equal('Partiellement utilisée');
  });

  describe('filled buttons (the pressed filter, Confirm) are readable in any theme', () => {
    const themes: [string, string][] = [
      ['no tokens, a white page', 'color: #1a1a1a; background: #fff'],
      ['no tokens, a dark page (Dawn\'s inverse scheme)', 'color: #fff; background: #111'],
      ['accent only, a white page', 'color: #1a1a1a; background: #fff; --omneo-color-accent: #0b57d0'],
      ['accent only, a light accent on a dark page', 'color: #f5f5f5; background: #121417; --omneo-color-accent: #8fc6cc'],
      // Either side of the luminance where black and white labels contrast equally (about 4.6:1 each).
      ['accent only, mid grey just lighter', 'color: #1a1a1a; background: #fff; --omneo-color-accent: #777'],
      ['accent only, mid grey just darker', 'color: #1a1a1a; background: #fff; --omneo-color-accent: #757575'],
      ['accent only, saturated red', 'color: #1a1a1a; background: #fff; --omneo-color-accent: #e00000'],
      ['surface only, a dark page', 'color: #f5f5f5; background: #121417; --omneo-color-surface: #1e2226'],
      ['accent and surface', 'color: #1a1a1a; background: #f4f1ea; --omneo-color-accent: #14532d; --omneo-color-surface: #fff'],
      ['accent and surface, dark', 'color: #f5f5f5; background: #121417; --omneo-color-accent: #8fc6cc; --omneo-color-surface: #121417'],
    ];
    for (const [theme, style] of themes) {
      it(`${theme}: label ≥ 4.5:1 on its fill`, async () => {
        const el = await mount('ava');
        el.parentElement!.setAttribute('style', style);
        await loaded(el);
        const pressed = parts(el, 'filter-button').find((button) => button.getAttribute('aria-pressed') === 'true')!;
        const filterRatio = textContrast(pressed);
        expect(filterRatio, `pressed filter ${filterRatio.toFixed(2)}:1`).to.be.at.least(4.5);
        inBenefit(el, '7781', 'redeem-button')!.click();
        const confirm = await until(() => inBenefit(el, '7781', 'confirm-button'), 2000, 'confirm button');
        const confirmRatio = textContrast(confirm);
        expect(confirmRatio, `Confirm ${confirmRatio.toFixed(2)}:1`).to.be.at.least(4.5);
      });
    }
  });

  describe("a page's own `* { box-sizing: content-box }` (shared styles)", () => {
    // A page rule on the host beats :host, so shadow elements that inherited box-sizing took the page's content-box:
    // padded boxes grew by their padding (the wishlist's placeholder icon, 100% wide plus 25% padding, slid off
    // centre and was clipped; buttons grew past their minimum height).
    let pageRule: HTMLStyleElement;
    beforeEach(() => {
      pageRule = document.createElement('style');
      pageRule.textContent = '*, *::before, *::after { box-sizing: content-box }';
      document.head.append(pageRule);
    });
    afterEach(() => pageRule.remove());

    it('keeps the wishlist placeholder icon centred inside its image box', async () => {
      const wishlist = await fixture<HTMLElement>(html`<omneo-wishlist
        token-endpoint=${scope.tokenEndpoint('ava')}
        api-base=${scope.apiBase}
        locale="en-AU"
      ></omneo-wishlist>`);
      expect(getComputedStyle(wishlist).boxSizing, 'the page rule reaches the host').to.equal('content-box');
      // Ava's knit has no image: the placeholder icon.
      const icon = await until(() => wishlist.shadowRoot!.querySelector<SVGElement>('svg.placeholder'), 5000, 'placeholder icon');
      // Its row is content-visibility: auto: measured once the browser has laid it out (Firefox, before that, gave the
      // icon a box above and beside the image box's, at the row's top; Chromium laid the row out for the question).
      await untilRendered(() => icon.closest('li')!.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }), 4000, 'row laid out');
      const drawn = icon.getBoundingClientRect();
      const box = icon.parentElement!.getBoundingClientRect();
      expect(drawn.left + drawn.width / 2).to.be.closeTo(box.left + box.width / 2, 0.5);
      expect(drawn.top + drawn.height / 2).to.be.closeTo(box.top + box.height / 2, 0.5);
      expect(drawn.width).to.be.at.most(box.width + 0.5);
    });

    it("keeps the wallet's boxes border-box: buttons at their minimum height", async () => {
      const el = await mount('ava');
      await loaded(el);
      for (const node of el.shadowRoot!.querySelectorAll('*')) expect(getComputedStyle(node).boxSizing, node.localName).to.equal('border-box');
      const copy = inBenefit(el, '7781', 'copy-button')!;
      expect(copy.getBoundingClientRect().height).to.be.closeTo(parseFloat(getComputedStyle(copy).minHeight), 0.5);
    });
  });

  describe("a page's own text layout on an ancestor: white-space: nowrap, text-align: center, text-indent (shared styles)", () => {
    // Inherited through the host, they laid out the cards' text as the page's: the benefits' "1 use left" and "Use by
    // … Enter the code at checkout." ran out of the wallet, the wishlist's titles were cut at its edge, some lines
    // were centred and others not, and every block's first line (the status pills' too) was indented.
    const pageText = 'inline-size: 360px; white-space: nowrap; text-align: center; text-indent: 2em';

    /** Each line of the element's own headings starts at the card's content edge. */
    function expectHeadingsAtStart(el: Element, card: Element) {
      const style = getComputedStyle(card);
      const start = card.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const headings = [...el.shadowRoot!.querySelectorAll('[role="heading"]')];
      expect(headings.length).to.be.greaterThan(0);
      for (const heading of headings) {
        const words = document.createRange();
        words.selectNodeContents(heading);
        expect(words.getBoundingClientRect().left, `"${heading.textContent!.trim()}"`).to.be.closeTo(start, 1);
      }
    }

    it('the wallet keeps its text inside the card, its headings and pills unindented', async () => {
      const el = await mount('ava');
      el.parentElement!.setAttribute('style', pageText);
      await loaded(el);
      await el.updateComplete;
      const card = part(el, 'wallet')!;
      expectContained(el, card, 'wallet');
      expectHeadingsAtStart(el, card);
      const pill = parts(el, 'status')[0]!;
      const words = document.createRange();
      words.selectNodeContents(pill);
      const [text, box] = [words.getBoundingClientRect(), pill.getBoundingClientRect()];
      expect(text.left - box.left, `"${pill.textContent!.trim()}" centred in its pill`).to.be.closeTo(box.right - text.right, 1);
    });

    it('the wishlist keeps its titles whole inside the card', async () => {
      const wishlist = await fixture<HTMLElement>(html`<omneo-wishlist
        token-endpoint=${scope.tokenEndpoint('ava')}
        api-base=${scope.apiBase}
        locale="en-AU"
      ></omneo-wishlist>`);
      wishlist.parentElement!.setAttribute('style', pageText);
      const title = await until(() => wishlist.shadowRoot!.querySelector<HTMLElement>('[part~="title"]'), 5000, 'wishlist rows');
      expect(title.scrollWidth, 'title whole').to.be.at.most(title.clientWidth);
      const card = wishlist.shadowRoot!.querySelector('[part~="card"]')!;
      expectContained(wishlist, card, 'wishlist');
      expectHeadingsAtStart(wishlist, card);
    });
  });
});
