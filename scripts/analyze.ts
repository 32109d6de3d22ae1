/**
 * `npm run analyze`: where the CDN bytes come from. Builds the CDN files into a temporary folder and prints,
 * per chunk, each source module's share: its rendered length before minification and the gzip size of that
 * code alone (an upper bound of what it adds, since gzip shares context across a file). Use it before
 * moving code between chunks; `npm run size` is the budget check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, mergeConfig, type Plugin, type UserConfig } from 'vite';
import cdnConfig from '../vite.config.js';
import { REPO_ROOT } from './build.js';

interface ModuleShare {
  id: string;
  rendered: number;
  gzip: number;
}

const chunks = new Map<string, ModuleShare[]>();
const collect: Plugin = {
  name: 'omneo:analyze',
  generateBundle(_options, bundle) {
    for (const output of Object.values(bundle)) {
      if (output.type !== 'chunk') continue;
      chunks.set(
        output.fileName,
        Object.entries(output.modules).map(([id, module]) => ({
          id: path.relative(REPO_ROOT, id.replace(/^\0/, '')).replace(/^node_modules\//, ''),
          rendered: module.renderedLength,
          gzip: module.code ? gzipSync(module.code, { level: 9 }).length : 0,
        })),
      );
    }
  },
};

const scratch = mkdtempSync(path.join(tmpdir(), 'omneo-analyze-'));
try {
  const base = cdnConfig as UserConfig;
  await build(
    mergeConfig(base, { configFile: false, root: REPO_ROOT, logLevel: 'warn', plugins: [collect], build: { outDir: scratch, sourcemap: false } }),
  );
  for (const [file, modules] of [...chunks].sort(([a], [b]) => a.localeCompare(b))) {
    const total = modules.reduce((sum, module) => sum + module.rendered, 0);
    console.log(`\n${file}  (${total.toLocaleString('en-US')} B rendered, before minification)`);
    for (const module of modules.sort((a, b) => b.rendered - a.rendered)) {
      console.log(`  ${module.rendered.toLocaleString('en-US').padStart(8)}  ${module.gzip.toLocaleString('en-US').padStart(7)} gz  ${module.id}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
