/**
 * BigCommerce shopper identity for the token-exchange proxy, from BigCommerce's Current Customer API.
 *
 * On the storefront, `GET /customer/current.jwt?app_client_id=<id>` (same origin, the shopper's own session)
 * answers a JWT naming the signed-in customer, signed HS256 with the client secret of that app; a guest gets
 * no JWT. The Script Manager snippet (script-manager.html) sends it to the proxy as
 * `Authorization: Bearer <jwt>`, and this verifier checks it in the proxy's custom `verify(request)` hook:
 *
 *   identity: [currentCustomerAdapter({ clientId, clientSecret, storeHash, idHandle: 'bigcommerce' })]
 *   (= customAdapter({ name: 'bigcommerce-current-customer', verify: currentCustomerVerifier({...}) }))
 *
 * Checked: the HS256 signature with the client secret (WebCrypto's constant-time HMAC verify, so it runs on
 * Node, serverless and edge runtimes alike), `aud` (and `application_id`) = the app's client id, `store_hash`
 * and `sub` = the store's hash, `exp` not passed, `iat` not in the future, a bounded lifetime, a numeric
 * `customer.id`, `iss` "bc/apps" and `operation` "current_customer". A JWT names a 15-minute life; the proxy
 * accepts it only for 2 minutes after `iat` (plus the minute of clock skew), since the snippet asks BigCommerce
 * for a fresh one each time the widgets need a token. The proxy never logs a JWT.
 *
 * The store hash is required. The signature proves only which app the JWT is for, not which store issued it:
 * BigCommerce signs a Current Customer JWT for any store that asks with an app's client id, and that id is
 * public (it is in the storefront snippet) and usable without installing the app. Anyone can open a trial
 * store, create customers until one has the id they want (ids are small integers) and fetch that customer's
 * JWT with your client id; only the store hash tells it from your shopper's.
 */
import { customAdapter, type CustomVerifyAnswer } from './custom.js';
import { base64UrlDecodeBytes, base64UrlDecodeJsonObject, hmacSigningSecret } from './encoding.js';
import type { IdentityAdapter, SigningSecret } from './types.js';

export interface CurrentCustomerOptions {
  /** The app's client id (Developer Portal → your app → client id): the `app_client_id` the storefront sends. */
  clientId: string;
  /** The same app's client secret: the JWT's HMAC key. From your secret store, never in the storefront. */
  clientSecret: string;
  /**
   * While rotating: the client secret BigCommerce signed with before `clientSecret`. A JWT it signed is accepted
   * too (the current secret is tried first), and the log line says `secret: "previous"`; remove it once none is logged.
   */
  previousClientSecret?: string;
  /**
   * Required: the one store whose shoppers this proxy mints for (`store_hash`, e.g. `abc123`, from the store's
   * API path `/stores/abc123/`). One store only: customer ids are per store, so another store's customer 4927
   * would be minted for as yours under the same identity handle.
   */
  storeHash: string;
  /** Omneo identity handle the customer ids are stored under (e.g. `bigcommerce`); default: the proxy's `OMNEO_ID_HANDLE`. */
  idHandle?: string;
  /** Longest `exp − iat` accepted, seconds. BigCommerce issues 15-minute JWTs; default 900. */
  maxLifetimeSeconds?: number;
  /**
   * How long after BigCommerce issued it (`iat`) a JWT is accepted, seconds, on top of the clock skew; default
   * 120. The snippet asks the store for a fresh JWT before every token request, so an older one is a replay: a
   * captured JWT is then good for about 3 minutes instead of its 15 (and the skew).
   */
  maxAgeSeconds?: number;
  /** Clock difference tolerated between BigCommerce and the proxy, seconds; default 60. */
  clockSkewSeconds?: number;
  /** Clock in ms; default Date.now. */
  now?: () => number;
}

/** Why a JWT was refused: for the proxy's log only (the browser always gets the same 401). */
export type CurrentCustomerRefusal =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'bad-signature'
  | 'wrong-app'
  | 'wrong-store'
  | 'wrong-token-kind'
  | 'expired'
  | 'not-yet-valid'
  | 'lifetime-too-long'
  | 'too-old'
  | 'no-customer';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_JWT_LENGTH = 4096;
/** A BigCommerce store hash: letters and digits (`abc123` in `https://api.bigcommerce.com/stores/abc123/`). */
export const STORE_HASH = /^[A-Za-z0-9]{1,64}$/;

const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * BigCommerce customer ids are positive integers (a number in the JWT; a numeric string is accepted too).
 * Anything else is refused rather than minted for.
 */
function customerIdOf(payload: Record<string, unknown>): string | null {
  const customer = payload.customer;
  if (!customer || typeof customer !== 'object') return null;
  const id = (customer as Record<string, unknown>).id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^[1-9][0-9]{0,18}$/.test(id)) return id;
  return null;
}

/**
 * Reads and checks a Current Customer JWT. Answers the customer id, or why the JWT is refused.
 * Exported for tests and for back ends that receive the JWT some other way than the proxy's token route.
 */
