import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { OmneoGuestError, OmneoProfileChangedError, type OmneoError } from '../../api/errors.js';
import { listsResource } from '../../api/resources.js';
import { firstTime, shown, textOf, warnOnce } from '../../core/config.js';
import type { MessageKey } from '../../core/i18n.js';
import { OmneoElement, ResourceController } from '../../core/omneo-element.js';
import { enWishlistButton } from '../../core/locales/en/wishlist-button.js';
import { ignoreKeyRepeat, WishlistController } from '../../core/wishlist-controller.js';
import { wishlistButtonStyles } from './wishlist-button.styles.js';

interface Notice {
  key: MessageKey;
  /** Failures are shown; confirmations are only announced (the filled heart already shows them). */
  visible: boolean;
  /** The saved state the notice is about: once the sku changes elsewhere (another button), it is stale. */
  saved: boolean;
  /** The product it is about: a change may settle after the heart was given another sku (a size picked meanwhile). */
  sku: string;
}


/** The least room (px) a message needs beside the heart's box, and the space it keeps from the box's edge. */
const MESSAGE_MIN_ROOM = 128;
const MESSAGE_MARGIN = 8;

/** Bidi isolates around the product name in the heart's names: it keeps its own direction on any page. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * @summary A heart toggle that saves a product to the shopper's wishlist, for product pages and cards.
 * Optimistic: the heart fills at once and rolls back, with a message, if Omneo refuses. A change cut short by
 * another shopper signing in on the page is not a failure: nothing is said, and the heart (keeping focus, busy
 * meanwhile) shows the new shopper's list; cut short by a sign-out, it shows the guest state and its prompt.
 * Every button for the same sku on the page stays in step. A double-click or a held Enter is one press: one
 * request, and the heart ends as that press asked (the second click of a double-click and a held key's repeats
 * are not presses).
 *
 * @tag omneo-wishlist-button
 *
 * @attr sku - The product variant's SKU (required; exact and case-sensitive).
 * @attr product-name - The product's name, for the accessible name: "Save Linen Shirt to wishlist" (`wishlistButton.label`). Default: the sku.
 * @attr token-endpoint, api-base, tenant, locale, customer, wishlist-handle - see the configuration table.
 *
 * @slot guest - Shown below the heart, over the page, when a signed-out shopper presses it. Default: "Sign in to save".
 *
 * @csspart button - The heart button.
 * @csspart stale - The heart button too, while the saved state shown is cached and being refreshed (`button stale`).
 * @csspart retry-button - The heart button too, when the wishlist could not load (`button retry-button`): pressing
 * it loads again.
 * @csspart icon - The heart icon.
 * @csspart error - The small, quiet "!" on the heart when the wishlist could not load (not announced: the heart's
 * name says it); when the configuration cannot work, the alert shown instead of the heart.
 * @csspart message - The live region below the heart: failures and the guest prompt show here, over the page (they
 * never move the heart or what is around it). Escape, a press elsewhere or focus leaving the element closes them.
 * @csspart guest - The guest prompt.
 *
 * @cssprop --omneo-wishlist-button-size - Width and height of the heart button (default 2.5em, at least 24px).
 * @cssprop --omneo-wishlist-button-color - Heart outline colour (default: inherited text colour).
 * @cssprop --omneo-wishlist-button-active-color - Filled heart colour (default `--omneo-color-accent`).
 * @cssprop --omneo-wishlist-button-background - Button background.
 * @cssprop --omneo-wishlist-button-radius - Button corner radius (default round).
 * @cssprop --omneo-wishlist-button-message-font-size - Size of the message text.
 * @cssprop --omneo-wishlist-button-message-background - Background of the message (default `Canvas`, the page's
 * colour scheme's background), so it reads over any photo.
 * @cssprop --omneo-wishlist-button-message-color - Text colour of the message (default `CanvasText`).
 * @cssprop --omneo-color-danger - The edge that marks a failure message, and the configuration error's text.
 *
 * @fires omneo-wishlist-change - After Omneo accepted a change made with this button. `detail: {sku, inWishlist}`.
 * @fires omneo-ready - The saved state is known for the first time. `detail: {element}`.
 * @fires omneo-error - Loading the wishlist failed (the heart then says so in its name and reloads when pressed), or
 * the configuration cannot work (`kind: "config"`); a refused change is a message in `message` instead.
 * `detail: {element, kind, status, message}`.
 */
