import { css } from 'lit';

/**
 * Shared host styles and design tokens. Elements inherit the storefront's font and colour unless a token
 * is set; no global styles, no fixed z-index.
 *
 * Every shadow box is border-box in its own right, not by inheriting the host's: a page rule on the host
 * (`* { box-sizing: content-box }`) beats `:host`, and through inherit reached every box inside.
 *
 * The page's font and colour are inherited, its text layout is not: white-space, text-align and text-indent set on
 * an ancestor (a product card's one-line, centred action row; a centred page section) laid out the elements' text as
 * the page's. Under nowrap the wallet's and tier card's lines ran out of the card, the wishlist's titles were cut at
 * its edge and the heart's failure message ran out of its bubble; centring caught some lines and not others; an
 * indent pushed every block's first line, the status pills' too. A page rule on the host itself still wins.
 *
 * Sizes are in em, the element's own text, never rem: a widget in someone else's page scales with the text it sits
 * in, and the shopper's text size reaches it through that text. On a 62.5% root (html { font-size: 62.5% } with the
 * body text back at 1.5-1.6rem: Dawn, Shopify's default theme, and many Shopify and Magento themes) every rem shrank
 * around text that did not: a 25 px heart with a 5.5 px "!", 30 px wallet images, 10 px card padding. A box that
 * sets its own font-size divides its spacing by it (calc(0.5em / 0.875)), so that at 16 px text every box is the
 * size it was under a 16 px root. Media queries keep their em: there it is the browser's default size, not the root.
 * Buttons keep a floor: at least 24 px tall (WCAG 2.2 target size) in small text, where 2.25em is less (under 10.7 px).
 *
 * Muted (secondary) text is the text colour at 80%: it is only as readable as the text it is made of, and at 65% it
 * kept AA (4.5:1) only under near-black text; Shopify Dawn's body text (rgba(18, 18, 18, 0.75)) made it 3.4:1, #333
 * 4.3:1. At 80% it keeps 4.5:1 on white under text up to #535353 (4.6:1), 4.9:1 under Dawn's, 8.9:1 under #1d1d1f.
 *
 * Danger and warning follow the text they colour, as the accent, muted text and borders do: the text colour says
 * whether the page is light or dark. Under dark text (a light page) they are a red and an amber with AA contrast on
 * white (#b3261e, #8a5300: 6.5:1, 6.3:1); under light text (a dark storefront that sets only its own colours) a
 * light red and amber (#ff8a80, #f2c14e: 8.3:1, 11:1 on #111), where the dark pair were 2.9:1 and 3:1. --_on-dark is
 * 1 where the text's luminance is over 0.3 (under 3:1 on white: no light page's text; 7:1 on black), else 0, so that
 * a light page's grey text (#777, #888) keeps the dark pair; like currentColor, its r, g and b are read where a colour
 * uses it. Browsers without relative colours keep the light page's pair. A token the merchant sets is theirs.
 *
 * Browsers without color-mix() (Safari before 16.2, Firefox before 113, Chrome before 111) get a grey for the border
 * and the skeleton, at twice the share, which looks the same on a light page and on a dark one: a custom property is
 * not checked where it is set, so the mix made every `border: 1px solid var(--_border)` invalid and no edge drawn.
 * Muted text needs none: `color` inherits, so an invalid one keeps the text colour.
 *
 * Safari, on iPhones and Macs, reads only -webkit-user-select: every user-select has its prefixed twin, or a long
 * press there selects the skeleton's sample text.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--omneo-font-family, inherit);
    color: var(--omneo-color-text, inherit);
    white-space: normal;
    text-align: start;
    text-indent: 0;
    --_accent: var(--omneo-color-accent, currentColor);
    --_muted: var(--omneo-color-muted, color-mix(in srgb, currentColor 80%, transparent));
    --_surface: var(--omneo-color-surface, transparent);
    --_border: var(--omneo-color-border, color-mix(in srgb, currentColor 18%, transparent));
    --_radius: var(--omneo-radius, 8px);
    --_gap: var(--omneo-space, 0.75em);
    --_on-dark: clamp(0, (0.2126 * r + 0.7152 * g + 0.0722 * b - 0.3) * 1e5, 1);
    --_danger: var(--omneo-color-danger, color(from currentColor srgb-linear calc(0.451 + 0.549 * var(--_on-dark)) calc(0.019 + 0.235 * var(--_on-dark)) calc(0.013 + 0.203 * var(--_on-dark)) / 1));
    --_warning: var(--omneo-color-warning, color(from currentColor srgb-linear calc(0.254 + 0.634 * var(--_on-dark)) calc(0.087 + 0.446 * var(--_on-dark)) calc(0.076 * var(--_on-dark)) / 1));
    --_skeleton: var(--omneo-color-skeleton, color-mix(in srgb, currentColor 10%, transparent));
  }
  @supports not (color: color-mix(in srgb, red, red)) {
    :host {
      --_border: var(--omneo-color-border, rgb(128 128 128 / 36%));
      --_skeleton: var(--omneo-color-skeleton, rgb(128 128 128 / 20%));
    }
  }
  @supports not (color: color(from red srgb-linear r g b)) {
    :host {
      --_danger: var(--omneo-color-danger, #b3261e);
      --_warning: var(--omneo-color-warning, #8a5300);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
    -webkit-text-fill-color: var(--omneo-button-color, currentColor);
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--omneo-button-background, transparent);
    padding: 0.35em 0.9em;
    min-height: max(24px, 2.25em);
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  /* Targets that only script focuses (a heading or a row, after what had focus went away) show where focus
     went; an element that moves focus there asks for the ring (focus({focusVisible: true})). */
  [tabindex='-1']:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  /*
   * Skeleton blocks: the same boxes as the loaded view, so nothing moves when data arrives. --_skeleton, like
   * every token made of currentColor, is resolved where it is used: the placeholder text is hidden with
   * text-fill-color, not color, so that currentColor here is still the inherited text colour (a transparent
   * color made the blocks themselves transparent). The fill is painted as a one-colour image: axe reads
   * text-fill-color as white text over it and would flag the hidden text; over an image it leaves it for
   * review, as it did when the text was transparent.
   */
  .skeleton {
    display: inline-block;
    border-radius: calc(var(--_radius) / 2);
    background: linear-gradient(var(--_skeleton), var(--_skeleton));
    -webkit-text-fill-color: transparent;
    -webkit-user-select: none;
    user-select: none;
    animation: omneo-pulse 1.4s ease-in-out infinite;
  }
  /*
   * A placeholder for text: inline, one block per line fragment, so that it wraps where the text it stands for
   * would (every element's skeleton draws its reference view's text this way).
   */
  .skeleton.text {
    display: inline;
    -webkit-box-decoration-break: clone;
    box-decoration-break: clone;
  }
  @keyframes omneo-pulse {
    50% {
      opacity: 0.55;
    }
  }
  /* Forced colours would drop the fill and show the sample text as if it were data: GrayText blocks instead. */
  @media (forced-colors: active) {
    .skeleton {
      forced-color-adjust: none;
      background: GrayText;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    * {
      transition: none !important;
    }
  }
  /* The frame of every card-like view (the element sets its own layout inside). */
  .card {
    padding: var(--omneo-card-padding, 1em);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* The shared guest and error states (OmneoElement.renderGuest / renderError). */
  .guest-copy {
    margin: 0;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  [role='alert'] {
    color: var(--_danger);
  }
  /* The note beside a heading ("Updating…", "May be out of date" and its Retry) wraps as one piece: where the line
     had no room for all of it, the note broke mid-phrase ("Peut-être pas à | jour") or left Retry alone on the next
     line, indented by its padding. An inline block goes to the next line whole, and wraps inside only when it is
     wider than a line of its own. */
  .stale-note {
    display: inline-block;
  }
  /* Retry beside "May be out of date" (cached data whose refresh failed): quiet, inline, in the note's colour.
     The padding is cancelled by the margin, so the target is taller than the line without moving it. */
  .refresh {
    /* At least 24 × 24 px to press (WCAG 2.2 target size) whatever the note's small type. */
    min-height: 24px;
    min-width: 24px;
    padding: 0.25em 0.4em;
    margin-block: -0.5em;
    border: 0;
    background: transparent;
    -webkit-text-fill-color: currentColor;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .refresh[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
