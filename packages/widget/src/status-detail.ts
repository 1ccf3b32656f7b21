import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, RATING_QUESTIONS, checkAttachments, createPolicy, formatBytes, formatDate, formatInstant, message, parseTrackingId } from '@narahubung/core';
import type { FieldError, IntakeConfig, Locale, MessageKey, NextStep, OwnView, PublicStatus, RatingQuestion, ReporterActionBodies, ReporterActionName } from '@narahubung/core';
import { takeKeyFromAddress } from './address-key.js';
import { canShare, copyText, share } from './clipboard.js';
import { renderDeadlines } from './deadlines-view.js';
import { deliver } from './delivery.js';
import { configFor } from './intake.js';
import { drafts } from './draft.js';
import { NhErrorEvent, NhStatusEvent } from './events.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { tc } from './messages/citizen.js';
import type { CitizenMessageKey } from './messages/citizen.js';
import { t } from './messages/index.js';
import { pendingActions } from './pending-actions.js';
import type { PendingAction } from './pending-actions.js';
import { reporterClientFor } from './reporter-client.js';
import { NhReporterActionEvent } from './reporter-events.js';
import { forgetReporterKey, keepReporterKey, keptReporterKey, personalLink } from './reporter-key.js';
import { baseStyles } from './styles.js';

type Score = 1 | 2 | 3 | 4;
const SCORES: readonly Score[] = [1, 2, 3, 4];

/** The text field of each action but the rating, and its label in core's catalogue. */
const TEXT_FIELDS = {
  reply: { name: 'text', label: 'field.reply' },
  dispute: { name: 'reason', label: 'field.dispute_reason' },
  withdrawal: { name: 'reason', label: 'field.withdrawal_reason' },
} as const satisfies Record<Exclude<ReporterActionName, 'rating'>, { name: string; label: MessageKey }>;

/** The element id of the control an error of `action` at `path` belongs to. */
function controlOf(action: ReporterActionName, path: string): string {
  if (action === 'rating') {
    if (path === 'comment') return 'rating-comment';
    const question = path.split('.')[1] ?? 'speed';
    return `rating-${question}`;
  }
  return path.startsWith('attachments') ? 'reply-files' : `${action}-text`;
}

/**
 * The detail of a complaint's status on `<nh-complaint-status>`, below its tracking number: the
 * current status and whether a deadline has passed, the deadlines, the public history (who made each step, as a role); where the citizen may turn
 * when the complaint is overdue or its resolution disputed (the inspectorate, then Ombudsman RI,
 * with the contact the directory gives); and with the reporter's key their own view and the
 * actions its state allows: answer a request for information (text and files), dispute a
 * resolution (until the date shown), rate the handling (the four questions of the national
 * satisfaction survey, 1–4), withdraw. Each action is checked with the server's rules first, saved
 * on the device with an Idempotency-Key before it is sent, and retried with that key until the
 * server answers; what the citizen types is kept as a draft.
 *
 * It comes with `narahubung-citizen.js` (or `defineCitizenElements()` for bundlers), which
 * `<nh-complaint-status>` loads when it has a status to show.
 *
 * @fires nh-reporter-action - The server accepted an action. `detail.action`, `detail.trackingId`, `detail.status`.
 * @fires nh-status - The complaint was read again: with the key, or after an action that was no longer open. `detail.status`.
 * @fires nh-error - An action failed for a reason retrying will not fix. `detail.code`, `detail.status`, `detail.errors`.
 *
 * @csspart status - The current status.
 * @csspart timeline - The history.
 * @csspart next-steps - Where to turn next.
 * @csspart own - The citizen's own view.
 * @csspart form - Each action's form.
 * @csspart heading - The headings.
 * @csspart error-summary - The problems of a form.
 * @csspart field - The wrapper of one question.
 * @csspart label - A question's label or legend.
 * @csspart hint - A hint.
 * @csspart error - A question's error message.
 * @csspart input - Text areas and the file input.
 * @csspart button - The primary buttons.
 * @csspart secondary-button - Copy, forget, and "No, keep it".
 * @csspart notice - Sending, saved, done and failure notices.
 * @csspart personal-link - The personal link.
 */
