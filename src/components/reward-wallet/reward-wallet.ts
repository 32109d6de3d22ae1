import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { OmneoError, OmneoGuestError, OmneoHttpError, OmneoProfileChangedError, writeMayHaveApplied } from '../../api/errors.js';
import { redeemBenefit } from '../../api/mutations.js';
import { balancesResource, benefitsResource, profileResource, rewardsResource } from '../../api/resources.js';
import { benefitCode, benefitStatus, canRedeemBenefit, lastUsableMoment, rewardExpiresSoon, rewardExpiresToday, rewardStatus, sortRewards, toCents, type RewardStatus } from '../../api/rules.js';
import type { Benefit, ProfileCurrency, Reward } from '../../api/schemas/resources.js';
import type { OmneoStore } from '../../api/store.js';
import { formatDate, formatMoney, formatNumber } from '../../core/format.js';
import type { MessageKey } from '../../core/i18n.js';
import { emptyStateStyles, renderEmptyState } from '../../core/empty-state.js';
import { OmneoElement, ResourceController, skeletonText } from '../../core/omneo-element.js';
import { enWallet } from '../../core/locales/en/wallet.js';
import { htmlToPlainText, safeHttpUrl } from '../../core/text.js';
import { rewardWalletStyles } from './reward-wallet.styles.js';

export type WalletFilter = 'active' | 'inactive' | 'all';
const FILTERS: readonly WalletFilter[] = ['active', 'inactive', 'all'];
const FILTER_LABELS: Record<WalletFilter, MessageKey> = {
  active: 'wallet.filter.active',
  inactive: 'wallet.filter.inactive',
  all: 'wallet.filter.all',
};
const STATUS_LABELS: Record<RewardStatus, MessageKey> = {
  active: 'wallet.status.active',
  'partly-used': 'wallet.status.partly-used',
  used: 'wallet.status.used',
  expired: 'wallet.status.expired',
};
const BENEFIT_STATUS_LABELS: Record<'used' | 'expired', MessageKey> = {
  used: 'wallet.benefit.status.used',
  expired: 'wallet.benefit.status.expired',
};
const isUsable = (status: RewardStatus) => status === 'active' || status === 'partly-used';
/** Whether a reward of this status is in the list the filter shows (the loaded wallet's, and its skeleton's). */
const listedBy = (filter: WalletFilter, { status }: { status: RewardStatus }) => filter === 'all' || (filter === 'active') === isUsable(status);
/** An expiry as the last day it can be used, in its zone: see lastUsableMoment (a midnight ends the day before). */
const expiryDate = (expiresAt: Date, locale: string, timeZone: string | null) => formatDate(lastUsableMoment(expiresAt), locale, timeZone);

/**
 * What the skeleton draws: the reference member's wallet (the mock's persona ava, omneo-api.md's example), row for
 * row and line for line, with the loaded view's own boxes and layout rules (the same classes, grid and flex
 * wrapping) and placeholder text of the same length: Omneo's strings as the reference member's, ours in the
 * shopper's language. The skeleton then wraps as the wallet does at every width, so nothing below it moves when the
 * data arrives. Measured in the demo (rewards slowed; the wallet is 280 px wide at a 320 px viewport), skeleton →
 * loaded: the fixed-size skeleton this replaces was 739 → 1108 px in English, 739 → 1279 in French, 739 → 1143 in
 * Arabic at 320 px, and 608 → 610 at 768 and 1280 px; now the skeleton is exactly as tall as the loaded wallet at all
 * three widths in all three languages. A wallet of another shape still changes height by its extra or missing rows.
 */
const SKELETON_REWARDS = [
  {
    name: 'Birthday $20',
    remaining: 20,
    initial: 20,
    status: 'active',
    expires: '2025-12-08T12:59:59Z',
    expiresSoon: true,
    description: 'A little something for your birthday',
    details: true,
  },
  { name: '$25 spend reward', remaining: 15, initial: 25, status: 'partly-used', expires: '2026-02-28T12:59:59Z', expiresSoon: false, description: null, details: false },
  // Her used and expired rewards, for a wallet whose filter lists them: a used one shows no date, an expired one when it ended.
  { name: 'Welcome $10', remaining: 10, initial: 10, status: 'used', expires: null, expiresSoon: false, description: null, details: false },
  { name: 'Winter bonus', remaining: 10, initial: 10, status: 'expired', expires: '2025-09-30T13:59:59Z', expiresSoon: false, description: 'Stay warm on us', details: false },
] as const;
const SKELETON_BENEFITS = [
  {
    name: 'Birthday 20% off',
    uses: 1,
    description: '20% off one full-price item',
    details: true,
    expires: '2025-12-14T12:59:59Z',
    instructions: 'Enter the code at checkout.',
    code: 'BDAY-7Q4K-2M',
    redeemable: true,
  },
  {
    name: 'Free express shipping',
    uses: 3,
    description: 'Silver members ship express free',
    details: false,
    expires: '2026-03-14T12:59:59Z',
    instructions: 'Use the code at checkout.',
    code: 'SHIPFREE',
    redeemable: false,
  },
] as const;
/**
 * The reference data's "now" (the mock's SEED_NOW): its expiry dates are drawn as far ahead of today as they are
 * ahead of it, in its time zone, as the mock serves them.
 */
const SKELETON_WRITTEN_AT = Date.parse('2025-11-26T01:00:00Z');
const SKELETON_TIME_ZONE = 'Australia/Sydney';
/** The reference member's reward balance and currency (the currency is used while the shopper's is not known). */
const SKELETON_BALANCE = 35;
const SKELETON_CURRENCY = 'AUD';
const SKELETON_FILTER_COUNTS: Record<WalletFilter, number> = { active: 2, inactive: 2, all: 4 };
/** Stands in for the name while a message is translated, then is replaced by the name in a <bdi>. */
const NAME_SLOT = '\uE000';
/** How long "Copied" stays next to the button (the live region has announced it by then). */
const COPIED_VISIBLE_MS = 4000;
/**
 * A Confirm press this soon after the confirm step opened is ignored: it is the tail of the gesture that opened it,
 * not a decision to spend. A double-click or double-tap on Redeem sends its second click within the platform's
 * double-click time (500 ms by default on Windows, under that on macOS and for touch), and that click can land on
 * Confirm, which is drawn where Redeem was. (A repeated or held Enter cannot reach Confirm at all: the step opens
 * with focus on its question, not on a button.) Short enough that a shopper who reads the question and then
 * presses Confirm never meets it.
 */
export const CONFIRM_GUARD_MS = 500;

type Feedback = { kind: 'copied' } | { kind: 'copy-failed' } | { kind: 'redeem-failed' | 'redeem-refused'; name: string };

/**
 * A benefit the shopper redeemed here (or tried to, and Omneo's answer was lost), and the code it had: kept on screen
 * after the benefit is used up.
 */
interface Redeemed {
  /** Omneo's name as sent ("" for none): the title is resolved when rendered, in the locale of the moment. */
  name: string;
  code: string | null;
}

