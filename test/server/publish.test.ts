/**
 * What `npm publish` ships and what it tells tools: the packed file list (from a fresh checkout, through
 * `prepack`), the peer dependencies, the Custom Elements Manifest's definitions and event types, the React
 * wrappers as an app gets them (through the package's exports map, from the built files), and the CDN URLs in
 * README.md and integrations/, which must name package.json's exact version.
 *
 * The package is built into a temporary app's node_modules/omneo-widgets (so it never races a build in dist/),
 * beside its package.json; the repository's node_modules one level up stand in for the app's other
 * dependencies. (The browser-level packaging checks are in packaging.test.ts.)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { buildAll, elementFolders, REPO_ROOT } from '../../scripts/build.js';
import { loaderImports } from '../../scripts/loader-imports.js';
import { PUBLIC_API_FILE, publicApiChanges, readPublicApi, type PublicApi } from '../../scripts/public-api.js';
import { CONFIG_ATTRIBUTES } from '../../src/core/config.js';
import { createDevApp, isDevAppPath, nodeListener } from '../../server/dev/app.js';
import type { DiagnoseReport } from '../../src/core/diagnose.js';
import { en } from '../../src/core/locales/en.js';
import { readmeBlock, readmeSection } from './readme-blocks.js';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  exports: Record<string, string | { types: string; default?: string; [condition: string]: string | undefined }>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

interface ManifestExport {
  kind: string;
  name: string;
  declaration: { name: string; module?: string };
}
interface Manifest {
  modules: {
    path: string;
    exports?: ManifestExport[];
    declarations?: { name: string; tagName?: string; events?: { name?: string; type?: { text: string } }[] }[];
  }[];
}

let work: string;
/** The app's node_modules/omneo-widgets: package.json and the build. */
let installed: string;
let manifest: Manifest;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-publish-'));
  installed = path.join(work, 'app/node_modules/omneo-widgets');
  mkdirSync(installed, { recursive: true });
  copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(installed, 'package.json'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  await buildAll({ outDir: path.join(installed, 'dist'), shopifyAssetsDir: null });
  manifest = JSON.parse(readFileSync(path.join(installed, 'dist/custom-elements.json'), 'utf8')) as Manifest;
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('custom-elements.json: definitions and event types', () => {
  const definitions = () =>
    manifest.modules.flatMap((module) => (module.exports ?? []).filter((each) => each.kind === 'custom-element-definition').map((each) => ({ module: module.path, ...each })));

  test('each define.js exports the definition of its element, pointing at the class module', () => {
    for (const folder of elementFolders()) {
      const found = definitions().filter((each) => each.module === `dist/npm/components/${folder}/define.js`);
      const classModule = `dist/npm/components/${folder}/${folder}.js`;
      const declaration = manifest.modules.find((module) => module.path === classModule)?.declarations?.find((each) => each.tagName === `omneo-${folder}`);
      assert.ok(declaration, `no declaration for <omneo-${folder}>`);
      assert.deepEqual(
        found.map(({ name, declaration: target }) => ({ name, declaration: target })),
        [{ name: `omneo-${folder}`, declaration: { name: declaration.name, module: classModule } }],
        `define.js of ${folder}`,
      );
    }
  });

  test('no other definition: not the base element\'s define(tag) ("tag" → anonymous_0), nothing unnamed', () => {
    const defined = definitions();
    assert.deepEqual(
      defined.filter((each) => !/^omneo-[a-z-]+$/.test(each.name) || each.declaration.name.startsWith('anonymous_')).map((each) => `${each.module}: ${each.name}`),
      [],
    );
    assert.equal(defined.length, elementFolders().length, defined.map((each) => `${each.module}: ${each.name}`).join(', '));
    const base = manifest.modules.find((module) => module.path === 'dist/npm/core/omneo-element.js');
    assert.ok(base);
    assert.deepEqual(base.exports?.filter((each) => each.kind === 'custom-element-definition'), []);
    assert.ok(!base.declarations?.some((each) => each.name.startsWith('anonymous_')), 'an anonymous class in the base element module');
  });

  test('every event has its detail type, written out from OmneoEventDetails (no CustomEvent<unknown>)', () => {
    const expected: Record<string, string> = {
      'omneo-ready': 'CustomEvent<{ element: string }>',
      'omneo-error':
        'CustomEvent<{ element: string; kind: "http" | "network" | "timeout" | "parse" | "config" | "guest" | "profile-changed"; status: number | null; message: string }>',
      'omneo-add-to-cart': 'CustomEvent<{ sku: string; variantId: string | null; quantity: number }>',
      'omneo-wishlist-change': 'CustomEvent<{ sku: string; inWishlist: boolean }>',
      'omneo-benefit-redeemed': 'CustomEvent<{ benefitId: string; redemptionId: string; code: string | null }>',
    };
    let events = 0;
    for (const folder of elementFolders()) {
      const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((each) => each.tagName === `omneo-${folder}`);
      for (const event of element?.events ?? []) {
        events += 1;
        assert.ok(event.name && expected[event.name], `<omneo-${folder}> fires ${event.name}, which OmneoEventDetails does not type`);
        assert.equal(event.type?.text, expected[event.name], `<omneo-${folder}> ${event.name}`);
      }
    }
    assert.ok(events >= 2 * elementFolders().length);
  });

  test("the detail types compile, and are exactly the shipped declarations' OmneoEventDetails", () => {
    const texts = new Map<string, string>();
    for (const event of manifest.modules.flatMap((module) => module.declarations ?? []).flatMap((each) => each.events ?? [])) {
      if (event.name && event.type) texts.set(event.name, event.type.text);
    }
    const checks = [...texts].map(
      ([name, text], index) => `const same${index}: Same<${text}, CustomEvent<OmneoEventDetails['${name}']>> = true; void same${index};`,
    );
    const file = path.join(work, 'event-types.ts');
    writeFileSync(
      file,
      [
        `import type { OmneoEventDetails } from '${path.join(installed, 'dist/npm/core/events.js')}';`,
        'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
        ...checks,
        'export {};',
      ].join('\n'),
    );
    const tsconfig = path.join(work, 'tsconfig.event-types.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [], skipLibCheck: true },
        files: [file],
      }),
    );
    try {
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: work, stdio: 'pipe' });
    } catch (error) {
      assert.fail(`the manifest's event types differ from OmneoEventDetails:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
    }
  });
});

describe('npm pack', () => {
  test('a fresh checkout packs the built package (prepack builds it), and nothing else of the repository', () => {
    assert.equal(packageJson.scripts.prepack, 'npm run build');
    // The repository's files as a clone has them (tracked, and new ones not ignored): no dist/.
    const checkout = path.join(work, 'checkout');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0');
    for (const file of files.filter(Boolean)) {
      const from = path.join(REPO_ROOT, file);
      if (!existsSync(from) || lstatSync(from).isDirectory()) continue;
      mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
      copyFileSync(from, path.join(checkout, file));
    }
    assert.ok(!existsSync(path.join(checkout, 'dist')), 'dist/ is tracked');
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
    // What another build (the proxy's) may put in dist/ beside the package: it must not ship.
    mkdirSync(path.join(checkout, 'dist/proxy'), { recursive: true });
    writeFileSync(path.join(checkout, 'dist/proxy/node.js'), 'export {};\n');

    const output = execFileSync('npm', ['pack', '--dry-run', '--json'], {
      cwd: checkout,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // prepack's own output comes first on stdout.
    const [packed] = JSON.parse(output.slice(output.search(/^\[/m))) as { files: { path: string }[] }[];
    const paths = packed!.files.map((file) => file.path);

    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/cdn/omneo-widgets.js',
      'dist/npm/index.js',
      'dist/npm/index.d.ts',
      'dist/npm/elements.d.ts',
      'dist/npm/react/index.d.ts',
      'dist/npm/api/index.d.ts',
      'dist/custom-elements.json',
      'dist/cdn/integrity.json',
      'dist/cdn/THIRD-PARTY-NOTICES.txt',
      'bin/omneo-widgets-sri.mjs',
    ]) {
      assert.ok(paths.includes(file), `${file} is not in the package (${paths.length} files)`);
    }
    // Every target of the exports map ships (patterns: at least one file for each; a types-only export, its types).
    for (const target of Object.values(packageJson.exports).flatMap((each) => (typeof each === 'string' ? [each] : [each.default, each.types]).filter((file) => file !== undefined))) {
      const [before, after = ''] = target.replace(/^\.\//, '').split('*');
      assert.ok(paths.some((file) => (target.includes('*') ? file.startsWith(before!) && file.endsWith(after) : file === before)), `exports target ${target} is not in the package`);
    }
    assert.ok(paths.filter((file) => file.endsWith('.d.ts')).length >= 2 * elementFolders().length, 'type declarations are missing');
    assert.deepEqual(
      paths.filter((file) => /^(server|test|demo|bench|scripts|src|integrations|node_modules|dist\/proxy)\//.test(file)),
      [],
      'files that must not be published',
    );
    // Build by-products: Vite's chunk manifest, and declarations for the CDN loader, which no export reaches.
    assert.deepEqual(paths.filter((file) => file.startsWith('dist/cdn/.vite/') || /^dist\/npm\/cdn(\.d\.ts|\/)/.test(file)), [], 'build by-products in the package');
  });
});

describe('the public API (public-api.json, README Versioning)', () => {
  test("the build's is the one reviewed: no tag, attribute, event, part, CSS property, config key, global or export changed unnoticed", () => {
    const reviewed = JSON.parse(readFileSync(PUBLIC_API_FILE, 'utf8')) as PublicApi;
    const changes = publicApiChanges(reviewed, readPublicApi(path.join(installed, 'dist')));
    assert.deepEqual(
      changes,
      [],
      `The public API changed:\n${changes.join('\n')}\nIf that is intended, run \`npm run build && npm run public-api -- --write\`, and add it to CHANGELOG.md under Unreleased (a removal or a rename is a breaking change: README, Versioning).`,
    );
  });

  test('reads what the build promises: the six tags, their config attributes, the events both ways, the CDN global', () => {
    const api = readPublicApi(path.join(installed, 'dist'));
    assert.deepEqual(Object.keys(api.elements), elementFolders().map((folder) => `omneo-${folder}`).sort());
    for (const [tag, element] of Object.entries(api.elements)) {
      for (const attribute of Object.values(CONFIG_ATTRIBUTES)) assert.ok(element.attributes.includes(attribute), `${tag}: ${attribute}`);
      assert.ok(element.events.includes('omneo-error') && element.methods.includes('static define'), tag);
      assert.ok(!element.methods.includes('emit') && !element.properties.includes('config'), `${tag}: internal or protected members listed`);
    }
    // The hub's default slot (a merchant's own content instead of the default four) is public as its named one is.
    assert.deepEqual(api.elements['omneo-rewards']!.slots, ['(default)', 'guest']);
    assert.deepEqual(api.pageEvents, ['omneo-logout', 'omneo-refresh']);
    assert.ok(api.events.includes('omneo-add-to-cart') && api.cdnGlobal.includes('registerCatalogue'));
    assert.equal(api.config.wishlistHandle, 'wishlist-handle');
    assert.equal(api.config.getToken, null, 'getToken is JavaScript only');
    assert.ok(api.exports['.']!.includes('configure (function)') && api.exports['./api']!.includes('OmneoHttpError (class)'));
    // The React wrappers' event props, which an app's handlers are passed to: one per event the element fires.
    // One wrapper per element, named after its folder (wishlist-button → WishlistButton).
    assert.deepEqual(Object.keys(api.react).sort(), elementFolders().map((folder) => folder.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())).sort());
    for (const [wrapper, props] of Object.entries(api.react)) {
      const tag = `omneo-${wrapper.replace(/(?<=.)([A-Z])/g, '-$1').toLowerCase()}`;
      const fired = api.elements[tag]!.events;
      assert.deepEqual(props, fired.map((event) => `on${event.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`).sort(), wrapper);
    }
  });

  test('names each change: what went, what came, what became something else', () => {
    const reviewed = { elements: { 'omneo-x': { cssParts: ['card', 'badge'] } }, config: { tenant: 'tenant' }, bin: ['a'] };
    const built = { elements: { 'omneo-x': { cssParts: ['card', 'pill'] }, 'omneo-y': {} }, config: { tenant: null }, bin: ['a'] };
    assert.deepEqual(publicApiChanges(reviewed, built), [
      '- elements.omneo-x.cssParts: badge',
      '+ elements.omneo-x.cssParts: pill',
      '+ elements.omneo-y',
      '~ config.tenant: "tenant" → null',
    ]);
  });
});

