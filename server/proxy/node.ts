/**
 * The token-exchange proxy on Node, configured from the environment (see the README's configuration
 * table). `npm run build:proxy` bundles this entry and its libraries into dist/proxy/node.mjs, which
 * `npm run proxy` runs with plain node; `npm run proxy:dev` runs it from source. Refuses to start,
 * naming each variable at fault, when the configuration is incomplete or contradictory, or when
 * REDIS_URL is set but Redis does not answer.
 * Logs one JSON line per request to stdout; no line ever holds a token or a secret.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ProxyEnvError, proxyConfigFromEnv } from './env.js';
import { createProxy } from './proxy.js';
import { memoryStore, type ProxyStore } from './store.js';

const log = (entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

let config;
try {
  config = proxyConfigFromEnv(process.env, { logger: log });
} catch (error) {
  if (error instanceof ProxyEnvError) refuse(error.message);
  throw error;
}
const { port, redisUrl, warnings, ...proxyConfig } = config;
for (const warning of warnings) console.warn(`warning: ${warning}`);

let store: ProxyStore;
if (redisUrl) {
  const { redisStore } = await import('./store-redis.js');
  store = redisStore({ url: redisUrl });
  try {
    await Promise.race([store.ping!(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000))]);
  } catch (error) {
    await store.close?.().catch(() => undefined);
    const where = new URL(redisUrl);
    refuse(`Refusing to start:\n  - REDIS_URL: Redis at ${where.hostname}:${where.port || 6379} did not answer (${error instanceof Error ? error.message : 'error'}).`);
  }
} else {
  store = memoryStore();
}

const proxy = createProxy({ ...proxyConfig, store });
const app = new Hono();
app.get('/healthz', (c) => c.text('ok'));
// Ready when the shared store answers: a load balancer then stops routing to an instance that lost Redis.
app.get('/readyz', async (c) => {
  try {
    await store.ping?.();
    return c.text('ready');
  } catch {
    return c.text('store unavailable', 503);
  }
});
app.all('*', (c) => proxy.fetch(c.req.raw, c.env));

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  const adapters = proxyConfig.identity.map((a) => a.name).join(', ');
  console.log(
    `omneo token proxy listening on http://${info.address}:${info.port}/omneo/token ` +
      `(identity: ${adapters}; store: ${store.kind}; pass-through: ${proxyConfig.passThrough ? 'on' : 'off'}; minting at ${new URL(proxyConfig.idApiBase).origin})`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => {
      void Promise.resolve(store.close?.()).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
