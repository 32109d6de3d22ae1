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
  @container (min-width: 42rem) {
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
`;
