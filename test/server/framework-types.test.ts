/**
 * The Svelte and Vue examples type-checked as a merchant's project checks them: `svelte-check` (what `sv create`'s
 * `check` script runs) on integrations/svelte, `vue-tsc` (what `npm create vue`'s `type-check` script and
 * `nuxi typecheck` run) on integrations/vue, .ts files, .svelte and .vue alike. svelte-ssr.test.ts and vue-ssr.test.ts
 * compile the components, which strips the types unchecked, and the repository's tsconfig leaves integrations/ out:
 * without this, a change to the package's types (an event's detail, `configure()`'s options, an export) could break a
 * merchant's build with every test green.
 *
 * Both checkers need TypeScript's JS API (5.x), the repository builds with 7 (native, none): test/framework-types/ is
 * a package of its own (the checkers and TypeScript 5.9 only; svelte, vue and vite resolve from the repository's
 * node_modules), installed by .ci/run or by this test's first run when missing.
 *
 * Against the package's declarations as `tsc -p tsconfig.build.json` emits them into dist/npm, mapped to
 * `omneo-widgets` (as angular-aot.test.ts does): that is what an app gets from npm, and the checkers' TypeScript 5.9
 * could not compile src/ itself (it needs 7's DOM types). The package's exports map and its declarations are checked
 * on their own by packaging.test.ts (TypeScript 5.4 and 7). The tsconfig is a merchant's: the strict options of the
 * Svelte and Vue templates (strict, bundler resolution, verbatimModuleSyntax, skipLibCheck) with the repository's
 * noUncheckedIndexedAccess, so an example that passes here passes under either.
 *
 * The examples are copied into a temporary folder and checked there: svelte-check takes the first vite.config or
 * svelte.config above a component, which for integrations/svelte is the repository's vite.config.ts (no Svelte plugin:
 * an error); beside the copy is an empty svelte.config.js, as a project has one.
 *
 * What it shows: both examples check with no diagnostic (Svelte's warnings included); a wrong detail field in a
 * handler, a misspelt or mistyped `configure()` option in each entry file are errors naming the file and line. Not
 * checked, by either checker: what is bound or listened to on an omneo- tag (neither Svelte's nor Vue's element types
 * know these tags, and the package declares them for neither), so a handler typed with another event's detail there,
 * or an object bound to `page-size` or `customer`, passes; the same handler on a `<button>` fails. With vue-tsc's strictTemplates
 * (off by default) each omneo- tag is an unknown component, an error (README, Vue).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../../scripts/build.js';

const FOLDER = path.join(REPO_ROOT, 'test/framework-types');
const SVELTE_CHECK = path.join(FOLDER, 'node_modules/svelte-check/bin/svelte-check');
const VUE_TSC = path.join(FOLDER, 'node_modules/vue-tsc/bin/vue-tsc.js');
const PINNED = (JSON.parse(readFileSync(path.join(FOLDER, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
const version = (folder: string, name: string): string | undefined => {
  const file = path.join(folder, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
};

/** test/framework-types's checkers, installed (`npm ci` there) when missing or not the versions its package.json pins. */
function ensureCheckers(): void {
  if (Object.entries(PINNED).every(([name, pinned]) => version(FOLDER, name) === pinned)) return;
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: FOLDER, stdio: 'pipe' });
  } catch (error) {
    assert.fail(`svelte-check and vue-tsc are not installed and could not be (run \`npm ci --prefix test/framework-types\`):\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
}

interface Diagnostic {
  /** The example's file, as in the repository (`integrations/svelte/LoyaltyPanel.svelte`). */
  file: string;
  /** 1-based. */
  line: number;
  code: string;
  message: string;
}

let work: string;

/** A merchant's compiler options (see the top of this file), `omneo-widgets` mapped to the emitted declarations. */
const compilerOptions = (paths: Record<string, string[]> = {}) => ({
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
  paths: { 'omneo-widgets': [path.join(work, 'types/index.d.ts')], ...paths },
});

/**
 * A copy of integrations/<example> in the work folder as `name`, with each [file, from, to] change made (each must
 * match), and the file texts by name (to find lines in).
 */
function project(example: 'svelte' | 'vue', name: string, changes: [file: string, from: string | RegExp, to: string][] = []): { dir: string; texts: Map<string, string> } {
  const dir = path.join(work, name);
  cpSync(path.join(REPO_ROOT, 'integrations', example), dir, { recursive: true });
  const texts = new Map<string, string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (/\.(ts|svelte|vue)$/.test(file)) texts.set(file, readFileSync(path.join(dir, file), 'utf8'));
  }
  for (const [file, from, to] of changes) {
    const text = texts.get(file);
    assert.ok(text !== undefined, `${name}: integrations/${example}/${file} is missing`);
    const changed = text.replace(from, to);
    assert.notEqual(changed, text, `${name}: ${String(from)} is no longer in integrations/${example}/${file}`);
    texts.set(file, changed);
    writeFileSync(path.join(dir, file), changed);
  }
  return { dir, texts };
}

/** The 1-based line of the first line of `text` that includes `part`. */
const lineOf = (text: string | undefined, part: string) => (text ?? '').split('\n').findIndex((line) => line.includes(part)) + 1;

/** svelte-check on a copy of integrations/svelte: its exit status and its diagnostics (errors and warnings). */
function svelteCheck(name: string, changes: [string, string | RegExp, string][] = []) {
  const { dir, texts } = project('svelte', name, changes);
  writeFileSync(path.join(dir, 'svelte.config.js'), 'export default {};\n');
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: compilerOptions(), include: ['**/*.ts', '**/*.svelte'] }));
  const result = spawnSync(
    process.execPath,
    [SVELTE_CHECK, '--workspace', dir, '--tsconfig', path.join(dir, 'tsconfig.json'), '--output', 'machine-verbose', '--fail-on-warnings'],
    { cwd: dir, encoding: 'utf8' },
  );
  const output = `${result.stdout}${result.stderr}`;
  // One JSON object a line after a timestamp; `line` is 0-based.
  const diagnostics = [...output.matchAll(/^\d+ (\{.*\})$/gm)].map(([, json]) => {
    const found = JSON.parse(json!) as { type: string; filename: string; start: { line: number }; code?: number | string; message: string };
    return { file: path.join('integrations/svelte', found.filename), line: found.start.line + 1, code: `${found.type} ${found.code ?? ''}`.trim(), message: found.message };
  });
  return { status: result.status, diagnostics, output, texts };
}

/**
 * vue-tsc on a copy of integrations/vue: its exit status and its diagnostics. `@vitejs/plugin-vue` (vite.config.ts)
 * is test/framework-types's. Nuxt's auto-imports (`defineNuxtConfig`, `defineNuxtPlugin`: in a Nuxt app, declared by
 * the .nuxt/ types nuxi generates from nuxt's own) are declared here with the part of their signatures these files
 * use, as nuxt itself (its whole install) is not: `vue.compilerOptions` is Vue's CompilerOptions, a plugin a function.
 */
function vueTsc(name: string, changes: [string, string | RegExp, string][] = [], vueCompilerOptions: Record<string, unknown> = {}) {
  const { dir, texts } = project('vue', name, changes);
  writeFileSync(
    path.join(dir, 'nuxt-auto-imports.d.ts'),
    [
      "declare function defineNuxtConfig(config: { vue?: { compilerOptions?: import('@vue/compiler-dom').CompilerOptions } }): unknown;",
      'declare function defineNuxtPlugin(plugin: (nuxtApp: unknown) => void | Promise<void>): unknown;',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions({ '@vitejs/plugin-vue': [path.join(FOLDER, 'node_modules/@vitejs/plugin-vue/dist/index.d.mts')] }), jsx: 'preserve' },
      vueCompilerOptions,
      include: ['**/*.ts', '**/*.vue'],
    }),
  );
  const result = spawnSync(process.execPath, [VUE_TSC, '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  // file(line,column): error TSnnnn: message
  const diagnostics = [...output.matchAll(/^(\S.*?)\((\d+),\d+\): error (\w+): (.*)$/gm)].map(([, file, line, code, message]) => ({
    file: path.join('integrations/vue', path.relative(dir, path.resolve(dir, file!))),
    line: Number(line),
    code: code!,
    message: message!,
  }));
  return { status: result.status, diagnostics, output, texts };
}

const places = (diagnostics: Diagnostic[]) => diagnostics.map(({ file, line, code }) => ({ file, line, code }));

before(() => {
  ensureCheckers();
  work = mkdtempSync(path.join(tmpdir(), 'omneo-framework-types-'));
  // svelte, vue and vite for the copies, as an app's node_modules has them.
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  // The package's declarations, as the build emits them into dist/npm (scripts/build.ts).
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--declarationDir', path.join(work, 'types')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("test/framework-types has the pinned checkers on TypeScript 5, and no svelte, vue or vite of its own (the repository's are checked against)", () => {
  for (const [name, pinned] of Object.entries(PINNED)) assert.equal(version(FOLDER, name), pinned, name);
  assert.match(version(FOLDER, 'typescript') ?? '', /^5\./);
  for (const name of ['svelte', 'vue', 'vite']) {
    assert.equal(version(FOLDER, name), undefined, `test/framework-types/node_modules/${name}: its .npmrc (legacy-peer-deps) should leave peers to the repository's`);
    assert.ok(version(REPO_ROOT, name), `${name} in the repository's node_modules`);
  }
});

