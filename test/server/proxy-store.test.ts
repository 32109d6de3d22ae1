/**
 * The ProxyStore contract, run against the in-memory store and a real redis-server, and two proxy
 * instances sharing one Redis (as behind a load balancer): limits and the token cache are shared.
 *
 * Redis: REDIS_URL (CI: .ci/run starts redis-server on 127.0.0.1:6390 and exports it). With
 * REDIS_URL or CI set, an unreachable Redis fails these tests; only a local run without REDIS_URL
 * skips them, and says so.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { rateLimitSubject } from '../../server/proxy/client-ip.js';
import { memoryStore, type ProxyStore } from '../../server/proxy/index.js';
import { IP_COUNTER_PREFIX } from '../../server/proxy/store.js';
import { redisStore } from '../../server/proxy/store-redis.js';
import { inProcessFetch } from '../../server/mock-omneo/index.js';
import { ADMIN_TOKEN, harness } from './proxy-harness.js';
import { freePort, waitFor } from './proxy-process.js';

const REDIS_URL = process.env.REDIS_URL;
const mustHaveRedis = Boolean(REDIS_URL || process.env.CI);
const runId = crypto.randomUUID().slice(0, 8);
if (!REDIS_URL) {
  if (process.env.CI) console.log('proxy Redis store: REDIS_URL is not set but CI is: these tests fail.');
  else console.log('proxy Redis store: skipped: set REDIS_URL (e.g. redis-server --port 6390, REDIS_URL=redis://127.0.0.1:6390) to run them.');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function contract(name: string, make: () => ProxyStore, options: { skip?: boolean } = {}) {
  describe(`proxy store contract: ${name}`, { skip: options.skip }, () => {
    let store: ProxyStore;
    before(async () => {
      store = make();
      await store.ping?.();
    });
    after(async () => store?.close?.());

    it('gets what was set until it expires, and deletes', async () => {
      assert.equal(await store.get('k1'), null);
      await store.set('k1', 'v1', 150);
      assert.equal(await store.get('k1'), 'v1');
      await store.set('k2', 'v2', 10_000);
      await store.delete('k2');
      assert.equal(await store.get('k2'), null);
      await sleep(200);
      assert.equal(await store.get('k1'), null);
      await store.set('k3', 'v3', 0);
      assert.equal(await store.get('k3'), null, 'a zero ttl stores nothing');
    });

    it('counts hits in a fixed window that resets', async () => {
      const first = await store.hit('c1', 200);
      assert.equal(first.count, 1);
      assert.ok(first.resetMs > 0 && first.resetMs <= 200);
      assert.equal((await store.hit('c1', 200)).count, 2);
      assert.equal((await store.hit('c2', 200)).count, 1, 'keys count separately');
      await sleep(250);
      assert.equal((await store.hit('c1', 200)).count, 1, 'a new window');
    });

    it('counts concurrent hits exactly', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => store.hit('c3', 5000)));
      assert.deepEqual(results.map((r) => r.count).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
    });
  });
}

contract('memory', () => memoryStore());
contract('redis', () => redisStore({ url: REDIS_URL ?? 'redis://127.0.0.1:1', keyPrefix: `omneo-proxy-test:${runId}:contract:` }), {
  skip: !REDIS_URL && !mustHaveRedis,
});

describe('proxy store: memory bounds', () => {
  it('drops the oldest entries beyond maxEntries, so a flood of distinct keys cannot exhaust memory', async () => {
    const store = memoryStore({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) await store.hit(`ip-${i}`, 60_000);
    assert.equal((await store.hit('ip-999', 60_000)).count, 2, 'recent keys survive');
    assert.equal((await store.hit('ip-0', 60_000)).count, 1, 'the oldest were dropped');
  });

  it('bounds per-IP counters apart: a flood of new addresses never evicts a per-customer counter', async () => {
    const store = memoryStore({ maxEntries: 100 });
    for (let i = 0; i < 30; i++) await store.hit('rl:token:ava', 60_000);
    await store.set('tok:ava', 'cached', 60_000);
    for (let i = 0; i < 1000; i++) await store.hit(`${IP_COUNTER_PREFIX}${i}`, 60_000);
    assert.equal((await store.hit('rl:token:ava', 60_000)).count, 31, 'the customer counter kept its count');
    assert.equal(await store.get('tok:ava'), 'cached');
    assert.equal((await store.hit(`${IP_COUNTER_PREFIX}999`, 60_000)).count, 2, 'recent per-IP counters survive');
    assert.equal((await store.hit(`${IP_COUNTER_PREFIX}0`, 60_000)).count, 1, 'the oldest per-IP counters were dropped');
    for (let i = 0; i < 1000; i++) await store.hit(`rl:api:${i}`, 60_000);
    assert.equal((await store.hit(`${IP_COUNTER_PREFIX}999`, 60_000)).count, 3, 'and the other way round');
  });

  it("keeps 100,000 of each kind by default (README: Decisions, The memory store), what the proxy's own store gets", async () => {
    // The tests above give a small capacity; the Node entry and the edge entry call memoryStore() with none.
    const store = memoryStore();
    const LIMIT = 100_000;
    await store.set('value-0', 'first', 60_000);
    await store.hit(`${IP_COUNTER_PREFIX}0`, 60_000);
    await store.hit('rl:token:0', 60_000);
    for (let i = 1; i < LIMIT; i++) {
      await store.set(`value-${i}`, 'v', 60_000);
      await store.hit(`${IP_COUNTER_PREFIX}${i}`, 60_000);
      await store.hit(`rl:token:${i}`, 60_000);
    }
    // Exactly at the bound: nothing dropped yet.
    assert.equal(await store.get('value-0'), 'first', 'the oldest value, with 100,000 kept');
    assert.equal((await store.hit(`${IP_COUNTER_PREFIX}0`, 60_000)).count, 2, 'the oldest per-IP counter, with 100,000 kept');
    assert.equal((await store.hit('rl:token:0', 60_000)).count, 2, 'the oldest other counter, with 100,000 kept');
    // One more of each: the oldest of each kind goes (value-0 is now the oldest value; the counters were re-hit,
    // which does not move them, so counter 0 is still the oldest of its kind).
    await store.set(`value-${LIMIT}`, 'v', 60_000);
    await store.hit(`${IP_COUNTER_PREFIX}${LIMIT}`, 60_000);
    await store.hit(`rl:token:${LIMIT}`, 60_000);
    assert.equal(await store.get('value-0'), null, 'the 100,001st value pushes out the oldest');
    assert.equal(await store.get('value-1'), 'v');
    assert.equal((await store.hit(`${IP_COUNTER_PREFIX}0`, 60_000)).count, 1, 'the 100,001st per-IP counter pushes out the oldest');
    assert.equal((await store.hit('rl:token:0', 60_000)).count, 1, 'the 100,001st other counter pushes out the oldest');
  });
});

describe('proxy: per-IP rate-limit buckets', () => {
  it('counts IPv6 per /64 and IPv4 (also mapped, bracketed or with a port) per address', () => {
    const cases: Array<[string, string]> = [
      ['203.0.113.7', '203.0.113.7'],
      ['203.0.113.7:51234', '203.0.113.7'],
      ['::ffff:203.0.113.7', '203.0.113.7'],
      ['::FFFF:cb00:7107', '203.0.113.7'],
      ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
      ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
      ['[2001:db8:1:2::abcd]:443', '2001:db8:1:2::/64'],
      ['2001:DB8:1:2:0:0:0:1%eth0', '2001:db8:1:2::/64'],
      ['2001:db8::1', '2001:db8:0:0::/64'],
      ['2001:db8:0:0:1::', '2001:db8:0:0::/64'],
      ['::1', '0:0:0:0::/64'],
      ['2001:db8:1:3::1', '2001:db8:1:3::/64'],
      ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
      ['unknown-format', 'unknown-format'],
      ['2001:db8:::1', '2001:db8:::1'],
      ['2001:db8:1:2:3:4:5:6:7', '2001:db8:1:2:3:4:5:6:7'],
      ['1.2.3.400', '1.2.3.400'],
      // Not addresses, counted as given (a bucket of their own), never a throw or a /64 shared with real ones: an
      // embedded IPv4 with an octet over 255; two "::" (eight groups before the first would otherwise be read as the
      // whole address, in 2001:db8:1:2::/64).
      ['::ffff:300.1.2.3', '::ffff:300.1.2.3'],
      ['1::2::3', '1::2::3'],
      ['2001:db8:1:2:3:4:5:6::7::8', '2001:db8:1:2:3:4:5:6::7::8'],
    ];
    for (const [ip, subject] of cases) assert.equal(rateLimitSubject(ip), subject, ip);
  });

  it('shares one per-IP budget across a /64, and keeps neighbouring /64s apart', async () => {
    const h = harness({ rateLimits: { perIp: 3 } });
    for (let i = 1; i <= 3; i++) assert.equal((await h.send('/omneo/tiers', { method: 'GET', ip: `2001:db8:1:2::${i}` })).status, 200);
    assert.equal((await h.send('/omneo/tiers', { method: 'GET', ip: '2001:db8:1:2:ffff::9' })).status, 429);
    assert.equal((await h.send('/omneo/tiers', { method: 'GET', ip: '2001:db8:1:3::1' })).status, 200);
    assert.equal(h.logs.at(-1)!.ip, '2001:db8:1:3::1', 'logs keep the full address');
  });
});

describe('proxy store: two instances sharing Redis', { skip: !REDIS_URL && !mustHaveRedis }, () => {
  const stores: ProxyStore[] = [];
  const shared = (label: string) => {
    const store = redisStore({ url: REDIS_URL ?? 'redis://127.0.0.1:1', keyPrefix: `omneo-proxy-test:${runId}:${label}:` });
    stores.push(store);
    return store;
  };
  before(async () => {
    const probe = shared('probe');
    await probe.ping!();
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close?.()));
  });

  it('share the token cache: a token minted by A is served by B without a mint', async () => {
    const a = harness({ store: shared('cache') });
    const b = harness({ store: shared('cache') });
    const cookieA = await a.assertionCookie();
    const fromA = await a.send('/omneo/token', { cookie: cookieA });
    assert.equal(fromA.status, 200);
    const fromB = await b.send('/omneo/token', { cookie: await b.assertionCookie() });
    assert.equal(fromB.json.token, fromA.json.token);
    assert.equal(a.upstream.length + b.upstream.length, 1);
  });

  it('share the per-customer limit: 30 token requests spread over A and B, then both refuse', async () => {
    const a = harness({ store: shared('limits') });
    const b = harness({ store: shared('limits') });
    const cookie = await a.assertionCookie();
    for (let i = 0; i < 30; i++) {
      const instance = i % 2 ? a : b;
      assert.equal((await instance.send('/omneo/token', { cookie, ip: `198.51.100.${i}` })).status, 200, `request ${i + 1}`);
    }
    for (const instance of [a, b]) {
      const res = await instance.send('/omneo/token', { cookie, ip: '198.51.100.250' });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers.get('retry-after')) >= 1);
    }
  });

  it('share the per-IP limit', async () => {
    const a = harness({ store: shared('ip'), rateLimits: { perIp: 10 } });
    const b = harness({ store: shared('ip'), rateLimits: { perIp: 10 } });
    for (let i = 0; i < 10; i++) assert.equal((await (i % 2 ? a : b).send('/omneo/tiers', { method: 'GET' })).status, 200);
    assert.equal((await a.send('/omneo/tiers', { method: 'GET' })).status, 429);
    assert.equal((await b.send('/omneo/tiers', { method: 'GET' })).status, 429);
  });

  it('during an OMNEO_ADMIN_TOKEN rotation, old and new instances on one Redis: nothing fails, each mints once and caches its own, counts its own limits, shares the ladder (README: Rotating secrets)', async () => {
    const NEW_ADMIN_TOKEN = 'NEW-ADMIN-TOKEN-sk_live_0a1b2c3d4e5f60718293';
    const old = harness({ store: shared('rotation') });
    // The new instance talks to the same Omneo, which takes both admin tokens while the old one is still valid.
    const omneo = inProcessFetch(old.mock.app);
    const newCalls: string[] = [];
    const fresh = harness({
      store: shared('rotation'),
      adminToken: NEW_ADMIN_TOKEN,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        newCalls.push(new URL(request.url).pathname);
        const headers = new Headers(request.headers);
        if (headers.get('authorization') === `Bearer ${NEW_ADMIN_TOKEN}`) headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
        return omneo(new Request(request, { headers }));
      },
    });
    const mints = () => [old.upstream.filter((u) => u.path.endsWith('/auth/token')).length, newCalls.filter((p) => p.endsWith('/auth/token')).length];
    const cookie = await old.assertionCookie();
    for (const instance of [old, fresh, old, fresh]) assert.equal((await instance.send('/omneo/token', { cookie })).status, 200);
    // The new instance cannot read what the old one cached (keys and encryption derived from the admin token): it
    // mints once, then reads its own entry; the old one keeps reading its own.
    assert.deepEqual(mints(), [1, 1]);
    assert.deepEqual([...old.logs, ...fresh.logs].filter((line) => line.outcome === 'store-error'), []);
    // The ladder is the programme's, under a key of the admin API's: read from Omneo once, served to both.
    assert.equal((await old.send('/omneo/tiers', { method: 'GET' })).status, 200);
    assert.equal((await fresh.send('/omneo/tiers', { method: 'GET' })).status, 200);
    assert.equal([...old.upstream.map((u) => u.path), ...newCalls].filter((p) => p.endsWith('/tiers/definitions')).length, 1);
    // Each generation counts its own per-customer limit (30 a minute): the old one's, spent, refuses; the new one's does not.
    for (let i = 2; i < 30; i++) assert.equal((await old.send('/omneo/token', { cookie, ip: `198.51.100.${i}` })).status, 200, `request ${i + 1}`);
    assert.equal((await old.send('/omneo/token', { cookie, ip: '198.51.100.250' })).status, 429);
    assert.equal((await fresh.send('/omneo/token', { cookie, ip: '198.51.100.251' })).status, 200);
  });
});

describe('proxy store: an unreachable Redis', () => {
  it('still issues tokens (cache miss, uncounted hit) and logs store-error, never the URL password', async () => {
    const store = redisStore({ url: 'redis://:hunter2-redis-password@127.0.0.1:1', commandTimeoutMs: 200, redisOptions: { retryStrategy: () => null } });
    const h = harness({ store });
    try {
      const res = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
      assert.equal(res.status, 200);
      assert.ok(h.logs.some((l) => l.outcome === 'store-error'));
      // What failed, by its code: the operator's first clue, where every store error used to read "Error".
      assert.ok(h.logs.some((l) => l.outcome === 'store-error' && l.cause === 'ECONNREFUSED'), JSON.stringify(h.logs));
      assert.ok(!JSON.stringify(h.logs).includes('hunter2'));
    } finally {
      await store.close?.();
    }
  });

  it('still serves the tier ladder from Omneo, logging the failed cache read and write', async () => {
    const store = redisStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200, redisOptions: { retryStrategy: () => null } });
    const h = harness({ store });
    try {
      const res = await h.send('/omneo/tiers', { method: 'GET' });
      assert.equal(res.status, 200, res.text);
      assert.ok(Array.isArray(res.json.data) && res.json.data.length > 0, res.text);
      const failed = h.logs.filter((line) => line.outcome === 'store-error').map((line) => `${line.operation} ${line.cause}`);
      assert.deepEqual(failed.sort(), ['get ECONNREFUSED', 'hit ECONNREFUSED', 'set ECONNREFUSED'], JSON.stringify(h.logs));
    } finally {
      await store.close?.();
    }
  });

  it('still re-mints after Omneo refuses a token in pass-through, logging the failed eviction', async () => {
    const store = redisStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200, redisOptions: { retryStrategy: () => null } });
    const h = harness({ store });
    try {
      h.mock.faults.add({ path: '/profiles/me/balances', expireToken: true });
      const res = await h.send('/omneo/api/me/balances', { method: 'GET', cookie: await h.assertionCookie() });
      assert.equal(res.status, 200, res.text);
      assert.equal(h.upstream.filter((call) => call.path.endsWith('/auth/token')).length, 2, 'minted again after the 401');
      assert.ok(h.logs.some((line) => line.outcome === 'store-error' && line.operation === 'delete' && line.cause === 'ECONNREFUSED'), JSON.stringify(h.logs));
    } finally {
      await store.close?.();
    }
  });
});

describe('proxy store: a Redis outage under load', () => {
  it('logs each failing operation once a second with a count of the repeats, not once per request (no log flood)', async () => {
    const store = redisStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200, redisOptions: { retryStrategy: () => null } });
    const h = harness({ store });
    try {
      const cookie = await h.assertionCookie();
      // Each token request meets four store failures (two limits, the cache read and write): written out, an outage
      // at 1,000 requests/s added 4,000 identical lines a second to the operator's log bill.
      for (let i = 0; i < 50; i++) assert.equal((await h.send('/omneo/token', { cookie, ip: `198.51.100.${i}` })).status, 200);
      const storeLines = () => h.logs.filter((line) => line.outcome === 'store-error');
      assert.deepEqual(storeLines().map((line) => `${line.operation} ${line.cause}`).sort(), ['get ECONNREFUSED', 'hit ECONNREFUSED', 'set ECONNREFUSED']);
      assert.equal(h.logs.filter((line) => line.outcome === 'minted').length, 50, 'every request keeps its own line');
      // A second later the outage is still there, and the log says how much it left out.
      h.clock.advance(1000);
      await h.send('/omneo/token', { cookie });
      const hits = storeLines().filter((line) => line.operation === 'hit');
      assert.equal(hits.length, 2);
      assert.equal(hits[1]!.repeated, 50 * 2 - 1, 'the hits left out since the first line');
    } finally {
      await store.close?.();
    }
  });
});

// Its own redis-server, since this test pauses it: CI installs the binary (.ci/run); a local run without it skips.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

describe('proxy store: a Redis that stops answering (a network partition, a failover, a paused server)', { skip: !hasRedisServer && !process.env.CI }, () => {
  it('fails fast once a command has timed out, queues nothing meanwhile, and recovers when Redis answers again', async () => {
    const port = await freePort();
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    // Failing fast is told from waiting by this timeout, not by a wall-clock guess: a command that waited it out took
    // at least this long, and a busy machine (a test process starved of CPU for a few hundred ms) must not look like one.
    const commandTimeoutMs = 1000;
    const store = redisStore({ url: `redis://127.0.0.1:${port}`, keyPrefix: `omneo-proxy-test:${runId}:hung:`, commandTimeoutMs });
    try {
      const until = Date.now() + 5000;
      for (;;) {
        try {
          await store.ping!();
          break;
        } catch (error) {
          if (Date.now() > until) throw error;
          await sleep(50);
        }
      }
      assert.equal((await store.hit('c', 60_000)).count, 1);

      // Paused: the socket stays open, so nothing tells ioredis that Redis is gone but the command timeout.
      server.kill('SIGSTOP');
      await assert.rejects(store.hit('c', 60_000), (error: Error & { code?: string }) => /timed out/.test(error.message) && error.code === 'REDIS_TIMEOUT');
      // A request's four store operations (two limits, cache read, cache write) must not each wait the timeout
      // again, for as long as the socket stays open (minutes, in a partition), and none may pile up in memory.
      for (let request = 0; request < 50; request++) {
        const started = Date.now();
        const outcomes = await Promise.allSettled([store.hit('c', 60_000), store.hit('d', 60_000), store.get('k'), store.set('k', 'v', 60_000)]);
        // Each names its cause for the log: no connection (REDIS_UNAVAILABLE), or why the last reconnect failed.
        const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'answered'));
        assert.ok(codes.every((code) => code === 'REDIS_UNAVAILABLE' || code === 'ETIMEDOUT'), codes.join());
        assert.ok(Date.now() - started < commandTimeoutMs, `request ${request + 1}: the store took ${Date.now() - started} ms to fail (the command timeout is ${commandTimeoutMs} ms)`);
      }
      const { client } = store as ReturnType<typeof redisStore>;
      const queued = (client as unknown as { commandQueue: { length: number } }).commandQueue.length;
      assert.ok(queued <= 2, `${queued} commands queued for a Redis that does not answer`);

      server.kill('SIGCONT');
      let answered = false;
      await waitFor(() => {
        void store.ping!().then(() => (answered = true), () => undefined);
        return answered;
      }, 'the store to reconnect', 10_000);
      // Commands that timed out may still have run once Redis read them: the window's count survived, at least.
      assert.ok((await store.hit('c', 60_000)).count >= 2, 'the same Redis, the count kept');
    } finally {
      server.kill('SIGCONT');
      await store.close?.();
      server.kill('SIGTERM');
    }
  });
});

describe('proxy store: a Redis that dies with commands in flight (a crash, a failover)', { skip: !hasRedisServer && !process.env.CI }, () => {
  it('names why in each failure, the commands that were in flight included', async () => {
    const port = await freePort();
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const store = redisStore({ url: `redis://127.0.0.1:${port}`, keyPrefix: `omneo-proxy-test:${runId}:died:` });
    let answered = false;
    try {
      await waitFor(() => {
        void store.ping!().then(() => (answered = true), () => undefined);
        return answered;
      }, 'redis-server to answer', 5000);
      // Sent, then Redis is gone before it answers: ioredis retries them on the next connection, which is refused,
      // and used to fail them with a bare MaxRetriesPerRequestError: log lines without a cause, the first ones an
      // operator reads after an outage.
      // Paused first, so that none of them can be answered before the kill.
      server.kill('SIGSTOP');
      const inFlight = Promise.allSettled([store.hit('c', 60_000), store.get('k'), store.set('k', 'v', 60_000)]);
      server.kill('SIGKILL');
      const codes = (await inFlight).map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'answered'));
      assert.ok(codes.every((code) => code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'REDIS_UNAVAILABLE'), codes.join());
    } finally {
      await store.close?.();
      server.kill('SIGKILL');
    }
  });
});

/** A redis-server of the test's own, with `args`, once it answers PING (with `password` when it has one). */
async function ownRedis(args: string[], password?: string) {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], { stdio: 'ignore' });
  const probe = redisStore({ url: `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}` });
  let answered = false;
  try {
    await waitFor(() => {
      void probe.ping!().then(() => (answered = true), () => undefined);
      return answered;
    }, 'redis-server to answer', 5000);
  } finally {
    await probe.close?.();
  }
  return { port, stop: () => void server.kill('SIGTERM') };
}

