import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, parseTrackingId } from '@narahubung/core';
import type { Locale, PublicStatus } from '@narahubung/core';
import { loadCitizen } from './citizen-loader.js';
import { endpointOf, localeOf } from './defaults.js';
import { NhErrorEvent, NhStatusEvent } from './events.js';
import { clientFor } from './intake.js';
import { t } from './messages/index.js';
import type { WidgetMessageKey } from './messages/index.js';
import { baseStyles } from './styles.js';
import { renderTrackingId } from './tracking-id-view.js';

/**
 * Looks up a complaint by tracking number and shows its public status: the current status and
 * whether a deadline has passed, its deadlines, a timeline of its public history (who made each
 * step, as a role) and, when it is overdue or disputed, where to turn next. A mistyped number is
 * caught before any request. It never shows personal data (the server sends none).
 *
 * With the reporter's key (the personal link's `#key=…`, the `reporterKey` property, or the key
 * this device kept when the complaint was sent) it also shows the citizen's own view and the
 * actions their complaint's state allows: answer a request for information, dispute, rate,
 * withdraw. All that follows the tracking number comes from `narahubung-citizen.js`
 * (`<nh-status-detail>`), loaded with the first status shown.
 *
 * @fires nh-status - A status was found and shown, or read again. `detail.status`.
 * @fires nh-error - The lookup or an action failed (`not_found`, `network_error`, ...). `detail.code`, `detail.status`.
 * @fires nh-reporter-action - The citizen's reply, dispute, rating or withdrawal was accepted. `detail.action`, `detail.status`.
 *
 * @csspart form - The lookup form.
 * @csspart heading - The headings.
 * @csspart label - The tracking number's label.
 * @csspart hint - The tracking number's hint.
 * @csspart error - The error message.
 * @csspart input - The tracking number input.
 * @csspart button - The "Check status" button.
 * @csspart result - The status found.
 * @csspart detail - `<nh-status-detail>`; its parts (`status`, `timeline`, `next-steps`, `own`, `personal-link`, ...) are exported too.
 *
 * @cssprop --nh-color-text - Text colour; the same `--nh-*` properties as `<nh-complaint-form>`.
 */
export class NhComplaintStatus extends LitElement {
  static override styles = baseStyles;

  /** The API root; the client adds `/v1/...`. */
  @property() endpoint?: string;
  /** `id` (default) or `en`. */
  @property({ reflect: true }) locale?: Locale;
  /** A tracking number to look up at once (else the page's `?tracking=` parameter, if any). */
  @property({ attribute: 'tracking-id' }) trackingId?: string;
  /** The reporter's key for `trackingId` (a property only: a secret never belongs in markup). */
  @property({ attribute: false }) reporterKey?: string;

  @state() private _input = '';
  /** The problem to show, kept as a message key so a change of `locale` re-renders it. */
  @state() private _error: { key: WidgetMessageKey; params?: Record<string, string> } | null = null;
  @state() private _loading = false;
  @state() private _result: PublicStatus | undefined;
  /** `<nh-status-detail>`, from narahubung-citizen.js. */
  @state() private _detail: 'loading' | 'ready' | 'failed' = 'loading';

  get #locale(): Locale {
    return localeOf(this.locale);
  }

  get #endpoint(): string {
    return endpointOf(this.endpoint);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const fromPage = new URLSearchParams(location.search).get('tracking');
    if (!this.trackingId && fromPage) this.trackingId = fromPage;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trackingId') && this.trackingId) {
      this._input = this.trackingId;
      void this.#lookUp();
    }
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const describedBy = this._error ? 'tracking-hint tracking-error' : 'tracking-hint';
    return html`<div lang=${locale}>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <h2 part="heading">${t(locale, 'status.heading')}</h2>
        <div class="group ${this._error ? 'invalid' : ''}">
          <label for="tracking" part="label">${t(locale, 'status.label')}</label>
          <span class="hint" id="tracking-hint" part="hint">${t(locale, 'status.hint')}</span>
          ${this._error ? html`<span class="error" id="tracking-error" part="error">${t(this.#locale, this._error.key, this._error.params)}</span>` : nothing}
          <input id="tracking" name="trackingId" part="input" autocomplete="off" autocapitalize="characters" spellcheck="false"
            .value=${this._input} aria-describedby=${describedBy} aria-invalid=${this._error ? 'true' : 'false'}
            @input=${(event: Event) => (this._input = (event.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" part="button">${t(locale, 'status.check')}</button>
      </form>
      <div role="status">${this._loading ? html`<p>${t(locale, 'status.loading')}</p>` : nothing}</div>
      ${this._result ? this.#renderResult(this._result) : nothing}
    </div>`;
  }

  #renderResult(result: PublicStatus): TemplateResult {
    const locale = this.#locale;
    return html`<section part="result" aria-labelledby="result-heading">
      <h2 id="result-heading" tabindex="-1" part="heading">${renderTrackingId(result.trackingId)}</h2>
      ${this._detail === 'ready'
        ? html`<nh-status-detail part="detail" endpoint=${this.#endpoint} locale=${locale} .status=${result}
            .reporterKey=${this.reporterKey} .requested=${this.trackingId}
            @nh-reporter-action=${this.#onChange} @nh-status=${this.#onChange}></nh-status-detail>`
        : html`<p>${t(locale, this._detail === 'failed' ? 'network' : 'status.loading')}</p>`}
    </section>`;
  }

  /** The detail changed the complaint (an action) or read it again (with the key). */
  #onChange(event: CustomEvent<{ status: PublicStatus }>): void {
    this._result = event.detail.status;
  }

  /**
   * The detail comes with a second file: the deadlines, the history, where to turn next, and with a
   * key the citizen's own view and actions. When it could not be loaded, the next lookup tries again.
   */
  async #loadDetail(): Promise<void> {
    if (this._detail === 'failed') this._detail = 'loading';
    try {
      await loadCitizen();
      this._detail = 'ready';
    } catch {
      this._detail = 'failed';
    }
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    void this.#lookUp();
  }

  /** Checks the number locally first: a typo never costs a request. */
  async #lookUp(): Promise<void> {
    const locale = this.#locale;
    const trackingId = parseTrackingId(this._input);
    this._result = undefined;
    if (!trackingId) {
      this._error = { key: 'status.invalid' };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#tracking')?.focus();
      return;
    }
    this._input = trackingId;
    this._error = null;
    this._loading = true;
    try {
      const result = await clientFor(this.#endpoint).status(trackingId, { locale });
      void this.#loadDetail();
      this._result = result;
      this.dispatchEvent(new NhStatusEvent(result));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#result-heading')?.focus();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      const code = apiError?.code ?? 'unknown';
      this._error =
        code === 'not_found'
          ? { key: 'status.not_found', params: { trackingId } }
          : apiError?.status === 0 || !apiError
            ? { key: 'network' }
            : { key: 'server_error' };
      this.dispatchEvent(new NhErrorEvent(code, apiError?.status ?? 0, apiError?.errors ?? []));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#tracking')?.focus();
    } finally {
      this._loading = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-complaint-status': NhComplaintStatus;
  }
}
