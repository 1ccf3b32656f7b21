import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, FINAL_STATUSES, REJECTION_REASONS, STATUSES, createClient, formatBytes, message } from '@narahubung/core';
import type { Client, InboxItem, Locale, RejectionReason, ReporterView, Status, TokenHolder } from '@narahubung/core';
import { renderDeadlines } from './deadlines-view.js';
import { endpointOf, localeOf } from './defaults.js';
import { NhErrorEvent } from './events.js';
import { formatInstant } from './format.js';
import { NhOpenedEvent, NhSignedInEvent, NhSignedOutEvent, NhTransitionedEvent } from './inbox-events.js';
import { t } from './messages/index.js';
import { ti } from './messages/inbox.js';
import type { InboxMessageKey } from './messages/inbox.js';
import { baseStyles } from './styles.js';

type View = 'sign-in' | 'list' | 'detail';
type TransitionField = 'to' | 'note' | 'reason';
/** What the list shows: every open complaint (the default), one status, or everything. */
type StatusFilter = 'open' | 'all' | Status;
type Attachment = InboxItem['attachments'][number];
interface Notice {
  tone: 'info' | 'success' | 'error';
  text: string;
}

const OPEN_STATUSES = STATUSES.filter((status) => !FINAL_STATUSES.includes(status));
const STORAGE_PREFIX = 'narahubung.inbox-token:';
/** Complaints asked for at a time: the server's default, sent explicitly so that a full page means "there may be more". */
const PAGE_SIZE = 100;
/** The server's largest page: reloading asks again for everything already listed, up to this. */
const MAX_PAGE = 500;
/** Chromium takes hold of a download's blob at the click; Firefox and Safari a moment later, so the URL outlives the click a little. */
const REVOKE_AFTER_MS = 1000;

/**
 * The focal point's inbox: sign in with a token, see the complaints routed to your agency (overdue
 * first, as the server orders them), open one and move it on with a public note. Every view is
 * redacted by the server for the token's holder; the element shows what it receives, and
 * "identity hidden" when the reporter is not to be known. Markup in any text is shown as text.
 *
 * The token stays in memory; only when the focal point ticks "remember on this device" is it also
 * kept in `sessionStorage` (never `localStorage`), and "Sign out" removes it.
 *
 * After sign-in the bar says who the token belongs to (`GET /v1/me`). The list shows open complaints
 * unless another status (or all) is chosen, a page at a time. Attachments are fetched with the
 * token and saved through a temporary `<a download>`: no navigation, nothing a strict CSP forbids.
 *
 * @fires nh-signed-in - The token was accepted and the inbox loaded. `detail.count`.
 * @fires nh-signed-out - Signed out, or the server refused the token. `detail.reason` (`sign_out`, `unauthorized`).
 * @fires nh-opened - A complaint was opened. `detail.trackingId`, `detail.item`.
 * @fires nh-transitioned - A complaint was moved on. `detail.trackingId`, `detail.from`, `detail.to`, `detail.item`.
 * @fires nh-error - A request failed. `detail.code`, `detail.status`, `detail.errors`.
 *
 * @csspart heading - The headings.
 * @csspart form - The sign-in form.
 * @csspart label - Labels of the sign-in and transition fields.
 * @csspart hint - Hints under the labels.
 * @csspart error - A field's error message.
 * @csspart input - The token input.
 * @csspart button - The primary buttons (sign in, save).
 * @csspart secondary-button - Reload, sign out, back and "show the next reports".
 * @csspart signed-in-as - Who is signed in, and for which agency, beside "Sign out".
 * @csspart filter - The status filter above the list.
 * @csspart download-button - The button that downloads an attachment.
 * @csspart notice - The message after an action (moved, signed out, conflict, errors).
 * @csspart list - The list of complaints.
 * @csspart item - One complaint in the list.
 * @csspart item-button - The button that opens a complaint.
 * @csspart detail - The opened complaint.
 * @csspart status - The opened complaint's current status.
 * @csspart timeline - The opened complaint's history.
 * @csspart transition-form - The form that moves the complaint on.
 * @csspart note - The public note's text area.
 *
 * @cssprop --nh-color-text - Text colour; the same `--nh-*` properties as `<nh-complaint-form>`.
 * @cssprop --nh-color-error - Errors and the overdue marker.
 * @cssprop --nh-max-width - The element's width limit (default 40rem).
 */
