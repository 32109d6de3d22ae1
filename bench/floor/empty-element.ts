/**
 * The size floor: the smallest useful Lit element, built exactly like the CDN script (bench/sizes.ts). No
 * widget can be smaller than this while it is written with Lit, so each file is judged against it.
 */
import { html, LitElement } from 'lit';

class EmptyElement extends LitElement {
  override render() {
    return html`<slot></slot>`;
  }
}

if (!customElements.get('omneo-floor-empty')) customElements.define('omneo-floor-empty', EmptyElement);
