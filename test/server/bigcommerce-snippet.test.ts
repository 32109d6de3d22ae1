/**
 * The BigCommerce Script Manager snippet's getToken on its own, in Chromium, against a storefront whose answer
 * stalls after its headers (packaging.test.ts runs the whole snippet with the widgets, the proxy and the mock).
 * The widgets read an AbortError from getToken as their own cancellation: nothing shown, no Retry.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

const snippet = readFileSync(new URL('../../integrations/bigcommerce/script-manager.html', import.meta.url), 'utf8');
/** The snippet's own module script (not the CDN's), with a stand-in global that keeps the getToken it configures. */
const page = `<!doctype html><script>window.OmneoWidgets = { configure: (config) => { window.getToken = config.getToken; } };</script>${
  [...snippet.matchAll(/<script type="module">[\s\S]*?<\/script>/g)].at(-1)![0]
}`;

describe('BigCommerce snippet: getToken', () => {
  let browser: Browser;
  let server: http.Server;
  let origin = '';
  let jwtRequests = 0;
  before(async () => {
    server = http.createServer((request, response) => {
      if (request.url?.startsWith('/customer/current.jwt')) {
        jwtRequests += 1;
        // The headers and the start of the JWT, then nothing.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('"eyJ');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
  });

  it('an answer whose body stalls is a timeout, tried 3 times like no answer, then an error the widgets show (a TimeoutError, not an AbortError)', async () => {
    const tab = await browser.newPage();
    try {
      await tab.clock.install();
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => typeof (window as unknown as { getToken?: unknown }).getToken === 'function');
      await tab.evaluate(() => {
        const own = window as unknown as { getToken(signal: AbortSignal): Promise<unknown>; outcome?: string };
        void own.getToken(new AbortController().signal).then(
          () => (own.outcome = 'a token'),
          (error: Error) => (own.outcome = error.name),
        );
      });
      const outcome = () => tab.evaluate(() => (window as unknown as { outcome?: string }).outcome);
      for (let tries = 1; tries <= 3 && !(await outcome()); tries += 1) {
        for (const deadline = Date.now() + 5000; jwtRequests < tries && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
        await tab.clock.fastForward(11_000);
      }
      for (const deadline = Date.now() + 5000; !(await outcome()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual({ outcome: await outcome(), jwtRequests }, { outcome: 'TimeoutError', jwtRequests: 3 });
    } finally {
      await tab.close();
    }
  });
});
