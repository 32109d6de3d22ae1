/**
 * The CDN files hold no syntax newer than the browser baseline (README, Install, Browser support: Safari 15.4,
 * Chrome 100, Firefox 102). Syntax, unlike a missing API, cannot be worked around at run time: a browser that cannot
 * parse one construct rejects the whole file, and every element that imports it stays empty. Built into a temporary
 * folder (never racing a build in dist/) and parsed with acorn; the e2e suite's browsers.test.ts covers the APIs.
 * The styles are checked here too, for declarations an older browser would throw away.
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

/**
 * A regular expression's pattern and flags: a literal's, or a `RegExp(…)` call's with literal arguments (what the
 * build turns a literal into when the target lacks its syntax: it parses then, and throws when it runs).
 */
function regExpOf(node: Node & Record<string, any>): { pattern: string; flags: string } | null {
  if (node.type === 'Literal' && node.regex) return node.regex;
  if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp') {
    const text = (argument: any): string | null =>
      argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value
      : argument?.type === 'TemplateLiteral' && argument.expressions.length === 0 ? argument.quasis[0].value.cooked
      : null;
    const pattern = text(node.arguments[0]);
    return pattern === null ? null : { pattern, flags: text(node.arguments[1]) ?? '' };
  }
  return null;
}

/** Regular expression syntax newer than the baseline, with the first versions that have it. */
function newerRegExpSyntax({ pattern, flags }: { pattern: string; flags: string }): string | null {
  if (/\(\?<[=!]/.test(pattern)) return 'a lookbehind (Safari 16.4)';
  if (flags.includes('v')) return 'the v flag (Safari 17, Firefox 116, Chrome 112)';
  if (/\(\?[ims]*-?[ims]+:/.test(pattern)) return 'modifiers (Chrome 125, Firefox 132)';
  return null;
}

describe('CDN build: within the browser baseline', () => {
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

  it('has no regular expression a baseline browser cannot compile', () => {
    const findings: Finding[] = [];
    eachNode(cdnDir, (node, file, source) => {
      const regExp = regExpOf(node);
      const what = regExp && newerRegExpSyntax(regExp);
      if (what) findings.push({ file, what, at: excerpt(source, node) });
    });
    assert.deepEqual(findings, []);
  });

  it('writes no style attribute or <style> element in a template, which a style-src without unsafe-inline blocks', () => {
    // In every browser, not only at the baseline: README (Install) promises a strict style-src works. The e2e CSP
    // test sees the states it renders; this sees every template (an error or guest state, a styleMap binding,
    // whose first render is a style attribute). Styles set through the CSSOM (element.style.setProperty) are allowed.
    const findings: Finding[] = [];
    eachNode(cdnDir, (node, file, source) => {
      const text = node.type === 'TemplateElement' ? node.value.cooked : node.type === 'Literal' ? node.value : null;
      if (typeof text === 'string' && /\sstyle=|<style[\s>]/i.test(text)) findings.push({ file, what: 'inline style', at: excerpt(source, node) });
    });
    assert.deepEqual(findings, []);
  });

  it('gives every custom property mixed with color-mix() a plain colour where color-mix() is missing', () => {
    // Safari before 16.2, Firefox before 113, Chrome before 111: a custom property's value is not checked where it
    // is set, so without color-mix() every `border: 1px solid var(--_border)` is invalid where it is used and no
    // border is drawn at all (buttons without an edge, a progress bar without its track). A declaration that uses
    // color-mix() directly is dropped instead and the one before it applies: those may stay.
    const css: string[] = [];
    eachNode(cdnDir, (node) => {
      if (node.type === 'TemplateElement' && typeof node.value.cooked === 'string') css.push(node.value.cooked);
    });
    const text = css.join('\n');
    const mixed = new Set([...text.matchAll(/(--[\w-]+)\s*:[^;{}]*color-mix\(/g)].map((match) => match[1]!));
    const fallbacks = new Set<string>();
    for (const start of [...text.matchAll(/@supports not \(color:\s*color-mix\(/g)].map((match) => match.index)) {
      let depth = 0;
      let end = text.indexOf('{', start);
      for (let i = end; i < text.length; i += 1) {
        if (text[i] === '{') depth += 1;
        else if (text[i] === '}' && --depth === 0) {
          end = i;
          break;
        }
      }
      for (const [, name] of text.slice(start, end).matchAll(/(--[\w-]+)\s*:/g)) fallbacks.add(name!);
    }
    // Used only in color and fill, which inherit: invalid there, the text keeps its own colour, still readable.
    const inheritedOnly = new Set(['--_muted']);
    assert.ok(mixed.size > 0, 'the styles were found');
    assert.deepEqual([...mixed].filter((name) => !fallbacks.has(name) && !inheritedOnly.has(name)), []);
  });
});

describe('size floors (bench/floor/): built like the CDN files', () => {
  // README Size compares the badge page with these floors, "built exactly like the CDN script": built for another
  // target, a floor keeps syntax the CDN build lowers, and is smaller than the same code on the badge page.
  it('hold no class static block either, as the CDN build lowers them', async () => {
    const { buildFloor, FLOORS } = await import('../../scripts/floor.js');
    const findings: string[] = [];
    for (const name of Object.keys(FLOORS) as (keyof typeof FLOORS)[]) {
      const source = (await buildFloor(name)).toString('utf8');
      full(parse(source, { ecmaVersion: 'latest', sourceType: 'module' }), (node) => {
        if (node.type === 'StaticBlock') findings.push(`${name}: ${excerpt(source, node)}`);
      });
    }
    assert.deepEqual(findings, []);
  });
});
