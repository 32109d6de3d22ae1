/**
 * One store per page. Every element that shows a resource watches it here, so each resource is requested
 * once however many elements show it; data is cached across pages (CrossPageCache) and revalidated in the
 * background (stale-while-revalidate); a request nobody watches any more is aborted.
 */
import { CrossPageCache } from './cache.js';
import { forProfile, type OmneoClient } from './client.js';
import { OmneoError, OmneoGuestError, OmneoNetworkError, OmneoProfileChangedError, isAbortError } from './errors.js';
import type { ShopperToken, TokenProvider } from './token-provider.js';

export type ResourceStatus = 'loading' | 'guest' | 'error' | 'ready';

export interface ResourceSnapshot<T> {
  status: ResourceStatus;
  data: T | null;
  error: OmneoError | null;
  /**
   * Data is from the cross-page cache or an earlier load and not known to be current: a fresh copy is being fetched,
   * is due (an invalidated resource nobody watches, read when next watched), or could not be had (`error` beside it).
   */
  stale: boolean;
  /** When `data` was fetched (ms), null before the first load. */
  updatedAt: number | null;
}

export interface ResourceDefinition<T> {
  /** Unique key; also the cache key. */
  key: string;
  load(client: OmneoClient, signal: AbortSignal): Promise<T>;
  /** Keep it in the cross-page cache (default true). */
  persist?: boolean;
  /**
   * The data to show for a new answer (a load, or a write) given the data on screen: a resource whose elements
   * derive a costly view from it keeps the parts that did not change (`keepUnchanged`), so they need not redo it.
   */
  reuse?(previous: T, next: T): T;
}

export interface StoreOptions {
  client: OmneoClient;
  tokens: TokenProvider;
  /** Tenant or API base: keys the cross-page cache. */
  cacheScope: string;
  /**
   * The storefront's `customer` hint: undefined = no hint (wait for the token's pid), "" = signed out
   * (guest at once, no request at all), otherwise the customer id.
   */
  customerHint?: string;
  cache: CrossPageCache;
  now?: () => number;
  /** Told the key of a resource this page changed at Omneo, or may have (a write), so other tabs read it again. */
  onServerChange?: (key: string) => void;
  /**
   * Told when this page finds that the shopper whose data it held or cached has signed out (a guest token, or a
   * `customer=""` page over a shopper's cache: the storefront's own sign-out link), so other tabs stop showing it.
   */
  onSessionEnded?: () => void;
}

type Listener<T> = (snapshot: ResourceSnapshot<T>) => void;

interface Slot<T> {
  definition: ResourceDefinition<T>;
  snapshot: ResourceSnapshot<T>;
  listeners: Set<Listener<T>>;
  inFlight: { promise: Promise<void>; controller: AbortController; ticket: number } | null;
  /**
   * Read ordering. Every read of the resource (a load, or a mutation's re-read) takes the next ticket when it
   * starts. A write raises a barrier to the last ticket handed out: a read that started before it cannot know of
   * it, so its answer is dropped when it lands, however late. Nor is a read's answer written over a
   * later-started read's. The barrier holds for the store's own loads, whether the write changed the server's
   * copy (a mutation carried out, or possibly) or only what is shown here (optimistic, or a rollback). A
   * mutation's re-read is not held to it: it lays the changes still in flight over what it found before writing
   * it, and a change that is no longer in flight has had its own re-read written, which started later; so only
   * the order of re-reads counts for it.
   */
  tickets: number;
  barrier: number;
  accepted: number;
}

/** Data older than this is revalidated when an element wants it again, and when the tab becomes visible again. */
export const REVALIDATE_AFTER_MS = 5 * 60_000;

const INITIAL: ResourceSnapshot<never> = { status: 'loading', data: null, error: null, stale: false, updatedAt: null };

