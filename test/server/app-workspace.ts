/**
 * A temporary folder for checking an example app as a merchant's toolchain would (angular-aot, framework-types): the
 * repository's node_modules linked in, as an app's own has them (Angular, Vue, Svelte, Vite, Lit), and the package's
 * declarations in `types/`, as the build emits them into dist/npm (scripts/build.ts), for the app to import.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/build.js';

/** Makes the folder (its name starts with `prefix`) and returns its path; the caller removes it. */
export function appWorkspace(prefix: string): string {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--declarationDir', path.join(work, 'types')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
  return work;
}

/** One error a checker (ngc, vue-tsc, svelte-check) reports on an example's file. */
export interface Diagnostic {
  /** The example's file, as in the repository (`integrations/svelte/LoyaltyPanel.svelte`). */
  file: string;
  /** 1-based. */
  line: number;
  code: string;
  message: string;
}

/** The 1-based line of the first line of `text` that includes `part` (0 when none does). */
export const lineOf = (text: string | undefined, part: string) => (text ?? '').split('\n').findIndex((line) => line.includes(part)) + 1;

/** Diagnostics' places in order of file, then line. */
export const byPlace = (a: Pick<Diagnostic, 'file' | 'line'>, b: Pick<Diagnostic, 'file' | 'line'>) => a.file.localeCompare(b.file) || a.line - b.line;
