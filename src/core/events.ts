/** The public events (design.md "Events"): all prefixed `omneo-`, bubbling and composed, typed detail. */
import type { OmneoErrorKind } from '../api/errors.js';

export interface OmneoEventDetails {
  /** An element has shown loaded data for the first time. */
  'omneo-ready': { element: string };
  /**
   * An element could not load or act. `kind` is stable; a write cut short by a sign-out (`guest`) or by another
   * shopper signing in (`profile-changed`) is not a failure and is not reported. `message` is for developers, not
   * shoppers.
   */
  'omneo-error': { element: string; kind: OmneoErrorKind; status: number | null; message: string };
  'omneo-add-to-cart': { sku: string; variantId: string | null; quantity: number };
  'omneo-wishlist-change': { sku: string; inWishlist: boolean };
  'omneo-benefit-redeemed': { benefitId: string; redemptionId: string; code: string | null };
}

export type OmneoEventName = keyof OmneoEventDetails;

// On GlobalEventHandlersEventMap (which HTMLElementEventMap, Document's and Window's maps all extend), so that
// `document.addEventListener('omneo-add-to-cart', (event) => event.detail.sku)` type-checks, as the README shows.
declare global {
  interface GlobalEventHandlersEventMap {
    'omneo-ready': CustomEvent<OmneoEventDetails['omneo-ready']>;
    'omneo-error': CustomEvent<OmneoEventDetails['omneo-error']>;
    'omneo-add-to-cart': CustomEvent<OmneoEventDetails['omneo-add-to-cart']>;
    'omneo-wishlist-change': CustomEvent<OmneoEventDetails['omneo-wishlist-change']>;
    'omneo-benefit-redeemed': CustomEvent<OmneoEventDetails['omneo-benefit-redeemed']>;
  }
}
