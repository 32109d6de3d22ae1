/**
 * The React wrappers under server rendering (Next.js, Remix): the HTML must carry each prop that has an
 * attribute, so the element upgrades with its `sku`, `variant` and config instead of without them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import type { ReactiveElement } from 'lit';
import { elementFolders } from '../../scripts/build.js';

/** The attributes as written in the HTML, names exactly as spelled. */
function rawAttributesOf(html: string): [string, string][] {
  const tag = /^<[a-z-]+((?:\s+[^\s=>]+="[^"]*")*)\s*>/i.exec(html);
  assert.ok(tag, `not one element: ${html}`);
  return [...tag[1]!.matchAll(/([^\s=>]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!]);
}

/** The attributes as a browser's HTML parser reads them: names are ASCII case-insensitive, stored lower-case. */
function attributesOf(html: string): Record<string, string> {
  return Object.fromEntries(rawAttributesOf(html).map(([name, value]) => [name.toLowerCase(), value]));
}

describe('React wrappers, rendered on the server', async () => {
  const { PointsBalance, WishlistButton, Wishlist, RewardWallet, Rewards } = await import('../../src/react/index.js');

  it('renders props that have an attribute as that attribute', () => {
    const badge = renderToString(React.createElement(PointsBalance, { variant: 'compact', tokenEndpoint: '/apps/omneo/token', apiBase: '/apps/omneo/api', customer: '' }));
    assert.match(badge, /^<omneo-points-balance /);
    assert.deepEqual(attributesOf(badge), { variant: 'compact', 'token-endpoint': '/apps/omneo/token', 'api-base': '/apps/omneo/api', customer: '' });
    const heart = renderToString(React.createElement(WishlistButton, { sku: 'LS-SAND-M', locale: 'fr-FR' }));
    assert.deepEqual(attributesOf(heart), { sku: 'LS-SAND-M', locale: 'fr-FR' });
  });

  it('leaves out what is not an attribute: internal state, functions, absent props', () => {
    const hub = renderToString(React.createElement(Rewards, { tenant: 'acme', onOmneoReady: () => undefined }));
    assert.deepEqual(attributesOf(hub), { tenant: 'acme' });
  });

  it('writes attribute names in lower case, as HTML spells them (sku, variant, not Sku, Variant)', () => {
    const rendered = [
      renderToString(React.createElement(PointsBalance, { variant: 'compact', tenant: 'acme', locale: 'en-AU', currency: 'AUD', customer: '42' })),
      renderToString(React.createElement(WishlistButton, { sku: 'ABC', productName: 'Linen shirt', wishlistHandle: 'favourites' })),
      renderToString(React.createElement(Wishlist, { pageSize: 12, tiersEndpoint: '/t' })),
      renderToString(React.createElement(RewardWallet, { filter: 'inactive' })),
    ];
    for (const html of rendered) {
      const names = rawAttributesOf(html).map(([name]) => name);
      assert.deepEqual(names.filter((name) => name !== name.toLowerCase()), [], `attribute names not in lower case: ${html}`);
      assert.equal(names.length, new Set(names).size, `an attribute twice: ${html}`);
    }
    assert.deepEqual(Object.fromEntries(rawAttributesOf(rendered[0]!)), { variant: 'compact', tenant: 'acme', locale: 'en-AU', currency: 'AUD', customer: '42' });
    assert.deepEqual(Object.fromEntries(rawAttributesOf(rendered[1]!)), { sku: 'ABC', 'product-name': 'Linen shirt', 'wishlist-handle': 'favourites' });
    assert.deepEqual(Object.fromEntries(rawAttributesOf(rendered[2]!)), { 'page-size': '12', 'tiers-endpoint': '/t' });
    assert.deepEqual(Object.fromEntries(rawAttributesOf(rendered[3]!)), { filter: 'inactive' });
  });

  it('leaves out an attribute whose prop is undefined, null, false, NaN, Infinity, an object or a list (the element reads none of them)', () => {
    const heart = renderToString(React.createElement(WishlistButton, { sku: undefined, locale: null, tenant: false, customer: Number.NaN, headingLevel: Infinity, productName: { name: 'Linen' }, currency: ['AUD'] } as never));
    assert.deepEqual(rawAttributesOf(heart), []);
  });
});

describe('React wrappers on an edge runtime (omneo-widgets/react under workerd, worker, edge-light: src/react/server.ts)', async () => {
  const browser = await import('../../src/react/index.js');
  const edge = await import('../../src/react/server.js');
  const { WRAPPED_ATTRIBUTES } = await import('../../src/react/attributes.js');

  it("renders exactly the HTML the browser wrappers render on the server, so that they hydrate it", () => {
    const cases: [keyof typeof browser & keyof typeof edge, Record<string, unknown>][] = [
      ['PointsBalance', { variant: 'compact', tokenEndpoint: '/apps/omneo/token', apiBase: '/apps/omneo/api', customer: '', onOmneoReady: () => undefined }],
      ['PointsBalance', { tenant: 'acme', locale: 'en-AU', currency: 'AUD', headingLevel: 3, className: 'badge', id: 'points', children: 'Loading…' }],
      ['TierProgress', { tiersEndpoint: '/apps/omneo/tiers', wishlistHandle: 'wishlist', style: { minHeight: '8em' } }],
      ['RewardWallet', { filter: 'inactive', onOmneoBenefitRedeemed: () => undefined }],
      ['Wishlist', { pageSize: 12, onOmneoAddToCart: () => undefined, 'data-testid': 'wishlist' }],
      ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt', locale: null, tenant: false }],
      ['Rewards', { tenant: 'acme', customer: '42', onOmneoWishlistChange: () => undefined }],
    ];
    for (const [name, props] of cases) {
      const onNode = renderToString(React.createElement(browser[name] as React.ElementType, props));
      const onEdge = renderToString(React.createElement(edge[name] as React.ElementType, props));
      assert.equal(onEdge, onNode, `${name} ${JSON.stringify(props)}`);
    }
  });

  it('exports every wrapper the browser module does (an edge app importing one it lacks would fail to build or get undefined)', () => {
    const components = (module: object) => Object.keys(module).filter((name) => /^[A-Z]/.test(name)).sort();
    assert.deepEqual(components(edge), components(browser), 'src/react/server.ts must export a serverComponent for every wrapper of src/react/index.ts');
  });

  it("knows every element's attribute-backed properties, as the classes declare them", async () => {
    // Every element folder's class (src/components/<folder>/<folder>.ts), not a list here: a new element is checked too.
    const classes = Object.fromEntries(
      await Promise.all(
        elementFolders().map(async (folder) => {
          const exported = Object.values(await import(`../../src/components/${folder}/${folder}.js`)) as unknown[];
          const elementClass = exported.find((value): value is typeof ReactiveElement => typeof value === 'function' && 'elementProperties' in value);
          assert.ok(elementClass, `src/components/${folder}/${folder}.ts exports no element class`);
          return [`omneo-${folder}`, elementClass] as const;
        }),
      ),
    );
    assert.deepEqual(
      Object.keys(WRAPPED_ATTRIBUTES).sort(),
      Object.keys(classes).sort(),
      "WRAPPED_ATTRIBUTES (src/react/attributes.ts) names exactly the elements: add the new one's attribute-backed props there",
    );
    for (const [tag, elementClass] of Object.entries(classes)) {
      void elementClass.observedAttributes; // finalizes the class, which fills elementProperties
      const declared: Record<string, string> = {};
      for (const [name, declaration] of elementClass.elementProperties) {
        if (typeof name !== 'string' || declaration.state || declaration.attribute === false) continue;
        declared[name] = typeof declaration.attribute === 'string' ? declaration.attribute : name.toLowerCase();
      }
      assert.deepEqual({ ...WRAPPED_ATTRIBUTES[tag] }, declared, tag);
    }
  });

  it('leaves the page functions harmless where there is no page: configure, refresh, logout, registerCatalogue', async () => {
    assert.equal(edge.configure({ tokenEndpoint: '/omneo/token', tenant: 'acme' }), undefined);
    assert.equal(edge.logout(), undefined);
    await edge.refresh();
    await edge.registerCatalogue('fr', {});
    await assert.rejects(edge.diagnose(), /runs in the browser/);
  });
});