test('Svelte: svelte-check passes LoyaltyPanel.svelte, main.ts and hooks.client.ts with no error or warning', () => {
  const { status, diagnostics, output } = svelteCheck('svelte');
  assert.deepEqual(diagnostics, [], output);
  assert.equal(status, 0, output);
  assert.match(output, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/, output);
});

test("Svelte: a wrong detail field, configure() options misspelt or mistyped fail svelte-check at their lines; an omneo- tag's bindings are not checked", () => {
  const { status, diagnostics, output, texts } = svelteCheck('svelte-broken', [
    ['LoyaltyPanel.svelte', 'saved[event.detail.sku] = event.detail.inWishlist;', 'saved[event.detail.sku] = event.detail.added;'],
    // Not errors: the handler of another event on the element, an object for page-size.
    ['LoyaltyPanel.svelte', 'onomneo-wishlist-change={onWishlistChange}', 'onomneo-wishlist-change={onAddToCart}'],
    ['LoyaltyPanel.svelte', 'page-size={4}', 'page-size={{ nope: true }}'],
    // The same handler on a button is.
    ['LoyaltyPanel.svelte', 'onclick={signedOut}', 'onclick={onAddToCart}'],
    ['main.ts', "tenant: 'example-tenant'", 'tenant: 42'],
    ['hooks.client.ts', 'tokenEndpoint:', 'tokenEndPoint:'],
  ]);
  assert.equal(status, 1, output);
  const panel = texts.get('LoyaltyPanel.svelte');
  assert.deepEqual(
    places(diagnostics).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    [
      { file: 'integrations/svelte/hooks.client.ts', line: lineOf(texts.get('hooks.client.ts'), 'tokenEndPoint:'), code: 'ERROR 2561' },
      { file: 'integrations/svelte/LoyaltyPanel.svelte', line: lineOf(panel, 'event.detail.added'), code: 'ERROR 2339' },
      { file: 'integrations/svelte/LoyaltyPanel.svelte', line: lineOf(panel, 'onclick={onAddToCart}'), code: 'ERROR 2322' },
      { file: 'integrations/svelte/main.ts', line: lineOf(texts.get('main.ts'), 'tenant: 42'), code: 'ERROR 2322' },
    ],
    output,
  );
  const message = (file: string, code: string) => diagnostics.find((diagnostic) => diagnostic.file === `integrations/svelte/${file}` && diagnostic.code === code)?.message ?? '';
  assert.match(message('LoyaltyPanel.svelte', 'ERROR 2339'), /Property 'added' does not exist on type '\{ sku: string; inWishlist: boolean; \}'/);
  assert.match(message('hooks.client.ts', 'ERROR 2561'), /'tokenEndPoint' does not exist in type 'OmneoConfig'\. Did you mean to write 'tokenEndpoint'\?/);
});

