import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The files the CDN loader (omneo-widgets.js) imports statically, from Vite's manifest of the build in `cdnDir`:
 * today its page chunk, whose hashed name a preload must carry (the Shopify app embed's snippet, written by
 * scripts/build.ts; bench/serve.ts's `?preload=on`).
 */
export function loaderImports(cdnDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(cdnDir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
  const loader = Object.values(manifest).find((chunk) => chunk.isEntry && chunk.file === 'omneo-widgets.js');
  if (!loader) throw new Error(`${cdnDir}/.vite/manifest.json: no entry omneo-widgets.js`);
  return (loader.imports ?? []).map((key) => manifest[key]!.file);
}
