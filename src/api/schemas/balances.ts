/**
 * The points and money balances (omneo-api.md §2.2), in a module of its own: the header badge parses this
 * and nothing else, so the CDN build can ship it without the other resources' schemas.
 */
import * as z from 'zod/mini';
import { currency, ignoredNum, num } from './coerce.js';

export const Balances = z.object({
  point_balance: num,
  point_balance_dollars: num,
  reward_balance: num,
  combined_balance_dollars: num,
  // Read by no element: an odd value here must not take the badge down with it (omneo-api.md: un-starred
  // fields "must never make parsing fail").
  benefit_balance: ignoredNum,
  credit_balance: ignoredNum,
  currency,
});
export type Balances = z.output<typeof Balances>;
