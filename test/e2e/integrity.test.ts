/**
 * Subresource Integrity (README, Install → Subresource Integrity): the tags `omneo-widgets-sri` prints for the
 * build's own folder, on a page of the built CDN files. With them every element loads as without them, under a strict
 * Content-Security-Policy too (the import map allowed by the hash the tool prints); a chunk or loader served with
 * other bytes than the build's is refused by Chromium and runs nothing.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DIST_DIR, REPO_ROOT } from '../../bench/serve.js';
import { sriSnippet } from '../../bin/omneo-widgets-sri.mjs';
import { E2E, Opened, waitForCount, type Scope } from './harness.js';

interface Integrity {
  version: string;
  files: Record<string, string>;
}

describe('Subresource Integrity on every file (omneo-widgets-sri)', () => {
  let e2e: E2E;
  let integrity: Integrity;
  before(async () => {
    e2e = await E2E.start();
    integrity = JSON.parse(readFileSync(path.join(DIST_DIR, 'cdn/integrity.json'), 'utf8')) as Integrity;
  });
  after(async () => {
    await e2e?.stop();
  });

  /**
   * points.html with the tool's tags in place of its script tag (bench/serve.ts `?sri`; with `csp`, the strict policy
   * plus the hash the tool printed); `tamper` names a built file served with one more byte than the build wrote.
   */
  async function openWithSri(scope: Scope, options: { csp?: 'strict'; tamper?: string } = {}): Promise<Opened> {
    const context = await e2e.context();
    if (options.tamper) {
      await context.route(`**/dist/cdn/${options.tamper}`, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-encoding'];
        delete headers['content-length'];
        await route.fulfill({ status: 200, headers, body: `${await response.text()}\n;` });
      });
    }
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    await tab.goto(e2e.pageUrl('points.html', scope, { csp: options.csp, sri: {} }));
    assert.equal(await tab.locator('script[type=importmap]').count(), 1, 'the page has the import map');
    assert.equal(await tab.locator('script[type=module][integrity]').count(), 1, 'and the loader with its integrity');
    return opened;
  }

  it('lists every built file, each with the hash of the bytes served', async () => {
    const built = readdirSync(path.join(DIST_DIR, 'cdn')).filter((file) => file.endsWith('.js')).sort();
    assert.deepEqual(Object.keys(integrity.files).sort(), built);
    for (const file of built) {
      const served = Buffer.from(await (await fetch(`${e2e.origin}/dist/cdn/${file}`)).arrayBuffer());
      assert.equal(integrity.files[file], `sha384-${createHash('sha384').update(served).digest('base64')}`, file);
    }
  });

  it('loads the badge and the card with their data, as without it, under a strict CSP with the printed hash', async () => {
    for (const csp of [undefined, 'strict'] as const) {
      const scope = await e2e.scope();
      const opened = await openWithSri(scope, { csp });
      await opened.waitForEvents('omneo-ready', 2);
      assert.match((await opened.page.locator('main omneo-points-balance [part=points]').textContent()) ?? '', /1,250/);
      assert.deepEqual((await opened.record()).cspViolations, [], `no CSP violation (${csp ?? 'no policy'})`);
      assert.deepEqual(opened.consoleErrors, [], `no console error (${csp ?? 'no policy'})`);
      await opened.close();
    }
  });

  it('refuses a chunk served with other bytes: the element it holds never runs, and the console says which', async () => {
    const chunk = Object.keys(integrity.files).find((file) => /^omneo-points-balance-[\w-]+\.js$/.test(file));
    assert.ok(chunk, 'the build has a points balance chunk');
    const scope = await e2e.scope();
    const opened = await openWithSri(scope, { tamper: chunk });
    await opened.page.waitForFunction(() => (window as unknown as { OmneoWidgets?: unknown }).OmneoWidgets !== undefined);
    await opened.page.waitForFunction(() => document.readyState === 'complete');
    // The loader reports the failed import once it settles.
    // The assertion below says what was logged when it never comes.
    await waitForCount(async () => opened.consoleErrors.filter((error) => error.includes('<omneo-points-balance>')).length, 1, 10_000).catch(() => 0);
    assert.ok(
      opened.consoleErrors.some((error) => error.includes('the code for <omneo-points-balance> could not be loaded')),
      opened.consoleErrors.join('\n'),
    );
    assert.ok(opened.consoleErrors.some((error) => /integrity/i.test(error)), `Chromium names the integrity check: ${opened.consoleErrors.join('\n')}`);
    // Troubleshooting quotes Chromium's words for it, beside ours: they must be what a merchant will see.
    assert.ok(
      opened.consoleErrors.some((error) => error.includes("Failed to find a valid digest in the 'integrity' attribute")),
      `Troubleshooting's quote of Chromium's integrity error is not what it says: ${opened.consoleErrors.join('\n')}`,
    );
    assert.equal(await opened.page.evaluate(() => customElements.get('omneo-points-balance')), undefined);
    assert.equal(await scope.count('/profiles/me/balances'), 0, 'no request by code that did not run');
    await opened.close();
  });

  it('with the preload of the chunk the loader imports (README, Performance), refuses that chunk served with other bytes, the preload above the import map too', async () => {
    const chunk = Object.keys(integrity.files).find((file) => /^omneo-page-(?!controls)[\w-]+\.js$/.test(file));
    assert.ok(chunk, 'the build has a page chunk');
    const scope = await e2e.scope();
    const context = await e2e.context();
    await context.route(`**/dist/cdn/${chunk}`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: 200, headers, body: `${await response.text()}\n;window.__changedBytesRan = true;` });
    });
    // The page as a merchant may lay it out: the preload first in <head>, where the README's Performance recipe has it.
    await context.route('**/e2e/points.html?*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      const html = await response.text();
      const preloads = html.match(/<link rel="modulepreload"[^>]*>/g) ?? [];
      const moved = preloads.reduce((page, link) => page.replace(link, ''), html).replace('<head>', `<head>\n${preloads.join('\n')}`);
      await route.fulfill({ status: 200, headers, body: moved });
    });
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    await tab.goto(`${e2e.pageUrl('points.html', scope, { sri: {} })}&preload=on`);
    await tab.waitForFunction(() => document.readyState === 'complete');
    await tab.waitForTimeout(500);
    assert.equal(await tab.evaluate(() => 'OmneoWidgets' in window || '__changedBytesRan' in window), false, 'the changed page chunk ran');
    assert.ok(opened.consoleErrors.some((error) => /integrity/i.test(error) && error.includes(chunk)), opened.consoleErrors.join('\n'));
    assert.deepEqual(
      await tab.evaluate(() => [...document.querySelectorAll('link[rel=modulepreload]')].map((link) => link.hasAttribute('integrity'))),
      [true],
      'one preload, with its hash',
    );
    assert.equal((await scope.requests()).length, 0, 'no token or API request');
    await opened.close();
  });

  it('refuses a loader served with other bytes: nothing of the widgets runs', async () => {
    const scope = await e2e.scope();
    const opened = await openWithSri(scope, { tamper: 'omneo-widgets.js' });
    await opened.page.waitForFunction(() => document.readyState === 'complete');
    await opened.page.waitForTimeout(300);
    assert.equal(await opened.page.evaluate(() => 'OmneoWidgets' in window), false);
    assert.ok(opened.consoleErrors.some((error) => /integrity/i.test(error)), opened.consoleErrors.join('\n'));
    assert.equal((await scope.requests()).length, 0, 'no token or API request');
    await opened.close();
  });
});

