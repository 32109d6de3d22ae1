/**
 * `npm run build`: the CDN bundle (vite.config.ts) and the npm build (ES modules mirroring src/, Lit and
 * zod left as dependencies, type declarations beside them).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'vite';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });

rmSync('dist/npm', { recursive: true, force: true });
await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { __OMNEO_VERSION__: JSON.stringify(version) },
  build: {
    outDir: 'dist/npm',
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: { index: 'src/index.ts', elements: 'src/elements.ts', 'api/index': 'src/api/index.ts', cdn: 'src/cdn.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/],
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.log('Built dist/cdn/omneo-widgets.js and dist/npm/');
