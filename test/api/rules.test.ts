import { expect } from '@open-wc/testing';
import {
  benefitCode,
  benefitStatus,
  canRedeemBenefit,
  clampRedemption,
  findItemBySku,
  findItemsBySku,
  oneItemPerSku,
  findWishlist,
  lastUsableMoment,
  pointsExpiringSoon,
  rewardExpiresSoon,
  rewardExpiresToday,
  rewardStatus,
  sortRewards,
  tierLadder,
  toCents,
  tierProgress,
  tierReviewDeadline,
} from '../../src/api/rules.js';
import * as z from 'zod/mini';
import { Benefit, List, PointInstance, Reward, TierProgress } from '../../src/api/schemas/resources.js';

// The seed's "now" (omneo-api.md §2.0) and its records, parsed through the real schemas.
const NOW = new Date('2025-11-26T01:00:00Z');
const parse = <S extends z.ZodMiniType>(schema: S, value: unknown) => z.parse(schema, value);

const rewards = [
  { id: 55102, value_initial: '20.00', value_remaining: '20.00', is_expired: false, is_active: true, expires_at: '2025-12-08 12:59:59', definition: { name: 'Birthday $20' } },
  { id: 54877, value_initial: 25, value_remaining: '15.00', is_expired: '0', is_active: '1', expires_at: '2026-02-28 12:59:59', definition: { name: '$25 spend' } },
  { id: 53120, value_initial: 10, value_remaining: 0, is_expired: false, is_active: false, expires_at: '2026-01-31 12:59:59', definition: { name: 'Welcome' } },
  { id: 51004, value_initial: '10.00', value_remaining: '10.00', is_expired: true, is_active: false, expires_at: '2025-09-30 13:59:59', definition: { name: 'Winter' } },
].map((reward) => parse(Reward, reward));

