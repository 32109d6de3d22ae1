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

/**
 * How long a write waits before it is serialised and stored, counted from the first one not stored yet (a fixed
 * deadline, not a debounce: a stream of writes is still stored every WRITE_AFTER_MS). The entry holds every resource
 * of the page, a long wishlist too: stored at once, a heart pressed with 1,000 items saved cost two full entries
 * (the change shown at once, then Omneo's answer), ~110 ms of main thread at 4× CPU slowdown, and a hub's six
 * answers six. A timer rather than the next task: those writes come a network round trip apart, not in one burst,
 * and a fast answer (up to a quarter second) is stored with the change it follows. Nothing is lost by the wait: what
 * is not stored yet is read from memory on this page (`read`, `pidOf`), stored when the page is hidden or left
 * (`flushCachedData`, from the runtime's pagehide and visibilitychange) or when the store is disposed, and dropped,
 * never stored, when it is forgotten (logout, another shopper, a signed-out page).
 */
export const WRITE_AFTER_MS = 250;

/**
 * Per storage, shared by every cache object over it (two stores of one page may share a scope; `flushCachedData`
 * and `forgetAllCachedData` make their own), so that each reads, forgets and stores what the others wrote:
 * - `pending`: the entries written and not stored yet, by key;
 * - `parsed`: the entry last read or stored, with the text it is. Every load asks for the entry (to paint, to check
 *   the token's profile, to add its resource), and parsing it each time costs most of a refresh when it holds a
 *   long wishlist. Reused only while storage still holds that very text (any script may have changed it).
 */
const shared = new WeakMap<KeyValueStorage, { pending: Map<string, StoredEntry>; parsed?: { text: string; entry: StoredEntry } | null }>();

export class CrossPageCache {
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

  /** Only with a storage. */
  private get shared() {
    let state = shared.get(this.storage!);
    if (!state) shared.set(this.storage!, (state = { pending: new Map() }));
    return state;
  }

  private readEntry(identity: string): StoredEntry | null {
    if (!this.storage) return null;
    const key = this.keyFor(identity);
    const state = this.shared;
    try {
      let entry = state.pending.get(key);
      if (!entry) {
        const raw = this.storage.getItem(key);
        if (!raw) return null;
        // The text names the release, the profile and every resource: the same text is the same entry.
        if (state.parsed?.text !== raw) state.parsed = { text: raw, entry: JSON.parse(raw, reviver) as StoredEntry };
        entry = state.parsed.entry;
      }
      return entry?.v === this.release && typeof entry.resources === 'object' ? entry : null;
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
    const existing = this.readEntry(identity);
    // A new entry object: the one read may be the one kept `parsed`, for a text that may stay in storage.
    const entry: StoredEntry = { v: this.release, pid, resources: { ...(existing?.pid === pid ? existing.resources : {}) } };
    entry.resources[resource] = { savedAt: this.now(), data };
    this.queue(identity, entry);
  }

  forgetResource(identity: string, resource: string): void {
    const entry = this.readEntry(identity);
    if (!entry || !(resource in entry.resources)) return;
    const resources = { ...entry.resources };
    delete resources[resource];
    this.queue(identity, { ...entry, resources });
  }

  /** Stores `entry` within WRITE_AFTER_MS, with whatever else is written meanwhile. */
  private queue(identity: string, entry: StoredEntry): void {
    if (!this.storage) return;
    const { pending } = this.shared;
    if (!pending.size) setTimeout(() => this.flush(), WRITE_AFTER_MS);
    pending.set(this.keyFor(identity), entry);
  }

  /** Stores every entry written and not stored yet (of every scope: they share the storage). */
  flush(): void {
    if (!this.storage) return;
    const state = this.shared;
    for (const [key, entry] of state.pending) {
      state.pending.delete(key);
      try {
        const text = JSON.stringify(entry, replacer);
        this.storage.setItem(key, text);
        state.parsed = { text, entry };
      } catch {
        // Quota exceeded or storage disabled (Safari private mode): caching is an optimisation only. But the copy
        // stored before this one is out of date now (a wishlist add, a redeem): the next page must not paint it.
        // All of it goes: which of its resources changed since it was stored is not kept.
        try {
          this.storage.removeItem(key);
        } catch {
          /* storage disabled */
        }
      }
    }
  }

  forget(identity: string): void {
    // The last entry read stays in memory for reuse: not a departed shopper's (logout, a switch, a signed-out page),
    // and what was written for her and not stored yet never is.
    if (this.storage) {
      this.shared.parsed = null;
      this.shared.pending.delete(this.keyFor(identity));
    }
    try {
      this.storage?.removeItem(this.keyFor(identity));
    } catch {
      /* storage disabled */
    }
  }

  /** This storage's keys that start with `prefix`. */
  private keysFrom(prefix: string): string[] {
    const keys: string[] = [];
    for (let index = 0; index < this.storage!.length; index += 1) {
      const key = this.storage!.key(index);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    return keys;
  }

  /**
   * A token says `pid` is signed in: this scope's stored entries of any other profile (and unreadable ones) are a
   * shopper's who is not, who left without a signed-out page (someone else signed in over her session), and go. An
   * entry without a profile cannot be told and stays.
   */
  forgetOthers(pid: string): void {
    const prefix = this.keyFor('');
    if (!this.storage) return;
    for (const key of this.keysFrom(prefix)) {
      const identity = key.slice(prefix.length);
      const owner = this.pidOf(identity);
      if (owner !== pid && owner !== null) this.forget(identity);
    }
  }

  /**
   * Removes every entry of every scope and customer (logout on a shared device), or with `thisScope` every
   * customer's entries of this scope only (the storefront says nobody is signed in: whoever cached them has left),
   * those not stored yet included. Whether there was anything stored to remove (what only this page held, no other
   * tab can have).
   */
  forgetAll(thisScope = false): boolean {
    if (!this.storage) return false;
    const state = this.shared;
    state.parsed = null;
    const prefix = thisScope ? this.keyFor('') : PREFIX;
    for (const key of state.pending.keys()) if (key.startsWith(prefix)) state.pending.delete(key);
    try {
      const keys = this.keysFrom(prefix);
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

/** The page is hidden or left: what was written and not stored yet is stored now, for the next page to paint. */
export function flushCachedData(storage: KeyValueStorage | null = browserSessionStorage()): void {
  new CrossPageCache(storage, '').flush();
}
