/** The data runtime's page controls, imported by the loader only once an element has loaded. */
export { refresh } from '../core/runtime.js';