describe('rule 1: rewardStatus', () => {
  it('derives the seed statuses', () => {
    expect(rewards.map((reward) => rewardStatus(reward, NOW))).to.deep.equal(['active', 'partly-used', 'used', 'expired']);
  });
  it('treats an expiry at exactly now as expired', () => {
    const reward = { ...rewards[0]!, expires_at: NOW };
    expect(rewardStatus(reward, NOW)).to.equal('expired');
  });
  it('treats an inactive reward with value as expired (not spendable)', () => {
    expect(rewardStatus({ ...rewards[0]!, is_active: false }, NOW)).to.equal('expired');
  });
  it('compares money in cents (0.001 left is used)', () => {
    expect(rewardStatus({ ...rewards[0]!, value_remaining: 0.001 }, NOW)).to.equal('used');
    expect(rewardStatus({ ...rewards[0]!, value_remaining: 19.999 }, NOW)).to.equal('active');
  });
  it("compares money in the currency's minor units: fils for KWD, yen for JPY", () => {
    const kwd = { ...rewards[0]!, value_initial: 10.5 };
    // 4 fils left is value in KWD (3 decimals), where it would round to 0 cents.
    expect(rewardStatus({ ...kwd, value_remaining: 0.004 }, NOW, 'KWD')).to.equal('partly-used');
    expect(rewardStatus({ ...kwd, value_remaining: 0.0004 }, NOW, 'KWD')).to.equal('used');
    // 1 fil spent of 10.500 is partly used; in cents the two would read alike.
    expect(rewardStatus({ ...kwd, value_remaining: 10.499 }, NOW, 'KWD')).to.equal('partly-used');
    expect(rewardStatus({ ...kwd, value_remaining: 10.499 }, NOW)).to.equal('active');
    // JPY has no minor unit: 0.4 yen left is nothing, 1999.6 of 2000 rounds to the whole amount.
    const jpy = { ...rewards[0]!, value_initial: 2000 };
    expect(rewardStatus({ ...jpy, value_remaining: 0.4 }, NOW, 'JPY')).to.equal('used');
    expect(rewardStatus({ ...jpy, value_remaining: 1999.6 }, NOW, 'JPY')).to.equal('active');
    expect(rewardStatus({ ...jpy, value_remaining: 1999.4 }, NOW, 'JPY')).to.equal('partly-used');
    // Expiring soon and the wallet order read the same status.
    expect(rewardExpiresSoon({ ...kwd, value_remaining: 0.004 }, NOW, 30, 'KWD')).to.equal(true);
    expect(rewardExpiresSoon({ ...kwd, value_remaining: 0.004 }, NOW, 30)).to.equal(false);
    const nearlySpent = { ...kwd, id: 'kwd', value_remaining: 0.004, expires_at: new Date('2026-06-01T00:00:00Z') };
    expect(sortRewards([rewards[2]!, nearlySpent], NOW, 'KWD').map((reward) => reward.id)).to.deep.equal(['kwd', '53120']);
  });
  it('toCents: minor units of the currency, cents without one; sums exact', () => {
    expect([toCents(12.345), toCents(12.345, 'AUD'), toCents(12.345, 'KWD'), toCents(1234.5, 'JPY')]).to.deep.equal([1235, 1235, 12345, 1235]);
    expect(toCents(3.125, 'KWD') + toCents(0.005, 'KWD')).to.equal(toCents(3.125 + 0.005, 'KWD'));
    expect(toCents(3.125 + 0.005, 'KWD')).to.equal(3130);
    expect(toCents(-3.125, 'KWD')).to.equal(-3125);
  });
  it('flags only usable rewards as expiring soon (seed: 55102)', () => {
    expect(rewards.filter((reward) => rewardExpiresSoon(reward, NOW)).map((reward) => reward.id)).to.deep.equal(['55102']);
  });
  it('counts a reward ending exactly at the end of the window as expiring soon, and not a millisecond later', () => {
    const end = NOW.getTime() + 30 * 86_400_000;
    expect(rewardExpiresSoon({ ...rewards[0]!, expires_at: new Date(end) }, NOW)).to.equal(true);
    expect(rewardExpiresSoon({ ...rewards[0]!, expires_at: new Date(end + 1) }, NOW)).to.equal(false);
  });
  it("says a usable reward expires today on the date it ends, in the zone its date is shown in", () => {
    // NOW is 12:00 on 26 Nov in Sydney (UTC+11), 01:00 on 26 Nov in UTC.
    const endingAt = (iso: string) => ({ ...rewards[0]!, expires_at: new Date(iso) });
    // Within the hour, the same day: today.
    expect(rewardExpiresToday(endingAt('2025-11-26T01:30:00Z'), NOW, 'Australia/Sydney')).to.equal(true);
    expect(rewardExpiresToday(endingAt('2025-11-26T12:59:59Z'), NOW, 'Australia/Sydney'), '23:59:59 in Sydney').to.equal(true);
    // 00:30 on 27 Nov in Sydney is tomorrow there, though under a day away, and still 26 Nov in UTC.
    expect(rewardExpiresToday(endingAt('2025-11-26T13:30:00Z'), NOW, 'Australia/Sydney')).to.equal(false);
    expect(rewardExpiresToday(endingAt('2025-11-26T13:30:00Z'), NOW, 'UTC')).to.equal(true);
    // Already ended, used up or not active: not "expires today".
    expect(rewardExpiresToday(endingAt('2025-11-26T00:59:59Z'), NOW, 'Australia/Sydney')).to.equal(false);
    expect(rewardExpiresToday({ ...endingAt('2025-11-26T01:30:00Z'), value_remaining: 0 }, NOW, 'Australia/Sydney')).to.equal(false);
    expect(rewardExpiresToday({ ...endingAt('2025-11-26T01:30:00Z'), is_active: false }, NOW, 'Australia/Sydney')).to.equal(false);
    // No expiry, and the seed's rewards (the soonest ends in 12 days).
    expect(rewardExpiresToday({ ...rewards[0]!, expires_at: null }, NOW, 'UTC')).to.equal(false);
    expect(rewards.filter((reward) => rewardExpiresToday(reward, NOW, 'Australia/Sydney'))).to.deep.equal([]);
    // No zone or an unknown one: the runtime's, as the dates are then shown (a millisecond ahead is the same day anywhere).
    expect(rewardExpiresToday(endingAt('2025-11-26T01:00:00.001Z'), NOW, null)).to.equal(true);
    expect(rewardExpiresToday(endingAt('2025-11-26T01:00:00.001Z'), NOW, 'Mars/Olympus_Mons')).to.equal(true);
  });
  it('takes an expiry at a midnight as the end of the day before: "today" on that day, not on the one it is over from its start', () => {
    const endingAt = (iso: string) => ({ ...rewards[0]!, expires_at: new Date(iso) });
    // 00:00 on 27 Nov in Sydney (13:00 UTC on the 26th); NOW is 12:00 on the 26th there: it ends tonight.
    expect(rewardExpiresToday(endingAt('2025-11-26T13:00:00Z'), NOW, 'Australia/Sydney')).to.equal(true);
    // A millisecond later it is the 27th's: ends tomorrow.
    expect(rewardExpiresToday(endingAt('2025-11-26T13:00:00.001Z'), NOW, 'Australia/Sydney')).to.equal(false);
    expect(lastUsableMoment(new Date('2025-12-15T12:59:59Z')).toISOString()).to.equal('2025-12-15T12:59:58.999Z');
  });
  it('says "today" all through a 25-hour day, when the clocks go back (Sydney in April, Paris in October)', () => {
    const endingAt = (iso: string) => ({ ...rewards[0]!, expires_at: new Date(iso) });
    // Sydney leaves daylight time on Sunday 5 April 2026 (03:00 AEDT → 02:00 AEST). A reward ending at 23:59:59
    // that day (13:59:59 UTC) is 24 h 29 min away at 00:30 AEDT (13:30 UTC on the 4th), yet ends today.
    const sydneyDayEnd = endingAt('2026-04-05T13:59:59Z');
    expect(rewardExpiresToday(sydneyDayEnd, new Date('2026-04-04T13:30:00Z'), 'Australia/Sydney'), '00:30 on 5 Apr').to.equal(true);
    expect(rewardExpiresToday(sydneyDayEnd, new Date('2026-04-04T12:59:59Z'), 'Australia/Sydney'), '23:59:59 on 4 Apr').to.equal(false);
    // Paris leaves summer time on Sunday 26 October 2025: 23:59:59 CET is 22:59:59 UTC; 00:30 CEST is 22:30 UTC on the 25th.
    expect(rewardExpiresToday(endingAt('2025-10-26T22:59:59Z'), new Date('2025-10-25T22:30:00Z'), 'Europe/Paris')).to.equal(true);
    // The 23-hour day, when they go forward (Sydney, 4 October 2026): today from its first minute to its last.
    const shortDayEnd = endingAt('2026-10-04T12:59:59Z');
    expect(rewardExpiresToday(shortDayEnd, new Date('2026-10-03T14:00:00Z'), 'Australia/Sydney'), '00:00 on 4 Oct').to.equal(true);
    expect(rewardExpiresToday(shortDayEnd, new Date('2026-10-03T13:59:59Z'), 'Australia/Sydney'), '23:59:59 on 3 Oct').to.equal(false);
  });
  it('sorts usable first by soonest expiry, then used, then expired', () => {
    expect(sortRewards(rewards.slice().reverse(), NOW).map((reward) => reward.id)).to.deep.equal(['55102', '54877', '53120', '51004']);
    // Partly used is usable: it goes by its expiry among the active ones, before a later active one.
    const partlyUsedSooner = { ...rewards[1]!, expires_at: new Date('2025-12-01T12:59:59Z') };
    expect(sortRewards([rewards[2]!, rewards[0]!, partlyUsedSooner], NOW).map((reward) => reward.id)).to.deep.equal(['54877', '55102', '53120']);
  });
  it('a usable reward that never expires goes after those that expire, before the used ones', () => {
    const forever = { ...rewards[0]!, id: 'forever', expires_at: null };
    expect(sortRewards([forever, rewards[2]!, rewards[1]!, rewards[0]!], NOW).map((reward) => reward.id)).to.deep.equal(['55102', '54877', 'forever', '53120']);
    expect(sortRewards([rewards[1]!, rewards[0]!, forever], NOW).map((reward) => reward.id)).to.deep.equal(['55102', '54877', 'forever']);
  });
  it('sorts expired rewards most recently expired first (the usable ones soonest first)', () => {
    const expiredOn = (id: string, iso: string) => ({ ...rewards[3]!, id, expires_at: new Date(iso) });
    const expired = [expiredOn('june', '2025-06-30T13:59:59Z'), expiredOn('october', '2025-10-31T12:59:59Z'), expiredOn('august', '2025-08-31T13:59:59Z')];
    expect(sortRewards(expired, NOW).map((reward) => reward.id)).to.deep.equal(['october', 'august', 'june']);
  });
});