export class OmneoStore {
  readonly client: OmneoClient;
  private readonly tokens: TokenProvider;
  private readonly cache: CrossPageCache;
  private readonly now: () => number;
  private readonly onServerChange: ((key: string) => void) | undefined;
  private readonly onSessionEnded: (() => void) | undefined;
  /** Tenant or API base: the cross-page cache's scope, and what other tabs' notices of a change name. */
  readonly cacheScope: string;
  private customerHint: string | undefined;
  /** After logout(): every load is a guest until refresh() or a new customer hint. */
  private signedOut = false;
  /** After dispose(): the page is going away, nothing loads any more. */
  private disposed = false;
  private readonly slots = new Map<string, Slot<unknown>>();
  /** What writes in flight make of the answers loads bring, per resource key (see `overlay`). */
  private readonly overlays: { key: string; apply: (data: never) => unknown }[] = [];
  /** The profile the current data belongs to; a token with another pid clears everything. */
  private pid: string | null = null;
  /**
   * The session: bumped (and its signal aborted) by logout and by every clear (customer change, profile
   * change, signed out). Work started in an older session never writes data: its answer may be another
   * shopper's, or a signed-out page's.
   */
  private generation = 0;
  private sessionController = new AbortController();
  /** Bumped by refresh(): whoever the token asked for after it names is the page's answer (see noticeProfileChanged). */
  private refreshes = 0;

  constructor(options: StoreOptions) {
    this.client = options.client;
    this.tokens = options.tokens;
    this.cache = options.cache;
    this.now = options.now ?? Date.now;
    this.onServerChange = options.onServerChange;
    this.onSessionEnded = options.onSessionEnded;
    this.cacheScope = options.cacheScope;
    this.customerHint = options.customerHint;
    // The storefront says nobody is signed in: what this tab cached for it is a shopper's who has left (signed out
    // with the storefront's own link, which sends no omneo-logout). Once per page, as session() does for a guest token.
    if (this.customerHint === '' && this.cache.forgetAll(true)) this.onSessionEnded?.();
  }

  /** The identity that keys the cross-page cache: the customer hint, else the token's profile id. */
  private cacheIdentity(pid: string | null): string | null {
    if (this.customerHint) return `customer:${this.customerHint}`;
    return pid ? `pid:${pid}` : null;
  }

  private slot<T>(definition: ResourceDefinition<T>): Slot<T> {
    let slot = this.slots.get(definition.key) as Slot<T> | undefined;
    if (!slot) {
      slot = { definition, snapshot: INITIAL, listeners: new Set(), inFlight: null, tickets: 0, barrier: 0, accepted: 0 };
      this.slots.set(definition.key, slot as Slot<unknown>);
      // A resource first wanted after the token confirmed the profile (e.g. the profile, watched for its
      // currency once the cached list shows) paints from the cache like the ones wanted before it.
      this.paintFromCache(slot, this.pid);
    }
    return slot;
  }

  /** With a customer hint, cached data can paint before the token endpoint answers. */
  private paintFromCache<T>(slot: Slot<T>, pid: string | null = null) {
    if (this.customerHint === '') {
      slot.snapshot = { ...INITIAL, status: 'guest' };
      return;
    }
    if (slot.definition.persist === false || slot.snapshot.data !== null) return;
    const identity = this.cacheIdentity(pid);
    if (!identity) return;
    const cached = this.cache.read<T>(identity, slot.definition.key);
    if (cached) slot.snapshot = { status: 'ready', data: cached.data, error: null, stale: true, updatedAt: cached.savedAt };
  }

  snapshot<T>(definition: ResourceDefinition<T>): ResourceSnapshot<T> {
    return this.slot(definition).snapshot;
  }

  /**
   * Subscribes to a resource and loads it when needed. The listener gets the current snapshot at once and
   * every change after. Returns the unsubscribe function; the last one out aborts an unfinished request.
   */
  watch<T>(definition: ResourceDefinition<T>, listener: Listener<T>): () => void {
    const slot = this.slot(definition);
    slot.listeners.add(listener);
    listener(slot.snapshot);
    // Data older than REVALIDATE_AFTER_MS is read again too: in a single-page app the element may be back on a route the
    // shopper left an hour ago, whose data in memory would otherwise never be (the next page of a visit revalidates).
    const { status, updatedAt, stale } = slot.snapshot;
    if (status !== 'guest' && (status !== 'ready' || stale || this.now() - updatedAt! > REVALIDATE_AFTER_MS)) {
      void this.load(definition, { force: true });
    }
    return () => {
      slot.listeners.delete(listener);
      if (slot.listeners.size === 0 && slot.inFlight) {
        slot.inFlight.controller.abort();
        slot.inFlight = null;
      }
    };
  }

