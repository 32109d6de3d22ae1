/**
 * The Shopify theme app extension as `shopify app deploy` sees it. Shopify CLI uploads every file under the
 * extension's folders (assets, blocks, locales, snippets) and refuses the deploy ("Invalid filename in your
 * theme app extension: assets/.gitignore") for any file whose name its rules do not allow; a fresh clone
 * has only the tracked files, and `npm run build` adds the CDN build to assets/ (creating the folder) and the
 * preload snippet the app embed renders to snippets/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildAll, REPO_ROOT, SHOPIFY_EXTENSION_DIR } from '../../scripts/build.js';
import { readmeSection } from './readme-blocks.js';

/**
 * Shopify CLI's rules for a theme app extension's files (@shopify/app, the theme extension specification and
 * utilities/extensions/theme.ts): a file in one of the four folders must have one of that folder's
 * extensions, except the names it ignores; files in any other folder, or deeper, are refused or not uploaded.
 */
const ALLOWED: Record<string, readonly string[]> = {
  assets: ['.jpg', '.jpeg', '.json', '.js', '.css', '.png', '.svg', '.wasm'],
  blocks: ['.liquid'],
  snippets: ['.liquid'],
  locales: ['.json'],
};
const IGNORED_BY_CLI = (name: string) => name === '.gitkeep' || name === '.shopifyignore' || name.endsWith('.toml');
const TOP_LEVEL_FILES = ['shopify.extension.toml'];

/** What Shopify CLI would refuse among `files` (paths relative to the extension, `/`-separated). */
function deployProblems(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length === 1) {
      if (!TOP_LEVEL_FILES.includes(file)) problems.push(`${file}: only ${TOP_LEVEL_FILES.join(', ')} belongs at the top level`);
      continue;
    }
    const [folder, name] = parts as [string, string];
    const allowed = ALLOWED[folder];
    if (!allowed) problems.push(`${file}: ${folder}/ is not one of ${Object.keys(ALLOWED).join(', ')}`);
    else if (parts.length > 2) problems.push(`${file}: no subfolders in ${folder}/ (Shopify uploads only ${folder}/*)`);
    else if (!IGNORED_BY_CLI(name) && !allowed.includes(path.extname(name).toLowerCase())) {
      problems.push(`${file}: Invalid filename in your theme app extension (${folder}/ takes ${allowed.join(', ')})`);
    }
  }
  return problems;
}

const EXTENSION_IN_REPO = path.relative(REPO_ROOT, SHOPIFY_EXTENSION_DIR).split(path.sep).join('/');

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--', EXTENSION_IN_REPO], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .map((file) => file.slice(EXTENSION_IN_REPO.length + 1));
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

