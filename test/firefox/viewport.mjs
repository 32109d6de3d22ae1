// @ts-check
/**
 * `page.setViewport()` on any Firefox ESR Debian ships. Puppeteer 24.43 sends BiDi's `browsingContext.setViewport`
 * together with `emulation.setScreenOrientationOverride`, which Firefox ESR 140.12 does not have ("unknown command"):
 * the size is applied and the call rejects, and with it every test (web-test-runner sets an 800×600 viewport before
 * each file). `withViewportFallback(page)` makes the page's `setViewport` wait, where that command is the only
 * failure, for the asked size to apply (the two commands run side by side) and go on; any other error, or a size that
 * does not come within 5 s, still rejects. Used by web-test-runner.firefox.config.mjs and test/firefox/*.test.ts.
 *
 * @template {import('puppeteer-core').Page} P
 * @param {P} page
 * @returns {P}
 */
export function withViewportFallback(page) {
  const setViewport = page.setViewport.bind(page);
  page.setViewport = async (viewport) => {
    try {
      await setViewport(viewport);
    } catch (error) {
      if (!viewport || !String(/** @type {Error} */ (error)?.message).includes('unknown command emulation.setScreenOrientationOverride')) throw error;
      const asked = `${viewport.width}×${viewport.height}`;
      const applied = () => page.evaluate(() => `${window.innerWidth}×${window.innerHeight}`);
      for (const deadline = Date.now() + 5000; (await applied()) !== asked; ) {
        if (Date.now() > deadline) throw new Error(`setViewport: ${asked} asked, ${await applied()} applied (${/** @type {Error} */ (error).message})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  return page;
}
