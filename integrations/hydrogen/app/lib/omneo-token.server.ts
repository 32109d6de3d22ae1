/**
 * The token-exchange proxy inside a Hydrogen app: who is signed in comes from Hydrogen's Customer Account API
 * session, the admin token from Oxygen's environment variables. Server-only (`.server.ts`): never import it from
 * a component.
 *
 * The proxy is omneo-widgets' `server/proxy/` (with `server/shared/` and `src/core/text.ts`, which it imports),
 * copied into your app with their layout. The imports below are the repository's paths; in your app they are the
 * folder you copied them to, e.g. `../../omneo/server/proxy/fetch.js` with `omneo/server/` and `omneo/src/core/` at
 * your app's root. Add `hono` to your dependencies.
 */
import { fetchHandlerFromEnv, type FetchHandler } from '../../../../server/proxy/fetch.js';
import type { IdentityAdapter, IdentityResult } from '../../../../server/proxy/types.js';

/*
 * The parts of Hydrogen's route context this file uses, declared here instead of importing the types of
 * @shopify/hydrogen and react-router: Hydrogen's `context.customerAccount` and `context.env` fit them. Add the
 * OMNEO_ variables to the `Env` interface in your `env.d.ts` (OMNEO_ADMIN_TOKEN as a secret in Oxygen).
 */

/** What the token route reads from Hydrogen's Customer Account API client. */
export interface OmneoCustomerAccount {
  isLoggedIn(): Promise<boolean>;
  query(query: string): Promise<{ data?: { customer?: { id?: string | null } | null } | null; errors?: unknown }>;
}

/** The Oxygen environment variables the proxy reads (the rest of the proxy's settings keep their defaults). */
export interface OmneoEnv {
  /** Your tenant: `acme` for api.acme.getomneo.com. */
  OMNEO_TENANT?: string;
  /** Instead of the tenant: the ID API base (a gateway; the tests' mock Omneo). */
  OMNEO_ID_API?: string;
  /** An Omneo admin API token of a dedicated machine user: an Oxygen secret, never a PUBLIC_ variable. */
  OMNEO_ADMIN_TOKEN?: string;
  /** The identity handle your tenant keeps Shopify customer ids under; default `shopify`. */
  OMNEO_ID_HANDLE?: string;
  OMNEO_TOKEN_CACHE?: string;
  RATE_LIMIT_PER_IP?: string;
  RATE_LIMIT_TOKEN_PER_CUSTOMER?: string;
}

export interface OmneoRouteContext {
  env: OmneoEnv;
  customerAccount: OmneoCustomerAccount;
}

/** Shopify's id for the signed-in customer: `gid://shopify/Customer/123`. */
export const CUSTOMER_ID_QUERY = '#graphql\n  query OmneoCustomerId {\n    customer {\n      id\n    }\n  }\n';

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/([1-9][0-9]{0,19})$/;

/*
 * The adapter sees only the Request (the proxy's `verify(request)`), while the session lives on the route's
 * context. The proxy is built once per isolate (its token cache and rate limits then span requests), so each
 * request's customer account is found by the Request object itself, which the proxy passes through unchanged;
 * the entry goes with the request.
 */
const accounts = new WeakMap<Request, OmneoCustomerAccount>();

/**
 * Identity from Hydrogen's Customer Account API: `isLoggedIn()`, then the customer's id, minted with the
 * numeric id under the `shopify` identity handle (as the theme app extension's app proxy does). Signed out
 * answers `204`, as the app proxy does for a guest; the widgets show their guest state.
 */
export function customerAccountAdapter(idHandle = 'shopify'): IdentityAdapter {
  return {
    name: 'hydrogen-customer-account',
    async verify(request): Promise<IdentityResult> {
      const account = accounts.get(request);
      // Only omneoTokenResponse below calls the proxy; anything else is a wiring mistake (a 500, adapter-error).
      if (!account) throw new Error('no customer account for this request');
      if (!(await account.isLoggedIn())) return { signedOut: true };
      let answer: Awaited<ReturnType<OmneoCustomerAccount['query']>>;
      try {
        answer = await account.query(CUSTOMER_ID_QUERY);
      } catch (thrown) {
        // Hydrogen throws a redirect to the login page when the session ended between the two calls.
        if (thrown instanceof Response) return { signedOut: true };
        throw thrown;
      }
      const id = CUSTOMER_GID.exec(answer?.data?.customer?.id ?? '')?.[1];
      // No id from a session Hydrogen calls signed in: the Customer Account API failed; a 500, not a guest.
      if (!id) throw new Error('the Customer Account API answered no customer id');
      return { customerId: id, idHandle };
    },
  };
}

/** The variables passed to the proxy: Omneo's only, so another app's SHOPIFY_API_SECRET never turns on its app-proxy adapter. */
const READ: readonly (keyof OmneoEnv)[] = [
  'OMNEO_TENANT',
  'OMNEO_ID_API',
  'OMNEO_ADMIN_TOKEN',
  'OMNEO_ID_HANDLE',
  'OMNEO_TOKEN_CACHE',
  'RATE_LIMIT_PER_IP',
  'RATE_LIMIT_TOKEN_PER_CUSTOMER',
];

let built: { key: string; handler: FetchHandler } | undefined;

function proxyFor(env: OmneoEnv): FetchHandler {
  const picked = Object.fromEntries(READ.map((name) => [name, env[name]]));
  const key = JSON.stringify(picked);
  // Once per isolate: Oxygen gives the environment with each request only. A misconfiguration throws
  // ProxyEnvError, naming each variable at fault (never a value), and is tried again on the next request.
  if (built?.key !== key) {
    built = {
      key,
      handler: fetchHandlerFromEnv(picked, {
        identity: [customerAccountAdapter(picked.OMNEO_ID_HANDLE?.trim() || 'shopify')],
        // Oxygen sets the shopper's address in this header (Hydrogen's getBuyerIp reads it).
        clientIp: (request) => request.headers.get('oxygen-buyer-ip') ?? undefined,
      }),
    };
  }
  return built.handler;
}

/**
 * The proxy's answer to this request, as it is: `200 {token, exp}`, `204` when signed out, `403` for a
 * cross-site request, `429`, `502`, `503`. The route must be `/omneo/token` (the proxy's token path).
 */
export async function omneoTokenResponse(request: Request, context: OmneoRouteContext): Promise<Response> {
  const handler = proxyFor(context.env);
  accounts.set(request, context.customerAccount);
  try {
    return await handler(request);
  } finally {
    accounts.delete(request);
  }
}

/**
 * The root loader's `customer` hint: the numeric Shopify id, `""` when signed out (the widgets then show their
 * guest state at once, with no request), `undefined` when the Customer Account API did not say (no hint: the
 * widgets ask the token route). Never throws, so a Customer Account API failure never fails the page.
 */
export async function omneoCustomerHint(context: Pick<OmneoRouteContext, 'customerAccount'>): Promise<string | undefined> {
  try {
    if (!(await context.customerAccount.isLoggedIn())) return '';
    const answer = await context.customerAccount.query(CUSTOMER_ID_QUERY);
    return CUSTOMER_GID.exec(answer?.data?.customer?.id ?? '')?.[1];
  } catch {
    return undefined;
  }
}
