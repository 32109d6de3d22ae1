import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { directive, type ChildPart, type Directive, type PartInfo } from 'lit/directive.js';
import { getCommittedValue, getDirectiveClass } from 'lit/directive-helpers.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { OmneoGuestError, OmneoProfileChangedError } from '../../api/errors.js';
import { listsResource, profileResource } from '../../api/resources.js';
import { findItemBySku, findWishlist, itemSku, oneItemPerSku, toCents } from '../../api/rules.js';
import { nextTask as messageTask } from '../../api/slices.js';
import type { ListItem, ProfileCurrency } from '../../api/schemas/resources.js';
import { shown, textOf, warnOnce } from '../../core/config.js';
import { formatMoney, formatNumber } from '../../core/format.js';
import type { MessageKey } from '../../core/i18n.js';
import { emptyStateStyles, renderEmptyState } from '../../core/empty-state.js';
import { OmneoElement, ResourceController, skeletonText } from '../../core/omneo-element.js';
import { enWishlist } from '../../core/locales/en/wishlist.js';
import { ignoreKeyRepeat, WishlistController } from '../../core/wishlist-controller.js';
import { safeHttpUrl } from '../../core/text.js';
import { wishlistStyles } from './wishlist.styles.js';

/**
 * `repeat`, taking away all of each row it removes. lit-html 3.3's leaves the row's end marker (an empty comment)
 * in the list (lit/lit#4975): a wishlist left on screen (an app's drawer) while products were saved and unsaved
 * elsewhere grew by two nodes a product (its placeholder row, then its row) for as long as the page was open.
 */
const keyedRows = directive(
  class extends (getDirectiveClass(repeat([], String)) as new (part: PartInfo) => Directive & { render(): unknown }) {
    override update(part: ChildPart, args: unknown[]): unknown {
      // The rows last rendered; the first render has none (its rows are made by the part, from what this returns).
      const rows = getCommittedValue(part) as (ChildPart | null)[];
      const result = super.update(part, args);
      if (Array.isArray(rows)) {
        const kept = new Set(getCommittedValue(part) as ChildPart[]);
        for (const row of rows) if (row && !kept.has(row)) (row.endNode as ChildNode).remove();
      }
      return result;
    }
  },
) as typeof repeat;

/** Rows rendered before "Show more" (and added by each press): a 200-item wishlist paints 50 rows first. */
export const DEFAULT_PAGE_SIZE = 50;
/**
 * Rows rendered in one task: the first screenful (a phone's, or a tall desktop window's) in the first update that
 * shows the list (painted from the cache, or the task after the one that parsed it: see willUpdate), the rest of
 * the page in the tasks after it, so that input and paint can run between them. All 50 rows of a page in one
 * update took 50–130 ms of main thread with the CPU slowed 4× (a mid-range phone), then a frame of about 50 ms to
 * lay them out; 12 rows are a quarter of that. Rows not rendered yet are empty rows of the same estimated height
 * in the meantime (see `.pending` in the styles), so nothing below the list moves.
 */
export const ROWS_PER_TASK = 12;
/**
 * What the skeleton draws while the list loads for the first time (later pages of the visit paint from the cache):
 * the reference member's wishlist (the mock's persona ava, the demo's default shopper, omneo-api.md's example), row
 * for row and line for line in the loaded rows' own boxes and layout rules, with placeholder text of the same length
 * (Omneo's strings as hers, ours in the shopper's language). The placeholders are inline, so they wrap where that
 * text wraps at every width. It cannot know the list's length: it draws her two rows (fewer with a smaller
 * `page-size`). Measured in the demo's hub (Ava, every /profiles/me call slowed; the card is 280 px wide at a 320 px
 * viewport), skeleton → loaded, with the two rows of fixed sample text this replaces: at 320 px, 385 → 388 px in
 * English and Arabic and 473 → 493 in French in view (sample text wrapping where hers does not, and the other way
 * round; button placeholders 1.2 px shorter than buttons), and 385 → 297 / 473 → 297 below the fold, where loaded
 * rows take their content-visibility estimate and skeleton rows did not; 297 → 297 at 768 and 1280. Now the skeleton
 * is exactly as tall as the loaded list at all three widths, in view and below the fold, in English, French and
 * Arabic. A longer list grows below the skeleton by its extra rows, a one-item list shrinks by a row.
 */
const SKELETON_ITEMS: readonly { title: string; options: readonly [string, string][]; price: number; was?: number }[] = [
  { title: 'Linen Relaxed Shirt - Sand / M', options: [['Colour', 'Sand'], ['Size', 'M']], price: 129.95 },
  { title: 'Merino Crew Knit - Navy / S', options: [['Colour', 'Navy'], ['Size', 'S']], price: 69, was: 89 },
];
/** The reference member's currency, for the skeleton's prices while the shopper's is not known (none configured). */
const SKELETON_CURRENCY = 'AUD';
/** Stands in for the item name while the message is translated (a private-use character no copy contains). */
const NAME_MARK = '\uE000';
/**
 * How long after a removal clicks on any Remove are ignored. The removed row leaves at once and the next one moves
 * up under the pointer, so a double-click's second click would remove an item the shopper never pointed at.
 * 500 ms is the longest of the usual default double-click times (Windows' default; macOS and GNOME use less) and
 * shorter than it takes to see the list move and aim at another Remove.
 */
