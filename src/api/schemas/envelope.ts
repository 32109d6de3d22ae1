/**
 * Omneo's response envelopes (§3.1): `{data: {...}}` for one resource, `{data: [...], links, meta}` for a
 * paginated list, and a bare `{data: [...]}` for lists that are not paginated.
 */
import * as z from 'zod/mini';
import { num, optionalNum, tolerantArray, type DroppedItem } from './primitives.js';

// The one-resource envelope has a module of its own: the header badge needs it without the paginated one.
export { single } from './single.js';

export const PageMeta = z.object({
  current_page: num,
  last_page: num,
  per_page: optionalNum,
  total: optionalNum,
});
export type PageMeta = z.output<typeof PageMeta>;

export interface Page<T> {
  items: T[];
  /** Items that could not be parsed, dropped so the rest still render. */
  dropped: DroppedItem[];
  /** null when the list is not paginated (one page holds everything). */
  meta: PageMeta | null;
}

export function page<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.object({
      data: tolerantArray(schema),
      // `meta` is sometimes [] or absent; only a proper paginator object counts.
      meta: z.optional(z.unknown()),
    }),
    z.transform((envelope): Page<z.output<T>> => {
      const meta = z.safeParse(PageMeta, envelope.meta);
      return { items: envelope.data.items, dropped: envelope.data.dropped, meta: meta.success ? meta.data : null };
    }),
  );
}
