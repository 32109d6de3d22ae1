import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import { createDevApp, GALLERY_STATES, isDevAppPath, nodeListener, SCOPE_IDLE_MS } from '../../server/dev/app.js';
import { demoImageSvg, isDemoImagePath } from '../../server/dev/demo-images.js';
import { omneoDevPlugin } from '../../server/dev/vite-plugin.js';
import { PERSONAS, personaInfo } from '../../server/mock-omneo/index.js';
import { CATALOGUE_SKUS, lookupVariant } from '../../server/mock-omneo/catalogue.js';
import { seedPersona } from '../../server/mock-omneo/personas.js';
import { PRODUCTS } from '../../demo/products.js';
import { AVA_PROFILE_ID, call, decodePayload } from './helpers.js';

async function newScope(app: ReturnType<typeof createDevApp>['app'], body?: unknown) {
  const res = await call(app, '/__scopes', { method: 'POST', body });
  assert.equal(res.status, 201, res.text);
  return res.json as { scope: string; apiBase: string; tokenEndpointFor: string };
}

async function scopeToken(app: ReturnType<typeof createDevApp>['app'], scope: { tokenEndpointFor: string }, persona: string) {
  const res = await call(app, scope.tokenEndpointFor.replace('{persona}', persona), { method: 'POST' });
  return res;
}

