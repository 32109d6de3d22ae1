import { css } from 'lit';

/*
 * The skeleton (renderLoading) is the reference wallet drawn with the loaded view's classes, so it wraps as the wallet
 * does at every width. Text placeholders are inline, one block per line fragment, breaking where the text would;
 * buttons are boxes with a button's padding, border and minimum height (its 24 px floor too). Placeholders take a
 * box's metrics, not its colour, border or underline.
 * Safari (iPhones) reads only -webkit-user-select, so every user-select has its prefixed twin: without it a long press
 * on a code takes a word of it (BDAY-7Q4K-2M breaks at its hyphens), not the code to paste at checkout.
 */
const skeletonStyles = css`
  .item .skeleton {
    line-height: inherit;
  }
  .thumb.skeleton {
    display: block;
  }
  .button-placeholder {
    padding: 0.35em 0.9em;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    min-height: max(24px, 2.25em);
  }
  .skeleton.soon {
    color: inherit;
  }
  .status.skeleton,
  .code.skeleton {
    border-color: transparent;
    -webkit-user-select: none;
    user-select: none;
  }
  .summary-placeholder {
    cursor: default;
    text-decoration: none;
  }
`;

/*
 * Narrow: long words and codes wrap anywhere rather than run out of the card (overflow-wrap on .wallet, which its text
 * and codes inherit), and a row too narrow for its image beside some 9em of text (a phone at 200% text: the text
 * column was 56 px, under one word) puts the image above the text. The query container is each list, not the card:
 * inline-size containment leaves a box no width of its own, so a contained card collapsed to its padding (34 px) in a
 * shrink-to-fit context (a flex row, a float); the lists are as wide as the card, and the card keeps the width of its
 * heading, summary and filters. The skeleton's rows are the same lists and classes, so they stack alike.
 */

/*
 * Forced colours (Windows High Contrast): the system's colours replace ours, except the system colours we name.
 * Canvas as a text colour (the pressed filter's and Confirm's fallback) then sat on a Canvas or ButtonFace background
 * and the label vanished, and the pressed filter's own background was replaced, so nothing showed which filter was
 * pressed. Here every button is ButtonText on ButtonFace with a ButtonText border, and the pressed filter is drawn in
 * the selection colours (Highlight, HighlightText) whatever the theme's tokens say; it is left unadjusted, or the
 * Canvas backplate forced colours draw behind text would hide HighlightText, so its focus ring is set here too. What
 * relied on a tint or the accent alone gets a border or a system colour: the redeemed box, the placeholder icons, and
 * the skeleton's image box (its own background would win over the shared skeleton's GrayText).
 */
const forcedColorStyles = css`
  @media (forced-colors: active) {
    .primary,
    .filters button {
      color: ButtonText;
      -webkit-text-fill-color: ButtonText;
      background: ButtonFace;
      border-color: ButtonText;
    }
    .filters button[aria-pressed='true'] {
      forced-color-adjust: none;
      color: HighlightText;
      -webkit-text-fill-color: HighlightText;
      background: Highlight;
      border-color: Highlight;
    }
    .filters button[aria-pressed='true']:focus-visible {
      outline-color: CanvasText;
    }
    .thumb svg {
      stroke: CanvasText;
    }
    .thumb.skeleton {
      background: GrayText;
    }
    .redeemed {
      border: 1px solid CanvasText;
    }
  }
`;

/*
 * Filled buttons: the pressed filter and Confirm. The fill is the accent, by default the inherited text colour; the
 * label is the surface colour when one is set (the theme's own pair: text on a surface it made readable), else black
 * or white, whichever contrasts more with the fill (at least 4.58:1 for any fill). Before, the label was Canvas on a
 * fill of currentColor: setting color to Canvas made currentColor Canvas too, so with no tokens the label was white on
 * white, and Canvas is white on a dark page whatever its text colour (1.9:1 on a light accent). So the button keeps
 * its inherited color, which currentColor (the default fill, the focus ring) must mean, and the label is painted with
 * -webkit-text-fill-color (every engine has it). Black or white is chosen from the fill's WCAG luminance, which is Y,
 * a weighted sum of its linear-light sRGB channels: relative colour syntax gives them (color(from … srgb-linear r g
 * b)), and a step at Y = 0.1791, where black and white contrast equally, picks white below and black above. A browser
 * that cannot compute it (no relative colour syntax, or not from currentColor) gets an outlined style instead, readable
 * in any theme: the label in the text colour on the page's background, a border in the text colour, and an underline
 * that marks the pressed filter (and Confirm) without colour. Forced colours: see below. Printing drops backgrounds,
 * which left a light label on white paper: these two print as on screen (print-color-adjust). A row is never split
 * between two printed pages (break-inside), so a printed code for a till stays whole with its name.
 */
