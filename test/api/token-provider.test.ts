import { expect } from '@open-wc/testing';
import { OmneoConfigError, OmneoHttpError, OmneoNetworkError, OmneoParseError, OmneoProfileChangedError } from '../../src/api/errors.js';
import { decodeJwtClaims } from '../../src/api/jwt.js';
import { createOmneoClient } from '../../src/api/client.js';
import { getBalances } from '../../src/api/resources.js';
import {
  MIN_RENEW_INTERVAL_MS,
  createTokenProvider,
  endpointTokenSource,
  readMintedToken,
  renewAt,
  type MintedToken,
} from '../../src/api/token-provider.js';
import { startEarlyTokenRequest, takeEarlyTokenResponse } from '../../src/api/early-token.js';
import { newScope } from '../helpers/scope.js';

/** The developer diagnostics load on demand (src/api/diagnostics.ts): what they say arrives a moment after the answer. */
async function diagnosticsSaid(): Promise<void> {
  await import('../../src/api/diagnostics.js');
  await new Promise((resolve) => setTimeout(resolve, 20));
}

function fakeJwt(claims: Record<string, unknown>): string {
  // Real JWTs are base64url over UTF-8 bytes.
  const encode = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'none' })}.${encode(claims)}.sig`;
}

/** A token source we control, counting mints: the provider's logic is what is under test here. */
function countingSource(exps: number[], pid = 'p-1') {
  let calls = 0;
  const source = async (): Promise<MintedToken | null> => {
    const exp = exps[Math.min(calls, exps.length - 1)]!;
    calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { token: fakeJwt({ pid, exp, n: calls }), exp };
  };
  return { source, calls: () => calls };
}

describe('token provider', () => {
  it('makes one request however many callers ask at once', async () => {
    const now = 1_000_000_000_000;
    const { source, calls } = countingSource([now / 1000 + 900]);
    const provider = createTokenProvider({ source, now: () => now });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.get()));
    expect(calls()).to.equal(1);
    expect(new Set(tokens.map((token) => token!.token)).size).to.equal(1);
    expect(tokens[0]!.pid).to.equal('p-1');
  });

  it('reuses the token until 60 s before exp, then renews', async () => {
    let now = 1_000_000_000_000;
    const exp = now / 1000 + 600;
    const { source, calls } = countingSource([exp, exp + 600]);
    const provider = createTokenProvider({ source, now: () => now });
    await provider.get();
    now += 539_000; // 61 s before exp
    await provider.get();
    expect(calls()).to.equal(1);
    now += 2_000; // 59 s before exp
    await provider.get();
    expect(calls()).to.equal(2);
  });

  /**
   * A source whose tokens are issued on the server's clock (`serverNow()`, seconds) and live `ttl` seconds;
   * `withIat` / `withServerNow` say what the page gets to know about that clock.
   */
  function serverSource(ttl: number, serverNow: () => number, options: { withIat?: boolean; withServerNow?: boolean } = {}) {
    let calls = 0;
    const source = async (): Promise<MintedToken | null> => {
      calls += 1;
      const iat = Math.floor(serverNow());
      const exp = iat + ttl;
      const token = fakeJwt(options.withIat === false ? { pid: 'p-1', exp, n: calls } : { pid: 'p-1', exp, iat, n: calls });
      return options.withServerNow ? { token, exp, serverNow: iat } : { token, exp };
    };
    return { source, calls: () => calls };
  }

  it('renewAt (exported with the data layer): 60 s before exp by default, or the margin given', () => {
    const receivedAt = 1_000_000_000_000;
    const minted = { token: fakeJwt({ pid: 'p-1' }), exp: receivedAt / 1000 + 600 };
    expect(renewAt(minted, receivedAt)).to.equal(receivedAt + 540_000);
    expect(renewAt(minted, receivedAt, 120)).to.equal(receivedAt + 480_000);
  });

  it('a 45 s token is used for most of its life, not re-minted on every call', async () => {
    let now = 1_000_000_000_000;
    const { source, calls } = serverSource(45, () => now / 1000);
    const provider = createTokenProvider({ source, now: () => now });
    for (let second = 0; second <= 33; second += 3) {
      now = 1_000_000_000_000 + second * 1000;
      await provider.get();
    }
    expect(calls()).to.equal(1);
    now = 1_000_000_000_000 + 34_000; // a quarter of its life (about 11 s) before it expires
    await provider.get();
    expect(calls()).to.equal(2);
  });

  it('a device clock 15 minutes fast: the token still lives its 15 minutes (lifetime from iat)', async () => {
    const server = 1_000_000_000_000;
    let device = server + 15 * 60_000;
    const { source, calls } = serverSource(900, () => server / 1000);
    const provider = createTokenProvider({ source, now: () => device });
    for (let i = 0; i < 5; i += 1) await provider.get();
    device += 800_000;
    await provider.get();
    expect(calls()).to.equal(1);
    device += 50_000; // 850 s after it arrived: within 60 s of its end
    await provider.get();
    expect(calls()).to.equal(2);
  });

  it('a device clock running slow does not keep a token past its real life', async () => {
    const server = 1_000_000_000_000;
    let device = server - 30 * 60_000;
    const { source, calls } = serverSource(900, () => server / 1000);
    const provider = createTokenProvider({ source, now: () => device });
    await provider.get();
    device += 850_000;
    await provider.get();
    expect(calls()).to.equal(2);
  });

  it('with the endpoint’s clock, a token the proxy cached is renewed by what it has left, not its full life', async () => {
    let now = 1_000_000_000_000;
    // Minted 770 s ago on the proxy and handed out from its cache with 130 s left.
    const token = fakeJwt({ pid: 'p-1', iat: now / 1000 - 770, exp: now / 1000 + 130 });
    let calls = 0;
    const source = async (): Promise<MintedToken> => {
      calls += 1;
      return { token, exp: now / 1000 + 130, serverNow: now / 1000 };
    };
    const provider = createTokenProvider({ source, now: () => now });
    await provider.get();
    now += 95_000;
    await provider.get();
    expect(calls).to.equal(1);
    now += 5_000; // 100 s in: within a quarter of its 130 s
    await provider.get();
    expect(calls).to.equal(2);
  });

  it('with the endpoint’s clock and a device clock 10 minutes slow, a token the proxy cached is renewed before it expires', async () => {
    const server = 1_000_000_000_000;
    let device = server - 10 * 60_000;
    // Minted 770 s ago on the proxy, handed out from its cache with 130 s left: by the device clock it has 730 s.
    const token = fakeJwt({ pid: 'p-1', iat: server / 1000 - 770, exp: server / 1000 + 130 });
    let calls = 0;
    const source = async (): Promise<MintedToken> => {
      calls += 1;
      return { token, exp: server / 1000 + 130, serverNow: server / 1000 };
    };
    const provider = createTokenProvider({ source, now: () => device });
    await provider.get();
    device += 100_000; // 100 s in: 30 s before its real end
    await provider.get();
    expect(calls).to.equal(2);
  });

  it('a token that lives only seconds is still not re-minted sooner than the minimum interval', async () => {
    let now = 1_000_000_000_000;
    const { source, calls } = serverSource(8, () => now / 1000, { withServerNow: true });
    const provider = createTokenProvider({ source, now: () => now });
    await provider.get();
    now += MIN_RENEW_INTERVAL_MS - 1000;
    await provider.get();
    expect(calls()).to.equal(1);
    now += 1000;
    await provider.get();
    expect(calls()).to.equal(2);
  });

  it('when nothing tells the lifetime (no iat, no endpoint clock, device clock far ahead): at most one mint per interval', async () => {
    const server = 1_000_000_000_000;
    let device = server + 15 * 60_000;
    const { source, calls } = serverSource(900, () => server / 1000, { withIat: false });
    const provider = createTokenProvider({ source, now: () => device });
    for (let i = 0; i < 5; i += 1) {
      await provider.get();
      device += 1000;
    }
    expect(calls()).to.equal(1);
    device += MIN_RENEW_INTERVAL_MS;
    await provider.get();
    expect(calls()).to.equal(2);
  });

  it('a 401 renews at once, even within the minimum interval', async () => {
    const now = 1_000_000_000_000;
    const { source, calls } = serverSource(45, () => now / 1000);
    const provider = createTokenProvider({ source, now: () => now });
    const first = (await provider.get())!;
    await provider.renewAfterRejection(first.token);
    expect(calls()).to.equal(2);
  });

  it('after a 401, callers asking while the re-mint is out wait for the new token, not the refused one', async () => {
    const now = 1_000_000_000_000;
    const { source } = countingSource([now / 1000 + 900]);
    const provider = createTokenProvider({ source, now: () => now });
    const first = (await provider.get())!;
    const renewing = provider.renewAfterRejection(first.token);
    const meanwhile = await provider.get();
    expect(meanwhile!.token).to.not.equal(first.token);
    expect(meanwhile!.token).to.equal((await renewing)!.token);
  });

  it('clear() aborts the mint in flight: nobody needs its answer', async () => {
    const signals: AbortSignal[] = [];
    const provider = createTokenProvider({
      source: (signal) =>
        new Promise((_resolve, reject) => {
          signals.push(signal!);
          signal!.addEventListener('abort', () => reject(signal!.reason));
        }),
    });
    const pending = provider.get();
    provider.clear();
    expect(signals[0]!.aborted).to.equal(true);
    // Not null: a waiter must not take "nobody signed in" from a request that was cancelled.
    expect(await pending.catch((error: unknown) => error)).to.be.instanceOf(OmneoProfileChangedError);
  });

  it('after a 401 for an older token, hands back the newer one only while it is fresh, else mints', async () => {
    let now = 1_000_000_000_000;
    const { source, calls } = countingSource([now / 1000 + 600, now / 1000 + 1200, now / 1000 + 1800]);
    const provider = createTokenProvider({ source, now: () => now });
    const first = (await provider.get())!;
    now += 560_000; // 40 s before the first token's exp: renewed
    const second = (await provider.get())!;
    expect(calls()).to.equal(2);
    // A request sent with the first token comes back 401 while the second is fresh: the second serves, no mint.
    expect((await provider.renewAfterRejection(first.token))!.token).to.equal(second.token);
    expect(calls()).to.equal(2);
    now += 600_000; // the second token is due for renewal now (20 s before its exp)
    const third = (await provider.renewAfterRejection(first.token))!;
    expect(calls()).to.equal(3);
    expect(third.token).to.not.equal(second.token);
  });

  it('after a 401 for an older token once a renewal found nobody signed in: nobody, without asking again', async () => {
    let now = 1_000_000_000_000;
    const exp = now / 1000 + 600;
    let calls = 0;
    const provider = createTokenProvider({
      source: async () => (++calls === 1 ? { token: fakeJwt({ pid: 'p-1', exp }), exp } : null),
      now: () => now,
    });
    const first = (await provider.get())!;
    now += 560_000; // due for renewal, and the storefront session has ended
    expect(await provider.get()).to.equal(null);
    // A request sent with the first token comes back 401: the guest answer, newer than that token, stands (as for get()).
    expect(await provider.renewAfterRejection(first.token)).to.equal(null);
    expect(calls).to.equal(2);
    provider.clear(); // refresh(): the storefront is asked again
    expect(await provider.renewAfterRejection(first.token)).to.equal(null);
    expect(calls).to.equal(3);
  });

  it('re-mints once for many parallel 401s of the same token', async () => {
    const now = 1_000_000_000_000;
    const { source, calls } = countingSource([now / 1000 + 900]);
    const provider = createTokenProvider({ source, now: () => now });
    const first = (await provider.get())!;
    const renewed = await Promise.all(Array.from({ length: 5 }, () => provider.renewAfterRejection(first.token)));
    expect(calls()).to.equal(2);
    expect(new Set(renewed.map((token) => token!.token)).size).to.equal(1);
    expect(renewed[0]!.token).to.not.equal(first.token);
  });

  it('remembers a guest until cleared, and a mint racing a clear() is discarded', async () => {
    let guest = true;
    let calls = 0;
    const provider = createTokenProvider({
      source: async () => {
        calls += 1;
        return guest ? null : { token: fakeJwt({ pid: 'p-2', exp: 4_000_000_000 }), exp: 4_000_000_000 };
      },
    });
    expect(await provider.get()).to.equal(null);
    expect(await provider.get()).to.equal(null);
    expect(calls).to.equal(1);
    guest = false;
    expect(await provider.get()).to.equal(null); // still the remembered guest, no request
    expect(calls).to.equal(1);
    provider.clear();
    const racing = provider.get(); // a mint, for the session after the clear…
    provider.clear(); // …which is replaced before it answers
    // The pending answer belongs to the old session: its waiters are told the session changed…
    expect(await racing.catch((error: unknown) => error)).to.be.instanceOf(OmneoProfileChangedError);
    expect((await provider.get())!.pid).to.equal('p-2'); // …and the new one mints afresh
  });

  it('reads {token, exp}, {data: {...}}, exp in ms, and exp from the JWT', () => {
    const token = fakeJwt({ pid: 'x', exp: 1_800_000_000 });
    expect(readMintedToken({ token, exp: 1_800_000_000 })).to.deep.equal({ token, exp: 1_800_000_000 });
    expect(readMintedToken({ data: { token, exp: 1_800_000_000_000 } }).exp).to.equal(1_800_000_000);
    expect(readMintedToken({ token }).exp).to.equal(1_800_000_000);
    // Omneo sends numbers as strings in places: a numeric string is an exp too.
    expect(readMintedToken({ token: fakeJwt({ pid: 'x' }), exp: '1800000000' }).exp).to.equal(1_800_000_000);
    // An exp of 0 or below is no expiry (a default, a bug): the JWT's own claim decides, not a token already dead.
    expect(readMintedToken({ token, exp: 0 }).exp).to.equal(1_800_000_000);
    expect(readMintedToken({ token, exp: -1 }).exp).to.equal(1_800_000_000);
    expect(() => readMintedToken({ token: 'error' })).to.throw(OmneoParseError);
    expect(() => readMintedToken({ token: fakeJwt({ pid: 'x' }) })).to.throw(OmneoParseError, /exp/);
  });

  it('decodes base64url payloads with non-ASCII characters', () => {
    expect(decodeJwtClaims(fakeJwt({ pid: 'ü-1', exp: 5 })).pid).to.equal('ü-1');
    expect(decodeJwtClaims(fakeJwt({ pid: 'null', exp: 5 })).pid).to.equal(null);
    expect(decodeJwtClaims('garbage')).to.deep.equal({ pid: null, exp: null, iat: null });
    // A second part that is not base64 JSON (an opaque token with dots): no claims, no throw.
    expect(decodeJwtClaims('opaque.not*base64!.sig')).to.deep.equal({ pid: null, exp: null, iat: null });
    expect(decodeJwtClaims(`h.${btoa('not json')}.s`)).to.deep.equal({ pid: null, exp: null, iat: null });
    expect(decodeJwtClaims(fakeJwt({ pid: 'x', exp: 5, iat: 2 })).iat).to.equal(2);
  });
});

describe('token endpoint source (against the real proxy and mock)', () => {
  it('mints a token for a signed-in persona, with credentials and Accept', async () => {
    const scope = await newScope();
    const token = await endpointTokenSource(scope.tokenEndpoint('ava'))();
    expect(token).to.not.equal(null);
    expect(decodeJwtClaims(token!.token).pid).to.equal('5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70');
    expect(token!.exp).to.be.greaterThan(Date.now() / 1000);
  });

  it("adopts the loader's early token request once, for the same endpoint only", async () => {
    const scope = await newScope();
    const endpoint = new URL(scope.tokenEndpoint('ava'), location.href).href;
    startEarlyTokenRequest(endpoint);
    expect(takeEarlyTokenResponse(`${endpoint}/other`)).to.equal(null); // another endpoint: not adopted
    const token = await endpointTokenSource(endpoint)();
    expect(decodeJwtClaims(token!.token).pid).to.equal('5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    await endpointTokenSource(endpoint)(); // adopted once: the next mint is a request of its own
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
  });

  it("asks again when the loader's early request timed out before it was adopted (the element's code took over 10 s)", async () => {
    const scope = await newScope();
    const endpoint = new URL(scope.tokenEndpoint('ava'), location.href).href;
    // The early request's own 10 s timeout (its deadline() signal), fired by hand once its answer has arrived:
    // the body of a response whose request is aborted can no longer be read.
    const timeout = new AbortController();
    let answered!: () => void;
    const arrived = new Promise<void>((resolve) => (answered = resolve));
    startEarlyTokenRequest(endpoint, async (url, init) => {
      const response = await fetch(url, { ...init, signal: timeout.signal });
      answered();
      return response;
    });
    await arrived;
    timeout.abort(new DOMException('signal timed out', 'TimeoutError'));
    const token = await endpointTokenSource(endpoint, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } })();
    expect(decodeJwtClaims(token!.token).pid).to.equal('5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(2);
  });

  it("finishes the loader's early request when nobody adopts it (another copy's elements run the page), not at its 10 s timeout", async () => {
    const scope = await newScope();
    const endpoint = new URL(scope.tokenEndpoint('ava'), location.href).href;
    // Chromium keeps 250 entries and drops the rest: earlier tests' requests must not leave this one out.
    performance.clearResourceTimings();
    startEarlyTokenRequest(endpoint);
    // A resource timing entry is written once the request has finished, body and all: an answer whose body nobody
    // reads holds its request open (DevTools shows it pending, a page never goes network-idle) until it is aborted.
    const started = performance.now();
    while (!performance.getEntriesByName(endpoint).length && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(performance.getEntriesByName(endpoint), 'the early request finished').to.have.length(1);
    expect(await scope.count('/omneo/token', 'POST')).to.equal(1);
    expect(takeEarlyTokenResponse(endpoint), 'still there to adopt').to.not.equal(null);
  });

  it('a 45 s token from the real proxy, and a device clock 15 minutes fast: one token request for five calls', async () => {
    for (const [ttl, skewMs] of [[45, 0], [900, 15 * 60_000]] as const) {
      const scope = await newScope({ tokenTtlSeconds: ttl });
      const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('ava')), now: () => Date.now() + skewMs });
      const client = createOmneoClient({ apiBase: scope.apiBase, tokens });
      for (let i = 0; i < 5; i += 1) await getBalances(client);
      expect(await scope.count('/omneo/token', 'POST'), `${ttl} s token, clock ${skewMs / 60_000} min fast`).to.equal(1);
    }
  });

  it('treats 401 as a guest', async () => {
    const scope = await newScope();
    expect(await endpointTokenSource(scope.tokenEndpoint('guest'))()).to.equal(null);
  });

  it('treats 204 (no content) as a guest, as the embed contract says', async () => {
    expect(await endpointTokenSource('/omneo/token-204', { fetch: async () => new Response(null, { status: 204 }) })()).to.equal(null);
  });

  it("treats the proxy's 403 (an origin it refuses) as a guest, and tells the developer why, once per endpoint", async () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      // The reference proxy's answer to an Origin missing from ALLOWED_ORIGINS (server/proxy/proxy.ts).
      const refuse = async () => Response.json({ message: 'This origin is not allowed.' }, { status: 403 });
      const endpoint = `/token-refused-${Math.random()}`;
      expect(await endpointTokenSource(endpoint, { fetch: refuse })()).to.equal(null);
      expect(await endpointTokenSource(endpoint, { fetch: refuse })()).to.equal(null);
      await diagnosticsSaid();
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include(endpoint).and.include('This origin is not allowed.').and.include('ALLOWED_ORIGINS');
      // A 403 whose body is not JSON (a CDN's or firewall's block page): said without a reason, the guest state all the same.
      const blocked = async () => new Response('<html><body>Access denied</body></html>', { status: 403, headers: { 'Content-Type': 'text/html' } });
      expect(await endpointTokenSource(`${endpoint}-waf`, { fetch: blocked })()).to.equal(null);
      await diagnosticsSaid();
      expect(warnings).to.have.length(2);
      expect(warnings[1]).to.include(`${endpoint}-waf answered 403, so the widgets show the guest state.`);
      // A 401 is an ordinary guest: nothing to say.
      expect(await endpointTokenSource(`${endpoint}-401`, { fetch: async () => new Response(null, { status: 401 }) })()).to.equal(null);
      await diagnosticsSaid();
      expect(warnings).to.have.length(2);
    } finally {
      console.warn = originalWarn;
    }
  });

  it('tells the developer once when the endpoint is set up wrong: HTML, a login redirect, a 404, JSON of another shape', async () => {
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const html = (status: number) => async () => new Response('<!doctype html><title>Page not found</title>', { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      const json = (body: unknown) => async () => Response.json(body);
      const cases: [string, typeof fetch, string][] = [
        ['storefront 404 page with 200', html(200) as typeof fetch, 'text/html, not JSON'],
        // As WebKit (Safari) reads it: json() rejects with a DOMException named SyntaxError, not a SyntaxError.
        ['storefront 404 page with 200, read by WebKit', (async () => Object.assign(await html(200)(), { json: () => Promise.reject(new DOMException('The string did not match the expected pattern.', 'SyntaxError')) })) as typeof fetch, 'text/html, not JSON'],
        ['storefront 404 page', html(404) as typeof fetch, 'answered 404'],
        ['OAuth-style body', json({ access_token: 'abc', expires_in: 900 }) as typeof fetch, 'token: expected a JWT string'],
        ['empty token', json({ token: '' }) as typeof fetch, 'token: expected a JWT string'],
        // The JWT alone, as a JSON string (a proxy that returns the token as is), and JSON null.
        ['bare JWT string', json('eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln') as typeof fetch, 'token: expected a JWT string'],
        ['JSON null', json(null) as typeof fetch, 'token: expected a JWT string'],
        // A page that is not JSON and says nothing of its type.
        ['HTML without a Content-Type', (async () => new Response(new TextEncoder().encode('<!doctype html><title>Login</title>'))) as typeof fetch, 'answered something, not JSON'],
      ];
      for (const [label, fetch, expected] of cases) {
        errors.length = 0;
        const endpoint = `/apps/omneo-typo-${Math.random()}`;
        const source = endpointTokenSource(endpoint, { fetch, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
        expect(await source().catch((e: unknown) => e), label).to.be.instanceOf(Error);
        await source().catch(() => undefined); // asked again (Retry, another element): not said again
        await diagnosticsSaid();
        expect(errors, label).to.have.length(1);
        expect(errors[0], label).to.include(endpoint).and.include(expected).and.include('{"token": JWT');
      }
      // A redirect to a login page: named, without its query (a return URL).
      errors.length = 0;
      const redirected = async () => {
        const response = await html(200)();
        Object.defineProperty(response, 'redirected', { value: true });
        Object.defineProperty(response, 'url', { value: `${location.origin}/account/login?return_url=/x` });
        return response;
      };
      await endpointTokenSource('/omneo/token-login', { fetch: redirected as typeof fetch })().catch(() => undefined);
      await diagnosticsSaid();
      expect(errors[0]).to.include(`redirect to ${location.origin}/account/login.`).and.not.include('return_url');
      // A guest, a 5xx (the browser logs it, and it may pass) or a network failure is not a setup mistake.
      errors.length = 0;
      await endpointTokenSource('/t-401', { fetch: async () => new Response(null, { status: 401 }) })();
      await endpointTokenSource('/t-502', { fetch: async () => new Response(null, { status: 502 }), retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } })().catch(() => undefined);
      await diagnosticsSaid();
      expect(errors).to.deep.equal([]);
    } finally {
      console.error = originalError;
    }
  });

  it('tells the developer once when the endpoint answers a token already expired by its own clock (a lifetime sent as exp)', async () => {
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const now = Math.floor(Date.now() / 1000);
      for (const [label, exp] of [['"exp": 900, the lifetime', 900], ['a token cached past its exp', now - 60]] as const) {
        errors.length = 0;
        const endpoint = `/omneo/token-${Math.random()}`;
        const answer = async () => Response.json({ token: fakeJwt({ pid: 'p-1', exp: now + 900 }), exp }, { headers: { Date: new Date(now * 1000).toUTCString() } });
        const source = endpointTokenSource(endpoint, { fetch: answer as typeof fetch });
        expect((await source())!.exp, label).to.equal(exp); // still used: Omneo judges the JWT's own exp
        await source();
        await diagnosticsSaid();
        expect(errors, label).to.have.length(1);
        expect(errors[0], label).to.include(endpoint).and.include(`already expired by its own clock (exp ${exp}, Date ${now})`).and.include('unix seconds');
      }
      // A fresh token, or no Date header to judge by: nothing to say.
      const fresh = async () => Response.json({ token: fakeJwt({ exp: now + 900 }), exp: now + 900 }, { headers: { Date: new Date(now * 1000).toUTCString() } });
      await endpointTokenSource('/omneo/token-fresh', { fetch: fresh as typeof fetch })();
      await endpointTokenSource('/omneo/token-no-date', { fetch: (async () => Response.json({ token: fakeJwt({}), exp: 900 })) as typeof fetch })();
      await diagnosticsSaid();
      expect(errors).to.have.length(1);
    } finally {
      console.error = originalError;
    }
  });

  it('throws a typed error for other statuses, after retrying 5xx', async () => {
    let calls = 0;
    const source = endpointTokenSource('/token', {
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      fetch: async () => {
        calls += 1;
        return new Response('nope', { status: 502 });
      },
    });
    const error = await source().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect((error as OmneoHttpError).status).to.equal(502);
    expect(calls).to.equal(3);
  });

  it('a token endpoint that cannot be reached (the proxy down, a blocked request): retried, then a typed network error; an empty one is a config error', async () => {
    const scope = await newScope();
    let calls = 0;
    const flaky = endpointTokenSource(scope.tokenEndpoint('ava'), {
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      fetch: async (input, init) => {
        calls += 1;
        if (calls === 1) throw new TypeError('Failed to fetch');
        return fetch(input, init);
      },
    });
    const minted = await flaky();
    expect(decodeJwtClaims(minted!.token).pid).to.equal('5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70');
    expect(calls).to.equal(2);

    calls = 0;
    const down = endpointTokenSource('/omneo/token-down', {
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      fetch: async () => {
        calls += 1;
        throw new TypeError('Failed to fetch');
      },
    });
    const error = (await down().catch((e: unknown) => e)) as OmneoNetworkError;
    expect(error).to.be.instanceOf(OmneoNetworkError);
    expect(error.path).to.equal('/omneo/token-down');
    expect((error.cause as Error).message).to.equal('Failed to fetch');
    expect(calls).to.equal(3);

    expect(() => endpointTokenSource('')).to.throw(OmneoConfigError, /tokenEndpoint is empty/);
  });

  it('gives up at once when the endpoint asks for a longer wait than 30 s, instead of asking again early', async () => {
    let calls = 0;
    const source = endpointTokenSource('/token', {
      fetch: async () => {
        calls += 1;
        return new Response(null, { status: 503, headers: { 'Retry-After': '120' } });
      },
    });
    const error = (await source().catch((e: unknown) => e)) as OmneoHttpError;
    expect(error).to.be.instanceOf(OmneoHttpError);
    expect(error.retryAfterMs).to.equal(120_000);
    expect(calls).to.equal(1);
  });

  it('never puts the token anywhere but memory', async () => {
    const scope = await newScope();
    const provider = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('ava')) });
    const { token } = (await provider.get())!;
    const everywhere = [
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      document.cookie,
      document.documentElement.outerHTML,
      Object.keys(window).filter((key) => {
        try {
          return JSON.stringify((window as unknown as Record<string, unknown>)[key])?.includes(token);
        } catch {
          return false;
        }
      }).join(','),
    ].join('\n');
    expect(everywhere.includes(token)).to.equal(false);
  });
});