export const REMOVE_GUARD_MS = 500;
/**
 * How long after an item's "Add to bag" another press for the same item is ignored. A double-click, or a second
 * press while the storefront's cart has not shown anything yet, is never a wish for two, and the cart would get
 * one more than the shopper asked for. Longer than REMOVE_GUARD_MS because a storefront's cart
 * takes a moment to answer; a shopper who wants two can press again after it has (or set the quantity in the cart).
 */
export const ADD_TO_BAG_REPEAT_MS = 1000;

interface Notice {
  key: MessageKey;
  name: string;
  failure: boolean;
}

/** What one row shows, derived once per render from the API item. */
interface Row {
  key: string;
  item: ListItem;
  sku: string | null;
  title: string;
  imageUrl: string | null;
  link: string | null;
  /** "Colour: Sand", "Size: M", "Qty 2": each shown isolated, as names and values come from the API. */
  options: string[];
  price: number | null;
  discounted: number | null;
  currency: string | null;
}

/**
 * @summary The shopper's wishlist: each item's image, title, options (size, colour) and price, with "Add to
 * bag" (an event for the storefront's cart) and Remove (optimistic; the item comes back with a message if
 * Omneo refuses). Long lists render in pages ("Show more"). A double-click, or Enter pressed twice or held down,
 * is one press: it removes one item, or adds one to the bag. Loading shows a skeleton of the reference member's
 * list (the demo's Ava: two rows, fewer with a smaller `page-size`) that wraps as those rows do.
 *
 * @tag omneo-wishlist
 *
 * @attr page-size - Rows shown at first and added by each "Show more" (default 50).
 * @attr token-endpoint, api-base, tenant, locale, currency, customer, wishlist-handle - see the configuration table.
 * @attr heading-level - The level (1–6) of the heading "Your wishlist", announced to assistive technology; default: the
 * enclosing hub's `heading-level`, else 2.
 *
 * @slot guest - Shown when nobody is signed in. Default: "Sign in to see your rewards".
 *
 * @csspart card - The container.
 * @csspart heading - "Your wishlist" (in every state but the guest one, the error state's too).
 * @csspart count - The item count next to the heading.
 * @csspart stale - The note beside the heading while cached items are shown: "Updating…", or "May be out of date"
 * when the refresh failed.
 * @csspart message - The live region for "Removed …" and failure messages. A message lasts until the shopper's next
 * action in the wishlist or the next change to its data (a refresh, a heart pressed elsewhere).
 * @csspart empty - The empty state: "Your wishlist is empty." and its hint (left out when `wishlist.empty.hint` is "").
 * @csspart list - The list of items.
 * @csspart item - One item row. Focusable by script only: after a removal, focus goes to the row that took the
 * removed one's place (the one above when it was the last; the heading when none is left), where Enter does
 * nothing; Tab from there reaches the row's link, Add to bag and Remove.
 * @csspart image - The image box (the image or a neutral placeholder).
 * @csspart title - The item title (a link when the item has an http(s) product URL).
 * @csspart link - The product link inside the title.
 * @csspart options - Options (colour, size) and quantity; absent for an item with neither.
 * @csspart price - The price line; absent for an item without a price.
 * @csspart sale-price - The discounted price.
 * @csspart original-price - The struck-through original price.
 * @csspart add-button - "Add to bag". Presses of the same item's button within a second of its last add are ignored
 * (a double-click, a held Enter): one press, one `omneo-add-to-cart`.
 * @csspart remove-button - "Remove". Clicks within half a second of a removal are ignored (until Omneo refuses it and
 * the row is back): the next row moves up under the pointer, and a double-click's second click would remove it
 * too. After a refused removal, focus returns to the restored row's Remove when it was still where the removal put it.
 * @csspart more - The "Showing N of M" line with the "Show more" button.
 * @csspart more-button - "Show more". It moves focus to the first new row and announces the new count ("Showing 100
 * of 200") politely, in a status region that is there before it speaks, until the next action or new data.
 * @csspart guest - The guest state container.
 * @csspart error - The error state container.
 * @csspart retry-button - The error state's Retry button, and the one beside "May be out of date".
 *
 * @cssprop --omneo-card-padding - Card padding.
 * @cssprop --omneo-wishlist-image-size - Width of the image box (default 4.5em).
 * @cssprop --omneo-wishlist-image-ratio - Aspect ratio of the image box (default 3 / 4).
 * @cssprop --omneo-wishlist-placeholder-background - Background of the image box and placeholder.
 * @cssprop --omneo-wishlist-row-height - Estimated row height for rows not yet rendered (default 6em; 8.75em on screens up to 30em wide, where the buttons wrap under the image).
 * @cssprop --omneo-wishlist-sale-color - Colour of the discounted price.
 * @cssprop --omneo-wishlist-add-background - "Add to bag" background.
 * @cssprop --omneo-wishlist-add-color - "Add to bag" text colour.
 * @cssprop --omneo-color-accent - Focus rings of rows, links and buttons.
 * @cssprop --omneo-color-danger - Colour of failure messages.
 * @cssprop --omneo-color-skeleton - The loading placeholders, and the image box unless `--omneo-wishlist-placeholder-background` is set.
 * @cssprop --omneo-button-background - Background of Remove, "Show more" and Retry, and of "Add to bag" unless
 * `--omneo-wishlist-add-background` is set (default: transparent).
 * @cssprop --omneo-button-color - Label colour of those buttons, and of "Add to bag" unless `--omneo-wishlist-add-color`
 * is set (default: the text colour).
 *
 * @fires omneo-add-to-cart - "Add to bag" was pressed; the storefront adds it to the cart. `detail: {sku, variantId, quantity}`.
 * Once per press: not again for the same item within a second (a double-click or a held Enter).
 * Cancelable: a listener that handles it may call `preventDefault()` to tell later listeners (the Shopify app
 * embed checks `defaultPrevented`); the element does nothing more either way.
 * @fires omneo-wishlist-change - An item was removed (after Omneo accepted it). `detail: {sku, inWishlist: false}`.
 * @fires omneo-ready - The wishlist is on screen for the first time. `detail: {element}`.
 * @fires omneo-error - Loading the wishlist (or the profile, for its currency) failed, or the configuration cannot
 * work (`kind: "config"`); a refused removal is a message in `message` instead. `detail: {element, kind, status, message}`.
 */