describe('dist/cdn/THIRD-PARTY-NOTICES.txt', () => {
  test("names every package whose code is in a CDN file (read from the source maps), with its version and its licence's text", () => {
    const cdn = path.join(installed, 'dist/cdn');
    const notices = readFileSync(path.join(cdn, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const inBuild = new Set<string>();
    for (const map of readdirSync(cdn).filter((file) => file.endsWith('.js.map'))) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(cdn, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      sources.forEach((source, index) => {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
        // A module that contributed nothing has no content (or only whitespace) in the map.
        if (name && (sourcesContent?.[index] ?? 'x').trim()) inBuild.add(name);
      });
    }
    assert.ok(inBuild.has('lit-html') && inBuild.has('zod'), `source maps name ${[...inBuild].join(', ')}`);
    const listed = [...notices.matchAll(/^-{78}\n(\S+) (\S+) \(([^)]+)\)/gm)].map(([, name, version, licence]) => ({ name: name!, version: version!, licence: licence! }));
    assert.deepEqual(listed.map((each) => each.name).sort(), [...inBuild].sort());
    for (const { name, version, licence } of listed) {
      const dependency = JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; license: string };
      assert.deepEqual({ version, licence }, { version: dependency.version, licence: dependency.license }, name);
      const licenceText = readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'LICENSE'), 'utf8').trim();
      assert.ok(notices.includes(licenceText), `${name}: its LICENSE text is not in the notices`);
    }
  });
});

