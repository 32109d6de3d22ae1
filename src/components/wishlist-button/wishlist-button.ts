import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OmneoGuestError } from '../../api/errors.js';
import { listsResource } from '../../api/resources.js';
import type { MessageKey } from '../../core/i18n.js';
import { OmneoElement, ResourceController } from '../../core/omneo-element.js';
import { enWishlistButton } from '../../core/locales/en/wishlist-button.js';
import { WishlistController } from '../../core/wishlist-controller.js';
import { wishlistButtonStyles } from './wishlist-button.styles.js';

interface Notice {
  key: MessageKey;
  /** Failures are shown; confirmations are only announced (the filled heart already shows them). */
  visible: boolean;
  /** The saved state the notice is about: once the sku changes elsewhere (another button), it is stale. */
  saved: boolean;
}

/**
 * @summary A heart toggle that saves a product to the shopper's wishlist, for product pages and cards.
 * Optimistic: the heart fills at once and rolls back, with a message, if Omneo refuses. Every button for the
 * same sku on the page stays in step.
 *
 * @tag omneo-wishlist-button
 *
 * @attr sku - The product variant's SKU (required; exact and case-sensitive).
 * @attr product-name - The product's name, for the accessible name ("Add Linen Shirt to wishlist"). Default: the sku.
 * @attr token-endpoint, api-base, tenant, locale, customer, wishlist-handle - see the configuration table.
 *
 * @slot guest - Shown next to the heart when a signed-out shopper presses it. Default: "Sign in to save".
 *
 * @csspart button - The heart button.
 * @csspart stale - The heart button too, while the saved state shown is cached and being refreshed (`button stale`).
 * @csspart icon - The heart icon.
 * @csspart message - The live region next to the heart: failures and the guest prompt show here.
 * @csspart guest - The guest prompt.
 * @csspart error - The "could not load" state container.
 * @csspart retry-button - The error state's Retry button.
 *
 * @cssprop --omneo-wishlist-button-size - Width and height of the heart button (default 2.5rem).
 * @cssprop --omneo-wishlist-button-color - Heart outline colour (default: inherited text colour).
 * @cssprop --omneo-wishlist-button-active-color - Filled heart colour (default `--omneo-color-accent`).
 * @cssprop --omneo-wishlist-button-background - Button background.
 * @cssprop --omneo-wishlist-button-radius - Button corner radius (default round).
 * @cssprop --omneo-wishlist-button-message-font-size - Size of the message text.
 * @cssprop --omneo-color-danger - Colour of failure messages.
 * @cssprop --omneo-button-background - Background of the Retry button (default: transparent; the heart has its own).
 *
 * @fires omneo-wishlist-change - After Omneo accepted a change made with this button. `detail: {sku, inWishlist}`.
 * @fires omneo-ready - The saved state is known for the first time. `detail: {element}`.
 * @fires omneo-error - Loading the wishlist failed, or the configuration cannot work (`kind: "config"`); a refused
 * change is a message in `message` instead. `detail: {element, kind, status, message}`.
 */
export class OmneoWishlistButton extends OmneoElement {
  static override styles = [...OmneoElement.styles, wishlistButtonStyles];
  static override englishMessages = enWishlistButton;

  @property() sku = '';
  @property({ attribute: 'product-name' }) productName: string | null = null;

  @state() private notice: Notice | null = null;
  /** A signed-out shopper pressed the heart: show the sign-in prompt. */
  @state() private guestPrompt = false;

  private readonly lists = new ResourceController(this, listsResource);
  private readonly wishlistController = new WishlistController(this, () =>
    this.store && this.config ? { store: this.store, handle: this.config.wishlistHandle } : null,
  );
  private reportedMissingSku = false;
  /** This button's own change is in flight (its notice must survive the optimistic flip). */
  private acting = false;

  private get wishlist() {
    return this.wishlistController.wishlist;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const wishlist = this.wishlist;
    const sku = this.trimmedSku;
    if (this.notice && !this.acting && wishlist && sku && wishlist.contains(sku) !== this.notice.saved) this.notice = null;
    if (changed.has('sku')) {
      this.notice = null;
      if (!this.sku.trim() && !this.reportedMissingSku) {
        this.reportedMissingSku = true;
        console.error('omneo-widgets: <omneo-wishlist-button> needs a sku attribute; the button stays disabled until it has one.');
      }
    }
  }

