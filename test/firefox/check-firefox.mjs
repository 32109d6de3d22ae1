/**
 * `npm test` (second, beside scripts/check-chromium.mjs), `npm run test:firefox` and `npm run test:browser:firefox` run this first: a missing Firefox
 * is said once, plainly, before minutes of other tests.
 * Plain JavaScript, so it runs before anything is compiled (as scripts/check-chromium.mjs does for Chromium).
 */
import { existsSync } from 'node:fs';

const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
if (!existsSync(firefoxPath)) {
  console.error(
    `\nFirefox was not found at ${firefoxPath}${process.env.FIREFOX_PATH ? ' (FIREFOX_PATH)' : ''}.\n` +
      'Install it with:  sudo apt-get install -y firefox-esr   (Debian; about 40 s)\n' +
      'or point FIREFOX_PATH at an existing Firefox binary (puppeteer-core drives it over WebDriver BiDi).\n' +
      'Do not use "npx puppeteer browsers install": browser downloads are blocked here.\n',
  );
  process.exit(1);
}
