/**
 * `npm run build`:
 *
 *   dist/cdn/                    the CDN build (vite.config.ts): loader + chunks, flat, with .vite/manifest.json
 *                                and integrity.json (every file's Subresource Integrity hash)
 *   dist/npm/                    the npm build: ES modules mirroring src/ (Lit, zod and React left as
 *                                dependencies), type declarations beside them
 *   dist/custom-elements.json    the Custom Elements Manifest, from the classes' JSDoc
 *   dist/vscode.html-custom-data.json   the same elements as VS Code's HTML custom data (tag and attribute
 *                                completion and hover docs in HTML files)
 *   integrations/shopify/extensions/omneo-loyalty/assets/   a copy of dist/cdn's JavaScript (the theme app
 *                                extension serves it from Shopify's CDN). The folder is created when missing
 *                                (a fresh clone has none: the root .gitignore ignores the copies, and Shopify
 *                                CLI refuses a .gitignore or any other non-asset file inside it)
 *   integrations/shopify/extensions/omneo-loyalty/snippets/omneo-preload.liquid   the modulepreload of the chunks
 *                                the loader imports, by this build's names (the app embed renders it), written
 *                                with the copy and git-ignored like it
 *
 * `--out <dir>` builds into another folder (tests use a temporary one so that they never race a build in
 * dist/), and then skips the Shopify copy unless `--shopify-assets <dir>` names where it should go (an
 * extension's assets/: the preload snippet goes to the snippets/ beside it).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, mergeConfig, type UserConfig } from 'vite';
import { CONFIG_ATTRIBUTES } from '../src/core/config.js';
import { loaderImports } from './loader-imports.js';
import cdnConfig, { minifiedStyles } from '../vite.config.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHOPIFY_EXTENSION_DIR = path.join(REPO_ROOT, 'integrations/shopify/extensions/omneo-loyalty');

export interface BuildOptions {
  /** Output root; default `<repo>/dist`. */
  outDir?: string;
  /** Where to copy the CDN JavaScript for the Shopify extension; null to skip. */
  shopifyAssetsDir?: string | null;
  /** Skip declarations and the manifest (the size check needs only the CDN files). */
  cdnOnly?: boolean;
}

const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

export async function buildAll(options: BuildOptions = {}): Promise<{ outDir: string }> {
  const outDir = path.resolve(options.outDir ?? path.join(REPO_ROOT, 'dist'));
  const cdnDir = path.join(outDir, 'cdn');
  const npmDir = path.join(outDir, 'npm');

  await build(
    mergeConfig(cdnConfig as UserConfig, { configFile: false, root: REPO_ROOT, logLevel: 'warn', build: { outDir: cdnDir } }),
  );

  writeIntegrity(cdnDir);

  const shopifyAssetsDir = options.shopifyAssetsDir === undefined ? (options.outDir ? null : path.join(SHOPIFY_EXTENSION_DIR, 'assets')) : options.shopifyAssetsDir;
  if (shopifyAssetsDir) {
    copyCdnToShopify(cdnDir, shopifyAssetsDir);
    writeShopifyPreload(cdnDir, path.join(path.dirname(shopifyAssetsDir), 'snippets'));
  }
  if (options.cdnOnly) return { outDir };

  rmSync(npmDir, { recursive: true, force: true });
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { __OMNEO_VERSION__: JSON.stringify(version) },
    // An app's bundler minifies the JavaScript but copies a css`` template's text as it is: without this, every app
    // would ship our stylesheets' comments and indentation (a third of their bytes).
    plugins: [minifiedStyles()],
    build: {
      outDir: npmDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      // Consumers bundle and minify; readable modules make their stack traces and our bug reports useful.
      minify: false,
      sourcemap: true,
      lib: {
        entry: {
          index: 'src/index.ts',
          elements: 'src/elements.ts',
          'api/index': 'src/api/index.ts',
          'react/index': 'src/react/index.ts',
          'react/server': 'src/react/server.ts',
          // Every element's class module and define module, so each is importable on its own.
          ...Object.fromEntries(elementFolders().flatMap((folder) => [
            [`components/${folder}/${folder}`, `src/components/${folder}/${folder}.ts`],
            [`components/${folder}/define`, `src/components/${folder}/define.ts`],
          ])),
        },
        formats: ['es'],
      },
      rolldownOptions: {
        // Dependencies stay imports so that an app with its own Lit (or React) has one copy of it.
        external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, /^react(\/|$)/, /^react-dom(\/|$)/],
        output: {
          preserveModules: true,
          preserveModulesRoot: 'src',
          entryFileNames: '[name].js',
          // The wrappers use hooks: React Server Components (Next.js App Router) must treat them as client
          // components. The lib build drops module directives from the source, so the banner adds it back.
          banner: (chunk) => (chunk.fileName === 'react/index.js' ? "'use client';" : ''),
        },
      },
    },
  });

  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--declarationDir', npmDir], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const manifest = await writeCustomElementsManifest(path.join(outDir, 'custom-elements.json'));
  writeEditorCustomData(manifest, path.join(outDir, 'vscode.html-custom-data.json'));
  return { outDir };
}

