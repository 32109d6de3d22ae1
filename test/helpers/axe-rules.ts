/**
 * Loaded by web-test-runner.config.mjs (testRunnerHtml) before every browser test file, so every
 * `expect(el).to.be.accessible()` (chai-a11y-axe, which runs the page's `window.axe`) checks more than axe's defaults:
 * - the `experimental` rules, which axe leaves out unless asked: p-as-heading (a bold paragraph a screen-reader
 *   user cannot jump to), focus-order-semantics (a focusable div or span without a role), table-fake-caption and
 *   td-has-header, css-orientation-lock (only applies when a check runs on the whole document);
 * - target-size (WCAG 2.2 AA 2.5.8: a control smaller than 24×24 px with its neighbours too close), off by default.
 * Left off: hidden-content (a review item: it can only ask a person to look, never fail a check), the `deprecated`
 * rules (duplicate-id is no WCAG 2.2 requirement; the elements use no aria-roledescription, audio or video) and
 * the AAA ones (color-contrast-enhanced, identical-links-same-purpose, meta-refresh-no-exceptions): the checks are
 * for WCAG A and AA. label-content-name-mismatch (2.5.3 Label in Name) is on by default in axe 4.14.
 * A check that meets a false positive turns that rule off for itself alone, `accessible({ ignoredRules: [...] })`,
 * with a comment saying why.
 */
import 'axe-core/axe.min.js';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

// `tagExclude` (default ['experimental', 'deprecated']) is read by axe.configure but missing from its typings.
const spec = {
  tagExclude: ['deprecated'],
  rules: [
    { id: 'target-size', enabled: true },
    { id: 'hidden-content', enabled: false },
  ],
};
window.axe.configure(spec);
