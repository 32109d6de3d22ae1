/**
 * Runs the mock Omneo ID API alone on Node (benchmarks, manual poking):
 *   tsx server/mock-omneo/node.ts     PORT (default 8788), HOST (default 127.0.0.1),
 *                                     MOCK_QUIRKS (default|strings|plain), MOCK_LATENCY_MS (preflights too),
 *                                     MOCK_CORS_MAX_AGE (seconds; default: no Access-Control-Max-Age)
 * Its admin token is the development default MOCK_ADMIN_TOKEN, not a secret.
 */
import { serve } from '@hono/node-server';
import { createMockOmneo, MOCK_ADMIN_TOKEN, PERSONAS, type QuirksMode } from './index.js';

const quirks = (process.env.MOCK_QUIRKS ?? 'default') as QuirksMode;
if (!['default', 'strings', 'plain'].includes(quirks)) {
  console.error('MOCK_QUIRKS must be default, strings or plain.');
  process.exit(1);
}
const maxAge = process.env.MOCK_CORS_MAX_AGE;
if (maxAge && !/^\d+$/.test(maxAge)) {
  console.error('MOCK_CORS_MAX_AGE must be a number of seconds.');
  process.exit(1);
}
const mock = createMockOmneo({ quirks, corsMaxAgeSeconds: maxAge ? Number(maxAge) : null });
if (process.env.MOCK_LATENCY_MS) mock.faults.setLatency(Number(process.env.MOCK_LATENCY_MS));
const port = Number(process.env.PORT ?? 8788);
serve({ fetch: mock.app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`mock Omneo ID API on http://${info.address}:${info.port}/id/api/v1 (quirks: ${quirks})`);
  console.log(`admin token (development default, not a secret): ${MOCK_ADMIN_TOKEN}`);
  console.log(`personas: ${PERSONAS.map((p) => `${p.key}=${p.shopifyCustomerId}`).join(', ')} (mint with {"id": "<id>", "id_handle": "shopify"})`);
});
