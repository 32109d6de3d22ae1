// The hub's default content is these four elements: registering the hub registers them too.
import '../points-balance/define.js';
import '../tier-progress/define.js';
import '../reward-wallet/define.js';
import '../wishlist/define.js';
import { OmneoRewards } from './rewards.js';

OmneoRewards.define('omneo-rewards');

declare global {
  interface HTMLElementTagNameMap {
    'omneo-rewards': OmneoRewards;
  }
}