const filledStyles = css`
  .filters button[aria-pressed='true'],
  .primary {
    --_y: clamp(0, (0.1791 - 0.2126 * r - 0.7152 * g - 0.0722 * b) * 1e5, 1);
    background: var(--_fill);
    border-color: transparent;
    -webkit-text-fill-color: var(--_label, color(from var(--_fill) srgb-linear var(--_y) var(--_y) var(--_y) / 1));
    -webkit-print-color-adjust: exact;
    print-color-adjust: exact;
  }
  @supports not (color: color(from currentColor srgb-linear r g b)) {
    .filters button[aria-pressed='true'],
    .primary {
      background: none;
      border-color: currentColor;
      -webkit-text-fill-color: currentColor;
      text-decoration: underline 2px;
      text-underline-offset: 0.25em;
    }
  }
`;

/*
 * Spacing and the images are in the wallet's em (core/styles.ts). A description's long text and terms sit in the
 * Details disclosure, 0.875 of the description's 0.875: their space above is divided by both (5.6 px at 16 px text).
 */
export const rewardWalletStyles = [
  // A list of stylesheets, not css`… ${other} …`: Lit joins an interpolated sheet with Array#reduce, which
  // Prototype.js 1.6 (old storefronts) replaces, and every rule before the interpolation was lost.
  css`
  :host {
    --_thumb: var(--omneo-wallet-thumb-size, 3em);
    --_row-gap: 0.15em;
  }
  .wallet {
    display: grid;
    gap: 0.5em;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .wallet > p {
    margin: 0;
    line-height: 1.4;
    min-height: 1.4em;
  }
  .heading,
  .section-heading {
    margin: 0;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
    letter-spacing: 0.02em;
    line-height: 1.4;
    min-height: 1.4em;
  }
  .stale-note {
    font-size: 0.857em;
    font-weight: 400;
  }
  .summary {
    font-size: var(--omneo-wallet-summary-font-size, 1.25em);
    font-weight: 700;
    color: var(--omneo-wallet-summary-color, inherit);
    font-variant-numeric: tabular-nums;
  }
  /* Nothing to spend: a plain sentence in body type, on a line as tall as the headline it replaces. */
  .wallet > .summary-none {
    font-size: 1em;
    font-weight: 400;
    color: var(--_muted);
    line-height: calc(1.4 * var(--omneo-wallet-summary-font-size, 1.25em));
    min-height: 0;
  }

  /* The Rewards heading with its filters beside it (below it when they do not fit): they filter rewards only. */
  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.75em;
  }
  /* The filter: a group of toggle buttons (aria-pressed), one pressed at a time. */
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
    min-height: max(24px, 2.25em);
  }
  .filters button,
  .filters .button-placeholder {
    border-radius: calc(var(--_radius) * 99);
  }
  .filters button[aria-pressed='true'] {
    --_fill: var(--omneo-wallet-filter-active-background, var(--_accent));
    --_label: var(--omneo-wallet-filter-active-color, var(--omneo-color-surface));
  }

  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5em;
    container-type: inline-size;
  }
  /* A row: the image beside the body (name and amount, then the text lines), then the full-width actions and
     feedback. A row has only the lines its data fills: no blank space for missing optional fields. */
  .item {
    display: grid;
    grid-template-columns: var(--_thumb) minmax(0, 1fr);
    column-gap: 0.75em;
    row-gap: 0.35em;
    align-items: start;
    padding: 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.4;
    break-inside: avoid;
  }
  .body {
    display: grid;
    row-gap: var(--_row-gap);
    min-width: 0;
  }
  .item > .full {
    grid-column: 1 / -1;
  }
  @container (inline-size < 14em) {
    .item {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .thumb {
    inline-size: var(--_thumb);
    block-size: var(--_thumb);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--omneo-wallet-thumb-background, color-mix(in srgb, var(--_accent) 10%, transparent));
    display: grid;
    place-items: center;
    overflow: hidden;
  }
  .thumb img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .thumb svg {
    inline-size: 55%;
    block-size: 55%;
    fill: none;
    stroke: var(--_accent);
    stroke-width: 1.6;
  }
  /* The name and the amount share a line while both fit whole; otherwise the amount drops below the name
     (space-between puts it at the end of a shared line and at the start of its own). Never on top of each other. */
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    column-gap: 0.75em;
  }
  .name {
    font-weight: 600;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .value {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .meta {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .status {
    display: inline-block;
    margin-inline-end: 0.5em;
    padding: 0 0.5em;
    border-radius: calc(var(--_radius) * 99);
    border: 1px solid currentColor;
    font-size: 0.857em;
    font-weight: 600;
  }
  .status-active,
  .status-partly-used {
    color: var(--omneo-color-success, inherit);
  }
  /* The shared warning token (--omneo-color-warning, else an amber with AA contrast on light backgrounds); the
     same fallback here in case the host styles predate it. */
  .soon {
    color: var(--_warning, var(--omneo-color-warning, #8a5300));
    font-weight: 600;
  }
  .item.inactive .name,
  .item.inactive .value {
    color: var(--_muted);
  }
  .description {
    font-size: 0.875em;
  }
  details,
  .details-placeholder {
    display: inline;
    font-size: 0.875em;
  }
  summary,
  .summary-placeholder {
    display: inline;
    cursor: pointer;
    text-decoration: underline;
  }
  summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .copy-text {
    display: block;
    margin-block-start: calc(0.35em / 0.875 / 0.875);
    white-space: pre-line;
  }
  .terms {
    display: block;
  }
  /* API strings are dir="auto" (each takes its own direction: an English name stays "$25 spend reward" on an
     Arabic page); their lines still line up with the element's own text, at its start. */
  .name[dir],
  .copy-text[dir],
  .terms[dir] {
    /* Chromium knows only the prefixed keyword, Firefox only the standard one; Safari both. */
    text-align: -webkit-match-parent;
    text-align: match-parent;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    min-height: max(24px, 2.25em);
    min-width: 0;
  }
  .code {
    font-family: var(--omneo-code-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.95em;
    padding: 0.2em 0.5em;
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) / 2);
    letter-spacing: 0.04em;
    -webkit-user-select: all;
    user-select: all;
    unicode-bidi: isolate;
    direction: ltr;
  }
  .code-label {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .confirm {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  /* Waiting for another benefit's redeem: shown as disabled buttons are (its press does nothing). */
  [part~='redeem-button'][aria-disabled='true'] {
    cursor: default;
    opacity: 0.6;
  }
  /* The question, and under it what redeeming does, on lines of their own before the buttons. Focus opens here. */
  .confirm-text {
    flex-basis: 100%;
    display: grid;
    gap: 0.5em;
  }
  .confirm-question {
    font-weight: 600;
  }
  .confirm-effect {
    font-size: 0.875em;
  }
  .primary {
    --_fill: var(--omneo-button-primary-background, var(--_accent));
    --_label: var(--omneo-button-primary-color, var(--omneo-color-surface));
  }
`,
  filledStyles,
  css`
  .feedback {
    font-size: 0.875em;
    font-weight: 600;
  }
  /* After a redeem: the confirmation and the code, in a tinted box inside the row. Focus moves here; its ring is
     drawn inside the box's edge, so it stays within the row's content, clear of the row's padding and border. */
  .redeemed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.5em;
    padding: 0.5em 0.6em;
    border-radius: calc(var(--_radius) / 1.5);
    background: color-mix(in srgb, var(--omneo-color-success, currentColor) 8%, transparent);
  }
  .redeemed[tabindex]:focus-visible {
    outline-offset: -2px;
  }
  /* After a redeem whose answer was lost: the alert, and the code when the row no longer shows it. Focus moves here. */
  .uncertain {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.5em;
  }
  .uncertain > .feedback {
    flex-basis: 100%;
  }
  .redeemed-message {
    flex-basis: 100%;
    font-size: 0.875em;
    font-weight: 600;
  }
  .none {
    margin: 0;
    color: var(--_muted);
  }
`,
  skeletonStyles,
  forcedColorStyles,
];