describe('rule 2: pointsExpiringSoon', () => {
  const points = [
    { id: 90211, value_initial: '600', value_remaining: '450', accrued_at: '2025-07-20 03:14:09', expires_at: '2025-12-15 12:59:59', status: 'active' },
    { id: 90587, value_initial: 800, value_remaining: 800, accrued_at: '2025-11-03 02:31:09', expires_at: '2026-10-04 13:59:59', status: 'active' },
    { id: 91002, value_initial: 200, value_remaining: 200, accrued_at: '2025-12-24 09:30:00', expires_at: null, status: 'pending' },
  ].map((point) => parse(PointInstance, point));

  it('finds the seed: 450 points expiring 15 Dec 2025 in Sydney', () => {
    const soon = pointsExpiringSoon(points, NOW, 30, 'Australia/Sydney');
    expect(soon.total).to.equal(450);
    expect(soon.groups).to.have.length(1);
    expect(soon.groups[0]!.date).to.equal('2025-12-15');
    expect(soon.earliest!.toISOString()).to.equal('2025-12-15T12:59:59.000Z');
  });
  it('excludes pending, expired-status, unaccrued, used-up and already expired instances', () => {
    const base = { id: 1, value_initial: 10, value_remaining: 10, accrued_at: null, expires_at: '2025-12-01 00:00:00', status: 'active' };
    const cases = [
      { ...base, status: 'Pending review' },
      { ...base, status: 'EXPIRED' },
      { ...base, accrued_at: '2025-12-01 00:00:00' },
      { ...base, value_remaining: 0 },
      { ...base, expires_at: '2025-11-26 01:00:00' },
      { ...base, expires_at: '2026-01-01 00:00:00' },
    ].map((point) => parse(PointInstance, point));
    // Nothing at all: no group of 0 points, no earliest date.
    expect(pointsExpiringSoon(cases, NOW)).to.deep.equal({ total: 0, earliest: null, groups: [] });
  });
  it('includes the window\'s edges: expiring exactly now + days, accrued exactly now', () => {
    const base = { id: 1, value_initial: 10, value_remaining: 10, accrued_at: null, status: 'active' };
    const edges = [
      { ...base, expires_at: '2025-12-26 01:00:00' }, // NOW + 30 days
      { ...base, expires_at: '2025-12-01 00:00:00', accrued_at: '2025-11-26 01:00:00' }, // accrued at NOW
    ].map((point) => parse(PointInstance, point));
    expect(pointsExpiringSoon(edges, NOW).total).to.equal(20);
  });
  it('sorts groups soonest first and keeps each date\'s earliest expiry, whatever order Omneo sends (its sort is unverified)', () => {
    const base = { id: 1, value_initial: 10, accrued_at: null, status: 'active' };
    const points = [
      { ...base, value_remaining: 10, expires_at: '2025-12-10 20:00:00' },
      { ...base, value_remaining: 20, expires_at: '2025-12-01 10:00:00' },
      { ...base, value_remaining: 5, expires_at: '2025-12-10 05:00:00' },
    ].map((point) => parse(PointInstance, point));
    const soon = pointsExpiringSoon(points, NOW);
    expect(soon.groups.map((g) => [g.date, g.points, g.expiresAt.toISOString()])).to.deep.equal([
      ['2025-12-01', 20, '2025-12-01T10:00:00.000Z'],
      ['2025-12-10', 15, '2025-12-10T05:00:00.000Z'],
    ]);
    expect(soon.earliest!.toISOString()).to.equal('2025-12-01T10:00:00.000Z');
  });
  it('groups points expiring at a midnight under the day before, their last (and the date shown is that day)', () => {
    const base = { id: 1, value_initial: 10, value_remaining: 10, accrued_at: null, status: 'active' };
    const points = [
      { ...base, expires_at: '2025-12-01 12:59:59' }, // 23:59:59 on 1 Dec in Sydney
      { ...base, expires_at: '2025-12-01 13:00:00' }, // 00:00 on 2 Dec in Sydney: over as 2 Dec begins
    ].map((point) => parse(PointInstance, point));
    expect(pointsExpiringSoon(points, NOW, 30, 'Australia/Sydney').groups.map((g) => [g.date, g.points])).to.deep.equal([['2025-12-01', 20]]);
  });
  it('groups by calendar date in the display zone', () => {
    const base = { id: 1, value_initial: 10, value_remaining: 10, accrued_at: null, status: 'active' };
    const points = [
      { ...base, expires_at: '2025-12-01 10:00:00' },
      { ...base, expires_at: '2025-12-01 14:30:00' }, // 2 Dec in Sydney
      { ...base, expires_at: '2025-12-01 20:00:00' }, // 2 Dec in Sydney
    ].map((point) => parse(PointInstance, point));
    expect(pointsExpiringSoon(points, NOW, 30, 'UTC').groups.map((g) => g.points)).to.deep.equal([30]);
    expect(pointsExpiringSoon(points, NOW, 30, 'Australia/Sydney').groups.map((g) => [g.date, g.points])).to.deep.equal([
      ['2025-12-01', 10],
      ['2025-12-02', 20],
    ]);
  });
});

