/**
 * Seeded random sequences of shopper actions, host-page actions and network faults over one page that holds
 * several hearts for overlapping skus, a wishlist, a wallet and a points badge, against the real mock Omneo (its
 * per-request latency and faults). Each sequence runs a few quick, overlapping actions, lets the page settle and
 * checks what must hold whatever the order: hearts, wishlist and server agree; one click sends at most one write;
 * nothing of another shopper is on screen or in sessionStorage; no uncaught error; no element stuck loading; a
 * failed action said so. A second tab of the shop (a BroadcastChannel of the runtime's name) makes real wishlist
 * writes at Omneo as the same shopper, signs her out, and posts notices (and stray ones) at random points; once the
 * page has settled without faults, what it shows is what Omneo holds. A failure prints the seed, the sequence and its actions: replay it with
 * OMNEO_RACE_SEED=<seed> OMNEO_RACE_SEQUENCES=<n> npx wtr --files test/components/races.test.ts
 * (the defaults keep CI under a minute; raise OMNEO_RACE_SEQUENCES to search longer).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/wishlist-button/define.js';
import '../../src/components/wishlist/define.js';
import '../../src/components/reward-wallet/define.js';
import '../../src/components/points-balance/define.js';
import { configure } from '../../src/core/config.js';
import { pageEnvironment, refresh } from '../../src/core/runtime.js';
import { balancesResource, benefitsResource, listsResource } from '../../src/api/resources.js';
import { endpointTokenSource } from '../../src/api/token-provider.js';
import { PERSONAS } from '../../server/mock-omneo/personas.js';
import { CATALOGUE_SKUS, lookupVariant } from '../../server/mock-omneo/catalogue.js';
import { newScope, type FaultRule, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';
import { seededRandom } from '../helpers/seeded-random.js';

const DEFAULT_SEED = 1;
const DEFAULT_SEQUENCES = 10;
const ACTIONS_PER_SEQUENCE = [6, 12] as const;
/** Noor's wishlist holds LS-SAND-M twice (saved again by another channel): a heart or a row removes both items. */
const SIGNED_IN = ['ava', 'liam', 'grace', 'zoe', 'noor'] as const;
type Persona = (typeof SIGNED_IN)[number];
/** Hearts for overlapping skus: two for one of Ava's items, two for Liam's, one of Ava's once, one nobody has. */
const HEART_SKUS = ['LS-SAND-M', 'LS-SAND-M', 'KN-NAVY-S', 'OX-BLUE-L', 'OX-BLUE-L', 'LS-SAND-L'];
const personaInfo = (key: Persona) => PERSONAS.find((persona) => persona.key === key)!;
/** A wishlist row names its product, not its sku: the catalogue says which sku a title is. */
const SKU_BY_TITLE = new Map([...CATALOGUE_SKUS, ...HEART_SKUS].map((sku) => [lookupVariant(sku).product_variant.title as string, sku]));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sr = (el: Element) => el.shadowRoot!;
const heartButton = (el: Element) => sr(el).querySelector<HTMLButtonElement>('[part~="button"]');
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A mouse click as the browser delivers one (see wishlist-button.test.ts). */
function mouseClick(button: HTMLElement): void {
  button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1, view: window }));
}

type HeartView = 'loaded' | 'guest' | 'error' | 'loading' | 'busy';
function heartView(el: Element): HeartView {
  const button = heartButton(el);
  if (!button) return 'loading';
  if (button.getAttribute('aria-busy') === 'true') return 'busy';
  if ((button.getAttribute('part') ?? '').includes('retry-button')) return 'error';
  if (button.hasAttribute('aria-pressed') && !button.disabled) return 'loaded';
  if (!button.hasAttribute('aria-pressed') && !button.disabled) return 'guest';
  return 'loading';
}

type CardView = 'loaded' | 'guest' | 'error' | 'loading';
function cardView(el: Element): CardView {
  const root = sr(el);
  // A redeem out ("Redeeming…") counts as loading: its outcome is not on screen yet.
  if (root.querySelector('[aria-busy="true"], [part~="confirm-button"][aria-disabled="true"]')) return 'loading';
  if (root.querySelector('[part~="guest"]')) return 'guest';
  if (root.querySelector('[part~="error"]')) return root.querySelector('[part~="retry-button"]') ? 'error' : 'loading';
  return 'loaded';
}

