// The element and browser-side data-layer suite (web-test-runner.config.mjs: same files, plugins, mock servers) in
// WebKit, Safari's engine: Debian's WebKitGTK MiniBrowser on an Xvfb display, driven over WebDriver classic by our own
// client (test/webkit/webdriver.ts, the one the WebKit journeys use) through a small launcher
// (test/webkit/wtr-launcher.ts): `npm run test:browser:webkit`. Not part of `npm test` (see README, End-to-end suite).
// No browser or driver download and no new dependency: @web/test-runner-webdriver needs webdriverio, whose
// dependency tree installs packages that download drivers; WebKitWebDriver, MiniBrowser and Xvfb come from apt.
import base from './web-test-runner.config.mjs';

const { missingWebKit } = await import('./test/webkit/webdriver.ts');
const { webkitLauncher } = await import('./test/webkit/wtr-launcher.ts');

const missing = missingWebKit();
if (missing) {
  console.error(`\n${missing}\nThere is no browser download: Playwright's WebKit build is not used.\n`);
  process.exit(1);
}

/**
 * Tests that cannot run in WebKit over WebDriver classic, each by its file and full title (describe titles and the
 * test's, joined by spaces, as mocha's fullTitle()), with why. Each is reported as skipped, not left out. A title
 * that meets no test in its file fails that file (a root after hook), so a renamed test is not skipped for nothing.
 */
const SKIPS = [
  // WebDriver classic has no time zone override (Chromium's tests use CDP's Emulation.setTimezoneOverride), and
  // MiniBrowser's zone is its process's (TZ), one for the whole run: these need Sydney while the machine is in
  // another zone. The date logic is the engine's Intl with a timeZone, which the other date tests exercise in WebKit.
  ...['50 short', 'tier kept'].map((kept) => ({
    file: 'test/components/tier-progress.test.ts',
    title: `<omneo-tier-progress> the review day where the shopper is: east of UTC it begins before its UTC midnight Sydney, ${kept}: the date on 13 Mar, none from the first hour of 14 Mar (UTC still 13 Mar)`,
    reason: 'needs the page in another time zone than the machine\'s; WebDriver classic cannot set one',
  })),
];

// Added to mocha's root suite once the framework has loaded, before the test file is imported.
const skipScript = `
  if (!window.mocha || !window.__WTR_CONFIG__) throw new Error('WebKit skips: the test framework is not loaded');
  const file = new URL(window.__WTR_CONFIG__.testFile, location.href).pathname;
  const mine = ${JSON.stringify(SKIPS)}.filter((skip) => file === '/' + skip.file);
  const seen = new Set();
  window.mocha.suite.beforeEach(function () {
    const skip = mine.find((candidate) => candidate.title === this.currentTest.fullTitle());
    if (skip) {
      seen.add(skip);
      this.skip();
    }
  });
  window.mocha.suite.afterAll(function () {
    const unmet = mine.filter((skip) => !seen.has(skip)).map((skip) => skip.title);
    if (unmet.length) throw new Error('WebKit skips naming no test of this file (web-test-runner.webkit.config.mjs): ' + unmet.join(' | '));
  });
`;

export default {
  ...base,
  // One test file at a time, in one MiniBrowser window: WebDriver classic drives one window at a time, and key
  // actions go to the window it drives (a second file in a second window would get no key presses).
  concurrency: 1,
  testRunnerHtml: (testFramework, config) =>
    base.testRunnerHtml(testFramework, config).replace('</body>', `<script type="module">${skipScript}</script></body>`),
  browsers: [webkitLauncher()],
};