  /** The snapshot for new data. */
  private ready<T>(slot: Slot<T>, data: T): ResourceSnapshot<T> {
    const { reuse } = slot.definition;
    const previous = slot.snapshot.data;
    return { status: 'ready', data: reuse && previous !== null ? reuse(previous, data) : data, error: null, stale: false, updatedAt: this.now() };
  }

  private set<T>(slot: Slot<T>, snapshot: ResourceSnapshot<T>) {
    slot.snapshot = snapshot;
    for (const listener of [...slot.listeners]) listener(snapshot);
  }

  /** Resolves the session: null = guest. Clears everything when the profile changed. */
  private async session(): Promise<ShopperToken | null> {
    // Signed out: no token is asked for (a mint now would be for whoever the storefront session says).
    if (this.isSignedOut) return null;
    let token: ShopperToken | null;
    try {
      token = await this.tokens.get();
    } catch (error) {
      // The token on its way was for a session that was replaced meanwhile (a customer change, a refresh, a
      // logout): ask for the one that replaced it; after a logout that is nobody, without a request.
      if (error instanceof OmneoProfileChangedError) return this.session();
      throw error;
    }
    if (this.isSignedOut) return null; // logout() while the token was on its way
    if (!token) {
      // Signed out (perhaps while the page still hinted a customer): drop that shopper's data, but let the
      // loads that asked carry on, so that each of them settles on the guest state. Only when there is data to
      // drop: a guest asked again (an element appearing later) must not end a session, or reset the others.
      const holdsData = this.pid !== null || [...this.slots.values()].some((slot) => slot.snapshot.data !== null);
      if (holdsData) {
        this.forgetData({ abortLoads: false });
        // Every resource is a guest's now, not a skeleton: one with no load on its way (another card's, when one card's
        // load found the token lapsed) has nothing else to settle it, and one whose read went with the old token would
        // show it until that read lands (up to its timeout). The loads carry on: the ones that asked settle on the guest
        // state from this answer, and an old-token read's answer is dropped when it lands (its session is over) and the
        // resource read again: a guest's, with no token request (the provider keeps the guest answer).
        for (const slot of this.slots.values()) if (slot.snapshot.status === 'loading') this.set(slot, { ...INITIAL, status: 'guest' });
      }
      // Nobody is signed in, so what this tab cached for the storefront is a shopper's who has left (signed out
      // with the storefront's own link, which sends no omneo-logout, on a shared device): not only the hinted one.
      if (this.cache.forgetAll(true) || holdsData) this.onSessionEnded?.();
      return null;
    }
    if (this.pid !== null && token.pid !== null && token.pid !== this.pid) {
      // Another shopper on the same page (shared device, SPA login change): nothing of the last one stays.
      this.startOver(token.pid);
      return token;
    }
    const identity = this.cacheIdentity(token.pid);
    if (identity && token.pid !== null) {
      const cachedPid = this.cache.pidOf(identity);
      if (cachedPid !== undefined && cachedPid !== token.pid) {
        this.cache.forget(identity);
        this.dropStaleCachedSnapshots();
      }
    }
    if (this.pid === null && token.pid !== null) {
      this.pid = token.pid;
      // Whoever else this tab cached for has left, without a signed-out page (another shopper signed in over her
      // session): her codes and balances are not kept in the new shopper's tab, nor painted by a page still naming her.
      this.cache.forgetOthers(token.pid);
      // Without a hint we could not read the cache before knowing the profile; now we can.
      for (const slot of this.slots.values()) {
        if (slot.snapshot.data === null) {
          this.paintFromCache(slot, token.pid);
          if (slot.snapshot.data !== null) this.set(slot, { ...slot.snapshot });
        }
      }
    }
    return token;
  }

  private dropStaleCachedSnapshots() {
    for (const slot of this.slots.values()) {
      if (slot.snapshot.stale) this.set(slot, { ...INITIAL });
    }
  }

  /** Whether a load that started with `ticket` is older than a write, or than a read already written. */
  private isOutdatedRead(slot: Pick<Slot<unknown>, 'barrier' | 'accepted'>, ticket: number): boolean {
    return ticket <= slot.barrier || ticket < slot.accepted;
  }

  /** Every read already out is dropped when it lands (it went with a token, or before a write, that no longer holds). */
  private dropReadsInFlight(slot: Pick<Slot<unknown>, 'barrier' | 'tickets'>): void {
    slot.barrier = slot.tickets;
  }

