/**
 * `omneo-widgets/vue`: the omneo- tags typed in Vue templates (vue-tsc, Volar, `nuxi typecheck`). Types only (the
 * export has no JavaScript): a project opts in with `import type {} from 'omneo-widgets/vue'` in a .d.ts it compiles
 * (env.d.ts), or `"types": ["omneo-widgets/vue"]`; one without Vue never loads this file, which augments 'vue'.
 *
 * Each tag is a global component as Vue's guide types a custom element that Vue did not build: the element's instance
 * type with `$props` (its settable properties, tags.ts, beside Vue's HTML attributes; vue-tsc reads `:page-size` as
 * `pageSize`) and `$emit` (its events with their detail), so `@omneo-wishlist-change="(e) => e.detail.sku"` is typed,
 * and a wrong prop type, a handler for another event's detail or, with `strictTemplates`, an unknown prop fails.
 * Still custom elements at run time: the app's compilerOptions.isCustomElement (README, Vue) is what makes Vue render
 * them as elements; this only types the template.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { OmneoTagEvents, OmneoTagName, OmneoTagProps, OmneoTags } from './tags.js';

/** A tag as a Vue component type: what vue-tsc reads a template's bindings and listeners against. */
type OmneoVueElement<Tag extends OmneoTagName> = new () => OmneoTags[Tag]['element'] & {
  /** For template type-checking only: a custom element has no `$props`. */
  $props: HTMLAttributes & OmneoTagProps<Tag> & PublicProps;
  /** For template type-checking only: a custom element has no `$emit`. */
  $emit: EmitFn<{ [E in keyof OmneoTagEvents<Tag>]: (event: OmneoTagEvents<Tag>[E]) => void }>;
};

type OmneoVueElements = { [Tag in OmneoTagName]: OmneoVueElement<Tag> };

declare module 'vue' {
  // Every tag of tags.ts, not written out again here.
  interface GlobalComponents extends OmneoVueElements {}
}
