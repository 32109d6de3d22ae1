/**
 * `npm run coverage -- --e2e` (scripts/coverage.ts, test/e2e/coverage.ts): one end-to-end test run with
 * E2E_COVERAGE set writes the pages' coverage of the built files, and `c8 report`, as the script runs it, maps it to
 * the lines of src/cdn.ts: the lines that ran as run and one that did not as not run. (With `--include` and
 * `--exclude-after-remap`, c8 left every line of a source named relatively in a map of several sources counted as
 * run: 100 % whatever ran.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The 1-based line of src/cdn.ts that contains `text` (once). */
function lineOf(text: string): number {
  const lines = readFileSync(path.join(root, 'src', 'cdn.ts'), 'utf8').split('\n');
  const found = lines.flatMap((line, index) => (line.includes(text) ? [index + 1] : []));
  assert.equal(found.length, 1, `"${text}" is on one line of src/cdn.ts`);
  return found[0]!;
}

describe('the end-to-end coverage mode', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'omneo-e2e-coverage-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it("records a page's run of the built loader and maps it to src/cdn.ts line by line", () => {
    const raw = path.join(folder, 'v8');
    // Without the runner's NODE_TEST_CONTEXT, which would make the child report to this run instead of running.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=dot', '--test-name-pattern=registered right after the script', 'test/e2e/localisation.test.ts'],
      { cwd: root, env: { ...env, E2E_COVERAGE: raw }, encoding: 'utf8' },
    );
    assert.equal(child.status, 0, child.stdout + child.stderr);
    const report = path.join(folder, 'lcov');
    const c8 = spawnSync('npx', ['c8', 'report', `--temp-directory=${raw}`, '--reporter=lcovonly', `--report-dir=${report}`], { cwd: root, encoding: 'utf8' });
    assert.equal(c8.status, 0, c8.stdout + c8.stderr);
    const lcov = readFileSync(path.join(report, 'lcov.info'), 'utf8');
    const record = lcov.split('end_of_record').find((each) => /^SF:src\/cdn\.ts$/m.test(each));
    assert.ok(record, `no src/cdn.ts in the lcov: ${lcov.match(/^SF:.*$/gm)?.join(', ')}`);
    const count = (line: number) => Number(new RegExp(`^DA:${line},(\\d+)$`, 'm').exec(record)?.[1] ?? NaN);
    // Every page runs the first two; this one has elements and nobody signs out, so not the last two. (A line counts
    // as not run only when none of it ran: an `if (…) throw` on one line whose test ran counts as run.)
    assert.ok(count(lineOf('claimPage(import.meta.url);')) > 0, 'the loader ran');
    assert.ok(count(lineOf('pendingCatalogues.push([locale, catalogue]);')) > 0, 'registerCatalogue ran');
    assert.equal(count(lineOf('otherTabs = openOtherTabs();')), 0, "a page without elements' line counts as not run");
    assert.equal(count(lineOf('forgetAllCachedData();')), 0, "the omneo-logout listener's line counts as not run");
  });
});
