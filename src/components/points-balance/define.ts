import { OmneoPointsBalance } from './points-balance.js';

OmneoPointsBalance.define('omneo-points-balance');

declare global {
  interface HTMLElementTagNameMap {
    'omneo-points-balance': OmneoPointsBalance;
  }
}
