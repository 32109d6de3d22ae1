import { htmlToPlainText } from '../../src/core/text.js';
import { errorName, failureCause, storeFailure, timedOut } from './failures.js';
import type { ProxyStore } from './store.js';
import type { ProxyLogEntry } from './types.js';

/**
 * The tier ladder (omneo-api.md §2.7): Omneo has no shopper route for tier definitions, so the
 * proxy reads the admin `GET /tiers/definitions` (page after page, up to MAX_PAGES of 100, far more than a ladder
 * has; whether it is paginated is unknown),
 * keeps only the public fields, sorts by `value_min` and caches the result. When Omneo fails, a
 * ladder up to a day old is served instead of an error: it changes rarely and holds nothing personal.
 */

/** Fields a storefront may show. Anything else (`internal_notes`, audit fields, future additions) is dropped. */
export const PUBLIC_TIER_FIELDS = [
  'id',
  'name',
  'handle',
  'is_floor',
  'value_min',
  'value_maintain',
  'short_description',
  'long_description',
  'image_url',
  'icon',
  'terms_conditions',
  'earn_instructions',
  'disable_credit',
  'tags',
] as const;

const STALE_LIMIT_MS = 24 * 3600 * 1000;
const MAX_PAGES = 20;
/**
 * Tiers kept, the lowest by value_min: what the widget shows of a ladder (src/api/tier-ladder.ts). Each request
 * re-reads the cached ladder and writes it out: all of an oversized answer (100,000 tiers in one page, its
 * page[size] ignored) cost 386 ms of CPU per request.
 */
const MAX_TIERS = 100;

export type TiersResult = { ok: true; data: Record<string, unknown>[]; stale: boolean } | { ok: false; detail: ProxyLogEntry };

export interface TiersOptions {
  adminApiBase: string;
  adminToken: string;
  /** Called as `options.fetch(…)`: createProxy passes a plain function bound for Workers. */
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  store: ProxyStore;
  freshMs: number;
  log: (entry: ProxyLogEntry) => void;
}

function publicTier(raw: unknown): Record<string, unknown> | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const source = raw as Record<string, unknown>;
  const tier: Record<string, unknown> = {};
  for (const field of PUBLIC_TIER_FIELDS) if (field in source) tier[field] = source[field];
  return tier;
}

/**
 * The perk line the tier card shows as text: plain here (omneo-api.md §4, HTML "maybe other copy"), so no converter
 * ships in the card's code. The long HTML fields stay as Omneo sent them; the card does not show them. Done for the
 * tiers kept only.
 */
function withPlainPerk(tier: Record<string, unknown>): Record<string, unknown> {
  if (typeof tier.short_description === 'string') tier.short_description = htmlToPlainText(tier.short_description);
  return tier;
}

// A tier without `value_min` is the widget's 0 (its schema's default: src/api/schemas/resources.ts), its base tier,
// so it is kept first, not cut as the highest; one that is not a number sorts last (the widget drops it and says so).
const minOf = (tier: Record<string, unknown>) => {
  if (tier.value_min === undefined) return 0; // (null and "" are, as Number reads them)
  const n = Number(tier.value_min);
  return Number.isFinite(n) ? n : Infinity;
};

export function createTierLadder(options: TiersOptions) {
  const base = options.adminApiBase.replace(/\/+$/, '');
  // Per admin API, so tenants sharing one Redis never see each other's ladder.
  const CACHE_KEY = `tiers:${base}`;
  let inFlight: Promise<TiersResult> | null = null;

  async function fetchLadder(): Promise<TiersResult> {
    let tiers: Record<string, unknown>[] = [];
    let received = 0;
    const deadline = AbortSignal.timeout(options.timeoutMs);
    for (let page = 1; page <= MAX_PAGES; page++) {
      const query = new URLSearchParams({ 'page[size]': '100', 'page[number]': String(page) });
      let response: Response;
      try {
        response = await options.fetch(`${base}/tiers/definitions?${query}`, {
          headers: { Authorization: `Bearer ${options.adminToken}`, Accept: 'application/json' },
          redirect: 'manual',
          signal: deadline,
        });
      } catch (error) {
        return { ok: false, detail: { problem: 'unreachable', error: errorName(error), ...failureCause(error) } };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        // 401/403: the admin token is expired, revoked or lacks `read-tier-definitions`, named as such for the operator.
        const problem = response.status === 401 || response.status === 403 ? 'admin-token-refused' : 'upstream-error';
        return { ok: false, detail: { problem, upstreamStatus: response.status } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // The deadline also bounds the body: one that stalled after the headers is Omneo being slow, not malformed JSON.
        const name = errorName(error);
        return { ok: false, detail: timedOut(name) ? { problem: 'timeout', error: name } : { problem: 'invalid-json' } };
      }
      const envelope = (body ?? {}) as { data?: unknown; meta?: { current_page?: unknown; last_page?: unknown } };
      if (!Array.isArray(envelope.data)) return { ok: false, detail: { problem: 'no-data' } };
      const current = Number(envelope.meta?.current_page);
      // An endpoint that reads only Laravel's plain `page=` answers page 1 to every `page[number]`: a repeat,
      // whose tiers are in the ladder already (the widgets' own lists stop the same way).
      if (page > 1 && current !== page) break;
      for (const item of envelope.data) {
        const tier = publicTier(item);
        // Tiers only: entries that are not one are dropped anyway, and counted they would log a cut that left none out.
        if (!tier) continue;
        tiers.push(tier);
        received += 1;
      }
      // Page by page, so that no more than a page's tiers beyond the kept ones are ever held.
      if (tiers.length > MAX_TIERS) tiers = tiers.sort((a, b) => minOf(a) - minOf(b)).slice(0, MAX_TIERS);
      const last = Number(envelope.meta?.last_page);
      if (!Number.isFinite(current) || !Number.isFinite(last) || current >= last || envelope.data.length === 0) break;
    }
    tiers.sort((a, b) => minOf(a) - minOf(b));
    // Once per read from Omneo: the operator learns why the card lists fewer tiers than the programme has.
    if (received > MAX_TIERS) options.log({ event: 'omneo.tiers', outcome: 'ladder-cut', tiers: tiers.length, received });
    return { ok: true, data: tiers.map(withPlainPerk), stale: false };
  }

  async function readCache(): Promise<{ fetchedAt: number; data: Record<string, unknown>[] } | null> {
    try {
      const text = await options.store.get(CACHE_KEY);
      return text ? (JSON.parse(text) as { fetchedAt: number; data: Record<string, unknown>[] }) : null;
    } catch (error) {
      options.log(storeFailure('get', error));
      return null;
    }
  }

  return {
    async ladder(): Promise<TiersResult & { ageMs?: number }> {
      const cached = await readCache();
      const age = cached ? options.now() - cached.fetchedAt : Infinity;
      if (cached && age < options.freshMs) return { ok: true, data: cached.data, stale: false, ageMs: age };
      inFlight ??= fetchLadder().finally(() => (inFlight = null));
      const fresh = await inFlight;
      if (fresh.ok) {
        try {
          await options.store.set(CACHE_KEY, JSON.stringify({ fetchedAt: options.now(), data: fresh.data }), STALE_LIMIT_MS);
        } catch (error) {
          options.log(storeFailure('set', error));
        }
        return { ...fresh, ageMs: 0 };
      }
      if (cached && age < STALE_LIMIT_MS) return { ok: true, data: cached.data, stale: true, ageMs: age };
      return fresh;
    },
  };
}
