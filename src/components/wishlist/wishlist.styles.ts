import { css } from 'lit';

/*
 * The skeleton's (renderLoading). Text placeholders are inline, so that they wrap where the text they stand for does;
 * button placeholders have the buttons' box (the line height they inherit, as buttons do with font: inherit, and Add
 * to bag's weight).
 */
const skeletonStyles = css`
  .button-placeholder {
    min-height: max(24px, 2.25em);
    padding: 0.35em 0.9em;
    border: 1px solid transparent;
    border-radius: var(--_radius);
  }
  .add-placeholder {
    font-weight: 600;
  }
  .price .was {
    margin-inline-start: 0.4em;
  }
`;

/*
 * Forced colours (Windows High Contrast) replace backgrounds with Canvas: the skeleton's image boxes (their own
 * background wins over the shared skeleton's GrayText) get it back, and the loaded rows' image boxes get an outline, so
 * that a row without an image keeps its box.
 */
const forcedColorStyles = css`
  @media (forced-colors: active) {
    .media.skeleton {
      background: GrayText;
    }
    .media:not(.skeleton) {
      outline: 1px solid GrayText;
      outline-offset: -1px;
    }
  }
`;

/*
 * Why:
 * - `.options bdi`: each option is one unit, an inline block at most the line's width. Lines break between
 *   options, never inside "Fit: Relaxed" (in right-to-left text its halves would land at opposite ends of two
 *   lines); an inline block rather than white-space: nowrap, so a value longer than the line still wraps, inside
 *   its own box, instead of running out of the card.
 * - The row estimate on a phone (max-width: 30em): a list that narrow wraps its buttons under the image, so a row
 *   is the image (6em), the gap and a button (8.75em at 16 px text, 157 px with its padding, not 113). At 6em
 *   every row laid out for the first time grew by 44 px as it scrolled near: a shopper flinging to Show more saw
 *   it, then saw it drop 748 px out of view within three frames and a row's Remove arrive under their finger.
 *   The viewport's width, not the list's: a container query would give the list inline-size containment, and
 *   the card would lose its rows' width in a shrink-to-fit context (a flex row).
 */
export const wishlistStyles = [
  // A list of stylesheets, not css`… ${other} …`: Lit joins an interpolated sheet with Array#reduce, which
  // Prototype.js 1.6 (old storefronts) replaces, and every rule before the interpolation was lost.
  css`
  :host {
    /* How far a focus ring reaches outside its control (2px wide, 2px away): rows keep this much room inside. */
    --_ring-room: 4px;
  }
  .card {
    display: grid;
    gap: var(--_gap);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
    min-height: calc(1em * 1.4);
  }
  /* Focused by script after the last item is removed: the shared [tabindex='-1'] ring shows where focus went. */
  .heading {
    margin: 0;
    line-height: 1.4;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
    letter-spacing: 0.02em;
  }
  .count,
  .stale-note,
  .showing {
    font-size: 0.75em;
    line-height: 1.4;
    color: var(--_muted);
  }
  /* The live region sits in the header and stays in the tree when empty (a region that appears together
     with its text is often not announced); with text it takes a line of its own. */
  .message {
    font-size: 0.875em;
    line-height: 1.4;
  }
  .message:not(:empty) {
    flex-basis: 100%;
  }
  .message .failure {
    color: var(--_danger);
  }
  /* Pulled out by the rows' ring room (into the card's padding, never past the card), so that the images line
     up with the heading. */
  .list {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    margin-inline: calc(-1 * min(var(--_ring-room), var(--omneo-card-padding, 1em)));
    padding: 0;
    list-style: none;
  }
  /* Skeleton rows too, so that they keep the loaded rows' size. */
  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.875em;
    padding: var(--_ring-room);
  }
  /*
   * Rows off screen skip layout and paint until they scroll near (200+ items stay cheap). The intrinsic size
   * is a row's usual height (the default image box is 6em tall) and "auto" remembers each row's real size
   * once it has rendered. The skeleton's rows too: off screen (below the fold on a phone) the loaded rows take
   * that estimate until they scroll near, and a skeleton row laid out in full there would not be their height.
   * content-visibility implies paint containment, which clips whatever a row draws outside its padding box:
   * the row's padding (above) is the room its buttons' and link's focus rings need, on every side, in either
   * direction.
   */
  .item {
    content-visibility: auto;
    contain-intrinsic-size: auto var(--omneo-wishlist-row-height, 6em);
  }
  @media (max-width: 30em) {
    .item {
      contain-intrinsic-size: auto var(--omneo-wishlist-row-height, calc(6.5em + max(24px, 2.25em)));
    }
  }
  /* The row, not what is in it, is what scroll anchoring holds on to. Firefox anchored on a row's content while the
     row was skipped (its content then at the row's top) and slid the page by the row's top padding once it was laid
     out: after every jump (scrollbar, End, a fling), a moment later. */
  .item > * {
    overflow-anchor: none;
  }
  /* A row still to render (ROWS_PER_TASK): a row off screen's height, wherever it is, so nothing below it moves. */
  .pending {
    content-visibility: hidden;
  }
  .item:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .item + .item {
    padding-block-start: max(var(--_gap), var(--_ring-room));
    border-block-start: 1px solid var(--_border);
  }
  /* A fixed box: an image that loads late (or never) cannot move anything. */
  .media {
    flex: none;
    display: block;
    inline-size: var(--omneo-wishlist-image-size, 4.5em);
    aspect-ratio: var(--omneo-wishlist-image-ratio, 3 / 4);
    overflow: hidden;
    border-radius: calc(var(--_radius) / 2);
    background: var(--omneo-wishlist-placeholder-background, var(--_skeleton));
  }
  .media img {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .media .placeholder {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    padding: 25%;
    fill: var(--_muted);
    opacity: 0.5;
  }
  .details {
    flex: 1 1 10em;
    min-inline-size: 0;
    display: grid;
    gap: 0.125em;
  }
  .details > p {
    margin: 0;
    line-height: 1.4;
    min-height: calc(1em * 1.4);
    overflow-wrap: anywhere;
  }
  .title {
    font-weight: 600;
  }
  .title a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .title a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .options {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .options bdi {
    display: inline-block;
    max-inline-size: 100%;
  }
  .price {
    font-variant-numeric: tabular-nums;
  }
  .price .sale {
    color: var(--omneo-wishlist-sale-color, inherit);
    font-weight: 600;
  }
  .price s {
    margin-inline-start: 0.4em;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-inline-start: auto;
  }
  .add {
    font-weight: 600;
    background: var(--omneo-wishlist-add-background, var(--omneo-button-background, transparent));
    color: var(--omneo-wishlist-add-color, inherit);
    -webkit-text-fill-color: var(--omneo-wishlist-add-color, var(--omneo-button-color, currentColor));
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
`,
  skeletonStyles,
  forcedColorStyles,
];
