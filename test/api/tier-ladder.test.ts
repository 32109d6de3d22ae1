import { expect } from '@open-wc/testing';
import { OmneoHttpError, OmneoNetworkError, OmneoParseError, OmneoTimeoutError } from '../../src/api/errors.js';
import { forgetTierLadders, loadTierLadder, tierLadderResource } from '../../src/api/tier-ladder.js';

const LADDER = {
  data: [
    { id: 3, name: 'Gold', handle: 'gold', is_floor: false, value_min: 1500, value_maintain: 1200, short_description: 'Double points weekends' },
    { id: 1, name: 'Member', handle: 'member', is_floor: '1', value_min: 0, value_maintain: 0 },
    { id: 2, name: 'Silver', handle: 'silver', is_floor: 0, value_min: '500', value_maintain: '400', internal_notes: 'never shown' },
    { id: 9, name: null, handle: 'broken' },
  ],
};

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return respond(String(input), init);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * As Chromium answers a body that stalls: the headers and the start of the body, then nothing; the body read, cut off
 * by the abort, rejects with a plain AbortError whatever the signal's reason.
 */
const stalledResponse = (init: RequestInit) =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"data": ['));
        init.signal!.addEventListener('abort', () => controller.error(new DOMException('The user aborted a request.', 'AbortError')));
      },
    }),
    { headers: { 'content-type': 'application/json' } },
  );

describe('tier ladder (tiers-endpoint)', () => {
  beforeEach(() => forgetTierLadders());

  it('parses, coerces and sorts by value_min; a bad tier is dropped and reported, not fatal', async () => {
    const { fetch, calls } = fakeFetch(() => json(LADDER));
    const warnings: string[] = [];
    const realWarn = console.warn;
    console.warn = (message: string) => void warnings.push(message);
    let ladder;
    try {
      ladder = await loadTierLadder('https://shop.example/apps/omneo/tiers', { fetch });
    } finally {
      console.warn = realWarn;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^omneo-widgets: tiers: 1 item could not be read and is not shown: data\[3\]/);
    expect(warnings[0]).not.to.contain('never shown'); // the reason, never the value
    expect(ladder.tiers.map((tier) => [tier.handle, tier.value_min, tier.is_floor])).to.deep.equal([
      ['member', 0, true],
      ['silver', 500, false],
      ['gold', 1500, false],
    ]);
    expect(ladder.dropped).to.have.length(1);
    expect(ladder.dropped[0]!.index).to.equal(3);
    expect(JSON.stringify(ladder)).not.to.contain('never shown');
    // Public data: no token, no cookies.
    expect(calls[0]!.init.credentials).to.equal('omit');
    expect(new Headers(calls[0]!.init.headers).get('Authorization')).to.equal(null);
  });

  // The card lists every tier it keeps: a ladder of 10,000 (an endpoint that is not the proxy's, a programme's data
  // gone wrong) held the tab's main thread 1.3 s to render in headless Chromium; 100 take about 15 ms.
  it('keeps the 100 lowest tiers of a longer ladder', async () => {
    const tiers = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `Tier ${i}`, handle: `t${i}`, value_min: (10_000 - i) * 10 }));
    const { fetch } = fakeFetch(() => json({ data: tiers }));
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const ladder = await loadTierLadder('/long', { fetch });
      expect(ladder.tiers.map((tier) => tier.value_min)).to.deep.equal(Array.from({ length: 100 }, (_, i) => (i + 1) * 10));
      // The merchant's developer hears why the card lists fewer tiers than the endpoint sent; once per fetch.
      await loadTierLadder('/long', { fetch });
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal(['omneo-widgets: tiers: the ladder holds 10000 tiers; the lowest 100 are shown.']);
  });

  it('keeps one copy per URL in memory', async () => {
    const { fetch, calls } = fakeFetch(() => json(LADDER));
    await loadTierLadder('/a', { fetch });
    await loadTierLadder('/a', { fetch });
    await loadTierLadder('/b', { fetch });
    expect(calls.map((call) => call.url)).to.deep.equal(['/a', '/b']);
  });

  it('turns failures into typed errors and caches none of them', async () => {
    const failing = fakeFetch(() => json({ message: 'nope' }, 503));
    const httpError = await loadTierLadder('/t', { fetch: failing.fetch }).catch((error: unknown) => error);
    expect(httpError).to.be.instanceOf(OmneoHttpError);
    expect((httpError as OmneoHttpError).status).to.equal(503);

    const garbage = fakeFetch(() => new Response('<html>', { status: 200 }));
    expect(await loadTierLadder('/t', { fetch: garbage.fetch }).catch((error: unknown) => error)).to.be.instanceOf(OmneoParseError);
    // As WebKit (Safari) reads a body that is not JSON: json() rejects with a DOMException named SyntaxError.
    const webKitGarbage = fakeFetch(() => Object.assign(new Response('<html>', { status: 200 }), { json: () => Promise.reject(new DOMException('The string did not match the expected pattern.', 'SyntaxError')) }));
    expect(await loadTierLadder('/t', { fetch: webKitGarbage.fetch }).catch((error: unknown) => error)).to.be.instanceOf(OmneoParseError);

    const wrongShape = fakeFetch(() => json({ tiers: [] }));
    const parseError = await loadTierLadder('/t', { fetch: wrongShape.fetch }).catch((error: unknown) => error);
    expect(parseError).to.be.instanceOf(OmneoParseError);

    const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await loadTierLadder('/t', { fetch: offline.fetch }).catch((error: unknown) => error)).to.be.instanceOf(OmneoNetworkError);

    const working = fakeFetch(() => json(LADDER));
    expect((await loadTierLadder('/t', { fetch: working.fetch })).tiers).to.have.length(3);
  });

  it('gives up after its timeout', async () => {
    const hanging = fakeFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const error = await loadTierLadder('/slow', { fetch: hanging.fetch, timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(OmneoTimeoutError);
  });

  it('a body that stalls after the headers times out like no answer, never a parse error (which names tiers-endpoint as set up wrong)', async () => {
    const stalling = fakeFetch((_url, init) => stalledResponse(init));
    const error = await loadTierLadder('/stalls', { fetch: stalling.fetch, timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(OmneoTimeoutError);
  });

  it('aborted by its caller (the card left the page): rejects with the caller\'s reason, never a timeout or network error; a connection dropped mid-body is a network error', async () => {
    const left = new DOMException('the card left the page', 'AbortError');
    // While the request is out.
    const caller = new AbortController();
    const hanging = fakeFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const pending = loadTierLadder('/out', { fetch: hanging.fetch, signal: caller.signal }).catch((caught: unknown) => caught);
    caller.abort(left);
    expect(await pending).to.equal(left);
    // While the body is read.
    const reading = new AbortController();
    const slowBody = fakeFetch((_url, init) => {
      setTimeout(() => reading.abort(left), 20);
      return stalledResponse(init);
    });
    expect(await loadTierLadder('/body', { fetch: slowBody.fetch, signal: reading.signal }).catch((caught: unknown) => caught)).to.equal(left);
    // The connection drops mid-body (not aborted by anyone, not a body that is not JSON).
    const dropped = fakeFetch(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"data": ['));
              setTimeout(() => controller.error(new TypeError('network error')), 20);
            },
          }),
        ),
    );
    const error = await loadTierLadder('/dropped', { fetch: dropped.fetch }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(OmneoNetworkError);
  });

  it('is one store resource per URL', () => {
    expect(tierLadderResource('/x')).to.equal(tierLadderResource('/x'));
    expect(tierLadderResource('/x').key).not.to.equal(tierLadderResource('/y').key);
  });
});