/**
 * dist/cdn/integrity.json: every JavaScript file of the CDN build → its Subresource Integrity hash (sha384, as
 * jsDelivr and srihash.org give). `npx omneo-widgets-sri <folder URL>` (bin/omneo-widgets-sri.mjs) turns it into the
 * script tag's `integrity` and an import map's `integrity` for the chunks the loader imports (README, Install).
 * Hashed from the written files, so what is hashed is what is served.
 */
function writeIntegrity(cdnDir: string) {
  const files = readdirSync(cdnDir).filter((file) => file.endsWith('.js')).sort();
  const integrity = Object.fromEntries(
    files.map((file) => [file, `sha384-${createHash('sha384').update(readFileSync(path.join(cdnDir, file))).digest('base64')}`]),
  );
  // `preload`: what the loader imports statically, which the tool's tags preload with its hash (README, Performance).
  const preload = loaderImports(cdnDir);
  writeFileSync(path.join(cdnDir, 'integrity.json'), `${JSON.stringify({ version, files: integrity, preload }, null, 2)}\n`);
}

/** Element folders: those with a define.ts (the same rule as the CDN loader's glob). */
export function elementFolders(): string[] {
  const componentsDir = path.join(REPO_ROOT, 'src/components');
  return readdirSync(componentsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(path.join(componentsDir, entry.name)).includes('define.ts'))
    .map((entry) => entry.name)
    .sort();
}

function copyCdnToShopify(cdnDir: string, assetsDir: string) {
  // A fresh clone has no assets/ at all (nothing in it is tracked): create it.
  mkdirSync(assetsDir, { recursive: true });
  for (const file of readdirSync(assetsDir)) {
    if (file.endsWith('.js')) rmSync(path.join(assetsDir, file));
  }
  // Source maps stay out: theme app extensions count every asset against their size limit.
  for (const file of readdirSync(cdnDir)) {
    if (file.endsWith('.js')) copyFileSync(path.join(cdnDir, file), path.join(assetsDir, file));
  }
}

/**
 * snippets/omneo-preload.liquid, which the app embed renders right before the loader's script tag. The loader
 * imports its page chunk statically, so without a preload that chunk is asked for only once the loader has
 * arrived: a second round trip before any element code (README, Performance → Lighthouse). The chunk's name
 * changes with every build, hence a generated snippet rather than a line in the embed.
 *
 * Written whenever the assets are copied (tests' --out builds with --shopify-assets too), so an extension with
 * assets always has it. A tree without a build has neither, which `shopify app deploy` already needs the build
 * for (README, Shopify), and the tests render the embed and run theme-check on a built copy. Not a committed
 * placeholder: every build would then modify a tracked file, and a stale name would be one commit away.
 *
 * `asset_url` appends `?v=<digits>`; the loader's relative import resolves without the query, and a preload
 * of another URL would download the chunk a second time: hence `split: '?' | first`.
 */
