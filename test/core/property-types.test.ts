import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/reward-wallet/define.js';
import '../../src/components/rewards/define.js';
import '../../src/components/wishlist-button/define.js';
import '../../src/components/wishlist/define.js';
import { CONFIG_ATTRIBUTES, configure, pageConfigSnapshot, type AttributeConfigKey } from '../../src/core/config.js';
import { property } from 'lit/decorators.js';
import type { OmneoElement } from '../../src/core/omneo-element.js';
import { OmneoPointsBalance } from '../../src/components/points-balance/points-balance.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

// React 19 and Vue set a custom element's properties with whatever value the app has: a numeric SKU or customer id
// parsed from JSON, a boolean, null, undefined, an object, a list, NaN. Whatever it is, nothing may throw in render or
// update; a number that stands for text is read as its digits; null, undefined and "" are "not set" (the default),
// nothing said; anything else is the default, with at most one console line, naming the attribute.
// Its own test file, so its own page: what is said once per page has not been said by other tests.

type Kind = 'number' | 'true' | 'false' | 'null' | 'undefined' | 'empty' | 'object' | 'array' | 'NaN';
// Not set first: a line is said once a page, and a mistake's line said earlier would hide one said for "not set".
const KINDS: Kind[] = ['null', 'undefined', 'empty', 'number', 'true', 'false', 'object', 'array', 'NaN'];
const NOT_SET: Kind[] = ['null', 'undefined', 'empty'];
/** Each kind's value; a list holds a value that would be right on its own (`[4]` for a heading level), to catch coercion. */
function valueOf(kind: Kind, number: number, listed: unknown): unknown {
  return { number, true: true, false: false, null: null, undefined: undefined, empty: '', object: { id: 7 }, array: [listed], NaN: NaN }[kind];
}

interface Case {
  tag: string;
  property: string;
  attribute: string;
  number: number;
  listed: unknown;
  persona?: string;
  attributes?: Record<string, string>;
  /** The element is drawn (with data, or its disabled heart): what to wait for. */
  drawn: (el: HTMLElement) => unknown;
  /** What it shows for the kind; throws (expect) when wrong. */
  check: (el: HTMLElement, kind: Kind) => void;
  /** A console line the element says for a not-set value anyway (the heart's required sku). */
  allowedWhenNotSet?: string;
  /** A number is no value of this property (a variant, a filter): said like any other mistake. */
  numberIsMistake?: boolean;
  /** A sibling without the property, and what says the page's data has come for it (a heart without a sku is drawn disabled, as one still loading is). */
  control?: { attributes: Record<string, string>; loaded: (control: HTMLElement) => unknown };
}

const part = (el: Element, name: string) => el.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;
const heart = (el: Element) => part(el, 'button') as HTMLButtonElement | null;
const ariaLevel = (el: Element) => Number(el.shadowRoot!.querySelector('[part~="heading"] [role="heading"]')!.getAttribute('aria-level'));
/** The product name as the heart's names carry it: bidi-isolated. */
const iso = (name: string) => `\u2068${name}\u2069`;