describe('rule 3: tierProgress', () => {
  const silver = parse(TierProgress, {
    is_floor: false,
    current_tier: { id: 2, name: 'Silver', handle: 'silver', value_min: 500, value_maintain: '400' },
    next_tier: { id: 3, name: 'Gold', handle: 'gold', value_min: 1500, value_maintain: 1200 },
    current_credit: 50, current_progress: '300', current_remain: 50, next_progress: 1100, next_remain: 400,
    anniversary_at: '2026-03-14 00:00:00',
  });

  it('computes the seed: 73%, 400 to Gold, maintain 350 of 400 (87%) by 14 Mar 2026', () => {
    const summary = tierProgress(silver);
    expect(summary.percent).to.equal(73);
    expect(summary.pointsToNext).to.equal(400);
    expect(summary.isTop).to.equal(false);
    expect(summary.maintain).to.deep.include({ earned: 350, required: 400, remain: 50, percent: 87 });
    expect(summary.maintain!.by!.toISOString()).to.equal('2026-03-14T00:00:00.000Z');
  });
  it('handles the top tier: no next, 100%, only maintain figures', () => {
    const top = tierProgress({ ...silver, next_tier: null, next_remain: null, next_progress: 3420 });
    expect(top).to.deep.include({ isTop: true, percent: 100, pointsToNext: null, next: null });
    expect(top.maintain).to.not.equal(null);
  });
  it('derives points to next from value_min when next_remain is missing, never negative', () => {
    expect(tierProgress({ ...silver, next_remain: null }).pointsToNext).to.equal(400);
    expect(tierProgress({ ...silver, next_remain: null, next_progress: 2000 }).pointsToNext).to.equal(0);
  });
  it('has no figure to the next tier when Omneo sends neither next_remain nor its value_min: unknown, never "reached"', () => {
    // value_min missing parses as 0: with next_remain null nothing says how far Gold is.
    const unknown = tierProgress({ ...silver, next_tier: { ...silver.next_tier!, value_min: 0 }, next_remain: null });
    expect(unknown).to.deep.include({ pointsToNext: null, percent: 0, isTop: false });
    expect(unknown.next!.handle).to.equal('gold');
    // Either figure alone is enough: Omneo's own "0 remain" is trusted, a threshold with no progress is all to earn.
    expect(tierProgress({ ...silver, next_tier: { ...silver.next_tier!, value_min: 0 }, next_remain: 0 }).pointsToNext).to.equal(0);
    expect(tierProgress({ ...silver, next_remain: null, next_progress: null }).pointsToNext).to.equal(1500);
  });
  it('never reads 100% before the tier is reached', () => {
    expect(tierProgress({ ...silver, next_progress: 1499, next_remain: 1 }).percent).to.equal(99);
  });
  it('fills the bar when both of Omneo’s figures say the tier is reached, so bar and words agree', () => {
    expect(tierProgress({ ...silver, next_progress: 1500, next_remain: 0 })).to.deep.include({ pointsToNext: 0, percent: 100 });
    expect(tierProgress({ ...silver, next_progress: 1620, next_remain: null })).to.deep.include({ pointsToNext: 0, percent: 100 });
    expect(tierProgress({ ...silver, next_tier: { ...silver.next_tier!, value_min: 0 }, next_progress: 0, next_remain: 0 }).percent).to.equal(100);
  });
  it('when Omneo’s figures disagree, the larger "still needed" wins: never "reached" beside 100 of 1,500', () => {
    // next_remain 0 with low progress: the card said "100 of 1,500" and "You have the tier points for Gold".
    expect(tierProgress({ ...silver, next_progress: 100, next_remain: 0 })).to.deep.include({ pointsToNext: 1400, percent: 6 });
    expect(tierProgress({ ...silver, next_progress: 1400, next_remain: 0 })).to.deep.include({ pointsToNext: 100, percent: 93 });
    // Omneo's remain is the larger: it wins, and the bar follows the words (900 of 1,500 reached = 60%).
    expect(tierProgress({ ...silver, next_progress: 1100, next_remain: 600 })).to.deep.include({ pointsToNext: 600, percent: 60 });
    // Past the threshold by the figures, yet Omneo still asks for some: not reached.
    expect(tierProgress({ ...silver, next_progress: 1600, next_remain: 20 })).to.deep.include({ pointsToNext: 20, percent: 98 });
  });
  it('goes by next_remain alone when next_progress is unknown, and by the threshold when both are', () => {
    expect(tierProgress({ ...silver, next_progress: null, next_remain: 400 })).to.deep.include({ pointsToNext: 400, percent: 73 });
    expect(tierProgress({ ...silver, next_progress: null, next_remain: null })).to.deep.include({ pointsToNext: 1500, percent: 0 });
  });
  it('keeps the maintain figures honest the same way: never "earned enough" while short of value_maintain', () => {
    // 350 of 400 earned but current_remain 0: 50 still needed, 87%.
    expect(tierProgress({ ...silver, current_remain: 0 }).maintain).to.deep.include({ earned: 350, remain: 50, percent: 87 });
    // Omneo asks for more than the figures do: its figure wins, the bar follows (400 − 120 = 280 of 400 = 70%).
    expect(tierProgress({ ...silver, current_remain: 120 }).maintain).to.deep.include({ remain: 120, percent: 70 });
    // Earned past the requirement, Omneo agreeing: kept, 100%.
    expect(tierProgress({ ...silver, current_progress: 500, current_remain: 0 }).maintain).to.deep.include({ earned: 550, remain: 0, percent: 100 });
  });
  it('keeps the arithmetic right with negative tier points (a clawback)', () => {
    const clawedBack = tierProgress({ ...silver, next_progress: -250, next_remain: null, current_progress: -300, current_credit: 0, current_remain: null });
    expect(clawedBack).to.deep.include({ pointsToNext: 1750, percent: 0 });
    expect(clawedBack.maintain).to.deep.include({ earned: -300, remain: 700, percent: 0 });
    // Omneo's remain agreeing with the figures.
    expect(tierProgress({ ...silver, next_progress: -250, next_remain: 1750 })).to.deep.include({ pointsToNext: 1750, percent: 0 });
    // A negative remain is nothing still needed, not a negative figure.
    expect(tierProgress({ ...silver, next_progress: 1700, next_remain: -200 })).to.deep.include({ pointsToNext: 0, percent: 100 });
  });
  it('keeps a fraction of a tier point as Omneo sends it', () => {
    expect(tierProgress({ ...silver, next_progress: 1249.6, next_remain: 250.4 })).to.deep.include({ percent: 83 });
    expect(tierProgress({ ...silver, next_progress: 1249.6, next_remain: 250.4 }).pointsToNext).to.be.closeTo(250.4, 1e-9);
  });
  // Numbers JSON can carry at the ends of a double's range sum past it: 1.7e308 + 1.7e308 is Infinity, and the bar
  // read NaN% (aria-valuenow "NaN"), "∞ tier points to Gold", "∞ more to keep Silver".
  it('figures at the ends of a double (±1.7e308): no NaN or Infinity, and no promise no figure supports', () => {
    const finite = (summary: ReturnType<typeof tierProgress>) =>
      [summary.percent, summary.pointsToNext, summary.maintain?.percent, summary.maintain?.remain, summary.maintain?.earned].every(
        (value) => value === null || value === undefined || Number.isFinite(value),
      );
    const huge = 1.7e308;
    const noThreshold = tierProgress({ ...silver, next_tier: { ...silver.next_tier!, value_min: 0 }, next_progress: huge, next_remain: huge });
    expect(finite(noThreshold), JSON.stringify(noThreshold)).to.equal(true);
    expect(noThreshold).to.deep.include({ pointsToNext: huge });
    expect(noThreshold.percent).to.be.within(0, 99);
    const clawedBack = tierProgress({ ...silver, next_tier: { ...silver.next_tier!, value_min: huge }, next_progress: -huge, next_remain: null });
    expect(finite(clawedBack), JSON.stringify(clawedBack)).to.equal(true);
    expect(clawedBack).to.deep.include({ pointsToNext: huge, percent: 0 });
    // What keeps Silver cannot be told: no maintain line, rather than "kept" or an infinite figure.
    const lost = tierProgress({ ...silver, current_progress: -huge, current_credit: -huge, current_remain: null });
    expect(finite(lost), JSON.stringify(lost)).to.equal(true);
    expect(lost.maintain).to.equal(null);
  });
  it('uses the remain-based fraction when value_min is 0', () => {
    const summary = tierProgress({ ...silver, next_tier: { ...silver.next_tier!, value_min: 0 }, next_progress: 100, next_remain: 300 });
    expect(summary.percent).to.equal(25);
  });
  it('has no maintain figures on the floor tier or without a current tier', () => {
    expect(tierProgress({ ...silver, is_floor: true }).maintain).to.equal(null);
    expect(tierProgress({ ...silver, current_tier: null }).maintain).to.equal(null);
    // Nothing to keep: a tier with no maintain threshold.
    expect(tierProgress({ ...silver, current_tier: { ...silver.current_tier!, value_maintain: 0 } }).maintain).to.equal(null);
  });
  it('sorts the ladder by value_min and marks the current tier', () => {
    const ladder = tierLadder(
      [
        { handle: 'gold', value_min: 1500 },
        { handle: 'member', value_min: 0 },
        { handle: 'silver', value_min: 500 },
      ],
      'silver',
    );
    expect(ladder.map((tier) => [tier.handle, tier.isCurrent])).to.deep.equal([
      ['member', false],
      ['silver', true],
      ['gold', false],
    ]);
  });
});