  /**
   * Loads (or revalidates) one resource; concurrent callers share one request, unless it started before a
   * write: then a new one goes out, and the older one's answer is dropped.
   */
  load<T>(definition: ResourceDefinition<T>, options: { force?: boolean } = {}): Promise<void> {
    return this.start(definition, options.force === true, false);
  }

  /** load(); `keepGuest`: a guest's resource read again shows the guest state until the answer, not the skeleton. */
  private start<T>(definition: ResourceDefinition<T>, force: boolean, keepGuest: boolean): Promise<void> {
    const slot = this.slot(definition);
    if (this.disposed) return Promise.resolve();
    if (slot.inFlight && !this.isOutdatedRead(slot, slot.inFlight.ticket)) return slot.inFlight.promise;
    if (!force && slot.snapshot.status === 'ready' && !slot.snapshot.stale) return Promise.resolve();
    if (this.isSignedOut) {
      this.set(slot, { ...INITIAL, status: 'guest' });
      return Promise.resolve();
    }
    const controller = new AbortController();
    const previous = slot.snapshot;
    if (previous.data !== null) {
      if (!previous.stale) this.set(slot, { ...previous, stale: true });
    } else if (previous.status !== 'loading' && !(keepGuest && previous.status === 'guest')) {
      this.set(slot, { ...INITIAL });
    }
    const ticket = (slot.tickets += 1);
    const promise = (async () => {
      let outcome: 'settled' | 'outdated' | 'superseded' = 'settled';
      try {
        outcome = await this.fetchInto(slot, controller.signal, this.generation, ticket);
      } finally {
        if (slot.inFlight?.controller === controller) slot.inFlight = null;
      }
      // The answer belonged to a session that ended meanwhile (and nothing aborted it): ask again for this one.
      // A resource the session's end made a guest's at once (session()) stays one while it is asked again: its old-token
      // read landing is no reason to show the skeleton (the guest box replaced, focus in it lost) for a moment.
      if (outcome === 'outdated' && slot.listeners.size > 0) await this.start(definition, true, slot.snapshot.status === 'guest');
      if (outcome === 'superseded') {
        // A write came after this read started: what it found is out of date. A newer read may be on its way
        // (an invalidate); else the write left the data current (a mutation's result), or it did not and
        // the resource is read again.
        if (slot.inFlight) await slot.inFlight.promise;
        else if (slot.listeners.size > 0 && (slot.snapshot.stale || slot.snapshot.status !== 'ready')) await this.load(definition, { force: true });
      }
    })();
    slot.inFlight = { promise, controller, ticket };
    return promise;
  }

  private async fetchInto<T>(slot: Slot<T>, signal: AbortSignal, generation: number, ticket: number): Promise<'settled' | 'outdated' | 'superseded'> {
    const { definition } = slot;
    try {
      const token = await this.session();
      // Aborted by the end of the session this load began in (a new shopper, a logout): the load follows into
      // the next session's, so that a caller awaiting refresh() gets the data that is on screen now.
      if (signal.aborted) return generation !== this.generation ? 'outdated' : 'settled';
      if (!token) {
        this.set(slot, { ...INITIAL, status: 'guest' });
        return 'settled';
      }
      // Bound to this profile: a token re-minted for anyone else fails the request instead of answering it.
      const data = await definition.load(forProfile(this.client, token.pid), signal);
      if (signal.aborted) return generation !== this.generation ? 'outdated' : 'settled';
      if (!this.isCurrentSession(generation, token.pid)) return 'outdated';
      if (this.isOutdatedRead(slot, ticket)) return 'superseded';
      slot.accepted = ticket;
      let shown: unknown = data;
      for (const { key, apply } of this.overlays) if (key === definition.key) shown = apply(shown as never);
      this.set(slot, this.ready(slot, shown as T));
      if (definition.persist !== false) {
        const identity = this.cacheIdentity(token.pid);
        if (identity) this.cache.write(identity, token.pid, definition.key, data);
      }
      return 'settled';
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return generation !== this.generation ? 'outdated' : 'settled';
      if (error instanceof OmneoProfileChangedError) {
        // The storefront session is someone else's now. session() sees the new pid, clears everything (this
        // load included) and reloads what is on screen for the new shopper; this load's promise follows into
        // that reload, so a caller awaiting refresh() gets the new shopper's data.
        let now: ShopperToken | null;
        try {
          now = await this.session();
        } catch {
          if (signal.aborted || generation !== this.generation || this.isOutdatedRead(slot, ticket)) return 'outdated';
          // The token endpoint named someone else, then failed before session() took them in (their token was due
          // again at once: the device slept). Nobody can say who is signed in, but not the shopper whose data is on
          // screen: it goes, as session() drops it for a new profile, and what is watched loads again (this one
          // too, as 'outdated'): to an error with Retry while the endpoint fails. Kept, it showed stale under the error.
          this.startOver(null);
          return 'outdated';
        }
        if (now) return 'outdated';
        if (!signal.aborted) this.set(slot, { ...INITIAL, status: 'guest' });
        return 'settled';
      }
      if (generation !== this.generation) return 'outdated';
      if (error instanceof OmneoGuestError) {
        // The token went while the request was out (refused, and the re-mint found nobody): the storefront session
        // ended. Every resource on screen is that shopper's, not only this one: all of them go to the guest state
        // (this load's included, aborted), unless someone turned out to be signed in after all.
        await this.noticeSessionEnded();
        if (signal.aborted) return 'settled';
        if (generation !== this.generation) return 'outdated';
        this.set(slot, { ...INITIAL, status: 'guest' });
        return 'settled';
      }
      // Whatever data a later write or read left stands; this read's failure says nothing about it.
      if (this.isOutdatedRead(slot, ticket)) return 'superseded';
      this.setFailed(slot, error);
      return 'settled';
    }
  }

