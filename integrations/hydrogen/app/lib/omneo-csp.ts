// app/lib/omneo-csp.ts — what the widgets add to Hydrogen's Content-Security-Policy, passed to
// createContentSecurityPolicy in app/entry.server.tsx:
//
//   const {nonce, header, NonceProvider} = createContentSecurityPolicy({
//     shop: { checkoutDomain: context.env.PUBLIC_CHECKOUT_DOMAIN, storeDomain: context.env.PUBLIC_STORE_DOMAIN },
//     ...omneoCspDirectives(OMNEO_TENANT, ['https://images.example-retailer.com']),
//   });
//
// A policy with a connectSrc or imgSrc of its own passes them as the third argument rather than beside the spread:
// an object keeps only the last list written under a key, so either the widgets' hosts or yours would be dropped.
//
//     ...omneoCspDirectives(OMNEO_TENANT, ['https://images.example-retailer.com'], {
//       connectSrc: ['https://analytics.example.com'],
//     }),

/**
 * `connectSrc`: Omneo's ID API (the token route is same-origin, already allowed by `'self'`); Hydrogen adds its
 * own defaults to this list. `imgSrc`: Hydrogen has no default for it, so a list given here replaces the
 * `default-src` fallback for images: it repeats `'self'` and Shopify's CDN (your product images), then Omneo's
 * API host (the widgets resolve a relative image path Omneo sends against the API base) and the hosts of your
 * reward and wishlist images. Scripts and styles need nothing: the wrappers are bundled into your app (`'self'`,
 * Oxygen's cdn.shopify.com), and Hydrogen's `style-src` has `'unsafe-inline'` for Safari 15.4–16.3.
 */
export function omneoCspDirectives(
  tenant: string,
  imageHosts: string[] = [],
  yours: { connectSrc?: string[]; imgSrc?: string[] } = {},
): { connectSrc: string[]; imgSrc: string[] } {
  const api = `https://api.${tenant}.getomneo.com`;
  const merged = (...sources: string[][]) => [...new Set(sources.flat())];
  return {
    connectSrc: merged(yours.connectSrc ?? [], [api]),
    imgSrc: merged(yours.imgSrc ?? [], ["'self'", 'https://cdn.shopify.com', api, ...imageHosts]),
  };
}
