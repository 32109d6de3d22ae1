// app/routes/account._index.tsx (excerpt): the loyalty section of the account page.
import { PointsBalance, RewardWallet, TierProgress, Wishlist } from '../components/OmneoWidgets.js';

export default function AccountLoyalty() {
  return (
    <section aria-label="Rewards">
      <PointsBalance />
      <TierProgress />
      <RewardWallet filter="all" onOmneoBenefitRedeemed={(event) => console.info('redeemed', event.detail)} />
      <Wishlist />
    </section>
  );
}
