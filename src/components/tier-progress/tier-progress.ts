import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { tierProgressResource } from '../../api/resources.js';
import { tierLadder, tierProgress, tierReviewDeadline, type TierProgressSummary } from '../../api/rules.js';
import type { TierDefinition, TierProgress } from '../../api/schemas/resources.js';
import { tierLadderResource, type TierLadder } from '../../api/tier-ladder.js';
import { formatDate, formatPoints, pointsCount } from '../../core/format.js';
import type { MessageKey } from '../../core/i18n.js';
import { OmneoElement, ResourceController, skeletonText } from '../../core/omneo-element.js';
import { enTier } from '../../core/locales/en/tier.js';
import { tierProgressStyles } from './tier-progress.styles.js';

/** Stands in for the tier's name while a message is translated, then is replaced by the name in a <bdi>. */
const TIER_SLOT = '\uE000';
/**
 * What the skeleton draws: the reference member (the mock's persona ava, omneo-api.md's example: Silver, 1,100 of
 * 1,500 tier points to Gold, 50 more to keep Silver by the anniversary; with `tiers-endpoint`, the reference ladder
 * Member, Silver, Gold, Platinum, a perk for each but the floor tier), row for row and line for line, with the loaded
 * card's own rows and classes and placeholder text of the same length: tier names and perks as the reference
 * member's, our copy in the shopper's language (merchant overrides included). The placeholders are inline, so they
 * wrap where that text wraps at every width. Measured in the demo's hub (Ava, every /profiles/me call slowed; the
 * card is 280 px wide at a 320 px viewport), skeleton → loaded, with the fixed sample text this replaces: 537 → 557 px
 * in English and Arabic and 537 → 635 in French at 320 px, 537 → 557 at 768, 459 → 459 (en, ar) and 459 → 478 (fr)
 * at 1280; now the skeleton is exactly as tall as the loaded card at all three widths in all three languages. A member
 * of another shape (the floor tier: no maintain line; the top tier; another ladder) still changes height by the
 * lines their data has or lacks.
 */
const SKELETON_PROGRESS = { current: 'Silver', next: 'Gold', earned: 1100, required: 1500, toNext: 400, maintainRemain: 50 };
/** The reference member's anniversary, in the reference data's frame of time (see SKELETON_WRITTEN_AT). */
const SKELETON_ANNIVERSARY = Date.parse('2026-03-14T00:00:00Z');
/**
 * The reference data's "now" (the mock's SEED_NOW): its anniversary is drawn as far ahead of today as it is ahead
 * of that, as the mock serves it.
 */
const SKELETON_WRITTEN_AT = Date.parse('2025-11-26T01:00:00Z');
const SKELETON_LADDER: readonly { name: string; from: number; perk: string | null; current?: boolean }[] = [
  { name: 'Member', from: 0, perk: null },
  { name: 'Silver', from: 500, perk: 'Free express shipping', current: true },
  { name: 'Gold', from: 1500, perk: 'Double points weekends' },
  { name: 'Platinum', from: 3000, perk: 'A personal stylist' },
];

