import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, checkAttachments, createPolicy, formatBytes, message, validateComplaint } from '@narahubung/core';
import type { ComplaintSubmission, Confidentiality, FieldError, IntakeConfig, Locale, MessageKey, SubmitAnswer } from '@narahubung/core';
import { endpointOf, localeOf, pageDefaults } from './defaults.js';
import { deliver } from './delivery.js';
import { loadCitizen } from './citizen-loader.js';
import { drafts } from './draft.js';
import type { Draft } from './draft.js';
import { NhErrorEvent, NhQueuedEvent, NhSubmitEvent, NhSubmittedEvent } from './events.js';
import { FIELDS, STEPS, controlId, fieldOf, initialValues, stepOf, toSubmission } from './fields.js';
import type { Field, FormValues } from './fields.js';
import { formatDate, formatInstant } from './format.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { clientFor, configFor } from './intake.js';
import { t } from './messages/index.js';
import type { WidgetMessageKey } from './messages/index.js';
import { outbox } from './outbox.js';
import type { OutboxEntry } from './outbox.js';
import { keepReporterKey, personalLink } from './reporter-key.js';
import { baseStyles } from './styles.js';
import { renderTrackingId } from './tracking-id-view.js';

type View = 'loading' | 'unavailable' | 'form' | 'sending' | 'queued' | 'failed' | 'success' | 'status';

const list = (value: string | undefined) => value?.split(',').map((code) => code.trim()).filter(Boolean) ?? [];

/**
 * A complaint form in a few short steps, ending with "check your answers". Validates with
 * `@narahubung/core`'s rules (the server's), keeps a draft across reloads, and saves every
 * submission in an outbox that is retried with the same Idempotency-Key until the server answers.
 *
 * @fires nh-submit - Before saving and sending; cancelable. `detail.submission`.
 * @fires nh-queued - The server could not be reached; the submission waits in the outbox. `detail.idempotencyKey`.
 * @fires nh-submitted - The server stored it. `detail.trackingId`, `detail.answer`.
 * @fires nh-error - A failure retrying will not fix. `detail.code`, `detail.status`, `detail.errors`.
 *
 * @csspart form - The `<form>` of a step.
 * @csspart heading - The heading of each view.
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart field - The wrapper of one question (label, hint, error, control).
 * @csspart label - A question's label or legend.
 * @csspart hint - A question's hint.
 * @csspart error - A question's error message.
 * @csspart input - Every text input, select and textarea.
 * @csspart button - The primary buttons (Continue, Send).
 * @csspart secondary-button - Back, Change, Copy and the draft buttons.
 * @csspart notice - The draft, queued and failure notices.
 * @csspart panel - The confirmation panel.
 * @csspart tracking-id - The tracking number in the confirmation panel.
 *
 * @cssprop --nh-color-text - Text colour. Each colour has a `--nh-dark-*` twin for the dark scheme.
 * @cssprop --nh-color-muted - Hints and secondary text.
 * @cssprop --nh-color-background - Background.
 * @cssprop --nh-color-surface - Notices and secondary buttons.
 * @cssprop --nh-color-border - Input borders.
 * @cssprop --nh-color-accent - Primary buttons.
 * @cssprop --nh-color-on-accent - Text on primary buttons.
 * @cssprop --nh-color-link - Links.
 * @cssprop --nh-color-error - Errors.
 * @cssprop --nh-color-focus - The focus ring.
 * @cssprop --nh-color-success - The confirmation panel.
 * @cssprop --nh-font-family - Font.
 * @cssprop --nh-font-size - Base font size.
 * @cssprop --nh-space - Base spacing.
 * @cssprop --nh-radius - Button corner radius.
 * @cssprop --nh-max-width - Widest the element grows.
 */
export class NhComplaintForm extends LitElement {
  static override styles = baseStyles;