export class OmneoWishlist extends OmneoElement {
  static override styles = [...OmneoElement.styles, emptyStateStyles, ...wishlistStyles];
  /** @internal */
  static override englishMessages = enWishlist;
  // Static `properties`, not decorators, as in OmneoElement: no page loads Lit's decorator code.
  static override properties: PropertyDeclarations = {
    pageSize: { type: Number, attribute: 'page-size' },
    shown: { state: true },
    notice: { state: true },
    shownAnnouncement: { state: true },
  };

  pageSize = DEFAULT_PAGE_SIZE;

  private shown = 0;
  private notice: Notice | null = null;
  /**
   * When the list data the notice was written about came (`updatedAt`): data written after it (a refresh, another
   * change) makes it stale. Not the data itself: a refresh that finds the same list leaves the same objects.
   */
  private noticeDataAt: number | null = null;
  /**
   * "Showing 100 of 200" after "Show more", for screen readers: focus moves to the first new row, which says
   * nothing of how many are shown now. Kept like a notice (until the next action or new data).
   */
  private shownAnnouncement = '';
  private shownAnnouncementDataAt: number | null = null;

  private readonly lists = new ResourceController(this, listsResource);
  /** Watched only when an item's currency is known neither from config nor from its product. */
  private readonly profile = new ResourceController<ProfileCurrency>(this, null, { supporting: true });
  private readonly wishlistController = new WishlistController(this, () =>
    this.store && this.config ? { store: this.store, handle: this.config.wishlistHandle } : null,
  );
  /** Image URLs that failed to load: their rows show the placeholder instead of a broken image. */
  private readonly failedImages = new Set<string>();
  /**
   * After a row leaves (removed), arrives (show more) or comes back (a removal failed), where keyboard focus
   * should go.
   */
  private focusRequest:
    | { kind: 'after-remove'; index: number; key: string }
    | { kind: 'first-new'; index: number }
    | { kind: 'restored'; sku: string }
    | { kind: 'heading' }
    | null = null;
  /** Where focus was moved after a removal: a rollback may take it back from there, never from anywhere else. */
  private focusedAfterRemove: HTMLElement | null = null;
  /**
   * When the last removal was pressed (performance.now()). The row leaves at once and the next one moves up
   * under the pointer: a double-click's second click would land on that row's Remove.
   */
  private lastRemovalAt = Number.NEGATIVE_INFINITY;
  /** The rows derived from the items (see `renderList`), and what else they were derived with. */
  private derivedRows = new WeakMap<ListItem, Row>();
  private rowInputs: unknown[] = [];
  /** When each sku was last added to the bag (performance.now()). */
  private readonly lastAddAt = new Map<string, number>();
  /** The items currentItems was last given, and what it made of them (it is called several times a render). */
  private itemsIn: readonly ListItem[] = [];
  private itemsShown: ListItem[] = [];
  /** How many of the shown rows the last render rendered (the rest are still to come: see ROWS_PER_TASK). */
  private renderedRows = 0;
  /** Rows of the pages shown that the last render left for the next ones. */
  private rowsToCome = 0;
  /** The task that renders the next rows, while there are rows still to render; `updateComplete` waits for it. */
  private moreRows: Promise<void> | null = null;
  /** Whether the last render was the skeleton. */
  private skeletonShown = false;
  /** The list has come from the network in this task: the skeleton stays until the next (see willUpdate). */
  private skeletonHeld = false;

