import { expect } from '@open-wc/testing';
import { CrossPageCache } from '../../src/api/cache.js';
import { createOmneoClient } from '../../src/api/client.js';
import { balancesResource, profileResource, rewardsResource, tierProgressResource } from '../../src/api/resources.js';
import { OmneoStore, type ResourceDefinition, type ResourceSnapshot } from '../../src/api/store.js';
import { createTokenProvider, endpointTokenSource } from '../../src/api/token-provider.js';
import { until } from '../helpers/page.js';
import { newScope, type TestScope } from '../helpers/scope.js';

/** A fresh "page": its own token provider, client and store, sharing sessionStorage like real pages do. */
function pageStore(scope: TestScope, persona: string, customerHint?: string, fetchImpl?: typeof fetch) {
  const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint(persona)) });
  return new OmneoStore({
    client: createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens, fetch: fetchImpl }),
    tokens,
    cacheScope: scope.scope,
    customerHint,
    cache: new CrossPageCache(sessionStorage, scope.scope),
  });
}

function record<T>(store: OmneoStore, resource: ResourceDefinition<T>) {
  const snapshots: ResourceSnapshot<T>[] = [];
  const stop = store.watch(resource, (snapshot) => snapshots.push(snapshot));
  return { snapshots, stop, last: () => snapshots[snapshots.length - 1]! };
}

describe('store', () => {
  let scope: TestScope;
  beforeEach(async () => {
    sessionStorage.clear();
    scope = await newScope();
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
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:'))).to.equal(true);
    store.logout();
    expect(watcher.last().status).to.equal('guest');
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:'))).to.equal(false);
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

  it('revalidates on visibility only when data is older than the threshold', async () => {
    const store = pageStore(scope, 'ava');
    const watcher = record(store, balancesResource);
    await until(() => watcher.last().status === 'ready');
    await store.revalidateOlderThan(60_000);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    await store.revalidateOlderThan(0);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
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
