/**
 * Angular ahead of time (integrations/angular): the Angular CLI's build compiles templates with ngc
 * (@angular/compiler-cli), which angular.test.ts's JIT build never runs. compiler-cli 21 needs TypeScript >=5.9 <6.1,
 * the repository builds with 7: test/angular-aot/ is a package of its own (compiler-cli and TypeScript 5.9 only;
 * @angular/core and the rest resolve from the repository's node_modules), installed by .ci/run or by this test's first
 * run when missing. The example compiles against the package's declarations as `tsc -p tsconfig.build.json` emits
 * them (what an app gets from npm; the source itself needs TypeScript 7's DOM types), with `strictTemplates` (the
 * strict default of `ng new`, which includes strictDomEventTypes).
 *
 * What it shows: the example compiles with no diagnostics; without CUSTOM_ELEMENTS_SCHEMA each omneo- tag is NG8001
 * "not a known element" and each property binding NG8002; `$event` of `(omneo-add-to-cart)` is typed from the
 * package's event map (src/core/events.ts augments GlobalEventHandlersEventMap), so a handler typed with another
 * detail fails, and without strictTemplates `$event` is `any` and the same handler compiles; a property binding on
 * a custom element is not type-checked (`[pageSize]="{ nope: true }"` compiles).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../../scripts/build.js';
import { appWorkspace, lineOf, type Diagnostic } from './app-workspace.js';
import { ensureSeparateInstall, installedVersion as version } from '../../scripts/separate-install.js';

const FOLDER = path.join(REPO_ROOT, 'test/angular-aot');
const NGC = path.join(FOLDER, 'node_modules/.bin/ngc');
const EXAMPLE = path.join(REPO_ROOT, 'integrations/angular');
const COMPONENT = readFileSync(path.join(EXAMPLE, 'loyalty-panel.component.ts'), 'utf8');
/** test/angular-aot's compiler, installed (`npm ci` there) when missing or not the version its package.json pins. */
function ensureAngularCompiler(): string {
  const pinned = (JSON.parse(readFileSync(path.join(FOLDER, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  ensureSeparateInstall(FOLDER, '@angular/compiler-cli', () => existsSync(NGC) && version(FOLDER, '@angular/compiler-cli') === pinned['@angular/compiler-cli']);
  return NGC;
}

let work: string;

/** ngc on the given files (with this test's tsconfig): its exit status and its diagnostics, one per error. */
function ngc(name: string, files: string[], angularCompilerOptions: Record<string, unknown>): { status: number | null; diagnostics: Diagnostic[]; output: string } {
  const tsconfig = path.join(work, `tsconfig.${name}.json`);
  // skipLibCheck stays on (the repository's): packaging.test.ts checks the declarations themselves, with 5.4 and 7;
  // off, each run here takes twice as long.
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(REPO_ROOT, 'tsconfig.json'),
      compilerOptions: { noEmit: true, types: [], paths: { 'omneo-widgets': [path.join(work, 'types/index.d.ts')] } },
      include: [],
      files,
      angularCompilerOptions,
    }),
  );
  const result = spawnSync(process.execPath, [ensureAngularCompiler(), '-p', tsconfig], { cwd: work, encoding: 'utf8' });
  // ngc prints TypeScript's "pretty" form whatever the tsconfig says: file:line:column - error CODE: message, coloured.
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const diagnostics = [...output.matchAll(/^(\S.*?):(\d+):\d+ - error (\w+): (.*)$/gm)].map(([, file, line, code, message]) => ({
    file: path.resolve(work, file!),
    line: Number(line),
    code: code!,
    message: message!,
  }));
  return { status: result.status, diagnostics, output };
}

const STRICT = { strictTemplates: true, strictInjectionParameters: true, extendedDiagnostics: { defaultCategory: 'error' } };

/** A copy of the example with one change, beside the others in the work folder. */
function copy(name: string, from: string | RegExp, to: string): string {
  const changed = COMPONENT.replace(from, to);
  assert.notEqual(changed, COMPONENT, `${name}: ${String(from)} is no longer in loyalty-panel.component.ts`);
  const file = path.join(work, 'copies', `${name}.component.ts`);
  writeFileSync(file, changed);
  return file;
}

before(() => {
  ensureAngularCompiler();
  work = appWorkspace('omneo-angular-aot-');
  mkdirSync(path.join(work, 'copies'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("test/angular-aot's compiler is the version of the repository's @angular packages, on TypeScript 5.9", () => {
  const angular = version(REPO_ROOT, '@angular/core');
  assert.ok(angular, '@angular/core in node_modules');
  assert.equal(version(FOLDER, '@angular/compiler-cli'), angular, 'test/angular-aot/package.json pins another @angular/compiler-cli than the root installs');
  assert.match(version(FOLDER, 'typescript') ?? '', /^5\.9\./);
});

test('the example (main.ts and its LoyaltyPanelComponent) compiles ahead of time with strict templates and no diagnostics', () => {
  const { status, output } = ngc('example', [path.join(EXAMPLE, 'main.ts')], STRICT);
  assert.equal(output.trim(), '', 'ngc printed diagnostics');
  assert.equal(status, 0);
});

test('ahead of time: without CUSTOM_ELEMENTS_SCHEMA every omneo- tag is NG8001, a handler typed with another detail fails under strict templates, a property binding is not type-checked', () => {
  const noSchema = copy('no-schema', /^ {2}schemas: \[CUSTOM_ELEMENTS_SCHEMA\],\n/m, '');
  // The handler and the cart typed with another detail: the class is consistent, only the template's $event differs.
  const otherDetail = copy('other-detail', /OmneoEventDetails\['omneo-add-to-cart'\]/g, '{ foo: string }');
  const anyPageSize = copy('any-page-size', '[pageSize]="4"', '[pageSize]="{ nope: true }"');
  const { status, diagnostics, output } = ngc('copies', [noSchema, otherDetail, anyPageSize], STRICT);
  assert.notEqual(status, 0, output);
  const inFile = (file: string) => diagnostics.filter((diagnostic) => diagnostic.file === file);

  const notKnown = inFile(noSchema).filter((diagnostic) => diagnostic.code === 'NG8001');
  assert.deepEqual(
    notKnown.map((diagnostic) => diagnostic.message),
    ['omneo-points-balance', 'omneo-wishlist-button', 'omneo-wishlist'].map((tag) => `'${tag}' is not a known element:`),
    output,
  );
  // "Can't bind to 'x' since it isn't a known property of 'omneo-…'": one per property binding on the
  // elements: [customer] on each of the three, [sku], [productName], [pageSize], [headingLevel].
  assert.equal(inFile(noSchema).filter((diagnostic) => diagnostic.code === 'NG8002').length, 7, output);
  assert.equal(inFile(noSchema).length, 10, output);

  // TS2345 at (omneo-add-to-cart)="onAddToCart($event)": $event is CustomEvent<the package's detail>.
  const changed = readFileSync(otherDetail, 'utf8');
  assert.deepEqual(
    inFile(otherDetail).map(({ line, code }) => ({ line, code })),
    [{ line: lineOf(changed, '(omneo-add-to-cart)="onAddToCart($event)"'), code: 'TS2345' }],
    output,
  );
  assert.match(inFile(otherDetail)[0]!.message, /'CustomEvent<\{ sku: string; variantId: string \| null; quantity: number; \}>' is not assignable to parameter of type 'CustomEvent<\{ foo: string; \}>'/);

  assert.deepEqual(inFile(anyPageSize), [], output);
  assert.equal(diagnostics.length, 11, output);
});

test('ahead of time without strictTemplates, $event is any: the handler typed with another detail compiles', () => {
  const otherDetail = copy('other-detail-loose', /OmneoEventDetails\['omneo-add-to-cart'\]/g, '{ foo: string }');
  const { status, output } = ngc('loose', [otherDetail], { strictTemplates: false });
  assert.equal(output.trim(), '', 'ngc printed diagnostics');
  assert.equal(status, 0);
});
