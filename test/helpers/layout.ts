import { expect } from '@open-wc/testing';

/**
 * Every box and every run of text in the element's shadow root, by getBoundingClientRect, between `frame`'s left and
 * right border edges: what spills sideways (the cards grow to fit their content downwards, and a heart's frame, its
 * bubble, sits below the heart itself).
 */
export function expectContained(el: Element, frame: Element, what: string) {
  const box = frame.getBoundingClientRect();
  const inside = (rect: DOMRect, name: string) => {
    if (rect.width === 0 && rect.height === 0) return;
    expect(rect.left, `${what}: ${name} left of the card (${box.left})`).to.be.at.least(box.left - 0.5);
    expect(rect.right, `${what}: ${name} right of the card (${box.right})`).to.be.at.most(box.right + 0.5);
  };
  for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
    if (!node.closest('.visually-hidden')) inside(node.getBoundingClientRect(), `<${node.localName} class="${node.getAttribute('class') ?? ''}">`);
  }
  // A box can stay inside while its text spills out of it: the text's own line boxes, by a Range.
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent!.trim() || node.parentElement?.closest('.visually-hidden')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    inside(range.getBoundingClientRect(), `"${node.textContent!.trim().slice(0, 24)}"`);
  }
}
