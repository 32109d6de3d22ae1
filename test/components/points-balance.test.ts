import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/components/points-balance/define.js';
import type { OmneoPointsBalance } from '../../src/components/points-balance/points-balance.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { fontSize, focusRing, resetPage, until } from '../helpers/page.js';
import { expectContained } from '../helpers/layout.js';
import { textContrast } from '../helpers/contrast.js';
import { resetRuntimes } from '../../src/core/runtime.js';
import { configure } from '../../src/core/config.js';
import { formatPoints, pointsCount } from '../../src/core/format.js';
import { loadCatalogue, translate } from '../../src/core/i18n.js';

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** A CSS colour as painted: [r, g, b, a] in 0–255 (a canvas resolves color-mix(), color() and keywords alike). */
function painted(color: string): number[] {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data];
}

/** What a skeleton block is filled with: its background colour, or its one-colour gradient's. */
function skeletonFill(style: CSSStyleDeclaration): string {
  const gradient = /gradient\((?:[^()]|\([^()]*\))*?((?:rgba?|color|oklab|oklch|lab|lch|hsla?)\([^()]*\))/.exec(style.backgroundImage)?.[1];
  return painted(style.backgroundColor)[3]! > 0 ? style.backgroundColor : (gradient ?? style.backgroundColor);
}

describe('<omneo-points-balance>', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  async function mount(persona: string, extra: { variant?: string; locale?: string; style?: string } = {}) {
    return fixture<OmneoPointsBalance>(html`<omneo-points-balance
      style=${ifDefined(extra.style)}
      token-endpoint=${scope.tokenEndpoint(persona)}
      api-base=${scope.apiBase}
      locale=${extra.locale ?? 'en-AU'}
      variant=${extra.variant ?? 'default'}
    ></omneo-points-balance>`);
  }

  it('shows a skeleton while loading, the same size as the loaded card', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 400 });
    const el = await mount('ava');
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    expect(el.shadowRoot!.querySelectorAll('.skeleton').length).to.be.greaterThan(0);
    const loadingHeight = el.getBoundingClientRect().height;
    await expect(el).to.be.accessible();
    await until(() => part(el, 'points'), 4000, 'points');
    await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring line');
    // The skeleton has the loaded view's rows with the same metrics: no layout shift at all.
    expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.lessThan(1);
  });

  for (const locale of ['en-AU', 'fr-FR', 'ar']) {
    it(`card skeleton (${locale}, 280 px, a phone's card): the loaded card's height, its lines wrapping where the reference member's do`, async () => {
      // The balances and the expiry ledger slowed alike: the skeleton is measured once its copy has loaded.
      await scope.addFaults([
        { path: '/profiles/me/balances', latencyMs: 1500 },
        { path: '/profiles/me/points', latencyMs: 1500 },
      ]);
      // The demo's type on a phone: the hub's cards are 280 px wide at a 320 px viewport.
      const el = await mount('ava', { locale, style: 'width: 280px; font: 16px/1.5 sans-serif' });
      await until(() => el.shadowRoot!.querySelector('[aria-busy="true"]') && !el.localisationPending, 4000, 'skeleton in its language');
      await el.updateComplete;
      const skeleton = el.getBoundingClientRect().height;
      await until(() => part(el, 'expiring')?.textContent?.trim(), 6000, 'loaded card with its expiry notice');
      await el.updateComplete;
      const loaded = el.getBoundingClientRect().height;
      expect(Math.abs(loaded - skeleton), `${skeleton} → ${loaded}`).to.be.lessThan(1);
    });
  }

  for (const [theme, textColor, rgb] of [
    ['light', 'rgb(29, 35, 39)', [29, 35, 39]],
    ['dark', 'rgb(236, 234, 230)', [236, 234, 230]],
    ['brand', 'rgb(43, 29, 51)', [43, 29, 51]],
  ] as const) {
    it(`skeleton bars are visible (${theme} theme): a tint of the inherited text colour, with their placeholder text hidden`, async () => {
      await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 1500 });
      // The page's text colour, as the storefront's theme sets it (a fixture of a plain <div> would wait for an
      // animation frame, which a background tab never gets).
      for (const variant of ['default', 'compact']) {
        const el = await mount('ava', { variant, style: `color: ${textColor}` });
        const bars = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.skeleton')];
        expect(bars.length, variant).to.be.greaterThan(0);
        for (const bar of bars) {
          const style = getComputedStyle(bar);
          const fill = skeletonFill(style);
          const [r, g, b, alpha] = painted(fill);
          expect(alpha, `skeleton alpha (${fill})`).to.be.greaterThan(15);
          // Un-premultiplying a 10% tint costs the canvas a few units of precision.
          expect([r, g, b].every((channel, index) => Math.abs(channel! - rgb[index]!) <= 6), `tint of ${textColor}: ${fill}`).to.equal(true);
          expect(painted(style.webkitTextFillColor)[3], 'placeholder text hidden').to.equal(0);
        }
      }
    });
  }

  it("shows Ava's points formatted for en-AU, their value and the spendable balance", async () => {
    const el = await mount('ava');
    const ready = oneEvent(el, 'omneo-ready');
    const event = await ready;
    expect(event.detail).to.deep.equal({ element: 'omneo-points-balance' });
    await el.updateComplete;
    expect(part(el, 'points')!.textContent!.trim()).to.equal('1,250 points');
    expect(part(el, 'value')!.textContent).to.contain('$12.50');
    expect(part(el, 'spendable')!.textContent).to.contain('$47.50');
    await expect(el).to.be.accessible();
  });

  it('fires omneo-ready once, even though it loads two resources', async () => {
    const readyEvents: Event[] = [];
    document.addEventListener('omneo-ready', (event) => readyEvents.push(event));
    const el = await mount('ava');
    await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readyEvents.filter((event) => event.target === el).length).to.equal(1);
  });

  it("says a connection that fails while the browser is online as a failed load, not as being offline", async () => {
    // A network error (the proxy down, a blocked request) on a shopper's connection that is up.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/profiles/me/balances')) throw new TypeError('Failed to fetch');
      return realFetch(input, init);
    };
    try {
      const el = await mount('ava');
      const failed = await until(() => part(el, 'error'), 10000, 'the error state after the retries');
      expect(navigator.onLine).to.equal(true);
      expect(failed.textContent).to.contain("We couldn't load your points right now.");
    } finally {
      window.fetch = realFetch;
    }
  });

  it('stale: the next page paints cached data at once, says it is updating, then shows fresh data', async () => {
    const first = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer="7321987654321" locale="en-AU"
    ></omneo-points-balance>`);
    await until(() => part(first, 'points'));
    first.remove();
    resetRuntimes({ keepCrossPageCache: true }); // the next page of the visit
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 600 });
    const readyEvents: EventTarget[] = [];
    const onReady = (event: Event) => void readyEvents.push(event.target!);
    document.addEventListener('omneo-ready', onReady);
    const next = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer="7321987654321" locale="en-AU"
    ></omneo-points-balance>`);
    expect(part(next, 'points')!.textContent).to.contain('1,250');
    expect(next.shadowRoot!.querySelector('.stale')!.textContent).to.equal('Updating…');
    await expect(next).to.be.accessible();
    await until(() => next.shadowRoot!.querySelector('.stale') === null, 4000, 'fresh data');
    await new Promise((resolve) => setTimeout(resolve, 50));
    document.removeEventListener('omneo-ready', onReady);
    // Ready once, for the cached data: the fresh data that replaces it is no second "ready".
    expect(readyEvents.filter((target) => target === next)).to.have.length(1);
  });

  it('shows points expiring soon from the points ledger', async () => {
    const el = await mount('ava');
    const expiring = await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
    expect(expiring).to.match(/^450 points expire on /);
  });

  describe('a fraction of a point left on an instance (points earned at a rate such as 1.5 have three decimals)', () => {
    const DAY = 86_400_000;
    const omneo = (at: number) => new Date(at).toISOString().slice(0, 19).replace('T', ' ');
    const instance = (id: number, remaining: number, days: number) => ({
      id, value_initial: 600, value_remaining: remaining, accrued_at: null, expires_at: omneo(Date.now() + days * DAY), status: 'active',
    });
    const shownDate = (days: number) => new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium' }).format(new Date(Date.now() + days * DAY));

    it('never "0 points expire on …": the notice goes by the soonest date with points to show', async () => {
      await scope.addFaults({ path: '/profiles/me/points', status: 200, body: { data: [instance(1, 0.004, 5), instance(2, 450, 10)] }, times: 5 });
      const el = await mount('ava');
      const expiring = await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
      expect(expiring).to.equal(`450 points expire on ${shownDate(10)}`);
    });

    it('no notice when all that expires soon shows as 0', async () => {
      await scope.addFaults({ path: '/profiles/me/points', status: 200, body: { data: [instance(1, 0.004, 5)] }, times: 5 });
      const el = await mount('ava');
      await until(() => part(el, 'points'), 4000, 'points');
      await until(async () => (await scope.count('/profiles/me/points')) > 0, 4000, 'the ledger read');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(part(el, 'expiring')!.textContent!.trim()).to.equal('');
    });
  });

  it('marks expiring points in an amber that keeps AA contrast on white by default, and in the theme’s --omneo-color-warning', async () => {
    const el = await mount('ava', { style: 'color: rgb(29, 35, 39); background: white' });
    await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
    const [r, g, b] = painted(getComputedStyle(part(el, 'expiring')!).color);
    expect(r! > b! + 60 && r! > g!, `a warm warning colour, not the text colour: ${r}, ${g}, ${b}`).to.equal(true);
    const luminance = (channel: number) => {
      const value = channel / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    const contrastOnWhite = 1.05 / (0.2126 * luminance(r!) + 0.7152 * luminance(g!) + 0.0722 * luminance(b!) + 0.05);
    expect(contrastOnWhite).to.be.at.least(4.5);
    await expect(el).to.be.accessible();
    el.style.setProperty('--omneo-color-warning', 'rgb(242, 193, 78)');
    expect(getComputedStyle(part(el, 'expiring')!).color).to.equal('rgb(242, 193, 78)');
  });

  // A dark storefront that sets only its own colours: the accent, muted text and borders follow its light text, and
  // so must the default danger and warning colours (#b3261e and #8a5300 were 2.9:1 and 3.0:1 on #111).
  it('keeps the expiring notice and the error message readable on a dark page with no tokens', async () => {
    const dark = 'color: rgb(238, 238, 238); background: rgb(17, 17, 17)';
    const el = await mount('ava', { style: dark });
    await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
    expect(textContrast(part(el, 'expiring')!), 'expiring notice').to.be.at.least(4.5);
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
    const failed = await mount('liam', { style: dark });
    await until(() => part(failed, 'error'), 4000, 'error state');
    expect(textContrast(failed.shadowRoot!.querySelector('.error-message')!), 'error message').to.be.at.least(4.5);
    // Light pages keep the same red and amber as before, grey text (#888) included.
    for (const text of ['rgb(29, 35, 39)', 'rgb(136, 136, 136)']) {
      const light = await mount('ava', { style: `color: ${text}; background: white` });
      await until(() => part(light, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
      expect(painted(getComputedStyle(part(light, 'expiring')!).color).slice(0, 3), text).to.deep.equal([138, 83, 0]);
    }
  });

  // Secondary text is the text colour made lighter, so it is only as readable as the text it comes from: at 65% it
  // kept AA only under near-black text (#2d2d2d or darker), and Shopify Dawn's body text (rgba(18, 18, 18, 0.75))
  // made the card's heading 3.4:1, #333 4.3:1.
  for (const text of ['rgba(18, 18, 18, 0.75)', 'rgb(51, 51, 51)', 'rgb(68, 68, 68)']) {
    it(`keeps secondary text at AA contrast under a theme's softened body text (${text} on white)`, async () => {
      const el = await mount('ava', { style: `color: ${text}; background: white` });
      await until(() => part(el, 'points'), 4000, 'points');
      expect(textContrast(el.shadowRoot!.querySelector('.heading')!)).to.be.at.least(4.5);
    });
  }

  it('formats for other locales (de-DE uses a dot for thousands)', async () => {
    const el = await mount('ava', { locale: 'de-DE' });
    await until(() => part(el, 'points'));
    expect(part(el, 'points')!.textContent).to.contain('1.250');
  });

  it("follows <html lang> when the page changes it (an app's language switch): copy, figures and direction", async () => {
    const pageLang = document.documentElement.lang;
    document.documentElement.lang = 'en-AU';
    try {
      // No locale of its own, in the hub or the page config: the page's language is the element's.
      const el = await mount('ava', { locale: '' });
      await until(() => part(el, 'points')?.textContent?.includes('1,250 points'), 4000, 'the English card');
      document.documentElement.lang = 'fr-FR';
      await until(() => part(el, 'value')?.textContent?.includes('Valeur'), 4000, 'the French card');
      expect(part(el, 'points')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('1 250 points');
      expect(el.lang).to.equal('fr-FR');
      document.documentElement.lang = 'ar';
      await until(() => el.dir === 'rtl' && part(el, 'card')!.getAttribute('aria-label') === 'نقاطك', 4000, 'the Arabic card');
    } finally {
      document.documentElement.lang = pageLang;
    }
  });

  it('uses the singular for one point and the empty copy for zero', async () => {
    const el = await mount('zoe');
    await until(() => part(el, 'points'));
    expect(part(el, 'points')!.textContent!.trim()).to.equal('0 points');
    expect(part(el, 'value')!.textContent).to.contain('No points yet');
    expect(part(el, 'spendable')!.textContent!.trim()).to.equal('');
    expect(part(el, 'expiring')!.textContent!.trim()).to.equal('');
    // p-as-heading (experimental) takes the big "0 points" figure, followed by a longer sentence, for a heading: it
    // is the card's value, under the card's own heading ("Your points"), and no section title a shopper jumps to.
    await expect(el).to.be.accessible({ ignoredRules: ['p-as-heading'] });
  });

  const balancesBody = (fields: Record<string, unknown>) => ({
    data: { point_balance: 1250, point_balance_dollars: '12.50', reward_balance: 35, combined_balance_dollars: '47.50', currency: 'AUD', ...fields },
  });


  for (const [locale, points, width, rootSize] of [
    ['en-AU', 1e12, 320, null],
    ['ar', 1e12, 320, null],
    // A phone at 320 px with the text at 200% (the root font size the shopper set).
    ['ar', 125000, 304, '32px'],
    ['en-AU', 125000, 304, '32px'],
  ] as const) {
    it(`card (${locale}, ${width}px${rootSize ? `, root font ${rootSize}` : ''}): a ${formatPoints(points, 'en')}-point balance stays inside the card`, async () => {
      await scope.addFaults({
        path: '/profiles/me/balances',
        status: 200,
        body: balancesBody({ point_balance: points, point_balance_dollars: points / 100, combined_balance_dollars: points / 100 + 35 }),
        times: 5,
      });
      const root = document.documentElement.style.fontSize;
      if (rootSize) document.documentElement.style.fontSize = rootSize;
      try {
        // The type of the audit's page (system-ui: DejaVu Sans here, wider than the test page's serif and sans-serif);
        // 1rem follows the root's size.
        const el = await mount('ava', { locale, style: `width: ${width}px; font: 1rem/1.5 system-ui, sans-serif` });
        // The expiry notice's module (card-only) also brings the figure's breaks between digit groups.
        await until(() => part(el, 'expiring')?.textContent?.trim() && !el.localisationPending, 4000, 'the card with its expiry notice');
        await el.updateComplete;
        expect(part(el, 'points')!.textContent).to.contain(formatPoints(points, locale));
        const card = part(el, 'card')!;
        expect(card.getBoundingClientRect().width).to.be.closeTo(width, 0.5);
        expectContained(el, card, locale);
        // Too long for a line, the figure breaks between its digit groups ("125,|000"), never inside one ("125,0|00").
        const lines = document.createRange();
        const walker = document.createTreeWalker(part(el, 'points')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const group of node.textContent!.matchAll(/\p{Nd}+/gu)) {
            lines.setStart(node, group.index);
            lines.setEnd(node, group.index + group[0].length);
            expect(lines.getClientRects().length, `"${group[0]}" on one line`).to.equal(1);
          }
        }
      } finally {
        document.documentElement.style.fontSize = root;
      }
    });
  }

  it('shows a negative balance (a clawback) as it is: the figure, what it means, never "No points yet"', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ point_balance: '-250', point_balance_dollars: '-2.50', combined_balance_dollars: '32.50' }), times: 5 });
    const el = await mount('ava');
    await until(() => part(el, 'points'), 4000, 'points');
    expect(part(el, 'points')!.textContent!.trim()).to.equal('-250 points');
    expect(part(el, 'value')!.textContent!.trim()).to.equal('Your balance is below zero: the points you earn will bring it back up.');
    expect(text(el)).not.to.contain('No points yet');
    expect(text(el)).not.to.contain('-$2.50');
    expect(part(el, 'spendable')!.textContent).to.contain('$32.50');
    // The big "-250 points" figure before the longer sentence reads as a heading to p-as-heading (experimental):
    // a false positive, as for "0 points" above.
    await expect(el).to.be.accessible({ ignoredRules: ['p-as-heading'] });
  });

  it("says nothing to spend when the spendable balance rounds to nothing in the currency's minor unit (KWD 0.0004), and fils when there are some", async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ combined_balance_dollars: '0.0004', currency: 'KWD' }), times: 5 });
    const el = await mount('ava');
    await until(() => part(el, 'points'), 4000, 'points');
    expect(part(el, 'spendable')!.textContent!.trim()).to.equal('');
    resetPage();
    scope = await newScope();
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ combined_balance_dollars: '0.004', currency: 'KWD' }), times: 5 });
    const fils = await mount('ava');
    await until(() => part(fils, 'points'), 4000, 'points');
    expect(part(fils, 'spendable')!.textContent).to.match(/KWD\s0\.004 to spend/);
  });

  it('shows a spendable balance of exactly one minor unit ($0.01, JPY 1, KWD 0.001) as something to spend', async () => {
    for (const [balance, currency, spendable] of [['0.01', 'AUD', /\$0\.01 to spend/], ['1', 'JPY', /JPY\s1 to spend/], ['0.001', 'KWD', /KWD\s0\.001 to spend/]] as const) {
      resetPage();
      scope = await newScope();
      await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ combined_balance_dollars: balance, currency }), times: 5 });
      const el = await mount('ava');
      await until(() => part(el, 'points'), 4000, `${currency} points`);
      expect(part(el, 'spendable')!.textContent, currency).to.match(spendable);
    }
  });

  it('compact badge: a negative balance shows its figure, sign included, in every language', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ point_balance: -1, point_balance_dollars: -0.01, combined_balance_dollars: 35 }), times: 20 });
    for (const locale of ['en-AU', 'fr-FR', 'ar']) {
      resetPage();
      const el = await mount('ava', { variant: 'compact', locale });
      await until(() => el.shadowRoot!.querySelector('[role="status"]'), 4000, `${locale} badge`);
      const figure = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(-1);
      expect(el.shadowRoot!.querySelector('.label')!.textContent, locale).to.equal(figure);
      // Arabic spells out "one point" without the figure: a negative balance takes the form that shows it.
      expect(el.shadowRoot!.querySelector('.visually-hidden')!.textContent, locale).to.contain(figure);
    }
    resetPage();
    const card = await mount('ava', { locale: 'ar' });
    await until(() => part(card, 'points'), 4000, 'Arabic card');
    expect(part(card, 'points')!.textContent).to.contain(new Intl.NumberFormat('ar', { maximumFractionDigits: 2 }).format(-1));
    expect(part(card, 'value')!.textContent!.trim()).to.equal('رصيد نقاطك أقل من الصفر، وستعوّضه النقاط التي تكسبها.');
  });

  it('shows a whole balance whole however large: never a fraction or other digits than sent', async () => {
    for (const [points, shown] of [[476569696685789, '476,569,696,685,789'], [1e21, '1,000,000,000,000,000,000,000'], [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991']] as const) {
      resetPage();
      scope = await newScope();
      await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ point_balance: points }), times: 5 });
      const badge = await mount('ava', { variant: 'compact' });
      await until(() => badge.shadowRoot!.querySelector('[role="status"]'), 4000, 'badge');
      expect(badge.shadowRoot!.querySelector('.label')!.textContent, String(points)).to.equal(shown);
    }
  });

  it('keeps a fraction of a point Omneo sends (1,249.6, not 1,250), in the card and the badge', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: balancesBody({ point_balance: '1249.6' }), times: 5 });
    const el = await mount('ava');
    await until(() => part(el, 'points'), 4000, 'points');
    expect(part(el, 'points')!.textContent!.trim()).to.equal('1,249.6 points');
    resetPage();
    const badge = await mount('ava', { variant: 'compact' });
    await until(() => badge.shadowRoot!.querySelector('[role="status"]'), 4000, 'badge');
    expect(badge.shadowRoot!.querySelector('.label')!.textContent).to.equal('1,249.6');
    expect(text(badge)).to.contain('1,249.6 loyalty points');
  });

  it('formats points to the hundredth at most, whole figures unchanged, with the plural of what is shown', () => {
    expect(formatPoints(1250, 'en-AU')).to.equal('1,250');
    expect(formatPoints(1249.6, 'en-AU')).to.equal('1,249.6');
    expect(formatPoints(1249.655, 'en-AU')).to.equal('1,249.66');
    expect(formatPoints(0.001, 'en-AU')).to.equal('0');
    expect(formatPoints(-0.001, 'en-AU')).to.equal('0');
    expect(formatPoints(-250, 'en-AU')).to.equal('-250');
    expect(formatPoints(1249.6, 'de-DE')).to.equal('1.249,6');
    expect(pointsCount(1.001)).to.equal(1);
    expect(pointsCount(1249.6)).to.equal(1249.6);
    expect(Object.is(pointsCount(-0.001), 0)).to.equal(true);
  });

  it('a balances currency that is not an ISO 4217 code falls back as a missing one: the badge shows, the card asks the profile', async () => {
    await scope.addFaults([
      { path: '/profiles/me/balances', status: 200, body: balancesBody({ currency: 'Australian Dollar' }), times: 10 },
      { path: '^/profiles/me$', status: 200, body: { data: { id: 'a1b2', first_name: 'Ava', currency: 'NZD' } }, times: 5 },
    ]);
    const badge = await mount('ava', { variant: 'compact' });
    await until(() => badge.shadowRoot!.querySelector('[role="status"]'), 4000, 'badge');
    expect(badge.shadowRoot!.querySelector('.label')!.textContent).to.equal('1,250');
    resetPage();
    const el = await mount('ava');
    await until(() => /NZD\s12\.50/.test(part(el, 'value')?.textContent ?? ''), 4000, 'value in the profile currency');
    expect(part(el, 'spendable')!.textContent).to.match(/NZD\s47\.50/);
  });

  it('shows the guest state with default copy when the token endpoint answers 401', async () => {
    const el = await mount('guest');
    await until(() => part(el, 'guest'), 4000, 'guest state');
    expect(text(el)).to.contain('Sign in to see your rewards');
    expect(await scope.count('/profiles/me/balances')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('renders slotted guest content', async () => {
    const el = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('guest')}
      api-base=${scope.apiBase}
      ><a slot="guest" href="/account/login">Join and earn</a></omneo-points-balance
    >`);
    await until(() => part(el, 'guest'));
    const slot = el.shadowRoot!.querySelector('slot[name="guest"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Join and earn');
  });

  it('is a guest at once, with no request at all, when the customer hint is empty', async () => {
    const el = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')}
      api-base=${scope.apiBase}
      customer=""
    ></omneo-points-balance>`);
    expect(part(el, 'guest')).to.exist;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await scope.requests()).to.deep.equal([]);
  });

  it('shows the error state with role=alert and a working Retry when balances fail', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
    const el = await mount('ava');
    const errorEvent = await oneEvent(el, 'omneo-error');
    expect(errorEvent.detail.kind).to.equal('http');
    expect(errorEvent.detail.status).to.equal(500);
    await el.updateComplete;
    const alert = part(el, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    // The card keeps its heading above the message, as in its other states (in the hub it names the card).
    const heading = part(el, 'heading')!;
    expect(heading.textContent!.trim()).to.equal('Your points');
    expect(alert.querySelector('.error-message')!.textContent).to.equal("We couldn't load your points right now.");
    expect(heading.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await expect(el).to.be.accessible();
    const retry = part(el, 'retry-button') as HTMLButtonElement;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'points'), 4000, 'points after retry');
    expect(part(el, 'points')!.textContent).to.contain('1,250');
    // The error box gave way to the skeleton and then the data: focus stayed in the card, on its heading.
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'heading'));
    expect(part(el, 'heading')!.matches(':focus-visible')).to.equal(true);
  });

  for (const [locale, dir, sentence, retry, unavailable] of [
    ['en-AU', 'ltr', "We couldn't load your points right now.", 'Retry', 'Points unavailable ·'],
    ['fr-FR', 'ltr', 'Impossible de charger vos points pour le moment.', 'Réessayer', 'Points indisponibles ·'],
    ['ar', 'rtl', 'تعذّر تحميل نقاطك الآن.', 'إعادة المحاولة', 'النقاط غير متاحة ·'],
  ] as const) {
    // 2.5.3 Label in Name: a voice-control user says the word they see ("Retry"): it is the button's whole name.
    it(`compact badge error (${locale}): the star, what failed and Retry, named Retry and described by the whole sentence, which the alert reads first and hover shows, in a 375px header`, async () => {
      await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
      const badge = compactBadge(locale, 'ava');
      const header = await inPhoneHeader(badge, dir, 375);
      try {
        await until(() => part(badge, 'retry-button') && !(badge as OmneoPointsBalance).localisationPending, 6000, 'badge error');
        await (badge as OmneoPointsBalance).updateComplete;
        const error = part(badge, 'error')!;
        const button = part(badge, 'retry-button') as HTMLButtonElement;
        expect(error.getAttribute('role')).to.equal('alert');
        // Visible: the points badge's star, what failed in two words, then Retry. Screen readers hear the whole
        // sentence instead of the two words (hidden from them), then Retry, which it describes.
        expect(error.querySelector('svg.icon') !== null, 'star').to.equal(true);
        const label = error.querySelector<HTMLElement>('.label')!;
        expect(label.textContent).to.equal(unavailable);
        expect(label.getAttribute('aria-hidden')).to.equal('true');
        expect(button.hasAttribute('aria-label')).to.equal(false);
        expect(button.textContent!.trim()).to.equal(retry);
        const description = error.querySelector(`#${button.getAttribute('aria-describedby')}`)!;
        expect(description.textContent).to.equal(sentence);
        expect(description.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING, 'the sentence before Retry').to.not.equal(0);
        expect(error.getAttribute('title')).to.equal(sentence);
        expect(button.getBoundingClientRect().height, 'target height').to.be.at.least(24);
        // The words are shown (ellipsized at worst) or left out whole: never "P…".
        expectShownOrLeftOut(label, button);
        fitsIn(header, badge, header.querySelector('.bag')!);
        await expect(badge).to.be.accessible();
      } finally {
        header.remove();
      }
    });
  }

  /** The badge error's words: on Retry's line (readable: more than an ellipsis) or wrapped out of sight, never cut short. */
  function expectShownOrLeftOut(label: Element, button: Element) {
    const line = button.getBoundingClientRect();
    const words = label.getBoundingClientRect();
    const clip = label.parentElement!.getBoundingClientRect();
    const onRetryLine = Math.abs(words.top + words.height / 2 - (line.top + line.height / 2)) < 2;
    if (onRetryLine) expect(words.width, 'the words, if shown').to.be.greaterThan(40);
    else expect(words.top, 'the words, if left out, below the clip').to.be.at.least(clip.bottom);
  }

  it('compact badge error: says what failed in full where the header has room, as tall as the loading badge', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, latencyMs: 600, times: 3 });
    const badge = compactBadge('en-AU', 'ava');
    const header = await inPhoneHeader(badge, 'ltr', 720);
    try {
      await until(() => part(badge, 'badge')?.getAttribute('aria-busy') === 'true', 4000, 'loading badge');
      const loading = part(badge, 'badge')!.getBoundingClientRect();
      await until(() => part(badge, 'retry-button'), 8000, 'badge error');
      await (badge as OmneoPointsBalance).updateComplete;
      const label = part(badge, 'error')!.querySelector<HTMLElement>('.label')!;
      const button = part(badge, 'retry-button')!;
      expect(label.scrollWidth, 'words whole').to.be.at.most(label.clientWidth);
      expect(Math.abs(label.getBoundingClientRect().top - button.getBoundingClientRect().top), 'on one line').to.be.lessThan(6);
      // Rendered order: the star, the words, then Retry.
      expect(label.getBoundingClientRect().right).to.be.at.most(button.getBoundingClientRect().left);
      expect(Math.abs(part(badge, 'badge')!.getBoundingClientRect().height - loading.height), 'badge height').to.be.lessThan(1);
      fitsIn(header, badge);
    } finally {
      header.remove();
    }
  });

  for (const [width, words] of [
    [170, 'left out'],
    [260, 'ellipsized'],
  ] as const) {
    it(`compact badge error with ${width}px for the badge (fr): Retry whole, the words ${words}, never cut to "P…"`, async () => {
      await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
      const badge = compactBadge('fr-FR', 'ava');
      const slot = document.createElement('div');
      slot.style.cssText = `width: ${width}px; font: 16px/1.5 sans-serif`;
      slot.append(badge);
      document.body.append(slot);
      try {
        await until(() => part(badge, 'retry-button') && !(badge as OmneoPointsBalance).localisationPending, 6000, 'badge error');
        await (badge as OmneoPointsBalance).updateComplete;
        const button = part(badge, 'retry-button')!;
        const label = part(badge, 'error')!.querySelector<HTMLElement>('.label')!;
        expect(button.scrollWidth, 'Retry whole').to.be.at.most(button.clientWidth);
        expectShownOrLeftOut(label, button);
        const shown = label.getBoundingClientRect().top < label.parentElement!.getBoundingClientRect().bottom;
        expect(shown, 'words shown').to.equal(words === 'ellipsized');
        if (shown) expect(label.scrollWidth, 'ellipsized').to.be.greaterThan(label.clientWidth);
        expect(part(badge, 'badge')!.getBoundingClientRect().width).to.be.at.most(width + 0.5);
      } finally {
        slot.remove();
      }
    });
  }

  // 200% text: a 32 px header. The clip that hides the words when they do not fit was 20 px of line (Retry at 14 px
  // text) whatever the text size: Retry's 35 px line lost its last 3 px and its focus ring its top and bottom.
  for (const [locale, dir] of [['en-AU', 'ltr'], ['ar', 'rtl']] as const) {
    it(`compact badge error in 200% text (${locale}): Retry and its focus ring inside the clip, the words beside it`, async () => {
      await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
      const badge = compactBadge(locale, 'ava');
      const slot = document.createElement('div');
      slot.style.cssText = 'width: 900px; font: 32px/1.5 sans-serif';
      slot.dir = dir;
      slot.append(badge);
      document.body.append(slot);
      try {
        await until(() => part(badge, 'retry-button') && !(badge as OmneoPointsBalance).localisationPending, 6000, 'badge error');
        await (badge as OmneoPointsBalance).updateComplete;
        const button = part(badge, 'retry-button') as HTMLButtonElement;
        const outline = await focusRing(button);
        const clip = button.parentElement!.getBoundingClientRect();
        const target = button.getBoundingClientRect();
        const ring = outline.width + outline.offset;
        expect(ring, 'a focus ring').to.be.greaterThan(0);
        for (const [edge, inside] of [
          ['top', target.top - ring >= clip.top - 0.5],
          ['bottom', target.bottom + ring <= clip.bottom + 0.5],
          ['left', target.left - ring >= clip.left - 0.5],
          ['right', target.right + ring <= clip.right + 0.5],
        ] as const) {
          expect(inside, `Retry's ring at its ${edge} (Retry ${target.top}-${target.bottom}, clip ${clip.top}-${clip.bottom})`).to.equal(true);
        }
        expectShownOrLeftOut(part(badge, 'error')!.querySelector('.label')!, button);
      } finally {
        slot.remove();
      }
    });
  }

  it('Arabic plurals in the points copy (2 points نقطتان, 3 to 10 نقاط; every form: test/core/locales.test.ts)', async () => {
    await loadCatalogue('ar');
    const expiring = (count: number) => translate('ar', 'points.expiring', { count, formatted: String(count), date: '15 ديسمبر' });
    expect(expiring(1)).to.contain('نقطة واحدة');
    expect(expiring(2)).to.contain('نقطتان');
    expect(expiring(3)).to.contain('3 نقاط');
    expect(expiring(10)).to.contain('10 نقاط');
    expect(expiring(11)).to.contain('11 نقطة');
    expect(expiring(450)).to.contain('450 نقطة');
    expect(translate('ar', 'points.badge.label', { count: 11, formatted: '11' })).to.equal('11 نقطة ولاء');
  });

  it('keeps focus in the badge through Retry: on the new Retry if it fails again, else on the badge', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 6 });
    const el = await mount('ava', { variant: 'compact' });
    await until(() => part(el, 'retry-button'), 6000, 'the badge error');
    (part(el, 'retry-button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'retry-button') && el.shadowRoot!.activeElement === part(el, 'retry-button'), 6000, 'focus on the new Retry');
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.querySelector('[role="status"]'), 6000, 'the badge with data');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'badge'));
  });

  it('compact variant: a badge with the number and an accessible name', async () => {
    const el = await mount('ava', { variant: 'compact' });
    await until(() => el.shadowRoot!.querySelector('[role="status"]'));
    expect(part(el, 'badge')!.textContent).to.contain('1,250');
    expect(text(el)).to.contain('1,250 loyalty points');
    // The badge never asks for the points ledger.
    expect(await scope.count('/profiles/me/points')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('compact badge: a pill, squared by --omneo-radius: 0 (a square theme) as the cards are', async () => {
    const el = await mount('ava', { variant: 'compact' });
    await until(() => el.shadowRoot!.querySelector('[role="status"]'));
    const badge = part(el, 'badge')!;
    expect(parseFloat(getComputedStyle(badge).borderTopLeftRadius)).to.be.at.least(badge.getBoundingClientRect().height / 2);
    el.style.setProperty('--omneo-radius', '0');
    expect(getComputedStyle(badge).borderTopLeftRadius).to.equal('0px');
  });

  it("theming: the table's own CSS properties style the figure, the card and the badge, with their documented defaults", async () => {
    const card = await mount('ava');
    await until(() => part(card, 'points'));
    const points = part(card, 'points')!;
    // --omneo-points-font-size defaults to 2em (JSDoc), of the card's text.
    expect(fontSize(points)).to.equal(2 * fontSize(part(card, 'card')!));
    expect(getComputedStyle(part(card, 'card')!).paddingTop, '--omneo-card-padding defaults to 1em').to.equal(`${fontSize(part(card, 'card')!)}px`);
    card.style.setProperty('--omneo-points-font-size', '41px');
    card.style.setProperty('--omneo-points-color', 'rgb(1, 2, 3)');
    card.style.setProperty('--omneo-card-padding', '13px');
    expect(getComputedStyle(points).fontSize).to.equal('41px');
    expect(getComputedStyle(points).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(card, 'card')!).paddingInlineStart).to.equal('13px');

    const badge = await mount('ava', { variant: 'compact' });
    await until(() => badge.shadowRoot!.querySelector('[role="status"]'));
    const pill = part(badge, 'badge')!;
    // --omneo-badge-font-size defaults to 0.875em of the element's text; the background to the surface token.
    expect(fontSize(pill)).to.equal(0.875 * fontSize(badge));
    badge.style.setProperty('--omneo-color-surface', 'rgb(9, 9, 9)');
    expect(getComputedStyle(pill).backgroundColor).to.equal('rgb(9, 9, 9)');
    badge.style.setProperty('--omneo-badge-background', 'rgb(4, 5, 6)');
    badge.style.setProperty('--omneo-badge-font-size', '23px');
    expect(getComputedStyle(pill).backgroundColor).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(pill).fontSize).to.equal('23px');
  });

  const balancesWithoutCurrency = { data: { point_balance: '1250', point_balance_dollars: '12.50', reward_balance: 35, combined_balance_dollars: '47.50' } };

  it("takes the profile's currency when the balances name none, asking for the profile only then", async () => {
    await scope.addFaults([
      { path: '/profiles/me/balances', status: 200, body: balancesWithoutCurrency, times: 5 },
      { path: '^/profiles/me$', status: 200, body: { data: { id: 'a1b2', first_name: 'Ava', currency: 'NZD' } }, times: 5 },
    ]);
    const el = await mount('ava');
    await until(() => /NZD\s12\.50/.test(part(el, 'value')?.textContent ?? ''), 4000, 'value in the profile currency');
    expect(part(el, 'spendable')!.textContent).to.match(/NZD\s47\.50/);
    expect(await scope.count('/profiles/me')).to.equal(1);
  });

  it('shows plain amounts, never a guessed currency, when nothing names one', async () => {
    await scope.addFaults([
      { path: '/profiles/me/balances', status: 200, body: balancesWithoutCurrency, times: 5 },
      { path: '^/profiles/me$', status: 500, times: 10 },
    ]);
    const el = await mount('ava');
    await until(() => part(el, 'points'), 4000, 'points');
    await until(async () => (await scope.count('/profiles/me')) === 3, 8000, 'profile retried and failed');
    await until(() => (part(el, 'value')?.textContent ?? '').includes('12.50'), 4000, 'value');
    expect(part(el, 'value')!.textContent!.trim()).to.equal('Worth 12.50');
    await expect(el).to.be.accessible();
  });

  it('does not ask for the profile when the balances carry their currency', async () => {
    const el = await mount('ava');
    await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice');
    expect(await scope.count('/profiles/me')).to.equal(0);
  });

  it('a failed refresh keeps the cached points, says they may be out of date, and Retry refreshes them', async () => {
    const customer = '7321987654321';
    const first = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=${customer} locale="en-AU"
    ></omneo-points-balance>`);
    await until(() => part(first, 'points'));
    first.remove();
    resetRuntimes({ keepCrossPageCache: true }); // the next page of the visit
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
    const next = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=${customer} locale="en-AU"
    ></omneo-points-balance>`);
    const failed = await oneEvent(next, 'omneo-error');
    expect(failed.detail.status).to.equal(500);
    await until(() => part(next, 'stale')?.textContent === 'May be out of date', 4000, 'out-of-date note');
    // The data stays, calmly: no alert, no error state.
    expect(part(next, 'points')!.textContent).to.contain('1,250');
    expect(next.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    const retry = part(next, 'retry-button') as HTMLButtonElement;
    expect(retry.textContent!.trim()).to.equal('Retry');
    expect(part(next, 'heading')!.contains(retry)).to.equal(true);
    const target = retry.getBoundingClientRect();
    expect(Math.min(target.width, target.height), 'a 24 px target at least').to.be.at.least(24);
    await expect(next).to.be.accessible();
    // A quiet link in the note's colour, not a filled button: the button tokens (a white label for a blue fill) would
    // make it white on the card.
    next.style.setProperty('--omneo-button-background', 'rgb(11, 107, 203)');
    next.style.setProperty('--omneo-button-color', 'rgb(255, 255, 255)');
    expect(getComputedStyle(retry).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(retry).webkitTextFillColor).to.equal(getComputedStyle(retry.parentElement!).color);

    retry.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(next, 'stale') === null, 4000, 'fresh data');
    expect(part(next, 'retry-button')).to.equal(null);
    // The first page's load, three failed attempts (two retries), and the one Retry asked for.
    expect(await scope.count('/profiles/me/balances')).to.equal(5);
    // The Retry that had focus is gone: focus is on the heading, and it shows.
    const heading = part(next, 'heading')!;
    expect(next.shadowRoot!.activeElement).to.equal(heading);
    expect(heading.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(heading).outlineStyle).to.equal('solid');
  });

  it('compact badge: a failed refresh keeps the cached figure as it is, with no note, no Retry and no alert (the cards carry those)', async () => {
    const customer = '7321987654321';
    const first = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=${customer} locale="en-AU" variant="compact"
    ></omneo-points-balance>`);
    await until(() => first.shadowRoot!.querySelector('[role="status"]'));
    first.remove();
    resetRuntimes({ keepCrossPageCache: true }); // the next page of the visit
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
    const next = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} customer=${customer} locale="en-AU" variant="compact"
    ></omneo-points-balance>`);
    expect(part(next, 'badge')!.textContent).to.contain('1,250');
    await oneEvent(next, 'omneo-error');
    await next.updateComplete;
    expect(part(next, 'badge')!.getAttribute('role')).to.equal('status');
    expect(part(next, 'badge')!.textContent).to.contain('1,250');
    expect([part(next, 'stale'), part(next, 'retry-button'), next.shadowRoot!.querySelector('[role="alert"]')]).to.deep.equal([null, null, null]);
    expect(text(next)).not.to.match(/Updating|out of date/);
  });

  it('a badge switched to the card variant loads the expiry notice it did not need before', async () => {
    const el = await mount('ava', { variant: 'compact' });
    await until(() => el.shadowRoot!.querySelector('[role="status"]'), 4000, 'badge');
    el.variant = 'default';
    const expiring = await until(() => part(el, 'expiring')?.textContent?.trim(), 4000, 'expiring notice after the switch');
    expect(expiring).to.match(/^450 points expire on /);
    expect(await scope.count('/profiles/me/points')).to.equal(1);
  });

  for (const locale of ['en-AU', 'fr-FR', 'ar']) {
    it(`compact badge (${locale}): the loading badge is the loaded badge's size for a four-digit balance, so the header does not nudge`, async () => {
      await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 800 });
      const el = await mount('ava', { variant: 'compact', locale });
      await until(() => el.shadowRoot!.querySelector('[aria-busy="true"] .skeleton') && !el.localisationPending, 4000, 'loading badge');
      const loading = part(el, 'badge')!.getBoundingClientRect();
      // Its placeholder figures are drawn, not text: nothing reading the badge's text takes them for the balance.
      expect(/[\d\u0660-\u0669]/.test(el.shadowRoot!.textContent ?? ''), 'digits in the loading text').to.equal(false);
      await until(() => el.shadowRoot!.querySelector('[role="status"]'), 4000, 'loaded badge');
      const loaded = part(el, 'badge')!.getBoundingClientRect();
      expect(part(el, 'badge')!.textContent).to.contain(new Intl.NumberFormat(locale).format(1250));
      expect(Math.abs(loaded.width - loading.width), `width ${loading.width} → ${loaded.width}`).to.be.lessThan(1);
      expect(Math.abs(loaded.height - loading.height), `height ${loading.height} → ${loaded.height}`).to.be.lessThan(1);
    });
  }

  it('compact variant: loading, guest and error states are accessible', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 300 });
    const loading = await mount('ava', { variant: 'compact' });
    expect(loading.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    await expect(loading).to.be.accessible();

    resetPage();
    const guest = await mount('guest', { variant: 'compact' });
    await until(() => part(guest, 'guest'));
    await expect(guest).to.be.accessible();

    resetPage();
    // The loading element above was torn down before it asked for balances: drop its unused latency rule.
    await scope.clearFaults();
    await scope.addFaults({ path: '/profiles/me/balances', status: 503, times: 3 });
    const failed = await mount('ava', { variant: 'compact' });
    await until(() => part(failed, 'retry-button'), 6000, 'compact retry');
    await expect(failed).to.be.accessible();
  });

  /**
   * A phone-sized storefront header (the demo's): logo, then the badge and the Bag link at the end. In Arial
   * (Liberation Sans here): `sans-serif` is that in Chromium but DejaVu Sans in Firefox, 11% wider, where the logo
   * alone took 16 px more and the header overflowed by 3 px whatever the badge did.
   */
  async function inPhoneHeader(badge: HTMLElement, dir: 'ltr' | 'rtl', width = 390) {
    const header = document.createElement('div');
    header.dir = dir;
    header.style.cssText = `width: ${width}px; display: flex; align-items: center; gap: 2rem; padding: 1rem 1.25rem; box-sizing: border-box; font: 16px/1.5 Arial, sans-serif`;
    header.innerHTML = `<a class="logo" style="font-size: 1.5rem; white-space: nowrap">Harbour &amp; Co</a>
      <div style="margin-inline-start: auto; display: flex; align-items: center; gap: 1rem"><a class="badge-link" href="#account"></a><a class="bag" href="#bag" style="white-space: nowrap">Bag (0)</a></div>`;
    header.querySelector('.badge-link')!.append(badge);
    document.body.append(header);
    return header;
  }

  function compactBadge(locale: string, persona = 'guest') {
    const badge = document.createElement('omneo-points-balance');
    badge.setAttribute('variant', 'compact');
    badge.setAttribute('token-endpoint', scope.tokenEndpoint(persona));
    badge.setAttribute('api-base', scope.apiBase);
    badge.setAttribute('locale', locale);
    return badge;
  }

  function fitsIn(header: HTMLElement, ...inside: Element[]) {
    const box = header.getBoundingClientRect();
    expect(header.scrollWidth, 'header scroll width').to.be.at.most(header.clientWidth);
    for (const element of inside) {
      const rect = element.getBoundingClientRect();
      expect(rect.left, `${element.localName} left`).to.be.at.least(box.left - 0.5);
      expect(rect.right, `${element.localName} right`).to.be.at.most(box.right + 0.5);
    }
  }

  for (const [locale, action, sentence] of [
    ['en-AU', 'Sign in', 'Sign in to see your rewards'],
    ['fr-FR', 'Se connecter', 'Connectez-vous pour voir vos récompenses'],
    ['ar', 'تسجيل الدخول', 'سجّل الدخول لعرض مكافآتك'],
  ] as const) {
    it(`compact guest badge (${locale}): says "${action}", reads the whole sentence, and fits a 390px header`, async () => {
      const badge = compactBadge(locale);
      const header = await inPhoneHeader(badge, locale === 'ar' ? 'rtl' : 'ltr');
      try {
        await until(() => part(badge, 'guest') && !(badge as OmneoPointsBalance).localisationPending, 4000, 'guest badge');
        await (badge as OmneoPointsBalance).updateComplete;
        const guest = part(badge, 'guest')!;
        expect(guest.querySelector('[aria-hidden="true"]')!.textContent).to.equal(action);
        expect(guest.querySelector('.visually-hidden')!.textContent).to.equal(sentence);
        fitsIn(header, badge, header.querySelector('.bag')!);
        await expect(badge).to.be.accessible();
      } finally {
        header.remove();
      }
    });
  }

  it('compact guest badge: long slotted content ellipsizes inside the header instead of widening the page', async () => {
    const badge = compactBadge('en-AU');
    badge.innerHTML = '<a slot="guest" href="/account/login">Sign in or join to see your points and rewards</a>';
    const header = await inPhoneHeader(badge, 'ltr');
    try {
      await until(() => part(badge, 'guest'), 4000, 'guest badge');
      const slot = badge.shadowRoot!.querySelector('slot[name="guest"]') as HTMLSlotElement;
      expect(slot.assignedElements()[0]!.textContent).to.contain('Sign in or join');
      fitsIn(header, badge, header.querySelector('.bag')!);
      const label = part(badge, 'guest')!;
      expect(label.scrollWidth).to.be.greaterThan(label.clientWidth); // cut short, with an ellipsis
      expect(getComputedStyle(label).textOverflow).to.equal('ellipsis');
      // Even alone in a box narrower than its words, it stays inside.
      const narrow = document.createElement('div');
      narrow.style.cssText = 'width: 96px';
      header.append(narrow);
      narrow.append(badge);
      await (badge as OmneoPointsBalance).updateComplete;
      expect(badge.getBoundingClientRect().width).to.be.at.most(96);
      expect(part(badge, 'badge')!.getBoundingClientRect().right).to.be.at.most(narrow.getBoundingClientRect().right + 0.5);
    } finally {
      header.remove();
    }
  });

  it('compact loaded badge fits a 390px header in every language', async () => {
    for (const locale of ['en-AU', 'fr-FR', 'ar']) {
      const badge = compactBadge(locale, 'ava');
      const header = await inPhoneHeader(badge, locale === 'ar' ? 'rtl' : 'ltr');
      try {
        await until(() => badge.shadowRoot?.querySelector('[role="status"]'), 4000, `${locale} badge`);
        fitsIn(header, badge, header.querySelector('.bag')!);
      } finally {
        header.remove();
      }
    }
  });

  for (const [locale, dir] of [['en-AU', 'ltr'], ['ar', 'rtl']] as const) {
    it(`compact loaded badge (${locale}) in a crowded 40px header that clips (flex row, overflow: hidden): the balance is never shrunk away`, async () => {
      await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 600 });
      const badge = compactBadge(locale, 'ava');
      const header = document.createElement('div');
      header.dir = dir;
      header.style.cssText = 'display: flex; align-items: center; gap: 12px; height: 40px; overflow: hidden; width: 300px; padding: 0 8px; font: 16px/1.5 sans-serif';
      header.innerHTML = '<b>Harbour&nbsp;&amp;&nbsp;Co</b><nav>New&nbsp;in Women Men</nav><a class="bag" href="#">Bag&nbsp;(0)</a>';
      header.querySelector('.bag')!.before(badge);
      document.body.append(header);
      try {
        const figureOf = () => badge.shadowRoot!.querySelector<HTMLElement>('[role="status"] .label, [aria-busy="true"] .skeleton');
        await until(() => badge.shadowRoot!.querySelector('[aria-busy="true"] .skeleton') && !(badge as OmneoPointsBalance).localisationPending, 4000, 'loading badge');
        const loading = part(badge, 'badge')!.getBoundingClientRect();
        await until(() => badge.shadowRoot!.querySelector('[role="status"]'), 4000, 'loaded badge');
        await (badge as OmneoPointsBalance).updateComplete;
        const figure = figureOf()!;
        expect(figure.textContent).to.equal(new Intl.NumberFormat(locale).format(1250));
        // Whole (not ellipsized), inside the badge's border and inside the header's clip.
        expect(figure.scrollWidth, 'figure whole').to.be.at.most(figure.clientWidth);
        const shown = figure.getBoundingClientRect();
        const pill = part(badge, 'badge')!.getBoundingClientRect();
        const clip = header.getBoundingClientRect();
        expect(shown.width, 'figure width').to.be.greaterThan(20);
        for (const [name, outer] of [['badge', pill], ['header', clip]] as const) {
          expect(shown.left, `figure left in the ${name}`).to.be.at.least(outer.left - 0.5);
          expect(shown.right, `figure right in the ${name}`).to.be.at.most(outer.right + 0.5);
        }
        // The loading badge took the loaded one's width here too: the header did not move when the balance came.
        expect(Math.abs(pill.width - loading.width), `width ${loading.width} → ${pill.width}`).to.be.lessThan(1);
      } finally {
        header.remove();
      }
    });
  }

  describe("compact badge in a theme's header: its height is its own, whatever line height and root size the page has", () => {
    // Themes set line-height: 0 on icon wrappers (no gap under an SVG), line-height: 60px on a 60px header to centre
    // its links, and html { font-size: 62.5% } with the body text back at 1.6rem (Shopify and Magento themes).
    const headers = [
      ['the plain header', 'line-height: 1.5', null],
      ['an icon wrapper with line-height: 0', 'line-height: 0', null],
      ['a 60px header with line-height: 60px', 'height: 60px; line-height: 60px', null],
      ['a 62.5% root with the text at 1.6rem', 'font-size: 1.6rem', '62.5%'],
    ] as const;

    async function badgeIn(headerStyle: string, persona: string) {
      const badge = compactBadge('en-AU', persona);
      const header = document.createElement('div');
      header.style.cssText = `display: flex; align-items: center; justify-content: space-between; width: 390px; font: 16px sans-serif; ${headerStyle}`;
      header.innerHTML = '<b>Harbour &amp; Co</b>';
      header.append(badge);
      document.body.append(header);
      return { badge, header };
    }

    /** The badge's words (the figure, "Sign in", what failed) are drawn: a line tall enough for the text, not clipped away. */
    function expectWordsShown(badge: Element, selector: string, what: string) {
      const words = badge.shadowRoot!.querySelector<HTMLElement>(selector)!;
      const size = fontSize(words);
      expect(words.getBoundingClientRect().height, `${what}: its line's height`).to.be.at.least(size);
      expect(words.scrollHeight, `${what}: not clipped`).to.be.at.most(words.clientHeight + 1);
    }

    let plain = 0;
    for (const [name, headerStyle, rootSize] of headers) {
      it(`${name}: loading, loaded, guest and error badges as tall as in a plain header, their words shown`, async () => {
        const root = document.documentElement.style.fontSize;
        if (rootSize) document.documentElement.style.fontSize = rootSize;
        try {
          await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 600 });
          const loaded = await badgeIn(headerStyle, 'ava');
          await until(() => loaded.badge.shadowRoot?.querySelector('[aria-busy="true"] .skeleton'), 4000, 'loading badge');
          const loadingHeight = part(loaded.badge, 'badge')!.getBoundingClientRect().height;
          await until(() => loaded.badge.shadowRoot!.querySelector('[role="status"]'), 4000, 'loaded badge');
          const height = part(loaded.badge, 'badge')!.getBoundingClientRect().height;
          if (!plain) plain = height;
          expect(height, 'loaded badge, as in the plain header').to.be.closeTo(plain, 0.5);
          expect(loadingHeight, 'loading badge, as the loaded one').to.be.closeTo(height, 0.5);
          expectWordsShown(loaded.badge, '[role="status"] .label', 'the figure');
          loaded.header.remove();

          const guest = await badgeIn(headerStyle, 'guest');
          await until(() => part(guest.badge, 'guest'), 4000, 'guest badge');
          expect(part(guest.badge, 'badge')!.getBoundingClientRect().height, 'guest badge').to.be.closeTo(plain, 0.5);
          expectWordsShown(guest.badge, '.label', '"Sign in"');
          guest.header.remove();

          await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
          resetPage();
          const failed = await badgeIn(headerStyle, 'ava');
          await until(() => part(failed.badge, 'retry-button'), 8000, 'badge error');
          expect(part(failed.badge, 'badge')!.getBoundingClientRect().height, 'error badge').to.be.closeTo(plain, 0.5);
          expectWordsShown(failed.badge, '.failed .label', 'what failed');
          failed.header.remove();
        } finally {
          document.documentElement.style.fontSize = root;
          for (const header of document.querySelectorAll('body > div:has(omneo-points-balance)')) header.remove();
        }
      });
    }
  });

  it('speaks French once the French copy has loaded, never English data first', async () => {
    // Balances already in the page's store paint at once: the French badge must still wait for its copy.
    const english = await mount('ava', { variant: 'compact' });
    await until(() => english.shadowRoot!.querySelector('[role="status"]'), 4000, 'English badge');
    const badge = await mount('ava', { variant: 'compact', locale: 'fr-FR' });
    const shown: string[] = [text(badge)];
    // Every render until the badge has data: the skeleton (aria-busy) or French, never an English label.
    await until(() => {
      shown.push(text(badge));
      return badge.shadowRoot!.querySelector('[role="status"]');
    }, 4000, 'French badge');
    expect(text(badge)).to.match(/1\s250 points de fidélité$/);
    expect(shown.filter((each) => /loyalty point/.test(each))).to.deep.equal([]);

    const card = await mount('ava', { locale: 'fr' });
    await until(() => part(card, 'points'), 4000, 'French card');
    expect(part(card, 'heading')!.textContent!.trim()).to.equal('Vos points');
    expect(part(card, 'value')!.textContent).to.match(/^Valeur\u00a0: 12,50\s\$/);
    const expiring = await until(() => part(card, 'expiring')?.textContent?.trim(), 4000, 'French expiry notice');
    expect(expiring).to.match(/^450 points expirent le /);
    await expect(card).to.be.accessible();
  });

  it('re-renders when a config attribute is added after the first render', async () => {
    const el = await fixture<OmneoPointsBalance>(html`<omneo-points-balance
      token-endpoint=${scope.tokenEndpoint('ava')}
      api-base=${scope.apiBase}
    ></omneo-points-balance>`);
    await until(() => part(el, 'points'));
    el.setAttribute('locale', 'de-DE');
    await until(() => part(el, 'points')!.textContent!.includes('1.250'), 4000, 'German digits');
  });

  it('takes config set as properties from JS (frameworks), before or after connecting', async () => {
    const el = document.createElement('omneo-points-balance');
    el.tokenEndpoint = scope.tokenEndpoint('ava');
    el.apiBase = scope.apiBase;
    el.locale = 'en-AU';
    document.body.append(el);
    try {
      await until(() => part(el, 'points'), 4000, 'points');
      expect(part(el, 'points')!.textContent).to.contain('1,250');
      el.locale = 'de-DE';
      await until(() => part(el, 'points')!.textContent!.includes('1.250'), 4000, 'German digits');
    } finally {
      el.remove();
    }
  });

  it('takes config and variant set as properties before its code loaded (a framework, with the CDN loader: upgraded later)', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    // A tag of its own, defined only after the elements exist and have their properties, as the CDN's lazy loader
    // defines omneo-points-balance once its chunk arrives.
    const tag = `late-points-${Math.random().toString(36).slice(2)}`;
    const badge = document.createElement(tag) as OmneoPointsBalance;
    Object.assign(badge, { locale: 'de-DE', variant: 'compact' });
    // Another storefront session's endpoint, signed out: no request at all.
    const signedOut = document.createElement(tag) as OmneoPointsBalance;
    Object.assign(signedOut, { tokenEndpoint: scope.tokenEndpoint('liam'), customer: '', variant: 'compact' });
    const container = document.createElement('div');
    container.append(badge, signedOut);
    document.body.append(container);
    try {
      customElements.define(tag, class extends (customElements.get('omneo-points-balance') as typeof OmneoPointsBalance) {});
      await until(() => part(badge, 'badge')?.getAttribute('role') === 'status', 4000, 'the badge loaded');
      expect(text(badge)).to.contain('1.250');
      expect(badge.lang).to.equal('de-DE');
      await until(() => part(signedOut, 'guest'), 4000, 'the signed-out badge');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(text(signedOut)).not.to.contain('250');
      // One token request (the badge's), and no badge asks for the card's expiry notice.
      expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
      expect(await scope.count('/profiles/me/points')).to.equal(0);
    } finally {
      container.remove();
    }
  });

  it('configured only by properties set before its code loaded, on a page without config: no configuration problem reported on the way', async () => {
    // The page has settled (its time to configure is over), as a single-page app has long before a view adds elements.
    const settled = await fixture(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => part(settled, 'error'), 2000, 'the page settled');
    settled.remove();
    const reported: string[] = [];
    const onError = (event: Event) => reported.push((event as CustomEvent<{ kind: string }>).detail.kind);
    document.addEventListener('omneo-error', onError);
    const tag = `late-points-${Math.random().toString(36).slice(2)}`;
    const badge = document.createElement(tag) as OmneoPointsBalance;
    Object.assign(badge, { tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU', variant: 'compact' });
    document.body.append(badge);
    try {
      customElements.define(tag, class extends (customElements.get('omneo-points-balance') as typeof OmneoPointsBalance) {});
      await until(() => part(badge, 'badge')?.getAttribute('role') === 'status', 4000, 'the badge loaded');
      expect(text(badge)).to.contain('1,250');
      expect(reported).to.deep.equal([]);
    } finally {
      document.removeEventListener('omneo-error', onError);
      badge.remove();
    }
  });

  it('renders a config error, not a crash, when the token endpoint is missing', async () => {
    const el = await fixture<OmneoPointsBalance>(html`<omneo-points-balance api-base="/x"></omneo-points-balance>`);
    await until(() => part(el, 'error'), 2000, 'the configuration error, once the page has settled');
    expect(text(el)).to.contain('not set up correctly');
  });
});