export class NhFocalPointInbox extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .bar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; margin-bottom: var(--_space); }
      .bar h2 { margin: 0; }
      .bar .actions { margin: 0; flex: 1 1 20rem; justify-content: flex-end; }
      ul.inbox { list-style: none; margin: 0 0 var(--_space); padding: 0; }
      ul.inbox li { border-bottom: 1px solid var(--_border); padding: 0.75rem 0 0.75rem 0.75rem; border-left: 6px solid transparent; }
      ul.inbox li.overdue { border-left-color: var(--_error); }
      ul.inbox .link { font-weight: 600; text-align: left; font-size: 1.05em; padding-left: 0; }
      .meta { margin: 0.25rem 0 0; color: var(--_muted); overflow-wrap: anywhere; }
      .meta .tag { margin-right: 0.5rem; }
      .tag.overdue { color: var(--_error); }
      .prose { white-space: pre-wrap; overflow-wrap: anywhere; }
      .notice.success { border-left-color: var(--_success); }
      .notice.error { border-left-color: var(--_error); }
      .notice:focus { outline: 3px solid var(--_focus); }
      fieldset.group { margin-top: var(--_space); }
      .choice .hint { display: block; }
      ul.plain { margin: 0; padding-left: 1.25rem; }
      .signed-in-as { margin: 0; flex: 1 1 100%; text-align: end; color: var(--_muted); overflow-wrap: anywhere; }
      .filter select { width: auto; max-width: 100%; }
      ul.attachments { list-style: none; margin: 0 0 var(--_space); padding: 0; }
      ul.attachments li { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; margin-bottom: 0.5rem; overflow-wrap: anywhere; }
    `,
  ];

  /** The API root; the client adds `/v1/...`. */
  @property() endpoint?: string;
  /** `id` (default) or `en`. */
  @property({ reflect: true }) locale?: Locale;
  /** A complaint to open as soon as the focal point is signed in (e.g. from a link in an e-mail). */
  @property({ attribute: 'tracking-id' }) trackingId?: string;

  @state() private _view: View = 'sign-in';
  @state() private _tokenInput = '';
  @state() private _remember = false;
  @state() private _signInError = '';
  @state() private _busy = false;
  @state() private _items: InboxItem[] = [];
  @state() private _item: InboxItem | undefined;
  @state() private _notice: Notice | undefined;
  @state() private _to: Status | '' = '';
  @state() private _note = '';
  @state() private _reason: RejectionReason | '' = '';
  @state() private _fieldErrors: Partial<Record<TransitionField, string>> = {};
  @state() private _timeZone = 'Asia/Jakarta';
  @state() private _holder: TokenHolder | undefined;
  @state() private _filter: StatusFilter = 'open';
  /** The last page was full: the server may have more. */
  /** Where the next page starts; null on the last page. */
  @state() private _next: string | null = null;
  /** The name of the attachment being downloaded. */
  @state() private _downloading: string | undefined;

  /** Kept in memory only, unless the focal point asked to be remembered (then also in sessionStorage). */
  private _token: string | undefined;
  /** Counts list requests, so that an answer overtaken by a later one (the filter changed again) is dropped. */
  private _listRequests = 0;
  private _client: { endpoint: string; client: Client } | undefined;

  private get _locale(): Locale {
    return localeOf(this.locale);
  }

  private get _endpoint(): string {
    return endpointOf(this.endpoint);
  }

  private get _api(): Client {
    const endpoint = this._endpoint;
    if (this._client?.endpoint !== endpoint) {
      // Reads are retried a little; a transition is never retried (core's client sends it once).
      this._client = { endpoint, client: createClient({ endpoint, retry: { limit: 2, backoffLimit: 3000 }, timeout: 30_000 }) };
    }
    return this._client.client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const remembered = this._stored();
    if (!this._token && remembered) {
      this._remember = true;
      void this._signIn(remembered, { restoring: true });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trackingId') && this.trackingId && this._token && this._view !== 'sign-in') void this._open(this.trackingId);
  }

  override render(): TemplateResult {
    const locale = this._locale;
    return html`<div lang=${locale}>
      ${this._view === 'sign-in' ? this._renderSignIn(locale) : this._view === 'list' ? this._renderList(locale) : this._renderDetail(locale)}
    </div>`;
  }

  // ---------------------------------------------------------------- views

  private _renderNotice(): TemplateResult {
    const notice = this._notice;
    // Both live regions exist from the start, so what is put in them is announced.
    return html`<div role="status">
        ${notice && notice.tone !== 'error' ? html`<p id="notice" class="notice ${notice.tone}" part="notice" tabindex="-1">${notice.text}</p>` : nothing}
        ${this._busy ? html`<p>${ti(this._locale, this._view === 'sign-in' ? 'inbox.sign_in.loading' : 'inbox.loading')}</p>` : nothing}
        ${this._downloading ? html`<p>${ti(this._locale, 'inbox.downloading', { name: this._downloading })}</p>` : nothing}
      </div>
      <div role="alert">${notice?.tone === 'error' ? html`<p id="notice" class="notice error" part="notice" tabindex="-1">${notice.text}</p>` : nothing}</div>`;
  }

  private _renderSignIn(locale: Locale): TemplateResult {
    const error = this._signInError;
    return html`<form part="form" novalidate @submit=${this._onSignIn}>
        <h2 id="view-heading" part="heading" tabindex="-1">${ti(locale, 'inbox.heading')}</h2>
        <p>${ti(locale, 'inbox.sign_in.intro')}</p>
        ${this._renderNotice()}
        <div class="group ${error ? 'invalid' : ''}">
          <label for="token" part="label">${ti(locale, 'inbox.sign_in.token')}</label>
          <span class="hint" id="token-hint" part="hint">${ti(locale, 'inbox.sign_in.token_hint')}</span>
          ${error ? html`<span class="error" id="token-error" part="error">${error}</span>` : nothing}
          <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" autocapitalize="off" part="input"
            .value=${this._tokenInput} aria-describedby=${error ? 'token-hint token-error' : 'token-hint'} aria-invalid=${error ? 'true' : 'false'}
            @input=${(event: Event) => (this._tokenInput = (event.target as HTMLInputElement).value)} />
        </div>
        <div class="group">
          <div class="choice">
            <input id="remember" name="remember" type="checkbox" .checked=${this._remember} aria-describedby="remember-hint"
              @change=${(event: Event) => (this._remember = (event.target as HTMLInputElement).checked)} />
            <div>
              <label for="remember" part="label">${ti(locale, 'inbox.sign_in.remember')}</label>
              <span class="hint" id="remember-hint" part="hint">${ti(locale, 'inbox.sign_in.remember_hint')}</span>
            </div>
          </div>
        </div>
        <button type="submit" part="button" ?disabled=${this._busy}>${ti(locale, 'inbox.sign_in.submit')}</button>
      </form>`;
  }

  private _renderBar(locale: Locale, heading: TemplateResult): TemplateResult {
    return html`<div class="bar">
      ${heading}
      <div class="actions">
        ${this._holder ? html`<p class="signed-in-as" part="signed-in-as">${this._signedInAs(this._holder, locale)}</p>` : nothing}
        <button type="button" class="secondary" part="secondary-button" @click=${this._reload}>${ti(locale, 'inbox.refresh')}</button>
        <button type="button" class="secondary" part="secondary-button" @click=${() => this._signOut('sign_out')}>${ti(locale, 'inbox.sign_out')}</button>
      </div>
    </div>`;
  }

  private _renderList(locale: Locale): TemplateResult {
    const items = this._items;
    return html`${this._renderBar(locale, html`<h2 id="view-heading" part="heading" tabindex="-1">${ti(locale, 'inbox.heading')}</h2>`)}
      ${this._renderNotice()}
      <div class="group filter">
        <label for="status-filter" part="label">${ti(locale, 'inbox.filter')}</label>
        <select id="status-filter" name="status" part="filter" @change=${this._onFilter}>
          <option value="open" ?selected=${this._filter === 'open'}>${ti(locale, 'inbox.filter.open')}</option>
          ${STATUSES.map((status) => html`<option value=${status} ?selected=${this._filter === status}>${message(locale, `status.${status}`)}</option>`)}
          <option value="all" ?selected=${this._filter === 'all'}>${ti(locale, 'inbox.filter.all')}</option>
        </select>
      </div>
      <p id="count" role="status">${items.length === 0 ? this._emptyText(locale) : ti(locale, items.length === 1 ? 'inbox.count_one' : 'inbox.count', { n: items.length })}</p>
      ${items.length > 0
        ? html`<ul class="inbox" part="list" aria-label=${ti(locale, 'inbox.list_label')}>
            ${items.map((item, index) => html`<li part="item" class=${item.overdue ? 'overdue' : ''}>
              <button type="button" class="link" part="item-button" data-tracking-id=${item.trackingId} aria-describedby="meta-${index}"
                @click=${() => this._open(item.trackingId)}>${item.title}</button>
              <p class="meta" id="meta-${index}">
                ${item.overdue ? html`<span class="tag overdue">${t(locale, 'status.overdue')}</span>` : nothing}
                <span>${item.trackingId}</span> · <span>${message(locale, `status.${item.status}`)}</span> ·
                <span>${message(locale, `category.${item.category}`)}</span> ·
                <span>${ti(locale, 'inbox.received', { time: formatInstant(item.receivedAt, locale, this._timeZone) })}</span>
              </p>
            </li>`)}
          </ul>`
        : nothing}
      ${this._next !== null
        ? html`<p><button type="button" id="more" class="secondary" part="secondary-button" @click=${this._loadMore}>${ti(locale, 'inbox.more')}</button></p>`
        : nothing}`;
  }

  private _emptyText(locale: Locale): string {
    const filter = this._filter;
    if (filter === 'all') return ti(locale, 'inbox.empty');
    if (filter === 'open') return ti(locale, 'inbox.empty_open');
    return ti(locale, 'inbox.empty_status', { status: message(locale, `status.${filter}`) });
  }

  private _signedInAs(holder: TokenHolder, locale: Locale): string {
    const agencies = holder.agencies === 'all'
      ? ti(locale, 'inbox.all_agencies')
      : new Intl.ListFormat(locale, { type: 'conjunction' }).format(holder.agencies.map((agency) => agency.name));
    return ti(locale, 'inbox.signed_in_as', { name: holder.name, agencies });
  }

  private _renderDetail(locale: Locale): TemplateResult {
    const item = this._item;
    if (!item) return this._renderList(locale);
    const zone = this._timeZone;
    const row = (key: InboxMessageKey, value: unknown, part?: string) =>
      value === undefined || value === '' ? nothing : html`<div><dt>${ti(locale, key)}</dt><dd part=${part ?? nothing}>${value}</dd></div>`;
    const incident = [item.incident?.date, item.incident?.place].filter(Boolean).join(', ');
    const prior = [item.priorAttempt?.date, item.priorAttempt?.contacted, item.priorAttempt?.response].filter(Boolean).join(' — ');
    return html`${this._renderBar(locale, html`<button type="button" class="link" part="secondary-button" @click=${this._backToList}>${ti(locale, 'inbox.back')}</button>`)}
      ${this._renderNotice()}
      <article part="detail" aria-labelledby="view-heading">
        <h2 id="view-heading" part="heading" tabindex="-1">${item.title}</h2>
        <p><span class="tag ${item.overdue ? 'overdue' : ''}">${t(locale, item.overdue ? 'status.overdue' : 'status.on_time')}</span></p>
        <dl>
          ${row('inbox.tracking_id', item.trackingId)}
          ${row('inbox.status', message(locale, `status.${item.status}`), 'status')}
          ${row('inbox.kind', message(locale, `kind.${item.kind}`))}
          ${row('inbox.category', message(locale, `category.${item.category}`))}
          ${row('inbox.agency', item.agency.name)}
          ${item.handlingAgency.id !== item.agency.id ? row('inbox.handling_agency', item.handlingAgency.name) : nothing}
          ${row('inbox.unit', item.unit)}
          ${row('inbox.confidentiality', message(locale, `confidentiality.${item.confidentiality}`))}
          ${row('inbox.received_at', html`<time datetime=${item.receivedAt}>${formatInstant(item.receivedAt, locale, zone)}</time>`)}
          ${row('inbox.reporter', this._renderReporter(item.reporter, locale))}
          ${row('inbox.incident', incident)}
          ${row('inbox.prior_attempt', prior)}
          ${row('inbox.expected', item.expectedResolution)}
        </dl>
        <h3>${ti(locale, 'inbox.description')}</h3>
        <p class="prose">${item.description}</p>
        ${item.attachments.length > 0
          ? html`<h3>${ti(locale, 'inbox.attachments')}</h3>
              <ul class="attachments">
                ${item.attachments.map((file) => html`<li>
                  <span>${file.name} (${file.type}, ${formatBytes(file.size)})</span>
                  <button type="button" class="secondary" part="download-button" data-attachment-id=${file.id} @click=${() => this._download(file)}>
                    ${ti(locale, 'inbox.download')}<span class="visually-hidden"> ${file.name}</span>
                  </button>
                </li>`)}
              </ul>`
          : nothing}
        <h3>${t(locale, 'deadlines')}</h3>
        ${renderDeadlines(item.deadlines, locale, zone)}
        <h3>${ti(locale, 'inbox.history')}</h3>
        <ol class="timeline" part="timeline">
          ${[...item.history].reverse().map((entry) => html`<li>
            <strong>${message(locale, `status.${entry.status}`)}</strong>
            <time datetime=${entry.at}>${formatInstant(entry.at, locale, zone)}</time>
            ${entry.reason ? html`<p>${ti(locale, 'inbox.reason')}: ${message(locale, `reason.${entry.reason}`)}</p>` : nothing}
            <p>${entry.note || ti(locale, 'inbox.no_note')}</p>
          </li>`)}
        </ol>
        ${this._renderTransitionForm(item, locale)}
      </article>`;
  }

  private _renderReporter(reporter: ReporterView | null, locale: Locale): TemplateResult {
    if (!reporter) {
      return html`<strong>${ti(locale, 'inbox.identity_hidden')}</strong><span class="hint">${ti(locale, 'inbox.identity_hidden_hint')}</span>`;
    }
    const lines = [reporter.name, reporter.email, reporter.phone, reporter.address].filter((line): line is string => !!line);
    return html`${lines.map((line, index) => html`${index > 0 ? html`<br />` : nothing}${line}`)}`;
  }

  private _actionLabel(from: Status, to: Status, locale: Locale): string {
    return ti(locale, from === 'resolved' && to === 'in_progress' ? 'inbox.action.reopen' : `inbox.action.${to}` as InboxMessageKey);
  }

  private _renderTransitionForm(item: InboxItem, locale: Locale): TemplateResult {
    if (FINAL_STATUSES.includes(item.status) || item.allowedTransitions.length === 0) {
      return html`<p class="notice">${ti(locale, 'inbox.action.final', { status: message(locale, `status.${item.status}`).toLocaleLowerCase(locale) })}</p>`;
    }
    const errors = this._fieldErrors;
    const describe = (field: TransitionField, hint: string) => (errors[field] ? `${hint} ${field}-error` : hint);
    const error = (field: TransitionField) => (errors[field] ? html`<span class="error" id="${field}-error" part="error">${errors[field]}</span>` : nothing);
    const rejecting = this._to === 'rejected' || !!errors.reason;
    return html`<form part="transition-form" novalidate aria-labelledby="action-heading" @submit=${this._onTransition}>
      <h3 id="action-heading">${ti(locale, 'inbox.action.heading')}</h3>
      <fieldset class="group ${errors.to ? 'invalid' : ''}" aria-describedby=${errors.to ? 'to-error' : nothing}>
        <legend part="label">${ti(locale, 'inbox.action.choose')}</legend>
        ${error('to')}
        ${item.allowedTransitions.map((to) => html`<div class="choice">
          <input type="radio" id="to-${to}" name="to" value=${to} .checked=${this._to === to} aria-describedby="to-${to}-hint"
            @change=${() => (this._to = to)} />
          <div>
            <label for="to-${to}">${this._actionLabel(item.status, to, locale)}</label>
            <span class="hint" id="to-${to}-hint">${ti(locale, 'inbox.action.to', { status: message(locale, `status.${to}`) })}</span>
          </div>
        </div>`)}
      </fieldset>
      ${rejecting
        ? html`<div class="group ${errors.reason ? 'invalid' : ''}">
            <label for="reason" part="label">${ti(locale, 'inbox.reason')}</label>
            <span class="hint" id="reason-hint" part="hint">${ti(locale, 'inbox.reason_hint')}</span>
            ${error('reason')}
            <select id="reason" name="reason" aria-describedby=${describe('reason', 'reason-hint')} aria-invalid=${errors.reason ? 'true' : 'false'}
              @change=${(event: Event) => (this._reason = (event.target as HTMLSelectElement).value as RejectionReason | '')}>
              <option value="" ?selected=${this._reason === ''}>${t(locale, 'form.choose')}</option>
              ${REJECTION_REASONS.map((reason) => html`<option value=${reason} ?selected=${this._reason === reason}>${message(locale, `reason.${reason}`)}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="group ${errors.note ? 'invalid' : ''}">
        <label for="note" part="label">${ti(locale, 'inbox.note')}</label>
        <span class="hint" id="note-hint" part="hint">${ti(locale, 'inbox.note_hint')}</span>
        ${error('note')}
        <textarea id="note" name="note" part="note" .value=${this._note} aria-describedby=${describe('note', 'note-hint')} aria-invalid=${errors.note ? 'true' : 'false'}
          @input=${(event: Event) => (this._note = (event.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <button type="submit" part="button" ?disabled=${this._busy}>${this._busy ? ti(locale, 'inbox.saving') : ti(locale, 'inbox.submit')}</button>
    </form>`;
  }

  // ---------------------------------------------------------------- actions

  private _onSignIn(event: Event): void {
    event.preventDefault();
    void this._signIn(this._tokenInput.trim());
  }

  private async _signIn(token: string, options: { restoring?: boolean } = {}): Promise<void> {
    const locale = this._locale;
    this._notice = undefined;
    if (!token) {
      this._signInError = ti(locale, 'inbox.sign_in.required');
      await this._focus('#token');
      return;
    }
    this._busy = true;
    try {
      const [page, holder] = await Promise.all([
        this._api.inbox(token, this._query(PAGE_SIZE)),
        // Who is signed in is a courtesy: an intake without GET /v1/me still lets the focal point work.
        this._api.me(token, { locale }).catch(() => undefined),
      ]);
      const items = page.items;
      this._token = token;
      this._holder = holder;
      this._next = page.nextCursor;
      this._store(this._remember ? token : undefined);
      this._tokenInput = '';
      this._signInError = '';
      this._items = items;
      this._view = 'list';
      void this._loadTimeZone();
      this.dispatchEvent(new NhSignedInEvent(items.length));
      if (this.trackingId) {
        this._busy = false;
        await this._open(this.trackingId);
      } else if (!options.restoring) {
        await this._focus('#view-heading');
      }
    } catch (error) {
      await this._fail(error);
    } finally {
      this._busy = false;
    }
  }

  private _signOut(reason: 'sign_out' | 'unauthorized'): void {
    const locale = this._locale;
    this._token = undefined;
    this._store(undefined);
    this._items = [];
    this._item = undefined;
    this._holder = undefined;
    this._filter = 'open';
    this._next = null;
    this._resetTransition();
    this._view = 'sign-in';
    this._signInError = reason === 'unauthorized' ? ti(locale, 'inbox.sign_in.invalid') : '';
    this._notice = reason === 'sign_out' ? { tone: 'info', text: ti(locale, 'inbox.signed_out') } : undefined;
    this.dispatchEvent(new NhSignedOutEvent(reason));
    void this._focus(reason === 'unauthorized' ? '#token' : '#notice');
  }

  private async _reload(): Promise<void> {
    if (this._view === 'detail' && this._item) {
      await this._open(this._item.trackingId);
      return;
    }
    await this._loadList();
    await this._focus('#view-heading');
  }

  /** Loads the list again: as many as were listed (so "more" pages stay), or `limit`. */
  private async _loadList(limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this._items.length))): Promise<void> {
    const token = this._token;
    if (!token) return;
    const request = ++this._listRequests;
    this._busy = true;
    this._notice = undefined;
    try {
      const page = await this._api.inbox(token, this._query(limit));
      if (request !== this._listRequests) return;
      this._items = page.items;
      this._next = page.nextCursor;
    } catch (error) {
      if (request === this._listRequests) await this._fail(error);
    } finally {
      if (request === this._listRequests) this._busy = false;
    }
  }

  private async _onFilter(event: Event): Promise<void> {
    this._filter = (event.target as HTMLSelectElement).value as StatusFilter;
    // Focus stays on the filter; the count below it is a live region and says what changed.
    await this._loadList(PAGE_SIZE);
  }

  private async _loadMore(): Promise<void> {
    const token = this._token;
    const cursor = this._next;
    if (!token || !cursor || this._busy) return;
    const request = ++this._listRequests;
    this._busy = true;
    this._notice = undefined;
    try {
      const page = await this._api.inbox(token, { ...this._query(PAGE_SIZE), cursor });
      if (request !== this._listRequests) return;
      // Complaints may have moved between pages meanwhile: list each once.
      const listed = new Set(this._items.map((item) => item.trackingId));
      const added = page.items.filter((item) => !listed.has(item.trackingId));
      this._items = [...this._items, ...added];
      this._next = page.nextCursor;
      this._busy = false;
      await this._focus(added[0] ? `[data-tracking-id="${added[0].trackingId}"]` : '#view-heading');
    } catch (error) {
      if (request === this._listRequests) await this._fail(error);
    } finally {
      if (request === this._listRequests) this._busy = false;
    }
  }

  private _query(limit: number): { locale: Locale; limit: number; statuses?: Status[] } {
    const filter = this._filter;
    const statuses = filter === 'all' ? undefined : filter === 'open' ? OPEN_STATUSES : [filter];
    return { locale: this._locale, limit, ...(statuses ? { statuses } : {}) };
  }

  private async _download(file: Attachment): Promise<void> {
    const token = this._token;
    const item = this._item;
    if (!token || !item || this._downloading) return;
    this._notice = undefined;
    this._downloading = file.name;
    try {
      const blob = await this._api.attachment(token, item.trackingId, file.id, { locale: this._locale });
      saveAs(blob, file.name, this.renderRoot);
    } catch (error) {
      this._downloading = undefined;
      await this._fail(error, { trackingId: item.trackingId, attachment: file.name });
    } finally {
      this._downloading = undefined;
    }
  }

  private async _backToList(): Promise<void> {
    const opened = this._item?.trackingId;
    this._view = 'list';
    this._item = undefined;
    this._notice = undefined;
    this._resetTransition();
    await this._loadList();
    await this._focus(opened ? `[data-tracking-id="${opened}"]` : '#view-heading');
  }

  private async _open(trackingId: string, options: { keepNotice?: boolean } = {}): Promise<void> {
    const token = this._token;
    if (!token) return;
    this._busy = true;
    if (!options.keepNotice) this._notice = undefined;
    try {
      const item = await this._api.inboxItem(token, trackingId, { locale: this._locale });
      if (this._item?.trackingId !== item.trackingId) this._resetTransition();
      this._item = item;
      this._view = 'detail';
      this.dispatchEvent(new NhOpenedEvent(item));
      this._busy = false;
      await this._focus(options.keepNotice ? '#notice' : '#view-heading');
    } catch (error) {
      await this._fail(error, { trackingId });
    } finally {
      this._busy = false;
    }
  }

  private async _onTransition(event: Event): Promise<void> {
    event.preventDefault();
    const locale = this._locale;
    const item = this._item;
    const token = this._token;
    if (!item || !token || this._busy) return;
    this._notice = undefined;
    if (!this._to) {
      this._fieldErrors = { to: ti(locale, 'inbox.action.required') };
      await this._focus('input[name="to"]');
      return;
    }
    const to = this._to;
    this._fieldErrors = {};
    this._busy = true;
    try {
      const moved = await this._api.transition(token, item.trackingId, { to, note: this._note, ...(to === 'rejected' && this._reason ? { reason: this._reason } : {}) }, { locale });
      this._item = moved;
      this._items = this._items.map((listed) => (listed.trackingId === moved.trackingId ? moved : listed));
      this._resetTransition();
      this._notice = { tone: 'success', text: ti(locale, 'inbox.moved', { status: message(locale, `status.${moved.status}`) }) };
      this.dispatchEvent(new NhTransitionedEvent(item.status, moved));
      this._busy = false;
      await this._focus('#notice');
    } catch (error) {
      this._busy = false;
      await this._failTransition(error, item.trackingId);
    } finally {
      this._busy = false;
    }
  }

  private async _failTransition(error: unknown, trackingId: string): Promise<void> {
    if (!(error instanceof ApiError)) throw error;
    const locale = this._locale;
    if (error.status === 422 && error.errors.length > 0) {
      const fields: Partial<Record<TransitionField, string>> = {};
      const other: string[] = [];
      for (const problem of error.errors) {
        const field = problem.path === 'to' || problem.path === 'note' || problem.path === 'reason' ? problem.path : undefined;
        if (field) fields[field] ??= problem.message;
        else other.push(problem.message);
      }
      this._fieldErrors = fields;
      if (other.length > 0) this._notice = { tone: 'error', text: other.join(' ') };
      this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
      const first = (['to', 'reason', 'note'] as const).find((field) => fields[field]);
      await this._focus(first === 'to' ? 'input[name="to"]' : first ? `#${first}` : '#notice');
      return;
    }
    if (error.status === 409) {
      // Someone else moved it first, or the step is no longer allowed: show the latest state.
      this.dispatchEvent(new NhErrorEvent(error.code, error.status));
      this._to = '';
      this._reason = '';
      this._notice = { tone: 'error', text: ti(locale, 'inbox.conflict') };
      await this._open(trackingId, { keepNotice: true });
      return;
    }
    await this._fail(error, { trackingId });
  }

  /**
   * What every failed request does: 401 signs out; 404 of a complaint returns to the list, 404 of
   * an attachment says so where it was asked for; others are said.
   */
  private async _fail(error: unknown, notFound?: { trackingId: string; attachment?: string }): Promise<void> {
    if (!(error instanceof ApiError)) throw error;
    const locale = this._locale;
    this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
    if (error.status === 401) {
      this._signOut('unauthorized');
      return;
    }
    if (error.status === 404 && notFound?.attachment !== undefined) {
      this._notice = { tone: 'error', text: ti(locale, 'inbox.attachment_not_found', { name: notFound.attachment }) };
      await this._focus('#notice');
      return;
    }
    if (error.status === 404 && notFound) {
      const { trackingId } = notFound;
      this._view = 'list';
      this._item = undefined;
      this._resetTransition();
      await this._loadList();
      this._notice = { tone: 'error', text: ti(locale, 'inbox.not_found', { trackingId }) };
      await this._focus('#notice');
      return;
    }
    this._notice = { tone: 'error', text: error.status === 0 ? t(locale, 'network') : t(locale, 'server_error') };
    await this._focus(this._view === 'sign-in' ? '#token' : '#notice');
  }

  // ---------------------------------------------------------------- helpers

  private _resetTransition(): void {
    this._to = '';
    this._note = '';
    this._reason = '';
    this._fieldErrors = {};
  }

  private async _loadTimeZone(): Promise<void> {
    try {
      this._timeZone = (await this._api.config()).timeZone;
    } catch {
      // Dates then show in the default zone (WIB); nothing else depends on the config.
    }
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private get _storageKey(): string {
    return STORAGE_PREFIX + this._endpoint;
  }

  /** The remembered token, if any (sessionStorage may be unavailable: private modes, sandboxes). */
  private _stored(): string | undefined {
    try {
      return sessionStorage.getItem(this._storageKey) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private _store(token: string | undefined): void {
    try {
      if (token) sessionStorage.setItem(this._storageKey, token);
      else sessionStorage.removeItem(this._storageKey);
    } catch {
      // Not remembered; the token still works for this page.
    }
  }
}

/**
 * Saves `blob` as a file called `name` through a temporary `<a download>` in `root`: the page does
 * not navigate, and nothing runs that a strict Content-Security-Policy forbids.
 */
function saveAs(blob: Blob, name: string, root: HTMLElement | DocumentFragment): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  // A host page's router listening for clicks on links must not take this one for navigation.
  link.addEventListener('click', (event) => event.stopPropagation());
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-focal-point-inbox': NhFocalPointInbox;
  }
}
