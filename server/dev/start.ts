/**
 * `npm start`: the demo storefront on Vite, with the mock Omneo ID API, the token-exchange proxy and
 * persona login served from the same origin. Nothing to configure: every secret here is a built-in
 * development default.
 *   PORT (default 5173), HOST (default 127.0.0.1)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { PERSONAS } from '../mock-omneo/index.js';
import { omneoDevPlugin } from './vite-plugin.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = process.env.PORT ? Number(process.env.PORT) : 5173;
const host = process.env.HOST ?? '127.0.0.1';

const server = await createServer({
  configFile: false,
  root: path.join(repoRoot, 'demo'),
  appType: 'mpa',
  clearScreen: false,
  server: {
    port,
    host,
    strictPort: Boolean(process.env.PORT),
    fs: { allow: [repoRoot] },
  },
  plugins: [omneoDevPlugin({ repoRoot })],
});
await server.listen();

const address = server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;
const width = Math.max(...PERSONAS.map((p) => p.key.length));
const lines = [
  '',
  `  omneo-widgets demo: ${address}`,
  `  States gallery:     ${address}states.html   every element in each of its states, live`,
  '',
  '  Sign in as a persona from the page, or open:',
  ...PERSONAS.map((p) => `    ${p.key.padEnd(width)}  ${address}demo/login?persona=${p.key}   ${p.label}`),
  `    ${'guest'.padEnd(width)}  ${address}demo/logout`,
  '',
  '  The mock Omneo ID API (/id/api/v1), the token proxy (/omneo/token) and their secrets are',
  '  built-in development defaults: no tenant, nothing to configure, not for production.',
  '',
];
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