function writeShopifyPreload(cdnDir: string, snippetsDir: string) {
  const links = loaderImports(cdnDir).map((file) => `<link rel="modulepreload" href="{{ '${file}' | asset_url | split: '?' | first }}">`);
  mkdirSync(snippetsDir, { recursive: true });
  writeFileSync(
    path.join(snippetsDir, 'omneo-preload.liquid'),
    `{%- comment -%}
  Written by \`npm run build\` (scripts/build.ts) for this build's chunk names; git ignores it. The chunks
  omneo-widgets.js imports, preloaded so that they download beside it rather than after it. Without
  asset_url's ?v= query: the loader's import asks for the plain URL, and another URL would be a second download.
{%- endcomment -%}
${links.join('\n')}
`,
  );
}

interface ManifestAttribute {
  name: string;
  fieldName?: string;
  description?: string;
  type?: { text: string };
  default?: string;
  inheritedFrom?: { name: string; module?: string };
}
interface ManifestDeclaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  cssParts?: { name: string }[];
  slots?: { name: string }[];
  members?: { kind: string; name: string; attribute?: string; type?: { text: string }; default?: string; inheritedFrom?: { name: string; module?: string } }[];
  events?: { name?: string; description?: string; type?: { text: string } }[];
}
interface ManifestModule {
  path: string;
  declarations?: ManifestDeclaration[];
}

/** What each config attribute means, for the manifest (the README's configuration table, shortened). */
const CONFIG_ATTRIBUTE_DESCRIPTIONS: Record<keyof typeof CONFIG_ATTRIBUTES, string> = {
  tokenEndpoint: 'URL of the token-exchange proxy.',
  apiBase: 'Omneo ID API base, e.g. https://api.{tenant}.getomneo.com/id/api/v1.',
  tenant: 'Omneo tenant; derives api-base when that is absent.',
  locale: 'BCP 47 locale; default: <html lang>, then the browser.',
  currency: 'ISO 4217 currency; default: the currency Omneo returns.',
  wishlistHandle: 'Wishlist handle; default "wishlist".',
  tiersEndpoint: "The proxy's tier-ladder route (optional).",
  customer: 'The storefront customer id, not a secret; "" means signed out.',
};

/**
 * The base element declares the config attributes in `static properties`, built from CONFIG_ATTRIBUTES
 * (Object.fromEntries: no decorators since the badge page dropped Lit's decorator code), which the analyzer does not
 * evaluate; this puts the real config attributes on every class.
 */
function fixConfigAttributes(declaration: ManifestDeclaration) {
  const keys = Object.keys(CONFIG_ATTRIBUTES) as (keyof typeof CONFIG_ATTRIBUTES)[];
  let inheritedFrom: { name: string; module?: string } | undefined;
  for (const member of declaration.members ?? []) {
    const key = keys.find((each) => each === member.name);
    if (!key || member.kind !== 'field') continue;
    member.attribute = CONFIG_ATTRIBUTES[key];
    inheritedFrom ??= member.inheritedFrom;
  }
  if (!declaration.members?.some((member) => keys.includes(member.name as never))) return;
  const configNames = new Set<string>(Object.values(CONFIG_ATTRIBUTES));
  const others = (declaration.attributes ?? []).filter(
    (attribute) => !keys.includes(attribute.fieldName as never) && !configNames.has(attribute.name),
  );
  declaration.attributes = [
    ...others,
    ...keys.map((key) => ({
      name: CONFIG_ATTRIBUTES[key],
      fieldName: key,
      description: CONFIG_ATTRIBUTE_DESCRIPTIONS[key],
      type: { text: 'string | undefined' },
      ...(inheritedFrom ? { inheritedFrom } : {}),
    })),
  ];
}

