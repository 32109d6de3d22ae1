import { signedAssertionAdapter } from './assertion.js';
import type { ProxyConfig } from './types.js';

export const REQUIRED_ENV = ['OMNEO_ID_API', 'OMNEO_ADMIN_TOKEN', 'OMNEO_ASSERTION_SECRET'] as const;

export class ProxyEnvError extends Error {
  constructor(readonly missing: string[], message: string) {
    super(message);
    this.name = 'ProxyEnvError';
  }
}

/**
 * Builds the proxy config from environment variables; throws a ProxyEnvError naming every missing
 * or unusable variable (never echoing a value).
 */
export function proxyConfigFromEnv(env: Record<string, string | undefined>, extra: Partial<ProxyConfig> = {}): ProxyConfig & { port: number } {
  const missing = REQUIRED_ENV.filter((name) => !env[name]?.trim());
  if (missing.length) {
    throw new ProxyEnvError([...missing], `Refusing to start: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set.`);
  }
  const idApi = env.OMNEO_ID_API!.trim();
  let url: URL;
  try {
    url = new URL(idApi);
  } catch {
    throw new ProxyEnvError(['OMNEO_ID_API'], 'Refusing to start: OMNEO_ID_API is not a URL.');
  }
  if (url.protocol !== 'https:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') {
    throw new ProxyEnvError(['OMNEO_ID_API'], 'Refusing to start: OMNEO_ID_API must use https (except on localhost).');
  }
  const secret = env.OMNEO_ASSERTION_SECRET!;
  if (secret.length < 32) {
    throw new ProxyEnvError(['OMNEO_ASSERTION_SECRET'], 'Refusing to start: OMNEO_ASSERTION_SECRET must be at least 32 characters.');
  }
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ProxyEnvError(['PORT'], 'Refusing to start: PORT is not a port number.');
  return {
    idApiBase: idApi,
    adminToken: env.OMNEO_ADMIN_TOKEN!.trim(),
    identity: [signedAssertionAdapter({ secret })],
    ...(env.OMNEO_ID_HANDLE?.trim() ? { idHandle: env.OMNEO_ID_HANDLE.trim() } : {}),
    ...extra,
    port,
  };
}
