/**
 * English, the source catalogue: every key the elements use, assembled from one part per element (en/). The
 * runtime never imports this whole object: the base element ships the common part and each element
 * registers its own (`static englishMessages`), so a page carries only the copy of the elements it shows.
 * Used for the MessageKey type and by the tests that check the other catalogues against it.
 */
import { enCommon } from './en/common.js';
import { enPoints } from './en/points.js';
import { enTier } from './en/tier.js';
import { enWallet } from './en/wallet.js';
import { enWishlist } from './en/wishlist.js';
import { enWishlistButton } from './en/wishlist-button.js';
import { enHub } from './en/hub.js';

export const en = {
  ...enCommon,
  ...enPoints,
  ...enTier,
  ...enWallet,
  ...enWishlist,
  ...enWishlistButton,
  ...enHub,
} as const;

export type MessageKey = keyof typeof en;
