/**
 * Opt-in V8 coverage of the built CDN files, for `npm run coverage -- --e2e` (scripts/coverage.ts): with
 * `E2E_COVERAGE=<folder>` set, every page a suite opens in Chromium records which functions and blocks of the
 * /dist/cdn/ files ran, and writes them to that folder when the page, its context or the browser closes, in the
 * format Node writes for NODE_V8_COVERAGE with each URL replaced by the built file's path in dist/cdn/: `c8 report`
 * then maps them back to src/ through the build's source maps (scripts/coverage.ts). A script whose text is not
 * the file's in dist/cdn/ (a test that serves another release's files in their place) is left out: its counts would
 * land on the wrong lines. Unset (every normal run), collectCoverage() hands back what it was given, untouched.
 *
 * Suites open pages many ways (E2E's helpers, browser.newContext() and context.newPage() of their own, their own
 * browser), so this wraps the objects rather than each call site: newContext() instruments the context, a context
 * starts coverage on every page it opens before newPage() resolves (so before the test's goto), and close() of a
 * page, context or browser first takes the page's coverage.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIST_DIR } from '../../bench/serve.js';

const folder = process.env.E2E_COVERAGE;
/** The URL path the built CDN files are served under (bench/serve.ts), whatever the origin. */
const CDN_PATH = '/dist/cdn/';

const started = new WeakMap<Page, Promise<void>>();
const taken = new WeakSet<Page>();
let written = 0;

function start(page: Page): Promise<void> {
  let starting = started.get(page);
  if (!starting) {
    // Kept across navigations: a test that goes to a second page of the visit runs the loader again.
    starting = page.coverage.startJSCoverage({ resetOnNavigation: false }).catch(() => undefined);
    started.set(page, starting);
    const close = page.close.bind(page);
    page.close = async (options) => {
      await take(page);
      return close(options);
    };
  }
  return starting;
}

async function take(page: Page): Promise<void> {
  if (!folder || !started.has(page) || taken.has(page) || page.isClosed()) return;
  taken.add(page);
  await started.get(page);
  const entries = await page.coverage.stopJSCoverage().catch(() => []);
  const result = entries.flatMap(({ url, scriptId, source, functions }) => {
    const file = builtFile(url);
    return file && source === builtText(file) ? [{ scriptId, url: pathToFileURL(file).href, functions }] : [];
  });
  if (result.length === 0) return;
  mkdirSync(folder, { recursive: true });
  written += 1;
  writeFileSync(path.join(folder, `coverage-${process.pid}-${written}.json`), JSON.stringify({ result }));
}

/** The file in dist/cdn/ a script URL names, whatever its origin or query; null for any other script. */
function builtFile(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const at = pathname.indexOf(CDN_PATH);
  if (at < 0) return null;
  const file = path.join(DIST_DIR, 'cdn', path.basename(pathname.slice(at + CDN_PATH.length)));
  return existsSync(file) ? file : null;
}

const texts = new Map<string, string>();
const builtText = (file: string): string => {
  let text = texts.get(file);
  if (text === undefined) texts.set(file, (text = readFileSync(file, 'utf8')));
  return text;
};

function instrumentContext(context: BrowserContext): BrowserContext {
  context.on('page', (page) => void start(page));
  for (const page of context.pages()) void start(page);
  const newPage = context.newPage.bind(context);
  context.newPage = async () => {
    const page = await newPage();
    await start(page);
    return page;
  };
  const close = context.close.bind(context);
  context.close = async (options) => {
    await Promise.all(context.pages().map(take));
    return close(options);
  };
  return context;
}

/** With E2E_COVERAGE set, `target` (a browser, or a persistent context) records the CDN files' coverage; else as given. */
export function collectCoverage<T extends Browser | BrowserContext>(target: T): T {
  if (!folder) return target;
  if ('newContext' in target) {
    const browser = target as Browser;
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => instrumentContext(await newContext(options));
    const close = browser.close.bind(browser);
    browser.close = async (options) => {
      await Promise.all(browser.contexts().flatMap((context) => context.pages().map(take)));
      return close(options);
    };
    return target;
  }
  return instrumentContext(target as BrowserContext) as T;
}