describe('rule 4: benefit codes and self-redeem', () => {
  const birthdayInput = {
    id: 7781, expires_at: '2025-12-14 12:59:59', is_expired: false, is_redeemable: true, redemptions_remaining: '1',
    redeem_code_online: 'BDAY-7Q4K-2M', redeem_code_pos: '',
    definition: { name: 'Birthday 20% off', redeem_code_online: 'BIRTHDAY20', redeem_code_pos: 'BDAY20', allow_user_redeem: true as unknown },
  };
  const birthday = parse(Benefit, birthdayInput);
  const shipping = parse(Benefit, {
    id: 7790, expires_at: '2026-03-14 12:59:59', is_expired: 0, is_redeemable: 1, redemptions_remaining: 3,
    redeem_code_online: null, redeem_code_pos: null,
    definition: { name: 'Free express shipping', redeem_code_online: 'SHIPFREE', redeem_code_pos: null, allow_user_redeem: false },
  });

  it('prefers the instance code, and treats "" as absent', () => {
    expect(benefitCode(birthday, 'online')).to.equal('BDAY-7Q4K-2M');
    expect(benefitCode(birthday, 'pos')).to.equal('BDAY20');
    expect(benefitCode(shipping, 'online')).to.equal('SHIPFREE');
    expect(benefitCode(shipping, 'pos')).to.equal(null);
  });
  it('lets the seed birthday benefit be redeemed but not the shipping one', () => {
    expect(canRedeemBenefit(birthday, NOW)).to.equal(true);
    expect(canRedeemBenefit(shipping, NOW)).to.equal(false);
  });
  it('refuses when expired, used up or not redeemable', () => {
    expect(canRedeemBenefit({ ...birthday, redemptions_remaining: 0 }, NOW)).to.equal(false);
    expect(canRedeemBenefit({ ...birthday, is_redeemable: false }, NOW)).to.equal(false);
    expect(canRedeemBenefit(birthday, new Date('2025-12-14T13:00:00Z'))).to.equal(false);
    expect(canRedeemBenefit({ ...birthday, redemptions_remaining: null }, NOW)).to.equal(true);
  });
  it('offers Redeem only when allow_user_redeem is explicitly true (absent or unreadable: Omneo would answer 403)', () => {
    for (const allow of [undefined, null, 'maybe']) {
      const benefit = parse(Benefit, { ...birthdayInput, definition: { ...birthdayInput.definition, allow_user_redeem: allow } });
      expect(benefit.definition.allow_user_redeem, String(allow)).to.equal(null);
      expect(canRedeemBenefit(benefit, NOW), String(allow)).to.equal(false);
    }
  });
  it('says whether a benefit can still be used: the seed ones can', () => {
    expect(benefitStatus(birthday, NOW)).to.equal('active');
    expect(benefitStatus(shipping, NOW)).to.equal('active');
  });
  it('is used once no uses remain: after its last redemption (0 left, no longer redeemable)', () => {
    const afterLastRedeem: Benefit = { ...birthday, redemptions_remaining: 0, is_redeemable: false };
    expect(benefitStatus(afterLastRedeem, NOW)).to.equal('used');
    expect(benefitStatus({ ...birthday, redemptions_remaining: 0 }, NOW)).to.equal('used');
  });
  it('stays usable when not self-redeemable but unlimited (a perk or a code-only benefit)', () => {
    const perk: Benefit = { ...shipping, is_redeemable: false, redemptions_remaining: null };
    const codeOnly: Benefit = { ...shipping, is_redeemable: false };
    expect(benefitStatus(perk, NOW)).to.equal('active');
    expect(benefitStatus(codeOnly, NOW)).to.equal('active');
  });
  it('is expired past its date or when Omneo says so, before being used up', () => {
    expect(benefitStatus(birthday, new Date('2025-12-14T12:59:59Z'))).to.equal('expired');
    expect(benefitStatus({ ...shipping, is_expired: true }, NOW)).to.equal('expired');
    expect(benefitStatus({ ...birthday, is_expired: true, redemptions_remaining: 0 }, NOW)).to.equal('expired');
    expect(benefitStatus({ ...shipping, expires_at: null }, NOW)).to.equal('active');
  });
  it('never offers Redeem for a benefit that cannot be used', () => {
    const variants = [birthday, shipping, { ...birthday, redemptions_remaining: 0 }, { ...birthday, is_expired: true }, { ...birthday, redemptions_remaining: null }];
    for (const benefit of variants) if (canRedeemBenefit(benefit, NOW)) expect(benefitStatus(benefit, NOW)).to.equal('active');
  });
});

