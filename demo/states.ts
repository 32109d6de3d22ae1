/**
 * The states gallery (states.html): every element in each of its states side by side, live, for the designers and
 * developers who theme them. Nothing here renders a widget: each tile is the real element, configured by its own
 * attributes for the dev server's routes of its state (server/dev/app.ts, GALLERY_STATES), and the state is what
 * the real client and store make of those routes' answers. Not part of the widgets.
 */
import { configure } from '../src/index.js';
import {
  applyPageDirection,
  applyTheme,
  applyToConfigBlock,
  requestedLocale,
  requestedTheme,
  setUpSwitches,
} from './switches.js';

const PREFIX = '/demo/states';

type State = 'loading' | 'guest' | 'empty' | 'error' | 'updating' | 'outdated' | 'loaded';

const STATES: { state: State; label: string }[] = [
  { state: 'loading', label: 'Loading' },
  { state: 'guest', label: 'Guest' },
  { state: 'empty', label: 'Empty' },
  { state: 'error', label: 'Error' },
  { state: 'updating', label: 'Stale: Updating…' },
  { state: 'outdated', label: 'Stale: May be out of date' },
  { state: 'loaded', label: 'Loaded' },
];

/**
 * The cross-page cache is keyed by tenant and customer: the loaded tiles store Ava's data under these, and the stale
 * tiles (other routes, so other runtimes) paint it before their refresh. Any customer id would do; this is Ava's.
 */
const CACHE_KEYS = { tenant: 'states-gallery', customer: '7321987654321' };

/** A tile's configuration attributes: its state's routes. */
function configFor(state: State): Record<string, string> {
  const attributes: Record<string, string> = { 'api-base': `${PREFIX}/${state}/id/api/v1` };
  // Loading and Updating… take the page's getToken (below): the token that never comes.
  if (state !== 'loading' && state !== 'updating') attributes['token-endpoint'] = `${PREFIX}/${state}/token`;
  return state === 'loaded' || state === 'updating' || state === 'outdated' ? { ...attributes, ...CACHE_KEYS } : attributes;
}

interface Extra {
  label: string;
  state: State;
  attributes: Record<string, string>;
}

interface Kind {
  id: string;
  name: string;
  tag: string;
  attributes?: Record<string, string>;
  /** What a state looks like in this element, where that is not obvious from its name. */
  notes?: Partial<Record<State, string>>;
  /** Further tiles: states of a part of the element. */
  extras?: Extra[];
  /** Not a card: no heading-level. */
  noHeading?: boolean;
}

const KINDS: Kind[] = [
  { id: 'points', name: 'Points card', tag: 'omneo-points-balance', notes: { empty: 'zero points' } },
  {
    id: 'badge',
    name: 'Compact badge',
    tag: 'omneo-points-balance',
    attributes: { variant: 'compact' },
    notes: { empty: 'zero points', updating: 'no room for the note: the cached figure as it is', outdated: 'no room for the note: the cached figure as it is' },
  },
  {
    id: 'tier',
    name: 'Tier progress',
    tag: 'omneo-tier-progress',
    notes: { empty: 'a member without a tier' },
    extras: [
      { label: 'Loaded, with the tier ladder', state: 'loaded', attributes: { 'tiers-endpoint': `${PREFIX}/loaded/tiers` } },
      { label: 'Loaded, the ladder failed', state: 'loaded', attributes: { 'tiers-endpoint': `${PREFIX}/error/tiers` } },
    ],
  },
  { id: 'wallet', name: 'Reward wallet', tag: 'omneo-reward-wallet' },
  { id: 'wishlist', name: 'Wishlist', tag: 'omneo-wishlist' },
  {
    id: 'heart',
    name: 'Wishlist button',
    tag: 'omneo-wishlist-button',
    attributes: { sku: 'LS-SAND-M', 'product-name': 'Linen Relaxed Shirt' },
    noHeading: true,
    notes: {
      loading: 'disabled until the saved state is known',
      guest: 'press it for the guest prompt',
      empty: 'not saved',
      error: 'the “!”: press it to try again',
      updating: 'part “button stale”',
      loaded: 'saved',
    },
    extras: [{ label: 'Loaded, not saved', state: 'loaded', attributes: { sku: 'DR-INK-10', 'product-name': 'Wrap Midi Dress' } }],
  },
  {
    id: 'hub',
    name: 'Hub',
    tag: 'omneo-rewards',
    notes: { guest: 'one prompt instead of four', error: 'each card says what failed; one Retry reloads them all' },
  },
];

