/**
 * The empty state of the list elements (wallet, wishlist): what is missing in body text, what to do about it
 * muted below. Its own module, imported only by those elements, so that the badge page does not load it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';

export const emptyStateStyles = css`
  .empty-state {
    display: grid;
    gap: 0.125em;
  }
  .empty {
    margin: 0;
    line-height: 1.4;
  }
  .empty-hint {
    margin: 0;
    font-size: 0.875em;
    line-height: 1.4;
    color: var(--_muted);
  }
`;

/** A hint a merchant has blanked (overridden to "") leaves no empty line. */
export function renderEmptyState(text: string, hint: string): TemplateResult {
  return html`<div part="empty" class="empty-state">
    <p class="empty">${text}</p>
    ${hint.trim() ? html`<p class="empty-hint">${hint}</p>` : nothing}
  </div>`;
}
