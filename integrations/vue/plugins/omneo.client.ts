// Nuxt 3 and 4 plugin, client only (the .client suffix): registering custom elements needs the DOM, which the server
// has not. Runs before the app hydrates, so the elements upgrade as soon as Vue takes over the server's HTML.
// Nuxt 4 with an app/ folder (its default layout) reads plugins from app/plugins/: put this file there.
// An element that paints from the visit's cache fires omneo-ready before hydration, unheard by a template's
// @omneo-ready: to hear every one, add your listener on document here, not in a template (README, Vue and Nuxt).
import { configure } from 'omneo-widgets'; // registers every element

export default defineNuxtPlugin(() => {
  configure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });
});