function tile(kind: Kind, state: State, label: string, note: string | undefined, extra: Record<string, string> = {}): { figure: HTMLElement; element: HTMLElement } {
  const figure = document.createElement('figure');
  figure.className = 'tile';
  figure.dataset.element = kind.id;
  figure.dataset.state = state;
  const caption = document.createElement('figcaption');
  caption.dir = 'ltr';
  const name = document.createElement('strong');
  name.textContent = label;
  caption.append(name);
  if (note) {
    const detail = document.createElement('span');
    detail.className = 'tile__note';
    detail.textContent = note;
    caption.append(' ', detail);
  }
  const element = document.createElement(kind.tag);
  const attributes = { ...(kind.noHeading ? {} : { 'heading-level': '3' }), ...kind.attributes, ...configFor(state), ...extra };
  for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
  figure.append(caption);
  return { figure, element };
}

/** Resolves with the element's first `omneo-ready`, rejects with its first `omneo-error`. */
function settled(element: HTMLElement): Promise<void> {
  return new Promise((resolve, reject) => {
    element.addEventListener('omneo-ready', () => resolve(), { once: true });
    element.addEventListener('omneo-error', () => reject(new Error(element.localName)), { once: true });
  });
}

/**
 * The points card's expiry notice is a request of its own, after its `omneo-ready`: the stale cards paint only what
 * is cached when they appear, so they wait for it too (briefly: a member with nothing expiring soon has no notice).
 */
function expiryNoticeShown(card: HTMLElement, waitMs = 3000): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    // Its text, not the line: the card's expiring part is always there, empty until the notice has come.
    const look = () => (card.shadowRoot?.querySelector('[part~=expiring]')?.textContent?.trim() || performance.now() - started > waitMs ? resolve() : setTimeout(look, 50));
    look();
  });
}

function buildGallery(root: HTMLElement) {
  const loadedTiles: Promise<void>[] = [];
  /** The stale tiles, shown once the loaded tiles' data is in the cache they paint from. */
  const staleTiles: { figure: HTMLElement; element: HTMLElement; waiting: HTMLElement }[] = [];
  for (const kind of KINDS) {
    const section = document.createElement('section');
    section.className = 'kind';
    section.dataset.element = kind.id;
    section.setAttribute('aria-labelledby', `kind-${kind.id}`);
    const heading = document.createElement('h2');
    heading.id = `kind-${kind.id}`;
    heading.dir = 'ltr';
    const code = document.createElement('code');
    code.textContent = `<${kind.tag}${kind.attributes?.variant ? ` variant="${kind.attributes.variant}"` : ''}>`;
    heading.append(`${kind.name} `, code);
    const tiles = document.createElement('div');
    tiles.className = 'tiles';
    const all = [
      ...STATES.map(({ state, label }) => ({ state, label, note: kind.notes?.[state], attributes: {} })),
      ...(kind.extras ?? []).map(({ state, label, attributes }) => ({ state, label, note: undefined, attributes })),
    ];
    for (const { state, label, note, attributes } of all) {
      const { figure, element } = tile(kind, state, label, note, attributes);
      if (state === 'updating' || state === 'outdated') {
        const waiting = document.createElement('p');
        waiting.className = 'tile__waiting';
        waiting.dir = 'ltr';
        waiting.textContent = 'Waiting for the loaded tiles’ data…';
        figure.append(waiting);
        staleTiles.push({ figure, element, waiting });
      } else {
        if (state === 'loaded' && kind.id !== 'hub' && !Object.keys(attributes).length) {
          loadedTiles.push(kind.id === 'points' ? settled(element).then(() => expiryNoticeShown(element)) : settled(element));
        }
        figure.append(element);
      }
      tiles.append(figure);
    }
    section.append(heading, tiles);
    root.append(section);
  }
  Promise.all(loadedTiles).then(
    () => staleTiles.forEach(({ element, waiting }) => waiting.replaceWith(element)),
    () => staleTiles.forEach(({ waiting }) => (waiting.textContent = 'The loaded tiles could not load, so there is no cached data to show stale.')),
  );
}

/** The demo storefront opens in this page's language and theme. */
function linkDemoHere() {
  const link = document.querySelector<HTMLAnchorElement>('[data-demo-link]');
  if (link) link.search = location.search;
}

const locale = requestedLocale();
applyToConfigBlock(locale);
applyPageDirection(locale);
applyTheme(requestedTheme());
configure({
  // The token of the loading and Updating… tiles: a request the server never answers (it ends when the page goes).
  // Through getToken, which has no timeout of ours: from a token endpoint the widgets would give up after 10 s and
  // two retries and show the error state.
  getToken: async (signal) => {
    const response = await fetch(`${PREFIX}/loading/token`, { method: 'POST', signal });
    return response.ok ? ((await response.json()) as { token: string; exp: number }) : null;
  },
});
setUpSwitches((locale) => {
  configure({ locale });
  applyPageDirection(locale);
}, linkDemoHere);
document.querySelector('[data-reset]')?.addEventListener('click', async () => {
  await fetch(`${PREFIX}/reset`, { method: 'POST' });
  location.reload();
});
buildGallery(document.querySelector<HTMLElement>('[data-gallery]')!);
