/// <reference types="vite/client" />
/**
 * The one tag → module map of the CDN build. Each element's code is a separate chunk that the loader
 * imports the first time its tag appears on the page.
 *
 * Adding an element: create `src/components/<name>/define.ts` that registers `omneo-<name>`. The glob below
 * finds it at build time, so the loader, `npm run size` and the packaging tests pick it up with no edit here
 * (each of them takes the tag to be `omneo-<folder>`). A glob rather than a hand-written list so that the build
 * works with whatever element folders a checkout has.
 */

/**
 * Written by the CDN build (vite.config.ts, chunkDependencies): for each define module, the shared chunks
 * it needs that the loader has not already loaded, to be fetched in parallel with it.
 */
declare const __OMNEO_CHUNK_DEPENDENCIES__: Record<string, readonly string[]> | undefined;
const CHUNK_DEPENDENCIES: Record<string, readonly string[]> =
  typeof __OMNEO_CHUNK_DEPENDENCIES__ === 'undefined' ? {} : __OMNEO_CHUNK_DEPENDENCIES__;

export interface ElementModule {
  load: () => Promise<unknown>;
  /** Chunk URLs, relative to the loader, to preload alongside `load`. */
  chunks: readonly string[];
}

const defineModules = import.meta.glob('../components/*/define.ts');

export const ELEMENT_MODULES: ReadonlyMap<string, ElementModule> = new Map(
  Object.entries(defineModules).map(([path, load]) => {
    const folder = path.split('/')[2]!;
    return [`omneo-${folder}`, { load, chunks: CHUNK_DEPENDENCIES[path] ?? [] }];
  }),
);
