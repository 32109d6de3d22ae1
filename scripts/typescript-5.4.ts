/**
 * TypeScript 5.4, from test/typescript-5.4/ (a package of its own: in the repository's node_modules its `tsc` bin
 * would shadow TypeScript 7's, which has no JavaScript API). The packaging test compiles an app with its tsc (the
 * oldest TypeScript the declarations support); scripts/public-api.ts reads the declarations with its compiler API.
 * .ci/run installs it; on a developer's machine the first caller does (scripts/separate-install.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSeparateInstall } from './separate-install.js';

const FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/typescript-5.4');
export const TYPESCRIPT_5_4_PACKAGE = path.join(FOLDER, 'node_modules/typescript');

/** The package folder of TypeScript 5.4, installed first when missing; throws with the command to run when it cannot be. */
export function ensureTypeScript54(): string {
  ensureSeparateInstall(FOLDER, 'TypeScript 5.4', () => existsSync(path.join(TYPESCRIPT_5_4_PACKAGE, 'bin/tsc')));
  return TYPESCRIPT_5_4_PACKAGE;
}
