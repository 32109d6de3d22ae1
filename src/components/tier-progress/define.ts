import { OmneoTierProgress } from './tier-progress.js';

OmneoTierProgress.define('omneo-tier-progress');

declare global {
  interface HTMLElementTagNameMap {
    'omneo-tier-progress': OmneoTierProgress;
  }
}
