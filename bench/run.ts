/**
 * `npm run bench`: builds, then measures the built CDN output and prints tables; writes bench/results.json.
 *
 *   BENCH_RUNS=5            runs per browser figure (medians are reported)
 *   BENCH_CPU_RUNS=5        runs per page with the CPU slowed 4× (default BENCH_RUNS; medians are reported); 0 skips them
 *   BENCH_LATENCY_MS=150    fixed mock latency added to every token and API request
 *   BENCH_CONNECT_MS=200    what a new connection to the ID API's own origin costs (DNS, TCP, TLS) in the API-origin figures
 *   BENCH_DWELL_MS=6000     time on a page before the next in the preflight figures (over the 5 s a preflight is kept without Max-Age)
 *   BENCH_ONLY=api-origin   only the ID API on its own origin (preconnect, preflights); writes bench/results-api-origin.json
 *   LIGHTHOUSE_RUNS=3       Lighthouse runs per side (with / without widgets); 0 skips Lighthouse
 *   LIGHTHOUSE_PRELOAD=on   Lighthouse's widgets side preloads the chunk the loader imports (README, Performance)
 *   BENCH_OUT=bench/results.json
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BrowserBench, CHROME_PATH, CPU_SLOWDOWN, PAGES, PREFLIGHT_PAGES, THROTTLED_PAGES, type ApiOriginResult, type PageResult, type PreflightResult, type ThrottledResult, type WishlistResult } from './browser.js';
import { runLighthouse, type LighthouseResult } from './lighthouse.js';
import { assertBuilt, REPO_ROOT } from './serve.js';
import { measureSizes, SHOPIFY_FILE_BUDGET, type SizeReport } from './sizes.js';

function positiveInt(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    console.error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}".`);
    process.exit(1);
  }
  return value;
}

const RUNS = positiveInt('BENCH_RUNS', 5);
const ONLY_API_ORIGIN = process.env.BENCH_ONLY === 'api-origin';
if (process.env.BENCH_ONLY && !ONLY_API_ORIGIN) {
  console.error(`BENCH_ONLY can only be api-origin, got "${process.env.BENCH_ONLY}".`);
  process.exit(1);
}
const CPU_RUNS = ONLY_API_ORIGIN ? 0 : positiveInt('BENCH_CPU_RUNS', RUNS, true);
const LATENCY_MS = positiveInt('BENCH_LATENCY_MS', 150, true);
const CONNECT_MS = positiveInt('BENCH_CONNECT_MS', 200, true);
const DWELL_MS = positiveInt('BENCH_DWELL_MS', 6000, true);
const LIGHTHOUSE_RUNS = ONLY_API_ORIGIN ? 0 : positiveInt('LIGHTHOUSE_RUNS', 3, true);
const LIGHTHOUSE_PRELOAD = process.env.LIGHTHOUSE_PRELOAD === 'on';
const OUT = process.env.BENCH_OUT || join(REPO_ROOT, 'bench', ONLY_API_ORIGIN ? 'results-api-origin.json' : 'results.json');

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number) => `${Math.round(value)} ms`;

function table(title: string, head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ');
  console.log(`\n${title}\n${line(head)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const row of cells.slice(1)) console.log(line(row));
}

function printSizes(sizes: SizeReport) {
  table(
    `Built CDN files (dist/cdn), compressed; floor = an empty Lit element built the same way. Budget: ${SHOPIFY_FILE_BUDGET.toLocaleString('en')} B gzip per file (Shopify)`,
    ['file', 'raw', 'gzip', 'brotli', 'gzip − floor'],
    [
      ...sizes.files.map((f) => [`${f.file}${f.gzip > SHOPIFY_FILE_BUDGET ? '  (over budget)' : ''}`, f.raw, f.gzip, f.brotli, f.gzip - sizes.floor.gzip]),
      ['all files', sizes.total.raw, sizes.total.gzip, sizes.total.brotli, ''],
      [sizes.floor.file, sizes.floor.raw, sizes.floor.gzip, sizes.floor.brotli, 0],
      [sizes.rulesFloor.file, sizes.rulesFloor.raw, sizes.rulesFloor.gzip, sizes.rulesFloor.brotli, sizes.rulesFloor.gzip - sizes.floor.gzip],
    ],
  );
}

function printPages(pages: PageResult[]) {
  table(
    `Pages served from the build (medians of ${RUNS} runs; every token/API request delayed ${LATENCY_MS} ms)`,
    ['page', 'JS (br)', 'JS decoded', 'JS req', 'API req', 'lists req', 'all req', 'JS done', 'token', 'data cold', 'data cached', 'CLS', 'heap Δ'],
    pages.map((p) =>
      p.status === 'measured'
        ? [
            p.notBuiltYet.length ? `${p.name} (without ${p.notBuiltYet.join(', ')}: not built yet)` : p.name,
            kb(p.median.jsBytes),
            kb(p.median.jsDecodedBytes),
            p.median.jsRequests,
            p.median.apiRequests,
            p.median.listsRequests,
            p.median.requests,
            ms(p.median.jsLoadedMs),
            ms(p.median.tokenMs),
            ms(p.median.coldDataMs),
            ms(p.median.cachedDataMs),
            p.median.cls.toFixed(4),
            kb(p.median.heapBytes - p.median.heapWithoutWidgetsBytes),
          ]
        : [p.name, `not built yet (${p.missing.join(', ')})`, '', '', '', '', '', '', '', '', '', '', ''],
    ),
  );
  for (const p of pages) {
    if (p.status === 'measured' && p.median.cls > 0.01) console.log(`  layout shift on "${p.name}" moved: ${p.layoutShiftSources.join(', ')}`);
    if (p.status === 'measured' && Math.max(...p.runs.map((run) => run.listsRequests)) > 1) console.log(`  "${p.name}" asked for the lists more than once`);
  }
}

function printThrottled(results: ThrottledResult[]) {
  table(
    `Main thread with the CPU slowed ${CPU_SLOWDOWN}× (mid-range phone): long tasks (> 50 ms) until the data is on screen and the network quiet (medians of ${CPU_RUNS}; ${LATENCY_MS} ms mock latency)`,
    ['page', 'long tasks cold', 'longest', 'cached', 'longest', 'without widgets (1 run)', 'data cold', 'data cached'],
    results.map((r) =>
      r.status === 'measured'
        ? [
            r.name,
            ms(r.median.coldLongTaskMs),
            ms(r.median.coldLongestTaskMs),
            ms(r.median.cachedLongTaskMs),
            ms(r.median.cachedLongestTaskMs),
            ms(r.median.withoutWidgetsLongTaskMs),
            ms(r.median.coldDataMs),
            ms(r.median.cachedDataMs),
          ]
        : [r.name, `not built yet (${r.missing.join(', ')})`, '', '', '', '', '', ''],
    ),
  );
}

function printWishlists(wishlists: WishlistResult[]) {
  table(
    `Wishlist render: element inserted (code loaded) → items on screen, fetch + parse + render, no added latency (medians of ${RUNS})`,
    ['items', 'default page-size', 'rows shown', 'all rows', 'heap'],
    wishlists.map((w) =>
      w.status === 'measured'
        ? [w.items, ms(w.median.defaultPageSizeMs), w.median.rowsRenderedByDefault, ms(w.median.allRowsMs), kb(w.median.heapBytes)]
        : [w.items, 'not built yet', '', '', ''],
    ),
  );
}

function printApiOrigin(result: ApiOriginResult) {
  table(
    `The ID API on its own origin, each new connection to it +${result.connectMs} ms (DNS, TCP and TLS on a phone network); ${result.page}, navigation → data on screen, cold (medians of ${result.runs.length}; ${LATENCY_MS} ms mock latency)`,
    ['', 'data on screen'],
    [
      ['with the preconnect', ms(result.median.withPreconnectMs)],
      ['without it (control)', ms(result.median.withoutPreconnectMs)],
      ['saved', ms(result.median.withoutPreconnectMs - result.median.withPreconnectMs)],
    ],
  );
}

function printPreflights(results: PreflightResult[]) {
  const measured = results.filter((r): r is Extract<PreflightResult, { status: 'measured' }> => r.status === 'measured');
  table(
    `CORS preflights, the ID API on its own origin (new connection +${CONNECT_MS} ms, preconnect on) or the proxy's pass-through on the shop's (medians of ${RUNS}; ${LATENCY_MS} ms per request and per preflight; the next page after ${DWELL_MS / 1000} s on the first; data = last omneo-ready, answered = last API answer; API part = last API answer after the token and the code were in)`,
    ['page', 'API calls to', 'preflights', 'data cold', 'answered cold', 'API part cold', 'preflights next', 'data next', 'answered next', 'API part next'],
    results.map((r) =>
      r.status === 'measured'
        ? [
            r.name,
            r.route,
            r.median.coldPreflights,
            ms(r.median.coldDataMs),
            ms(r.median.coldAnsweredMs),
            ms(r.median.coldAnsweredAfterTokenMs),
            r.median.nextPreflights,
            ms(r.median.nextDataMs),
            ms(r.median.nextAnsweredMs),
            ms(r.median.nextAnsweredAfterTokenMs),
          ]
        : [r.name, r.route, `not built yet (${r.missing.join(', ')})`, '', '', '', '', '', '', ''],
    ),
  );
  for (const r of measured) {
    const counts = [...new Set(r.runs.flatMap((run) => [run.coldPreflights, run.nextPreflights]))];
    if (counts.length > 2) console.log(`  "${r.name}", ${r.route}: preflight counts varied between runs (${r.runs.map((run) => `${run.coldPreflights}/${run.nextPreflights}`).join(', ')})`);
  }
}

function printLighthouse(result: LighthouseResult) {
  const row = (name: string, r: LighthouseResult['with'], signed = false) => {
    const sign = (value: number, text: string) => (signed && value > 0 ? `+${text}` : text);
    return [name, sign(r.score, String(r.score)), sign(r.tbtMs, ms(r.tbtMs)), sign(r.fcpMs, ms(r.fcpMs)), sign(r.lcpMs, ms(r.lcpMs)), sign(r.observedLcpMs, ms(r.observedLcpMs)), sign(r.cls, r.cls.toFixed(4))];
  };
  const lcps = (runs: LighthouseResult['all']['with']) => runs.map((r) => r.lcpMs).join(', ');
  // Simulated LCP is bimodal from run to run (README, Lighthouse): a median hides which runs it came from.
  table(`Lighthouse 12.2.3, ${result.page}, mobile profile (medians of ${result.runs} runs per side; LCP unthrottled = the trace the simulation starts from)`, ['', 'score', 'TBT', 'FCP', 'LCP', 'LCP unthrottled', 'CLS'], [
    row('without widgets', result.without),
    row('with badge + wishlist button', result.with),
    row('delta', result.delta, true),
  ]);
  console.log(`LCP per run, without: ${lcps(result.all.without)}; with: ${lcps(result.all.with)}`);
}

/** The commit measured, and whether the build inputs had uncommitted changes (then the figures are not reproducible from it). */
function buildSource(): { commit: string; uncommittedBuildInputs: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src', 'vite.config.ts', 'scripts/build.ts', 'package-lock.json');
    return { commit: git('rev-parse', 'HEAD'), uncommittedBuildInputs: dirty ? dirty.split('\n').map((line) => line.slice(3)) : [] };
  } catch {
    return { commit: 'unknown (not a git checkout)', uncommittedBuildInputs: [] };
  }
}

