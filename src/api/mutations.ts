/**
 * Writes the elements need: wishlist add/remove and benefit redeem. Mutations are never retried
 * automatically and are single-flight per target (a double click sends one request); the store is updated
 * optimistically, reconciled with the server's answer, and rolled back for that target alone on failure.
 *
 * Each mutation belongs to the store session it started in (`sessionGeneration`): signed out, it is refused
 * before anything shows; its writes go out only with a token for that session's profile; and nothing it learns
 * after a logout, a customer change or a profile change is written into the store.
 */
import { forProfile, type OmneoClient } from './client.js';
import { OmneoGuestError, OmneoHttpError, OmneoNetworkError, OmneoProfileChangedError, notSent, writeMayHaveApplied } from './errors.js';
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
import { findItemBySku, findItemsBySku, findWishlist, itemSku } from './rules.js';
import type { List, ListItem, Redemption } from './schemas/resources.js';
import type { OmneoStore } from './store.js';

/** Ids of optimistic items start with this, so they are never sent to Omneo. */
const PENDING_ID_PREFIX = 'pending:';

interface PendingChange {
  sku: string;
  inWishlist: boolean;
  /**
   * The items an optimistic removal took out (every item of the sku: other channels may have saved it twice), and
   * where each was, to put back if the removal fails.
   */
  removed: { item: ListItem; at: number }[];
  /** Ids of the items Omneo has removed for this change: never put back, never sent again. */
  deleted: Set<string>;
  promise: Promise<void>;
  /** The store session the change was made in. */
  generation: number;
}

/**
 * A client for the mutation started in session `generation`: bound to the profile of that session's token,
 * so a write never goes out with another shopper's token. Throws OmneoGuestError when signed out and
 * OmneoProfileChangedError when the session ended or resolved to another profile meanwhile.
 *
 * A refresh() (the page's sign-in handler, omneo-refresh) cancels the token request a request of it may be waiting
 * on: before the request goes, or after Omneo refused it with a 401 (not processed) to replay it. That is no
 * profile change: the request waits for the refreshed token and goes once with it, if the session is still this
 * one and the token names the same profile; another profile or nobody rejects it as before, and it is never sent
 * with their token. A request already on its way when refresh() is called is not touched.
 */
async function sessionClient(store: OmneoStore, generation: number): Promise<OmneoClient> {
  const pid = await sessionProfile(store, generation, store.profileId);
  const bound = forProfile(store.client, pid);
  const afterRefresh = <T>(run: (client: OmneoClient) => Promise<T>): Promise<T> =>
    run(bound).catch(async (error: unknown) => {
      // Without a path, from the client: its token request was cancelled (the provider's clear()), nothing carried out.
      // A logout, a customer change or another profile end the session (its generation moves on): those reject as
      // before. The wait is the store's (ensureSession), which outlives a further refresh() in turn.
      if (!(error instanceof OmneoProfileChangedError) || error.path !== null || store.sessionGeneration !== generation) throw error;
      return run(forProfile(store.client, await sessionProfile(store, generation, pid ?? store.profileId)));
    });
  return {
    apiBase: bound.apiBase,
    request: (path, schema, init) => afterRefresh((client) => client.request(path, schema, init)),
    send: (path, init) => afterRefresh((client) => client.send(path, init)),
  };
}

/** The profile of session `generation`'s token, `profile` if known (read before waiting); see sessionClient. */
async function sessionProfile(store: OmneoStore, generation: number, profile: string | null): Promise<string | null> {
  // No session could be had (the token endpoint failed): nothing was sent.
  const session = await store.ensureSession().catch((error: unknown) => Promise.reject(notSent(error)));
  if (!session) throw new OmneoGuestError();
  // ensureSession may itself have found another shopper's token (and cleared the store for them).
  if (store.sessionGeneration !== generation || (profile !== null && session.pid !== null && session.pid !== profile)) {
    throw new OmneoProfileChangedError(null);
  }
  return session.pid;
}

