/**
 * `npm test` (third, beside scripts/check-chromium.mjs and test/firefox/check-firefox.mjs) and `npm run test:webkit`
 * run this first: a missing WebKit is said once, plainly, before minutes of other tests.
 * Plain JavaScript, so it runs before anything is compiled; test/webkit/webdriver.ts looks in the same places.
 */
import { existsSync, readdirSync } from 'node:fs';

const driverPath = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const xvfbPath = process.env.XVFB_PATH || '/usr/bin/Xvfb';
let miniBrowser = process.env.MINIBROWSER_PATH || null;
for (const lib of miniBrowser ? [] : ['/usr/lib', '/usr/libexec']) {
  if (!existsSync(lib)) continue;
  const dir = readdirSync(lib).find((name) => existsSync(`${lib}/${name}/webkit2gtk-4.1/MiniBrowser`));
  if (dir) {
    miniBrowser = `${lib}/${dir}/webkit2gtk-4.1/MiniBrowser`;
    break;
  }
}
const missing = [
  !existsSync(driverPath) && `WebKitWebDriver at ${driverPath}${process.env.WEBKIT_DRIVER_PATH ? ' (WEBKIT_DRIVER_PATH)' : ''}`,
  !(miniBrowser && existsSync(miniBrowser)) && `MiniBrowser (${miniBrowser ?? '/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser'}${process.env.MINIBROWSER_PATH ? ', MINIBROWSER_PATH' : ''})`,
  !existsSync(xvfbPath) && `Xvfb at ${xvfbPath}${process.env.XVFB_PATH ? ' (XVFB_PATH)' : ''}`,
].filter(Boolean);
if (missing.length) {
  console.error(
    `\nWebKit was not found: ${missing.join(', ')}.\n` +
      'Install it with:  sudo apt-get install -y webkit2gtk-driver xvfb   (Debian/Ubuntu; WebKitWebDriver, MiniBrowser and a virtual display)\n' +
      'or point WEBKIT_DRIVER_PATH, MINIBROWSER_PATH and XVFB_PATH at existing binaries.\n' +
      'There is no browser download: Playwright\'s WebKit build is not used.\n',
  );
  process.exit(1);
}
