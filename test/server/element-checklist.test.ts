/**
 * README "Adding an element (maintainers)": the steps of its checklist that no other test catches, or catches only
 * with a message that does not say what to do. Each element is a `src/components/<folder>/define.ts` registering
 * `omneo-<folder>` (scripts/build.ts, elementFolders); each assertion names the file to edit.
 *
 * Caught elsewhere, with their own messages: the README's element section and `omneo-widgets/react` row, the JSDoc
 * parts and events, the Shopify app block (test/server/packaging.test.ts), the block's editor and storefront copy
 * (test/server/integration-shopify.test.ts, theme-check in packaging.test.ts), the wrapper's attribute table
 * (test/server/react-ssr.test.ts), the Vue and Svelte template types' properties and events (packaging.test.ts), public-api.json (test/server/publish.test.ts), French and Arabic copy
 * (test/core/locales.test.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { elementFolders, REPO_ROOT } from '../../scripts/build.js';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const folders = elementFolders();
const tagOf = (folder: string) => `omneo-${folder}`;
/** The folders whose file does not contain what `has` looks for. */
const lacking = (file: string, has: (source: string, folder: string) => boolean) => {
  const source = read(file);
  return folders.filter((folder) => !has(source, folder)).map(tagOf);
};
const quoted = (text: string) => new RegExp(`['"\`]${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);

describe('every element is wired in everywhere the README checklist says (Adding an element)', () => {
  test('finds the elements', () => {
    assert.ok(folders.length >= 6 && folders.includes('points-balance'), folders.join(', '));
  });

  test('the npm entries: src/index.ts registers it, src/elements.ts exports its class', () => {
    assert.deepEqual(
      lacking('src/index.ts', (source, folder) => source.includes(`import './components/${folder}/define.js';`)),
      [],
      "elements src/index.ts does not register: add `import './components/<folder>/define.js';` there",
    );
    assert.deepEqual(
      lacking('src/elements.ts', (source, folder) => source.includes(`from './components/${folder}/${folder}.js';`)),
      [],
      "elements whose class src/elements.ts does not export: add `export { OmneoX } from './components/<folder>/<folder>.js';` there",
    );
  });

  test('React: a wrapper in src/react/index.ts', () => {
    assert.deepEqual(
      lacking('src/react/index.ts', (source, folder) => quoted(tagOf(folder)).test(source)),
      [],
      'elements without a wrapper: add a createOmneoComponent({ tagName: …, events: … }) to src/react/index.ts',
    );
  });

  test('React: the same wrapper in the edge variant, src/react/server.ts', () => {
    assert.deepEqual(
      lacking('src/react/server.ts', (source, folder) => new RegExp(`serverComponent<[^>]+>\\(${quoted(tagOf(folder)).source}`).test(source)),
      [],
      'elements without an edge wrapper: add `export const X = serverComponent<typeof Browser.X>(…)` to src/react/server.ts (edge runtimes import it instead of src/react/index.ts)',
    );
  });

  test('React: its props rendered as attributes, in src/react/attributes.ts', () => {
    assert.deepEqual(
      lacking('src/react/attributes.ts', (source, folder) => new RegExp(`${quoted(tagOf(folder)).source}:`).test(source)),
      [],
      "elements missing from WRAPPED_ATTRIBUTES in src/react/attributes.ts (without one, importing omneo-widgets/react throws): add `'omneo-<folder>': { ...common, <its own props> }`",
    );
  });

  test('Vue and Svelte: its tag in OmneoTags, src/frameworks/tags.ts (the template types)', () => {
    assert.deepEqual(
      lacking('src/frameworks/tags.ts', (source, folder) => new RegExp(`${quoted(tagOf(folder)).source}: \\{\\s*element: `).test(source)),
      [],
      "elements omneo-widgets/vue and omneo-widgets/svelte do not type: add `'omneo-<folder>': { element: OmneoX; events: <each event it @fires> }` to OmneoTags in src/frameworks/tags.ts",
    );
  });

  test('its English copy is registered: every key its code names is in the common part or its own `static englishMessages`', async () => {
    const { en } = await import('../../src/core/locales/en.js');
    const { enCommon } = await import('../../src/core/locales/en/common.js');
    const unregistered: string[] = [];
    for (const folder of folders) {
      const dir = path.join(REPO_ROOT, 'src/components', folder);
      const code = readdirSync(dir).filter((file) => file.endsWith('.ts')).map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
      const exported = Object.values(await import(`../../src/components/${folder}/${folder}.js`)) as unknown[];
      const elementClass = exported.find((value): value is { englishMessages: object } => typeof value === 'function' && 'englishMessages' in value);
      const own = elementClass?.englishMessages ?? {};
      const named = [...code.matchAll(/'([a-z][\w-]*(?:\.[\w-]+)+)'/g)].map((match) => match[1]!).filter((key) => key in en);
      for (const key of new Set(named)) if (!(key in enCommon) && !(key in own)) unregistered.push(`${tagOf(folder)}: ${key}`);
    }
    assert.deepEqual(
      unregistered,
      [],
      "keys an element shows that it does not register (the page would show the key itself): put them in its part of src/core/locales/en/, spread into src/core/locales/en.ts, and set `static override englishMessages` to that part in the element's class",
    );
  });

  test('a test file of its own, test/components/<folder>.test.ts', () => {
    assert.deepEqual(
      folders.filter((folder) => !existsSync(path.join(REPO_ROOT, 'test/components', `${folder}.test.ts`))).map(tagOf),
      [],
      'elements without test/components/<folder>.test.ts: every state, each with expect(el).to.be.accessible()',
    );
  });

  test('the states gallery (demo/states.ts) shows it, as the README says it shows every element', () => {
    assert.deepEqual(
      lacking('demo/states.ts', (source, folder) => new RegExp(`tag: ${quoted(tagOf(folder)).source}`).test(source)),
      [],
      "elements the states gallery lacks: add a Kind to KINDS in demo/states.ts (and the element to the README's States gallery list)",
    );
  });

  test('the leak and benchmark lists count its instances', () => {
    for (const [file, list] of [
      ['test/e2e/lifecycle.test.ts', 'TAGS'],
      ['test/e2e/memory.ts', 'TAGS'],
      ['bench/browser.ts', 'KNOWN_TAGS'],
    ] as const) {
      const line = new RegExp(`const ${list} = \\[([^\\]]*)\\]`).exec(read(file))?.[1];
      assert.ok(line !== undefined, `${file} has no ${list} list`);
      assert.deepEqual(
        folders.map(tagOf).filter((tag) => !quoted(tag).test(line)),
        [],
        `elements missing from ${list} in ${file}: add the tag, so that the end-to-end leak checks (and the benchmark) count its instances`,
      );
    }
  });
});