/**
 * @summary The shopper's loyalty tier: the current and next tier, a progress bar, "N tier points to <next
 * tier>", and what keeps the current tier by its anniversary. With `tiers-endpoint` it also lists every tier.
 * Tier points count towards a tier and are not the redeemable points balance; the copy always says "tier points".
 * Loading shows a skeleton of the reference member's card (and ladder) that wraps as the loaded card does. In forced
 * colours (Windows High Contrast) the bar is a CanvasText outline with a Highlight fill, whatever the bar tokens say.
 *
 * @tag omneo-tier-progress
 *
 * @attr tiers-endpoint - Optional URL of the proxy's tier-ladder route (`{data: TierDefinition[]}`); shows the full ladder.
 * @attr token-endpoint, api-base, tenant, locale, currency, customer - see the configuration table.
 * @attr heading-level - The level (1–6) of the heading "Your tier" (the ladder's one below), announced to assistive technology; default: the
 * enclosing hub's `heading-level`, else 2.
 *
 * @slot guest - Shown when nobody is signed in. Default: "Sign in to see your rewards".
 *
 * @csspart card - The container.
 * @csspart heading - "Your tier".
 * @csspart section-heading - The ladder's "All tiers" heading (loading, loaded or failed).
 * @csspart stale - The note beside the heading while cached data is shown: "Updating…", or "May be out of date"
 * (with a Retry, the `retry-button` part) when the refresh failed.
 * @csspart tier-name - The current tier's name.
 * @csspart ends - The tier names at both ends of the bar.
 * @csspart progress - The progress bar track (`role="progressbar"`).
 * @csspart progress-fill - The filled part of the bar.
 * @csspart figures - "1,100 of 1,500 tier points"; at the top tier "2,720 tier points earned (2,500 needed to keep Platinum)".
 * @csspart to-next - "400 tier points to Gold", or the top-tier note.
 * @csspart maintain - What keeps the current tier by its anniversary (absent when there is nothing to keep, as at the floor tier).
 * @csspart ladder - The list of every tier (with `tiers-endpoint`).
 * @csspart ladder-tier - One tier in the ladder.
 * @csspart ladder-tier-current - The shopper's tier in the ladder (it has `ladder-tier` too).
 * @csspart ladder-error - The ladder's own failure note and Retry, shown instead of the ladder (the progress stays).
 * @csspart empty - The empty state (no tier at all).
 * @csspart guest - The guest state container.
 * @csspart error - The error state container.
 * @csspart retry-button - The Retry button of the error state and of `ladder-error`.
 *
 * @cssprop --omneo-color-accent - Bar fill colour (default: the text colour).
 * @cssprop --omneo-tier-bar-fill - Bar fill colour, overriding the accent (not in forced colours: Highlight).
 * @cssprop --omneo-tier-bar-track - Bar track colour (not in forced colours: a CanvasText outline).
 * @cssprop --omneo-tier-bar-height - Bar thickness (default 0.625em).
 * @cssprop --omneo-tier-name-font-size - Size of the tier name (default 1.5em).
 * @cssprop --omneo-tier-name-color - Colour of the tier name.
 * @cssprop --omneo-tier-current-background - Highlight of the shopper's tier in the ladder.
 * @cssprop --omneo-tier-current-color - Text colour of the shopper's tier in the ladder, for a solid highlight (default: the card's).
 * @cssprop --omneo-card-padding - Card padding.
 * @cssprop --omneo-color-danger - Colour of the error message (not of the ladder's failure note, which is not an alert).
 * @cssprop --omneo-color-skeleton - The loading placeholders, ladder rows included (default: the text colour at 10%).
 * @cssprop --omneo-button-background - Background of the Retry buttons (default: transparent).
 * @cssprop --omneo-button-color - Label colour of the Retry buttons (default: the text colour).
 *
 * @fires omneo-ready - Data is on screen for the first time. `detail: {element}`.
 * @fires omneo-error - Loading the progress or the ladder failed, or the configuration cannot work (`kind: "config"`).
 * `detail: {element, kind, status, message}`.
 */
export class OmneoTierProgress extends OmneoElement {
  static override styles = [...OmneoElement.styles, ...tierProgressStyles];
  /** @internal */
  static override englishMessages = enTier;

  private readonly progress = new ResourceController(this, tierProgressResource);
  /** The full ladder, watched only while `tiers-endpoint` resolves to a URL (it is optional). */
  private readonly ladder = new ResourceController<TierLadder>(this, null, { supporting: true });