  /** The API root; the client adds `/v1/...`. Defaults to the script tag's `data-endpoint`, else the page's origin. */
  @property() endpoint?: string;
  /** Fixes the reported agency (its id); otherwise the citizen chooses from the intake's agencies. */
  @property() agency?: string;
  /** `id` (default) or `en`; switching re-renders at once. */
  @property({ reflect: true }) locale?: Locale;
  /** Comma-separated category codes to offer (default: all the intake offers). */
  @property() categories?: string;
  /** Comma-separated kinds to offer (default: all). */
  @property() kinds?: string;
  /** Where the status page is: the confirmation links to it with `?tracking=<id>`. */
  @property({ attribute: 'status-url' }) statusUrl?: string;

  @state() private _view: View = 'loading';
  @state() private _step = 0;
  @state() private _values: FormValues = { ...initialValues };
  @state() private _files: File[] = [];
  @state() private _errors: FieldError[] = [];
  @state() private _config?: IntakeConfig;
  @state() private _draft: Draft | null = null;
  @state() private _answer: SubmitAnswer | undefined;
  @state() private _failure = '';
  @state() private _announcement = '';
  /** Whether narahubung-citizen.js is here: the confirmation's personal link and deadlines come with it. */
  @state() private _citizen = false;

  #delivery?: AbortController;
  #announceTimer?: ReturnType<typeof setTimeout>;
  #focusAfterRender: string | undefined;

