/**
 * The card's "points expire on …" notice: the points ledger resource, the expiry rule and date formatting; and
 * the card's other extras (the profile, the figure's line breaks). Only a card imports this (the compact badge has
 * no room for the notice), so a page with just the header badge never downloads the ledger's schema, pagination
 * or the business rules.
 */
import { html, type TemplateResult } from 'lit';
import { EXPIRING_SOON_DAYS, expiringPointsResource, profileResource, type AllPagesResult } from '../../api/resources.js';
import { lastUsableMoment, pointsExpiringSoon } from '../../api/rules.js';
import type { PointInstance } from '../../api/schemas/resources.js';
import { formatDate, formatPoints, pointsCount } from '../../core/format.js';

// The profile, for its currency when the balances carry none: card-only, like the notice.
export { expiringPointsResource, profileResource };

/** The `points.expiring` message parameters for the soonest expiry, or null when nothing expires soon. */
export function soonestExpiry(points: AllPagesResult<PointInstance>, locale: string): { count: number; formatted: string; date: string } | null {
  // Point instances carry no time zone: group and show expiry dates in the shopper's own zone.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The soonest date with a figure to show: a fraction of a point left on an instance (0.004) read "0 points expire on …".
  const first = pointsExpiringSoon(points.items, new Date(), EXPIRING_SOON_DAYS, zone).groups.find((group) => pointsCount(group.points) > 0);
  if (!first) return null;
  return { count: pointsCount(first.points), formatted: formatPoints(first.points, locale), date: formatDate(lastUsableMoment(first.expiresAt), locale, zone) };
}

/**
 * The card's points message with a line-break opportunity (<wbr>: no text) after each separator between the figure's
 * digits, so that a figure too long for the card's line (125,000 at 200% text on a phone) breaks between digit groups,
 * "125,|000", where the card's overflow-wrap: anywhere alone made "125,0|00". Card-only like the notice (the badge
 * never wraps), so the badge page does not carry it; until this module arrives the figure has no such breaks.
 */
export function breakBetweenGroups(text: string, figure: string): (string | TemplateResult)[] {
  // A line feed marks each break, no lookbehind: Safari before 16.4 cannot compile one. No formatted number holds a line feed.
  const groups = figure
    .replace(/\p{Nd}\P{Nd}(?=\p{Nd})/gu, '$&\n')
    .split('\n')
    .map((group, index) => (index ? html`<wbr>${group}` : group));
  return text.split(figure).flatMap((rest, index) => (index ? [...groups, rest] : [rest]));
}