export async function verifyCurrentCustomerJwt(
  jwt: string,
  options: CurrentCustomerOptions,
): Promise<{ customerId: string; secret: SigningSecret } | { refuse: CurrentCustomerRefusal }> {
  if (jwt.length > MAX_JWT_LENGTH || !JWT_SHAPE.test(jwt)) return { refuse: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = jwt.split('.') as [string, string, string];
  const header = base64UrlDecodeJsonObject(headerPart);
  if (!header) return { refuse: 'malformed' };
  // Only the algorithm BigCommerce signs with: never `none`, never a public-key algorithm keyed with the secret.
  if (header.alg !== 'HS256') return { refuse: 'unsupported-algorithm' };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64UrlDecodeBytes(signaturePart);
  } catch {
    return { refuse: 'malformed' };
  }
  // The current secret first; the previous one only while a rotation is under way.
  const secret = await hmacSigningSecret({ secret: options.clientSecret, previousSecret: options.previousClientSecret }, `${headerPart}.${payloadPart}`, signature);
  if (!secret) return { refuse: 'bad-signature' };

  const payload = base64UrlDecodeJsonObject(payloadPart);
  if (!payload) return { refuse: 'malformed' };
  // The secret already binds the JWT to the app; the audience says so explicitly, and catches a secret shared
  // between two apps by mistake.
  // To confirm against a real store: BigCommerce's text says `aud` "should match the App Client ID and the
  // application_id", but its own example payload shows two different values (…tfx3j5gsopm42ss5dd67g2srvq and
  // …tasdgr2b5hs5dd67g2srvq). If real JWTs differ the same way, the application_id check refuses every shopper
  // (`wrong-app` in the log): drop it then, and keep the aud check.
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audience.includes(options.clientId)) return { refuse: 'wrong-app' };
  if (payload.application_id !== undefined && payload.application_id !== options.clientId) return { refuse: 'wrong-app' };
  // Other BigCommerce JWTs signed with the same secret (app load, uninstall) are not a shopper's session.
  // BigCommerce always sends both claims, so a JWT without them is not a Current Customer JWT either.
  if (payload.iss !== 'bc/apps' || payload.operation !== 'current_customer') return { refuse: 'wrong-token-kind' };

  // Any store can get a JWT signed with this app's secret (see the top of this file): only these bind it to ours.
  // BigCommerce sends both (`sub` is "the same as store_hash").
  if (!options.storeHash || payload.store_hash !== options.storeHash || payload.sub !== options.storeHash) return { refuse: 'wrong-store' };

  const nowSeconds = (options.now ?? Date.now)() / 1000;
  const skew = options.clockSkewSeconds ?? 60;
  const { exp, iat } = payload;
  if (!isSeconds(exp) || !isSeconds(iat)) return { refuse: 'malformed' };
  if (exp <= nowSeconds - skew) return { refuse: 'expired' };
  if (iat > nowSeconds + skew) return { refuse: 'not-yet-valid' };
  // A fresh JWT comes with every token request (the snippet asks the store each time), so a JWT issued more
  // than a couple of minutes ago is a captured one, replayed, however long before its `exp`.
  if (nowSeconds - iat > (options.maxAgeSeconds ?? 120) + skew) return { refuse: 'too-old' };
  if (exp - iat > (options.maxLifetimeSeconds ?? 900)) return { refuse: 'lifetime-too-long' };

  const customerId = customerIdOf(payload);
  return customerId ? { customerId, secret } : { refuse: 'no-customer' };
}

/**
 * The proxy's custom `verify(request)` for BigCommerce: reads `Authorization: Bearer <Current Customer JWT>`.
 * No such header: `null` (nobody claimed a session; the proxy answers 401 and the widget shows the guest
 * state). A JWT that fails any check: `{refuse}` (also a 401 to the browser, with the reason in the log).
 */
export function currentCustomerVerifier(options: CurrentCustomerOptions): (request: Request) => Promise<CustomVerifyAnswer> {
  if (!options.clientId || !options.clientSecret) throw new TypeError('currentCustomerVerifier needs the app\'s clientId and clientSecret');
  if (typeof options.storeHash !== 'string' || !STORE_HASH.test(options.storeHash)) {
    throw new TypeError(
      'currentCustomerVerifier needs the storeHash of your store (letters and digits, as in /stores/abc123/): without it a JWT from any store, signed for your app, would pass',
    );
  }
  return async (request) => {
    const authorization = request.headers.get('authorization');
    if (authorization === null) return null;
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
    if (!match) return { refuse: 'malformed' };
    const result = await verifyCurrentCustomerJwt(match[1]!, options);
    if ('refuse' in result) return result;
    return { customerId: result.customerId, ...(options.idHandle ? { idHandle: options.idHandle } : {}), secret: result.secret };
  };
}

/** The verifier as the proxy's identity adapter (`identity: [currentCustomerAdapter({...})]`). */
export function currentCustomerAdapter(options: CurrentCustomerOptions): IdentityAdapter {
  return customAdapter({ name: 'bigcommerce-current-customer', verify: currentCustomerVerifier(options) });
}
