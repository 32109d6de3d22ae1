#!/usr/bin/env node
/**
 * Prints the tags that load omneo-widgets with Subresource Integrity on every file: the script tag with the loader's
 * `integrity`, an import map whose `integrity` pins every chunk the loader imports (element code, Lit, zod, the
 * data layer, the French and Arabic copy), and the preload of the chunk the loader imports first with its own
 * `integrity` (a preload without one, above the import map, would fetch that chunk unchecked and the loader would
 * run it). A CDN or bucket that serves other bytes under those URLs (a compromised account, a tampered cache) then
 * runs nothing: the browser refuses the file.
 *
 *   npx -p omneo-widgets@0.1.0 omneo-widgets-sri                       jsDelivr, this release
 *   npx -p omneo-widgets@0.1.0 omneo-widgets-sri https://cdn.example.com/omneo/0.1.0/   your own copy of dist/cdn
 *
 * The hashes come from dist/cdn/integrity.json, written by the build from the files it wrote (scripts/build.ts).
 * Plain Node, no dependencies: it runs from the published package.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const LOADER = 'omneo-widgets.js';

/** The folder URL the files are served from, ending in `/`; throws a message a developer can act on. */
export function folderUrl(base) {
  let url;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`"${base}" is not an absolute URL. Give the folder that holds ${LOADER}, e.g. https://cdn.example.com/omneo/0.1.0/`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${base}" is not an http(s) URL.`);
  if (url.search || url.hash) throw new Error(`"${base}" has a query or fragment: give the folder alone (the chunks are imported without one).`);
  // The URL of the loader itself names its folder too.
  if (url.pathname.endsWith(`/${LOADER}`)) url.pathname = url.pathname.slice(0, -LOADER.length);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * The snippet for `integrity` (dist/cdn/integrity.json's shape: `{version, files: {name: 'sha384-…'}, preload: [name]}`) served from
 * `base`. The import map holds every file but the loader (its script tag has its own `integrity`); it is an inline
 * script, so a Content-Security-Policy needs its hash, which the last line gives.
 */
export function sriSnippet(integrity, base) {
  const folder = folderUrl(base);
  const files = integrity?.files ?? {};
  if (!files[LOADER]) throw new Error(`integrity.json names no ${LOADER}: is it from a build of omneo-widgets?`);
  const chunks = Object.fromEntries(
    Object.keys(files)
      .filter((file) => file !== LOADER)
      .sort()
      .map((file) => [new URL(file, folder).href, files[file]]),
  );
  const importMap = `\n${JSON.stringify({ integrity: chunks }, null, 2)}\n`;
  const cspHash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  return {
    importMap,
    cspHash,
    html: [
      `<!-- omneo-widgets ${integrity.version ?? ''}: Subresource Integrity for every file. In <head>, in place of our script tag and its`,
      `     preload, before any other module script (an import map must come first). A Content-Security-Policy needs`,
      `     ${cspHash} in script-src for the import map. -->`,
      `<script type="importmap">${importMap}</script>`,
      ...(integrity.preload ?? []).map((file) => `<link rel="modulepreload" href="${new URL(file, folder).href}" integrity="${files[file]}">`),
      `<script type="module" src="${new URL(LOADER, folder).href}" integrity="${files[LOADER]}"></script>`,
      '',
    ].join('\n'),
  };
}

function main(args) {
  const packageDir = new URL('../', import.meta.url);
  const integrity = JSON.parse(readFileSync(new URL('dist/cdn/integrity.json', packageDir), 'utf8'));
  const { version } = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  const usage = `Usage: omneo-widgets-sri [folder URL]\n  Prints the script tag and import map that load omneo-widgets ${version} with Subresource Integrity.\n  Default folder: https://cdn.jsdelivr.net/npm/omneo-widgets@${version}/dist/cdn/\n`;
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  if (args.length > 1) {
    process.stderr.write(`omneo-widgets-sri: one folder URL at most (given ${args.length}).\n${usage}`);
    return 2;
  }
  if (integrity.version !== version) {
    process.stderr.write(`omneo-widgets-sri: dist/cdn/integrity.json is from ${integrity.version}, the package is ${version}: build again.\n`);
    return 1;
  }
  const base = args[0] ?? `https://cdn.jsdelivr.net/npm/omneo-widgets@${version}/dist/cdn/`;
  try {
    process.stdout.write(sriSnippet(integrity, base).html);
    return 0;
  } catch (error) {
    process.stderr.write(`omneo-widgets-sri: ${error.message}\n`);
    return 2;
  }
}

// Run as a command (npx resolves the .bin symlink to this file), not when a test imports it.
if (process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url) {
  process.exitCode = main(process.argv.slice(2));
}
