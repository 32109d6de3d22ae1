import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { balancesResource } from '../../api/balances.js';
import type { AllPagesResult } from '../../api/resources.js';
import type { Balances } from '../../api/schemas/balances.js';
import type { PointInstance, ProfileCurrency } from '../../api/schemas/resources.js';
import { errorOnce, shown, textOf, warnOnce } from '../../core/config.js';
import { formatDate, formatMoney, formatPoints, pointsCount, toMinorUnits } from '../../core/format.js';
import { OmneoElement, ResourceController, skeletonText } from '../../core/omneo-element.js';
import { enPoints } from '../../core/locales/en/points.js';
import { pointsBalanceStyles } from './points-balance.styles.js';

/**
 * @summary The shopper's points balance: points formatted for the locale, their dollar value, the combined
 * spendable balance and points expiring soon. `variant="compact"` renders a one-line header badge. The card's
 * skeleton is the reference member's card, wrapping as the loaded card does; the badge's is as wide as a four-digit
 * balance.
 *
 * @tag omneo-points-balance
 *
 * @attr variant - `"default"` (a card) or `"compact"` (a header badge).
 * @attr token-endpoint, api-base, tenant, locale, currency, customer - see the configuration table.
 * @attr heading-level - The level (1–6) of the card's heading "Your points" (the badge has none), announced to
 * assistive technology; default: the enclosing hub's `heading-level`, else 2.
 *
 * @slot guest - Shown when nobody is signed in. Default: "Sign in to see your rewards"; the compact badge shows
 * "Sign in" (the full sentence stays its text for screen readers).
 *
 * @csspart card - The default variant's container.
 * @csspart badge - The compact variant's container (with `error` too when the points could not load: the star,
 * "Points unavailable ·" and a Retry named "Retry", described by the sentence "We couldn't load your points right now.";
 * when the configuration cannot work, its message alone).
 * @csspart heading - "Your points" (in every state of the card but the guest one, the error state's too).
 * @csspart points - The points figure.
 * @csspart value - The points' dollar value; "No points yet" at zero; below zero (points taken back), what that means.
 * @csspart spendable - The combined spendable balance.
 * @csspart expiring - The "points expire on" notice.
 * @csspart stale - The note beside the heading while cached data is shown: "Updating…", or "May be out of date"
 * when the refresh failed.
 * @csspart guest - The guest state container.
 * @csspart error - The error state container.
 * @csspart retry-button - The error state's Retry button, and the one beside "May be out of date".
 *
 * @cssprop --omneo-color-accent - Badge icon colour (in forced colours, the text's system colour).
 * @cssprop --omneo-points-font-size - Size of the points figure (default 2em).
 * @cssprop --omneo-points-color - Colour of the points figure.
 * @cssprop --omneo-badge-background - Compact badge background.
 * @cssprop --omneo-badge-font-size - Compact badge font size.
 * @cssprop --omneo-card-padding - Card padding.
 * @cssprop --omneo-color-warning - Colour of the expiring-points notice (default `#8a5300`, an amber with AA contrast on
 * light backgrounds; under light text, a dark page's, `#f2c14e`).
 * @cssprop --omneo-color-danger - Colour of the error message, the card's and the badge's (default `#b3261e`; under light
 * text, a dark page's, `#ff8a80`).
 * @cssprop --omneo-color-skeleton - The loading placeholders of the card and the badge (default: the text colour at 10%).
 * @cssprop --omneo-button-background - Background of the Retry button (default: transparent).
 * @cssprop --omneo-button-color - Label colour of the Retry button (default: the text colour around it).
 *
 * @fires omneo-ready - Data is on screen for the first time. `detail: {element}`.
 * @fires omneo-error - Loading the balances (or what the expiry notice needs) failed, or the configuration cannot
 * work (`kind: "config"`). `detail: {element, kind, status, message}`.
 */
