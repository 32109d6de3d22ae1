import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { apiCredentialsFor, createOmneoClient, buildUrl, forProfile } from '../../src/api/client.js';
import { OmneoGuestError, OmneoHttpError, OmneoParseError, OmneoProfileChangedError, OmneoTimeoutError } from '../../src/api/errors.js';
import { addListItem, getBalances, getLists, getProfile, spendBalance } from '../../src/api/resources.js';
import { DEFAULT_RETRY, nextRetryDelay } from '../../src/api/retry.js';
import { single } from '../../src/api/schemas/envelope.js';
import { createTokenProvider, endpointTokenSource } from '../../src/api/token-provider.js';
import { newScope, type TestScope } from '../helpers/scope.js';

describe('client against the mock Omneo: faults', () => {
  let scope: TestScope;
  let delays: number[];

  function clientFor(persona = 'ava', options: { timeoutMs?: number; fetch?: typeof fetch } = {}) {
    const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint(persona)) });
    delays = [];
    return createOmneoClient({
      apiBase: scope.apiBase,
      tokens,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      // Record the backoff instead of waiting it out: the policy is under test, not the clock.
      sleep: async (ms) => void delays.push(ms),
    });
  }

  beforeEach(async () => {
    scope = await newScope();
  });

  it('sends Accept and a Bearer token, and parses the quirky balances', async () => {
    const balances = await getBalances(clientFor());
    expect(balances).to.deep.include({ point_balance: 1250, point_balance_dollars: 12.5, reward_balance: 35, combined_balance_dollars: 47.5 });
    expect(balances.currency).to.deep.equal({ base: 'AUD', localised: 'AUD' });
  });

  it("never answers from the browser's HTTP cache: a cacheable answer for one shopper is not served to the next on the same device", async () => {
    // A CDN or tenant setting that marks the shopper's data cacheable. The URL is the same for every shopper
    // (/profiles/me/balances) and the browser's cache is keyed by URL, not by the Authorization header.
    await scope.addFaults({ path: '/profiles/me/balances', headers: { 'Cache-Control': 'public, max-age=600' }, times: Infinity });
    expect((await getBalances(clientFor('ava'))).point_balance).to.equal(1250);
    expect((await getBalances(clientFor('zoe'))).point_balance, "Zoe's own balance").to.equal(0);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
  });

  it('retries a 500 and recovers', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 500, times: 1 });
    const balances = await getBalances(clientFor());
    expect(balances.point_balance).to.equal(1250);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
    expect(delays).to.have.length(1);
  });

  it("treats a 408 (a server's or gateway's request timeout) as transient, like a 429 or a 5xx: retried with backoff", () => {
    // Not against the mock: Chromium itself resends a request answered 408 on a reused connection, as many times
    // as it finds one, so whether the client ever sees the mock's 408 depends on the connection pool (in a run of
    // eight files at once it saw none). The policy the client applies to what it does see is checked directly.
    const answered = (status: number) => new OmneoHttpError(status, null, {}, null, 'profiles/me/balances');
    for (const status of [408, 429, 500, 503]) {
      expect(answered(status).retryable, String(status)).to.equal(true);
      expect(nextRetryDelay(answered(status), 0, DEFAULT_RETRY), String(status)).to.be.within(200, 400);
    }
    for (const status of [400, 403, 404, 409, 422]) expect(nextRetryDelay(answered(status), 0, DEFAULT_RETRY), String(status)).to.equal(null);
  });

  it('gives up after two retries with a typed error carrying the status', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 503, times: 5 });
    const error = await getBalances(clientFor()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.equal(503);
    expect(await scope.count('/profiles/me/balances')).to.equal(3);
    // Exponential: the second wait's ceiling is twice the first's.
    expect(delays).to.have.length(2);
    expect(delays[0]).to.be.within(200, 400);
    expect(delays[1]).to.be.within(400, 800);
  });

  it('honours Retry-After on 429', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 429, retryAfter: 3, times: 1 });
    await getBalances(clientFor());
    expect(delays).to.deep.equal([3000]);
  });

  it('waits out a Retry-After of up to 30 s', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 503, retryAfter: 30, times: 1 });
    await getBalances(clientFor());
    expect(delays).to.deep.equal([30_000]);
  });

  it('a Retry-After beyond 30 s: no early retry, the typed error at once, carrying the wait', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 429, retryAfter: 90, times: 1 });
    const error = (await getBalances(clientFor()).catch((e: unknown) => e)) as OmneoHttpError;
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(error.status).to.equal(429);
    expect(error.retryAfterMs).to.equal(90_000);
    expect(delays).to.deep.equal([]);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('honours a Retry-After given as an HTTP date (RFC 9110 allows either form), and one already past as no wait', async () => {
    // HTTP dates have whole seconds: 6 s from now reads as 5–6 s.
    const inSixSeconds = new Date(Date.now() + 6000).toUTCString();
    await scope.addFaults({ path: '/profiles/me/balances', status: 503, headers: { 'Retry-After': inSixSeconds }, times: 1 });
    expect((await getBalances(clientFor())).point_balance).to.equal(1250);
    expect(delays).to.have.length(1);
    expect(delays[0]).to.be.within(4000, 6000);

    await scope.addFaults({ path: '/profiles/me/balances', status: 429, headers: { 'Retry-After': new Date(Date.now() - 60_000).toUTCString() }, times: 1 });
    await getBalances(clientFor());
    expect(delays).to.deep.equal([0]);

    // Neither seconds nor a date: the client's own backoff.
    await scope.addFaults({ path: '/profiles/me/balances', status: 503, headers: { 'Retry-After': 'soon' }, times: 1 });
    await getBalances(clientFor());
    expect(delays).to.have.length(1);
    expect(delays[0]).to.be.within(200, 400);
  });

  it('waits for a profile that is not synced yet: /profiles/me 404s are retried slowly, then load', async () => {
    await scope.addFaults({ path: '/profiles/me', status: 404, times: 2 });
    const profile = await getProfile(clientFor());
    expect(profile.first_name).to.be.a('string');
    expect(await scope.count('/profiles/me')).to.equal(3);
    expect(delays).to.have.length(2);
    expect(delays[0]).to.be.within(1000, 2000);
    expect(delays[1]).to.be.within(2000, 4000);
  });

  it('gives up on a profile that stays missing after three slow retries, with the 404', async () => {
    await scope.addFaults({ path: '/profiles/me', status: 404, times: 10 });
    const error = await getProfile(clientFor()).catch((e: unknown) => e);
    expect((error as OmneoHttpError).status).to.equal(404);
    expect(await scope.count('/profiles/me')).to.equal(4);
    expect(delays).to.have.length(3);
    // README: 2, 4 and 8 s ceilings (half of each, plus up to the other half at random): about 14 s at most.
    expect(delays[0]).to.be.within(1000, 2000);
    expect(delays[1]).to.be.within(2000, 4000);
    expect(delays[2]).to.be.within(4000, 8000);
  });

  it('does not retry a 404 anywhere else: absent is absent', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 404, times: 10 });
    const error = await getBalances(clientFor()).catch((e: unknown) => e);
    expect((error as OmneoHttpError).status).to.equal(404);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
    expect(delays).to.have.length(0);
  });

  it('times out a request that hangs, and retries it', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 2000, times: 5 });
    const error = await getBalances(clientFor('ava', { timeoutMs: 150 })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoTimeoutError);
    expect(delays).to.have.length(2);
  });

  it('gives every request 10 s by default (README: "Every request has a 10 s timeout")', async () => {
    // One attempt, so the test waits 10 s once rather than once per retry; the timeout is the client's default.
    await scope.addFaults({ path: '/profiles/me/balances', latencyMs: 15_000, times: 1 });
    const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('ava')) });
    const client = createOmneoClient({ apiBase: scope.apiBase, tokens, retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    const started = performance.now();
    const error = (await getBalances(client).catch((e: unknown) => e)) as OmneoTimeoutError;
    expect(error).to.be.instanceOf(OmneoTimeoutError);
    expect(error.timeoutMs).to.equal(10_000);
    // No upper bound: the error's timeoutMs says which timer fired, and a busy machine may run it late.
    expect(performance.now() - started).to.be.at.least(9_900);
  });

  it('times out a body that stalls after its headers: a typed timeout, retried like any other', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', stallBodyMs: 3000, times: 5 });
    let headersReceived = 0;
    const countingHeaders: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      headersReceived += 1;
      return response;
    };
    const error = await getBalances(clientFor('ava', { timeoutMs: 300, fetch: countingHeaders })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoTimeoutError);
    // Three attempts, and the headers did arrive each time: it was the body that stalled. (Counted here, not
    // on the server: Chromium may resend a GET on a fresh connection after an aborted one.)
    expect(headersReceived).to.equal(3);
    expect(delays).to.have.length(2);
  });

  it('recovers when the retry of a stalled body gets the whole body', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', stallBodyMs: 3000, times: 1 });
    const balances = await getBalances(clientFor('ava', { timeoutMs: 300 }));
    expect(balances.point_balance).to.equal(1250);
    expect(delays).to.have.length(1);
  });

  it('re-mints once after a 401 and replays the request once', async () => {
    const client = clientFor();
    await getProfile(client);
    await scope.clearRequests();
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true, times: 1 });
    const balances = await getBalances(client);
    expect(balances.point_balance).to.equal(1250);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
  });

  it('does not replay after a 401 whose re-mint is for another profile: a typed profile change instead', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    const zoe = endpointTokenSource(scope.tokenEndpoint('zoe'));
    let mints = 0;
    // The storefront session changed hands between the two mints (shared device, a sign-in in another tab).
    const tokens = createTokenProvider({ source: (signal) => (mints++ === 0 ? ava(signal) : zoe(signal)) });
    const client = createOmneoClient({ apiBase: scope.apiBase, tokens, sleep: async () => {} });
    await getProfile(client);
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true, times: 1 });
    const error = await getBalances(client).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoProfileChangedError);
    expect((error as OmneoProfileChangedError).kind).to.equal('profile-changed');
    expect(mints).to.equal(2);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('after a 401 whose re-mint finds the shopper signed out (in another tab), a guest error and no replay', async () => {
    const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
    let mints = 0;
    const tokens = createTokenProvider({ source: async (signal) => (mints++ === 0 ? ava(signal) : null) });
    const client = createOmneoClient({ apiBase: scope.apiBase, tokens, sleep: async () => {} });
    await getProfile(client);
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true, times: 1 });
    const error = await getBalances(client).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoGuestError);
    expect(mints).to.equal(2);
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('a client bound to a profile refuses a token for any other before sending anything', async () => {
    const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('zoe')) });
    const bound = forProfile(createOmneoClient({ apiBase: scope.apiBase, tokens }), '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70');
    const error = await addListItem(bound, '6021', 'LS-SAND-L').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoProfileChangedError);
    expect((await scope.requests()).filter((request) => request.path.startsWith('/profiles/'))).to.deep.equal([]);
  });

  it('stops after the replay: a second 401 is an error, not a loop', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', expireToken: true, times: 10 });
    const error = await getBalances(clientFor()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.equal(401);
    expect(await scope.count('/profiles/me/balances')).to.equal(2);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
  });

  it('turns a malformed body into a typed parse error (no retry)', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', malformed: true, times: 1 });
    const error = await getBalances(clientFor()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoParseError);
    expect((error as OmneoParseError).field).to.equal('body');
    expect(await scope.count('/profiles/me/balances')).to.equal(1);
  });

  it('names the field that cannot be coerced, and why, never its value (values may be personal; errors reach logs)', async () => {
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: { data: { point_balance: 'lots', point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 2 } } });
    const error = (await getBalances(clientFor()).catch((e: unknown) => e)) as OmneoParseError;
    expect(error).to.be.instanceOf(OmneoParseError);
    expect(error.field).to.equal('data.point_balance');
    expect(error.message).to.contain('data.point_balance: expected a number');
    expect(error.message).to.not.contain('lots');
  });

  it('never retries a mutation, and carries 422 field errors', async () => {
    await scope.addFaults({ method: 'POST', path: '/items', status: 500, times: 1 });
    const client = clientFor();
    const [wishlist] = await getLists(client);
    await scope.clearRequests();
    const error = await addListItem(client, wishlist!.id, 'LS-SAND-L').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(await scope.count(`/profiles/me/lists/${wishlist!.id}/items`, 'POST')).to.equal(1);
    expect(delays).to.deep.equal([]);

    const invalid = (await spendBalance(client, 500, { allowBalanceSpend: true }).catch((e: unknown) => e)) as OmneoHttpError;
    expect(invalid.status).to.equal(422);
    expect(invalid.fieldErrors.amount![0]).to.match(/may not be greater/);
  });

  it('reads a 422 field error given as one string as well as a list (validators differ), dropping what is not text', async () => {
    await scope.addFaults({
      method: 'POST',
      path: '/profiles/me/redeem',
      status: 422,
      body: { message: 'The given data was invalid.', errors: { amount: 'The amount may not be greater than 47.5.', reason: ['Required.', 7, null], code: 12 } },
    });
    const error = (await spendBalance(clientFor(), 500, { allowBalanceSpend: true }).catch((e: unknown) => e)) as OmneoHttpError;
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(error.status).to.equal(422);
    expect(error.fieldErrors).to.deep.equal({ amount: ['The amount may not be greater than 47.5.'], reason: ['Required.'] });
  });

  it('spends balance with the opt-in and reads the balances after it (§2.10)', async () => {
    const redemption = await spendBalance(clientFor(), 10, { allowBalanceSpend: true });
    expect(redemption.total).to.equal(10);
    expect(redemption.balances).to.deep.include({ reward_balance: 25, combined_balance_dollars: 37.5 });
  });

  it("floors the amount to the balance currency's minor unit: fils for KWD, cents without a currency", async () => {
    // What goes to Omneo, read on its way (the real request still reaches the mock, whose tenant rounds to cents).
    const sent: unknown[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/profiles/me/redeem')) sent.push(JSON.parse(String(init?.body)));
      return realFetch(input, init);
    };
    try {
      await spendBalance(clientFor(), 13.595, { allowBalanceSpend: true, currency: 'KWD' });
      await spendBalance(clientFor(), 1.999, { allowBalanceSpend: true });
    } finally {
      window.fetch = realFetch;
    }
    expect(sent).to.deep.equal([{ amount: 13.595 }, { amount: 1.99 }]);
    // Exactly one minor unit is an amount to redeem, not "nothing to redeem".
    expect(() => spendBalance(clientFor(), 0.01, { allowBalanceSpend: true, currency: 'AUD' }).catch(() => undefined)).to.not.throw();
    expect(() => spendBalance(clientFor(), 1, { allowBalanceSpend: true, currency: 'JPY' }).catch(() => undefined)).to.not.throw();
    expect(() => spendBalance(clientFor(), 0.001, { allowBalanceSpend: true, currency: 'KWD' }).catch(() => undefined)).to.not.throw();
    expect(() => spendBalance(clientFor(), 0.0004, { allowBalanceSpend: true, currency: 'KWD' })).to.throw(/at least 0\.001/);
    expect(() => spendBalance(clientFor(), 0.5, { allowBalanceSpend: true, currency: 'JPY' })).to.throw(/at least 1\./);
  });

  it('refuses to spend balance without the explicit opt-in', () => {
    const client = clientFor();
    expect(() => spendBalance(client, 10, {} as never)).to.throw(/disabled/);
  });

  it('is a guest (no API call) when the token endpoint says so', async () => {
    const error = await getBalances(clientFor('guest')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoGuestError);
    expect(await scope.count('/profiles/me/balances')).to.equal(0);
  });

  it('aborts when the caller no longer needs the answer', async () => {
    await scope.addFaults({ path: '/profiles/me', latencyMs: 1500 });
    const controller = new AbortController();
    const pending = getProfile(clientFor(), controller.signal).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    const error = (await pending) as DOMException;
    expect(error.name).to.equal('AbortError');
    expect(delays).to.deep.equal([]);
  });

  it('sends cookies only to a pass-through proxy (the token endpoint’s origin), never to Omneo', () => {
    expect(apiCredentialsFor('https://shop.example/apps/omneo/api', 'https://shop.example/apps/omneo/token')).to.equal('include');
    expect(apiCredentialsFor('https://api.acme.getomneo.com/id/api/v1', 'https://shop.example/apps/omneo/token')).to.equal('same-origin');
    expect(apiCredentialsFor('https://api.acme.getomneo.com/id/api/v1', null)).to.equal('same-origin');
  });

  it('builds URLs with bracketed query parameters', () => {
    expect(buildUrl('https://x/id/api/v1/', '/profiles/me/points', { 'page[size]': 100, sort: 'expires_at', skip: undefined })).to.equal(
      'https://x/id/api/v1/profiles/me/points?page%5Bsize%5D=100&sort=expires_at',
    );
    // A list repeats the parameter; a query of nothing but empty values adds no "?".
    expect(buildUrl('https://x/id/api/v1', 'profiles/me/rewards', { 'filter[status]': ['active', 'used'], skip: null })).to.equal(
      'https://x/id/api/v1/profiles/me/rewards?filter%5Bstatus%5D=active&filter%5Bstatus%5D=used',
    );
    expect(buildUrl('https://x/id/api/v1', 'profiles/me', { skip: undefined, none: [] })).to.equal('https://x/id/api/v1/profiles/me');
  });

  it('names the field and the type a schema expected, never the value (zod\'s own issues)', async () => {
    const client = clientFor();
    const schema = single(z.object({ id: z.string(), address: z.object({ city: z.string() }) }));
    await scope.addFaults({ path: '/profiles/me', status: 200, body: { data: { id: 'p-1', address: 'Secret Street 1' } } });
    const notObject = (await client.request('profiles/me', schema).catch((e: unknown) => e)) as OmneoParseError;
    expect(notObject).to.be.instanceOf(OmneoParseError);
    expect(notObject.message).to.equal('Unexpected response from profiles/me: data.address: expected an object');
    await scope.addFaults({ path: '/profiles/me', status: 200, body: { data: { id: 4242424242, address: { city: 'Perth' } } } });
    const notString = (await client.request('profiles/me', schema).catch((e: unknown) => e)) as OmneoParseError;
    expect(notString.message).to.equal('Unexpected response from profiles/me: data.id: expected string');
  });

  it('an error answer whose body is not Laravel\'s (a proxy\'s HTML page, a message that is not text): the status, no message', async () => {
    const client = clientFor();
    await scope.addFaults({ path: '/profiles/me/balances', status: 403, body: '<html><body>Forbidden by WAF</body></html>' });
    const html = (await getBalances(client).catch((e: unknown) => e)) as OmneoHttpError;
    expect(html).to.be.instanceOf(OmneoHttpError);
    expect(html.status).to.equal(403);
    expect(html.omneoMessage).to.equal(null);
    await scope.addFaults({ path: '/profiles/me/balances', status: 403, body: { message: { text: 'no' }, errors: ['x'] } });
    const odd = (await getBalances(client).catch((e: unknown) => e)) as OmneoHttpError;
    expect(odd.omneoMessage).to.equal(null);
    expect(odd.message).to.equal('Omneo answered 403 for profiles/me/balances');
    expect(odd.fieldErrors).to.deep.equal({ 0: ['x'] });
  });

  it('parses a single-resource envelope only when data is present', async () => {
    const client = clientFor();
    await scope.addFaults({ path: '/profiles/me', status: 200, body: { message: 'ok' } });
    const error = (await client.request('profiles/me', single(z.object({ id: z.string() }))).catch((e: unknown) => e)) as OmneoParseError;
    expect(error).to.be.instanceOf(OmneoParseError);
  });
});
