/**
 * The floor of the repository's rules: the smallest element that obeys them — a Lit element that fetches one
 * response and parses it with a zod/mini schema before it renders (design.md: "Every response is parsed by a
 * zod schema before anything renders it"). No loader, token, store, cache, config, copy or styles: whatever
 * the badge page loads beyond this is ours to cut; this much is not. Built exactly like the CDN script.
 */
import { html, LitElement } from 'lit';
import * as z from 'zod/mini';

const Balances = z.object({ data: z.object({ point_balance: z.number() }) });

class ParsingElement extends LitElement {
  static override properties = { points: { state: true } };
  declare points: number | null;

  override connectedCallback(): void {
    super.connectedCallback();
    void fetch('/profiles/me/balances')
      .then((response) => response.json())
      .then((body: unknown) => {
        const parsed = z.safeParse(Balances, body);
        this.points = parsed.success ? parsed.data.data.point_balance : null;
      });
  }

  override render() {
    return html`${this.points ?? ''}`;
  }
}

if (!customElements.get('omneo-floor-parsing')) customElements.define('omneo-floor-parsing', ParsingElement);
