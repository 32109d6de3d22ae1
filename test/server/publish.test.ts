/**
 * What `npm publish` ships and what it tells tools: the packed file list (from a fresh checkout, through
 * `prepack`), the Custom Elements Manifest's definitions and event types, and the CDN URLs the README and
 * integrations/ give merchants. Builds into a temporary folder, so it never races a build in dist/.
 * (The browser-level packaging checks are in packaging.test.ts.)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildAll, elementFolders, REPO_ROOT } from '../../scripts/build.js';

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
let manifest: Manifest;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-publish-'));
  await buildAll({ outDir: path.join(work, 'dist'), shopifyAssetsDir: null });
  manifest = JSON.parse(readFileSync(path.join(work, 'dist/custom-elements.json'), 'utf8')) as Manifest;
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
        `import type { OmneoEventDetails } from '${path.join(work, 'dist/npm/core/events.js')}';`,
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