const CASES: Case[] = [
  {
    tag: 'omneo-points-balance',
    property: 'variant',
    attribute: 'variant',
    number: 1,
    listed: 'compact',
    numberIsMistake: true,
    drawn: (el) => part(el, 'points'),
    check: (el) => {
      expect(part(el, 'card'), 'the card').to.exist;
      expect(part(el, 'badge'), 'no badge').to.equal(null);
      // Reflected for the stylesheet's `:host([variant='compact'])`: `['compact']` must not reflect as "compact".
      expect(el.getAttribute('variant'), 'the reflected attribute').not.to.equal('compact');
    },
  },
  {
    tag: 'omneo-points-balance',
    property: 'headingLevel',
    attribute: 'heading-level',
    number: 3,
    listed: 4,
    drawn: (el) => part(el, 'points'),
    check: (el, kind) => expect(ariaLevel(el)).to.equal(kind === 'number' ? 3 : 2),
  },
  {
    tag: 'omneo-rewards',
    property: 'headingLevel',
    attribute: 'heading-level',
    number: 3,
    listed: 4,
    drawn: (el) => {
      const points = el.shadowRoot?.querySelector('omneo-points-balance');
      return points && part(points, 'points');
    },
    check: (el, kind) => expect(ariaLevel(el.shadowRoot!.querySelector('omneo-points-balance')!)).to.equal(kind === 'number' ? 3 : 2),
  },
  {
    tag: 'omneo-wishlist',
    property: 'pageSize',
    attribute: 'page-size',
    persona: 'olivia',
    number: 3,
    listed: 1,
    drawn: (el) => el.shadowRoot?.querySelectorAll('[part~="item"]').length,
    check: (el, kind) => expect(el.shadowRoot!.querySelectorAll('[part~="item"]')).to.have.length(kind === 'number' ? 3 : 50),
  },
  {
    tag: 'omneo-wishlist-button',
    property: 'sku',
    attribute: 'sku',
    number: 40112,
    listed: 'LS-SAND-L',
    control: { attributes: { sku: 'LS-SAND-L' }, loaded: (control) => heart(control)?.hasAttribute('aria-pressed') && !heart(control)!.disabled },
    drawn: (el) => heart(el)?.hasAttribute('aria-pressed') && (heart(el)!.disabled || !heart(el)!.hasAttribute('aria-busy')),
    check: (el, kind) => {
      expect(heart(el)!.disabled, 'disabled').to.equal(kind !== 'number');
      if (kind === 'number') expect(heart(el)!.getAttribute('aria-label')).to.equal(`Save ${iso('40112')} to wishlist`);
    },
    allowedWhenNotSet: 'needs a sku',
  },
  {
    tag: 'omneo-wishlist-button',
    property: 'productName',
    attribute: 'product-name',
    attributes: { sku: 'LS-SAND-L' },
    number: 1984,
    listed: 'Linen Shirt',
    drawn: (el) => heart(el)?.hasAttribute('aria-pressed') && !heart(el)!.disabled,
    check: (el, kind) => expect(heart(el)!.getAttribute('aria-label')).to.equal(`Save ${iso(kind === 'number' ? '1984' : 'LS-SAND-L')} to wishlist`),
  },
  {
    tag: 'omneo-reward-wallet',
    property: 'filter',
    attribute: 'filter',
    number: 2,
    listed: 'all',
    numberIsMistake: true,
    drawn: (el) => el.shadowRoot?.querySelector('[part~="filter-button"][aria-pressed="true"]') && !el.shadowRoot!.querySelector('[aria-busy="true"]'),
    check: (el) => {
      const pressed = [...el.shadowRoot!.querySelectorAll('[part~="filter-button"]')].map((button) => button.getAttribute('aria-pressed'));
      expect(pressed, 'Active pressed').to.deep.equal(['true', 'false', 'false']);
    },
  },
];

