// React usage: the wrappers from `omneo-widgets/react` give typed props and `onOmneo…` event props, and each
// registers its element when it first renders (your bundle holds only these two elements). Configure once, before
// the first render, from the same entry (`omneo-widgets` would register all six).
import { useState } from 'react';
import { configure, logout, PointsBalance, refresh, TierProgress } from 'omneo-widgets/react';

configure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });

export function LoyaltyPanel() {
  const [ready, setReady] = useState<string[]>([]);
  return (
    <section aria-label="Loyalty">
      <PointsBalance variant="compact" onOmneoReady={(event) => setReady((tags) => [...tags, event.detail.element])} />
      <TierProgress onOmneoError={(event) => console.warn(event.detail.kind, event.detail.message)} />
      <p>{ready.length ? `Loaded: ${ready.join(', ')}` : 'Loading…'}</p>
      {/* Call these from your auth code when the shopper signs in or out: no reload needed. */}
      <button type="button" onClick={() => void refresh()}>Refresh</button>
      <button type="button" onClick={() => logout()}>Forget</button>
    </section>
  );
}
