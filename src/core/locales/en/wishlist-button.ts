/** English for <omneo-wishlist-button>: registered when the element first connects, so a page downloads the copy of the elements it shows. */
export const enWishlistButton = {
  // One name whatever the state: aria-pressed says whether it is saved (a toggle's label must not change).
  'wishlistButton.label': 'Save {name} to wishlist',
  'wishlistButton.added': 'Added to your wishlist',
  'wishlistButton.removed': 'Removed from your wishlist',
  'wishlistButton.addFailed': "Couldn't save to your wishlist. Please try again.",
  'wishlistButton.removeFailed': "Couldn't remove from your wishlist. Please try again.",
  'wishlistButton.guest': 'Sign in to save',
  'wishlistButton.guestLabel': 'Sign in to save {name} to your wishlist',
  'wishlistButton.error': "Couldn't load your wishlist.",
  'wishlistButton.errorLabel': "Couldn't check your wishlist for {name}. Press to try again.",
} as const;
