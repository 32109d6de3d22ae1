/** The README's fenced code blocks, for tests that run what the README tells a deployer to write. */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The README's section under `heading` (a whole line such as `### Configuration`), found after `after` when given. */
export function readmeSection(heading: string, after?: string): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const from = after === undefined ? 0 : readme.indexOf(`\n${after}\n`);
  assert.ok(from >= 0, `README.md has no ${after}`);
  const start = readme.indexOf(`\n${heading}\n`, from);
  assert.ok(start >= 0, `README.md has no ${heading}${after ? ` after ${after}` : ''}`);
  const level = /^#+/.exec(heading)![0];
  const end = readme.slice(start + heading.length + 2).search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return end < 0 ? readme.slice(start) : readme.slice(start, start + heading.length + 2 + end);
}

/**
 * An empty project holding exactly what README "Deploy on serverless and edge runtimes" says to copy into one, with
 * the layout it names; the caller removes it. Its `npm install hono` is the checkout's `node_modules` (pass
 * `EDGE_PROJECT_NODE_PATHS` to esbuild): the test asserts the README says to install hono and nothing else.
 */
export function edgeProjectAsReadmeSays(): string {
  const section = readmeSection('### Deploy on serverless and edge runtimes');
  const named = /copy this repository's ([\s\S]*?) into it/.exec(section)?.[1] ?? '';
  const copied = [...named.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
  assert.ok(copied.includes('server/proxy/'), `the section names what to copy: ${copied.join(', ')}`);
  assert.match(section, /`npm install hono`/, 'the section says which package to install');
  const project = mkdtempSync(path.join(tmpdir(), 'omneo-edge-project-'));
  for (const name of copied) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    cpSync(path.join(REPO_ROOT, name), path.join(project, name), { recursive: true });
  }
  return project;
}

/** Where esbuild finds the packages `npm install hono` would have put in an edge project (hono only is imported). */
export const EDGE_PROJECT_NODE_PATHS = [path.join(REPO_ROOT, 'node_modules')];
