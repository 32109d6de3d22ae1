/**
 * The public API a merchant's page or app depends on, read from a build: what the embed contract (design.md) and the
 * package promise, as one sorted JSON document. public-api.json at the repository's root is the last one reviewed;
 * test/server/publish.test.ts fails when a build's differs, so that no tag, attribute, event, part, CSS property,
 * config key, `window.OmneoWidgets` member or export changes by accident (README, Versioning).
 *
 *   npm run public-api            prints what differs from public-api.json (exit 1 when anything does)
 *   npm run public-api -- --write writes the build's public API to public-api.json (after `npm run build`)
 *
 * Sources: dist/custom-elements.json (from the classes' JSDoc: tags, attributes, public properties and methods,
 * events, slots, parts, CSS properties), the shipped type declarations (each export's names and kinds, and the React
 * wrappers' event props, read with the TypeScript 5.4 compiler API that test/typescript-5.4 installs: TypeScript 7
 * has no JavaScript API),
 * package.json (exports map, bin) and src/cdn.ts and src/core/config.ts for the CDN global and the config keys.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_ATTRIBUTES } from '../src/core/config.js';
import { ensureTypeScript54 } from './typescript-5.4.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLIC_API_FILE = path.join(REPO_ROOT, 'public-api.json');

export interface ElementApi {
  attributes: string[];
  properties: string[];
  methods: string[];
  events: string[];
  slots: string[];
  cssParts: string[];
  cssProperties: string[];
}

export interface PublicApi {
  /** Tag → what a page can set, call, listen to and style. */
  elements: Record<string, ElementApi>;
  /** `window.OmneoWidgets` (the CDN build). */
  cdnGlobal: string[];
  /** `configure()` / `<script id="omneo-config">` keys, and the attribute each may also be given as. */
  config: Record<string, string | null>;
  /** Every event an element emits (OmneoEventDetails). */
  events: string[];
  /** Events the page may dispatch on `document` for the widgets to hear (`omneo-refresh`, `omneo-logout`). */
  pageEvents: string[];
  /** package.json export path → its named exports ("name (kind)"); patterns expanded to the shipped modules. */
  exports: Record<string, string[]>;
  /** `omneo-widgets/react`: each wrapper's event props (`onOmneoAddToCart`), which an app passes its handlers to. */
  react: Record<string, string[]>;
  bin: string[];
}

interface ManifestMember {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
}
interface ManifestDeclaration {
  tagName?: string;
  attributes?: { name: string }[];
  members?: ManifestMember[];
  events?: { name?: string }[];
  slots?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

/**
 * The part of TypeScript 5.4's compiler API used here. Typed by hand: the repository's `typescript` is 7, whose
 * package has no such API (nor its types), and test/typescript-5.4 may not be installed when `npm run typecheck` runs.
 */
interface TsSymbol {
  name: string;
  flags: number;
}
interface TsSourceFile {
  fileName: string;
}
interface TsType {
  aliasTypeArguments?: readonly TsType[];
  getProperties(): TsSymbol[];
}
interface TsChecker {
  getSymbolAtLocation(node: TsSourceFile): TsSymbol | undefined;
  getTypeOfSymbol(symbol: TsSymbol): TsType;
  getExportsOfModule(moduleSymbol: TsSymbol): TsSymbol[];
  getAliasedSymbol(symbol: TsSymbol): TsSymbol;
  getDeclaredTypeOfSymbol(symbol: TsSymbol): TsType;
}
interface TypeScript54 {
  createProgram(files: string[], options: Record<string, unknown>): { getSourceFile(file: string): TsSourceFile | undefined; getTypeChecker(): TsChecker };
  SymbolFlags: Record<'Class' | 'Function' | 'Variable' | 'Enum' | 'Interface' | 'TypeAlias' | 'Alias', number>;
  ScriptTarget: { ES2022: number };
  ModuleKind: { NodeNext: number };
  ModuleResolutionKind: { NodeNext: number };
}

const names = (list: { name?: string }[] | undefined) => [...new Set((list ?? []).map((each) => each.name ?? '').filter(Boolean))].sort();

function elementsApi(distDir: string): Record<string, ElementApi> {
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: ManifestDeclaration[] }[] };
  const elements: Record<string, ElementApi> = {};
  for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
    if (!declaration.tagName) continue;
    // What a page or app may use: neither private nor protected (subclasses are not a promise of ours).
    const open = (declaration.members ?? []).filter((member) => !member.privacy || member.privacy === 'public');
    const label = (member: ManifestMember) => (member.static ? `static ${member.name}` : member.name);
    elements[declaration.tagName] = {
      attributes: names(declaration.attributes),
      properties: [...new Set(open.filter((member) => member.kind === 'field').map(label))].sort(),
      methods: [...new Set(open.filter((member) => member.kind === 'method').map(label))].sort(),
      events: names(declaration.events),
      // The default slot has no name in the manifest (""), which names() drops: it is public all the same (the hub's).
      slots: names(declaration.slots?.map((slot) => ({ name: slot.name || '(default)' }))),
      cssParts: names(declaration.cssParts),
      cssProperties: names(declaration.cssProperties),
    };
  }
  return sortedKeys(elements);
}

