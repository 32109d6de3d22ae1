import { css } from 'lit';

export const pointsBalanceStyles = css`
  .card {
    display: grid;
    gap: 0.35rem;
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

  /*
   * Compact: a header badge. One line, fixed height, so it fits any header and never shifts. It never makes
   * a page wider than its header: the label's column is minmax(0, max-content), so the badge asks for no
   * width of its own (its min-content is the icon and padding) and ellipsizes when its container is narrow.
   */
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
    min-height: 1.75rem;
    min-width: min(4.5em, 100%);
    padding: 0.15em 0.65em;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--omneo-badge-background, var(--_surface));
    font-size: var(--omneo-badge-font-size, 0.875em);
    font-weight: 600;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
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
`;
