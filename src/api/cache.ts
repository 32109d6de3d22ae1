/**
 * The cross-page cache (design.md "Cross-page cache"): loyalty data, never the token, in sessionStorage,
 * keyed by tenant and customer, so the next page of the same visit paints at once and revalidates in the
 * background. sessionStorage is per tab and dies with it; entries also expire after `maxAgeMs`.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

interface StoredResource {
  savedAt: number;
  data: unknown;
}

interface StoredEntry {
  /** The release that wrote it (RELEASE). */
  v: string;
  /** The Omneo profile the data belongs to, checked against every new token's `pid`. */
  pid: string | null;
  resources: Record<string, StoredResource>;
}

export interface CachedResource<T> {
  data: T;
  savedAt: number;
}

/** Every entry's key starts with it (`<prefix><scope>:<identity>`). */
export const PREFIX = 'omneo-widgets:v1:';

/**
 * The shape of parsed data may change from one release to the next, and a shopper's tab outlives a merchant's
 * upgrade: the next page loads the new script and would find the old one's entries. An entry written by another
 * release is not read (its page revalidates as on a first visit), and the first write replaces it.
 */
export const RELEASE = typeof __OMNEO_VERSION__ === 'string' ? __OMNEO_VERSION__ : 'dev';

// Dates survive JSON as {"$date": ms}. Date#toJSON runs before a replacer sees the value, so the replacer
// looks at the holder's original property instead. Arrays are handed back as they are for the same reason:
// a storefront on Prototype.js 1.6 has an Array#toJSON that turns every array into a string, which the next
// page would paint as a list.
function replacer(this: Record<string, unknown>, key: string, value: unknown) {
  const original = this[key];
  return original instanceof Date ? { $date: original.getTime() } : Array.isArray(original) ? original : value;
}
function reviver(_key: string, value: unknown) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.$date === 'number' && Object.keys(record).length === 1) return new Date(record.$date);
  }
  return value;
}

export class CrossPageCache {
  /**
   * The entry last read or written, with the text it is: every load asks for the entry (to paint, to check the
   * token's profile, to add its resource), and parsing it each time costs most of a refresh when it holds a long
   * wishlist. Reused only while storage still holds that very text (another cache object may have changed it).
   */
  private parsed: { text: string; entry: StoredEntry } | null = null;

  constructor(
    private readonly storage: KeyValueStorage | null,
    /** Tenant or API base: one storefront may talk to several tenants. */
    private readonly scope: string,
    private readonly maxAgeMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
    /** The release this code is (tests give their own). */
    private readonly release: string = RELEASE,
  ) {}

  private keyFor(identity: string) {
    return `${PREFIX}${this.scope}:${identity}`;
  }

  private readEntry(identity: string): StoredEntry | null {
    if (!this.storage) return null;
    try {
      const raw = this.storage.getItem(this.keyFor(identity));
      if (!raw) return null;
      // The text names the release, the profile and every resource: the same text is the same entry.
      if (this.parsed?.text === raw) return this.parsed.entry;
      const entry = JSON.parse(raw, reviver) as StoredEntry;
      if (!entry || entry.v !== this.release || typeof entry.resources !== 'object') return null;
      this.parsed = { text: raw, entry };
      return entry;
    } catch {
      // Corrupt or foreign data: forget it rather than fail the page.
      this.forget(identity);
      return null;
    }
  }

  /** The profile id stored with this identity's data, if any. */
  pidOf(identity: string): string | null | undefined {
    return this.readEntry(identity)?.pid;
  }

  read<T>(identity: string, resource: string): CachedResource<T> | null {
    const stored = this.readEntry(identity)?.resources[resource];
    if (!stored) return null;
    // A negative age means the clock went back since it was saved (a correction, a changed time zone setting):
    // how old it is cannot be told, so it is not painted.
    const age = this.now() - stored.savedAt;
    if (age < 0 || age > this.maxAgeMs) return null;
    return { data: stored.data as T, savedAt: stored.savedAt };
  }

  write(identity: string, pid: string | null, resource: string, data: unknown): void {
    if (!this.storage) return;
    const existing = this.readEntry(identity);
    // A new entry object: the one read may be the one kept in `parsed`, for a text that may stay in storage.
    const entry: StoredEntry = { v: this.release, pid, resources: { ...(existing?.pid === pid ? existing.resources : {}) } };
    entry.resources[resource] = { savedAt: this.now(), data };
    try {
      this.store(identity, entry);
    } catch {
      // Quota exceeded or storage disabled (Safari private mode): caching is an optimisation only. But the copy
      // stored before this one is out of date now (a wishlist add, a redeem): the next page must not paint it.
      if (existing && resource in existing.resources) this.forgetResource(identity, resource);
    }
  }

  forgetResource(identity: string, resource: string): void {
    const entry = this.readEntry(identity);
    if (!entry || !(resource in entry.resources)) return;
    const resources = { ...entry.resources };
    delete resources[resource];
    try {
      this.store(identity, { ...entry, resources });
    } catch {
      this.forget(identity);
    }
  }

  private store(identity: string, entry: StoredEntry): void {
    const text = JSON.stringify(entry, replacer);
    this.storage?.setItem(this.keyFor(identity), text);
    this.parsed = { text, entry };
  }

  forget(identity: string): void {
    // The last entry read stays in memory for reuse: not a departed shopper's (logout, a switch, a signed-out page).
    this.parsed = null;
    try {
      this.storage?.removeItem(this.keyFor(identity));
    } catch {
      /* storage disabled */
    }
  }

  /**
   * Removes every entry of every scope and customer (logout on a shared device), or with `thisScope` every
   * customer's entries of this scope only (the storefront says nobody is signed in: whoever cached them has left).
   * Whether there was anything to remove.
   */
  forgetAll(thisScope = false): boolean {
    this.parsed = null;
    if (!this.storage) return false;
    const prefix = thisScope ? this.keyFor('') : PREFIX;
    try {
      const keys: string[] = [];
      for (let index = 0; index < this.storage.length; index += 1) {
        const key = this.storage.key(index);
        if (key?.startsWith(prefix)) keys.push(key);
      }
      keys.forEach((key) => this.storage!.removeItem(key));
      return keys.length > 0;
    } catch {
      return false; /* storage disabled */
    }
  }
}

/** This tab's sessionStorage, or null where the browser blocks it (privacy settings) or there is none. */
export function browserSessionStorage(): KeyValueStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Logout on a shared device: every cached entry of every tenant and customer in this tab goes. */
export function forgetAllCachedData(storage: KeyValueStorage | null = browserSessionStorage()): void {
  new CrossPageCache(storage, '').forgetAll();
}