function loadTypeScript(): TypeScript54 {
  return createRequire(import.meta.url)(ensureTypeScript54()) as TypeScript54;
}

function kindOf(ts: TypeScript54, symbol: TsSymbol): string {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) return 'class';
  if (flags & ts.SymbolFlags.Function) return 'function';
  if (flags & ts.SymbolFlags.Variable) return 'const';
  if (flags & ts.SymbolFlags.Enum) return 'enum';
  if (flags & ts.SymbolFlags.Interface) return 'interface';
  if (flags & ts.SymbolFlags.TypeAlias) return 'type';
  return 'other';
}

/** Export path → declaration file, patterns expanded over what the build wrote. */
function exportedModules(distDir: string): Record<string, string> {
  const { exports } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { types?: string }> };
  const modules: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(exports)) {
    const types = typeof target === 'string' ? undefined : target.types;
    if (!types) continue;
    const file = (relative: string) => path.join(distDir, relative.replace(/^\.\/dist\//, ''));
    if (!subpath.includes('*')) {
      modules[subpath] = file(types);
      continue;
    }
    // "./components/*.js" and "./components/*" name the same modules; the extensionless form is listed.
    if (subpath.endsWith('*.js')) continue;
    const [prefix, suffix] = types.split('*') as [string, string];
    const root = file(prefix);
    for (const folder of readdirSync(root)) {
      for (const declarations of readdirSync(path.join(root, folder)).filter((name) => name.endsWith(suffix))) {
        const stem = `${folder}/${declarations.slice(0, -suffix.length)}`;
        modules[subpath.replace('*', stem)] = path.join(root, folder, declarations);
      }
    }
  }
  return modules;
}

/** Property names of an interface (or a type alias of an object type) exported by a source file. */
function propertiesOf(ts: TypeScript54, checker: TsChecker, source: TsSourceFile, name: string): string[] {
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const symbol = checker.getExportsOfModule(moduleSymbol).find((each) => each.name === name);
  if (!symbol) throw new Error(`${path.relative(REPO_ROOT, source.fileName)} does not export ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol).getProperties().map((property) => property.name).sort();
}

/**
 * Each React wrapper's event props: the second type argument of @lit/react's `ReactWebComponent<Element, Events>`,
 * the wrapper's declared type. Written by hand per wrapper (src/react/index.ts), so one can go missing on its own.
 */
function reactEventProps(checker: TsChecker, source: TsSourceFile): Record<string, string[]> {
  const wrappers: Record<string, string[]> = {};
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
    const events = checker.getTypeOfSymbol(symbol).aliasTypeArguments?.[1];
    if (events) wrappers[symbol.name] = events.getProperties().map((property) => property.name).sort();
  }
  return sortedKeys(wrappers);
}

export function readPublicApi(distDir = path.join(REPO_ROOT, 'dist')): PublicApi {
  if (!existsSync(path.join(distDir, 'custom-elements.json')) || !existsSync(path.join(distDir, 'npm/index.d.ts'))) {
    throw new Error(`No build in ${path.relative(process.cwd(), distDir) || '.'}: the public API is read from it. Run \`npm run build\` first.`);
  }
  const ts = loadTypeScript();
  const modules = exportedModules(distDir);
  const sources = { cdn: path.join(REPO_ROOT, 'src/cdn.ts'), config: path.join(REPO_ROOT, 'src/core/config.ts'), events: path.join(REPO_ROOT, 'src/core/events.ts') };
  const program = ts.createProgram([...Object.values(modules), ...Object.values(sources)], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const exports: Record<string, string[]> = {};
  for (const [subpath, file] of Object.entries(modules)) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${subpath}: ${path.relative(REPO_ROOT, file)} was not built`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    exports[subpath] = moduleSymbol
      ? checker.getExportsOfModule(moduleSymbol).map((symbol) => {
          const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
          return `${symbol.name} (${kindOf(ts, target)})`;
        }).sort()
      : [];
  }
  const configKeys = propertiesOf(ts, checker, program.getSourceFile(sources.config)!, 'OmneoConfig');
  const { bin } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  return {
    elements: elementsApi(distDir),
    cdnGlobal: propertiesOf(ts, checker, program.getSourceFile(sources.cdn)!, 'OmneoWidgetsGlobal'),
    config: Object.fromEntries(configKeys.map((key) => [key, (CONFIG_ATTRIBUTES as Record<string, string>)[key] ?? null])),
    events: propertiesOf(ts, checker, program.getSourceFile(sources.events)!, 'OmneoEventDetails'),
    pageEvents: listenedEvents(distDir),
    exports: sortedKeys(exports),
    react: reactEventProps(checker, program.getSourceFile(modules['./react']!)!),
    bin: Object.keys(bin ?? {}).sort(),
  };
}

/** The omneo-* events the built code (both builds) listens for: what a page can dispatch to it. */
function listenedEvents(distDir: string): string[] {
  const heard = new Set<string>();
  const read = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) read(file);
      else if (entry.name.endsWith('.js')) {
        for (const [, name] of readFileSync(file, 'utf8').matchAll(/addEventListener\(\s*["'`](omneo-[a-z-]+)["'`]/g)) heard.add(name!);
      }
    }
  };
  read(path.join(distDir, 'npm'));
  read(path.join(distDir, 'cdn'));
  return [...heard].sort();
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function formatPublicApi(api: PublicApi): string {
  return `${JSON.stringify(api, null, 2)}\n`;
}