  get #locale(): Locale {
    return localeOf(this.locale);
  }

  get #endpoint(): string {
    return endpointOf(this.endpoint);
  }

  get #agency(): string | undefined {
    return this.agency || pageDefaults.agency || undefined;
  }

  get #draftKey(): string {
    return `narahubung-draft:${this.#endpoint}|${this.#agency ?? ''}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#delivery?.abort();
  }

  /** Loads the intake's options, then resumes anything waiting in the outbox, else offers the draft. */
  async #start(): Promise<void> {
    this._view = 'loading';
    // The outbox first: a saved submission is resent even when the server is still unreachable.
    const waiting = await outbox.list(this.#endpoint);
    if (waiting.length > 0) {
      this._view = 'sending';
      configFor(this.#endpoint).then((config) => (this._config = config), () => undefined);
      for (const entry of waiting) await this.#send(entry);
      return;
    }
    try {
      this._config = await configFor(this.#endpoint);
    } catch {
      this._view = 'unavailable';
      return;
    }
    const draft = drafts.load(this.#draftKey);
    this._draft = draft && Object.keys(draft.values).length > 0 ? draft : null;
    this._view = 'form';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Errors are shown as messages in a language: when it changes, say them again in the new one
    // (an error the form cannot reproduce, such as one from the server, stays as it was).
    if (changed.has('locale') && this._errors.length > 0) {
      const fresh = this.#validate().errors;
      this._errors = this._errors.map((shown) => fresh.find((error) => error.path === shown.path && error.code === shown.code) ?? shown);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusAfterRender) {
      (this.renderRoot.querySelector(`#${this.#focusAfterRender}`) as HTMLElement | null)?.focus();
      this.#focusAfterRender = undefined;
    }
  }

  override render(): TemplateResult {
    return html`<div lang=${this.#locale}>${this.#renderView()}</div>
      <p class="visually-hidden" role="status">${this._announcement}</p>`;
  }

  #renderView(): TemplateResult | typeof nothing {
    const locale = this.#locale;
    switch (this._view) {
      case 'loading':
        return html`<p>${t(locale, 'form.loading')}</p>`;
      case 'unavailable':
        return html`<div class="notice" part="notice">
          <p>${t(locale, 'form.config_failed')}</p>
          <button class="secondary" part="secondary-button" @click=${() => void this.#start()}>${t(locale, 'form.retry')}</button>
        </div>`;
      case 'sending':
        return html`<p>${t(locale, 'sending')}</p>`;
      case 'queued':
        return html`<div class="notice" part="notice">
          <h2 id="view-heading" tabindex="-1" part="heading">${t(locale, 'queued.heading')}</h2>
          <p>${t(locale, 'queued.text')}</p>
        </div>`;
      case 'failed':
        return html`<div class="summary" part="notice">
          <h2 id="view-heading" tabindex="-1" part="heading">${t(locale, 'failed.heading')}</h2>
          <p>${this._failure}</p>
          <button class="secondary" part="secondary-button" @click=${() => this.#goTo(STEPS.length)}>${t(locale, 'form.back')}</button>
        </div>`;
      case 'success':
        return this.#renderSuccess();
      case 'status':
        return html`<nh-complaint-status endpoint=${this.#endpoint} locale=${locale} tracking-id=${this._answer?.trackingId ?? ''}
          .reporterKey=${this._answer?.reporterKey}></nh-complaint-status>`;
      default:
        return this._config ? this.#renderForm() : html`<p>${t(locale, 'form.loading')}</p>`;
    }
  }

  #renderForm(): TemplateResult {
    const locale = this.#locale;
    const checking = this._step === STEPS.length;
    const stepName: WidgetMessageKey = checking ? 'step.check' : `step.${STEPS[this._step]!.key}`;
    return html`
      ${this._draft
        ? html`<div class="notice" part="notice">
            <p>${t(locale, 'draft.found', { time: formatInstant(this._draft.savedAt, locale, this.#timeZone) })}</p>
            <div class="actions">
              <button class="secondary" part="secondary-button" @click=${this.#restoreDraft}>${t(locale, 'draft.restore')}</button>
              <button class="secondary" part="secondary-button" @click=${this.#discardDraft}>${t(locale, 'draft.discard')}</button>
            </div>
          </div>`
        : nothing}
      <form part="form" novalidate @submit=${this.#onSubmit} @input=${this.#onInput} @change=${this.#onInput}>
        <p class="hint">${t(locale, 'form.step', { n: this._step + 1, total: STEPS.length + 1 })}</p>
        <h2 id="view-heading" tabindex="-1" part="heading">${t(locale, stepName)}</h2>
        ${this._step === 0 ? html`<p>${t(locale, 'form.intro')}</p>` : nothing}
        ${STEPS[this._step]?.key === 'you' ? this.#renderWhoSees() : nothing}
        ${this.#renderErrorSummary()}
        ${checking ? this.#renderCheck() : STEPS[this._step]!.fields.map((field) => this.#renderField(field))}
        <div class="actions">
          <button type="submit" part="button">${t(locale, checking ? 'form.send' : 'form.continue')}</button>
          ${this._step > 0
            ? html`<button type="button" class="secondary" part="secondary-button" @click=${() => this.#goTo(this._step - 1)}>${t(locale, 'form.back')}</button>`
            : nothing}
        </div>
      </form>`;
  }

  /** Which contact details step 3 requires and why, with who sees them under the confidentiality chosen. */
  #renderWhoSees(): TemplateResult {
    const locale = this.#locale;
    const choice = String(this._values.confidentiality) as Confidentiality;
    return html`<p>${this._config!.contactRequired ? t(locale, 'you.required') : nothing}
      ${t(locale, 'you.chose', { choice: message(locale, `confidentiality.${choice}`), hint: t(locale, `confidentiality.${choice}.hint`) })}</p>`;
  }

  #renderErrorSummary(): TemplateResult | typeof nothing {
    if (this._errors.length === 0) return nothing;
    return html`<div class="summary" part="error-summary" role="alert" aria-labelledby="summary-heading">
      <h3 id="summary-heading">${t(this.#locale, 'errors.heading')}</h3>
      <ul>
        ${this._errors.map((error) => {
          const field = fieldOf(error);
          return html`<li>${field
            ? html`<a href=${`#${controlId(field.path)}`} @click=${(event: Event) => this.#focusField(event, field)}>${error.message}</a>`
            : error.message}</li>`;
        })}
      </ul>
    </div>`;
  }

  #label(path: string): string {
    return message(this.#locale, `field.${path}` as MessageKey);
  }

  #renderField(field: Field): TemplateResult | typeof nothing {
    const locale = this.#locale;
    const config = this._config!;
    const id = controlId(field.path);
    const errors = this._errors.filter((error) => fieldOf(error) === field);
    const hintId = field.hint ? `${id}-hint` : '';
    const errorId = errors.length ? `${id}-error` : '';
    const countId = field.path === 'description' ? `${id}-count` : '';
    const describedBy = [hintId, errorId, countId].filter(Boolean).join(' ') || nothing;
    const invalid = errors.length > 0 ? 'true' : nothing;
    const value = this._values[field.path];
    const text = typeof value === 'string' ? value : '';
    const label = html`${this.#label(field.path)}${field.optional ? ` ${t(locale, 'form.optional')}` : ''}`;
    const hint = field.hint
      ? html`<span class="hint" part="hint" id=${hintId}>${t(locale, field.hint, {
          max: config.limits.attachments.maxFiles,
          size: formatBytes(config.limits.attachments.maxBytes),
          min: config.limits.descriptionMin,
        })}</span>`
      : nothing;
    const error = errors.length
      ? html`<span class="error" part="error" id=${errorId}>${errors.map((e) => e.message).join(' ')}</span>`
      : nothing;
    const wrapper = (control: TemplateResult, asGroup = false) =>
      asGroup
        ? html`<fieldset class="group ${errors.length ? 'invalid' : ''}" part="field" aria-describedby=${describedBy}>
            <legend part="label">${label}</legend>${hint}${error}${control}
          </fieldset>`
        : html`<div class="group ${errors.length ? 'invalid' : ''}" part="field">
            <label for=${id} part="label">${label}</label>${hint}${error}${control}
          </div>`;

    switch (field.control) {
      case 'kind': {
        const kinds = this.#offered(list(this.kinds), config.kinds.map((kind) => kind.code));
        return wrapper(this.#radios(field.path, kinds.map((code) => ({ code, label: message(locale, `kind.${code}`) }))), true);
      }
      case 'confidentiality':
        return wrapper(
          this.#radios(field.path, (['anonymous', 'secret', 'public'] as const).map((code) => ({
            code,
            label: message(locale, `confidentiality.${code}`),
            hint: t(locale, `confidentiality.${code}.hint`),
          }))),
          true,
        );
      case 'agency': {
        const fixed = this.#agency;
        if (fixed) {
          const name = config.agencies.find((agency) => agency.id === fixed)?.name ?? fixed;
          return html`<div class="group" part="field"><span class="hint">${this.#label(field.path)}</span><strong>${name}</strong></div>`;
        }
        return wrapper(this.#select(field.path, config.agencies.map((agency) => ({ code: agency.id, label: agency.name })), describedBy, invalid));
      }
      case 'category': {
        const codes = this.#offered(list(this.categories), config.categories.map((category) => category.code));
        return wrapper(this.#select(field.path, codes.map((code) => ({ code, label: message(locale, `category.${code}`) })), describedBy, invalid));
      }
      case 'checkbox':
        return html`<div class="group ${errors.length ? 'invalid' : ''}" part="field">
          ${error}
          <div class="choice">
            <input type="checkbox" id=${id} name=${field.path} .checked=${value === true} aria-describedby=${describedBy} aria-invalid=${invalid} />
            <div><label for=${id} part="label">${t(locale, field.label!)}</label>${hint}</div>
          </div>
        </div>`;
      case 'textarea': {
        return wrapper(html`<textarea id=${id} name=${field.path} part="input" .value=${text} aria-describedby=${describedBy} aria-invalid=${invalid}></textarea>
          ${countId ? html`<span class="hint" id=${countId} aria-hidden="true">${this.#counter(text)}</span>` : nothing}`);
      }
      case 'files':
        return wrapper(html`<input type="file" id=${id} name=${field.path} part="input" multiple
          accept=${config.limits.attachments.types.join(',')} aria-describedby=${describedBy} aria-invalid=${invalid} />
          ${this._files.length ? html`<ul>${this._files.map((file) => html`<li>${file.name} (${formatBytes(file.size)})</li>`)}</ul>` : nothing}`);
      default:
        return wrapper(html`<input type=${field.control} id=${id} name=${field.path} part="input" .value=${text}
          autocomplete=${field.autocomplete ?? nothing} inputmode=${field.path === 'reporter.idNumber' ? 'numeric' : nothing}
          aria-describedby=${describedBy} aria-invalid=${invalid} />`);
    }
  }

  /** The codes the intake offers, narrowed to those the page asked for. */
  #offered<T extends string>(wanted: string[], offered: T[]): T[] {
    const narrowed = offered.filter((code) => wanted.includes(code));
    return narrowed.length ? narrowed : offered;
  }

  #radios(path: string, options: { code: string; label: string; hint?: string }[]): TemplateResult {
    return html`${options.map((option, index) => {
      const id = index === 0 ? controlId(path) : `${controlId(path)}-${option.code}`;
      return html`<div class="choice">
        <input type="radio" id=${id} name=${path} .value=${option.code} .checked=${this._values[path] === option.code}
          aria-describedby=${option.hint ? `${id}-hint` : nothing} />
        <label for=${id}>${option.label}${option.hint ? html`<span class="hint" id=${`${id}-hint`}>${option.hint}</span>` : nothing}</label>
      </div>`;
    })}`;
  }

  #select(path: string, options: { code: string; label: string }[], describedBy: string | typeof nothing, invalid: string | typeof nothing): TemplateResult {
    const value = this._values[path];
    return html`<select id=${controlId(path)} name=${path} part="input" aria-describedby=${describedBy} aria-invalid=${invalid}>
      <option value="" ?selected=${!value}>${t(this.#locale, 'form.choose')}</option>
      ${options.map((option) => html`<option value=${option.code} ?selected=${value === option.code}>${option.label}</option>`)}
    </select>`;
  }

  /** Characters still needed (the minimum is said before it is an error), left, or too many. */
  #counter(text: string): string {
    const { descriptionMin: min, descriptionMax: max } = this._config!.limits;
    const length = [...text].length;
    if (length > 0 && length < min) return t(this.#locale, 'counter.short', { n: min - length });
    return length <= max ? t(this.#locale, 'counter.left', { n: max - length }) : t(this.#locale, 'counter.over', { n: length - max });
  }

  #renderCheck(): TemplateResult {
    const locale = this.#locale;
    return html`${STEPS.map((step, index) => html`
      <h3>${t(locale, `step.${step.key}`)}</h3>
      <dl>
        ${step.fields.map((field) => html`<div>
          <dt>${this.#label(field.path)}</dt>
          <dd>${this.#answerText(field)}</dd>
          ${field.control === 'agency' && this.#agency
            ? nothing
            : html`<dd class="actions"><button type="button" class="link" part="secondary-button" @click=${() => this.#goTo(index, field)}>
                ${t(locale, 'form.change')}<span class="visually-hidden"> ${this.#label(field.path)}</span>
              </button></dd>`}
        </div>`)}
      </dl>`)}`;
  }

  #answerText(field: Field): string {
    const locale = this.#locale;
    if (field.control === 'files') return this._files.map((file) => file.name).join(', ') || t(locale, 'form.not_given');
    const value = field.control === 'agency' && this.#agency ? this.#agency : this._values[field.path];
    if (value === true) return t(locale, 'form.yes');
    if (!value) return t(locale, field.control === 'checkbox' ? 'form.no' : 'form.not_given');
    switch (field.control) {
      case 'date':
        // A calendar date in words ("3 Maret 2025"): the day itself, whatever the zone.
        return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? formatDate(`${value}T00:00:00Z`, locale, 'UTC') : String(value);
      case 'kind':
        return message(locale, `kind.${value}` as MessageKey);
      case 'category':
        return message(locale, `category.${value}` as MessageKey);
      case 'confidentiality':
        return message(locale, `confidentiality.${value}` as MessageKey);
      case 'agency':
        return this._config?.agencies.find((agency) => agency.id === value)?.name ?? String(value);
      default:
        return String(value);
    }
  }

  #renderSuccess(): TemplateResult {
    const locale = this.#locale;
    const answer = this._answer!;
    const link = this.#personalLink;
    return html`
      <div class="panel" part="panel">
        <h2 id="view-heading" tabindex="-1" part="heading">${t(locale, 'success.heading')}</h2>
        <p>${t(locale, 'success.tracking')}<br /><strong class="reference" part="tracking-id" id="tracking-id">${renderTrackingId(answer.trackingId)}</strong></p>
      </div>
      ${this._citizen
        ? html`<nh-confirmation locale=${locale} .answer=${answer} .link=${link} .timeZone=${this.#timeZone}></nh-confirmation>`
        : nothing}
      <div class="actions">
        ${this.statusUrl
          ? html`<a href=${link}>${t(locale, 'success.track')}</a>`
          : customElements.get('nh-complaint-status')
            ? html`<button class="secondary" part="secondary-button" @click=${() => (this._view = 'status')}>${t(locale, 'success.track')}</button>`
            : nothing}
        <button class="link" part="secondary-button" @click=${this.#reset}>${t(locale, 'success.new')}</button>
      </div>`;
  }

  /** The personal link to the status page (`status-url`, else this page when it shows a status element): the number, and the key in the fragment. */
  get #personalLink(): string {
    const answer = this._answer!;
    const page = this.statusUrl || (document.querySelector('nh-complaint-status') ? location.href : '');
    return page ? personalLink(page, answer.trackingId, answer.reporterKey) : '';
  }

  #loadCitizen(): void {
    loadCitizen().then(() => (this._citizen = true), () => undefined);
  }

  get #timeZone(): string {
    return this._config?.timeZone ?? 'Asia/Jakarta';
  }

  #onInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    if (!target.name) return;
    if (target.type === 'file') {
      this._files = [...(target.files ?? [])];
      return;
    }
    if (target.type === 'radio' && !target.checked) return;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    this._values = { ...this._values, [target.name]: value };
    this._draft = null;
    drafts.save(this.#draftKey, this._values);
    if (target.name === 'description') this.#announceLater(this.#counter(target.value));
  }

  /** Screen readers hear the characters left once typing pauses, not at every key (as GOV.UK's character count). */
  #announceLater(text: string): void {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => (this._announcement = text), 1000);
  }

  #restoreDraft(): void {
    this._values = { ...initialValues, ...this._draft!.values };
    this._draft = null;
    this.#focusAfterRender = 'view-heading';
  }

  #discardDraft(): void {
    drafts.clear(this.#draftKey);
    this._draft = null;
    this.#focusAfterRender = 'view-heading';
  }

  #focusField(event: Event, field: Field): void {
    event.preventDefault();
    (this.renderRoot.querySelector(`#${controlId(field.path)}`) as HTMLElement | null)?.focus();
  }

  #goTo(step: number, field?: Field): void {
    // The confirmation's detail comes with a second file: fetch it while the citizen checks their answers.
    if (step === STEPS.length) this.#loadCitizen();
    this._view = 'form';
    this._step = step;
    this._errors = [];
    this.#focusAfterRender = field ? controlId(field.path) : 'view-heading';
  }

  #reset(): void {
    this._values = { ...initialValues };
    this._files = [];
    this._answer = undefined;
    this.#goTo(0);
    if (!this._config) void this.#start();
  }

  /** Validates with core's rules (the server's own), adding the attachment limits of the intake. */
  #validate(): { submission?: ComplaintSubmission; errors: FieldError[] } {
    const config = this._config!;
    const { descriptionMin, descriptionMax, attachments } = config.limits;
    const policy = createPolicy({ contactRequired: config.contactRequired, descriptionMin, descriptionMax, attachments });
    const result = validateComplaint(toSubmission(this._values, this.#locale, this.#agency), { locale: this.#locale, policy });
    const errors = result.ok ? [] : [...result.errors];
    // The server checks the files again by their bytes; here their declared types spare a wasted upload.
    errors.push(...checkAttachments(this._files.map((file) => ({ name: file.name, size: file.size, type: file.type })), policy, this.#locale));
    return result.ok && errors.length === 0 ? { submission: result.value, errors } : { errors };
  }

  /** Shows the errors of the first step that has any, and puts focus on its first invalid field. */
  #showErrors(errors: FieldError[], onlyStep?: number): boolean {
    const stepOfError = (error: FieldError) => {
      const field = fieldOf(error);
      return field ? stepOf(field) : STEPS.length;
    };
    const relevant = errors.filter((error) => onlyStep === undefined || stepOfError(error) === onlyStep);
    if (relevant.length === 0) return false;
    const step = Math.min(...relevant.map(stepOfError));
    this._view = 'form';
    this._step = step;
    this._errors = relevant.filter((error) => stepOfError(error) === step);
    const first = this._errors.map(fieldOf).find(Boolean);
    this.#focusAfterRender = first ? controlId(first.path) : 'summary-heading';
    return true;
  }

  async #onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const { submission, errors } = this.#validate();
    if (this._step < STEPS.length) {
      if (!this.#showErrors(errors, this._step)) this.#goTo(this._step + 1);
      return;
    }
    if (!submission) {
      this.#showErrors(errors);
      return;
    }
    if (!this.dispatchEvent(new NhSubmitEvent(submission))) return;
    const entry: OutboxEntry = {
      idempotencyKey: newIdempotencyKey(),
      endpoint: this.#endpoint,
      submission,
      attachments: this._files,
      savedAt: new Date().toISOString(),
    };
    // Saved before the first byte is sent: a reload or a dead battery cannot lose it now.
    await outbox.put(entry);
    this._view = 'sending';
    await this.#send(entry);
  }

  /** Sends an outbox entry until the server answers, then clears it and the draft. */
  async #send(entry: OutboxEntry): Promise<void> {
    this.#delivery?.abort();
    const delivery = (this.#delivery = new AbortController());
    const client = clientFor(entry.endpoint);
    try {
      const answer = await deliver(
        entry.idempotencyKey,
        () => client.submit(entry.submission, { idempotencyKey: entry.idempotencyKey, attachments: entry.attachments, signal: delivery.signal }),
        {
          signal: delivery.signal,
          onQueued: () => {
            this._view = 'queued';
            this.#focusAfterRender = 'view-heading';
            this.dispatchEvent(new NhQueuedEvent(entry.idempotencyKey));
          },
        },
      );
      await outbox.delete(entry.idempotencyKey);
      // The device keeps the key for this complaint: its status page opens the citizen's own view.
      keepReporterKey(entry.endpoint, answer.trackingId, answer.reporterKey);
      drafts.clear(this.#draftKey);
      this._draft = null;
      this._answer = answer;
      this.#loadCitizen();
      this._view = 'success';
      this.#focusAfterRender = 'view-heading';
      this.dispatchEvent(new NhSubmittedEvent(answer));
    } catch (error) {
      if (delivery.signal.aborted) return;
      // Retrying cannot help: the entry leaves the outbox, the draft keeps every answer.
      await outbox.delete(entry.idempotencyKey);
      const apiError = error instanceof ApiError ? error : undefined;
      this.dispatchEvent(new NhErrorEvent(apiError?.code ?? 'unknown', apiError?.status ?? 0, apiError?.errors ?? []));
      // What was sent is what the citizen sees again (after a reload the form was empty).
      this._values = { ...initialValues, ...flatten(entry.submission) };
      this._files = entry.attachments as File[];
      if (apiError?.errors.length && this.#showErrors(apiError.errors)) return;
      this._failure = apiError?.message || t(this.#locale, 'server_error');
      this._view = 'failed';
      this.#focusAfterRender = 'view-heading';
    }
  }
}

/** Form values from a submission (when the outbox held one that the server refused). */
function flatten(submission: ComplaintSubmission): FormValues {
  const values: FormValues = {};
  for (const field of FIELDS) {
    let value: unknown = submission;
    for (const key of field.path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'string' || typeof value === 'boolean') values[field.path] = value;
  }
  return values;
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-complaint-form': NhComplaintForm;
  }
}
