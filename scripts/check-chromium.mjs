/**
 * `npm test` runs this first: every suite after the type-check drives Chromium (server tests render snippets
 * and theme blocks in it too), so a missing browser is said once, plainly, before minutes of failures.
 * Plain JavaScript, so it runs before anything is compiled. web-test-runner.config.mjs checks the same.
 */
import { existsSync } from 'node:fs';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(
    `\nChromium was not found at ${chromePath}${process.env.CHROME_PATH ? ' (CHROME_PATH)' : ''}.\n` +
      'Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
      'or point CHROME_PATH at an existing Chrome/Chromium binary.\n' +
      'Do not use "npx playwright install": browser downloads are blocked here.\n',
  );
  process.exit(1);
}
