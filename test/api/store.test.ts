import { expect } from '@open-wc/testing';
import { browserSessionStorage, CrossPageCache, flushCachedData, forgetAllCachedData, WRITE_AFTER_MS, type KeyValueStorage } from '../../src/api/cache.js';
import { createOmneoClient } from '../../src/api/client.js';
import { OmneoNetworkError } from '../../src/api/errors.js';
import { wishlistFor } from '../../src/api/mutations.js';
import { balancesResource, benefitsResource, expiringPointsResource, listsResource, profileResource, rewardsResource, tierProgressResource } from '../../src/api/resources.js';
import { OmneoStore, type ResourceDefinition, type ResourceSnapshot } from '../../src/api/store.js';
import { decodeJwtClaims } from '../../src/api/jwt.js';
import { createTokenProvider, endpointTokenSource, type ShopperToken, type TokenProvider, type TokenSource } from '../../src/api/token-provider.js';
import { until } from '../helpers/page.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { disposeAfterTest, pageStore, storeFollowing, storeWithSource, switchingStore } from '../helpers/page-stores.js';
import { longWishlist } from '../helpers/long-wishlist.js';
import type { List } from '../../src/api/schemas/resources.js';

/**
 * sessionStorage as a page loaded afterwards sees it: the cache shares what it keeps in memory (writes not stored
 * yet, the entry last parsed) between the cache objects of one page, per storage object, and a new page has none.
 * `stored` gets the length of each text stored.
 */
function nextPageStorage(stored: number[] = []): KeyValueStorage {
  return {
    getItem: (key) => sessionStorage.getItem(key),
    setItem: (key, value) => {
      stored.push(value.length);
      sessionStorage.setItem(key, value);
    },
    removeItem: (key) => sessionStorage.removeItem(key),
    get length() {
      return sessionStorage.length;
    },
    key: (index) => sessionStorage.key(index),
  };
}

const AVA_PID = '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70';
const ZOE_PID = '0b7e2c41-3d5a-4f8e-9c61-7a2d4e8b1f03';

/** sessionStorage's keys once what was written and not stored yet (WRITE_AFTER_MS) is stored, as when the page is left. */
function storedKeys(): string[] {
  flushCachedData(sessionStorage);
  return Object.keys(sessionStorage);
}

/**
 * The cross-page cache entries as stored: identity (e.g. `pid:…`, `customer:…`) → entry. What was written and not
 * stored yet (WRITE_AFTER_MS) is stored first, as when the page is left: what a departed shopper left pending shows.
 */
