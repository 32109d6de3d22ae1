/**
 * The tags as a template sees them, for the Vue and Svelte template types (`omneo-widgets/vue`, `omneo-widgets/svelte`:
 * vue.ts, svelte.ts). Types only: no build emits JavaScript for this folder, and nothing here names Vue or Svelte, so
 * the package's other declarations never reach a framework a project may not have.
 *
 * What a template may set is derived from the element classes (their public, writable, non-method properties that
 * LitElement does not declare: the config keys, `headingLevel`, and each element's own), so a property added to a
 * class is typed with it; only the events an element fires are written out (its `@fires`), as for the React
 * wrappers. packaging.test.ts checks both against custom-elements.json, which is read from the classes' JSDoc.
 */
import type { LitElement } from 'lit';
import type { OmneoPointsBalance } from '../components/points-balance/points-balance.js';
import type { OmneoRewardWallet } from '../components/reward-wallet/reward-wallet.js';
import type { OmneoRewards } from '../components/rewards/rewards.js';
import type { OmneoTierProgress } from '../components/tier-progress/tier-progress.js';
import type { OmneoWishlist } from '../components/wishlist/wishlist.js';
import type { OmneoWishlistButton } from '../components/wishlist-button/wishlist-button.js';
import type { OmneoEventDetails, OmneoEventName } from '../core/events.js';

/** Each tag's class and the events it fires (its `@fires`; the hub's include its nested elements', which bubble). */
export interface OmneoTags {
  'omneo-points-balance': { element: OmneoPointsBalance; events: 'omneo-ready' | 'omneo-error' };
  'omneo-tier-progress': { element: OmneoTierProgress; events: 'omneo-ready' | 'omneo-error' };
  'omneo-reward-wallet': { element: OmneoRewardWallet; events: 'omneo-ready' | 'omneo-error' | 'omneo-benefit-redeemed' };
  'omneo-wishlist': { element: OmneoWishlist; events: 'omneo-ready' | 'omneo-error' | 'omneo-add-to-cart' | 'omneo-wishlist-change' };
  'omneo-wishlist-button': { element: OmneoWishlistButton; events: 'omneo-ready' | 'omneo-error' | 'omneo-wishlist-change' };
  'omneo-rewards': {
    element: OmneoRewards;
    events: 'omneo-ready' | 'omneo-error' | 'omneo-benefit-redeemed' | 'omneo-add-to-cart' | 'omneo-wishlist-change';
  };
}

export type OmneoTagName = keyof OmneoTags;

/** Whether two types are the same (readonly-ness included). */
type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

/**
 * A class's keys that a page can set: public, writable (no getter alone: `diagnosis`), not methods, and not
 * LitElement's or HTMLElement's. Mapped over `keyof E` itself, so that `{ [P in K]: E[K] }` keeps `readonly`.
 */
type SettableKeys<E> = {
  [K in keyof E]-?: K extends keyof LitElement
    ? never
    : E[K] extends (...args: never[]) => unknown
      ? never
      : Same<{ [P in K]: E[K] }, { -readonly [P in K]: E[K] }> extends true
        ? K
        : never;
}[keyof E];

/**
 * What a template may set on `<Tag>`, by property name (`pageSize`), each optional: the type the class declares, a
 * number also as its digits (`page-size="4"`, a template's text), which the element reads as the number, as it does
 * its attribute, and a text property also `null`, which the elements take as not set, as `undefined` and `""` (README,
 * Configuration: `:customer="user?.id ?? null"`, whose null Vue sets as `""` on a property holding text). Written out
 * rather than through a named helper, so that an error names the types themselves.
 */
export type OmneoTagProps<Tag extends OmneoTagName> = {
  [K in SettableKeys<OmneoTags[Tag]['element']>]?:
    | OmneoTags[Tag]['element'][K]
    | (OmneoTags[Tag]['element'][K] extends number ? `${number}` : never)
    | (string extends OmneoTags[Tag]['element'][K] ? null : never);
};

/** The events `<Tag>` fires, each with its typed `CustomEvent`. */
export type OmneoTagEvents<Tag extends OmneoTagName> = {
  [E in OmneoTags[Tag]['events'] & OmneoEventName]: CustomEvent<OmneoEventDetails[E]>;
};
