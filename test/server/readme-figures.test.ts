/**
 * The figures README's "Data layer guarantees" section (with Privacy and Security) gives are the code's: the tests of
 * the behaviour read the same constants, so a changed constant passes them and leaves the README saying the old
 * figure. Each check names the constant and the README words it must keep true.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { WRITE_AFTER_MS } from '../../src/api/cache.js';
import { NOT_SYNCED_RETRY } from '../../src/api/client.js';
import { DEFAULT_RETRY, MAX_RETRY_AFTER_MS } from '../../src/api/retry.js';
import { REVALIDATE_AFTER_MS } from '../../src/api/store.js';
import { MIN_RENEW_INTERVAL_MS, renewAt } from '../../src/api/token-provider.js';
import { REVALIDATE_ON_VISIBLE_AFTER_MS } from '../../src/core/runtime.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('## Data layer guarantees');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1)).replace(/\s+/g, ' ');
const says = (words: string, constant: string) => assert.ok(section.includes(words), `README's Data layer section no longer says "${words}" (${constant})`);
const seconds = (ms: number) => `${ms / 1000} s`;

describe("README's Data layer figures", () => {
  test('the cross-page cache stores at most WRITE_AFTER_MS after a change', () => {
    says(`stored at most ${WRITE_AFTER_MS} ms after a change`, 'WRITE_AFTER_MS');
    says(`written at most ${WRITE_AFTER_MS} ms after a change`, 'WRITE_AFTER_MS');
  });

  test('data is revalidated when older than REVALIDATE_AFTER_MS, on the tab shown again as on an element appearing', () => {
    assert.equal(REVALIDATE_ON_VISIBLE_AFTER_MS, REVALIDATE_AFTER_MS);
    says(`visible after more than ${REVALIDATE_AFTER_MS / 60_000} minutes`, 'REVALIDATE_ON_VISIBLE_AFTER_MS');
    says(`more than ${REVALIDATE_AFTER_MS / 60_000} minutes old`, 'REVALIDATE_AFTER_MS');
  });

  test('token renewal: 60 s before exp or a quarter of its life, never sooner than MIN_RENEW_INTERVAL_MS after a mint', () => {
    const received = 1_800_000_000_000;
    const earlyBy = (lifeSeconds: number) => received / 1000 + lifeSeconds - renewAt({ token: 'a.b.c', exp: received / 1000 + lifeSeconds }, received) / 1000;
    assert.equal(earlyBy(3600), 60);
    says('renewed 60 s before it expires, or a quarter of its life if that is less', 'renewAt');
    says(`(a 45 s token: about ${Math.round(earlyBy(45))} s early)`, 'renewAt');
    says(`never renewed sooner than ${seconds(MIN_RENEW_INTERVAL_MS)} after the last mint`, 'MIN_RENEW_INTERVAL_MS');
  });

  test('GET retries: DEFAULT_RETRY, MAX_RETRY_AFTER_MS and NOT_SYNCED_RETRY', () => {
    const ceilings = (policy: typeof DEFAULT_RETRY) =>
      Array.from({ length: policy.retries }, (_, index) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** index) / 1000);
    assert.equal(DEFAULT_RETRY.retries, 2, 'the README says "twice"');
    const [first, second] = ceilings(DEFAULT_RETRY);
    says(`408, 429 and 5xx, twice, with exponential backoff and jitter (${first} s then ${second} s ceilings, capped at ${seconds(DEFAULT_RETRY.maxDelayMs)})`, 'DEFAULT_RETRY');
    says(`A \`Retry-After\` of up to ${seconds(MAX_RETRY_AFTER_MS)} is waited out exactly`, 'MAX_RETRY_AFTER_MS');
    assert.equal(NOT_SYNCED_RETRY.retries, 3, 'the README says "three times"');
    const slow = ceilings(NOT_SYNCED_RETRY);
    const total = slow.reduce((sum, ceiling) => sum + ceiling, 0);
    says(`retried three times, slower (${slow.slice(0, -1).join(', ')} and ${slow.at(-1)} s ceilings, about ${total} s of loading at most)`, 'NOT_SYNCED_RETRY');
  });
});
