/**
 * The token-exchange proxy on Node, configured from the environment (see the README's configuration
 * table). `npm run build:proxy` bundles this entry and its libraries into dist/proxy/node.mjs, which
 * `npm run proxy` runs with plain node; `npm run proxy:dev` runs it from source. Refuses to start,
 * naming each variable at fault, when the configuration is incomplete or contradictory, or when
 * REDIS_URL is set but Redis does not answer.
 * Logs one JSON line per request to stdout; no line ever holds a token or a secret.
 */
import { startNodeProxy } from './node-server.js';

await startNodeProxy();
