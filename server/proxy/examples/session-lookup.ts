/**
 * Worked example of a custom identity adapter (README, "Other platforms"): the storefront back end
 * (Salesforce Commerce Cloud controller, BigCommerce/Magento app route, a headless BFF) already
 * knows who owns a session cookie. The proxy forwards only that cookie, server to server, to a
 * small "who am I" endpoint the back end exposes, and believes the answer because it came from the
 * back end over TLS, never from the browser.
 *
 * The who-am-I endpoint must: read the session, answer `200 {"customerId": "<id>"}` for a
 * signed-in customer, `401` (or `{"customerId": null}`) for a guest, `403` when the call does not carry
 * the shared proxy key, and never accept an id as input.
 *
 * A `403` is not a guest: it means this proxy's key is missing, wrong or stale on the storefront's side,
 * and answering it as a guest would sign every shopper out with nothing in the logs. It is an adapter
 * failure (a 500 from the proxy) with a "proxy key refused" log line, which never holds the key.
 */
import { customAdapter, type CustomVerifyAnswer } from '../custom.js';
import { readCookie } from '../encoding.js';
import type { IdentityAdapter } from '../types.js';

export interface SessionLookupOptions {
  /** e.g. `https://www.example.com/on/demandware.store/Sites-Site/default/Loyalty-WhoAmI` */
  whoAmIUrl: string;
  /** The session cookies to forward (and only those), e.g. `['dwsid']` (SFCC), `['PHPSESSID']` (Magento). */
  cookieNames: string[];
  /** Omneo identity handle of the ids the endpoint returns, e.g. `sfcc`, `magento_id`. */
  idHandle?: string;
  /**
   * Required: the shared `X-Omneo-Proxy-Key` value proving the call comes from this proxy (SFCC: the
   * `omneoProxyKey` site preference). Missing or blank throws: an unset variable must stop the start-up.
   */
  proxyKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Where the "proxy key refused" line goes; default one JSON line on stderr. */
  logger?: (entry: Record<string, unknown>) => void;
}

const stderrJsonLine = (entry: Record<string, unknown>) => console.error(JSON.stringify({ time: new Date().toISOString(), ...entry }));

export function sessionLookupAdapter(options: SessionLookupOptions): IdentityAdapter {
  if (typeof options.proxyKey !== 'string' || !options.proxyKey.trim()) {
    throw new TypeError('sessionLookupAdapter: proxyKey is required (the who-am-I route refuses calls without it; e.g. proxyKey: process.env.WHOAMI_KEY, checked to be set)');
  }
  const proxyKey = options.proxyKey;
  const log = options.logger ?? stderrJsonLine;
  // Its own binding, not createProxy's: an identity adapter is built before (and apart from) the proxy and
  // makes its own calls, so copied on its own it must still suit Workers, whose fetch refuses any `this`
  // but the global one. Called plainly; the global is looked up per call.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  return customAdapter({
    name: 'session-lookup',
    async verify(request): Promise<CustomVerifyAnswer> {
      const header = request.headers.get('cookie');
      const cookies = options.cookieNames.flatMap((name) => {
        const value = readCookie(header, name);
        return value ? [`${name}=${value}`] : [];
      });
      if (!cookies.length) return null;
      const response = await fetchImpl(options.whoAmIUrl, {
        headers: {
          Cookie: cookies.join('; '),
          Accept: 'application/json',
          'X-Omneo-Proxy-Key': proxyKey,
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
      });
      if (response.status === 401) return null;
      if (response.status === 403) {
        log({
          event: 'omneo.session-lookup',
          outcome: 'proxy-key-refused',
          message: `proxy key refused: ${new URL(options.whoAmIUrl).origin} answered 403 to X-Omneo-Proxy-Key; set this proxy's key to the storefront's (SFCC: the omneoProxyKey site preference)`,
        });
        throw new Error('session-lookup: proxy key refused (who-am-I answered 403)');
      }
      // Anything else unexpected is an adapter failure (500 to the widget, logged), not a guest.
      if (!response.ok) throw new Error(`who-am-I answered ${response.status}`);
      const body = (await response.json()) as { customerId?: unknown };
      if (body.customerId === null || body.customerId === undefined || body.customerId === '') return null;
      return { customerId: String(body.customerId), ...(options.idHandle ? { idHandle: options.idHandle } : {}) };
    },
  });
}