  /** @internal The ladder follows `tiers-endpoint`. */
  override resolve(): void {
    super.resolve();
    const endpoint = this.config?.tiersEndpoint;
    const url = endpoint ? new URL(endpoint, location.href).href : null;
    this.ladder.watch(url ? tierLadderResource(url) : null);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Through the CSSOM, not a style attribute (lit's styleMap writes one on first render): a strict CSP
    // without 'unsafe-inline' for style attributes allows this, and the bar keeps its width under it.
    const fill = this.renderRoot.querySelector<HTMLElement>('.fill[data-percent]');
    if (fill) fill.style.setProperty('inline-size', `${fill.dataset.percent}%`);
  }

  override render(): TemplateResult {
    // The heading stays in every state but guest, so that on a page of several elements it is clear which failed.
    if (this.configProblem) return this.frame(html`${this.renderHeading()}${this.renderError(this.configProblem, null)}`);
    const { status, data } = this.progress.snapshot;
    const error = this.progress.loadError;
    if (status === 'guest') return this.frame(this.renderGuest());
    if (error) return this.frame(html`${this.renderHeading()}${this.renderError(error, this.progress.retry, 'tier.error')}`);
    if (!data) return this.renderLoading();
    const summary = tierProgress(data);
    if (!summary.current && !summary.next) {
      return this.frame(html`${this.renderHeading()}<p part="empty" class="empty">${this.t('tier.empty')}</p>`);
    }
    return this.renderCard(data, summary);
  }

  /** The heading; with data on screen, also the stale note (see OmneoElement.renderStaleNote). */
  private renderHeading(withData = false): TemplateResult {
    return html`<p part="heading" class="heading" tabindex="-1">
      ${this.renderHeadingText('tier.heading')} ${withData ? this.renderStaleNote(this.progress) : nothing}
    </p>`;
  }

  private frame(content: TemplateResult | typeof nothing, busy = false): TemplateResult {
    return html`<section part="card" class="card" aria-label=${this.t('tier.heading')} aria-busy=${busy ? 'true' : nothing}>
      ${content}
    </section>`;
  }

  private renderLoading(): TemplateResult {
    // The loaded card's rows (renderCard), each with a placeholder of the reference member's text: see SKELETON_PROGRESS.
    // The sentences naming a tier are built as the loaded ones are (the name in a <bdi>): as plain text, French
    // "… pour conserver Silver." measured a pixel narrower and fitted a line the loaded sentence wrapped from, so the
    // hub grew a line (20 px) when the data came, at 1280 px.
    const locale = this.localeOrDefault;
    const { current, next, earned, required, toNext, maintainRemain } = SKELETON_PROGRESS;
    const date = formatDate(new Date(Date.now() + SKELETON_ANNIVERSARY - SKELETON_WRITTEN_AT), locale, 'UTC', 'medium');
    return this.frame(
      html`${this.renderHeading()}
        <p class="tier-name" aria-hidden="true">${skeletonText(current)}</p>
        <div class="ends" aria-hidden="true"><span>${skeletonText(current)}</span><span>${skeletonText(next)}</span></div>
        <div class="bar skeleton" aria-hidden="true"></div>
        <p class="muted" aria-hidden="true">
          ${skeletonText(this.t('tier.progress.figures', { earned: formatPoints(earned, locale), required: formatPoints(required, locale) }))}
        </p>
        <p class="detail" aria-hidden="true"><span class="skeleton text">${this.withTier('tier.toNext', this.pointsParams(toNext), next)}</span></p>
        <p class="maintain" aria-hidden="true">
          <span class="skeleton text">${this.withTier('tier.maintain.needed', { ...this.pointsParams(maintainRemain), date }, current)}</span>
        </p>
        ${this.ladder.watching ? this.renderLadderSkeleton() : nothing}
        <span class="visually-hidden">${this.t('state.loading')}</span>`,
      true,
    );
  }

  /**
   * A tier's name: Omneo's; for a tier Omneo sent without one, the ladder's name for its handle (when the ladder
   * is shown), else our own words: "Current tier" / "Next tier" where it stands alone, "your tier" / "the next
   * tier" inside a sentence.
   */
  private tierName(tier: TierDefinition | null, which: 'current' | 'next', inText = true): string {
    const known = this.knownName(tier);
    if (known) return known;
    if (which === 'current') return this.t(inText ? 'tier.unnamed.currentInText' : 'tier.unnamed.current');
    return this.t(inText ? 'tier.unnamed.nextInText' : 'tier.unnamed.next');
  }

  /** Omneo's name for a tier, else the ladder's for its handle (when the ladder is shown), else ''. */
  private knownName(tier: TierDefinition | null): string {
    return tier?.name || (tier?.handle && this.ladder.snapshot.data?.tiers.find((rung) => rung.handle === tier.handle)?.name) || '';
  }

  private renderCard(data: TierProgress, summary: TierProgressSummary): TemplateResult {
    // No current tier (below the first tier of a program without a base tier): no tier-name line, not a blank one.
    const current = summary.current ? this.tierName(summary.current, 'current', false) : '';
    const next = summary.next ? this.tierName(summary.next, 'next', false) : '';
    return this.frame(html`
      ${this.renderHeading(true)}
      ${current ? html`<p part="tier-name" class="tier-name" dir="auto">${current}</p>` : nothing}
      <div part="ends" class="ends" aria-hidden="true"><span dir="auto">${current}</span><span dir="auto">${next}</span></div>
      ${this.renderBar(summary)}
      <p part="figures" class="muted">${this.renderFigures(data, summary)}</p>
      <p part="to-next" class="detail">
        ${summary.next
          ? summary.pointsToNext === null
            ? // Nothing to say of a tier with neither a name nor a figure: never "Your next tier is the next tier."
              this.knownName(summary.next) && this.withTier('tier.next', {}, this.knownName(summary.next))
            : summary.pointsToNext === 0
              ? this.withTier('tier.reached', {}, this.tierName(summary.next, 'next'))
              : this.withTier('tier.toNext', this.pointsParams(summary.pointsToNext, Math.ceil), this.tierName(summary.next, 'next'))
          : this.t('tier.top')}
      </p>
      ${this.renderMaintainLine(summary)}
      ${this.ladder.watching ? this.renderLadder(this.ladder, summary.current?.handle ?? null) : nothing}
    `);
  }

  /**
   * Towards the next tier; at the top tier (no next) the bar shows what keeps it instead (§5 rule 3: "show
   * only the maintain figures"). aria-valuetext says it in words, since "73" alone means nothing when heard; with
   * nothing left to earn, the words the card shows ("You have the tier points for Gold…"), never "100% of the way
   * to Gold, 0 tier points to go".
   */
  private renderBar(summary: TierProgressSummary): TemplateResult | typeof nothing {
    // How far the next tier is cannot be told (tierProgress): no bar rather than an empty or a full one.
    if (summary.next && summary.pointsToNext === null) return nothing;
    const locale = this.localeOrDefault;
    let percent: number;
    let label: string;
    let valueText: string;
    if (summary.next) {
      const tier = this.tierName(summary.next, 'next');
      percent = summary.percent;
      label = this.t('tier.progress.label', { tier });
      valueText =
        summary.pointsToNext === 0
          ? this.t('tier.reached', { tier })
          : this.t('tier.progress.valuetext', {
              ...this.pointsParams(summary.pointsToNext ?? 0, Math.ceil),
              percent: formatPercent(percent, locale),
              tier,
            });
    } else if (summary.maintain && summary.current) {
      const tier = this.tierName(summary.current, 'current');
      percent = summary.maintain.percent;
      label = this.t('tier.maintain.label', { tier });
      valueText = this.t('tier.maintain.figures', { ...this.maintainFigures(summary.maintain), tier });
    } else {
      percent = 100;
      label = this.t('tier.heading');
      valueText = this.t('tier.top');
    }
    return html`<div
      part="progress"
      class="bar"
      role="progressbar"
      aria-label=${label}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
      aria-valuetext=${valueText}
    >
      <div part="progress-fill" class="fill" data-percent=${percent}></div>
    </div>`;
  }

  private renderFigures(data: TierProgress, summary: TierProgressSummary): TemplateResult | string {
    const locale = this.localeOrDefault;
    // Omneo's own figures, as it sends them (the words and the bar may be more cautious: see tierProgress).
    if (summary.next && summary.next.value_min > 0 && data.next_progress !== null) {
      return this.t('tier.progress.figures', {
        earned: formatPoints(hundredths(data.next_progress, Math.floor), locale),
        required: formatPoints(summary.next.value_min, locale),
      });
    }
    // At the top tier, what keeps it: "2,720 tier points earned (2,500 needed to keep Platinum)", which reads
    // right whether earned is below the requirement or past it (never "2,720 of 2,500").
    if (!summary.next && summary.maintain && summary.current) {
      return this.withTier('tier.maintain.figures', this.maintainFigures(summary.maintain), this.tierName(summary.current, 'current'));
    }
    return '';
  }

  /**
   * `count` and `formatted` for a message about a number of tier points, `round` (see hundredths) when given. A
   * negative figure (a clawback) takes the "other" form, which always shows the figure with its sign: some
   * languages spell out "one"/"two".
   */
  private pointsParams(value: number, round?: (value: number) => number): { count?: number; formatted: string } {
    if (round) value = hundredths(value, round);
    const formatted = formatPoints(value, this.localeOrDefault);
    return pointsCount(value) < 0 ? { formatted } : { count: pointsCount(value), formatted };
  }

  private maintainFigures(maintain: NonNullable<TierProgressSummary['maintain']>): Record<string, string | number> {
    return { ...this.pointsParams(maintain.earned, Math.floor), required: formatPoints(maintain.required, this.localeOrDefault) };
  }

  /**
   * What keeps the current tier, on a line of its own. The skeleton reserves that line, as most members above
   * the floor tier have one; a member with nothing to keep (the floor tier) gets no empty line in its place:
   * their card is a line shorter once it loads, rather than carrying a blank line for good.
   */
  private renderMaintainLine(summary: TierProgressSummary): TemplateResult | typeof nothing {
    const maintain = this.renderMaintain(summary);
    return maintain ? html`<p part="maintain" class="maintain">${maintain}</p>` : nothing;
  }

  private renderMaintain(summary: TierProgressSummary): TemplateResult | string {
    const maintain = summary.maintain;
    if (!maintain || !summary.current) return '';
    const tier = this.tierName(summary.current, 'current');
    const locale = this.localeOrDefault;
    const by = tierReviewDeadline(maintain.by, new Date());
    const date = by ? formatDate(by, locale, 'UTC', 'medium') : null;
    if (maintain.remain > 0) {
      const params = this.pointsParams(maintain.remain, Math.ceil);
      return date ? this.withTier('tier.maintain.needed', { ...params, date }, tier) : this.withTier('tier.maintain.neededNoDate', params, tier);
    }
    return date ? this.withTier('tier.maintain.done', { date }, tier) : this.withTier('tier.maintain.doneNoDate', {}, tier);
  }

  /**
   * A message with a tier's name (an API string) in a <bdi>, wherever the translation puts it: "Gold" keeps its
   * own direction inside Arabic copy, and an Arabic tier name inside English copy.
   */
  private withTier(key: MessageKey, params: Record<string, string | number>, tier: string): TemplateResult {
    const [before, ...after] = this.t(key, { ...params, tier: TIER_SLOT }).split(TIER_SLOT);
    return html`${before}${after.map((rest) => html`<bdi>${tier}</bdi>${rest}`)}`;
  }

  /** The reference ladder (SKELETON_LADDER) in the loaded ladder's rows (renderLadder). */
  private renderLadderSkeleton(): TemplateResult {
    const locale = this.localeOrDefault;
    return html`<p part="section-heading" class="ladder-heading" role="heading" aria-level=${this.headingAriaLevel(true)}>${this.t('tier.ladder.heading')}</p>
      <ol class="ladder" aria-hidden="true">
        ${SKELETON_LADDER.map(
          (tier) => html`<li>
            <span class="name">${skeletonText(tier.name)} ${tier.current
                ? html`<span class="you skeleton">${this.t('tier.ladder.current')}</span>`
                : nothing}</span>
            <span class="threshold"
              >${skeletonText(
                tier.from <= 0
                  ? this.t('tier.ladder.floor')
                  : this.t('tier.ladder.from', { count: pointsCount(tier.from), formatted: formatPoints(tier.from, locale) }),
              )}</span
            >
            ${tier.perk ? html`<span class="perk">${skeletonText(tier.perk)}</span>` : nothing}
          </li>`,
        )}
      </ol>`;
  }

  private renderLadder(controller: ResourceController<TierLadder>, currentHandle: string | null): TemplateResult {
    const { data, error } = controller.snapshot;
    if (!data && error) {
      // The ladder is extra: its failure is a note with its own Retry, and the progress above stays.
      return html`<p part="section-heading" class="ladder-heading" role="heading" aria-level=${this.headingAriaLevel(true)}>${this.t('tier.ladder.heading')}</p>
        <div class="ladder-note" part="ladder-error">
          <span>${this.t('tier.ladder.error')}</span>
          <button type="button" part="retry-button" @click=${controller.retry}>${this.t('action.retry')}</button>
        </div>`;
    }
    if (!data) return this.renderLadderSkeleton();
    const locale = this.localeOrDefault;
    const headingId = 'ladder-heading';
    return html`<p part="section-heading" class="ladder-heading" id=${headingId} role="heading" aria-level=${this.headingAriaLevel(true)}>${this.t('tier.ladder.heading')}</p>
      <ol part="ladder" class="ladder" aria-labelledby=${headingId}>
        ${tierLadder(data.tiers, currentHandle).map(
          (tier) => html`<li part=${tier.isCurrent ? 'ladder-tier ladder-tier-current' : 'ladder-tier'} aria-current=${tier.isCurrent ? 'true' : nothing}>
            <span class="name"><bdi>${tier.name}</bdi> ${tier.isCurrent ? html`<span class="you">${this.t('tier.ladder.current')}</span>` : nothing}</span>
            <span class="threshold"
              >${tier.is_floor || tier.value_min <= 0
                ? this.t('tier.ladder.floor')
                : this.t('tier.ladder.from', { count: pointsCount(tier.value_min), formatted: formatPoints(tier.value_min, locale) })}</span
            >
            ${tier.short_description ? html`<span class="perk" dir="auto">${tier.short_description}</span>` : nothing}
          </li>`,
        )}
      </ol>`;
  }
}


/**
 * A fraction of a tier point rounded to the hundredth formatPoints shows, in the direction that never puts the
 * shopper closer to a threshold than they are: what is earned down, what is still needed up (1499.996 of 1,500
 * read "1,500 of 1,500" and "0 tier points to Gold"). Whole figures as they are (× 100 loses digits past 10^13).
 */
const hundredths = (value: number, round: (value: number) => number) => (value % 1 ? round(+(value * 100).toPrecision(15)) / 100 : value);

const percentFormats = new Map<string, Intl.NumberFormat>();
function formatPercent(percent: number, locale: string): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, format);
  }
  return format.format(percent / 100);
}