/**
 * @summary The shopper's wallet: rewards with their remaining value, expiry and status (active, partly used,
 * used, expired), filterable; and benefits with their online code, a copy button and, where the shopper may
 * redeem one themselves, a Redeem button behind an inline confirm step that says what redeeming does. A used-up
 * or expired benefit shows its status instead, without code or actions, except one the shopper has just
 * redeemed here: its confirmation keeps the code and a Copy button, since that is when the shopper needs it.
 * A reward or benefit Omneo sends without a name is titled "Reward" / "Benefit" (`wallet.reward.untitled`,
 * `wallet.benefit.untitled`), in the rows and in every sentence and label that names it; events never carry it.
 * A redeem cut short by another shopper signing in on the page, or by the session ending, is not a failure: nothing
 * is said or emitted, the wallet shows the new shopper's data (or the guest state) and focus goes to its heading
 * (the guest box). Nor is a redeem that Omneo answers after the session changed presented to whoever is signed in
 * now, accepted or refused: it was the previous shopper's. A redeem whose outcome is unknown (the POST went out and
 * the connection dropped, it timed out, or Omneo answered 5xx) may have been carried out, so it is never reported as
 * "Nothing was used": the wallet shows the benefits and balances re-read from Omneo and says it could not confirm the
 * redeem (`wallet.benefit.redeemUnknown`); if the benefit now reads used up, its code stays beside that message.
 * Whatever the wallet said or kept for a shopper (a redeemed box and its code, the live region's announcement,
 * messages, an open confirm step) goes when its data goes to a guest's or to another session: a logout, the session
 * ending, another shopper signing in.
 * Loading shows a skeleton of the reference wallet (two rewards, two benefits) drawn with the loaded rows' own
 * layout and placeholder text of the same length, in the shopper's language: a wallet of that shape keeps its height
 * at any width. In forced colours (Windows High Contrast) the buttons take the system's button colours, the pressed
 * filter its selection colours (Highlight), and the skeleton GrayText blocks, whatever the tokens below say.
 *
 * @tag omneo-reward-wallet
 *
 * @attr filter - Which rewards are listed: `active` (default), `inactive` (used and expired) or `all`; any other value reads as `active`.
 * @attr token-endpoint, api-base, tenant, locale, currency, customer - see the configuration table.
 * @attr heading-level - The level (1–6) of the heading "Your wallet" (its Rewards and Benefits one below), announced to assistive technology; default: the
 * enclosing hub's `heading-level`, else 2.
 *
 * @slot guest - Shown when nobody is signed in. Default: "Sign in to see your rewards".
 *
 * @csspart wallet - The container.
 * @csspart heading - "Your wallet".
 * @csspart section-heading - The "Rewards" and "Benefits" headings (in the loading state too).
 * @csspart stale - The note beside the heading while cached data is shown: "Updating…", or "May be out of date"
 * (with a Retry, the `retry-button` part) when the refresh failed.
 * @csspart summary - The reward balance to spend (Omneo's `reward_balance`), or "Rewards you earn will show here,
 * ready to spend." in body type when there is nothing to spend.
 * @csspart filters - The "Filter rewards" group of buttons, beside the Rewards heading (absent when there are no rewards).
 * @csspart filter-button - One filter button (`aria-pressed`).
 * @csspart rewards - The list of rewards.
 * @csspart reward - One reward; it also has one of the four status parts below.
 * @csspart reward-active - A reward that can be spent in full.
 * @csspart reward-partly-used - A reward with part of its value left.
 * @csspart reward-used - A reward with nothing left.
 * @csspart reward-expired - A reward past its expiry (or no longer active).
 * @csspart status - A reward's status badge, and a used-up or expired benefit's.
 * @csspart benefits - The list of benefits.
 * @csspart benefit - One benefit; one that can no longer be used also has one of the two parts below.
 * @csspart benefit-used - A benefit with no uses left (shown without its code or actions, unless just redeemed here).
 * @csspart benefit-expired - A benefit past its expiry (shown without its code or actions).
 * @csspart code - A benefit's online code (also in the `redeemed` confirmation).
 * @csspart copy-button - Copies the code (also in the `redeemed` confirmation).
 * @csspart redeem-button - Starts redeeming a benefit.
 * @csspart confirm - The inline step: "Redeem …? This marks it as used, and can't be undone. Your code stays here
 * to copy." (the effect depends on the uses left and the code), then Confirm / Cancel. Focus opens on that text, not
 * on Confirm, so that Enter pressed twice or held on Redeem never redeems; the shopper Tabs to Confirm or Cancel.
 * Confirm ignores presses in the first 500 ms (the second click of a double-click on Redeem).
 * @csspart confirm-button - Confirms the redemption.
 * @csspart cancel-button - Cancels it.
 * @csspart feedback - Per-benefit confirmation or problem ("Copied", "Couldn't copy …", "We couldn't redeem …" when
 * Omneo refused the redeem, "We couldn't confirm whether … was redeemed" when its outcome is unknown), and the
 * "… redeemed." line in the `redeemed` box.
 * @csspart redeemed - The box after a redeem: "… redeemed." and, with a code, "Your code: … Copy code". Focus moves to
 * it. It stays while the element is on the page and the same session lasts.
 * @csspart details - The expandable long description and terms. Its "Details" is named for its row,
 * "Details: Birthday $20" (`wallet.detailsLabel`), since every row has one.
 * @csspart empty - The empty state: "No rewards or benefits yet." and its hint (left out when `wallet.empty.hint` is "").
 * @csspart guest - The guest state container.
 * @csspart error - The error state container.
 * @csspart retry-button - The error state's Retry button, and the one beside "May be out of date".
 *
 * @cssprop --omneo-color-accent - Fill of the pressed filter and Confirm (default: the text colour), focus rings and thumbnail icons.
 * @cssprop --omneo-color-success - Colour of the Active / Partly used badges, and the tint of the `redeemed` box.
 * @cssprop --omneo-color-warning - Colour of "Expires soon" (default: an amber with AA contrast on light backgrounds).
 * @cssprop --omneo-wallet-thumb-size - Size of reward and benefit images (default 3em).
 * @cssprop --omneo-wallet-thumb-background - Background behind images and the placeholder icon.
 * @cssprop --omneo-wallet-summary-font-size - Size of the balance line (default 1.25em).
 * @cssprop --omneo-wallet-summary-color - Colour of the balance line (not of the muted sentence shown when there is nothing to spend).
 * @cssprop --omneo-wallet-filter-active-background - Pressed filter background.
 * @cssprop --omneo-wallet-filter-active-color - Pressed filter text colour.
 * @cssprop --omneo-color-surface - Text colour of the pressed filter and Confirm when their own tokens are unset (default: black or
 * white, whichever contrasts more with the fill).
 * @cssprop --omneo-button-primary-background - Confirm button background.
 * @cssprop --omneo-button-primary-color - Confirm button text colour.
 * @cssprop --omneo-code-font-family - Font of benefit codes (default: monospace).
 * @cssprop --omneo-card-padding - Container padding.
 * @cssprop --omneo-button-background - Background of the other buttons (default: transparent).
 * @cssprop --omneo-button-color - Label colour of the other buttons (default: the text colour).
 * @cssprop --omneo-color-danger - Colour of the error message and of the `feedback` problems (a copy or a redeem that failed, a
 * redeem not confirmed).
 * @cssprop --omneo-color-skeleton - Colour of the loading skeleton.
 *
 * @fires omneo-benefit-redeemed - A benefit was redeemed, for the shopper still signed in. `detail: {benefitId, redemptionId, code}`.
 * @fires omneo-ready - Data is on screen for the first time. `detail: {element}`.
 * @fires omneo-error - Loading or redeeming failed, or a redeem's outcome is unknown (not a redeem cut short by another sign-in or a sign-out). `detail: {element, kind, status, message}`.
 */
