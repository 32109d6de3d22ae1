import { OmneoWishlistButton } from './wishlist-button.js';

OmneoWishlistButton.define('omneo-wishlist-button');

declare global {
  interface HTMLElementTagNameMap {
    'omneo-wishlist-button': OmneoWishlistButton;
  }
}
