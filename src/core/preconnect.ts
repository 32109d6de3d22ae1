/**
 * Opens the connection to the ID API's origin while the token is on its way. On a first page the API is a new
 * origin for the browser: DNS, TCP and TLS (and, for the first call, a CORS preflight) stand between the token's
 * arrival and the data. Begun early, the setup overlaps the token request instead of following it.
 */
const connected = new Set<string>();

/**
 * A `<link rel="preconnect">` to `apiBase`'s origin, once per origin: not for the page's own origin nor the token
 * endpoint's (the token request has opened that one, with cookies). `crossorigin` (anonymous) because API calls
 * to another origin carry no cookies, and the browser keeps such connections apart from those that do.
 */
export function preconnect(apiBase: string, tokenEndpoint: string | null): void {
  let origin: string;
  try {
    origin = new URL(apiBase, location.href).origin;
    if (tokenEndpoint && origin === new URL(tokenEndpoint, location.href).origin) return;
  } catch {
    return; // a mistake the elements report
  }
  if (origin === location.origin || connected.has(origin) || !/^https?:/.test(origin)) return;
  connected.add(origin);
  const link = document.createElement('link');
  link.rel = 'preconnect';
  link.href = origin;
  link.crossOrigin = '';
  document.head.append(link);
}