describe('rule 5: wishlist lookup', () => {
  const lists = [
    { id: 9000, handle: 'favourites', definition: { handle: 'wishlist' }, items: [] },
    { id: 6021, handle: 'wishlist', items: [
      { id: 88310, product_variant: { sku: 'LS-SAND-M' } },
      { id: 88342, product_variant: { sku: 'KN-NAVY-S' } },
      { id: 88400, custom_product: { sku: ' GIFT-1 ' } },
    ] },
    { id: 7000, handle: 'wishlist', items: [] },
  ].map((list) => parse(List, list));

  it('finds by handle, lowest id first, else by definition handle', () => {
    expect(findWishlist(lists, 'wishlist')!.id).to.equal('6021');
    // Whatever order Omneo lists them in, numerically (10000 after 6021, not before it as text would sort).
    expect(findWishlist([...lists].reverse(), 'wishlist')!.id).to.equal('6021');
    expect(findWishlist([parse(List, { id: 10000, handle: 'wishlist', items: [] }), ...lists], 'wishlist')!.id).to.equal('6021');
    expect(findWishlist(lists.slice(0, 1), 'wishlist')!.id).to.equal('9000');
    expect(findWishlist(lists, 'nope')).to.equal(null);
  });
  it('lists with ids that are not numbers (another tenant\'s ids): the same one is found whatever the order', () => {
    const named = ['wl-b', 'wl-a', 'wl-c'].map((id) => parse(List, { id, handle: 'wishlist', items: [] }));
    expect(findWishlist(named, 'wishlist')!.id).to.equal('wl-a');
    expect(findWishlist([...named].reverse(), 'wishlist')!.id).to.equal('wl-a');
  });
  it('finds items by exact, case-sensitive, trimmed sku', () => {
    const wishlist = lists[1]!;
    expect(findItemBySku(wishlist, 'LS-SAND-M')!.id).to.equal('88310');
    expect(findItemBySku(wishlist, ' LS-SAND-M ')!.id).to.equal('88310');
    expect(findItemBySku(wishlist, 'ls-sand-m')).to.equal(null);
    expect(findItemBySku(wishlist, 'LS-SAND-L')).to.equal(null);
    expect(findItemBySku(wishlist, 'GIFT-1')!.id).to.equal('88400');
    expect(findItemBySku(null, 'LS-SAND-M')).to.equal(null);
  });
  it('a sku saved twice (other channels write lists too): the lookup finds the first, findItemsBySku every one, the list shows one', () => {
    const twice = parse(List, { id: 6500, handle: 'wishlist', items: [
      { id: 89501, product_variant: { sku: 'LS-SAND-M' } },
      { id: 89502, product_variant: { sku: 'KN-NAVY-S' } },
      { id: 89503, product_variant: { sku: ' LS-SAND-M' } },
      { id: 89504, product_variant: { sku: 'ls-sand-m' } },
      { id: 89505, custom_product: { sku: 'LS-SAND-M' } },
    ] });
    expect(findItemBySku(twice, 'LS-SAND-M')!.id).to.equal('89501');
    expect(findItemsBySku(twice, ' LS-SAND-M ').map((item) => item.id)).to.deep.equal(['89501', '89503', '89505']);
    expect(findItemsBySku(twice, 'LS-SAND-L')).to.deep.equal([]);
    expect(findItemsBySku(null, 'LS-SAND-M')).to.deep.equal([]);
    expect(findItemsBySku(twice, ' ')).to.deep.equal([]);
    expect(oneItemPerSku(twice.items).map((item) => item.id)).to.deep.equal(['89501', '89502', '89504']);
    expect(oneItemPerSku(lists[1]!.items)).to.deep.equal(lists[1]!.items);
  });
});

