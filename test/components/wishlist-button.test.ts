import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/components/wishlist-button/define.js';
import { OmneoWishlistButton } from '../../src/components/wishlist-button/wishlist-button.js';
import { endpointTokenSource } from '../../src/api/token-provider.js';
import { listsResource } from '../../src/api/resources.js';
import type { OmneoStore } from '../../src/api/store.js';
import { configure } from '../../src/core/config.js';
import { isCatalogueLoaded } from '../../src/core/i18n.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { fontSize, resetPage, until, untilRendered } from '../helpers/page.js';
import { textContrast } from '../helpers/contrast.js';

const heart = (el: Element) => el.shadowRoot!.querySelector('[part~="button"]') as HTMLButtonElement;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const messageText = (el: Element) => (part(el, 'message')?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The product name as the heart's names carry it: bidi-isolated, so it keeps its own direction on any page. */
const iso = (name: string) => `\u2068${name}\u2069`;
const rect = (element: Element) => element.getBoundingClientRect().toJSON() as DOMRectInit;
const opaque = (color: string) => !/rgba\(.*,\s*0(\.\d+)?\)$|transparent/.test(color);
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};
/** A colour as painted over white, as rgb(): a canvas resolves color-mix(), color() and alpha alike. */
function painted(color: string): string {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = 'white';
  context.fillRect(0, 0, 1, 1);
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return `rgb(${r}, ${g}, ${b})`;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * A mouse click as the browser delivers one: the press focuses the button, and `detail` counts the clicks of a
 * double-click (a keyboard activation's click has 0). Dispatched on the button rather than sent with sendMouse at
 * a point: a test page running in a background tab (two files run at once) gets no rendering updates, so real
 * input and hit testing there are unreliable.
 */
function mouseClick(button: HTMLElement, detail = 1): void {
  button.focus();
  button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail, view: window }));
}
const loaded = (el: Element) => {
  const button = heart(el);
  return button && !button.disabled && button.hasAttribute('aria-pressed') ? button : null;
};

