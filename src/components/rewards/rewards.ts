import { html, type PropertyDeclarations, type PropertyValues, type ReactiveController, type TemplateResult } from 'lit';
import { balancesResource } from '../../api/resources.js';
import type { OmneoStore } from '../../api/store.js';
import { CONFIG_ATTRIBUTES } from '../../core/config.js';
import { OmneoElement } from '../../core/omneo-element.js';
import { enHub } from '../../core/locales/en/hub.js';
import { rewardsStyles } from './rewards.styles.js';

const CONFIG_KEYS = Object.keys(CONFIG_ATTRIBUTES) as (keyof typeof CONFIG_ATTRIBUTES)[];

/**
 * @summary The hub merchants drop into an account page: points balance, tier progress, reward wallet and
 * wishlist together in a responsive grid, and the configuration root for every omneo element inside it. Wide
 * (from 42em of its own width), the balance and tier sit side by side and the wallet and wishlist each take a
 * full-width row; narrow, everything stacks.
 *
 * @tag omneo-rewards
 *
 * @attr token-endpoint, api-base, tenant, locale, currency, customer, wishlist-handle, tiers-endpoint - see the
 * configuration table. Every element inside the hub (its default content or yours) inherits them.
 * @attr heading-level - The heading level (1–6) of the elements inside the hub, unless one sets its own; default: the
 * enclosing hub's `heading-level` (a hub nested in another), else 2.
 *
 * @slot - Your own content instead of the default four elements (any omneo elements and markup). When the hub
 * has element children, they replace the default content and lay out in the hub's grid.
 * @slot guest - Shown once, instead of the default content, when nobody is signed in. Default: "Sign in to see your rewards".
 *
 * @csspart grid - The grid holding the elements.
 * @csspart balance - The default `<omneo-points-balance>`.
 * @csspart tier - The default `<omneo-tier-progress>`.
 * @csspart wallet - The default `<omneo-reward-wallet>`.
 * @csspart wishlist - The default `<omneo-wishlist>`.
 * @csspart guest-card - The signed-out card.
 * @csspart guest - The guest state container inside it.
 * @csspart error - The configuration error.
 *
 * @cssprop --omneo-hub-gap - Space between the elements (default 1.5 × `--omneo-space`).
 * @cssprop --omneo-card-padding - Padding of the signed-out card (and of the nested elements' cards).
 * @cssprop --omneo-color-danger - The configuration error's message, and the nested elements' error messages.
 * @cssprop --omneo-color-skeleton - The nested elements' loading placeholders (default: the text colour at 10%).
 * @cssprop --omneo-button-background - The nested elements' buttons that have no token of their own (default: transparent).
 * @cssprop --omneo-button-color - Those buttons' label colour (default: the text colour).
 *
 * @fires omneo-ready - Bubbles up from each nested element as it shows data (`detail.element` names it).
 * @fires omneo-error - Bubbles up from each nested element that fails (the others keep working); the hub's own when
 * its configuration cannot work (`kind: "config"`).
 * @fires omneo-add-to-cart - Bubbles up from the wishlist's "Add to bag". `detail: {sku, variantId, quantity}`.
 * @fires omneo-wishlist-change - Bubbles up from the wishlist, or from a wishlist button among your own content.
 * `detail: {sku, inWishlist}`.
 * @fires omneo-benefit-redeemed - Bubbles up from the reward wallet. `detail: {benefitId, redemptionId, code}`.
 */
export class OmneoRewards extends OmneoElement {
  static override styles = [...OmneoElement.styles, rewardsStyles];
  /** @internal */
  static override englishMessages = enHub;
  // Static `properties`, not decorators, as in OmneoElement: no page loads Lit's decorator code.
  static override properties: PropertyDeclarations = { ownContent: { state: true } };

  /** The merchant supplied children: render the default slot instead of the default four elements. */
  private ownContent = false;

  private readonly session = new GuestWatch(this);
  private childObserver: MutationObserver | null = null;
  private configChanged = false;

