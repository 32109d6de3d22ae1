/**
 * `npm run coverage`: which lines and branches the tests run, as figures per area and the files with the most
 * left unrun. It runs the two suites that execute our source directly, with V8's coverage:
 *   - the Chromium element and data-layer suite (`wtr --coverage`) measures src/ — the code that ships to browsers;
 *   - the Node suite (`node --test` under c8, source-mapped through tsx) measures server/, the proxies it starts included.
 * With `--e2e`, a third: the end-to-end suite in Chromium measures the built CDN files (dist/cdn/), mapped back to
 * src/ through the build's source maps (`npm run build` writes them beside the files; the shipped .js files are
 * the same bytes with or without this run). That is the only suite that runs the CDN loader, src/cdn.ts and
 * src/cdn/, and it runs the rest of src/ as a shop's page does. test/e2e/coverage.ts records each page's coverage
 * when E2E_COVERAGE names a folder; `c8 report` maps it. Mapped from minified code, a line or branch can come out
 * wrong either way (seen: src/cdn.ts's refresh() fallback reported not run, though page.test.ts runs it), and code
 * that runs as a page is left or comes back from the back-forward cache may go uncounted: read the figures as
 * where to look, and before writing a test for a gap, confirm it in coverage/cdn-v8 (V8's own ranges, per page).
 * The Firefox and WebKit suites also run the bundle but give no V8 coverage: what only they exercise is not
 * counted, so the figures are a floor.
 *
 * A report, not a gate: a percentage threshold invites tests written to touch lines rather than to fail when
 * behaviour breaks (mutation checks do that better); the figures show where to look. Exits non-zero only when a
 * suite fails. lcov files stay in coverage/ (gitignored) for an editor or `genhtml`.
 *
 *   npm run coverage                 both suites (about 8 minutes on 2 cores)
 *   npm run coverage -- --e2e        and the build, then the end-to-end suite (about 6 minutes more: the suite's own
 *                                    time, 345 s with the build here; the recording and c8's mapping add a few seconds)
 *   npm run coverage -- --report     only summarise the lcov files of an earlier run (`--e2e` too: the CDN build's)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const browserLcov = path.join(root, 'coverage', 'lcov.info');
const serverReport = path.join(root, 'coverage', 'server');
const serverLcov = path.join(serverReport, 'lcov.info');
const cdnReport = path.join(root, 'coverage', 'cdn');
const cdnLcov = path.join(cdnReport, 'lcov.info');
/** Where the end-to-end pages' V8 coverage goes (test/e2e/coverage.ts), in the format c8 reads. */
const cdnRaw = path.join(root, 'coverage', 'cdn-v8');

export interface FileCoverage {
  file: string;
  lines: number;
  linesHit: number;
  branches: number;
  branchesHit: number;
}

/**
 * Reads an lcov file into one row per source file; paths come back relative to the repository. A file reported in
 * more than one record (lcov files joined, or a source two bundles map back to) is one row, its lines and branches
 * run if any record ran them.
 */
export function parseLcov(text: string, base = root): FileCoverage[] {
  const byFile = new Map<string, { lines: Map<string, boolean>; branches: Map<string, boolean> }>();
  for (const record of text.split('end_of_record')) {
    const source = /^SF:(.+)$/m.exec(record)?.[1]?.trim();
    if (!source) continue;
    const file = path.relative(base, path.resolve(base, source)).split(path.sep).join('/');
    const seen = byFile.get(file) ?? { lines: new Map<string, boolean>(), branches: new Map<string, boolean>() };
    byFile.set(file, seen);
    // V8 can report a line or branch more than once (a function's declaration and its body); count each once.
    const { lines, branches } = seen;
    for (const [, line = '', count] of record.matchAll(/^DA:(\d+),(\d+)/gm)) lines.set(line, lines.get(line) || count !== '0');
    for (const [, line, block, branch, taken] of record.matchAll(/^BRDA:(\d+),(\d+),(\d+),(\S+)/gm)) {
      const key = `${line}:${block}:${branch}`;
      branches.set(key, branches.get(key) || (taken !== '-' && taken !== '0'));
    }
  }
  const count = (map: Map<string, boolean>) => [...map.values()].filter(Boolean).length;
  return [...byFile].map(([file, { lines, branches }]) => ({
    file,
    lines: lines.size,
    linesHit: count(lines),
    branches: branches.size,
    branchesHit: count(branches),
  }));
}

