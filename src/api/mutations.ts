/**
 * Writes the elements need: wishlist add/remove and benefit redeem. Mutations are never retried
 * automatically and are single-flight per target (a double click sends one request); the store is updated
 * optimistically, reconciled with the server's answer, and rolled back for that target alone on failure.
 */
import { OmneoGuestError } from './errors.js';
import {
  addListItem,
  balancesResource,
  benefitsResource,
  createList,
  getLists,
  listsResource,
  postBenefitRedemption,
  removeListItem,
} from './resources.js';
import { findItemBySku, findWishlist } from './rules.js';
import type { List, ListItem, Redemption } from './schemas/resources.js';
import type { OmneoStore } from './store.js';

/** Ids of optimistic items start with this, so they are never sent to Omneo. */
const PENDING_ID_PREFIX = 'pending:';

interface PendingChange {
  sku: string;
  inWishlist: boolean;
  /** The item an optimistic removal took out, and where it was, to put back if the removal fails. */
  removed: ListItem | null;
  removedAt: number;
  promise: Promise<void>;
}

function placeholderItem(sku: string): ListItem {
  return {
    id: `${PENDING_ID_PREFIX}${sku}`,
    quantity: 1,
    position: null,
    created_at: null,
    product_variant: {
      id: null,
      sku,
      external_id: null,
      title: null,
      price: null,
      price_discounted: null,
      price_comparison: null,
      web_url: null,
      images: [],
      options: [],
      available_quantity: null,
    },
    custom_product: null,
    product: null,
  };
}

/** The wishlist of one store and handle. Obtain it with `wishlistFor(store, handle)`. */
export class Wishlist {
  private readonly pending = new Map<string, PendingChange>();
  private readonly pendingListeners = new Set<() => void>();
  private creatingList: Promise<List> | null = null;

  constructor(
    private readonly store: OmneoStore,
    readonly handle: string,
    /** The list's display name when we have to create it on the first add. */
    private readonly newListName = 'Wishlist',
  ) {}

  /** Whether a change for this sku is in flight (buttons show busy and ignore clicks). */
  isPending(sku: string): boolean {
    return this.pending.has(sku.trim());
  }

  /**
   * Called whenever a sku's change starts or settles. The lists resource alone is not enough: a failed
   * change is rolled back while it is still pending, so a second button for the same sku would otherwise
   * stay busy until the next unrelated update.
   */
  onPendingChange(listener: () => void): () => void {
    this.pendingListeners.add(listener);
    return () => this.pendingListeners.delete(listener);
  }

  private settle(key: string): void {
    if (this.pending.delete(key)) this.pendingListeners.forEach((listener) => listener());
  }

  /** The wishlist as the store holds it now, optimistic changes included. */
  current(): List | null {
    const lists = this.store.snapshot(listsResource).data;
    return lists ? findWishlist(lists, this.handle) : null;
  }

  contains(sku: string): boolean {
    return findItemBySku(this.current(), sku) !== null;
  }

  /**
   * Adds or removes `sku`. A call for a sku whose change is still in flight returns that change's promise:
   * nothing is sent twice. Rejects with the OmneoError on failure, after rolling back that sku only.
   */
  setInWishlist(sku: string, inWishlist: boolean): Promise<void> {
    const key = sku.trim();
    if (!key) return Promise.reject(new TypeError('A wishlist change needs a non-empty sku.'));
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight.promise;
    if (this.contains(key) === inWishlist) return Promise.resolve();
    const change: PendingChange = { sku: key, inWishlist, removed: null, removedAt: -1, promise: Promise.resolve() };
    this.pending.set(key, change);
    this.pendingListeners.forEach((listener) => listener());
    change.promise = this.apply(change).finally(() => this.settle(key));
    return change.promise;
  }

  toggle(sku: string): Promise<void> {
    return this.setInWishlist(sku, !this.contains(sku));
  }

  private async apply(change: PendingChange): Promise<void> {
    const profile = this.store.profileId;
    const serverList = this.current();
    const serverItem = findItemBySku(serverList, change.sku);
    this.showOptimistic(change);
    try {
      const session = await this.store.ensureSession();
      if (!session) throw new OmneoGuestError();
      if (change.inWishlist) {
        const list = serverList && !serverList.id.startsWith(PENDING_ID_PREFIX) ? serverList : await this.ensureList();
        await addListItem(this.store.client, list.id, change.sku);
      } else if (serverItem) {
        const target = await this.locateOnServer(change.sku, serverList, serverItem);
        if (target) await removeListItem(this.store.client, target.listId, target.itemId);
      }
    } catch (error) {
      // Roll back this sku alone: other skus' changes may be in flight and keep their state.
      if (this.store.profileId === profile) this.rollBack(change);
      throw error;
    }
    if (this.store.profileId !== profile) return; // signed out or switched meanwhile: nothing to reconcile
    // Still pending while the list is refetched: until then the item may only exist as a placeholder here,
    // and a click on it must not be taken for a finished change.
    await this.reconcile();
  }