test('Vue: vue-tsc passes App.vue, main.ts, vite.config.ts, nuxt.config.ts and plugins/omneo.client.ts', () => {
  const { status, diagnostics, output } = vueTsc('vue');
  assert.deepEqual(diagnostics, [], output);
  assert.equal(output.trim(), '', 'vue-tsc printed diagnostics');
  assert.equal(status, 0);
});

test("Vue: a wrong detail field, configure() options misspelt or mistyped, isCustomElement's tag misused fail vue-tsc at their lines; an omneo- tag's bindings are not checked", () => {
  const { status, diagnostics, output, texts } = vueTsc('vue-broken', [
    ['App.vue', '[event.detail.sku]: event.detail.inWishlist', '[event.detail.sku]: event.detail.added'],
    // Not errors: the handler of another event on the element, an object for its customer.
    ['App.vue', '@omneo-wishlist-change="onWishlistChange"', '@omneo-wishlist-change="onAddToCart"'],
    ['App.vue', '<omneo-wishlist :customer="customerId"', '<omneo-wishlist :customer="{ nope: true }"'],
    // The same handler on a button is.
    ['App.vue', '@click="signedOut()"', '@click="onAddToCart"'],
    ['main.ts', "tenant: 'example-tenant'", 'tenant: 42'],
    [path.join('plugins', 'omneo.client.ts'), 'tokenEndpoint:', 'tokenEndPoint:'],
    ['vite.config.ts', "tag.startsWith('omneo-')", 'tag.startsWith(1)'],
    ['nuxt.config.ts', "tag.startsWith('omneo-')", 'tag.startsWith(1)'],
  ]);
  assert.equal(status, 2, output);
  const app = texts.get('App.vue');
  const plugin = path.join('plugins', 'omneo.client.ts');
  assert.deepEqual(
    places(diagnostics).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    [
      { file: 'integrations/vue/App.vue', line: lineOf(app, 'event.detail.added'), code: 'TS2339' },
      // vue-tsc places a bad listener on its element's tag line.
      { file: 'integrations/vue/App.vue', line: lineOf(app, '@click="onAddToCart"'), code: 'TS2345' },
      { file: 'integrations/vue/main.ts', line: lineOf(texts.get('main.ts'), 'tenant: 42'), code: 'TS2322' },
      { file: 'integrations/vue/nuxt.config.ts', line: lineOf(texts.get('nuxt.config.ts'), 'startsWith(1)'), code: 'TS2345' },
      { file: 'integrations/vue/plugins/omneo.client.ts', line: lineOf(texts.get(plugin), 'tokenEndPoint:'), code: 'TS2561' },
      { file: 'integrations/vue/vite.config.ts', line: lineOf(texts.get('vite.config.ts'), 'startsWith(1)'), code: 'TS2345' },
    ],
    output,
  );
  assert.match(diagnostics[0]!.message, /Property 'added' does not exist on type '\{ sku: string; inWishlist: boolean; \}'/);
});

test("Vue: with vue-tsc's strictTemplates each omneo- tag is an unknown component (TS2339), as README's Vue section says", () => {
  const { status, diagnostics, output, texts } = vueTsc('vue-strict', [], { strictTemplates: true });
  assert.equal(status, 2, output);
  const app = texts.get('App.vue');
  assert.deepEqual(
    places(diagnostics),
    ['<omneo-points-balance', '<omneo-wishlist-button', '<omneo-wishlist '].map((tag) => ({ file: 'integrations/vue/App.vue', line: lineOf(app, tag), code: 'TS2339' })),
    output,
  );
  assert.match(diagnostics[2]!.message, /Property 'omneo-wishlist' does not exist on type '\{\}'/);
});