describe('dev app: test scopes', () => {
  it('creates scopes with their own API base and token endpoint', async () => {
    const { app } = createDevApp();
    const a = await newScope(app);
    const b = await newScope(app);
    assert.notEqual(a.scope, b.scope);
    assert.equal(a.apiBase, `/__scopes/${a.scope}/id/api/v1`);
    assert.equal(a.tokenEndpointFor, `/__scopes/${a.scope}/as/{persona}/omneo/token`);
  });

  it('mints through a real proxy for a persona; guest → 401; unsynced → 503', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app);
    const ava = await scopeToken(app, scope, 'ava');
    assert.equal(ava.status, 200);
    assert.equal(ava.headers.get('cache-control'), 'no-store');
    assert.equal(decodePayload(ava.json.token).pid, AVA_PROFILE_ID);
    const balances = await call(app, `${scope.apiBase}/profiles/me/balances`, { token: ava.json.token });
    assert.equal(balances.status, 200);
    assert.equal(balances.json.data.point_balance, 1250);
    assert.equal((await scopeToken(app, scope, 'guest')).status, 401);
    assert.equal((await scopeToken(app, scope, 'nobody')).status, 401);
    const unsynced = await scopeToken(app, scope, 'unsynced');
    assert.equal(unsynced.status, 503);
    assert.equal(unsynced.headers.get('retry-after'), '5');
    const get = await call(app, scope.tokenEndpointFor.replace('{persona}', 'zoe'));
    assert.equal(get.status, 200);
  });

  it('isolates scopes: a wishlist add in A is not seen in B', async () => {
    const { app } = createDevApp();
    const a = await newScope(app);
    const b = await newScope(app);
    const tokenA = (await scopeToken(app, a, 'ava')).json.token;
    const tokenB = (await scopeToken(app, b, 'ava')).json.token;
    const added = await call(app, `${a.apiBase}/profiles/me/lists/6021/items`, { body: { product_variant_sku: 'LS-SAND-L', quantity: 1 }, token: tokenA });
    assert.equal(added.status, 201);
    const skus = async (apiBase: string, token: string) =>
      (await call(app, `${apiBase}/profiles/me/lists/6021/items`, { token })).json.data.map((i: { product_variant: { sku: string } }) => i.product_variant.sku);
    assert.deepEqual(await skus(a.apiBase, tokenA), ['LS-SAND-M', 'KN-NAVY-S', 'LS-SAND-L']);
    assert.deepEqual(await skus(b.apiBase, tokenB), ['LS-SAND-M', 'KN-NAVY-S']);
    // Tokens are per scope too: scope A's token is refused by scope B and by the demo mock.
    assert.equal((await call(app, `${b.apiBase}/profiles/me/lists`, { token: tokenA })).status, 401);
    assert.equal((await call(app, '/id/api/v1/profiles/me/lists', { token: tokenA })).status, 401);
  });

  it('logs API and token requests; DELETE clears the log', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app);
    const token = (await scopeToken(app, scope, 'ava')).json.token;
    await call(app, `${scope.apiBase}/profiles/me/balances`, { token });
    await call(app, `${scope.apiBase}/profiles/me/points?sort=expires_at`, { token });
    const log = await call(app, `/__scopes/${scope.scope}/requests`);
    assert.deepEqual(
      log.json.map((e: { method: string; path: string }) => [e.method, e.path]),
      [
        ['POST', '/omneo/token'],
        ['GET', '/profiles/me/balances'],
        ['GET', '/profiles/me/points'],
      ],
    );
    assert.equal(log.json[2].search, '?sort=expires_at');
    assert.equal((await call(app, `/__scopes/${scope.scope}/requests`, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await call(app, `/__scopes/${scope.scope}/requests`)).json, []);
  });

  it('adds fault rules from JSON (one or many, regex strings, times null = always) and clears them', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app);
    const token = (await scopeToken(app, scope, 'ava')).json.token;
    const faults = `/__scopes/${scope.scope}/faults`;
    assert.equal((await call(app, faults, { body: { path: '^/profiles/me/balances$', status: 500, times: null } })).status, 201);
    assert.equal((await call(app, faults, { body: [{ path: 'tiers', status: 429, retryAfter: 3 }, { path: 'rewards', malformed: true }] })).json.added, 2);
    for (let i = 0; i < 3; i++) assert.equal((await call(app, `${scope.apiBase}/profiles/me/balances`, { token })).status, 500);
    const tiers = await call(app, `${scope.apiBase}/profiles/me/tiers`, { token });
    assert.equal(tiers.status, 429);
    assert.equal(tiers.headers.get('retry-after'), '3');
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/rewards`, { token })).json, undefined);
    assert.equal((await call(app, faults, { method: 'DELETE' })).status, 204);
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/balances`, { token })).status, 200);
    assert.equal((await call(app, faults, { body: 'not json' })).status, 400);
    // A mint fault reaches the scope proxy: 502 for the widget.
    await call(app, faults, { body: { path: '/auth/token', status: 500 } });
    assert.equal((await scopeToken(app, scope, 'ava')).status, 502);
  });

  it('honours quirks and tokenTtlSeconds per scope, and sets the clock', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app, { quirks: 'strings', tokenTtlSeconds: 30 });
    const minted = (await scopeToken(app, scope, 'ava')).json;
    const claims = decodePayload(minted.token) as { exp: number; iat: number };
    assert.equal(claims.exp - claims.iat, 30);
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/balances`, { token: minted.token })).json.data.point_balance, '1250');
    const clock = await call(app, `/__scopes/${scope.scope}/clock`, { body: { now: '2025-11-26T01:00:00Z' } });
    assert.equal(clock.json.now, '2025-11-26T01:00:00.000Z');
    const token = (await scopeToken(app, scope, 'ava')).json.token;
    const reward = (await call(app, `${scope.apiBase}/profiles/me/rewards/55102`, { token })).json.data;
    assert.equal(reward.expires_at, '2025-12-08 12:59:59');
    assert.equal((await call(app, `/__scopes/${scope.scope}/clock`, { body: { now: 'nonsense' } })).status, 400);
    assert.equal((await call(app, '/__scopes', { body: { quirks: 'weird' } })).status, 400);
  });

  it('answers 404 for an unknown scope, and deletes scopes', async () => {
    const { app } = createDevApp();
    assert.equal((await call(app, '/__scopes/nope/id/api/v1/profiles/me')).status, 404);
    assert.equal((await call(app, '/__scopes/nope/as/ava/omneo/token', { method: 'POST' })).status, 404);
    const scope = await newScope(app);
    assert.equal((await call(app, `/__scopes/${scope.scope}`, { method: 'DELETE' })).status, 204);
    assert.equal((await call(app, `/__scopes/${scope.scope}/requests`)).status, 404);
  });

  it('passThroughOnly: the token route hands out the stand-in, which the mock refuses; pass-through works and its upstream calls are logged', async () => {
    const { app } = createDevApp();
    const mixed = (await call(app, '/__scopes', { method: 'POST' })).json;
    assert.equal(mixed.passThroughOnly, false);
    const scope = (await call(app, '/__scopes', { body: { passThroughOnly: true } })).json as {
      scope: string;
      apiBase: string;
      tokenEndpointFor: string;
      passThroughApiBaseFor: string;
      passThroughOnly: boolean;
    };
    assert.equal(scope.passThroughOnly, true);
    const passThrough = scope.passThroughApiBaseFor.replace('{persona}', 'ava');
    assert.equal(passThrough, `/__scopes/${scope.scope}/as/ava/omneo/api`);

    const minted = await scopeToken(app, scope, 'ava');
    assert.equal(minted.status, 200);
    const claims = decodePayload(minted.json.token);
    assert.equal(claims.iss, 'omneo-proxy', 'the stand-in, not the mock token');
    assert.equal(claims.pid, AVA_PROFILE_ID);
    assert.equal(claims.exp, minted.json.exp);
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/balances`, { token: minted.json.token })).status, 401);
    // The mixed scope's token route still hands out a token its mock accepts.
    const real = (await scopeToken(app, mixed, 'ava')).json.token;
    assert.equal((await call(app, `${mixed.apiBase}/profiles/me/balances`, { token: real })).status, 200);

    // Pass-through answers for the scope's persona; the proxy's token cache serves both calls from one mint.
    for (let i = 0; i < 2; i++) {
      const balances = await call(app, `${passThrough}/profiles/me/balances`, { token: minted.json.token });
      assert.equal(balances.status, 200);
      assert.equal(balances.json.data.point_balance, 1250);
    }
    const log = (await call(app, `/__scopes/${scope.scope}/requests`)).json as { method: string; path: string; via?: string }[];
    assert.deepEqual(
      log.map((e) => [e.method, e.path, e.via ?? 'outside']),
      [
        ['POST', '/omneo/token', 'outside'],
        ['POST', '/auth/token', 'proxy'],
        ['GET', '/profiles/me/balances', 'outside'],
        ['GET', '/omneo/api/profiles/me/balances', 'outside'],
        ['GET', '/profiles/me/balances', 'proxy'],
        ['GET', '/omneo/api/profiles/me/balances', 'outside'],
        ['GET', '/profiles/me/balances', 'proxy'],
      ],
    );
    // The mixed scope logs no upstream calls: its log is what the page sent, as before.
    assert.ok(((await call(app, `/__scopes/${mixed.scope}/requests`)).json as { via?: string }[]).every((e) => e.via === undefined));

    assert.equal((await call(app, '/__scopes', { body: { passThroughOnly: 'yes' } })).status, 400);
  });

  it('refuses what it cannot read with 400, and answers 404 on every scope route for an unknown scope', async () => {
    const { app } = createDevApp();
    for (const body of ['{"quirks": ', { tokenTtlSeconds: 0 }, { tokenTtlSeconds: '30' }, { now: 'yesterday' }]) {
      assert.equal((await call(app, '/__scopes', { body })).status, 400, JSON.stringify(body));
    }
    const scope = await newScope(app);
    const clock = `/__scopes/${scope.scope}/clock`;
    assert.equal((await call(app, clock, { body: '{now' })).status, 400);
    assert.equal((await call(app, clock, { body: { now: 1764118800000 } })).status, 400, 'a number is not an ISO date');
    const faults = `/__scopes/${scope.scope}/faults`;
    for (const body of [null, '"500"', [{ path: 'x' }, 7], { status: 700 }, { status: 99 }, { status: '500' }]) {
      const res = await call(app, faults, { body: body === null ? 'null' : body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(res.json.message, JSON.stringify(body));
    }
    assert.deepEqual((await call(app, faults, { body: { path: 'x', times: 0 } })).json, { added: 0 }, 'a rule for no request is not kept');
    for (const [method, path] of [
      ['POST', '/faults'], ['DELETE', '/faults'], ['GET', '/requests'], ['DELETE', '/requests'], ['POST', '/clock'], ['POST', '/reset'],
      ['GET', '/as/ava/omneo/tiers'], ['GET', '/as/ava/omneo/api/profiles/me'],
    ] as const) {
      const res = await call(app, `/__scopes/nope${path}`, { method, body: method === 'POST' ? {} : undefined });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.json.message, 'Unknown or expired scope.', `${method} ${path}`);
    }
  });

  it('a scope fault rule whose status no response can carry is refused, not turned into 500s', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app);
    const token = (await scopeToken(app, scope, 'ava')).json.token;
    assert.equal((await call(app, `/__scopes/${scope.scope}/faults`, { body: { path: 'balances', status: 600, times: null } })).status, 400);
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/balances`, { token })).status, 200);
  });

  it('clock: null goes back to the real clock; reset seeds the data again and empties the log', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app, { now: '2025-11-26T01:00:00Z' });
    const clock = `/__scopes/${scope.scope}/clock`;
    assert.equal((await call(app, clock, { body: {} })).status, 200);
    const real = Date.parse((await call(app, clock, { body: { now: null } })).json.now);
    assert.ok(Math.abs(real - Date.now()) < 60_000, 'back on the real clock');
    const token = (await scopeToken(app, scope, 'ava')).json.token;
    await call(app, `${scope.apiBase}/profiles/me/lists/6021/items/88310`, { method: 'DELETE', token });
    await call(app, `/__scopes/${scope.scope}/faults`, { body: { path: 'tiers', status: 500, times: null } });
    assert.equal((await call(app, `/__scopes/${scope.scope}/reset`, { method: 'POST' })).status, 204);
    assert.deepEqual((await call(app, `/__scopes/${scope.scope}/requests`)).json, []);
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/lists/6021/items`, { token })).json.data.length, 2);
    assert.equal((await call(app, `${scope.apiBase}/profiles/me/tiers`, { token })).status, 200, 'faults cleared');
  });

  it('does not log CORS preflights; a pass-through-only scope logs the tier ladder it fetches upstream under its admin path', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app);
    const preflight = await call(app, `${scope.apiBase}/profiles/me`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://shop.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.deepEqual((await call(app, `/__scopes/${scope.scope}/requests`)).json, []);
    const only = (await call(app, '/__scopes', { body: { passThroughOnly: true } })).json as { scope: string; tiersEndpoint: string };
    const tiers = await call(app, only.tiersEndpoint);
    assert.equal(tiers.status, 200);
    assert.equal(tiers.json.data.length, 4);
    const log = (await call(app, `/__scopes/${only.scope}/requests`)).json as { path: string; via?: string }[];
    assert.deepEqual(log.map((e) => [e.path, e.via ?? 'outside']), [['/omneo/tiers', 'outside'], ['/api/v3/tiers/definitions', 'proxy']]);
  });

  it('forgets a scope idle for SCOPE_IDLE_MS, keeps one in use, and keeps at most 500 (the least recently used goes)', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-01-01T00:00:00Z') });
    try {
      const { app } = createDevApp();
      const idle = await newScope(app);
      const busy = await newScope(app);
      for (let i = 0; i < 2; i++) {
        mock.timers.tick(SCOPE_IDLE_MS / 2 + 1000);
        assert.equal((await call(app, `/__scopes/${busy.scope}/requests`)).status, 200);
      }
      const oldest = await newScope(app); // creating a scope sweeps
      assert.equal((await call(app, `/__scopes/${idle.scope}/requests`)).status, 404, 'idle past SCOPE_IDLE_MS');
      assert.equal((await call(app, `/__scopes/${busy.scope}/requests`)).status, 200);

      mock.timers.tick(1);
      for (let i = 0; i < 498; i++) await newScope(app); // 500 now, `busy` and `oldest` used longest ago
      mock.timers.tick(1);
      assert.equal((await call(app, `/__scopes/${busy.scope}/requests`)).status, 200); // used: now the most recent
      await newScope(app);
      assert.equal((await call(app, `/__scopes/${oldest.scope}/requests`)).status, 404, 'the least recently used of 500 went');
      assert.equal((await call(app, `/__scopes/${busy.scope}/requests`)).status, 200);
    } finally {
      mock.timers.reset();
    }
  });

  it('rewrites pagination links under the scope prefix', async () => {
    const { app } = createDevApp();
    const scope = await newScope(app);
    const token = (await scopeToken(app, scope, 'ava')).json.token;
    const rewards = (await call(app, `${scope.apiBase}/profiles/me/rewards?page[size]=2`, { token })).json;
    assert.equal(new URL(rewards.links.next).pathname, `${scope.apiBase}/profiles/me/rewards`);
  });
});

