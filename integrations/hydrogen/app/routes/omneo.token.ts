// app/routes/omneo.token.ts — the token route at /omneo/token (not under `($locale)`: the proxy answers its own path only).
import { omneoTokenResponse, type OmneoRouteContext } from '../lib/omneo-token.server.js';

/** React Router's arguments to a resource route, the parts used here (Route.ActionArgs and Route.LoaderArgs fit). */
interface TokenRouteArgs {
  request: Request;
  context: OmneoRouteContext;
}

// The widgets POST; GET is answered the same way (the proxy allows both, as for Shopify app proxies).
export const action = ({ request, context }: TokenRouteArgs) => omneoTokenResponse(request, context);
export const loader = ({ request, context }: TokenRouteArgs) => omneoTokenResponse(request, context);
