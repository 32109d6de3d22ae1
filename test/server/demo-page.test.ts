/**
 * The demo storefront as `npm start` serves it (Vite on demo/ with the dev app, from source), driven in Chromium:
 * the persona switcher by pointer and by keyboard, the Simulate and Reset data controls, and the pictures the demo
 * server draws for the product grid. The widgets' own states are the element and end-to-end suites'.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
// The page as `npm start` serves it (Vite on demo/ with the dev app), as the states gallery's suites start it.
import { startGalleryServer } from '../e2e/gallery-harness.js';
import { REPO_ROOT } from './readme-blocks.js';
import { freePort } from './proxy-process.js';

describe('demo storefront (npm start) in Chromium', () => {
  let server: ViteDevServer;
  let origin: string;
  let browser: Browser;

  before(async () => {
    ({ server, origin } = await startGalleryServer());
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh, signed-out shopper on the demo page, its script errors collected. */
  async function open(): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/`);
    // The switcher is ready once the persona list has arrived.
    await page.waitForFunction(() => (document.querySelector('[data-persona-select]') as HTMLSelectElement | null)?.options.length! > 1);
    return { page, errors };
  }
  const signedInAs = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === 'omneo_demo_persona')?.value;

  it('switches persona at once when chosen with the pointer, and back to guest', async () => {
    const { page, errors } = await open();
    await Promise.all([page.waitForEvent('load'), page.selectOption('[data-persona-select]', 'liam')]);
    assert.equal(await signedInAs(page), 'liam');
    await page.waitForFunction(() => (document.querySelector('[data-persona-select]') as HTMLSelectElement).value === 'liam');
    assert.match((await page.textContent('[data-persona-status]')) ?? '', /Gold/);
    await Promise.all([page.waitForEvent('load'), page.selectOption('[data-persona-select]', '')]);
    assert.equal(await signedInAs(page), undefined);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('lets a keyboard user arrow through the personas without leaving the page, then commit with Switch or Enter', async () => {
    const { page, errors } = await open();
    let loads = 0;
    page.on('load', () => loads++);
    await page.focus('[data-persona-select]');
    // Guest → ava → zoe → liam: each arrow changes the closed list's value (and fires change in Chromium).
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(500);
    assert.equal(loads, 0, 'an arrow key must not sign in and reload the page');
    assert.equal(await signedInAs(page), undefined);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'persona-select');
    assert.equal(await page.$eval('[data-persona-select]', (select) => (select as HTMLSelectElement).value), 'liam');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Switch');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    assert.equal(await signedInAs(page), 'liam');
    // Enter on the list itself commits too.
    await page.waitForFunction(() => (document.querySelector('[data-persona-select]') as HTMLSelectElement).value === 'liam');
    await page.focus('[data-persona-select]');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    assert.equal(await signedInAs(page), 'grace');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('Simulate adds its fault rules to the demo mock and shows which is on; Clear and Reset data remove them', async () => {
    const { page, errors } = await open();
    const faults = async () => (await (await fetch(`${origin}/demo/faults`)).json()) as { path: string; status?: number }[];
    const pressed = () => page.$$eval('[data-fault]', (buttons) => buttons.filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => (b as HTMLElement).dataset.fault));
    await page.click('[data-fault="errors"]');
    await page.waitForFunction(() => document.querySelector('[data-fault="errors"]')?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await pressed(), ['errors']);
    assert.deepEqual((await faults()).map(({ path, status }) => ({ path, status })), [{ path: '^/profiles/me', status: 500 }]);
    await page.click('[data-fault="slow"]');
    await page.waitForFunction(() => document.querySelector('[data-fault="slow"]')?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await pressed(), ['slow']);
    assert.equal((await faults()).length, 1, 'one switch at a time');
    await page.click('[data-fault="clear"]');
    await page.waitForFunction(() => !document.querySelector('[data-fault][aria-pressed="true"]'));
    assert.deepEqual(await faults(), []);
    await page.click('[data-fault="errors"]');
    await page.waitForFunction(() => document.querySelector('[data-fault="errors"]')?.getAttribute('aria-pressed') === 'true');
    await page.click('[data-reset]');
    await page.waitForFunction(() => !document.querySelector('[data-fault][aria-pressed="true"]'));
    assert.deepEqual(await faults(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('Simulate shows what the demo mock holds: API errors still on after a reload, Expired token up again once a request used it', async () => {
    const { page, errors } = await open();
    const isPressed = (kind: string, pressed: boolean) =>
      page.waitForFunction(([kind, pressed]) => document.querySelector(`[data-fault="${kind}"]`)?.getAttribute('aria-pressed') === String(pressed), [kind, pressed] as const, { timeout: 5000 });
    await page.click('[data-fault="errors"]');
    await isPressed('errors', true);
    await page.reload();
    await isPressed('errors', true);
    // Expired token is one request's rule: signed in, the widgets' refresh uses it, and the switch comes up again.
    await Promise.all([page.waitForEvent('load'), page.selectOption('[data-persona-select]', 'ava')]);
    await isPressed('errors', true);
    await page.click('[data-fault="expired"]');
    await isPressed('expired', true);
    await isPressed('errors', false);
    await isPressed('expired', false);
    const faults = (await (await fetch(`${origin}/demo/faults`)).json()) as unknown[];
    assert.deepEqual(faults, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('Simulate: switches pressed in quick succession leave the last one on, alone', async () => {
    const { page, errors } = await open();
    // The page makes the changes one after another, each a clear, an add and a read of what the mock holds. The
    // second (errors) already shows 'errors' pressed, so the last change is waited for: its add answered, then the
    // read after it, whose answer the switches show (until then, the third change's 'expired' is what shows).
    let added = 0;
    let readAfterLast = false;
    page.on('response', (response) => {
      const request = response.request();
      if (new URL(request.url()).pathname !== '/demo/faults') return;
      if (request.method() === 'POST') added++;
      else if (request.method() === 'GET' && added === 4) readAfterLast = true;
    });
    await page.evaluate(() => {
      for (const kind of ['slow', 'errors', 'expired', 'errors']) document.querySelector<HTMLButtonElement>(`[data-fault="${kind}"]`)!.click();
    });
    for (const deadline = Date.now() + 10_000; !readAfterLast; await new Promise((resolve) => setTimeout(resolve, 25))) {
      assert.ok(Date.now() < deadline, `the last of the four changes not done in 10 s (${added} added)`);
    }
    await page.waitForFunction(() => document.querySelector('[data-fault="errors"]')?.getAttribute('aria-pressed') === 'true');
    const pressed = await page.$$eval('[data-fault][aria-pressed="true"]', (buttons) => buttons.map((b) => (b as HTMLElement).dataset.fault));
    assert.deepEqual(pressed, ['errors']);
    const faults = (await (await fetch(`${origin}/demo/faults`)).json()) as { status?: number }[];
    assert.deepEqual(faults.map((rule) => rule.status), [500]);
    await page.click('[data-fault="clear"]');
    await page.waitForFunction(() => !document.querySelector('[data-fault][aria-pressed="true"]'));
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('draws every product picture in the grid (the demo server answers them; none is broken)', async () => {
    const { page, errors } = await open();
    await page.$$eval('[data-products] img', (images) => images.forEach((image) => ((image as HTMLImageElement).loading = 'eager')));
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-products] img')].every((image) => image.complete));
    const images = await page.$$eval('[data-products] img', (list) => list.map((image) => ({ src: image.getAttribute('src'), width: (image as HTMLImageElement).naturalWidth })));
    assert.ok(images.length >= 6, `${images.length} product images`);
    for (const image of images) assert.ok(image.width > 0, `${image.src} did not load`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('npm start as README, Two commands, says: PORT and HOST, a given port used or a failure, and what it prints', () => {
  /** `npm start`'s command (package.json: tsx server/dev/start.ts), with `env`; resolves with its output once it has printed its banner or exited. */
  function start(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/dev/start.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = new Promise<{ out: string; code?: number | null }>((resolve) => {
      const timer = setInterval(() => out.includes('not for production') && (clearInterval(timer), resolve({ out })), 50);
      void exited.then((code) => (clearInterval(timer), resolve({ out, code })));
    });
    return { child, ready, exited };
  }

  it('PORT and HOST pick both; it says where, names the states gallery and that its mock and secrets are development defaults; a second one on that PORT fails', { timeout: 60_000 }, async () => {
    const port = String(await freePort());
    const first = start({ PORT: port, HOST: '127.0.0.1' });
    try {
      const { out, code } = await first.ready;
      assert.equal(code, undefined, out);
      assert.match(out, new RegExp(`omneo-widgets demo: http://127\\.0\\.0\\.1:${port}/`));
      assert.match(out, new RegExp(`States gallery: +http://127\\.0\\.0\\.1:${port}/states\\.html`));
      assert.match(out.replace(/\s+/g, ' '), /built-in development defaults: no tenant, nothing to configure, not for production/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/states.html`)).status, 200);
      // "a given port is used or it fails": not the next free one.
      const second = start({ PORT: port, HOST: '127.0.0.1' });
      const outcome = await second.ready;
      if (outcome.code === undefined) second.child.kill('SIGINT');
      assert.notEqual(outcome.code, undefined, `a second npm start on PORT=${port} listened elsewhere: ${outcome.out}`);
      assert.notEqual(outcome.code, 0);
      assert.match(outcome.out, new RegExp(`${port}.*in use|in use.*${port}`, 'i'));
    } finally {
      first.child.kill('SIGINT');
      await first.exited;
    }
  });
});
