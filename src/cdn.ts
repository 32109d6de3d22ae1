/**
 * The CDN script: registers the elements and exposes `window.OmneoWidgets` (configure, refresh, logout).
 * Safe to include twice: element definitions are guarded and the first global wins.
 */
import { configure, logout, refresh } from './index.js';

declare global {
  interface Window {
    OmneoWidgets?: { configure: typeof configure; refresh: typeof refresh; logout: typeof logout; version: string };
  }
}

if (!window.OmneoWidgets) {
  window.OmneoWidgets = Object.freeze({ configure, refresh, logout, version: typeof __OMNEO_VERSION__ === 'string' ? __OMNEO_VERSION__ : 'dev' });
}
