/**
 * The channel between the site's tabs (see runtime.ts): the runtime's notices of writes and session ends, and the
 * loader's logout on a page without elements. Shared by both so that they use one name and one way to open it.
 */
import { browserSessionStorage, CrossPageCache } from '../api/cache.js';

/** A notice: the tenant (or API base) and a resource's name, or that the session ended; nothing of the shopper's. */
export interface OtherTabsNotice {
  scope: string;
  key?: string;
  logout?: true;
}

/**
 * A logout notice from another tab: the tenant's entries this tab cached go, whether or not anything of that tenant
 * is on this page (a later route or quick view, or Back to a page still naming the shopper, must not paint them).
 * Whether anything was stored to remove (the loader's signed-out page tells the other tabs only then).
 */
export function forgetOnLogout(notice: Partial<OtherTabsNotice> | null): boolean | undefined {
  if (notice?.logout && typeof notice.scope == 'string') return new CrossPageCache(browserSessionStorage(), notice.scope).forgetAll(true);
}

/** The site's channel, or null without BroadcastChannel or where it is refused (Firefox with cookies blocked throws). */
export function openOtherTabs(): BroadcastChannel | null {
  try {
    return new BroadcastChannel('omneo-widgets');
  } catch {
    return null;
  }
}

/**
 * A notice on a channel opened for it and closed at once: from a page that does not listen (the loader's sign-out
 * page, its `omneo-logout`), or one that must not while it may sit in the back-forward cache (after `pagehide`).
 */
export function tellOtherTabsOnce(notice: OtherTabsNotice): void {
  const channel = openOtherTabs();
  channel?.postMessage(notice);
  channel?.close();
}
