/**
 * The proxy as a Node server: configuration from the environment (plus what an entry file adds, such as a
 * platform's identity adapter), a JSON log line per request on stdout, the Redis store when REDIS_URL is set
 * (checked before listening), /healthz and /readyz, and a clean shutdown. `server/proxy/node.ts` (`npm run
 * proxy`) calls it with nothing added; a custom entry (README: BigCommerce, "Other platforms") calls it with its
 * adapter, and gets the same logs, store, checks and refusals:
 *
 *   import { startNodeProxy } from './server/proxy/node-server.js';
 *   await startNodeProxy({ identity: [myAdapter] });
 *
 * Refuses to start (exit 1, naming each variable at fault) when the configuration is incomplete or
 * contradictory, or when REDIS_URL is set but Redis does not answer. No log line ever holds a token or a secret.
 */
import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ProxyEnvError, proxyConfigFromEnv, type ProxyEnv } from './env.js';
import { errorName, failureCause } from './failures.js';
import { createProxy } from './proxy.js';
import { memoryStore, type ProxyStore } from './store.js';
import type { ProxyConfig } from './types.js';

/** One JSON line per entry on stdout. */
export const jsonLineLog = (entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

/**
 * Asks Omneo once, after listening, whether it takes the admin token: the tier ladder's first entry, a read the
 * token's scopes include (README: OMNEO_ADMIN_TOKEN). A token that has expired (Omneo's do by default), was revoked
 * or lacks the scope is then a warning at deploy time rather than a 502 for the first shopper. Never a refusal:
 * an Omneo outage must not stop a deploy, and an instance that cannot reach Omneo now may later.
 */
export async function adminTokenWarning(adminApiBase: string, adminToken: string, fetcher: typeof fetch = fetch): Promise<string | null> {
  const url = `${adminApiBase.replace(/\/+$/, '')}/tiers/definitions?page%5Bsize%5D=1`;
  const omneo = new URL(adminApiBase).origin;
  try {
    const response = await fetcher(url, {
      headers: { Authorization: `Bearer ${adminToken}`, Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401) {
      return `Omneo answered 401 to OMNEO_ADMIN_TOKEN (${omneo}): it has expired, was revoked or lacks read-tier-definitions. Every token request will answer 502 (logged as admin-token-refused) until it is replaced (README: Rotating secrets).`;
    }
    // A 403 to this read is about its scope: the token may still mint, so nothing is said of token requests.
    if (response.status === 403) {
      return `Omneo answered 403 to OMNEO_ADMIN_TOKEN (${omneo}) on the tier ladder: it lacks read-tier-definitions. /omneo/tiers will answer 502 (logged as admin-token-refused) until the token has that scope; token requests fail too only if it also lacks the scope to mint ID tokens (README: Configuration).`;
    }
    return null; // Any other answer is Omneo's own trouble, logged by the requests that meet it.
  } catch (error) {
    const reason = failureCause(error).cause ?? errorName(error);
    return `could not ask Omneo (${omneo}) whether it takes OMNEO_ADMIN_TOKEN (${reason}); the proxy serves on, and logs each failed mint.`;
  }
}

function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

export async function startNodeProxy(extra: Partial<ProxyConfig> = {}, env: ProxyEnv = process.env): Promise<void> {
  const log = extra.logger ?? jsonLineLog;
  let config;
  try {
    config = proxyConfigFromEnv(env, { logger: log, ...extra });
  } catch (error) {
    if (error instanceof ProxyEnvError) refuse(error.message);
    throw error;
  }
  const { port, keepAliveTimeoutSeconds, shutdownDrainSeconds, redisUrl, warnings, ...proxyConfig } = config;
  for (const warning of warnings) console.warn(`warning: ${warning}`);

  let store: ProxyStore;
  if (extra.store) {
    store = extra.store;
  } else if (redisUrl) {
    const { redisStore } = await import('./store-redis.js');
    store = redisStore({ url: redisUrl });
    try {
      await Promise.race([store.ping!(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000))]);
    } catch (error) {
      await store.close?.().catch(() => undefined);
      const where = new URL(redisUrl);
      // The failure's code where the store gave it one (ECONNREFUSED, NOAUTH: the password, WRONGPASS…).
      const reason = [failureCause(error).cause, error instanceof Error ? error.message : 'error'].filter(Boolean).join(': ');
      refuse(`Refusing to start:\n  - REDIS_URL: Redis at ${where.hostname}:${where.port || 6379} did not answer (${reason}).`);
    }
  } else {
    store = memoryStore();
  }

  const proxy = createProxy({ ...proxyConfig, store });
  const app = new Hono();
  // Set by the first SIGTERM or SIGINT: /readyz fails, and every answer closes its connection, so the balancer's
  // pooled connections drain one request at a time instead of being cut while it may be sending on them.
  let draining = false;
  app.use('*', async (c, next) => {
    await next();
    if (draining) c.header('Connection', 'close');
  });
  // Alive until the process exits: a liveness probe must not restart an instance that is draining.
  // Every status is explicit: Hono answers HEAD (HAProxy's `option httpchk HEAD`, uptime monitors) by copying the
  // GET answer's status and headers, and @hono/node-server fails that copy with a 500 for a response made without
  // them, which is what `c.text(body)` alone makes.
  app.get('/healthz', (c) => c.text('ok', 200));
  // Ready while the process serves. Not tied to the shared store: every instance shares that one Redis, so a
  // Redis outage would turn them all unready at once, and Kubernetes or a Google Cloud balancer would route to
  // none of them, when each can still mint (a cache miss, limits uncounted: the store-error fallback). The
  // body says so for the operator.
  app.get('/readyz', async (c) => {
    if (draining) return c.text('shutting down', 503);
    try {
      await store.ping?.();
      return c.text('ready', 200);
    } catch {
      return c.text('ready (store unavailable: minting without the shared token cache and rate limits)', 200);
    }
  });
  app.all('*', (c) => proxy.fetch(c.req.raw, c.env));

  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
    const adapters = proxyConfig.identity.map((a) => a.name).join(', ');
    console.log(
      `omneo token proxy listening on http://${info.address}:${info.port}/omneo/token ` +
        `(identity: ${adapters}; store: ${store.kind}; pass-through: ${proxyConfig.passThrough ? 'on' : 'off'}; minting at ${new URL(proxyConfig.idApiBase).origin})`,
    );
    if (proxyConfig.adminApiBase) {
      void adminTokenWarning(proxyConfig.adminApiBase, proxyConfig.adminToken, proxyConfig.fetch).then((warning) => warning && console.warn(`warning: ${warning}`));
    }
  });

  const http = server as Server;
  // Listening fails after start-up's checks (the error comes a tick after serve()): say which setting, not a stack.
  http.once('error', (error: NodeJS.ErrnoException) => {
    const where = `${process.env.HOST ?? '0.0.0.0'}:${port}`;
    if (error.code === 'EADDRINUSE') refuse(`Refusing to start:\n  - PORT: ${where} is already in use (EADDRINUSE): another process (an earlier proxy?) listens there.`);
    if (error.code === 'EACCES') refuse(`Refusing to start:\n  - PORT: listening on ${where} was not permitted (EACCES): ports below 1024 need privileges.`);
    if (error.code === 'EADDRNOTAVAIL') refuse(`Refusing to start:\n  - HOST: ${where} is not an address of this machine (EADDRNOTAVAIL).`);
    // HOST is looked up before listening: a name no DNS knows (a typo), or a lookup DNS did not answer (EAI_AGAIN: a
    // container started before its resolver, a resolver down), which says nothing against the name.
    if (error.code === 'ENOTFOUND') refuse(`Refusing to start:\n  - HOST: ${process.env.HOST} is not a name or address of this machine (ENOTFOUND).`);
    if (error.code === 'EAI_AGAIN') refuse(`Refusing to start:\n  - HOST: ${process.env.HOST} could not be looked up (EAI_AGAIN: DNS did not answer): start again once it does, or give an IP address.`);
    throw error;
  });

  // Node answers a request it cannot parse itself, before the proxy sees it; this does what it does (its answers,
  // word for word) and also logs the one a shopper can meet: headers past Node's limit (16 KiB: the shop's cookies on
  // the proxy's parent domain can pass it). The widget reads that bare 431, without CORS headers, as a network
  // failure; without the line the operator could not know. Never a header's content.
  // Close to Node's own test for whether it may answer (no response in flight whose headers were written), a little
  // stricter: one whose headers are prepared but not yet written stands us down too, so nothing is written ahead of
  // it (the connection is closed without a 431, where Node would write one). Not "nothing written on
  // the socket": a balancer's reused upstream connection has carried earlier answers, and its request over the limit
  // would get a reset (a 502 at the balancer) instead of the 431.
  http.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } | null }) => {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    if (status === 431) log({ event: 'omneo.request', status, outcome: 'headers-too-large', limitBytes: maxHeaderSize });
    if (error.code !== 'ECONNRESET' && socket.writable && !socket._httpMessage?.headersSent) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    socket.destroy();
  });

  // The balancer, not the proxy, must be the one to close an idle connection (env.ts). Headers of a request
  // on a reused connection must be allowed at least as long as the connection may sit idle.
  http.keepAliveTimeout = keepAliveTimeoutSeconds * 1000;
  http.headersTimeout = http.keepAliveTimeout + 1000;
  http.requestTimeout = Math.max(http.requestTimeout, http.headersTimeout);

  // Shutdown: SIGTERM (a rolling deploy, Kubernetes) drains for SHUTDOWN_DRAIN_SECONDS, still listening with
  // /readyz 503 while the balancer notices; SIGINT (Ctrl-C) skips the drain. Then the listener closes, idle
  // connections with it, and requests in flight are answered: a pass-through call may wait on Omneo four
  // times (mint, call, re-mint after a 401, call), each up to the 5 s upstream timeout, hence 20 s at most
  // (25 s with the default drain: within Kubernetes' default 30 s grace). Redis is closed last. A second
  // signal exits at once.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log({ event: 'omneo.shutdown', signal, outcome: 'forced' });
      process.exit(1);
    }
    stopping = true;
    draining = true;
    const drainMs = signal === 'SIGTERM' ? shutdownDrainSeconds * 1000 : 0;
    log({ event: 'omneo.shutdown', signal, drainMs });
    setTimeout(() => {
      http.close(() => {
        void Promise.resolve(store.close?.())
          .catch(() => undefined)
          .finally(() => process.exit(0));
      });
      http.closeIdleConnections();
      setTimeout(() => {
        log({ event: 'omneo.shutdown', outcome: 'requests-cut', error: 'in-flight requests outlasted 20 s' });
        process.exit(1);
      }, 20_000).unref();
    }, drainMs);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));
}
