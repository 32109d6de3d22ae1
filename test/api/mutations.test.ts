import { expect } from '@open-wc/testing';
import { CrossPageCache } from '../../src/api/cache.js';
import { createOmneoClient } from '../../src/api/client.js';
import { OmneoHttpError } from '../../src/api/errors.js';
import { redeemBenefit, wishlistFor } from '../../src/api/mutations.js';
import { balancesResource, benefitsResource, listsResource } from '../../src/api/resources.js';
import { findWishlist } from '../../src/api/rules.js';
import { OmneoStore } from '../../src/api/store.js';
import { createTokenProvider, endpointTokenSource } from '../../src/api/token-provider.js';
import { until } from '../helpers/page.js';
import { newScope, type TestScope } from '../helpers/scope.js';

function pageStore(scope: TestScope, persona: string) {
  const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint(persona)) });
  return new OmneoStore({
    client: createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens }),
    tokens,
    cacheScope: scope.scope,
    cache: new CrossPageCache(sessionStorage, scope.scope),
  });
}

async function loadedLists(store: OmneoStore) {
  store.watch(listsResource, () => {});
  await until(() => store.snapshot(listsResource).status === 'ready', 4000, 'lists');
}

describe('wishlist mutations', () => {
  let scope: TestScope;
  beforeEach(async () => {
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

  it('refuses an empty sku with a clear error', async () => {
    const store = pageStore(scope, 'ava');
    const error = await wishlistFor(store, 'wishlist').setInWishlist('  ', true).catch((e: unknown) => e);
    expect((error as Error).message).to.match(/non-empty sku/);
  });
});

describe('benefit redeem', () => {
  let scope: TestScope;
  beforeEach(async () => {
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

  it('reports a refusal (403) as a typed error and never retries it', async () => {
    const store = pageStore(scope, 'ava');
    const error = await redeemBenefit(store, '7790').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.be.oneOf([403, 422]);
    expect(await scope.count('/profiles/me/benefits/7790/redeem', 'POST')).to.equal(1);
  });
});
