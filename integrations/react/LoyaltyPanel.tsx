// React usage: the wrappers from `omneo-widgets/react` give typed props and `onOmneo…` event props, and
// importing them registers the elements. Configure once, before the first render.
import { useState } from 'react';
import { configure, logout, refresh } from 'omneo-widgets';
import { PointsBalance, TierProgress } from 'omneo-widgets/react';

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