export class OmneoRewardWallet extends OmneoElement {
  static override styles = [...OmneoElement.styles, emptyStateStyles, ...rewardWalletStyles];
  /** @internal */
  static override englishMessages = enWallet;
  // Static `properties`, not decorators, as in OmneoElement: no page loads Lit's decorator code.
  static override properties: PropertyDeclarations = {
    filter: {},
    confirming: { state: true },
    redeeming: { state: true },
    feedback: { state: true },
    redeemed: { state: true },
    uncertain: { state: true },
    announcement: { state: true },
    brokenImages: { state: true },
  };

  /** Which rewards are listed: `active` (default: the usable ones), `inactive` (used and expired) or `all`; any other value reads as `active`. */
  filter: WalletFilter = 'active';

  private confirming: string | null = null;
  /**
   * The redeem out, if any (one at a time: no confirm step opens while it is), with its benefit as the shopper
   * confirmed it. While its confirm step shows "Redeeming…", the row is drawn from that copy: a re-read that lands
   * first (the redeem's own, whose balances half is still out, or another) would draw it used up, without its code,
   * its busy step or the focus on it, and say nothing of the outcome until it came.
   * Held across a session change too, until its answer (a redeem sent is never aborted): a shopper who signs in
   * meanwhile finds Redeem waiting that long (the request's timeout at most). A judgement call: the previous shopper's
   * outcome, when it comes (followSessionChange), then has no confirm step of the new shopper's to close or take focus from.
   */
  private redeeming: Benefit | null = null;
  private feedback = new Map<string, Feedback>();
  private redeemed = new Map<string, Redeemed>();
  /**
   * Redeems whose outcome is unknown: the POST went out and no usable answer came back (the connection dropped, a
   * timeout, a 5xx), so it may have been carried out. Not "Nothing was used", which could be untrue (and, for a
   * benefit with uses left, invite a second redeem): "We couldn't confirm …", over benefits re-read from Omneo.
   */
  private uncertain = new Map<string, Redeemed>();
  /** The polite live region's text: the latest confirmation, for screen readers. */
  private announcement = '';
  /** Image URLs that failed to load: shown as the placeholder instead of a broken image. */
  private brokenImages = new Set<string>();

