/**
 * Pictures for the demo storefront (`npm start`) only. The mock's personas carry relative image URLs, as
 * Omneo's sometimes are (`/products/ls-sand-1.jpg`, `/storage/rewards/birthday.png`, `/storage/benefits/…`,
 * `/storage/tiers/…`, `/storage/avatars/…`), which the widgets resolve against the API's origin: the demo's
 * own. This answers them with an SVG drawn from the file name (a garment, gift, ticket, medal or initial in a
 * colour named by, or hashed from, the name): no files, no network.
 *
 * Mounted by the Vite plugin alone. `isDevAppPath` does not include these paths, so the browser test runner,
 * the bench server and the packaging tests still answer 404 for them, and the widget tests that rely on a
 * relative image failing keep doing so. The mock's absolute URLs (`https://cdn.example-retailer.com.au/…`)
 * stay as they are: they never load, and the widgets show their placeholder.
 */

/** `/products/<name>.<ext>` or `/storage/<folder>/<name>.<ext>`, with plain names (no dots but the extension's). */
const IMAGE_PATH = /^\/(?:products|storage\/[a-z0-9_-]{1,40})\/([a-z0-9][a-z0-9_-]{0,80})\.(?:jpe?g|png|gif|webp|svg)$/i;

export function isDemoImagePath(pathname: string): boolean {
  return IMAGE_PATH.test(pathname);
}

export const DEMO_IMAGE_HEADERS: Readonly<Record<string, string>> = {
  // The URL says .jpg or .png; the body is SVG, and the type says so (browsers go by the type for images).
  'Content-Type': 'image/svg+xml',
  'X-Content-Type-Options': 'nosniff',
  // Opened on its own, the SVG may not run anything.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Cache-Control': 'public, max-age=600',
};

/** The SVG for an image path, or null when the path is not one of the demo's. */
export function demoImageSvg(pathname: string): string | null {
  const match = IMAGE_PATH.exec(pathname);
  if (!match) return null;
  const name = (match[1] ?? '').toLowerCase();
  const [, top = '', sub = ''] = pathname.toLowerCase().split('/');
  const folder = top === 'products' ? 'products' : sub;
  switch (folder) {
    case 'products':
      return productSvg(name);
    case 'rewards':
      return badgeSvg(name, giftShape);
    case 'benefits':
      return badgeSvg(name, ticketShape);
    case 'tiers':
      return badgeSvg(name, medalShape);
    case 'avatars':
      return badgeSvg(name, initialShape);
    default:
      return badgeSvg(name, (colour) => starShape(colour));
  }
}

// ── colours ─────────────────────────────────────────────────────────────────────────────────────

/** The mock catalogue's colour names (server/mock-omneo/catalogue.ts) and the tier names. */
const NAMED: Record<string, string> = {
  sand: '#d6c096', white: '#efebe3', olive: '#6f7a45', navy: '#2c3a5a', oat: '#d6c9ae', charcoal: '#44484c',
  ink: '#2b3150', rust: '#a5522d', indigo: '#34406b', black: '#2a2c2f', tan: '#b9825a', sage: '#93a98f',
  camel: '#bf9665', grey: '#9a9ea3', stone: '#b9b2a1', forest: '#2f5a43', blue: '#5d86bf', coral: '#e47f6b',
  brown: '#6f4a34', ivory: '#f1e9d6', blush: '#e4b3ae', pink: '#e6b1bf', tortoise: '#7a4b2a', gold: '#c9a23f',
  clear: '#d5e0e4', silver: '#a9b0b7', platinum: '#8c9aa6', birthday: '#d9668a', member: '#7f8c8d',
};

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The first named colour among the name's words, else one from a hash of the whole name. */
function colourFor(words: string[], whole: string): string {
  for (const word of words) if (NAMED[word]) return NAMED[word];
  return `hsl(${hash(whole) % 360} 42% 52%)`;
}

/** Dark ink for a light fill, light ink for a dark one (rough luminance of #rrggbb; hsl() fills are mid-tone). */
function isLight(colour: string): boolean {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!hex) return false;
  const [r, g, b] = [hex[1], hex[2], hex[3]].map((part) => parseInt(part ?? '0', 16));
  return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0) > 170;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

const titleCase = (words: string[]) => words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');

// ── products: a garment on a soft backdrop, 3:4 ─────────────────────────────────────────────────────────

/**
 * The catalogue prefixes (server/mock-omneo/catalogue.ts) whose pictures the demo asks for, to a silhouette: the
 * products the mock writes with relative image URLs (LS, JN, TS, CH, BT, BN, LP, CC) and the demo page's own grid
 * (demo/products.ts: LS, KN, DR, SN, TB). The catalogue's other products have absolute CDN URLs or none, which never
 * reach this server; an unknown prefix gets a tee.
 */
