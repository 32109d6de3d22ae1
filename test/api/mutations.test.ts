import { expect } from '@open-wc/testing';
import { CrossPageCache, flushCachedData, forgetAllCachedData } from '../../src/api/cache.js';
import { createOmneoClient } from '../../src/api/client.js';
import { OmneoGuestError, OmneoHttpError, OmneoNetworkError, OmneoProfileChangedError, writeMayHaveApplied } from '../../src/api/errors.js';
import { redeemBenefit, wishlistFor } from '../../src/api/mutations.js';
import { balancesResource, benefitsResource, listsResource } from '../../src/api/resources.js';
import { findWishlist } from '../../src/api/rules.js';
import { OmneoStore } from '../../src/api/store.js';
import type { List } from '../../src/api/schemas/resources.js';
import { createTokenProvider, endpointTokenSource, type TokenSource } from '../../src/api/token-provider.js';
import { until } from '../helpers/page.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { pageStore, storeFollowing, storeWithSource, switchingStore } from '../helpers/page-stores.js';


const ZOE_PID = '0b7e2c41-3d5a-4f8e-9c61-7a2d4e8b1f03';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How long a wishlist read is held while a test changes the session under it (a refresh(), another shopper, a
 * session's end). Each test must act before the read answers; 300–400 ms was not enough on a loaded machine: in
 * Firefox beside another browser run the read answered first, the write went out for Ava and resolved, and 'a guest
 * error' failed. The tests await the read's outcome, so a longer hold costs only its own time.
 */
const READ_HELD_MS = 2000;
const skusOf = (lists: List[] | null | undefined) => (lists ? findWishlist(lists, 'wishlist')?.items.map((item) => item.product_variant?.sku) ?? [] : []);
/** The cross-page cache's keys in sessionStorage, once what was written and not stored yet (WRITE_AFTER_MS) is stored. */
const cachedKeys = () => {
  flushCachedData(sessionStorage);
  return Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:'));
};

/** A token endpoint that answers 503 at once, not retried. */
const downEndpoint = (scope: TestScope) =>
  endpointTokenSource(scope.tokenEndpoint('zoe'), { fetch: async () => new Response('', { status: 503 }), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });


/** A token request that waits until it is cancelled (refresh() or logout clearing the token); `started` says it is out. */
function heldUntilCancelled(): { source: TokenSource; started: () => boolean } {
  let started = false;
  return {
    started: () => started,
    source: (signal) => {
      started = true;
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
  };
}

async function loadedLists(store: OmneoStore) {
  store.watch(listsResource, () => {});
  await until(() => store.snapshot(listsResource).status === 'ready', 4000, 'lists');
}

describe('wishlist mutations', () => {
  let scope: TestScope;
  beforeEach(async () => {
    forgetAllCachedData(sessionStorage); // and what the last test wrote and the cache has not stored yet
    sessionStorage.clear();
    scope = await newScope();
  });

  it('adds optimistically, sends one POST, then reconciles with the server item', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    expect(wishlist.contains('LS-SAND-L')).to.equal(false);
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 200 });
    const adding = wishlist.setInWishlist('LS-SAND-L', true);
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
    expect(wishlist.isPending('LS-SAND-L')).to.equal(true);
    // A double click while in flight is the same change, not a second request.
    const again = wishlist.toggle('LS-SAND-L');
    expect(again).to.equal(adding);
    await adding;
    expect(wishlist.isPending('LS-SAND-L')).to.equal(false);
    const item = wishlist.current()!.items.find((i) => i.product_variant?.sku === 'LS-SAND-L')!;
    expect(item.id).to.not.match(/^pending:/);
    expect(item.product_variant!.title).to.be.a('string');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('wishlistFor shares one instance per store and handle', async () => {
    const store = pageStore(scope, 'ava');
    expect(wishlistFor(store, 'wishlist')).to.equal(wishlistFor(store, 'wishlist'));
    expect(wishlistFor(store, 'wishlist')).to.not.equal(wishlistFor(store, 'gifts'));
  });

  it('removes an item with DELETE (204) and keeps it removed', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await wishlist.setInWishlist('LS-SAND-M', false);
    expect(wishlist.contains('LS-SAND-M')).to.equal(false);
    expect(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE')).to.equal(1);
  });

  it('removes an item whose DELETE is answered 200 with the remaining items (the other answer §2.8 names)', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    const remaining = { data: [{ id: 88342, product_list_id: 6021, quantity: 1, product_variant: { sku: 'KN-NAVY-S' } }] };
    await scope.addFaults({ method: 'DELETE', path: '/items/88310', status: 200, body: remaining, afterProcessing: true });
    await wishlist.setInWishlist('LS-SAND-M', false);
    expect(wishlist.contains('LS-SAND-M')).to.equal(false);
    expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal(['KN-NAVY-S']);
    expect(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE')).to.equal(1);
  });

  it('rolls back only the failed sku, never retries, and reports a typed error', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'POST', path: '/items', status: 500, latencyMs: 100 });
    const failing = wishlist.setInWishlist('LS-SAND-L', true);
    const removing = wishlist.setInWishlist('KN-NAVY-S', false);
    const error = await failing.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.equal(500);
    await removing;
    expect(wishlist.contains('LS-SAND-L')).to.equal(false);
    expect(wishlist.contains('KN-NAVY-S')).to.equal(false);
    expect(wishlist.contains('LS-SAND-M')).to.equal(true);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('puts a removed item back when the removal fails', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'DELETE', path: '/items/', status: 503 });
    await wishlist.setInWishlist('LS-SAND-M', false).catch(() => {});
    expect(wishlist.contains('LS-SAND-M')).to.equal(true);
    expect(wishlist.current()!.items.find((i) => i.product_variant?.sku === 'LS-SAND-M')!.id).to.equal('88310');
  });

  it('a revalidation that started before an add never undoes it when it lands late', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', stallBodyMs: 900 });
    const revalidating = store.refresh(); // the slow read: its answer is from before the add (the body stalls after the server answered)
    await until(async () => (await scope.count('/profiles/me/lists')) === 2, 4000, 'the slow read is out');
    await wishlist.setInWishlist('LS-SAND-L', true);
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
    await revalidating;
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
    expect(skusOf(store.snapshot(listsResource).data)).to.include('LS-SAND-L');
    await wishlist.setInWishlist('LS-SAND-L', true); // still saved: nothing to send
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('two hearts whose re-reads land out of order: both stay saved', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    // The first add's re-read is slow; the second add's write and re-read overtake it.
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', stallBodyMs: 900 });
    const first = wishlist.setInWishlist('LS-SAND-L', true);
    await until(async () => (await scope.count('/profiles/me/lists')) === 2, 4000, 'the first re-read is out');
    await wishlist.setInWishlist('KN-NAVY-M', true);
    await first;
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
    expect(wishlist.contains('KN-NAVY-M')).to.equal(true);
    expect(wishlist.current()!.items.every((item) => !item.id.startsWith('pending:'))).to.equal(true);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(2);
    // The first re-read, landing after the second's, is not made again: the second started after both writes.
    expect(await scope.count('/profiles/me/lists')).to.equal(3); // the page's load and one re-read per heart
  });

  it('a refused removal puts the item back where it was, not at the end of the list', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    const before = wishlist.current()!.items.map((item) => item.id);
    expect(before.indexOf('88310')).to.be.below(before.length - 1);
    await scope.addFaults({ method: 'DELETE', path: '/items/', status: 403 });
    await wishlist.setInWishlist('LS-SAND-M', false).catch(() => {});
    expect(wishlist.current()!.items.map((item) => item.id)).to.deep.equal(before);
  });

  it('a removal whose answer is lost and whose list cannot be read again: put back, with the error, not taken for done', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults([
      { method: 'DELETE', path: '/items/', status: 503 },
      { method: 'GET', path: '/profiles/me/lists', status: 500, times: 3 }, // the re-read and its two retries
    ]);
    const error = await wishlist.setInWishlist('LS-SAND-M', false).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(wishlist.contains('LS-SAND-M')).to.equal(true);
  });

  it('an add whose answer is lost but which was carried out: saved, no error, never sent twice', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'POST', path: '/items', status: 502, afterProcessing: true });
    await wishlist.setInWishlist('LS-SAND-L', true);
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
    await wishlist.setInWishlist('LS-SAND-L', true);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
  });

  it('removing a heart whose add was answered but is not at Omneo (its re-read failed): unsaved, no error, no DELETE', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    // The add is answered 201 without being carried out, and the list cannot be read back: a placeholder stays.
    await scope.addFaults([
      { method: 'POST', path: '/items', status: 201, body: {} },
      { method: 'GET', path: '/profiles/me/lists$', status: 403 },
    ]);
    await wishlist.setInWishlist('LS-SAND-L', true);
    expect(wishlist.current()!.items.some((item) => item.id.startsWith('pending:'))).to.equal(true);
    await wishlist.setInWishlist('LS-SAND-L', false); // Omneo is asked where the item is: nowhere
    expect(wishlist.contains('LS-SAND-L')).to.equal(false);
    expect((await scope.requests()).filter((request) => request.method === 'DELETE')).to.deep.equal([]);
  });

  it('an add whose answer is lost and which was not carried out: rolled back, with the error', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'POST', path: '/items', status: 504 });
    const error = await wishlist.setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(wishlist.contains('LS-SAND-L')).to.equal(false);
    expect(wishlist.current()!.items.every((item) => !item.id.startsWith('pending:'))).to.equal(true);
  });

  it('removing an item already gone (removed on another page): done, no error, and it stays gone', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const otherTab = pageStore(scope, 'ava');
    await loadedLists(otherTab);
    await wishlistFor(otherTab, 'wishlist').setInWishlist('LS-SAND-M', false);
    const wishlist = wishlistFor(store, 'wishlist');
    expect(wishlist.contains('LS-SAND-M')).to.equal(true); // this page has not heard
    await wishlist.setInWishlist('LS-SAND-M', false);
    expect(wishlist.contains('LS-SAND-M')).to.equal(false);
    expect(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE')).to.equal(2);
  });

  it('hearts pressed close together: one list re-read per change, no placeholder left', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    await scope.clearRequests();
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', latencyMs: 150, times: 50 });
    const wishlist = wishlistFor(store, 'wishlist');
    const skus = ['LS-SAND-L', 'KN-NAVY-M', 'LS-SAND-S', 'KN-NAVY-L'];
    const changes: Promise<void>[] = [];
    for (const sku of skus) {
      changes.push(wishlist.setInWishlist(sku, true));
      await pause(40);
    }
    await Promise.all(changes);
    expect(await scope.count('/profiles/me/lists')).to.be.at.most(skus.length);
    expect(skus.every((sku) => wishlist.contains(sku))).to.equal(true);
    expect(wishlist.current()!.items.filter((item) => item.id.startsWith('pending:'))).to.deep.equal([]);
  });

  it('a heart set through the API before the lists have loaded: into the shopper\'s wishlist, not a second one; a removal removes', async () => {
    const store = pageStore(scope, 'ava');
    const wishlist = wishlistFor(store, 'wishlist'); // no element watches the lists: nothing has loaded them
    await wishlist.setInWishlist('LS-SAND-L', true);
    expect(await scope.count('/profiles/me/lists', 'POST')).to.equal(0);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
    expect(wishlist.current()!.id).to.equal('6021');
    // And a removal before they have loaded (another page's store) removes it, rather than taking it for not saved.
    const other = wishlistFor(pageStore(scope, 'ava'), 'wishlist');
    await other.setInWishlist('LS-SAND-M', true); // saved already: nothing to send
    await other.setInWishlist('LS-SAND-L', false);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    expect((await scope.requests()).filter((request) => request.method === 'DELETE')).to.have.length(1);
    expect(other.contains('LS-SAND-L')).to.equal(false);
  });

  it('toggle() through the API before the lists have loaded: a saved sku is removed, not taken for unsaved and "added" with nothing sent', async () => {
    const store = pageStore(scope, 'ava');
    const wishlist = wishlistFor(store, 'wishlist'); // nothing has loaded the lists
    await wishlist.toggle('LS-SAND-M'); // saved at Omneo
    expect((await scope.requests()).filter((request) => request.method === 'DELETE')).to.have.length(1);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(0);
    expect(wishlist.contains('LS-SAND-M')).to.equal(false);
    // And on another page, one not saved is added.
    const other = wishlistFor(pageStore(scope, 'ava'), 'wishlist');
    await other.toggle('LS-SAND-L');
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    expect(other.contains('LS-SAND-L')).to.equal(true);
  });

  it('a heart set through the API when the token endpoint says nobody is signed in (no logout on the page): OmneoGuestError, nothing shown', async () => {
    const store = pageStore(scope, 'guest');
    const wishlist = wishlistFor(store, 'wishlist');
    const seen: (List[] | null)[] = [];
    const added = wishlist.setInWishlist('LS-SAND-L', true).catch((error: unknown) => error);
    store.watch(listsResource, (snapshot) => seen.push(snapshot.data));
    expect(await added, 'the add').to.be.instanceOf(OmneoGuestError);
    expect(await wishlist.setInWishlist('LS-SAND-M', false).catch((error: unknown) => error), 'the removal').to.be.instanceOf(OmneoGuestError);
    expect(seen.filter((data) => data !== null), 'no made-up wishlist shown').to.deep.equal([]);
    expect(store.snapshot(listsResource).status).to.equal('guest');
  });

  it('a heart set through the API on a store disposed of (the page going away): rejected after two reads at most, nothing sent', async () => {
    const store = pageStore(scope, 'ava');
    const wishlist = wishlistFor(store, 'wishlist');
    store.dispose(); // every load now answers at once, with nothing
    // A safety net, so that a re-read without end fails this test rather than hanging the page on microtasks.
    let loads = 0;
    const load = store.load.bind(store);
    store.load = ((...args: Parameters<typeof load>) => {
      if (++loads > 20) throw new Error('the lists read without end');
      return load(...args);
    }) as typeof store.load;
    const error = await wishlist.setInWishlist('LS-SAND-L', true).catch((caught: unknown) => caught);
    expect(String(error)).to.not.include('without end');
    expect(error).to.be.instanceOf(OmneoNetworkError);
    expect(writeMayHaveApplied(error), 'writeMayHaveApplied: nothing was sent').to.equal(false);
    expect(loads).to.equal(2);
    expect((await scope.requests()).filter((request) => request.path.startsWith('/profiles/'))).to.deep.equal([]);
  });

  it('a heart set through the API whose read of the lists fails: rejected with that error, nothing sent or shown; once they read, it goes through', async () => {
    const store = pageStore(scope, 'ava');
    const wishlist = wishlistFor(store, 'wishlist'); // no element watches the lists: nothing has loaded them
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', status: 403, times: 2 });
    const added = await wishlist.setInWishlist('LS-SAND-L', true).catch((error: unknown) => error);
    const removed = await wishlist.setInWishlist('LS-SAND-M', false).catch((error: unknown) => error);
    expect(added, 'the add').to.be.instanceOf(OmneoHttpError);
    expect((added as OmneoHttpError).status).to.equal(403);
    expect(removed, 'the removal').to.be.instanceOf(OmneoHttpError);
    // Not a second wishlist for a shopper who has one, and not a saved sku taken for removed: nothing sent at all.
    const writes = (await scope.requests()).filter((request) => request.path.startsWith('/profiles/') && request.method !== 'GET' && request.method !== 'OPTIONS');
    expect(writes.map((request) => `${request.method} ${request.path}`)).to.deep.equal([]);
    expect(wishlist.isPending('LS-SAND-L')).to.equal(false);
    expect(store.snapshot(listsResource).data, 'no made-up wishlist shown').to.equal(null);
    // The lists read now: the add goes into Ava's wishlist, once.
    await wishlist.setInWishlist('LS-SAND-L', true);
    expect(await scope.count('/profiles/me/lists', 'POST')).to.equal(0);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
  });

  it('a heart set through the API whose read of the lists fails with a 5xx: the read\'s error, not taken for a write that may have been made (nothing was sent)', async () => {
    const store = pageStore(scope, 'ava');
    const wishlist = wishlistFor(store, 'wishlist'); // nothing has loaded the lists
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', status: 500, times: 3 }); // the read and its two retries
    const error = await wishlist.setInWishlist('LS-SAND-L', true).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.equal(500);
    const writes = (await scope.requests()).filter((request) => request.path.startsWith('/profiles/') && request.method !== 'GET' && request.method !== 'OPTIONS');
    expect(writes, 'nothing sent').to.deep.equal([]);
    expect(writeMayHaveApplied(error), 'writeMayHaveApplied').to.equal(false);
  });

  it('a heart set through the API whose read of the lists is dropped (refresh() while it is out, the same shopper): read again, and the removal removes', async () => {
    const store = pageStore(scope, 'ava');
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', latencyMs: READ_HELD_MS, times: 1 });
    const removal = wishlist.setInWishlist('LS-SAND-M', false);
    await until(async () => (await scope.count('/profiles/me/lists')) === 1, 2000, 'the read out');
    await store.refresh(); // the read out went with the old token: its answer is dropped
    await removal;
    expect(await scope.count('/profiles/me/lists'), 'read, read again, and read after the DELETE').to.equal(3);
    expect((await scope.requests()).filter((request) => request.method === 'DELETE')).to.have.length(1);
    expect(wishlist.contains('LS-SAND-M')).to.equal(false);
  });

  it('a heart set through the API before the lists have loaded, when another shopper signs in while they are read (a heart on the page watching them): rejected as a profile change, nothing written into her lists', async () => {
    let who = 'ava';
    const store = storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who))(signal));
    store.watch(listsResource, () => {}); // a heart on the page: its read follows into the next shopper's
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', latencyMs: READ_HELD_MS, times: 1 });
    const wishlist = wishlistFor(store, 'wishlist');
    const added = wishlist.setInWishlist('LS-SAND-L', true).catch((error: unknown) => error);
    await until(async () => (await scope.count('/profiles/me/lists')) === 1, 2000, 'the read out');
    who = 'zoe';
    await store.refresh(); // Zoe signed in at the storefront: the page's sign-in handler
    expect(store.profileId).to.equal(ZOE_PID);
    expect(await added).to.be.instanceOf(OmneoProfileChangedError);
    const writes = (await scope.requests()).filter((request) => request.path.startsWith('/profiles/') && request.method !== 'GET' && request.method !== 'OPTIONS');
    expect(writes.map((request) => `${request.method} ${request.path}`), 'nothing written for Zoe').to.deep.equal([]);
    expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal([]);
  });

  it('a heart set through the API before the lists have loaded, when the storefront session ends while they are read: a guest error, nothing sent', async () => {
    let clock = Date.now();
    let who = 'ava';
    const store = storeFollowing(scope, () => who, { now: () => clock });
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(balancesResource).status === 'ready', 4000, 'Ava\'s balances');
    store.watch(listsResource, () => {}); // a heart on the page
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists$', latencyMs: READ_HELD_MS, times: 1 });
    const added = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true).catch((error: unknown) => error);
    await until(async () => (await scope.count('/profiles/me/lists')) === 1, 2000, 'the read out');
    clock += 3_600_000; // Ava's token lapsed, and her storefront session ended
    who = 'guest';
    await store.invalidate(balancesResource.key);
    expect(store.snapshot(balancesResource).status).to.equal('guest');
    expect(await added).to.be.instanceOf(OmneoGuestError);
    const writes = (await scope.requests()).filter((request) => request.path.startsWith('/profiles/') && request.method !== 'GET' && request.method !== 'OPTIONS');
    expect(writes).to.deep.equal([]);
  });

  it('a removal answered 404 for a list id that is out of date, while the item is still saved: not taken for done', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await scope.addFaults({ method: 'DELETE', path: '/items/', status: 404 });
    const error = await wishlist.setInWishlist('LS-SAND-M', false).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(wishlist.contains('LS-SAND-M')).to.equal(true);
  });

  it('creates the list on the first add, once for concurrent adds', async () => {
    const store = pageStore(scope, 'zoe');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    expect(wishlist.current()).to.equal(null);
    await Promise.all([wishlist.setInWishlist('LS-SAND-M', true), wishlist.setInWishlist('KN-NAVY-S', true)]);
    expect(await scope.count('/profiles/me/lists', 'POST')).to.equal(1);
    const lists = store.snapshot(listsResource).data!;
    const list = findWishlist(lists, 'wishlist')!;
    expect(list.id).to.not.match(/^pending:/);
    expect(list.items.map((i) => i.product_variant?.sku).sort()).to.deep.equal(['KN-NAVY-S', 'LS-SAND-M']);
  });

  it('a second first-time add after the list was created but before it was read back: into that list, not a second wishlist', async () => {
    const store = pageStore(scope, 'zoe');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    // The first add's item write is slow: its list exists at Omneo, the store still shows the made-up one.
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 400 });
    const first = wishlist.setInWishlist('LS-SAND-M', true);
    await until(async () => (await scope.requests()).some((r) => r.method === 'POST' && /\/items$/.test(r.path)), 2000, 'the list created, its first item on its way');
    expect(findWishlist(store.snapshot(listsResource).data!, 'wishlist')!.id).to.match(/^pending:/);
    await Promise.all([first, wishlist.setInWishlist('KN-NAVY-S', true)]);
    expect(await scope.count('/profiles/me/lists', 'POST'), 'lists created').to.equal(1);
    // Omneo's lists, read afresh: one wishlist, with both items.
    sessionStorage.clear();
    const fresh = pageStore(scope, 'zoe');
    await loadedLists(fresh);
    const lists = fresh.snapshot(listsResource).data!;
    expect(lists.filter((list) => list.handle === 'wishlist').length).to.equal(1);
    expect(skusOf(lists).sort()).to.deep.equal(['KN-NAVY-S', 'LS-SAND-M']);
    expect(skusOf(store.snapshot(listsResource).data).sort()).to.deep.equal(['KN-NAVY-S', 'LS-SAND-M']);
  });

  it('the wishlist this session created, deleted at Omneo since (another app): the next add creates one again, not a 404 for every add', async () => {
    const store = pageStore(scope, 'zoe');
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    await wishlist.setInWishlist('LS-SAND-M', true);
    const created = findWishlist(store.snapshot(listsResource).data!, 'wishlist')!;
    // Another app deletes it; the page reads the lists again and shows no wishlist.
    const { token } = (await (await fetch(scope.tokenEndpoint('zoe'), { method: 'POST' })).json()) as { token: string };
    const deleted = await fetch(new URL(`${scope.apiBase}/profiles/me/lists/${created.id}`, location.href), { method: 'DELETE', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    expect(deleted.status, 'deleted at Omneo').to.be.within(200, 204);
    await store.refresh();
    expect(findWishlist(store.snapshot(listsResource).data ?? [], 'wishlist')).to.equal(null);
    await wishlist.setInWishlist('KN-NAVY-S', true);
    expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal(['KN-NAVY-S']);
    expect(await scope.count('/profiles/me/lists', 'POST'), 'lists created').to.equal(2);
  });

  it('logout while the re-read after a write is in flight: the guest sees no list, and nothing is cached', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    await loadedLists(store);
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists', latencyMs: 400 });
    const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true);
    await until(async () => (await scope.count('/profiles/me/lists')) === 2, 4000, 'the re-read after the POST');
    store.logout();
    await adding.catch(() => undefined);
    await pause(500); // the re-read's answer would have arrived by now
    expect(store.snapshot(listsResource)).to.deep.include({ status: 'guest', data: null });
    expect(cachedKeys()).to.deep.equal([]);
  });

  it('a customer switch while the re-read is in flight: the last shopper’s list is neither shown nor cached for the new one', async () => {
    let who = 'ava';
    let listGets = 0;
    const lateSecondListRead: typeof fetch = async (input, init) => {
      const read = new URL(String(input), location.href).pathname.endsWith('/profiles/me/lists') && (init?.method ?? 'GET') === 'GET' ? ++listGets : 0;
      const response = await fetch(input, init);
      if (read !== 2) return response;
      // The re-read's answer is all in before the switch, and handed over after it: nothing can abort it any
      // more, so only the session check stands between it and the new shopper's store.
      const body = await response.text();
      await pause(600);
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const store = storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who))(signal), {
      customerHint: '7321987654321',
      fetchImpl: lateSecondListRead,
    });
    await loadedLists(store);
    const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true);
    await until(() => listGets === 2, 4000, 'the re-read');
    who = 'zoe';
    await store.setCustomerHint('7321987650011');
    expect(store.profileId).to.equal(ZOE_PID);
    await adding.catch(() => undefined);
    await pause(700);
    expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal([]);
    const zoeEntry = JSON.parse(sessionStorage.getItem(cachedKeys().find((key) => key.endsWith('customer:7321987650011'))!)!);
    expect(zoeEntry.pid).to.equal(ZOE_PID);
    expect(skusOf(zoeEntry.resources.lists.data)).to.deep.equal([]);
  });

  it('a change from a session that ended settling after the next shopper pressed the same heart: hers stays busy until it is done', async () => {
    let who = 'ava';
    let itemPosts = 0;
    // Ava's add is answered, and the answer handed over only after the switch: it settles while Zoe's is out.
    const lateFirstAdd: typeof fetch = async (input, init) => {
      const post = new URL(String(input), location.href).pathname.endsWith('/items') && init?.method === 'POST' ? ++itemPosts : 0;
      const response = await fetch(input, init);
      if (post !== 1) return response;
      const body = await response.text();
      await pause(800);
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const store = storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who))(signal), { fetchImpl: lateFirstAdd });
    await loadedLists(store);
    const wishlist = wishlistFor(store, 'wishlist');
    const avas = wishlist.setInWishlist('LS-SAND-L', true);
    await until(() => itemPosts === 1, 4000, 'Ava\'s add out');
    who = 'zoe';
    await store.setCustomerHint('7321987650011');
    expect(store.profileId).to.equal(ZOE_PID);
    await until(() => store.snapshot(listsResource).status === 'ready', 4000, 'Zoe\'s lists');
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 1500 });
    const zoes = wishlist.setInWishlist('LS-SAND-L', true);
    expect(wishlist.isPending('LS-SAND-L')).to.equal(true);
    await avas.catch(() => undefined); // Ava's, from the session that ended, settles
    expect(itemPosts).to.equal(2);
    expect(wishlist.isPending('LS-SAND-L'), 'Zoe\'s change still out').to.equal(true);
    await zoes;
    expect(wishlist.isPending('LS-SAND-L')).to.equal(false);
    expect(wishlist.contains('LS-SAND-L')).to.equal(true);
  });

  it('logout aborts what only that session needed: the list creation in flight, and nothing is written after it', async () => {
    const requests: { url: string; method: string; signal: AbortSignal }[] = [];
    const recording: typeof fetch = (input, init) => {
      requests.push({ url: String(input), method: init?.method ?? 'GET', signal: init!.signal! });
      return fetch(input, init);
    };
    const store = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('zoe')), { fetchImpl: recording });
    await loadedLists(store);
    await scope.addFaults({ method: 'POST', path: '/profiles/me/lists', latencyMs: 500 });
    const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-M', true);
    await until(() => requests.some((request) => request.method === 'POST'), 4000, 'the list creation');
    store.logout();
    const creation = requests.find((request) => request.method === 'POST')!;
    expect(creation.url).to.match(/\/profiles\/me\/lists$/);
    expect(creation.signal.aborted).to.equal(true);
    expect(await adding.catch((e: unknown) => e)).to.be.instanceOf(OmneoGuestError);
    await pause(600);
    expect(requests.filter((request) => request.method === 'POST')).to.have.length(1); // no item POST after it
    expect(store.snapshot(listsResource)).to.deep.include({ status: 'guest', data: null });
  });

  /** A wishlist change and a redeem on a signed-out store: refused at once, no optimistic edit, no request at all. */
  async function expectWritesRefused(store: OmneoStore) {
    const seen: unknown[] = [];
    store.watch(listsResource, (snapshot) => seen.push(snapshot.data));
    const wishlist = wishlistFor(store, 'wishlist');
    const adding = wishlist.setInWishlist('LS-SAND-L', true);
    expect(wishlist.isPending('LS-SAND-L')).to.equal(false);
    expect(await adding.catch((e: unknown) => e)).to.be.instanceOf(OmneoGuestError);
    expect(await redeemBenefit(store, '7781').catch((e: unknown) => e)).to.be.instanceOf(OmneoGuestError);
    await pause(100);
    expect(seen.every((data) => data === null)).to.equal(true);
    expect(await scope.requests(), 'not even the token endpoint').to.deep.equal([]);
  }

  it('after logout, a wishlist change or a redeem is refused at once: no optimistic edit, no token, no write', async () => {
    const store = pageStore(scope, 'ava');
    await loadedLists(store);
    store.logout();
    await scope.clearRequests();
    await expectWritesRefused(store);
    expect(cachedKeys()).to.deep.equal([]);
  });

  it('on a page that says nobody is signed in (customer ""), a wishlist change or a redeem is refused at once: no optimistic edit, no token, no write', async () => {
    // README Writes: "Signed out (after logout(), or with customer=""), a write is refused at once".
    const store = pageStore(scope, 'ava', '');
    await expectWritesRefused(store);
  });

  it('a change whose session turns out to be another shopper’s is not sent with their token', async () => {
    let clock = Date.now();
    let who = 'ava';
    const store = storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who))(signal), { now: () => clock });
    await loadedLists(store);
    // Ava's token lapses; the storefront session is Zoe's now (shared device, another tab).
    clock += 3_600_000;
    who = 'zoe';
    await scope.clearRequests();
    const error = await wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoProfileChangedError);
    expect((await scope.requests()).filter((request) => request.method === 'POST' && request.path.startsWith('/profiles/'))).to.deep.equal([]);
    // The store moved on to Zoe, whose page has no wishlist; the optimistic heart did not follow her.
    await until(() => store.snapshot(listsResource).status === 'ready' && !store.snapshot(listsResource).stale, 4000, 'Zoe’s lists');
    expect(store.profileId).to.equal(ZOE_PID);
    expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal([]);
  });

  it('a write whose 401 re-mint is another shopper’s is not replayed, and the store moves on to them', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const zoe = endpointTokenSource(scope.tokenEndpoint('zoe'));
    let mints = 0;
    const store = storeWithSource(scope, (signal) => (mints++ === 0 ? ava(signal) : zoe(signal)));
    await loadedLists(store);
    await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
    const error = await wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoProfileChangedError);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1); // the refused one, with Ava's token
    await until(() => store.profileId === ZOE_PID && store.snapshot(listsResource).status === 'ready' && !store.snapshot(listsResource).stale, 4000, 'Zoe’s lists');
    expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal([]);
  });

  describe('a write whose 401 re-mint is another shopper’s, and the token endpoint then fails (her token due again at once: the device slept)', () => {
    it('nobody can say who is signed in, but not Ava: her data goes, the write is rejected, never sent again', async () => {
      const store = switchingStore(scope, downEndpoint(scope));
      await loadedLists(store);
      store.watch(balancesResource, () => {});
      await until(() => store.snapshot(balancesResource).status === 'ready', 4000, 'balances');
      await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
      const wishlist = wishlistFor(store, 'wishlist');
      const error = await wishlist.setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
      // Not sent (refused as unauthenticated, not replayed with Zoe's token): the heart follows the store.
      expect(error).to.be.instanceOf(OmneoProfileChangedError);
      expect(writeMayHaveApplied(error)).to.equal(false);
      expect(wishlist.isPending('LS-SAND-L')).to.equal(false);
      // Ava's list and balance are not left on screen for whoever is at the device next.
      expect(store.snapshot(listsResource).data, "Ava's lists").to.equal(null);
      expect(store.snapshot(balancesResource).data, "Ava's balance").to.equal(null);
      expect(store.profileId).to.equal(null);
      expect(cachedKeys(), 'nothing of Ava kept for the next page').to.deep.equal([]);
      // What is watched loads again, to an error with Retry while the token endpoint fails: not a skeleton for ever.
      await until(() => store.snapshot(listsResource).error !== null && store.snapshot(balancesResource).error !== null, 4000, 'the errors');
      expect(store.snapshot(listsResource).data).to.equal(null);
      await pause(200);
      expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1); // the refused one, with Ava's token
    });

    it('a removal, too: the item is not put back over Ava’s list, and no DELETE goes again', async () => {
      const store = switchingStore(scope, downEndpoint(scope));
      await loadedLists(store);
      await scope.addFaults({ method: 'DELETE', path: '/items/', expireToken: true });
      const error = await wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-M', false).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OmneoProfileChangedError);
      expect(store.snapshot(listsResource).data, "Ava's lists").to.equal(null);
      await until(() => store.snapshot(listsResource).error !== null, 4000, 'the error');
      expect(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE')).to.equal(1);
    });

    it('not to be confused with a refresh() cancelling the re-mint: a refresh whose token fails keeps the data on screen', async () => {
      // Ava's token refused at the write; its re-mint is cancelled by refresh() (the page's sign-in handler), whose own
      // token request fails. No token named anyone else: what a failed refresh shows stays (the load path's rule).
      const held = heldUntilCancelled();
      let mints = 0;
      const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
      const down = downEndpoint(scope);
      const store = storeWithSource(scope, (signal) => {
        mints += 1;
        return mints === 1 ? ava(signal) : mints === 2 ? held.source(signal) : down(signal);
      });
      await loadedLists(store);
      const avas = skusOf(store.snapshot(listsResource).data);
      await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
      const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
      await until(held.started, 4000, 'the re-mint');
      const refreshed = store.refresh();
      // The add waits for the refresh's token (a refresh is no profile change): that request fails, so the add is
      // rejected with its error, refused once and never carried out.
      const error = await adding;
      expect(error).to.be.instanceOf(OmneoHttpError);
      expect((error as OmneoHttpError).status).to.equal(503);
      expect(writeMayHaveApplied(error)).to.equal(false);
      await refreshed;
      expect(skusOf(store.snapshot(listsResource).data), 'Ava’s list, stale, the add rolled back').to.deep.equal(avas);
      expect(store.profileId).to.not.equal(null);
      expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1); // the refused one
    });

    it('not to be confused with a refresh() while the store asks who it is now: a refresh whose token fails keeps the data on screen', async () => {
      // The re-mint names Zoe; the store's own request for her token (due again at once) is out when refresh() cancels it.
      const held = heldUntilCancelled();
      const down = downEndpoint(scope);
      let after = 0;
      const store = switchingStore(scope, (signal) => (after++ === 0 ? held.source(signal) : down(signal)));
      await loadedLists(store);
      const avas = skusOf(store.snapshot(listsResource).data);
      await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
      const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
      await until(held.started, 4000, 'the token request for Zoe');
      const refreshed = store.refresh();
      expect(await adding).to.be.instanceOf(OmneoProfileChangedError);
      await refreshed;
      expect(skusOf(store.snapshot(listsResource).data), 'what the failed refresh shows').to.deep.equal(avas);
    });
  });

  describe('a refresh() (the page’s sign-in handler) that cancels the token request a write waits on: no profile change', () => {
    /** Ava's page whose second token request is held until refresh() cancels it; every later one is `then`'s. */
    function heldSecondMint(then: TokenSource, now?: () => number) {
      const held = heldUntilCancelled();
      const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
      let mints = 0;
      const store = storeWithSource(scope, (signal) => {
        mints += 1;
        return mints === 1 ? ava(signal) : mints === 2 ? held.source(signal) : then(signal);
      }, { now });
      return { store, held };
    }

    it('an add refused (401) whose re-mint it cancels: it goes once with the refreshed token, the same shopper’s', async () => {
      const { store, held } = heldSecondMint(endpointTokenSource(scope.tokenEndpoint('ava')));
      await loadedLists(store);
      await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
      const wishlist = wishlistFor(store, 'wishlist');
      const adding = wishlist.setInWishlist('LS-SAND-L', true);
      await until(held.started, 4000, 'the re-mint');
      void store.refresh();
      await adding; // rejected before: OmneoProfileChangedError, the heart rolled back
      expect(wishlist.contains('LS-SAND-L')).to.equal(true);
      // The refused one (not processed), then the one carried out.
      expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(2);
      const fresh = pageStore(scope, 'ava');
      await loadedLists(fresh);
      expect(skusOf(fresh.snapshot(listsResource).data).filter((sku) => sku === 'LS-SAND-L'), 'saved once').to.have.length(1);
    });

    it('a redeem refused (401) whose re-mint it cancels: it goes once with the refreshed token, and spends once', async () => {
      const { store, held } = heldSecondMint(endpointTokenSource(scope.tokenEndpoint('ava')));
      store.watch(benefitsResource, () => {});
      await until(() => store.snapshot(benefitsResource).status === 'ready', 4000, 'benefits');
      await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true });
      const redeeming = redeemBenefit(store, '7781');
      await until(held.started, 4000, 'the re-mint');
      void store.refresh();
      expect((await redeeming).type).to.equal('benefit');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(2); // the refused one, then the redeem
      await until(() => store.snapshot(benefitsResource).status === 'ready' && !store.snapshot(benefitsResource).stale, 4000, 'benefits again');
      expect(store.snapshot(benefitsResource).data!.items.find((b) => b.id === '7781')!.redemptions_remaining).to.equal(0);
    });

    it('two refresh() calls in a row (omneo-refresh and OmneoWidgets.refresh()): the second cancels the refreshed token request the redeem waits on, and it still goes once', async () => {
      const third = heldUntilCancelled();
      const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
      let later = 0;
      const { store, held } = heldSecondMint((signal) => (later++ === 0 ? third.source(signal) : ava(signal)));
      expect(await store.ensureSession()).to.not.equal(null);
      await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true });
      const redeeming = redeemBenefit(store, '7781');
      await until(held.started, 4000, 'the re-mint');
      void store.refresh();
      await until(third.started, 4000, 'the refreshed token request');
      void store.refresh();
      expect((await redeeming).type).to.equal('benefit');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(2); // the refused one, then the redeem
    });

    it('an add not sent yet (its token fell due while the wishlist was being created): sent once, with the refreshed token', async () => {
      let ahead = 0;
      const zoe = endpointTokenSource(scope.tokenEndpoint('zoe'));
      const held = heldUntilCancelled();
      let mints = 0;
      const store = storeWithSource(scope, (signal) => {
        mints += 1;
        return mints === 2 ? held.source(signal) : zoe(signal);
      }, { now: () => Date.now() + ahead });
      await loadedLists(store);
      await scope.addFaults({ method: 'POST', path: '/lists$', latencyMs: 300 });
      const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-M', true);
      await until(async () => (await scope.count('/profiles/me/lists', 'POST')) === 1, 4000, 'the wishlist’s creation');
      ahead = 3_600_000; // the device slept: the add's own token request (before its POST) is a renewal
      await until(held.started, 4000, 'the add’s token request');
      void store.refresh();
      await adding;
      const list = findWishlist(store.snapshot(listsResource).data!, 'wishlist')!;
      expect(await scope.count(`/profiles/me/lists/${list.id}/items`, 'POST')).to.equal(1);
      expect(list.items.map((item) => item.product_variant?.sku)).to.deep.equal(['LS-SAND-M']);
    });

    it('whose token is another shopper’s: rejected as a profile change, never sent with her token', async () => {
      // A heart: the refresh's own loads meet Zoe's token first and end Ava's session.
      const { store, held } = heldSecondMint(endpointTokenSource(scope.tokenEndpoint('zoe')));
      await loadedLists(store);
      await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
      const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
      await until(held.started, 4000, 'the re-mint');
      void store.refresh();
      expect(await adding).to.be.instanceOf(OmneoProfileChangedError);
      await until(() => store.profileId === ZOE_PID && store.snapshot(listsResource).status === 'ready', 4000, 'Zoe’s lists');
      expect(skusOf(store.snapshot(listsResource).data)).to.deep.equal([]);
      // A redeem on a page where nothing loads (a wallet's confirm step, the cards gone): the redeem's own wait for
      // the refreshed token is the first to hear it is Zoe's.
      const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
      const zoe = endpointTokenSource(scope.tokenEndpoint('zoe'));
      const second = heldUntilCancelled();
      let mints = 0;
      const page = storeWithSource(scope, (signal) => {
        mints += 1;
        return mints === 1 ? ava(signal) : mints === 2 ? second.source(signal) : zoe(signal);
      });
      expect(await page.ensureSession()).to.not.equal(null);
      await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true });
      const redeeming = redeemBenefit(page, '7781').catch((e: unknown) => e);
      await until(second.started, 4000, 'the redeem’s re-mint');
      void page.refresh();
      expect(await redeeming).to.be.instanceOf(OmneoProfileChangedError);
      expect(page.profileId).to.equal(ZOE_PID);
      await pause(200);
      expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1); // the refused one, with Ava's token
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1); // likewise
    });

    it('whose token is nobody’s: rejected as a guest’s, never sent', async () => {
      const { store, held } = heldSecondMint(endpointTokenSource(scope.tokenEndpoint('guest')));
      await loadedLists(store);
      await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true });
      const redeeming = redeemBenefit(store, '7781').catch((e: unknown) => e);
      await until(held.started, 4000, 'the re-mint');
      void store.refresh();
      expect(await redeeming).to.be.instanceOf(OmneoGuestError);
      await until(() => store.snapshot(listsResource).status === 'guest', 4000, 'the guest state');
      expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1); // the refused one
    });

    it('a write already on its way when refresh() is called is not touched: it is carried out once and resolves', async () => {
      const store = pageStore(scope, 'ava');
      await loadedLists(store);
      await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 400 });
      const adding = wishlistFor(store, 'wishlist').setInWishlist('LS-SAND-L', true);
      await until(async () => (await scope.requests()).some((request) => request.method === 'POST' && request.path.endsWith('/items')), 4000, 'the POST');
      await store.refresh();
      await adding;
      expect(wishlistFor(store, 'wishlist').contains('LS-SAND-L')).to.equal(true);
      expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1);
    });
  });

  it('a write whose 401 re-mint finds nobody signed in (the session ended without a logout): the store is a guest’s at once', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const nobody = endpointTokenSource(scope.tokenEndpoint('guest'));
    let mints = 0;
    const store = storeWithSource(scope, (signal) => (mints++ === 0 ? ava(signal) : nobody(signal)), { customerHint: '7321987654321' });
    await loadedLists(store);
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(balancesResource).status === 'ready' && !store.snapshot(balancesResource).stale, 4000, 'balances');
    expect(cachedKeys()).to.have.length(1);
    // Ava's storefront session ended (it expired, or she signed out in another tab): her token is refused at
    // the write, and the re-mint finds nobody.
    await scope.addFaults({ method: 'POST', path: '/items', expireToken: true });
    const wishlist = wishlistFor(store, 'wishlist');
    const error = await wishlist.setInWishlist('LS-SAND-L', true).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoGuestError);
    // Not at the next load but now: nothing of Ava's is shown (no heart filled over her list) or kept.
    expect(store.snapshot(listsResource)).to.deep.include({ status: 'guest', data: null });
    expect(store.snapshot(balancesResource)).to.deep.include({ status: 'guest', data: null });
    expect(wishlist.isPending('LS-SAND-L')).to.equal(false);
    expect(store.profileId).to.equal(null);
    expect(cachedKeys()).to.deep.equal([]);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(1); // the refused one, not replayed
    await pause(300);
    expect(store.snapshot(listsResource)).to.deep.include({ status: 'guest', data: null });
  });

  describe('a sku saved twice (noor: LS-SAND-M as items 89501 and 89503, written by other channels)', () => {
    const itemIds = (wishlist: ReturnType<typeof wishlistFor>) => wishlist.current()!.items.map((item) => item.id);

    it('one removal takes out every item of the sku: unsaved at once, and after Omneo has answered', async () => {
      const store = pageStore(scope, 'noor');
      await loadedLists(store);
      const wishlist = wishlistFor(store, 'wishlist');
      expect(wishlist.contains('LS-SAND-M')).to.equal(true);
      const removing = wishlist.setInWishlist('LS-SAND-M', false);
      // The heart shows the change at once, not only after the re-read (which would find the second item).
      expect(wishlist.contains('LS-SAND-M')).to.equal(false);
      await removing;
      expect(wishlist.contains('LS-SAND-M')).to.equal(false);
      expect(itemIds(wishlist)).to.deep.equal(['89502']);
      expect(await scope.count('/profiles/me/lists/6500/items/89501', 'DELETE')).to.equal(1);
      expect(await scope.count('/profiles/me/lists/6500/items/89503', 'DELETE')).to.equal(1);
      const fresh = pageStore(scope, 'noor');
      await loadedLists(fresh);
      expect(skusOf(fresh.snapshot(listsResource).data)).to.deep.equal(['KN-NAVY-S']);
    });

    it('the second DELETE refused: the sku stays saved as Omneo has it, with the error, and a retry sends only what is left', async () => {
      const store = pageStore(scope, 'noor');
      await loadedLists(store);
      const wishlist = wishlistFor(store, 'wishlist');
      await scope.addFaults({ method: 'DELETE', path: '/items/89503', status: 403 });
      const error = await wishlist.setInWishlist('LS-SAND-M', false).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OmneoHttpError);
      expect((error as OmneoHttpError).status).to.equal(403);
      // Item 89501 is gone at Omneo: not put back. Item 89503 is still there: back where it was.
      expect(wishlist.contains('LS-SAND-M')).to.equal(true);
      expect(itemIds(wishlist)).to.deep.equal(['89502', '89503']);
      await wishlist.setInWishlist('LS-SAND-M', false);
      expect(wishlist.contains('LS-SAND-M')).to.equal(false);
      expect(await scope.count('/profiles/me/lists/6500/items/89501', 'DELETE')).to.equal(1);
      expect(await scope.count('/profiles/me/lists/6500/items/89503', 'DELETE')).to.equal(2);
    });

    it('the first DELETE refused: nothing removed, both items back where they were, the second never sent', async () => {
      const store = pageStore(scope, 'noor');
      await loadedLists(store);
      const wishlist = wishlistFor(store, 'wishlist');
      await scope.addFaults({ method: 'DELETE', path: '/items/89501', status: 403 });
      const error = await wishlist.setInWishlist('LS-SAND-M', false).catch((e: unknown) => e);
      expect((error as OmneoHttpError).status).to.equal(403);
      expect(itemIds(wishlist)).to.deep.equal(['89501', '89502', '89503']);
      expect(await scope.count('/profiles/me/lists/6500/items/89503', 'DELETE')).to.equal(0);
    });

    it('one of its items already removed elsewhere (404): the rest removed, done, no error', async () => {
      const store = pageStore(scope, 'noor');
      await loadedLists(store);
      const wishlist = wishlistFor(store, 'wishlist');
      // Removed by another channel after this page read the list: gone by the time our DELETE is answered.
      await scope.addFaults({ method: 'DELETE', path: '/items/89501', status: 404, afterProcessing: true });
      await wishlist.setInWishlist('LS-SAND-M', false);
      expect(wishlist.contains('LS-SAND-M')).to.equal(false);
      expect(await scope.count('/profiles/me/lists/6500/items/89503', 'DELETE')).to.equal(1);
    });

    it('an add of a sku saved twice is a no-op, and the lookup finds the first item', async () => {
      const store = pageStore(scope, 'noor');
      await loadedLists(store);
      const wishlist = wishlistFor(store, 'wishlist');
      await wishlist.setInWishlist('LS-SAND-M', true);
      expect(await scope.count('/profiles/me/lists/6500/items', 'POST')).to.equal(0);
    });
  });

  it('refuses an empty sku with a clear error', async () => {
    const store = pageStore(scope, 'ava');
    const error = await wishlistFor(store, 'wishlist').setInWishlist('  ', true).catch((e: unknown) => e);
    expect((error as Error).message).to.match(/non-empty sku/);
  });
});