interface ServerView {
  wishlistIds: string[];
  /** The ids the wishlist shows rows for: each sku's first item (a sku Omneo holds twice is one row). */
  wishlistRowIds: string[];
  wishlistSkus: Set<string>;
  benefitIds: Set<string>;
  points: number;
}

describe('races between shopper, host page and network (seeded)', () => {
  it('keeps every element consistent with Omneo over random sequences', async function () {
    const settings = ((await executeServerCommand('race-settings')) ?? {}) as RaceSettings;
    // A fixed seed by default, so that CI runs the same sequences every time; OMNEO_RACE_SEED searches elsewhere.
    // A value that is not a whole number is refused: NaN sequences ran none and passed, a NaN seed replayed nothing.
    const whole = (name: string, value: string | undefined, fallback: number, least: number) => {
      if (!value) return fallback;
      const number = Number(value);
      if (!Number.isSafeInteger(number) || number < least) throw new Error(`${name}=${value}: a whole number of at least ${least}, please`);
      return number;
    };
    const baseSeed = whole('OMNEO_RACE_SEED', settings.seed, DEFAULT_SEED, 0);
    const sequences = whole('OMNEO_RACE_SEQUENCES', settings.sequences, DEFAULT_SEQUENCES, 1);
    this.timeout(Math.max(60_000, sequences * 15_000));
    const found: string[] = [];
    const totals = { actions: 0, writes: 0, faults: 0, switches: 0 };
    console.log(`[races] seed ${baseSeed}, ${sequences} sequences`);
    for (let index = 0; index < sequences; index += 1) {
      const seed = baseSeed + index;
      const problems = await runSequence(seed, totals, settings);
      if (problems.length) found.push(`seed ${seed} (OMNEO_RACE_SEED=${seed} OMNEO_RACE_SEQUENCES=1):\n  ${problems.join('\n  ')}`);
    }
    console.log(`[races] ${sequences} sequences, ${totals.actions} actions, ${totals.writes} writes at Omneo, ${totals.faults} faults, ${totals.switches} sign-in changes; ${found.length} failed`);
    expect(found, found.join('\n\n')).to.deep.equal([]);
  });
});

interface RaceSettings {
  seed?: string;
  sequences?: string;
  /** Also print each failed sequence's requests. */
  verbose?: string;
}

