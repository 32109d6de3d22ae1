/**
 * Demo-page controls: the persona switcher (sign in via /demo/login, out via /demo/logout), the language
 * and theme switches, the "simulate" switches that add fault rules to the demo's mock Omneo, and the bits
 * of storefront the widgets talk to (product cards with wishlist hearts, the bag counter fed by
 * `omneo-add-to-cart`). Not part of the widgets.
 */
import { configure, type OmneoEventDetails } from '../src/index.js';
import { applyPageLocale, DEMO_LOCALES, type DemoLocale } from './boot.js';
import { setUpSwitches } from './switches.js';
import { formatCount, t } from './copy.js';
import { PRODUCTS, productName, productVariant, renderProducts } from './products.js';

interface PersonaSummary {
  key: string;
  label: string;
  covers: string;
}

const PERSONA_COOKIE = 'omneo_demo_persona';

function currentPersona(): string {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${PERSONA_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(PERSONA_COOKIE.length + 1)) : '';
}

/** Asks the widgets for fresh data (design.md: `omneo-refresh` on document). */
function refreshWidgets() {
  document.dispatchEvent(new CustomEvent('omneo-refresh'));
}

async function setUpPersonaSwitcher() {
  const select = document.querySelector<HTMLSelectElement>('[data-persona-select]');
  const status = document.querySelector<HTMLElement>('[data-persona-status]');
  if (!select) return;
  const signedIn = currentPersona();
  try {
    const response = await fetch('/demo/personas', { headers: { Accept: 'application/json' } });
    const personas = (await response.json()) as PersonaSummary[];
    for (const persona of personas) {
      const option = document.createElement('option');
      option.value = persona.key;
      option.textContent = persona.label;
      option.title = persona.covers;
      select.append(option);
    }
    const active = personas.find((p) => p.key === signedIn);
    select.value = active ? active.key : '';
    const description = active ? active.covers : 'Signed out: widgets show their guest state.';
    if (status) status.textContent = description;
    // Phones hide the status line (see demo.css); the description stays one tap away.
    select.title = description;
  } catch {
    if (status) status.textContent = 'Could not load personas.';
  }
  // Full navigation, as a storefront sign-in would do; the server redirects back here.
  const form = select.form;
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.assign(select.value ? `/demo/login?persona=${encodeURIComponent(select.value)}` : '/demo/logout');
  });
  // A choice made with the pointer switches at once. One made with the keys does not: the arrow keys change a closed
  // list's value, and switching (a page load, focus lost) on each would make every persona but the next one
  // unreachable from the keyboard. There Enter, or the Switch button, commits it.
  let byKey = false;
  select.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') form?.requestSubmit();
    else if (event.key !== 'Tab') byKey = true;
  });
  select.addEventListener('pointerdown', () => {
    byKey = false;
  });
  select.addEventListener('change', () => {
    if (!byKey) form?.requestSubmit();
  });
}

const FAULTS: Record<string, unknown[]> = {
  slow: [{ path: '^/profiles/me', latencyMs: 2500, times: 20 }],
  errors: [{ path: '^/profiles/me', status: 500, times: null }],
  expired: [{ path: '^/profiles/me', expireToken: true, times: 1 }],
};

/** Which Simulate switch a rule the demo mock holds belongs to (see FAULTS). */
function faultKind(rule: { latencyMs?: number; status?: number; expireToken?: boolean }): string | undefined {
  if (rule.expireToken) return 'expired';
  if (rule.status === 500) return 'errors';
  if (rule.latencyMs) return 'slow';
  return undefined;
}

function setUpFaults() {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-fault]')];
  // One change at a time, in the order clicked: two switches clicked in quick succession would otherwise interleave
  // their clear-then-add requests and leave both rules on the mock, and both buttons pressed.
  let changes = Promise.resolve();
  const inTurn = (change: () => Promise<void>) => {
    // A failed change is reported and does not stop the ones after it.
    changes = changes.then(change).catch((error: unknown) => console.error('[demo] Simulate / Reset data failed:', error));
  };
  // The switches show what the demo mock holds, not what was last clicked: a page loaded while API errors are on shows
  // that switch pressed, and one whose rules get used up (Expired token's one request, Slow API's twenty) comes up
  // again when they are; the mock is asked again each second only while such a rule is left.
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const showActive = async () => {
    clearTimeout(recheck);
    const response = await fetch('/demo/faults');
    if (!response.ok) return;
    const rules = (await response.json()) as (Parameters<typeof faultKind>[0] & { times: number | null })[];
    const active = new Set(rules.map(faultKind));
    for (const button of buttons) button.setAttribute('aria-pressed', String(active.has(button.dataset.fault)));
    // Infinity, as JSON, is null: a rule that never runs out needs no second look.
    if (rules.some((rule) => faultKind(rule) && rule.times !== null)) recheck = setTimeout(() => inTurn(showActive), 1000);
  };
  for (const button of buttons) {
    button.addEventListener('click', () =>
      inTurn(async () => {
        const kind = button.dataset.fault ?? '';
        await fetch('/demo/faults', { method: 'DELETE' });
        const rules = FAULTS[kind];
        if (rules) await fetch('/demo/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) });
        await showActive();
        refreshWidgets();
      }),
    );
  }
  document.querySelector<HTMLButtonElement>('[data-reset]')?.addEventListener('click', () =>
    inTurn(async () => {
      await fetch('/demo/reset', { method: 'POST' });
      await showActive();
      refreshWidgets();
    }),
  );
  inTurn(showActive);
}

/** The page's language as last applied (boot.ts from ?locale=, then the Language switch). */
function currentLocale(): DemoLocale {
  const lang = document.documentElement.lang;
  return lang in DEMO_LOCALES ? (lang as DemoLocale) : 'en-AU';
}

/** The states gallery opens in this page's language and theme. */
function linkGalleryHere() {
  const link = document.querySelector<HTMLAnchorElement>('[data-gallery-link]');
  if (link) link.search = location.search;
}

/** The bag: what a storefront does with `omneo-add-to-cart` (here, count; a real one calls its cart API). */
function setUpBag() {
  const bag = document.querySelector<HTMLElement>('[data-bag]');
  const status = document.querySelector<HTMLElement>('[data-bag-status]');
  let items = 0;
  document.addEventListener('omneo-add-to-cart', (event) => {
    const { sku, quantity } = (event as CustomEvent<OmneoEventDetails['omneo-add-to-cart']>).detail;
    const locale = currentLocale();
    items += quantity;
    const count = formatCount(items, locale);
    if (bag) {
      bag.dataset.count = String(items);
      bag.textContent = t(locale, 'bag', { count });
    }
    // The wishlist's items may be products this page does not list: those are named by SKU.
    const product = PRODUCTS.find((candidate) => candidate.sku === sku);
    const name = product ? `${productName(product, locale)}, ${productVariant(product, locale)}` : sku;
    if (status) status.textContent = t(locale, 'bag.added', { name, count });
  });
}

void setUpPersonaSwitcher();
setUpFaults();
setUpSwitches((locale) => {
  // configure() at runtime: every element re-resolves and re-renders in the new language, no reload.
  configure({ locale });
  applyPageLocale(locale);
  renderProducts(locale);
}, linkGalleryHere);
setUpBag();