describe("README's cost of the tags omneo-widgets-sri prints", () => {
  it("is this build's: the tags' bytes and gzip bytes for jsDelivr's URLs, and how many files they pin", () => {
    const integrity = JSON.parse(readFileSync(path.join(DIST_DIR, 'cdn/integrity.json'), 'utf8')) as Integrity;
    const { html } = sriSnippet(integrity, `https://cdn.jsdelivr.net/npm/omneo-widgets@${integrity.version}/dist/cdn/`);
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    const files = Object.keys(integrity.files).length;
    assert.equal(files, readdirSync(path.join(DIST_DIR, 'cdn')).filter((file) => file.endsWith('.js')).length);
    const measured = { html: kB(Buffer.byteLength(html)), gzip: kB(gzipSync(html).length), files };
    // The figures, not the words around them: "The tags cost the page's HTML 5.0 kB (2.1 kB gzip: …) for 26 files".
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const stated = /tags cost the page's HTML (\d+(?:\.\d)? kB) \((\d+(?:\.\d)? kB) gzip[^)]*\) for (\d+) files/.exec(readme);
    assert.ok(stated, "README, Install → Subresource Integrity no longer says what the tags cost in words this test reads (\"The tags cost the page's HTML … kB (… kB gzip…) for … files\")");
    assert.deepEqual({ html: stated[1], gzip: stated[2], files: Number(stated[3]) }, measured, 'README, Install → Subresource Integrity: the tags\' cost and file count (stated, then measured)');
  });
});
