/**
 * The thin base every omneo element extends: config attributes, resolution and re-resolution, the shared
 * store, typed events, localised copy, and the shared guest/error states.
 */
import { html, LitElement, nothing, type PropertyDeclaration, type PropertyDeclarations, type PropertyValues, type ReactiveController, type TemplateResult } from 'lit';
import { OmneoError } from '../api/errors.js';
import type { OmneoStore, ResourceDefinition, ResourceSnapshot } from '../api/store.js';
import { CONFIG_ATTRIBUTES, ConfigProblem, configPlaces, errorOnce, firstTime, onConfigChange, resolveConfig, shown, textOf, warnOnce, type ResolvedConfig } from './config.js';
import type { OmneoEventDetails, OmneoEventName } from './events.js';
import { directionOf, isCatalogueLoaded, loadCatalogue, registerEnglish, translate, type Catalogue, type MessageKey } from './i18n.js';
import { installPageListeners, storeFor } from './runtime.js';
import { hostStyles } from './styles.js';

/**
 * The `hasChanged` of a public text property (given in finalize, see isText): a number and its digits are the same
 * value. Also its mark: requestUpdate turns a number set on a property with it into those digits, and on no other
 * property (one a subclass declares with its own `hasChanged`, or with a decorator, keeps what it is given).
 */
const changedAsText = (value: unknown, old: unknown): boolean => !Object.is(textOf(value) ?? value, textOf(old) ?? old);

export abstract class OmneoElement extends LitElement {
  static override styles = [hostStyles];

  /**
   * Registers the element under `tag` unless that tag is taken: including the script twice, or two
   * bundles on one page, must not throw. Also starts listening for the page events (`omneo-logout` above all),
   * so that whatever registers an element — the main entry, one element's define.js, a React wrapper — clears
   * cached data on a sign-out page before any element has connected.
   */
  static define(tag: string): void {
    installPageListeners();
    if (!customElements.get(tag)) customElements.define(tag, this as unknown as CustomElementConstructor);
  }

  /**
   * Lit finalizes a class when the browser registers it: so the page listeners start too when an app registers a
   * subclass itself (`customElements.define('acme-points', class extends OmneoPointsBalance {})`, README's way to
   * a second name), not only through define().
   * @internal
   */
  protected static override finalize(): void {
    installPageListeners();
    // A public text property keeps a number as its digits (requestUpdate), and React's wrappers set every prop again on
    // each render of the parent: the same number over its digits is no change, or each render would update the
    // element and, for a config key, resolve its config again.
    for (const options of Object.values(this.properties)) {
      if (isText(options)) options.hasChanged ??= changedAsText;
    }
    super.finalize();
  }

  // Lit's static `properties` rather than decorators here: every element extends this class, so the badge
  // page would otherwise download Lit's decorator code for these declarations alone.
  static override properties: PropertyDeclarations = {
    // Config attributes (design.md embed contract). Declared so that changing one re-resolves the config.
    ...Object.fromEntries(Object.entries(CONFIG_ATTRIBUTES).map(([key, attribute]) => [key, { attribute }])),
    headingLevel: { attribute: 'heading-level' },
    config: { state: true },
    configProblem: { state: true },
    staleRetrying: { state: true },
  };

  /**
   * The element's own English copy (`src/core/locales/en/`), registered when it first connects, so that a
   * page downloads the copy of the elements it shows; the base element's common copy ships with it.
   * @internal
   */
  static englishMessages: Catalogue = {};

  tokenEndpoint?: string;
  apiBase?: string;
  tenant?: string;
  locale?: string;
  currency?: string;
  wishlistHandle?: string;
  tiersEndpoint?: string;
  /** The storefront's customer id hint; "" = signed out. A number set from JS (`customer={user.id}`) is read as its digits. */
  customer?: string | number;
  /**
   * `heading-level`: the level (1–6) of the element's heading, where it has one; default: its hub's, else 2. A string
   * from the attribute; a number set from JS (a React or Vue prop) is read the same.
   */
  headingLevel?: string | number;

  /** The resolved configuration, or null while it cannot be resolved (see `configProblem`). */
  protected config: ResolvedConfig | null = null;
  protected configProblem: ConfigProblem | null = null;
  protected store: OmneoStore | null = null;

