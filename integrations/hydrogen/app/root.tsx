// app/root.tsx (excerpt): the customer hint from the root loader, the widgets configured once, the header badge.
import type { ReactNode } from 'react';
import { forgetOmneoShopper, PointsBalance, useOmneo } from './components/OmneoWidgets.js';
import { omneoCustomerHint, type OmneoRouteContext } from './lib/omneo-token.server.js';

export async function loader({ context }: { context: OmneoRouteContext }) {
  // ...your root loader's other data (header, cart, isLoggedIn)...
  return { customer: await omneoCustomerHint(context) };
}

/** Your Layout's header: the points badge beside the account link, not inside it. */
export function Header({ customer }: { customer: string | undefined }) {
  useOmneo(customer);
  return (
    <header>
      <a href="/account">Account</a>
      <PointsBalance variant="compact" placeholder={<span className="omneo-badge-placeholder" />} />
      {customer ? (
        <form method="post" action="/account/logout" onSubmit={forgetOmneoShopper}>
          <button type="submit">Sign out</button>
        </form>
      ) : null}
    </header>
  );
}

export default function App({ loaderData, children }: { loaderData: { customer: string | undefined }; children?: ReactNode }) {
  return (
    <>
      <Header customer={loaderData.customer} />
      <main>{children}</main>
    </>
  );
}
