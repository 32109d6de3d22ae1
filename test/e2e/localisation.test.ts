/**
 * `OmneoWidgets.registerCatalogue`, the CDN build's way to add a language (the npm build exports the same
 * function; test/core/npm-entry.test.ts): registered right after the script, on a page with no elements yet,
 * and for a signed-out shopper.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, shadowText } from './harness.js';

describe('OmneoWidgets.registerCatalogue, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('registered right after the script: the card shows the catalogue, English for the keys it lacks', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('catalogue.html', scope, { locale: 'de-DE' });
    await opened.waitForEvents('omneo-ready', 1, 'omneo-points-balance');
    assert.equal(await opened.page.evaluate(() => (window as unknown as { __registered: Promise<string> }).__registered), 'registered');
    const [card] = await shadowText(opened.page, 'omneo-points-balance');
    assert.match(card!, /Ihre Punkte/);
    assert.match(card!, /\d[\d.\s]* Punkte/);
    assert.doesNotMatch(card!, /Your points/);
    assert.match(card!, /Worth|to spend/, 'a key the catalogue lacks falls back to English');
    assert.deepEqual([...opened.pageErrors, ...opened.consoleErrors], []);
    await opened.close();
  });

  it('a signed-out shopper sees the guest copy of the catalogue', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('catalogue.html', scope, { locale: 'de-DE', customer: '' });
    await opened.page.waitForFunction(() => /Melden Sie sich an/.test(document.querySelector('omneo-points-balance')?.shadowRoot?.textContent ?? ''));
    assert.doesNotMatch((await shadowText(opened.page, 'omneo-points-balance'))[0]!, /Sign in to see your rewards/);
    assert.equal(await scope.count('/omneo/token', 'POST'), 0);
    await opened.close();
  });

  it('on a page without elements it downloads nothing; an element added later renders in the catalogue from the start', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('late.html', scope, { locale: 'de-DE' });
    const scripts: string[] = [];
    opened.page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)));
    await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
    const registered = opened.page.evaluate(() => window.OmneoWidgets!.registerCatalogue('de', { 'points.heading': 'Ihre Punkte' }).then(() => 'registered'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(scripts, [], 'registering on a page without elements loaded code');

    // Every text the card ever shows, from its first render: no English heading before the German one.
    await opened.page.evaluate(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__seen', { value: seen });
      const card = document.createElement('omneo-points-balance');
      const watch = () => {
        if (!card.shadowRoot) return void requestAnimationFrame(watch);
        const record = () => seen.push(card.shadowRoot!.textContent ?? '');
        record();
        new MutationObserver(record).observe(card.shadowRoot, { subtree: true, childList: true, characterData: true });
      };
      document.querySelector('#slot')!.append(card);
      watch();
    });
    assert.equal(await registered, 'registered');
    await opened.waitForEvents('omneo-ready', 1, 'omneo-points-balance');
    const seen = await opened.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    assert.ok(seen.some((text) => text.includes('Ihre Punkte')), seen.join(' | '));
    assert.ok(!seen.some((text) => text.includes('Your points')), `English before German: ${seen.join(' | ')}`);
    assert.deepEqual([...opened.pageErrors, ...opened.consoleErrors], []);
    await opened.close();
  });

  it('a French page whose language file is blocked: every element in English, and the console says so once, not once per element', async () => {
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-locale-fr-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }), { locale: 'fr-FR' });
    await opened.waitForEvents('omneo-ready', 2);
    const [badge, card] = await shadowText(opened.page, 'omneo-points-balance');
    assert.match(badge!, /loyalty points/);
    assert.match(card!, /Your points/);
    const said = opened.consoleErrors.filter((line) => line.startsWith('omneo-widgets: the "fr-FR" copy could not be loaded, so English is shown'));
    assert.equal(said.length, 1, opened.consoleErrors.join('\n'));
    await opened.close();
  });

  it('a French page whose language file was cut off once (a dropped connection): an element added later fetches it again and shows French where the browser retries a failed import, else the next page does', async () => {
    let asked = 0;
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-locale-fr-[^/]*\.js$/, (route, before) => {
      asked = before + 1;
      return before === 0 ? route.abort('connectionreset') : route.continue();
    }, { locale: 'fr-FR' });
    await opened.waitForEvents('omneo-ready', 2);
    assert.match((await shadowText(opened.page, 'omneo-points-balance'))[1]!, /Your points/);
    await opened.page.evaluate(() => document.body.append(document.createElement('omneo-points-balance')));
    await opened.waitForEvents('omneo-ready', 3);
    if (await e2e.refetchesFailedImports()) {
      assert.match((await shadowText(opened.page, 'omneo-points-balance'))[2]!, /Vos points/);
      assert.equal(asked, 2);
    } else {
      // The browser keeps the failed import for the page's life (harness.ts): English here, French on the next page.
      assert.match((await shadowText(opened.page, 'omneo-points-balance'))[2]!, /Your points/);
      assert.equal(asked, 1);
      await opened.page.reload();
      await opened.waitForEvents('omneo-ready', 2);
      assert.match((await shadowText(opened.page, 'omneo-points-balance'))[1]!, /Vos points/);
      assert.equal(asked, 2);
    }
    await opened.close();
  });

  it("registerCatalogue() whose code was cut off once: that promise rejects, the elements keep their copy, and the next registration fetches it again (where the browser retries a failed import; else on the next page) and brings both catalogues", async () => {
    let asked = 0;
    const opened = await e2e.openAnswering('points.html', await e2e.scope(), /omneo-localisation-[^/]*\.js$/, (route, before) => {
      asked = before + 1;
      return before === 0 ? route.abort('connectionreset') : route.continue();
    }, { locale: 'de-DE' });
    await opened.waitForEvents('omneo-ready', 2);
    const register = (locale: string, catalogue: Record<string, string>) =>
      opened.page.evaluate(
        ([tag, each]) => window.OmneoWidgets!.registerCatalogue(tag, each).then(() => 'registered', (error: Error) => `rejected: ${error.message}`),
        [locale, catalogue] as const,
      );
    assert.match(await register('de', { 'points.heading': 'Ihre Punkte' }), /^rejected: /);
    assert.equal(asked, 1);
    const card = async () => (await shadowText(opened.page, 'omneo-points-balance'))[1]!;
    assert.match(await card(), /Your points/, 'the card keeps the copy it had');

    if (!(await e2e.refetchesFailedImports())) {
      // The browser keeps the failed import for the page's life (harness.ts): the next registration rejects too, with
      // nothing fetched and the card as it was; the next page (a reload) registers both.
      assert.match(await register('de-DE', { 'points.worth': 'Wert {amount}' }), /^rejected: /);
      assert.equal(asked, 1);
      assert.match(await card(), /Your points/);
      await opened.page.reload();
      await opened.waitForEvents('omneo-ready', 2);
      assert.equal(await register('de', { 'points.heading': 'Ihre Punkte' }), 'registered');
    }
    // Not the failed import again: the catalogue that could not be registered is registered with this one. (Another
    // locale: a second catalogue for the same one replaces the first.)
    assert.equal(await register('de-DE', { 'points.worth': 'Wert {amount}' }), 'registered');
    assert.equal(asked, 2);
    await opened.page.waitForFunction(() => /Ihre Punkte/.test(document.querySelectorAll('omneo-points-balance')[1]?.shadowRoot?.textContent ?? ''));
    assert.match(await card(), /Wert /);
    assert.doesNotMatch(await card(), /Your points|Worth /);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('a catalogue registered before any element whose code cannot load: its promise rejects, and the element added later still loads, in English', async () => {
    const opened = await e2e.openAnswering('late.html', await e2e.scope(), /omneo-localisation-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }), {
      locale: 'de-DE',
    });
    await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
    const registered = opened.page.evaluate(() =>
      window.OmneoWidgets!.registerCatalogue('de', { 'points.heading': 'Ihre Punkte' }).then(() => 'registered', (error: Error) => `rejected: ${error.message}`),
    );
    // The element's code waits for the catalogue's (so that it never renders in the language the catalogue replaces):
    // a catalogue that cannot come must not keep it from loading.
    await opened.page.evaluate(() => document.querySelector('#slot')!.append(document.createElement('omneo-points-balance')));
    await opened.waitForEvents('omneo-ready', 1, 'omneo-points-balance');
    assert.match(await registered, /^rejected: /);
    assert.match((await shadowText(opened.page, 'omneo-points-balance'))[0]!, /Your points/);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it('throws at once for arguments that cannot be a catalogue', async () => {
    const opened = await e2e.open('late.html', await e2e.scope());
    await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
    const message = await opened.page.evaluate(() => {
      try {
        window.OmneoWidgets!.registerCatalogue('de', null as never);
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    assert.match(message, /^TypeError: omneo-widgets: registerCatalogue/);
    await opened.close();
  });
});
