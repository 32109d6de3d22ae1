/**
 * The points and money balances (omneo-api.md §2.2), in a module of its own: the header badge parses this
 * and nothing else, so the CDN build can ship it without the other resources' schemas.
 */
import * as z from 'zod/mini';
import { currency, num, optionalNum } from './coerce.js';

export const Balances = z.object({
  point_balance: num,
  point_balance_dollars: num,
  reward_balance: num,
  combined_balance_dollars: num,
  benefit_balance: optionalNum,
  credit_balance: optionalNum,
  currency,
});
export type Balances = z.output<typeof Balances>;
