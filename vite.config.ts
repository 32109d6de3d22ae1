/**
 * The CDN build: one ES module, `dist/cdn/omneo-widgets.js`, that registers every element and exposes
 * `window.OmneoWidgets`. scripts/build.ts runs this config and then the npm build.
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __OMNEO_VERSION__: JSON.stringify(version) },
  publicDir: false,
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    copyPublicDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/cdn.ts',
      formats: ['es'],
      fileName: () => 'omneo-widgets.js',
    },
  },
});
