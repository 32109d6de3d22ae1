// An Angular standalone component with the widgets from the npm package: the points badge in the header, the heart on
// a product page, the wishlist with its "Add to bag". The omneo- tags are custom elements, not Angular components:
// CUSTOM_ELEMENTS_SCHEMA tells Angular's template compiler so (without it, each tag is "not a known element":
// NG8001 in the Angular CLI's build, NG0304 at run time in a JIT development build). `[sku]`, `[productName]`, `[pageSize]` set the elements' properties by their camelCase names (kept when an
// element is registered after Angular rendered it); `(omneo-…)` listens to their events. Zoneless: the state is in
// signals. test/server/angular.test.ts builds main.ts and runs it in Chromium; test/server/angular-aot.test.ts
// compiles it ahead of time with strict templates, which type `$event` from the package's event map.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { logout, refresh, type OmneoEventDetails } from 'omneo-widgets';

interface Product {
  sku: string;
  name: string;
}

@Component({
  selector: 'loyalty-panel',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <header>
      <span>Bag ({{ cart().length }})</span>
      <omneo-points-balance variant="compact" [customer]="customer()"></omneo-points-balance>
      @if (customer()) {
        <button type="button" (click)="signedOut()">Sign out</button>
      }
    </header>
    <main>
      <h1>{{ product().name }}</h1>
      <omneo-wishlist-button
        [sku]="product().sku"
        [productName]="product().name"
        [customer]="customer()"
        (omneo-wishlist-change)="onWishlistChange($event)"
      ></omneo-wishlist-button>
      @if (product().sku in saved()) {
        <p>{{ saved()[product().sku] ? 'Saved to your wishlist' : 'Removed from your wishlist' }}</p>
      }
      <ul>
        @for (each of products; track each.sku) {
          <li><button type="button" (click)="product.set(each)">{{ each.name }}</button></li>
        }
      </ul>
      <h2>Your wishlist</h2>
      <omneo-wishlist [customer]="customer()" [pageSize]="4" [headingLevel]="3" (omneo-add-to-cart)="onAddToCart($event)"></omneo-wishlist>
    </main>
  `,
})
export class LoyaltyPanelComponent {
  readonly products: Product[] = [
    { sku: 'LS-SAND-M', name: 'Linen Relaxed Shirt' },
    { sku: 'KN-OAT-S', name: 'Merino Crew Knit' },
  ];
  readonly product = signal<Product>(this.products[0]!);
  // Your storefront's customer id (from your auth service), "" when signed out: the elements then show the guest
  // state at once, with no request.
  readonly customer = signal('');
  readonly saved = signal<Record<string, boolean>>({});
  readonly cart = signal<OmneoEventDetails['omneo-add-to-cart'][]>([]);

  onWishlistChange(event: CustomEvent<OmneoEventDetails['omneo-wishlist-change']>) {
    this.saved.update((saved) => ({ ...saved, [event.detail.sku]: event.detail.inWishlist }));
  }

  onAddToCart(event: CustomEvent<OmneoEventDetails['omneo-add-to-cart']>) {
    event.preventDefault(); // handled here: the listeners after this one do nothing
    this.cart.update((cart) => [...cart, event.detail]); // { sku, variantId, quantity }
  }

  // Call these from your auth code once its own session has changed (the token endpoint reads that session).
  async signedIn(id: string) {
    this.customer.set(id);
    await refresh(); // a new token for the new session, fresh data for every element
  }
  signedOut() {
    this.customer.set('');
    logout(); // forgets the token and cached data; elements show their guest state
  }
}
