import type { Row } from './types.js';

/**
 * A small product catalogue so that a SKU added to a list comes back with a realistic
 * `product_variant` (title, price, images, options), as Omneo resolves SKUs against the tenant's
 * synced products. Deterministic: the same SKU always yields the same variant.
 */

interface ProductSpec {
  id: number;
  prefix: string;
  title: string;
  handle: string;
  brand: string | null;
  department: string;
  /** Seeded as Omneo sends it: a number for some products, a numeric string for others. */
  price: number | string;
  priceDiscounted?: number | string | null;
  colours: string[];
  /** `null` = one size; the variant then has a colour option only. */
  sizes: string[] | null;
  /** How the images are written: relative to the API origin, absolute on a CDN, or absent. */
  images: 'relative' | 'absolute' | 'none';
}

const PRODUCTS: ProductSpec[] = [
  { id: 2210, prefix: 'LS', title: 'Linen Relaxed Shirt', handle: 'linen-relaxed-shirt', brand: 'Harbour & Co', department: 'Menswear', price: '129.95', colours: ['Sand', 'White', 'Olive'], sizes: ['S', 'M', 'L', 'XL'], images: 'relative' },
  { id: 2302, prefix: 'KN', title: 'Merino Crew Knit', handle: 'merino-crew-knit', brand: null, department: 'Menswear', price: 89, priceDiscounted: '69.00', colours: ['Navy', 'Oat', 'Charcoal'], sizes: ['XS', 'S', 'M', 'L'], images: 'none' },
  { id: 2405, prefix: 'DR', title: 'Wrap Midi Dress', handle: 'wrap-midi-dress', brand: 'Harbour & Co', department: 'Womenswear', price: 159, colours: ['Ink', 'Rust'], sizes: ['6', '8', '10', '12', '14'], images: 'absolute' },
  { id: 2511, prefix: 'JN', title: 'Straight Leg Jean', handle: 'straight-leg-jean', brand: 'Denim Lab', department: 'Denim', price: '119.95', colours: ['Indigo', 'Black'], sizes: ['26', '28', '30', '32', '34'], images: 'relative' },
  { id: 2620, prefix: 'SN', title: 'Canvas Sneaker', handle: 'canvas-sneaker', brand: 'Stride', department: 'Footwear', price: 99.95, priceDiscounted: 79.95, colours: ['White', 'Black'], sizes: ['37', '38', '39', '40', '41', '42', '43', '44'], images: 'absolute' },
  { id: 2733, prefix: 'TB', title: 'Leather Tote', handle: 'leather-tote', brand: 'Harbour & Co', department: 'Accessories', price: '249.00', colours: ['Tan', 'Black'], sizes: null, images: 'absolute' },
  { id: 2840, prefix: 'TS', title: 'Organic Cotton Tee', handle: 'organic-cotton-tee', brand: null, department: 'Basics', price: 39.95, priceDiscounted: '29.95', colours: ['White', 'Black', 'Sage', 'Navy'], sizes: ['XS', 'S', 'M', 'L', 'XL'], images: 'relative' },
  { id: 2951, prefix: 'SC', title: 'Wool Scarf', handle: 'wool-scarf', brand: null, department: 'Accessories', price: 59, colours: ['Camel', 'Grey'], sizes: null, images: 'none' },
  { id: 3060, prefix: 'CH', title: 'Chino Short', handle: 'chino-short', brand: 'Harbour & Co', department: 'Menswear', price: '79.95', colours: ['Stone', 'Navy'], sizes: ['28', '30', '32', '34', '36'], images: 'relative' },
  { id: 3172, prefix: 'PJ', title: 'Recycled Puffer Jacket', handle: 'recycled-puffer-jacket', brand: 'Alpine', department: 'Outerwear', price: 299, priceDiscounted: 239.2, colours: ['Black', 'Forest'], sizes: ['XS', 'S', 'M', 'L', 'XL'], images: 'absolute' },
  { id: 3288, prefix: 'SW', title: 'Swim Short', handle: 'swim-short', brand: 'Coastline', department: 'Swim', price: '69.95', colours: ['Blue Stripe', 'Coral'], sizes: ['S', 'M', 'L', 'XL'], images: 'none' },
  { id: 3390, prefix: 'BT', title: 'Leather Belt', handle: 'leather-belt', brand: null, department: 'Accessories', price: 49, colours: ['Brown', 'Black'], sizes: ['80', '90', '100'], images: 'relative' },
  { id: 3401, prefix: 'CM', title: 'Silk Cami', handle: 'silk-cami', brand: 'Harbour & Co', department: 'Womenswear', price: '89.95', colours: ['Ivory', 'Black', 'Blush'], sizes: ['XS', 'S', 'M', 'L'], images: 'absolute' },
  { id: 3502, prefix: 'BN', title: 'Rib Knit Beanie', handle: 'rib-knit-beanie', brand: null, department: 'Accessories', price: 35, colours: ['Black', 'Oat', 'Rust', 'Forest', 'Navy'], sizes: null, images: 'relative' },
  { id: 3610, prefix: 'LP', title: 'Linen Wide Pant', handle: 'linen-wide-pant', brand: 'Harbour & Co', department: 'Womenswear', price: '139.00', priceDiscounted: '99.00', colours: ['Sand', 'Olive', 'Black'], sizes: ['6', '8', '10', '12', '14', '16'], images: 'relative' },
  { id: 3720, prefix: 'OX', title: 'Oxford Shirt', handle: 'oxford-shirt', brand: null, department: 'Menswear', price: 99.95, colours: ['White', 'Blue', 'Pink'], sizes: ['S', 'M', 'L', 'XL', 'XXL'], images: 'absolute' },
  { id: 3830, prefix: 'RT', title: 'Running Tight', handle: 'running-tight', brand: 'Stride', department: 'Activewear', price: 89, colours: ['Black', 'Navy'], sizes: ['XS', 'S', 'M', 'L', 'XL'], images: 'none' },
  { id: 3940, prefix: 'CC', title: 'Cashmere Cardigan', handle: 'cashmere-cardigan', brand: 'Harbour & Co', department: 'Womenswear', price: '329.00', colours: ['Oat', 'Black', 'Camel'], sizes: ['XS', 'S', 'M', 'L'], images: 'relative' },
  { id: 4050, prefix: 'SG', title: 'Round Sunglasses', handle: 'round-sunglasses', brand: 'Coastline', department: 'Accessories', price: 179, colours: ['Tortoise', 'Black', 'Gold', 'Clear'], sizes: null, images: 'absolute' },
  { id: 4160, prefix: 'SK', title: 'Cotton Sock 3-Pack', handle: 'cotton-sock-3-pack', brand: null, department: 'Basics', price: '24.95', colours: ['White', 'Black', 'Grey'], sizes: ['S/M', 'M/L'], images: 'none' },
];

