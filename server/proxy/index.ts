export { createProxy, DEFAULT_RATE_LIMITS, MESSAGES } from './proxy.js';
export { createFetchHandler, fetchHandlerFromEnv, type FetchHandler } from './fetch.js';
export { signAssertion, signedAssertionAdapter, verifyAssertion, type SignedAssertionOptions } from './assertion.js';
export {
  shopifyAppProxyAdapter,
  shopifySignatureMessage,
  signShopifyProxyQuery,
  SHOPIFY_PROXY_PARAMS,
  type ShopifyAppProxyOptions,
} from './shopify.js';
export { currentCustomerAdapter, currentCustomerVerifier, verifyCurrentCustomerJwt, type CurrentCustomerOptions } from './bigcommerce.js';
export { customAdapter, isPlausibleCustomerId, type CustomAdapterOptions, type CustomVerifyAnswer } from './custom.js';
export { IP_COUNTER_PREFIX, memoryStore, type MemoryStoreOptions, type ProxyStore } from './store.js';
export { rateLimitSubject } from './client-ip.js';
export { PASS_THROUGH_RULES, checkPassThroughPath, checkPassThroughQuery } from './passthrough.js';
export { PUBLIC_TIER_FIELDS } from './tiers.js';
export { proxyConfigFromEnv, ProxyEnvError, ENV_VARIABLES, type EnvConfig, type EnvProblem, type ProxyEnv } from './env.js';
export type { IdentityAdapter, IdentityResult, PassThroughExtra, PassThroughOptions, ProxyConfig, ProxyLogEntry, RateLimits, SigningSecret } from './types.js';
