/**
 * The React wrappers under server rendering (Next.js, Remix): the HTML must carry each prop that has an
 * attribute, so the element upgrades with its `sku`, `variant` and config instead of without them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as React from 'react';
import { renderToString } from 'react-dom/server';

/** The attributes as a browser's HTML parser reads them: names are ASCII case-insensitive, stored lower-case. */
function attributesOf(html: string): Record<string, string> {
  const tag = /^<[a-z-]+((?:\s+[^\s=>]+="[^"]*")*)\s*>/i.exec(html);
  assert.ok(tag, `not one element: ${html}`);
  return Object.fromEntries([...tag[1]!.matchAll(/([^\s=>]+)="([^"]*)"/g)].map(([, name, value]) => [name!.toLowerCase(), value!]));
}

describe('React wrappers, rendered on the server', async () => {
  const { PointsBalance, WishlistButton, Rewards } = await import('../../src/react/index.js');

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
});
