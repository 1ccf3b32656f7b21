import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, FINAL_STATUSES, REJECTION_REASONS, message } from '@narahubung/core';
import type { InboxItem, Locale, RejectionReason, Status } from '@narahubung/core';
import { NhErrorEvent } from '../../events.js';
import { NhTransitionedEvent } from '../../inbox-events.js';
import { ti } from '../../messages/inbox.js';
import type { InboxMessageKey } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { focusIn, renderNotice, reportFailure } from '../failures.js';
import type { Notice } from '../failures.js';
import { InboxChangedEvent } from '../internal-events.js';
import { partStyles } from '../styles.js';

type Field = 'to' | 'note' | 'reason';

/**
 * Moves a complaint on: one choice per step the lifecycle allows the reader now (the server's
 * `allowedTransitions`), a reason when rejecting, and the note to the reporter, in a box marked
 * public: what is written here is shown on the status page. Internal remarks have their own box.
 *
 * @csspart transition-form - The form.
 * @csspart label - Labels.
 * @csspart hint - Hints.
 * @csspart error - Field errors.
 * @csspart note - The public note.
 * @csspart button - "Save".
 * @csspart notice - What happened (moved, conflict).
 */
export class NhInboxTransitionForm extends LitElement {
  static override styles = [baseStyles, partStyles];

  @property({ attribute: false }) context!: InboxContext;
  @property({ attribute: false }) item!: InboxItem;

  @state() private _to: Status | '' = '';
  @state() private _note = '';
  @state() private _reason: RejectionReason | '' = '';
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _notice: Notice | undefined;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('item');
    if (before && before.trackingId !== this.item.trackingId) this._reset(true);
  }

  override render(): TemplateResult {
    const locale = this.context.locale;
    const item = this.item;
    const notice = this._notice;
    const notices = renderNotice(notice, 'notice');
    if (item.allowedTransitions.length === 0) {
      const final = FINAL_STATUSES.includes(item.status);
      return html`${notices}<p class="notice">${final
        ? ti(locale, 'inbox.action.final', { status: message(locale, `status.${item.status}`).toLocaleLowerCase(locale) })
        : ti(locale, 'inbox.action.not_handling', { agency: item.handlingAgency.name })}</p>`;
    }
    const errors = this._errors;
    const describe = (field: Field, hint: string) => (errors[field] ? `${hint} ${field}-error` : hint);
    const error = (field: Field) => (errors[field] ? html`<span class="error" id="${field}-error" part="error">${errors[field]}</span>` : nothing);
    const rejecting = this._to === 'rejected' || !!errors.reason;
    return html`<form class="box public" part="transition-form" novalidate aria-labelledby="action-heading" @submit=${this._onSubmit}>
      <h3 id="action-heading">${ti(locale, 'inbox.action.heading')} <span class="badge">${ti(locale, 'inbox.public')}</span></h3>
      ${notices}
      <fieldset class="group ${errors.to ? 'invalid' : ''}" aria-describedby=${errors.to ? 'to-error' : nothing}>
        <legend part="label">${ti(locale, 'inbox.action.choose')}</legend>
        ${error('to')}
        ${item.allowedTransitions.map((to) => html`<div class="choice">
          <input type="radio" id="to-${to}" name="to" value=${to} .checked=${this._to === to} aria-describedby="to-${to}-hint" @change=${() => (this._to = to)} />
          <div>
            <label for="to-${to}">${ti(locale, item.status === 'resolved' && to === 'in_progress' ? 'inbox.action.reopen' : (`inbox.action.${to}` as InboxMessageKey))}</label>
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
              <option value="" ?selected=${this._reason === ''}>${ti(locale, 'inbox.choose')}</option>
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

  private _reset(notice = false): void {
    this._to = '';
    this._note = '';
    this._reason = '';
    this._errors = {};
    if (notice) this._notice = undefined;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const { client, token, locale } = this.context;
    const item = this.item;
    if (this._busy) return;
    this._notice = undefined;
    if (!this._to) {
      this._errors = { to: ti(locale, 'inbox.action.required') };
      await focusIn(this, 'input[name="to"]');
      return;
    }
    const to = this._to;
    this._errors = {};
    this._busy = true;
    try {
      const moved = await client.transition(token, item.trackingId, { to, note: this._note, ...(to === 'rejected' && this._reason ? { reason: this._reason } : {}) }, { locale });
      this._reset();
      this._notice = { tone: 'success', text: ti(locale, 'inbox.moved', { status: message(locale, `status.${moved.status}`) }) };
      this.dispatchEvent(new NhTransitionedEvent(item.status, moved));
      this.dispatchEvent(new InboxChangedEvent([moved]));
      this._busy = false;
      await focusIn(this, '#notice');
    } catch (error) {
      this._busy = false;
      await this._fail(error, locale);
    }
  }

  private async _fail(error: unknown, locale: Locale): Promise<void> {
    if (error instanceof ApiError && error.status === 422 && error.errors.length > 0) {
      const fields: Partial<Record<Field, string>> = {};
      const other: string[] = [];
      for (const problem of error.errors) {
        const field = problem.path === 'to' || problem.path === 'note' || problem.path === 'reason' ? problem.path : undefined;
        if (field) fields[field] ??= problem.message;
        else other.push(problem.message);
      }
      this._errors = fields;
      if (other.length > 0) this._notice = { tone: 'error', text: other.join(' ') };
      this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
      const first = (['to', 'reason', 'note'] as const).find((field) => fields[field]);
      await focusIn(this, first === 'to' ? 'input[name="to"]' : first ? `#${first}` : '#notice');
      return;
    }
    if (error instanceof ApiError && error.status === 409) {
      // Someone else moved it first, or the step is no longer allowed: show the latest state.
      this.dispatchEvent(new NhErrorEvent(error.code, error.status));
      this._to = '';
      this._reason = '';
      this._notice = { tone: 'error', text: ti(locale, 'inbox.conflict') };
      try {
        this.dispatchEvent(new InboxChangedEvent([await this.context.client.inboxItem(this.context.token, this.item.trackingId, { locale })]));
      } catch (reload) {
        reportFailure(this, reload, locale);
      }
      await focusIn(this, '#notice');
      return;
    }
    const failure = reportFailure(this, error, locale);
    if (failure && failure.error.status !== 401) {
      this._notice = { tone: 'error', text: failure.error.status === 404 ? ti(locale, 'inbox.not_found', { trackingId: this.item.trackingId }) : failure.text };
      await focusIn(this, '#notice');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-transition-form': NhInboxTransitionForm;
  }
}
