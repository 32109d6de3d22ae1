// The app's entry (Vite): importing 'omneo-widgets' registers the elements; configure once, before mounting.
// In Nuxt, plugins/omneo.client.ts does this instead (the elements need the DOM: client only).
import { createApp } from 'vue';
import { configure } from 'omneo-widgets';
import App from './App.vue';

configure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });

createApp(App).mount('#app');
