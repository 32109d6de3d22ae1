/**
 * Class-only entry: importing it registers nothing (for apps that choose their own tag names, or register one
 * element through its `components/<name>/define.js` and want the page API without every other element).
 */
export { configure, type OmneoConfig } from './core/config.js';
export { refresh, logout } from './core/runtime.js';
export { diagnose, type DiagnoseReport } from './core/diagnose.js';
export { registerCatalogue } from './localisation.js';
export type { Catalogue, Message, MessageKey, PluralForms } from './core/i18n.js';
export type { OmneoEventDetails, OmneoEventName } from './core/events.js';
export { OmneoElement } from './core/omneo-element.js';
export { OmneoPointsBalance } from './components/points-balance/points-balance.js';
export { OmneoTierProgress } from './components/tier-progress/tier-progress.js';
export { OmneoRewardWallet } from './components/reward-wallet/reward-wallet.js';
export { OmneoWishlistButton } from './components/wishlist-button/wishlist-button.js';
export { OmneoWishlist } from './components/wishlist/wishlist.js';
export { OmneoRewards } from './components/rewards/rewards.js';
