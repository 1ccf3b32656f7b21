import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, message, parseTrackingId } from '@narahubung/core';
import type { Locale, PublicStatus } from '@narahubung/core';
import { renderDeadlines } from './deadlines-view.js';
import { endpointOf, localeOf } from './defaults.js';
import { NhErrorEvent, NhStatusEvent } from './events.js';
import { formatInstant } from './format.js';
import { clientFor, configFor } from './intake.js';
import { t } from './messages/index.js';
import type { WidgetMessageKey } from './messages/index.js';
import { baseStyles } from './styles.js';

/**
 * Looks up a complaint by tracking number and shows its public status: the current status, a
 * timeline of its public history, the deadlines and whether one has passed. A mistyped number is
 * caught before any request. It never shows personal data (the server sends none).
 *
 * @fires nh-status - A status was found and shown. `detail.status`.
 * @fires nh-error - The lookup failed (`not_found`, `network_error`, ...). `detail.code`, `detail.status`.
 *
 * @csspart form - The lookup form.
 * @csspart heading - The headings.
 * @csspart label - The tracking number's label.
 * @csspart hint - The tracking number's hint.
 * @csspart error - The error message.
 * @csspart input - The tracking number input.
 * @csspart button - The "Check status" button.
 * @csspart result - The status found.
 * @csspart status - The current status.
 * @csspart timeline - The list of history entries.
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

  @state() private _input = '';
  /** The problem to show, kept as a message key so a change of `locale` re-renders it. */
  @state() private _error: { key: WidgetMessageKey; params?: Record<string, string> } | null = null;
  @state() private _loading = false;
  @state() private _result: PublicStatus | undefined;
  @state() private _timeZone = 'Asia/Jakarta';

  private get _locale(): Locale {
    return localeOf(this.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const fromPage = new URLSearchParams(location.search).get('tracking');
    if (!this.trackingId && fromPage) this.trackingId = fromPage;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trackingId') && this.trackingId) {
      this._input = this.trackingId;
      void this._lookUp();
    }
  }

  override render(): TemplateResult {
    const locale = this._locale;
    const describedBy = this._error ? 'tracking-hint tracking-error' : 'tracking-hint';
    return html`<div lang=${locale}>
      <form part="form" novalidate @submit=${this._onSubmit}>
        <h2 part="heading">${t(locale, 'status.heading')}</h2>
        <div class="group ${this._error ? 'invalid' : ''}">
          <label for="tracking" part="label">${t(locale, 'status.label')}</label>
          <span class="hint" id="tracking-hint" part="hint">${t(locale, 'status.hint')}</span>
          ${this._error ? html`<span class="error" id="tracking-error" part="error">${t(this._locale, this._error.key, this._error.params)}</span>` : nothing}
          <input id="tracking" name="trackingId" part="input" autocomplete="off" autocapitalize="characters" spellcheck="false"
            .value=${this._input} aria-describedby=${describedBy} aria-invalid=${this._error ? 'true' : 'false'}
            @input=${(event: Event) => (this._input = (event.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" part="button">${t(locale, 'status.check')}</button>
      </form>
      <div role="status">${this._loading ? html`<p>${t(locale, 'status.loading')}</p>` : nothing}</div>
      ${this._result ? this._renderResult(this._result) : nothing}
    </div>`;
  }

  private _renderResult(result: PublicStatus): TemplateResult {
    const locale = this._locale;
    const zone = this._timeZone;
    return html`<section part="result" aria-labelledby="result-heading">
      <h2 id="result-heading" tabindex="-1" part="heading">${result.trackingId}</h2>
      <dl>
        <div><dt>${t(locale, 'status.current')}</dt><dd part="status">${message(locale, `status.${result.status}`)}</dd></div>
        <div><dt>${t(locale, 'status.agency')}</dt><dd>${result.agency.name}</dd></div>
      </dl>
      <p><span class="tag ${result.overdue ? 'overdue' : ''}">${t(locale, result.overdue ? 'status.overdue' : 'status.on_time')}</span></p>
      <h3>${t(locale, 'deadlines')}</h3>
      ${renderDeadlines(result.deadlines, locale, zone)}
      <h3>${t(locale, 'status.history')}</h3>
      <ol class="timeline" part="timeline">
        ${[...result.history].reverse().map((entry) => html`<li>
          <strong>${message(locale, `status.${entry.status}`)}</strong>
          <time datetime=${entry.at}>${formatInstant(entry.at, locale, zone)}</time>
          ${entry.note ? html`<p>${entry.note}</p>` : nothing}
        </li>`)}
      </ol>
    </section>`;
  }

  private _onSubmit(event: Event): void {
    event.preventDefault();
    void this._lookUp();
  }

  /** Checks the number locally first: a typo never costs a request. */
  private async _lookUp(): Promise<void> {
    const locale = this._locale;
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
    const endpoint = endpointOf(this.endpoint);
    try {
      const [result, config] = await Promise.all([
        clientFor(endpoint).status(trackingId, { locale }),
        configFor(endpoint).catch(() => undefined),
      ]);
      if (config) this._timeZone = config.timeZone;
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