describe('<omneo-wishlist-button>', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  async function mount(persona: string, sku: string, extra: { productName?: string; locale?: string; tokenEndpoint?: string; customer?: string } = {}) {
    return fixture<OmneoWishlistButton>(html`<omneo-wishlist-button
      token-endpoint=${extra.tokenEndpoint ?? scope.tokenEndpoint(persona)}
      api-base=${scope.apiBase}
      locale=${extra.locale ?? 'en-AU'}
      sku=${sku}
      product-name=${extra.productName ?? ''}
      customer=${ifDefined(extra.customer)}
    ></omneo-wishlist-button>`);
  }

  // First in the file: it needs the French copy not yet loaded on this page (the guest prompt cases below load it).
  it('takes a locale set after it loaded: the French name and its saved state, not a disabled skeleton for good', async () => {
    expect(isCatalogueLoaded('fr-FR'), 'French already loaded: this case must run before any other loads it').to.equal(false);
    const el = await mount('ava', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
    await until(() => loaded(el), 4000, 'loaded button');
    // As a framework sets it (React 19's `locale` prop, Vue's binding): the property, after mount.
    el.locale = 'fr-FR';
    await until(() => loaded(el) && /^Enregistrer/.test(heart(el).getAttribute('aria-label') ?? ''), 4000, 'the French heart, loaded');
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(heart(el).getAttribute('aria-label')).to.equal(`Enregistrer ${iso('Linen Relaxed Shirt')} dans la liste d’envies`);
  });

  it('renders at its final size, disabled, while the wishlist loads', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', latencyMs: 400 });
    const el = await mount('ava', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
    const loading = heart(el);
    expect(loading.disabled).to.equal(true);
    expect(loading.getAttribute('aria-label')).to.equal(`Save ${iso('Linen Relaxed Shirt')} to wishlist`);
    const before = el.getBoundingClientRect();
    await expect(el).to.be.accessible();
    await until(() => loaded(el), 4000, 'loaded button');
    const after = el.getBoundingClientRect();
    expect(Math.abs(after.width - before.width)).to.be.lessThan(1);
    expect(Math.abs(after.height - before.height)).to.be.lessThan(1);
  });

  it('shows the saved state with aria-pressed and a name that says what pressing does', async () => {
    const saved = await mount('ava', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
    await until(() => loaded(saved), 4000, 'saved button');
    expect(heart(saved).getAttribute('aria-pressed')).to.equal('true');
    expect(heart(saved).getAttribute('aria-label')).to.equal(`Save ${iso('Linen Relaxed Shirt')} to wishlist`);
    await expect(saved).to.be.accessible();

    const unsaved = await mount('ava', 'LS-SAND-L');
    await until(() => loaded(unsaved), 4000, 'unsaved button');
    expect(heart(unsaved).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(unsaved).getAttribute('aria-label')).to.equal(`Save ${iso('LS-SAND-L')} to wishlist`);
    // Both buttons share one lists request.
    expect(await scope.count('/profiles/me/lists')).to.equal(1);
  });

  it("theming: the table's CSS properties style the heart and its message, with their documented defaults (2.5em and at least 24px, round, the accent when saved, Canvas and CanvasText)", async () => {
    const saved = await mount('ava', 'LS-SAND-M');
    await until(() => loaded(saved), 4000, 'saved button');
    const button = heart(saved);
    const icon = part(saved, 'icon')!;
    const size = fontSize(button);
    expect(button.getBoundingClientRect().width).to.be.closeTo(Math.max(24, 2.5 * size), 0.01);
    expect(button.getBoundingClientRect().height).to.be.closeTo(Math.max(24, 2.5 * size), 0.01);
    expect(parseFloat(getComputedStyle(button).borderTopLeftRadius)).to.be.at.least(button.getBoundingClientRect().height / 2);
    saved.style.setProperty('--omneo-color-accent', 'rgb(7, 8, 9)');
    // The fill changes with a transition (0.15 s), which runs only on this tab's frames: with two test files in two
    // tabs, the one behind gets none, so each look brings this one to the front (untilRendered).
    await untilRendered(() => getComputedStyle(icon).fill === 'rgb(7, 8, 9)', 4000, 'a saved heart in the accent');
    saved.style.setProperty('--omneo-wishlist-button-size', '44px');
    saved.style.setProperty('--omneo-wishlist-button-radius', '3px');
    saved.style.setProperty('--omneo-wishlist-button-background', 'rgb(1, 2, 3)');
    saved.style.setProperty('--omneo-wishlist-button-color', 'rgb(4, 5, 6)');
    saved.style.setProperty('--omneo-wishlist-button-active-color', 'rgb(10, 11, 12)');
    expect(button.getBoundingClientRect().width).to.equal(44);
    expect(button.getBoundingClientRect().height).to.equal(44);
    expect(getComputedStyle(button).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(button).color).to.equal('rgb(4, 5, 6)');
    await untilRendered(() => getComputedStyle(icon).fill === 'rgb(10, 11, 12)', 4000, 'a saved heart in --omneo-wishlist-button-active-color');

    const guest = await mount('guest', 'LS-SAND-M');
    await until(() => heart(guest) && !heart(guest).disabled, 4000, 'guest button');
    heart(guest).click();
    const bubble = await until(() => part(guest, 'guest'), 2000, 'sign-in prompt');
    expect(getComputedStyle(bubble).backgroundColor, 'Canvas on a light page').to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(bubble).color, 'CanvasText on a light page').to.equal('rgb(0, 0, 0)');
    guest.style.setProperty('--omneo-wishlist-button-message-background', 'rgb(13, 14, 15)');
    guest.style.setProperty('--omneo-wishlist-button-message-color', 'rgb(240, 241, 242)');
    guest.style.setProperty('--omneo-wishlist-button-message-font-size', '19px');
    expect(getComputedStyle(bubble).backgroundColor).to.equal('rgb(13, 14, 15)');
    expect(getComputedStyle(bubble).color).to.equal('rgb(240, 241, 242)');
    expect(getComputedStyle(bubble).fontSize).to.equal('19px');
  });

  it('adds with Enter (optimistic, busy, single-flight), announces it and emits omneo-wishlist-change', async () => {
    const el = await mount('ava', 'LS-SAND-L', { productName: 'Linen Relaxed Shirt' });
    await until(() => loaded(el), 4000, 'loaded button');
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 300 });
    const changed = oneEvent(el, 'omneo-wishlist-change');
    heart(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(heart(el).getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    // A second press while in flight is ignored: one POST only.
    await sendKeys({ press: 'Enter' });
    const event = await changed;
    expect(event.detail).to.deep.equal({ sku: 'LS-SAND-L', inWishlist: true });
    await el.updateComplete;
    expect(heart(el).hasAttribute('aria-busy')).to.equal(false);
    expect(heart(el).getAttribute('aria-label')).to.equal(`Save ${iso('Linen Relaxed Shirt')} to wishlist`);
    expect(messageText(el)).to.equal('Added to your wishlist');
    expect(part(el, 'message')!.getAttribute('role')).to.equal('status');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('emits omneo-wishlist-change with the sku as saved (trimmed), whatever spaces the attribute carries', async () => {
    const el = await mount('ava', ' LS-SAND-L ');
    await until(() => loaded(el), 4000, 'loaded button');
    const changed = oneEvent(el, 'omneo-wishlist-change');
    heart(el).click();
    expect((await changed).detail).to.deep.equal({ sku: 'LS-SAND-L', inWishlist: true });
  });

  it('a sku and name a framework sets as numbers (`:sku="product.sku"` from JSON): read as their digits, saved as text', async () => {
    const el = await fixture<OmneoWishlistButton>(html`<omneo-wishlist-button
      token-endpoint=${scope.tokenEndpoint('ava')} api-base=${scope.apiBase} locale="en-AU"
      .sku=${40112 as never} .productName=${1984 as never}
    ></omneo-wishlist-button>`);
    await until(() => loaded(el), 4000, 'loaded button');
    expect(heart(el).getAttribute('aria-label')).to.equal(`Save ${iso('1984')} to wishlist`);
    const changed = oneEvent(el, 'omneo-wishlist-change');
    heart(el).click();
    expect((await changed).detail).to.deep.equal({ sku: '40112', inWishlist: true });
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('Enter held down (key repeat) sends one request and leaves the product saved, as the one press asked', async () => {
    const el = await mount('ava', 'LS-SAND-L', { productName: 'Linen Relaxed Shirt' });
    await until(() => loaded(el), 4000, 'loaded button');
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 100 });
    let emitted = 0;
    el.addEventListener('omneo-wishlist-change', () => (emitted += 1));
    heart(el).focus();
    await sendKeys({ down: 'Enter' });
    // The held key's repeats: while the add is on its way, and after Omneo has answered it.
    for (let repeat = 0; repeat < 12; repeat += 1) {
      await sendKeys({ down: 'Enter' });
      await sleep(40);
    }
    await sendKeys({ up: 'Enter' });
    await until(() => !heart(el).hasAttribute('aria-busy'), 4000, 'settled');
    await sleep(300);
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    expect((await scope.requests()).filter((request) => request.method === 'DELETE')).to.deep.equal([]);
    expect(emitted).to.equal(1);
    expect(el.shadowRoot!.activeElement === heart(el)).to.equal(true);
  });

  it('a double-click sends one request and leaves the product saved, even when Omneo answered between the clicks; a press after it is a press', async () => {
    const el = await mount('ava', 'LS-SAND-L');
    await until(() => loaded(el), 4000, 'loaded button');
    mouseClick(heart(el), 1);
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-busy')).to.equal('true');
    // Omneo answers quickly: the heart is no longer busy when the second click of the double-click comes.
    await until(() => !heart(el).hasAttribute('aria-busy'), 4000, 'the add answered');
    mouseClick(heart(el), 2);
    await sleep(300);
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    expect((await scope.requests()).filter((request) => request.method === 'DELETE')).to.deep.equal([]);
    // A separate press, however soon, is the shopper's own: it takes the product out.
    mouseClick(heart(el), 1);
    await until(() => heart(el).getAttribute('aria-pressed') === 'false' && !heart(el).hasAttribute('aria-busy'), 4000, 'removed');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('on a product card that is all one link (as many themes draw them), a press saves and does not follow the link, busy or not', async () => {
    // fixtureSync: fixture() would wait a frame for the <a>, and a test page in a background tab gets none.
    const card = fixtureSync<HTMLAnchorElement>(html`<a href="#product-page"
      ><span>Linen Relaxed Shirt</span
      ><omneo-wishlist-button
        token-endpoint=${scope.tokenEndpoint('ava')}
        api-base=${scope.apiBase}
        sku="LS-SAND-L"
        product-name="Linen Relaxed Shirt"
      ></omneo-wishlist-button
    ></a>`);
    const el = card.querySelector('omneo-wishlist-button')!;
    const followed: string[] = [];
    const onHashChange = () => followed.push(location.hash);
    window.addEventListener('hashchange', onHashChange);
    try {
      await until(() => loaded(el), 4000, 'loaded button');
      mouseClick(heart(el));
      await el.updateComplete;
      expect(heart(el).getAttribute('aria-busy')).to.equal('true');
      // A second tap while Omneo answers is ignored by the heart; the card's link must not take it either.
      mouseClick(heart(el));
      await until(() => !heart(el).hasAttribute('aria-busy'), 4000, 'the add answered');
      expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
      await sleep(50);
      expect(followed).to.deep.equal([]);
      expect(location.hash).to.equal('');
    } finally {
      window.removeEventListener('hashchange', onHashChange);
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('removes with Space and emits inWishlist: false', async () => {
    const el = await mount('ava', 'LS-SAND-M');
    await until(() => loaded(el), 4000, 'loaded button');
    heart(el).focus();
    const changed = oneEvent(el, 'omneo-wishlist-change');
    // ' ' is the Space key (code Space) in puppeteer's key map over CDP and over WebDriver BiDi; BiDi (Firefox) knows no 'Space'.
    await sendKeys({ press: ' ' });
    expect((await changed).detail).to.deep.equal({ sku: 'LS-SAND-M', inWishlist: false });
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('false');
    expect(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE')).to.equal(1);
  });

  it('the sku changed while its change is in flight (a size picked): what is said is about the product it now shows', async () => {
    const el = await mount('ava', 'LS-SAND-L', { productName: 'Linen Relaxed Shirt' });
    await until(() => loaded(el), 4000, 'loaded button');
    await scope.addFaults({ method: 'POST', path: '/items', status: 422, latencyMs: 300 });
    heart(el).click();
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    // The shopper picks two other sizes before Omneo answers (M, saved already, then S): the heart is S's now.
    el.sku = 'LS-SAND-M';
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    el.sku = 'LS-SAND-S';
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('false');
    await until(async () => (await scope.count('/profiles/me/lists/6021/items', 'POST')) === 1, 4000, 'the add sent');
    await sleep(500); // refused and rolled back
    // Nothing under this heart says its product could not be saved: that was another size.
    expect(messageText(el)).to.equal('');
    expect(heart(el).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(el).hasAttribute('aria-busy')).to.equal(false);
  });

  it('an add Omneo refuses: the heart empties again and says "Couldn\'t save to your wishlist. Please try again." below it; no change event', async () => {
    const el = await mount('ava', 'LS-SAND-L');
    await until(() => loaded(el), 4000, 'loaded button');
    await scope.addFaults({ method: 'POST', path: '/items', status: 422, latencyMs: 150 });
    let changes = 0;
    el.addEventListener('omneo-wishlist-change', () => (changes += 1));
    heart(el).click();
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed'), 'optimistic').to.equal('true');
    await until(() => messageText(el).length > 0, 4000, 'failure message');
    expect(messageText(el)).to.equal("Couldn't save to your wishlist. Please try again.");
    expect(heart(el).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(el).hasAttribute('aria-busy')).to.equal(false);
    expect(changes).to.equal(0);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST'), 'one request, not retried').to.equal(1);
  });

  it('keeps every button for the same sku in step, and rolls back both with a visible message on failure', async () => {
    // Two separate fixtures, not one wrapper div: a plain element's fixture waits for an animation frame,
    // which never comes while this test page is in the background of a parallel run.
    const first = await mount('ava', 'KN-OAT-S');
    const second = await mount('ava', 'KN-OAT-S');
    await until(() => loaded(first) && loaded(second), 4000, 'both buttons');

    // Success: the other button follows.
    heart(first).click();
    await until(() => heart(second).getAttribute('aria-pressed') === 'true', 2000, 'second button pressed');

    await until(() => !heart(first).hasAttribute('aria-busy'), 4000, 'add settled');
    await scope.addFaults({ method: 'DELETE', path: '/items/', status: 500, latencyMs: 150 });
    let emitted = 0;
    const count = () => (emitted += 1);
    first.addEventListener('omneo-wishlist-change', count);
    second.addEventListener('omneo-wishlist-change', count);
    // README Events: a refused wishlist change is a message on the element, not an omneo-error.
    first.addEventListener('omneo-error', count);
    second.addEventListener('omneo-error', count);
    const before = { host: rect(second), heart: rect(heart(second)) };
    heart(second).click();
    await second.updateComplete;
    await first.updateComplete;
    expect(heart(first).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(first).getAttribute('aria-busy')).to.equal('true');
    await until(() => messageText(second).length > 0, 4000, 'failure message');
    expect(messageText(second)).to.equal("Couldn't remove from your wishlist. Please try again.");
    const failure = second.shadowRoot!.querySelector<HTMLElement>('.failure')!;
    // Readable over any photo: its own opaque surface with contrasting text; and the heart did not move.
    const style = getComputedStyle(failure);
    expect(opaque(style.backgroundColor), style.backgroundColor).to.equal(true);
    expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
    expect(rect(second)).to.deep.equal(before.host);
    expect(rect(heart(second))).to.deep.equal(before.heart);
    // Both are back to saved and neither is left busy; nothing was announced as changed.
    await first.updateComplete;
    for (const button of [first, second]) {
      expect(heart(button).getAttribute('aria-pressed')).to.equal('true');
      expect(heart(button).hasAttribute('aria-busy')).to.equal(false);
    }
    expect(emitted).to.equal(0);
    expect(messageText(first)).to.equal('');
    await expect(second).to.be.accessible();
  });

  it('removing an item whose add succeeded but whose refetch failed still deletes it on the server', async () => {
    const el = await mount('ava', 'KN-OAT-S');
    await until(() => loaded(el), 4000, 'loaded button');
    // The add is accepted; the refetch after it fails (GETs are retried twice, so three failures).
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists', status: 500, times: 3 });
    heart(el).click();
    await until(() => heart(el).getAttribute('aria-pressed') === 'true' && !heart(el).hasAttribute('aria-busy'), 4000, 'added');
    heart(el).click();
    await until(() => heart(el).getAttribute('aria-pressed') === 'false' && !heart(el).hasAttribute('aria-busy'), 4000, 'removed');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    const deletes = (await scope.requests()).filter((r) => r.method === 'DELETE' && r.path.startsWith('/profiles/me/lists/6021/items/'));
    expect(deletes.length).to.equal(1);
    expect(messageText(el)).to.equal('Removed from your wishlist');
  });

  it('guest: the heart stays a focusable button and asks the shopper to sign in, without any API call', async () => {
    const el = await mount('guest', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
    await until(() => heart(el) && !heart(el).disabled && heart(el).getAttribute('aria-label')?.startsWith('Sign in'), 4000, 'guest button');
    expect(heart(el).hasAttribute('aria-pressed')).to.equal(false);
    expect(heart(el).getAttribute('aria-label')).to.equal(`Sign in to save ${iso('Linen Relaxed Shirt')} to your wishlist`);
    await expect(el).to.be.accessible();
    heart(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part(el, 'guest')!.textContent!.trim()).to.equal('Sign in to save');
    expect(await scope.count('/profiles/me/lists')).to.equal(0);
    await expect(el).to.be.accessible();
    // Escape closes it; focus stays on the heart.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'guest')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(heart(el));
  });

  for (const [layout, locale, zoom] of [
    ['phone', 'en-AU', 1],
    ['grid', 'en-AU', 1],
    ['phone', 'fr-FR', 1],
    ['phone', 'ar', 1],
    ['grid', 'ar', 1],
    // A page zoomed with CSS (zoom on an ancestor: some themes scale their whole layout so).
    ['phone', 'en-AU', 1.5],
    ['grid', 'fr-FR', 1.25],
    ['phone', 'ar', 0.8],
  ] as const) {
    it(`guest prompt over a product photo (${layout}, ${locale}${zoom === 1 ? '' : `, zoom ${zoom}`}): readable on its own surface, inside its card and the viewport, and the heart never moves`, async () => {
      // Product cards as storefronts build them: the heart absolutely placed in the photo's top-end corner. A
      // phone's single card reaches the viewport's edge; a desktop grid's card has neighbours on both sides.
      // (No setViewport: it stalls animation frames in the test pages running beside this one.)
      const row = document.createElement('div');
      row.dir = locale === 'ar' ? 'rtl' : 'ltr';
      row.style.cssText = `${layout === 'phone' ? 'display: flex; justify-content: flex-end' : 'display: flex; gap: 20px'}; zoom: ${zoom}`;
      const photo = () => {
        const card = document.createElement('div');
        card.style.cssText = `position: relative; flex: none; inline-size: ${layout === 'phone' ? '350px' : '170px'}; aspect-ratio: 4 / 5; background: #27324a; color: #1d2327`;
        return card;
      };
      const cards = layout === 'phone' ? [photo()] : [photo(), photo(), photo()];
      const card = cards[layout === 'phone' ? 0 : 1]!;
      row.append(...cards);
      const el = document.createElement('omneo-wishlist-button');
      el.setAttribute('token-endpoint', scope.tokenEndpoint('guest'));
      el.setAttribute('api-base', scope.apiBase);
      el.setAttribute('locale', locale);
      el.setAttribute('sku', 'KN-NAVY-S');
      el.setAttribute('product-name', 'Merino Crew Knit');
      el.style.cssText = 'position: absolute; inset-block-start: 0.5rem; inset-inline-end: 0.5rem; --omneo-wishlist-button-background: #fff';
      card.append(el);
      document.body.append(row);
      try {
        await until(() => heart(el) && !heart(el).disabled && !heart(el).hasAttribute('aria-pressed') && !el.localisationPending, 4000, 'guest heart');
        const before = { host: rect(el), heart: rect(heart(el)) };
        heart(el).click();
        await el.updateComplete;
        const prompt = part(el, 'guest')!;
        expect(prompt.textContent!.trim().length).to.be.greaterThan(0);
        expect(rect(el)).to.deep.equal(before.host);
        expect(rect(heart(el))).to.deep.equal(before.heart);
        const style = getComputedStyle(prompt);
        expect(opaque(style.backgroundColor), style.backgroundColor).to.equal(true);
        expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
        const box = prompt.getBoundingClientRect();
        const cardBox = card.getBoundingClientRect();
        expect(box.left).to.be.at.least(Math.max(0, cardBox.left));
        expect(box.right).to.be.at.most(Math.min(document.documentElement.clientWidth, cardBox.right));
        expect(box.top).to.be.at.least(before.heart.y! + before.heart.height!); // below the heart, not over it
        expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
        await expect(el).to.be.accessible();
        // A press elsewhere on the page closes it.
        document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
        await el.updateComplete;
        expect(part(el, 'guest')).to.equal(null);
      } finally {
        row.remove();
      }
    });
  }

  it("failure message on a card whose text does not wrap (the page's white-space: nowrap, text-align: center, text-indent): it wraps inside its bubble, inside the card", async () => {
    // A product card's action row, as themes write one: one line, centred. The element's text takes none of it.
    const card = document.createElement('div');
    card.style.cssText = 'position: relative; inline-size: 220px; aspect-ratio: 4 / 5; background: #27324a; white-space: nowrap; text-align: center; text-indent: 2em';
    const el = document.createElement('omneo-wishlist-button');
    el.setAttribute('token-endpoint', scope.tokenEndpoint('ava'));
    el.setAttribute('api-base', scope.apiBase);
    el.setAttribute('locale', 'en-AU');
    el.setAttribute('sku', 'KN-OAT-S');
    el.style.cssText = 'position: absolute; inset-block-start: 0.5rem; inset-inline-start: 0.5rem; --omneo-wishlist-button-background: #fff';
    card.append(el);
    document.body.append(card);
    try {
      await until(() => loaded(el), 4000, 'loaded heart');
      await scope.addFaults({ method: 'POST', path: '/items', status: 500 });
      heart(el).click();
      await until(() => messageText(el).length > 0 && !heart(el).hasAttribute('aria-busy'), 4000, 'failure message');
      const bubble = el.shadowRoot!.querySelector<HTMLElement>('.failure')!;
      const words = document.createRange();
      words.selectNodeContents(bubble);
      const [text, box, cardBox] = [words.getBoundingClientRect(), bubble.getBoundingClientRect(), card.getBoundingClientRect()];
      expect(words.getClientRects().length, 'lines').to.be.greaterThan(1);
      expect(text.right, 'words inside the bubble').to.be.at.most(box.right + 0.5);
      expect(box.right, 'bubble inside the card').to.be.at.most(cardBox.right + 0.5);
      // Its text starts at the bubble's padding, not indented nor centred.
      expect(text.left - box.left, 'start of the words').to.be.closeTo(parseFloat(getComputedStyle(bubble).paddingLeft) + parseFloat(getComputedStyle(bubble).borderLeftWidth), 1);
    } finally {
      card.remove();
    }
  });

  it('guest: shows slotted sign-in content when pressed', async () => {
    const el = await fixture<OmneoWishlistButton>(html`<omneo-wishlist-button
      token-endpoint=${scope.tokenEndpoint('guest')}
      api-base=${scope.apiBase}
      sku="LS-SAND-M"
      ><a slot="guest" href="/account/login">Log in to save</a></omneo-wishlist-button
    >`);
    await until(() => heart(el)?.getAttribute('aria-label')?.startsWith('Sign in'), 4000, 'guest button');
    heart(el).click();
    await el.updateComplete;
    const slot = el.shadowRoot!.querySelector('slot[name="guest"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Log in to save');
  });

  for (const [theme, style] of [
    ['a white page', 'color: #1a1a1a; background: #fff'],
    ['a dark page', 'color: #fff; background: #111'],
    ['a dark page with a light accent', 'color: #f5f5f5; background: #121417; --omneo-color-accent: #8fc6cc'],
  ] as const) {
    it(`could not load, on ${theme}: the "!" is readable on its disc (≥ 4.5:1)`, async () => {
      await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 3 });
      const el = await mount('ava', 'LS-SAND-M');
      el.parentElement!.setAttribute('style', style);
      const mark = await until(() => part(el, 'error'), 4000, 'the error mark');
      const ratio = textContrast(mark);
      expect(ratio, `${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
      // Quiet on a dark page too (no token says what is behind the heart, and Canvas is white here): the disc the
      // heart's colour softened, not a white heart's full white, and still a 3:1 graphic against the page.
      const [disc, heartColor, page] = [getComputedStyle(mark).backgroundColor, getComputedStyle(heart(el)).color, /background: (#\w+)/.exec(style)![1]!];
      expect(painted(disc), 'the disc, softened').to.not.equal(painted(heartColor));
      expect(contrast(painted(disc), painted(page)), `${disc} on ${page}`).to.be.at.least(3);
    });
  }

  it('could not load: the heart stays, marked and named so, without an alert, and pressing it loads again', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 3 });
    const el = await mount('ava', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
    const failed = await oneEvent(el, 'omneo-error');
    expect(failed.detail.status).to.equal(500);
    await until(() => part(el, 'retry-button'), 4000, 'heart in its error state');
    const button = heart(el);
    expect(part(el, 'retry-button')).to.equal(button); // the heart itself: same box, same place
    expect(button.getAttribute('aria-label')).to.equal(`Couldn't check your wishlist for ${iso('Linen Relaxed Shirt')}. Press to try again.`);
    expect(button.getAttribute('title')).to.equal(button.getAttribute('aria-label'));
    expect(button.hasAttribute('aria-pressed')).to.equal(false); // unknown, not "not saved"
    expect(button.disabled).to.equal(false);
    expect(part(el, 'error')!.textContent).to.equal('!');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    // Not announced: the heart's name says it when the shopper gets there (and the page's wishlist card or badge
    // already raises the alert); the live region stays empty.
    expect(messageText(el)).to.equal('');
    await expect(el).to.be.accessible();
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => loaded(el), 4000, 'loaded after pressing');
    expect(heart(el)).to.equal(button); // focus never left it
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(messageText(el)).to.equal('');
  });

  it('could not load, on a grid of hearts: no announcement from any of them, a quiet mark on each, and a failed reload tells the one pressed', async () => {
    // The first load fails (three attempts), and so does the reload pressed below (three more).
    await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 6 });
    const hearts: OmneoWishlistButton[] = [];
    for (const sku of ['LS-SAND-M', 'LS-SAND-L', 'KN-NAVY-S', 'DR-INK-10']) hearts.push(await mount('ava', sku));
    await until(() => hearts.every((each) => part(each, 'retry-button')), 6000, 'every heart in its error state');
    await Promise.all(hearts.map((each) => each.updateComplete));
    expect(hearts.map((each) => each.shadowRoot!.querySelector('[role="alert"]'))).to.deep.equal([null, null, null, null]);
    const speaking = () => hearts.filter((each) => messageText(each) !== '');
    expect(speaking()).to.deep.equal([]);
    // The "!" stays small and softer than the heart's own colour: a grid shows one on every heart.
    for (const each of hearts) {
      const mark = part(each, 'error')!.getBoundingClientRect();
      const box = heart(each).getBoundingClientRect();
      expect(mark.width / box.width, 'mark size').to.be.at.most(0.32);
      const [markColor, heartColor] = [getComputedStyle(part(each, 'error')!).backgroundColor, getComputedStyle(heart(each)).color];
      expect(markColor).to.not.equal(heartColor);
      // Softened towards the heart's background, not see-through: a see-through disc let the heart's outline show
      // through it (test/e2e/gallery.test.ts measures the pixels).
      const alpha = Number(/\/\s*([\d.]+)\)$|,\s*([\d.]+)\)$/.exec(markColor)?.slice(1).find(Boolean) ?? 1);
      expect(alpha, markColor).to.equal(1);
      // Still a 3:1 graphic against the heart's background (white here): 70% of the text colour.
      expect(contrast(painted(markColor), 'rgb(255, 255, 255)')).to.be.at.least(3);
    }
    await expect(hearts[2]!).to.be.accessible();

    const pressed = hearts[2]!;
    heart(pressed).click();
    await until(() => pressed.shadowRoot!.querySelector('.failure'), 6000, 'the failed reload said on the heart pressed');
    await Promise.all(hearts.map((each) => each.updateComplete));
    expect(messageText(pressed)).to.equal("Couldn't load your wishlist.");
    expect(speaking()).to.deep.equal([pressed]);
    expect(hearts.every((each) => part(each, 'retry-button'))).to.equal(true);
    await expect(pressed).to.be.accessible();
    expect(await scope.count('/profiles/me/lists')).to.equal(6);
  });

  /**
   * A storefront whose session the test controls, as a shared device or a sign-in in another tab would change it:
   * the page's token function (the real token endpoint of whoever is signed in now) and hearts under it.
   */
  async function sessionPage(signedIn: string, skus: string[]) {
    const session = { who: signedIn };
    configure({ apiBase: scope.apiBase, getToken: () => endpointTokenSource(new URL(scope.tokenEndpoint(session.who), location.href).href)() });
    const hearts: OmneoWishlistButton[] = [];
    for (const sku of skus) hearts.push(await fixture<OmneoWishlistButton>(html`<omneo-wishlist-button locale="en-AU" sku=${sku}></omneo-wishlist-button>`));
    await until(() => hearts.every((each) => loaded(each)), 4000, 'hearts');
    return { session, hearts };
  }
  const settled = (el: OmneoWishlistButton) => loaded(el) && !heart(el).hasAttribute('aria-busy');

  /** Every text the heart's live region ever holds, from now on (a message that flashes is still announced). */
  function recordMessages(el: OmneoWishlistButton): string[] {
    const said: string[] = [];
    const observer = new MutationObserver(() => {
      const text = messageText(el);
      if (text && said.at(-1) !== text) said.push(text);
    });
    observer.observe(part(el, 'message')!, { subtree: true, childList: true, characterData: true });
    return said;
  }

  it('another shopper signs in while a heart is adding (the 401 re-mint is theirs): no failure, the heart follows their list, focus stays', async () => {
    const { session, hearts } = await sessionPage('ava', ['LS-SAND-L', 'LS-SAND-M']);
    const [adding, other] = hearts as [OmneoWishlistButton, OmneoWishlistButton];
    expect(heart(adding).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(other).getAttribute('aria-pressed')).to.equal('true'); // Ava's
    // Ava's token is refused at the write; the storefront session is Zoe's now, so the re-mint is hers.
    await scope.addFaults({ method: 'POST', path: '/items', expireToken: true, latencyMs: 300 });
    session.who = 'zoe';
    const said = recordMessages(adding);
    let changes = 0;
    adding.addEventListener('omneo-wishlist-change', () => (changes += 1));
    heart(adding).focus();
    await sendKeys({ press: 'Enter' });
    await adding.updateComplete;
    expect(heart(adding).getAttribute('aria-pressed')).to.equal('true'); // optimistic
    await until(() => settled(adding) && settled(other) && heart(other).getAttribute('aria-pressed') === 'false', 6000, 'Zoe’s (empty) wishlist');
    // Rolled back, and Zoe's list: nothing saved, for her, on either heart. Nothing said, nothing shown.
    expect(heart(adding).getAttribute('aria-pressed')).to.equal('false');
    expect(said).to.deep.equal([]);
    expect(adding.shadowRoot!.querySelector('.failure, [part~="guest"]') === null, 'no bubble').to.equal(true);
    expect(changes).to.equal(0);
    expect(adding.shadowRoot!.activeElement === heart(adding), 'focus on the heart').to.equal(true);
    // Not sent again with Zoe's token: Ava's one refused POST only.
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    await expect(adding).to.be.accessible();
  });

  it('another shopper signs in while a heart is removing (the storefront names them): the heart follows their list, without "couldn\'t remove"', async () => {
    const { session, hearts } = await sessionPage('ava', ['LS-SAND-M']);
    const el = hearts[0]!;
    configure({ customer: '7321987654321' });
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    await scope.addFaults({ method: 'DELETE', path: '/items/', latencyMs: 600 });
    const said = recordMessages(el);
    heart(el).focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('false'); // optimistic
    // Olivia signs in (an SPA login on a shared device): the page says so, and her session mints her token.
    session.who = 'olivia';
    configure({ customer: '7321987650055' });
    await until(() => settled(el), 6000, 'Olivia’s wishlist');
    // Olivia saved this product: the heart shows her list, not the removal Ava started.
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(said).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('.failure') === null, 'no failure bubble').to.equal(true);
    expect(el.shadowRoot!.activeElement === heart(el), 'focus on the heart').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('signed out while a heart is adding: the guest heart and its sign-in prompt, not a failure', async () => {
    const { hearts } = await sessionPage('ava', ['LS-SAND-L']);
    const el = hearts[0]!;
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 600 });
    const said = recordMessages(el);
    heart(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => heart(el).getAttribute('aria-busy') === 'true', 2000, 'adding');
    document.dispatchEvent(new Event('omneo-logout'));
    await until(() => part(el, 'guest'), 4000, 'guest prompt');
    expect(heart(el).hasAttribute('aria-pressed')).to.equal(false);
    expect(heart(el).getAttribute('aria-label')).to.equal(`Sign in to save ${iso('LS-SAND-L')} to your wishlist`);
    expect(part(el, 'guest')!.textContent!.trim()).to.equal('Sign in to save');
    expect(el.shadowRoot!.querySelector('.failure') === null, 'no failure bubble').to.equal(true);
    expect(said).to.deep.equal(['Sign in to save']);
    expect(el.shadowRoot!.activeElement === heart(el), 'focus on the heart').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('signed out after a heart added: its live region no longer says what the previous shopper saved (a shared device)', async () => {
    const { hearts } = await sessionPage('ava', ['LS-SAND-L']);
    const el = hearts[0]!;
    heart(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => settled(el) && messageText(el) === 'Added to your wishlist', 4000, 'added');
    document.dispatchEvent(new Event('omneo-logout'));
    await until(() => !heart(el).hasAttribute('aria-pressed'), 4000, 'the guest heart');
    await el.updateComplete;
    expect(messageText(el)).to.equal('');
  });

  it('stale: the cached state shows at once while the wishlist refreshes', async () => {
    const customer = '7321987654321';
    const first = await mount('ava', 'LS-SAND-M', { customer });
    await until(() => loaded(first), 4000, 'first page');
    first.remove();
    // A later page of the same visit: a new runtime (another token endpoint URL) reading the same cache.
    await scope.addFaults({ path: '/profiles/me/lists', latencyMs: 500 });
    const el = await mount('ava', 'LS-SAND-M', { customer, tokenEndpoint: `${scope.tokenEndpoint('ava')}?page=2` });
    expect(heart(el).disabled).to.equal(false);
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
    expect(heart(el).getAttribute('part')).to.equal('button stale');
    await expect(el).to.be.accessible();
    await until(() => heart(el).getAttribute('part') === 'button', 4000, 'fresh state');
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
  });

  it('localises the name and mirrors for Arabic', async () => {
    const el = await mount('ava', 'LS-SAND-L', { locale: 'ar', productName: 'قميص' });
    await until(() => loaded(el), 4000, 'loaded button');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(heart(el).getAttribute('aria-label')).to.equal(`احفظ ${iso('قميص')} في قائمة الأمنيات`);
  });

  /**
   * An infinite-scroll category page: `count` hearts (none of them saved) over Olivia's 200-item wishlist, loaded.
   * Every item's `product_variant` (where a sku is read from) counts its reads from then on: what the hearts do per
   * change, in passes over the wishlist.
   */
  async function gridOverLongWishlist(count: number) {
    const grid = fixtureSync(html`<div></div>`);
    const hearts = Array.from({ length: count }, (_, index) => {
      const el = document.createElement('omneo-wishlist-button') as OmneoWishlistButton;
      el.setAttribute('token-endpoint', scope.tokenEndpoint('olivia'));
      el.setAttribute('api-base', scope.apiBase);
      el.setAttribute('locale', 'en-AU');
      el.setAttribute('sku', `NOT-SAVED-${index}`);
      return grid.appendChild(el);
    });
    await until(() => hearts.every(settled), 8000, 'every heart loaded');
    const store = hearts[0]!.diagnosis[2] as OmneoStore;
    const items = store.snapshot(listsResource).data!.find((list) => list.handle === 'wishlist')!.items;
    const reads = { count: 0 };
    for (const item of items) {
      let variant = item.product_variant;
      Object.defineProperty(item, 'product_variant', {
        enumerable: true,
        configurable: true,
        get: () => ((reads.count += 1), variant),
        set: (value) => (variant = value),
      });
    }
    return { hearts, store, items: items.length, reads };
  }

  it('a grid of 200 hearts over a 200-item wishlist: a toggle, and a revalidation that changes nothing, read the wishlist a few times over, not once per heart', async () => {
    const { hearts, store, items, reads } = await gridOverLongWishlist(200);
    expect(items).to.equal(200);
    heart(hearts[0]!).click();
    await oneEvent(hearts[0]!, 'omneo-wishlist-change');
    await Promise.all(hearts.map((each) => each.updateComplete));
    expect(heart(hearts[0]!).getAttribute('aria-pressed')).to.equal('true');
    // The change's own passes (the optimistic edit, the re-read's merge, the cross-page cache) and the hearts' one
    // index of the new list: about ten. A scan per heart per update was 600 (122,600 reads).
    expect(reads.count, 'reads of the items for a toggle').to.be.below(20 * items);

    reads.count = 0;
    await store.readAgain(listsResource.key);
    await Promise.all(hearts.map((each) => each.updateComplete));
    expect(reads.count, 'reads of the items for a revalidation that changed nothing').to.be.below(10 * items);
  });

  it('a grid of 200 hearts: a toggle renders again the hearts of that product, not the others', async () => {
    const { hearts } = await gridOverLongWishlist(200);
    const twin = hearts[199]!;
    twin.sku = 'NOT-SAVED-0'; // the same product twice on the page (a "recently viewed" row)
    await until(() => settled(twin), 4000, 'the twin heart');
    const rendered = new Map<OmneoWishlistButton, number>();
    const prototype = OmneoWishlistButton.prototype as unknown as { render(): unknown };
    const render = prototype.render;
    prototype.render = function (this: OmneoWishlistButton) {
      rendered.set(this, (rendered.get(this) ?? 0) + 1);
      return render.call(this);
    };
    try {
      heart(hearts[0]!).click();
      await oneEvent(hearts[0]!, 'omneo-wishlist-change');
      await Promise.all(hearts.map((each) => each.updateComplete));
    } finally {
      prototype.render = render;
    }
    expect(heart(twin).getAttribute('aria-pressed')).to.equal('true');
    // Busy, then saved and no longer busy, and the pressed one's announcement: a few renders each.
    expect(hearts.flatMap((each, index) => (rendered.has(each) ? [index] : [])), 'the hearts rendered again').to.deep.equal([0, 199]);
    expect(rendered.get(hearts[0]!)).to.be.at.most(4);
  });

  it('stays disabled and says why (once) when the sku is missing', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await mount('ava', '');
      await until(() => part(el, 'button') && el.shadowRoot!.querySelector('[aria-pressed]'), 4000, 'button');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heart(el).disabled).to.equal(true);
      expect(errors.filter((line) => line.includes('needs a sku')).length).to.equal(1);
    } finally {
      console.error = original;
    }
  });

  it('on a page that is not set up (no token endpoint): the configuration error, without a Retry, and omneo-error kind "config"', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    let teardown = () => {};
    try {
      const events: CustomEvent[] = [];
      const onError = (event: Event) => events.push(event as CustomEvent);
      document.addEventListener('omneo-error', onError);
      teardown = () => document.removeEventListener('omneo-error', onError);
      const el = await fixture<OmneoWishlistButton>(
        html`<omneo-wishlist-button api-base=${scope.apiBase} locale="en-AU" sku="LS-SAND-M" product-name="Linen Relaxed Shirt"></omneo-wishlist-button>`,
      );
      const error = await until(() => part(el, 'error'), 2000, 'the configuration error, once the page has settled');
      expect(error.getAttribute('role')).to.equal('alert');
      expect((error.textContent ?? '').replace(/\s+/g, ' ').trim()).to.equal('Rewards are not set up correctly on this page.');
      expect(part(el, 'retry-button')).to.equal(null);
      expect(part(el, 'button')).to.equal(null);
      expect(events.map((event) => event.detail.kind)).to.deep.equal(['config']);
      expect(errors.some((line) => line.startsWith('omneo-widgets:') && /token/i.test(line))).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
      teardown();
    }
  });

  // After the missing-sku test: the once-per-page line has been said.
  it('its sku attribute taken away (a morph to a card without one, a framework binding null): disabled, no longer pressed, no error', async () => {
    const uncaught: string[] = [];
    const onError = (event: ErrorEvent) => uncaught.push(event.message);
    window.addEventListener('error', onError);
    try {
      const el = await mount('ava', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
      const button = await until(() => loaded(el), 4000, 'loaded');
      expect(button.getAttribute('aria-pressed')).to.equal('true');
      el.removeAttribute('sku');
      await el.updateComplete;
      expect(el.sku).to.equal(null);
      expect(heart(el).disabled).to.equal(true);
      expect(heart(el).getAttribute('aria-pressed')).to.equal('false');
      expect(part(el, 'error')).to.equal(null);
      expect(uncaught).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