const PRODUCT_KINDS: Record<string, { label: string; draw: (fill: string, line: string) => string }> = {
  ls: { label: 'Linen Relaxed Shirt', draw: shirt },
  kn: { label: 'Merino Crew Knit', draw: knit },
  cc: { label: 'Cashmere Cardigan', draw: (fill, line) => `${knit(fill, line)}<path d="M150 98V330" stroke="${line}" stroke-width="3"/>${buttons(line, 168)}` },
  ts: { label: 'Organic Cotton Tee', draw: tee },
  dr: { label: 'Wrap Midi Dress', draw: dress },
  jn: { label: 'Straight Leg Jean', draw: trousers },
  lp: { label: 'Linen Wide Pant', draw: trousers },
  ch: { label: 'Chino Short', draw: shorts },
  sn: { label: 'Canvas Sneaker', draw: sneaker },
  tb: { label: 'Leather Tote', draw: tote },
  bt: { label: 'Leather Belt', draw: belt },
  bn: { label: 'Rib Knit Beanie', draw: beanie },
};

function productSvg(name: string): string {
  // `ls-sand-1` → prefix ls, colour words [sand]; `sw-blue-stripe-2` → [blue, stripe].
  const words = name.split(/[-_]+/).filter((word) => word && !/^\d+$/.test(word));
  const [prefix = '', ...colourWords] = words;
  const kind = PRODUCT_KINDS[prefix];
  const fill = colourFor(colourWords, name);
  const line = isLight(fill) ? 'rgba(0,0,0,0.28)' : 'rgba(255,255,255,0.35)';
  const hue = hash(prefix) % 360;
  const title = kind ? `${kind.label}${colourWords.length ? `, ${titleCase(colourWords)}` : ''}` : titleCase(words);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 400" width="300" height="400">
<title>${escapeXml(title)}</title>
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue} 24% 95%)"/><stop offset="1" stop-color="hsl(${hue} 18% 86%)"/></linearGradient></defs>
<rect width="300" height="400" fill="url(#g)"/>
<ellipse cx="150" cy="356" rx="108" ry="12" fill="rgba(0,0,0,0.08)"/>
<g stroke-linejoin="round" stroke-linecap="round">${(kind?.draw ?? tee)(fill, line)}</g>
</svg>`;
}

const outline = 'stroke="rgba(0,0,0,0.18)" stroke-width="2"';

function buttons(line: string, x = 150): string {
  return [130, 175, 220, 265, 305].map((y) => `<circle cx="${x}" cy="${y}" r="4" fill="${line}"/>`).join('');
}

function shirt(fill: string, line: string): string {
  return `<path d="M108 74 62 94 38 262 74 268 92 160V336H208V160L226 268 262 262 238 94 192 74 150 100Z" fill="${fill}" ${outline}/>
<path d="M108 74 150 100 128 124ZM192 74 150 100 172 124Z" fill="${line}"/>
<path d="M150 100V336" stroke="${line}" stroke-width="2"/>${buttons(line)}`;
}

function tee(fill: string, line: string): string {
  return `<path d="M110 84 62 104 34 168 74 186 92 150V332H208V150L226 186 266 168 238 104 190 84Q150 116 110 84Z" fill="${fill}" ${outline}/>
<path d="M114 88Q150 112 186 88" fill="none" stroke="${line}" stroke-width="4"/>`;
}

function knit(fill: string, line: string): string {
  return `<path d="M110 80 62 98 40 262 74 268 92 162V332H208V162L226 268 260 262 238 98 190 80Q150 108 110 80Z" fill="${fill}" ${outline}/>
<path d="M112 84Q150 110 188 84" fill="none" stroke="${line}" stroke-width="6"/>
<path d="M92 316H208M41 252 74 258M259 252 226 258" stroke="${line}" stroke-width="10"/>`;
}

function dress(fill: string, line: string): string {
  return `<path d="M118 62 104 132 74 344H226L196 132 182 62 150 112Z" fill="${fill}" ${outline}/>
<path d="M118 62 150 112 182 62M104 132H196M150 112 190 200" fill="none" stroke="${line}" stroke-width="3"/>`;
}

function trousers(fill: string, line: string): string {
  return `<path d="M96 62H204L218 344H164L150 150 136 344H82Z" fill="${fill}" ${outline}/>
<path d="M96 82H204M150 82V150M116 82 118 120M184 82 182 120" fill="none" stroke="${line}" stroke-width="3"/>`;
}

function shorts(fill: string, line: string): string {
  return `<path d="M92 118H208L222 270H162L150 196 138 270H78Z" fill="${fill}" ${outline}/>
<path d="M92 138H208M150 138V196" fill="none" stroke="${line}" stroke-width="3"/>`;
}

function sneaker(fill: string, line: string): string {
  return `<path d="M48 270 58 196Q112 204 140 160L180 168Q206 226 248 236Q272 246 266 276Z" fill="${fill}" ${outline}/>