/** One line per difference: "+ elements.omneo-wishlist.events: omneo-wishlist-shared", "- exports.\".\": define (function)". */
export function publicApiChanges(reviewed: unknown, built: unknown, at = ''): string[] {
  if (Array.isArray(reviewed) && Array.isArray(built)) {
    const before = new Set(reviewed.map(String));
    const after = new Set(built.map(String));
    return [...[...before].filter((each) => !after.has(each)).map((each) => `- ${at}: ${each}`), ...[...after].filter((each) => !before.has(each)).map((each) => `+ ${at}: ${each}`)];
  }
  if (reviewed && built && typeof reviewed === 'object' && typeof built === 'object') {
    const keys = [...new Set([...Object.keys(reviewed), ...Object.keys(built)])];
    return keys.flatMap((key) => {
      const where = at ? `${at}.${key}` : key;
      if (!(key in built)) return [`- ${where}`];
      if (!(key in reviewed)) return [`+ ${where}`];
      return publicApiChanges((reviewed as Record<string, unknown>)[key], (built as Record<string, unknown>)[key], where);
    });
  }
  return JSON.stringify(reviewed) === JSON.stringify(built) ? [] : [`~ ${at}: ${JSON.stringify(reviewed)} → ${JSON.stringify(built)}`];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let built: PublicApi;
  try {
    built = readPublicApi();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (process.argv.includes('--write')) {
    writeFileSync(PUBLIC_API_FILE, formatPublicApi(built));
    console.log(`Wrote ${path.relative(process.cwd(), PUBLIC_API_FILE)}`);
  } else {
    const reviewed = existsSync(PUBLIC_API_FILE) ? (JSON.parse(readFileSync(PUBLIC_API_FILE, 'utf8')) as PublicApi) : {};
    const changes = publicApiChanges(reviewed, built);
    console.log(changes.length ? changes.join('\n') : 'The build\'s public API is public-api.json\'s.');
    process.exitCode = changes.length ? 1 : 0;
  }
}
