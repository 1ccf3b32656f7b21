import { LitElement, css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { message } from '@narahubung/core';
import type { ApiError, InboxItem, Status } from '@narahubung/core';
import { NhTransitionedEvent } from '../../inbox-events.js';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { focusIn, reportFailure } from '../failures.js';
import { InboxBulkDoneEvent, InboxChangedEvent } from '../internal-events.js';
import { partStyles } from '../styles.js';

type BulkAction = 'verified' | 'needs_info' | 'assign';

/**
 * The routine, several at once: verify, ask for information or assign the selected complaints.
 * Each complaint is still its own request, so each gets its own step in its history; one that
 * cannot take the step (its status allows no such move, or the holder may not assign) is skipped
 * and said so.
 *
 * @csspart heading - "3 reports selected".
 * @csspart note - The public note sent with a verification or a request for information.
 */
export class NhInboxBulk extends LitElement {
  static override styles = [
    baseStyles,
    partStyles,
    css`
      :host { display: block; margin: 0 0 var(--_space); }
      fieldset { border: 0; padding: 0; margin: 0 0 0.75rem; }
      .row { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
      .row .choice { margin: 0.25rem 0; }
      textarea { min-height: 4.5rem; }
    `,
  ];

  @property({ attribute: false }) context!: InboxContext;
  /** The selected complaints, as the list shows them. */
  @property({ attribute: false }) items: readonly InboxItem[] = [];

  @state() private _action: BulkAction | '' = '';
  @state() private _officerId = '';
  @state() private _note = '';
  @state() private _error = '';
  @state() private _progress: { done: number; of: number } | undefined;

  override render(): TemplateResult {
    const locale = this.context.locale;
    const n = this.items.length;
    const canAssign = this.context.officers.length > 0 && this.items.some((item) => item.may.assign);
    const actions: [BulkAction, string][] = [
      ['verified', ti(locale, 'inbox.action.verified')],
      ['needs_info', ti(locale, 'inbox.action.needs_info')],
      ...(canAssign ? [['assign', ti(locale, 'inbox.bulk.assign')] as [BulkAction, string]] : []),
    ];
    const moving = this._action === 'verified' || this._action === 'needs_info';
    return html`<form class="box" novalidate aria-labelledby="bulk-heading" @submit=${this._onSubmit}>
      <h3 id="bulk-heading" part="heading">${ti(locale, 'inbox.bulk.heading', { n })}</h3>
      <fieldset class=${this._error ? 'invalid' : ''} aria-describedby=${this._error ? 'bulk-error' : nothing}>
        <legend part="label">${ti(locale, 'inbox.bulk.action')}</legend>
        ${this._error ? html`<span class="error" id="bulk-error" part="error">${this._error}</span>` : nothing}
        <div class="row">
          ${actions.map(([action, label]) => html`<div class="choice">
            <input type="radio" id="bulk-${action}" name="bulk-action" value=${action} .checked=${this._action === action} @change=${() => (this._action = action)} />
            <label for="bulk-${action}">${label}</label>
          </div>`)}
        </div>
      </fieldset>
      ${this._action === 'assign'
        ? html`<div class="group"><label for="bulk-officer" part="label">${ti(locale, 'inbox.bulk.officer')}</label>
            <select id="bulk-officer" @change=${(event: Event) => (this._officerId = (event.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this._officerId === ''}>${ti(locale, 'inbox.choose')}</option>
              ${this.context.officers.map((person) => html`<option value=${person.id} ?selected=${this._officerId === person.id}>${person.name}, ${person.position}</option>`)}
            </select></div>`
        : nothing}
      ${moving
        ? html`<div class="group box public">
            <label for="bulk-note" part="label">${ti(locale, 'inbox.note')} <span class="badge">${ti(locale, 'inbox.public')}</span></label>
            <span class="hint" id="bulk-note-hint" part="hint">${ti(locale, 'inbox.note_hint')}</span>
            <textarea id="bulk-note" part="note" aria-describedby="bulk-note-hint" .value=${this._note} @input=${(event: Event) => (this._note = (event.target as HTMLTextAreaElement).value)}></textarea>
          </div>`
        : nothing}
      <div class="actions">
        <button type="submit" part="button" ?disabled=${!!this._progress}>${ti(locale, 'inbox.bulk.apply', { n })}</button>
        <button type="button" class="secondary" part="secondary-button" ?disabled=${!!this._progress} @click=${this._clear}>${ti(locale, 'inbox.bulk.clear')}</button>
      </div>
      <p role="status">${this._progress ? ti(locale, 'inbox.bulk.working', { done: this._progress.done, n: this._progress.of }) : nothing}</p>
    </form>`;
  }

  private _clear(): void {
    this.dispatchEvent(new Event('nh-inbox-bulk-clear', { bubbles: true }));
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const locale = this.context.locale;
    const action = this._action;
    if (!action || (action === 'assign' && !this._officerId)) {
      this._error = ti(locale, action ? 'inbox.bulk.officer_required' : 'inbox.action.required');
      await focusIn(this, action ? '#bulk-officer' : 'input[name="bulk-action"]');
      return;
    }
    this._error = '';
    const { client, token } = this.context;
    const items = [...this.items];
    const changed: InboxItem[] = [];
    const report: string[] = [];
    let ok = 0;
    this._progress = { done: 0, of: items.length };
    for (const item of items) {
      const allowed = action === 'assign' ? item.may.assign : item.allowedTransitions.includes(action);
      if (!allowed) {
        report.push(ti(locale, 'inbox.bulk.skipped', { trackingId: item.trackingId, status: message(locale, `status.${item.status}`) }));
      } else {
        try {
          // One request per complaint, one after another: each is its own step in its own history.
          const next =
            action === 'assign'
              ? await client.assign(token, item.trackingId, this._officerId, { locale })
              : await client.transition(token, item.trackingId, { to: action as Status, note: this._note }, { locale });
          changed.push(next);
          ok += 1;
          if (action !== 'assign') this.dispatchEvent(new NhTransitionedEvent(item.status, next));
        } catch (error) {
          const failure = reportFailure(this, error, locale);
          if (failure?.error.status === 401) break;
          report.push(ti(locale, 'inbox.bulk.failed', { trackingId: item.trackingId, message: failure ? problemText(failure.error, failure.text) : '' }));
        }
      }
      this._progress = { done: this._progress.done + 1, of: items.length };
    }
    this._progress = undefined;
    this._note = '';
    this.dispatchEvent(new InboxBulkDoneEvent([ti(locale, 'inbox.bulk.done', { ok, n: items.length }), ...report]));
    if (changed.length > 0) this.dispatchEvent(new InboxChangedEvent(changed));
  }
}

/** The server's words for a refusal that is about the complaint (409, 422), else the generic text. */
function problemText(error: ApiError, generic: string): string {
  return error.status === 409 || error.status === 422 || error.status === 403 ? error.errors[0]?.message ?? error.message : generic;
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-bulk': NhInboxBulk;
  }
}
