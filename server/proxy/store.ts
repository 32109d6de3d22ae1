/**
 * The proxy's shared state behind one small interface: rate-limit counters, the minted-token cache
 * and the tier ladder. `memoryStore` serves one instance; `redisStore` (store-redis.ts, Node only)
 * lets several instances behind a load balancer share limits and cache. Anything with these four
 * operations works (an edge KV, Upstash, …).
 */
export interface ProxyStore {
  /** A value set earlier and not yet expired, else null. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Counts one hit in a fixed window that starts with the first hit: the count so far in this
   * window (this hit included) and the milliseconds until the window resets.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** For logs and the readiness check. */
  readonly kind: string;
  /** Resolves when the store can serve requests; rejects with a reason otherwise. */
  ping?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Keys of the per-IP rate-limit counters (`rl:ip:<hmac>`). The proxy builds them with this prefix;
 * the memory store keeps them apart from every other counter (see `maxEntries`).
 */
export const IP_COUNTER_PREFIX = 'rl:ip:';

export interface MemoryStoreOptions {
  /** Clock in ms; default Date.now. */
  now?: () => number;
  /**
   * Kept at most, each on its own: values (token cache, ladder), per-IP counters, and the other
   * counters (per customer); beyond it the oldest of that kind are dropped. It bounds memory under a
   * flood of distinct keys, and keeps a flood of per-IP counters (a botnet, or one attacker's IPv6
   * addresses) from evicting the per-customer counters, which would reset their limits. Default 100,000.
   */
  maxEntries?: number;
}

/** One instance's state in a Map: the default, and what tests use. */
export function memoryStore(options: MemoryStoreOptions = {}): ProxyStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, { value: string; expiresAt: number }>();
  // Anyone can make per-IP counters (any request from a new address does); a per-customer counter
  // needs a verified session. Separate maps, so only the former can push the former out.
  const ipCounters = new Map<string, { count: number; resetAt: number }>();
  const otherCounters = new Map<string, { count: number; resetAt: number }>();

  function bound<T>(map: Map<string, T>) {
    // Maps iterate in insertion order, so the first keys are the oldest.
    while (map.size > maxEntries) {
      const oldest = map.keys().next();
      if (oldest.done) break;
      map.delete(oldest.value);
    }
  }

  return {
    kind: 'memory',
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return null;
      }
      return entry.value;
    },
    async set(key, value, ttlMs) {
      entries.delete(key);
      if (ttlMs <= 0) return;
      entries.set(key, { value, expiresAt: now() + ttlMs });
      bound(entries);
    },
    async delete(key) {
      entries.delete(key);
    },
    async hit(key, windowMs) {
      const at = now();
      const counters = key.startsWith(IP_COUNTER_PREFIX) ? ipCounters : otherCounters;
      let counter = counters.get(key);
      if (!counter || counter.resetAt <= at) {
        counters.delete(key);
        counter = { count: 0, resetAt: at + windowMs };
        counters.set(key, counter);
        bound(counters);
      }
      counter.count += 1;
      return { count: counter.count, resetMs: counter.resetAt - at };
    },
    async ping() {},
  };
}
