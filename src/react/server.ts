/**
 * `omneo-widgets/react` where Lit cannot load: server rendering on an edge runtime (Shopify's Oxygen, Cloudflare
 * Workers, Vercel's and Next.js's `edge`), whose bundlers pick Lit's browser build, whose classes extend an
 * `HTMLElement` those runtimes lack. package.json sends the `workerd`, `worker` and `edge-light` conditions here.
 *
 * Each wrapper renders what the browser wrappers (index.ts) render on the server: the tag, each prop that has an
 * attribute as that attribute (in lower case, as HTML spells it), the other props as React renders them on a custom
 * element; event props and other functions, nothing. In the browser, the app's bundle has index.ts, whose wrappers
 * hydrate this HTML and upgrade the elements with their configuration. The page functions do nothing here (diagnose()
 * rejects, saying it runs in the browser): the widgets' data and state live in the browser.
 */
import * as React from 'react';
import type * as Browser from './index.js';
import { asAttribute, WRAPPED_ATTRIBUTES } from './attributes.js';

function serverComponent<C>(tagName: string, displayName: string): C {
  const attributes = WRAPPED_ATTRIBUTES[tagName]!;
  const Component = React.forwardRef<HTMLElement, Record<string, unknown>>((props, ref) => {
    // In the browser wrappers' order: the props as given (those named like their attribute rendered as it), then the
    // attributes of the props spelled otherwise (`tokenEndpoint` → `token-endpoint`), in the elements' order.
    const rendered: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(props)) {
      const attribute = attributes[name];
      if (attribute === name) {
        const text = asAttribute(value);
        if (text !== undefined) rendered[name] = text;
      } else if (attribute === undefined && typeof value !== 'function') {
        rendered[name === 'className' ? 'class' : name] = value;
      }
    }
    for (const [name, attribute] of Object.entries(attributes)) {
      const text = attribute === name ? undefined : asAttribute(props[name]);
      if (text !== undefined) rendered[attribute] = text;
    }
    return React.createElement(tagName, { ...rendered, suppressHydrationWarning: true, ref });
  });
  Component.displayName = displayName;
  return Component as C;
}

export const PointsBalance = serverComponent<typeof Browser.PointsBalance>('omneo-points-balance', 'PointsBalance');
export const TierProgress = serverComponent<typeof Browser.TierProgress>('omneo-tier-progress', 'TierProgress');
export const RewardWallet = serverComponent<typeof Browser.RewardWallet>('omneo-reward-wallet', 'RewardWallet');
export const Wishlist = serverComponent<typeof Browser.Wishlist>('omneo-wishlist', 'Wishlist');
export const WishlistButton = serverComponent<typeof Browser.WishlistButton>('omneo-wishlist-button', 'WishlistButton');
export const Rewards = serverComponent<typeof Browser.Rewards>('omneo-rewards', 'Rewards');

// What a module shared by the server render and the browser calls at its top level must not throw here.
export const configure: typeof Browser.configure = () => undefined;
export const refresh: typeof Browser.refresh = () => Promise.resolve();
export const logout: typeof Browser.logout = () => undefined;
export const registerCatalogue: typeof Browser.registerCatalogue = () => Promise.resolve();
export const diagnose: typeof Browser.diagnose = () => Promise.reject(new Error('omneo-widgets: diagnose() runs in the browser, where the elements are.'));
export type { OmneoConfig, DiagnoseReport, Catalogue, Message, MessageKey, PluralForms, OmneoEventDetails, OmneoEventName } from './index.js';