  private get trimmedSku(): string {
    return this.sku.trim();
  }

  private get displayName(): string {
    return this.productName?.trim() || this.trimmedSku;
  }

  override render(): TemplateResult {
    if (this.configProblem) return this.renderError(this.configProblem, null);
    const { status, data, error, stale } = this.lists.snapshot;
    if (status === 'guest') return this.renderGuestButton();
    if (status === 'error' || (!data && error)) return this.renderLoadFailure();
    const wishlist = this.wishlist;
    if (!data || !wishlist) {
      // Final size, disabled, until the saved state is known: nothing shifts and nothing can be lost.
      return html`${this.heart({ pressed: false, label: this.t('wishlistButton.add', { name: this.displayName }), disabled: true })}${this.message()}`;
    }
    const sku = this.trimmedSku;
    const saved = sku ? wishlist.contains(sku) : false;
    return html`${this.heart({
      pressed: saved,
      busy: sku ? wishlist.isPending(sku) : false,
      stale,
      disabled: !sku,
      label: this.t(saved ? 'wishlistButton.remove' : 'wishlistButton.add', { name: this.displayName }),
      onClick: this.toggle,
    })}${this.message()}`;
  }

  private heart(options: {
    pressed: boolean | null;
    label: string;
    busy?: boolean;
    stale?: boolean;
    disabled?: boolean;
    onClick?: () => void;
  }): TemplateResult {
    return html`<button
      part=${options.stale ? 'button stale' : 'button'}
      class="heart"
      type="button"
      aria-label=${options.label}
      aria-pressed=${options.pressed === null ? nothing : String(options.pressed)}
      aria-busy=${options.busy ? 'true' : nothing}
      ?disabled=${options.disabled ?? false}
      @click=${options.onClick ?? nothing}
    >
      ${heartIcon}
    </button>`;
  }

  /** The live region: kept in the tree even when empty, so that what appears in it is announced. */
  private message(): TemplateResult {
    let content: TemplateResult | typeof nothing = nothing;
    if (this.guestPrompt) {
      content = html`<span part="guest" class="guest"><slot name="guest">${this.t('wishlistButton.guest')}</slot></span>`;
    } else if (this.notice) {
      content = html`<span class=${this.notice.visible ? 'failure' : 'visually-hidden'}>${this.t(this.notice.key)}</span>`;
    }
    return html`<span part="message" class="message" role="status">${content}</span>`;
  }

  /**
   * Signed out: the heart stays a real, focusable button (no aria-pressed: it cannot toggle). Pressing it
   * shows the guest slot next to it, where merchants put their sign-in link. design.md has no sign-in
   * event, so none is invented here.
   */
  private renderGuestButton(): TemplateResult {
    return html`${this.heart({
      pressed: null,
      label: this.t('wishlistButton.guestLabel', { name: this.displayName }),
      onClick: () => {
        this.guestPrompt = true;
      },
    })}${this.message()}`;
  }

  /** The error state at the button's own scale: a plain message for assistive tech and a Retry button. */
  private renderLoadFailure(): TemplateResult {
    return html`<span part="error" class="error" role="alert"
      ><span class="visually-hidden">${this.t('wishlistButton.error')}</span
      ><button part="retry-button" class="retry" type="button" @click=${this.lists.retry}>${this.t('action.retry')}</button></span
    >`;
  }

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
      if (error instanceof OmneoGuestError) this.guestPrompt = true;
      else this.notice = { key: inWishlist ? 'wishlistButton.addFailed' : 'wishlistButton.removeFailed', visible: true, saved: !inWishlist };
      return;
    } finally {
      this.acting = false;
    }
    this.notice = { key: inWishlist ? 'wishlistButton.added' : 'wishlistButton.removed', visible: false, saved: inWishlist };
    this.emit('omneo-wishlist-change', { sku, inWishlist });
  };
}

const heartIcon = html`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M12 20.5s-7.5-4.6-9.3-9.1C1.4 8.1 3.4 4.5 7 4.5c2 0 3.6 1.1 5 3 1.4-1.9 3-3 5-3 3.6 0 5.6 3.6 4.3 6.9-1.8 4.5-9.3 9.1-9.3 9.1z" />
</svg>`;
