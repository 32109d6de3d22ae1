// The widgets in Hydrogen: the React wrappers from `omneo-widgets/react`, loaded in the browser after hydration,
// behind a placeholder, so that their code (Lit and the elements) stays out of the app's first bundle and off its
// hydration. (Importing them in a module the server renders works too: under Oxygen's `workerd` condition the
// package gives a server variant that renders the tags without Lit.)
import { lazy, Suspense, useEffect, useRef, useSyncExternalStore, type ComponentProps, type ReactNode } from 'react';

type Wrappers = typeof import('omneo-widgets/react');

/** Your tenant (public: it names the API host, api.<tenant>.getomneo.com). The token route is this app's own. */
export const OMNEO_TENANT = 'example-tenant';

let wrappers: Promise<Wrappers> | undefined;

/** Imports the wrappers once and configures the widgets before the first element renders. */
function loadWidgets(): Promise<Wrappers> {
  wrappers ??= import('omneo-widgets/react').then((module) => {
    module.configure({ tokenEndpoint: '/omneo/token', tenant: OMNEO_TENANT });
    return module;
  });
  return wrappers;
}

const subscribeNever = () => () => undefined;
/** False on the server and while hydrating, true after: what the page renders at first is what the server sent. */
function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNever, () => true, () => false);
}

/**
 * Call once in the root with the root loader's `customer` (`""` signed out). Keeps the widgets' customer hint in
 * step with Hydrogen's session: a new customer gets a fresh token and data (`refresh()`), signing out forgets the
 * token and cached data (`logout()`), without a reload. `undefined` (the Customer Account API did not answer this
 * time, e.g. when the root loader ran again after an add to cart) is no sign-out: the token route decides
 * (`refresh()`), so a hiccup never shows a signed-in shopper the guest state in every tab.
 */
export function useOmneo(customer: string | undefined): void {
  const previous = useRef(customer);
  useEffect(() => {
    const before = previous.current;
    previous.current = customer;
    void loadWidgets().then(({ configure, refresh, logout }) => {
      // Runs before the elements first render (this effect comes with hydration; they load after it).
      if (customer !== undefined) configure({ customer });
      if (before === customer) return;
      if (customer === '') logout();
      else void refresh();
    });
  }, [customer]);
}

/** Before a sign-out form submits: the next shopper on this browser never sees this one's cached data. */
export function forgetOmneoShopper(): void {
  void loadWidgets().then(({ logout }) => logout());
}

function clientOnly<K extends 'PointsBalance' | 'TierProgress' | 'RewardWallet' | 'Wishlist' | 'WishlistButton'>(name: K) {
  const Lazy = lazy(async () => ({ default: (await loadWidgets())[name] as Wrappers[K] }));
  return function ClientOnly({ placeholder = null, ...props }: ComponentProps<Wrappers[K]> & { placeholder?: ReactNode }) {
    const hydrated = useHydrated();
    if (!hydrated) return <>{placeholder}</>;
    const Component = Lazy as unknown as (props: object) => ReactNode;
    return <Suspense fallback={placeholder}>{<Component {...props} />}</Suspense>;
  };
}

export const PointsBalance = clientOnly('PointsBalance');
export const TierProgress = clientOnly('TierProgress');
export const RewardWallet = clientOnly('RewardWallet');
export const Wishlist = clientOnly('Wishlist');
export const WishlistButton = clientOnly('WishlistButton');
