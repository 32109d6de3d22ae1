export { createProxy } from './proxy.js';
export { signAssertion, signedAssertionAdapter, verifyAssertion, type SignedAssertionOptions } from './assertion.js';
export { proxyConfigFromEnv, ProxyEnvError, REQUIRED_ENV } from './env.js';
export type { IdentityAdapter, IdentityResult, ProxyConfig, ProxyLogEntry } from './types.js';
