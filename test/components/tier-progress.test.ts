import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/components/tier-progress/define.js';
import type { OmneoTierProgress } from '../../src/components/tier-progress/tier-progress.js';
import { forgetTierLadders } from '../../src/api/tier-ladder.js';
import { configure } from '../../src/core/config.js';
import { SEED_NOW } from '../../server/mock-omneo/dates.js';
import { textContrast } from '../helpers/contrast.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { fontSize, resetPage, until } from '../helpers/page.js';
import { expectContained } from '../helpers/layout.js';
import { resetRuntimes } from '../../src/core/runtime.js';

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const partText = (el: Element, name: string) => (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();

// The ladder fixture is served by the test server as a static file: the dev app's test scopes have no
// unauthenticated tier-ladder route (the mock only has the admin `/api/v3/tiers/definitions`). It is written
// out of order and with numeric strings, as the proxy might pass Omneo's quirks through.
// For the checks of a card that shows a tier: p-as-heading (experimental) takes its name ("Silver"), large and bold
// above longer sentences, for a heading. It is the card's value under the card's own heading ("Your tier"), as the
// points card's figure is, not a section a shopper jumps to: a false positive, so those checks leave that rule out.
const tierNameIsNoHeading = { ignoredRules: ['p-as-heading'] };

const LADDER_FIXTURE = '/test/fixtures/tiers.json';

/**
 * A browser command's refusal (media emulation, a time zone override): false, for the test to skip, outside Chromium
 * (Firefox over WebDriver BiDi and WebKit over WebDriver classic lack some of CDP's); in Chromium the command must
 * work, so a refusal is the test's failure, never a skip.
 */
function refusedOutsideChromium(error: unknown): false {
  if (/Chrome\//.test(navigator.userAgent)) throw error;
  return false;
}

/**
 * The mock shifts every seeded date by (its clock − the seed's "now") so that relative facts stay true; this
 * is the date the shopper sees for a seeded timestamp, formatted as the element formats anniversaries.
 */
function seededDate(seed: string, locale = 'en-AU'): string {
  const shifted = new Date(Date.parse(seed) + Date.now() - SEED_NOW.getTime());
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(shifted);
}

/** A tier-progress body for fault injection, starting from nothing assigned. */
function progressBody(fields: Record<string, unknown>) {
  return {
    data: {
      is_floor: false,
      current_tier: null,
      next_tier: null,
      prev_tier: null,
      current_credit: 0,
      current_progress: 0,
      current_remain: null,
      next_progress: 0,
      next_remain: null,
      anniversary_at: null,
      ...fields,
    },
  };
}

describe('<omneo-tier-progress>', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    forgetTierLadders();
    scope = await newScope();
  });

  async function mount(persona: string, extra: { locale?: string; tiersEndpoint?: string; customer?: string; style?: string } = {}) {
    return fixture<OmneoTierProgress>(html`<omneo-tier-progress
      style=${ifDefined(extra.style)}
      token-endpoint=${scope.tokenEndpoint(persona)}
      api-base=${scope.apiBase}
      locale=${extra.locale ?? 'en-AU'}
      tiers-endpoint=${extra.tiersEndpoint ?? ''}
      customer=${ifDefined(extra.customer)}
    ></omneo-tier-progress>`);
  }

  const bar = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[role="progressbar"]');

  it('shows a skeleton while loading, the same size as the loaded card', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 400 });
    const el = await mount('ava');
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]') !== null).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('.skeleton').length).to.be.greaterThan(0);
    const loadingHeight = el.getBoundingClientRect().height;
    await expect(el).to.be.accessible();
    await until(() => bar(el), 4000, 'progress bar');
    expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.lessThan(1);
  });

  it('shows its skeleton bars, the progress track included, in the inherited text colour', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 1500 });
    const el = await mount('ava', { style: 'color: rgb(236, 234, 230)' });
    const blocks = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.skeleton')];
    expect(blocks.some((block) => block.classList.contains('bar'))).to.equal(true);
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const painted = (color: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      return context.getImageData(0, 0, 1, 1).data;
    };
    for (const block of blocks) {
      const style = getComputedStyle(block);
      // A colour, or a one-colour gradient (see .skeleton in the shared styles).
      const gradient = /gradient\((?:[^()]|\([^()]*\))*?((?:rgba?|color|oklab|oklch|lab|lch|hsla?)\([^()]*\))/.exec(style.backgroundImage)?.[1];
      const [r, g, b, alpha] = painted(painted(style.backgroundColor)[3]! > 0 ? style.backgroundColor : (gradient ?? style.backgroundColor));
      expect(alpha, `${block.className} alpha`).to.be.greaterThan(15);
      // Un-premultiplying a 10% tint costs the canvas a few units of precision.
      expect([r! - 236, g! - 234, b! - 230].every((delta) => Math.abs(delta) <= 6), `${r}, ${g}, ${b}`).to.equal(true);
    }
  });

  it("shows Ava's Silver tier, 73% to Gold, 400 tier points to go and what keeps Silver", async () => {
    const el = await mount('ava');
    const ready = await oneEvent(el, 'omneo-ready');
    expect(ready.detail).to.deep.equal({ element: 'omneo-tier-progress' });
    await el.updateComplete;
    expect(partText(el, 'tier-name')).to.equal('Silver');
    expect([...part(el, 'ends')!.children].map((end) => end.textContent)).to.deep.equal(['Silver', 'Gold']);
    const progress = bar(el)!;
    expect(progress.getAttribute('aria-valuemin')).to.equal('0');
    expect(progress.getAttribute('aria-valuemax')).to.equal('100');
    expect(progress.getAttribute('aria-valuenow')).to.equal('73');
    expect(progress.getAttribute('aria-valuetext')).to.equal('73% of the way to Gold, 400 tier points to go');
    expect(progress.getAttribute('aria-label')).to.equal('Progress to Gold');
    expect(partText(el, 'figures')).to.equal('1,100 of 1,500 tier points');
    expect(partText(el, 'to-next')).to.equal('400 tier points to Gold');
    expect(partText(el, 'maintain')).to.equal(`Earn 50 more tier points before ${seededDate('2026-03-14T00:00:00Z')} to keep Silver.`);
    // The fill is 73% of the track.
    const fill = part(el, 'progress-fill')!;
    expect(fill.getBoundingClientRect().width / progress.getBoundingClientRect().width).to.be.closeTo(0.73, 0.01);
    // Tier points are never called plain "points" (they are not the redeemable balance).
    expect(text(el)).not.to.match(/\d points/);
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('handles the top tier (Grace, Platinum): no next tier, the bar shows what keeps Platinum', async () => {
    const el = await mount('grace');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'tier-name')).to.equal('Platinum');
    expect(partText(el, 'to-next')).to.equal("You're in our top tier.");
    expect(bar(el)!.getAttribute('aria-label')).to.equal('Tier points to keep Platinum');
    expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('100');
    // The figures are the maintain ones and say so: earned, and what keeping Platinum needs (never "2,720 of 2,500").
    expect(partText(el, 'figures')).to.equal('2,720 tier points earned (2,500 needed to keep Platinum)');
    expect(part(el, 'figures')!.querySelector('bdi')!.textContent).to.equal('Platinum');
    expect(bar(el)!.getAttribute('aria-valuetext')).to.equal('2,720 tier points earned (2,500 needed to keep Platinum)');
    expect(partText(el, 'maintain')).to.equal(`You've earned enough to keep Platinum at your review on ${seededDate('2026-09-01T00:00:00Z')}.`);
    expect(text(el)).not.to.contain(' to Gold');
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('the top tier with nothing to keep it (value_maintain 0): a full bar that says so in words, no figures, no maintain line', async () => {
    await scope.addFaults({
      path: '/profiles/me/tiers',
      status: 200,
      body: progressBody({ current_tier: { id: 4, name: 'Platinum', handle: 'platinum', value_min: 2500, value_maintain: 0 }, next_progress: 3100 }),
    });
    const el = await mount('grace');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'tier-name')).to.equal('Platinum');
    expect(partText(el, 'to-next')).to.equal("You're in our top tier.");
    expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('100');
    expect(bar(el)!.getAttribute('aria-label')).to.equal('Your tier');
    // Heard as words, never a bare "100" nor "100% of the way to …".
    expect(bar(el)!.getAttribute('aria-valuetext')).to.equal("You're in our top tier.");
    expect(partText(el, 'figures') ?? '').to.equal('');
    expect(text(el)).not.to.contain('to keep');
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  describe('top tier short of what keeps it', () => {
    const topTier = (earned: number) =>
      progressBody({
        current_tier: { id: 4, name: 'Platinum', handle: 'platinum', value_min: 3000, value_maintain: 2500 },
        current_progress: earned, current_credit: 0, current_remain: Math.max(0, 2500 - earned), next_progress: earned, anniversary_at: '2099-09-01 00:00:00',
      });

    // Arabic figures in the engine's digits (its Intl's, as the element writes them): Latin in Chromium, Arabic-Indic
    // in WebKitGTK with Debian's ICU.
    const arabic = new Intl.NumberFormat('ar');
    const arabicDigits = (figures: string) => figures.replace(/[0-9]/g, (digit) => arabic.format(Number(digit)));
    for (const [locale, earned, figures, maintain] of [
      ['en-AU', 1800, '1,800 tier points earned (2,500 needed to keep Platinum)', 'Earn 700 more tier points before'],
      ['en-AU', 1, '1 tier point earned (2,500 needed to keep Platinum)', 'Earn 2,499 more tier points before'],
      ['fr-FR', 1800, /^1\s800 points de statut gagnés \(2\s500 requis pour conserver Platinum\)$/, 'Gagnez encore 700 points de statut avant le'],
      ['fr-FR', 1, /^1 point de statut gagné \(2\s500 requis pour conserver Platinum\)$/, 'Gagnez encore 2 499 points'],
      ['ar', 2, `جمعت نقطتي مستوى (المطلوب ${arabic.format(2500)} للحفاظ على Platinum)`, 'للحفاظ على Platinum'],
      ['ar', 1800, new RegExp(`^جمعت ${arabicDigits('1')}[,٬]?${arabicDigits('800')} نقطة مستوى \\(المطلوب ${arabicDigits('2')}[,٬]?${arabicDigits('500')} للحفاظ على Platinum\\)$`), 'للحفاظ على Platinum'],
    ] as const) {
      it(`says what keeps the top tier (${locale}, ${earned} earned)`, async () => {
        await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: topTier(earned), times: 5 });
        const el = await mount('grace', { locale });
        await until(() => bar(el), 4000, 'progress bar');
        const shown = partText(el, 'figures'); // spaces squashed, French narrow no-break ones included
        if (typeof figures === 'string') expect(shown).to.equal(figures);
        else expect(shown).to.match(figures);
        expect(partText(el, 'maintain')).to.contain(maintain);
        expect(bar(el)!.getAttribute('aria-valuenow')).to.equal(String(Math.floor((100 * earned) / 2500)));
        await expect(el).to.be.accessible(tierNameIsNoHeading);
      });
    }
  });

  it('shows a floor-tier member (Zoe) at 0% with nothing to maintain', async () => {
    const el = await mount('zoe');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'tier-name')).to.equal('Member');
    expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('0');
    expect(partText(el, 'to-next')).to.equal('500 tier points to Silver');
    expect(part(el, 'maintain') === null, 'no maintain line').to.equal(true);
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('leaves no blank line for the maintain copy a floor-tier member does not have (Zoe, with the ladder)', async () => {
    const el = await mount('zoe', { tiersEndpoint: LADDER_FIXTURE, locale: 'fr-FR' });
    await until(() => bar(el) && part(el, 'ladder'), 4000, 'progress and ladder');
    const toNext = part(el, 'to-next')!.getBoundingClientRect();
    const ladderHeading = el.shadowRoot!.querySelector('.ladder-heading')!;
    const ladderHeadingStyle = getComputedStyle(ladderHeading);
    const rowGap = parseFloat(getComputedStyle(part(el, 'card')!).rowGap);
    // Only the card's row gap and the heading's own top margin between them: no reserved line.
    const space = ladderHeading.getBoundingClientRect().top - toNext.bottom;
    expect(space).to.be.closeTo(rowGap + parseFloat(ladderHeadingStyle.marginBlockStart), 1);
  });

  it('styles the ladder\'s "All tiers" heading through a part, as "Your tier" (loading, loaded and failed ladder alike)', async () => {
    const style = document.createElement('style');
    style.textContent = 'omneo-tier-progress::part(heading), omneo-tier-progress::part(section-heading) { text-transform: uppercase }';
    document.head.append(style);
    try {
      const headings = (el: Element) =>
        [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="heading"]')].map((heading) => `${heading.textContent!.replace(/\s+/g, ' ').trim()}: ${getComputedStyle(heading).textTransform}`);
      await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 400 });
      const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE });
      expect(headings(el)).to.deep.equal(['Your tier: uppercase', 'All tiers: uppercase']);
      await until(() => el.shadowRoot!.querySelector('[part~="ladder"]'), 4000, 'the ladder');
      expect(headings(el)).to.deep.equal(['Your tier: uppercase', 'All tiers: uppercase']);
      const failed = await mount('ava', { tiersEndpoint: '/test/fixtures/no-such-ladder.json' });
      await until(() => failed.shadowRoot!.querySelector('[part~="ladder-error"]'), 8000, 'the ladder failed');
      expect(headings(failed)).to.deep.equal(['Your tier: uppercase', 'All tiers: uppercase']);
    } finally {
      style.remove();
    }
  });

  it('a solid highlight for the shopper\'s tier (--omneo-tier-current-background) gets its text colour from --omneo-tier-current-color: name, threshold, perk and "Your tier"', async () => {
    const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE, style: '--omneo-tier-current-background: rgb(28, 26, 23); --omneo-tier-current-color: rgb(250, 248, 244)' });
    await until(() => el.shadowRoot!.querySelector('[part~="ladder-tier-current"]'), 4000, 'the ladder');
    const row = el.shadowRoot!.querySelector<HTMLElement>('[part~="ladder-tier-current"]')!;
    expect(getComputedStyle(row).backgroundColor).to.equal('rgb(28, 26, 23)');
    // Before, the row kept the card's dark text on its dark fill (1.1:1), and in the hub no part reaches it.
    for (const selector of ['.name', '.threshold', '.perk', '.you']) {
      expect(textContrast(row.querySelector(selector)!), selector).to.be.at.least(4.5);
    }
  });

  it("theming: the bar's and the tier name's CSS properties style them, with their documented defaults; the bar fill follows the accent unless its own token is set", async () => {
    const el = await mount('ava');
    await until(() => bar(el));
    const track = bar(el)!;
    const fill = part(el, 'progress-fill')!;
    const name = part(el, 'tier-name')!;
    // Defaults: the bar 0.625em thick, the name 1.5em of the card's text.
    expect(track.getBoundingClientRect().height).to.be.closeTo(0.625 * fontSize(track), 0.01);
    expect(fontSize(name)).to.equal(1.5 * fontSize(part(el, 'card')!));
    el.style.setProperty('--omneo-color-accent', 'rgb(7, 8, 9)');
    expect(getComputedStyle(fill).backgroundColor, 'the accent fills the bar').to.equal('rgb(7, 8, 9)');
    el.style.setProperty('--omneo-tier-bar-fill', 'rgb(1, 2, 3)');
    el.style.setProperty('--omneo-tier-bar-track', 'rgb(4, 5, 6)');
    el.style.setProperty('--omneo-tier-bar-height', '17px');
    el.style.setProperty('--omneo-tier-name-font-size', '37px');
    el.style.setProperty('--omneo-tier-name-color', 'rgb(10, 11, 12)');
    el.style.setProperty('--omneo-card-padding', '13px');
    expect(getComputedStyle(fill).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(track).backgroundColor).to.equal('rgb(4, 5, 6)');
    expect(track.getBoundingClientRect().height).to.equal(17);
    expect(getComputedStyle(name).fontSize).to.equal('37px');
    expect(getComputedStyle(name).color).to.equal('rgb(10, 11, 12)');
    expect(getComputedStyle(part(el, 'card')!).paddingInlineStart).to.equal('13px');
  });

  it('uses the singular for one tier point', async () => {
    await scope.addFaults({
      path: '/profiles/me/tiers',
      status: 200,
      body: progressBody({ current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: 0 }, next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 1500 }, next_progress: 1499, next_remain: 1 }),
    });
    const el = await mount('ava');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'to-next')).to.equal('1 tier point to Gold');
    // Floored and held below 100 until the tier is reached.
    expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('99');
  });

  it('names the next tier without a figure or bar when Omneo says neither how far it is nor its threshold', async () => {
    await scope.addFaults({
      path: '/profiles/me/tiers',
      status: 200,
      body: progressBody({ current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: 0 }, next_tier: { id: 3, name: 'Gold', handle: 'gold' }, next_progress: 1100, next_remain: null }),
    });
    const el = await mount('ava');
    await until(() => part(el, 'to-next'), 4000, 'loaded card');
    // Before: "You have the tier points for Gold: it will be yours at the next review.", a promise nothing backed.
    expect(partText(el, 'to-next')).to.equal('Your next tier is Gold.');
    expect(bar(el)).to.equal(null);
    expect(partText(el, 'tier-name')).to.equal('Silver');
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  const silverToGold = (fields: Record<string, unknown> = {}) =>
    progressBody({
      current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: 400 },
      next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 1500 },
      current_progress: 300, current_credit: 50, current_remain: 50, next_progress: 1100, next_remain: 400, anniversary_at: '2099-03-14 00:00:00',
      ...fields,
    });

  describe('a fraction of a tier point at the threshold (points earned at a rate such as 1.5 have three decimals)', () => {
    for (const [what, fields, expected] of [
      [
        'short by 0.004: never "0 tier points to Gold", nor "1,500 of 1,500"',
        { next_progress: 1499.996, next_remain: 0.004, current_progress: 349.996, current_remain: 0.004 },
        {
          figures: '1,499.99 of 1,500 tier points',
          toNext: '0.01 tier points to Gold',
          valuetext: '99% of the way to Gold, 0.01 tier points to go',
          maintain: 'Earn 0.01 more tier points before 14 Mar 2099 to keep Silver.',
        },
      ],
      [
        'short by 1.004: "1.01", never "1 tier point" (one more would not do)',
        { next_progress: 1498.996, next_remain: 1.004, current_progress: 348.996, current_remain: 1.004 },
        {
          figures: '1,498.99 of 1,500 tier points',
          toNext: '1.01 tier points to Gold',
          valuetext: '99% of the way to Gold, 1.01 tier points to go',
          maintain: 'Earn 1.01 more tier points before 14 Mar 2099 to keep Silver.',
        },
      ],
      [
        'short by 0.5: as Omneo sends it',
        { next_progress: 1499.5, next_remain: 0.5, current_progress: 349.5, current_remain: 0.5 },
        {
          figures: '1,499.5 of 1,500 tier points',
          toNext: '0.5 tier points to Gold',
          valuetext: '99% of the way to Gold, 0.5 tier points to go',
          maintain: 'Earn 0.5 more tier points before 14 Mar 2099 to keep Silver.',
        },
      ],
    ] as const) {
      it(what, async () => {
        await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold(fields), times: 5 });
        const el = await mount('ava');
        await until(() => bar(el), 4000, 'progress bar');
        expect(partText(el, 'figures')).to.equal(expected.figures);
        expect(partText(el, 'to-next')).to.equal(expected.toNext);
        expect(bar(el)!.getAttribute('aria-valuetext')).to.equal(expected.valuetext);
        expect(partText(el, 'maintain')).to.equal(expected.maintain);
      });
    }

    it('at the top tier: never "2,500 tier points earned (2,500 needed …)" while 0.004 short', async () => {
      await scope.addFaults({
        path: '/profiles/me/tiers',
        status: 200,
        body: progressBody({
          current_tier: { id: 4, name: 'Platinum', handle: 'platinum', value_min: 3000, value_maintain: 2500 },
          current_progress: 2499.996, current_credit: 0, current_remain: 0.004, next_progress: 2499.996, anniversary_at: '2099-09-01 00:00:00',
        }),
        times: 5,
      });
      const el = await mount('grace');
      await until(() => bar(el), 4000, 'progress bar');
      expect(partText(el, 'figures')).to.equal('2,499.99 tier points earned (2,500 needed to keep Platinum)');
      expect(partText(el, 'maintain')).to.equal('Earn 0.01 more tier points before 1 Sept 2099 to keep Platinum.');
    });
  });

  describe('the review date (anniversary) at and either side of now', () => {
    const DAY = 86_400_000;
    /** Omneo's form of an anniversary: a midnight (UTC) without a zone, `days` from today's. */
    const midnight = (days: number) => {
      const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime();
      return new Date(today + days * DAY).toISOString().slice(0, 19).replace('T', ' ');
    };
    const shown = (omneo: string) => seededDate(new Date(Date.parse(omneo.replace(' ', 'T') + 'Z') + SEED_NOW.getTime() - Date.now()).toISOString());

    for (const [when, days, dated] of [
      ['tomorrow', 1, true],
      ['today (its midnight has passed)', 0, false],
      ['yesterday (Omneo has not run the review yet)', -1, false],
      ['1 Jan 1970 (a placeholder)', null, false],
    ] as const) {
      for (const kept of [false, true]) {
        it(`an anniversary ${when}, ${kept ? 'tier kept' : '50 short'}: ${dated ? 'the date' : 'no date that has passed'}`, async () => {
          const anniversary = days === null ? '1970-01-01 00:00:00' : midnight(days);
          const fields = kept ? { current_progress: 400, current_remain: 0 } : {};
          await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold({ anniversary_at: anniversary, ...fields }), times: 5 });
          const el = await mount('ava');
          await until(() => bar(el), 4000, 'progress bar');
          const expected = kept
            ? dated
              ? `You've earned enough to keep Silver at your review on ${shown(anniversary)}.`
              : "You've earned enough to keep Silver."
            : dated
              ? `Earn 50 more tier points before ${shown(anniversary)} to keep Silver.`
              : 'Earn 50 more tier points to keep Silver.';
          expect(partText(el, 'maintain')).to.equal(expected);
        });
      }
    }
  });

  describe('the review day where the shopper is: east of UTC it begins before its UTC midnight', () => {
    // The anniversary, 14 Mar 2099 (a midnight without a zone, shown as 14 Mar), read in Sydney (UTC+11 in March).
    const RealDate = Date;
    /** The page's clock at `iso` (Date.now and `new Date()`), for one render: loading ran on the real clock. */
    const renderAt = async (el: OmneoTierProgress, iso: string) => {
      const at = RealDate.parse(iso);
      globalThis.Date = class extends RealDate {
        constructor(...args: unknown[]) {
          super(...((args.length ? args : [at]) as [number]));
        }
        static override now() {
          return at;
        }
      } as DateConstructor;
      try {
        el.requestUpdate();
        await el.updateComplete;
      } finally {
        globalThis.Date = RealDate;
      }
      return partText(el, 'maintain');
    };
    /**
     * The tab put in `zone` (none: back to the machine's); false where the browser has no time zone override. Firefox
     * ESR 140 over WebDriver BiDi has none ('unknown command emulation.setTimezoneOverride'; later Firefoxes have it),
     * and WebKit's tests that need one are skipped by name (web-test-runner.webkit.config.mjs).
     */
    const inTimeZone = (zone?: string): Promise<boolean> => executeServerCommand('time-zone', zone ? { zone } : {}).then(() => true, refusedOutsideChromium);
    afterEach(() => inTimeZone());

    for (const kept of [false, true]) {
      it(`Sydney, ${kept ? 'tier kept' : '50 short'}: the date on 13 Mar, none from the first hour of 14 Mar (UTC still 13 Mar)`, async function () {
        if (!(await inTimeZone('Australia/Sydney'))) this.skip();
        const fields = kept ? { current_progress: 400, current_remain: 0 } : {};
        await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold(fields), times: 5 });
        const el = await mount('ava');
        await until(() => part(el, 'maintain'), 4000, 'maintain line');
        const [dated, undated] = kept
          ? ["You've earned enough to keep Silver at your review on 14 Mar 2099.", "You've earned enough to keep Silver."]
          : ['Earn 50 more tier points before 14 Mar 2099 to keep Silver.', 'Earn 50 more tier points to keep Silver.'];
        // 23:30 on 13 Mar in Sydney; then 00:30 and 10:59 on 14 Mar there, when it is 13:30 and 23:59 on 13 Mar in UTC.
        expect(await renderAt(el, '2099-03-13T12:30:00Z')).to.equal(dated);
        expect(await renderAt(el, '2099-03-13T13:30:00Z')).to.equal(undated);
        expect(await renderAt(el, '2099-03-13T23:59:00Z')).to.equal(undated);
      });
    }
  });

  const nameless = silverToGold({
    current_tier: { id: 2, name: null, handle: 'silver', value_min: 500, value_maintain: 400 },
    next_tier: { id: 3, name: null, handle: 'gold', value_min: 1500 },
  });


  describe('long tier names and large text stay inside the card', () => {
    // 60 characters without a space; an Arabic name with emoji (break opportunities only around the emoji).
    const LONG = 'Platinumelitediamondsupremeultimateprestigeambassadorcircles';
    const ARABIC = 'الماسيةالملكيةالفاخرةالذهبيةالمتميزة🌟💎👑الماسيةالملكيةالفاخرة';
    const tier = (id: number, name: string, handle: string, valueMin: number, valueMaintain: number) => ({ id, name, handle, is_floor: false, value_min: valueMin, value_maintain: valueMaintain });
    const type = 'font: 1rem/1.5 system-ui, sans-serif';

    for (const [locale, which, name] of [
      ['en-AU', 'next', LONG],
      ['ar', 'next', LONG],
      ['en-AU', 'current', LONG],
      ['ar', 'current', LONG],
      ['ar', 'current', ARABIC],
    ] as const) {
      it(`${locale}, 320px: a ${which} tier named ${name === LONG ? '60 letters without a space' : 'in Arabic with emoji'}, in the card, the bar and the ladder`, async () => {
        const current = tier(2, which === 'current' ? name : 'Silver', 'silver', 500, 400);
        const next = tier(3, which === 'next' ? name : 'Gold', 'gold', 1500, 1200);
        // The ladder through the proxy's route, its admin source (the mock's /tiers/definitions) answering this ladder.
        await scope.addFaults([
          { path: '/profiles/me/tiers', status: 200, body: silverToGold({ current_tier: current, next_tier: next }), times: 5 },
          {
            path: '/tiers/definitions',
            status: 200,
            body: { data: [{ ...tier(1, 'Member', 'member', 0, 0), is_floor: true }, { ...current, short_description: 'A very nice perk for you' }, next] },
            times: 5,
          },
        ]);
        const el = await mount('ava', { locale, tiersEndpoint: `/__scopes/${scope.scope}/as/guest/omneo/tiers`, style: `width: 320px; ${type}` });
        await until(() => bar(el) && part(el, 'ladder') && !el.localisationPending, 6000, 'progress and ladder');
        await el.updateComplete;
        expect(text(el)).to.contain(name);
        const card = part(el, 'card')!;
        expect(card.getBoundingClientRect().width).to.be.closeTo(320, 0.5);
        expectContained(el, card, `${locale} ${which}`);
        // The other name at the bar's ends stays whole on one line; the long one wraps.
        const other = [...part(el, 'ends')!.children].find((end) => end.textContent !== name)!;
        const range = document.createRange();
        range.selectNodeContents(other);
        expect(range.getClientRects().length, `"${other.textContent}" on one line`).to.equal(1);
      });
    }

    for (const locale of ['en-AU', 'ar']) {
      it(`${locale}, a 280 px card with the text at 200% (root font 32px): the ladder's "Your tier" row stays inside`, async () => {
        const root = document.documentElement.style.fontSize;
        document.documentElement.style.fontSize = '32px';
        try {
          const el = await mount('ava', { locale, tiersEndpoint: LADDER_FIXTURE, style: `width: 280px; ${type}` });
          await until(() => bar(el) && part(el, 'ladder') && !el.localisationPending, 6000, 'progress and ladder');
          await el.updateComplete;
          expectContained(el, part(el, 'card')!, locale);
        } finally {
          document.documentElement.style.fontSize = root;
        }
      });
    }
  });

  it('names a tier Omneo sent without a name "the next tier" / "your tier", instead of failing', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: nameless, times: 5 });
    const el = await mount('ava');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'tier-name')).to.equal('Current tier');
    expect([...part(el, 'ends')!.children].map((end) => end.textContent)).to.deep.equal(['Current tier', 'Next tier']);
    expect(partText(el, 'to-next')).to.equal('400 tier points to the next tier');
    // A fault body's dates are not shifted like the seed's.
    expect(partText(el, 'maintain')).to.equal('Earn 50 more tier points before 14 Mar 2099 to keep your tier.');
    expect(bar(el)!.getAttribute('aria-label')).to.equal('Progress to the next tier');
    expect(bar(el)!.getAttribute('aria-valuetext')).to.equal('73% of the way to the next tier, 400 tier points to go');
    expect(part(el, 'error')).to.equal(null);
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('says "the next tier" / "your tier" in French and Arabic too', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: nameless, times: 10 });
    const french = await mount('ava', { locale: 'fr-FR' });
    await until(() => partText(french, 'to-next').includes('statut suivant'), 4000, 'French copy');
    expect(partText(french, 'to-next')).to.equal('400 points de statut avant le statut suivant');
    expect(partText(french, 'tier-name')).to.equal('Statut actuel');
    expect(partText(french, 'maintain')).to.contain('pour conserver votre statut.');
    resetPage();
    const arabic = await mount('ava', { locale: 'ar' });
    await until(() => partText(arabic, 'to-next').includes('المستوى التالي'), 4000, 'Arabic copy');
    expect(partText(arabic, 'tier-name')).to.equal('المستوى الحالي');
    expect(partText(arabic, 'maintain')).to.contain('للحفاظ على مستواك');
  });

  it('says nothing of a next tier sent with neither a name nor how far it is, in any language, rather than "Your next tier is the next tier."', async () => {
    const body = progressBody({
      current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: 0 },
      next_tier: { id: 3, handle: 'gold' },
      next_progress: 1100,
      next_remain: null,
    });
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body, times: 10 });
    for (const locale of ['en-AU', 'fr-FR', 'ar']) {
      resetPage();
      const el = await mount('ava', { locale });
      await until(() => part(el, 'to-next'), 4000, `loaded card (${locale})`);
      expect(partText(el, 'to-next'), locale).to.equal('');
      expect(bar(el), locale).to.equal(null);
      expect(partText(el, 'tier-name'), locale).to.equal('Silver');
      el.remove();
    }
    // With the ladder shown, its name for the handle is a name: "Your next tier is Gold."
    resetPage();
    const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE });
    await until(() => part(el, 'ladder'), 4000, 'ladder');
    expect(partText(el, 'to-next')).to.equal('Your next tier is Gold.');
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('takes a nameless tier’s name from the ladder by its handle when the ladder is shown', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: nameless, times: 5 });
    const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE });
    await until(() => part(el, 'ladder'), 4000, 'ladder');
    expect(partText(el, 'tier-name')).to.equal('Silver');
    expect(partText(el, 'to-next')).to.equal('400 tier points to Gold');
  });

  it('never says the next tier is reached while the figures say otherwise (next_remain 0 beside 100 of 1,500)', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold({ next_progress: 100, next_remain: 0 }), times: 5 });
    const el = await mount('ava');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'figures')).to.equal('100 of 1,500 tier points');
    expect(partText(el, 'to-next')).to.equal('1,400 tier points to Gold');
    expect(text(el)).not.to.contain('You have the tier points');
    expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('6');
  });

  for (const locale of ['en-AU', 'fr-FR', 'ar']) {
    it(`at the next tier's threshold exactly (${locale}), the bar's aria-valuetext says what the card shows: the tier is reached`, async () => {
      await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold({ next_progress: 1500, next_remain: 0, current_remain: 0 }), times: 5 });
      const el = await mount('ava', { locale });
      await until(() => bar(el) && !el.localisationPending, 4000, 'progress bar');
      await el.updateComplete;
      const shown = partText(el, 'to-next');
      if (locale === 'en-AU') expect(shown).to.equal('You have the tier points for Gold: it will be yours at the next review.');
      expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('100');
      // Never "100% of the way to Gold, 0 tier points to go" beside a card that says Gold is reached.
      // Spaces as partText() squashes them (French has a no-break space before its colon).
      expect(bar(el)!.getAttribute('aria-valuetext')!.replace(/\s+/g, ' ')).to.equal(shown);
      await expect(el).to.be.accessible(tierNameIsNoHeading);
    });
  }

  it('shows fractions of a tier point as Omneo sends them (1,249.6), and negative figures with their sign', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold({ next_progress: '1249.6', next_remain: '250.4' }), times: 1 });
    const el = await mount('ava');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'figures')).to.equal('1,249.6 of 1,500 tier points');
    expect(partText(el, 'to-next')).to.equal('250.4 tier points to Gold');
    resetPage();
    scope = await newScope();
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: silverToGold({ next_progress: -250, next_remain: null }), times: 1 });
    const clawedBack = await mount('ava');
    await until(() => bar(clawedBack), 4000, 'progress bar');
    expect(partText(clawedBack, 'figures')).to.equal('-250 of 1,500 tier points');
    expect(partText(clawedBack, 'to-next')).to.equal('1,750 tier points to Gold');
    expect(bar(clawedBack)!.getAttribute('aria-valuenow')).to.equal('0');
  });

  it('shows the empty state when no tier is assigned at all', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: progressBody({}) });
    const el = await mount('ava');
    await until(() => part(el, 'empty'), 4000, 'empty state');
    expect(partText(el, 'heading')).to.equal('Your tier');
    expect(partText(el, 'empty')).to.contain('No tier yet');
    expect(bar(el) === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the guest state with no API request', async () => {
    const el = await mount('guest');
    await until(() => part(el, 'guest'), 4000, 'guest state');
    expect(text(el)).to.contain('Sign in to see your rewards');
    expect(await scope.count('/profiles/me/tiers')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows the error state with role=alert; Retry works from the keyboard', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', status: 500, times: 3 });
    const el = await mount('ava');
    const errorEvent = await oneEvent(el, 'omneo-error');
    expect(errorEvent.detail.status).to.equal(500);
    await el.updateComplete;
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    // Its heading stays above the message: beside other failed elements, it says which part failed.
    expect(partText(el, 'heading')).to.equal('Your tier');
    expect(part(el, 'heading')!.getBoundingClientRect().bottom).to.be.at.most(part(el, 'error')!.getBoundingClientRect().top);
    // The message names what failed.
    expect(el.shadowRoot!.querySelector('.error-message')!.textContent).to.equal("We couldn't load your tier right now.");
    await expect(el).to.be.accessible();
    part(el, 'retry-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => bar(el), 4000, 'progress after retry');
    expect(partText(el, 'tier-name')).to.equal('Silver');
  });

  it('keeps showing its data, marked "Updating…", while a refresh is under way', async () => {
    const el = await mount('ava');
    await until(() => bar(el), 4000, 'first load');
    await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 600 });
    document.dispatchEvent(new Event('omneo-refresh'));
    await until(() => part(el, 'heading')?.textContent?.includes('Updating…'), 1000, 'stale marker');
    expect(partText(el, 'tier-name')).to.equal('Silver');
    await expect(el).to.be.accessible(tierNameIsNoHeading);
    await until(() => !part(el, 'heading')!.textContent!.includes('Updating…'), 4000, 'fresh data');
    expect(partText(el, 'to-next')).to.equal('400 tier points to Gold');
  });

  it('renders hostile tier names (Mallory) as inert text', async () => {
    const el = await mount('mallory');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'tier-name')).to.equal('<img src=x onerror=alert(1)>');
    expect(partText(el, 'to-next')).to.equal('800 tier points to <script>alert(1)</script>');
    expect(el.shadowRoot!.querySelectorAll('img, script, iframe, a').length).to.equal(0);
  });

  it('lists the full ladder from tiers-endpoint, sorted, with the shopper’s tier marked', async () => {
    const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE });
    await until(() => part(el, 'ladder'), 4000, 'ladder');
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="ladder-tier"]')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal([
      'Member Where every member starts',
      'Silver Your tier From 500 tier points Free express shipping',
      'Gold From 1,500 tier points Double points weekends',
      'Platinum From 3,000 tier points A personal stylist',
    ]);
    expect(part(el, 'ladder-tier-current')!.getAttribute('aria-current')).to.equal('true');
    // Public data: fetched without the shopper's token.
    expect(bar(el)!.getAttribute('aria-valuenow')).to.equal('73');
    // The ladder is a section of the card: its heading one level below the card's.
    const levels = () => [...el.shadowRoot!.querySelectorAll('[role="heading"]')].map((heading) => `${heading.getAttribute('aria-level')} ${heading.textContent!.trim()}`);
    expect(levels()).to.deep.equal(['2 Your tier', '3 All tiers']);
    await expect(el).to.be.accessible(tierNameIsNoHeading);
    el.setAttribute('heading-level', '4');
    await until(() => levels()[0] === '4 Your tier', 2000, 'level 4');
    expect(levels()).to.deep.equal(['4 Your tier', '5 All tiers']);
  });

  it('prints the bar and the marked tier as the screen shows them (printing drops backgrounds: the bar would be blank)', async () => {
    const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE });
    await until(() => part(el, 'ladder-tier-current'), 4000, 'ladder');
    const printed = (node: Element) => getComputedStyle(node).printColorAdjust;
    expect([printed(bar(el)!), printed(part(el, 'progress-fill')!), printed(part(el, 'ladder-tier-current')!)]).to.deep.equal(['exact', 'exact', 'exact']);
    expect(printed(part(el, 'card')!), "the card's own background follows the page's print settings").to.equal('economy');
  });

  it('stops its animations under prefers-reduced-motion (Theming): the skeleton no longer pulses, the bar fills without a transition', async function () {
    // Media emulation is a CDP command: Firefox, driven over WebDriver BiDi (web-test-runner.firefox.config.mjs), and
    // WebKit over WebDriver classic have none.
    if (!(await emulateMedia({ reducedMotion: 'no-preference' }).then(() => true, refusedOutsideChromium))) this.skip();
    const motion = async (reduce: boolean) => {
      await emulateMedia({ reducedMotion: reduce ? 'reduce' : 'no-preference' });
      // A page of its own each time: the second would otherwise paint the first one's data, with no skeleton.
      resetPage();
      scope = await newScope();
      await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 400, times: 1 });
      const el = await mount('ava');
      const skeleton = await until(() => el.shadowRoot!.querySelector('.bar.skeleton'), 2000, 'skeleton');
      const pulse = getComputedStyle(skeleton).animationName;
      await until(() => bar(el), 4000, 'bar');
      return { pulse, fill: getComputedStyle(part(el, 'progress-fill')!).transitionDuration };
    };
    try {
      expect(await motion(false)).to.deep.equal({ pulse: 'omneo-pulse', fill: '0.6s' });
      expect(await motion(true)).to.deep.equal({ pulse: 'none', fill: '0s' });
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  describe('ladder rows', () => {
    async function mountAt(width: number, locale: string) {
      // Sized on the element itself (a plain wrapper would wait for an animation frame that a background tab
      // never gets), in the demo storefront's sans-serif, wider than the test page's default serif.
      const style = `inline-size: ${width}px; font: 16px ui-sans-serif, system-ui, sans-serif`;
      const el = await mount('ava', { locale, tiersEndpoint: LADDER_FIXTURE, style });
      await until(() => part(el, 'ladder'), 4000, 'ladder');
      return el;
    }
    /** Per row: whether the threshold shares the name's line. */
    const thresholdInline = (el: Element) =>
      parts(el, 'ladder-tier').map((row) => {
        const name = row.querySelector('.name')!.getBoundingClientRect();
        const threshold = row.querySelector('.threshold')!.getBoundingClientRect();
        return threshold.top < name.bottom - 1;
      });

    for (const [width, locale, inline] of [[340, 'fr-FR', false], [340, 'en-AU', false], [340, 'ar', false], [600, 'fr-FR', true], [600, 'en-AU', true]] as const) {
      it(`lays every row out alike (${locale}, ${width}px: threshold ${inline ? 'beside' : 'below'} the name)`, async () => {
        const el = await mountAt(width, locale);
        expect(thresholdInline(el)).to.deep.equal([inline, inline, inline, inline]);
        await expect(el).to.be.accessible(tierNameIsNoHeading);
      });
    }

    it('gives a tier without perk copy no empty line (Member)', async () => {
      const el = await mountAt(600, 'en-AU');
      const [member, silver] = parts(el, 'ladder-tier');
      expect(member!.querySelector('.perk') === null).to.equal(true);
      const padding = parseFloat(getComputedStyle(member!).paddingBlockStart) + parseFloat(getComputedStyle(member!).paddingBlockEnd);
      expect(member!.getBoundingClientRect().height - padding).to.be.lessThan(parseFloat(getComputedStyle(member!).lineHeight) + 1);
      expect(silver!.getBoundingClientRect().height).to.be.greaterThan(member!.getBoundingClientRect().height);
    });
  });

  for (const locale of ['en-AU', 'fr-FR', 'ar']) {
    it(`skeleton (${locale}, 280 px, a phone's card, with the ladder): the loaded card's height, lines wrapping where the reference member's do`, async () => {
      await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 1500 });
      // The demo's type on a phone: the hub's cards are 280 px wide at a 320 px viewport.
      const el = await mount('ava', { locale, tiersEndpoint: LADDER_FIXTURE, style: 'width: 280px; font: 16px/1.5 sans-serif' });
      await until(() => el.shadowRoot!.querySelector('[aria-busy="true"] .ladder') && !el.localisationPending, 4000, 'skeleton in its language');
      await el.updateComplete;
      const skeleton = el.getBoundingClientRect().height;
      // Text placeholders wrap as the text they stand for: the maintain sentence takes more than one line here.
      const maintain = el.shadowRoot!.querySelector<HTMLElement>('.maintain')!;
      expect(maintain.getBoundingClientRect().height).to.be.greaterThan(parseFloat(getComputedStyle(maintain).lineHeight) * 1.5);
      await until(() => part(el, 'ladder') && bar(el), 6000, 'progress and ladder');
      await el.updateComplete;
      const loaded = el.getBoundingClientRect().height;
      expect(Math.abs(loaded - skeleton), `${skeleton} → ${loaded}`).to.be.lessThan(1);
    });
  }

  it('reserves the reference ladder while loading: the card does not change height when it arrives', async () => {
    await scope.addFaults({ path: '/profiles/me/tiers', latencyMs: 400 });
    const el = await mount('ava', { tiersEndpoint: LADDER_FIXTURE });
    expect(el.shadowRoot!.querySelector('[aria-busy="true"] .ladder') !== null).to.equal(true);
    const loadingHeight = el.getBoundingClientRect().height;
    await until(() => part(el, 'ladder') && bar(el), 4000, 'progress and ladder');
    expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.lessThan(1);
  });

  it('words a 0-threshold tier Omneo does not flag as the floor as the floor, not "From 0 tier points", in every language', async () => {
    // A program whose entry tier Omneo never flagged is_floor: reached with 0 points, it is where every member starts.
    const tier = (id: number, name: string, handle: string, valueMin: number) => ({ id, name, handle, is_floor: false, value_min: valueMin, value_maintain: 0 });
    await scope.addFaults({ path: '/tiers/definitions', status: 200, body: { data: [tier(1, 'Member', 'member', 0), tier(2, 'Silver', 'silver', 500)] }, times: 10 });
    for (const [locale, floor, from] of [
      ['en-AU', 'Where every member starts', 'From 500 tier points'],
      ['fr-FR', 'Le statut de départ de chaque membre', 'À partir de 500 points de statut'],
      ['ar', 'المستوى الذي يبدأ منه كل عضو', null],
    ] as const) {
      resetPage();
      forgetTierLadders();
      const el = await mount('ava', { locale, tiersEndpoint: `/__scopes/${scope.scope}/as/guest/omneo/tiers` });
      await until(() => part(el, 'ladder') && !el.localisationPending, 6000, `${locale} ladder`);
      const thresholds = parts(el, 'ladder-tier').map((row) => row.querySelector('.threshold')!.textContent!.replace(/\s+/g, ' ').trim());
      expect(thresholds[0], locale).to.equal(floor);
      if (from) expect(thresholds[1], locale).to.equal(from);
      else expect(thresholds[1], locale).to.not.equal(floor);
    }
  });

  it("reads the ladder through the proxy's tier route (the dev app's per-scope /omneo/tiers)", async () => {
    const el = await mount('liam', { tiersEndpoint: `/__scopes/${scope.scope}/as/guest/omneo/tiers` });
    await until(() => part(el, 'ladder'), 4000, 'ladder');
    expect(parts(el, 'ladder-tier').map((row) => row.querySelector('.name')!.textContent!.replace('Your tier', '').trim())).to.deep.equal(['Member', 'Silver', 'Gold', 'Platinum']);
    expect(part(el, 'ladder-tier-current')!.querySelector('.name')!.textContent).to.contain('Gold');
    expect(partText(el, 'to-next')).to.equal('150 tier points to Platinum');
  });

  it('keeps the progress when the ladder fails, with a Retry for the ladder alone', async () => {
    const el = await mount('ava', { tiersEndpoint: '/test/fixtures/no-such-ladder.json' });
    await until(() => part(el, 'ladder-error'), 4000, 'ladder error');
    expect(partText(el, 'tier-name')).to.equal('Silver');
    expect(partText(el, 'ladder-error')).to.contain("We couldn't load the list of tiers.");
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('follows a changed tiers-endpoint and stops watching the ladder it left', async () => {
    const el = await mount('ava', { tiersEndpoint: '/test/fixtures/no-such-ladder.json' });
    await until(() => part(el, 'ladder-error'), 4000, 'ladder error');
    el.tiersEndpoint = LADDER_FIXTURE;
    await until(() => part(el, 'ladder'), 4000, 'ladder from the new endpoint');
    expect(part(el, 'ladder-error')).to.equal(null);
    el.tiersEndpoint = '';
    await until(() => !part(el, 'ladder'), 4000, 'ladder gone with its attribute');

    // A refresh reloads what elements watch: the progress, and neither ladder URL any more.
    const ladderFetches: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('ladder') || url.includes('tiers.json')) ladderFetches.push(url);
      return realFetch(input, init);
    };
    const errors: Event[] = [];
    el.addEventListener('omneo-error', (event) => errors.push(event));
    try {
      const before = await scope.count('/profiles/me/tiers');
      document.dispatchEvent(new Event('omneo-refresh'));
      await until(async () => (await scope.count('/profiles/me/tiers')) > before, 4000, 'progress refreshed');
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      window.fetch = realFetch;
    }
    expect(ladderFetches).to.deep.equal([]);
    expect(errors).to.have.length(0);
    expect(partText(el, 'tier-name')).to.equal('Silver');
  });

  it('a failed refresh keeps the cached tier, says it may be out of date, and Retry refreshes it', async () => {
    const first = await mount('ava', { customer: '7321987654321' });
    await until(() => bar(first), 4000, 'progress bar');
    first.remove();
    resetRuntimes({ keepCrossPageCache: true }); // the next page of the visit
    await scope.addFaults({ path: '/profiles/me/tiers', status: 500, times: 3 });
    const next = await mount('ava', { customer: '7321987654321' });
    await until(() => part(next, 'stale')?.textContent === 'May be out of date', 6000, 'out-of-date note');
    expect(partText(next, 'tier-name')).to.equal('Silver');
    expect(next.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    await expect(next).to.be.accessible(tierNameIsNoHeading);
    const retry = part(next, 'heading')!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    retry.focus();
    retry.click();
    await until(() => part(next, 'stale') === null, 4000, 'fresh data');
    expect(next.shadowRoot!.activeElement).to.equal(part(next, 'heading'));
  });

  it('applies merchant copy overrides from the messages config', async () => {
    configure({ messages: { en: { 'tier.heading': 'Your status', 'tier.toNext.other': '{formatted} more for {tier}' } } });
    const el = await mount('ava');
    await until(() => bar(el), 4000, 'progress bar');
    expect(partText(el, 'heading')).to.equal('Your status');
    expect(partText(el, 'to-next')).to.equal('400 more for Gold');
  });

  it('speaks French with French number and date formats', async () => {
    const el = await mount('ava', { locale: 'fr-FR' });
    await until(() => bar(el), 4000, 'progress bar');
    expect(el.getAttribute('dir')).to.equal('ltr');
    expect(partText(el, 'to-next')).to.equal('400 points de statut avant Gold');
    expect(partText(el, 'figures')).to.match(/^1\s1\d\d sur 1\s500 points de statut$/);
    expect(partText(el, 'maintain')).to.contain(seededDate('2026-03-14T00:00:00Z', 'fr-FR'));
  });

  it('keeps tier names and perks in their own direction on an Arabic page', async () => {
    await scope.addFaults({
      path: '/profiles/me/tiers',
      status: 200,
      body: progressBody({
        current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: 400 },
        next_tier: { id: 3, name: '100 Club', handle: 'club', value_min: 1500 },
        current_progress: 300, current_credit: 50, current_remain: 50, next_progress: 1100, next_remain: 400, anniversary_at: '2026-03-14 00:00:00',
      }),
      times: 5,
    });
    const el = await mount('ava', { locale: 'ar', tiersEndpoint: LADDER_FIXTURE });
    await until(() => part(el, 'ladder'), 4000, 'ladder');
    const root = el.shadowRoot!;
    expect(part(el, 'tier-name')!.getAttribute('dir')).to.equal('auto');
    expect([...part(el, 'ends')!.children].map((end) => end.getAttribute('dir'))).to.deep.equal(['auto', 'auto']);
    expect(part(el, 'to-next')!.querySelector('bdi')!.textContent).to.equal('100 Club');
    expect(part(el, 'maintain')!.querySelector('bdi')!.textContent).to.equal('Silver');
    expect(parts(el, 'ladder-tier').map((row) => row.querySelector('.name bdi')!.textContent)).to.deep.equal(['Member', 'Silver', 'Gold', 'Platinum']);
    for (const perk of root.querySelectorAll('.perk')) expect(perk.getAttribute('dir')).to.equal('auto');
    // "100 Club" reads in its own order inside the Arabic sentence, not "Club 100".
    const walker = document.createTreeWalker(part(el, 'to-next')!, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && !node.nodeValue!.includes('100 Club')) node = walker.nextNode();
    const rectOf = (from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node!, from);
      range.setEnd(node!, to);
      return range.getBoundingClientRect();
    };
    expect(rectOf(0, 3).left).to.be.lessThan(rectOf(4, 8).left);
    // The layout stays right to left: the (English) tier name is drawn at the right, where the line starts.
    const nameText = document.createRange();
    nameText.selectNodeContents(part(el, 'tier-name')!);
    expect(nameText.getBoundingClientRect().right).to.be.closeTo(part(el, 'tier-name')!.getBoundingClientRect().right, 1);
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });

  it('is right-to-left in Arabic: dir=rtl and the bar fills from the right', async () => {
    const ltr = await mount('ava');
    await until(() => bar(ltr), 4000, 'ltr bar');
    const ltrTrack = bar(ltr)!.getBoundingClientRect();
    const ltrFill = part(ltr, 'progress-fill')!.getBoundingClientRect();
    expect(Math.abs(ltrFill.left - ltrTrack.left)).to.be.lessThan(1);

    const el = await mount('ava', { locale: 'ar' });
    await until(() => bar(el), 4000, 'rtl bar');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(el, 'card')!).direction).to.equal('rtl');
    const track = bar(el)!.getBoundingClientRect();
    const fill = part(el, 'progress-fill')!.getBoundingClientRect();
    expect(Math.abs(fill.right - track.right)).to.be.lessThan(1);
    expect(fill.left - track.left).to.be.greaterThan(track.width * 0.2);
    // The tier names at the ends swap sides too: the current tier is on the right.
    const [start, end] = [...part(el, 'ends')!.children].map((child) => child.getBoundingClientRect());
    expect(start!.left).to.be.greaterThan(end!.left);
    expect(partText(el, 'heading')).to.equal('مستواك');
    await expect(el).to.be.accessible(tierNameIsNoHeading);
  });
});
