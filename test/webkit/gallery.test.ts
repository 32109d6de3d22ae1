/**
 * The states gallery (demo/states.html, `npm start`) in WebKit (Safari's engine: WebKitGTK's MiniBrowser over
 * WebDriver, ./webdriver.ts): every element in each of its states, read as test/e2e/gallery.test.ts reads it in
 * Chromium (each tile's shadow DOM and `diagnose()`), served as `npm start` serves it (Vite on demo/, from source,
 * with the dev app); then, as test/firefox/gallery.test.ts measures it, every element's loading skeleton as tall as
 * its loaded view (as wide too, for the badge; the heart one box in every state) and nothing of an element outside
 * its tile or cut off. English on the light theme at a desktop's width; Arabic (right to left) on the dark theme and
 * French (the longest copy) on the light one at a phone's (in an iframe that wide: Session.gotoAtWidth).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ViteDevServer } from 'vite';
import { measureTilesInPage, readTilesInPage, settle, skeletonShifts, startGalleryServer } from '../e2e/gallery-harness.js';
import { recorderPlugin, WebKit, type WebKitRecord } from './webdriver.js';

describe('states gallery in WebKit (demo/states.html on the dev server)', () => {
  let server: ViteDevServer;
  let webkit: WebKit;
  let origin: string;
  before(async () => {
    ({ server, origin } = await startGalleryServer([recorderPlugin()]));
    webkit = await WebKit.launch();
  });
  after(async () => {
    await webkit?.close();
    await server?.close();
  });

  it('every element in each of its states; skeletons as tall as what loads, nothing outside its tile (English, light, 1280 px; Arabic, dark, and French, light, 360 px)', async () => {
    for (const { query, width } of [
      { query: '', width: 1280 },
      { query: '?locale=ar&theme=dark', width: 360 },
      // French runs longest ("Ajouter au panier", "Réessayer"): a phone's width, on the light theme.
      { query: '?locale=fr-FR', width: 360 },
    ]) {
      const tab = await webkit.session();
      if (width >= 1280) await tab.goto(`${origin}/states.html${query}`);
      else await tab.gotoAtWidth(`${origin}/states.html${query}`, width, 900);
      assert.equal(await tab.run(() => innerWidth), width);
      assert.deepEqual(await settle(() => tab.run(readTilesInPage), 30_000), [], `tiles not in their state (${query || 'English'}, ${width} px)`);
      if (query) {
        const [lang, dir] = query.includes('ar') ? ['ar', 'rtl'] : ['fr-FR', 'ltr'];
        assert.deepEqual(await tab.run(() => [document.documentElement.lang, document.documentElement.dir]), [lang, dir]);
        const directions = await tab.run(() => [...new Set([...document.querySelectorAll('figure.tile > :last-child')].map((element) => `${element.getAttribute('lang')} ${getComputedStyle(element).direction}`))]);
        assert.deepEqual(directions, [`${lang} ${dir}`]);
      }
      const { sizes, spills } = await tab.run(measureTilesInPage);
      assert.deepEqual(skeletonShifts(sizes), [], `layout shift (${query || 'English'}, ${width} px)`);
      assert.deepEqual(spills, [], `content outside its tile or cut off (${query || 'English'}, ${width} px)`);
      const record = await tab.run(() => (window as unknown as { __e2e: WebKitRecord }).__e2e);
      assert.deepEqual(record.pageErrors, []);
      await tab.close();
    }
  });
});
