/**
 * A wishlist of `count` items shaped like omneo-api.md §2.8, quirks included (numbers as strings, relative
 * image URLs), for the tests of long lists; `unreadable` is the index of an item without a sku (dropped).
 */
export function longWishlist(count: number, { unreadable }: { unreadable?: number } = {}) {
  const items = Array.from({ length: count }, (_, i) => ({
    id: 900000 + i,
    quantity: i % 3 ? 1 : '1',
    position: i,
    created_at: '2025-11-02 08:44:10',
    product_variant: {
      id: 500000 + i,
      sku: i === unreadable ? null : `LONG-${String(i).padStart(4, '0')}`,
      title: `Item ${i}`,
      price: i % 2 ? (49 + (i % 50)).toFixed(2) : 49 + (i % 50),
      price_discounted: i % 5 ? null : '39.00',
      web_url: `https://shop.example.com.au/products/long-${i}`,
      images: [{ url: `/products/long-${i}.jpg`, sort_order: 1 }],
      options: [{ name: 'Size', value: 'M' }],
    },
    product: { title: `Item ${i}`, handle: `long-${i}`, brand: 'Harbour & Co', currency: 'AUD' },
  }));
  return { id: 7001, name: 'Wishlist', handle: 'wishlist', definition: { handle: 'wishlist', type: 'wishlist' }, items };
}
