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
 *   omneo-data-core-<hash>.js  the part of src/api every element loads: client, token provider, store, the balances;
 *                           with src/core's runtime (the page's stores) and number and date formatting
 *   omneo-data-<hash>.js    the rest of src/api: schemas, resources, rules, mutations
 *   omneo-ui-<hash>.js      the rest of src/core: the base element, localisation, shared styles
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
import { parse } from 'acorn';
import { defineConfig, type Plugin } from 'vite';
import { THIRD_PARTY_NOTICES_FILE, thirdPartyNoticesText } from './scripts/third-party-notices.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export const CDN_OUT_DIR = 'dist/cdn';
export const CDN_ENTRY_FILE = 'omneo-widgets.js';
/**
 * The README's browser baseline (Install, Browser support). es2022 let class static blocks through (the compiler
 * writes static fields as them), which Safari parses only from 16.4: on iOS 15 and 16.0-16.3 every element chunk was
 * rejected whole. test/server/browser-baseline.test.ts checks the output, and that the size floors (scripts/floor.ts)
 * are built for it too.
 */
export const CDN_TARGET = ['chrome100', 'edge100', 'firefox102', 'safari15.4', 'ios15.4'];
const ELEMENT_DEFINE_MODULE = /[\\/]src[\\/]components[\\/]([^\\/]+)[\\/]define\.ts$/;
/** Catalogues other than English: each its own file, loaded by src/core/i18n.ts when a page needs it. */
const ON_DEMAND_CATALOGUE = /[\\/]src[\\/]core[\\/]locales[\\/](?!en\.ts$)([a-z-]+)\.ts$/i;
/** An element's own English (src/core/locales/en/): it goes into that element's chunk, not a shared one. */
const ELEMENT_ENGLISH = /[\\/]src[\\/]core[\\/]locales[\\/]en[\\/](?!common\.ts$)[a-z-]+\.ts$/i;
/**
 * Shared-layer modules that one element alone imports: the wishlist's Lit directives, the tier card's ladder
 * resource. They go into that element's chunk (the groups below leave them out), not a file of their own that every
 * page with the element, the hub's among them, fetched beside it.
 */
const ONE_ELEMENT_ONLY = /[\\/](lit(-html)?[\\/](directive|directive-helpers|directives[\\/](guard|repeat))\.js|src[\\/]api[\\/]tier-ladder\.ts)$/;
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

/**
 * Stylesheets ship without their comments and layout whitespace. A css`` template is copied into the built
 * file as written, indentation and comments included (the shared styles were half comment), and the badge page
 * loads every sheet its element has. This rewrites each template's text to what CSS reads the same way: the
 * comments go (a comment separates tokens, so it counts as whitespace), whitespace runs become one space, and
 * none is kept next to `{`, `}`, `;`, `,` or after a `:`; a `;` before `}` goes. Strings and a custom
 * property's value (`--_line: 1.15`) are kept exactly as written: a custom property's value is its text, which
 * getPropertyValue() shows. An escape (`\\"`, `\\31 `) is kept whole, the space ending a hex escape included. It
 * works on the text CSS reads (the template's cooked value): in the source, `\\` is one backslash. test/server/
 * packaging.test.ts checks that Chromium parses every sheet, before and after, to the same rules; minify-css.test.ts
 * the constructs one by one.
 */
