// Vite: Vue's template compiler leaves the omneo- tags to the browser (custom elements, not components).
// Without it, Vue warns "Failed to resolve component: omneo-points-balance" for each tag.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      template: {
        compilerOptions: {
          isCustomElement: (tag) => tag.startsWith('omneo-'),
        },
      },
    }),
  ],
});
