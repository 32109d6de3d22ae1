/** Catalogue registration for the CDN global, imported by the loader once element code is on its way. */
// The base element is what every element chunk shares: importing it here keeps i18n in the same shared chunk
// as the base element instead of splitting it off into a chunk of its own (one more request on every page).
import '../core/omneo-element.js';

export { registerCatalogue } from '../localisation.js';