export function minifyCss(text: string): string {
  let out = '';
  let pendingSpace = false;
  let lastToken = '';
  for (let at = 0; at < text.length; ) {
    const char = text[at]!;
    if (char === '/' && text[at + 1] === '*') {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) throw new Error('css``: a comment is not closed');
      // Read as whitespace, which is right only where whitespace is beside it: `.a/**/.b` is one element with both
      // classes, and `1px/**/solid` written together would be one token. Neither a space nor nothing fits every case.
      if (at > 0 && end + 2 < text.length && !CSS_SPACE.test(text[at - 1]!) && !CSS_SPACE.test(text[end + 2]!)) {
        throw new Error(`css\`\`: put a space beside the comment in ${text.slice(Math.max(0, at - 12), end + 14).trim()}`);
      }
      at = end + 2;
      pendingSpace = true;
      continue;
    }
    if (CSS_SPACE.test(char)) {
      at += 1;
      pendingSpace = true;
      continue;
    }
    let token = char;
    if (char === '"' || char === "'") {
      let end = at + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      token = text.slice(at, end + 1);
    } else if (char === '\\') {
      // A hex escape takes the one whitespace after it (CSS reads `\31  a` as "1" then a space); written as a space.
      const hex = /^\\[0-9a-f]{1,6}(\r\n|[ \t\n\r\f])?/i.exec(text.slice(at, at + 9));
      token = hex ? hex[0] : text.slice(at, at + 2);
      if (hex?.[1]) {
        out += pendingSpace && out !== '' && !/[{};,:]$/.test(out) ? ' ' : '';
        out += `${token.slice(0, -hex[1].length)} `;
        lastToken = token;
        pendingSpace = false;
        at += token.length;
        continue;
      }
    } else if (char === '-' && text[at + 1] === '-' && /[{;]$/.test(out)) {
      // A custom property declaration: its name, and its value as written up to the `;` or `}` that ends it.
      let end = at;
      let depth = 0;
      for (; end < text.length; end += 1) {
        const inside = text[end]!;
        if (inside === '(' || inside === '[') depth += 1;
        else if (inside === ')' || inside === ']') depth -= 1;
        else if ((inside === ';' || inside === '}') && depth === 0) break;
        else if (inside === '"' || inside === "'" || inside === '\\' || (inside === '/' && text[end + 1] === '*')) {
          throw new Error(`css\`\`: keep strings, escapes and comments out of custom property values (${text.slice(at, end + 1)})`);
        }
      }
      token = text.slice(at, end).trimEnd();
    }
    if (token === '}' && lastToken === ';') out = out.slice(0, -1);
    else if (pendingSpace && out !== '' && !/[{};,:]$/.test(out) && !/^[{};,]/.test(token)) out += ' ';
    out += token;
    lastToken = token;
    pendingSpace = false;
    at += token.length;
  }
  return out;
}

/** CSS's whitespace: not JavaScript's \s, which takes a no-break space, an ident character to CSS. */
const CSS_SPACE = /[ \t\n\r\f]/;

/** `css` as the source of a template literal's text: its backslashes, backticks and `${` escaped. */
export const templateText = (css: string): string => css.replace(/\\|`|\$\{/g, (found) => `\\${found}`);

interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/**
 * The text span of every css`` template without interpolations in `code` (JavaScript), last first, with its cooked
 * value: the text Lit gives the browser.
 */
export function cssTemplates(code: string): Array<{ start: number; end: number; css: string }> {
  const found: Array<{ start: number; end: number; css: string }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object' || typeof (node as AstNode).type !== 'string') return;
    const each = node as AstNode;
    const tag = each.tag as AstNode & { name?: string };
    const quasi = each.quasi as AstNode & { quasis: AstNode[]; expressions: unknown[] };
    if (each.type === 'TaggedTemplateExpression' && tag.type === 'Identifier' && tag.name === 'css' && quasi.expressions.length === 0) {
      const { start, end, value } = quasi.quasis[0] as AstNode & { value: { cooked: string | null } };
      if (value.cooked == null) throw new Error(`css\`\`: an invalid escape in ${code.slice(start, end)}`);
      found.push({ start, end, css: value.cooked });
    }
    for (const [key, value] of Object.entries(each)) if (key !== 'type') visit(value);
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }));
  return found.sort((a, b) => b.start - a.start);
}

/**
 * Applies minifyCss to our modules' css`` templates. Everything outside a template keeps its line and column
 * (the lines a template loses follow its closing backtick as whitespace), so the source maps stay exact.
 */
export function minifiedStyles(): Plugin {
  return {
    name: 'omneo:minified-styles',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]src[\\/].+\.ts$/.test(id) || !code.includes('css`')) return null;
      let result = code;
      for (const { start, end, css } of cssTemplates(code)) {
        const text = code.slice(start, end);
        const lines = text.split('\n').length - 1;
        const lineStart = code.lastIndexOf('\n', end) + 1;
        const minified = templateText(minifyCss(css));
        if (minified.includes('\n')) throw new Error(`css\`\`: a line break the minified sheet keeps (in a string?): ${text}`);
        // After the closing backtick: as many newlines as the text lost, then its original column.
        const keep = lines > 0 ? `${'\n'.repeat(lines)}${' '.repeat(end + 1 - lineStart)}` : ' '.repeat(Math.max(0, text.length - minified.length));
        result = `${result.slice(0, start)}${minified}\`${keep}${result.slice(end + 1)}`;
      }
      return { code: result, map: null };
    },
  };
}