export class OmneoPointsBalance extends OmneoElement {
  static override styles = [...OmneoElement.styles, ...pointsBalanceStyles];
  /** @internal */
  static override englishMessages = enPoints;
  // Static `properties`, not decorators, as in OmneoElement: the badge page then needs no decorator code.
  // Reflected as text only: a framework's `['compact']` would otherwise reflect as "compact", the badge's styles on the card.
  static override properties: PropertyDeclarations = { variant: { reflect: true, converter: { toAttribute: textOf } } };

  /** `default` (card) or `compact` (header badge). Reflected: CSS selects on it. */
  variant: 'default' | 'compact' = 'default';

  private readonly balances = new ResourceController(this, balancesResource);
  // The compact badge has no room for the expiry notice: it never asks for points, nor loads the code.
  private readonly expiring = new ResourceController<AllPagesResult<PointInstance>>(this, null, { supporting: true });
  private expiry: typeof import('./points-expiry.js') | null = null;
  // Balances normally name their currency; when neither they nor the config do, the card asks the profile
  // (one more request, so only then; its resource comes with the card's expiry code, never on the badge page).
  private readonly profile = new ResourceController<ProfileCurrency>(this, null, { supporting: true });
  private expiryRequested = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Connected again (its code may have failed to load). The first time, the first update decides: a variant set
    // as a property before the element's code loaded is not set yet here.
    if (this.hasUpdated && this.variant !== 'compact') this.loadExpiryNotice();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The first update, or a badge turned into a card (e.g. a header that expands): the card gets its notice.
    if (changed.has('variant') && this.variant !== 'compact' && this.isConnected) this.loadExpiryNotice();
    // `variant="compakt"` is the card, not a header badge: a misspelt value would otherwise only show as the wrong layout.
    // No variant at all is the card, said nothing about: the attribute taken away (null), or Vue binding undefined ("").
    if (changed.has('variant') && this.variant && this.variant !== 'default' && !this.compact) warnOnce(`omneo-widgets: variant ${shown(this.variant)} is not default or compact; the card is shown.`);
    const balances = this.balances.snapshot.data;
    if (!this.compact && this.expiry && balances && !this.config?.currency && !balances.currency?.base) {
      this.profile.watch(this.expiry.profileResource);
    }
  }

  /**
   * The notice's code arrives after the card's first render; its row is reserved (empty) meanwhile, so
   * nothing moves when it fills in.
   */
  private loadExpiryNotice() {
    if (this.expiryRequested) return;
    this.expiryRequested = true;
    import('./points-expiry.js').then(
      (expiry) => {
        this.expiry = expiry;
        this.expiring.watch(expiry.expiringPointsResource);
      },
      (error: unknown) => {
        // A supporting notice: the balance stays on screen without it, and the next connection tries again; the
        // console hears it once for the page, not at each try nor for each card.
        this.expiryRequested = false;
        errorOnce(`omneo-widgets: the points expiry notice could not be loaded (${(error as Error)?.message ?? error}).`);
      },
    );
  }

  private get compact() {
    return this.variant === 'compact';
  }

  private currencyFor(balances: Balances): string | null {
    return this.config?.currency ?? balances.currency?.base ?? this.profile.snapshot.data?.currency?.base ?? null;
  }

  override render(): TemplateResult {
    if (this.configProblem) {
      return this.compact
        ? html`<span part="badge error" class="badge error" role="alert"><span class="label">${this.t('state.error.config')}</span></span>`
        : this.frame(this.renderError(this.configProblem, null), true);
    }
    const { status, data } = this.balances.snapshot;
    const error = this.balances.loadError;
    if (status === 'guest') return this.compact ? this.renderGuestBadge() : this.frame(this.renderGuest());
    if (error) {
      if (this.compact) return this.renderErrorBadge();
      // The heading stays above the message, as in every other state (in the hub it says which card failed).
      return this.frame(this.renderError(error, this.balances.retry, 'points.error'), true);
    }
    if (!data) return this.renderLoading();
    return this.compact ? this.renderBadge(data) : this.renderCard(data);
  }

  private frame(content: TemplateResult, withHeading = false): TemplateResult {
    return html`<section part="card" class="card" aria-label=${this.t('points.heading')}>
      ${withHeading ? html`<p part="heading" class="heading">${this.renderHeadingText('points.heading')}</p>` : nothing}${content}
    </section>`;
  }

  /**
   * A header has no room for a sentence: the badge says "Sign in" and screen readers hear the whole of it.
   * Merchants' slotted content replaces both; the label ellipsizes whatever its length.
   */
  private renderGuestBadge(): TemplateResult {
    return html`<span part="badge" class="badge"
      >${starIcon}<span part="guest" class="label guest"
        ><slot name="guest"
          ><span aria-hidden="true">${this.t('state.guest.action')}</span><span class="visually-hidden">${this.t('state.guest')}</span></slot
        ></span
      ></span
    >`;
  }

  /**
   * A header has no room for the sentence either: the badge keeps its star, so it still reads as the points badge,
   * and says in two words what failed before its Retry ("Points unavailable · Retry"), in the error colour. In a
   * narrow header the words ellipsize; with no room for a few letters they are left out (never "P…"), and Retry
   * stays whole. The two words are hidden from screen readers; the whole sentence stands in for them ("We couldn't
   * load your points right now."), so the alert is heard as the card's ("… right now. Retry") and nothing twice. Retry
   * is named by its word alone, what a voice-control user says (WCAG 2.5.3), and described by the sentence, heard
   * with it on focus; pointing at the badge shows the sentence. The badge is wider than while loading: the loading
   * badge is a balance's width, so that data arriving does not move the header; an error is not data arriving, and
   * "Retry" alone was already wider.
   */
  private renderErrorBadge(): TemplateResult {
    const failed = this.t('points.error');
    return html`<span part="badge error" class="badge error" role="alert" title=${failed}
      >${starIcon}<span class="failed"
        ><span class="visually-hidden" id="failed">${failed}</span
        ><button part="retry-button" type="button" aria-describedby="failed" @click=${this.retryKeepingFocus(this.balances.retry)}
          >${this.t('action.retry')}</button
        ><span class="label" aria-hidden="true">${this.t('points.badge.error')} ·</span></span
      ></span
    >`;
  }

  private renderLoading(): TemplateResult {
    if (this.compact) {
      // As wide as a typical balance (four digits, in the locale's digits and separators; the badge's figures
      // are tabular): the header does not nudge when the number arrives. The figures are drawn by CSS from an
      // attribute, so the loading badge's text has no number in it for a script to take for the balance.
      return html`<span part="badge" class="badge" aria-busy="true"
        >${starIcon}<span class="skeleton" aria-hidden="true" data-figures=${formatPoints(TYPICAL_BALANCE, this.localeOrDefault)}></span
        ><span class="visually-hidden">${this.t('state.loading')}</span></span
      >`;
    }
    // The loaded card's rows (renderCard), each with a placeholder of the reference member's text: see SKELETON_BALANCES.
    const locale = this.localeOrDefault;
    const money = (value: number) => formatMoney(value, this.config?.currency ?? SKELETON_CURRENCY, locale);
    const { points, worth, spendable, expiring, expiresAt } = SKELETON_BALANCES;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const date = formatDate(new Date(Date.now() + expiresAt - SKELETON_WRITTEN_AT), locale, zone);
    return html`<section part="card" class="card" aria-busy="true" aria-label=${this.t('points.heading')}>
      <p part="heading" class="heading">${this.renderHeadingText('points.heading')}</p>
      <p class="points" aria-hidden="true">${skeletonText(this.t('points.count', this.pointsParams(points)))}</p>
      <p class="detail" aria-hidden="true">${skeletonText(this.t('points.worth', { amount: money(worth) }))}</p>
      <p class="detail" aria-hidden="true">${skeletonText(this.t('points.spendable', { amount: money(spendable) }))}</p>
      <p class="expiring" aria-hidden="true">${skeletonText(this.t('points.expiring', { ...this.pointsParams(expiring), date }))}</p>
      <span class="visually-hidden">${this.t('state.loading')}</span>
    </section>`;
  }

  /**
   * `count` and `formatted` for a points message. A balance below zero (points taken back after a return, say)
   * is shown as Omneo sends it, sign included, in the message's "other" form: some languages spell out "one"
   * and "two" without the figure, which would drop the minus sign.
   */
  private pointsParams(points: number): { count?: number; formatted: string } {
    const formatted = formatPoints(points, this.localeOrDefault);
    return pointsCount(points) < 0 ? { formatted } : { count: pointsCount(points), formatted };
  }

  private renderBadge(balances: Balances): TemplateResult {
    const params = this.pointsParams(balances.point_balance);
    return html`<span part="badge" class="badge" role="status"
      >${starIcon}<span class="label" aria-hidden="true">${params.formatted}</span
      ><span class="visually-hidden">${this.t('points.badge.label', params)}</span></span
    >`;
  }

  /**
   * The value line: what the points are worth; "No points yet" at zero; below zero, the figure above says it
   * and this line says plainly what it means (never "No points yet" under "-250 points", nor a negative worth).
   */
  private renderValue(balances: Balances, currency: string | null): string {
    const points = pointsCount(balances.point_balance);
    if (points < 0) return this.t('points.negative');
    if (points === 0) return this.t('points.none');
    return this.t('points.worth', { amount: formatMoney(balances.point_balance_dollars, currency, this.localeOrDefault) });
  }

  private renderCard(balances: Balances): TemplateResult {
    const locale = this.localeOrDefault;
    const currency = this.currencyFor(balances);
    const params = this.pointsParams(balances.point_balance);
    const count = this.t('points.count', params);
    return html`<section part="card" class="card" aria-label=${this.t('points.heading')}>
      <p part="heading" class="heading" tabindex="-1">${this.renderHeadingText('points.heading')} ${this.renderStaleNote(this.balances)}</p>
      <p part="points" class="points">${this.expiry?.breakBetweenGroups(count, params.formatted) ?? count}</p>
      <p part="value" class="detail">${this.renderValue(balances, currency)}</p>
      <p part="spendable" class="detail">
        ${toMinorUnits(balances.combined_balance_dollars, currency) > 0
          ? this.t('points.spendable', { amount: formatMoney(balances.combined_balance_dollars, currency, locale) })
          : nothing}
      </p>
      <p part="expiring" class="expiring">${this.renderExpiring()}</p>
    </section>`;
  }

  private renderExpiring(): string | typeof nothing {
    const points = this.expiring.snapshot.data;
    const soonest = points && this.expiry ? this.expiry.soonestExpiry(points, this.localeOrDefault) : null;
    return soonest ? this.t('points.expiring', soonest) : nothing;
  }
}

