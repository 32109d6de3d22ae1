/**
 * The proxy as a plain Fetch handler, for serverless and edge runtimes (Cloudflare Workers, Vercel
 * and Netlify edge functions, Deno, Bun). No Node built-ins are imported here.
 *
 *   import { fetchHandlerFromEnv } from './server/proxy/fetch.js';
 *   const handler = fetchHandlerFromEnv(env);            // once per isolate
 *   export default { fetch: (request, env) => handler(request, env) };
 *
 * Per-instance state (rate limits, token cache) lives in memory unless you pass a `store` that the
 * runtime shares (Workers KV is too eventually-consistent for counters; use Durable Objects,
 * Upstash Redis over HTTP, …). REDIS_URL needs TCP and therefore the Node entry.
 */
import { proxyConfigFromEnv, ProxyEnvError, type ProxyEnv } from './env.js';
import { createProxy } from './proxy.js';
import type { ProxyConfig } from './types.js';

export type FetchHandler = (request: Request, env?: unknown) => Promise<Response>;

/** A Fetch handler from a ProxyConfig. */
export function createFetchHandler(config: ProxyConfig): FetchHandler {
  const app = createProxy(config);
  return async (request, env) => app.fetch(request, env);
}

/** A Fetch handler configured from environment variables; throws ProxyEnvError naming every mistake. */
export function fetchHandlerFromEnv(env: ProxyEnv, extra: Partial<ProxyConfig> = {}): FetchHandler {
  // Edge and serverless runtimes collect console output: one JSON line per request, as the Node entry writes.
  const logger = extra.logger ?? ((entry: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry })));
  const { port: _port, keepAliveTimeoutSeconds: _keepAlive, shutdownDrainSeconds: _drain, redisUrl, warnings, ...config } = proxyConfigFromEnv(env, { ...extra, logger });
  if (redisUrl && !extra.store) {
    throw new ProxyEnvError([
      { variable: 'REDIS_URL', message: 'needs a TCP connection, which this runtime lacks: pass a shared `store` instead, or run the Node entry.' },
    ]);
  }
  // No socket address here: without a hook every request's address is unknown and per-IP limits are skipped.
  if (!config.clientIp && config.rateLimits !== false && config.rateLimits?.perIp !== 0) {
    warnings.push('no clientIp hook: per-IP limits (RATE_LIMIT_PER_IP) are off; pass clientIp with the platform\'s client-address header.');
  }
  for (const warning of warnings) console.warn(`omneo proxy warning: ${warning}`);
  return createFetchHandler(config);
}
