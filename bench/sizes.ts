/**
 * Sizes of the built CDN output, each file gzip- and brotli-compressed at the levels CDNs use for static
 * assets, beside the floor: an empty Lit element built with the same Vite settings (minified, ES2022, ES
 * module), so "how much do we add on top of Lit itself" is one subtraction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFloor, FLOORS } from '../scripts/floor.js';
import { compressedSizes } from '../scripts/size.js';
import { DIST_DIR } from './serve.js';

/** Shopify's guidance for theme app extension assets: at most 10,000 bytes of compressed JS per file. */
export const SHOPIFY_FILE_BUDGET = 10_000;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeReport {
  files: FileSize[];
  total: Omit<FileSize, 'file'>;
  floor: FileSize;
  /** A Lit element that zod-parses one response (bench/floor/parsing-element.ts): what design.md's rules cost. */
  rulesFloor: FileSize;
  /** Files whose compressed size (gzip, the encoding every CDN offers) is over the Shopify budget. */
  overShopifyBudget: string[];
}

export function measure(file: string, bytes: Buffer): FileSize {
  return { file, ...compressedSizes(bytes) };
}

export async function measureSizes(): Promise<SizeReport> {
  const cdnDir = join(DIST_DIR, 'cdn');
  const files = readdirSync(cdnDir)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => (a === 'omneo-widgets.js' ? -1 : b === 'omneo-widgets.js' ? 1 : a.localeCompare(b)))
    .map((name) => measure(name, readFileSync(join(cdnDir, name))));
  const total = files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return {
    files,
    total,
    floor: measure(FLOORS.empty.label, await buildFloor('empty')),
    rulesFloor: measure(FLOORS.parsing.label, await buildFloor('parsing')),
    overShopifyBudget: files.filter((f) => f.gzip > SHOPIFY_FILE_BUDGET).map((f) => f.file),
  };
}