/**
 * The analyzer describes an attribute from its `static properties` entry: no type when the entry names none,
 * and a default that is a constant's name (`DEFAULT_PAGE_SIZE`); the field it sets has both, as a wrapper
 * generator needs them.
 */
function attributesFromFields(declaration: ManifestDeclaration) {
  for (const attribute of declaration.attributes ?? []) {
    const field = declaration.members?.find((member) => member.kind === 'field' && member.name === attribute.fieldName);
    if (!field) continue;
    attribute.type ??= field.type;
    const constantName = attribute.default !== undefined && /^[A-Z][A-Z0-9_]*$/.test(attribute.default);
    if (field.default !== undefined && (attribute.default === undefined || constantName)) attribute.default = field.default;
  }
}

/** The few nodes of the analyzer's TypeScript 5 AST that `baseElementPlugin` reads. */
interface AstNode {
  kind: number;
  getText(): string;
}
interface AnalyzerTs {
  SyntaxKind: { StaticKeyword: number; TrueKeyword: number };
  forEachChild(node: AstNode, visit: (child: AstNode) => void): void;
  isClassDeclaration(node: AstNode): node is AstNode & { name?: AstNode; members: AstNode[] };
  isPropertyDeclaration(node: AstNode): node is AstNode & { name: AstNode; modifiers?: AstNode[]; initializer?: AstNode };
  isObjectLiteralExpression(node: AstNode): node is AstNode & { properties: AstNode[] };
  isPropertyAssignment(node: AstNode): node is AstNode & { name: AstNode; initializer: AstNode };
  isCallExpression(node: AstNode): node is AstNode & { expression: AstNode; arguments: AstNode[] };
  isNewExpression(node: AstNode): node is AstNode & { arguments?: AstNode[] };
  isPropertyAccessExpression(node: AstNode): node is AstNode & { expression: AstNode; name: AstNode };
  isIdentifier(node: AstNode): boolean;
  isStringLiteralLike(node: AstNode): node is AstNode & { text: string };
}

/**
 * Two things the analyzer gets wrong about a base element like ours, removed before inheritance copies them
 * to every element:
 * - `static properties = {config: {state: true}}` becomes an attribute `config`: its Lit support knows
 *   `@state()` but not the static form (which the base uses to keep decorator code off the badge page).
 *   Internal reactive state is neither an attribute nor public API.
 * - `this.dispatchEvent(new CustomEvent(name, …))` in the typed `emit()` becomes an event called `name` (the
 *   identifier). An event name that is not a literal names no event; the real ones are each class's `@fires`.
 */
function baseElementPlugin() {
  const found = new Map<string, { state: Set<string>; computedEvents: Set<string> }>();
  const key = (modulePath: string | undefined, className: string) => `${modulePath}#${className}`;
  return {
    name: 'omneo: internal state and computed event names',
    analyzePhase({ ts, node, moduleDoc }: { ts: AnalyzerTs; node: AstNode; moduleDoc: { path?: string } }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const state = new Set<string>();
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        if (!member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword)) continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const property of member.initializer.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
          const isState = property.initializer.properties.some(
            (option) => ts.isPropertyAssignment(option) && option.name.getText() === 'state' && option.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) state.add(property.name.getText());
        }
      }
      const computedEvents = new Set<string>();
      const visit = (child: AstNode) => {
        if (ts.isCallExpression(child) && child.expression.getText() === 'this.dispatchEvent') {
          for (const argument of child.arguments) {
            const eventName = ts.isNewExpression(argument) ? argument.arguments?.[0] : undefined;
            if (eventName && !ts.isStringLiteralLike(eventName)) computedEvents.add(eventName.getText());
          }
        }
        ts.forEachChild(child, visit);
      };
      ts.forEachChild(node, visit);
      found.set(key(moduleDoc.path, node.name.getText()), { state, computedEvents });
    },
    moduleLinkPhase({ moduleDoc }: { moduleDoc: ManifestModule }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const internal = found.get(key(moduleDoc.path, declaration.name));
        if (!internal) continue;
        declaration.attributes = declaration.attributes?.filter((attribute) => !internal.state.has(attribute.fieldName ?? attribute.name));
        for (const member of declaration.members ?? []) {
          if (internal.state.has(member.name)) delete member.attribute;
        }
        declaration.events = declaration.events?.filter((event) => event.name !== undefined && !internal.computedEvents.has(event.name));
      }
    },
  };
}