const work = mkdtempSync(path.join(tmpdir(), 'omneo-shopify-deploy-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('Shopify theme app extension: what `shopify app deploy` uploads', () => {
  test('the rules refuse what Shopify CLI refuses', () => {
    assert.deepEqual(deployProblems(['shopify.extension.toml', 'assets/omneo-widgets.js', 'assets/.gitkeep', 'blocks/a.liquid', 'locales/ar.schema.json']), []);
    assert.equal(deployProblems(['assets/.gitignore', 'assets/omneo-widgets.js.map', 'blocks/a.json', 'locales/ar.yml', 'README.md', 'src/x.js', 'assets/chunks/x.js']).length, 7);
  });

  test('every tracked file of the extension is one Shopify CLI accepts', () => {
    const files = trackedFiles();
    assert.ok(files.includes('shopify.extension.toml') && files.includes('blocks/omneo-embed.liquid'), files.join(', '));
    assert.deepEqual(deployProblems(files), []);
  });

  test('a fresh clone (tracked files only, no assets/ folder) gets assets/ from the build: the CDN files, nothing Shopify refuses', async () => {
    const clone = path.join(work, 'omneo-loyalty');
    for (const file of trackedFiles()) {
      mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      copyFileSync(path.join(SHOPIFY_EXTENSION_DIR, file), path.join(clone, file));
    }
    assert.equal(existsSync(path.join(clone, 'assets')), false, 'nothing in assets/ is tracked, so a fresh clone has no assets/ folder');
    // What `npm run build` does for the extension, into the clone (cdnOnly: the npm build is not needed here).
    await buildAll({ outDir: path.join(work, 'dist'), shopifyAssetsDir: path.join(clone, 'assets'), cdnOnly: true });
    const cdn = readdirSync(path.join(work, 'dist/cdn')).filter((file) => file.endsWith('.js')).sort();
    assert.ok(cdn.includes('omneo-widgets.js'));
    assert.deepEqual(readdirSync(path.join(clone, 'assets')).sort(), cdn);
    // The build also writes the snippet the app embed renders for the preload (git-ignored: named by this build's chunks).
    const rendered = readdirSync(path.join(clone, 'blocks')).flatMap((file) => [...readFileSync(path.join(clone, 'blocks', file), 'utf8').matchAll(/\{%-? render '([\w-]+)'/g)].map((match) => match[1]!));
    assert.ok(rendered.includes('omneo-preload'), rendered.join(', '));
    assert.deepEqual(rendered.filter((snippet) => !existsSync(path.join(clone, 'snippets', `${snippet}.liquid`))), [], 'snippets the blocks render that the clone lacks after the build');
    assert.deepEqual(deployProblems(filesUnder(clone)), []);
  });

  test('the extension folder of this checkout holds nothing Shopify CLI refuses (what a deploy from here would upload)', () => {
    assert.deepEqual(deployProblems(filesUnder(SHOPIFY_EXTENSION_DIR)), []);
  });
});

describe("README's Shopify section names the app embed and its settings as the merchant sees them in the theme editor", () => {
  const section = readmeSection('### Shopify (theme app extension)').replace(/\s+/g, ' ');
  const embed = readFileSync(path.join(SHOPIFY_EXTENSION_DIR, 'blocks/omneo-embed.liquid'), 'utf8');
  const schema = JSON.parse(/\{% schema %\}([\s\S]*?)\{% endschema %\}/.exec(embed)![1]!) as {
    name: string;
    settings: Array<{ id: string; label: string; default?: string | boolean; options?: Array<{ value: string; label: string }> }>;
  };
  const english = JSON.parse(readFileSync(path.join(SHOPIFY_EXTENSION_DIR, 'locales/en.default.schema.json'), 'utf8')) as Record<string, unknown>;
  /** `t:embed.settings.proxy_path.label` → its English text. */
  const t = (key: string) => key.slice(2).split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], english) as string;
  const setting = (id: string) => schema.settings.find((candidate) => candidate.id === id)!;

  test('the embed is "Omneo loyalty" under App embeds', () => {
    assert.equal(t(schema.name), 'Omneo loyalty');
    assert.ok(section.includes(`switches on *${t(schema.name)}* under Theme settings → App embeds`));
  });

  test('App proxy path, default /apps/omneo', () => {
    assert.equal(t(setting('proxy_path').label), 'App proxy path');
    assert.equal(setting('proxy_path').default, '/apps/omneo');
    assert.ok(section.includes(`**${t(setting('proxy_path').label)}** (default \`${setting('proxy_path').default}\``));
  });

  test('Add wishlist items to the cart, on; After adding to the cart: the cart page by default, or stay', () => {
    assert.equal(setting('add_to_cart').default, true);
    assert.ok(section.includes(`**${t(setting('add_to_cart').label)}** (on)`));
    const after = setting('after_add');
    assert.deepEqual(after.options!.map(({ value }) => value), ['cart', 'stay']);
    assert.equal(after.default, 'cart');
    assert.ok(section.includes(`**${t(after.label)}**: go to the cart page (default) or stay on the page`));
    assert.match(t(after.options![0]!.label), /^Go to the cart page$/);
    // The Troubleshooting row names the cart setting too, in italics.
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`*${t(setting('add_to_cart').label)}* is off`));
  });

  test('tier blocks with "Show every tier" get tiers-endpoint', () => {
    const tier = JSON.parse(/\{% schema %\}([\s\S]*?)\{% endschema %\}/.exec(readFileSync(path.join(SHOPIFY_EXTENSION_DIR, 'blocks/tier-progress.liquid'), 'utf8'))![1]!) as {
      settings: Array<{ id: string; label: string }>;
    };
    const ladder = tier.settings.find(({ id }) => id === 'show_ladder');
    assert.ok(ladder, 'the tier block has no show_ladder setting');
    assert.ok(section.includes(`tier blocks with "${t(ladder.label)}"`));
  });
});