<path d="M44 270H268L264 296H48Z" fill="#f4f2ec" ${outline}/>
<path d="M142 176 164 186M136 190 158 200M128 204 150 214" stroke="${line}" stroke-width="4"/>`;
}

function tote(fill: string, line: string): string {
  return `<path d="M108 178Q108 96 150 96Q192 96 192 178" fill="none" stroke="${fill}" stroke-width="12"/>
<path d="M66 170H234L250 334H50Z" fill="${fill}" ${outline}/><path d="M66 196H234" stroke="${line}" stroke-width="3"/>`;
}

function belt(fill: string, line: string): string {
  return `<path d="M36 176H264V214H36Z" fill="${fill}" ${outline}/>
<rect x="76" y="166" width="44" height="58" rx="6" fill="none" stroke="#c9a23f" stroke-width="7"/>
<path d="M98 195H136M180 195H252" stroke="${line}" stroke-width="3" stroke-dasharray="6 8"/>`;
}

function beanie(fill: string, line: string): string {
  return `<circle cx="150" cy="100" r="22" fill="${fill}" ${outline}/>
<path d="M82 258Q82 116 150 116Q218 116 218 258Z" fill="${fill}" ${outline}/>
<rect x="74" y="236" width="152" height="48" rx="8" fill="${fill}" ${outline}/>
<path d="M96 242V278M118 242V278M140 242V278M162 242V278M184 242V278M206 242V278" stroke="${line}" stroke-width="4"/>`;
}

// ── rewards, benefits, tiers, avatars: a shape on a tinted square ─────────────────────────────────────────

type Shape = (colour: string, name: string) => string;

function badgeSvg(name: string, shape: Shape): string {
  const words = name.split(/[-_]+/).filter(Boolean);
  const colour = colourFor(words, name);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
<title>${escapeXml(titleCase(words))}</title>
<rect width="200" height="200" fill="${colour}" fill-opacity="0.16"/>
<g stroke-linejoin="round" stroke-linecap="round">${shape(colour, name)}</g>
</svg>`;
}

function giftShape(colour: string): string {
  return `<rect x="40" y="88" width="120" height="82" rx="6" fill="${colour}"/>
<rect x="32" y="66" width="136" height="28" rx="5" fill="${colour}" stroke="#fff" stroke-opacity="0.5" stroke-width="3"/>
<path d="M100 66V170" stroke="#fff" stroke-width="14"/>
<path d="M100 64Q72 30 60 50Q54 66 100 64Q128 30 140 50Q146 66 100 64Z" fill="none" stroke="${colour}" stroke-width="9"/>`;
}

function ticketShape(colour: string, name: string): string {
  const symbol = name.includes('birthday')
    ? '<path d="M78 126H122V106H78Z" fill="#fff"/><path d="M100 106V90" stroke="#fff" stroke-width="5"/><path d="M100 78Q106 84 100 90Q94 84 100 78Z" fill="#fff"/>'
    : name.includes('alteration')
      ? '<circle cx="84" cy="122" r="10" fill="none" stroke="#fff" stroke-width="6"/><circle cx="116" cy="122" r="10" fill="none" stroke="#fff" stroke-width="6"/><path d="M90 114 122 76M110 114 78 76" stroke="#fff" stroke-width="6"/>'
      : name.includes('styl')
        ? '<path d="M92 86A8 8 0 1 1 100 94V100L140 124H60L100 100" fill="none" stroke="#fff" stroke-width="6"/>'
        : starShape('#fff');
  return `<path d="M22 58H178V86A14 14 0 0 0 178 114V142H22V114A14 14 0 0 0 22 86Z" fill="${colour}"/>
<path d="M52 60V140" stroke="#fff" stroke-opacity="0.55" stroke-width="3" stroke-dasharray="6 6"/>${symbol}`;
}

function medalShape(colour: string): string {
  return `<path d="M76 28 100 88 124 28" fill="none" stroke="${colour}" stroke-width="16"/>
<circle cx="100" cy="124" r="50" fill="${colour}"/><circle cx="100" cy="124" r="36" fill="none" stroke="#fff" stroke-opacity="0.55" stroke-width="4"/>
${starShape('#fff', 100, 124, 22)}`;
}

function initialShape(colour: string, name: string): string {
  const initial = escapeXml((name.charAt(0) || '?').toUpperCase());
  return `<circle cx="100" cy="100" r="70" fill="${colour}"/>
<text x="100" y="100" dy="0.35em" text-anchor="middle" font-family="Georgia, serif" font-size="76" fill="#fff">${initial}</text>`;
}

function starShape(colour: string, cx = 100, cy = 100, r = 48): string {
  const points = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    return `${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`;
  });
  return `<polygon points="${points.join(' ')}" fill="${colour}"/>`;
}