  /** A failed load: what we had stays on screen, marked stale with the error, rather than blanking the element. */
  private setFailed<T>(slot: Slot<T>, error: unknown): void {
    const omneoError = error instanceof OmneoError ? error : new OmneoNetworkError(slot.definition.key, { cause: error });
    // The error stays on screen as long as the element does. Until its stack is read, V8 keeps the frames it was made
    // in, and with them the failed load's closures (its AbortController, the client): read, it is a string. So is
    // its cause's (the fetch's own TypeError, made in the same load's frames), and a cause's cause.
    for (let each: unknown = omneoError, depth = 0; each instanceof Error && depth < 4; each = each.cause, depth++) void each.stack;
    if (slot.snapshot.data !== null) this.set(slot, { ...slot.snapshot, stale: true, error: omneoError });
    else this.set(slot, { ...INITIAL, status: 'error', error: omneoError });
  }

  /**
   * Whether data fetched with a token for `pid`, by work started in session `generation`, may be written now:
   * the session has not ended since, and the token's profile is the one the store holds data for (a token
   * without a pid claim cannot be told apart, as in the client).
   */
  private isCurrentSession(generation: number, pid: string | null): boolean {
    return generation === this.generation && (pid === null || pid === this.pid);
  }

  /**
   * Replaces a resource's data after a mutation (and updates the cross-page cache). With `session.generation`
   * (the generation the mutation captured when it started; its client was bound to that session's profile),
   * the data is dropped unless that session is still the current one. With `session.ticket` (from
   * `readTicket`), `data` is what a mutation's re-read found, changes still in flight laid over it: dropped if a
   * later-started read was written already.
   * Without one it is a local change (optimistic, or a rollback), and the store's own loads that started before
   * it are dropped when they land. Returns whether it was written.
   */
  setData<T>(definition: ResourceDefinition<T>, data: T, session?: { generation?: number; ticket?: number }): boolean {
    if (session?.generation !== undefined && session.generation !== this.generation) return false;
    const slot = this.slot(definition);
    if (session?.ticket !== undefined) {
      if (session.ticket < slot.accepted) return false;
      slot.accepted = session.ticket;
    } else {
      this.dropReadsInFlight(slot);
    }
    this.set(slot, this.ready(slot, data));
    const identity = this.cacheIdentity(this.pid);
    if (identity && definition.persist !== false) this.cache.write(identity, this.pid, definition.key, data);
    return true;
  }

  /**
   * Lays `apply` over every answer a load of `definition` brings from now on, before it is shown (the cross-page
   * cache keeps the answer as it came): the wishlist's changes still in flight, so that a read started after
   * one (another tab's notice, a refresh) does not show a heart just pressed as it was before.
   */
  overlay<T>(definition: ResourceDefinition<T>, apply: (data: T) => T): void {
    this.overlays.push({ key: definition.key, apply });
  }

