/**
 * The query parameter names the proxy lets through: Shopify's app-proxy parameters (identity, read
 * by the Shopify adapter and never forwarded) and the widget's listing parameters (omneo-api.md §3.1:
 * pages, sort, include, filters, tags), which pass-through re-encodes and forwards. Kept in one
 * module because the Shopify adapter's signature check depends on this exact set (see shopify.ts).
 */

/** The parameters Shopify's app proxy appends; pass-through removes them before forwarding a query string. */
export const SHOPIFY_PROXY_PARAMS = ['shop', 'logged_in_customer_id', 'path_prefix', 'timestamp', 'signature'] as const;

/**
 * Listing parameter names. Every bracketed name starts with a fixed word directly followed by its
 * first `[`, and a filter field is `[a-z_]` only (no bracket, no `=`): shopify.ts relies on this.
 */
export const LISTING_PARAM_NAME = /^(?:page\[(?:size|number)\]|sort|include|filter\[[a-z_]{1,40}\](?:\[(?:eq|ne|gt|gte|lt|lte|in)\])?|tags\[\])$/;

/** Listing parameters that may be repeated (`tags[]=a&tags[]=b`); any other repeat is refused. */
export const REPEATABLE_LISTING_PARAMS: ReadonlySet<string> = new Set(['tags[]']);
