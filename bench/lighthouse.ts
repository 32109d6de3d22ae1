/**
 * Lighthouse 12 (performance category, its default mobile profile with simulated throttling) on the demo
 * product page with and without the widgets (bench/pages/product.html, `?widgets=off`), in Debian's Chromium.
 * Each run gets a fresh mock scope, so every run is a cold first visit with the same fixed API latency.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { BrowserBench } from './browser.js';
import { median } from './browser.js';

export interface LighthouseRun {
  score: number;
  tbtMs: number;
  fcpMs: number;
  lcpMs: number;
  /** LCP in the unthrottled trace the simulation starts from: the paint as it happened on this machine. */
  observedLcpMs: number;
  cls: number;
}

export interface LighthouseResult {
  page: string;
  runs: number;
  without: LighthouseRun;
  with: LighthouseRun;
  delta: LighthouseRun;
  all: { without: LighthouseRun[]; with: LighthouseRun[] };
}

function medianRun(runs: LighthouseRun[]): LighthouseRun {
  return {
    score: median(runs.map((r) => r.score)),
    tbtMs: median(runs.map((r) => r.tbtMs)),
    fcpMs: median(runs.map((r) => r.fcpMs)),
    lcpMs: median(runs.map((r) => r.lcpMs)),
    observedLcpMs: median(runs.map((r) => r.observedLcpMs)),
    cls: median(runs.map((r) => r.cls)),
  };
}

/** `preload`: the widgets' side preloads the chunk the loader imports (bench/serve.ts, `?preload=on`). */
export async function runLighthouse(bench: BrowserBench, chromePath: string, runs: number, preload = false): Promise<LighthouseResult> {
  const page = preload ? 'product.html?preload=on' : 'product.html';
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const once = async (widgets: boolean): Promise<LighthouseRun> => {
    const scope = await bench.scope();
    const url = bench.url('product.html', scope, widgets ? (preload ? { preload: 'on' } : {}) : { widgets: 'off' });
    const result = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: ['performance'] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const numeric = (id: string) => {
      const value = lhr.audits[id]?.numericValue;
      if (typeof value !== 'number') throw new Error(`Lighthouse audit ${id} has no value (${lhr.audits[id]?.errorMessage ?? 'missing'})`);
      return value;
    };
    // The metrics audit also carries the figures of the unthrottled trace the simulation starts from.
    const observedLcp = (lhr.audits.metrics?.details as { items?: { observedLargestContentfulPaint?: number }[] } | undefined)?.items?.[0]?.observedLargestContentfulPaint;
    if (typeof observedLcp !== 'number') throw new Error(`Lighthouse audit metrics has no observedLargestContentfulPaint (${lhr.audits.metrics?.errorMessage ?? 'missing'})`);
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      tbtMs: Math.round(numeric('total-blocking-time')),
      fcpMs: Math.round(numeric('first-contentful-paint')),
      lcpMs: Math.round(numeric('largest-contentful-paint')),
      observedLcpMs: Math.round(observedLcp),
      cls: Number(numeric('cumulative-layout-shift').toFixed(4)),
    };
  };
  try {
    const all = { without: [] as LighthouseRun[], with: [] as LighthouseRun[] };
    // Interleaved, so that a slow moment of the machine hits both sides alike.
    for (let run = 0; run < runs; run += 1) {
      all.without.push(await once(false));
      all.with.push(await once(true));
    }
    const without = medianRun(all.without);
    const withWidgets = medianRun(all.with);
    return {
      page,
      runs,
      without,
      with: withWidgets,
      delta: {
        score: withWidgets.score - without.score,
        tbtMs: withWidgets.tbtMs - without.tbtMs,
        fcpMs: withWidgets.fcpMs - without.fcpMs,
        lcpMs: withWidgets.lcpMs - without.lcpMs,
        observedLcpMs: withWidgets.observedLcpMs - without.observedLcpMs,
        cls: Number((withWidgets.cls - without.cls).toFixed(4)),
      },
      all,
    };
  } finally {
    chrome.kill();
  }
}
