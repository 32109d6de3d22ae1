import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/components/wishlist-button/define.js';
import type { OmneoWishlistButton } from '../../src/components/wishlist-button/wishlist-button.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

const heart = (el: Element) => el.shadowRoot!.querySelector('[part~="button"]') as HTMLButtonElement;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const messageText = (el: Element) => (part(el, 'message')?.textContent ?? '').replace(/\s+/g, ' ').trim();
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

  it('renders at its final size, disabled, while the wishlist loads', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', latencyMs: 400 });
    const el = await mount('ava', 'LS-SAND-M', { productName: 'Linen Relaxed Shirt' });
    const loading = heart(el);
    expect(loading.disabled).to.equal(true);
    expect(loading.getAttribute('aria-label')).to.equal('Add Linen Relaxed Shirt to wishlist');
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
    expect(heart(saved).getAttribute('aria-label')).to.equal('Remove Linen Relaxed Shirt from wishlist');
    await expect(saved).to.be.accessible();

    const unsaved = await mount('ava', 'LS-SAND-L');
    await until(() => loaded(unsaved), 4000, 'unsaved button');
    expect(heart(unsaved).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(unsaved).getAttribute('aria-label')).to.equal('Add LS-SAND-L to wishlist');
    // Both buttons share one lists request.
    expect(await scope.count('/profiles/me/lists')).to.equal(1);
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
    expect(heart(el).getAttribute('aria-label')).to.equal('Remove Linen Relaxed Shirt from wishlist');
    expect(messageText(el)).to.equal('Added to your wishlist');
    expect(part(el, 'message')!.getAttribute('role')).to.equal('status');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('removes with Space and emits inWishlist: false', async () => {
    const el = await mount('ava', 'LS-SAND-M');
    await until(() => loaded(el), 4000, 'loaded button');
    heart(el).focus();
    const changed = oneEvent(el, 'omneo-wishlist-change');
    await sendKeys({ press: 'Space' });
    expect((await changed).detail).to.deep.equal({ sku: 'LS-SAND-M', inWishlist: false });
    await el.updateComplete;
    expect(heart(el).getAttribute('aria-pressed')).to.equal('false');
    expect(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE')).to.equal(1);
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
    heart(second).click();
    await second.updateComplete;
    await first.updateComplete;
    expect(heart(first).getAttribute('aria-pressed')).to.equal('false');
    expect(heart(first).getAttribute('aria-busy')).to.equal('true');
    await until(() => messageText(second).length > 0, 4000, 'failure message');
    expect(messageText(second)).to.equal("Couldn't remove from your wishlist. Please try again.");
    expect(second.shadowRoot!.querySelector('.failure') !== null).to.equal(true);
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
    expect(heart(el).getAttribute('aria-label')).to.equal('Sign in to save Linen Relaxed Shirt to your wishlist');
    await expect(el).to.be.accessible();
    heart(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part(el, 'guest')!.textContent!.trim()).to.equal('Sign in to save');
    expect(await scope.count('/profiles/me/lists')).to.equal(0);
    await expect(el).to.be.accessible();
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

  it('shows a compact error with role=alert and a working Retry when the wishlist cannot load', async () => {
    await scope.addFaults({ path: '/profiles/me/lists', status: 500, times: 3 });
    const el = await mount('ava', 'LS-SAND-M');
    const failed = await oneEvent(el, 'omneo-error');
    expect(failed.detail.status).to.equal(500);
    await until(() => part(el, 'retry-button'), 4000, 'retry button');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'error')!.textContent).to.contain("Couldn't load your wishlist.");
    await expect(el).to.be.accessible();
    (part(el, 'retry-button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => loaded(el), 4000, 'loaded after retry');
    expect(heart(el).getAttribute('aria-pressed')).to.equal('true');
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
    expect(heart(el).getAttribute('aria-label')).to.equal('أضف قميص إلى قائمة الأمنيات');
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
});
