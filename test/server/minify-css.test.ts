/**
 * The build's CSS minifier (vite.config.ts minifyCss, applied by the minifiedStyles plugin to every css`` template):
 * constructs a maintainer would plausibly write next, each minified to what CSS reads the same way, or refused at
 * build time. packaging.test.ts checks today's sheets in Chromium; this checks the constructs they do not have yet.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'acorn';
import { minifiedStyles, minifyCss } from '../../vite.config.js';

/** The module's css`` template after the plugin, as Lit gets it (the template's cooked text). */
function built(source: string): string {
  const plugin = minifiedStyles() as { transform: (code: string, id: string) => { code: string } | null };
  const result = plugin.transform(`import { css } from 'lit';\nexport const styles = css\`${source}\`;\n`, '/repo/src/x.styles.ts');
  assert.ok(result, 'the plugin left the module alone');
  const cooked: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const each = node as { type?: string; value?: { cooked?: string } };
    if (each.type === 'TemplateElement') cooked.push(each.value!.cooked!);
    Object.values(each).forEach(visit);
  };
  visit(parse(result.code, { ecmaVersion: 'latest', sourceType: 'module' }));
  assert.equal(cooked.length, 1);
  return cooked[0]!;
}

describe('minifyCss', () => {
  it('keeps a space that is a descendant combinator, also before a pseudo-class, and none where CSS needs none', () => {
    assert.equal(minifyCss(':is(a, b) :hover { color: red }'), ':is(a,b) :hover{color:red}');
    assert.equal(minifyCss('a:hover b,\n  c > d ~ e + f {\n  color: red;\n}'), 'a:hover b,c > d ~ e + f{color:red}');
    assert.equal(minifyCss(':host([hidden]) ::slotted(*) { display: none; }'), ':host([hidden]) ::slotted(*){display:none}');
  });

  it('keeps strings as written: attribute selectors, content, grid areas, quoted urls', () => {
    assert.equal(minifyCss('[title="a  b" i] , [data-x = \'c  d\'] { x: y }'), '[title="a  b" i],[data-x = \'c  d\']{x:y}');
    assert.equal(minifyCss('a::before { content: "a  b /* not a comment */"; }'), 'a::before{content:"a  b /* not a comment */"}');
    assert.equal(minifyCss('a {\n  grid-template-areas:\n    "a  b"\n    "c d";\n}'), 'a{grid-template-areas:"a  b" "c d"}');
    assert.equal(minifyCss('a { background: url("data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'/>") }'), 'a{background:url("data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'/>")}');
    assert.equal(minifyCss('a { background: url(data:image/png;base64,AA//==) no-repeat }'), 'a{background:url(data:image/png;base64,AA//==) no-repeat}');
  });

  it('keeps at-rule preludes, calc() operators and !important readable', () => {
    assert.equal(minifyCss('@media screen and (min-width: 30em) {\n  a { b: c; }\n}'), '@media screen and (min-width:30em){a{b:c}}');
    assert.equal(minifyCss('@supports not (color: color(from red srgb r g b)) { a { b: c } }'), '@supports not (color:color(from red srgb r g b)){a{b:c}}');
    assert.equal(minifyCss('a { width: calc(100% - 1em) !important; margin: calc(-1 * var(--x, 1px)); }'), 'a{width:calc(100% - 1em) !important;margin:calc(-1 * var(--x,1px))}');
  });

  it("keeps a custom property's value as written, a comma list too, and refuses one that holds a string", () => {
    assert.equal(minifyCss('a {\n  --font: "x" ;\n}'.replace('"x"', 'Inter, sans-serif')), 'a{--font: Inter, sans-serif}');
    assert.equal(minifyCss('a { color: red; --shadow: 0 1px 2px rgb(0 0 0 / 0.2), 0 0 0 1px red ; }'), 'a{color:red;--shadow: 0 1px 2px rgb(0 0 0 / 0.2), 0 0 0 1px red}');
    assert.throws(() => minifyCss('a { --label: "a  b"; }'), /custom property/);
  });

  it('keeps an escape whole: an escaped quote in a string, a hex escape and the space that ends it', () => {
    assert.equal(minifyCss('q::before { content: "\\""; }\n.a::after { content: "a  b"; }'), 'q::before{content:"\\""}.a::after{content:"a  b"}');
    assert.equal(minifyCss(".a::before { content: '\\''; } .b { x: 'c  d' }"), ".a::before{content:'\\''}.b{x:'c  d'}");
    // "1" then a descendant "a"; "1a" would be one class.
    assert.equal(minifyCss('.\\31  a { x: y }'), '.\\31  a{x:y}');
    assert.equal(minifyCss('.\\31\n{ x: y }'), '.\\31 {x:y}');
    // An escaped space is part of the class name, not whitespace to drop before `{`.
    assert.equal(minifyCss('.a\\  { x: y }'), '.a\\ {x:y}');
  });

  it('reads only CSS whitespace as whitespace (a no-break space is an ident character)', () => {
    assert.equal(minifyCss('a { x: b\u00a0c }'), 'a{x:b\u00a0c}');
  });
});

describe('minifiedStyles (the build plugin)', () => {
  it("minifies the text CSS reads: a backslash in the source is written \\\\, so an escaped quote stays escaped", () => {
    // In the module's source, `content: "\\""` is CSS's `content: "\""` (a quote).
    assert.equal(built('q::before { content: "\\\\""; }\n  .a::after { content: "a  b"; }\n'), 'q::before{content:"\\""}.a::after{content:"a  b"}');
    assert.equal(built("a::before { content: '\\\\2014\\\\a0'; }\n"), "a::before{content:'\\2014\\a0'}");
  });

  it('keeps a backtick or ${ in a string as text, and a JavaScript escape as the character it stands for', () => {
    assert.equal(built('a::before { content: "\\` \\${x}"; }'), 'a::before{content:"` ${x}"}');
    assert.equal(built('a::before { content: "\\u00a0"; }'), 'a::before{content:"\u00a0"}');
  });
});

describe('minifyCss: comments', () => {
  it('a comment with whitespace beside it is whitespace; one between two tokens with none is refused, not guessed', () => {
    assert.equal(minifyCss('.a /* x */ .b { color: /* y */ red }'), '.a .b{color:red}');
    assert.equal(minifyCss('/* head */\n.a { color: red } /* tail */'), '.a{color:red}');
    // `.a/**/.b` is one element with both classes, `1px/**/solid` two tokens that written together read as one:
    // neither a space nor nothing is right in every case, so the build stops and says where.
    assert.throws(() => minifyCss('.a/**/.b { color: red }'), /comment.*\.a\/\*\*\/\.b/);
    assert.throws(() => minifyCss('.a { border: 1px/* w */solid }'), /comment/);
  });
});
