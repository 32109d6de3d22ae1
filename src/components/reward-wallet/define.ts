import { OmneoRewardWallet } from './reward-wallet.js';

OmneoRewardWallet.define('omneo-reward-wallet');

declare global {
  interface HTMLElementTagNameMap {
    'omneo-reward-wallet': OmneoRewardWallet;
  }
}
