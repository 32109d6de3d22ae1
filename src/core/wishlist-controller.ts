import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { wishlistFor, type Wishlist } from '../api/mutations.js';
import type { OmneoStore } from '../api/store.js';

/**
 * Bound to `keydown` on (or around) the wishlist's buttons: a held Enter is one press. Enter activates a button
 * on every keydown, the auto-repeated ones too (Space only on release, once); without this a held key toggles a
 * heart or adds to the bag again and again.
 */
export function ignoreKeyRepeat(event: KeyboardEvent): void {
  if (event.repeat && event.key === 'Enter') event.preventDefault();
}

/**
 * Follows the page's Wishlist for the host's store and wishlist handle (both can change with the config)
 * and re-renders the host whenever a change starts or settles, so busy states stay in step everywhere.
 */
export class WishlistController implements ReactiveController {
  private followed: Wishlist | null = null;
  private unlisten: (() => void) | null = null;
  /**
   * Followed only while the host is in the document: a host updates after it is removed too (a change it made
   * settling, data arriving), and a listener added then would keep it alive as long as the page's Wishlist.
   */
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Where the host's store and handle are read from at each update. */
    private readonly source: () => { store: OmneoStore; handle: string } | null,
  ) {
    host.addController(this);
  }

  /** The Wishlist for the current config; call it from `willUpdate` (before render) or later. */
  get wishlist(): Wishlist | null {
    const source = this.source();
    const wishlist = source ? wishlistFor(source.store, source.handle) : null;
    if (wishlist !== this.followed && this.connected) {
      this.unlisten?.();
      this.followed = wishlist;
      this.unlisten = wishlist ? wishlist.onPendingChange(() => this.host.requestUpdate()) : null;
    }
    return wishlist;
  }

  /** Follow on every update, even when the render itself never asks (an empty list has no busy rows). */
  hostUpdate(): void {
    void this.wishlist;
  }

  hostConnected(): void {
    this.connected = true;
    // Moved, or back: a change may have started or settled meanwhile.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unlisten?.();
    this.unlisten = null;
    this.followed = null;
  }
}
