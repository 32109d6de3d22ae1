/**
 * The CDN files hold no syntax newer than the browser baseline (README, Install, Browser support: Safari 15.4,
 * Chrome 100, Firefox 102). Syntax, unlike a missing API, cannot be worked around at run time: a browser that cannot
 * parse one construct rejects the whole file, and every element that imports it stays empty. Built into a temporary
 * folder (never racing a build in dist/) and parsed with acorn; the e2e suite's browsers.test.ts covers the APIs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, type Node } from 'acorn';
import { full } from 'acorn-walk';
import { buildAll } from '../../scripts/build.js';

interface Finding {
  file: string;
  what: string;
  at: string;
}

/** The files' syntax trees, each node given to `visit` with the file it is in and its source. */
function eachNode(cdnDir: string, visit: (node: Node & Record<string, any>, file: string, source: string) => void): void {
  const files = readdirSync(cdnDir).filter((file) => file.endsWith('.js'));
  assert.ok(files.length > 10, `expected the CDN chunks, found ${files.join(', ')}`);
  for (const file of files) {
    const source = readFileSync(path.join(cdnDir, file), 'utf8');
    full(parse(source, { ecmaVersion: 'latest', sourceType: 'module' }), (node) => visit(node as Node & Record<string, any>, file, source));
  }
}

const excerpt = (source: string, node: Node) => source.slice(node.start, Math.min(node.end, node.start + 60));

describe('CDN build: syntax within the browser baseline', () => {
  let work: string;
  let cdnDir: string;
  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'omneo-baseline-'));
    await buildAll({ outDir: path.join(work, 'dist'), shopifyAssetsDir: null, cdnOnly: true });
    cdnDir = path.join(work, 'dist/cdn');
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has no class static block (Safari 16.4): static fields are lowered to assignments', () => {
    const findings: Finding[] = [];
    eachNode(cdnDir, (node, file, source) => {
      if (node.type === 'StaticBlock') findings.push({ file, what: 'a class static block', at: excerpt(source, node) });
    });
    assert.deepEqual(findings, []);
  });
});