describe('registerCatalogue: the key list the README gives translators', () => {
  test('is a file of the package, with every key, its English and its plural forms', () => {
    // A merchant adding German or Japanese has the package (npm, or jsDelivr beside the CDN script), not this repository.
    const bullet = readmeSection('### Localisation')
      .split('\n- ')
      .find((item) => item.startsWith('**Adding a language**'));
    assert.ok(bullet, 'README Localisation has no "Adding a language" item');
    const file = /`((?:[\w.-]+\/)+[\w.-]+\.(?:d\.ts|ts|js|json))`/.exec(bullet)?.[1];
    assert.ok(file, 'the "Adding a language" item names no file');
    assert.ok(existsSync(path.join(installed, file)), `${file}, the key list the README names, is not in the package`);
    const keyList = readFileSync(path.join(installed, file), 'utf8');
    // Each key quoted, then its English as a string or as its forms (`one: '…'`, `other: '…'`), as TypeScript prints them.
    const quoted = (text: string) => `['"]${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`;
    const missing = Object.entries(en).filter(([key, message]) => {
      const english = typeof message === 'string' ? quoted(message) : Object.entries(message).map(([form, text]) => `\\s*readonly ${form}: ${quoted(text)};`).join('');
      return !new RegExp(`'${key.replace(/\./g, '\\.')}': (?:\\{)?${english}`).test(keyList);
    });
    assert.deepEqual(missing.map(([key]) => key), [], `${file} lacks what a translator needs`);
  });
});