function cachedEntries(): Record<string, { pid: string | null; resources: Record<string, { data: any }> }> {
  const entries: Record<string, any> = {};
  for (const key of storedKeys()) {
    if (key.startsWith('omneo-widgets:')) entries[key.split(':').slice(-2).join(':')] = JSON.parse(sessionStorage.getItem(key)!);
  }
  return entries;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function record<T>(store: OmneoStore, resource: ResourceDefinition<T>) {
  const snapshots: ResourceSnapshot<T>[] = [];
  const stop = store.watch(resource, (snapshot) => snapshots.push(snapshot));
  return { snapshots, stop, last: () => snapshots[snapshots.length - 1]! };
}

/**
 * Ava's page with her balances and rewards loaded (both recorded), whose storefront session the test moves on:
 * `sessionIs('guest')` or `sessionIs('zoe')` is who is signed in from then, an hour on (Ava's token lapsed).
 */
async function avaLoaded(scope: TestScope) {
  let clock = Date.now();
  let who = 'ava';
  const store = storeFollowing(scope, () => who, { now: () => clock });
  const balances = record(store, balancesResource);
  const rewards = record(store, rewardsResource);
  await until(() => balances.last().status === 'ready' && rewards.last().status === 'ready');
  const sessionIs = (next: string) => {
    clock += 3_600_000;
    who = next;
  };
  return { store, balances, rewards, sessionIs };
}

describe('store', () => {
  let scope: TestScope;
  beforeEach(async () => {
    forgetAllCachedData(sessionStorage); // and what the last test wrote and the cache has not stored yet
    sessionStorage.clear();
    scope = await newScope();
  });
  it('the cross-page cache serves an entry up to its age limit, and not one saved "in the future" (the clock went back)', () => {
    let now = 1_000_000_000_000;
    // The default age limit, as the runtime makes its caches (README: at most 30 minutes).
    const cache = new CrossPageCache(sessionStorage, scope.scope, undefined, () => now);
    cache.write('customer:42', null, 'balances', { points: 1 });
    now += 30 * 60_000;
    expect(cache.read('customer:42', 'balances')?.data).to.deep.equal({ points: 1 });
    now += 1;
    expect(cache.read('customer:42', 'balances'), 'over 30 minutes old').to.equal(null);
    now = 1_000_000_000_000 - 60 * 60_000; // the device clock corrected back an hour
    expect(cache.read('customer:42', 'balances'), 'age unknown').to.equal(null);
  });

  it('the cross-page cache does not read an entry another release wrote (a merchant upgraded mid-visit), and replaces it', () => {
    const older = new CrossPageCache(sessionStorage, scope.scope, 30 * 60_000, Date.now, '0.1.0');
    const newer = new CrossPageCache(sessionStorage, scope.scope, 30 * 60_000, Date.now, '0.2.0');
    older.write('customer:42', 'p', 'balances', { points: 1 });
    expect(older.read('customer:42', 'balances')?.data).to.deep.equal({ points: 1 });
    expect(newer.read('customer:42', 'balances'), 'written by another release').to.equal(null);
    expect(newer.pidOf('customer:42')).to.equal(undefined);
    newer.write('customer:42', 'p', 'rewards', []);
    expect(Object.keys(cachedEntries()['customer:42']!.resources), 'replaced, not merged').to.deep.equal(['rewards']);
  });

  it('the entry parsed once is not served after another cache object of the scope wrote, forgot or cleared it', () => {
    // Two stores of one page may share a scope (two token endpoints, one tenant): each has its own cache object, and
    // what one keeps parsed must follow what the other does to sessionStorage.
    const mine = new CrossPageCache(sessionStorage, scope.scope);
    const theirs = new CrossPageCache(sessionStorage, scope.scope);
    mine.write('customer:42', 'p', 'balances', { points: 1 });
    theirs.write('customer:42', 'p', 'rewards', ['a']);
    expect(mine.read('customer:42', 'rewards')?.data, 'their write').to.deep.equal(['a']);
    theirs.forget('customer:42');
    expect(mine.read('customer:42', 'balances'), 'their forget').to.equal(null);
    mine.write('customer:42', 'p', 'tiers', {});
    expect(Object.keys(cachedEntries()['customer:42']!.resources), 'nothing forgotten comes back').to.deep.equal(['tiers']);
    theirs.forgetAll(true);
    expect(mine.pidOf('customer:42'), 'their forgetAll').to.equal(undefined);
    mine.write('customer:42', 'p', 'balances', { points: 2 });
    sessionStorage.removeItem(storedKeys().find((key) => key.startsWith('omneo-widgets:'))!);
    expect(mine.read('customer:42', 'balances'), 'removed by any other script').to.equal(null);
  });

  it('the cross-page cache keeps no departed shopper\'s entry in memory after forget or forgetAll (logout, a switch, a signed-out page)', () => {
    for (const leave of [(cache: CrossPageCache) => cache.forget('customer:42'), (cache: CrossPageCache) => cache.forgetAll(), (cache: CrossPageCache) => cache.forgetAll(true)]) {
      const cache = new CrossPageCache(sessionStorage, scope.scope);
      cache.write('customer:42', 'p', 'rewards', [{ code: 'BDAY-7Q4K' }]);
      expect(cache.read('customer:42', 'rewards')).not.to.equal(null);
      leave(cache);
      expect(JSON.stringify(cache), String(leave)).not.to.contain('BDAY-7Q4K');
    }
  });

  it('reads the cross-page cache entry without parsing it again for each resource and each load', async () => {
    // The entry holds every resource of the page, a long wishlist too: parsing it for each paint, profile check and
    // write made up most of a refresh (1,000 items: about 140 ms of 200).
    const hint = '7321987650055';
    const first = pageStore(scope, 'olivia', hint);
    const resources = [balancesResource, profileResource, tierProgressResource, rewardsResource, listsResource] as ResourceDefinition<unknown>[];
    const watchers = resources.map((resource) => record(first, resource));
    await until(() => watchers.every((watcher) => watcher.last().status === 'ready' && !watcher.last().stale), 6000, 'loaded');
    const parse = JSON.parse;
    let entriesParsed = 0;
    JSON.parse = function (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) {
      if (typeof text === 'string' && text.includes('"resources"')) entriesParsed += 1;
      return parse(text, reviver);
    };
    try {
      await first.refresh();
      expect(entriesParsed, 'parsed by a refresh').to.equal(0);
      first.dispose(); // the page is left: what it wrote is stored
      // The next page of the visit parses it once, to paint every resource, check the token and write.
      const next = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('olivia')), { customerHint: hint, storage: nextPageStorage() });
      const painted = resources.map((resource) => record(next, resource));
      expect(painted.every((watcher) => watcher.snapshots[0]!.status === 'ready')).to.equal(true);
      await until(() => painted.every((watcher) => !watcher.last().stale), 6000, 'revalidated');
      expect(entriesParsed, 'parsed by the next page').to.equal(1);
    } finally {
      JSON.parse = parse;
    }
  });

  it('three watchers of balances → one token request and one balances request', async () => {
    const store = pageStore(scope, 'ava');
    const watchers = [record(store, balancesResource), record(store, balancesResource), record(store, balancesResource)];
    await until(() => watchers.every((watcher) => watcher.last().status === 'ready'));
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    // A late watcher gets the data at once, with no new request.
    const late = record(store, balancesResource);
    expect(late.snapshots[0]!.status).to.equal('ready');
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('different resources share one token request', async () => {
    const store = pageStore(scope, 'ava');
    const a = record(store, balancesResource);
    const b = record(store, profileResource);
    const c = record(store, tierProgressResource);
    await until(() => [a, b, c].every((watcher) => watcher.last().status === 'ready'));
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
  });

  it("keeps of the profile only what the elements use (its currency): no name or email in memory or in sessionStorage", async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const profile = record(store, profileResource);
    await until(() => profile.last().status === 'ready', 4000, 'the profile');
    expect(profile.last().data).to.deep.equal({ id: AVA_PID, currency: { base: 'AUD', localised: 'AUD' } });
    const stored = JSON.stringify(sessionStorage.getItem(storedKeys().find((key) => key.startsWith('omneo-widgets:'))!));
    expect(stored).to.contain('AUD');
    for (const personal of ['ava.nguyen@example.com', 'Nguyen', 'first_name', 'email', 'birth']) expect(stored).not.to.contain(personal);
  });

  it('with a customer hint, the next page paints from the cache at once and revalidates in the background', async () => {
    const first = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(first, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await scope.clearRequests();

    const next = pageStore(scope, 'ava', '7321987654321');
    const painted = record(next, balancesResource);
    expect(painted.snapshots[0]).to.deep.include({ status: 'ready', stale: true });
    expect(painted.snapshots[0]!.data!.point_balance).to.equal(1250);
    await until(() => painted.last().stale === false);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('without a hint, cached data waits for the token to confirm the profile', async () => {
    const first = pageStore(scope, 'ava');
    const watcher = record(first, balancesResource);
    await until(() => watcher.last().status === 'ready');

    const next = pageStore(scope, 'ava');
    const painted = record(next, balancesResource);
    expect(painted.snapshots[0]!.status).to.equal('loading');
    await until(() => painted.last().status === 'ready' && painted.last().stale === false);
  });

  it('never shows one customer’s cache to another', async () => {
    const ava = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(ava, balancesResource);
    await until(() => watcher.last().status === 'ready');

    const someoneElse = pageStore(scope, 'zoe', 'other-customer');
    const painted = record(someoneElse, balancesResource);
    expect(painted.snapshots[0]!.data).to.equal(null);
    await until(() => painted.last().status === 'ready');
    expect(painted.last().data!.point_balance).to.equal(0);
  });

  it('another shopper signed in on the tab (no signed-out page between): the last one’s entries go once the token names the new profile, so a page still hinting her paints nothing', async () => {
    const ava = pageStore(scope, 'ava', '7321987654321');
    const before = record(ava, benefitsResource);
    await until(() => before.last().status === 'ready', 4000, 'Ava’s benefits');
    const avaWithoutHint = record(pageStore(scope, 'ava'), balancesResource);
    await until(() => avaWithoutHint.last().status === 'ready' && !avaWithoutHint.last().stale, 4000, 'Ava’s balances');
    expect(Object.keys(cachedEntries()).sort()).to.deep.equal(['customer:7321987654321', `pid:${AVA_PID}`]);
    ava.dispose();

    // Zoe signs in on the same tab: her page names her (or nobody: a storefront without the hint).
    const zoe = pageStore(scope, 'zoe', 'other-customer');
    const seen = record(zoe, balancesResource);
    await until(() => seen.last().status === 'ready' && !seen.last().stale, 4000, 'Zoe’s balances');
    expect(Object.keys(cachedEntries()), 'Ava’s benefit codes and balances are not left in Zoe’s tab').to.deep.equal(['customer:other-customer']);

    // Back to a page rendered for Ava (the browser's cache of its HTML on history navigation, a stale page cache).
    const stale = record(pageStore(scope, 'zoe', '7321987654321'), benefitsResource);
    expect(stale.snapshots[0]!.data, 'nothing of Ava’s painted before the token answers').to.equal(null);
  });

  it('drops cached data whose profile does not match the new token (hint reused by another shopper)', async () => {
    const ava = pageStore(scope, 'ava', 'shared-hint');
    const watcher = record(ava, balancesResource);
    await until(() => watcher.last().status === 'ready');

    const zoe = pageStore(scope, 'zoe', 'shared-hint');
    const seen = record(zoe, balancesResource);
    await until(() => seen.last().status === 'ready' && !seen.last().stale);
    expect(seen.last().data!.point_balance).to.equal(0);
    // The stale Ava figure may have painted first, but was replaced, and the cache now holds Zoe's.
    const again = record(pageStore(scope, 'zoe', 'shared-hint'), balancesResource);
    expect(again.snapshots[0]!.data!.point_balance).to.equal(0);
  });

  it('cached data of another profile under the same hint is taken off screen even when the new shopper’s load fails', async () => {
    const ava = pageStore(scope, 'ava', 'shared-hint');
    const watcher = record(ava, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
    const zoe = pageStore(scope, 'zoe', 'shared-hint');
    const seen = record(zoe, balancesResource);
    await until(() => seen.last().error !== null);
    // An error with Retry, not Ava's balance kept on Zoe's screen beside it.
    expect(seen.last()).to.deep.include({ status: 'error', data: null });
  });

  it('a hinted customer whose session has ended: cached data is dropped and the state settles on guest', async () => {
    const ava = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(ava, balancesResource);
    await until(() => watcher.last().status === 'ready');

    // The page still says customer 7321987654321, but the token endpoint now answers "guest".
    const signedOut = pageStore(scope, 'guest', '7321987654321');
    const seen = record(signedOut, balancesResource);
    expect(seen.snapshots[0]!.status).to.equal('ready'); // painted from the cache, as the hint allows…
    await until(() => seen.last().status === 'guest', 4000, 'guest');
    expect(Object.keys(sessionStorage).some((key) => key.includes('7321987654321'))).to.equal(false); // …then forgotten
  });

  it('a load whose 401 re-mint finds nobody (the session ended without a logout): every resource is a guest’s, nothing kept', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const nobody = endpointTokenSource(scope.tokenEndpoint('guest'));
    let mints = 0;
    const store = storeWithSource(scope, (signal) => (mints++ === 0 ? ava(signal) : nobody(signal)), { customerHint: '7321987654321' });
    const balances = record(store, balancesResource);
    const profile = record(store, profileResource);
    await until(() => balances.last().status === 'ready' && profile.last().status === 'ready', 4000, 'Ava’s data');
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true });
    await store.invalidate(balancesResource.key);
    expect(balances.last()).to.deep.include({ status: 'guest', data: null });
    // Not only the resource whose request ran into it: the profile on screen is Ava's too.
    expect(profile.last()).to.deep.include({ status: 'guest', data: null });
    expect(store.profileId).to.equal(null);
    expect(cachedEntries()).to.deep.equal({});
    await pause(300);
    expect(profile.last()).to.deep.include({ status: 'guest', data: null });
  });

  it('a page that says nobody is signed in (customer "") forgets what the tab cached for the shopper who left (a shared device)', async () => {
    const signedIn = pageStore(scope, 'ava', '7321987654321');
    const before = record(signedIn, benefitsResource);
    await until(() => before.last().status === 'ready', 4000, 'Ava’s benefits');
    expect(Object.keys(cachedEntries())).to.deep.equal(['customer:7321987654321']);
    // She signs out with the storefront's own link (no omneo-logout): its next page renders customer="".
    const signedOut = pageStore(scope, 'ava', '');
    expect(record(signedOut, balancesResource).last().status).to.equal('guest');
    expect(cachedEntries(), 'her benefit codes, balances and wishlist are not left in the tab').to.deep.equal({});
  });

  it('a page whose token endpoint says guest forgets what the tab cached for the shopper who left, without a hint too', async () => {
    const signedIn = pageStore(scope, 'ava');
    const before = record(signedIn, benefitsResource);
    await until(() => before.last().status === 'ready', 4000, 'Ava’s benefits');
    expect(Object.keys(cachedEntries())).to.deep.equal([`pid:${AVA_PID}`]);
    const signedOut = pageStore(scope, 'guest');
    const after = record(signedOut, balancesResource);
    await until(() => after.last().status === 'guest', 4000, 'the guest state');
    expect(cachedEntries()).to.deep.equal({});
  });

  it('empty customer hint: guest at once and zero requests', async () => {
    const store = pageStore(scope, 'ava', '');
    const watcher = record(store, balancesResource);
    expect(watcher.snapshots[0]!.status).to.equal('guest');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await scope.requests()).to.deep.equal([]);
  });

  it('logout clears the token, every cached entry and every snapshot', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    expect(storedKeys().some((key) => key.startsWith('omneo-widgets:'))).to.equal(true);
    store.logout();
    expect(watcher.last().status).to.equal('guest');
    expect(storedKeys().some((key) => key.startsWith('omneo-widgets:'))).to.equal(false);
  });

  it('after logout, an element that appears later is a guest without a token request, until refresh()', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    store.logout();
    const tokensBefore = await scope.count('/omneo/token', 'POST');
    // A notice whose code arrives after the logout (the points card's expiry notice does this).
    const late = record(store, rewardsResource);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(late.last().status).to.equal('guest');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(tokensBefore);
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:'))).to.equal(false);
    // The page signs someone in again and says so: data comes back.
    await store.refresh();
    expect(watcher.last().status).to.equal('ready');
    expect(late.last().status).to.equal('ready');
  });

  it('after logout, a new customer hint (an SPA sign-in that names the shopper) ends the signed-out state: a token is asked for and the data comes back', async () => {
    // README Events: after a logout the page is signed out "until refresh() (…) or a new customer hint".
    const store = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    store.logout();
    expect(watcher.last().status).to.equal('guest');
    const tokensBefore = await scope.count('/omneo/token', 'POST');
    await store.setCustomerHint('7321987654321');
    await until(() => watcher.last().status === 'ready', 4000, 'the balances again');
    expect(watcher.last().data!.point_balance).to.equal(1250);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(tokensBefore + 1);
  });

  it('a 401 whose re-mint is for another profile: cleared and reloaded for the new shopper, nothing cached under the old', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const zoe = endpointTokenSource(scope.tokenEndpoint('zoe'));
    let mints = 0;
    const store = storeWithSource(scope, (signal) => (mints++ === 0 ? ava(signal) : zoe(signal)));
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    expect(store.profileId).to.equal(AVA_PID);
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true });
    await store.refresh(); // settles once the new shopper's data is in
    expect(watcher.last()).to.deep.include({ status: 'ready', stale: false });
    expect(store.profileId).to.equal(ZOE_PID);
    expect(watcher.last().data!.point_balance).to.equal(0);
    // Zoe's figure was never cached as Ava's.
    const entries = cachedEntries();
    expect(entries[`pid:${AVA_PID}`]).to.equal(undefined);
    expect(entries[`pid:${ZOE_PID}`]!.resources.balances!.data.point_balance).to.equal(0);
    // The next page for Ava (no hint) paints Ava's figure, never Zoe's.
    const next = record(pageStore(scope, 'ava'), balancesResource);
    await until(() => next.last().status === 'ready' && !next.last().stale);
    expect(next.snapshots.filter((snapshot) => snapshot.data !== null).map((snapshot) => snapshot.data!.point_balance)).to.deep.equal([1250]);
  });

  it('a token that lapsed and is renewed as nobody\'s while one resource loads (a card\'s Retry, an element added): every card is a guest\'s, none a skeleton for ever', async () => {
    const { store, balances, rewards, sessionIs } = await avaLoaded(scope);
    sessionIs('guest'); // Ava's storefront session ended meanwhile
    await store.invalidate(balancesResource.key);
    expect(balances.last()).to.deep.include({ status: 'guest', data: null });
    await pause(300);
    expect(rewards.last()).to.deep.include({ status: 'guest', data: null });
  });

  it('a token renewed as nobody\'s while a card\'s read with the old token is still out: that card is a guest\'s at once too, not a skeleton until the read lands', async () => {
    const { store, balances, rewards, sessionIs } = await avaLoaded(scope);
    await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 800 });
    const rereading = store.invalidate(rewardsResource.key); // out with Ava's token, slow
    await until(async () => (await scope.count('/profiles/me/rewards')) === 2, 4000, 'the rewards read out');
    sessionIs('guest'); // Ava's storefront session ended meanwhile
    await store.invalidate(balancesResource.key);
    expect(balances.last()).to.deep.include({ status: 'guest', data: null });
    const from = rewards.snapshots.length;
    expect(rewards.last(), 'the rewards at once').to.deep.include({ status: 'guest', data: null });
    await rereading; // the old read lands (dropped: its session is over), and the card stays a guest's
    expect(rewards.snapshots.slice(from).map((snapshot) => snapshot.data)).to.deep.equal(rewards.snapshots.slice(from).map(() => null));
    // Not a skeleton again when it lands (the guest box replaced, focus in it lost), only to be a guest's once more.
    expect(rewards.snapshots.slice(from).map((snapshot) => snapshot.status), 'a guest\'s throughout').to.deep.equal(rewards.snapshots.slice(from).map(() => 'guest'));
    expect(rewards.last()).to.deep.include({ status: 'guest', data: null });
    expect(cachedEntries()).to.deep.equal({});
  });

  it('a read with the old token refused (401) after the token was renewed as nobody\'s: no second token request, the card a guest\'s', async () => {
    const { store, balances, rewards, sessionIs } = await avaLoaded(scope);
    await scope.addFaults({ path: '/profiles/me/rewards', latencyMs: 800, expireToken: true });
    const rereading = store.invalidate(rewardsResource.key); // out with Ava's token, slow, then refused
    await until(async () => (await scope.count('/profiles/me/rewards')) === 2, 4000, 'the rewards read out');
    sessionIs('guest'); // Ava's storefront session ended meanwhile
    await store.invalidate(balancesResource.key);
    expect(balances.last()).to.deep.include({ status: 'guest', data: null });
    await rereading;
    // Ava's token, then the renewal that found nobody: the 401 on the old token asks nothing new (the provider keeps
    // the guest answer until refresh()), as a load made now would not.
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
    expect(rewards.last()).to.deep.include({ status: 'guest', data: null });
    expect(await scope.count('/profiles/me/rewards')).to.equal(2);
  });

  describe('a 401 whose re-mint is for another profile, then the token for that profile is due again at once (the device slept, its clock jumped)', () => {

    it('the token endpoint then fails: an error to retry from, and none of Ava\'s data on screen', async () => {
      const down = endpointTokenSource(scope.tokenEndpoint('zoe'), { fetch: async () => new Response('', { status: 503 }), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
      const store = switchingStore(scope, down);
      const balances = record(store, balancesResource);
      const rewards = record(store, rewardsResource);
      await until(() => balances.last().status === 'ready' && rewards.last().status === 'ready');
      expect(store.profileId).to.equal(AVA_PID);
      await scope.addFaults({ path: '/profiles/me/balances', expireToken: true });
      await store.invalidate(balancesResource.key);
      expect(balances.last().error, 'an error for Retry').to.not.equal(null);
      expect(balances.last().data?.point_balance ?? null, "Ava's balance").to.equal(null);
      // Ava's rewards went too, to the same error (the token endpoint still fails), not a skeleton that never ends.
      await until(() => rewards.last().error !== null, 2000, 'the rewards failed');
      expect(rewards.last().data).to.equal(null);
      expect(cachedEntries(), 'nothing of Ava cached for the next page').to.deep.equal({});
    });

    it('the token endpoint then says nobody is signed in: the guest state', async () => {
      const store = switchingStore(scope, endpointTokenSource(scope.tokenEndpoint('guest')));
      const balances = record(store, balancesResource);
      const rewards = record(store, rewardsResource);
      await until(() => balances.last().status === 'ready' && rewards.last().status === 'ready');
      await scope.addFaults({ path: '/profiles/me/balances', expireToken: true });
      await store.invalidate(balancesResource.key);
      expect(balances.last()).to.deep.include({ status: 'guest', data: null });
      // Ava's rewards on screen too: not hers to keep, and not a skeleton that never ends.
      await until(() => rewards.last().status === 'guest', 2000, 'the rewards a guest\'s');
      expect(rewards.last().data).to.equal(null);
    });
  });

  it('a 401 whose re-mint finds nobody, then the token endpoint fails, with a token provider of the app\'s own (one that keeps no guest answer): every card a guest\'s, no load rejected', async () => {
    // The TokenProvider interface (omneo-widgets/api): get() mints whenever no token is held. This one keeps no guest
    // answer, so the store's look-up after the re-mint's "nobody" asks again, and the token endpoint fails that time.
    const answers = [endpointTokenSource(scope.tokenEndpoint('ava')), endpointTokenSource(scope.tokenEndpoint('guest'))];
    const down = endpointTokenSource(scope.tokenEndpoint('ava'), { fetch: async () => new Response('', { status: 503 }), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    let current: ShopperToken | null = null;
    let inFlight: Promise<ShopperToken | null> | null = null;
    const mint = () =>
      (inFlight ??= (answers.shift() ?? down)().then(
        (minted) => {
          inFlight = null;
          return (current = minted ? { ...minted, pid: decodeJwtClaims(minted.token).pid } : null);
        },
        (error: unknown) => {
          inFlight = null;
          throw error;
        },
      ));
    const tokens: TokenProvider = {
      get: () => (current ? Promise.resolve(current) : mint()),
      renewAfterRejection: (rejected) => (current && current.token !== rejected ? Promise.resolve(current) : mint()),
      clear: () => {
        current = null;
      },
    };
    const store = new OmneoStore({
      client: createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens }),
      tokens,
      cacheScope: scope.scope,
      cache: new CrossPageCache(sessionStorage, scope.scope),
    });
    disposeAfterTest(store);
    const unhandled: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const balances = record(store, balancesResource);
      const rewards = record(store, rewardsResource);
      await until(() => balances.last().status === 'ready' && rewards.last().status === 'ready', 4000, 'Ava’s data');
      await scope.addFaults({ path: '/profiles/me/balances', expireToken: true });
      const invalidated = await store.invalidate(balancesResource.key).then(() => 'resolved', (error) => `rejected: ${error}`);
      expect(invalidated).to.equal('resolved');
      // watch() does not wait for its loads: one rejected there is nobody's to handle.
      const rereading = record(store, balancesResource);
      await pause(100);
      expect(unhandled.map(String), 'unhandled rejections').to.deep.equal([]);
      // The re-mint said nobody is signed in; a token request failing after it does not bring Ava's data back.
      expect(balances.last()).to.deep.include({ status: 'guest', data: null });
      expect(rewards.last()).to.deep.include({ status: 'guest', data: null });
      expect(rereading.last().data).to.equal(null);
      expect(cachedEntries()).to.deep.equal({});
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('a new token for another profile on the same page (no 401): everything of the last shopper goes, the new one loads', async () => {
    const { store, balances, rewards, sessionIs } = await avaLoaded(scope);
    expect(Object.keys(cachedEntries())).to.deep.equal([`pid:${AVA_PID}`]);
    // Ava's token lapses; the storefront session is Zoe's now (shared device, a sign-in in another tab).
    sessionIs('zoe');
    const seenFrom = balances.snapshots.length;
    await store.refresh();
    await until(() => store.profileId === ZOE_PID && balances.last().status === 'ready' && !balances.last().stale && rewards.last().status === 'ready' && !rewards.last().stale, 4000, 'Zoe loaded');
    expect(balances.last().data!.point_balance).to.equal(0);
    expect(rewards.last().data!.items).to.deep.equal([]);
    // Once Zoe's token was in, Ava's figure was not shown again, even as stale data: it was cleared at once.
    const after = balances.snapshots.slice(seenFrom);
    const firstCleared = after.findIndex((snapshot) => snapshot.data === null);
    expect(firstCleared).to.be.greaterThan(-1);
    expect(after.slice(firstCleared).every((snapshot) => snapshot.data === null || snapshot.data.point_balance === 0)).to.equal(true);
    expect(Object.keys(cachedEntries())).to.deep.equal([`pid:${ZOE_PID}`]);
  });

  it('logout while a load is in flight: the request is aborted, the end state is guest, and nothing is cached', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 300 });
    const signals: AbortSignal[] = [];
    const store = pageStore(scope, 'ava', '7321987654321', (input, init) => {
      if (String(input).includes('/profiles/me/balances')) signals.push(init!.signal!);
      return fetch(input, init);
    });
    const watcher = record(store, balancesResource);
    await until(async () => (await scope.count('/profiles/me/balances')) === 1, 4000, 'the balances request');
    store.logout();
    expect(signals[0]!.aborted).to.equal(true);
    await pause(500); // the answer would have arrived by now
    expect(watcher.last().status).to.equal('guest');
    expect(watcher.snapshots.every((snapshot) => snapshot.data === null)).to.equal(true);
    expect(cachedEntries()).to.deep.equal({});
  });

  it('keeps showing data, marked stale with the error, when a refresh fails', async () => {
    const store = pageStore(scope, 'ava');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 3 });
    await store.refresh();
    expect(watcher.last()).to.deep.include({ status: 'ready', stale: true });
    expect(watcher.last().error!.kind).to.equal('http');
    expect(watcher.last().data!.point_balance).to.equal(1250);
  });

  it('refresh() refetches what is watched; a guest is asked about again', async () => {
    const store = pageStore(scope, 'ava');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await store.refresh();
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
  });

  it('aborts a request nobody watches any more', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 500 });
    const signals: AbortSignal[] = [];
    const store = pageStore(scope, 'ava', undefined, (input, init) => {
      signals.push(init!.signal!);
      return fetch(input, init);
    });
    const watcher = record(store, balancesResource);
    await until(() => signals.length === 1, 2000, 'the balances request');
    watcher.stop();
    expect(signals[0]!.aborted).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(watcher.snapshots.every((snapshot) => snapshot.status === 'loading')).to.equal(true);
    // Watching again starts a fresh load that completes.
    const again = record(store, balancesResource);
    await until(() => again.last().status === 'ready');
  });

  /** The real fetch; `then` runs in a task queued by the task that receives the lists' body, where the client parses it. */
  const afterListsBody = (then: () => void): typeof fetch => async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).includes('/profiles/me/lists')) return response;
    const text = response.text.bind(response);
    response.text = () => text().then((body) => (setTimeout(then), body));
    return response;
  };

  it('a long list’s load aborted between its slices (nobody watches any more) shows and caches nothing', async () => {
    await scope.addFaults({ path: '^/profiles/me/lists$', status: 200, body: { data: [longWishlist(1000)] } });
    let watcher: ReturnType<typeof record<List[]>> | null = null;
    const store = pageStore(scope, 'ava', '7321987654321', afterListsBody(() => watcher!.stop()));
    watcher = record(store, listsResource);
    await until(async () => (await scope.count('/profiles/me/lists')) === 1, 4000, 'the lists request');
    await pause(300); // read in one task, the items would have been shown, and cached, by now
    expect(watcher.snapshots.map((snapshot) => snapshot.status)).to.deep.equal(['loading']);
    expect(Object.values(cachedEntries()).filter((entry) => entry.resources.lists)).to.deep.equal([]);
  });

  it('a write landing between the slices of a long list’s read wins: the read, older, is never shown', async () => {
    await scope.addFaults({ path: '^/profiles/me/lists$', status: 200, body: { data: [longWishlist(1000)] } });
    const written: List[] = [{ id: '7001', handle: 'wishlist', name: 'Wishlist', description: null, definition: null, items: [], droppedItems: [] }];
    let store: OmneoStore | null = null;
    store = pageStore(scope, 'ava', undefined, afterListsBody(() => store!.setData(listsResource, written)));
    const watcher = record(store, listsResource);
    await until(() => watcher.last().data?.[0]?.items.length === 0, 4000, 'the write');
    await pause(300); // the read has landed by now
    expect(watcher.snapshots.map((snapshot) => snapshot.data?.[0]?.items.length ?? null)).to.deep.equal([null, 0]);
    expect(watcher.last()).to.deep.include({ status: 'ready', stale: false });
    expect(watcher.last().data).to.deep.equal(written);
    expect(await scope.count('/profiles/me/lists')).to.equal(1);
  });

  it('a revalidation that finds the same data keeps the objects on screen, so that elements need not derive them again', async () => {
    const store = pageStore(scope, 'olivia');
    const watcher = record(store, listsResource);
    await until(() => watcher.last().status === 'ready' && !watcher.last().stale);
    const shown = watcher.last().data!;
    await store.refresh();
    expect(watcher.last()).to.deep.include({ status: 'ready', stale: false });
    expect(await scope.count('/profiles/me/lists')).to.equal(2);
    expect(watcher.last().data).to.equal(shown);
  });

  it('a re-read after one item changed keeps every other item as the same object', async () => {
    const store = pageStore(scope, 'olivia');
    const watcher = record(store, listsResource);
    await until(() => watcher.last().status === 'ready' && !watcher.last().stale);
    const items = () => watcher.last().data!.find((list) => list.handle === 'wishlist')!.items;
    const before = items();
    await wishlistFor(store, 'wishlist').setInWishlist(before[3]!.product_variant!.sku!, false);
    const after = items();
    expect(after.length).to.equal(before.length - 1);
    expect(after.filter((item, index) => item !== before[index < 3 ? index : index + 1]).length).to.equal(0);
  });

  it('revalidates on visibility only when data is older than the threshold', async () => {
    const store = pageStore(scope, 'ava');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await store.revalidateOlderThan(60_000);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    await store.revalidateOlderThan(0);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
  });

  it('revalidates on visibility when the clock went back since the data came (its age cannot be told)', async () => {
    let now = Date.now();
    const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('ava')) });
    const store = new OmneoStore({
      client: createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens }),
      tokens,
      cacheScope: scope.scope,
      cache: new CrossPageCache(sessionStorage, scope.scope),
      now: () => now,
    });
    disposeAfterTest(store);
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await store.revalidateOlderThan(5 * 60_000);
    expect(await scope.count('/profiles/me/balances'), 'fresh').to.equal(1);
    now -= 60 * 60_000; // the device clock corrected back an hour
    await store.revalidateOlderThan(5 * 60_000);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
  });

  it('refresh() asks for a new token: after an account switch without a logout, the new shopper’s data, nothing of the last', async () => {
    let who = 'ava';
    const store = storeFollowing(scope, () => who);
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    who = 'zoe'; // the storefront session is Zoe's now; Ava's token has not lapsed
    await store.refresh();
    expect(store.profileId).to.equal(ZOE_PID);
    expect(balances.last()).to.deep.include({ status: 'ready', stale: false });
    expect(balances.last().data!.point_balance).to.equal(0);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
    expect(Object.keys(cachedEntries())).to.deep.equal([`pid:${ZOE_PID}`]);
  });

  it('refresh() while the first token is on its way: the loads wait for the new one, never show a signed-in shopper as a guest', async () => {
    await scope.addFaults({ path: '/omneo/token', latencyMs: 400 });
    const store = pageStore(scope, 'ava');
    const balances = record(store, balancesResource);
    await until(async () => (await scope.count('/omneo/token', 'POST')) === 1, 4000, 'the first token request');
    await store.refresh(); // the host asks again before the first answer (an SPA sign-in handler)
    expect(balances.last()).to.deep.include({ status: 'ready', stale: false });
    expect(balances.last().data!.point_balance).to.equal(1250);
    expect(balances.snapshots.some((snapshot) => snapshot.status === 'guest')).to.equal(false);
  });

  it('a first customer hint after the data came: a new token says whose session it is before the data is filed under the name', async () => {
    let who = 'ava';
    const store = storeFollowing(scope, () => who);
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    who = 'zoe'; // an SPA sign-in: the page names the new customer
    await store.setCustomerHint('zoe-customer-id');
    await until(() => store.profileId === ZOE_PID && balances.last().status === 'ready' && !balances.last().stale, 4000, 'Zoe loaded');
    expect(balances.last().data!.point_balance).to.equal(0);
    const entries = cachedEntries();
    expect(entries['customer:zoe-customer-id']!.pid).to.equal(ZOE_PID);
    expect(entries['customer:zoe-customer-id']!.resources.balances!.data.point_balance).to.equal(0);
    // The next page with Zoe's hint paints Zoe's figure from the cache, never Ava's.
    const next = record(pageStore(scope, 'zoe', 'zoe-customer-id'), balancesResource);
    expect(next.snapshots[0]!.data!.point_balance).to.equal(0);
  });

  it('a first customer hint naming another shopper, or nobody: the last shopper’s entry (filed under their profile id) goes too', async () => {
    // A page that named nobody caches under the token's profile id; the SPA then names who signed in. Whoever it
    // turns out to be, the last shopper's data must not stay in this tab's storage beside the next one's.
    // This scope's entries only: another test's page may still be writing its own.
    const identities = () => storedKeys().filter((key) => key.includes(`:${scope.scope}:`)).map((key) => key.split(':').slice(-2).join(':'));
    for (const next of ['zoe', 'guest']) {
      sessionStorage.clear();
      let who = 'ava';
      const store = storeFollowing(scope, () => who);
      const balances = record(store, balancesResource);
      await until(() => balances.last().status === 'ready');
      expect(identities(), 'before').to.deep.equal([`pid:${AVA_PID}`]);
      who = next;
      await store.setCustomerHint(`${next}-customer-id`);
      await until(() => (next === 'zoe' ? store.profileId === ZOE_PID && balances.last().status === 'ready' : balances.last().status === 'guest'), 4000, next);
      expect(identities(), `after ${next}`).to.not.include(`pid:${AVA_PID}`);
      balances.stop();
      store.dispose();
    }
  });

  it('refresh() after an account switch while a revalidation is out: the new shopper’s data, not the old read’s', async () => {
    let who = 'ava';
    const store = storeFollowing(scope, () => who);
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/balances$', stallBodyMs: 600 });
    void store.revalidateOlderThan(0); // the tab came back: a read with Ava's token
    await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'revalidation out');
    who = 'zoe';
    await store.refresh();
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
    expect(store.profileId).to.equal(ZOE_PID);
    expect(balances.last().data!.point_balance).to.equal(0);
    await pause(700); // the old read lands, and is dropped
    expect(balances.last().data!.point_balance).to.equal(0);
  });

  it('a first customer hint after the data whose new token is a guest’s: every element settles on guest, none left loading', async () => {
    let who = 'ava';
    const store = storeFollowing(scope, () => who);
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    who = 'guest';
    await store.setCustomerHint('some-customer');
    await until(() => balances.last().status === 'guest', 2000, 'guest');
    expect(balances.last().data).to.equal(null);
  });

  it('a hinted guest: an element that appears later does not put the earlier one back to loading', async () => {
    const store = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('guest')), { customerHint: 'c-1' });
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'guest');
    const rewards = record(store, rewardsResource);
    await until(() => rewards.last().status === 'guest');
    await pause(200);
    expect(balances.last().status).to.equal('guest');
  });

  it('a first hint whose confirming token fails: the last shopper’s data is never filed under the new customer, and the page says it failed', async () => {
    let down = false;
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const broken = endpointTokenSource(scope.tokenEndpoint('zoe'), { fetch: async () => new Response('', { status: 503 }), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    const store = storeWithSource(scope, (signal) => (down ? broken(signal) : ava(signal)));
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/balances$', stallBodyMs: 600 });
    void store.revalidateOlderThan(0);
    await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'revalidation out');
    down = true; // Zoe signs in (SPA); the token endpoint is briefly unavailable
    await store.setCustomerHint('zoe-id');
    await pause(900);
    expect(balances.last().data?.point_balance ?? null).to.not.equal(1250);
    expect(balances.last().status).to.equal('error');
    const next = record(storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('zoe')), { customerHint: 'zoe-id' }), balancesResource);
    expect(next.snapshots[0]!.data).to.equal(null);
  });

  it('a 401 re-mint cancelled by refresh(), then the token endpoint fails: an error to retry from, and refresh() settles', async () => {
    let mode: 'ava' | 'slow' | 'down' = 'ava';
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const broken = endpointTokenSource(scope.tokenEndpoint('ava'), { fetch: async () => new Response('', { status: 503 }), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    const source: TokenSource = async (signal) => {
      if (mode === 'slow') {
        await pause(300);
        return ava(signal);
      }
      return mode === 'down' ? broken(signal) : ava(signal);
    };
    const store = storeWithSource(scope, source);
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/balances$', expireToken: true });
    mode = 'slow';
    const revalidating = store.revalidateOlderThan(0).then(() => 'resolved', (error) => `rejected: ${error}`);
    await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'the 401');
    await pause(50); // the re-mint is out
    mode = 'down';
    const refreshed = await store.refresh().then(() => 'resolved', (error) => `rejected: ${error}`);
    expect(refreshed).to.equal('resolved');
    expect(await revalidating).to.equal('resolved');
    expect(balances.last().error, 'an error for Retry').to.not.equal(null);
  });

  it('a heart pressed with 1,000 items saved stores the entry once for the change shown and once for Omneo’s answer, not in the press’s task', async () => {
    // The entry holds the whole wishlist (~530,000 characters): stored at once for each change, a press cost two
    // serialisations and setItems, ~110 ms of main thread at 4× CPU slowdown, the first in the click's own task.
    const saved = longWishlist(1000);
    await scope.addFaults([
      { method: 'GET', path: '^/profiles/me/lists$', status: 200, body: { data: [saved] } },
      { method: 'GET', path: '^/profiles/me/lists$', status: 200, body: { data: [{ ...saved, items: saved.items.filter((item) => item.id !== 900003) }] }, times: Infinity },
      // Omneo answers after the change shown is stored: two bursts, each stored once.
      { method: 'DELETE', path: '/lists/7001/items/900003', status: 200, body: {}, latencyMs: 2 * WRITE_AFTER_MS },
    ]);
    const stored: number[] = [];
    const store = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('ava')), { customerHint: '7321987654321', storage: nextPageStorage(stored) });
    const watcher = record(store, listsResource);
    await until(() => watcher.last().status === 'ready' && !watcher.last().stale, 6000, 'the wishlist');
    await until(() => stored.length === 1, 2000, 'the wishlist stored');
    const storedItems = () => Object.values(cachedEntries())[0]!.resources.lists!.data[0].items.length;
    expect(storedItems()).to.equal(1000);
    stored.length = 0;
    const press = wishlistFor(store, 'wishlist').setInWishlist('LONG-0003', false);
    expect(stored, 'in the press’s own task').to.deep.equal([]);
    // Left now, the next page would paint the change shown (pagehide stores it: test/core/runtime.test.ts).
    await until(() => stored.length === 1, 2000, 'the change shown, stored');
    expect(storedItems(), 'the change shown').to.equal(999);
    await press;
    await pause(WRITE_AFTER_MS + 100);
    expect(stored, 'the change shown, then Omneo’s answer').to.have.length(2);
    expect(stored[0]).to.be.above(500_000);
    expect(storedItems()).to.equal(999);
    store.dispose();
  });

  it('a hub loading its six resources stores the entry once or twice, not once per resource', async () => {
    const stored: number[] = [];
    const store = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('ava')), { customerHint: '7321987654321', storage: nextPageStorage(stored) });
    const resources = [balancesResource, tierProgressResource, rewardsResource, benefitsResource, expiringPointsResource, listsResource] as ResourceDefinition<unknown>[];
    const watchers = resources.map((resource) => record(store, resource));
    await until(() => watchers.every((watcher) => watcher.last().status === 'ready' && !watcher.last().stale), 6000, 'the hub loaded');
    await pause(WRITE_AFTER_MS + 100);
    expect(stored.length).to.be.within(1, 2);
    const next = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('ava')), { customerHint: '7321987654321', storage: nextPageStorage() });
    expect(resources.every((resource) => record(next, resource).snapshots[0]!.status === 'ready'), 'the next page paints all six').to.equal(true);
    next.dispose();
    store.dispose();
  });

  it('a write the cache has not stored yet when the shopper leaves is never stored: logout, another customer or profile, a signed-out page', async () => {
    const hint = '7321987654321';
    const leaves: [string, (store: OmneoStore, who: { persona: string }) => unknown][] = [
      ['logout()', (store) => store.logout()],
      ['another customer', (store, who) => ((who.persona = 'zoe'), store.setCustomerHint('zoe-customer-id'))],
      ['another profile under the same customer id', (store, who) => ((who.persona = 'zoe'), store.refresh())],
      ['a signed-out page', () => record(pageStore(scope, 'ava', ''), balancesResource)],
      ['the token endpoint says guest', (store, who) => ((who.persona = 'guest'), store.refresh())],
    ];
    const storedText = () => Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key)).join('\n');
    for (const [what, leave] of leaves) {
      forgetAllCachedData(sessionStorage);
      const who = { persona: 'ava' };
      const store = storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who.persona))(signal), { customerHint: hint });
      const balances = record(store, balancesResource);
      await until(() => balances.last().status === 'ready' && !balances.last().stale, 4000, 'balances');
      expect(Object.keys(cachedEntries()), what).to.deep.equal([`customer:${hint}`]);
      store.setData(balancesResource, { ...balances.last().data!, point_balance: 313131 });
      expect(storedText(), `${what}: not stored yet`).not.to.contain('"point_balance":313131');
      await leave(store, who);
      await pause(WRITE_AFTER_MS + 100);
      expect(storedText(), what).not.to.contain('"point_balance":313131');
      expect(JSON.stringify(cachedEntries()), `${what}: nothing left to store`).not.to.contain('"point_balance":313131');
      balances.stop();
      store.dispose();
    }
  });

  it('a full sessionStorage: the copy that could not be replaced is forgotten, so the next page never paints it', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    const realSetItem = Storage.prototype.setItem;
    const full = function (this: Storage, key: string, value: string) {
      // Quota: nothing as large as a full entry fits any more; a smaller one (the entry without it) still does.
      if (value.includes('"point_balance":1')) throw new DOMException('full', 'QuotaExceededError');
      realSetItem.call(this, key, value);
    };
    Storage.prototype.setItem = full;
    try {
      store.setData(balancesResource, { ...watcher.last().data!, point_balance: 1 });
      flushCachedData(sessionStorage); // stored a moment after it is written (WRITE_AFTER_MS), or as the page is left
    } finally {
      Storage.prototype.setItem = realSetItem;
    }
    const next = record(pageStore(scope, 'ava', '7321987654321'), balancesResource);
    expect(next.snapshots[0]!.data).to.equal(null); // not the old 1,250: it waits for the server
    await until(() => next.last().status === 'ready');
  });

  it('a cross-page cache entry that is not JSON (cut short, another script\'s): forgotten, and the data loads from Omneo', async () => {
    const key = `omneo-widgets:v1:${scope.scope}:customer:7321987654321`;
    sessionStorage.setItem(key, '{"v":"0.1.0","pid":"5f0c9a2e","resources":{"balances":{"data":{"point_bal');
    const watcher = record(pageStore(scope, 'ava', '7321987654321'), balancesResource);
    expect(watcher.snapshots[0]!.data, 'nothing painted from it').to.equal(null);
    expect(sessionStorage.getItem(key), 'forgotten at once').to.equal(null);
    await until(() => watcher.last().status === 'ready', 4000, 'the balances from Omneo');
    expect(watcher.last().data!.point_balance).to.equal(1250);
  });

  it('invalidate() forgets the cached copy of a resource nobody shows, so the next page does not paint what a write changed', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    watcher.stop();
    await store.invalidate(balancesResource.key); // a redeem on a page that does not show the balance
    const next = record(pageStore(scope, 'ava', '7321987654321'), balancesResource);
    expect(next.snapshots[0]!.data).to.equal(null);
  });

  it('a first customer hint while a resource\'s first read is out (the same shopper): that read, dropped, is made again, not left a skeleton for ever', async () => {
    const store = pageStore(scope, 'ava');
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    // The tier card appears; its read goes with the token minted before the page named anyone.
    await scope.addFaults({ method: 'GET', path: '/profiles/me/tiers$', latencyMs: 400 });
    const tiers = record(store, tierProgressResource);
    await until(async () => (await scope.count('/profiles/me/tiers')) === 1, 4000, 'tiers read out');
    await store.setCustomerHint('7321987654321'); // the hub names her: a new token confirms her, the read out is dropped
    await until(() => tiers.last().status === 'ready', 4000, 'tiers read again');
    expect(tiers.last().data).to.not.equal(null);
    expect(await scope.count('/profiles/me/tiers')).to.equal(2);
    expect(balances.last().data!.point_balance).to.equal(1250);
  });

  it('noticeSessionEnded() when the session turns out to be someone\'s after all changes nothing', async () => {
    const store = pageStore(scope, 'ava');
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    await store.noticeSessionEnded(); // the token in memory is still Ava's
    expect(balances.last().status).to.equal('ready');
    expect(balances.last().data!.point_balance).to.equal(1250);
    expect(store.profileId).to.equal(AVA_PID);
  });

  it('load() without force keeps data that is current, and reads again what is stale', async () => {
    const store = pageStore(scope, 'ava');
    await store.load(balancesResource);
    expect(store.snapshot(balancesResource).data!.point_balance).to.equal(1250);
    await store.load(balancesResource);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    await store.load(balancesResource, { force: true });
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
    void store.invalidate(balancesResource.key); // nobody watches: marked stale, read on the next load
    await store.load(balancesResource);
    expect(await scope.count('/profiles/me/balances')).to.equal(3);
  });

  it('a resource of the app\'s own whose load throws something that is not an OmneoError: a network error to retry from, the cause kept', async () => {
    const store = pageStore(scope, 'ava');
    let fail = true;
    const custom: ResourceDefinition<number> = {
      key: 'app-own',
      persist: false,
      load: async (client, signal) => {
        if (fail) throw new TypeError('Failed to fetch');
        return (await balancesResource.load(client, signal)).point_balance;
      },
    };
    const watcher = record(store, custom);
    await until(() => watcher.last().status === 'error', 4000, 'error');
    const { error } = watcher.last();
    expect(error).to.be.instanceOf(OmneoNetworkError);
    expect((error!.cause as Error).message).to.equal('Failed to fetch');
    fail = false;
    await store.retryFailed();
    expect(watcher.last().status).to.equal('ready');
    expect(watcher.last().data).to.equal(1250);
  });

  it('a page whose storage the browser blocks (privacy settings, a sandboxed frame): no cache, and the data loads, is written, and goes at logout', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'sessionStorage')!;
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    let storage: KeyValueStorage | null;
    try {
      storage = browserSessionStorage();
    } finally {
      Object.defineProperty(window, 'sessionStorage', descriptor);
    }
    expect(storage).to.equal(null);
    const store = storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint('ava')), { customerHint: '7321987654321', storage });
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready', 4000, 'balances');
    store.setData(balancesResource, { ...balances.last().data!, point_balance: 1 });
    await store.invalidate(balancesResource.key);
    expect(balances.last().data!.point_balance).to.equal(1250);
    flushCachedData(storage);
    store.logout();
    expect(balances.last().status).to.equal('guest');
    await store.setCustomerHint('7321987654321'); // she signs in again
    await until(() => balances.last().status === 'ready', 4000, 'balances again');
    expect(storedKeys().filter((key) => key.includes(scope.scope))).to.deep.equal([]);
  });

  it('a read that fails after a local change was shown: the change stands, with no error beside it', async () => {
    const store = pageStore(scope, 'ava');
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/balances$', status: 403, latencyMs: 300 });
    const read = store.revalidateOlderThan(0); // the tab came back: a read goes out
    await until(async () => (await scope.count('/profiles/me/balances')) === 2, 4000, 'read out');
    store.setData(balancesResource, { ...balances.last().data!, point_balance: 1 }); // a write's result, after the read started
    await read;
    expect(balances.last().error).to.equal(null);
    expect(balances.last().stale).to.equal(false);
    expect(balances.last().data!.point_balance).to.equal(1);
  });

  it('setData() for a session that has ended (a mutation answered after a logout) writes nothing', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    const generation = store.sessionGeneration;
    store.logout();
    const written = store.setData(balancesResource, { ...balances.last().data!, point_balance: 1 }, { generation });
    expect(written).to.equal(false);
    expect(balances.last().status).to.equal('guest');
    expect(balances.last().data).to.equal(null);
    expect(storedKeys().filter((key) => key.includes(scope.scope))).to.deep.equal([]);
  });

  it('a first customer hint files under the name only the data on screen, not a resource whose load failed', async () => {
    const store = pageStore(scope, 'ava');
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/tiers$', status: 403 });
    const tiers = record(store, tierProgressResource);
    await until(() => tiers.last().status === 'error', 4000, 'tiers failed');
    await store.setCustomerHint('7321987654321'); // her token confirms her: what is on screen is filed under the name
    const entry = cachedEntries()['customer:7321987654321']!;
    expect(entry.pid).to.equal(AVA_PID);
    expect(Object.keys(entry.resources)).to.deep.equal(['balances']);
    // The next page with her hint paints the balance, and the tier card loads rather than showing 'ready' with nothing.
    const next = pageStore(scope, 'ava', '7321987654321');
    expect(record(next, balancesResource).snapshots[0]!.data!.point_balance).to.equal(1250);
    expect(record(next, tierProgressResource).snapshots[0]!.status).to.equal('loading');
  });

  it('logout in the same task as an element asking for its data (a sign-out handler that re-renders): a guest, and no shopper kept', async () => {
    const store = pageStore(scope, 'ava');
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    const rewards = record(store, rewardsResource); // its load has the token in memory already
    store.logout();
    await pause(100);
    expect(rewards.last().status).to.equal('guest');
    expect(store.profileId).to.equal(null);
    expect(await scope.count('/profiles/me/rewards')).to.equal(0);
  });

  it('a revalidation whose 401 re-mint names another profile (the page was not told of the switch): awaited, it ends with the new shopper\'s data', async () => {
    let who = 'ava';
    const store = storeFollowing(scope, () => who);
    const balances = record(store, balancesResource);
    await until(() => balances.last().status === 'ready');
    who = 'zoe'; // the storefront session is Zoe's now
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true });
    await store.revalidateOlderThan(0); // the tab came back: Ava's token is refused, the re-mint is Zoe's
    expect(store.profileId).to.equal(ZOE_PID);
    expect(balances.last()).to.deep.include({ status: 'ready', stale: false });
    expect(balances.last().data!.point_balance).to.equal(0);
    expect(balances.snapshots.filter((snapshot) => snapshot.data !== null).map((snapshot) => snapshot.data!.point_balance)).to.deep.equal([1250, 1250, 0]);
  });

  it('a mutation result replaces data and updates the cache', async () => {
    const store = pageStore(scope, 'ava', '7321987654321');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    store.setData(balancesResource, { ...watcher.last().data!, point_balance: 1 });
    expect(watcher.last().data!.point_balance).to.equal(1);
    const next = record(pageStore(scope, 'ava', '7321987654321'), balancesResource);
    expect(next.snapshots[0]!.data!.point_balance).to.equal(1);
  });
});