async function runSequence(seed: number, totals: { actions: number; writes: number; faults: number; switches: number }, settings: RaceSettings): Promise<string[]> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const problems: string[] = [];
  const log: string[] = [];

  resetPage();
  const scope: TestScope = await newScope();
  // The shop's other tab, and whether this one is on screen (notices wait for it to be shown).
  const otherTab = new BroadcastChannel('omneo-widgets');
  const notices = { scope: new URL(scope.apiBase, location.href).href };
  const realVisibility = pageEnvironment.visibility;
  let visibility: DocumentVisibilityState = chance(0.3) ? 'hidden' : 'visible';
  pageEnvironment.visibility = () => visibility;
  const session = { who: pick(SIGNED_IN) as Persona, signedIn: true, epoch: 0, switchingUntil: 0 };
  /** The session a press belongs to: none we can name while a sign-in is being taken up. */
  const epochNow = () => (performance.now() < session.switchingUntil ? -1 : session.epoch);
  const hinted = chance(0.5);
  configure({
    apiBase: scope.apiBase,
    locale: 'en-AU',
    getToken: () => endpointTokenSource(new URL(scope.tokenEndpoint(session.who), location.href).href)(),
    ...(hinted ? { customer: personaInfo(session.who).shopifyCustomerId } : {}),
  });

  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(`uncaught: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String(event.reason?.stack ?? event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    // What the diagnostics say about a malformed answer is expected; anything else is not.
    if (!String(args[0]).startsWith('omneo-widgets: Unexpected response from')) uncaught.push(`console.error: ${args.map(String).join(' ')}`);
    consoleError.apply(console, args);
  };

  const page = document.createElement('div');
  document.body.append(page);
  const hearts: HTMLElement[] = HEART_SKUS.map((sku) => {
    const heart = document.createElement('omneo-wishlist-button');
    heart.setAttribute('sku', sku);
    return heart;
  });
  const wishlist = document.createElement('omneo-wishlist');
  const wallet = document.createElement('omneo-reward-wallet');
  const badge = document.createElement('omneo-points-balance');
  badge.setAttribute('variant', 'compact');
  const elements: HTMLElement[] = [badge, ...hearts, wishlist, wallet];
  const slots = new Map<HTMLElement, HTMLElement>();
  for (const el of elements) {
    const slot = document.createElement('div');
    slot.append(el);
    page.append(slot);
    slots.set(el, slot);
  }

  // What each element showed that a shopper would read as a failure, and when (performance.now()).
  const failuresSeen = new Map<HTMLElement, number[]>();
  const observers = elements.map((el) => {
    const observer = new MutationObserver(() => {
      const failure = sr(el).querySelector('.failure, [part~="feedback"][role="alert"], [part~="redeemed"]');
      if (failure && squash(failure.textContent)) {
        const seen = failuresSeen.get(el) ?? [];
        seen.push(performance.now());
        failuresSeen.set(el, seen);
      }
    });
    return observer;
  });
  const settled = () =>
    hearts.every((heart) => !heart.isConnected || ['loaded', 'guest', 'error'].includes(heartView(heart))) &&
    [wishlist, wallet, badge].every((el) => !el.isConnected || cardView(el) !== 'loading');

  try {
    await until(settled, 8000, 'the page to load');
    await until(() => elements.every((el) => el.shadowRoot), 2000, 'shadow roots');
    elements.forEach((el, i) => observers[i]!.observe(sr(el), { subtree: true, childList: true, characterData: true, attributes: true }));
    await scope.clearRequests();

    // Bookkeeping for the invariants.
    const clicks = { add: 0, remove: 0, redeem: 0 };
    const allowance = { add: 0, remove: 0, redeem: 0 };
    const heartClicks: { heart: HTMLElement; sku: string; saved: boolean; at: number; epoch: number }[] = [];
    const rowRemovals: { sku: string; at: number; epoch: number }[] = [];
    const redeems: { id: string; at: number; epoch: number }[] = [];
    const removedAt = new Map<HTMLElement, number>();
    let addToBagEvents = 0;
    let addToBagClicks = 0;
    page.addEventListener('omneo-add-to-cart', () => (addToBagEvents += 1));
    const background: Promise<unknown>[] = [];
    /** Wishlist writes the other tab finished (or gave up on), when: a click before one may be undone by it. */
    const otherTabWrites: { sku: string; at: number }[] = [];
    /** The other tab saves `sku` or removes it at Omneo, as `who`, and tells this one `noticeAfter` ms later. */
    const otherTabToggle = async (who: Persona, sku: string, noticeAfter: number) => {
      try {
        const token = await tokenFor(who);
        const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' };
        const listsAnswer = await fetch(`${scope.apiBase}/profiles/me/lists`, { headers });
        if (!listsAnswer.ok) return;
        const lists = ((await listsAnswer.json()) as { data: { handle: string; id: number; items: { id: number; product_variant: { sku: string } | null }[] }[] }).data;
        const list = lists.filter((each) => each.handle === 'wishlist').sort((a, b) => a.id - b.id)[0];
        if (!list) return;
        const item = list.items.find((each) => each.product_variant?.sku === sku);
        if (item) allowance.remove += 1;
        else allowance.add += 1;
        await fetch(`${scope.apiBase}/profiles/me/lists/${list.id}/items${item ? `/${item.id}` : ''}`, {
          method: item ? 'DELETE' : 'POST',
          headers,
          ...(item ? {} : { body: JSON.stringify({ product_variant_sku: sku, quantity: 1 }) }),
        });
        await sleep(noticeAfter);
        otherTab.postMessage({ ...notices, key: listsResource.key });
      } catch {
        /* the other tab's own trouble */
      } finally {
        otherTabWrites.push({ sku, at: performance.now() });
      }
    };

    const signIn = (who: Persona) => {
      const changed = !session.signedIn || who !== session.who;
      session.who = who;
      session.signedIn = true;
      signedInAs.add(who);
      if (changed) {
        session.epoch += 1;
        totals.switches += 1;
        // Until the page has the new shopper's token it still shows the last one's data, and a press on it is
        // theirs: refused unsent as a profile change, and rightly not reported to the new shopper.
        session.switchingUntil = performance.now() + 3000;
      }
      if (hinted) configure({ customer: personaInfo(who).shopifyCustomerId });
      else void refresh();
    };

    const actions: Record<string, () => Promise<void> | void> = {
      heart() {
        const heart = pick(hearts);
        if (!heart.isConnected) return;
        const view = heartView(heart);
        const button = heartButton(heart);
        if (!button) return;
        const saved = button.getAttribute('aria-pressed') === 'true';
        log.push(`heart ${hearts.indexOf(heart)} (${heart.getAttribute('sku')}, ${view}${view === 'loaded' ? `, ${saved ? 'saved' : 'not saved'}` : ''})`);
        if (view === 'loaded') {
          clicks[saved ? 'remove' : 'add'] += 1;
          heartClicks.push({ heart, sku: heart.getAttribute('sku')!, saved: !saved, at: performance.now(), epoch: epochNow() });
        }
        mouseClick(button);
      },
      async removeRow() {
        if (!wishlist.isConnected) return;
        const rows = [...sr(wishlist).querySelectorAll<HTMLElement>('li.item[data-key]')];
        if (!rows.length) return;
        const row = pick(rows);
        const button = row.querySelector<HTMLElement>('[part~="remove-button"]');
        if (!button) return;
        const key = row.dataset.key!;
        log.push(`remove row ${key}`);
        clicks.remove += 1;
        const title = squash(row.querySelector('[part~="title"]')?.textContent);
        const sku = knownSkus.get(key) ?? (key.startsWith('pending:') ? key.slice('pending:'.length) : SKU_BY_TITLE.get(title) ?? title);
        const at = performance.now();
        mouseClick(button);
        await (wishlist as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        // Taken (the row leaves at once), not held back as a double-click's second press or a row already on its way.
        if (!sr(wishlist).querySelector(`li.item[data-key="${CSS.escape(key)}"]`)) rowRemovals.push({ sku, at, epoch: epochNow() });
      },
      addToBag() {
        if (!wishlist.isConnected) return;
        const button = pick([...sr(wishlist).querySelectorAll<HTMLElement>('[part~="add-button"]')].concat([]));
        if (!button) return;
        log.push('add to bag');
        addToBagClicks += 1;
        mouseClick(button);
      },
      redeem() {
        if (!wallet.isConnected) return;
        const buttons = [...sr(wallet).querySelectorAll<HTMLElement>('[part~="redeem-button"]')];
        if (!buttons.length) return;
        const button = pick(buttons);
        const id = button.closest<HTMLElement>('li[data-benefit]')?.dataset.benefit ?? '?';
        const confirm = chance(0.75);
        log.push(`redeem ${id} (${confirm ? 'confirm' : 'cancel'})`);
        mouseClick(button);
        background.push(
          sleep(560 + random() * 100).then(() => {
            const item = sr(wallet).querySelector<HTMLElement>(`li[data-benefit="${id}"]`);
            const next = item?.querySelector<HTMLElement>(`[part~="${confirm ? 'confirm-button' : 'cancel-button'}"]`);
            if (!next || !wallet.isConnected) return;
            if (confirm) {
              clicks.redeem += 1;
              redeems.push({ id, at: performance.now(), epoch: epochNow() });
            }
            mouseClick(next);
          }),
        );
      },
      refresh() {
        if (chance(0.5)) {
          log.push('refresh()');
          void refresh();
        } else {
          log.push('omneo-refresh');
          document.dispatchEvent(new Event('omneo-refresh'));
        }
      },
      logout() {
        log.push('omneo-logout');
        if (session.signedIn) {
          session.signedIn = false;
          session.epoch += 1;
          totals.switches += 1;
        }
        if (hinted && chance(0.5)) configure({ customer: '' });
        document.dispatchEvent(new Event('omneo-logout'));
      },
      signIn() {
        const who = chance(0.5) ? session.who : pick(SIGNED_IN);
        log.push(`sign in as ${who}${hinted ? ' (customer hint)' : ' (refresh)'}`);
        signIn(who);
      },
      removeElement() {
        const el = pick(elements);
        if (!el.isConnected) return;
        const back = Math.floor(random() * 400);
        log.push(`remove ${el.localName}${el.getAttribute('sku') ? ` ${el.getAttribute('sku')}` : ''} for ${back} ms`);
        el.remove();
        removedAt.set(el, performance.now());
        background.push(sleep(back).then(() => slots.get(el)!.append(el)));
      },
      otherTabWrite() {
        if (!session.signedIn) return;
        const sku = pick(HEART_SKUS);
        const who = session.who;
        const noticeAfter = Math.floor(random() * 300);
        log.push(`other tab: ${sku} toggled at Omneo as ${who}, notice after ${noticeAfter} ms`);
        background.push(otherTabToggle(who, sku, noticeAfter));
      },
      otherTabNotice() {
        const notice = pick<unknown>([
          { ...notices, key: listsResource.key },
          { ...notices, key: benefitsResource.key },
          { ...notices, key: balancesResource.key },
          { ...notices, key: 'no-such-resource' },
          { scope: 'https://api.another.getomneo.com/id/api/v1/', logout: true },
          { ...notices },
          null,
        ]);
        log.push(`other tab posts ${JSON.stringify(notice)}`);
        otherTab.postMessage(notice);
      },
      otherTabLogout() {
        log.push('other tab: signed out');
        if (session.signedIn) {
          session.signedIn = false;
          session.epoch += 1;
          totals.switches += 1;
        }
        otherTab.postMessage({ ...notices, logout: true });
      },
      shownOrHidden() {
        visibility = visibility === 'visible' ? 'hidden' : 'visible';
        log.push(`this tab ${visibility}`);
        document.dispatchEvent(new Event('visibilitychange'));
      },
      async latency() {
        const rule: FaultRule = { path: pick(['/profiles/me/lists', '/items', '/benefits', '/balances', '/auth/token', '']), latencyMs: 50 + Math.floor(random() * 600), times: 1 + Math.floor(random() * 4) };
        log.push(`latency ${rule.latencyMs} ms on the next ${rule.times} ${rule.path || '*'}`);
        await scope.addFaults(rule);
      },
      async fault() {
        const path = pick(['/profiles/me/lists', '/items', '/benefits', '/balances', '/redeem', '/auth/token', '']);
        let method = pick(['GET', 'POST', 'DELETE', undefined]);
        const kind = pick(['500', 'lost', '401', 'malformed', 'slow'] as const);
        // The mock's malformed answer skips the handler: to a write it would be a 200 for a write never made,
        // which Omneo does not send (a write that may not have been made is 'lost', a 5xx after processing).
        if (kind === 'malformed') method = 'GET';
        const rule: FaultRule = { path, ...(method ? { method } : {}) };
        if (kind === '500') rule.status = 500;
        if (kind === 'lost') Object.assign(rule, { status: 504, afterProcessing: true });
        if (kind === '401') rule.expireToken = true;
        if (kind === 'malformed') rule.malformed = true;
        if (kind === 'slow') rule.latencyMs = 200 + Math.floor(random() * 900);
        else if (chance(0.5)) rule.latencyMs = Math.floor(random() * 300);
        // A refused token is re-minted and the write sent once more: not a second write for one click.
        if (kind === '401' && path !== '/auth/token') {
          if (method !== 'DELETE' && method !== 'GET') (allowance.add += 1), (allowance.redeem += 1);
          if (method !== 'POST' && method !== 'GET') allowance.remove += 1;
        }
        log.push(`fault ${kind} on ${method ?? 'any'} ${path || '*'}${rule.latencyMs ? ` after ${rule.latencyMs} ms` : ''}`);
        totals.faults += 1;
        await scope.addFaults(rule);
      },
    };
    const weights: [keyof typeof actions, number][] = [
      ['heart', 30],
      ['removeRow', 8],
      ['addToBag', 4],
      ['redeem', 8],
      ['refresh', 7],
      ['logout', 5],
      ['signIn', 8],
      ['removeElement', 7],
      ['fault', 12],
      ['latency', 6],
      ['otherTabWrite', 10],
      ['otherTabNotice', 4],
      ['otherTabLogout', 2],
      ['shownOrHidden', 4],
    ];
    const totalWeight = weights.reduce((sum, [, weight]) => sum + weight, 0);

    // Item ids of the personas' wishlists, to name the sku of a removed row.
    const knownSkus = new Map<string, string>();
    const tokenFor = async (who: Persona): Promise<string> => {
      // The proxy shares one mint per customer: a page's mint still out under a fault answers ours too, so ask again.
      let token: string | undefined;
      for (let attempt = 0; !token; attempt += 1) {
        const tokenResponse = await fetch(scope.tokenEndpoint(who), { method: 'POST', headers: { accept: 'application/json' } });
        const tokenBody = await tokenResponse.text();
        token = tokenResponse.ok ? (JSON.parse(tokenBody) as { token?: string }).token : undefined;
        if (!token && attempt >= 5) throw new Error(`server view: the token endpoint answered ${tokenResponse.status} ${tokenBody}`);
        if (!token) await sleep(300);
      }
      return token;
    };
    const serverView = async (who: Persona): Promise<ServerView> => {
      const token = await tokenFor(who);
      const get = async (path: string) => {
        const response = await fetch(`${scope.apiBase}/profiles/me/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
        if (!response.ok) throw new Error(`server view ${path}: ${response.status}`);
        return ((await response.json()) as { data: unknown }).data;
      };
      const lists = (await get('lists')) as { handle: string; id: number; items: { id: number; product_variant: { sku: string } | null }[] }[];
      const list = lists.filter((each) => each.handle === 'wishlist').sort((a, b) => a.id - b.id)[0];
      const items = list?.items ?? [];
      for (const item of items) if (item.product_variant) knownSkus.set(String(item.id), item.product_variant.sku);
      const benefits = (await get('benefits?page[size]=100')) as { id: number }[];
      const balances = (await get('balances')) as { point_balance: number | string };
      const rowSkus = new Set<string>();
      return {
        wishlistIds: items.map((item) => String(item.id)),
        wishlistRowIds: items.filter((item) => !rowSkus.has(item.product_variant?.sku ?? '') && rowSkus.add(item.product_variant?.sku ?? '')).map((item) => String(item.id)),
        wishlistSkus: new Set(items.map((item) => item.product_variant?.sku ?? '')),
        benefitIds: new Set(benefits.map((benefit) => String(benefit.id))),
        points: Number(balances.point_balance),
      };
    };
    // A removal sends one DELETE per item of its sku: each item a shopper has twice (only ever as seeded: the mock
    // answers an add of a sku already there with that item) allows one more DELETE, once, if she signs in.
    const extraItems = new Map<Persona, number>();
    for (const who of SIGNED_IN) {
      const view = await serverView(who);
      extraItems.set(who, view.wishlistIds.length - view.wishlistSkus.size);
    }
    const signedInAs = new Set<Persona>([session.who]);
    await scope.clearRequests();

    const count = ACTIONS_PER_SEQUENCE[0] + Math.floor(random() * (ACTIONS_PER_SEQUENCE[1] - ACTIONS_PER_SEQUENCE[0] + 1));
    log.push(`start as ${session.who}${hinted ? ' (customer hint)' : ''}`);
    for (let step = 0; step < count; step += 1) {
      let roll = random() * totalWeight;
      const [name] = weights.find(([, weight]) => (roll -= weight) < 0) ?? weights[0]!;
      await actions[name]!();
      totals.actions += 1;
      await sleep(Math.floor(random() * 250));
    }
    await Promise.all(background);
    if (visibility === 'hidden') {
      log.push('this tab shown');
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    }

    // ── settled, faults still possibly pending: valid states only ─────────────────────────────
    try {
      await until(settled, 12000, 'the page to settle');
    } catch {
      problems.push(`stuck: ${describe()}`);
    }
    const settledAt = performance.now();
    // Settled, whatever failed: the hearts for one sku, and the wishlist, tell the same story.
    const rowSkus = () =>
      new Set(
        [...sr(wishlist).querySelectorAll<HTMLElement>('li.item[data-key]')].map((row) => {
          const key = row.dataset.key!;
          return key.startsWith('pending:') ? key.slice('pending:'.length) : SKU_BY_TITLE.get(squash(row.querySelector('[part~="title"]')?.textContent)) ?? key;
        }),
      );
    const shownRows = wishlist.isConnected && cardView(wishlist) === 'loaded' ? rowSkus() : null;
    for (const sku of new Set(HEART_SKUS)) {
      const states = new Set(hearts.filter((heart) => heart.isConnected && heart.getAttribute('sku') === sku && heartView(heart) === 'loaded').map((heart) => heartButton(heart)!.getAttribute('aria-pressed')));
      if (states.size > 1) problems.push(`hearts for ${sku} disagree once settled`);
      if (states.size === 1 && shownRows && states.has('true') !== shownRows.has(sku)) problems.push(`hearts for ${sku} say ${[...states][0]}, the wishlist ${shownRows.has(sku) ? 'lists it' : 'does not'}`);
    }

    // ── what the writes did at Omneo ──────────────────────────────────────────────────────────
    await scope.clearFaults();
    const requests = await scope.requests();
    const writes = {
      add: requests.filter((r) => r.method === 'POST' && /^\/profiles\/me\/lists\/[^/]+\/items$/.test(r.path)).length,
      remove: requests.filter((r) => r.method === 'DELETE' && /^\/profiles\/me\/lists\/[^/]+\/items\/[^/]+$/.test(r.path)).length,
      redeem: requests.filter((r) => r.method === 'POST' && /^\/profiles\/me\/benefits\/[^/]+\/redeem$/.test(r.path)).length,
    };
    totals.writes += writes.add + writes.remove + writes.redeem;
    for (const who of signedInAs) allowance.remove += extraItems.get(who) ?? 0;
    for (const kind of ['add', 'remove', 'redeem'] as const) {
      if (writes[kind] > clicks[kind] + allowance[kind]) {
        problems.push(`${writes[kind]} ${kind} requests for ${clicks[kind]} ${kind} clicks (+${allowance[kind]} re-sent after a 401)`);
      }
    }
    if (addToBagEvents > addToBagClicks) problems.push(`${addToBagEvents} omneo-add-to-cart for ${addToBagClicks} presses`);

    // ── a failed action said so ───────────────────────────────────────────────────────────────
    if (session.signedIn) {
      const server = await serverView(session.who);
      for (const click of heartClicks) {
        if (click.epoch !== session.epoch) continue; // another session since: not this shopper's action any more
        const removed = removedAt.get(click.heart);
        if (removed !== undefined && removed > click.at) continue;
        const later = [...heartClicks, ...rowRemovals, ...otherTabWrites].filter((other) => other.sku === click.sku && other.at > click.at);
        if (later.length) continue;
        const done = server.wishlistSkus.has(click.sku) === click.saved;
        const said = (failuresSeen.get(click.heart) ?? []).some((at) => at > click.at && at <= settledAt + 1);
        if (!done && !said) {
          problems.push(
            `a heart click (${click.sku}, to ${click.saved ? 'save' : 'remove'}) neither happened at Omneo nor said it failed ` +
              `(heart ${hearts.indexOf(click.heart)} now ${heartView(click.heart)} pressed=${heartButton(click.heart)?.getAttribute('aria-pressed')}, message "${squash(sr(click.heart).querySelector('[part~="message"]')?.textContent)}")`,
          );
        }
      }
      for (const removal of rowRemovals) {
        if (removal.epoch !== session.epoch) continue;
        const removed = removedAt.get(wishlist);
        if (removed !== undefined && removed > removal.at) continue;
        const later = [...heartClicks, ...rowRemovals, ...otherTabWrites].filter((other) => other.sku === removal.sku && other.at > removal.at);
        if (later.length) continue;
        // A removal shows nothing while its DELETE is out (the row leaves at once), so the page can look settled
        // before Omneo has carried it out (a heart of that sku would be busy, but there may be none): wait for its outcome.
        const done = (view: ServerView) => !view.wishlistSkus.has(removal.sku) || (failuresSeen.get(wishlist) ?? []).some((at) => at > removal.at);
        if (!done(server) && !(await until(async () => done(await serverView(session.who)), 8000).catch(() => false))) {
          problems.push(`a wishlist row removal (${removal.sku}) neither happened at Omneo nor said it failed`);
        }
      }
      for (const redeem of redeems) {
        if (redeem.epoch !== session.epoch) continue;
        const removed = removedAt.get(wallet);
        if (removed !== undefined && removed > redeem.at) continue;
        // By the time the page settled: a redeem out is "Redeeming…" (loading) until its outcome is on screen.
        const said = (failuresSeen.get(wallet) ?? []).some((at) => at > redeem.at && at <= settledAt + 1);
        if (!said) problems.push(`a confirmed redeem of ${redeem.id} showed neither its confirmation nor a failure by the time the page settled`);
      }
    }

    // ── the other tab's last write reaches this one: its hearts show what Omneo holds, unreloaded ────────
    if (session.signedIn) {
      const sku = pick(HEART_SKUS);
      log.push(`(check) other tab toggles ${sku}`);
      await otherTabToggle(session.who, sku, 0);
      const server = await serverView(session.who);
      const disagreeing = () =>
        hearts
          .map((heart) => ({ heart, view: heartView(heart), pressed: heartButton(heart)?.getAttribute('aria-pressed'), expected: String(server.wishlistSkus.has(heart.getAttribute('sku')!)) }))
          .filter(({ view, pressed, expected }) => view !== 'loaded' || pressed !== expected);
      await until(() => disagreeing().length === 0, 5000).catch(() => undefined);
      for (const { heart, view, pressed, expected } of disagreeing()) {
        problems.push(`after the other tab's write, heart ${hearts.indexOf(heart)} (${heart.getAttribute('sku')}) ${view} pressed=${pressed}, Omneo says ${expected}`);
      }
    }

    // ── recovered: everything on screen is the signed-in shopper's, and Omneo's ───────────────
    if (!session.signedIn || chance(0.3)) {
      const who = pick(SIGNED_IN);
      log.push(`(check) sign in as ${who}`);
      signIn(who);
    }
    await refresh();
    try {
      await until(
        () =>
          settled() &&
          hearts.every((heart) => heartView(heart) === 'loaded') &&
          [wishlist, wallet, badge].every((el) => cardView(el) === 'loaded'),
        12000,
        'every element loaded after a refresh with no faults',
      );
    } catch {
      problems.push(`not loaded after a clean refresh: ${describe()}`);
    }
    const server = await serverView(session.who);
    for (const heart of hearts) {
      const pressed = heartButton(heart)?.getAttribute('aria-pressed');
      const expected = String(server.wishlistSkus.has(heart.getAttribute('sku')!));
      if (pressed !== expected) problems.push(`heart ${hearts.indexOf(heart)} (${heart.getAttribute('sku')}) pressed=${pressed}, Omneo says ${expected}`);
    }
    const rowIds = [...sr(wishlist).querySelectorAll<HTMLElement>('li.item[data-key]')].map((row) => row.dataset.key!);
    if (rowIds.join() !== server.wishlistRowIds.join()) problems.push(`wishlist rows [${rowIds}] but Omneo's items [${server.wishlistIds}] are rows [${server.wishlistRowIds}]`);
    const benefitIds = [...sr(wallet).querySelectorAll<HTMLElement>('li[data-benefit]')].map((row) => row.dataset.benefit!);
    const foreign = benefitIds.filter((id) => !server.benefitIds.has(id));
    if (foreign.length) problems.push(`wallet shows benefits [${foreign}] that ${session.who} does not have`);
    const badgeText = squash(sr(badge).textContent);
    const points = new Intl.NumberFormat('en-AU').format(server.points);
    if (!badgeText.includes(points)) problems.push(`badge says "${badgeText}", ${session.who} has ${points} points`);
    const others = PERSONAS.filter((persona) => persona.key !== session.who);
    for (let i = 0; i < sessionStorage.length; i += 1) {
      const key = sessionStorage.key(i)!;
      const entry = `${key} ${sessionStorage.getItem(key)}`;
      const leaked = others.filter((persona) => entry.includes(persona.profileId) || entry.includes(persona.shopifyCustomerId));
      if (leaked.length) problems.push(`sessionStorage ${key} holds ${leaked.map((p) => p.key)}'s data while ${session.who} is signed in`);
    }
    problems.push(...uncaught);
  } catch (error) {
    problems.push(`the check itself failed: ${String(error)}`);
  } finally {
    observers.forEach((observer) => observer.disconnect());
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    console.error = consoleError;
    otherTab.close();
    pageEnvironment.visibility = realVisibility;
    await scope.clearFaults().catch(() => undefined);
    page.remove();
  }
  if (problems.length) {
    problems.push(`actions: ${log.join('; ')}`);
    if (settings.verbose) problems.push(`requests: ${(await scope.requests()).map((r) => `${r.method} ${r.path}`).join(', ')}`);
  }
  return problems;

  function describe(): string {
    return elements
      .map((el) => `${el.localName}${el.getAttribute('sku') ? `[${el.getAttribute('sku')}]` : ''}=${!el.isConnected ? 'detached' : el.localName === 'omneo-wishlist-button' ? heartView(el) : cardView(el)}`)
      .join(', ');
  }
}
