import { css } from 'lit';

export const wishlistButtonStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    vertical-align: middle;
    max-inline-size: 100%;
  }
  /* One fixed box in every state (loading, guest, loaded, busy), so product cards never shift. */
  .heart {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: var(--omneo-wishlist-button-size, 2.5rem);
    block-size: var(--omneo-wishlist-button-size, 2.5rem);
    min-height: 0;
    padding: 0;
    border-radius: var(--omneo-wishlist-button-radius, 999px);
    background: var(--omneo-wishlist-button-background, var(--_surface));
    color: var(--omneo-wishlist-button-color, inherit);
  }
  .heart svg {
    inline-size: 55%;
    block-size: 55%;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linejoin: round;
    transition: transform 0.15s ease-out, fill 0.15s ease-out;
  }
  .heart[aria-pressed='true'] svg {
    fill: var(--omneo-wishlist-button-active-color, var(--_accent));
    stroke: var(--omneo-wishlist-button-active-color, var(--_accent));
    transform: scale(1.08);
  }
  .heart[aria-busy='true'] {
    cursor: progress;
  }
  .heart[aria-busy='true'] svg {
    opacity: 0.6;
  }
  .message {
    font-size: var(--omneo-wishlist-button-message-font-size, 0.8125em);
    line-height: 1.3;
  }
  /* The live region stays in the tree even when empty (a region that appears with its text is often not
     announced); it just takes no room then. */
  .message:not(:empty) {
    margin-inline-start: 0.4em;
  }
  .message .failure {
    color: var(--_danger);
  }
  .retry {
    min-height: var(--omneo-wishlist-button-size, 2.5rem);
    padding-block: 0;
    padding-inline: 0.7em;
  }
  .error {
    display: inline-flex;
  }
`;
