/**
 * The card's "points expire on …" notice: the points ledger resource, the expiry rule and date formatting.
 * Only a card imports this (the compact badge has no room for the notice), so a page with just the header
 * badge never downloads the ledger's schema, pagination or the business rules.
 */
import { EXPIRING_SOON_DAYS, expiringPointsResource, profileResource, type AllPagesResult } from '../../api/resources.js';
import { pointsExpiringSoon } from '../../api/rules.js';
import type { PointInstance } from '../../api/schemas/resources.js';
import { formatDate, formatPoints, pointsCount } from '../../core/format.js';

// The profile, for its currency when the balances carry none: card-only, like the notice.
export { expiringPointsResource, profileResource };

/** The `points.expiring` message parameters for the soonest expiry, or null when nothing expires soon. */
export function soonestExpiry(points: AllPagesResult<PointInstance>, locale: string): { count: number; formatted: string; date: string } | null {
  // Point instances carry no time zone: group and show expiry dates in the shopper's own zone.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const first = pointsExpiringSoon(points.items, new Date(), EXPIRING_SOON_DAYS, zone).groups[0];
  if (!first) return null;
  return { count: pointsCount(first.points), formatted: formatPoints(first.points, locale), date: formatDate(first.expiresAt, locale, zone) };
}
