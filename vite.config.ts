/**
 * The CDN build (dist/cdn/). `omneo-widgets.js` is a small loader; each element is its own chunk, loaded the
 * first time its tag appears (src/cdn/element-modules.ts); Lit, zod and our code are shared chunks by layer:
 *
 *   omneo-widgets.js        the loader + `window.OmneoWidgets` (entry, fixed name)
 *   omneo-page-<hash>.js    page config, the cross-page cache, the early token request, the API preconnect and
 *                           the channel to the site's other tabs: imported by the loader at once, so that configure()/logout() work
 *                           before any element has loaded
 *   omneo-lit-<hash>.js     Lit (production build: Vite resolves without the "development" condition)
 *   omneo-zod-<hash>.js     zod/mini, only the parts the schemas use
 *   omneo-data-<hash>.js    src/api: client, token provider, store, schemas, resources, rules
 *   omneo-ui-<hash>.js      src/core: the base element, localisation, formatting, shared styles
 *   omneo-<element>-<hash>.js  one per element folder
 *
 * lit, data and ui may each be several files, split by which elements use which modules (see groups).
 *
 * Every file is hashed except the entry, and all sit flat in one folder (Shopify theme app extension assets
 * cannot have sub-folders), importing each other by relative URL. Shared code never lives in the entry file:
 * Shopify serves assets with a `?v=` query, and a chunk importing `./omneo-widgets.js` would get a second copy
 * of the module (and of the page config) under the query-less URL. `npm run size` checks the budgets;
 * scripts/build.ts runs this config, then the npm build.
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export const CDN_OUT_DIR = 'dist/cdn';
export const CDN_ENTRY_FILE = 'omneo-widgets.js';
const ELEMENT_DEFINE_MODULE = /[\\/]src[\\/]components[\\/]([^\\/]+)[\\/]define\.ts$/;
/** Catalogues other than English: each its own file, loaded by src/core/i18n.ts when a page needs it. */
const ON_DEMAND_CATALOGUE = /[\\/]src[\\/]core[\\/]locales[\\/](?!en\.ts$)([a-z-]+)\.ts$/i;
/** An element's own English (src/core/locales/en/): it goes into that element's chunk, not a shared one. */
const ELEMENT_ENGLISH = /[\\/]src[\\/]core[\\/]locales[\\/]en[\\/](?!common\.ts$)[a-z-]+\.ts$/i;
/** `OmneoWidgets.diagnose()`: the loader imports it when called; see src/core/diagnose.ts. */
const DIAGNOSE = /[\\/]src[\\/]core[\\/]diagnose\.ts$/;
/** Replaced in the loader by chunkDependencies() below; see src/cdn/element-modules.ts. */
const CHUNK_DEPENDENCIES_PLACEHOLDER = '__OMNEO_CHUNK_DEPENDENCIES__';

/**
 * Browsers discover a module's imports only after fetching it, so an element chunk → data chunk → zod chunk
 * chain costs a round trip per level. The loader instead preloads the whole static closure of an element
 * chunk at once; this writes that closure (per define module, minus what the loader already imports) into
 * the loader. File names still carry rolldown's hash placeholders here; rolldown fills them in afterwards.
 */
function chunkDependencies(): Plugin {
  return {
    name: 'omneo:chunk-dependencies',
    apply: 'build',
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.isEntry || !code.includes(CHUNK_DEPENDENCIES_PLACEHOLDER)) return null;
      const byFile = new Map(Object.values(meta.chunks).map((each) => [each.fileName, each]));
      const closure = (fileName: string, seen: Set<string>) => {
        for (const imported of byFile.get(fileName)?.imports ?? []) {
          if (!seen.has(imported)) closure(imported, seen.add(imported));
        }
        return seen;
      };
      const alreadyLoaded = closure(chunk.fileName, new Set());
      const dependencies: Record<string, string[]> = {};
      for (const each of byFile.values()) {
        const folder = each.isDynamicEntry && each.facadeModuleId ? ELEMENT_DEFINE_MODULE.exec(each.facadeModuleId)?.[1] : undefined;
        if (!folder) continue;
        dependencies[`../components/${folder}/define.ts`] = [...closure(each.fileName, new Set())]
          .filter((file) => !alreadyLoaded.has(file))
          .map((file) => `./${file}`);
      }
      // The placeholder sits alone on its line of unminified output, so earlier mappings stay exact.
      return { code: code.replaceAll(CHUNK_DEPENDENCIES_PLACEHOLDER, JSON.stringify(dependencies)), map: null };
    },
  };
}