describe('omneo-widgets-sri (bin): Subresource Integrity tags from the published package', () => {
  // As npx runs it: the bin in the package folder, beside dist/ (the browser check is test/e2e/integrity.test.ts).
  const sri = (...args: string[]) => {
    const bin = path.join(installed, 'bin/omneo-widgets-sri.mjs');
    mkdirSync(path.dirname(bin), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, 'bin/omneo-widgets-sri.mjs'), bin);
    try {
      return { status: 0, stdout: execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '' };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const integrity = () =>
    JSON.parse(readFileSync(path.join(installed, 'dist/cdn/integrity.json'), 'utf8')) as { version: string; files: Record<string, string>; preload?: string[] };
  const importMapOf = (html: string) => JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1]!) as { integrity: Record<string, string> };

  test("is the package's bin, and prints jsDelivr's tags for this exact release by default", () => {
    assert.deepEqual((packageJson as unknown as { bin: Record<string, string> }).bin, { 'omneo-widgets-sri': 'bin/omneo-widgets-sri.mjs' });
    const { status, stdout } = sri();
    assert.equal(status, 0);
    const folder = `https://cdn.jsdelivr.net/npm/omneo-widgets@${packageJson.version}/dist/cdn/`;
    const { files } = integrity();
    assert.ok(stdout.includes(`<script type="module" src="${folder}omneo-widgets.js" integrity="${files['omneo-widgets.js']}"></script>`), stdout);
    // Every other built file, by its full URL (an import map's keys resolve against the page, not the script).
    const expected = Object.fromEntries(Object.entries(files).filter(([file]) => file !== 'omneo-widgets.js').map(([file, hash]) => [`${folder}${file}`, hash]));
    assert.deepEqual(importMapOf(stdout).integrity, expected);
    assert.ok(Object.keys(expected).length >= 10, 'the chunks are listed');
    // The preload of what the loader imports (README, Performance), with its own hash: a preload without one placed
    // above the import map fetches that chunk unchecked, and the loader runs it.
    const imported = loaderImports(path.join(installed, 'dist/cdn'));
    assert.deepEqual(integrity().preload, imported);
    const links = imported.map((file) => `<link rel="modulepreload" href="${folder}${file}" integrity="${files[file]}">`);
    assert.equal(links.length, 1);
    assert.ok(stdout.indexOf(links[0]!) > stdout.indexOf('</script>') && stdout.indexOf(links[0]!) < stdout.indexOf('<script type="module"'), stdout);
  });

  test("takes a folder of one's own (or the loader's URL in it), and prints the import map's hash for a CSP", () => {
    const own = sri('https://cdn.example.com/omneo/0.1.0');
    const loader = sri('https://cdn.example.com/omneo/0.1.0/omneo-widgets.js');
    assert.equal(own.status, 0);
    assert.equal(loader.stdout, own.stdout);
    assert.ok(Object.keys(importMapOf(own.stdout).integrity).every((url) => url.startsWith('https://cdn.example.com/omneo/0.1.0/omneo-')));
    const map = /<script type="importmap">([\s\S]*?)<\/script>/.exec(own.stdout)![1]!;
    const hash = /'sha256-[A-Za-z0-9+/=]+'/.exec(own.stdout)![0];
    assert.equal(hash, `'sha256-${createHash('sha256').update(map).digest('base64')}'`);
  });

  test("the README's commands print tags for the folders they name", () => {
    const commands = readmeBlock('sh', /^npx -p omneo-widgets@/).split('\n').filter((line) => line.startsWith('npx '));
    assert.equal(commands.length, 2);
    for (const command of commands) {
      const [, release, args] = /^npx -p omneo-widgets@(\S+) omneo-widgets-sri ?(\S*)/.exec(command)!;
      assert.equal(release, packageJson.version, command);
      const { status, stdout } = sri(...(args ? [args] : []));
      assert.equal(status, 0, command);
      const folder = args || `https://cdn.jsdelivr.net/npm/omneo-widgets@${packageJson.version}/dist/cdn/`;
      assert.ok(stdout.includes(`src="${folder}omneo-widgets.js"`), `${command}\n${stdout}`);
    }
  });

  test('says what is wrong with a folder it cannot use, and with an integrity.json of another release', () => {
    for (const [args, message] of [
      [['/omneo/0.1.0/'], /not an absolute URL/],
      [['ftp://cdn.example.com/omneo/'], /not an http\(s\) URL/],
      [['https://cdn.example.com/omneo/?v=1'], /query or fragment/],
      [['https://a.example/', 'https://b.example/'], /one folder URL at most \(given 2\)/],
    ] as [string[], RegExp][]) {
      const { status, stderr, stdout } = sri(...args);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, message);
      assert.equal(stdout, '');
    }
    const help = sri('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: omneo-widgets-sri \[folder URL\]/);
    const file = path.join(installed, 'dist/cdn/integrity.json');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, JSON.stringify({ ...integrity(), version: '0.0.1' }));
      const stale = sri();
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /from 0\.0\.1, the package is /);
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('peer dependencies', () => {
  test('react, which the React wrappers import, is an optional peer dependency (>=18)', () => {
    const wrappers = readFileSync(path.join(installed, 'dist/npm/react/index.js'), 'utf8');
    assert.match(wrappers, /from "react"/);
    assert.equal(packageJson.peerDependencies?.react, '>=18');
    assert.equal(packageJson.peerDependenciesMeta?.react?.optional, true);
  });
});

describe('React wrappers from the built package', () => {
  const resolveFromApp = () => createRequire(path.join(work, 'app/index.js')).resolve;

  test('omneo-widgets/react resolves through the exports map to the build, and renders on the server', async () => {
    const entry = resolveFromApp()('omneo-widgets/react');
    assert.equal(entry, path.join(installed, 'dist/npm/react/index.js'));
    const { PointsBalance, WishlistButton, registerCatalogue, diagnose } = (await import(pathToFileURL(entry).href)) as typeof import('../../src/react/index.js');
    assert.equal(typeof registerCatalogue, 'function');
    assert.equal(typeof diagnose, 'function');
    assert.equal(
      renderToString(React.createElement(PointsBalance, { variant: 'compact', tokenEndpoint: '/apps/omneo/token' })),
      '<omneo-points-balance variant="compact" token-endpoint="/apps/omneo/token"></omneo-points-balance>',
    );
    assert.equal(renderToString(React.createElement(WishlistButton, { sku: 'LS-SAND-M' })), '<omneo-wishlist-button sku="LS-SAND-M"></omneo-wishlist-button>');
  });

  test('on an edge runtime (workerd, worker, edge-light) omneo-widgets/react is the server variant, which renders the same tags without Lit', async () => {
    const { build } = await import('esbuild');
    const app = path.join(work, 'app');
    for (const conditions of [['workerd', 'worker', 'browser'], ['edge-light', 'browser'], ['worker', 'browser']]) {
      // As Oxygen's, Cloudflare's and Vercel's bundlers make the server render: the package's exports map read with
      // their conditions, everything bundled; run here, where, as there, there is no HTMLElement.
      const bundle = await build({
        stdin: {
          contents: "export { PointsBalance, WishlistButton, configure } from 'omneo-widgets/react';",
          resolveDir: app,
        },
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        conditions,
        // React is the app's (here, this test's: react-dom/server's browser build, which an edge bundle has, would
        // keep this process alive with its MessageChannel).
        external: ['react', 'react-dom'],
        logLevel: 'silent',
        metafile: true,
      });
      const inputs = Object.keys(bundle.metafile.inputs);
      assert.ok(inputs.some((file) => file.endsWith('dist/npm/react/server.js')), `${conditions}: ${inputs.filter((file) => file.includes('omneo-widgets'))}`);
      assert.deepEqual(inputs.filter((file) => /node_modules\/(lit|lit-html|lit-element|@lit)\//.test(file)), [], `${conditions}: Lit in the server bundle`);
      const file = path.join(work, `edge-${conditions[0]}.mjs`);
      writeFileSync(file, bundle.outputFiles[0]!.text);
      assert.equal(typeof (globalThis as { HTMLElement?: unknown }).HTMLElement, 'undefined');
      const edge = (await import(pathToFileURL(file).href)) as { PointsBalance: React.ElementType; WishlistButton: React.ElementType; configure: (config: object) => void };
      edge.configure({ tokenEndpoint: '/apps/omneo/token', tenant: 'acme' });
      assert.equal(
        renderToString(React.createElement(edge.PointsBalance, { variant: 'compact', tokenEndpoint: '/apps/omneo/token', onOmneoReady: () => undefined })),
        '<omneo-points-balance variant="compact" token-endpoint="/apps/omneo/token"></omneo-points-balance>',
      );
      assert.equal(renderToString(React.createElement(edge.WishlistButton, { sku: 'LS-SAND-M' })), '<omneo-wishlist-button sku="LS-SAND-M"></omneo-wishlist-button>');
    }
  });

  test('an app that imports one wrapper bundles that element only (the hub, its four), and it is registered when it renders', async () => {
    const { build } = await import('esbuild');
    const app = path.join(work, 'app');
    const bundle = (contents: string, external: string[] = []) =>
      build({
        stdin: { contents, resolveDir: app },
        bundle: true,
        write: false,
        format: 'esm',
        minify: true,
        metafile: true,
        external,
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      });
    const hub = ['points-balance', 'reward-wallet', 'rewards', 'tier-progress', 'wishlist'];
    for (const [wrapper, folders] of [['PointsBalance', ['points-balance']], ['WishlistButton', ['wishlist-button']], ['Rewards', hub]] as const) {
      const { metafile } = await bundle(`export { ${wrapper}, configure } from 'omneo-widgets/react';`, ['react', 'react-dom']);
      // What is in the output (metafile.inputs lists every file read, dropped or not).
      const inOutput = Object.entries(Object.values(metafile.outputs)[0]!.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
      const bundled = new Set(inOutput.flatMap(([file]) => /dist\/npm\/components\/([a-z-]+)\//.exec(file)?.[1] ?? []));
      assert.deepEqual([...bundled].sort(), folders, `${wrapper}: the elements in the bundle`);
    }
    const { outputFiles } = await bundle(`import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Rewards } from 'omneo-widgets/react';
createRoot(document.getElementById('root')).render(createElement(Rewards, { tokenEndpoint: '/omneo/token' }));
`);
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // (No token endpoint answers here: the elements' own states do not matter, only which tags are registered.)
      await page.route('**/omneo/token', (route) => route.fulfill({ status: 401 }));
      await page.route('http://shop.test/', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><div id="root"></div>' }));
      await page.goto('http://shop.test/');
      await page.addScriptTag({ type: 'module', content: outputFiles[0]!.text });
      await page.waitForFunction(() => customElements.get('omneo-rewards') && document.querySelector('omneo-rewards')?.shadowRoot);
      const registered = await page.evaluate((tags) => tags.filter((tag) => customElements.get(tag)), elementFolders().map((folder) => `omneo-${folder}`));
      assert.deepEqual(registered.sort(), hub.map((folder) => `omneo-${folder}`));
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  test('a wrapper whose class the app registered under a name of its own first (README, One name per class) renders, under the omneo- name', async () => {
    const { build } = await import('esbuild');
    const { outputFiles } = await build({
      stdin: {
        contents: `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { OmneoPointsBalance } from 'omneo-widgets/elements';
import { PointsBalance, Rewards } from 'omneo-widgets/react';
OmneoPointsBalance.define('acme-points'); // README: 'the points balance under your own name'
createRoot(document.getElementById('root')).render(h('div', null, h(PointsBalance, { tokenEndpoint: '/omneo/token', tenant: 'acme', customer: '' }), h(Rewards, { tokenEndpoint: '/omneo/token', tenant: 'acme', customer: '' })));
`,
        resolveDir: path.join(work, 'app'),
      },
      bundle: true,
      write: false,
      format: 'esm',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.route('http://shop.test/', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><div id="root"></div>' }));
      await page.goto('http://shop.test/');
      await page.addScriptTag({ type: 'module', content: outputFiles[0]!.text });
      // Signed out by the hint: the card and the hub show their guest state, no request.
      await page
        .waitForFunction(
          () => document.querySelector('#root omneo-points-balance')?.shadowRoot?.querySelector('[part~=guest]') && document.querySelector('omneo-rewards')?.shadowRoot?.querySelector('[part~=guest]'),
          null,
          { timeout: 5000 },
        )
        .catch(() => undefined);
      assert.deepEqual(errors, []);
      assert.deepEqual(
        await page.evaluate(() => ({
          card: !!document.querySelector('#root omneo-points-balance')?.shadowRoot?.querySelector('[part~=guest]'),
          hub: !!document.querySelector('omneo-rewards')?.shadowRoot?.querySelector('[part~=guest]'),
          hubsFour: ['omneo-points-balance', 'omneo-tier-progress', 'omneo-reward-wallet', 'omneo-wishlist'].every((tag) => customElements.get(tag)),
          twoNames: customElements.get('omneo-points-balance') !== customElements.get('acme-points') && !!customElements.get('acme-points'),
        })),
        { card: true, hub: true, hubsFour: true, twoNames: true },
      );
    } finally {
      await browser.close();
    }
  });

  test('a React app bundled against the built package (not src/) shows data in Chromium', async () => {
    const app = path.join(work, 'app');
    mkdirSync(path.join(app, 'src'), { recursive: true });
    writeFileSync(
      path.join(app, 'src/main.js'),
      `import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from 'omneo-widgets';
import { PointsBalance, WishlistButton, diagnose } from 'omneo-widgets/react';

configure({ locale: 'en-AU' }); // the rest from the page's omneo-config block
window.diagnose = diagnose; // for support, as OmneoWidgets.diagnose() on a CDN page

function App() {
  const [ready, setReady] = useState([]);
  const onOmneoReady = (event) => setReady((tags) => [...tags, event.detail.element]);
  return h('main', null,
    h(PointsBalance, { variant: 'compact', onOmneoReady }),
    h(WishlistButton, { sku: 'LS-SAND-M', productName: 'Linen shirt', onOmneoReady }),
    h('p', { id: 'ready' }, ready.join(',')));
}
createRoot(document.getElementById('root')).render(h(App));
`,
    );
    const { build } = await import('vite');
    const output = (await build({
      configFile: false,
      root: app,
      // (Not 'warn': bundling the wrappers into an app drops their 'use client', which is for RSC bundlers.)
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { outDir: path.join(app, 'out'), minify: false, lib: { entry: path.join(app, 'src/main.js'), formats: ['es'], fileName: () => 'app.js' } },
    })) as { output: { type: string; fileName: string; moduleIds?: string[] }[] } | { output: { type: string; fileName: string; moduleIds?: string[] }[] }[];
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((each) => each.output).filter((each) => each.type === 'chunk');
    const modules = chunks.flatMap((chunk) => chunk.moduleIds ?? []);
    assert.ok(modules.includes(path.join(installed, 'dist/npm/react/index.js')), 'the app did not bundle the built wrappers');
    assert.deepEqual(modules.filter((id) => id.startsWith(path.join(REPO_ROOT, 'src'))), [], 'the app bundled src/');

    const devApp = nodeListener(createDevApp().app);
    let config = '{}';
    const server: Server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (isDevAppPath(url.pathname)) return devApp(request, response);
      if (url.pathname === '/') {
        return void response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><html lang="en"><head><script type="application/json" id="omneo-config">${config}</script><script type="module" src="/out/app.js"></script></head><body><div id="root"></div></body></html>`);
      }
      if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
      const file = path.join(app, 'out', path.basename(url.pathname));
      if (url.pathname.startsWith('/out/') && existsSync(file)) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const scope = (await (await fetch(`${origin}/__scopes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
        apiBase: string;
        tokenEndpointFor: string;
      };
      config = JSON.stringify({ tokenEndpoint: scope.tokenEndpointFor.replace('{persona}', 'ava'), apiBase: scope.apiBase });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => /omneo-points-balance/.test(document.querySelector('#ready')?.textContent ?? ''), undefined, { timeout: 10_000 });
      await page.waitForFunction(() => /omneo-wishlist-button/.test(document.querySelector('#ready')?.textContent ?? ''), undefined, { timeout: 10_000 });
      const seen = await page.evaluate(() => {
        const badge = document.querySelector('omneo-points-balance')!;
        const heart = document.querySelector('omneo-wishlist-button') as HTMLElement & { sku: string };
        return { badge: badge.shadowRoot?.textContent ?? '', variant: badge.getAttribute('variant'), sku: heart.sku };
      });
      assert.match(seen.badge, /\d/);
      assert.equal(seen.variant, 'compact');
      assert.equal(seen.sku, 'LS-SAND-M');
      // diagnose() from the npm build: no loader, both elements loaded, their config from the page.
      const report = await page.evaluate(() => (window as unknown as { diagnose: () => Promise<DiagnoseReport> }).diagnose());
      assert.equal(report.version, packageJson.version);
      assert.equal(report.loader, null);
      assert.deepEqual(report.elements.map(({ tag, state }) => `${tag} ${state}`).sort(), ['omneo-points-balance loaded', 'omneo-wishlist-button loaded']);
      assert.equal(report.elements[0]!.config.apiBase?.source, 'page');
      assert.equal(report.stores[0]?.token?.state, 'valid');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('an app that registers one element itself, bundled from the built package', () => {
  // README, npm: one element's define.js, the class's define('acme-points'), or a subclass registered with
  // customElements.define (the README's way to a second name). Each must start the page listeners, as the CDN
  // script does when it loads: on a sign-out page without elements, omneo-logout clears what earlier pages cached.
  const registrations = {
    'define.js': "import 'omneo-widgets/components/points-balance/define.js';",
    "OmneoPointsBalance.define('acme-points')": "import { OmneoPointsBalance } from 'omneo-widgets/elements';\nOmneoPointsBalance.define('acme-points');",
    "customElements.define('acme-points', class extends OmneoPointsBalance {})":
      "import { OmneoPointsBalance } from 'omneo-widgets/elements';\ncustomElements.define('acme-points', class extends OmneoPointsBalance {});",
  };

  test('omneo-logout on a sign-out page (the bundle, no element) clears what the pages before it cached, however the app registers the element', async () => {
    const { build } = await import('esbuild');
    const app = path.join(work, 'app');
    const bundles = new Map<string, string>();
    for (const [name, code] of Object.entries(registrations)) {
      const output = await build({ stdin: { contents: code, resolveDir: app }, bundle: true, write: false, format: 'esm', minify: true, logLevel: 'silent' });
      bundles.set(String(bundles.size), output.outputFiles[0]!.text);
      assert.ok(!/omneo-wishlist|omneo-reward-wallet/.test(output.outputFiles[0]!.text), `${name}: other elements in the bundle`);
    }
    const devApp = nodeListener(createDevApp().app);
    let config = '{}';
    const server: Server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (isDevAppPath(url.pathname)) return devApp(request, response);
      const page = /^\/(\d)\/(shop|signed-out)$/.exec(url.pathname);
      const bundle = /^\/(\d)\/app\.js$/.exec(url.pathname);
      if (page) {
        const tag = Number(page[1]) === 0 ? 'omneo-points-balance' : 'acme-points';
        return void response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><html lang="en"><head><script type="application/json" id="omneo-config">${config}</script><script type="module" src="/${page[1]}/app.js"></script></head><body>${page[2] === 'shop' ? `<${tag}></${tag}>` : '<p>You are signed out.</p>'}</body></html>`);
      }
      if (bundle && bundles.has(bundle[1]!)) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundles.get(bundle[1]!));
      response.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const cached = () => Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:')).length;
    try {
      const scope = (await (await fetch(`${origin}/__scopes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
        apiBase: string;
        tokenEndpointFor: string;
      };
      config = JSON.stringify({ tokenEndpoint: scope.tokenEndpointFor.replace('{persona}', 'ava'), apiBase: scope.apiBase });
      const left: string[] = [];
      for (const [index, name] of Object.keys(registrations).entries()) {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${origin}/${index}/shop`);
        await page.waitForFunction(() => /1,250/.test(document.querySelector('omneo-points-balance, acme-points')?.shadowRoot?.textContent ?? ''), undefined, { timeout: 10_000 });
        // omneo-widgets/elements registers nothing itself (README): the app's name is the only one.
        const omneoTags = await page.evaluate((tags) => tags.filter((tag) => customElements.get(tag)), elementFolders().map((folder) => `omneo-${folder}`));
        assert.deepEqual(omneoTags, index === 0 ? ['omneo-points-balance'] : [], `${name}: registered`);
        // Written a moment after the data arrived (WRITE_AFTER_MS), not only when the page is left.
        await page.waitForFunction(cached, undefined, { timeout: 5000 });
        await page.goto(`${origin}/${index}/signed-out`);
        await page.waitForFunction(() => customElements.get('omneo-points-balance') ?? customElements.get('acme-points'));
        assert.equal(await page.evaluate(cached), 1, `${name}: the shop page cached the balances`);
        await page.evaluate(() => document.dispatchEvent(new Event('omneo-logout')));
        if ((await page.evaluate(cached)) !== 0) left.push(name);
        assert.deepEqual(errors, []);
        await page.close();
      }
      assert.deepEqual(left, [], 'the shopper’s cached data outlived omneo-logout');
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('CDN URLs carry the exact package version', () => {
  /** jsDelivr and unpkg URLs of the package; group 1 is the version after `@`, if any. */
  const CDN_URL = /https?:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/omneo-widgets(?:@([^/\s"'`<>]*))?(?=[/\s"'`<>]|$)/g;

  const integrationFiles = (execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', 'integrations'], { cwd: REPO_ROOT, encoding: 'utf8' }) as string)
    .split('\0')
    .filter((file) => file && !/\/assets\/[^/]+\.js$/.test(file) && existsSync(path.join(REPO_ROOT, file)));

  const version = packageJson.version;
  let readmeUrls = 0;
  for (const file of ['README.md', ...integrationFiles]) {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const match of text.matchAll(CDN_URL)) {
      const line = text.slice(0, match.index).split('\n').length;
      if (file === 'README.md') readmeUrls += 1;
      test(`${file}:${line} pins omneo-widgets@${version}`, () => {
        assert.equal(match[1], version, `${file}:${line}: ${match[0]} must name the exact version, omneo-widgets@${version}`);
      });
    }
  }

  test('the README gives CDN URLs, and every version it names in prose is the package version', () => {
    assert.ok(readmeUrls >= 2, `only ${readmeUrls} CDN URLs in README.md`);
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const match of readme.matchAll(/omneo-widgets@(\d+\.\d+\.\d+[\w.-]*)/g)) {
      assert.equal(match[1], version, `README.md:${readme.slice(0, match.index).split('\n').length}: omneo-widgets@${match[1]}`);
    }
  });
});
