/**
 * Developer diagnostics of the API base and the tiers endpoint: console lines that only a page set up wrong ever
 * prints. The base element imports this module on demand, at a failed load, so a page set up right never downloads
 * their text. The token endpoint's are in src/api/diagnostics.ts.
 */
import { OmneoHttpError, OmneoParseError, type OmneoError } from '../api/errors.js';
import { firstTime, type ResolvedConfig } from './config.js';


/**
 * An answer no Retry will mend (a 4xx, a body that is not the API's) usually means a URL is set up wrong: the admin
 * API's base for the ID API's, a base without `/id/api/v1`, a tiers endpoint that is a storefront page. The elements
 * show their error state and the browser logs at most a status: name the setting, once per API base or tiers URL,
 * not per element or resource. The token endpoint's answers are judged in src/api/diagnostics.ts.
 */
export function logSetupError(error: OmneoError, config: ResolvedConfig | null): void {
  if (!config || !(error instanceof OmneoParseError || (error instanceof OmneoHttpError && error.status < 500 && !error.retryable))) return;
  // API paths are relative to the base; the tiers endpoint and the token endpoint are absolute URLs.
  const api = !error.path.includes('//');
  if (!api && error.path !== new URL(config.tiersEndpoint ?? '', location.href).href) return;
  const key = api ? config.apiBase : error.path;
  if (!firstTime(`setup ${key}`)) return;
  // The tiers endpoint is the storefront's (the proxy's route, an app proxy path), not Omneo: the error's wording,
  // "Omneo answered 404 for …", would send the developer to Omneo.
  const what = api || !(error instanceof OmneoHttpError) ? error.message.replace(/\.$/, '') : `${key} answered ${error.status}`;
  console.error(
    `omneo-widgets: ${what}. ${api ? `If every request fails so, check api-base (${key}): Omneo's ID API is https://api.<tenant>.getomneo.com/id/api/v1` : 'Check tiers-endpoint'}${
      // Refused with a token just minted: most often one minted for another tenant than api-base names.
      api && error instanceof OmneoHttpError && error.status === 401 ? ", and that the token endpoint mints for that tenant" : ''
    }.`,
  );
}

/**
 * Elements on the page that use one token endpoint read different customer hints, still a second after a change
 * (runtime.ts). The ids are left out of the line: a console is shared in screenshots and support tickets, and what
 * the developer needs is which kind of disagreement it is.
 */
export function warnMixedCustomerHints(hints: ReadonlySet<string>, last: string): void {
  // The kind that matters most: a signed-out hint beside a customer's.
  const kinds = hints.has('') ? `one says signed out (customer="") and another names a customer` : 'they name two different customers';
  console.warn(
    `omneo-widgets: elements on this page give different customer hints for one token endpoint: ${kinds}. The last one read wins (${
      last === '' ? "signed out: every element shows its guest state, and the shopper's other tabs are signed out too" : 'a customer'
    }), and each change drops the cached data (a change to a customer asks for a new token). Give customer in one place: the omneo-config block, or the <omneo-rewards> hub.`,
  );
}