  override connectedCallback(): void {
    this.ownContent = this.hasOwnContent();
    this.session.enabled = !this.ownContent;
    super.connectedCallback();
    this.childObserver = new MutationObserver(() => {
      this.ownContent = this.hasOwnContent();
      this.session.enabled = !this.ownContent;
    });
    this.childObserver.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver?.disconnect();
    this.childObserver = null;
  }

  /** Element children other than guest-slot content; whitespace and comments do not count. */
  private hasOwnContent(): boolean {
    return [...this.children].some((child) => child.getAttribute('slot') !== 'guest');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Any config change (the base element has re-resolved the hub), including one that was absent before, and
    // one set as a property before the hub's code loaded, which reaches it only at its first update.
    if (CONFIG_KEYS.some((key) => changed.has(key))) this.configChanged = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Nested elements read the hub's heading level as they render: a new one re-renders them.
    if (changed.has('headingLevel')) for (const element of nestedOmneoElements(this)) element.requestUpdate();
    if (!this.configChanged) return;
    this.configChanged = false;
    // Nested elements resolve against the hub's attributes but only re-resolve on their own changes: tell them.
    for (const element of nestedOmneoElements(this)) element.resolve();
  }

  override render(): TemplateResult {
    if (this.ownContent) return html`<div part="grid" class="grid"><slot></slot></div>`;
    if (this.configProblem) return this.renderError(this.configProblem, null);
    // One sign-in prompt for the page section, not one per element.
    if (this.session.guest) return html`<section part="guest-card" class="guest-card card" aria-label=${this.t('hub.label')}>${this.renderGuest()}</section>`;
    return html`<div part="grid" class="grid">
      <omneo-points-balance part="balance"></omneo-points-balance>
      <omneo-tier-progress part="tier"></omneo-tier-progress>
      <omneo-reward-wallet part="wallet"></omneo-reward-wallet>
      <omneo-wishlist part="wishlist"></omneo-wishlist>
    </div>`;
  }
}

/**
 * Omneo elements under the hub, in its shadow DOM and light DOM, a nested hub's too: a nested hub takes the keys it
 * does not set from this one, and so does its subtree.
 */
function nestedOmneoElements(hub: OmneoRewards): OmneoElement[] {
  const found: OmneoElement[] = [];
  const visit = (root: ParentNode) => {
    for (const child of root.children) {
      if (child instanceof OmneoElement) found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  if (hub.shadowRoot) visit(hub.shadowRoot);
  visit(hub);
  return found;
}

/**
 * Whether the shopper is a guest, read from the balances resource that the hub's points balance shows anyway
 * (the store dedupes: no extra request). Not a ResourceController: the hub shows no data of its own, so it must
 * not announce omneo-ready or omneo-error for it; the nested elements do.
 */
class GuestWatch implements ReactiveController {
  guest = false;
  private store: OmneoStore | null = null;
  private unsubscribe: (() => void) | null = null;
  private active = true;

  constructor(private readonly host: OmneoRewards) {
    host.addController(this);
    host.registerStoreUser(this);
  }

  /** Off while the merchant's own content fills the hub: it may not show balances at all. */
  set enabled(value: boolean) {
    if (value === this.active) return;
    this.active = value;
    if (!value) this.stop();
    else if (this.store && this.host.isConnected) this.start(this.store);
  }

  hostConnected(): void {
    if (this.store && !this.unsubscribe && this.active) this.start(this.store);
  }

  hostDisconnected(): void {
    this.stop();
  }

  storeChanged(store: OmneoStore | null): void {
    this.stop();
    this.store = store;
    if (store && this.host.isConnected && this.active) this.start(store);
  }

  private start(store: OmneoStore): void {
    this.unsubscribe = store.watch(balancesResource, (snapshot) => {
      const guest = snapshot.status === 'guest';
      if (guest === this.guest) return;
      this.guest = guest;
      this.host.requestUpdate();
    });
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.guest) {
      this.guest = false;
      this.host.requestUpdate();
    }
  }
}
