/**
 * React wrappers (`omneo-widgets/react`), made with @lit/react: typed props and `onOmneo…` event props.
 * Importing this module registers the wrapped elements, like the package's main entry.
 *
 * React 19 can render the custom elements directly too; the wrappers add prop types and event props.
 * Adding an element: its define import and one `createComponent` below.
 */
import { createComponent, type EventName } from '@lit/react';
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

/** The events every element may fire. */
const commonEvents = {
  onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
  onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
};

export const PointsBalance = createComponent({
  react: React,
  tagName: 'omneo-points-balance',
  elementClass: OmneoPointsBalance,
  events: commonEvents,
  displayName: 'PointsBalance',
});

export const TierProgress = createComponent({
  react: React,
  tagName: 'omneo-tier-progress',
  elementClass: OmneoTierProgress,
  events: commonEvents,
  displayName: 'TierProgress',
});

export const RewardWallet = createComponent({
  react: React,
  tagName: 'omneo-reward-wallet',
  elementClass: OmneoRewardWallet,
  events: { ...commonEvents, onOmneoBenefitRedeemed: 'omneo-benefit-redeemed' as OmneoEvent<'omneo-benefit-redeemed'> },
  displayName: 'RewardWallet',
});

export const Wishlist = createComponent({
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

export const WishlistButton = createComponent({
  react: React,
  tagName: 'omneo-wishlist-button',
  elementClass: OmneoWishlistButton,
  events: { ...commonEvents, onOmneoWishlistChange: 'omneo-wishlist-change' as OmneoEvent<'omneo-wishlist-change'> },
  displayName: 'WishlistButton',
});

/** The hub; its nested elements' events bubble through it. */
export const Rewards = createComponent({
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