describe('properties set with any type (React 19, Vue): no exception, the default, at most one line naming the attribute', () => {
  let scope: TestScope;
  let lines: string[];
  let uncaught: string[];
  const originals = { error: console.error, warn: console.warn };
  const onError = (event: ErrorEvent) => void uncaught.push(String(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent) => void uncaught.push(String(event.reason));
  before(async () => {
    scope = await newScope();
  });
  beforeEach(() => {
    resetPage();
    lines = [];
    uncaught = [];
    console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    Object.assign(console, originals);
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  /** Mounts `tag` with the property set before it connects (as a framework does), and waits until it is drawn. */
  async function mount(c: Case, value: unknown) {
    const host = fixtureSync(html`<div></div>`);
    const create = (attributes: Record<string, string>) => {
      const el = document.createElement(c.tag) as HTMLElement & OmneoElement;
      el.setAttribute('token-endpoint', scope.tokenEndpoint(c.persona ?? 'ava'));
      el.setAttribute('api-base', scope.apiBase);
      el.setAttribute('locale', 'en-AU');
      for (const [name, text] of Object.entries(attributes)) el.setAttribute(name, text);
      return el;
    };
    const control = c.control && create(c.control.attributes);
    const el = create(c.attributes ?? {});
    (el as unknown as Record<string, unknown>)[c.property] = value;
    if (control) host.append(control);
    host.append(el);
    let rejected: unknown = null;
    // Lit's update errors reject updateComplete; a render that throws never draws, so wait for either.
    await until(async () => {
      rejected ??= await el.updateComplete.then(() => null, (error: unknown) => error ?? 'rejected');
      return rejected || uncaught.length || (c.drawn(el) && (!control || c.control!.loaded(control)));
    }, 8000, `<${c.tag}> drawn with ${c.property} set`);
    await el.updateComplete.catch((error: unknown) => (rejected ??= error));
    return { el, rejected };
  }

  /** No exception; at most one line, naming the attribute; for a value that is not set, none (but `allowed`). */
  function judge(c: Case, kind: Kind, rejected: unknown) {
    const allowed = c.allowedWhenNotSet;
    expect(rejected, 'a rejected update').to.equal(null);
    expect(uncaught, 'uncaught errors').to.deep.equal([]);
    const said = lines.filter((line) => !(allowed && NOT_SET.includes(kind) && line.includes(allowed)));
    if (NOT_SET.includes(kind) || (kind === 'number' && !c.numberIsMistake)) expect(said, 'nothing said').to.deep.equal([]);
    else {
      expect(said.length, `at most one line: ${said.join(' | ')}`).to.be.at.most(1);
      for (const line of said) expect(line, 'names the attribute').to.include(c.attribute);
    }
  }

  for (const c of CASES) {
    for (const kind of KINDS) {
      it(`<${c.tag}> .${c.property} = ${kind}`, async () => {
        const { el, rejected } = await mount(c, valueOf(kind, c.number, c.listed));
        judge(c, kind, rejected);
        c.check(el, kind);
      });
    }
  }

  // Read back, a property keeps the type the typed API gives it: the wishlist's pageSize (a Number) a number, even after
  // the attribute set it; text properties given a number keep its digits: at once on a defined element, at its first
  // update on one set before its definition (what Vue's blank binding needs, vue.test.ts).
  it('reads back pageSize as a number and a numeric sku as its digits', async () => {
    const wishlist = document.createElement('omneo-wishlist') as HTMLElement & { pageSize: unknown };
    wishlist.pageSize = 3;
    expect(wishlist.pageSize, 'set as a property').to.equal(3);
    const button = document.createElement('omneo-wishlist-button') as HTMLElement & { sku: unknown };
    button.sku = 40112;
    fixtureSync(html`<div></div>`).append(wishlist, button);
    await (wishlist as unknown as OmneoElement).updateComplete;
    await (button as unknown as OmneoElement).updateComplete;
    expect(button.sku, 'a numeric sku, once updated').to.equal('40112');
    wishlist.setAttribute('page-size', '4');
    await (wishlist as unknown as OmneoElement).updateComplete;
    expect(wishlist.pageSize, 'from the attribute').to.equal(4);
    expect(typeof document.createElement('omneo-wishlist').pageSize === 'number', 'the default, 50').to.equal(true);
  });

  // React's wrappers (@lit/react) set every prop again on each render of the parent: a number set again over the digits
  // it was kept as is no change, so no update, no re-resolved config (customer is a config key), nothing re-rendered.
  it('takes a number set again over its digits as no change: no update', async () => {
    const badge = document.createElement('omneo-points-balance') as HTMLElement & OmneoElement & { customer: unknown; headingLevel: unknown };
    badge.setAttribute('token-endpoint', scope.tokenEndpoint('ava'));
    badge.setAttribute('api-base', scope.apiBase);
    badge.customer = 40112;
    badge.headingLevel = 3;
    fixtureSync(html`<div></div>`).append(badge);
    await until(() => part(badge, 'points'), 8000, 'the badge drawn');
    await badge.updateComplete;
    expect([badge.customer, badge.headingLevel], 'kept as digits').to.deep.equal(['40112', '3']);
    let updates = 0;
    const update = badge['update'].bind(badge);
    Object.assign(badge, { update: (changed: Map<PropertyKey, unknown>) => (updates++, update(changed)) });
    for (let render = 0; render < 3; render++) {
      badge.customer = 40112;
      badge.headingLevel = 3;
      await badge.updateComplete;
    }
    expect(updates, 'updates').to.equal(0);
    badge.customer = 40113;
    await badge.updateComplete;
    expect(updates, 'another customer updates').to.equal(1);
  });

  // Only the elements' own text properties are read as text: a merchant's subclass adding a number of its own with a
  // decorator (README, npm: a second name) keeps the number it is given, even one without a type and with an attribute
  // (the elements' own are declared statically, where the base element marks them).
  it("leaves a subclass's own decorated properties as they are set", async () => {
    class VisitsBadge extends OmneoPointsBalance {
      @property() visits: unknown = 0;
    }
    customElements.define('acme-visits-badge', VisitsBadge);
    const badge = document.createElement('acme-visits-badge') as VisitsBadge;
    badge.visits = 12;
    badge.customer = 40112 as unknown as string;
    fixtureSync(html`<div></div>`).append(badge);
    await badge.updateComplete;
    badge.visits = 13;
    await badge.updateComplete;
    expect([badge.visits, badge.customer], "the subclass's number, the element's customer").to.deep.equal([13, '40112']);
  });

  // Only text properties keep a number's digits: a subclass's (README: register one under your own name) Boolean
  // property set to 0 must stay false ("0" would be true), and one it keeps for JS alone (no attribute) its number.
  it("leaves a subclass's Boolean and JS-only properties as set: 0 stays 0", async () => {
    class AcmePoints extends OmneoPointsBalance {
      static override properties = { highlighted: { type: Boolean, reflect: true }, goal: { attribute: false } };
      declare highlighted: unknown;
      declare goal: unknown;
    }
    customElements.define('acme-points-property-types', AcmePoints);
    const badge = new AcmePoints();
    badge.customer = '';
    badge.highlighted = 0;
    badge.goal = 0;
    fixtureSync(html`<div></div>`).append(badge);
    await badge.updateComplete;
    expect([badge.highlighted, badge.goal, badge.hasAttribute('highlighted')], 'highlighted, goal, the reflected attribute').to.deep.equal([0, 0, false]);
    badge.customer = 40112;
    expect(badge.customer, 'its customer, text').to.equal('40112');
  });

  // The config properties every element inherits: the page gives a working config, the element's property a value of
  // each type. A value that is not text is not set: the page's applies. (Numbers only for the keys one can stand for:
  // a tenant or endpoint of digits would send the test to the network.)
  const configKeys = Object.keys(CONFIG_ATTRIBUTES) as AttributeConfigKey[];
  const numeric: Partial<Record<AttributeConfigKey, [number, string | null]>> = { customer: [40112, '40112'], wishlistHandle: [2024, '2024'], currency: [36, null] };
  for (const key of configKeys) {
    for (const kind of KINDS) {
      if (kind === 'number' && !(key in numeric)) continue;
      it(`<omneo-points-balance> .${key} = ${kind}`, async () => {
        const pageValues = { tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase };
        const host = fixtureSync(html`<div></div>`);
        configure(pageValues);
        // The same element without the property: what the default resolves to.
        const control = document.createElement('omneo-points-balance') as HTMLElement & OmneoElement;
        const el = document.createElement('omneo-points-balance') as HTMLElement & OmneoElement;
        (el as unknown as Record<string, unknown>)[key] = valueOf(kind, numeric[key]?.[0] ?? 0, pageValues[key as keyof typeof pageValues] ?? 'en-AU');
        host.append(control, el);
        const signedOut = key === 'customer' && kind === 'empty';
        let rejected: unknown = null;
        await until(async () => {
          rejected ??= await el.updateComplete.then(() => null, (error: unknown) => error ?? 'rejected');
          return rejected || uncaught.length || (part(el, signedOut ? 'guest' : 'points') && (signedOut || part(control, 'points')));
        }, 8000, `<omneo-points-balance> drawn with ${key} set`);
        expect(rejected, 'a rejected update').to.equal(null);
        expect(uncaught, 'uncaught errors').to.deep.equal([]);
        const expected = kind === 'number' ? numeric[key]![1] : signedOut ? '' : control.diagnosis[0]![key];
        expect(el.diagnosis[0]![key], `resolved ${key}`).to.equal(expected);
        // A currency of digits is no ISO code: said, naming it (as `currency="36"` is).
        const said = kind === 'number' && key === 'currency' ? lines.filter((line) => !line.includes('currency "36"')) : lines;
        if (NOT_SET.includes(kind) || kind === 'number') expect(said, 'nothing said').to.deep.equal([]);
        else {
          expect(said.length, `at most one line: ${said.join(' | ')}`).to.be.at.most(1);
          for (const line of said) expect(line).to.include(CONFIG_ATTRIBUTES[key]);
        }
      });
    }
  }

  // configure({...}): a number is its digits, null and undefined are not set (nothing said), the rest ignored with a line naming the key.
  const configureKeys = [...configKeys, 'getToken', 'messages'] as const;
  for (const key of configureKeys) {
    for (const kind of KINDS) {
      it(`configure({${key}: ${kind}})`, () => {
        const value = valueOf(kind, 40112, 'x');
        expect(() => configure({ [key]: value } as never)).not.to.throw();
        const kept = pageConfigSnapshot()[key];
        const text = key !== 'getToken' && key !== 'messages';
        const valid = (text && kind === 'number') || (key === 'messages' && kind === 'object');
        if (key === 'messages' && kind === 'object') expect(kept).to.deep.equal(value);
        else if (kind === 'number' && text) expect(kept).to.equal('40112');
        else if (kind === 'empty' && text) expect(kept).to.equal('');
        else expect(kept, 'ignored').to.equal(undefined);
        if (NOT_SET.includes(kind) || valid) expect(lines, 'nothing said').to.deep.equal([]);
        else {
          // Said once for the page: an earlier test may have said the same line.
          expect(lines.length, lines.join(' | ')).to.be.at.most(1);
          for (const line of lines) expect(line).to.include(key);
        }
      });
    }
  }
});