/** The balance the badge's skeleton is as wide as: four digits, as most members' balances have. */
const TYPICAL_BALANCE = 1000;

/**
 * What the card's skeleton draws: the reference member's card (the mock's persona ava, omneo-api.md's example:
 * 1,250 points worth $12.50, $47.50 to spend, 450 points expiring soon), line for line in the loaded card's rows,
 * with placeholder text of the same length in the shopper's language. The placeholders are inline, so they wrap
 * where that text wraps at every width. Measured in the demo's hub (Ava, every /profiles/me call slowed; the card is
 * 280 px wide at a 320 px viewport), skeleton → loaded, with the fixed sample text this replaces: 195 → 215 px at 320
 * (en, fr) and 174 → 195 at 768 (fr), the expiry notice's second line, and 195 → 194 at 320 (ar); now the skeleton is
 * exactly as tall as the loaded card at 320, 768 and 1280 px in English, French and Arabic. A member with nothing
 * expiring soon loads a line shorter where that notice would have wrapped (its row keeps one line).
 */
const SKELETON_BALANCES = { points: 1250, worth: 12.5, spendable: 47.5, expiring: 450, expiresAt: Date.parse('2025-12-15T12:59:59Z') };
/** The reference data's "now" (the mock's SEED_NOW): the expiry is drawn as far ahead of today as it is ahead of that. */
const SKELETON_WRITTEN_AT = Date.parse('2025-11-26T01:00:00Z');
/** The reference member's currency, for the placeholders while the shopper's is not known (none configured). */
const SKELETON_CURRENCY = 'AUD';


const starIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z"/></svg>`;
