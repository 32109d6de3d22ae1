/**
 * Churn in a long-lived single-page storefront, against the built CDN bundle, beyond long-run.test.ts (which keeps a
 * badge while every element comes and goes): what an element that stays on screen accumulates while the shopper
 * works around it, what failing requests leave behind when their elements go, and an element moved in the DOM
 * while its request is on its way (a theme moving the badge between its desktop and mobile headers).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, type Opened, type Scope } from './harness.js';

/** Nodes in an element's tree, its shadow root's included (and those of elements inside it). */
const COUNT_NODES = (selector: string): number => {
  const count = (node: Node): number => {
    let total = 1;
    for (const child of node.childNodes) total += count(child);
    const shadow = (node as Element).shadowRoot;
    if (shadow) total += count(shadow);
    return total;
  };
  return count(document.querySelector(selector)!);
};

describe('churn in a long-lived single-page storefront, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /** late.html (the script and config, no element yet), every element's code loaded. */
  async function openEmptyPage(scope: Scope, persona = 'ava'): Promise<Opened> {
    const opened = await e2e.open('late.html', scope, { persona });
    // The mock's product images are on a CDN this machine cannot reach: answered at once.
    await opened.context.route(/^https:\/\//, (route) => route.fulfill({ status: 404, body: '' }));
    await opened.page.evaluate(() => window.OmneoWidgets!.load());
    return opened;
  }

  it('a wishlist that stays on screen (an app shell’s drawer) while products are saved and unsaved 200 times: it holds as many DOM nodes after 200 as after 40', async () => {
    const scope = await e2e.scope();
    const opened = await openEmptyPage(scope);
    await opened.page.evaluate(() => {
      const drawer = document.createElement('omneo-wishlist');
      drawer.id = 'drawer';
      document.body.prepend(drawer);
    });
    await opened.page.locator('#drawer li[part~=item]').first().waitFor();
    let done = 0;
    /** A product page after another: its heart pressed (saved), pressed again (unsaved), and the page left. */
    const productPages = async (until: number) => {
      await opened.page.evaluate(
        async ([from, until]) => {
          const slot = document.getElementById('slot')!;
          const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
          /** The heart once it shows `pressed` and has settled. */
          const settled = async (heart: Element, pressed: 'true' | 'false') => {
            for (let tries = 0; tries < 500; tries += 1) {
              const button = heart.shadowRoot?.querySelector<HTMLButtonElement>(`button[aria-pressed="${pressed}"]:not([aria-busy])`);
              if (button) return button;
              await pause(10);
            }
            throw new Error(`the heart never showed aria-pressed=${pressed}`);
          };
          for (let i = from; i < until; i += 1) {
            const heart = document.createElement('omneo-wishlist-button');
            heart.setAttribute('sku', `CHURN-${i}`);
            slot.append(heart);
            (await settled(heart, 'false')).click();
            (await settled(heart, 'true')).click();
            await settled(heart, 'false');
            slot.replaceChildren();
          }
        },
        [done, until] as const,
      );
      done = until;
      return {
        rows: await opened.page.locator('#drawer li[part~=item]').count(),
        nodes: await opened.page.evaluate(COUNT_NODES, '#drawer'),
      };
    };
    const warm = await productPages(40);
    const long = await productPages(200);
    // The same list at both counts (every product saved was unsaved again), so the same rows and the same nodes.
    assert.equal(long.rows, warm.rows);
    assert.equal(long.nodes, warm.nodes, `the wishlist's nodes: ${warm.nodes} after 40 products, ${long.nodes} after 200`);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });
});