  private readonly storeUsers = new Set<StoreUser>();
  private readyAnnounced = false;
  private unlistenConfig: (() => void) | null = null;
  private reportedProblem: string | null = null;
  /** A Retry (error state or stale note) had focus: keep focus in the element while it reloads. */
  private keepFocusAfterRetry = false;
  /** Focus was in the element when this update began (see `updated`). */
  private hadFocus = false;
  /** A Retry of the stale note is reloading (see `renderStaleNote`). */
  private staleRetrying = false;
  /** The locale whose catalogue is still on its way, if any (see `localisationPending`). */
  private awaitedLocale: string | null = null;

  override connectedCallback(): void {
    registerEnglish((this.constructor as typeof OmneoElement).englishMessages);
    super.connectedCallback();
    this.unlistenConfig = onConfigChange(() => this.resolve());
    // The first time, the first update resolves (see willUpdate).
    if (this.hasUpdated) this.resolve();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlistenConfig?.();
    this.unlistenConfig = null;
    // Held at module level: an element gone from the page must not stay in memory, its tree with it.
    if (staleNoteVoice === this) staleNoteVoice = null;
  }

  /**
   * A public text property set to a finite number keeps its digits at once, as its attribute would (`textOf` reads it
   * so either way): Vue takes a binding that becomes null, undefined or "" to a property holding a number as 0 (one
   * holding text as ""), so `:customer="id"` with a numeric id, "" at sign-out, would leave customer "0", a shopper,
   * and `:sku` a heart for sku "0". Here, as Lit's setter reports the value, rather than in an update: a number set
   * over its own digits is no change (finalize), so no update would come to convert it. Not by overriding Lit's
   * getPropertyDescriptor, which is deprecated (its development build warns on every page).
   * @internal
   */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration, useNewValue?: boolean, newValue?: unknown): void {
    // NaN and Infinity stay as they are (no text; `textOf` refuses them with a line): setting them again would loop.
    const digits = typeof this[name as keyof this] == 'number' && !useNewValue ? textOf(this[name as keyof this]) : undefined;
    if (digits !== undefined && (options ?? (this.constructor as typeof OmneoElement).getPropertyOptions(name!)).hasChanged === changedAsText) this[name as keyof this] = digits as never;
    super.requestUpdate(name, oldValue, options, useNewValue, newValue);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The first update resolves, rather than connectedCallback: a property set before the element's code loaded (a
    // framework's, with the CDN loader) reaches the element only now, and resolving without it would ask the page's
    // token endpoint, or report a configuration problem, for nothing. After that, any change re-resolves: a new
    // attribute, a removed one, or a property set from JS.
    const configChanged = (Object.keys(CONFIG_ATTRIBUTES) as (keyof typeof CONFIG_ATTRIBUTES)[]).some((key) => changed.has(key));
    if (configChanged || !this.hasUpdated) this.resolve();
    // A Retry with focus that a reload the shopper did not press replaces (back online, another card's Retry, a
    // refresh): focus stays in the element as after a press, rather than dropping to the page.
    const focused = this.shadowRoot?.activeElement;
    if (focused?.matches('[part~="retry-button"]')) this.keepFocusAfterRetry = true;
    this.hadFocus = !!focused;
  }

  /**
   * Resolves config and (re)connects to the page's store.
   * @internal Public so that a hub whose attributes change can re-resolve the elements nested in it.
   */
  resolve(): void {
    if (!this.isConnected) return;
    try {
      const config = resolveConfig(this);
      this.config = config;
      this.configProblem = null;
      this.lang = config.locale;
      this.dir = directionOf(config.locale);
      this.awaitCatalogue(config.locale);
      const store = storeFor(config);
      if (store !== this.store) {
        this.store = store;
        this.storeUsers.forEach((user) => user.storeChanged(store));
      }
    } catch (error) {
      if (!(error instanceof ConfigProblem)) throw error;
      this.config = null;
      this.store = null;
      this.storeUsers.forEach((user) => user.storeChanged(null));
      if (!configGraceOver) {
        // The page may still be configuring: elements registered by an import connect before the importing
        // module's `configure()` runs, and module scripts run before a page's later ones. Show the loading
        // state until the page has settled, then judge again.
        this.configProblem = null;
        void configGrace().then(() => this.resolve());
        return;
      }
      this.configProblem = error;
      if (this.reportedProblem !== error.message) {
        this.reportedProblem = error.message;
        // Each element tells the page by its event; the console hears a page-wide mistake once, not once per heart.
        if (firstTime(error.message)) console.error(`${error.message} (on <${this.localName}>)`);
        this.emit('omneo-error', { element: this.localName, kind: 'config', status: null, message: error.message });
      }
    }
  }

  /**
   * @internal For `OmneoWidgets.diagnose()` (src/core/diagnose.ts), read only: the resolved config, its problem, the
   * store, and what watches the store for the element (its resource controllers; the hub's guest watcher).
   */
  get diagnosis() {
    return [this.config, this.configProblem, this.store, this.storeUsers as ReadonlySet<Partial<ResourceController<unknown>> & Pick<StoreUser, 'guest'>>] as const;
  }

  /**
   * @internal Names on the console, once per page, a failed load that points at a setting. The text loads only when
   * there is a failure to judge (diagnostics.ts): a page set up right never downloads it.
   */
  reportSetupError(error: OmneoError): void {
    const config = this.config;
    if (config && (error.kind === 'http' || error.kind === 'parse')) {
      void import('./diagnostics.js').then((diagnostics) => diagnostics.logSetupError(error, config)).catch(() => undefined);
    }
  }

  /**
   * @internal True while the catalogue for the element's locale is loading. Its resource controllers report
   * "loading" meanwhile, so the element shows its skeleton rather than data in the wrong language, and
   * `omneo-ready` waits for copy the shopper can read.
   */
  get localisationPending(): boolean {
    return this.awaitedLocale !== null;
  }

  private awaitCatalogue(locale: string) {
    if (isCatalogueLoaded(locale)) {
      this.awaitedLocale = null;
      return;
    }
    if (this.awaitedLocale === locale) return;
    this.awaitedLocale = locale;
    const arrived = () => {
      if (this.awaitedLocale !== locale) return; // the locale changed meanwhile; that load settles it
      this.awaitedLocale = null;
      this.requestUpdate();
      this.resourceBecameReady();
    };
    loadCatalogue(locale).then(arrived, (error: unknown) => {
      // English is better than a skeleton that never ends; the next element or locale change tries again. Every
      // element waiting on the file hears the failure: the console hears it once.
      errorOnce(`omneo-widgets: the "${locale}" copy could not be loaded, so English is shown (${(error as Error)?.message ?? error}).`);
      arrived();
    });
  }

  /** @internal for StoreUser controllers */
  registerStoreUser(user: StoreUser): void {
    this.storeUsers.add(user);
  }

  /**
   * @internal `omneo-ready` fires once per element, when every resource it needs (not the supporting ones,
   * such as the points ledger behind an expiry notice) has data on screen.
   */
  resourceBecameReady(): void {
    if (this.readyAnnounced) return;
    const needed = [...this.storeUsers].filter((user) => user.supporting === false);
    // An element with no data of its own (the hub) announces nothing; its nested elements do.
    if (needed.length === 0 || this.localisationPending || !needed.every((user) => user.hasData)) return;
    this.readyAnnounced = true;
    void this.updateComplete.then(() => this.emit('omneo-ready', { element: this.localName }));
  }

  /**
   * @internal Dispatches a typed, bubbling, composed `omneo-*` event. Public for the resource controllers (their
   * `omneo-error`), not for pages: the events are ours to send.
   */
  emit<K extends OmneoEventName>(name: K, detail: OmneoEventDetails[K], options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }

  /** Localised copy for the resolved locale, with merchant overrides. */
  protected t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const locale = this.config?.locale ?? 'en';
    return translate(locale, key, params, this.config?.messages);
  }

  /**
   * The `aria-level` of the element's heading ("Your points"), or with `sub` of its sections' ("Rewards"), one
   * below: `heading-level` (1–6) on the element, else on the nearest hub around it that sets one (an account page's
   * hub inside a layout's hub), else 2, a section of a page whose title is the h1. The headings stay styled as they
   * are; the level only tells assistive technology where they sit.
   */
  protected headingAriaLevel(sub = false): number {
    // Text or a number only: a framework's `true` or `[4]` is no level (Number() would make them 1 and 4).
    const levelOf = (value: unknown) => Number(textOf(value) ?? NaN);
    const level = configPlaces(this)
      .map((place) => levelOf((place as OmneoElement | null)?.headingLevel ?? place?.getAttribute('heading-level')))
      .find((value) => Number.isInteger(value) && value >= 1 && value <= 6);
    const own: unknown = this.headingLevel;
    if (own != null && own !== '' && level !== levelOf(own)) warnOnce(`omneo-widgets: heading-level ${shown(own)} is not 1–6; ${level ?? 2} is used.`);
    return Math.min(6, (level ?? 2) + (sub ? 1 : 0));
  }

  /** The element's heading text, inside its `heading` part (which may hold the stale note beside it). */
  protected renderHeadingText(key: MessageKey): TemplateResult {
    return html`<span role="heading" aria-level=${this.headingAriaLevel()}>${this.t(key)}</span>`;
  }

  protected get localeOrDefault(): string {
    return this.config?.locale ?? 'en';
  }

  // ── Shared states ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Beside the heading while cached data is on screen: "Updating…" as it refreshes. When a refresh failed the
   * data stays (the store keeps the error beside it) and a calm "May be out of date" note gets a Retry of its
   * own, which reloads what failed. Not an alert: the shopper still has their data.
   */
  protected renderStaleNote(...controllers: ResourceController<unknown>[]): TemplateResult | typeof nothing {
    const stale = controllers.filter((controller) => controller.snapshot.stale);
    if (stale.length === 0) return nothing;
    // Only while on the page: an element that renders once more after it was removed (Lit still renders it, a
    // Retry's reload ending) must not be held (see disconnectedCallback).
    if (this.isConnected && (!staleNoteVoice?.isConnected || !staleNoteVoice.renderRoot.querySelector('.stale'))) staleNoteVoice = this;
    const failed = stale.filter((controller) => controller.snapshot.error !== null);
    const outdated = failed.length > 0 && !this.staleRetrying;
    return html`<span class="stale-note"
      ><span part="stale" class="stale" aria-live=${staleNoteVoice === this ? 'polite' : 'off'}>${this.t(outdated ? 'state.outdated' : 'state.stale')}</span>${failed.length > 0
        ? html` <button
            part="retry-button"
            class="refresh"
            type="button"
            aria-disabled=${this.staleRetrying ? 'true' : nothing}
            @click=${(event: Event) => this.retryStale(event, failed)}
          >
            ${this.t('action.retry')}
          </button>`
        : nothing}</span
    >`;
  }

  private async retryStale(event: Event, failed: ResourceController<unknown>[]): Promise<void> {
    if (this.staleRetrying) return;
    staleNoteVoice = this;
    this.staleRetrying = true;
    this.keepFocusAfterRetry = this.shadowRoot?.activeElement === event.currentTarget;
    try {
      await Promise.all(failed.map((controller) => controller.reload()));
    } finally {
      this.staleRetrying = false;
    }
  }

  /**
   * A Retry handler that keeps keyboard focus in the element: the error box (and its button) gives way to the
   * loading skeleton at once, and fresh data takes the stale note's Retry away; either would drop focus to the page.
   */
  protected retryKeepingFocus(retry: () => void): (event: Event) => void {
    return (event) => {
      this.keepFocusAfterRetry = this.shadowRoot?.activeElement === event.currentTarget;
      retry();
    };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.keepFocusAfterRetry && this.shadowRoot) {
      // Only focus this render dropped returns: focus the shopper has put elsewhere meanwhile is theirs, on a link or
      // on the page (<body>, where a click on its text puts it).
      const moved = !this.shadowRoot.activeElement && !this.hadFocus;
      if (!this.shadowRoot.activeElement && !moved) {
        // The error state's new Retry if it failed again, else the heading (the badge, which has none).
        const target =
          this.shadowRoot.querySelector<HTMLElement>('[part~="error"] [part~="retry-button"]') ??
          this.shadowRoot.querySelector<HTMLElement>('[part~="heading"], [part~="badge"]');
        if (target && !target.matches('button, [tabindex]')) target.tabIndex = -1;
        target?.focus({ focusVisible: true });
      }
      // Settled (data or an error again, no skeleton, no reload in flight), or moved on: nothing more to keep.
      if (moved || (!this.staleRetrying && !this.shadowRoot.querySelector('[aria-busy="true"]'))) this.keepFocusAfterRetry = false;
    }
  }

  protected renderGuest(): TemplateResult {
    return html`<div part="guest" class="guest">
      <slot name="guest"><p class="guest-copy">${this.t('state.guest')}</p></slot>
    </div>`;
  }

  /**
   * The error state: a plain message, role="alert", and a Retry button (which reloads what failed on the whole
   * page: see ResourceController.reload). `failed` names what could not load ("We couldn't load your points
   * right now."), so that on a page of several elements each says what failed; without it the copy fits any card.
   */
  protected renderError(error: OmneoError | ConfigProblem | null, retry: (() => void) | null, failed: MessageKey = 'state.error'): TemplateResult {
    const key: MessageKey =
      error instanceof ConfigProblem
        ? 'state.error.config'
        : error instanceof OmneoError && error.kind === 'network' && typeof navigator !== 'undefined' && navigator.onLine === false
          ? 'state.error.offline'
          : failed;
    return html`<div part="error" class="error" role="alert">
      <span class="error-message">${this.t(key)}</span>
      ${retry ? html`<button part="retry-button" type="button" @click=${this.retryKeepingFocus(retry)}>${this.t('action.retry')}</button>` : null}
    </div>`;
  }
}