  private get pageSizeOrDefault(): number {
    // The property may hold the attribute's text: React 19 and Vue set a custom element's property from a JSX or
    // template string (`pageSize="10"`). Read it as the attribute would be, not as a mistake.
    // Text or a number only: a framework's `true` or `[1]` is no size (Number() would make them 1).
    const size = Number(textOf(this.pageSize) ?? NaN);
    return Number.isInteger(size) && size > 0 ? size : DEFAULT_PAGE_SIZE;
  }

  private get wishlist() {
    return this.wishlistController.wishlist;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // "Removed …" or "We couldn't remove …" describes the list it was written about; new data outdates it.
    if (this.notice && this.lists.snapshot.updatedAt !== this.noticeDataAt) this.setNotice(null);
    if (this.shownAnnouncement && this.lists.snapshot.updatedAt !== this.shownAnnouncementDataAt) this.shownAnnouncement = '';
    if (this.shown === 0 || changed.has('pageSize')) this.shown = Math.max(this.shown, this.pageSizeOrDefault);
    // Said like a wrong variant or heading-level: a merchant's "ten" or "0" otherwise looks like a setting ignored.
    // Not a page-size taken away (null: the attribute removed; undefined: a framework's property left unset) or left
    // blank (`page-size=""`, Lit's Number() makes it 0; a framework binding ""), as a blank config attribute is not set.
    const given: unknown = this.getAttribute('page-size') ?? this.pageSize;
    if (changed.has('pageSize') && given != null && given !== '' && Number(textOf(this.pageSize) ?? NaN) !== this.pageSizeOrDefault) {
      warnOnce(`omneo-widgets: page-size ${shown(given)} is not a whole number above 0; ${DEFAULT_PAGE_SIZE} rows a page are shown.`);
    }
    // The list has just come from the network, in the task that read its last items and wrote the cross-page cache
    // (the data layer reads a long list in slices): the skeleton stays for this task and the rows come in the next.
    if (this.skeletonShown && this.lists.snapshot.data && !this.skeletonHeld && !this.moreRows) {
      this.skeletonHeld = true;
      this.updateInNextTask(() => (this.skeletonHeld = this.skeletonShown = false));
    }
    // Watched only when needed: most items carry a currency, and the profile is one more request.
    if (!this.profile.watching && this.store && this.needsProfileCurrency()) this.profile.watch(profileResource);
  }

  /**
   * The wishlist's items, one row per sku. Omneo may hold a sku twice (saved by another channel: the retailer's app,
   * clienteling, an import), but it is one product to the shopper, and one heart: two rows of it, each with a Remove
   * that removes both, would read as a list that does not do what it is told. Its row is the first item's.
   */
  private currentItems(): ListItem[] {
    const lists = this.lists.snapshot.data;
    if (!lists || !this.config) return [];
    const items = findWishlist(lists, this.config.wishlistHandle)?.items ?? [];
    if (items !== this.itemsIn) this.itemsShown = oneItemPerSku((this.itemsIn = items));
    return this.itemsShown;
  }

  private needsProfileCurrency(): boolean {
    if (this.config?.currency) return false;
    return this.currentItems()
      .slice(0, this.shown)
      .some((item) => !item.product?.currency && (item.product_variant?.price ?? item.custom_product?.price ?? null) !== null);
  }

  override render(): TemplateResult {
    // Counted again by renderList: a list that comes (back) after another state starts a screenful at a time again.
    const renderedBefore = this.renderedRows;
    this.renderedRows = this.rowsToCome = 0;
    this.skeletonShown = false;
    // The error states keep the heading above the message, as loading and loaded do (in the hub it names the card).
    if (this.configProblem) return this.frame(html`${this.header(null)}${this.renderError(this.configProblem, null)}`);
    const { status, data } = this.lists.snapshot;
    const error = this.lists.loadError;
    if (status === 'guest') return this.frame(this.renderGuest());
    if (error) return this.frame(html`${this.header(null)}${this.renderError(error, this.lists.retry, 'wishlist.error')}`);
    if (!data || this.skeletonHeld) return this.renderLoading();
    const items = this.currentItems();
    // One template for the list and its empty state, so the header's live region stays the same element when the
    // last item is removed, or comes back after a failed removal: a region created holding its message ("We
    // couldn't remove …") is often not read.
    return this.frame(html`${this.header(items.length)}${items.length === 0 ? renderEmptyState(this.t('wishlist.empty'), this.t('wishlist.empty.hint')) : this.renderList(items, renderedBefore)}`);
  }

