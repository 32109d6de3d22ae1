/** English for <omneo-wishlist>: registered when the element first connects, so a page downloads the copy of the elements it shows. */
export const enWishlist = {
  'wishlist.heading': 'Your wishlist',
  'wishlist.count': { one: '{formatted} item', other: '{formatted} items' },
  // The skeleton's words for screen readers: the common "Loading your rewards…" is not what this card holds.
  'wishlist.loading': 'Loading your wishlist…',
  'wishlist.error': "We couldn't load your wishlist right now.",
  'wishlist.empty': 'Your wishlist is empty.',
  'wishlist.empty.hint': 'Save products with the heart icon to find them here.',
  'wishlist.untitled': 'Saved item',
  'wishlist.option': '{name}: {value}',
  'wishlist.quantity': 'Qty {formatted}',
  'wishlist.price.sale': 'Now {price}, was {original}',
  'wishlist.addToBag': 'Add to bag',
  'wishlist.remove': 'Remove',
  'wishlist.removed': 'Removed {name} from your wishlist.',
  'wishlist.removeFailed': "We couldn't remove {name}. It's back in your wishlist: please try again.",
  'wishlist.showing': 'Showing {shown} of {total}',
  'wishlist.showMore': 'Show more',
} as const;