/** The rows for one area: a folder's files, or one file. */
export function area(files: readonly FileCoverage[], prefix: string): FileCoverage {
  const rows = files.filter((row) => row.file === prefix || row.file.startsWith(`${prefix}/`));
  const sum = (key: keyof Omit<FileCoverage, 'file'>) => rows.reduce((total, row) => total + row[key], 0);
  return { file: prefix, lines: sum('lines'), linesHit: sum('linesHit'), branches: sum('branches'), branchesHit: sum('branchesHit') };
}

/**
 * A share to one decimal, rounded down: 99.96 % of lines run reads "99.9 %", so "100.0 %" means every line, and no
 * figure claims more than was run.
 */
export const percent = (hit: number, total: number): string =>
  total === 0 ? '—' : `${(Math.floor((hit * 1000) / total) / 10).toFixed(1)} %`;

/** A test folder's test files, as paths from the repository root. */
const testFiles = (folder: string): string[] =>
  readdirSync(path.join(root, folder))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(folder, name));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function summarise(withCdn: boolean): void {
  const report = (title: string, lcov: string, folder: string, areas: string[]) => {
    if (!existsSync(lcov)) {
      console.log(`\n${title}: no ${path.relative(root, lcov)} (run without --report first)`);
      return;
    }
    const files = parseLcov(readFileSync(lcov, 'utf8')).filter((row) => row.file.startsWith(`${folder}/`));
    console.log(`\n${title}`);
    console.log(`${'area'.padEnd(28)} ${'lines'.padStart(18)} ${'branches'.padStart(18)}`);
    for (const prefix of [...areas, folder]) {
      const row = area(files, prefix);
      const cell = (hit: number, total: number) => `${percent(hit, total)} ${hit}/${total}`.padStart(18);
      console.log(`${(prefix === folder ? `${folder} (all)` : prefix).padEnd(28)} ${cell(row.linesHit, row.lines)} ${cell(row.branchesHit, row.branches)}`);
    }
    const most = [...files].sort((a, b) => b.lines - b.linesHit - (a.lines - a.linesHit) || a.file.localeCompare(b.file)).slice(0, 8);
    console.log('most lines not run:');
    for (const row of most.filter((row) => row.lines > row.linesHit)) {
      console.log(`  ${String(row.lines - row.linesHit).padStart(4)}  ${row.file}`);
    }
  };
  const subfolders = (folder: string) =>
    readdirSync(path.join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}/${entry.name}`)
      .sort();
  report('src/ in Chromium (npm run test:browser)', browserLcov, 'src', ['src/api', 'src/core', 'src/components']);
  report('server/ in Node (npm run test:server)', serverLcov, 'server', subfolders('server'));
  if (withCdn) {
    report('src/ as the CDN build, in Chromium (npm run test:e2e)', cdnLcov, 'src', ['src/cdn.ts', 'src/cdn', 'src/api', 'src/core', 'src/components']);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let ok = true;
  const withCdn = process.argv.includes('--e2e');
  if (!process.argv.includes('--report')) {
    mkdirSync(path.join(root, 'coverage'), { recursive: true });
    // An earlier run's lcov files go first: a suite that dies before writing its own must show no figures, not the
    // last run's as if they were this one's.
    for (const stale of [browserLcov, serverReport, ...(withCdn ? [cdnReport] : [])]) rmSync(stale, { recursive: true, force: true });
    ok = run('npx', ['wtr', '--coverage']) && ok;
    // c8 rather than node --experimental-test-coverage: Node 20's source-mapped line counts are wrong for tsx's output
    // (lines that run reported as not run), and c8's NODE_V8_COVERAGE also reaches the proxies the tests spawn.
    ok =
      run('npx', [
        'c8', '--reporter=lcovonly', `--report-dir=${serverReport}`, '--include=server/**', '--exclude-after-remap',
        process.execPath, '--import', 'tsx', '--test', '--test-reporter=dot', ...testFiles('test/server'),
      ]) && ok;
    if (withCdn) {
      rmSync(cdnRaw, { recursive: true, force: true });
      ok =
        run('npm', ['run', 'build']) &&
        run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...testFiles('test/e2e')], { E2E_COVERAGE: cdnRaw }) &&
        ok;
      // No --include: c8 would filter the built files' paths before mapping (and with --exclude-after-remap it drops
      // the coverage of a source named relatively in a map of several sources, leaving its lines counted as run).
      // The lcov file keeps Lit's and zod's lines too; the summary counts src/.
      if (existsSync(cdnRaw)) run('npx', ['c8', 'report', `--temp-directory=${cdnRaw}`, '--reporter=lcovonly', `--report-dir=${cdnReport}`]);
    }
  }
  summarise(withCdn);
  if (!ok) {
    console.error('\nA suite failed: the figures above count only what ran before it did.');
    process.exit(1);
  }
}
