import { OmneoWishlist } from './wishlist.js';

OmneoWishlist.define('omneo-wishlist');

declare global {
  interface HTMLElementTagNameMap {
    'omneo-wishlist': OmneoWishlist;
  }
}
