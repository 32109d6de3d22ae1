/**
 * npm runs this before `npm run proxy` (the `preproxy` script). `npm run proxy` is a fixed interface that deploy
 * scripts call, and it runs the one-file build, dist/proxy/node.mjs. In a checkout with the dev dependencies the
 * file is (re)built first (half a second), so it is never missing nor older than server/proxy/; in a production
 * install (no esbuild, no tsx) the file the deploy built is used as it is, and its absence is said plainly.
 * Plain JavaScript: it must run where tsx is not installed.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const BUNDLE = 'dist/proxy/node.mjs';
const require = createRequire(import.meta.url);

function canBuild() {
  try {
    require.resolve('esbuild');
    require.resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

if (canBuild()) {
  execSync('npm run --silent build:proxy', { stdio: ['ignore', 'ignore', 'inherit'] });
} else if (!existsSync(BUNDLE)) {
  console.error(
    `omneo-widgets proxy: ${BUNDLE} is missing, and this install cannot build it (no dev dependencies). ` +
      'Build it where they are installed (npm ci --ignore-scripts && npm run build:proxy) and ship that file with the deploy.',
  );
  process.exit(1);
}
