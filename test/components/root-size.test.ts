/**
 * Sizes follow the element's own text, not the document's root. Shopify's default theme (Dawn) and many Shopify and
 * Magento themes set `html { font-size: 62.5% }` with the body text back at 1.5–1.6rem: the text of an element is
 * unchanged, and so must every box around it be. Sizes in rem shrank to 62.5% there: a 25 px heart with a 5.5 px
 * "!", 30 px wallet images, 45 px wishlist images, 10 px card padding, filter pills 2 px apart.
 *
 * Each element is measured with 16 px text under a 16 px root, then under a 62.5% root (10 px) with the same
 * 16 px text: every size must be the same.
 */
import { expect, fixture, html, unsafeStatic } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/components/points-balance/define.js';
import '../../src/components/tier-progress/define.js';
import '../../src/components/reward-wallet/define.js';
import '../../src/components/wishlist/define.js';
import '../../src/components/wishlist-button/define.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { foreground, resetPage, until } from '../helpers/page.js';

const LADDER_FIXTURE = '/test/fixtures/tiers.json';
/** 16 px text, set on the element itself (as a theme's body text reaches it), in a sans-serif. */
const TEXT = 'inline-size: 360px; font: 16px/1.5 ui-sans-serif, system-ui, sans-serif';

const inner = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const inners = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const box = (element: Element) => element.getBoundingClientRect();
const px = (element: Element, property: string) => parseFloat(getComputedStyle(element).getPropertyValue(property));

/** The sizes `measure` names, under a 16 px root and then under a 62.5% one, in px. */
function underBothRoots(measure: () => Record<string, number>): { root16: Record<string, number>; root625: Record<string, number> } {
  const root = document.documentElement.style.fontSize;
  try {
    document.documentElement.style.fontSize = '16px';
    const root16 = measure();
    document.documentElement.style.fontSize = '62.5%';
    const root625 = measure();
    return { root16, root625 };
  } finally {
    document.documentElement.style.fontSize = root;
  }
}

function expectSame({ root16, root625 }: ReturnType<typeof underBothRoots>): void {
  for (const [name, size] of Object.entries(root16)) {
    expect(size, `${name} measured`).to.be.greaterThan(0);
    expect(root625[name], `${name}: ${size} px under a 16 px root, ${root625[name]} px under a 62.5% root`).to.be.closeTo(size, 0.5);
  }
}

/** One of Ava's elements. */
function mountAva(scope: TestScope, tag: string, extra: { style: string; variant?: string; tiersEndpoint?: string }): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`<${unsafeStatic(tag)}
    style=${extra.style}
    token-endpoint=${scope.tokenEndpoint('ava')}
    api-base=${scope.apiBase}
    locale="en-AU"
    variant=${ifDefined(extra.variant)}
    tiers-endpoint=${ifDefined(extra.tiersEndpoint)}
  ></${unsafeStatic(tag)}>`);
}

describe('sizes follow the element’s text, not the root (html { font-size: 62.5% })', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  const mount = (tag: string, extra: { variant?: string; tiersEndpoint?: string } = {}) => mountAva(scope, tag, { style: TEXT, ...extra });

  it('the points card: its padding, row gap and height', async () => {
    const el = await mount('omneo-points-balance');
    await until(() => inner(el, '[part="points"]'), 4000, 'balance');
    expectSame(
      underBothRoots(() => {
        const card = inner(el, '.card')!;
        return { padding: px(card, 'padding-top'), gap: px(card, 'row-gap'), height: box(el).height };
      }),
    );
  });

  it('the compact badge: its height, loading and loaded', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 400 });
    const el = await mount('omneo-points-balance', { variant: 'compact' });
    const loading = underBothRoots(() => ({ height: box(inner(el, '[part~="badge"]')!).height }));
    expectSame(loading);
    await until(() => inner(el, '[part~="badge"][role="status"]'), 4000, 'balance');
    const loaded = underBothRoots(() => ({ height: box(inner(el, '[part~="badge"]')!).height, width: box(el).width }));
    expectSame(loaded);
    expect(loaded.root625['height']).to.be.closeTo(loading.root625['height']!, 0.5);
  });

  it('the tier card: its padding, bar, ladder rows and height', async () => {
    const el = await mount('omneo-tier-progress', { tiersEndpoint: LADDER_FIXTURE });
    await until(() => inner(el, '[part="ladder"]') && inner(el, '[part="progress"]'), 4000, 'tier and ladder');
    expectSame(
      underBothRoots(() => {
        const row = inner(el, '[part~="ladder-tier"]')!;
        return {
          padding: px(inner(el, '.card')!, 'padding-top'),
          bar: box(inner(el, '[part="progress"]')!).height,
          'ladder row padding': px(row, 'padding-inline-start'),
          'ladder row': box(row).height,
          height: box(el).height,
        };
      }),
    );
  });

  it('the wallet: its images, rows, the space between its filters, and its height', async () => {
    const el = await mount('omneo-reward-wallet');
    await until(() => inner(el, '[part="rewards"]') && inner(el, '[part="filters"]'), 5000, 'wallet');
    expectSame(
      underBothRoots(() => {
        const thumb = inner(el, '.thumb')!;
        const [first, second] = inners(el, '[part="filters"] button');
        return {
          'image width': box(thumb).width,
          'image height': box(thumb).height,
          'row padding': px(inner(el, '.item')!, 'padding-top'),
          'filter button': box(first!).height,
          'space between filters': box(second!).left - box(first!).right,
          padding: px(inner(el, '.card')!, 'padding-top'),
          height: box(el).height,
        };
      }),
    );
  });

  it('the wishlist: its images, padding, rows and height', async () => {
    await foreground();
    const el = await mount('omneo-wishlist');
    await until(() => inner(el, '[part="item"]'), 4000, 'wishlist');
    expectSame(
      underBothRoots(() => {
        const media = inner(el, '[part="item"] .media')!;
        return {
          'image width': box(media).width,
          'image height': box(media).height,
          padding: px(inner(el, '.card')!, 'padding-top'),
          'row gap': px(inner(el, '[part="list"]')!, 'row-gap'),
          'Remove button': box(inner(el, '[part="remove-button"]')!).height,
          height: box(el).height,
        };
      }),
    );
  });

  it('the heart: its box, and its "!" when the wishlist could not load', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 3 });
    const el = await fixture<HTMLElement>(html`<omneo-wishlist-button
      style=${TEXT}
      token-endpoint=${scope.tokenEndpoint('ava')}
      api-base=${scope.apiBase}
      locale="en-AU"
      sku="LS-SAND-M"
    ></omneo-wishlist-button>`);
    await until(() => inner(el, '[part~="error"]'), 5000, 'the error mark');
    expectSame(
      underBothRoots(() => {
        const heart = inner(el, '[part~="button"]')!;
        const mark = inner(el, '[part~="error"]')!;
        return {
          'heart width': box(heart).width,
          'heart height': box(heart).height,
          '"!" disc': box(mark).width,
          '"!" text': px(mark, 'font-size'),
        };
      }),
    );
  });
});

