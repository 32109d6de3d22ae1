/**
 * The demo and the browser-test scopes run through the production proxy: its tier ladder and
 * pass-through are reachable there too, so element tests can use them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDevApp, isDevAppPath } from '../../server/dev/app.js';
import { AVA_PROFILE_ID, call } from './helpers.js';

describe('dev app through the proxy', () => {
  it('demo: signed-in persona reads balances through pass-through, and the tier ladder is served', async () => {
    const { app } = createDevApp();
    const login = await call(app, '/demo/login?persona=ava');
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const balances = await call(app, '/omneo/api/me/balances', { headers: { Cookie: cookie } });
    assert.equal(balances.status, 200, balances.text);
    assert.equal(balances.json.data.point_balance, 1250);
    assert.equal((await call(app, '/omneo/api/me/balances')).status, 401);
    const tiers = await call(app, '/omneo/tiers');
    assert.deepEqual(tiers.json.data.map((t: { handle: string }) => t.handle), ['member', 'silver', 'gold', 'platinum']);
    assert.equal((await call(app, '/omneo/token', { method: 'DELETE', headers: { Cookie: cookie } })).status, 405);
    for (const path of ['/omneo/tiers', '/omneo/api/me/balances']) assert.ok(isDevAppPath(path), path);
  });

  it('scopes: expose a tiers endpoint and a pass-through API base per persona, logged like API calls', async () => {
    const { app } = createDevApp();
    const scope = (await call(app, '/__scopes', { method: 'POST' })).json;
    assert.equal(scope.tiersEndpoint, `/__scopes/${scope.scope}/as/guest/omneo/tiers`);
    assert.equal(scope.passThroughApiBaseFor, `/__scopes/${scope.scope}/as/{persona}/omneo/api`);
    const tiers = await call(app, scope.tiersEndpoint);
    assert.equal(tiers.status, 200);
    assert.ok(!tiers.text.includes('internal_notes'));
    const apiBase = scope.passThroughApiBaseFor.replace('{persona}', 'ava');
    const me = await call(app, `${apiBase}/profiles/me`);
    assert.equal(me.json.data.id, AVA_PROFILE_ID);
    assert.equal((await call(app, `${scope.passThroughApiBaseFor.replace('{persona}', 'guest')}/profiles/me`)).status, 401);
    const log = (await call(app, `/__scopes/${scope.scope}/requests`)).json.map((e: { method: string; path: string }) => `${e.method} ${e.path}`);
    assert.deepEqual(log, ['GET /omneo/tiers', 'GET /omneo/api/profiles/me', 'GET /omneo/api/profiles/me']);
    // Scope proxies mint on every token request (no cache), as the widget tests expect.
    const first = await call(app, scope.tokenEndpointFor.replace('{persona}', 'ava'), { method: 'POST' });
    const second = await call(app, scope.tokenEndpointFor.replace('{persona}', 'ava'), { method: 'POST' });
    assert.notEqual(first.json.token, second.json.token);
  });
});
