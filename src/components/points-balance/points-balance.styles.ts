import { css } from 'lit';

/*
 * The card's skeleton (renderLoading). Its placeholders are inline, so that they wrap where the text they stand for
 * does. The expiry row keeps the notice's weight (its width) but not its amber: the placeholders, like every
 * skeleton block, are a tint of the text colour.
 */
const cardSkeletonStyles = css`
  .card[aria-busy='true'] .expiring {
    color: inherit;
  }
`;

/*
 * The badge's error state: what failed, then Retry, in the label's column ("Points unavailable · Retry"). Where the
 * header is narrow the words ellipsize ("Points unavai… Retry"); where it leaves them less than 6em they wrap onto a
 * second line that is clipped away (a "P…" would say nothing), while Retry stays whole on the first. Retry comes
 * before the words in the markup (after the hidden sentence, which is out of the flow) and the row is reversed, so
 * it is the one that always stays; the line is packed against the
 * star in either direction. The line is 20 px (Retry's 24 px floor less its -2 px margins), or the text's line where
 * that is taller (1.25em, from 16 px badge text: a fixed 20 px cut off Retry's last pixels and the top and bottom of
 * its focus ring at 200% text). The padding, cancelled by the margin, keeps 6 px around it for Retry's focus ring
 * inside the clip, and the row gap puts the hidden line below it.
 */
const errorBadgeStyles = css`
  .badge .failed {
    display: flex;
    flex-flow: row-reverse wrap;
    justify-content: flex-end;
    align-items: center;
    align-content: flex-start;
    gap: 12px 0.35em;
    block-size: calc(max(20px, 1.25em) + 12px);
    padding: 6px 4px;
    margin: -6px -4px;
    overflow: hidden;
    min-inline-size: 0;
  }
  .failed .label {
    flex: 1 1 6em;
    max-inline-size: max-content;
    min-inline-size: 0;
  }
  .failed button {
    min-inline-size: 0;
  }
`;

/*
 * Forced colours (Windows High Contrast) do not repaint an SVG's fill: the badge's star kept the accent (a dark teal
 * on the black of a dark contrast theme, next to invisible). It takes the text's system colour. The skeleton blocks
 * are the shared styles' GrayText.
 */
const forcedColorStyles = css`
  @media (forced-colors: active) {
    .badge .icon {
      fill: CanvasText;
    }
  }
`;

/*
 * The card's one column is the card's width (minmax(0, 1fr), not an implicit auto column as wide as its widest
 * line), and a figure too long for it breaks (overflow-wrap: anywhere) rather than spill out: 1,000,000,000,000
 * points at 320 px, or 125,000 at 200% text, were cut off at the start in Arabic and crossed the edge in English.
 *
 * Compact: a header badge. One line, fixed height, so it fits any header and never shifts. Words (the guest's
 * "Sign in", the error's) never make a page wider than its header: their column is minmax(0, max-content), so they
 * ask for no width of their own and ellipsize when the container is narrow. The balance is never shrunk away: its
 * column is the figure's width (a crowded header that shrinks its items, a flex row, showed only the star), and the
 * loading badge's the same, so the header does not move when the balance arrives.
 *
 * The badge's height is its own in every state. Its line height is set, not inherited: a theme's line-height: 0 on
 * the header's icon wrapper clipped the figure, "Sign in" and what failed to nothing (the star alone), and a 60 px
 * header's line-height: 60px made a 66 px badge. Its minimum height follows its own text (2em: 28 px at the default
 * 14 px), not the root: on a 62.5% root (Shopify and Magento themes) 1.75rem was 17.5 px, the line decided the
 * height, and the loading badge (a 1em block) was 1 px shorter than the loaded one.
 */
export const pointsBalanceStyles = [
  // A list of stylesheets, not css`… ${other} …`: Lit joins an interpolated sheet with Array#reduce, which
  // Prototype.js 1.6 (old storefronts) replaces, and every rule before the interpolation was lost.
  css`
  .card {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    overflow-wrap: anywhere;
    gap: 0.35em;
  }
  /* Every row keeps one line even when empty: the card's height never depends on which data arrived. */
  .card > p {
    min-height: calc(1em * var(--_line, 1.4));
  }
  .heading {
    margin: 0;
    line-height: 1.4;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
    letter-spacing: 0.02em;
  }
  .points {
    margin: 0;
    font-size: var(--omneo-points-font-size, 2em);
    font-weight: 700;
    line-height: 1.15;
    --_line: 1.15;
    color: var(--omneo-points-color, inherit);
    font-variant-numeric: tabular-nums;
  }
  .detail {
    margin: 0;
    font-size: 0.9375em;
    line-height: 1.4;
  }
  .expiring {
    margin: 0;
    line-height: 1.4;
    font-size: 0.875em;
    color: var(--_warning);
    font-weight: 600;
  }
  /* Inside the already muted heading: muting it again would fail contrast (3:1). */
  .stale-note {
    font-size: 0.75em;
    font-weight: 400;
  }
  .card .skeleton {
    line-height: inherit;
  }

  :host([variant='compact']) {
    display: inline-block;
    vertical-align: middle;
    max-inline-size: 100%;
  }
  .badge {
    display: inline-grid;
    grid-template-columns: auto minmax(0, max-content);
    align-items: center;
    gap: 0.35em;
    max-inline-size: 100%;
    line-height: 1.25;
    min-height: 2em;
    min-width: min(4.5em, 100%);
    padding: 0.15em 0.65em;
    border-radius: calc(var(--_radius) * 99);
    border: 1px solid var(--_border);
    background: var(--omneo-badge-background, var(--_surface));
    font-size: var(--omneo-badge-font-size, 0.875em);
    font-weight: 600;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .badge[role='status'],
  .badge[aria-busy] {
    grid-template-columns: auto max-content;
  }
  .badge .icon {
    width: 1em;
    height: 1em;
    flex: none;
    fill: var(--_accent);
  }
  .badge .label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* Its placeholder figures (hidden) give it the loaded label's width; one line of the label's height. */
  .badge .skeleton {
    line-height: 1;
    height: 1em;
    overflow: hidden;
  }
  .badge .skeleton::before {
    content: attr(data-figures);
  }
  .badge.error {
    color: var(--_danger);
  }
  .badge.error .icon {
    fill: currentColor;
  }
  /* Retry: a 24 px target (WCAG 2.2) within the badge's height, and it ellipsizes like the label when narrow. */
  .badge button {
    min-height: 24px;
    margin-block: -2px;
    padding: 0 0.4em;
    border: 0;
    text-decoration: underline;
    font-size: inherit;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`,
  cardSkeletonStyles,
  errorBadgeStyles,
  forcedColorStyles,
];