export class OmneoWishlistButton extends OmneoElement {
  static override styles = [...OmneoElement.styles, wishlistButtonStyles];
  /** @internal */
  static override englishMessages = enWishlistButton;
  // Static `properties`, not decorators, as in OmneoElement: no page loads Lit's decorator code.
  static override properties: PropertyDeclarations = {
    sku: {},
    productName: { attribute: 'product-name' },
    notice: { state: true },
    guestPrompt: { state: true },
    retryingFrom: { state: true },
    followingShopper: { state: true },
  };

  /**
   * A number (a framework binding `product.sku` from JSON) is read as its digits, as the attribute would be; any other
   * type (a boolean, NaN, an object) is no sku, said on the console (`textOf`).
   */
  sku: string | number | null = '';
  productName: string | number | null = null;

  private notice: Notice | null = null;
  /** A signed-out shopper pressed the heart: show the sign-in prompt. */
  private guestPrompt = false;
  /** The shopper pressed the heart to load the wishlist again; the failure it was pressed on. */
  private retryingFrom: OmneoError | null = null;
  /**
   * The shopper changed under this heart's change (another sign-in on the page): the store is loading the new
   * shopper's list, and the heart, which may have focus, waits for it busy rather than disabled.
   */
  private followingShopper = false;

  private readonly lists = new ResourceController(this, listsResource);
  private readonly wishlistController = new WishlistController(this, () =>
    this.store && this.config ? { store: this.store, handle: this.config.wishlistHandle } : null,
  );
  /** This button's own change is in flight (its notice must survive the optimistic flip). */
  private acting = false;

