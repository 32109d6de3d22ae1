/**
 * Runs the token-exchange proxy on Node from environment variables:
 *   OMNEO_ID_API            Omneo ID API base, e.g. https://api.{tenant}.getomneo.com/id/api/v1
 *   OMNEO_ADMIN_TOKEN       Omneo admin API token (keep it in a secret store)
 *   OMNEO_ASSERTION_SECRET  HMAC secret shared with the storefront back end (≥ 32 characters)
 *   OMNEO_ID_HANDLE         optional identity handle (e.g. "shopify"): mint by platform customer id
 *   PORT                    default 8787
 */
import { serve } from '@hono/node-server';
import { ProxyEnvError, proxyConfigFromEnv } from './env.js';
import { createProxy } from './proxy.js';

let config;
try {
  config = proxyConfigFromEnv(process.env, {
    logger: (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
  });
} catch (error) {
  if (error instanceof ProxyEnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const { port, ...proxyConfig } = config;
const app = createProxy(proxyConfig);
app.get('/healthz', (c) => c.text('ok'));
serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  console.log(`omneo token proxy listening on http://${info.address}:${info.port}/omneo/token (minting at ${new URL(proxyConfig.idApiBase).origin})`);
});
