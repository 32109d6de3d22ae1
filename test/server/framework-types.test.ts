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
 * What it shows: both examples check with no diagnostic (Svelte's warnings included; Vue's with vue-tsc's
 * strictTemplates too); a wrong detail field in a handler, a misspelt or mistyped `configure()` option in each entry
 * file are errors naming the file and line. What is bound or listened to on an omneo- tag is checked through the
 * package's opt-in template types, `omneo-widgets/vue` (integrations/vue/env.d.ts) and `omneo-widgets/svelte`
 * (integrations/svelte/app.d.ts): a handler typed with another event's detail, an object given to `customer` or
 * `page-size`, a `variant` that is not one, fail at their lines, and so do, with strictTemplates, an unknown prop
 * and an event the element does not fire (Svelte: an unknown attribute without a dash, always). A copy without the opt-in file
 * shows what a project that does not opt in gets: none of that checked (neither framework's element types know the
 * tags), and with strictTemplates each omneo- tag an unknown component.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../../scripts/build.js';
import { appWorkspace, byPlace, lineOf, type Diagnostic } from './app-workspace.js';
import { ensureSeparateInstall, installedVersion as version } from '../../scripts/separate-install.js';

const FOLDER = path.join(REPO_ROOT, 'test/framework-types');
const SVELTE_CHECK = path.join(FOLDER, 'node_modules/svelte-check/bin/svelte-check');
const VUE_TSC = path.join(FOLDER, 'node_modules/vue-tsc/bin/vue-tsc.js');
const PINNED = (JSON.parse(readFileSync(path.join(FOLDER, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
/** test/framework-types's checkers, installed (`npm ci` there) when missing or not the versions its package.json pins. */
function ensureCheckers(): void {
  ensureSeparateInstall(FOLDER, 'svelte-check and vue-tsc', () => Object.entries(PINNED).every(([name, pinned]) => version(FOLDER, name) === pinned));
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
  paths: {
    'omneo-widgets': [path.join(work, 'types/index.d.ts')],
    // The exports map's types-only entries (package.json), which packaging.test.ts resolves.
    'omneo-widgets/vue': [path.join(work, 'types/frameworks/vue.d.ts')],
    'omneo-widgets/svelte': [path.join(work, 'types/frameworks/svelte.d.ts')],
    ...paths,
  },
});

/**
 * A copy of integrations/<example> in the work folder as `name`, with each [file, from, to] change made (each must
 * match) and the files `without` left out, and the file texts by name (to find lines in).
 */
function project(
  example: 'svelte' | 'vue',
  name: string,
  changes: [file: string, from: string | RegExp, to: string][] = [],
  without: string[] = [],
): { dir: string; texts: Map<string, string> } {
  const dir = path.join(work, name);
  cpSync(path.join(REPO_ROOT, 'integrations', example), dir, { recursive: true });
  for (const file of without) {
    assert.ok(existsSync(path.join(dir, file)), `${name}: integrations/${example}/${file} is missing`);
    rmSync(path.join(dir, file));
  }
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

/** svelte-check on a copy of integrations/svelte: its exit status and its diagnostics (errors and warnings). */
function svelteCheck(name: string, changes: [string, string | RegExp, string][] = [], without: string[] = []) {
  const { dir, texts } = project('svelte', name, changes, without);
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
function vueTsc(name: string, changes: [string, string | RegExp, string][] = [], vueCompilerOptions: Record<string, unknown> = {}, without: string[] = []) {
  const { dir, texts } = project('vue', name, changes, without);
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
  work = appWorkspace('omneo-framework-types-');
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

/** Diagnostics in order of file, then line. */
const sorted = (diagnostics: Diagnostic[]) => places(diagnostics).sort(byPlace);

test('Svelte: svelte-check passes LoyaltyPanel.svelte, main.ts, hooks.client.ts and app.d.ts (the template types) with no error or warning', () => {
  const { status, diagnostics, output } = svelteCheck('svelte');
  assert.deepEqual(diagnostics, [], output);
  assert.equal(status, 0, output);
  assert.match(output, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/, output);
});

/** On the omneo- tags of LoyaltyPanel.svelte: what `omneo-widgets/svelte` makes errors (each on its own line). */
const SVELTE_TAG_MISTAKES: [string, string, string][] = [
  // A handler of another event's detail.
  ['LoyaltyPanel.svelte', 'onomneo-wishlist-change={onWishlistChange}', 'onomneo-wishlist-change={onAddToCart}'],
  // An object for a number, and for the customer id.
  ['LoyaltyPanel.svelte', 'page-size={4}', 'page-size={{ rows: 4 }}'],
  ['LoyaltyPanel.svelte', '    {customer}\n    onomneo', '    customer={{ id: customer }}\n    onomneo'],
  // A variant that is none.
  ['LoyaltyPanel.svelte', 'variant="compact"', 'variant="compakt"'],
  // A field the detail lacks, in a handler written in place (its event typed from the attribute).
  ['LoyaltyPanel.svelte', 'onomneo-add-to-cart={onAddToCart}', 'onomneo-add-to-cart={(event) => cart.push(event.detail.skuu)}'],
];

test("Svelte: a wrong detail field, configure() options misspelt or mistyped, and on the omneo- tags a handler of another event, an object for page-size or customer, a wrong variant fail svelte-check at their lines", () => {
  const { status, diagnostics, output, texts } = svelteCheck('svelte-broken', [
    ['LoyaltyPanel.svelte', 'saved[event.detail.sku] = event.detail.inWishlist;', 'saved[event.detail.sku] = event.detail.added;'],
    ...SVELTE_TAG_MISTAKES,
    // The same handler on a button.
    ['LoyaltyPanel.svelte', 'onclick={signedOut}', 'onclick={onAddToCart}'],
    ['main.ts', "tenant: 'example-tenant'", 'tenant: 42'],
    ['hooks.client.ts', 'tokenEndpoint:', 'tokenEndPoint:'],
  ]);
  assert.equal(status, 1, output);
  const panel = texts.get('LoyaltyPanel.svelte');
  const inPanel = (part: string, code: string) => ({ file: 'integrations/svelte/LoyaltyPanel.svelte', line: lineOf(panel, part), code });
  assert.deepEqual(
    sorted(diagnostics),
    [
      { file: 'integrations/svelte/hooks.client.ts', line: lineOf(texts.get('hooks.client.ts'), 'tokenEndPoint:'), code: 'ERROR 2561' },
      inPanel('event.detail.added', 'ERROR 2339'),
      inPanel('variant="compakt"', 'ERROR 2820'),
      inPanel('onclick={onAddToCart}', 'ERROR 2322'),
      inPanel('customer={{ id: customer }}', 'ERROR 2322'),
      inPanel('onomneo-wishlist-change={onAddToCart}', 'ERROR 2322'),
      inPanel('page-size={{ rows: 4 }}', 'ERROR 2322'),
      inPanel('event.detail.skuu', 'ERROR 2551'),
      { file: 'integrations/svelte/main.ts', line: lineOf(texts.get('main.ts'), 'tenant: 42'), code: 'ERROR 2322' },
    ].sort(byPlace),
    output,
  );
  const message = (part: string, code = '') =>
    diagnostics.find((diagnostic) => diagnostic.line === lineOf(panel, part) && diagnostic.file.endsWith('LoyaltyPanel.svelte') && diagnostic.code.includes(code))?.message ?? '';
  assert.match(message('event.detail.added'), /Property 'added' does not exist on type '\{ sku: string; inWishlist: boolean; \}'/);
  assert.match(message('onomneo-wishlist-change={onAddToCart}'), /'\{ sku: string; inWishlist: boolean; \}' is missing the following properties from type '\{ sku: string; variantId: string \| null; quantity: number; \}'/);
  assert.match(message('event.detail.skuu', '2551'), /Property 'skuu' does not exist on type '\{ sku: string; variantId: string \| null; quantity: number; \}'\. Did you mean 'sku'\?/);
  assert.match(message('page-size={{ rows: 4 }}', '2322'), /Type '\{ rows: number; \}' is not assignable to type 'number \| `\$\{number\}` \| undefined'/);
  assert.match(message('customer={{ id: customer }}'), /is not assignable to type 'string \| number \| null \| undefined'/);
  assert.match(message('variant="compakt"'), /Type '"compakt"' is not assignable to type '"default" \| "compact" \| undefined'/);
  assert.match(diagnostics.find((diagnostic) => diagnostic.code === 'ERROR 2561')?.message ?? '', /'tokenEndPoint' does not exist in type 'OmneoConfig'\. Did you mean to write 'tokenEndpoint'\?/);
});

test('Svelte: a misspelt attribute of an omneo- tag, or a property named in camelCase, fails svelte-check, unless its name has a dash; a number as its digits, a null customer and a handler written in place pass', () => {
  // Apart from the copy above: TypeScript reports an unknown attribute only when the tag's others are right.
  const { status, diagnostics, output, texts } = svelteCheck('svelte-misspelt', [
    ['LoyaltyPanel.svelte', 'sku={product.sku}', 'skus={product.sku}'],
    // The spelling the example's comment warns about: typed under its attribute's name only.
    ['LoyaltyPanel.svelte', 'heading-level={3}', 'headingLevel={3}'],
    // Not errors: the page size as text (the element reads it as the attribute), a handler whose event is inferred.
    ['LoyaltyPanel.svelte', 'page-size={4}', 'page-size="4"'],
    // Nor a customer id that may be null (a session's `user?.id ?? null`): not set, as "" and undefined (README, Configuration).
    ['LoyaltyPanel.svelte', '<omneo-points-balance variant="compact" {customer}>', '<omneo-points-balance variant="compact" customer={customer || null}>'],
    ['LoyaltyPanel.svelte', 'onomneo-add-to-cart={onAddToCart}', 'onomneo-add-to-cart={(event) => cart.push(event.detail)}'],
    // Not an error: TypeScript checks a hyphenated attribute only when it is declared (JSX's rule for data-* and the
    // like, which svelte-check follows), as README's Svelte section says.
    ['LoyaltyPanel.svelte', 'product-name={product.name}', 'product-nmae={product.name}'],
  ]);
  assert.equal(status, 1, output);
  const panel = texts.get('LoyaltyPanel.svelte');
  assert.deepEqual(
    sorted(diagnostics),
    [
      { file: 'integrations/svelte/LoyaltyPanel.svelte', line: lineOf(panel, 'skus='), code: 'ERROR 2353' },
      { file: 'integrations/svelte/LoyaltyPanel.svelte', line: lineOf(panel, 'headingLevel={3}'), code: 'ERROR 2353' },
    ],
    output,
  );
  assert.match(diagnostics.find((each) => each.line === lineOf(panel, 'skus='))?.message ?? '', /'"skus"' does not exist in type 'OmneoSvelteAttributes<"omneo-wishlist-button">'/);
  assert.match(diagnostics.find((each) => each.line === lineOf(panel, 'headingLevel'))?.message ?? '', /'"headingLevel"' does not exist in type 'OmneoSvelteAttributes<"omneo-wishlist">'/);
});

test("Svelte: without app.d.ts (the opt-in), the omneo- tags' attributes and listeners are not checked: the same mistakes pass, and a handler written in place has an untyped event", () => {
  const { status, diagnostics, output, texts } = svelteCheck('svelte-no-types', SVELTE_TAG_MISTAKES, ['app.d.ts']);
  assert.equal(status, 1, output);
  // Not its missing field, which `any` hides: its parameter, strict's noImplicitAny.
  assert.deepEqual(places(diagnostics), [{ file: 'integrations/svelte/LoyaltyPanel.svelte', line: lineOf(texts.get('LoyaltyPanel.svelte'), 'event.detail.skuu'), code: 'ERROR 7006' }], output);
  assert.match(diagnostics[0]!.message, /Parameter 'event' implicitly has an 'any' type/);
});

test('Vue: vue-tsc passes App.vue, main.ts, vite.config.ts, nuxt.config.ts, plugins/omneo.client.ts and env.d.ts (the template types), with and without strictTemplates', () => {
  for (const strictTemplates of [false, true]) {
    const { status, diagnostics, output } = vueTsc(`vue${strictTemplates ? '-strict' : ''}`, [], { strictTemplates });
    assert.deepEqual(diagnostics, [], output);
    assert.equal(output.trim(), '', `vue-tsc printed diagnostics (strictTemplates: ${strictTemplates})`);
    assert.equal(status, 0);
  }
});

/** On the omneo- tags of App.vue: what `omneo-widgets/vue` makes errors (each on its own line). */
const VUE_TAG_MISTAKES: [string, string, string][] = [
  // A handler of another event's detail.
  ['App.vue', '@omneo-wishlist-change="onWishlistChange"', '@omneo-wishlist-change="onAddToCart"'],
  // An object for the customer id, and for a number; a field the detail lacks, in a handler written in place (its
  // event typed from the listener); a variant that is none.
  [
    'App.vue',
    '<omneo-wishlist :customer="customerId" @omneo-add-to-cart="onAddToCart">',
    '<omneo-wishlist\n      :customer="{ id: customerId }"\n      :page-size="{ rows: 4 }"\n      @omneo-add-to-cart="(event) => cart.push(event.detail.skuu)"\n    >',
  ],
  ['App.vue', 'variant="compact"', 'variant="compakt"'],
];

test("Vue: a wrong detail field, configure() options misspelt or mistyped, isCustomElement's tag misused, and on the omneo- tags a handler of another event, an object for customer or page-size, a wrong variant fail vue-tsc at their lines", () => {
  const { status, diagnostics, output, texts } = vueTsc('vue-broken', [
    ['App.vue', '[event.detail.sku]: event.detail.inWishlist', '[event.detail.sku]: event.detail.added'],
    ...VUE_TAG_MISTAKES,
    // The same handler on a button.
    ['App.vue', '@click="signedOut()"', '@click="onAddToCart"'],
    ['main.ts', "tenant: 'example-tenant'", 'tenant: 42'],
    [path.join('plugins', 'omneo.client.ts'), 'tokenEndpoint:', 'tokenEndPoint:'],
    ['vite.config.ts', "tag.startsWith('omneo-')", 'tag.startsWith(1)'],
    ['nuxt.config.ts', "tag.startsWith('omneo-')", 'tag.startsWith(1)'],
  ]);
  assert.equal(status, 2, output);
  const app = texts.get('App.vue');
  const plugin = path.join('plugins', 'omneo.client.ts');
  const inApp = (part: string, code: string) => ({ file: 'integrations/vue/App.vue', line: lineOf(app, part), code });
  assert.deepEqual(
    sorted(diagnostics),
    [
      inApp('event.detail.added', 'TS2339'),
      inApp('variant="compakt"', 'TS2820'),
      // vue-tsc places a bad listener on a button on its tag's line, on an omneo- tag on the listener's.
      inApp('@click="onAddToCart"', 'TS2345'),
      inApp('@omneo-wishlist-change="onAddToCart"', 'TS2322'),
      inApp(':customer="{ id: customerId }"', 'TS2322'),
      inApp(':page-size="{ rows: 4 }"', 'TS2322'),
      inApp('event.detail.skuu', 'TS2551'),
      { file: 'integrations/vue/main.ts', line: lineOf(texts.get('main.ts'), 'tenant: 42'), code: 'TS2322' },
      { file: 'integrations/vue/nuxt.config.ts', line: lineOf(texts.get('nuxt.config.ts'), 'startsWith(1)'), code: 'TS2345' },
      { file: 'integrations/vue/plugins/omneo.client.ts', line: lineOf(texts.get(plugin), 'tokenEndPoint:'), code: 'TS2561' },
      { file: 'integrations/vue/vite.config.ts', line: lineOf(texts.get('vite.config.ts'), 'startsWith(1)'), code: 'TS2345' },
    ],
    output,
  );
  const message = (part: string) => diagnostics.find((diagnostic) => diagnostic.file === 'integrations/vue/App.vue' && diagnostic.line === lineOf(app, part))?.message ?? '';
  assert.match(message('event.detail.added'), /Property 'added' does not exist on type '\{ sku: string; inWishlist: boolean; \}'/);
  assert.match(message('@omneo-wishlist-change="onAddToCart"'), /is not assignable to type '\(event: CustomEvent<\{ sku: string; inWishlist: boolean; \}>\) => void'/);
  assert.match(message(':customer="{ id: customerId }"'), /is not assignable to type 'string \| number \| null \| undefined'/);
  assert.match(message(':page-size="{ rows: 4 }"'), /Type '\{ rows: number; \}' is not assignable to type 'number \| `\$\{number\}` \| undefined'/);
  assert.match(message('variant="compakt"'), /Type '"compakt"' is not assignable to type '"default" \| "compact" \| undefined'/);
  assert.match(message('event.detail.skuu'), /Property 'skuu' does not exist on type '\{ sku: string; variantId: string \| null; quantity: number; \}'\. Did you mean 'sku'\?/);
});

test("Vue: with strictTemplates, a misspelt prop and an event the element does not fire are errors too (without, Vue takes both as the element's own attribute and listener); a number as its digits, a null customer and a handler written in place pass", () => {
  const changes: [string, string, string][] = [
    // Not errors: the page size as text (the element reads it as the attribute), a handler whose event is inferred.
    ['App.vue', '<omneo-wishlist :customer="customerId" @omneo-add-to-cart="onAddToCart">', '<omneo-wishlist :customer="customerId" page-size="4" @omneo-add-to-cart="(event) => cart.push(event.detail.sku)">'],
    // Nor a customer id that may be null (`user?.id ?? null`): not set, as "" and undefined (README, Configuration).
    ['App.vue', '<omneo-points-balance variant="compact" :customer="customerId">', '<omneo-points-balance variant="compact" :customer="customerId || null">'],
    // Nor, as README's Vue section says, the camelCase spelling it warns about: vue-tsc reads it as heading-level.
    ['App.vue', 'variant="compact"', 'variant="compact" :headingLevel="3"'],
    ['App.vue', ':product-name="product.name"', ':product-nmae="product.name"'],
    // The heart fires no omneo-add-to-cart (its wishlist does).
    ['App.vue', '@omneo-wishlist-change="onWishlistChange"', '@omneo-wishlist-change="onWishlistChange"\n      @omneo-add-to-cart="onAddToCart"'],
  ];
  const loose = vueTsc('vue-unknown', changes);
  assert.equal(loose.output.trim(), '', loose.output);
  assert.equal(loose.status, 0);
  const { status, diagnostics, output, texts } = vueTsc('vue-unknown-strict', changes, { strictTemplates: true });
  assert.equal(status, 2, output);
  const app = texts.get('App.vue');
  assert.deepEqual(
    sorted(diagnostics),
    [
      { file: 'integrations/vue/App.vue', line: lineOf(app, ':product-nmae='), code: 'TS2561' },
      { file: 'integrations/vue/App.vue', line: lineOf(app, '@omneo-add-to-cart="onAddToCart"'), code: 'TS2353' },
    ],
    output,
  );
  assert.match(diagnostics[0]!.message, /'productNmae' does not exist in type .*\. Did you mean to write 'productName'\?/);
  assert.match(diagnostics[1]!.message, /'onOmneoAddToCart' does not exist in type/);
});

test("Vue: without env.d.ts (the opt-in), the omneo- tags' bindings and listeners are not checked (a handler written in place has an untyped event), and with strictTemplates each tag is an unknown component (TS2339)", () => {
  const loose = vueTsc('vue-no-types', VUE_TAG_MISTAKES, {}, ['env.d.ts']);
  assert.equal(loose.status, 2, loose.output);
  // Not its missing field, which `any` hides: its parameter, strict's noImplicitAny.
  assert.deepEqual(places(loose.diagnostics), [{ file: 'integrations/vue/App.vue', line: lineOf(loose.texts.get('App.vue'), 'event.detail.skuu'), code: 'TS7006' }], loose.output);
  const { status, diagnostics, output, texts } = vueTsc('vue-no-types-strict', [], { strictTemplates: true }, ['env.d.ts']);
  assert.equal(status, 2, output);
  const app = texts.get('App.vue');
  assert.deepEqual(
    places(diagnostics),
    ['<omneo-points-balance', '<omneo-wishlist-button', '<omneo-wishlist '].map((tag) => ({ file: 'integrations/vue/App.vue', line: lineOf(app, tag), code: 'TS2339' })),
    output,
  );
  assert.match(diagnostics[2]!.message, /Property 'omneo-wishlist' does not exist on type '\{\}'/);
});
