/**
 * Proxy benchmark: requests through the Fetch handler in-process (no sockets), against the mock
 * Omneo in-process, so the figures are the proxy's own cost per request. Prints a table.
 *   npx tsx server/proxy/bench.ts            (memory store)
 *   REDIS_URL=redis://127.0.0.1:6390 npx tsx server/proxy/bench.ts   (adds the Redis store)
 */
import { createMockOmneo, inProcessFetch, MOCK_ADMIN_TOKEN } from '../mock-omneo/index.js';
import { signAssertion, signedAssertionAdapter } from './assertion.js';
import { createProxy } from './proxy.js';
import { memoryStore, type ProxyStore } from './store.js';

const SECRET = 'bench-assertion-secret-0123456789abcdef0123456789';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);

async function measure(name: string, store: ProxyStore, make: (i: number) => Promise<Request>, options: { tokenCache?: boolean } = {}) {
  const mock = createMockOmneo();
  const proxy = createProxy({
    idApiBase: 'http://mock.internal/id/api/v1',
    adminApiBase: 'http://mock.internal/api/v3',
    adminToken: MOCK_ADMIN_TOKEN,
    identity: [signedAssertionAdapter({ secret: SECRET })],
    idHandle: 'shopify',
    passThrough: true,
    store,
    tokenCache: options.tokenCache ?? true,
    // Limits stay on (their counting is part of the cost) but high enough never to refuse.
    rateLimits: { perIp: 1e9, tokenPerCustomer: 1e9, apiPerCustomer: 1e9 },
    fetch: inProcessFetch(mock.app),
  });
  const requests = await Promise.all(Array.from({ length: ITERATIONS + 100 }, (_, i) => make(i)));
  for (let i = 0; i < 100; i++) await (await proxy.fetch(requests[i]!)).arrayBuffer();
  const times: number[] = [];
  const status = new Map<number, number>();
  const started = performance.now();
  for (let i = 100; i < requests.length; i++) {
    const t = performance.now();
    const response = await proxy.fetch(requests[i]!);
    await response.arrayBuffer();
    times.push(performance.now() - t);
    status.set(response.status, (status.get(response.status) ?? 0) + 1);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!;
  return {
    case: name,
    store: store.kind,
    'req/s': Math.round((ITERATIONS / total) * 1000),
    'p50 ms': pct(0.5).toFixed(3),
    'p99 ms': pct(0.99).toFixed(3),
    statuses: [...status].map(([s, n]) => `${s}×${n}`).join(' '),
  };
}

const exp = () => Math.floor(Date.now() / 1000) + 300;
const cookie = async (id = '7321987654321') => `omneo_identity=${await signAssertion(SECRET, id, exp())}`;
const token = (c: string) => new Request('http://proxy.local/omneo/token', { method: 'POST', headers: { Cookie: c } });

const stores: Array<() => Promise<ProxyStore>> = [async () => memoryStore()];
if (process.env.REDIS_URL) {
  const { redisStore } = await import('./store-redis.js');
  stores.push(async () => {
    const store = redisStore({ url: process.env.REDIS_URL!, keyPrefix: `omneo-proxy-bench:${Date.now()}:` });
    await store.ping!();
    return store;
  });
}

const rows = [];
for (const makeStore of stores) {
  const open: ProxyStore[] = [];
  const fresh = async () => {
    const store = await makeStore();
    open.push(store);
    return store;
  };
  const ava = await cookie();
  rows.push(await measure('token, cached', await fresh(), async () => token(ava)));
  rows.push(await measure('token, minted every time (cache off)', await fresh(), async () => token(ava), { tokenCache: false }));
  rows.push(await measure('token, forged assertion → 401', await fresh(), async () => token(ava.replace(/.$/, (c) => (c === '0' ? '1' : '0')))));
  rows.push(await measure('tiers, cached', await fresh(), async () => new Request('http://proxy.local/omneo/tiers')));
  rows.push(
    await measure('pass-through GET balances', await fresh(), async () => new Request('http://proxy.local/omneo/api/me/balances', { headers: { Cookie: ava } })),
  );
  rows.push(await measure('path trick → 404', await fresh(), async () => new Request('http://proxy.local/omneo/api/me/lists%2F..%2Fpurge', { headers: { Cookie: ava } })));
  await Promise.all(open.map((s) => s.close?.()));
}
console.log(`omneo proxy bench: ${ITERATIONS} sequential requests per case, in-process (Node ${process.version})`);
console.table(rows);