describe('floors: text too small to size a target, or no text at all (a theme’s font-size: 0)', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  /** A heart under an ancestor's font-size: 0 (a product card's icon row, rid of the gaps between inline blocks). */
  async function heartWithoutText(persona: string): Promise<HTMLElement> {
    const el = await fixture<HTMLElement>(html`<omneo-wishlist-button
      token-endpoint=${scope.tokenEndpoint(persona)}
      api-base=${scope.apiBase}
      locale="en-AU"
      sku="LS-SAND-M"
      product-name="Linen Relaxed Shirt"
    ></omneo-wishlist-button>`);
    el.parentElement!.style.cssText = 'font: 0 ui-sans-serif, system-ui, sans-serif; padding: 8px';
    return el;
  }

  it('the heart stays a 24 px target, and its message readable, under an ancestor’s font-size: 0', async () => {
    const el = await heartWithoutText('guest');
    const heart = await until(() => inner(el, '[part~="button"]:not([disabled])'), 4000, 'the guest heart');
    expect(box(heart).width, 'heart width').to.be.closeTo(24, 0.5);
    expect(box(heart).height, 'heart height').to.be.closeTo(24, 0.5);
    heart.click();
    const bubble = await until(() => inner(el, '.bubble'), 2000, 'the guest prompt');
    expect(px(bubble, 'font-size'), 'message text').to.equal(12);
    expect(box(bubble).width, 'bubble width').to.be.greaterThan(100);
    expect(box(bubble).height, 'bubble height').to.be.greaterThan(20);
  });

  it('the heart’s "!" stays on it, in proportion, under an ancestor’s font-size: 0', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 3 });
    const el = await heartWithoutText('ava');
    const mark = await until(() => inner(el, '[part~="error"]'), 5000, 'the error mark');
    const heart = inner(el, '[part~="button"]')!;
    expect(box(heart).width, 'heart width').to.be.closeTo(24, 0.5);
    expect(box(mark).width, 'disc: 30% of the heart inside its border').to.be.closeTo(0.3 * heart.clientWidth, 0.5);
    expect(px(mark, 'font-size'), '"!": 22% of 24 px').to.be.closeTo(5.28, 0.1);
  });

  it('buttons stay at least 24 px tall in small text (9 px), and their placeholders while loading', async () => {
    // 2.25em alone is 20.25 px at 9 px text: under the 24 × 24 px target size of WCAG 2.2.
    const style = 'inline-size: 360px; font: 9px/1.4 ui-sans-serif, system-ui, sans-serif';
    await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 600 });
    const wallet = await mountAva(scope, 'omneo-reward-wallet', { style });
    const placeholders = inners(wallet, '.button-placeholder');
    expect(placeholders.length, 'the skeleton’s buttons').to.be.greaterThan(0);
    for (const each of placeholders) expect(box(each).height, `placeholder "${each.textContent!.trim()}"`).to.be.at.least(24);
    await until(() => inner(wallet, '[part="filters"]') && inner(wallet, '[part="redeem-button"]'), 5000, 'wallet');
    const wishlist = await mountAva(scope, 'omneo-wishlist', { style });
    await until(() => inner(wishlist, '[part="remove-button"]'), 4000, 'wishlist');
    // The ladder's note sets smaller text of its own (Retry, when the ladder could not load).
    const tier = await mountAva(scope, 'omneo-tier-progress', { style, tiersEndpoint: '/test/fixtures/no-such-ladder.json' });
    await until(() => inner(tier, '[part="ladder-error"] button'), 5000, 'the ladder’s Retry');
    const buttons = [wallet, wishlist, tier].flatMap((el) => inners(el, 'button'));
    expect(buttons.length).to.be.greaterThan(8);
    for (const button of buttons) expect(box(button).height, `"${button.textContent!.trim()}"`).to.be.at.least(24);
  });
});
