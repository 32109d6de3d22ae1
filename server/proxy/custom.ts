import type { IdentityAdapter, IdentityResult, SigningSecret } from './types.js';

/**
 * What a storefront's own `verify(request)` may answer: the signed-in customer's id (a string, or
 * `{customerId, idHandle}` to mint by another identity handle), `null` when nobody is signed in,
 * or `{refuse: reason}` when the credentials it found are wrong. A check that holds a previous key during a rotation
 * may add `secret: 'current' | 'previous'` (which one verified), for the log line.
 */
export type CustomVerifyAnswer = string | { customerId: string; idHandle?: string | null; secret?: SigningSecret } | { refuse: string } | null | undefined;

export interface CustomAdapterOptions {
  /** For logs, e.g. `sfcc-session`, `bigcommerce-jwt`. */
  name: string;
  /**
   * Must derive the customer from a session the storefront verified (its own session store, a
   * platform session token checked with the platform's key), never from an id the browser sends
   * (omneo-api.md §1.5 rules 1–2).
   */
  verify(request: Request): Promise<CustomVerifyAnswer> | CustomVerifyAnswer;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_ID = /[\u0000-\u001f\u007f]/;

/** Checks a customer id from any adapter: a bounded, printable string. */
export function isPlausibleCustomerId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 256 && id.trim() === id && !UNSAFE_ID.test(id);
}

/**
 * Wraps a storefront-specific check (Salesforce Commerce Cloud, BigCommerce, Magento, a headless
 * back end) as an identity adapter, normalising its answer and refusing implausible ids.
 */
export function customAdapter(options: CustomAdapterOptions): IdentityAdapter {
  if (!options.name || typeof options.verify !== 'function') throw new TypeError('customAdapter needs a name and a verify(request) function');
  return {
    name: options.name,
    async verify(request): Promise<IdentityResult> {
      const answer = await options.verify(request);
      if (answer === null || answer === undefined) return null;
      if (typeof answer === 'string') return isPlausibleCustomerId(answer) ? { customerId: answer } : { refuse: 'implausible-customer-id' };
      if ('refuse' in answer) return { refuse: String(answer.refuse || 'refused') };
      if (!isPlausibleCustomerId(answer.customerId)) return { refuse: 'implausible-customer-id' };
      return {
        customerId: answer.customerId,
        ...(answer.idHandle === undefined ? {} : { idHandle: answer.idHandle }),
        ...(answer.secret === 'current' || answer.secret === 'previous' ? { secret: answer.secret } : {}),
      };
    },
  };
}
