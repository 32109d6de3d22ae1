/**
 * WCAG 1.4.12 Text spacing: with the text-spacing bookmarklet's styles (line height 1.5, paragraph spacing 2em, letter
 * spacing 0.12em, word spacing 0.16em) on the page and inside every shadow root, as a user stylesheet extension
 * applies them (the page's alone do not reach past the shadow boundary where the elements set their own), nothing is
 * lost: no text clipped by a fixed height, overflow or ellipsis, none outside its element, none drawn over other text,
 * in every state, in English, French and Arabic, at 320 px and on a desktop. (The reflow and 200% text tests are the
 * elements' own.)
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/rewards/define.js';
import '../../src/components/points-balance/define.js';
import '../../src/components/wishlist-button/define.js';
import { refresh } from '../../src/core/runtime.js';
import { expectContained } from '../helpers/layout.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { foreground, framesInFront, resetPage, until } from '../helpers/page.js';

const SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

/** The spacing, on the page and in every shadow root under `el` (again whenever one appears). */
function applySpacing(el: Element): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(SPACING);
  if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const visit = (root: ParentNode) => {
    for (const node of root.querySelectorAll('*')) {
      const shadow = node.shadowRoot;
      if (shadow && !shadow.adoptedStyleSheets.includes(sheet)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      if (shadow) visit(shadow);
    }
  };
  visit(el.parentNode!);
}

function* shadowElements(root: ParentNode): Generator<HTMLElement> {
  for (const node of root.querySelectorAll<HTMLElement>('*')) {
    yield node;
    if (node.shadowRoot) yield* shadowElements(node.shadowRoot);
  }
}

