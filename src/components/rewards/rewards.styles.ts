import { css } from 'lit';

/*
 * The hub is laid out by its own width (a container query), not the viewport's: an account page's content column is
 * what counts. A container has no width of its own to offer (inline-size containment: its content does not size it),
 * so as a flex item beside a sidebar the hub collapsed to 0 px and squeezed every card into it. It asks for the space
 * available instead (stretch, as a block does: 100% would add its margins); a width set by the page still wins.
 * As a flex item its basis is 0 and it grows into the free space: with stretch as its basis it started as wide as
 * the whole row, and the overflow was taken from every item, the page's own fixed-width sidebar too (180 px → 144).
 * Two columns from 42 times the hub's own text size (em in a container query is the container's, rem the root's): on
 * a 62.5% root with the text at 1.6rem, 42rem was 420 px, and a 440 px hub put 16 px text in two 200 px columns.
 */
export const rewardsStyles = css`
  :host {
    container-type: inline-size;
    inline-size: -webkit-fill-available;
    inline-size: -moz-available;
    inline-size: stretch;
    flex: 1 1 0%;
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
  @container (min-width: 42em) {
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .grid > [part~='wallet'],
    .grid > [part~='wishlist'] {
      grid-column: 1 / -1;
    }
  }
`;