describe('rule 6: clampRedemption', () => {
  it('clamps the seed: 60 requested, subtotal 129.95, balance 47.50 → 47.50', () => {
    expect(clampRedemption(60, { combinedBalance: 47.5, eligibleSubtotal: 129.95 })).to.equal(47.5);
  });
  it('floors to the cent and never goes below zero', () => {
    expect(clampRedemption(10.019, { combinedBalance: 100, eligibleSubtotal: 100 })).to.equal(10.01);
    expect(clampRedemption(-5, { combinedBalance: 100, eligibleSubtotal: 100 })).to.equal(0);
    expect(clampRedemption(0.004, { combinedBalance: 100, eligibleSubtotal: 100 })).to.equal(0);
    expect(clampRedemption(20, { combinedBalance: 100, eligibleSubtotal: 12.34 })).to.equal(12.34);
  });
  it("floors to the currency's minor unit: the fils for KWD, the yen for JPY", () => {
    expect(clampRedemption(60, { combinedBalance: 13.595, eligibleSubtotal: 129.95, currency: 'KWD' })).to.equal(13.595);
    expect(clampRedemption(3.125 + 0.005, { combinedBalance: 100, eligibleSubtotal: 100, currency: 'KWD' })).to.equal(3.13);
    expect(clampRedemption(0.004, { combinedBalance: 100, eligibleSubtotal: 100, currency: 'KWD' })).to.equal(0.004);
    expect(clampRedemption(0.0004, { combinedBalance: 100, eligibleSubtotal: 100, currency: 'KWD' })).to.equal(0);
    expect(clampRedemption(5000, { combinedBalance: 3512.5, eligibleSubtotal: 12999, currency: 'JPY' })).to.equal(3512);
    expect(clampRedemption(0.9, { combinedBalance: 100, eligibleSubtotal: 100, currency: 'JPY' })).to.equal(0);
    expect(clampRedemption(-5, { combinedBalance: 100, eligibleSubtotal: 100, currency: 'KWD' })).to.equal(0);
  });
  it('redeems exactly one minor unit (1 cent, 1 yen, 1 fil) when that is all the balance holds', () => {
    expect(clampRedemption(60, { combinedBalance: 0.01, eligibleSubtotal: 100, currency: 'AUD' })).to.equal(0.01);
    expect(clampRedemption(60, { combinedBalance: 1, eligibleSubtotal: 100, currency: 'JPY' })).to.equal(1);
    expect(clampRedemption(60, { combinedBalance: 0.001, eligibleSubtotal: 100, currency: 'KWD' })).to.equal(0.001);
  });
});