export class NhStatusDetail extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { padding: 0; max-width: none; background: none; }
      h4, h5 { margin: 0 0 0.5rem; line-height: 1.25; }
      section { border-top: 1px solid var(--_border); padding-top: var(--_space); margin-top: var(--_space); }
      h4 { font-size: 1.05em; }
      h5 { font-size: 1em; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; }
      .link { overflow-wrap: anywhere; }
      details > summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; padding: 0.6rem 0; }
      ul.plain { list-style: none; padding: 0; }
      ul.plain > li { margin-bottom: var(--_space); }
    `,
  ];

  /** The complaint as `GET /v1/complaints/{id}` answered; `own` when a reporter's key opened it. */
  @property({ attribute: false }) status?: PublicStatus;
  /** The reporter's key for the complaint the status element was asked for (`requested`), if the page gave one. */
  @property({ attribute: false }) reporterKey?: string | undefined;
  /** The tracking number the status element was asked for, as given. */
  @property({ attribute: false }) requested?: string | undefined;
  /** The API root. */
  @property() endpoint = '/';
  @property({ reflect: true }) locale: Locale = 'id';
  /** The intake's `GET /v1/config` (its time zone, the limits of a reply), once it answered. */
  @state() private _config?: IntakeConfig;

  @state() private _values: Record<string, string> = {};
  @state() private _files: File[] = [];
  @state() private _errors: { action: ReporterActionName; list: FieldError[] } | null = null;
  @state() private _sending: ReporterActionName | null = null;
  @state() private _queued = false;
  /** The last outcome to say: a message key, or a server's own message. */
  @state() private _notice: { key?: CitizenMessageKey; text?: string; error?: boolean } | null = null;
  @state() private _confirming = false;
  @state() private _copied: 'copied' | 'selected' | null = null;
  /** The key that opens the own view, and whether the server refused it. */
  @state() private _key: string | null = null;
  @state() private _keyRefused = false;
  @state() private _opening = false;

  private _delivery?: AbortController;
  private _focusAfterRender: string | undefined;
  private _resumed = false;

  private get _timeZone(): string {
    return this._config?.timeZone ?? 'Asia/Jakarta';
  }

  private get _trackingId(): string {
    return this.status?.trackingId ?? '';
  }

  private get _draftKey(): string {
    return `narahubung-draft:${this.endpoint}|reporter:${this._trackingId}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    configFor(this.endpoint).then((config) => (this._config = config), () => undefined);
    // Its parts can be styled through `<nh-complaint-status>`, as the status element's own.
    this.setAttribute('exportparts', 'status, timeline, next-steps, own, form, heading, field, label, hint, error, input, button, secondary-button, error-summary, notice, personal-link');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._delivery?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const status = this.status;
    if (!status) return;
    if (changed.has('status') && changed.get('status')?.trackingId !== status.trackingId) {
      // Another complaint: its key is the address's (kept on the device from now on), the one the page gave, or the one this device kept.
      const id = status.trackingId;
      // A key in the page's fragment (`#key=…`) belongs to the number in its address (`?tracking=`).
      const fromAddress = parseTrackingId(new URLSearchParams(location.search).get('tracking')) === id ? takeKeyFromAddress() : null;
      if (fromAddress) keepReporterKey(this.endpoint, id, fromAddress);
      this._key = fromAddress ?? (this.reporterKey && parseTrackingId(this.requested) === id ? this.reporterKey : keptReporterKey(this.endpoint, id));
      this._keyRefused = false;
      this._resumed = false;
      this._notice = this._errors = null;
      this._confirming = false;
      this._files = [];
      this._copied = null;
      if (this._key && !status.own) void this._open(status.trackingId, this._key);
    }
    // Errors are messages in a language: when it changes, say them again in the new one.
    if (changed.has('locale') && this._errors) {
      const { action, list } = this._errors;
      const fresh = this._check(action).errors;
      this._errors = { action, list: list.map((shown) => fresh.find((error) => error.path === shown.path && error.code === shown.code) ?? shown) };
    }
    if (status.own && !this._resumed) {
      this._resumed = true;
      this._values = (drafts.load(this._draftKey)?.values as Record<string, string> | undefined) ?? {};
      void this._resume();
    }
  }

  /** Reads the complaint with the key; the status element then shows it with the own view. A refused key is forgotten. */
  private async _open(trackingId: string, key: string): Promise<void> {
    this._opening = true;
    try {
      this.dispatchEvent(new NhStatusEvent(await reporterClientFor(this.endpoint).ownStatus(trackingId, key, { locale: this.locale })));
    } catch (error) {
      // A wrong key is answered as an unknown number: the public status stays, the key goes.
      if (error instanceof ApiError && error.status === 404) {
        forgetReporterKey(this.endpoint, trackingId);
        this._key = null;
        this._keyRefused = true;
      } else {
        this._notice = { key: 'own.failed', error: true };
      }
    } finally {
      this._opening = false;
    }
  }

  protected override updated(): void {
    if (this._focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(`#${this._focusAfterRender}`)?.focus();
      this._focusAfterRender = undefined;
    }
  }

  /** Sends what a reload or a lost connection left waiting, with the same keys. */
  private async _resume(): Promise<void> {
    for (const entry of await pendingActions.list(this.endpoint, this._trackingId)) await this._send(entry);
  }

  override render(): TemplateResult | typeof nothing {
    const status = this.status;
    if (!status) return nothing;
    const locale = this.locale;
    return html`<div lang=${locale}>
      <dl>
        <div><dt>${tc(locale, 'status.current')}</dt><dd part="status">${message(locale, `status.${status.status}`)}</dd></div>
        <div><dt>${tc(locale, 'status.agency')}</dt><dd>${status.agency.name}</dd></div>
      </dl>
      <p><span class="tag ${status.overdue ? 'overdue' : ''}">${t(locale, status.overdue ? 'status.overdue' : 'status.on_time')}</span></p>
      ${this._keyRefused ? html`<p class="notice" part="notice">${tc(locale, 'key.refused')}</p>` : nothing}
      ${status.nextSteps.length > 0 ? this._renderNextSteps(status.nextSteps, status.overdue) : nothing}
      ${status.own ? this._renderOwn(status.own) : this._opening ? html`<p role="status">${tc(this.locale, 'own.loading')}</p>` : this._renderNotice()}
      ${this._renderPublic(status)}
    </div>`;
  }

  /** The deadlines, and the public history newest first: each step with who made it, as a role ("petugas Dinas …"), and its public note. */
  private _renderPublic(status: PublicStatus): TemplateResult {
    const locale = this.locale;
    const zone = this._timeZone;
    return html`<h3 part="heading">${t(locale, 'deadlines')}</h3>
      ${renderDeadlines(status.deadlines, locale, zone)}
      <h3 part="heading">${tc(locale, 'status.history')}</h3>
      <ol class="timeline" part="timeline">
        ${[...status.history].reverse().map((entry) => html`<li>
          <strong>${message(locale, `status.${entry.status}`)}</strong>
          <time datetime=${entry.at}>${formatInstant(entry.at, locale, zone)}</time>
          <span class="by">${tc(locale, 'status.by', { by: entry.by })}</span>
          ${entry.note ? html`<p>${entry.note}</p>` : nothing}
        </li>`)}
      </ol>`;
  }

  /** Where the citizen may turn when the agency is late or its resolution is disputed: the rest of the escalation chain, with its contacts. */
  private _renderNextSteps(steps: NextStep[], overdue: boolean): TemplateResult {
    const locale = this.locale;
    return html`<section class="notice" part="next-steps" aria-labelledby="next-heading">
      <h3 id="next-heading" part="heading">${tc(locale, 'next.heading')}</h3>
      <p>${tc(locale, overdue ? 'next.overdue' : 'next.disputed')}</p>
      <ul class="plain">
        ${steps.map(({ agency, contact }) => html`<li>
          <strong>${agency.name}</strong>
          ${contact
            ? html`<br />${contact.name}, ${contact.position}
                ${contact.email ? html`<br /><a href=${`mailto:${contact.email}`}>${contact.email}</a>` : nothing}
                ${contact.phone ? html`<br /><a href=${`tel:${contact.phone}`}>${contact.phone}</a>` : nothing}`
            : nothing}
        </li>`)}
      </ul>
    </section>`;
  }

  private _renderOwn(own: OwnView): TemplateResult {
    const locale = this.locale;
    return html`<div part="own">
      <h3 id="own-heading" part="heading">${tc(locale, 'own.heading')}</h3>
      <p class="hint">${tc(locale, 'own.intro')}</p>
      ${this._renderNotice()}
      ${own.requests.length > 0 ? this._renderRequests(own) : nothing}
      ${own.actions.reply ? this._renderReplyForm() : nothing}
      ${own.replies.length > 0 ? this._renderReplies(own) : nothing}
      ${own.actions.dispute ? this._renderDisputeForm(own.actions.dispute.until) : nothing}
      ${own.disputes.map((dispute) => html`<p>${tc(locale, 'disputed', { date: this._date(dispute.at) })}</p><p class="text">${dispute.reason}</p>`)}
      ${own.actions.rate ? this._renderRatingForm() : nothing}
      ${own.rating ? this._renderRating(own.rating) : nothing}
      ${own.withdrawal ? html`<p>${tc(locale, 'withdrawn', { date: this._date(own.withdrawal.at) })}</p><p class="text">${own.withdrawal.reason}</p>` : nothing}
      ${this._renderWritten(own)}
      ${own.actions.withdraw ? this._renderWithdrawal() : nothing}
      ${this._renderLink()}
    </div>`;
  }

  private _date(at: string): string {
    return formatDate(at, this.locale, this._timeZone);
  }

  private get _link(): string {
    return personalLink(location.href, this._trackingId, this._key ?? '');
  }

  private _renderNotice(): TemplateResult {
    const locale = this.locale;
    const text = this._sending
      ? tc(locale, this._queued ? 'queued' : 'sending')
      : this._notice
        ? (this._notice.key ? tc(locale, this._notice.key) : (this._notice.text ?? ''))
        : '';
    return html`<div role="status">${text
      ? html`<p id="own-notice" tabindex="-1" class=${this._notice?.error && !this._sending ? 'summary' : 'notice'} part="notice">${text}</p>`
      : nothing}</div>`;
  }

  private _renderRequests(own: OwnView): TemplateResult {
    const locale = this.locale;
    return html`<section aria-labelledby="requests-heading">
      <h4 id="requests-heading" part="heading">${tc(locale, 'requests.heading')}</h4>
      <ul class="plain">
        ${own.requests.map((request) => html`<li>
          <time class="hint" datetime=${request.at}>${formatInstant(request.at, locale, this._timeZone)}</time>
          <p class="text">${request.text}</p>
          <span class="tag">${tc(locale, request.answered ? 'request.answered' : 'request.waiting')}</span>
        </li>`)}
      </ul>
    </section>`;
  }

  private _renderReplies(own: OwnView): TemplateResult {
    const locale = this.locale;
    return html`<section aria-labelledby="replies-heading">
      <h4 id="replies-heading" part="heading">${tc(locale, 'replies.heading')}</h4>
      <ul class="plain">
        ${own.replies.map((reply) => html`<li>
          <time class="hint" datetime=${reply.at}>${formatInstant(reply.at, locale, this._timeZone)}</time>
          <p class="text">${reply.text}</p>
          ${reply.attachments.length > 0 ? html`<ul>${reply.attachments.map((file) => html`<li>${file.name} (${formatBytes(file.size)})</li>`)}</ul>` : nothing}
        </li>`)}
      </ul>
    </section>`;
  }

  /** One action's form: heading, explanation, error summary, its questions and its button. */
  private _form(action: ReporterActionName, heading: string, intro: TemplateResult | typeof nothing, body: TemplateResult, submit: TemplateResult): TemplateResult {
    return html`<section aria-labelledby=${`${action}-heading`}>
      <form part="form" novalidate @submit=${(event: Event) => this._onSubmit(event, action)} @input=${this._onInput} @change=${this._onInput}>
        <h4 id=${`${action}-heading`} part="heading" tabindex="-1">${heading}</h4>
        ${intro}
        ${this._renderErrorSummary(action)}
        ${body}
        <div class="actions">${submit}</div>
      </form>
    </section>`;
  }

  private _errorsAt(action: ReporterActionName, control: string): FieldError[] {
    return this._errors?.action === action ? this._errors.list.filter((error) => controlOf(action, error.path) === control) : [];
  }

  private _renderErrorSummary(action: ReporterActionName): TemplateResult | typeof nothing {
    if (this._errors?.action !== action) return nothing;
    return html`<div class="summary" part="error-summary" role="alert" aria-labelledby=${`${action}-summary`}>
      <h5 id=${`${action}-summary`} class="summary-heading">${t(this.locale, 'errors.heading')}</h5>
      <ul>
        ${this._errors.list.map((error) => {
          const control = controlOf(action, error.path);
          return html`<li><a href=${`#${control}`} @click=${(event: Event) => this._focus(event, control)}>${error.message}</a></li>`;
        })}
      </ul>
    </div>`;
  }

  /** A labelled text area: hint, error, and the draft's value. */
  private _textArea(action: ReporterActionName, id: string, name: string, label: string, hint?: string, optional = false): TemplateResult {
    const errors = this._errorsAt(action, id);
    const describedBy = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    return html`<div class="group ${errors.length ? 'invalid' : ''}" part="field">
      <label for=${id} part="label">${label}${optional ? ` ${t(this.locale, 'form.optional')}` : ''}</label>
      ${hint ? html`<span class="hint" part="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
      ${errors.length ? html`<span class="error" part="error" id=${`${id}-error`}>${errors.map((error) => error.message).join(' ')}</span>` : nothing}
      <textarea id=${id} name=${name} part="input" .value=${this._values[name] ?? ''} aria-describedby=${describedBy} aria-invalid=${errors.length ? 'true' : nothing}></textarea>
    </div>`;
  }

  private _submitButton(action: ReporterActionName, label: CitizenMessageKey): TemplateResult {
    return html`<button type="submit" part="button" ?disabled=${this._sending === action}>${tc(this.locale, label)}</button>`;
  }

  private _renderReplyForm(): TemplateResult {
    const locale = this.locale;
    const limits = this._policy.attachments;
    const errors = this._errorsAt('reply', 'reply-files');
    const describedBy = ['reply-files-hint', errors.length ? 'reply-files-error' : ''].filter(Boolean).join(' ');
    return this._form(
      'reply',
      tc(locale, 'reply.heading'),
      nothing,
      html`${this._textArea('reply', 'reply-text', 'reply', message(locale, 'field.reply'), tc(locale, 'reply.hint'))}
        <div class="group ${errors.length ? 'invalid' : ''}" part="field">
          <label for="reply-files" part="label">${message(locale, 'field.attachments')} ${t(locale, 'form.optional')}</label>
          <span class="hint" part="hint" id="reply-files-hint">${t(locale, 'hint.attachments', { max: limits.maxFiles, size: formatBytes(limits.maxBytes) })}</span>
          ${errors.length ? html`<span class="error" part="error" id="reply-files-error">${errors.map((error) => error.message).join(' ')}</span>` : nothing}
          <input type="file" id="reply-files" name="files" part="input" multiple accept=${limits.types.join(',')} aria-describedby=${describedBy} aria-invalid=${errors.length ? 'true' : nothing} />
          ${this._files.length ? html`<ul>${this._files.map((file) => html`<li>${file.name} (${formatBytes(file.size)})</li>`)}</ul>` : nothing}
        </div>`,
      this._submitButton('reply', 'reply.send'),
    );
  }

  private _renderDisputeForm(until: string): TemplateResult {
    const locale = this.locale;
    return this._form(
      'dispute',
      tc(locale, 'dispute.heading'),
      html`<p>${tc(locale, 'dispute.text', { date: this._date(until) })}</p>`,
      this._textArea('dispute', 'dispute-text', 'dispute', message(locale, 'field.dispute_reason')),
      this._submitButton('dispute', 'dispute.send'),
    );
  }

  private _renderRatingForm(): TemplateResult {
    const locale = this.locale;
    return this._form(
      'rating',
      tc(locale, 'rating.heading'),
      html`<p>${tc(locale, 'rating.intro')}</p>`,
      html`${RATING_QUESTIONS.map((question) => {
        const id = `rating-${question}`;
        const errors = this._errorsAt('rating', id);
        return html`<fieldset class="group ${errors.length ? 'invalid' : ''}" part="field" aria-describedby=${errors.length ? `${id}-error` : nothing}>
          <legend part="label">${tc(locale, `rating.q.${question}`)}</legend>
          ${errors.length ? html`<span class="error" part="error" id=${`${id}-error`}>${errors.map((error) => error.message).join(' ')}</span>` : nothing}
          ${SCORES.map((score) => {
            // The first option carries the group's id, for the error summary's link.
            const optionId = score === 1 ? id : `${id}-${score}`;
            return html`<div class="choice">
              <input type="radio" id=${optionId} name=${question} .value=${String(score)} .checked=${this._values[question] === String(score)} />
              <label for=${optionId}>${score} – ${tc(locale, `rating.${question}.${score}`)}</label>
            </div>`;
          })}
        </fieldset>`;
      })}
      ${this._textArea('rating', 'rating-comment', 'comment', message(locale, 'field.comment'), undefined, true)}`,
      this._submitButton('rating', 'rating.send'),
    );
  }

  private _renderRating(rating: NonNullable<OwnView['rating']>): TemplateResult {
    const locale = this.locale;
    return html`<section aria-labelledby="rated-heading">
      <h4 id="rated-heading" part="heading">${tc(locale, 'rated', { date: this._date(rating.at) })}</h4>
      <dl>
        ${RATING_QUESTIONS.map((question) => html`<div>
          <dt>${message(locale, `field.scores.${question}`)}</dt>
          <dd>${rating.scores[question]} – ${tc(locale, `rating.${question}.${rating.scores[question]}`)}</dd>
        </div>`)}
        ${rating.comment ? html`<div><dt>${message(locale, 'field.comment')}</dt><dd>${rating.comment}</dd></div>` : nothing}
      </dl>
    </section>`;
  }

  private _renderWithdrawal(): TemplateResult {
    const locale = this.locale;
    return html`<details part="withdrawal">
      <summary>${tc(locale, 'withdraw.heading')}</summary>
      ${this._form(
        'withdrawal',
        tc(locale, 'withdraw.heading'),
        html`<p>${tc(locale, 'withdraw.text')}</p>`,
        this._textArea('withdrawal', 'withdrawal-text', 'withdrawal', message(locale, 'field.withdrawal_reason')),
        this._confirming
          ? html`<p id="withdrawal-confirm" tabindex="-1" class="notice" part="notice">${tc(locale, 'withdraw.confirm', { trackingId: this._trackingId })}</p>
              <button type="submit" part="button" ?disabled=${this._sending === 'withdrawal'}>${tc(locale, 'withdraw.yes')}</button>
              <button type="button" class="secondary" part="secondary-button" @click=${() => (this._confirming = false)}>${tc(locale, 'withdraw.no')}</button>`
          : this._submitButton('withdrawal', 'withdraw.send'),
      )}
    </details>`;
  }

  private _renderWritten(own: OwnView): TemplateResult {
    const locale = this.locale;
    const written = own.submission;
    return html`<details>
      <summary>${tc(locale, 'wrote.heading')}</summary>
      <dl>
        <div><dt>${message(locale, 'field.title')}</dt><dd>${written.title}</dd></div>
        <div><dt>${message(locale, 'field.description')}</dt><dd>${written.description}</dd></div>
        ${own.attachments.length > 0
          ? html`<div><dt>${message(locale, 'field.attachments')}</dt><dd>${own.attachments.map((file) => file.name).join(', ')}</dd></div>`
          : nothing}
      </dl>
      <p>${own.emailUpdates && written.reporter.email ? tc(locale, 'updates.on', { email: written.reporter.email }) : tc(locale, 'updates.off')}</p>
    </details>`;
  }

  private _renderLink(): TemplateResult {
    const locale = this.locale;
    return html`<section aria-labelledby="link-heading">
      <h4 id="link-heading" part="heading">${tc(locale, 'own.link.heading')}</h4>
      <p>${tc(locale, 'own.link.text')}</p>
      <p class="link"><a id="own-link" part="personal-link" href=${this._link}>${this._link}</a></p>
      <div class="actions">
        <button class="secondary" part="secondary-button" @click=${this._copyLink}>${tc(locale, 'link.copy')}</button>
        ${canShare() ? html`<button class="secondary" part="secondary-button" @click=${() => void share({ url: this._link })}>${tc(locale, 'share')}</button>` : nothing}
        <button class="link" part="secondary-button" @click=${this._forget}>${tc(locale, 'forget')}</button>
      </div>
      <p role="status" class="copied">${this._copied ? (this._copied === 'copied' ? tc(locale, 'link.copied') : tc(locale, 'selected')) : nothing}</p>
    </section>`;
  }

  private async _copyLink(): Promise<void> {
    this._copied = await copyText(this._link, this.renderRoot.querySelector('#own-link')!);
  }

  /** Forgets the key on this device; the page goes back to the public status. */
  private _forget(): void {
    forgetReporterKey(this.endpoint, this._trackingId);
    this._key = null;
    this._notice = { key: 'forgotten' };
    this._focusAfterRender = 'own-notice';
    const { own: _own, ...status } = this.status!;
    this.dispatchEvent(new NhStatusEvent(status));
  }

  private get _policy() {
    const limits = this._config?.limits;
    return createPolicy(limits ? { attachments: limits.attachments, reporterTextMax: limits.reporterTextMax } : {});
  }

  private _onInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    if (target.type === 'file') {
      this._files = [...(target.files ?? [])];
      return;
    }
    if (!target.name || (target.type === 'radio' && !target.checked)) return;
    this._values = { ...this._values, [target.name]: target.value };
    drafts.save(this._draftKey, this._values);
  }

  private _focus(event: Event, control: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${control}`)?.focus();
  }

  /** The body of `action` from what was typed, and the problems the server would find in it. */
  private _check(action: ReporterActionName): { body: ReporterActionBodies[ReporterActionName]; errors: FieldError[] } {
    const locale = this.locale;
    const policy = this._policy;
    const errors: FieldError[] = [];
    const text = (name: string, path: string, label: MessageKey, required: boolean): string => {
      const value = (this._values[name] ?? '').trim();
      const field = message(locale, label);
      if (!value && required) errors.push({ path, code: 'required', message: message(locale, 'validation.required', { field }) });
      else if ([...value].length > policy.reporterTextMax) errors.push({ path, code: 'too_long', message: message(locale, 'validation.too_long', { field, max: policy.reporterTextMax }) });
      return value;
    };
    if (action === 'rating') {
      const scores = {} as Record<RatingQuestion, Score>;
      for (const question of RATING_QUESTIONS) {
        const score = Number(this._values[question]) as Score;
        if (SCORES.includes(score)) scores[question] = score;
        else errors.push({ path: `scores.${question}`, code: 'required', message: message(locale, 'validation.required', { field: message(locale, `field.scores.${question}`) }) });
      }
      const comment = text('comment', 'comment', 'field.comment', false);
      return { body: comment ? { scores, comment } : { scores }, errors };
    }
    const field = TEXT_FIELDS[action];
    const value = text(action, field.name, field.label, true);
    if (action === 'reply') {
      errors.push(...checkAttachments(this._files.map((file) => ({ name: file.name, size: file.size, type: file.type })), policy, locale));
      return { body: { text: value }, errors };
    }
    return { body: { reason: value }, errors };
  }

  private _showErrors(action: ReporterActionName, errors: FieldError[]): void {
    this._errors = { action, list: errors };
    this._focusAfterRender = controlOf(action, errors[0]!.path);
  }

  private async _onSubmit(event: Event, action: ReporterActionName): Promise<void> {
    event.preventDefault();
    if (this._sending) return;
    const { body, errors } = this._check(action);
    if (errors.length > 0) {
      this._showErrors(action, errors);
      return;
    }
    this._errors = null;
    // Withdrawing cannot be undone: it is asked twice.
    if (action === 'withdrawal' && !this._confirming) {
      this._confirming = true;
      this._focusAfterRender = 'withdrawal-confirm';
      return;
    }
    const entry: PendingAction = {
      idempotencyKey: newIdempotencyKey(),
      endpoint: this.endpoint,
      trackingId: this._trackingId,
      action,
      body,
      attachments: action === 'reply' ? this._files : [],
      savedAt: new Date().toISOString(),
    };
    // Saved before the first byte is sent, as the outbox does for submissions.
    await pendingActions.put(entry);
    await this._send(entry);
  }

  /** Sends a pending action until the server answers, with the same Idempotency-Key. */
  private async _send(entry: PendingAction): Promise<void> {
    const key = this._key;
    if (!key) return;
    this._delivery?.abort();
    const delivery = (this._delivery = new AbortController());
    const client = reporterClientFor(entry.endpoint);
    this._sending = entry.action;
    this._queued = false;
    this._notice = null;
    try {
      const status = await deliver(
        entry.idempotencyKey,
        () => client.reporterAction(entry.trackingId, key, entry.action, entry.body, { idempotencyKey: entry.idempotencyKey, attachments: entry.attachments, locale: this.locale, signal: delivery.signal }),
        { signal: delivery.signal, onQueued: () => (this._queued = true) },
      );
      await pendingActions.delete(entry.idempotencyKey);
      this._forgetTyped(entry.action);
      this._notice = { key: `done.${entry.action}` };
      this._focusAfterRender = 'own-notice';
      this.dispatchEvent(new NhReporterActionEvent(entry.action, status));
    } catch (error) {
      if (delivery.signal.aborted) return;
      // Retrying cannot help: the entry goes, what was typed stays.
      await pendingActions.delete(entry.idempotencyKey);
      const apiError = error instanceof ApiError ? error : undefined;
      this.dispatchEvent(new NhErrorEvent(apiError?.code ?? 'unknown', apiError?.status ?? 0, apiError?.errors ?? []));
      if (apiError?.code === 'action_not_open') {
        this._notice = { key: 'not_open', error: true };
        this._focusAfterRender = 'own-notice';
        const fresh = await client.ownStatus(entry.trackingId, key, { locale: this.locale }).catch(() => undefined);
        if (fresh) this.dispatchEvent(new NhStatusEvent(fresh));
      } else if (apiError && apiError.errors.length > 0) {
        this._showErrors(entry.action, apiError.errors);
      } else {
        this._notice = { text: apiError?.message || t(this.locale, 'server_error'), error: true };
        this._focusAfterRender = 'own-notice';
      }
    } finally {
      if (this._delivery === delivery) this._sending = null;
    }
  }

  /** Clears the draft of an action the server accepted. */
  private _forgetTyped(action: ReporterActionName): void {
    const names = action === 'rating' ? ['comment', ...RATING_QUESTIONS] : [action];
    this._values = Object.fromEntries(Object.entries(this._values).filter(([name]) => !names.includes(name)));
    drafts.save(this._draftKey, this._values);
    if (action === 'reply') this._files = [];
    this._confirming = false;
    this._errors = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-status-detail': NhStatusDetail;
  }
}