  private get wishlist() {
    return this.wishlistController.wishlist;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.closeOnEscape);
    this.addEventListener('focusout', this.closeOnFocusLeaving);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.closeOnEscape);
    this.removeEventListener('focusout', this.closeOnFocusLeaving);
    document.removeEventListener('pointerdown', this.closeOnPressElsewhere, true);
    removeEventListener('resize', this.placeMessage);
  }

  /** What this heart showed of the page's wishlist at its last render (see `shouldUpdate`). */
  private shownOfWishlist: unknown[] = [];

  /** The page's wishlist state around this heart's product, as it would show it now. */
  private wishlistShown(): unknown[] {
    const { status, data, stale } = this.lists.snapshot;
    const wishlist = this.wishlist;
    const sku = this.trimmedSku;
    const shown = [this.localisationPending, status, stale, data !== null, this.loadError, wishlist, this.acting];
    if (wishlist && data && sku) shown.push(wishlist.contains(sku), wishlist.isPending(sku));
    return shown;
  }

  /**
   * Every change to the page's wishlist (a press on any heart: its start, the optimistic edit, the re-read, its
   * settling) asks every heart to update. A heart whose product, and the wishlist's state around it, are as it
   * shows them skips the update: a 2,000-heart infinite-scroll grid rendered every heart three times per toggle.
   * Its own properties and states changing always update it.
   *
   * Compared with what the last render showed (recorded in `render`), not with the state at the last
   * `shouldUpdate`: a new `locale` starts its catalogue loading in `willUpdate`, after this check, and that render
   * shows the skeleton; when the copy arrived, the state here matched the one recorded before it, and the heart
   * stayed a disabled skeleton for good.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const shown = this.wishlistShown();
    const same = shown.length === this.shownOfWishlist.length && shown.every((value, index) => value === this.shownOfWishlist[index]);
    return (changed.size > 0 || !same) && super.shouldUpdate(changed);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const wishlist = this.wishlist;
    const sku = this.trimmedSku;
    const loadError = this.loadError;
    if (this.retryingFrom) {
      // Pressed to load again: the shopper's own press failing again is said on this heart, visibly.
      if (loadError && loadError !== this.retryingFrom) {
        this.retryingFrom = null;
        this.notice = { key: 'wishlistButton.error', visible: true, saved: false, sku };
      } else if (this.lists.snapshot.data) {
        this.retryingFrom = null;
      }
    }
    const { status, data } = this.lists.snapshot;
    if (this.followingShopper && (data || loadError || status === 'guest')) this.followingShopper = false;
    if (!loadError && this.notice?.key === 'wishlistButton.error') this.notice = null;
    if (this.notice && !this.acting && !loadError && wishlist && sku && wishlist.contains(sku) !== this.notice.saved) this.notice = null;
    // Said about another product than the heart shows now: the sku changed before or after it came.
    if (this.notice && this.notice.sku !== sku) this.notice = null;
    // A framework's `true`, NaN, object or list is no sku (nor name): never "true" or "[object Object]" saved to the
    // wishlist. Said once for the page, for what it is.
    if (changed.has('productName') && this.productName != null && textOf(this.productName) === undefined) {
      warnOnce(`omneo-widgets: <omneo-wishlist-button> product-name ${shown(this.productName)} is not text; the sku names the product.`);
    }
    if (changed.has('sku')) {
      // Once per page, not per heart: a product template whose sku variable is empty leaves every card of a grid
      // without one, and twenty identical lines would hide the rest of the console. The element is logged with it.
      if (this.sku != null && textOf(this.sku) === undefined) {
        warnOnce(`omneo-widgets: <omneo-wishlist-button> sku ${shown(this.sku)} is not text; the button stays disabled until it has one.`);
      } else if (!sku && firstTime('missing sku')) {
        console.error('omneo-widgets: <omneo-wishlist-button> needs a sku attribute; the button stays disabled until it has one.', this);
      }
    }
  }

  private get trimmedSku(): string {
    // Null once the attribute is removed (a morph to a card without one, a framework binding null): no sku.
    return (textOf(this.sku) ?? '').trim();
  }

  private get displayName(): string {
    return (textOf(this.productName) ?? '').trim() || this.trimmedSku;
  }

  /** The failure the heart shows, when the wishlist could not load at all (cached data keeps it working). */
  private get loadError(): OmneoError | null {
    return this.lists.loadError;
  }

  override render(): TemplateResult {
    this.shownOfWishlist = this.wishlistShown();
    if (this.configProblem) return this.renderError(this.configProblem, null);
    // One template for every state: the same <button> stays in the page, so focus stays on it from the error
    // state through the reload to the loaded heart.
    return html`${this.heart(this.heartState())}${this.message()}`;
  }

  private heartState(): HeartState {
    const name = isolate(this.displayName);
    const { status, data, stale } = this.lists.snapshot;
    if (status === 'guest') return { pressed: null, label: this.t('wishlistButton.guestLabel', { name }), onClick: this.showGuestPrompt };
    if (this.loadError) return { pressed: null, label: this.t('wishlistButton.errorLabel', { name }), failed: true, onClick: this.loadAgain };
    const wishlist = this.wishlist;
    if (!data || !wishlist) {
      // Final size, disabled, until the saved state is known: nothing shifts and nothing can be lost. Reloading
      // after a press (to load again, or for the shopper who signed in under it), it stays focusable (busy)
      // rather than dropping the shopper's focus.
      const reloading = this.retryingFrom !== null || this.acting || this.followingShopper;
      return { pressed: reloading ? null : false, label: this.t('wishlistButton.label', { name }), disabled: !reloading, busy: reloading };
    }
    const sku = this.trimmedSku;
    const saved = sku ? wishlist.contains(sku) : false;
    return {
      pressed: saved,
      busy: sku ? wishlist.isPending(sku) : false,
      stale,
      disabled: !sku,
      // The same name pressed or not: aria-pressed carries the state (WAI-ARIA toggle button pattern).
      label: this.t('wishlistButton.label', { name }),
      onClick: this.toggle,
    };
  }

  private heart(options: HeartState): TemplateResult {
    return html`<button
      part=${options.failed ? 'button retry-button' : options.stale ? 'button stale' : 'button'}
      class="heart"
      type="button"
      aria-label=${options.label}
      title=${options.failed ? options.label : nothing}
      aria-pressed=${options.pressed === null ? nothing : String(options.pressed)}
      aria-busy=${options.busy ? 'true' : nothing}
      ?disabled=${options.disabled ?? false}
      @keydown=${ignoreKeyRepeat}
      @click=${(event: MouseEvent) => this.press(event, options.onClick)}
    >
      ${heartIcon}${options.failed ? html`<span part="error" class="error-mark" aria-hidden="true">!</span>` : nothing}
    </button>`;
  }

  /**
   * The live region, below the heart and over the page (absolutely placed inside the element: the heart and its
   * card never move). Kept in the tree even when empty, so that what appears in it is announced.
   * A wishlist that could not load is not announced here: every heart on a grid shares that one failure, the
   * wishlist card or header badge on the page already raises its alert, and each heart says it in its name (and
   * with its "!") when the shopper reaches it. Only the shopper's own press failing again is said, on that heart.
   */
  private message(): TemplateResult {
    let content: TemplateResult | typeof nothing = nothing;
    if (this.guestPrompt) {
      content = html`<span part="guest" class="guest bubble"><slot name="guest">${this.t('wishlistButton.guest')}</slot></span>`;
    } else if (this.notice) {
      content = html`<span class=${this.notice.visible ? 'failure bubble' : 'visually-hidden'}>${this.t(this.notice.key)}</span>`;
    }
    return html`<span part="message" class="message" role="status">${content}</span>`;
  }

  private get messageShown(): boolean {
    return this.guestPrompt || (this.notice?.visible ?? false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Not once removed: a press that fails after the heart left the page would leave document holding it.
    if (this.messageShown && this.isConnected) {
      this.placeMessage();
      document.addEventListener('pointerdown', this.closeOnPressElsewhere, true);
      // Measured again when the window changes width (a phone turned, a window resized): the room it was given
      // is a room it no longer has, and the message would run off the screen.
      addEventListener('resize', this.placeMessage);
    } else {
      document.removeEventListener('pointerdown', this.closeOnPressElsewhere, true);
      removeEventListener('resize', this.placeMessage);
    }
  }

  /**
   * Opens the message towards the side with more room, no wider than that room: like a popover, without leaving
   * the element. Room is counted inside the box the heart is placed in (a product photo, when the heart sits in
   * its corner) as well as the viewport: a message that spilled into the next card would be painted under it.
   */
  private placeMessage = (): void => {
    const region = this.shadowRoot?.querySelector<HTMLElement>('.message');
    if (!region) return;
    const heart = this.getBoundingClientRect();
    const viewport = document.documentElement.clientWidth;
    const box = this.offsetParent && this.offsetParent !== document.body ? this.offsetParent.getBoundingClientRect() : null;
    const room = (left: number, right: number) => ({ toRight: right - heart.left, toLeft: heart.right - left });
    let { toRight, toLeft } = room(Math.max(0, box?.left ?? 0), Math.min(viewport, box?.right ?? viewport));
    // A box too narrow for a few words (a tight product card): the viewport it is.
    if (Math.max(toRight, toLeft) < MESSAGE_MIN_ROOM) ({ toRight, toLeft } = room(0, viewport));
    const opensLeft = toLeft > toRight;
    region.dataset['opens'] = opensLeft ? 'left' : 'right';
    // Room is measured on screen; the message is sized in the element's own CSS pixels, which an ancestor's `zoom`
    // or a scale transform make larger or smaller on screen (html { zoom: 1.5 }: 1.5 screen pixels each).
    const scale = this.offsetWidth ? heart.width / this.offsetWidth : 1;
    region.style.setProperty('--_room', `${Math.max(0, Math.floor(((opensLeft ? toLeft : toRight) - MESSAGE_MARGIN) / scale))}px`);
  };

  private closeMessage(): void {
    this.guestPrompt = false;
    if (this.notice?.visible) this.notice = null;
  }

  private closeOnEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.messageShown) return;
    this.closeMessage();
    event.stopPropagation(); // this Escape was ours: an enclosing dialog stays open
  };

  private closeOnFocusLeaving = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    // Into the guest slot's link (light DOM) or within the shadow root, the message stays.
    if (next && (this.contains(next) || this.shadowRoot?.contains(next))) return;
    if (this.messageShown) this.closeMessage();
  };

  private closeOnPressElsewhere = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.closeMessage();
  };

  /**
   * One press of the heart, however it arrives. The data layer sends one request per sku at a time, but Omneo
   * often answers before a double-click's second click comes (`detail` 2, as the system counts clicks, with the
   * shopper's own double-click speed): that click would toggle the heart back and send a second request. A held
   * Enter's repeats never get here (ignoreKeyRepeat). Separate presses, however quick, are each a press: a
   * shopper who sees the heart fill and presses again, or retries after a failure, means it.
   * Every press is the heart's alone, whatever it does: on a product card that is all one link (as themes draw
   * them) the click went on to the link, and the shopper left the page as the save was sent.
   */
  private press(event: MouseEvent, action: (() => void) | undefined): void {
    event.preventDefault();
    if (event.detail > 1 || !action) return;
    action();
  }

  /** Signed out: the heart stays a real, focusable button (no aria-pressed: it cannot toggle). Pressing it
   * shows the guest slot below it, where merchants put their sign-in link. design.md has no sign-in event, so
   * none is invented here. */
  private showGuestPrompt = (): void => {
    this.guestPrompt = true;
  };

  /** The wishlist could not load: pressing the heart loads it again (shared: every heart follows). */
  private loadAgain = (): void => {
    this.retryingFrom = this.loadError;
    this.notice = null;
    this.lists.retry();
  };

  private toggle = async (): Promise<void> => {
    const wishlist = this.wishlist;
    const sku = this.trimmedSku;
    // Single-flight lives in the mutation too; ignoring the click here keeps the busy button inert.
    if (!wishlist || !sku || wishlist.isPending(sku)) return;
    const inWishlist = !wishlist.contains(sku);
    this.notice = null;
    this.guestPrompt = false;
    this.acting = true;
    try {
      await wishlist.setInWishlist(sku, inWishlist);
    } catch (error) {
      // Another shopper now (a sign-in on a shared device or in another tab): nothing failed for them, and the
      // press was not theirs. The change was not sent and the store reloads for them: the heart follows their list.
      if (error instanceof OmneoProfileChangedError) this.followingShopper = !this.lists.snapshot.data;
      // Signed out under the press: the heart is a guest's now, and says what a guest's press does.
      else if (error instanceof OmneoGuestError) this.guestPrompt = true;
      else this.notice = { key: inWishlist ? 'wishlistButton.addFailed' : 'wishlistButton.removeFailed', visible: true, saved: !inWishlist, sku };
      return;
    } finally {
      this.acting = false;
    }
    this.notice = { key: inWishlist ? 'wishlistButton.added' : 'wishlistButton.removed', visible: false, saved: inWishlist, sku };
    this.emit('omneo-wishlist-change', { sku, inWishlist });
  };
}

interface HeartState {
  /** null: the heart cannot toggle (signed out, or the saved state is unknown), so no aria-pressed. */
  pressed: boolean | null;
  label: string;
  busy?: boolean;
  stale?: boolean;
  /** The wishlist could not load: the heart shows "!", says so in its name and reloads when pressed. */
  failed?: boolean;
  disabled?: boolean;
  onClick?: () => void;
}

const heartIcon = html`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M12 20.5s-7.5-4.6-9.3-9.1C1.4 8.1 3.4 4.5 7 4.5c2 0 3.6 1.1 5 3 1.4-1.9 3-3 5-3 3.6 0 5.6 3.6 4.3 6.9-1.8 4.5-9.3 9.1-9.3 9.1z" />
</svg>`;
