/**
 * THIRD-PARTY-NOTICES.txt for a bundle: every npm package whose code went into it, with its version and its licence
 * text (and its NOTICE file, which Apache-2.0 asks to be passed on). The CDN build (vite.config.ts) and the proxy's
 * bundle (scripts/build-proxy.ts) each write one beside their files: whoever hosts, mirrors or deploys those copies
 * redistributes the packages, and their licences ask that the notices travel with every copy. Found from the bundler's
 * own list of module files, so a dependency added later is listed without anyone remembering to.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const THIRD_PARTY_NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/** The folder of the npm package a module file belongs to (the nearest package.json with a name, under node_modules). */
export function packageDirOf(file: string): string | null {
  if (!/[\\/]node_modules[\\/]/.test(file)) return null;
  for (let dir = path.dirname(file); path.basename(dir) !== 'node_modules' && dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    // Packages ship nested package.json files ({"type": "module"}) without a name: keep going up to the package's own.
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name) return dir;
  }
  return null;
}

/** The notices for the packages the given module files (absolute paths; others are ignored) belong to. */
export function thirdPartyNoticesText(moduleFiles: Iterable<string>, heading: string): string {
  const packageDirs = new Set<string>();
  for (const file of moduleFiles) {
    const dir = packageDirOf(file);
    if (dir) packageDirs.add(dir);
  }
  const packages = [...packageDirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string; homepage?: string; repository?: string | { url?: string } };
    const files = readdirSync(dir);
    const licenceFile = files.find((file) => /^(licen[cs]e|copying)([.-].*)?$/i.test(file));
    if (!licenceFile) throw new Error(`${manifest.name} is bundled but has no LICENSE file to put in ${THIRD_PARTY_NOTICES_FILE}`);
    const noticeFile = files.find((file) => /^notice(\.(md|txt))?$/i.test(file));
    const source = manifest.homepage ?? (typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url) ?? '';
    const text = [licenceFile, noticeFile].filter((file): file is string => Boolean(file)).map((file) => readFileSync(path.join(dir, file), 'utf8').trim());
    // npm's shorthand ("owner/repo") is GitHub's.
    const url = /^[\w.-]+\/[\w.-]+$/.test(source) ? `https://github.com/${source}` : source.replace(/^git\+/, '');
    return { ...manifest, source: url, text: text.join('\n\n') };
  });
  // The same package at two versions (nested node_modules) is listed twice: both are in the bundle.
  packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const rule = '-'.repeat(78);
  return [
    heading,
    '',
    'The files contain code from the packages below, each under its own licence, reproduced here.',
    'Keep this file with the files wherever they are hosted, mirrored or deployed.',
    '',
    ...packages.flatMap((pkg) => [rule, `${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})${pkg.source ? `  ${pkg.source}` : ''}`, rule, '', pkg.text, '']),
  ].join('\n');
}
