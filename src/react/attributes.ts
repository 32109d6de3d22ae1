/**
 * The wrappers' props that are rendered as attributes on the server, and under which names: every element's
 * attribute-backed properties (its configuration, `heading-level`, and its own), written without the element
 * classes so that the edge variant (server.ts) can render the tags where Lit cannot load.
 * test/server/react-ssr.test.ts checks them against the classes' declared properties.
 */
import { CONFIG_ATTRIBUTES, textOf } from '../core/config.js';

const common: Readonly<Record<string, string>> = { ...CONFIG_ATTRIBUTES, headingLevel: 'heading-level' };

/** Tag → prop → attribute. */
export const WRAPPED_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'omneo-points-balance': { ...common, variant: 'variant' },
  'omneo-tier-progress': common,
  'omneo-reward-wallet': { ...common, filter: 'filter' },
  'omneo-wishlist': { ...common, pageSize: 'page-size' },
  'omneo-wishlist-button': { ...common, sku: 'sku', productName: 'product-name' },
  'omneo-rewards': common,
};

/**
 * A prop's value as an attribute's: text, and finite numbers as their digits, as the elements read a property
 * (`textOf`: never "NaN" in the server's HTML, which the browser's element would not read); `true` as present;
 * anything else, none.
 */
export const asAttribute = (value: unknown): string | undefined => (value === true ? '' : textOf(value));