  /** A ticket for a read made outside the store (a mutation's re-read), to pass to `setData` with its answer. */
  readTicket<T>(definition: ResourceDefinition<T>): number {
    return (this.slot(definition).tickets += 1);
  }

  /**
   * The server's copy of a resource changed, or may have (a write was carried out, or its answer was lost):
   * the answers of reads that started before now are dropped when they land.
   */
  markWritten(key: string): void {
    this.onServerChange?.(key);
    const slot = this.slots.get(key);
    if (slot) this.dropReadsInFlight(slot);
  }

  /**
   * Marks a resource out of date after a write of this page's: refetched now if something shows it, else on next
   * use. A read already out when this is called does not count: it may have been answered before the change that
   * made this necessary.
   */
  invalidate(key: string): Promise<void> {
    this.onServerChange?.(key);
    return this.readAgain(key);
  }

  /** invalidate() for a change made elsewhere (another tab of the site): nobody else needs telling. */
  readAgain(key: string): Promise<void> {
    const slot = this.slots.get(key);
    const identity = this.cacheIdentity(this.pid);
    if (identity) this.cache.forgetResource(identity, key);
    if (!slot) return Promise.resolve();
    this.dropReadsInFlight(slot);
    if (slot.listeners.size === 0) {
      slot.snapshot = slot.snapshot.data !== null ? { ...slot.snapshot, stale: true } : INITIAL;
      return Promise.resolve();
    }
    return this.load(slot.definition, { force: true });
  }

  /**
   * Fresh data for everything on screen, with a new token: the page asks after a sign-in or an account switch,
   * and the token in memory may be the last shopper's (a guest may have signed in; a shopper may be someone
   * else now). The new token's profile decides: another one clears everything first (session()).
   */
  refresh(): Promise<void> {
    this.refreshes += 1;
    this.signedOut = false;
    this.tokens.clear();
    // A read already out went with the old token: its answer may be the last shopper's. The loads below go
    // again with the new one, and the old answers are dropped when they land.
    for (const slot of this.slots.values()) this.dropReadsInFlight(slot);
    for (const slot of this.slots.values()) {
      // Resources nobody shows right now are refetched when next watched.
      if (slot.listeners.size === 0) slot.snapshot = slot.snapshot.data !== null ? { ...slot.snapshot, stale: true } : INITIAL;
    }
    return this.reloadWatched();
  }

  private reloadWatched(): Promise<void> {
    const watched = [...this.slots.values()].filter((slot) => slot.listeners.size > 0);
    return Promise.all(watched.map((slot) => this.load(slot.definition, { force: true }))).then(() => undefined);
  }

  /** Reloads watched resources whose last load failed (the connection came back). */
  retryFailed(): Promise<void> {
    const failed = [...this.slots.values()].filter((slot) => slot.listeners.size > 0 && slot.snapshot.error !== null);
    return Promise.all(failed.map((slot) => this.load(slot.definition, { force: true }))).then(() => undefined);
  }

  /** Revalidates watched resources whose data is older than `maxAgeMs` (tab visible again). */
  revalidateOlderThan(maxAgeMs: number): Promise<void> {
    // Data from "the future" (the clock went back since it came) is of an age that cannot be told: read it again.
    const now = this.now();
    const due = [...this.slots.values()].filter(({ listeners, snapshot: { updatedAt } }) =>
      listeners.size > 0 && updatedAt !== null && (updatedAt > now || now - updatedAt > maxAgeMs),
    );
    return Promise.all(due.map((slot) => this.load(slot.definition, { force: true }))).then(() => undefined);
  }

  /** Logout: the token, every cached byte and every snapshot go; elements show the guest state. */
  logout(): void {
    // Signed out until the page says otherwise (refresh() after a sign-in, or a new customer hint): an element
    // that appears after logout, or a notice whose code arrives late, must not fetch a token and re-cache the
    // data that logout just cleared.
    this.signedOut = true;
    this.endSession();
    this.tokens.clear();
    this.cache.forgetAll();
    this.pid = null;
    // The hinted customer is no longer signed in; a later refresh() asks the token endpoint afresh.
    if (this.customerHint) this.customerHint = undefined;
    for (const slot of this.slots.values()) {
      slot.inFlight?.controller.abort();
      slot.inFlight = null;
      this.set(slot, { ...INITIAL, status: 'guest' });
    }
  }

