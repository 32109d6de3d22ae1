import { css } from 'lit';

export const rewardsStyles = css`
  /* Laid out by the hub's own width, not the viewport's: an account page's content column is what counts. */
  :host {
    container-type: inline-size;
  }
  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    align-items: start;
    gap: var(--omneo-hub-gap, calc(var(--_gap) * 1.5));
  }
  /*
   * Wide: the balance and the tier side by side, then the wallet and the wishlist each across the full width in
   * a row of its own. Lists that grow with the shopper's data (a 50-item wishlist, a long wallet) would otherwise
   * stretch one column far below the other and squeeze their titles into half the width.
   */
  @container (min-width: 42rem) {
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .grid > [part~='wallet'],
    .grid > [part~='wishlist'] {
      grid-column: 1 / -1;
    }
  }
`;
