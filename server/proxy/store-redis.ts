/**
 * Redis-backed ProxyStore (Node only: ioredis speaks TCP). Several proxy instances pointed at the
 * same Redis share rate limits, the minted-token cache and the tier ladder. Kept out of the Fetch
 * entry so edge bundles never pull in ioredis.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { ProxyStore } from './store.js';

// INCR and the first hit's PEXPIRE in one atomic step, so a window can never be left without an expiry.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prepended to every key; default `omneo-proxy:`. Lets several proxies (tenants) share one Redis. */
  keyPrefix?: string;
  /** Per-command timeout; default 500 ms, so a sick Redis slows a request by at most that much. */
  commandTimeoutMs?: number;
  /** Extra ioredis options (tests). */
  redisOptions?: RedisOptions;
}

/** A code of Redis's or the system's for an error: `code` (ECONNREFUSED, ENOTFOUND…) or a reply's first word (NOAUTH…). */
function failureCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error.name === 'ReplyError' ? /^[A-Z]{2,32}(?= |$)/.exec(error.message)?.[0] : undefined;
}

export function redisStore(options: RedisStoreOptions): ProxyStore & { readonly client: Redis } {
  const prefix = options.keyPrefix ?? 'omneo-proxy:';
  const client = new Redis(options.url, {
    lazyConnect: true,
    // Fail fast instead of queueing behind a dead connection: the proxy treats a store error as a
    // cache miss / an uncounted hit and says so in its log.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options.redisOptions,
  });
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash the process. The last one
  // is why commands then fail with a bare "Connection is closed."; it names the cause in their log lines instead.
  let connectionFailure: unknown;
  client.on('error', (error) => (connectionFailure = error));
  client.on('ready', () => (connectionFailure = undefined));

  /**
   * Gives a failed command a code for the proxy's store-error log line, which carries codes, never messages
   * (failures.ts): Redis's own word for a refused command (`READONLY`: a replica, after a failover left the URL
   * pointing at one; `OOM`: maxmemory reached; `WRONGTYPE`…); for a command without a connection, why the last
   * connection failed (`ECONNREFUSED`, `ENOTFOUND`, `NOAUTH`: a password missing from REDIS_URL, `WRONGPASS`…; also for
   * one in flight when the connection dropped, which ioredis retried once on a reconnect that failed), else
   * `REDIS_UNAVAILABLE`; `REDIS_TIMEOUT` for one that timed out. ioredis gives most of these none: each was "Error".
   */
  function withFailureCode(error: unknown): unknown {
    if (!(error instanceof Error) || (error as { code?: unknown }).code !== undefined) return error;
    const code =
      error.message === 'Command timed out'
        ? 'REDIS_TIMEOUT'
        : /isn't writeable|Connection is closed/.test(error.message) || error.name === 'MaxRetriesPerRequestError'
          ? (failureCodeOf(connectionFailure) ?? 'REDIS_UNAVAILABLE')
          : failureCodeOf(error);
    return code ? Object.assign(error, { code }) : error;
  }

  let connecting: Promise<void> | null = null;
  const ready = () => {
    if (client.status === 'ready') return Promise.resolve();
    if (client.status === 'wait' || client.status === 'end') connecting ??= client.connect().finally(() => (connecting = null));
    return connecting ?? Promise.resolve();
  };

  // A command that timed out on an open connection means Redis is hung or cut off without the socket noticing
  // (a network partition, a failover, a paused server), which can last minutes: every later command would wait
  // out the timeout too (a request makes four) and stay queued in memory until the socket closed. Dropping the
  // connection rejects what is queued and reconnects; until Redis answers again, commands fail at once (no
  // offline queue).
  async function run<T>(command: () => Promise<T>): Promise<T> {
    try {
      await ready();
      return await command();
    } catch (error) {
      // Destroyed, not ended: a graceful close would wait for the silent peer as long as the commands did.
      if (error instanceof Error && error.message === 'Command timed out' && client.status === 'ready') client.stream.destroy();
      throw withFailureCode(error);
    }
  }

  return {
    kind: 'redis',
    client,
    get: (key) => run(() => client.get(prefix + key)),
    async set(key, value, ttlMs) {
      if (ttlMs <= 0) await run(() => client.del(prefix + key));
      else await run(() => client.set(prefix + key, value, 'PX', Math.ceil(ttlMs)));
    },
    async delete(key) {
      await run(() => client.del(prefix + key));
    },
    async hit(key, windowMs) {
      const [count, ttl] = (await run(() => client.eval(HIT_SCRIPT, 1, prefix + key, String(Math.ceil(windowMs))))) as [number, number];
      return { count: Number(count), resetMs: Number(ttl) };
    },
    async ping() {
      const answer = await run(() => client.ping());
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    },
    async close() {
      if (client.status === 'end' || client.status === 'wait') {
        client.disconnect();
        return;
      }
      await client.quit().catch(() => client.disconnect());
    },
  };
}
