/**
 * React wrappers (`omneo-widgets/react`), made with @lit/react: typed props and `onOmneo…` event props.
 * Each wrapper registers its element when it first renders (the hub, its four too), so that an app's bundler keeps
 * only the elements of the wrappers the app imports. Importing the module starts the page listeners, as
 * registering an element does: `omneo-logout` is heard on a page that renders no wrapper (a sign-out page).
 *
 * React 19 can render the custom elements directly too; the wrappers add prop types and event props.
 * Adding an element: one `createOmneoComponent` below, marked pure so that bundlers drop it when unused.
 */
import { createComponent, type EventName } from '@lit/react';
import type { ReactiveElement } from 'lit';
import * as React from 'react';
import { OmneoPointsBalance } from '../components/points-balance/points-balance.js';
import { OmneoRewardWallet } from '../components/reward-wallet/reward-wallet.js';
import { OmneoRewards } from '../components/rewards/rewards.js';
import { OmneoTierProgress } from '../components/tier-progress/tier-progress.js';
import { OmneoWishlist } from '../components/wishlist/wishlist.js';
import { OmneoWishlistButton } from '../components/wishlist-button/wishlist-button.js';
import { installPageListeners } from '../core/runtime.js';
import type { OmneoEventDetails } from '../core/events.js';
import { asAttribute, WRAPPED_ATTRIBUTES } from './attributes.js';

type OmneoEvent<K extends keyof OmneoEventDetails> = EventName<CustomEvent<OmneoEventDetails[K]>>;

/**
 * Registers a wrapper's tag. The browser takes a class under one name only, and an app may have given it one of its
 * own first (`OmneoPointsBalance.define('acme-points')`, README): the `omneo-` name then gets a subclass, as the README
 * has apps do for a second name, rather than a NotSupportedError thrown in React's render, which unmounts the app.
 */
function define(elementClass: unknown, tag: string): void {
  const base = elementClass as typeof OmneoPointsBalance;
  try {
    base.define(tag);
  } catch {
    (class extends base {}).define(tag);
  }
}

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
  register = () => define(options.elementClass, options.tagName),
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
    // Before React creates the tag (or hydrates the server's): it upgrades with its attributes. Safe to repeat.
    register();
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

/**
 * The events every element may fire. Written out, not spread, in the other wrappers' events: bundlers keep a pure
 * call whose arguments spread an object (a getter could run), and with it the element it wraps.
 */
const commonEvents = {
  onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
  onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
};

installPageListeners();

export const PointsBalance = /* @__PURE__ */ createOmneoComponent({
  react: React,
  tagName: 'omneo-points-balance',
  elementClass: OmneoPointsBalance,
  events: commonEvents,
  displayName: 'PointsBalance',
});

export const TierProgress = /* @__PURE__ */ createOmneoComponent({
  react: React,
  tagName: 'omneo-tier-progress',
  elementClass: OmneoTierProgress,
  events: commonEvents,
  displayName: 'TierProgress',
});

export const RewardWallet = /* @__PURE__ */ createOmneoComponent({
  react: React,
  tagName: 'omneo-reward-wallet',
  elementClass: OmneoRewardWallet,
  events: {
    onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
    onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
    onOmneoBenefitRedeemed: 'omneo-benefit-redeemed' as OmneoEvent<'omneo-benefit-redeemed'>,
  },
  displayName: 'RewardWallet',
});

export const Wishlist = /* @__PURE__ */ createOmneoComponent({
  react: React,
  tagName: 'omneo-wishlist',
  elementClass: OmneoWishlist,
  events: {
    onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
    onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
    onOmneoAddToCart: 'omneo-add-to-cart' as OmneoEvent<'omneo-add-to-cart'>,
    onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'>,
  },
  displayName: 'Wishlist',
});

export const WishlistButton = /* @__PURE__ */ createOmneoComponent({
  react: React,
  tagName: 'omneo-wishlist-button',
  elementClass: OmneoWishlistButton,
  events: {
    onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
    onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
    onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'>,
  },
  displayName: 'WishlistButton',
});

/** The hub; its nested elements' events bubble through it. */
export const Rewards = /* @__PURE__ */ createOmneoComponent(
  {
    react: React,
    tagName: 'omneo-rewards',
    elementClass: OmneoRewards,
    events: {
      onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
      onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
      onOmneoBenefitRedeemed: 'omneo-benefit-redeemed' as OmneoEvent<'omneo-benefit-redeemed'>,
      onOmneoAddToCart: 'omneo-add-to-cart' as OmneoEvent<'omneo-add-to-cart'>,
      onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'>,
    },
    displayName: 'Rewards',
  },
  // As components/rewards/define.js: its default content is these four.
  () => {
    define(OmneoPointsBalance, 'omneo-points-balance');
    define(OmneoTierProgress, 'omneo-tier-progress');
    define(OmneoRewardWallet, 'omneo-reward-wallet');
    define(OmneoWishlist, 'omneo-wishlist');
    define(OmneoRewards, 'omneo-rewards');
  },
);

export { configure, type OmneoConfig } from '../core/config.js';
export { logout, refresh } from '../core/runtime.js';
export { diagnose, type DiagnoseReport } from '../core/diagnose.js';
export { registerCatalogue } from '../localisation.js';
export type { Catalogue, Message, MessageKey, PluralForms } from '../core/i18n.js';
export type { OmneoEventDetails, OmneoEventName } from '../core/events.js';
