// SvelteKit's src/app.d.ts. The omneo- tags typed in this app's markup (README, Svelte): svelte-check and the editor
// check what is given to each (`customer`, `page-size`) and the detail of what it fires (`onomneo-wishlist-change`).
// Types only: nothing runs.
import type {} from 'omneo-widgets/svelte';

declare global {
  namespace App {}
}

export {};
