import { currentCustomerAdapter, STORE_HASH } from './bigcommerce.js';
import { signedAssertionAdapter } from './assertion.js';
import { normaliseShopDomain, shopifyAppProxyAdapter } from './shopify.js';
import type { IdentityAdapter, PassThroughExtra, ProxyConfig, RateLimits } from './types.js';

/**
 * Configuration from the environment, checked before the proxy starts. Every mistake is reported
 * at once, each naming its variable and never echoing a secret's value.
 */

export interface EnvProblem {
  variable: string;
  message: string;
}

export class ProxyEnvError extends Error {
  /** The variables at fault, in the order reported. */
  readonly variables: string[];
  constructor(readonly problems: EnvProblem[]) {
    super(`Refusing to start:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ProxyEnvError';
    this.variables = problems.map((p) => p.variable);
  }
}

/**
 * Every variable the proxy's configuration reads, for the README's configuration table and the start-up check (not
 * HOST: only the Node entry reads it, for its listening address, and the README's table lists it beside PORT).
 */
export const ENV_VARIABLES = [
  'OMNEO_TENANT',
  'OMNEO_ID_API',
  'OMNEO_ADMIN_API',
  'OMNEO_ADMIN_TOKEN',
  'OMNEO_ID_HANDLE',
  'SHOPIFY_API_SECRET',
  'SHOPIFY_API_SECRET_PREVIOUS',
  'SHOPIFY_SHOPS',
  'OMNEO_ASSERTION_SECRET',
  'OMNEO_ASSERTION_SECRET_PREVIOUS',
  'OMNEO_ASSERTION_COOKIE',
  'OMNEO_ASSERTION_MAX_AGE',
  'BIGCOMMERCE_CLIENT_ID',
  'BIGCOMMERCE_CLIENT_SECRET',
  'BIGCOMMERCE_CLIENT_SECRET_PREVIOUS',
  'BIGCOMMERCE_STORE_HASH',
  'ALLOWED_ORIGINS',
  'OMNEO_PASS_THROUGH',
  'OMNEO_PASS_THROUGH_EXTRAS',
  'OMNEO_TOKEN_CACHE',
  'TIERS_CACHE_SECONDS',
  'RATE_LIMIT_PER_IP',
  'RATE_LIMIT_TOKEN_PER_CUSTOMER',
  'RATE_LIMIT_API_PER_CUSTOMER',
  'TRUSTED_PROXY_HOPS',
  'REDIS_URL',
  'PORT',
  'KEEP_ALIVE_TIMEOUT_SECONDS',
  'SHUTDOWN_DRAIN_SECONDS',
] as const;

export type ProxyEnv = Partial<Record<(typeof ENV_VARIABLES)[number], string>> & Record<string, string | undefined>;

export interface EnvConfig extends ProxyConfig {
  port: number;
  /** How long the Node entry keeps an idle connection open: longer than the load balancer in front keeps its own. */
  keepAliveTimeoutSeconds: number;
  /** After SIGTERM, how long the Node entry keeps accepting requests (with /readyz 503) before it stops listening. */
  shutdownDrainSeconds: number;
  /** Likely typos: variables with our prefixes that the proxy does not read. Printed at start-up. */
  warnings: string[];
  /** Set when REDIS_URL is: the Node entry builds the shared store from it. */
  redisUrl?: string;
}

const TENANT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ID_HANDLE = /^[A-Za-z0-9_.-]{1,64}$/;
const EXTRAS: readonly PassThroughExtra[] = ['balance-redeem', 'profile-update', 'profile-delete'];
const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** The tenant an Omneo host names: `api.{tenant}.getomneo.com`, or `{tenant}.omneoapp.com` (older tenants' admin API). */
function tenantOfHost(hostname: string): string | undefined {
  return /^api\.([a-z0-9-]+)\.getomneo\.com$/.exec(hostname)?.[1] ?? /^([a-z0-9-]+)\.omneoapp\.com$/.exec(hostname)?.[1];
}

export function proxyConfigFromEnv(env: ProxyEnv, extra: Partial<ProxyConfig> = {}): EnvConfig {
  const problems: EnvProblem[] = [];
  const problem = (variable: string, message: string) => problems.push({ variable, message });
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  function httpsUrl(name: string, value: string): string | undefined {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      problem(name, 'is not a URL.');
      return undefined;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      problem(name, 'must use https (plain http only on localhost).');
      return undefined;
    }
    if (url.search || url.hash || url.username || url.password) {
      problem(name, 'must be a base URL without credentials, query or fragment.');
      return undefined;
    }
    return value.replace(/\/+$/, '');
  }

  function count(name: string, fallback: number, max = 1_000_000): number {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) > max) {
      problem(name, `must be a whole number from 0 to ${max}.`);
      return fallback;
    }
    return Number(raw);
  }

  function onOff(name: string, fallback: boolean): boolean {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    problem(name, 'must be on or off.');
    return fallback;
  }

  // ── Omneo ────────────────────────────────────────────────────────────────────────────────
  const tenant = read('OMNEO_TENANT');
  if (tenant !== undefined && !TENANT.test(tenant)) problem('OMNEO_TENANT', 'must be the tenant slug, e.g. "acme" for api.acme.getomneo.com.');
  const validTenant = tenant !== undefined && TENANT.test(tenant) ? tenant : undefined;

  // One tenant, named three ways: minting for one tenant while reading another's tier ladder (or sending
  // the admin token to a host the ID API does not share) is a configuration mistake, not a choice.
  let idApiBase: string | undefined;
  const idApi = read('OMNEO_ID_API');
  if (idApi !== undefined) {
    idApiBase = httpsUrl('OMNEO_ID_API', idApi);
    const named = idApiBase ? tenantOfHost(new URL(idApiBase).hostname) : undefined;
    if (named && validTenant && named !== validTenant) {
      problem('OMNEO_ID_API', `names tenant "${named}" but OMNEO_TENANT is "${validTenant}": set one of them, or make them agree.`);
    }
  } else if (validTenant) {
    idApiBase = `https://api.${validTenant}.getomneo.com/id/api/v1`;
  } else if (tenant === undefined) {
    problem('OMNEO_ID_API', 'is not set (set it, or OMNEO_TENANT to derive it).');
  }

  let adminApiBase: string | undefined;
  const adminApi = read('OMNEO_ADMIN_API');
  // Derived beside an explicit ID API first (a gateway, a local mock), else from the tenant.
  const derivableFromIdApi = idApi !== undefined && idApiBase !== undefined && /\/id\/api\/v1$/.test(idApiBase);
  if (adminApi !== undefined) adminApiBase = httpsUrl('OMNEO_ADMIN_API', adminApi);
  else if (derivableFromIdApi) adminApiBase = idApiBase!.replace(/\/id\/api\/v1$/, '/api/v3');
  else if (validTenant) adminApiBase = `https://api.${validTenant}.getomneo.com/api/v3`;

  if (adminApiBase && idApiBase) {
    const { host: adminHost, hostname: adminHostname } = new URL(adminApiBase);
    const { host: idHost, hostname: idHostname } = new URL(idApiBase);
    const adminTenant = tenantOfHost(adminHostname);
    const idTenant = tenantOfHost(idHostname);
    const adminFrom = adminApi !== undefined ? '' : ' (from OMNEO_TENANT)';
    // A derived admin API repeats what its source said; only an explicit one can disagree on its own.
    if (adminApi !== undefined && adminTenant && validTenant && adminTenant !== validTenant) {
      problem('OMNEO_ADMIN_API', `names tenant "${adminTenant}" but OMNEO_TENANT is "${validTenant}": set one of them, or make them agree.`);
    } else if (adminTenant && idTenant && adminTenant !== idTenant) {
      problem('OMNEO_ADMIN_API', `names tenant "${adminTenant}" but OMNEO_ID_API names "${idTenant}": both must be the same tenant's.`);
    } else if (adminHost !== idHost && !(adminTenant && adminTenant === idTenant)) {
      // Different hosts are fine only as one tenant's two Omneo hosts (api.{t}.getomneo.com and {t}.omneoapp.com).
      problem('OMNEO_ADMIN_API', `is on host ${adminHost}${adminFrom} but OMNEO_ID_API is on ${idHost}: the admin token would go to a host the ID API does not share. Set OMNEO_ADMIN_API on the ID API's host.`);
    }
  }

  const adminToken = read('OMNEO_ADMIN_TOKEN');
  if (adminToken === undefined) problem('OMNEO_ADMIN_TOKEN', 'is not set (an Omneo admin API token, from your secret store).');
  else if (/\s/.test(adminToken)) problem('OMNEO_ADMIN_TOKEN', 'contains whitespace: paste the token alone, without "Bearer".');
  // A header value cannot carry a typographic quote (fetch throws before Omneo is asked: every mint "unreachable"), and
  // no token has quotes (docker's --env-file keeps them: every mint a 401).
  else if (/[^\x21-\x7e]|["'`]/.test(adminToken)) problem('OMNEO_ADMIN_TOKEN', 'contains a quote or a character outside printable ASCII: paste the token alone, without quotes.');

  const idHandle = read('OMNEO_ID_HANDLE');
  if (idHandle !== undefined && !ID_HANDLE.test(idHandle)) problem('OMNEO_ID_HANDLE', 'must be an identity handle such as "shopify" (letters, digits, _ . -).');

  // ── identity adapters (a custom entry may bring its own in `extra.identity`) ──────────────
  const identity: IdentityAdapter[] = [];
  const shopifySecret = read('SHOPIFY_API_SECRET');
  const assertionSecret = read('OMNEO_ASSERTION_SECRET');
  const shopsRaw = read('SHOPIFY_SHOPS');
  const shops = (shopsRaw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const extraOrigins: string[] = [];
  const SHOPIFY_SECRET_RULE = 'is too short to be a Shopify app client secret (32+ characters).';
  const ASSERTION_SECRET_RULE = 'must be at least 32 characters (e.g. `openssl rand -hex 32`).';

  // While a secret is rotated, the one being retired (`<name>_PREVIOUS`) is accepted beside the current one, so
  // that shoppers whose storefront still signs with it are not signed out (README: Rotating secrets). It stands
  // only beside its current secret, differs from it, and meets the same rules (`tooShort`: the current one's message
  // for a secret under 32 characters; BigCommerce's has no length rule).
  const previousSecrets: Array<{ variable: string; adapter: string; current: string }> = [];
  function previousOf(current: string, currentValue: string | undefined, adapter: string, tooShort?: string): string | undefined {
    const variable = `${current}_PREVIOUS`;
    const value = read(variable);
    if (value === undefined) return undefined;
    if (currentValue === undefined) {
      problem(variable, `is set but ${current} is not: a previous secret is accepted only beside the current one it is being replaced by.`);
      return undefined;
    }
    if (value === currentValue) {
      problem(variable, `is the same as ${current}: set it to the secret being retired, or unset it.`);
      return undefined;
    }
    if (tooShort && value.length < 32) {
      problem(variable, tooShort);
      return undefined;
    }
    previousSecrets.push({ variable, adapter, current });
    return value;
  }
  const shopifyPrevious = previousOf('SHOPIFY_API_SECRET', shopifySecret, 'shopify-app-proxy', SHOPIFY_SECRET_RULE);
  const assertionPrevious = previousOf('OMNEO_ASSERTION_SECRET', assertionSecret, 'signed-assertion', ASSERTION_SECRET_RULE);

  if (shopifySecret !== undefined) {
    if (shopifySecret.length < 32) problem('SHOPIFY_API_SECRET', SHOPIFY_SECRET_RULE);
    if (!shops.length) problem('SHOPIFY_SHOPS', 'is not set: list the *.myshopify.com domains this proxy serves (SHOPIFY_API_SECRET is set).');
    const normalised = shops.map(normaliseShopDomain);
    const bad = shops.filter((_, i) => normalised[i] === null);
    if (bad.length) problem('SHOPIFY_SHOPS', `must list *.myshopify.com domains; not one: ${bad.map((s) => JSON.stringify(s.slice(0, 80))).join(', ')}.`);
    if (shopifySecret.length >= 32 && shops.length && !bad.length) {
      identity.push(shopifyAppProxyAdapter({ secret: shopifySecret, ...(shopifyPrevious ? { previousSecret: shopifyPrevious } : {}), shops, idHandle: idHandle ?? 'shopify' }));
      // The storefront's own myshopify origin may call directly; custom domains go in ALLOWED_ORIGINS.
      for (const shop of normalised) extraOrigins.push(`https://${shop}`);
    }
  } else if (shopsRaw !== undefined) {
    problem('SHOPIFY_SHOPS', 'is set but SHOPIFY_API_SECRET is not: set both to turn on the Shopify app-proxy adapter, or neither.');
  }

  const cookieName = read('OMNEO_ASSERTION_COOKIE') ?? 'omneo_identity';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cookieName)) problem('OMNEO_ASSERTION_COOKIE', 'must be a cookie name (letters, digits, _ -).');
  const maxAge = count('OMNEO_ASSERTION_MAX_AGE', 300, 3600);
  if (assertionSecret !== undefined) {
    if (assertionSecret.length < 32) problem('OMNEO_ASSERTION_SECRET', ASSERTION_SECRET_RULE);
    else identity.push(signedAssertionAdapter({ secret: assertionSecret, ...(assertionPrevious ? { previousSecret: assertionPrevious } : {}), cookieName, maxAgeSeconds: maxAge }));
  } else if (read('OMNEO_ASSERTION_COOKIE') !== undefined || read('OMNEO_ASSERTION_MAX_AGE') !== undefined) {
    problem('OMNEO_ASSERTION_SECRET', 'is not set, but OMNEO_ASSERTION_COOKIE or OMNEO_ASSERTION_MAX_AGE is.');
  }

  // BigCommerce's Current Customer JWT (bigcommerce.ts). All three or none: the
  // store hash above all, since BigCommerce signs a JWT with this app's secret for any store that asks with its
  // public client id, and only the store hash tells your shoppers from a trial store's.
  const bigCommerce = { id: read('BIGCOMMERCE_CLIENT_ID'), secret: read('BIGCOMMERCE_CLIENT_SECRET'), store: read('BIGCOMMERCE_STORE_HASH') };
  const bigCommerceSet = Object.values(bigCommerce).some((value) => value !== undefined);
  const bigCommercePrevious = previousOf('BIGCOMMERCE_CLIENT_SECRET', bigCommerce.secret, 'bigcommerce-current-customer');
  if (bigCommerceSet) {
    const unless = 'the BigCommerce adapter needs all three BIGCOMMERCE_* variables';
    if (bigCommerce.id === undefined) problem('BIGCOMMERCE_CLIENT_ID', `is not set: the client id of the app the Script Manager snippet names (${unless}).`);
    if (bigCommerce.secret === undefined) problem('BIGCOMMERCE_CLIENT_SECRET', `is not set: that app's client secret, from your secret store (${unless}).`);
    if (bigCommerce.store === undefined) {
      problem(
        'BIGCOMMERCE_STORE_HASH',
        `is not set: your store's hash (abc123 in https://api.bigcommerce.com/stores/abc123/). Without it a Current Customer JWT from any BigCommerce store, signed for your app, would be accepted (${unless}).`,
      );
    } else if (!STORE_HASH.test(bigCommerce.store)) {
      problem('BIGCOMMERCE_STORE_HASH', 'must be one store hash, letters and digits only (abc123 in https://api.bigcommerce.com/stores/abc123/).');
    }
    if (bigCommerce.id && bigCommerce.secret && bigCommerce.store && STORE_HASH.test(bigCommerce.store)) {
      identity.push(
        currentCustomerAdapter({
          clientId: bigCommerce.id,
          clientSecret: bigCommerce.secret,
          ...(bigCommercePrevious ? { previousClientSecret: bigCommercePrevious } : {}),
          storeHash: bigCommerce.store,
          idHandle: idHandle ?? 'bigcommerce',
        }),
      );
    }
  }

  // One secret must not serve two signers, current or previous: whoever holds one signer's secret (a Shopify app's
  // collaborators, a storefront's back end) could otherwise sign as the other. The later variable is named.
  const signers: Array<Array<[string, string | undefined]>> = [
    [['SHOPIFY_API_SECRET', shopifySecret], ['SHOPIFY_API_SECRET_PREVIOUS', shopifyPrevious]],
    [['OMNEO_ASSERTION_SECRET', assertionSecret], ['OMNEO_ASSERTION_SECRET_PREVIOUS', assertionPrevious]],
    [['BIGCOMMERCE_CLIENT_SECRET', bigCommerce.secret], ['BIGCOMMERCE_CLIENT_SECRET_PREVIOUS', bigCommercePrevious]],
  ];
  signers.forEach((secrets, signer) => {
    for (const [variable, value] of secrets) {
      if (value === undefined) continue;
      const other = signers.slice(0, signer).flat().find(([, earlier]) => earlier === value);
      if (other) problem(variable, `must differ from ${other[0]}: one secret must not serve two signers.`);
    }
  });

  // Adapters that see the shopper's session on every request (pass-through needs one of them).
  const sessionAdapter = shopifySecret !== undefined || assertionSecret !== undefined || Boolean(extra.identity?.length);
  if (!sessionAdapter && shopsRaw === undefined && !bigCommerceSet) {
    problem('SHOPIFY_API_SECRET', 'no identity adapter is configured: set SHOPIFY_API_SECRET (+ SHOPIFY_SHOPS), OMNEO_ASSERTION_SECRET or the BIGCOMMERCE_* variables.');
  }

  // ── browsers ─────────────────────────────────────────────────────────────────────────────
  const allowedOrigins: string[] = [];
  for (const entry of (read('ALLOWED_ORIGINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (entry === '*' || entry === 'null') {
      problem('ALLOWED_ORIGINS', `must list exact origins; "${entry}" would let any site use a shopper's session.`);
      continue;
    }
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    if (!url || url.origin !== entry.replace(/\/$/, '') || url.pathname !== '/') {
      problem('ALLOWED_ORIGINS', `"${entry.slice(0, 100)}" is not an origin (scheme://host[:port], no path).`);
    } else if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
      problem('ALLOWED_ORIGINS', `"${entry}" must use https (plain http only on localhost).`);
    } else {
      allowedOrigins.push(url.origin);
    }
  }

  const passThroughOn = onOff('OMNEO_PASS_THROUGH', false);
  // Pass-through needs the shopper's session on every API call; a BigCommerce Current Customer JWT is sent only to
  // the token route (the widgets then call with the stand-in token, which the adapter reads as a forged JWT).
  if (passThroughOn && bigCommerceSet && !sessionAdapter) {
    problem('OMNEO_PASS_THROUGH', 'cannot work with the BigCommerce adapter alone: its JWT goes to the token route only, so every pass-through call would be refused. Turn pass-through off (the widgets call Omneo directly).');
  }
  const extrasRaw = read('OMNEO_PASS_THROUGH_EXTRAS');
  const extras: PassThroughExtra[] = [];
  for (const name of (extrasRaw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((EXTRAS as readonly string[]).includes(name)) extras.push(name as PassThroughExtra);
    else problem('OMNEO_PASS_THROUGH_EXTRAS', `"${name.slice(0, 40)}" is not one of ${EXTRAS.join(', ')}.`);
  }
  if (extrasRaw !== undefined && !passThroughOn) problem('OMNEO_PASS_THROUGH_EXTRAS', 'is set but OMNEO_PASS_THROUGH is off.');

  const rateLimits: RateLimits = {
    perIp: count('RATE_LIMIT_PER_IP', 300),
    tokenPerCustomer: count('RATE_LIMIT_TOKEN_PER_CUSTOMER', 30),
    apiPerCustomer: count('RATE_LIMIT_API_PER_CUSTOMER', 300),
  };
  const trustedProxyHops = count('TRUSTED_PROXY_HOPS', 0, 10);
  const tokenCache = onOff('OMNEO_TOKEN_CACHE', true);
  const tiersCacheSeconds = count('TIERS_CACHE_SECONDS', 3600, 86_400);

  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) problem('REDIS_URL', 'must be a redis:// or rediss:// URL.');
  // Else the Redis client's URL parser throws, and Node prints the error with its input: the password, in the log.
  else if (redisUrl !== undefined && !parses(redisUrl)) {
    problem('REDIS_URL', 'is not a valid URL: percent-encode the password\'s "/", "?" and "#" (as %2F, %3F, %23; a base64 key has "/").');
  }

  const portRaw = read('PORT');
  const port = portRaw === undefined ? 8787 : Number(portRaw);
  if (!/^[0-9]{1,5}$/.test(portRaw ?? '8787') || !Number.isInteger(port) || port <= 0 || port > 65535) problem('PORT', 'is not a port number (1–65535).');

  // Longer than the idle timeout of the balancer in front (AWS ALB and nginx 60 s; GCP's load balancers 600 s:
  // set 620 there), so the balancer always closes an idle connection first and never sends a request on one
  // this proxy is closing (an intermittent 502). Node's own default, 5 s, is shorter than all of them.
  const keepAliveRaw = read('KEEP_ALIVE_TIMEOUT_SECONDS');
  const keepAliveTimeoutSeconds = keepAliveRaw === undefined ? 65 : Number(keepAliveRaw);
  if (!/^[0-9]{1,4}$/.test(keepAliveRaw ?? '65') || keepAliveTimeoutSeconds < 1 || keepAliveTimeoutSeconds > 3600) {
    problem('KEEP_ALIVE_TIMEOUT_SECONDS', 'must be a whole number of seconds from 1 to 3600.');
  }

  // A load balancer (or Kubernetes' endpoints) goes on routing to an instance for a few seconds after it was
  // told to stop: listening on, with /readyz 503, until it has noticed, turns those requests into answers
  // instead of refused connections (502s).
  const shutdownDrainSeconds = count('SHUTDOWN_DRAIN_SECONDS', 5, 120);

  if (problems.length) throw new ProxyEnvError(problems);

  const known = new Set<string>(ENV_VARIABLES);
  const warnings = Object.keys(env)
    .filter((name) => /^(OMNEO_|SHOPIFY_|BIGCOMMERCE_|RATE_LIMIT_)/.test(name) && !known.has(name))
    .map((name) => `${name} is set but this proxy does not read it (a typo?).`);
  // Shopify's app proxy forwards every shopper's request from Shopify's own addresses, so a per-IP limit
  // left at its default pools the whole store into a few buckets. Warned, not refused: a test store is fine.
  if (shopifySecret !== undefined && read('RATE_LIMIT_PER_IP') === undefined) {
    warnings.push(
      `SHOPIFY_API_SECRET is set but RATE_LIMIT_PER_IP is left at its default (${rateLimits.perIp} a minute): every app-proxy request comes from Shopify's own addresses, ` +
        "so that limit pools all of the store's shoppers. Set RATE_LIMIT_PER_IP to the store's peak requests per minute (or 0 for off); " +
        'the per-customer limits and the signature check still apply.',
    );
  }
  // A previous secret is for the length of a rotation: said at every start, so that it is not left behind.
  for (const { variable, adapter, current } of previousSecrets) {
    warnings.push(
      `${variable} is set: what the previous secret signs is accepted beside ${current}'s, and logged with "secret":"previous" (adapter ${adapter}). ` +
        'It is for a rotation only: remove it once the logs show no "secret":"previous" for that adapter (README: Rotating secrets).',
    );
  }
  // A development origin left in a production list: warned, not refused (a staging proxy may want it).
  const idHostname = new URL(idApiBase!).hostname;
  const localOrigins = allowedOrigins.filter((origin) => isLoopback(new URL(origin).hostname));
  if (localOrigins.length && !isLoopback(idHostname)) {
    warnings.push(
      `ALLOWED_ORIGINS lists ${localOrigins.join(', ')} (local origin${localOrigins.length > 1 ? 's' : ''}) while this proxy mints for ${idHostname}: ` +
        `any page on a shopper's own machine could use her session; remove ${localOrigins.length > 1 ? 'them' : 'it'} in production.`,
    );
  }

  return {
    idApiBase: idApiBase!,
    ...(adminApiBase ? { adminApiBase } : {}),
    adminToken: adminToken!,
    identity,
    ...(idHandle ? { idHandle } : {}),
    allowedOrigins: [...new Set([...allowedOrigins, ...extraOrigins])],
    rateLimits,
    tokenCache,
    tiersCacheSeconds,
    trustedProxyHops,
    passThrough: passThroughOn ? { extras } : false,
    ...extra,
    port,
    keepAliveTimeoutSeconds,
    shutdownDrainSeconds,
    warnings,
    ...(redisUrl ? { redisUrl } : {}),
  };
}
