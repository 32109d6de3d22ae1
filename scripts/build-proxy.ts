/**
 * `npm run build:proxy`: dist/proxy/node.mjs, the proxy's Node entry (server/proxy/node.ts) and everything
 * it imports (hono, @hono/node-server, ioredis) in one ES module. A server runs it with plain `node` and no
 * node_modules, so production installs none of the proxy's dependencies and the npm package (whose "files"
 * leave dist/proxy out) never depends on them.
 *
 * THIRD-PARTY-NOTICES.txt is written beside it (scripts/third-party-notices.ts).
 *
 * `--out <file>` writes elsewhere (tests use a temporary folder, so they never race a build in dist/).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { THIRD_PARTY_NOTICES_FILE, thirdPartyNoticesText } from './third-party-notices.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROXY_BUNDLE = path.join(REPO_ROOT, 'dist/proxy/node.mjs');

export async function buildProxy(outFile: string = PROXY_BUNDLE): Promise<string> {
  const { engines } = (await import('../package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
  const { metafile } = await build({
    // The metafile's paths (and the bundle's `// node_modules/…` comments) are relative to this: the notices below
    // resolve them against the repository, whatever folder the build is run from.
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(REPO_ROOT, 'server/proxy/node.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${engines.node.replace(/^>=/, '')}`,
    // ioredis and its helpers are CommonJS and require() Node built-ins; an ES module has no `require`.
    banner: { js: "import { createRequire as __omneoCreateRequire } from 'node:module';\nconst require = __omneoCreateRequire(import.meta.url);" },
    // Readable in a stack trace or a security review; licences of the bundled packages kept at the end.
    minify: false,
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
  });
  // A server that runs the file redistributes hono, @hono/node-server, ioredis and ioredis' own dependencies (MIT and
  // Apache-2.0): their notices go beside it, as the CDN build's do (README, Deploy on Node).
  const bundled = Object.entries(metafile.outputs).flatMap(([, output]) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => path.resolve(REPO_ROOT, file)));
  writeFileSync(path.join(path.dirname(outFile), THIRD_PARTY_NOTICES_FILE), thirdPartyNoticesText(bundled, `omneo-widgets token-exchange proxy (${path.basename(outFile)}): third-party software in it`));
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const file = await buildProxy(values.out ? path.resolve(values.out) : undefined);
  console.log(`Built ${path.relative(process.cwd(), file)}: run it with \`node ${path.relative(process.cwd(), file)}\` (configuration from the environment).`);
}
