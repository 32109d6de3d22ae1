/**
 * The registering entry: importing it defines every element (safely, even twice) and exposes the page API.
 */
import './components/points-balance/define.js';
import './components/tier-progress/define.js';
import './components/reward-wallet/define.js';
import './components/wishlist-button/define.js';
import './components/wishlist/define.js';
import './components/rewards/define.js';

export { configure, type OmneoConfig } from './core/config.js';
export { refresh, logout } from './core/runtime.js';
export { diagnose, type DiagnoseReport } from './core/diagnose.js';
export { registerCatalogue } from './localisation.js';
export type { Catalogue, Message, MessageKey, PluralForms } from './core/i18n.js';
export type { OmneoEventDetails, OmneoEventName } from './core/events.js';
export * from './elements.js';
