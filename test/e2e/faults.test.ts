/**
 * The built bundle against a misbehaving Omneo: 500s, timeouts, malformed payloads, a 401 mid-session,
 * and a shopper who goes offline and comes back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, Opened, waitForCount } from './harness.js';

const BADGE = 'omneo-points-balance[variant=compact]';
const CARD = 'omneo-points-balance:not([variant=compact])';
const BALANCES = '/profiles/me/balances';
const TOKEN = '/omneo/token';

describe('faults, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  async function errorDetails(opened: Opened) {
    return (await opened.record()).events.filter((e) => e.type === 'omneo-error').map((e) => e.detail);
  }

  it('loads the badge and the card with one token request and one balances request', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    assert.equal((await opened.page.locator(`${CARD} [part=points]`).textContent())?.trim(), '1,250 points');
    assert.match((await opened.page.locator(`${BADGE} [part~=badge]`).textContent()) ?? '', /1,250/);
    await opened.waitForEvents('omneo-ready', 2);
    assert.equal(await scope.count(TOKEN, 'POST'), 1);
    assert.equal(await scope.count(BALANCES), 1);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('retries GETs through two 500s and shows the data', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, status: 500, times: 2 });
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    assert.equal(await scope.count(BALANCES), 3, 'first attempt + two retries, shared by both elements');
    assert.equal((await errorDetails(opened)).length, 0);
    await opened.close();
  });

  it('shows the error state with Retry after persistent 500s, and Retry recovers', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, status: 500, times: null });
    const opened = await e2e.open('points.html', scope);
    const alert = opened.page.locator(`${CARD} [part~=error][role=alert]`);
    await alert.waitFor();
    await opened.page.locator(`${BADGE} [role=alert]`).waitFor();
    assert.match((await alert.textContent()) ?? '', /couldn't load/);
    assert.equal(await scope.count(BALANCES), 3, 'retried twice, then gave up: no retry storm');
    const errors = await errorDetails(opened);
    assert.ok(errors.some((d) => d.kind === 'http' && d.status === 500 && d.element === 'omneo-points-balance'));

    await scope.clearFaults();
    await opened.page.locator(`${CARD} [part=retry-button]`).click();
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    // One shared resource: the badge recovers with the card.
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    await opened.close();
  });

  it('keeps the balance on screen when only the points ledger fails', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: '/profiles/me/points', status: 503, times: null });
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    assert.equal(await opened.page.locator(`${CARD} [role=alert]`).count(), 0);
    await opened.close();
  });

  it('times out a request that never answers, retries twice, then shows the error state', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, latencyMs: 120_000, times: null });
    const context = await e2e.context();
    const page = await context.newPage();
    const opened = new Opened(context, page);
    // The browser's clock is driven by the test (setTimeout, AbortSignal.timeout), so the 10 s per-attempt
    // timeout and the backoff take no real time and cannot flake.
    await page.clock.install();
    await page.goto(e2e.pageUrl('points.html', scope));
    await page.locator(`${CARD} [aria-busy=true]`).waitFor();
    const alert = page.locator(`${CARD} [role=alert]`);
    for (let attempt = 0; attempt < 6 && !(await alert.count()); attempt += 1) {
      // Wait until the attempt is in flight on the server before moving time past its timeout.
      await waitForCount(() => scope.count(BALANCES), attempt < 3 ? attempt + 1 : 3);
      await page.clock.fastForward(11_000);
    }
    await alert.waitFor();
    assert.equal(await scope.count(BALANCES), 3);
    assert.ok((await errorDetails(opened)).some((d) => d.kind === 'timeout'));
    await opened.close();
  });

  it('reports a payload that is not JSON as a parse error, without retrying it', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, malformed: true, times: null });
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${CARD} [role=alert]`).waitFor();
    assert.ok((await errorDetails(opened)).some((d) => d.kind === 'parse'));
    assert.equal(await scope.count(BALANCES), 1, 'the same bytes would come back: a parse error is not retried');
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('reports a payload of the wrong shape naming the field, and never shows NaN', async () => {
    const scope = await e2e.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, status: 200, body: { data: { point_balance: 'lots' } }, times: null });
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${CARD} [role=alert]`).waitFor();
    const parse = (await errorDetails(opened)).find((d) => d.kind === 'parse');
    assert.match(String(parse?.message), /point_balance/);
    const texts = await opened.page.$$eval('omneo-points-balance', (els) => els.map((el) => el.shadowRoot?.textContent ?? ''));
    assert.ok(texts.every((t) => !/NaN|undefined|\[object/.test(t)), texts.join(' | '));
    await opened.close();
  });

  it('re-mints once and replays once after a 401 mid-session, keeping the data on screen', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    assert.equal(await scope.count(TOKEN, 'POST'), 1);
    await scope.addFaults({ method: 'GET', path: BALANCES, expireToken: true, times: 1 });
    await opened.page.evaluate(() => window.OmneoWidgets!.refresh());
    await waitForCount(() => scope.count(BALANCES), 3);
    assert.equal(await scope.count(TOKEN, 'POST'), 3, 'the refresh asks for a new token, then exactly one re-mint');
    assert.equal(await scope.count(BALANCES), 3, 'initial load, the rejected refresh, one replay');
    assert.equal((await opened.page.locator(`${CARD} [part=points]`).textContent())?.trim(), '1,250 points');
    assert.equal((await errorDetails(opened)).length, 0);
    await opened.close();
  });

  it('stops after one re-mint when the API keeps answering 401: no token loop', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope);
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await scope.addFaults({ method: 'GET', path: BALANCES, expireToken: true, times: null });
    await opened.page.evaluate(() => window.OmneoWidgets!.refresh());
    await opened.waitForEvents('omneo-error', 1, 'omneo-points-balance');
    const errors = await errorDetails(opened);
    assert.ok(errors.every((d) => d.status === 401), JSON.stringify(errors));
    assert.equal(await scope.count(TOKEN, 'POST'), 3, 'the refresh asks for a new token, then one re-mint, no more');
    assert.equal(await scope.count(BALANCES), 3);
    await opened.close();
  });

  it('shows the offline message while offline and reloads by itself when back online', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('late.html', scope);
    // The element's code must be on the page before the network goes: a lazy loader fetches it on first use.
    await opened.page.evaluate(async () => {
      const api = window.OmneoWidgets as unknown as { load?: (...tags: string[]) => Promise<void> };
      await api.load?.('omneo-points-balance');
      await customElements.whenDefined('omneo-points-balance');
    });
    await opened.context.setOffline(true);
    await opened.page.evaluate(() => {
      document.getElementById('slot')!.innerHTML = '<omneo-points-balance></omneo-points-balance>';
    });
    const alert = opened.page.locator('omneo-points-balance [role=alert]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /offline/i);
    assert.equal(await scope.count(BALANCES), 0);
    assert.ok((await errorDetails(opened)).some((d) => d.kind === 'network'));

    // Back online, the element reloads by itself (as its offline copy promises): no Retry press needed.
    await opened.context.setOffline(false);
    await opened.page.locator('omneo-points-balance [part=points]').waitFor();
    assert.match((await opened.page.locator('omneo-points-balance [part=points]').textContent()) ?? '', /1,250/);
    await opened.close();
  });
});
