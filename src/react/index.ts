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
import { asAttribute, WRAPPED_ATTRIBUTES } from './attributes.js';

type OmneoEvent<K extends keyof OmneoEventDetails> = EventName<CustomEvent<OmneoEventDetails[K]>>;

/**
 * @lit/react sets element properties from props after mounting, so server-rendered HTML (Next.js, Remix)
 * would hold bare tags: the element would upgrade without its `sku`, `variant` or config and, for a badge,
 * fetch what only a card needs. Props that have an attribute are therefore also rendered as that attribute
 * (strings, numbers and `true`); on the client Lit reads the same value either way.
 *
 * A prop named exactly like its attribute (`sku`, `variant`, `locale`, `tenant`) cannot be both: @lit/react
 * takes every prop that names an element property for the property and renders no attribute for it. Those
 * props are hidden from @lit/react (a prototype view without them) and rendered as the attribute, in lower
 * case as HTML spells it; React 19 then sets the property on the client, React 18 the attribute, and Lit
 * reads either. Props whose attribute is spelled otherwise (`tokenEndpoint` → `token-endpoint`) stay
 * properties and get the attribute beside them.
 */
function createOmneoComponent<I extends HTMLElement, E extends Record<string, EventName | string>>(
  options: Parameters<typeof createComponent<I, E>>[0],
): ReturnType<typeof createComponent<I, E>> {
  const elementClass = options.elementClass as unknown as typeof ReactiveElement;
  /** Prop → attribute, for the props that stay element properties. */
  const mirroredAttributes = new Map<string, string>();
  /** Props rendered only as their attribute, of the same name. */
  const attributeProps = new Set<string>();
  // The same table the edge variant (server.ts) renders from, checked against the classes' declarations.
  for (const [name, attribute] of Object.entries(WRAPPED_ATTRIBUTES[options.tagName]!)) {
    if (attribute === name) attributeProps.add(name);
    else mirroredAttributes.set(name, attribute);
  }
  const prototypeView = new Proxy(elementClass.prototype, {
    has: (target, key) => !(typeof key === 'string' && attributeProps.has(key)) && Reflect.has(target, key),
  });
  const Component = createComponent<I, E>({
    ...options,
    elementClass: { prototype: prototypeView, name: elementClass.name } as unknown as typeof options.elementClass,
  });
  const WithAttributes = React.forwardRef<I, Record<string, unknown>>((props, ref) => {
    const rendered: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(props)) {
      if (!attributeProps.has(name)) {
        rendered[name] = value;
        continue;
      }
      const attribute = asAttribute(value);
      if (attribute !== undefined) rendered[name] = attribute;
    }
    for (const [name, attribute] of mirroredAttributes) {
      const value = asAttribute(props[name]);
      if (value !== undefined) rendered[attribute] = value;
    }
    return React.createElement(Component as React.ElementType, { ...rendered, ref });
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
export { diagnose, type DiagnoseReport } from '../core/diagnose.js';
export { registerCatalogue } from '../localisation.js';
export type { Catalogue, Message, MessageKey, PluralForms } from '../core/i18n.js';
export type { OmneoEventDetails, OmneoEventName } from '../core/events.js';
