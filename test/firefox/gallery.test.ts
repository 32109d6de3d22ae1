/**
 * The states gallery (demo/states.html, `npm start`) in Firefox ESR: every element in each of its states, as
 * test/e2e/gallery.test.ts checks it in Chromium, read the same way (each tile's shadow DOM and `diagnose()`), served
 * as `npm start` serves it (Vite on demo/, from source, with the dev app). Then what a shopper on Firefox sees of
 * each state: every element's loading skeleton as tall as its loaded view (as wide too, for the badge, and the
 * heart one box in every state), measured in view (the wishlist's rows are laid out only near the viewport), and
 * nothing of an element outside its tile. English on the light theme at a desktop's width; Arabic (right to left)
 * on the dark theme at a phone's.
 * The gallery test's clock-driven part (loading tiles unchanged past the widgets' timeouts) stays in Chromium:
 * puppeteer has no clock to drive over WebDriver BiDi.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { ViteDevServer } from 'vite';
import { measureTilesInPage, readTilesInPage, settle, skeletonShifts, startGalleryServer } from '../e2e/gallery-harness.js';
import { withViewportFallback } from './viewport.mjs';

const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

describe('states gallery in Firefox (demo/states.html on the dev server)', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let origin: string;
  before(async () => {
    if (!existsSync(FIREFOX_PATH)) {
      throw new Error(`Firefox not found at ${FIREFOX_PATH}: sudo apt-get install -y firefox-esr (Debian, Ubuntu with Mozilla's apt repository), or set FIREFOX_PATH.`);
    }
    ({ server, origin } = await startGalleryServer());
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every element in each of its states; skeletons as tall as what loads, nothing outside its tile (English, light, 1280 px; Arabic, dark, 360 px)', async () => {
    for (const { query, width } of [
      { query: '', width: 1280 },
      { query: '?locale=ar&theme=dark', width: 360 },
    ]) {
      const context = await browser.createBrowserContext();
      const page = withViewportFallback(await context.newPage());
      await page.setViewport({ width, height: 900 });
      // tsx keeps function names with `__name(...)` wrappers (see test/e2e/harness.ts, context()).
      await page.evaluateOnNewDocument("Object.defineProperty(window, '__name', { value: (fn) => fn })");
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
      await page.goto(`${origin}/states.html${query}`);
      assert.deepEqual(await settle(() => page.evaluate(readTilesInPage), 30_000), [], `tiles not in their state (${query || 'English'}, ${width} px)`);
      if (query) {
        assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, document.documentElement.dataset.theme]), ['ar', 'rtl', 'dark']);
        const directions = await page.$$eval('figure.tile > :last-child', (elements) => [...new Set(elements.map((element) => `${element.getAttribute('lang')} ${getComputedStyle(element).direction}`))]);
        assert.deepEqual(directions, ['ar rtl']);
      }

      const { sizes, spills } = await page.evaluate(measureTilesInPage);
      const shifts = skeletonShifts(sizes);
      assert.deepEqual(shifts, [], `layout shift (${query || 'English'}, ${width} px)`);
      assert.deepEqual(spills, [], `content outside its tile or cut off (${query || 'English'}, ${width} px)`);
      assert.deepEqual(pageErrors, []);
      await context.close();
    }
  });

  it('forced colours (Firefox’s Override colours: Always, or a high-contrast theme): the “!” of a heart that could not load stands out from its disc', async () => {
    // Firefox forces colours on any system with this setting (Settings, Colours), not only under Windows High Contrast.
    const forced = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, extraPrefsFirefox: { 'browser.display.document_color_use': 2 } });
    try {
      const page = await forced.newPage();
      await page.evaluateOnNewDocument("Object.defineProperty(window, '__name', { value: (fn) => fn })");
      await page.goto(`${origin}/states.html`);
      assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
      await page.waitForFunction(() => document.querySelector('figure.tile[data-element=heart][data-state=error] > omneo-wishlist-button')?.shadowRoot?.querySelector('.error-mark'), { polling: 100, timeout: 20_000 });
      const contrast = await page.evaluate(() => {
        const mark = document.querySelector('figure.tile[data-element=heart][data-state=error] > omneo-wishlist-button')!.shadowRoot!.querySelector('.error-mark')!;
        const canvas = document.createElement('canvas').getContext('2d')!;
        const rgba = (color: string): number[] => {
          canvas.fillStyle = color;
          const match = /rgba?\(([^)]+)\)/.exec(canvas.fillStyle) ?? [, `${parseInt(canvas.fillStyle.slice(1, 3), 16)}, ${parseInt(canvas.fillStyle.slice(3, 5), 16)}, ${parseInt(canvas.fillStyle.slice(5, 7), 16)}`];
          const [r, g, b, a = 1] = match[1]!.split(',').map(Number);
          return [r!, g!, b!, a];
        };
        const over = ([r, g, b, a]: number[], [R, G, B]: number[]) => [r! * a! + R! * (1 - a!), g! * a! + G! * (1 - a!), b! * a! + B! * (1 - a!)];
        const luminance = (rgb: number[]) => {
          const [r, g, b] = rgb.map((channel) => (channel / 255 <= 0.04045 ? channel / 255 / 12.92 : ((channel / 255 + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        // The disc over the heart's own background, then the "!" over the disc, as painted.
        const heart = over(rgba(getComputedStyle(mark.parentElement!).backgroundColor), [255, 255, 255]);
        const disc = over(rgba(getComputedStyle(mark).backgroundColor), heart);
        const glyph = over(rgba(getComputedStyle(mark).getPropertyValue('-webkit-text-fill-color')), disc);
        const [light, dark] = [luminance(disc), luminance(glyph)].sort((a, b) => b - a);
        return Math.round(((light! + 0.05) / (dark! + 0.05)) * 10) / 10;
      });
      assert.ok(contrast >= 4.5, `the “!” against its disc: ${contrast}:1`);
    } finally {
      await forced.close();
    }
  });
});