/**
 * Lets the store see a session change a request ran into. Another profile: it clears everything and loads the
 * new shopper's data; when a 401's re-mint named them (the client's error names the request) and the token endpoint
 * then fails, the last shopper's data goes all the same (noticeProfileChanged). Without a path the error is the
 * store's own (a session that ended or moved on already) or a token request a refresh() or logout cancelled: the
 * session is only asked for. Nobody (the storefront session ended without a logout, and a 401's re-mint or the token
 * renewal found a guest): it drops the shopper's data and every element shows the guest state, now rather than
 * at the next load.
 */
async function noticeSessionChange(store: OmneoStore, error: unknown): Promise<void> {
  if (error instanceof OmneoProfileChangedError) await (error.path !== null ? store.noticeProfileChanged() : store.ensureSession().catch(() => null));
  else if (error instanceof OmneoGuestError) await store.noticeSessionEnded().catch(() => undefined);
}

/**
 * What a mutation whose session ended rejects with, whatever interrupted it (often the session's abort):
 * a guest after a logout or a session that ended, else the profile change.
 */
function sessionEndedError(store: OmneoStore, generation: number, error: unknown): unknown {
  if (store.sessionGeneration === generation) return error;
  if (store.isSignedOut || error instanceof OmneoGuestError) return error instanceof OmneoGuestError ? error : new OmneoGuestError();
  return error instanceof OmneoProfileChangedError ? error : new OmneoProfileChangedError(null);
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
  private creatingList: { generation: number; promise: Promise<List> } | null = null;

  constructor(
    private readonly store: OmneoStore,
    readonly handle: string,
    /** The list's display name when we have to create it on the first add. */
    private readonly newListName = 'Wishlist',
  ) {
    // A read the store makes while a change is out (another tab's notice, a refresh, the 5-minute rule) started
    // after the optimistic edit, so its answer is taken; without this it would show the heart as it was before.
    store.overlay(listsResource, (lists) => this.withPending(lists, store.sessionGeneration));
  }

  /** `lists` with this session's changes still in flight laid over it. */
  private withPending(lists: List[], generation: number): List[] {
    let shown = lists;
    for (const change of this.pending.values()) if (change.generation === generation) shown = this.withItems(shown, this.optimistic(change));
    return shown;
  }

  /** The change in flight for this sku in the current session, if any (an ended session's does not count). */
  private pendingFor(key: string): PendingChange | null {
    const change = this.pending.get(key);
    return change && change.generation === this.store.sessionGeneration ? change : null;
  }

  /** Whether a change for this sku is in flight (buttons show busy and ignore clicks). */
  isPending(sku: string): boolean {
    return this.pendingFor(sku.trim()) !== null;
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

  private settle(change: PendingChange): void {
    if (this.pending.get(change.sku) !== change) return;
    this.pending.delete(change.sku);
    this.pendingListeners.forEach((listener) => listener());
  }

  /** The wishlist as the store holds it now, optimistic changes included. */
  current(): List | null {
    const lists = this.store.snapshot(listsResource).data;
    return lists ? findWishlist(lists, this.handle) : null;
  }

  /**
   * The skus saved, for the lists the store holds now (`findItemBySku`'s matches): built once per version of the
   * lists. Every heart on the page asks on every change, and a scan per heart made a toggle cost hearts × items
   * (2,000 hearts over a 1,000-item wishlist: millions of comparisons).
   */
  private saved: { lists: List[]; skus: Set<string> } | null = null;

  contains(sku: string): boolean {
    const lists = this.store.snapshot(listsResource).data;
    if (!lists) {
      this.saved = null;
      return false;
    }
    if (this.saved?.lists !== lists) {
      const skus = new Set<string>();
      for (const item of findWishlist(lists, this.handle)?.items ?? []) {
        const saved = itemSku(item);
        if (saved) skus.add(saved);
      }
      this.saved = { lists, skus };
    }
    const wanted = sku.trim();
    return wanted !== '' && this.saved.skus.has(wanted);
  }

  /**
   * Adds or removes `sku`. A call for a sku whose change is still in flight returns that change's promise:
   * nothing is sent twice. Rejects with the OmneoError on failure, after rolling back that sku only; with
   * OmneoGuestError at once, before any optimistic change, when the page is signed out. Called before anything has
   * loaded the lists, it reads them first, and rejects with that read's error if they cannot be read (nothing sent).
   */
  setInWishlist(sku: string, inWishlist: boolean): Promise<void> {
    return this.change(sku, () => inWishlist);
  }

  /** Removes `sku` if it is saved, else adds it: decided once the lists are known (read first, as above). */
  toggle(sku: string): Promise<void> {
    return this.change(sku, (key) => !this.contains(key));
  }

  /** A change of `sku` to what `wanted` says once the lists are known (`reads`: how many times to try reading them). */
  private change(sku: string, wanted: (key: string) => boolean, reads = 2): Promise<void> {
    const key = sku.trim();
    if (!key) return Promise.reject(new TypeError('A wishlist change needs a non-empty sku.'));
    if (this.store.isSignedOut) return Promise.reject(new OmneoGuestError());
    const inFlight = this.pendingFor(key);
    if (inFlight) return inFlight.promise;
    // Through the API before anything loaded the lists (the elements wait for them): whether the sku is saved, and
    // whether the shopper has a wishlist at all, is not known. Read them first: else an add creates a second wishlist
    // (its item hidden behind the first) and a removal does nothing. Lists that could not be read reject the change
    // as a failed one does, nothing sent or shown: going on without them would do that same harm.
    if (this.store.snapshot(listsResource).data === null) {
      const generation = this.store.sessionGeneration;
      return this.store.load(listsResource, { force: true }).then(() => {
        const { data, status, error } = this.store.snapshot(listsResource);
        // A session that replaced the one the change was asked in (another shopper; nobody): not theirs to make, even
        // when their lists are here (a heart watching them: the read followed into the new session's).
        if (this.store.sessionGeneration !== generation) {
          throw sessionEndedError(this.store, generation, status === 'guest' ? new OmneoGuestError() : new OmneoProfileChangedError(null));
        }
        if (data !== null) return this.change(key, wanted);
        // The read's error (a 5xx, a timeout) is no write's: writeMayHaveApplied says nothing was sent.
        if (error) throw notSent(error);
        if (status === 'guest') throw new OmneoGuestError();
        // The read's answer was dropped in the same session (a refresh, a write, an element leaving dropped it): read
        // again, once (a store disposed of answers at once, every time, with nothing).
        if (reads > 1) return this.change(key, wanted, reads - 1);
        throw notSent(new OmneoNetworkError(listsResource.key));
      });
    }
    const inWishlist = wanted(key);
    if (this.contains(key) === inWishlist) return Promise.resolve();
    const change: PendingChange = {
      sku: key,
      inWishlist,
      removed: [],
      deleted: new Set(),
      promise: Promise.resolve(),
      generation: this.store.sessionGeneration,
    };
    this.pending.set(key, change);
    this.pendingListeners.forEach((listener) => listener());
    change.promise = this.apply(change).finally(() => this.settle(change));
    return change.promise;
  }

  private async apply(change: PendingChange): Promise<void> {
    const { generation } = change;
    // Requests only this session needs: a logout or a switch aborts them.
    const signal = this.store.sessionSignal;
    const serverList = this.current();
    const serverItems = findItemsBySku(serverList, change.sku);
    this.showOptimistic(change);
    let client: OmneoClient | null = null;
    try {
      client = await sessionClient(this.store, generation);
      if (change.inWishlist) {
        const list = serverList && !serverList.id.startsWith(PENDING_ID_PREFIX) ? serverList : await this.ensureList(client, generation, signal);
        await addListItem(client, list.id, change.sku, 1, signal);
      } else if (serverItems.length) {
        // Every item of the sku, one DELETE each, one after the other: the heart is saved while any is left.
        const target = await this.locateOnServer(client, change.sku, serverList, serverItems, signal);
        let gone: unknown = null;
        for (const itemId of target?.itemIds ?? []) {
          try {
            await removeListItem(client, target!.listId, itemId, signal);
          } catch (error) {
            // Removed already (by another channel): the others still are to be removed. The list is read again below.
            if (error instanceof OmneoHttpError && error.status === 404) {
              gone = error;
              continue;
            }
            throw error; // the rest are not sent: the list is read again, and what is left comes back
          }
          change.deleted.add(itemId);
        }
        if (gone) throw gone;
      }
    } catch (error) {
      await noticeSessionChange(this.store, error);
      const sameSession = this.store.sessionGeneration === generation;
      // Removing what is not there any more (removed in another tab, or an earlier DELETE whose answer was lost):
      // what the shopper asked for is the case. The list is read again for the rest of it.
      const alreadyGone = !change.inWishlist && error instanceof OmneoHttpError && error.status === 404;
      // Some of a sku's items removed and then one refused: what is left at Omneo is read, not guessed.
      const partlyDone = change.deleted.size > 0;
      if (sameSession && client && (alreadyGone || partlyDone || writeMayHaveApplied(error))) {
        // The write may have been carried out (no answer, a timeout, a 5xx): the list says whether it was,
        // before the shopper is told anything. Rolling back blindly would show "not saved" for a saved item,
        // and the next click would send it again.
        this.store.markWritten(listsResource.key);
        const found = await this.reconcile(client, generation, signal);
        // Done only if the list read afterwards says so (a 404 for a stale list id would not have removed it).
        if (found !== undefined && (findItemBySku(found, change.sku) !== null) === change.inWishlist) return;
        // Not carried out after all, or the list could not be read either: roll back (and in that case read the
        // list again when the connection allows).
        if (this.store.sessionGeneration === generation) this.rollBack(change);
        if (found === undefined) void this.store.invalidate(listsResource.key);
        throw sessionEndedError(this.store, generation, error);
      }
      // Refused (a 4xx): nothing was done. Roll back this sku alone (other skus' changes may be in flight and
      // keep their state), and only in the session it was made in: an ended session's data is gone already.
      if (sameSession) this.rollBack(change);
      throw sessionEndedError(this.store, generation, error);
    }
    if (this.store.sessionGeneration !== generation) return; // signed out or switched meanwhile: nothing to reconcile
    this.store.markWritten(listsResource.key);
    // Still pending while the list is refetched: until then the item may only exist as a placeholder here,
    // and a click on it must not be taken for a finished change.
    await this.reconcile(client, generation, signal);
  }

  /**
   * The ids a DELETE needs. An optimistic placeholder whose add went through but whose refetch failed has no
   * real id yet: ask the server rather than "remove" it locally only (it would come back on the next load).
   */
  private async locateOnServer(
    client: OmneoClient,
    sku: string,
    list: List | null,
    items: ListItem[],
    signal: AbortSignal,
  ): Promise<{ listId: string; itemIds: string[] } | null> {
    const pending = (id: string) => id.startsWith(PENDING_ID_PREFIX);
    if (list && !pending(list.id) && !items.some((item) => pending(item.id))) return { listId: list.id, itemIds: items.map((item) => item.id) };
    const fresh = findWishlist(await getLists(client, signal), this.handle);
    const found = findItemsBySku(fresh, sku);
    return fresh && found.length ? { listId: fresh.id, itemIds: found.map((item) => item.id) } : null;
  }

  /**
   * Creates the wishlist on the first add; every first add of one session shares one creation. A created list is
   * kept until a re-read shows it (reconcile), not only while the request is out: until then the store still shows
   * the made-up list, and an add pressed meanwhile would create a second wishlist (its item never shown).
   */
  private ensureList(client: OmneoClient, generation: number, signal: AbortSignal): Promise<List> {
    if (this.creatingList?.generation !== generation) {
      const promise: Promise<List> = createList(client, this.handle, this.newListName, signal).catch((error: unknown) => {
        if (this.creatingList?.promise === promise) this.creatingList = null;
        throw error;
      });
      this.creatingList = { generation, promise };
    }
    return this.creatingList.promise;
  }

  /** Edits the wishlist in the store, within the change's session only. */
  private edit(change: PendingChange, update: (items: ListItem[]) => ListItem[]): void {
    const next = this.withItems(this.store.snapshot(listsResource).data ?? [], update);
    this.store.setData(listsResource, next, { generation: change.generation });
  }

  /** `lists` with the wishlist's items passed through `update` (and the wishlist made up locally if absent). */
  private withItems(lists: List[], update: (items: ListItem[]) => ListItem[]): List[] {
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
    return target ? lists.map((list) => (list === target ? updated : list)) : [...lists, updated];
  }

  /** What a change in flight does to the wishlist's items, shown before Omneo has answered. */
  private optimistic(change: PendingChange): (items: ListItem[]) => ListItem[] {
    return (items) => {
      if (change.inWishlist) return findItemBySku({ items }, change.sku) ? items : [...items, placeholderItem(change.sku)];
      const present = findItemsBySku({ items }, change.sku);
      change.removed = present.map((item) => ({ item, at: items.indexOf(item) }));
      return present.length ? items.filter((item) => !present.includes(item)) : items;
    };
  }

  private showOptimistic(change: PendingChange): void {
    this.edit(change, this.optimistic(change));
  }

  private rollBack(change: PendingChange): void {
    this.edit(change, (items) => {
      if (change.inWishlist) {
        const present = findItemBySku({ items }, change.sku);
        return present?.id.startsWith(PENDING_ID_PREFIX) ? items.filter((item) => item !== present) : items;
      }
      // Each item Omneo still holds back where it was, not at the end: a wishlist row that "comes back" elsewhere
      // reads as a new item. Not one Omneo removed, nor one shown already (by the list read afterwards).
      const shown = new Set(items.map((item) => item.id));
      const restored = [...items];
      for (const { item, at } of change.removed) {
        if (change.deleted.has(item.id) || shown.has(item.id)) continue;
        restored.splice(Math.min(at, restored.length), 0, item);
      }
      return restored;
    });
  }

  /**
   * What item writes return is undocumented (omneo-api.md §2.8), so the lists are fetched again after each
   * write; changes still in flight are laid over the fresh copy so their buttons do not flicker. The fresh
   * copy is written only if the session that made the change is still the current one, and only if no read that
   * started later has landed first (one re-read per change, however the answers are ordered). Resolves with the
   * wishlist as the server had it at this read (null: there is none), or undefined when the lists could not be
   * read.
   */
  private async reconcile(client: OmneoClient, generation: number, signal: AbortSignal): Promise<List | null | undefined> {
    const ticket = this.store.readTicket(listsResource);
    let fresh: List[];
    try {
      fresh = await getLists(client, signal);
    } catch (error) {
      // The write succeeded and the optimistic state shows it; only the refetch failed. The next refresh
      // corrects any detail (the placeholder's title, price) rather than reporting a failure.
      await noticeSessionChange(this.store, error);
      return undefined;
    }
    const serverWishlist = findWishlist(fresh, this.handle);
    if (this.store.sessionGeneration !== generation) return serverWishlist;
    // Changes still in flight are laid over the fresh copy before it is written, in one write that counts as
    // this read's answer: a local edit afterwards would count as a write and drop the other changes' re-reads.
    // Not written when a later-started read landed first (another heart's re-read, a refresh): that read started
    // after this write was answered, so it shows it already, and reading again would only cost a request.
    this.store.setData(listsResource, this.withPending(fresh, generation), { generation, ticket });
    // Omneo's wishlist has been read, so a kept creation has done its job; kept, it would take every later first
    // add to a list deleted since (by another app), each refused with a 404.
    if (serverWishlist && this.creatingList?.generation === generation) this.creatingList = null;
    return serverWishlist;
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

/** A refusal that says the wallet's copy of the benefit is out of date (404 gone, 409 conflict, 422 not redeemable). */
function refusedAsOutOfDate(error: unknown): boolean {
  return error instanceof OmneoHttpError && (error.status === 404 || error.status === 409 || error.status === 422);
}

const redemptions = new WeakMap<OmneoStore, Map<string, { generation: number; promise: Promise<Redemption> }>>();

/**
 * Redeems a benefit: single-flight per benefit within a session (a double click redeems once), never retried.
 * Afterwards the benefits and balances are refetched (omneo-api.md §2.5).
 *
 * Whether the POST can have gone out, by outcome (the wallet relies on this):
 * - OmneoGuestError or OmneoProfileChangedError: nothing was spent. Either was raised before the POST left (the
 *   session resolved to nobody or to another profile, or the token the client was about to send was nobody's or
 *   another profile's), or after Omneo answered the POST 401 (not authenticated, so not processed) and the
 *   re-mint found nobody or someone else: the client never replays a write with another profile's token. The
 *   store has been told by the time the promise rejects: it is a guest's, or loading the new shopper's data.
 * - Anything else (the redemption, an HTTP error, a timeout) answers a POST that went out with this session's
 *   token, and that a logout or a switch does not abort: it spends, and its answer is the only record of what was
 *   spent. When it may have been carried out (no answer, a timeout, a 5xx: `writeMayHaveApplied`), benefits and
 *   balances have been refetched by the time it rejects, so that the wallet shows what Omneo says was used and a
 *   caller must say it could not confirm the redeem, not that nothing was used.
 *   If the session ended while it was out, the outcome is the previous shopper's: `store.sessionGeneration`
 *   has moved on from the value it had when this was called, nothing is refetched, and a caller must present it,
 *   success or failure, to nobody signed in now.
 */
export function redeemBenefit(store: OmneoStore, benefitId: string, count = 1): Promise<Redemption> {
  if (store.isSignedOut) return Promise.reject(new OmneoGuestError());
  let inFlight = redemptions.get(store);
  if (!inFlight) {
    inFlight = new Map();
    redemptions.set(store, inFlight);
  }
  const generation = store.sessionGeneration;
  // A redeem of the same id still out from an ended session (signed out and in again) is that session's: not shared.
  const existing = inFlight.get(benefitId);
  if (existing?.generation === generation) return existing.promise;
  const byBenefit = inFlight;
  const promise = (async () => {
    let redemption: Redemption;
    try {
      const client = await sessionClient(store, generation);
      // Not aborted by a logout: it spends, and its answer is the only record of what was spent.
      redemption = await postBenefitRedemption(client, benefitId, count);
    } catch (error) {
      await noticeSessionChange(store, error);
      // No answer, a timeout or a 5xx: the benefit may have been used all the same. What the wallet shows next
      // comes from Omneo, not from a guess (the caller says it could not confirm).
      if (writeMayHaveApplied(error) && store.sessionGeneration === generation) {
        await Promise.all([store.invalidate(benefitsResource.key), store.invalidate(balancesResource.key)]);
      } else if (refusedAsOutOfDate(error) && store.sessionGeneration === generation) {
        // Refused because the benefit is not what the wallet shows (used up in another tab, expired, removed):
        // read it again, so that the row stops offering a redeem Omneo will not do.
        await store.invalidate(benefitsResource.key);
      }
      throw error;
    }
    // Refetched only in the session that redeemed: after a logout or a switch nothing of it is shown.
    if (store.sessionGeneration === generation) {
      await Promise.all([store.invalidate(benefitsResource.key), store.invalidate(balancesResource.key)]);
    }
    return redemption;
  })().finally(() => {
    if (byBenefit.get(benefitId)?.promise === promise) byBenefit.delete(benefitId);
  });
  byBenefit.set(benefitId, { generation, promise });
  return promise;
}