/**
 * The element whose stale note speaks for the page (aria-live; the others' are off): one refresh failing fails every
 * card at once, and "May be out of date" was heard four times in the hub. The first to show a note keeps the voice
 * while one is on its screen; a Retry pressed takes it, so that the shopper who pressed hears what became of it.
 */
let staleNoteVoice: OmneoElement | null = null;

/**
 * A public property read as text: one the typed API declares a string (no `type`, or String) with an attribute. A
 * Number (the wishlist's pageSize), a Boolean (0 must stay false, not "0"), one kept for JS alone (`attribute: false`,
 * a subclass's) or internal state keeps what it is given.
 */
const isText = (options: PropertyDeclaration) => !options.state && options.attribute !== false && (options.type ?? String) === String;

let configGraceOver = false;
let configGracePromise: Promise<void> | null = null;

/**
 * Settles once the page has had its chance to configure: after DOMContentLoaded (every classic, deferred and
 * module script in the document has run by then) and one more task, for `configure()` called right after an
 * `import` of the package.
 */
function configGrace(): Promise<void> {
  configGracePromise ??= new Promise<void>((resolve) => {
    const settle = () =>
      setTimeout(() => {
        configGraceOver = true;
        resolve();
      });
    if (typeof document !== 'undefined' && document.readyState === 'loading') document.addEventListener('DOMContentLoaded', settle, { once: true });
    else settle();
  });
  return configGracePromise;
}