/** A valid custom element name has a hyphen; `tag`, a parameter, does not. */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

interface ManifestExport {
  kind: string;
  name: string;
  declaration: { name: string; module?: string; package?: string };
}

/**
 * Custom element definitions as our code makes them. The analyzer knows `customElements.define('x-y', Class)`
 * only, so:
 * - each `define.ts` (`OmneoPointsBalance.define('omneo-points-balance')`, the base element's safe static
 *   `define`) gets the custom-element-definition export it makes, pointing at the imported class;
 * - the base element's own `customElements.define(tag, this)` is not a definition: the analyzer would export an
 *   element named "tag" with an anonymous class.
 */
function definitionsPlugin() {
  const found = new Map<string, ManifestExport[]>();
  return {
    name: 'omneo: element definitions by the static define()',
    analyzePhase({ ts, node, moduleDoc, context }: { ts: AnalyzerTs; node: AstNode; moduleDoc: { path?: string }; context: { imports?: { name: string; importPath: string }[] } }) {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.getText() !== 'define') return;
      const [tag] = node.arguments;
      const className = node.expression.expression;
      if (!tag || !ts.isStringLiteralLike(tag) || !CUSTOM_ELEMENT_NAME.test(tag.text) || !ts.isIdentifier(className)) return;
      const imported = context.imports?.find((each) => each.name === className.getText());
      const module = imported ? path.posix.join(path.posix.dirname(moduleDoc.path ?? ''), imported.importPath) : moduleDoc.path;
      const definitions = found.get(moduleDoc.path ?? '') ?? [];
      definitions.push({ kind: 'custom-element-definition', name: tag.text, declaration: { name: className.getText(), module } });
      found.set(moduleDoc.path ?? '', definitions);
    },
    moduleLinkPhase({ moduleDoc }: { moduleDoc: ManifestModule & { exports?: ManifestExport[] } }) {
      moduleDoc.exports = (moduleDoc.exports ?? []).filter((each) => each.kind !== 'custom-element-definition' || CUSTOM_ELEMENT_NAME.test(each.name));
      for (const definition of found.get(moduleDoc.path) ?? []) {
        if (!moduleDoc.exports.some((each) => each.kind === definition.kind && each.name === definition.name)) moduleDoc.exports.push(definition);
      }
    },
  };
}

/** The few parts of the analyzer's TypeScript 5 checker API that `eventDetailTypes` reads. */
interface CheckerTs {
  createProgram(rootNames: string[], options: Record<string, unknown>): {
    getSourceFile(file: string): { statements: AstNode[] } | undefined;
    getTypeChecker(): TypeChecker;
  };
  isInterfaceDeclaration(node: AstNode): node is AstNode & { name: AstNode & { text: string } };
  TypeFlags: { Boolean: number; BooleanLiteral: number; Object: number; Null: number; Undefined: number };
  SymbolFlags: { Optional: number };
  SignatureKind: { Call: number };
  ModuleKind: { ESNext: number };
  ScriptTarget: { ES2022: number };
  ModuleResolutionKind: { Bundler: number };
}
interface CheckerType {
  flags: number;
  isUnion(): this is CheckerType & { types: CheckerType[] };
}
interface TypeChecker {
  getTypeAtLocation(node: AstNode): CheckerType;
  getPropertiesOfType(type: CheckerType): { name: string; flags: number }[];
  getTypeOfSymbolAtLocation(symbol: { name: string; flags: number }, node: AstNode): CheckerType;
  getSignaturesOfType(type: CheckerType, kind: number): unknown[];
  typeToString(type: CheckerType): string;
}

