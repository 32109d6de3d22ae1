/**
 * The connection to the ID API's origin is opened while the token is on its way (src/core/preconnect.ts): on a
 * shopper's first page, DNS, TCP and TLS to Omneo then overlap the token request instead of following it. The API
 * here is on another origin (bench/serve.ts createSlowConnectFront, another port of the same server), as Omneo is
 * for a storefront. `npm run bench` measures what it saves.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { createSlowConnectFront } from '../../bench/serve.js';
import { CHROME_ARGS, CHROME_PATH, E2E } from './harness.js';
import { collectCoverage } from './coverage.js';

type Front = Awaited<ReturnType<typeof createSlowConnectFront>>;

const preconnects = () => [...document.querySelectorAll('link[rel=preconnect]')].map((link) => `${link.getAttribute('href')} crossorigin=${link.getAttribute('crossorigin')}`);

describe('preconnect to the ID API, against the built CDN bundle', () => {
  let e2e: E2E;
  let front: Front;
  before(async () => {
    e2e = await E2E.start();
    front = await createSlowConnectFront(e2e.server, 0);
  });
  after(async () => {
    await front?.close();
    await e2e?.stop();
  });

  it('opens the connection to an ID API on another origin before the token has arrived, once for every element', async () => {
    const scope = await e2e.scope();
    // The token takes 3 s (its mint at Omneo is slow): no API call can be made before then.
    await scope.addFaults({ path: '^/auth/token$', latencyMs: 3000, times: null });
    // A profile of its own, as a shopper's browser has: Chromium ignores preconnects in the off-the-record contexts
    // that browser.newContext() makes.
    const profile = mkdtempSync(join(tmpdir(), 'omneo-e2e-profile-'));
    const context = collectCoverage(await chromium.launchPersistentContext(profile, { executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true }));
    try {
      await context.addInitScript({ content: "Object.defineProperty(window, '__name', { value: (fn) => fn })" });
      await context.addInitScript(() => document.addEventListener('omneo-ready', () => ((window as unknown as { ready: number }).ready = ((window as unknown as { ready?: number }).ready ?? 0) + 1)));
      const page = await context.newPage();
      const connectionsBefore = front.connections();
      await page.goto(`${e2e.pageUrl('points.html', scope)}&api-origin=${encodeURIComponent(front.origin)}`);
      const started = Date.now();
      while (front.connections() === connectionsBefore && Date.now() - started < 2500) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(front.connections() > connectionsBefore, 'no connection to the API origin while the token was on its way');
      assert.equal(await scope.count('/profiles/me/balances'), 0, 'the API was called before the token arrived');
      // Two elements, one link; anonymous, as the API calls to another origin carry no cookies.
      assert.deepEqual(await page.evaluate(preconnects), [`${front.origin} crossorigin=`]);
      // (Not the card's text: its skeleton holds a reference member's figures, invisibly, to take the loaded size.)
      await page.waitForFunction(() => (window as unknown as { ready?: number }).ready === 2, undefined, { timeout: 15_000 });
      assert.equal(await scope.count('/profiles/me/balances'), 1);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('adds none for an ID API on the page’s own origin, nor on a page whose customer hint says signed out', async () => {
    const scope = await e2e.scope();
    const sameOrigin = await e2e.open('points.html', scope);
    try {
      await sameOrigin.waitForAllReady();
      assert.deepEqual(await sameOrigin.page.evaluate(preconnects), []);
    } finally {
      await sameOrigin.close();
    }
    const context = await e2e.context();
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.pageUrl('points.html', scope, { customer: '' })}&api-origin=${encodeURIComponent(front.origin)}`);
      await page.waitForFunction(() => document.querySelector('main omneo-points-balance')?.shadowRoot?.querySelector('[part~=guest]'), undefined, { timeout: 15_000 });
      assert.deepEqual(await page.evaluate(preconnects), []);
    } finally {
      await context.close();
    }
  });
});