const skuPart = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '');

export interface CatalogueVariant {
  product_variant: Row;
  product: Row;
}

function buildCatalogue(): Map<string, CatalogueVariant> {
  const catalogue = new Map<string, CatalogueVariant>();
  // Generated ids stay clear of the two documented variants below.
  let variantId = 20000;
  let externalId = 44556690000;
  for (const spec of PRODUCTS) {
    for (const [colourIndex, colour] of spec.colours.entries()) {
      for (const size of spec.sizes ?? [null]) {
        variantId += 1;
        externalId += 1;
        const sku = size ? `${spec.prefix}-${skuPart(colour)}-${skuPart(size)}` : `${spec.prefix}-${skuPart(colour)}`;
        const slug = `${spec.prefix.toLowerCase()}-${colour.toLowerCase().replace(/\s+/g, '-')}`;
        const images =
          spec.images === 'relative'
            ? [{ url: `/products/${slug}-1.jpg`, sort_order: 1 }]
            : spec.images === 'absolute'
              ? [
                  { url: `https://cdn.example-retailer.com.au/products/${slug}-1.jpg`, sort_order: 1 },
                  { url: `https://cdn.example-retailer.com.au/products/${slug}-2.jpg`, sort_order: 2 },
                ]
              : [];
        const options = [{ name: 'Colour', value: colour }];
        if (size) options.push({ name: 'Size', value: size });
        catalogue.set(sku, {
          product_variant: {
            id: variantId,
            sku,
            external_id: String(externalId),
            barcode: colourIndex % 2 === 0 ? `93512340${String(variantId).padStart(5, '0')}` : null,
            title: size ? `${spec.title} - ${colour} / ${size}` : `${spec.title} - ${colour}`,
            price: spec.price,
            price_discounted: spec.priceDiscounted ?? null,
            price_comparison: null,
            web_url:
              colourIndex % 3 === 2
                ? null
                : `https://shop.example.com.au/products/${spec.handle}?variant=${externalId}`,
            images,
            options,
            available_quantity: (variantId * 7) % 23,
          },
          product: {
            id: spec.id,
            title: spec.title,
            handle: spec.handle,
            brand: spec.brand,
            department: spec.department,
            currency: spec.brand ? 'AUD' : null,
          },
        });
      }
    }
  }
  // The two variants omneo-api.md §2.8 spells out keep their documented ids and values.
  const sand = catalogue.get('LS-SAND-M');
  if (sand) {
    Object.assign(sand.product_variant, {
      id: 14551,
      external_id: '44556677001',
      barcode: '9351234000123',
      web_url: 'https://shop.example.com.au/products/linen-relaxed-shirt?variant=44556677001',
      images: [{ url: '/products/ls-sand-1.jpg', sort_order: 1 }],
    });
    sand.product = { id: 2210, title: 'Linen Relaxed Shirt', handle: 'linen-relaxed-shirt', brand: 'Harbour & Co', currency: 'AUD' };
  }
  const navy = catalogue.get('KN-NAVY-S');
  if (navy) {
    Object.assign(navy.product_variant, {
      id: 15002,
      external_id: '44556677342',
      barcode: null,
      price: 89,
      price_discounted: '69.00',
      web_url: null,
      images: [],
    });
    navy.product = { id: 2302, title: 'Merino Crew Knit', handle: 'merino-crew-knit', brand: null, currency: null };
  }
  return catalogue;
}

const CATALOGUE = buildCatalogue();

/** Every SKU the catalogue knows, in catalogue order (200 of them). */
export const CATALOGUE_SKUS: readonly string[] = [...CATALOGUE.keys()];

/** A fresh copy of the catalogue entry for `sku`, or a generic variant for an unknown SKU. */
export function lookupVariant(sku: string): CatalogueVariant {
  const known = CATALOGUE.get(sku);
  if (known) return structuredClone(known);
  const slug = sku.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'item';
  return {
    product_variant: {
      id: null,
      sku,
      external_id: null,
      barcode: null,
      title: `Product ${sku}`,
      price: '49.95',
      price_discounted: null,
      price_comparison: null,
      web_url: null,
      images: [],
      options: [],
      available_quantity: null,
    },
    product: { id: null, title: sku, handle: slug, brand: null, currency: null },
  };
}