interface StoreUser {
  /** Only users that say `supporting: false` hold back `omneo-ready` (other watchers, e.g. the hub's, don't). */
  readonly supporting?: boolean;
  readonly hasData?: boolean;
  /** The hub's watcher: whether it shows the guest state instead of its elements (for diagnose()). */
  readonly guest?: boolean;
  storeChanged(store: OmneoStore | null): void;
}

const LOADING: ResourceSnapshot<never> = { status: 'loading', data: null, error: null, stale: false, updatedAt: null };

/**
 * Subscribes its host to one store resource while the host is connected and re-renders it on every change.
 * Reports data to the host (which emits `omneo-ready` once) and emits `omneo-error` when a load fails.
 * Not `@lit/task` (design.md's stack named it; it was never imported and left the dependencies): a task belongs to
 * one element and runs when its arguments change, while a resource here is the page's, shared by every element
 * that shows it (one request), changed by writes and other tabs, and painted from the cross-page cache before any
 * request: a subscription, not a task.
 */
export class ResourceController<T> implements ReactiveController, StoreUser {
  private latest: ResourceSnapshot<T> = LOADING;
  /** A supporting resource (e.g. the currency for prices) does not hold back the element's `omneo-ready`. */
  readonly supporting: boolean;
  private unsubscribe: (() => void) | null = null;
  private store: OmneoStore | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly host: OmneoElement,
    private resource: ResourceDefinition<T> | null,
    options: { supporting?: boolean } = {},
  ) {
    this.supporting = options.supporting ?? false;
    host.addController(this);
    host.registerStoreUser(this);
  }

  /** What the store has, except that it reads as loading while the host's copy is not here yet. */
  get snapshot(): ResourceSnapshot<T> {
    return this.host.localisationPending ? LOADING : this.latest;
  }

  get hasData(): boolean {
    return this.snapshot.data !== null;
  }

  hostConnected(): void {
    // `resolve()` reports the store through storeChanged (at the host's first update, then on each connection);
    // connected again after it was removed, the controller subscribes here.
    if (this.store && !this.unsubscribe) this.subscribe(this.store);
  }

  hostDisconnected(): void {
    // Not at once, nor in a microtask: the last watcher out aborts the load in flight, which would then be asked for
    // again by an element moved in the DOM (disconnected and connected again in one step), or by the identical one a
    // host puts in its place in the same task (a keyed re-render, an htmx swap, a section's innerHTML set again),
    // whose first update comes after this element's microtask.
    setTimeout(() => {
      if (this.host.isConnected) return;
      this.unsubscribe?.();
      this.unsubscribe = null;
    });
  }

  /**
   * The failure to show instead of data: the resource could not load and there is nothing to show (a refresh
   * that failed over data on screen is not one: that data stays, with the stale note).
   */
  get loadError(): OmneoError | null {
    const { status, data, error } = this.snapshot;
    return status === 'error' || (!data && error) ? error : null;
  }

  /** Whether it watches a resource at all (one created empty waits for `watch`). */
  get watching(): boolean {
    return this.resource !== null;
  }

  /**
   * Points the controller at another resource (an optional one whose URL comes from config, such as the tier
   * ladder), or at none: the old subscription ends, so a changed attribute leaves nothing watching behind.
   */
  watch(resource: ResourceDefinition<T> | null): void {
    if (resource === this.resource) return;
    this.resource = resource;
    this.latest = LOADING;
    this.lastError = null;
    this.storeChanged(this.store);
  }

  storeChanged(store: OmneoStore | null): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = store;
    if (store && this.host.isConnected) this.subscribe(store);
  }

  private subscribe(store: OmneoStore) {
    if (!this.resource) return;
    this.unsubscribe = store.watch(this.resource, (snapshot) => {
      this.latest = snapshot;
      this.host.requestUpdate();
      if (snapshot.data !== null) this.host.resourceBecameReady();
      if (snapshot.error && snapshot.error !== this.lastError) {
        const error = snapshot.error;
        this.host.reportSetupError(error);
        this.host.emit('omneo-error', {
          element: this.host.localName,
          kind: error.kind,
          status: 'status' in error && typeof error.status === 'number' ? error.status : null,
          message: error.message,
        });
      }
      this.lastError = snapshot.error;
    });
  }

  /** Retry after an error: reloads this resource (shared with every other element showing it). */
  retry = (): void => {
    void this.reload();
  };

  /**
   * Reloads this resource, and with it every other resource on the page whose last load failed: one outage
   * fails several at once, and one Retry should recover the page rather than only the card it was pressed on.
   * Settles when the store has this resource's answer (fresh data or the error).
   */
  reload(): Promise<void> {
    if (!this.store || !this.resource) return Promise.resolve();
    const own = this.store.load(this.resource, { force: true });
    void this.store.retryFailed();
    return own;
  }
}

/**
 * A placeholder for text in a skeleton: inline, so it breaks across lines where the text it stands for would (the
 * shared `.skeleton.text` styles hide the text and paint one block per line fragment).
 */
export function skeletonText(sample: string, extraClass = ''): TemplateResult {
  return html`<span class=${extraClass ? `skeleton text ${extraClass}` : 'skeleton text'}>${sample}</span>`;
}
