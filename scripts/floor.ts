/**
 * Builds the size floors in bench/floor/ exactly like the CDN script (Vite, minified, for the CDN's browser baseline
 * target, one ES module)
 * and returns the built file's bytes. `npm run bench` prints them beside every CDN file; `npm run size` quotes
 * them when the badge page is over budget, so the distance to what the rules allow is measured, not asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { CDN_TARGET } from '../vite.config.js';
import { REPO_ROOT } from './build.js';

export const FLOORS = {
  /** An empty Lit element: no widget written with Lit is smaller. */
  empty: { source: 'bench/floor/empty-element.ts', label: 'empty Lit element (floor)' },
  /** A Lit element that zod-parses one fetched response: no widget that follows design.md is smaller. */
  parsing: { source: 'bench/floor/parsing-element.ts', label: 'Lit element + one zod/mini parse (floor of the rules)' },
} as const;

export async function buildFloor(name: keyof typeof FLOORS): Promise<Buffer> {
  const outDir = mkdtempSync(path.join(tmpdir(), `omneo-floor-${name}-`));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: true,
        copyPublicDir: false,
        target: CDN_TARGET,
        minify: true,
        lib: { entry: path.join(REPO_ROOT, FLOORS[name].source), formats: ['es'], fileName: () => 'floor.js' },
        rolldownOptions: { output: { minify: true } },
      },
    });
    return readFileSync(path.join(outDir, 'floor.js'));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