/**
 * THIRD-PARTY-NOTICES.txt beside the CDN files (scripts/third-party-notices.ts): they carry Lit (BSD-3-Clause) and
 * zod (MIT), whose licences ask that their notices go with every copy, and a merchant who self-hosts or mirrors the
 * folder redistributes them. Minified, only Lit's one-line SPDX comments survive, and zod has none. Nothing changes in
 * the JavaScript (no bytes on a page).
 */
export function thirdPartyNotices(): Plugin {
  return {
    name: 'omneo:third-party-notices',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' ? Object.entries(output.modules).filter(([, module]) => module.renderedLength > 0).map(([id]) => id.replace(/^\0/, '').split('?')[0]!) : [],
      );
      this.emitFile({
        type: 'asset',
        fileName: THIRD_PARTY_NOTICES_FILE,
        source: thirdPartyNoticesText(files, `omneo-widgets ${version}: third-party software in this folder's JavaScript files`),
      });
    },
  };
}

export default defineConfig({
  define: { __OMNEO_VERSION__: JSON.stringify(version) },
  publicDir: false,
  plugins: [chunkDependencies(), minifiedStyles(), thirdPartyNotices()],
  build: {
    outDir: CDN_OUT_DIR,
    emptyOutDir: true,
    copyPublicDir: false,
    target: CDN_TARGET,
    minify: true,
    sourcemap: true,
    // .vite/manifest.json: the chunk graph `npm run size` walks to total what each page loads.
    manifest: true,
    // Library mode: no Vite preload helper or HTML; the loader does its own preloading (above).
    lib: { entry: { 'omneo-widgets': 'src/cdn.ts' }, formats: ['es'] },
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        // Library mode leaves whitespace for downstream bundlers; nothing is downstream of a CDN file. Nor are the
        // /* @__PURE__ */ marks, which the output keeps by default for them.
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
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
          // badge does not load the wishlist's mutations or the wallet's rules. Subgroups under ~2 KB of
          // source are merged into a neighbour rather than cost a request each.
          groups: [
            // The reward wallet is the largest element: its styles ship as a file of their own (preloaded with the
            // element's chunk, so no extra round trip), keeping its chunk clear of the 10,000 B per-file budget
            // with room to grow (gzip: about 7,500 B and 2,000 B apart, about 9,200 B as one file; 9,606 B, 7,218 B
            // and 2,655 B when they were split, 5723baa). Lowest priority: the groups above take Lit and our shared
            // modules first, so this one holds the styles module alone.
            { name: 'reward-wallet-styles', test: /[\\/]src[\\/]components[\\/]reward-wallet[\\/]reward-wallet\.styles\.ts$/, priority: 0 },
            // No element uses decorators now; were one to again, the compiler's decorator helper would go with Lit's.
            { name: 'lit', test: (id) => /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|@oxc-project\+runtime/.test(id) && !ONE_ELEMENT_ONLY.test(id), priority: 5, entriesAware: true, entriesAwareMergeThreshold: 2000 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 4 },
            { name: 'page', test: /[\\/]src[\\/](core[\\/](config|other-tabs|preconnect)|api[\\/](cache|early-token|deadline))\.ts$/, priority: 3 },
            // The data layer every element loads (the base element's store, client and token, the badge's balances, schema
            // and number formatting): one file. Split by entries it was two on every page with an element, the badge's
            // included, since the loader's page controls, catalogue registration and diagnostics (each imported only
            // after element code) import the first part and not the second.
            { name: 'data-core', test: /[\\/]src[\\/](api[\\/](errors|retry|client|store|jwt|token-provider|balances|schemas[\\/](single|coerce|balances))|core[\\/](runtime|format))\.ts$/, priority: 2.5 },
            { name: 'data', test: (id) => /[\\/]src[\\/]api[\\/]/.test(id) && !ONE_ELEMENT_ONLY.test(id), priority: 2, entriesAware: true, entriesAwareMergeThreshold: 2000 },
            // OmneoWidgets.diagnose()'s module is left out: a chunk of its own, loaded only when diagnose() is called.
            { name: 'ui', test: (id) => /[\\/]src[\\/]core[\\/]/.test(id) && !ON_DEMAND_CATALOGUE.test(id) && !ELEMENT_ENGLISH.test(id) && !DIAGNOSE.test(id), priority: 1, entriesAware: true, entriesAwareMergeThreshold: 2000 },
          ],
        },
      },
    },
  },
});
