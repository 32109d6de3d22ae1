/**
 * The widget's own data layer (token provider, client, resources: the code the elements run) against
 * the proxy in pass-through mode, through a fetch that behaves like the browser on the storefront: it
 * adds the storefront's Origin and, for `credentials: 'include'` requests to the proxy, the shopper's
 * session cookie. The widget works end to end while the only token it ever holds is the proxy's
 * stand-in, which Omneo refuses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiCredentialsFor, createOmneoClient } from '../../src/api/client.js';
import { OmneoGuestError } from '../../src/api/errors.js';
import { addListItem, getLists, getProfile, removeListItem } from '../../src/api/resources.js';
import { getBalances } from '../../src/api/balances.js';
import { createTokenProvider, endpointTokenSource } from '../../src/api/token-provider.js';
import { AVA_PROFILE_ID } from './helpers.js';
import { harness, ID_API, PROXY_ORIGIN, STOREFRONT } from './proxy-harness.js';

describe('pass-through mode, driven by the widget data layer', () => {
  it('reads and writes through the proxy by session; the token the page holds is useless at Omneo', async () => {
    const h = harness();
    let cookie = await h.assertionCookie();
    const sent: Array<{ method: string; url: string; cookie: boolean; authorization: string | null }> = [];
    const browserFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.set('Origin', STOREFRONT);
      headers.set('Sec-Fetch-Site', 'same-site');
      const withCookie = init?.credentials === 'include' && url.origin === PROXY_ORIGIN;
      if (withCookie) headers.set('Cookie', cookie);
      sent.push({ method: request.method, url: url.pathname, cookie: withCookie, authorization: request.headers.get('authorization') });
      assert.equal(url.origin, PROXY_ORIGIN, 'the page calls only the proxy');
      const body = request.body ? await request.text() : undefined;
      return h.proxy.fetch(new Request(request.url, { method: request.method, headers, body }));
    };

    const tokenEndpoint = `${PROXY_ORIGIN}/omneo/token`;
    const apiBase = `${PROXY_ORIGIN}/omneo/api`;
    const tokens = createTokenProvider({ source: endpointTokenSource(tokenEndpoint, { fetch: browserFetch }), now: h.clock.nowMs });
    const client = createOmneoClient({ apiBase, tokens, fetch: browserFetch, credentials: apiCredentialsFor(apiBase, tokenEndpoint) });

    assert.equal((await getProfile(client)).id, AVA_PROFILE_ID);
    assert.ok((await getBalances(client)).point_balance > 0);
    const wishlist = (await getLists(client)).find((list) => list.handle === 'wishlist')!;
    await addListItem(client, wishlist.id, 'LS-SAND-L');
    const added = (await getLists(client)).find((list) => list.id === wishlist.id)!.items.find((item) => item.product_variant?.sku === 'LS-SAND-L');
    assert.ok(added, 'the item was added');
    await removeListItem(client, wishlist.id, added.id);
    const after = (await getLists(client)).find((list) => list.id === wishlist.id)!.items;
    assert.ok(!after.some((item) => item.product_variant?.sku === 'LS-SAND-L'), 'and removed');

    // Every call carried the session; the token the page holds is the proxy's stand-in, for this profile.
    assert.ok(sent.every((s) => s.cookie), JSON.stringify(sent));
    const held = (await tokens.get())!;
    assert.equal(held.pid, AVA_PROFILE_ID);
    assert.ok(sent.filter((s) => s.url.startsWith('/omneo/api/')).every((s) => s.authorization === `Bearer ${held.token}`));
    const direct = await h.mock.app.request(`${ID_API}/profiles/me`, { headers: { Authorization: `Bearer ${held.token}`, Accept: 'application/json' } });
    assert.equal(direct.status, 401, 'Omneo refuses what the page holds');
    assert.equal(sent.filter((s) => s.url === '/omneo/token').length, 1, 'one token request for the page');

    // The session ends (signed out elsewhere): the next call's 401 asks the token route once, which says guest.
    cookie = '';
    await assert.rejects(getBalances(client), OmneoGuestError);
    h.assertNoLeaks();
  });
});