/** Whatever is cut off: boxes that hide what they hold (overflow not visible, scrolled content larger than the box). */
function clipped(el: Element): string[] {
  const found: string[] = [];
  for (const node of shadowElements(el.shadowRoot!)) {
    if (node.closest('.visually-hidden, .skeleton, [aria-hidden="true"]:not(.label)')) continue;
    const style = getComputedStyle(node);
    if (style.display === 'none') continue;
    const hidesX = style.overflowX !== 'visible';
    const hidesY = style.overflowY !== 'visible';
    const name = `<${node.localName} part="${node.getAttribute('part') ?? ''}" class="${node.getAttribute('class') ?? ''}"> "${(node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
    if (hidesX && node.scrollWidth > node.clientWidth + 1) found.push(`${name}: ${node.scrollWidth} wide in ${node.clientWidth}`);
    if (hidesY && node.scrollHeight > node.clientHeight + 1) found.push(`${name}: ${node.scrollHeight} tall in ${node.clientHeight}`);
  }
  return found;
}


/** Runs of text that are drawn over each other (each text node's line boxes, by a Range), anywhere under `el`. */
function overlapping(el: Element): string[] {
  const boxes: { rect: DOMRect; text: string }[] = [];
  const visit = (root: ShadowRoot) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent!.trim() || node.parentElement?.closest('.visually-hidden, .skeleton') || !node.parentElement!.checkVisibility({ visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) boxes.push({ rect, text: node.textContent!.trim().slice(0, 30) });
    }
    for (const child of root.querySelectorAll('*')) if (child.shadowRoot) visit(child.shadowRoot);
  };
  visit(el.shadowRoot!);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!.rect;
      const b = boxes[j]!.rect;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 4) found.push(`"${boxes[i]!.text}" over "${boxes[j]!.text}" (${Math.round(w)}×${Math.round(h)})`);
    }
  }
  return found;
}

describe('text spacing (WCAG 1.4.12)', () => {
  let scope: TestScope;
  before(foreground);
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });
  afterEach(() => {
    document.adoptedStyleSheets = [];
  });
  // Frames come only to the tab in front: two test files run in two tabs, and the other may have taken the front
  // since this file's before().
  const frames = framesInFront;
  const font = '16px ui-sans-serif, system-ui, sans-serif';
  const settledBadge = (header: Element) => header.querySelector('omneo-points-balance')!.shadowRoot!.querySelector('[part~="badge"]:not([aria-busy])');

  const hubCases = [320, 1280].flatMap((width) =>
    ['en-AU', 'fr-FR', 'ar'].flatMap((locale) =>
      (width === 320 ? ['loaded', 'empty', 'error', 'guest', 'outdated'] : ['loaded', 'outdated']).map((state) => ({ width, locale, state })),
    ),
  );
  for (const { width, locale, state } of hubCases) {
    it(`the hub, ${state}, ${locale}, ${width} px`, async () => {
      if (state === 'error') await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
      const persona = state === 'empty' ? 'zoe' : state === 'guest' ? 'guest' : 'ava';
      const hub = await fixture(html`<omneo-rewards
        style=${`display: block; inline-size: ${width}px; font: ${font}`}
        token-endpoint=${scope.tokenEndpoint(persona)}
        api-base=${scope.apiBase}
        tiers-endpoint=${`/__scopes/${scope.scope}/as/guest/omneo/tiers`}
        locale=${locale}
      ></omneo-rewards>`);
      const settled = () => hub.shadowRoot!.childElementCount > 0 && ![...shadowElements(hub.shadowRoot!)].some((node) => node.getAttribute('aria-busy') === 'true');
      await until(settled, 8000, 'the hub settled');
      if (state === 'outdated') {
        // Data on screen, and a refresh that failed: each card's "May be out of date" and its Retry.
        await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
        await refresh();
        await until(() => [...shadowElements(hub.shadowRoot!)].filter((node) => node.matches('.stale-note [part~="retry-button"]')).length === 4, 8000, 'four out-of-date notes');
      }
      applySpacing(hub);
      await frames();
      expect(clipped(hub), 'clipped').to.deep.equal([]);
      for (const card of shadowElements(hub.shadowRoot!)) {
        if (!card.localName.startsWith('omneo-')) continue;
        expectContained(card, card, card.localName);
        // Rows off screen skip layout (content-visibility: auto) until they come near: each is brought into view.
        for (const row of card.shadowRoot!.querySelectorAll('li')) {
          row.scrollIntoView();
          await frames();
        }
        expect(overlapping(card), card.localName).to.deep.equal([]);
      }
    });
  }

  for (const locale of ['en-AU', 'fr-FR', 'ar']) {
    it(`after actions: the wallet's confirm step and copy message, the hearts' bubbles (${locale}, 320 px)`, async () => {
      await scope.addFaults({ method: 'POST', path: '/items', status: 500, times: null });
      const page = fixtureSync(html`<div style=${`inline-size: 320px; font: ${font}`}>
        <omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale=${locale}></omneo-rewards>
        <p>
          <omneo-wishlist-button sku="LS-SAND-M" product-name="Linen Relaxed Shirt" customer="" token-endpoint=${scope.tokenEndpoint('guest')} api-base=${scope.apiBase} locale=${locale}></omneo-wishlist-button>
          <omneo-wishlist-button sku="KN-OAT-S" product-name="Merino Crew Knit" token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale=${locale}></omneo-wishlist-button>
        </p>
      </div>`);
      const hub = page.querySelector('omneo-rewards')!;
      const hearts = [...page.querySelectorAll('omneo-wishlist-button')];
      const find = (selector: string) => [...shadowElements(page)].find((node) => node.matches(selector));
      await until(() => find('[part~="redeem-button"]') && find('[part~="copy-button"]') && hearts.every((heart) => heart.shadowRoot!.querySelector('.heart:not([disabled])')), 8000, 'loaded');
      find('[part~="redeem-button"]')!.click();
      find('[part~="copy-button"]')!.click(); // refused in a headless browser: the message that says how to copy
      for (const heart of hearts) heart.shadowRoot!.querySelector<HTMLElement>('.heart')!.click(); // the guest's prompt; a save that fails
      await until(() => find('[part~="confirm"]') && find('[part~="feedback"]') && hearts.every((heart) => heart.shadowRoot!.querySelector('.bubble')), 6000, 'the confirm step, the copy message and both bubbles');
      applySpacing(hub);
      await frames();
      expect([hub, ...hearts].flatMap(clipped), 'clipped').to.deep.equal([]);
      for (const card of shadowElements(hub.shadowRoot!)) if (card.localName.startsWith('omneo-')) expectContained(card, card, card.localName);
      // Rows off screen skip layout (content-visibility: auto) until they come near: each is brought into view, as in
      // the hub's tests above. Chromium lays a skipped row out to measure it; WebKit gives the boxes it had when last
      // laid out, before the spacing (the wishlist's price over its title, Add to bag over the colour).
      for (const row of [...shadowElements(hub.shadowRoot!)].filter((node) => node.localName === 'li')) {
        row.scrollIntoView();
        await frames();
      }
      expect(overlapping(hub), 'the hub').to.deep.equal([]);
      for (const heart of hearts) expectContained(heart, heart.shadowRoot!.querySelector('.bubble')!, 'the bubble');
    });
  }

  // In a header with room for it (a narrow one ellipsizes the badge's words by design: README, points balance).
  for (const locale of ['en-AU', 'fr-FR', 'ar']) {
    for (const state of ['loaded', 'error', 'guest']) {
      it(`the header badge and a heart, ${state}, ${locale}, desktop`, async () => {
        if (state === 'error') await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
        const endpoint = scope.tokenEndpoint(state === 'guest' ? 'guest' : 'ava');
        const header = fixtureSync(html`<header style=${`display: flex; align-items: center; gap: 8px; inline-size: 1280px; font: ${font}`}>
          <span style="flex: 1">Shop</span>
          <omneo-points-balance variant="compact" token-endpoint=${endpoint} api-base=${scope.apiBase} locale=${locale}></omneo-points-balance>
          <omneo-wishlist-button sku="LS-SAND-M" product-name="Linen Relaxed Shirt" token-endpoint=${endpoint} api-base=${scope.apiBase} locale=${locale}></omneo-wishlist-button>
        </header>`);
        await until(() => ![...shadowElements(header)].some((node) => node.getAttribute('aria-busy') === 'true') && settledBadge(header), 8000, 'settled');
        applySpacing(header.querySelector('omneo-points-balance')!);
        await frames();
        const elements = [...header.querySelectorAll('omneo-points-balance, omneo-wishlist-button')];
        expect(elements.flatMap(clipped), 'clipped').to.deep.equal([]);
        for (const el of elements) expectContained(el, el, el.localName);
      });
    }
  }
});