  /** Stops every request and forgets the token, keeping the cross-page cache (the page is going away). */
  dispose(): void {
    this.disposed = true;
    // For the next page: the cache stores its writes a moment after them (WRITE_AFTER_MS).
    this.cache.flush();
    this.endSession();
    this.tokens.clear();
    for (const slot of this.slots.values()) {
      slot.inFlight?.controller.abort();
      slot.inFlight = null;
    }
  }

  /**
   * The storefront says who is signed in now (SPA login/logout without a reload). A different customer
   * clears everything and reloads what is on screen; a first hint on a page that had none only re-keys the
   * cache.
   */
  setCustomerHint(hint: string | undefined): Promise<void> {
    if (hint === this.customerHint) return Promise.resolve();
    // No hint so far and now one (a badge without `customer` and a hub with it, on one page): the same
    // session, named. The cache is re-keyed; the token and the data stay (no second token request). A guest
    // so far is asked about again below: the page now says someone is signed in.
    const anyGuest = [...this.slots.values()].some((slot) => slot.snapshot.status === 'guest');
    if (this.customerHint === undefined && hint && !this.signedOut && !anyGuest) {
      const pid = this.pid;
      this.customerHint = hint;
      // Profile not known yet: the first token confirms it and the loads write under the new key.
      if (pid === null) return Promise.resolve();
      // The data on screen came with a token minted before the page named anyone: the storefront session may be
      // someone else's by now (an SPA sign-in). A new token says whose it is; only if it is the same profile is
      // the data filed under the name (else session() clears it and loads the new shopper's). Reads already out
      // went with the old token: their answers are dropped, never filed under the new name.
      this.tokens.clear();
      for (const slot of this.slots.values()) this.dropReadsInFlight(slot);
      return this.session().then(
        (token) => {
          if (this.customerHint !== hint) return undefined;
          if (!token) return this.noticeSessionEnded(); // nobody signed in after all: every element a guest's
          if (token.pid === pid && this.pid === pid) this.rekeyCache(hint);
          return undefined;
        },
        () => {
          // Whose session it is cannot be learned now (the token endpoint failed): not the last shopper's data
          // under the new name. As for a customer change: clear, and ask again (an error with Retry if it fails).
          if (this.customerHint !== hint) return undefined;
          this.forgetData();
          return this.refresh();
        },
      );
    }
    this.tokens.clear();
    // A shopper's session, named or not (a page that never gave a hint, signed out by configure()): she has left.
    const signedOut = this.customerHint || this.pid;
    this.forgetData(); // under the previous hint's key: the customer who is no longer signed in
    this.customerHint = hint;
    if (hint) this.signedOut = false;
    if (hint === '') {
      if (this.cache.forgetAll(true) || signedOut) this.onSessionEnded?.();
      for (const slot of this.slots.values()) this.set(slot, { ...INITIAL, status: 'guest' });
      return Promise.resolve();
    }
    return this.refresh();
  }

  /** Names the current session's cache entry after the customer hint, for the next page to paint from. */
  private rekeyCache(hint: string) {
    if (this.pid === null) return;
    const identity = `customer:${hint}`;
    // Another shopper's data under this customer id (an earlier visit on a shared device) is not ours.
    const cachedPid = this.cache.pidOf(identity);
    if (cachedPid !== undefined && cachedPid !== this.pid) this.cache.forget(identity);
    for (const slot of this.slots.values()) {
      const { snapshot, definition } = slot;
      if (definition.persist === false || snapshot.status !== 'ready' || snapshot.data === null || snapshot.stale) continue;
      this.cache.write(identity, this.pid, definition.key, snapshot.data);
    }
  }

  /**
   * The session is no longer the one whose data the store holds: another shopper's (`pid`), or one nobody can name
   * yet (null: the token endpoint named someone else, then failed). Nothing of the last shopper stays, on screen or
   * cached; every load is aborted, its caller's included, and what is watched loads again in the next microtask
   * (an aborted load that follows into it, as 'outdated', shares that reload's request).
   */
  private startOver(pid: string | null): void {
    this.forgetData();
    this.pid = pid;
    queueMicrotask(() => this.reloadWatched());
  }

