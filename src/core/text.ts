/**
 * Making API copy safe to show. design.md renders API strings as text only: HTML copy
 * (`long_description`, `terms_conditions`) becomes plain text here, and URLs from the API are used only
 * when they are http(s). Pure functions with no DOM, so they behave the same in every host page and in tests.
 */

/** Elements whose content is never readable copy: dropped whole, not just their tags. */
// An open tag that never ends (no `>` after it) counts as ending the copy, as it does for a browser: matching it
// only with a `>` made every such tag read the rest of the copy before failing, quadratic on "<script<script…".
const DROPPED_CONTENT = /<(script|style|template|noscript|iframe|object|svg|math|head|title|select|textarea)\b[^>]*(?:>|$)[\s\S]*?(?:<\/\1\s*>|$)/gi;

/** Tags whose end (or, for void ones, presence) is a line break in the plain text. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tr', 'ul',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°', times: '×', divide: '÷',
  euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', frac12: '½', frac14: '¼', frac34: '¾', plusmn: '±',
  szlig: 'ß', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', oelig: 'œ', OElig: 'Œ', eth: 'ð', ETH: 'Ð', thorn: 'þ',
  THORN: 'Þ', iexcl: '¡', iquest: '¿', shy: '',
};

/**
 * Accented letters (`&Eacute;`, `&ntilde;`, `&aring;`): HTML names them letter + accent, so the letter keeps its case
 * and a combining mark composes it (NFC) instead of a table entry for each. Value: the letters HTML gives the accent
 * to, then the mark; `&xacute;` is no entity and stays as written.
 */
const ACCENTS: Record<string, string> = {
  acute: 'aeiouy\u0301', grave: 'aeiou\u0300', circ: 'aeiou\u0302', uml: 'aeiouy\u0308', tilde: 'ano\u0303', ring: 'a\u030a', cedil: 'c\u0327',
};

/** Decodes HTML character references; unknown names stay as written rather than disappear. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // NUL, surrogates and out-of-range code points become U+FFFD, as browsers do.
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    // typeof: "&toString;" would find Object.prototype's members in these tables.
    const accent = ACCENTS[body.slice(1)];
    if (typeof accent == 'string' && accent.includes(body[0]!.toLowerCase())) return (body[0]! + accent.slice(-1)).normalize('NFC');
    // Exact first: only then the case-blind match that `&AMP;` and `&COPY;` need.
    const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    return typeof named == 'string' ? named : match;
  });
}

const TAG_NAME = /[a-zA-Z][a-zA-Z0-9-]*/y;

/**
 * Where the tag whose attributes start at `from` ends (the index after its `>`), or -1 when it never does: the copy
 * ends first, or a quote is never closed. Quoted attribute values may hold `>`. `ends` remembers the answer for every
 * position a walk passed through, so a later `<` whose walk reaches one of them stops there: the walk from a
 * position is the same whichever `<` it started at. That keeps copy full of `<` that start no tag ("<a<a<a…", a stray
 * quote) linear; a regex for the same tag read the rest of the copy again from each of them (seconds of frozen tab
 * at 100 kB).
 */
function tagEnd(source: string, from: number, ends: Int32Array): number {
  const passed: number[] = [];
  let end = -1;
  for (let at = from; at < source.length; ) {
    if (ends[at]) {
      end = ends[at]!;
      break;
    }
    passed.push(at);
    const char = source[at];
    if (char === '>') {
      end = at + 1;
      break;
    }
    if (char === '"' || char === "'") {
      const closingQuote = source.indexOf(char, at + 1);
      if (closingQuote < 0) break;
      at = closingQuote + 1;
    } else at++;
  }
  for (const at of passed) ends[at] = end;
  return end;
}

/**
 * HTML copy → plain text: tags dropped (with the content of script/style and the like), entities decoded,
 * block ends and `<br>` turned into line breaks, list items bulleted, runs of spaces collapsed. A `<` that
 * does not start a tag ("2 < 3") stays. The result is for text nodes only: never feed it back to innerHTML.
 */
export function htmlToPlainText(html: string | null | undefined): string {
  if (!html) return '';
  let source = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  // An unclosed one of these drops everything after it: that was never copy either.
  source = source.replace(DROPPED_CONTENT, ' ');
  let text = '';
  let last = 0;
  const ends = new Int32Array(source.length);
  for (let open = source.indexOf('<'); open >= 0; open = source.indexOf('<', open + 1)) {
    // A tag: `<name ...>` or `</name>`.
    const closing = source[open + 1] === '/';
    TAG_NAME.lastIndex = open + (closing ? 2 : 1);
    const name = TAG_NAME.exec(source)?.[0].toLowerCase();
    if (!name) continue;
    const end = tagEnd(source, TAG_NAME.lastIndex, ends);
    if (end < 0) continue;
    text += collapse(source.slice(last, open));
    last = end;
    open = end - 1;
    // An item's start breaks the line and bullets it; its end adds nothing, so items sit on consecutive lines.
    if (name === 'li') text += closing ? '' : '\n• ';
    else if (BLOCK_TAGS.has(name) && (closing || name === 'br' || name === 'hr')) text += '\n';
    else if (name === 'td' || name === 'th') text += ' ';
  }
  text += collapse(source.slice(last));
  const lines = decodeEntities(text)
    .split('\n')
    .map((line) => line.trim());
  // `lines`, not filter's third argument: Prototype.js (Magento 1 storefronts) replaces Array#filter with one
  // that passes the item and its index only.
  return lines
    .filter((line, index) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim();
}

/** Source whitespace, line breaks included, is one space in HTML: only tags make line breaks. */
const collapse = (chunk: string) => chunk.replace(/[ \t\n\r\f]+/g, ' ');

/**
 * A URL from the API, resolved and checked: relative URLs (`/storage/rewards/birthday.png`) resolve against
 * the origin of `apiBase` (itself resolved against the page when it is a path); only http(s) results are
 * returned, anything else (javascript:, data:, garbage) is null so the caller shows its placeholder.
 */
export function safeHttpUrl(raw: string | null | undefined, apiBase: string, pageUrl: string = defaultPageUrl()): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let origin: string;
  try {
    origin = new URL(apiBase, pageUrl).origin;
  } catch {
    return null;
  }
  try {
    const url = new URL(value, origin === 'null' ? undefined : `${origin}/`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // "https://shop.example@evil.example/" reads as the shop's URL to a person but goes to evil.example;
    // credentials in a link or image URL have no legitimate use here.
    return url.username || url.password ? null : url.href;
  } catch {
    return null;
  }
}

function defaultPageUrl(): string {
  return typeof location !== 'undefined' && location.href.startsWith('http') ? location.href : 'http://localhost/';
}