  private renderList(items: ListItem[], renderedBefore: number): TemplateResult {
    // A row depends on its item and on these (its price waits for the profile's currency); the store keeps the items
    // that did not change (keepUnchanged), so a refresh or a change to one item (a heart pressed elsewhere) derives
    // and renders only the rows that changed, not all of a long list on each of the change's updates.
    const { data: profile, status: profileStatus } = this.profile.snapshot;
    const rowInputs = [this.config, this.profile.watching, profile?.currency?.base, profileStatus];
    if (rowInputs.some((input, index) => input !== this.rowInputs[index])) {
      this.derivedRows = new WeakMap();
      this.rowInputs = rowInputs;
    }
    const shown = Math.min(items.length, this.shown);
    // ROWS_PER_TASK more than the last render had (`updated` asks for the next ones in a task of their own), and at
    // once the row focus is to move to: "Show more" pressed before the rows above its first new one were all there.
    const focusAt = this.focusRequest?.kind === 'first-new' ? this.focusRequest.index : 0;
    this.renderedRows = Math.min(shown, Math.max(renderedBefore, focusAt) + ROWS_PER_TASK);
    this.rowsToCome = shown - this.renderedRows;
    const visible = items.slice(0, this.renderedRows).map((item, index) => this.cachedRow(item, index));
    return html`<ul part="list" class="list" @keydown=${ignoreKeyRepeat}>
        ${keyedRows(
          visible,
          (row) => row.key,
          (row) => {
            const pending = row.sku !== null && (this.wishlist?.isPending(row.sku) ?? false);
            return guard([row, pending], () => this.renderRow(row, pending));
          },
        )}${Array.from({ length: this.rowsToCome }, () => rowToCome)}
      </ul>
      ${items.length > shown ? this.renderMore(shown, items.length) : nothing}
      <span class="visually-hidden" role="status">${this.shownAnnouncement}</span>`;
  }

  private frame(content: TemplateResult, busy = false): TemplateResult {
    return html`<section part="card" class="card" aria-label=${this.t('wishlist.heading')} aria-busy=${busy ? 'true' : nothing}>
      ${content}
    </section>`;
  }

  /** The heading, the count (or, while loading, its placeholder), the stale note and the live region. */
  private header(count: number | null, countPlaceholder: TemplateResult | typeof nothing = nothing): TemplateResult {
    const locale = this.localeOrDefault;
    return html`<div class="header">
      <p part="heading" class="heading" tabindex="-1">${this.renderHeadingText('wishlist.heading')}</p>
      ${count === null && countPlaceholder !== nothing
        ? html`<span class="count" aria-hidden="true">${countPlaceholder}</span>`
        : html`<span part="count" class="count">${count === null ? nothing : this.t('wishlist.count', { count, formatted: formatNumber(count, locale) })}</span>`}
      ${this.renderStaleNote(this.lists)}
      ${this.message()}
    </div>`;
  }


  private message(): TemplateResult {
    const notice = this.notice;
    return html`<span part="message" class="message" role="status">${notice
      ? html`<span class=${notice.failure ? 'failure' : ''}>${this.withIsolatedName(notice.key, notice.name)}</span>`
      : nothing}</span>`;
  }

  /** The message with the item's name (an API string) in a <bdi>, wherever the translation puts it. */
  private withIsolatedName(key: MessageKey, name: string): TemplateResult | string {
    const message = this.t(key, { name: NAME_MARK });
    const at = message.indexOf(NAME_MARK);
    if (at < 0) return message; // a merchant's override without the name
    return html`${message.slice(0, at)}<bdi>${name}</bdi>${message.slice(at + NAME_MARK.length)}`;
  }

  /** The loaded view's header and rows (header, renderRow) with the reference member's items: see SKELETON_ITEMS. */
  private renderLoading(): TemplateResult {
    this.skeletonShown = true;
    const locale = this.localeOrDefault;
    const money = (value: number) => formatMoney(value, this.config?.currency ?? SKELETON_CURRENCY, locale);
    const items = SKELETON_ITEMS.slice(0, this.pageSizeOrDefault);
    const rows = items.map(
      ({ title, options, price, was }) => html`<li class="item" aria-hidden="true">
        <span class="media skeleton"></span>
        <div class="details">
          <p class="title">${skeletonText(title)}</p>
          <p class="options">${skeletonText(options.map(([name, value]) => this.t('wishlist.option', { name, value })).join(' · '))}</p>
          <p class="price">${was === undefined
            ? skeletonText(money(price))
            : html`<span class="sale">${skeletonText(money(price))}</span><span class="was">${skeletonText(money(was))}</span>`}</p>
        </div>
        <div class="actions">
          <span class="skeleton button-placeholder add-placeholder">${this.t('wishlist.addToBag')}</span>
          <span class="skeleton button-placeholder">${this.t('wishlist.remove')}</span>
        </div>
      </li>`,
    );
    return this.frame(
      html`${this.header(null, skeletonText(this.t('wishlist.count', { count: items.length, formatted: formatNumber(items.length, locale) })))}
        <ul class="list">
          ${rows}
        </ul>
        <span class="visually-hidden">${this.t('wishlist.loading')}</span>`,
      true,
    );
  }