function chromiumVersion(): string {
  try {
    // Debian's wrapper script chatters on stderr; only the version line matters.
    return execFileSync(CHROME_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

assertBuilt();
const started = Date.now();
console.log(`omneo-widgets bench: ${RUNS} runs (${CPU_RUNS} with the CPU slowed ${CPU_SLOWDOWN}×), ${LATENCY_MS} ms mock latency, ${LIGHTHOUSE_RUNS} Lighthouse runs per side, ${chromiumVersion()}`);

const sizes = ONLY_API_ORIGIN ? null : await measureSizes();
if (sizes) printSizes(sizes);

const bench = await BrowserBench.start(LATENCY_MS);
let pages: PageResult[] = [];
let wishlists: WishlistResult[] = [];
let throttled: ThrottledResult[] = [];
let apiOrigin: ApiOriginResult | { status: 'not built yet' } = { status: 'not built yet' };
const preflights: PreflightResult[] = [];
let lighthouseResult: LighthouseResult | { status: 'skipped' } = { status: 'skipped' };
let builtTags: string[] = [];
try {
  builtTags = await bench.builtTags();
  if (!ONLY_API_ORIGIN) {
    for (const spec of PAGES) pages.push(await bench.measurePage(spec, RUNS, builtTags));
    printPages(pages);
  }
  if (builtTags.includes('omneo-points-balance')) {
    apiOrigin = await bench.measureApiOrigin(RUNS, CONNECT_MS);
    printApiOrigin(apiOrigin);
  }
  for (const spec of PREFLIGHT_PAGES) preflights.push(...(await bench.measurePreflights(spec, RUNS, CONNECT_MS, DWELL_MS, builtTags)));
  printPreflights(preflights);
  if (!ONLY_API_ORIGIN) {
    for (const items of [200, 1000]) wishlists.push(await bench.measureWishlist(items, RUNS, builtTags));
    printWishlists(wishlists);
  }
  if (CPU_RUNS > 0) {
    for (const spec of THROTTLED_PAGES) throttled.push(await bench.measureThrottled(spec, CPU_RUNS, builtTags));
    printThrottled(throttled);
  }
  if (LIGHTHOUSE_RUNS > 0) {
    const result = await runLighthouse(bench, CHROME_PATH, LIGHTHOUSE_RUNS, LIGHTHOUSE_PRELOAD);
    printLighthouse(result);
    lighthouseResult = result;
  }
} finally {
  await bench.stop();
}

const results = {
  generatedAt: new Date().toISOString(),
  source: buildSource(),
  environment: { node: process.version, chromium: chromiumVersion(), cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  settings: { only: ONLY_API_ORIGIN ? 'api-origin' : null, runs: RUNS, cpuRuns: CPU_RUNS, cpuSlowdown: CPU_SLOWDOWN, latencyMs: LATENCY_MS, connectMs: CONNECT_MS, dwellMs: DWELL_MS, lighthouseRuns: LIGHTHOUSE_RUNS, shopifyFileBudgetGzip: SHOPIFY_FILE_BUDGET },
  builtTags,
  sizes,
  pages,
  apiOrigin,
  preflights,
  wishlists,
  throttled,
  lighthouse: lighthouseResult,
};
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${OUT} in ${Math.round((Date.now() - started) / 1000)} s.`);