  private readonly rewards = new ResourceController(this, rewardsResource);
  private readonly benefits = new ResourceController(this, benefitsResource);
  // Only for the summary line and the currency; the wallet renders without it if it fails.
  private readonly balances = new ResourceController(this, balancesResource, { supporting: true });
  private readonly profile = new ResourceController<ProfileCurrency>(this, null, { supporting: true });
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** When the confirm step opened (performance.now()): Confirm ignores presses for CONFIRM_GUARD_MS after it. */
  private confirmOpenedAt = -Infinity;
  /**
   * A redeem ended in another session than it started in (another shopper signed in, or the session ended): focus,
   * dropped with the old shopper's rows, goes to the heading (the guest box for a guest) once the wallet shows what
   * the store loads now.
   */
  private focusAfterSessionChange = false;
  /**
   * The store session the shopper-specific state (confirm step, feedback, redeemed boxes with their codes, the live
   * region's announcement) belongs to. When the data goes to a guest's, or to another session (a logout, the session
   * ending, another shopper signing in), that state is dropped: it may hold the previous shopper's code.
   */
  private shopperSession: { store: OmneoStore | null; generation: number } | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The timers end "Copied": it goes with them, or a wallet connected again (moved) would show it for good.
    for (const benefitId of [...this.timers.keys()]) this.setFeedback(benefitId, null);
  }

  /** Drops what the last shopper was shown or told, once the wallet's data is a guest's or another session's. */
  private forgetPreviousShopper(): void {
    const store = this.store;
    const generation = store?.sessionGeneration ?? -1;
    const guest = this.rewards.snapshot.status === 'guest' || this.benefits.snapshot.status === 'guest';
    const current = this.shopperSession;
    if (!guest && current?.store === store && current.generation === generation) return;
    this.shopperSession = { store, generation };
    this.confirming = null;
    if (this.feedback.size > 0) this.feedback = new Map();
    if (this.redeemed.size > 0) this.redeemed = new Map();
    if (this.uncertain.size > 0) this.uncertain = new Map();
    this.announcement = '';
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private get displayCurrency(): string | null {
    return this.config?.currency ?? this.balances.snapshot.data?.currency?.base ?? this.profile.snapshot.data?.currency?.base ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.forgetPreviousShopper();
    // Without a configured currency, and once the balances have answered without one (or failed), the profile
    // names it: one more request, made only then.
    const balances = this.balances.snapshot;
    const balancesSettled = balances.data !== null || balances.error !== null;
    if (!this.config?.currency && balancesSettled && !balances.data?.currency?.base) this.profile.watch(profileResource);
  }

  override render(): TemplateResult {
    // The heading stays in every state but guest, so that on a page of several elements it is clear which failed.
    if (this.configProblem) return this.frame(html`${this.renderHeading()}${this.renderError(this.configProblem, null)}`);
    const rewards = this.rewards.snapshot;
    const benefits = this.benefits.snapshot;
    if (rewards.status === 'guest' || benefits.status === 'guest') return this.frame(this.renderGuest());
    // Its Retry recovers every resource on the page that failed (ResourceController.reload), balances included.
    const failed = [this.rewards, this.benefits].find(({ snapshot }) => !snapshot.data && snapshot.error);
    if (failed) return this.frame(html`${this.renderHeading()}${this.renderError(failed.snapshot.error!, failed.retry, 'wallet.error')}`);
    const balances = this.balances.snapshot;
    // Balances decide the currency: wait for them, unless they failed (then the wallet shows without them).
    if (!rewards.data || !benefits.data || (!balances.data && !balances.error)) return this.renderLoading();
    if (rewards.data.items.length === 0 && benefits.data.items.length === 0) {
      return this.frame(html`${this.renderHeading()}${renderEmptyState(this.t('wallet.empty'), this.t('wallet.empty.hint'))}`);
    }
    return this.renderWallet(rewards.data.items, benefits.data.items);
  }

  /** The heading; with data on screen, also the stale note (see OmneoElement.renderStaleNote). */
  private renderHeading(withData = false): TemplateResult {
    return html`<p part="heading" class="heading" tabindex="-1">
      ${this.renderHeadingText('wallet.heading')} ${withData ? this.renderStaleNote(this.rewards, this.benefits) : nothing}
    </p>`;
  }

  /**
   * The card, in every state, with the wallet's polite live region: one element from the first render on, so that
   * what is said in it is read even when the rows it was about have gone (a refused benefit that was the wallet's
   * last thing leaves the empty state, another template).
   */
  private frame(content: TemplateResult, busy = false): TemplateResult {
    return html`<section part="wallet" class="wallet card" aria-label=${this.t('wallet.heading')} aria-busy=${busy ? 'true' : nothing}>
      ${content}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  // ── loading ──────────────────────────────────────────────────────────────────────────────────────────

  private renderLoading(): TemplateResult {
    const locale = this.localeOrDefault;
    const money = (value: number) => formatMoney(value, this.displayCurrency ?? SKELETON_CURRENCY, locale);
    const date = (expires: string) => formatDate(new Date(Date.now() + Date.parse(expires) - SKELETON_WRITTEN_AT), locale, SKELETON_TIME_ZONE);
    const text = skeletonText;
    const button = (label: string) => html`<span class="skeleton button-placeholder">${label}</span>`;
    // The loaded rows' markup (renderReward, renderBenefit, renderDescription), whitespace included where it wraps.
    const row = (name: string, value: TemplateResult, lines: unknown, actions: unknown = nothing) =>
      html`<li class="item"><span class="thumb skeleton"></span><div class="body"><span class="head"><span class="name">${text(name)}</span>${value}</span>${lines}</div>${actions}</li>`;
    const description = (sample: string | null, details: boolean) =>
      sample || details
        ? html`<span class="line description">${sample ? html`${text(sample)} ` : nothing}${details
              ? html`<span class="details-placeholder"><span class="summary-placeholder">${text(this.t('wallet.details'))}</span></span>`
              : nothing}</span>`
        : nothing;
    // The rows the filter lists, as the loaded wallet does (usable first).
    const rewards = SKELETON_REWARDS.filter((reward) => listedBy(this.effectiveFilter, reward)).map(
      ({ name, remaining, initial, status, expires, expiresSoon, description: short, details }) =>
        row(
          name,
          html`<span class="value">${text(status === 'partly-used' ? this.t('wallet.reward.remaining', { remaining: money(remaining), initial: money(initial) }) : money(remaining))}</span>`,
          html`<span class="line meta"><span class="status skeleton">${this.t(STATUS_LABELS[status])}</span> ${expires
              ? text(
                  this.t(isUsable(status) ? (expiresSoon ? 'wallet.reward.expiresSoon' : 'wallet.reward.expires') : 'wallet.reward.expired', { date: date(expires) }),
                  expiresSoon ? 'soon' : '',
                )
              : nothing}</span
            >${description(short, details)}`,
        ),
    );
    const benefits = SKELETON_BENEFITS.map(({ name, uses, description: short, details, expires, instructions, code, redeemable }) =>
      row(
        name,
        html`<span class="value meta">${text(this.t('wallet.benefit.uses', { count: uses, formatted: formatNumber(uses, locale) }))}</span>`,
        html`${description(short, details)}<span class="line meta">${text(`${this.t('wallet.benefit.expires', { date: date(expires) })} · ${instructions}`)}</span>`,
        html`<span class="full actions">${text(this.t('wallet.benefit.code'), 'code-label')}<span class="code skeleton">${code}</span>${button(
          this.t('wallet.benefit.copy'),
        )}${redeemable ? button(this.t('wallet.benefit.redeem')) : nothing}</span>`,
      ),
    );
    return this.frame(
      html`${this.renderHeading()}
        <p class="summary" aria-hidden="true">${text(this.t('wallet.summary', { amount: money(SKELETON_BALANCE) }))}</p>
        <div class="section-head">
          <p part="section-heading" class="section-heading" role="heading" aria-level=${this.headingAriaLevel(true)}>${this.t('wallet.rewards.heading')}</p>
          <div class="filters" aria-hidden="true">
            ${FILTERS.map((filter) =>
              button(this.t('wallet.filter.option', { label: this.t(FILTER_LABELS[filter]), count: formatNumber(SKELETON_FILTER_COUNTS[filter], locale) })),
            )}
          </div>
        </div>
        <ul class="list" aria-hidden="true">${rewards}</ul>
        <p part="section-heading" class="section-heading" role="heading" aria-level=${this.headingAriaLevel(true)}>${this.t('wallet.benefits.heading')}</p>
        <ul class="list" aria-hidden="true">${benefits}</ul>
        <span class="visually-hidden">${this.t('state.loading')}</span>`,
      true,
    );
  }

  // ── loaded ───────────────────────────────────────────────────────────────────────────────────────────

  private renderWallet(rewards: Reward[], benefits: Benefit[]): TemplateResult {
    const now = new Date();
    const balances = this.balances.snapshot.data;
    // Amounts compared in the currency's own minor unit: 4 fils left of a KWD reward is not "used".
    const currency = this.displayCurrency;
    const sorted = sortRewards(rewards, now, currency).map((reward) => ({ reward, status: rewardStatus(reward, now, currency) }));
    const counts: Record<WalletFilter, number> = {
      active: sorted.filter(({ status }) => isUsable(status)).length,
      inactive: sorted.filter(({ status }) => !isUsable(status)).length,
      all: sorted.length,
    };
    const filter = this.effectiveFilter;
    const visible = sorted.filter((reward) => listedBy(filter, reward));
    const locale = this.localeOrDefault;
    // Nothing to spend is said plainly, not as a "$0" headline.
    const nothingToSpend = balances !== null && toCents(balances.reward_balance, currency) < 1;
    return this.frame(html`
      ${this.renderHeading(true)}
      <p part="summary" class=${nothingToSpend ? 'summary summary-none' : 'summary'}>
        ${balances
          ? nothingToSpend
            ? this.t('wallet.summary.none')
            : this.t('wallet.summary', { amount: formatMoney(balances.reward_balance, this.displayCurrency, locale) })
          : nothing}
      </p>
      <div class="section-head">
        <p part="section-heading" class="section-heading" id="rewards-heading" role="heading" aria-level=${this.headingAriaLevel(true)}>${this.t('wallet.rewards.heading')}</p>
        ${sorted.length > 0
          ? // Beside the Rewards heading and named for them: the filters never touch the benefits below.
            html`<div part="filters" class="filters" role="group" aria-label=${this.t('wallet.filter.label')}>
              ${FILTERS.map(
                (filter) => html`<button
                  type="button"
                  part="filter-button"
                  aria-pressed=${this.effectiveFilter === filter ? 'true' : 'false'}
                  @click=${() => this.setFilter(filter)}
                >
                  ${this.t('wallet.filter.option', { label: this.t(FILTER_LABELS[filter]), count: formatNumber(counts[filter], locale) })}
                </button>`,
              )}
            </div>`
          : nothing}
      </div>
      ${visible.length > 0
        ? html`<ul part="rewards" class="list" aria-labelledby="rewards-heading">
            ${visible.map(({ reward, status }) => this.renderReward(reward, status, now))}
          </ul>`
        : html`<p class="none">
            ${this.t(sorted.length === 0 ? 'wallet.rewards.none' : filter === 'active' ? 'wallet.rewards.noneActive' : 'wallet.rewards.noneInactive')}
          </p>`}
      <p part="section-heading" class="section-heading" id="benefits-heading" role="heading" aria-level=${this.headingAriaLevel(true)} tabindex="-1">${this.t('wallet.benefits.heading')}</p>
      ${benefits.length > 0
        ? html`<ul part="benefits" class="list" aria-labelledby="benefits-heading">
            ${benefits.map((benefit) => this.renderBenefit(this.confirming === benefit.id && this.redeeming?.id === benefit.id ? this.redeeming : benefit, now))}
          </ul>`
        : html`<p class="none">${this.t('wallet.benefits.none')}</p>`}
    `);
  }

  /** The `filter` attribute is merchant input: a typo shows the default view, never an unpressed one. */
  private get effectiveFilter(): WalletFilter {
    return FILTERS.includes(this.filter) ? this.filter : 'active';
  }

  private setFilter(filter: WalletFilter): void {
    this.filter = filter;
  }

  private renderReward(reward: Reward, status: RewardStatus, now: Date): TemplateResult {
    const locale = this.localeOrDefault;
    const money = (value: number) => formatMoney(value, this.displayCurrency, locale);
    const value =
      status === 'partly-used'
        ? this.t('wallet.reward.remaining', { remaining: money(reward.value_remaining), initial: money(reward.value_initial) })
        : money(isUsable(status) ? reward.value_remaining : reward.value_initial);
    const date = reward.expires_at ? expiryDate(reward.expires_at, locale, reward.timezone) : null;
    let expiry: TemplateResult | string = '';
    if (isUsable(status)) {
      if (!date) expiry = this.t('wallet.reward.noExpiry');
      // Today's date is "today": a date alone does not say that only hours are left.
      else if (rewardExpiresToday(reward, now, reward.timezone, this.displayCurrency)) expiry = html`<span class="soon">${this.t('wallet.reward.expiresToday')}</span>`;
      else if (rewardExpiresSoon(reward, now, undefined, this.displayCurrency)) expiry = html`<span class="soon">${this.t('wallet.reward.expiresSoon', { date })}</span>`;
      else expiry = this.t('wallet.reward.expires', { date });
    } else if (status === 'expired' && date && reward.expires_at!.getTime() <= now.getTime()) {
      expiry = this.t('wallet.reward.expired', { date });
    }
    const definition = reward.definition;
    return html`<li part=${`reward reward-${status}`} class=${isUsable(status) ? 'item' : 'item inactive'}>
      ${this.renderThumb(definition.image_url, giftIcon)}
      <div class="body">
        <span class="head">${this.renderName(definition.name, 'reward')}<span class="value">${value}</span></span>
        <span class="line meta"><span part="status" class=${`status status-${status}`}>${this.t(STATUS_LABELS[status])}</span> ${expiry}</span>
        ${this.renderDescription(definition, definition.name || this.t('wallet.reward.untitled'))}
      </div>
    </li>`;
  }

  private renderBenefit(benefit: Benefit, now: Date): TemplateResult {
    const status = benefitStatus(benefit, now);
    if (status !== 'active') return this.renderSpentBenefit(benefit, status);
    const locale = this.localeOrDefault;
    const definition = benefit.definition;
    const code = benefitCode(benefit, 'online');
    const redeemable = canRedeemBenefit(benefit, now);
    const feedback = this.feedback.get(benefit.id);
    const uses =
      benefit.redemptions_remaining !== null
        ? this.t('wallet.benefit.uses', { count: benefit.redemptions_remaining, formatted: formatNumber(benefit.redemptions_remaining, locale) })
        : '';
    const useBy = benefit.expires_at ? this.t('wallet.benefit.expires', { date: expiryDate(benefit.expires_at, locale, benefit.timezone) }) : '';
    // Copy, like the details: markup in it is possible (omneo-api.md §4, "maybe other copy") and shows as text.
    const instructions = htmlToPlainText(definition.redeem_instructions_online);
    const meta =
      useBy || instructions
        ? html`${useBy}${useBy && instructions ? ' · ' : ''}${instructions ? html`<span dir="auto">${instructions}</span>` : nothing}`
        : null;
    return html`<li part="benefit" class="item" data-benefit=${benefit.id}>
      ${this.renderThumb(definition.image_url ?? definition.icon, ticketIcon)}
      <div class="body">
        <span class="head">${this.renderName(definition.name, 'benefit')}${uses ? html`<span class="value meta">${uses}</span>` : nothing}</span>
        ${this.renderDescription(definition, this.benefitTitle(definition.name))} ${meta ? html`<span class="line meta">${meta}</span>` : nothing}
      </div>
      ${code || redeemable
        ? html`<span class="full actions">
            ${code ? this.renderCode(benefit, code, definition.name, 'wallet.benefit.code') : nothing}
            ${redeemable ? this.renderRedeem(benefit) : nothing}
          </span>`
        : nothing}
      ${this.renderRedeemed(benefit, false)} ${this.renderUncertain(benefit, false)}
      ${feedback ? html`<span class="full feedback">${this.renderFeedback(feedback)}</span>` : nothing}
    </li>`;
  }

  /**
   * A benefit that can no longer be used (no uses left, or expired), shown like a used reward: muted, with a
   * status badge, and neither its code nor any action, since a code that no longer works only misleads. The
   * exception is the redeem that used it up here: its confirmation (focus is on it) keeps the code and Copy, so
   * that a shopper who redeems before copying still has the code for checkout.
   */
  private renderSpentBenefit(benefit: Benefit, status: 'used' | 'expired'): TemplateResult {
    const definition = benefit.definition;
    const feedback = this.feedback.get(benefit.id);
    const ended =
      status === 'expired' && benefit.expires_at
        ? this.t('wallet.benefit.ended', { date: expiryDate(benefit.expires_at, this.localeOrDefault, benefit.timezone) })
        : '';
    const usedUp = status === 'used';
    return html`<li part=${usedUp ? 'benefit benefit-used' : 'benefit benefit-expired'} class="item inactive" data-benefit=${benefit.id}>
      ${this.renderThumb(definition.image_url ?? definition.icon, ticketIcon)}
      <div class="body">
        <span class="head">${this.renderName(definition.name, 'benefit')}</span>
        <span class="line meta"><span part="status" class=${`status status-${status}`}>${this.t(BENEFIT_STATUS_LABELS[status])}</span> ${ended}</span>
        ${this.renderDescription(definition, this.benefitTitle(definition.name))}
      </div>
      ${this.renderRedeemed(benefit, true)} ${this.renderUncertain(benefit, true)}
      ${feedback ? html`<span class="full feedback">${this.renderFeedback(feedback)}</span>` : nothing}
    </li>`;
  }

  /**
   * "… redeemed." in a box that takes focus after the redeem; with `withCode` (the row itself no longer shows the
   * code) also the code and its Copy button.
   */
  private renderRedeemed(benefit: Benefit, withCode: boolean): TemplateResult | typeof nothing {
    const redeemed = this.redeemed.get(benefit.id);
    if (!redeemed) return nothing;
    const code = withCode ? redeemed.code : null;
    return html`<div part="redeemed" class="full redeemed" tabindex="-1">
      <span part="feedback" class="redeemed-message">${this.withName('wallet.benefit.redeemed', this.benefitTitle(redeemed.name))}</span>
      ${code ? this.renderCode(benefit, code, redeemed.name, 'wallet.benefit.redeemedCode') : nothing}
    </div>`;
  }

  /**
   * "We couldn't confirm whether … was redeemed" after a redeem whose answer was lost (an alert; focus moves to it).
   * With `withCode` (the re-read shows the benefit used up, most likely by that redeem, so the row no longer shows
   * the code) also the code and its Copy button, as after a confirmed redeem: the confirm step promised it stays.
   */
  private renderUncertain(benefit: Benefit, withCode: boolean): TemplateResult | typeof nothing {
    const uncertain = this.uncertain.get(benefit.id);
    if (!uncertain) return nothing;
    const code = withCode ? uncertain.code : null;
    return html`<div class="full uncertain" tabindex="-1">
      <span part="feedback" class="feedback" role="alert">${this.withName('wallet.benefit.redeemUnknown', this.benefitTitle(uncertain.name))}</span>
      ${code ? html`<span class="actions">${this.renderCode(benefit, code, uncertain.name, 'wallet.benefit.code')}</span>` : nothing}
    </div>`;
  }

  /** A benefit's code with its Copy button: in the row while it can be used, in the redeemed box after. */
  private renderCode(benefit: Benefit, code: string, name: string, label: 'wallet.benefit.code' | 'wallet.benefit.redeemedCode'): TemplateResult {
    return html`<span class="code-label">${this.t(label)}</span>
      <code part="code" class="code" dir="ltr">${code}</code>
      <button type="button" part="copy-button" aria-label=${this.t('wallet.benefit.copyLabel', { name: this.benefitTitle(name) })} @click=${(event: Event) => this.copy(benefit, code, event)}>
        ${this.t('wallet.benefit.copy')}
      </button>`;
  }

  /**
   * A row's title: Omneo's name, in its own direction (dir="auto"), or, for a definition Omneo sent without one
   * (the data layer keeps it as ""), our own localised "Reward" / "Benefit", in the element's direction.
   */
  private renderName(name: string, kind: 'reward' | 'benefit'): TemplateResult {
    if (name) return html`<span class="name" dir="auto">${name}</span>`;
    return html`<span class="name">${this.t(kind === 'reward' ? 'wallet.reward.untitled' : 'wallet.benefit.untitled')}</span>`;
  }

  /**
   * What a benefit is called in our sentences and accessible names ("Redeem {name}", "Copy code for {name}",
   * "{name} redeemed."): its name, or "Benefit" when Omneo sent none. Display copy only: events never carry it.
   */
  private benefitTitle(name: string): string {
    return name || this.t('wallet.benefit.untitled');
  }

  /**
   * The short description (plain text, as the details are: omneo-api.md §4 expects markup in other copy too) and the
   * details disclosure, or no line at all when there is neither. `title` names the
   * reward or benefit in the disclosure's accessible name. Between them a space, which is also where the line may
   * break (without a break opportunity "Details" was glued to the description's last word, and a narrow row split
   * it): a margin on "Details" spaced them before, and indented it where it wrapped to a line of its own (or stood
   * alone); a space at a line's edge takes no room.
   */
  private renderDescription(definition: Reward['definition'] | Benefit['definition'], title: string): TemplateResult | typeof nothing {
    const details = this.renderDetails(definition.long_description, definition.terms_conditions, title);
    const short = htmlToPlainText(definition.short_description);
    if (!short && details === nothing) return nothing;
    return html`<span class="line description"
      >${short ? html`<span dir="auto">${short}</span> ` : nothing}${details}</span
    >`;
  }

  private renderRedeem(benefit: Benefit): TemplateResult {
    const name = this.benefitTitle(benefit.definition.name);
    if (this.confirming !== benefit.id) {
      // One confirm step at a time: while another benefit's redeem is out, its step (Redeeming…, focus on Confirm)
      // stays, and this one waits; aria-disabled keeps it in the tab order, saying why in its state.
      return html`<button
        type="button"
        part="redeem-button"
        aria-label=${this.t('wallet.benefit.redeemLabel', { name })}
        aria-disabled=${this.redeeming ? 'true' : 'false'}
        @click=${() => this.askToConfirm(benefit.id)}
      >
        ${this.t('wallet.benefit.redeem')}
      </button>`;
    }
    const busy = this.redeeming?.id === benefit.id;
    const questionId = `confirm-${benefit.id}`;
    const effectId = `confirm-effect-${benefit.id}`;
    // Focus opens on the question and what redeeming does (text, focusable from script only), so that the press
    // which opened the step, repeated, never lands on Confirm; the shopper Tabs on to Confirm or Cancel.
    return html`<span part="confirm" class="confirm" role="group" aria-labelledby=${questionId} @keydown=${(event: KeyboardEvent) => this.confirmKeydown(event, benefit.id)}>
      <span class="confirm-text" tabindex="-1">
        <span class="confirm-question" id=${questionId}>${this.withName('wallet.benefit.confirm', name)}</span>
        <span class="confirm-effect" id=${effectId}>${this.redeemEffect(benefit)}</span>
      </span>
      <button
        type="button"
        part="confirm-button"
        class="primary"
        aria-disabled=${busy ? 'true' : 'false'}
        aria-describedby=${effectId}
        @click=${() => this.confirmPressed(benefit)}
      >
        ${busy ? this.t('wallet.benefit.redeeming') : this.t('wallet.benefit.confirmYes')}
      </button>
      <button type="button" part="cancel-button" ?disabled=${busy} @click=${() => this.cancelConfirm(benefit.id)}>${this.t('wallet.benefit.confirmNo')}</button>
    </span>`;
  }

  /** What pressing Confirm does, in the shopper's words: it spends a use, for good; the code stays. */
  private redeemEffect(benefit: Benefit): string {
    const remaining = benefit.redemptions_remaining;
    const effect =
      remaining === null
        ? this.t('wallet.benefit.confirmEffectUnlimited')
        : this.t('wallet.benefit.confirmEffect', { count: remaining, formatted: formatNumber(remaining, this.localeOrDefault) });
    return benefitCode(benefit, 'online') ? `${effect} ${this.t('wallet.benefit.confirmKeepsCode')}` : effect;
  }

  private renderFeedback(feedback: Feedback): TemplateResult {
    switch (feedback.kind) {
      case 'copied':
        return html`<span part="feedback">${this.t('wallet.benefit.copied')}</span>`;
      case 'copy-failed':
        // Ctrl+C means nothing on a phone or tablet (a touch screen the main pointer, no keyboard to count on):
        // there the code is copied by a long press (user-select: all takes the whole code).
        return html`<span part="feedback" role="alert"
          >${this.t(matchMedia('(pointer: coarse)').matches ? 'wallet.benefit.copyFailedTouch' : 'wallet.benefit.copyFailed')}</span
        >`;
      case 'redeem-failed':
        return html`<span part="feedback" role="alert">${this.withName('wallet.benefit.redeemFailed', this.benefitTitle(feedback.name))}</span>`;
      case 'redeem-refused':
        return html`<span part="feedback" role="alert" tabindex="-1">${this.withName('wallet.benefit.redeemRefused', this.benefitTitle(feedback.name))}</span>`;
    }
  }

  private renderDetails(longDescription: string | null, terms: string | null, title: string): TemplateResult | typeof nothing {
    const description = htmlToPlainText(longDescription);
    const conditions = htmlToPlainText(terms);
    if (!description && !conditions) return nothing;
    return html`<details part="details">
      <summary aria-label=${this.t('wallet.detailsLabel', { name: title })}>${this.t('wallet.details')}</summary>
      ${description ? html`<span class="copy-text" dir="auto">${description}</span>` : nothing}
      ${conditions ? html`<span class="copy-text"><strong>${this.t('wallet.terms')}</strong>\n<span class="terms" dir="auto">${conditions}</span></span>` : nothing}
    </details>`;
  }

  /**
   * A message with a benefit's name (an API string) in a <bdi>, wherever the translation puts it: an English
   * name keeps its own order in Arabic copy ("$25 spend reward", not "spend reward $25"), and vice versa.
   */
  private withName(key: MessageKey, name: string): TemplateResult {
    const [before, ...after] = this.t(key, { name: NAME_SLOT }).split(NAME_SLOT);
    return html`${before}${after.map((rest) => html`<bdi>${name}</bdi>${rest}`)}`;
  }

  private renderThumb(rawUrl: string | null, placeholder: TemplateResult): TemplateResult {
    const apiBase = this.store?.client.apiBase;
    const url = apiBase ? safeHttpUrl(rawUrl, apiBase) : null;
    if (!url || this.brokenImages.has(url)) return html`<span class="thumb" aria-hidden="true">${placeholder}</span>`;
    // Decorative: the name beside it says what it is. No Referer: Omneo's storage needs no storefront address.
    return html`<span class="thumb"><img src=${url} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${() => this.markBroken(url)} /></span>`;
  }

  private markBroken(url: string): void {
    this.brokenImages = new Set(this.brokenImages).add(url);
  }

  // ── actions ──────────────────────────────────────────────────────────────────────────────────────────

  private setFeedback(benefitId: string, feedback: Feedback | null): void {
    const next = new Map(this.feedback);
    if (feedback) next.set(benefitId, feedback);
    else next.delete(benefitId);
    this.feedback = next;
    clearTimeout(this.timers.get(benefitId));
    this.timers.delete(benefitId);
  }

  private async copy(benefit: Benefit, code: string, event: Event): Promise<void> {
    const item = (event.currentTarget as HTMLElement).closest('li');
    const codeElement = item?.querySelector<HTMLElement>('code') ?? null;
    if (this.feedback.get(benefit.id)?.kind === 'copy-failed') {
      // An alert is read when it is added: the last press's "Couldn't copy", left in place, would say nothing if
      // this press fails too. It goes first, so that a failure again is a new alert.
      this.setFeedback(benefit.id, null);
      await this.updateComplete;
    }
    let copied = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(code);
        copied = true;
      }
    } catch {
      // Denied (permissions, an insecure page, a browser without focus): try the older path below.
    }
    if (!copied && codeElement) copied = copyBySelection(codeElement);
    if (copied) {
      this.setFeedback(benefit.id, { kind: 'copied' });
      this.announce(this.t('wallet.benefit.copied'));
      this.timers.set(
        benefit.id,
        setTimeout(() => this.feedback.get(benefit.id)?.kind === 'copied' && this.setFeedback(benefit.id, null), COPIED_VISIBLE_MS),
      );
      return;
    }
    // Nothing could copy: leave the code selected so the shopper can copy it with the keyboard.
    this.setFeedback(benefit.id, { kind: 'copy-failed' });
    await this.updateComplete;
    if (codeElement) selectContents(codeElement);
  }

  private askToConfirm(benefitId: string): void {
    // Another benefit's redeem is out: its confirm step must stay open until its outcome shows (renderRedeem).
    if (this.redeeming) return;
    this.confirming = benefitId;
    this.setFeedback(benefitId, null);
    if (this.redeemed.has(benefitId) || this.uncertain.has(benefitId)) {
      // A benefit with uses left, redeemed again: the last confirmation (or doubt) is history.
      const redeemed = new Map(this.redeemed);
      const uncertain = new Map(this.uncertain);
      redeemed.delete(benefitId);
      uncertain.delete(benefitId);
      this.redeemed = redeemed;
      this.uncertain = uncertain;
    }
    this.confirmOpenedAt = performance.now();
    void this.updateComplete.then(() => this.focusIn(benefitId, '.confirm-text'));
  }

  private confirmPressed(benefit: Benefit): void {
    // The second click of a double-click on Redeem, landing on Confirm: not a decision (see CONFIRM_GUARD_MS).
    if (performance.now() - this.confirmOpenedAt < CONFIRM_GUARD_MS) return;
    void this.redeem(benefit);
  }

  private cancelConfirm(benefitId: string, byKey?: boolean): void {
    if (this.redeeming?.id === benefitId) return;
    this.confirming = null;
    void this.updateComplete.then(() => this.focusIn(benefitId, '[part~="redeem-button"]', byKey));
  }

  private confirmKeydown(event: KeyboardEvent, benefitId: string): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    // Escape after Redeem was clicked: where script moves focus, Firefox keeps the ring state of the focus before
    // (a click's: none) even after a key press, where Chromium and WebKit draw it; the shopper now on the keyboard
    // would not see they are back on Redeem.
    this.cancelConfirm(benefitId, true);
  }

  private async redeem(benefit: Benefit): Promise<void> {
    const store = this.store;
    // aria-disabled rather than disabled keeps focus on the button while it works; a second press is a no-op.
    if (!store || this.redeeming) return;
    const name = benefit.definition.name;
    const code = benefitCode(benefit, 'online');
    // The session this press belongs to: the store's number moves on when another shopper signs in or this one
    // signs out, and whatever the redeem's outcome then, it is not for whoever the wallet shows now.
    const generation = store.sessionGeneration;
    this.redeeming = benefit;
    try {
      const redemption = await redeemBenefit(store, benefit.id);
      if (store.sessionGeneration !== generation) {
        // Sent with the previous shopper's token and accepted while the session changed: it did spend their benefit,
        // but the wallet shows someone else's now (or a guest). No "… redeemed.", no code (it is the previous
        // shopper's) and no omneo-benefit-redeemed, which a theme may use to put the code in the cart that is now
        // theirs. Their wallet shows the benefit used up when they are back.
        this.followSessionChange(benefit.id);
        return;
      }
      this.confirming = null;
      this.setFeedback(benefit.id, null);
      this.redeemed = new Map(this.redeemed).set(benefit.id, { name, code });
      const redeemedMessage = this.t('wallet.benefit.redeemed', { name: this.benefitTitle(name) });
      this.announce(code ? `${redeemedMessage} ${this.t('wallet.benefit.redeemedCode')} ${code}` : redeemedMessage);
      this.emit('omneo-benefit-redeemed', { benefitId: benefit.id, redemptionId: redemption.id, code });
      await this.updateComplete;
      if (this.focusIsOurs()) this.focusIn(benefit.id, '[part~="redeemed"]');
    } catch (error) {
      // Not failures to report, and not the shopper's on screen now. OmneoProfileChangedError and OmneoGuestError
      // mean nothing was spent: raised before the POST left, or after Omneo refused it with a 401 and the re-mint
      // found someone else or nobody (see redeemBenefit); the store is loading the new shopper's wallet or shows the
      // guest state. Any other error after the session changed answers the previous shopper's POST, and "Nothing
      // was used" is not ours to say to whoever is signed in now (a timeout may even have spent it).
      if (error instanceof OmneoProfileChangedError || error instanceof OmneoGuestError || store.sessionGeneration !== generation) {
        this.followSessionChange(benefit.id);
        return;
      }
      this.confirming = null;
      // The POST may have been carried out (no answer, a timeout, a 5xx, an unreadable 2xx): redeemBenefit has re-read
      // the benefits and balances, so the row shows what Omneo has now, and we say we could not confirm it. Refused
      // (a 4xx, a configuration problem): nothing was used, and trying again is safe.
      const unknownOutcome = writeMayHaveApplied(error);
      // A refusal because the wallet's copy was out of date (used up in another tab, expired, withdrawn): the
      // benefits have been read again, and "try again" would be untrue if Omneo no longer offers the redeem.
      const now = this.benefits.snapshot.data?.items.find((each) => each.id === benefit.id);
      const stillRedeemable = now !== undefined && canRedeemBenefit(now, new Date());
      if (unknownOutcome) {
        this.setFeedback(benefit.id, null);
        this.uncertain = new Map(this.uncertain).set(benefit.id, { name, code });
      } else if (stillRedeemable) {
        this.setFeedback(benefit.id, { kind: 'redeem-failed', name });
      } else {
        this.setFeedback(benefit.id, { kind: 'redeem-refused', name });
        // Gone from the list altogether: no row to say it in.
        if (!now) this.announce(this.t('wallet.benefit.redeemRefused', { name: this.benefitTitle(name) }));
      }
      const known = error instanceof OmneoError ? error : null;
      this.emit('omneo-error', {
        element: this.localName,
        kind: known?.kind ?? 'network',
        status: known instanceof OmneoHttpError ? known.status : null,
        message: error instanceof Error ? error.message : String(error),
      });
      await this.updateComplete;
      // Said (the row, an alert or the announcement) but not focused when the shopper has gone elsewhere meanwhile.
      if (!this.focusIsOurs()) return;
      // The doubt itself, not Redeem (which the re-read may have taken away): look before trying again.
      if (unknownOutcome) this.focusIn(benefit.id, '.uncertain');
      else if (stillRedeemable) this.focusIn(benefit.id, '[part~="redeem-button"]');
      else if (now) this.focusIn(benefit.id, '[part~="feedback"][tabindex]');
      // Gone, and with it the list: the benefits' heading, or the wallet's when nothing is left (the empty state).
      else (this.renderRoot.querySelector<HTMLElement>('#benefits-heading') ?? this.renderRoot.querySelector<HTMLElement>('[part~="heading"]'))?.focus();
    } finally {
      this.redeeming = null;
    }
  }

  /**
   * A redeem whose session ended under it: its confirm step and feedback go, nothing is said, and focus, if it
   * was in the wallet or dropped with the old rows, goes to the heading once the new wallet (or guest state) shows.
   */
  private followSessionChange(benefitId: string): void {
    this.confirming = null;
    this.setFeedback(benefitId, null);
    const inside = this.shadowRoot?.activeElement ?? null;
    const lost = !inside && (!document.activeElement || document.activeElement === document.body);
    this.focusAfterSessionChange = inside !== null || lost;
    this.requestUpdate(); // the new wallet may be on screen already
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.focusAfterSessionChange || !this.shadowRoot) return;
    // The skeleton's heading is replaced with the wallet's: wait for the new shopper's wallet, error or guest state.
    if (this.shadowRoot.querySelector('[aria-busy="true"]')) return;
    this.focusAfterSessionChange = false;
    if (!this.focusIsOurs()) return;
    const target = this.shadowRoot.querySelector<HTMLElement>('[part~="heading"]') ?? this.shadowRoot.querySelector<HTMLElement>('[part~="guest"]');
    // The guest box (no heading in that state) takes focus from script only, as the heading does.
    if (target && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target?.focus({ focusVisible: true });
  }

  /**
   * Whether an outcome may move focus: it is in the wallet, or it was dropped to the page with the rows the outcome
   * replaced. A shopper who has put it somewhere else on the page meanwhile (the header's search) keeps it there.
   */
  private focusIsOurs(): boolean {
    return !document.activeElement || document.activeElement === document.body || this.matches(':focus-within');
  }

  private focusIn(benefitId: string, selector: string, focusVisible?: boolean): void {
    const item = this.renderRoot.querySelector(`li[data-benefit="${CSS.escape(benefitId)}"]`);
    // focusVisible left undefined: the engine's own heuristics decide.
    item?.querySelector<HTMLElement>(selector)?.focus({ focusVisible });
  }

  private announce(message: string): void {
    // Cleared first so that the same words twice in a row are announced twice.
    this.announcement = '';
    const session = this.shopperSession;
    void this.updateComplete.then(() => {
      // Not if the shopper changed in between: the words (a code, perhaps) were for the previous one.
      if (this.shopperSession === session) this.announcement = message;
    });
  }
}

function selectContents(element: HTMLElement): Selection | null {
  const selection = window.getSelection();
  // Not addRange(): WebKit (Safari) ignores a range added inside a shadow root; nothing was selected, and
  // execCommand('copy') then copied nothing and said it had.
  selection?.setBaseAndExtent(element, 0, element, element.childNodes.length);
  return selection;
}

/** The pre-Clipboard-API path: select the code and ask the browser to copy the selection. */
function copyBySelection(element: HTMLElement): boolean {
  const selection = selectContents(element);
  if (!selection) return false;
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  if (copied) selection.removeAllRanges();
  return copied;
}

const giftIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="3.5" y="8.5" width="17" height="12" rx="1.5"/><path d="M12 8.5v12M3.5 12.5h17M12 8.5c-1.5-3.5-6-4-6-1.5S10 8.5 12 8.5zm0 0c1.5-3.5 6-4 6-1.5s-4 1.5-6 1.5z"/></svg>`;
const ticketIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3.5 7.5h17v3a1.5 1.5 0 0 0 0 3v3h-17v-3a1.5 1.5 0 0 0 0-3z"/><path d="M14.5 7.5v9" stroke-dasharray="1.5 1.5"/></svg>`;
