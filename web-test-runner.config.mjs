// Element and browser-side data-layer tests, in real headless Chromium (Debian's package).
// The mock Omneo and the token proxy run in this process and are mounted on the test server's origin, so
// tests use the real client against the real mock — no stubs, no CORS.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { register } from 'tsx/esm/api';

register();
const { createDevApp, isDevAppPath, nodeListener } = await import('./server/dev/app.ts');

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(
    `\nChromium was not found at ${chromePath}.\n` +
      'Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
      'or point CHROME_PATH at an existing Chrome/Chromium binary.\n' +
      'Do not use "npx playwright install": browser downloads are blocked here.\n',
  );
  process.exit(1);
}

const listener = nodeListener(createDevApp().app);

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**', '!test/firefox/**', '!test/webkit/**'],
  nodeResolve: true,
  // Two pages at a time on a 2-core CI machine; generous per-test and per-file timeouts so a busy machine
  // slows the suite down instead of failing it (no test asserts on wall-clock time).
  concurrency: 2,
  // Every test file runs after test/helpers/lit-warnings.ts (a Lit development-build warning fails the test) and
  // test/helpers/axe-rules.ts, which turns on axe's experimental rules and target-size
  // for every `accessible()` check (test/components/axe-rules.test.ts proves it is loaded).
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head></head><body><script type="module" src="/test/helpers/lit-warnings.ts"></script><script type="module" src="/test/helpers/axe-rules.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  testFramework: { config: { timeout: 20000 } },
  // A file has 5 minutes, but a longer race search (OMNEO_RACE_SEQUENCES=200, the README's example: ~1.5–2 s a sequence,
  // so 5–7 minutes) gets what races.test.ts gives its one test, 15 s a sequence, and a minute more.
  testsFinishTimeout: Math.max(300_000, (Number(process.env.OMNEO_RACE_SEQUENCES) || 0) * 15_000 + 60_000),
  // `wtr --coverage` (npm run coverage) counts the code that ships to browsers, not the tests, helpers or mock server.
  coverageConfig: { include: ['src/**/*.ts'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    {
      // test/components/races.test.ts reads its seed and length from the environment, to replay a failure or search longer.
      name: 'race-settings',
      executeCommand({ command }) {
        if (command !== 'race-settings') return undefined;
        return { seed: process.env.OMNEO_RACE_SEED, sequences: process.env.OMNEO_RACE_SEQUENCES, verbose: process.env.OMNEO_RACE_VERBOSE };
      },
    },
    {
      // `executeServerCommand('bring-to-front')` (test/helpers/page.ts foreground()): two files run in two tabs,
      // and the one behind gets no rendering updates, so a test that must see layout (content-visibility)
      // brings its tab to the front instead of waiting for the other file to finish.
      name: 'bring-to-front',
      async executeCommand({ command, session }) {
        if (command !== 'bring-to-front') return undefined;
        await session.browser.getPage(session.id).bringToFront();
        return true;
      },
    },
    {
      // `executeServerCommand('time-zone', { zone })`: the tab's time zone (Date, Intl) as a shopper's there; no zone
      // restores the machine's. A date that depends on where the shopper is needs a zone the machine is not in.
      name: 'time-zone',
      async executeCommand({ command, session, payload }) {
        if (command !== 'time-zone') return undefined;
        await session.browser.getPage(session.id).emulateTimezone(payload?.zone || undefined);
        return true;
      },
    },
  ],
  middleware: [
    function omneoServers(context, next) {
      if (!isDevAppPath(context.path)) return next();
      context.respond = false;
      return new Promise((resolve) => {
        context.res.once('finish', resolve);
        context.res.once('close', resolve);
        listener(context.req, context.res);
      });
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // Test files run in parallel tabs; a background tab must not have its timers and animation frames
          // throttled, or fixtures that wait for a frame stall until the tab comes to the front.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
};