  /**
   * The ids a DELETE needs. An optimistic placeholder whose add went through but whose refetch failed has no
   * real id yet: ask the server rather than "remove" it locally only (it would come back on the next load).
   */
  private async locateOnServer(sku: string, list: List | null, item: ListItem): Promise<{ listId: string; itemId: string } | null> {
    if (list && !list.id.startsWith(PENDING_ID_PREFIX) && !item.id.startsWith(PENDING_ID_PREFIX)) return { listId: list.id, itemId: item.id };
    const fresh = findWishlist(await getLists(this.store.client), this.handle);
    const found = findItemBySku(fresh, sku);
    return fresh && found ? { listId: fresh.id, itemId: found.id } : null;
  }

  /** Creates the wishlist on the first add; concurrent first adds share one creation. */
  private ensureList(): Promise<List> {
    this.creatingList ??= createList(this.store.client, this.handle, this.newListName).finally(() => {
      this.creatingList = null;
    });
    return this.creatingList;
  }

  private edit(update: (items: ListItem[]) => ListItem[]): void {
    const lists = this.store.snapshot(listsResource).data ?? [];
    const target = findWishlist(lists, this.handle);
    const wishlist: List = target ?? {
      id: `${PENDING_ID_PREFIX}list`,
      handle: this.handle,
      name: this.newListName,
      description: null,
      definition: null,
      items: [],
      droppedItems: [],
    };
    const updated = { ...wishlist, items: update(wishlist.items) };
    this.store.setData(listsResource, target ? lists.map((list) => (list === target ? updated : list)) : [...lists, updated]);
  }

  private showOptimistic(change: PendingChange): void {
    this.edit((items) => {
      const present = findItemBySku({ items }, change.sku);
      if (change.inWishlist) return present ? items : [...items, placeholderItem(change.sku)];
      change.removed = present;
      change.removedAt = present ? items.indexOf(present) : -1;
      return present ? items.filter((item) => item !== present) : items;
    });
  }

  private rollBack(change: PendingChange): void {
    this.edit((items) => {
      const present = findItemBySku({ items }, change.sku);
      if (change.inWishlist) return present?.id.startsWith(PENDING_ID_PREFIX) ? items.filter((item) => item !== present) : items;
      if (present || !change.removed) return items;
      // Back where it was, not at the end: a wishlist row that "comes back" elsewhere reads as a new item.
      const at = change.removedAt < 0 ? items.length : Math.min(change.removedAt, items.length);
      return [...items.slice(0, at), change.removed, ...items.slice(at)];
    });
  }

  /**
   * What item writes return is undocumented (omneo-api.md §2.8), so the lists are fetched again after each
   * write; changes still in flight are laid over the fresh copy so their buttons do not flicker.
   */
  private async reconcile(): Promise<void> {
    let fresh: List[];
    try {
      fresh = await getLists(this.store.client);
    } catch {
      // The write succeeded and the optimistic state shows it; only the refetch failed. The next refresh
      // corrects any detail (the placeholder's title, price) rather than reporting a failure.
      return;
    }
    this.store.setData(listsResource, fresh);
    for (const change of this.pending.values()) this.showOptimistic(change);
  }
}

const wishlists = new WeakMap<OmneoStore, Map<string, Wishlist>>();

/** One Wishlist per store and handle, so every button for a sku on the page shares its state. */
export function wishlistFor(store: OmneoStore, handle: string): Wishlist {
  let byHandle = wishlists.get(store);
  if (!byHandle) {
    byHandle = new Map();
    wishlists.set(store, byHandle);
  }
  let wishlist = byHandle.get(handle);
  if (!wishlist) {
    wishlist = new Wishlist(store, handle);
    byHandle.set(handle, wishlist);
  }
  return wishlist;
}

const redemptions = new WeakMap<OmneoStore, Map<string, Promise<Redemption>>>();

/**
 * Redeems a benefit: single-flight per benefit (a double click redeems once), never retried. Afterwards
 * the benefits and balances are refetched (omneo-api.md §2.5).
 */
export function redeemBenefit(store: OmneoStore, benefitId: string, count = 1): Promise<Redemption> {
  let inFlight = redemptions.get(store);
  if (!inFlight) {
    inFlight = new Map();
    redemptions.set(store, inFlight);
  }
  const existing = inFlight.get(benefitId);
  if (existing) return existing;
  const byBenefit = inFlight;
  const promise = (async () => {
    const session = await store.ensureSession();
    if (!session) throw new OmneoGuestError();
    const redemption = await postBenefitRedemption(store.client, benefitId, count);
    await Promise.all([store.invalidate(benefitsResource.key), store.invalidate(balancesResource.key)]);
    return redemption;
  })().finally(() => byBenefit.delete(benefitId));
  byBenefit.set(benefitId, promise);
  return promise;
}