/**
 * `CustomEvent<{…}>` for every event in `OmneoEventDetails` (src/core/events.ts), the typed map the elements'
 * `emit()` takes, written out in full (aliases such as `OmneoErrorKind` expanded): a wrapper generator copies the
 * text into code that cannot import our types, and would otherwise type every event `CustomEvent<unknown>`.
 */
function eventDetailTypes(ts: CheckerTs): Map<string, string> {
  const file = path.join(REPO_ROOT, 'src/core/events.ts');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const map = source?.statements.find((statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === 'OmneoEventDetails');
  if (!map) throw new Error('src/core/events.ts: no interface OmneoEventDetails');
  const print = (type: CheckerType): string => {
    if (type.isUnion()) {
      // As the source writes them: `boolean` rather than `false | true`, `null` and `undefined` last.
      const empty = ts.TypeFlags.Null | ts.TypeFlags.Undefined;
      const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.BooleanLiteral));
      const hasBoolean = members.length < type.types.length;
      const [values, nothing] = [members.filter((member) => !(member.flags & empty)), members.filter((member) => member.flags & empty)];
      return [...values.map(print), ...(hasBoolean ? ['boolean'] : []), ...nothing.map(print)].join(' | ');
    }
    if (type.flags & ts.TypeFlags.Object && checker.getSignaturesOfType(type, ts.SignatureKind.Call).length === 0) {
      const properties = checker.getPropertiesOfType(type).map((property) => {
        const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
        return `${property.name}${optional}: ${print(checker.getTypeOfSymbolAtLocation(property, map))}`;
      });
      return `{ ${properties.join('; ')} }`;
    }
    return checker.typeToString(type);
  };
  const details = new Map<string, string>();
  for (const event of checker.getPropertiesOfType(checker.getTypeAtLocation(map))) {
    details.set(event.name, `CustomEvent<${print(checker.getTypeOfSymbolAtLocation(event, map))}>`);
  }
  return details;
}

/** A source path as shipped: src/*.ts → dist/npm/*.js. */
const shipped = (source: string) => source.replace(/^\/?src\//, 'dist/npm/').replace(/\.ts$/, '.js');

/**
 * Rewrites every module reference in the manifest (module paths, superclasses, exports and the
 * `inheritedFrom` of attributes, members, events, slots, parts and CSS properties) to the shipped file.
 */
function shipModulePaths(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(shipModulePaths);
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string') record[key] = shipped(value);
    else shipModulePaths(value);
  }
}

/**
 * The analyzer of `cem analyze --litelement` (and `baseElementPlugin`), run programmatically over the element
 * folders and the base element (so the config attributes every element inherits are listed; the CLI would also
 * rewrite package.json), then paths rewritten from src/*.ts to the shipped dist/npm/*.js.
 */
export async function writeCustomElementsManifest(file: string): Promise<{ modules: ManifestModule[] }> {
  const { create, ts } = await import('@custom-elements-manifest/analyzer');
  const { litPlugin } = await import('@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js');
  const sources = [
    'src/core/omneo-element.ts',
    ...elementFolders().flatMap((folder) =>
      readdirSync(path.join(REPO_ROOT, 'src/components', folder))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.styles.ts'))
        .map((name) => `src/components/${folder}/${name}`),
    ),
  ];
  const modules = sources.map((source) =>
    ts.createSourceFile(source, readFileSync(path.join(REPO_ROOT, source), 'utf8'), ts.ScriptTarget.ES2015, true),
  );
  const manifest = create({ modules, plugins: [...litPlugin(), baseElementPlugin(), definitionsPlugin()], context: { dev: false } }) as { modules: ManifestModule[] };
  const detailTypes = eventDetailTypes(ts as unknown as CheckerTs);
  const unions = literalUnionAliases(sources.map((source) => readFileSync(path.join(REPO_ROOT, source), 'utf8')));
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      // `filter: WalletFilter` would reach wrapper generators and editors as a name they cannot resolve.
      for (const typed of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) {
        const union = typed.type && unions.get(typed.type.text);
        if (union) typed.type = { text: union };
      }
      for (const event of declaration.events ?? []) {
        const type = event.name === undefined ? undefined : detailTypes.get(event.name);
        if (type) event.type = { text: type };
      }
      // `@attr token-endpoint, api-base, … - see the configuration table` is prose for readers; the real
      // config attributes come from the base class.
      if (declaration.attributes) declaration.attributes = declaration.attributes.filter((attribute) => /^[a-z][a-z0-9-]*$/.test(attribute.name));
      fixConfigAttributes(declaration);
      attributesFromFields(declaration);
    }
  }
  shipModulePaths(manifest);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** `type WalletFilter = 'active' | 'inactive' | 'all';` in the element sources, by name. */
