import { css } from 'lit';

/*
 * The heart is 2.5em of the text it sits in (a product card's), as wide as tall. The message's offset and widest line
 * are in its own em, divided by its 0.8125: 6 px below the heart and at most 256 px at 16 px text, as before, and
 * they keep to its lines if its size is set.
 *
 * Floors, for text that is tiny or not there: a theme's font-size: 0 on a product card's icon row (it drops the gaps
 * between inline blocks) would make the heart a 2 px speck and its message invisible. The heart stays a 24 px target
 * (WCAG 2.2 target size, 2.5.8) and its "!" stays in proportion; the message is at least 12 px text, and its bubble,
 * offset and width follow it. A floor, not a reset to some other size: the message still follows the card's text
 * wherever the card has any (13 px at 16 px text), and a size the merchant sets is theirs.
 *
 * Forced colours (Windows High Contrast) do not repaint an SVG's fill or stroke: a theme's red heart stayed red once
 * saved (2.9:1 on a black contrast theme) beside the system-coloured outline of an unsaved one. Saved, it is filled
 * with the button text's system colour. The "!" of a heart that could not load is the button's pair of system
 * colours, as drawn, on its disc: Firefox (which forces colours wherever its Override colours setting is Always, on
 * any system) kept the disc, currentColor, and forced the "!" to the same colour, 2.1:1 against it.
 */
export const wishlistButtonStyles = css`
  /* The element is the heart's box and nothing more: the message is placed over the page, relative to it. */
  :host {
    display: inline-flex;
    align-items: center;
    vertical-align: middle;
    max-inline-size: 100%;
    position: relative;
  }
  /* One fixed box in every state (loading, guest, loaded, busy, could not load), so product cards never shift. */
  .heart {
    position: relative;
    display: inline-grid;
    place-items: center;
    flex: none;
    --_size: var(--omneo-wishlist-button-size, max(24px, 2.5em));
    inline-size: var(--_size);
    block-size: var(--_size);
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
  @media (forced-colors: active) {
    .heart[aria-pressed='true'] svg {
      fill: ButtonText;
      stroke: ButtonText;
    }
    .heart .error-mark {
      forced-color-adjust: none;
      background: ButtonText;
      -webkit-text-fill-color: ButtonFace;
    }
  }
  .heart[aria-busy='true'] {
    cursor: progress;
  }
  .heart[aria-busy='true'] svg {
    opacity: 0.6;
  }
  /*
   * Could not load: the heart stays as it is, with a small "!" in its corner in the heart's own colours (a pair
   * the merchant already made readable over their photos), rather than red text on a photo. Quiet, since a grid
   * shows one on every heart: small, and the heart's colour softened (still 3:1 against its background). The
   * disc is the mark's own colour, computed from the heart's (in the color property, currentColor is the
   * inherited colour), and the "!" is drawn on it in the heart's background colour when one is set, else in black
   * or white, whichever contrasts more with the disc (its WCAG luminance from relative colour syntax, as the
   * wallet's filled buttons do): Canvas was white on a dark page, on a near-white disc.
   */
  .error-mark {
    position: absolute;
    inset-block-start: 10%;
    inset-inline-end: 10%;
    display: grid;
    place-items: center;
    inline-size: 30%;
    block-size: 30%;
    border-radius: 50%;
    /* Softened towards the heart's background, not made see-through: a disc at 70% opacity let the heart's outline
       show through it. */
    color: color-mix(in srgb, var(--omneo-wishlist-button-color, currentColor) 70%, var(--omneo-wishlist-button-background, var(--omneo-color-surface, Canvas)));
    background: currentColor;
    -webkit-text-fill-color: var(--omneo-wishlist-button-background, Canvas);
    font-size: calc(var(--_size) * 0.22);
    font-weight: 700;
    line-height: 1;
  }
  @supports (color: color(from currentColor srgb-linear r g b)) {
    .error-mark {
      --_y: clamp(0, (0.1791 - 0.2126 * r - 0.7152 * g - 0.0722 * b) * 1e5, 1);
      /* With no token for what is behind the heart (the page shows through it), towards black or white, whichever
         contrasts more with the heart, as its page must: Canvas is white on a dark storefront that sets only its
         own colours, and a white heart's disc came out full white, not softened. */
      color: color-mix(in srgb, var(--omneo-wishlist-button-color, currentColor) 70%, var(--omneo-wishlist-button-background, var(--omneo-color-surface, color(from var(--omneo-wishlist-button-color, currentColor) srgb-linear var(--_y) var(--_y) var(--_y) / 1))));
      -webkit-text-fill-color: var(--omneo-wishlist-button-background, color(from currentColor srgb-linear var(--_y) var(--_y) var(--_y) / 1));
    }
  }

  /*
   * The live region, below the heart and over whatever is there (a photo, the next card): absolutely placed, so
   * nothing moves when it fills. The element measures which side has more room and caps the width to it.
   * It stays in the tree even when empty (a region that appears with its text is often not announced).
   */
  .message {
    position: absolute;
    inset-block-start: calc(100% + 0.375em / 0.8125);
    inset-inline-start: 0;
    inline-size: max-content;
    max-inline-size: min(16em / 0.8125, var(--_room, 16em / 0.8125));
    font-size: var(--omneo-wishlist-button-message-font-size, max(12px, 0.8125em));
    line-height: 1.3;
  }
  .message[data-opens='left'] {
    inset-inline: auto;
    right: 0;
  }
  .message[data-opens='right'] {
    inset-inline: auto;
    left: 0;
  }
  /*
   * Its own surface: Canvas and CanvasText are a pair the browser keeps readable in the page's colour scheme,
   * light or dark, whatever photo is behind; the two tokens restyle it as a pair.
   */
  .bubble {
    display: block;
    padding: 0.45em 0.7em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--omneo-wishlist-button-message-background, Canvas);
    color: var(--omneo-wishlist-button-message-color, CanvasText);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.18);
    overflow-wrap: anywhere;
  }
  .failure {
    border-inline-start: 3px solid var(--_danger);
  }
`;