  private forgetData({ abortLoads = true }: { abortLoads?: boolean } = {}) {
    this.endSession();
    const identity = this.cacheIdentity(this.pid);
    if (identity) this.cache.forget(identity);
    // Also what was filed under the profile id before the page named a customer: a first hint has replaced the
    // identity above by the time a new token says the session is someone else's (or nobody's).
    if (this.pid) this.cache.forget(`pid:${this.pid}`);
    this.pid = null;
    for (const slot of this.slots.values()) {
      if (abortLoads) {
        slot.inFlight?.controller.abort();
        slot.inFlight = null;
      }
      // A guest's slot holds nothing to forget; whatever asks next settles it.
      if (slot.snapshot.data !== null || (slot.snapshot.status !== 'loading' && slot.snapshot.status !== 'guest')) this.set(slot, { ...INITIAL });
    }
  }

  private endSession() {
    this.generation += 1;
    this.sessionController.abort();
    this.sessionController = new AbortController();
  }

  /** For `OmneoWidgets.diagnose()` (src/core/diagnose.ts), read only: the resources, the token provider, the customer hint. */
  get diagnosis() {
    return [this.slots as ReadonlyMap<string, { readonly snapshot: ResourceSnapshot<unknown>; readonly inFlight: object | null }>, this.tokens, this.customerHint] as const;
  }

  /** The current profile id (for mutations that must not cross sessions). */
  get profileId(): string | null {
    return this.pid;
  }

  /**
   * The current session's number: mutations capture it when they start and pass it to `setData`, so that
   * nothing they learn after a logout, a customer change or a profile change is written.
   */
  get sessionGeneration(): number {
    return this.generation;
  }

  /** Aborted when the current session ends: for requests that only this session needs. */
  get sessionSignal(): AbortSignal {
    return this.sessionController.signal;
  }

  /** After logout() (until refresh() or a customer hint), or with an empty hint: no token, no request, no write. */
  get isSignedOut(): boolean {
    return this.customerHint === '' || this.signedOut;
  }

  /** Resolves the session now: used by mutations, which need a token before they start. */
  ensureSession(): Promise<ShopperToken | null> {
    return this.session();
  }

  /**
   * A write's token was refused (401) and renewed for another profile (OmneoProfileChangedError with a path): session()
   * takes the new shopper in (startOver). If the token endpoint fails before it can (the new token due again at once: a
   * device that slept), nobody can say who is signed in, but not the shopper whose data is on screen: it goes, as a
   * load's 401 makes it go (fetchInto), and what is watched loads again, to an error with Retry while the endpoint fails.
   * Not when the session ended or a refresh() was asked for meanwhile: the page's own new token decides then, and a
   * failed refresh keeps the data on screen. Resolves once the store is in its new state; never rejects.
   */
  async noticeProfileChanged(): Promise<void> {
    const generation = this.generation;
    const refreshes = this.refreshes;
    try {
      await this.session();
    } catch {
      if (generation === this.generation && refreshes === this.refreshes) this.startOver(null);
    }
  }

  /**
   * A request found nobody signed in any more (its token was refused and the re-mint came back as a guest, or
   * the token it was about to use was renewed as nobody's): the storefront session ended without a logout on this
   * page (it expired, or the shopper signed out in another tab). As when a load's token comes back null, that
   * shopper's data goes, snapshots and cross-page cache entry, and every resource is a guest's at once rather than
   * at the next load; refresh() or a new customer hint asks again. Not a logout: no signed-out latch. Does nothing
   * when the session turns out to be someone's after all (session() deals with a new profile). Resolves once the
   * store is in its new state; never rejects.
   */
  async noticeSessionEnded(): Promise<void> {
    if (this.isSignedOut) return; // logout() (or an empty hint) did all this already
    const before = this.generation;
    // A token request that fails now (a TokenProvider of the app's own that keeps no guest answer asks again) says
    // nothing of who is signed in: the request that called this found nobody, and that stands. Nor may this reject: a
    // load's caller (watch(), a notice from another tab) does not wait for it, so the rejection would be nobody's.
    if (await this.session().catch(() => null)) return;
    if (this.isSignedOut) return;
    // session() drops the data of a shopper it knew by profile id or customer hint; a token without a pid claim
    // and no hint left it, and the session it belonged to is over all the same.
    if (this.generation === before) this.forgetData();
    for (const slot of this.slots.values()) {
      slot.inFlight?.controller.abort();
      slot.inFlight = null;
      if (slot.snapshot.status !== 'guest') this.set(slot, { ...INITIAL, status: 'guest' });
    }
  }
}
