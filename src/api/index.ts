/** The data layer, usable without any element (no DOM): client, token providers, store, rules, schemas. */
export * from './errors.js';
export * from './client.js';
export * from './token-provider.js';
export * from './store.js';
export * from './cache.js';
export * from './resources.js';
export * from './rules.js';
export * from './schemas/resources.js';
export * from './schemas/envelope.js';
export { parseOmneoTimestamp, type CurrencyInfo, type DroppedItem } from './schemas/primitives.js';
export * from './mutations.js';