export default defineConfig({
  define: { __OMNEO_VERSION__: JSON.stringify(version) },
  publicDir: false,
  plugins: [chunkDependencies()],
  build: {
    outDir: CDN_OUT_DIR,
    emptyOutDir: true,
    copyPublicDir: false,
    // The README's browser baseline (Install, Browser support). es2022 let class static blocks through (the
    // compiler writes static fields as them), which Safari parses only from 16.4: on iOS 15 and 16.0-16.3 every
    // element chunk was rejected whole. test/server/browser-baseline.test.ts checks the output.
    target: ['chrome100', 'edge100', 'firefox102', 'safari15.4', 'ios15.4'],
    minify: true,
    sourcemap: true,
    // .vite/manifest.json: the chunk graph `npm run size` walks to total what each page loads.
    manifest: true,
    // Library mode: no Vite preload helper or HTML; the loader does its own preloading (above).
    lib: { entry: { 'omneo-widgets': 'src/cdn.ts' }, formats: ['es'] },
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        // Library mode leaves whitespace for downstream bundlers; nothing is downstream of a CDN file.
        minify: true,
        entryFileNames: '[name].js',
        chunkFileNames: (chunk) => {
          const folder = chunk.facadeModuleId ? ELEMENT_DEFINE_MODULE.exec(chunk.facadeModuleId)?.[1] : undefined;
          const language = chunk.facadeModuleId ? ON_DEMAND_CATALOGUE.exec(chunk.facadeModuleId)?.[1] : undefined;
          if (language) return `omneo-locale-${language}-[hash].js`;
          // entriesAware groups are named after the entries sharing them ("data~define~define"); the group
          // name and the hash say enough.
          return folder ? `omneo-${folder}-[hash].js` : `omneo-${chunk.name.split('~')[0]}-[hash].js`;
        },
        codeSplitting: {
          // entriesAware: a group's modules are split by which elements use them, so a page showing only the
          // badge does not load the wallet's Lit directives, mutations or rules. Subgroups under ~2 KB of
          // source are merged into a neighbour rather than cost a request each.
          groups: [
            // The reward wallet is the largest element: its styles ship as a file of their own (preloaded with the
            // element's chunk, so no extra round trip), keeping its chunk clear of the 10,000 B per-file budget
            // with room to grow (9,606 B together; about 7,000 B and 2,600 B apart). Lowest priority: the groups
            // above take Lit and our shared modules first, so this one holds the styles module alone.
            { name: 'reward-wallet-styles', test: /[\\/]src[\\/]components[\\/]reward-wallet[\\/]reward-wallet\.styles\.ts$/, priority: 0 },
            // The compiler's decorator helper goes with Lit's decorators: the elements that use one use both.
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|@oxc-project\+runtime/, priority: 5, entriesAware: true, entriesAwareMergeThreshold: 2000 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 4 },
            { name: 'page', test: /[\\/]src[\\/](core[\\/](config|other-tabs|preconnect)|api[\\/](cache|early-token|deadline))\.ts$/, priority: 3 },
            { name: 'data', test: /[\\/]src[\\/](api[\\/]|core[\\/]runtime\.ts$)/, priority: 2, entriesAware: true, entriesAwareMergeThreshold: 2000 },
            // OmneoWidgets.diagnose()'s module is left out: a chunk of its own, loaded only when diagnose() is called.
            { name: 'ui', test: (id) => /[\\/]src[\\/]core[\\/]/.test(id) && !ON_DEMAND_CATALOGUE.test(id) && !ELEMENT_ENGLISH.test(id) && !DIAGNOSE.test(id), priority: 1, entriesAware: true, entriesAwareMergeThreshold: 2000 },
          ],
        },
      },
    },
  },
});
