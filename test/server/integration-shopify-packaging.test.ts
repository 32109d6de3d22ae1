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
