// Nuxt 3: the same compiler setting as vite.config.ts. The elements are registered and configured in
// plugins/omneo.client.ts, on the client only; server rendering outputs their tags and attributes, which
// upgrade when the plugin has run.
export default defineNuxtConfig({
  vue: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('omneo-') } },
});
