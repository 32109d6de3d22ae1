/**
 * In-page probes shared by the Chromium, Firefox and WebKit suites: functions handed to the page (Playwright's and
 * Puppeteer's `evaluate`, the WebDriver client's `run`), so each is self-contained: no closure, no import, no named
 * inner function (tsx would wrap it in a `__name` call the page may not have), and one argument (Playwright's
 * `evaluate` passes one).
 */

/**
 * A jump to the end of a long wishlist (the scrollbar dragged, End, a fling): Show more scrolled into view, then its
 * top in each of `frames` animation frames, and once more `settleMs` later when that is more than 0. The rows coming
 * into view are laid out for the first time (content-visibility: auto); none may move the button.
 */
export async function showMoreTopsAfterJump({ frames, settleMs }: { frames: number; settleMs: number }): Promise<number[]> {
  const more = document.querySelector('omneo-wishlist')!.shadowRoot!.querySelector('[part~=more-button]')!;
  more.scrollIntoView({ block: 'end' });
  const seen: number[] = [];
  for (let frame = 0; frame < frames; frame++) {
    seen.push(Math.round(more.getBoundingClientRect().top));
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  if (settleMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    seen.push(Math.round(more.getBoundingClientRect().top));
  }
  return seen;
}

/**
 * Where focus is inside the element `host` (a selector in the light DOM): its `part` and whether it matches
 * `:focus-visible`, e.g. `heading true`; `outside: body` when the element's shadow root holds no focus. For focus
 * that script moved (after Retry, Remove, Escape), where each engine decides anew whether to draw a ring.
 */
export function focusInShadow(host: string): string {
  const active = document.querySelector(host)!.shadowRoot!.activeElement;
  return active ? `${active.getAttribute('part')} ${active.matches(':focus-visible')}` : `outside: ${document.activeElement?.localName}`;
}

/** The tag of every element still showing a skeleton (`aria-busy="true"`), in the document and every open shadow root. */
export function busyElements(): string[] {
  const busy: string[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.getAttribute('aria-busy') === 'true') busy.push(el.localName);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return busy;
}
