// The element and browser-side data-layer suite (web-test-runner.config.mjs: same files, plugins, mock servers) in
// Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi: `npm run test:browser:firefox`.
// No browser download and no new dependency: @web/test-runner's chromeLauncher takes a puppeteer module and a
// `browser`, which is what @web/test-runner-puppeteer's puppeteerLauncher does (that package needs the full
// `puppeteer`, whose install downloads a browser).
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner';
import * as puppeteerCore from 'puppeteer-core';
import base from './web-test-runner.config.mjs';
import { withViewportFallback } from './test/firefox/viewport.mjs';

const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
if (!existsSync(firefoxPath)) {
  console.error(`\nFirefox was not found at ${firefoxPath}. Install it with:  sudo apt-get install -y firefox-esr\n`);
  process.exit(1);
}

export default {
  ...base,
  // One test file at a time: with two, Firefox's page behind (a background tab, or a second window) got no key
  // presses, so every keyboard test there failed (sendKeys' Enter never reached the focused button: 12 failures in
  // wishlist-button.test.ts and points-balance.test.ts beside each other), and no animation frames.
  concurrency: 1,
  browsers: [
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
      },
      createPage: async ({ context }) => withViewportFallback(await context.newPage()),
    }),
  ],
};
