// Nuxt 3 and 4: the same compiler setting as vite.config.ts. The elements are registered and configured in
// plugins/omneo.client.ts, on the client only (in a Nuxt 4 project with an app/ folder, app/plugins/omneo.client.ts:
// Nuxt 4 does not run a plugins/ folder beside this file then); server rendering outputs their tags and attributes,
// which upgrade when the plugin has run.
export default defineNuxtConfig({
  vue: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('omneo-') } },
});