  private cachedRow(item: ListItem, index: number): Row {
    if (!item.id) return this.row(item, index); // keyed by its position
    let row = this.derivedRows.get(item);
    // An image that failed since: this row alone is derived again, to show its placeholder instead.
    if (!row || (row.imageUrl && this.failedImages.has(row.imageUrl))) this.derivedRows.set(item, (row = this.row(item, index)));
    return row;
  }

  private row(item: ListItem, index: number): Row {
    const variant = item.product_variant;
    const custom = item.custom_product;
    const sku = itemSku(item);
    const apiBase = this.config?.apiBase ?? '';
    const images = [...(variant?.images ?? [])].sort(
      (a, b) => (a.sort_order ?? Number.POSITIVE_INFINITY) - (b.sort_order ?? Number.POSITIVE_INFINITY),
    );
    let imageUrl: string | null = null;
    for (const candidate of [...images.map((image) => image.url), custom?.image_url]) {
      imageUrl = safeHttpUrl(candidate, apiBase);
      if (imageUrl) break;
    }
    if (imageUrl && this.failedImages.has(imageUrl)) imageUrl = null;
    const locale = this.localeOrDefault;
    const optionList = (variant?.options ?? []).map((option) => this.t('wishlist.option', { name: option.name, value: option.value }));
    const quantity = Math.round(item.quantity);
    if (quantity > 1) optionList.push(this.t('wishlist.quantity', { formatted: formatNumber(quantity, locale) }));
    return {
      key: item.id || `row-${index}`,
      item,
      sku,
      title:
        variant?.title || item.product?.title || custom?.title || custom?.name || sku || this.t('wishlist.untitled'),
      imageUrl,
      link: safeHttpUrl(variant?.web_url ?? custom?.web_url, apiBase),
      options: optionList,
      price: variant?.price ?? custom?.price ?? null,
      discounted: variant?.price_discounted ?? null,
      currency: this.currencyFor(item),
    };
  }

  private currencyFor(item: ListItem): string | null {
    if (this.config?.currency) return this.config.currency;
    // The schema reads a product's currency as an ISO 4217 code, upper case, or null.
    return item.product?.currency ?? this.profile.snapshot.data?.currency?.base ?? null;
  }

  private renderRow(row: Row, pending: boolean): TemplateResult {
    return html`<li part="item" class="item" tabindex="-1" data-key=${row.key}>
      <span part="image" class="media">${row.imageUrl
        ? html`<img
            src=${row.imageUrl}
            alt=""
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
            @error=${() => this.imageFailed(row.imageUrl!)}
          />`
        : placeholderIcon}</span>
      <div class="details">
        <p part="title" class="title">${row.link ? html`<a part="link" href=${row.link} dir="auto">${row.title}</a>` : html`<bdi>${row.title}</bdi>`}</p>
        ${row.options.length > 0 ? html`<p part="options" class="options">${this.renderOptionList(row.options)}</p>` : nothing}
        ${row.price !== null ? html`<p part="price" class="price">${this.renderPrice(row, row.price)}</p>` : nothing}
      </div>
      <div class="actions">
        ${row.sku
          ? html`<button part="add-button" class="add" type="button" ?disabled=${row.item.id.startsWith('pending:')} @click=${(event: MouseEvent) => this.addToBag(row, event)}>
                ${this.t('wishlist.addToBag')}<span class="visually-hidden"> <bdi>${row.title}</bdi></span>
              </button>
              <button part="remove-button" class="remove" type="button" aria-busy=${pending ? 'true' : nothing} @click=${(event: MouseEvent) => this.removeRow(row, event)}>
                ${this.t('wishlist.remove')}<span class="visually-hidden"> <bdi>${row.title}</bdi></span>
              </button>`
          : nothing}
      </div>
    </li>`;
  }

  /**
   * API strings keep their own direction (an English "Sand / M" on an Arabic page): each option is isolated, and
   * the separators between them follow the page. A middle dot, not Intl.ListFormat: its "unit" lists read
   * "Colour : Sand et Size : M" in French.
   */
  private renderOptionList(options: string[]): TemplateResult[] {
    return options.map((option, index) => html`${index > 0 ? ' · ' : ''}<bdi>${option}</bdi>`);
  }

  private renderPrice(row: Row, price: number): TemplateResult | string {
    if (!row.currency) {
      // The profile is still loading: keep the line's box, show the figure when its currency is known.
      const loading = this.profile.watching && this.profile.snapshot.status === 'loading';
      if (loading) return html`<span class="skeleton" aria-hidden="true">$000.00</span>`;
    }
    const money = (value: number) => this.money(value, row.currency);
    // A sale is a price above 0 and below the full one: Omneo's "no discount" is null, and a 0 a feed filled in
    // would show the shopper "Now $0".
    const discounted = row.discounted ?? 0;
    const saleCents = toCents(discounted, row.currency);
    if (saleCents > 0 && saleCents < toCents(price, row.currency)) {
      const sale = money(discounted);
      const original = money(price);
      return html`<span aria-hidden="true"><span part="sale-price" class="sale">${sale}</span><s part="original-price">${original}</s></span
        ><span class="visually-hidden">${this.t('wishlist.price.sale', { price: sale, original })}</span>`;
    }
    return money(price);
  }