describe('proxy store: Redis refusing commands, named in the log by its own word', { skip: !hasRedisServer && !process.env.CI }, () => {
  it('NOAUTH: a REDIS_URL without the password; READONLY: a URL left on a replica after a failover', async () => {
    const guarded = await ownRedis(['--requirepass', 'the-right-password-4721'], 'the-right-password-4721');
    const replica = await ownRedis(['--replicaof', '127.0.0.1', String(await freePort())]);
    const stores = [redisStore({ url: `redis://127.0.0.1:${guarded.port}` }), redisStore({ url: `redis://127.0.0.1:${replica.port}` })];
    try {
      for (const [store, cause] of [[stores[0]!, 'NOAUTH'], [stores[1]!, 'READONLY']] as const) {
        const h = harness({ store });
        // Tokens are still issued (the store is best effort); the log says why the cache and limits are not used.
        assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie() })).status, 200);
        const failures = h.logs.filter((line) => line.outcome === 'store-error');
        assert.ok(failures.length > 0 && failures.some((line) => line.cause === cause), JSON.stringify(failures));
        assert.ok(!JSON.stringify(h.logs).includes('the-right-password'));
      }
    } finally {
      await Promise.all(stores.map((store) => store.close?.()));
      guarded.stop();
      replica.stop();
    }
  });
});
