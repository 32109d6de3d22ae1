/** The README's fenced code blocks, for tests that run what the README tells a deployer to write. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The README's fenced block in `lang` whose first line matches `firstLine`. */
export function readmeBlock(lang: string, firstLine: RegExp): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].find((match) => match[1] === lang && firstLine.test(match[2]!.split('\n')[0]!));
  assert.ok(block, `README.md has no ${lang} block starting ${firstLine}`);
  return block[2]!;
}