  /** Without any known currency (profile unavailable) the amount still shows, as a plain decimal. */
  private money(value: number, currency: string | null): string {
    return formatMoney(value, currency, this.localeOrDefault);
  }

  private renderMore(shown: number, total: number): TemplateResult {
    const locale = this.localeOrDefault;
    return html`<div part="more" class="more">
      <span class="showing">${this.t('wishlist.showing', { shown: formatNumber(shown, locale), total: formatNumber(total, locale) })}</span>
      <button part="more-button" type="button" @click=${() => this.showMore(shown)}>${this.t('wishlist.showMore')}</button>
    </div>`;
  }

  private imageFailed(url: string): void {
    if (this.failedImages.has(url)) return;
    this.failedImages.add(url);
    this.requestUpdate();
  }

  private showMore(previouslyShown: number): void {
    this.setNotice(null);
    this.shown = previouslyShown + this.pageSizeOrDefault;
    this.focusRequest = { kind: 'first-new', index: previouslyShown };
    // Announced politely (a status region that was already in the page), after the focused row is read.
    const total = this.currentItems().length;
    const locale = this.localeOrDefault;
    this.shownAnnouncement = this.t('wishlist.showing', {
      shown: formatNumber(Math.min(this.shown, total), locale),
      total: formatNumber(total, locale),
    });
    this.shownAnnouncementDataAt = this.lists.snapshot.updatedAt;
  }

  private addToBag(row: Row, event: MouseEvent): void {
    if (!row.sku) return;
    // A double-click's second click, or any press of this item's button soon after the last: the same add.
    const now = performance.now();
    if (event.detail > 1 || now - (this.lastAddAt.get(row.sku) ?? Number.NEGATIVE_INFINITY) < ADD_TO_BAG_REPEAT_MS) return;
    this.lastAddAt.set(row.sku, now);
    this.setNotice(null);
    // Cancelable so that a listener can tell the others it has handled it (the Shopify app embed stands down
    // on defaultPrevented); the element itself does nothing more either way.
    this.emit(
      'omneo-add-to-cart',
      {
        sku: row.sku,
        variantId: row.item.product_variant?.external_id ?? null,
        quantity: Math.max(1, Math.round(row.item.quantity)),
      },
      { cancelable: true },
    );
  }

  private async removeRow(row: Row, event: MouseEvent): Promise<void> {
    const wishlist = this.wishlist;
    const sku = row.sku;
    if (!wishlist || !sku || wishlist.isPending(sku)) return;
    // Where the row is now (not where it was when rendered: a row renders again only when it changes, not when
    // one above it leaves).
    const index = Math.max(0, this.currentItems().indexOf(row.item));
    // The row leaves at once and the next one moves up under the pointer: a click soon after a removal (a
    // double-click's second one) would remove an item the shopper never pointed at. Keyboard presses (detail 0)
    // are not held back: focus no longer lands on a Remove after a removal (below), so an Enter on one soon after
    // is the shopper's own Tab to it, and removing several items in a row from the keyboard stays quick.
    const now = performance.now();
    if (event.detail > 1 || (event.detail > 0 && now - this.lastRemovalAt < REMOVE_GUARD_MS)) return;
    this.lastRemovalAt = now;
    this.setNotice(null);
    // The row (and the focused button in it) disappears at once: focus moves to the next row itself, where an
    // Enter pressed again (or held) does nothing; Tab from there reaches that row's Remove.
    this.focusRequest = { kind: 'after-remove', index, key: row.key };
    this.focusedAfterRemove = null;
    try {
      await wishlist.setInWishlist(sku, false);
    } catch (error) {
      if (error instanceof OmneoProfileChangedError || error instanceof OmneoGuestError) {
        // Another shopper signed in, or the shopper signed out, under the removal: it was not sent, nothing
        // comes back, and the card shows what the store loads now (their list, or the guest state). Not a
        // failure to report. Focus, dropped with the old rows, goes to the heading once the new list is here.
        const inside = this.shadowRoot?.activeElement ?? null;
        const lost = !inside && (!document.activeElement || document.activeElement === document.body);
        this.focusRequest = inside || lost ? { kind: 'heading' } : null;
        this.focusedAfterRemove = null;
        this.requestUpdate(); // the new list may be here already
        return;
      }
      // The row is back. If focus is still where the removal put it (the next row, or the heading), it returns
      // to this row's Remove: the shopper is back where they pressed, and Enter retries this item.
      const active = this.shadowRoot?.activeElement ?? null;
      const movedTo = this.focusedAfterRemove as HTMLElement | null;
      const pending = this.focusRequest?.kind === 'after-remove' && this.focusRequest.index === index;
      const lost = !active && (!document.activeElement || document.activeElement === document.body);
      if (pending || lost || (active !== null && active === movedTo)) this.focusRequest = { kind: 'restored', sku };
      // The rows are back where the shopper saw them: a click now is on the item they pointed at (a retry).
      if (this.lastRemovalAt === now) this.lastRemovalAt = Number.NEGATIVE_INFINITY;
      this.setNotice({ key: 'wishlist.removeFailed', name: row.title, failure: true });
      return;
    }
    this.setNotice({ key: 'wishlist.removed', name: row.title, failure: false });
    this.emit('omneo-wishlist-change', { sku, inWishlist: false });
  }

