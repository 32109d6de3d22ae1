// The accessibility checks every element test runs: axe's rules that are off by default are on for all of them
// (test/helpers/axe-rules.ts, loaded before every test file), so a new test gets them too.
import { expect, fixtureSync, html } from '@open-wc/testing';

// fixtureSync: fixture() waits for an animation frame for a plain element, which a test page in a background tab
// (the full run opens several at once) never gets: each test timed out in CI, alone they passed.

describe('accessible(): the rules every check runs', () => {
  it('2.5.3 Label in Name: a button whose name does not contain its visible word fails, one that starts with it passes', async () => {
    const mismatch = fixtureSync(html`<div><button type="button" aria-label="Duplicate" style="padding: 8px">Copy</button></div>`);
    await expect(mismatch).not.to.be.accessible();
    const named = fixtureSync(html`<div><button type="button" aria-label="Copy code ABC123" style="padding: 8px">Copy</button></div>`);
    await expect(named).to.be.accessible();
  });

  it('an experimental rule is on: a bold paragraph standing in for a heading fails (p-as-heading)', async () => {
    const fake = fixtureSync(html`<div>
      <p style="font-weight: 700; font-size: 1.25em">Rewards</p>
      <p>Rewards you earn will show here, ready to spend at checkout.</p>
      <p>Shop with us to earn your first reward.</p>
    </div>`);
    await expect(fake).not.to.be.accessible();
    await expect(fake).to.be.accessible({ ignoredRules: ['p-as-heading'] });
  });

  it('2.5.8 Target Size (Minimum) is on: two 16 px buttons side by side fail', async () => {
    const small = fixtureSync(html`<div style="display: flex">
      <button type="button" style="inline-size: 16px; block-size: 16px; padding: 0; border: 0">A</button>
      <button type="button" style="inline-size: 16px; block-size: 16px; padding: 0; border: 0">B</button>
    </div>`);
    await expect(small).not.to.be.accessible();
    await expect(small).to.be.accessible({ ignoredRules: ['target-size'] });
  });
});
