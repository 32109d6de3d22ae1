import { css } from 'lit';

/*
 * The loading card's placeholders (renderLoading): inline, so that they wrap where the text they stand for does; the
 * "Your tier" pill's keeps the pill's box without its border.
 */
const skeletonStyles = css`
  .you.skeleton {
    display: inline;
    border-color: transparent;
  }
`;

/*
 * Forced colours (Windows High Contrast) replace every background with Canvas: the track and the fill, drawn by their
 * backgrounds alone, vanished and left the two tier names with nothing between them. The system colours named here
 * are kept: the track is a CanvasText outline on Canvas and the fill a Highlight bar (still from the inline start:
 * right to left in RTL), whatever the theme's tokens say; the loading bar is a GrayText block like the other
 * placeholders. The shopper's row in the ladder, marked by a tint besides its "Your tier" pill, gets an outline (no
 * border: it would move the rows).
 */
const forcedColorStyles = css`
  @media (forced-colors: active) {
    .bar {
      border: 1px solid CanvasText;
      background: Canvas;
    }
    .fill {
      background: Highlight;
    }
    .bar.skeleton {
      border-color: GrayText;
      background: GrayText;
    }
    .ladder li[aria-current] {
      outline: 1px solid CanvasText;
      outline-offset: -1px;
    }
  }
`;

/*
 * Long names stay inside the card: its one column is the card's width (minmax(0, 1fr), not an implicit auto column
 * as wide as the longest unbreakable line) and a word too long for a line breaks anywhere (a 60-letter tier name,
 * an Arabic one whose only break opportunities are around its emoji): they widened the card, the bar and the ladder
 * (629 px at a 360 px viewport) and were cut off at the start in RTL. The names at the bar's ends are two grid columns,
 * not flex items: the space goes to the shorter name first, so "Silver" stays whole beside a long name that wraps
 * (flex items shrink alike: "Sil/ver"). In the ladder only the "Your tier" pill keeps to one line: with the name's
 * nowrap, "Silver Your tier" stuck out of a 280 px card at 200% text.
 *
 * Spacing is in the card's em (core/styles.ts). The ends, the ladder's heading and its note set smaller text of their
 * own, so their spacing (and the note's Retry height) is divided by it: 8 px apart at 16 px text, as elsewhere.
 *
 * Without color-mix() the bar's track is a grey (as core/styles.ts does for borders): the mixed one was invalid where
 * used, the track vanished, and a part-filled bar could not be told from a full one.
 *
 * Printing drops backgrounds by default, and the bar and the shopper's tier in the ladder are nothing but
 * backgrounds: they print as on screen (print-color-adjust), the rest of the card as the page's print settings say.
 */
export const tierProgressStyles = [
  // A list of stylesheets, not css`… ${other} …`: Lit joins an interpolated sheet with Array#reduce, which
  // Prototype.js 1.6 (old storefronts) replaces, and every rule before the interpolation was lost.
  css`
  :host {
    --_bar-height: var(--omneo-tier-bar-height, 0.625em);
    --_bar-track: var(--omneo-tier-bar-track, color-mix(in srgb, currentColor 12%, transparent));
    --_bar-fill: var(--omneo-tier-bar-fill, var(--_accent));
  }
  @supports not (color: color-mix(in srgb, red, red)) {
    :host {
      --_bar-track: var(--omneo-tier-bar-track, rgb(128 128 128 / 24%));
    }
  }
  .card {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    overflow-wrap: anywhere;
    gap: 0.35em;
    text-align: start;
  }
  /* Every text row keeps its line even when empty: the card's height never depends on which data arrived. */
  .card > p {
    margin: 0;
    min-height: calc(1em * var(--_line, 1.4));
    line-height: var(--_line, 1.4);
  }
  .heading {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
    letter-spacing: 0.02em;
  }
  .stale-note {
    font-size: 0.75em;
    font-weight: 400;
  }
  .tier-name {
    font-size: var(--omneo-tier-name-font-size, 1.5em);
    font-weight: 700;
    --_line: 1.2;
    color: var(--omneo-tier-name-color, inherit);
  }
  /* API strings are dir="auto" (an English tier name keeps its order on an Arabic page); they still line up
     with the element's own text, at its start. */
  .tier-name[dir],
  .perk[dir] {
    /* Chromium knows only the prefixed keyword, Firefox only the standard one; Safari both. */
    text-align: -webkit-match-parent;
    text-align: match-parent;
  }
  .detail {
    font-size: 0.9375em;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  .ends {
    display: grid;
    grid-template-columns: auto auto;
    justify-content: space-between;
    gap: calc(0.5em / 0.8125);
    font-size: 0.8125em;
    color: var(--_muted);
    line-height: 1.4;
    min-height: 1.4em;
  }
  /* Flex, not absolute positioning: the fill starts at the inline start, so it grows right-to-left in RTL. */
  .bar {
    display: flex;
    block-size: var(--_bar-height);
    border-radius: calc(var(--_radius) * 99);
    background: var(--_bar-track);
    overflow: hidden;
  }
  .fill {
    block-size: 100%;
    border-radius: inherit;
    background: var(--_bar-fill);
    transition: inline-size 0.6s ease-out;
  }
  .bar.skeleton {
    display: flex;
    inline-size: 100%;
  }
  .maintain {
    font-size: 0.875em;
  }
  .ladder {
    list-style: none;
    margin: 0.5em 0 0;
    padding: 0.5em 0 0;
    border-block-start: 1px solid var(--_border);
    display: grid;
    gap: 0.25em;
    container-type: inline-size;
  }
  /* Apart from the progress above it (the card's rows have no margin of their own: .card > p). */
  .card > .ladder-heading {
    margin: calc(0.5em / 0.875) 0 0;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
    line-height: 1.4;
  }
  .ladder li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    column-gap: 0.75em;
    padding-block: 0.3em;
    padding-inline: 0.5em;
    border-radius: calc(var(--_radius) / 2);
    line-height: 1.4;
  }
  .ladder li[aria-current] {
    background: var(--omneo-tier-current-background, color-mix(in srgb, var(--_accent) 12%, transparent));
    color: var(--omneo-tier-current-color, inherit);
  }
  .bar,
  .ladder li[aria-current] {
    -webkit-print-color-adjust: exact;
    print-color-adjust: exact;
  }
  .ladder .name {
    font-weight: 600;
  }
  .ladder .threshold {
    color: var(--_muted);
    font-size: 0.875em;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .ladder .perk {
    flex-basis: 100%;
    font-size: 0.875em;
    color: var(--_muted);
  }
  /* Where a long threshold ("À partir de 1 500 points de statut") would share a line in some rows and not in
     others, every row puts it on its own line: the ladder decides by its width, not row by row. */
  @container (inline-size < 26em) {
    .ladder .threshold {
      flex-basis: 100%;
      text-align: start;
    }
  }
  .you {
    white-space: nowrap;
    margin-inline-start: 0.5em;
    font-size: 0.75em;
    font-weight: 600;
    padding: 0.05em 0.5em;
    border-radius: calc(var(--_radius) * 99);
    border: 1px solid currentColor;
  }
  .ladder-note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5em / 0.875);
    font-size: 0.875em;
    color: var(--_muted);
  }
  .ladder-note button {
    min-height: max(24px, 2.25em / 0.875);
  }
  .empty {
    margin: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
  }
`,
  skeletonStyles,
  forcedColorStyles,
];
