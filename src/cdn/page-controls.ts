/** The data runtime's page controls, imported by the loader's refresh() only once element code has been requested. */
export { refresh } from '../core/runtime.js';