describe('dev app: demo routes', () => {
  it('lists personas', async () => {
    const { app } = createDevApp();
    const res = await call(app, '/demo/personas');
    assert.deepEqual(res.json.map((p: { key: string }) => p.key), PERSONAS.map((p) => p.key));
    assert.ok(res.json.every((p: { label: string }) => p.label));
  });

  it('signs in a persona with an HttpOnly assertion cookie, then the demo proxy mints for it', async () => {
    const { app } = createDevApp();
    const login = await call(app, '/demo/login?persona=ava', { headers: { Referer: 'http://test.local/account.html?x=1' } });
    assert.equal(login.status, 302);
    assert.equal(login.headers.get('location'), '/account.html?x=1');
    const cookies = login.headers.getSetCookie();
    const identity = cookies.find((c) => c.startsWith('omneo_identity='))!;
    assert.match(identity, /HttpOnly/);
    assert.match(identity, /SameSite=Lax/);
    assert.match(identity, /Path=\//);
    assert.match(identity, /Max-Age=3600/);
    const persona = cookies.find((c) => c.startsWith('omneo_demo_persona='))!;
    assert.doesNotMatch(persona, /HttpOnly/);
    const cookieHeader = cookies.map((c) => c.split(';')[0]).join('; ');
    const token = await call(app, '/omneo/token', { method: 'POST', headers: { Cookie: cookieHeader } });
    assert.equal(token.status, 200);
    assert.equal(decodePayload(token.json.token).pid, AVA_PROFILE_ID);
    const me = await call(app, '/id/api/v1/profiles/me', { token: token.json.token });
    assert.equal(me.json.data.first_name, 'Ava');
    assert.equal((await call(app, '/omneo/token', { method: 'POST' })).status, 401);
  });

  it('never redirects off-site, rejects unknown personas, and logs out', async () => {
    const { app } = createDevApp();
    const offsite = await call(app, '/demo/login?persona=zoe', { headers: { Referer: 'https://evil.example/' } });
    assert.equal(offsite.headers.get('location'), '/');
    assert.equal((await call(app, '/demo/login?persona=eve')).status, 400);
    const logout = await call(app, '/demo/logout');
    assert.equal(logout.status, 302);
    assert.ok(logout.headers.getSetCookie().some((c) => c.startsWith('omneo_identity=;') && /Max-Age=0/.test(c)));
    // The switcher's Guest choice sent by its form without JavaScript: a sign-out back to the page, not a 400.
    const guest = await call(app, '/demo/login?persona=', { headers: { Referer: 'http://test.local/account.html' } });
    assert.equal(guest.status, 302);
    assert.equal(guest.headers.get('location'), '/account.html');
    assert.ok(guest.headers.getSetCookie().some((c) => c.startsWith('omneo_identity=;') && /Max-Age=0/.test(c)));
  });

  it('adds and clears demo faults', async () => {
    const { app, demoMock } = createDevApp();
    assert.equal((await call(app, '/demo/faults', { body: { path: '^/profiles/me', status: 500, times: null } })).status, 201);
    assert.equal(demoMock.faults.list().length, 1);
    assert.equal((await call(app, '/demo/faults', { method: 'DELETE' })).status, 204);
    assert.equal(demoMock.faults.list().length, 0);
  });

  it('answers the Simulate switches and Reset data: bad rules 400, rules that apply nothing not counted, reset seeds again', async () => {
    const { app, demoMock } = createDevApp();
    for (const body of ['{"path": ', 'null', { status: 1000 }, [{ path: 'balances', status: 500 }, 'x']]) {
      assert.equal((await call(app, '/demo/faults', { body })).status, 400, JSON.stringify(body));
    }
    assert.deepEqual(demoMock.faults.list(), [], 'a batch with a bad rule adds none');
    assert.deepEqual((await call(app, '/demo/faults', { body: [{ path: 'a', times: 0 }, { path: 'b' }] })).json, { added: 1 });
    const token = await demoMock.mintToken('ava');
    await call(app, '/id/api/v1/profiles/me/lists/6021/items/88310', { method: 'DELETE', token });
    assert.equal((await call(app, '/demo/reset', { method: 'POST' })).status, 204);
    assert.equal(demoMock.state.ava.lists[0]!.items.length, 2);
    assert.deepEqual((await call(app, '/demo/faults')).json, []);
  });

  it('sends a sign-in without a persona, or with an unreadable or demo-route Referer, to a safe place', async () => {
    const { app } = createDevApp();
    const none = await call(app, '/demo/login');
    assert.equal(none.status, 400);
    assert.ok(none.json.personas.includes('ava'));
    for (const referer of ['not a url', 'http://test.local/demo/login?persona=zoe']) {
      const res = await call(app, '/demo/login?persona=ava', { headers: { Referer: referer } });
      assert.equal(res.status, 302, referer);
      assert.equal(res.headers.get('location'), '/', referer);
    }
  });

  it('knows which paths are its own', () => {
    for (const path of ['/__scopes', '/__scopes/x/requests', '/id/api/v1/profiles/me', '/omneo/token', '/demo/login', '/demo/personas', '/demo/faults', '/demo/states/loaded/token', '/demo/states/error/id/api/v1/profiles/me']) {
      assert.ok(isDevAppPath(path), path);
    }
    for (const path of ['/', '/demo/index.html', '/demo/demo.ts', '/src/index.ts', '/omneo/tokens', '/id/api/v10', '/states.html', '/demo/states']) {
      assert.ok(!isDevAppPath(path), path);
    }
  });
});

describe('dev app: the states gallery routes (demo/states.html)', () => {
  const mint = (app: ReturnType<typeof createDevApp>['app'], state: string) => call(app, `/demo/states/${state}/token`, { method: 'POST' });

  it('mints for each state its shopper through a real proxy: Ava, Zoe, nobody', async () => {
    const { app } = createDevApp();
    for (const state of ['loaded', 'error', 'outdated']) assert.equal(decodePayload((await mint(app, state)).json.token).pid, AVA_PROFILE_ID, state);
    assert.equal(decodePayload((await mint(app, 'empty')).json.token).pid, personaInfo('zoe')!.profileId);
    const guest = await mint(app, 'guest');
    assert.equal(guest.status, 401);
    assert.equal(guest.headers.get('cache-control'), 'no-store');
    assert.equal((await mint(app, 'nobody')).status, 404);
    assert.equal((await call(app, '/demo/states/nobody/id/api/v1/profiles/me')).status, 404);
  });

  it('answers from its own mock where the state loads, and 500 for every profile and tier-ladder call where it fails', async () => {
    const { app, demoMock } = createDevApp();
    // The demo's faults and data are the demo's: the gallery's loaded tiles keep working under "Simulate: API errors".
    demoMock.faults.add({ path: '^/profiles/me', status: 500, times: Infinity });
    const loaded = (await mint(app, 'loaded')).json.token;
    const balances = await call(app, '/demo/states/loaded/id/api/v1/profiles/me/balances', { token: loaded });
    assert.equal(balances.status, 200);
    assert.equal(balances.json.data.point_balance, 1250);
    assert.equal((await call(app, '/demo/states/loaded/tiers')).json.data.length, 4);
    for (const state of ['error', 'outdated']) {
      const token = (await mint(app, state)).json.token;
      for (const path of ['/profiles/me', '/profiles/me/balances', '/profiles/me/lists', '/profiles/me/rewards']) {
        assert.equal((await call(app, `/demo/states/${state}/id/api/v1${path}`, { token })).status, 500, `${state} ${path}`);
      }
      assert.ok((await call(app, `/demo/states/${state}/tiers`)).status >= 500, `${state} tiers`);
    }
  });

  it("gives the empty state's Zoe no tier at all, also after Reset data, which seeds the gallery's data again; the demo's Zoe keeps hers", async () => {
    const { app, demoMock } = createDevApp();
    const tiers = async () => (await call(app, '/demo/states/empty/id/api/v1/profiles/me/tiers', { token: (await mint(app, 'empty')).json.token })).json.data;
    assert.deepEqual([(await tiers()).current_tier, (await tiers()).next_tier], [null, null]);
    // A designer removes an item in the loaded wishlist tile; Reset data brings it back.
    const ava = (await mint(app, 'loaded')).json.token;
    const items = async () => (await call(app, '/demo/states/loaded/id/api/v1/profiles/me/lists', { token: ava })).json.data[0].items as { id: number; product_list_id: number }[];
    const [first] = await items();
    assert.equal((await call(app, `/demo/states/loaded/id/api/v1/profiles/me/lists/${first!.product_list_id}/items/${first!.id}`, { method: 'DELETE', token: ava })).status, 204);
    assert.equal((await items()).length, 1);
    assert.equal((await call(app, '/demo/states/reset', { method: 'POST' })).status, 204);
    assert.equal((await items()).length, 2);
    assert.deepEqual([(await tiers()).current_tier, (await tiers()).next_tier], [null, null]);
    assert.equal(demoMock.state.zoe.tiers.current_tier.handle, 'member');
  });

  it('holds the loading states’ token and API answers until the client hangs up', async () => {
    const { app } = createDevApp();
    for (const path of ['/demo/states/loading/token', '/demo/states/updating/token', '/demo/states/loading/id/api/v1/profiles/me', '/demo/states/loading/tiers']) {
      const hangUp = new AbortController();
      let answered = false;
      const answer = Promise.resolve(app.fetch(new Request(`http://test.local${path}`, { method: 'POST', signal: hangUp.signal }))).then((response) => {
        answered = true;
        return response;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(answered, false, path);
      hangUp.abort();
      assert.notEqual((await answer).status, 200, path);
    }
    assert.deepEqual(Object.keys(GALLERY_STATES).sort(), ['empty', 'error', 'guest', 'loaded', 'loading', 'outdated', 'updating']);
  });
});

describe('dev app: behind a Node listener (streamed bodies)', () => {
  let server: Server;
  let origin: string;
  before(async () => {
    const listener = nodeListener(createDevApp().app);
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('creates a scope, mints and posts a JSON body through the listener', async () => {
    const scope = (await (await fetch(`${origin}/__scopes`, { method: 'POST' })).json()) as { apiBase: string; tokenEndpointFor: string };
    const minted = (await (await fetch(origin + scope.tokenEndpointFor.replace('{persona}', 'zoe'), { method: 'POST' })).json()) as { token: string };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name": "Wish'));
        controller.enqueue(new TextEncoder().encode('list", "handle": "wishlist"}'));
        controller.close();
      },
    });
    const created = await fetch(`${origin}${scope.apiBase}/profiles/me/lists`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${minted.token}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(created.status, 201);
    assert.equal(((await created.json()) as { data: { handle: string } }).data.handle, 'wishlist');
  });
});

/** Every string under an image-ish key (`url`, `image_url`, `icon`, `avatar_url`) in a seed. */
function imageUrls(value: unknown, key = '', found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => imageUrls(item, key, found));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) imageUrls(v, k, found);
  else if (typeof value === 'string' && /^(url|image_url|icon|avatar_url)$/.test(key)) found.add(value);
  return found;
}

describe('demo images', () => {
  const urls = new Set(PERSONAS.flatMap((persona) => [...imageUrls(seedPersona(persona.key))]));
  const relative = [...urls].filter((url) => url.startsWith('/'));

  it('draws every relative image URL the personas carry (products, rewards, benefits, tiers, avatars)', () => {
    for (const folder of ['/products/', '/storage/rewards/', '/storage/benefits/', '/storage/tiers/', '/storage/avatars/']) {
      assert.ok(relative.some((url) => url.startsWith(folder)), folder);
    }
    for (const url of relative) {
      assert.ok(isDemoImagePath(url), url);
      const svg = demoImageSvg(url);
      assert.ok(svg?.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') && svg.endsWith('</svg>'), url);
      assert.ok(!/<script|href=|https?:\/\/(?!www\.w3\.org)/i.test(svg ?? ''), `${url} draws only shapes`);
    }
    // Absolute URLs stay absolute and are not the demo's to answer; javascript: URLs are Mallory's.
    assert.ok([...urls].some((url) => url.startsWith('https://cdn.example-retailer.com.au/')));
    assert.ok([...urls].every((url) => url.startsWith('/') || url.startsWith('https://') || url.startsWith('javascript:')));
  });

  it('draws from the file name: the same picture for the same name, a different one for another colour or kind', () => {
    const shirt = demoImageSvg('/products/ls-sand-1.jpg');
    assert.equal(shirt, demoImageSvg('/products/ls-sand-1.jpg'));
    assert.notEqual(shirt, demoImageSvg('/products/ls-olive-1.jpg'));
    assert.notEqual(shirt, demoImageSvg('/products/lp-sand-1.jpg'));
    assert.match(demoImageSvg('/products/ls-sand-1.jpg') ?? '', /<title>Linen Relaxed Shirt, Sand<\/title>/);
    assert.match(demoImageSvg('/storage/avatars/grace.jpg') ?? '', />G<\/text>/);
  });

  it("draws each product the demo asks for as itself: the catalogue's relative images and the demo page's grid", () => {
    const catalogue = CATALOGUE_SKUS.flatMap((sku) => (lookupVariant(sku).product_variant.images as { url: string }[]).map((image) => [image.url, lookupVariant(sku).product.title]));
    const grid = PRODUCTS.map((product) => [`/products/${product.kind.toLowerCase()}-${product.colour}-1.jpg`, lookupVariant(product.sku).product.title]);
    const asked = [...catalogue.filter(([url]) => url!.startsWith('/')), ...grid] as [string, string][];
    assert.ok(asked.length > 40, `${asked.length} pictures`);
    const kinds = new Set<string>();
    for (const [url, title] of asked) {
      const svg = demoImageSvg(url) ?? '';
      // Its own silhouette and name (an unknown kind is a tee named after the file: "Jn Indigo").
      assert.match(svg, new RegExp(`<title>${title}, `), url);
      kinds.add(/<g [^>]*>([\s\S]*)<\/g>/.exec(svg)![1]!.replace(/fill="[^"]*"|stroke="rgba[^"]*"/g, '').slice(0, 40));
    }
    assert.ok(kinds.size >= 9, `${kinds.size} silhouettes`);
    // Other names still draw something: a product prefix it does not know, a benefit, a storage folder.
    assert.match(demoImageSvg('/products/zz-sand-1.jpg') ?? '', /<title>Zz Sand<\/title>/);
    assert.match(demoImageSvg('/storage/benefits/free-coffee.png') ?? '', /<polygon /);
    assert.match(demoImageSvg('/storage/banners/summer.webp') ?? '', /<title>Summer<\/title>[\s\S]*<polygon /);
  });

  it('answers only plain image names under /products/ and /storage/<folder>/', () => {
    for (const path of ['/products/../x.jpg', '/products/x.js', '/products/x.jpg/', '/productsx/a.jpg', '/storage/a.png', '/storage/a/b/c.png', '/products/<x>.png', '/products/.jpg']) {
      assert.ok(!isDemoImagePath(path), path);
      assert.equal(demoImageSvg(path), null, path);
    }
  });

  it('is not a dev-app path: the browser tests, bench and packaging servers still answer 404 for images', () => {
    for (const url of relative) assert.ok(!isDevAppPath(url), url);
  });

  it('the demo server answers them as SVG; other paths go on to Vite', async () => {
    let middleware: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined;
    const plugin = omneoDevPlugin({ repoRoot: process.cwd() });
    (plugin.configureServer as (server: unknown) => void)({ middlewares: { use: (fn: typeof middleware) => (middleware = fn) } });
    const server = createServer((req, res) => middleware!(req, res, () => res.writeHead(599).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const image = await fetch(`${origin}/storage/rewards/birthday.png`);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/svg+xml');
      assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
      assert.ok((await image.text()).includes('<title>Birthday</title>'));
      const head = await fetch(`${origin}/products/dr-ink-1.jpg`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(demoImageSvg('/products/dr-ink-1.jpg')!)));
      assert.equal(await head.text(), '');
      assert.equal((await fetch(`${origin}/products/ls-sand-1.jpg`, { method: 'POST' })).status, 599);
      assert.equal((await fetch(`${origin}/products/ls-sand-1.jpg?v=2`)).headers.get('content-type'), 'image/svg+xml', 'a query string is not part of the name');
      assert.equal((await fetch(`${origin}/demo/index.html`)).status, 599);
      assert.equal((await fetch(`${origin}/demo/personas`)).status, 200);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