describe('rule 3: tierReviewDeadline', () => {
  const review = new Date('2026-03-14T00:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('gives the review date while its day is still ahead, in UTC and wherever the shopper is', () => {
    expect(tierReviewDeadline(review, at('2026-03-13T12:00:00Z'), 'UTC')).to.equal(review);
    // 13 Mar 23:30 in Sydney is 12:30 UTC: the day before the review there too.
    expect(tierReviewDeadline(review, at('2026-03-13T12:30:00Z'), 'Australia/Sydney')).to.equal(review);
    expect(tierReviewDeadline(review, at('2026-03-13T23:59:59.999Z'), 'Europe/London')).to.equal(review);
  });

  it('gives none once the review day has begun where the shopper is, east of UTC before its UTC midnight', () => {
    // 14 Mar 00:30 in Sydney (AEDT, UTC+11) is 13 Mar 13:30 UTC: "before 14 Mar" would be read on 14 Mar.
    expect(tierReviewDeadline(review, at('2026-03-13T13:30:00Z'), 'Australia/Sydney')).to.equal(null);
    expect(tierReviewDeadline(review, at('2026-03-13T13:30:00Z'), 'UTC')).to.equal(review);
  });

  it('gives none once its UTC midnight has passed, west of UTC the evening before', () => {
    expect(tierReviewDeadline(review, review, 'UTC')).to.equal(null);
    // 13 Mar 20:00 in New York: Omneo may have run the review, whose midnight has no zone.
    expect(tierReviewDeadline(review, at('2026-03-14T01:00:00Z'), 'America/New_York')).to.equal(null);
    expect(tierReviewDeadline(review, at('2026-03-13T23:00:00Z'), 'America/New_York')).to.equal(review);
  });

  it('reads an unknown time zone as the runtime’s, never throwing out of a render', () => {
    const now = at('2026-03-13T12:00:00Z');
    expect(tierReviewDeadline(review, now, 'Mars/Olympus_Mons')).to.equal(tierReviewDeadline(review, now));
    expect(tierReviewDeadline(review, now, '')).to.equal(tierReviewDeadline(review, now));
  });

  it('gives the date of a review next year whatever order the engine writes a date in (ICU 72, as in WebKitGTK on Debian 12 and Chrome 110: en-CA is MM/dd/y)', () => {
    const Native = Intl.DateTimeFormat;
    // The engine's own fields, in the order ICU 72's en-CA pattern puts them: month, day, year.
    class Icu72 extends Native {
      override formatToParts(date?: Date | number) {
        const parts = super.formatToParts(date);
        if (this.resolvedOptions().locale !== 'en-CA' || !parts.some((part) => part.type === 'year')) return parts;
        const field = (type: string) => parts.find((part) => part.type === type)!;
        return [field('month'), { type: 'literal', value: '/' }, field('day'), { type: 'literal', value: '/' }, field('year')] as Intl.DateTimeFormatPart[];
      }
      constructor(...args: ConstructorParameters<typeof Native>) {
        super(...args);
        // `format` is a getter on the prototype: an own property in its place.
        Object.defineProperty(this, 'format', { value: (date?: Date | number) => this.formatToParts(date).map((part) => part.value).join('') });
      }
    }
    Intl.DateTimeFormat = Icu72 as typeof Intl.DateTimeFormat;
    try {
      expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(review)).to.equal('03/14/2026');
      const nextYear = new Date('2027-03-14T00:00:00Z');
      expect(tierReviewDeadline(nextYear, at('2026-12-20T12:00:00Z'), 'UTC')).to.equal(nextYear);
      expect(tierReviewDeadline(nextYear, at('2026-12-20T12:00:00Z'), 'America/New_York')).to.equal(nextYear);
      expect(tierReviewDeadline(review, at('2026-03-13T13:30:00Z'), 'Australia/Sydney')).to.equal(null);
    } finally {
      Intl.DateTimeFormat = Native;
    }
  });

  it('gives none for no date or a placeholder in the past, and reads a review that is not a midnight by its UTC day', () => {
    expect(tierReviewDeadline(null, at('2026-03-01T00:00:00Z'), 'UTC')).to.equal(null);
    expect(tierReviewDeadline(new Date(0), at('2026-03-01T00:00:00Z'), 'UTC')).to.equal(null);
    const midday = new Date('2026-03-14T12:00:00Z');
    expect(tierReviewDeadline(midday, at('2026-03-14T06:00:00Z'), 'UTC')).to.equal(null);
    expect(tierReviewDeadline(midday, at('2026-03-13T06:00:00Z'), 'UTC')).to.equal(midday);
  });
});

describe('rule 3: tierProgress over generated payloads (bar and words always agree)', () => {
  // A seeded generator (mulberry32): the same 3,000 payloads every run, so a failure names a case that reproduces.
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const next = random(20261128);
  const pick = <T,>(...values: T[]): T => values[Math.floor(next() * values.length)]!;
  // What Omneo may send for a figure: missing, null, a number (negative and fractional too) or a numeric string.
  const figure = () => pick<unknown>(undefined, null, 0, Math.round(next() * 3000), -Math.round(next() * 500), Math.round(next() * 300000) / 100, String(Math.round(next() * 2000)));
  const tier = (id: number) =>
    pick<unknown>(null, { id, name: pick('Silver', '', null), handle: `t${id}`, is_floor: pick(false, true), value_min: figure(), value_maintain: figure() });

  it('3,000 payloads: percents in 0–100, "still needed" never below either of Omneo’s figures, 100% exactly when nothing is left', () => {
    for (let index = 0; index < 3000; index += 1) {
      const raw = {
        is_floor: pick(false, true, undefined),
        current_tier: tier(1),
        next_tier: tier(2),
        current_progress: figure(),
        current_credit: figure(),
        current_remain: figure(),
        next_progress: figure(),
        next_remain: figure(),
        anniversary_at: pick(null, '2026-03-14 00:00:00'),
      };
      const progress = parse(TierProgress, raw);
      const summary = tierProgress(progress);
      const where = `case ${index}: ${JSON.stringify(raw)} → ${JSON.stringify({ ...summary, current: undefined, next: undefined })}`;
      expect(Number.isInteger(summary.percent) && summary.percent >= 0 && summary.percent <= 100, where).to.equal(true);
      if (!progress.next_tier) {
        expect(summary, where).to.deep.include({ isTop: true, pointsToNext: null, percent: 100 });
      } else if (summary.pointsToNext === null) {
        // Unknown only when Omneo gave neither figure.
        expect(progress.next_remain === null && progress.next_tier.value_min <= 0, where).to.equal(true);
        expect(summary.percent, where).to.equal(0);
      } else {
        expect(summary.pointsToNext >= 0, where).to.equal(true);
        if (progress.next_remain !== null) expect(summary.pointsToNext >= progress.next_remain, where).to.equal(true);
        if (progress.next_tier.value_min > 0 && progress.next_progress !== null) {
          expect(summary.pointsToNext >= progress.next_tier.value_min - progress.next_progress, where).to.equal(true);
        }
        expect(summary.percent === 100, where).to.equal(summary.pointsToNext === 0);
      }
      const maintain = summary.maintain;
      if (maintain) {
        expect(progress.current_tier !== null && !progress.is_floor && progress.current_tier.value_maintain > 0, where).to.equal(true);
        expect(maintain.remain >= 0 && maintain.remain >= maintain.required - maintain.earned, where).to.equal(true);
        if (progress.current_remain !== null) expect(maintain.remain >= progress.current_remain, where).to.equal(true);
        expect(Number.isInteger(maintain.percent) && maintain.percent >= 0 && maintain.percent <= 100, where).to.equal(true);
        expect(maintain.percent === 100, where).to.equal(maintain.remain === 0);
      }
    }
  });
});
