// SvelteKit: src/hooks.client.ts, a module SvelteKit runs once in the browser when the app starts, before it hydrates
// the server's HTML. Importing 'omneo-widgets' registers every element (the browser's registry: client only; a
// component may still import the page API, as LoyaltyPanel.svelte does, since the package loads on the server too, on
// Lit's Node build). The server renders the omneo- tags as plain tags with their attributes; they upgrade in place
// once this has run. An element that paints from the visit's cache can fire omneo-ready before hydration, unheard by
// a template's onomneo-ready: to hear every one, add your listener on document here, not in a template (README,
// Svelte and SvelteKit).
import { configure } from 'omneo-widgets'; // registers every element

configure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });
