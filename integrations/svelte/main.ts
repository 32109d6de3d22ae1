// Svelte without SvelteKit (Vite's svelte template): importing 'omneo-widgets' registers the elements; configure
// once, before mounting. In SvelteKit, hooks.client.ts does this instead.
import { mount } from 'svelte';
import { configure } from 'omneo-widgets';
import LoyaltyPanel from './LoyaltyPanel.svelte';

configure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });

mount(LoyaltyPanel, { target: document.getElementById('app')!, props: { customer: '' } });