  /** Sets or clears the message; any action or new data also ends a "Showing N of M" announcement. */
  private setNotice(notice: Notice | null): void {
    this.notice = notice;
    this.noticeDataAt = notice ? this.lists.snapshot.updatedAt : null;
    this.shownAnnouncement = '';
  }

  /** Another update, in a task of its own (see ROWS_PER_TASK), after `first`; `updateComplete` waits for it. */
  private updateInNextTask(first?: () => void): void {
    this.moreRows = nextTask().then(() => {
      this.moreRows = null;
      first?.();
      this.requestUpdate();
    });
  }

  /** Settled: every row of the pages shown is rendered (see ROWS_PER_TASK), not only the first screenful. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.moreRows) {
      await this.moreRows;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.rowsToCome > 0 && !this.moreRows) this.updateInNextTask();
    const request = this.focusRequest;
    if (!request || !this.shadowRoot) return;
    const rows = [...this.shadowRoot.querySelectorAll<HTMLElement>('li[part="item"]')];
    if (request.kind === 'restored') {
      // By sku, not by the row's key: a sku Omneo held twice whose removal was refused part-way comes back as the
      // row of the item Omneo still holds, which may be the other one.
      const key = findItemBySku({ items: this.currentItems() }, request.sku)?.id;
      const restored = rows.find((row) => row.dataset.key === key);
      if (!restored) return; // not rendered yet
      this.focusRequest = null;
      this.focusedAfterRemove = null;
      restored.querySelector<HTMLElement>('[part="remove-button"]')?.focus({ focusVisible: true });
      return;
    }
    if (request.kind === 'heading') {
      // The new list is on its way (or here, with the skeleton held for a task: see willUpdate).
      if ((!this.lists.snapshot.data && this.lists.snapshot.status !== 'guest') || this.skeletonHeld) return;
      this.focusRequest = null;
      this.shadowRoot.querySelector<HTMLElement>('[part="heading"]')?.focus({ focusVisible: true });
      return;
    }
    if (request.kind === 'first-new') {
      this.focusRequest = null;
      rows[request.index]?.focus({ focusVisible: true });
      return;
    }
    // Only once the row is gone, and only if focus went with it (a mouse user's focus is left alone). Focus in
    // any other row or place is the shopper's own (a click that focuses no button, as in Safari, left it on another
    // row's Add to bag): the request ends, or a later update (a refresh) pulled focus back after they had left.
    const active = this.shadowRoot.activeElement;
    if (active && active.isConnected) {
      if (!rows.some((row) => row.dataset.key === request.key && row.contains(active))) this.focusRequest = null;
      return;
    }
    this.focusRequest = null;
    // The row that took the removed one's place (the one above, when it was the last), never a control in it: a
    // second Enter (pressed twice, or held) must not act on the next item. The last item went: the heading. Both
    // are focusable by script only (tabindex="-1") and show a focus ring.
    const next = rows[Math.min(request.index, rows.length - 1)];
    const target = next ?? this.shadowRoot.querySelector<HTMLElement>('[part="heading"]');
    target?.focus({ focusVisible: true });
    this.focusedAfterRemove = target;
  }
}

/** A row still to render: as tall as a row off screen (see `.pending`), empty, and hidden from assistive technology. */
const rowToCome = html`<li class="item pending" aria-hidden="true"></li>`;

/**
 * Resolves in a task of its own, after waiting input and rendering but ahead of the page's ordinary tasks (image
 * and script loading would hold the rest of the page's rows back by 100 ms and more): `scheduler.postTask` at
 * "user-blocking" priority where there is one, else a message (the data layer's, slices.ts: not setTimeout, which a
 * background tab holds back for up to a second).
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?(task: () => void, options: { priority: string }): Promise<void> } }).scheduler;
  return scheduler?.postTask ? scheduler.postTask(() => {}, { priority: 'user-blocking' }) : messageTask();
}

const placeholderIcon = html`<svg class="placeholder" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 12h14l-4.5-6-3.5 4.5-2.5-3L5 17zm3.5-7a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z" />
</svg>`;
