/**
 * Developer diagnostics of the token endpoint: console lines that only a page set up wrong, or refused by its proxy,
 * ever prints. token-provider.ts imports this module on demand when it has something to say, so a page set up right
 * never downloads their text (about 650 B gzip on the header-badge page). Each is said once per endpoint per page.
 */
import { OmneoHttpError, OmneoParseError } from './errors.js';

/** True the first time this page says `key`: each line is said once per endpoint, however many elements ask. */
const said = new Set<string>();
const firstTime = (key: string): boolean => !said.has(key) && !!said.add(key);

/**
 * A 403 is a guest by the embed contract, but it is also what a proxy answers a page whose origin is not on its
 * allowlist (a custom or Markets domain, a host behind a load balancer): then every signed-in shopper silently
 * looks signed out. Say so to the developer, once per endpoint per page, with the proxy's reason when it gives one.
 */
export async function warnRefusedOnce(endpoint: string, response: Response): Promise<void> {
  if (!firstTime(`refused ${endpoint}`)) return;
  let reason = '';
  try {
    const body = (await response.json()) as { message?: unknown } | null;
    if (typeof body?.message === 'string') reason = ` ("${body.message.slice(0, 200)}")`;
  } catch {
    // No JSON reason: the status says enough.
  }
  console.warn(
    `omneo-widgets: the token endpoint ${endpoint} answered 403${reason}, so the widgets show the guest state. ` +
      "If this shopper is signed in, the proxy is refusing this page: add the page's origin to the proxy's " +
      'ALLOWED_ORIGINS (custom and Markets domains too), or check its identity adapter.',
  );
}

/**
 * An answer that no retry will mend means the endpoint is set up wrong: a path that is not the proxy (a Shopify
 * app proxy not set up answers the storefront's 404 page, often with status 200), a redirect to a login page,
 * another server's JSON. The elements show their error state, which says nothing to the developer and the
 * browser logs nothing for a 200: say it once per endpoint, with what the contract expects.
 */
export function reportMisconfiguredOnce(endpoint: string, error: unknown, response: Response | null): void {
  const problem =
    typeof error === 'string'
      ? error
      : error instanceof OmneoParseError
        ? error.field === 'body'
          ? `answered ${response?.headers.get('Content-Type')?.split(';')[0] || 'something'}, not JSON`
          : `answered no token (${error.field}: ${error.detail})`
        : error instanceof OmneoHttpError && error.status < 500 && !error.retryable && `answered ${error.status}`;
  if (!problem || !firstTime(`misconfigured ${endpoint}`)) return;
  console.error(
    `omneo-widgets: the token endpoint ${endpoint} ${problem}${response?.redirected ? ` after a redirect to ${response.url.split('?')[0]}` : ''}. ` +
      'It must answer POST with JSON {"token": JWT, "exp": unix seconds}, or 401 for a guest: check its URL (on Shopify, the app proxy path).',
  );
}

/**
 * A token already expired by the endpoint's own clock (its Date header): a lifetime sent as `exp` (`"exp": 900`, as
 * OAuth's `expires_in`) or a token cached too long. It is renewed on every call, or refused by Omneo: say why.
 */
export function reportExpiredOnArrival(endpoint: string, exp: number, serverNow: number, response: Response): void {
  reportMisconfiguredOnce(endpoint, `answered a token already expired by its own clock (exp ${exp}, Date ${serverNow})`, response);
}