function literalUnionAliases(sourceTexts: string[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const text of sourceTexts) {
    for (const match of text.matchAll(/^(?:export )?type (\w+) = ((?:'[^']*'\s*\|\s*)+'[^']*');$/gm)) aliases.set(match[1]!, match[2]!.replace(/\s+/g, ' '));
  }
  return aliases;
}

/** The values an attribute typed as a union of string literals takes (`'default' | 'compact'`), else none. */
function literalValues(typeText: string | undefined): string[] {
  const members = (typeText ?? '').split('|').map((member) => member.trim()).filter((member) => member !== 'undefined');
  const literals = members.map((member) => /^'([^']*)'$|^"([^"]*)"$/.exec(member)).map((match) => match?.[1] ?? match?.[2]);
  return literals.length > 0 && literals.every((literal) => literal !== undefined) ? (literals as string[]) : [];
}

/**
 * VS Code's HTML custom data (format 1.1), from the manifest: each tag with its summary, parts, slots and events
 * on hover, and its attributes with their descriptions and, for a closed set (`variant`), their values. A
 * developer points `html.customData` at it (README, npm and React) and gets completion while writing a theme's
 * markup. Written from the manifest rather than the sources so that the two never disagree.
 */
export function writeEditorCustomData(manifest: { modules: ManifestModule[] }, file: string): void {
  const list = (label: string, names: (string | undefined)[] | undefined) => {
    const shown = (names ?? []).filter((name): name is string => Boolean(name));
    return shown.length > 0 ? `${label}: ${shown.map((name) => `\`${name}\``).join(', ')}.` : '';
  };
  const tags = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.tagName!.localeCompare(b.tagName!))
    .map((declaration) => ({
      name: declaration.tagName!,
      description: {
        kind: 'markdown',
        value: [
          declaration.summary?.replace(/\n/g, ' ') ?? '',
          list('Events', declaration.events?.map((event) => event.name)),
          list('Parts', declaration.cssParts?.map((part) => part.name)),
          list('Slots', declaration.slots?.map((slot) => slot.name)),
        ]
          .filter(Boolean)
          .join('\n\n'),
      },
      attributes: (declaration.attributes ?? []).map((attribute) => {
        const values = literalValues(attribute.type?.text);
        return {
          name: attribute.name,
          ...(attribute.description ? { description: attribute.description } : {}),
          ...(values.length > 0 ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    }));
  writeFileSync(file, `${JSON.stringify({ version: 1.1, tags }, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'shopify-assets': { type: 'string' }, 'cdn-only': { type: 'boolean' } } });
  const { outDir } = await buildAll({
    outDir: values.out,
    shopifyAssetsDir: values['shopify-assets'],
    cdnOnly: values['cdn-only'],
  });
  const what = values['cdn-only'] ? 'cdn/' : 'cdn/, npm/ and custom-elements.json';
  console.log(`Built ${what} in ${path.relative(process.cwd(), outDir) || '.'}`);
}