describe('benefit redeem', () => {
  let scope: TestScope;
  beforeEach(async () => {
    forgetAllCachedData(sessionStorage); // and what the last test wrote and the cache has not stored yet
    sessionStorage.clear();
    scope = await newScope();
  });

  it('redeems once for a double click, then refetches benefits and balances', async () => {
    const store = pageStore(scope, 'ava');
    store.watch(benefitsResource, () => {});
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready' && store.snapshot(balancesResource).status === 'ready');
    await scope.clearRequests();
    const first = redeemBenefit(store, '7781');
    const second = redeemBenefit(store, '7781');
    expect(second).to.equal(first);
    const redemption = await first;
    expect(redemption.type).to.equal('benefit');
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
    expect(await scope.count('/profiles/me/benefits')).to.equal(1);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    const birthday = store.snapshot(benefitsResource).data!.items.find((b) => b.id === '7781')!;
    expect(birthday.redemptions_remaining).to.equal(0);
  });

  it('a redeem whose 401 re-mint finds nobody signed in: nothing spent, a guest error, and the store is a guest’s at once', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const nobody = endpointTokenSource(scope.tokenEndpoint('guest'));
    let mints = 0;
    const store = storeWithSource(scope, (signal) => (mints++ === 0 ? ava(signal) : nobody(signal)));
    store.watch(benefitsResource, () => {});
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready' && store.snapshot(balancesResource).status === 'ready', 4000, 'Ava’s wallet');
    await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true });
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoGuestError);
    expect(store.snapshot(benefitsResource)).to.deep.include({ status: 'guest', data: null });
    expect(store.snapshot(balancesResource)).to.deep.include({ status: 'guest', data: null });
    expect(cachedKeys()).to.deep.equal([]);
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1); // refused (401): not spent, not replayed
    await scope.clearFaults();
    const again = pageStore(scope, 'ava');
    again.watch(benefitsResource, () => {});
    await until(() => again.snapshot(benefitsResource).status === 'ready', 4000, 'Ava’s benefits');
    expect(again.snapshot(benefitsResource).data!.items.find((b) => b.id === '7781')!.redemptions_remaining).to.equal(1);
  });

  it('a redeem whose 401 re-mint is another shopper’s, and the token endpoint then fails: nothing spent, rejected, and none of Ava’s wallet left on screen', async () => {
    const store = switchingStore(scope, downEndpoint(scope));
    store.watch(benefitsResource, () => {});
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready' && store.snapshot(balancesResource).status === 'ready', 4000, 'Ava’s wallet');
    await scope.addFaults({ method: 'POST', path: '/redeem', expireToken: true });
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoProfileChangedError);
    expect(writeMayHaveApplied(error)).to.equal(false);
    expect(store.snapshot(benefitsResource).data, "Ava's benefit codes").to.equal(null);
    expect(store.snapshot(balancesResource).data, "Ava's balance").to.equal(null);
    expect(cachedKeys()).to.deep.equal([]);
    await until(() => store.snapshot(benefitsResource).error !== null && store.snapshot(balancesResource).error !== null, 4000, 'the errors');
    await pause(200);
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1); // refused (401): not spent, not replayed
  });

  it('a redeem whose lapsed token is renewed as nobody’s: a guest error before anything is sent, and the wallet is a guest’s (not left loading)', async () => {
    let clock = Date.now();
    let who = 'ava';
    const store = storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who))(signal), { now: () => clock });
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready', 4000, 'Ava’s benefits');
    clock += 3_600_000;
    who = 'guest';
    await scope.clearRequests();
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoGuestError);
    expect(store.snapshot(benefitsResource)).to.deep.include({ status: 'guest', data: null });
    expect((await scope.requests()).filter((request) => request.method === 'POST' && request.path.startsWith('/profiles/'))).to.deep.equal([]);
  });

  it('a logout while a redeem is already sent lets it finish: not aborted, it resolves with the redemption, and nothing of it is read again or shown', async () => {
    // README Writes: "a redeem already sent is let finish" (it spends, and its answer is the only record of it).
    const requests: { url: string; method: string; signal: AbortSignal }[] = [];
    const recording: typeof fetch = (input, init) => {
      requests.push({ url: String(input), method: init?.method ?? 'GET', signal: init!.signal! });
      return fetch(input, init);
    };
    const store = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('ava')), { fetchImpl: recording });
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready', 4000, 'Ava’s benefits');
    await scope.addFaults({ method: 'POST', path: '/redeem', latencyMs: 400, times: 1 });
    const redeeming = redeemBenefit(store, '7781');
    await until(() => requests.some((request) => request.method === 'POST'), 4000, 'the POST');
    await scope.clearRequests();
    store.logout();
    const post = requests.find((request) => request.method === 'POST')!;
    expect(post.signal.aborted, 'the POST is not aborted').to.equal(false);
    const redemption = await redeeming;
    expect(redemption.type).to.equal('benefit');
    await pause(200);
    // GETs only: the POST was on its way when the log was cleared, and may be logged after.
    const reads = (await scope.requests()).filter((request) => request.method === 'GET');
    expect(reads, 'no benefits or balances read for a session that ended').to.deep.equal([]);
    expect(store.snapshot(benefitsResource)).to.deep.include({ status: 'guest', data: null });
  });

  it('a redeem still out from a session that ended is not taken for the next session’s press', async () => {
    const store = pageStore(scope, 'ava');
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready', 4000, 'Ava’s benefits');
    await scope.addFaults({ method: 'POST', path: '/redeem', latencyMs: 600, times: 1 });
    const first = redeemBenefit(store, '7781');
    await until(async () => (await scope.count('/profiles/me/benefits/7781/redeem', 'POST')) === 1, 4000, 'the first POST');
    store.logout();
    void store.refresh(); // signed in again
    const second = redeemBenefit(store, '7781');
    expect(second).to.not.equal(first);
    await Promise.allSettled([first, second]);
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(2);
  });

  it('a benefits revalidation out when the redeem starts does not stand for the refetch after it', async () => {
    const store = pageStore(scope, 'ava');
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/benefits$', stallBodyMs: 900 });
    const revalidating = store.refresh();
    await until(async () => (await scope.count('/profiles/me/benefits')) === 2, 4000, 'the slow read is out');
    await redeemBenefit(store, '7781');
    const remaining = () => store.snapshot(benefitsResource).data!.items.find((b) => b.id === '7781')!.redemptions_remaining;
    expect(remaining()).to.equal(0);
    await revalidating;
    expect(remaining()).to.equal(0);
  });

  it('a redeem whose answer is lost: benefits and balances are read again before it rejects', async () => {
    const store = pageStore(scope, 'ava');
    store.watch(benefitsResource, () => {});
    store.watch(balancesResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready' && store.snapshot(balancesResource).status === 'ready');
    await scope.addFaults({ method: 'POST', path: '/redeem', status: 502, afterProcessing: true });
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(writeMayHaveApplied(error)).to.equal(true);
    // Omneo carried it out: the wallet learns so from Omneo before anyone is told anything.
    expect(store.snapshot(benefitsResource).data!.items.find((b) => b.id === '7781')!.redemptions_remaining).to.equal(0);
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(1);
  });

  it('a redeem refused because the wallet’s copy is out of date (used up in another tab): benefits are read again', async () => {
    const store = pageStore(scope, 'ava');
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready');
    const otherTab = pageStore(scope, 'ava');
    await redeemBenefit(otherTab, '7781');
    const remaining = () => store.snapshot(benefitsResource).data!.items.find((b) => b.id === '7781')!.redemptions_remaining;
    expect(remaining()).to.equal(1); // this page has not heard
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.be.oneOf([409, 422]);
    expect(writeMayHaveApplied(error)).to.equal(false);
    expect(remaining()).to.equal(0);
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(2);
  });

  it('a redeem refused with 409 (the benefit changed meanwhile) reads the benefits again too', async () => {
    const store = pageStore(scope, 'ava');
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready');
    await scope.addFaults({ method: 'POST', path: '/redeem', status: 409 });
    const before = await scope.count('/profiles/me/benefits');
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect((error as OmneoHttpError).status).to.equal(409);
    expect(await scope.count('/profiles/me/benefits')).to.equal(before + 1);
  });

  it('a redeem whose token cannot be renewed (the token endpoint is down): nothing sent, and not taken for maybe-redeemed', async () => {
    let clock = Date.now();
    let down = false;
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const broken = endpointTokenSource(scope.tokenEndpoint('ava'), { fetch: async () => new Response('', { status: 503 }), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    const store = storeWithSource(scope, (signal) => (down ? broken(signal) : ava(signal)), { now: () => clock });
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready');
    clock += 3_600_000;
    down = true;
    const error = await redeemBenefit(store, '7781').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(await scope.count('/profiles/me/benefits/7781/redeem', 'POST')).to.equal(0);
    expect(writeMayHaveApplied(error)).to.equal(false);
  });

  it('reports a refusal (403) as a typed error and never retries it', async () => {
    const store = pageStore(scope, 'ava');
    const error = await redeemBenefit(store, '7790').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.be.oneOf([403, 422]);
    expect(await scope.count('/profiles/me/benefits/7790/redeem', 'POST')).to.equal(1);
  });
});
