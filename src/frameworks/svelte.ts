/**
 * `omneo-widgets/svelte`: the omneo- tags typed in Svelte 5 templates (svelte-check, the Svelte language server).
 * Types only (the export has no JavaScript): a project opts in with `import type {} from 'omneo-widgets/svelte'` in a
 * .d.ts it compiles (src/app.d.ts), or `"types": ["omneo-widgets/svelte"]`; one without Svelte never loads this file,
 * which augments 'svelte/elements'.
 *
 * Each tag gets Svelte's HTML attributes for its element, its settable properties (tags.ts) and an `on<event>`
 * attribute for each event it fires, with the event's detail typed (`onomneo-wishlist-change={(e) => e.detail.sku}`).
 * A property whose name has a capital is offered by its attribute's name only (`page-size`, `product-name`,
 * `token-endpoint`): Svelte sets a property only when the registered element has one of the name written, so
 * `pageSize={4}` before the element's code loads would be the attribute `pagesize`, which it does not read.
 */
import type { EventHandler, HTMLAttributes } from 'svelte/elements';
import type { OmneoTagEvents, OmneoTagName, OmneoTagProps, OmneoTags } from './tags.js';

/** `pageSize` → `page-size`: the attribute the elements read for a property (custom-elements.json lists the same). */
type Dashed<Name extends string> = Name extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `-${Lowercase<First>}`}${Dashed<Rest>}`
  : Name;

type OmneoSvelteAttributes<Tag extends OmneoTagName> = HTMLAttributes<OmneoTags[Tag]['element']> & {
  [K in keyof OmneoTagProps<Tag> & string as Dashed<K>]?: OmneoTagProps<Tag>[K];
} & {
  [E in keyof OmneoTagEvents<Tag> & string as `on${E}`]?: EventHandler<OmneoTagEvents<Tag>[E], OmneoTags[Tag]['element']> | null;
};

type OmneoSvelteElements = { [Tag in OmneoTagName]: OmneoSvelteAttributes<Tag> };

declare module 'svelte/elements' {
  // Every tag of tags.ts, not written out again here.
  interface SvelteHTMLElements extends OmneoSvelteElements {}
}
