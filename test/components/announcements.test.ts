/**
 * What a screen reader hears over a session: every change of a live region's text (role="status", role="alert",
 * aria-live), across the page's elements and their shadow roots, for one event at a time.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/rewards/define.js';
import { refresh } from '../../src/core/runtime.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function* deep(root: ParentNode): Generator<Element> {
  for (const node of root.querySelectorAll('*')) {
    yield node;
    if (node.shadowRoot) yield* deep(node.shadowRoot);
  }
}

/** A live region: its own role or aria-live, unless aria-live="off" silences it. */
const isLive = (el: Element) =>
  el.getAttribute('aria-live') !== 'off' && (['status', 'alert', 'log'].includes(el.getAttribute('role') ?? '') || el.hasAttribute('aria-live'));

/** The text a screen reader reads from a region (aria-hidden content left out). */
function spoken(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
  return [...(node.shadowRoot ?? node).childNodes].map(spoken).join('');
}

/**
 * Records what the page's live regions say from now on: a region whose text changes to something is heard, as
 * `<host element>: text`. A region that appears with its text already in it is not (screen readers mostly stay quiet).
 */
function listenToLiveRegions(host: Element) {
  const root = host.shadowRoot!;
  const last = new Map<Element, string>();
  const heard: string[] = [];
  const observed = new WeakSet<Node>([root]);
  const scan = () => {
    for (const el of deep(root)) {
      if (el.shadowRoot && !observed.has(el.shadowRoot)) {
        observed.add(el.shadowRoot);
        observer.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
      }
      const text = squash(spoken(el));
      const before = last.get(el);
      last.set(el, text);
      if (before !== undefined && before !== text && text && isLive(el)) heard.push(`${(el.getRootNode() as ShadowRoot).host.localName}: ${text}`);
    }
  };
  const observer = new MutationObserver(scan);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  scan();
  return { heard, stop: () => observer.disconnect() };
}

describe('announcements', () => {
  let scope: TestScope;
  beforeEach(async () => {
    resetPage();
    scope = await newScope();
  });

  it('a refresh that fails behind the hub\'s data says "May be out of date" once, not once per card; a Retry pressed says its outcome', async () => {
    const hub = await fixture(html`<omneo-rewards
      token-endpoint=${scope.tokenEndpoint('ava')}
      api-base=${scope.apiBase}
      tiers-endpoint=${`/__scopes/${scope.scope}/as/guest/omneo/tiers`}
      locale="en-AU"
    ></omneo-rewards>`);
    const notes = () => [...deep(hub.shadowRoot!)].filter((el) => el.getAttribute('part') === 'stale');
    const cards = () => [...deep(hub.shadowRoot!)].filter((el) => el.localName.startsWith('omneo-'));
    await until(() => cards().length === 4 && cards().every((card) => card.shadowRoot?.querySelector('[part~="heading"]') && !card.shadowRoot.querySelector('[aria-busy="true"]')), 8000, 'the four cards');
    const log = listenToLiveRegions(hub);

    await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
    await refresh();
    await until(() => notes().length === 4 && notes().every((note) => squash(note.textContent) === 'May be out of date'), 8000, 'four out-of-date notes');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.heard.filter((said) => said.endsWith('May be out of date')), 'one failed refresh').to.have.length(1);

    // The shopper presses the wallet's Retry (another card's note spoke for the page): what becomes of it is heard.
    log.heard.length = 0;
    const wallet = cards().find((card) => card.localName === 'omneo-reward-wallet')!;
    wallet.shadowRoot!.querySelector<HTMLElement>('[part~="stale"] ~ [part~="retry-button"], .stale-note [part~="retry-button"]')!.click();
    await until(() => log.heard.includes('omneo-reward-wallet: May be out of date'), 8000, 'the wallet saying its Retry failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.heard).to.deep.equal(['omneo-reward-wallet: Updating…', 'omneo-reward-wallet: May be out of date']);

    // Fresh data takes every note away; the next failure is heard again, once.
    await scope.clearFaults();
    await refresh();
    await until(() => notes().length === 0, 8000, 'fresh data');
    log.heard.length = 0;
    await scope.addFaults({ path: '/profiles/me/', status: 500, times: null });
    await refresh();
    await until(() => notes().length === 4 && notes().every((note) => squash(note.textContent) === 'May be out of date'), 8000, 'four out-of-date notes again');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.heard.filter((said) => said.endsWith('May be out of date')), 'the next failed refresh').to.have.length(1);
    log.stop();
  });
});
