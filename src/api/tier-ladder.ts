/**
 * The tier ladder from the proxy's `tiers-endpoint` (omneo-api.md §2.7): `{data: TierDefinition[]}`, the same
 * for every shopper and free of personal data. Omneo has no ID-API route for it, so this is the one read that
 * does not go through the Omneo client: a plain GET without a token or cookies, with a timeout, parsed by the
 * same TierDefinition schema, kept in memory per URL for an hour (MEMORY_TTL_MS).
 */
import * as z from 'zod/mini';
import { deadline } from './deadline.js';
import { OmneoHttpError, OmneoNetworkError, OmneoParseError, OmneoTimeoutError, isAbortError } from './errors.js';
import { tolerantArray, type DroppedItem } from './schemas/primitives.js';
import { droppedAt, reportDropped } from './resources.js';
import { TierDefinition } from './schemas/resources.js';
import type { ResourceDefinition } from './store.js';

export const TierLadderResponse = z.object({ data: tolerantArray(TierDefinition) });

export interface TierLadder {
  /** Sorted by `value_min`, lowest first, as the proxy promises (sorted again here: it costs nothing). */
  tiers: TierDefinition[];
  dropped: DroppedItem[];
}

export interface TierLadderOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Tiers kept at most, the lowest: the card lists each one, and a ladder of 10,000 (an endpoint that is not the
 * proxy's, a programme's data gone wrong) held the tab's main thread 1.3 s. Programmes have a handful.
 */
const MAX_TIERS = 100;
/** The proxy caches the ladder for an hour; a long-lived SPA page picks up changes on the same rhythm. */
const MEMORY_TTL_MS = 60 * 60_000;
const memory = new Map<string, { ladder: TierLadder; at: number }>();

/** Fetches and parses the ladder, or returns the copy fetched from the same URL within the last hour. */
export async function loadTierLadder(url: string, options: TierLadderOptions = {}): Promise<TierLadder> {
  const cached = memory.get(url);
  if (cached && Date.now() - cached.at < MEMORY_TTL_MS) return cached.ladder;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = deadline(timeoutMs, options.signal);
  const { signal } = timeout;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  let body: unknown;
  try {
    let response: Response;
    try {
      // Public data: no Authorization header and no cookies, so the route can be cached and served cross-origin.
      response = await doFetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', signal });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (signal.aborted || isAbortError(error)) throw new OmneoTimeoutError(url, timeoutMs);
      throw new OmneoNetworkError(url, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new OmneoHttpError(response.status, null, {}, null, url);
    }
    try {
      body = await response.json();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      // Cut off by the timeout, the read rejects with a plain AbortError (Chrome, Safari): no answer, as above, not
      // a body that is not JSON (which the console blames on tiers-endpoint). A dropped connection likewise.
      if (signal.aborted) throw new OmneoTimeoutError(url, timeoutMs);
      // Not JSON: a SyntaxError, or in WebKit (Safari) a DOMException named so ("The string did not match the expected
      // pattern."), which was taken for a dropped connection.
      if (!(error instanceof SyntaxError || (error instanceof DOMException && error.name === 'SyntaxError'))) throw new OmneoNetworkError(url, { cause: error });
      throw new OmneoParseError(url, 'body', 'the response was not valid JSON');
    }
  } finally {
    timeout.clear();
  }
  // A missing `data` would parse as an empty ladder; that is a broken route, not a programme without tiers.
  if (!body || typeof body !== 'object' || !Array.isArray((body as { data?: unknown }).data)) {
    throw new OmneoParseError(url, 'data', 'expected a list of tiers');
  }
  // With `data` a list, the schema has nothing left to refuse: a tier it cannot read is dropped and reported below
  // (tolerantArray), never the ladder, and other keys are ignored. (A safeParse failure branch here could not be reached.)
  const { items, dropped } = z.parse(TierLadderResponse, body).data;
  const ladder: TierLadder = {
    tiers: [...items].sort((a, b) => a.value_min - b.value_min).slice(0, MAX_TIERS),
    dropped,
  };
  // Reported once per fetch (the ladder is then kept in memory): a tier left out of the ladder should be visible
  // to the developer, as a dropped reward or wishlist item is; so should the tiers past the cap.
  reportDropped('tiers', droppedAt('data', ladder.dropped));
  if (items.length > MAX_TIERS) console.warn(`omneo-widgets: tiers: the ladder holds ${items.length} tiers; the lowest ${MAX_TIERS} are shown.`);
  memory.set(url, { ladder, at: Date.now() });
  return ladder;
}

/** For tests: forget every ladder fetched so far. */
export function forgetTierLadders(): void {
  memory.clear();
}

const definitions = new Map<string, ResourceDefinition<TierLadder>>();

/**
 * The ladder as a store resource, one per URL, so that it joins the page's store like every other read:
 * one request however many elements show it, Retry, refresh and the stale/error states for free. It is
 * loaded only for a signed-in shopper (the store asks for the session first): a guest sees no tier at all.
 */
export function tierLadderResource(url: string): ResourceDefinition<TierLadder> {
  let definition = definitions.get(url);
  if (!definition) {
    definition = { key: `tier-ladder|${url}`, load: (_client, signal) => loadTierLadder(url, { signal }) };
    definitions.set(url, definition);
  }
  return definition;
}
