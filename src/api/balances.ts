/**
 * The balances resource (`GET /profiles/me/balances`), in a module of its own: it is all the header badge
 * reads, so the CDN build can ship it without the other resources, their schemas and pagination.
 * `resources.ts` re-exports it with the rest.
 */
import type { OmneoClient } from './client.js';
import { single } from './schemas/single.js';
import { Balances } from './schemas/balances.js';
import type { ResourceDefinition } from './store.js';

export const getBalances = (client: OmneoClient, signal?: AbortSignal) =>
  client.request('profiles/me/balances', single(Balances), { signal });

export const balancesResource: ResourceDefinition<Balances> = { key: 'balances', load: getBalances };
