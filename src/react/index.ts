/**
 * React wrappers (`omneo-widgets/react`), made with @lit/react: typed props and `onOmneo…` event props.
 * Importing this module registers the wrapped elements, like the package's main entry.
 *
 * React 19 can render the custom elements directly too; the wrappers add prop types and event props.
 * Adding an element: its define import and one `createComponent` below.
 */
import { createComponent, type EventName } from '@lit/react';
import type { ReactiveElement } from 'lit';
import * as React from 'react';
import '../components/points-balance/define.js';
import '../components/reward-wallet/define.js';
import '../components/rewards/define.js';
import '../components/tier-progress/define.js';
import '../components/wishlist/define.js';
import '../components/wishlist-button/define.js';
import { OmneoPointsBalance } from '../components/points-balance/points-balance.js';
import { OmneoRewardWallet } from '../components/reward-wallet/reward-wallet.js';
import { OmneoRewards } from '../components/rewards/rewards.js';
import { OmneoTierProgress } from '../components/tier-progress/tier-progress.js';
import { OmneoWishlist } from '../components/wishlist/wishlist.js';
import { OmneoWishlistButton } from '../components/wishlist-button/wishlist-button.js';
import type { OmneoEventDetails } from '../core/events.js';

type OmneoEvent<K extends keyof OmneoEventDetails> = EventName<CustomEvent<OmneoEventDetails[K]>>;

/**
 * @lit/react sets element properties from props after mounting, so server-rendered HTML (Next.js, Remix)
 * would hold bare tags: the element would upgrade without its `sku`, `variant` or config and, for a badge,
 * fetch what only a card needs. Props that have an attribute are therefore also rendered as that attribute
 * (strings, numbers and `true`); on the client Lit reads the same value either way.
 */
function createOmneoComponent<I extends HTMLElement, E extends Record<string, EventName | string>>(
  options: Parameters<typeof createComponent<I, E>>[0],
): ReturnType<typeof createComponent<I, E>> {
  const Component = createComponent<I, E>(options);
  const elementClass = options.elementClass as unknown as typeof ReactiveElement;
  void elementClass.observedAttributes; // finalizes the class, which fills elementProperties
  const attributes = new Map<string, string>();
  for (const [name, declaration] of elementClass.elementProperties) {
    if (typeof name !== 'string' || declaration.state || declaration.attribute === false) continue;
    const attribute = typeof declaration.attribute === 'string' ? declaration.attribute : name.toLowerCase();
    // @lit/react keeps a prop named like an element property (`sku`, `variant`) for the property, so the
    // attribute goes under another spelling of the same name: HTML attribute names are ASCII
    // case-insensitive, and both the HTML parser and setAttribute store `Sku` as `sku`.
    attributes.set(name, attribute in elementClass.prototype ? attribute[0]!.toUpperCase() + attribute.slice(1) : attribute);
  }
  const WithAttributes = React.forwardRef<I, Record<string, unknown>>((props, ref) => {
    const mirrored: Record<string, string> = {};
    for (const [name, attribute] of attributes) {
      const value = props[name];
      if (typeof value === 'string' || typeof value === 'number') mirrored[attribute] = String(value);
      else if (value === true) mirrored[attribute] = '';
    }
    return React.createElement(Component as React.ElementType, { ...mirrored, ...props, ref });
  });
  WithAttributes.displayName = options.displayName;
  return WithAttributes as unknown as ReturnType<typeof createComponent<I, E>>;
}

/** The events every element may fire. */
const commonEvents = {
  onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
  onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
};

export const PointsBalance = createOmneoComponent({
  react: React,
  tagName: 'omneo-points-balance',
  elementClass: OmneoPointsBalance,
  events: commonEvents,
  displayName: 'PointsBalance',
});

export const TierProgress = createOmneoComponent({
  react: React,
  tagName: 'omneo-tier-progress',
  elementClass: OmneoTierProgress,
  events: commonEvents,
  displayName: 'TierProgress',
});

export const RewardWallet = createOmneoComponent({
  react: React,
  tagName: 'omneo-reward-wallet',
  elementClass: OmneoRewardWallet,
  events: { ...commonEvents, onOmneoBenefitRedeemed: 'omneo-benefit-redeemed' as OmneoEvent<'omneo-benefit-redeemed'> },
  displayName: 'RewardWallet',
});

export const Wishlist = createOmneoComponent({
  react: React,
  tagName: 'omneo-wishlist',
  elementClass: OmneoWishlist,
  events: {
    ...commonEvents,
    onOmneoAddToCart: 'omneo-add-to-cart' as OmneoEvent<'omneo-add-to-cart'>,
    onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'>,
  },
  displayName: 'Wishlist',
});

export const WishlistButton = createOmneoComponent({
  react: React,
  tagName: 'omneo-wishlist-button',
  elementClass: OmneoWishlistButton,
  events: { ...commonEvents, onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'> },
  displayName: 'WishlistButton',
});

/** The hub; its nested elements' events bubble through it. */
export const Rewards = createOmneoComponent({
  react: React,
  tagName: 'omneo-rewards',
  elementClass: OmneoRewards,
  events: {
    ...commonEvents,
    onOmneoBenefitRedeemed: 'omneo-benefit-redeemed' as OmneoEvent<'omneo-benefit-redeemed'>,
    onOmneoAddToCart: 'omneo-add-to-cart' as OmneoEvent<'omneo-add-to-cart'>,
    onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'>,
  },
  displayName: 'Rewards',
});

export { configure, type OmneoConfig } from '../core/config.js';
export { logout, refresh } from '../core/runtime.js';
