import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '@narahubung/core';
import type { InboxItem } from '@narahubung/core';
import { formatInstant } from '../../format.js';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { focusIn, renderNotice, reportFailure } from '../failures.js';
import type { Notice } from '../failures.js';
import { InboxChangedEvent } from '../internal-events.js';
import { partStyles } from '../styles.js';

/**
 * Internal notes: what staff write to each other about a complaint, in a box that looks and reads
 * unlike the public note's (dashed, tinted, "internal: staff only"), so an officer never publishes a
 * remark by mistake. The server keeps them from every public view and every message to the reporter.
 * After an escalation the handling agency may let the agency reported add its response here.
 *
 * @csspart internal-notes - The box.
 * @csspart internal-note - The new note's text area.
 */
export class NhInboxNotes extends LitElement {
  static override styles = [
    baseStyles,
    partStyles,
    css`
      ol { list-style: none; margin: 0 0 var(--_space); padding: 0; }
      li { border-bottom: 1px solid var(--_internal-border); padding: 0.5rem 0; }
      li p { margin: 0.25rem 0 0; }
      .meta { color: var(--_text); font-size: 0.9375rem; }
      textarea { min-height: 5rem; }
    `,
  ];

  @property({ attribute: false }) context!: InboxContext;
  @property({ attribute: false }) item!: InboxItem;

  @state() private _text = '';
  @state() private _error = '';
  @state() private _notice: Notice | undefined;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('item');
    if (before && before.trackingId !== this.item.trackingId) {
      this._text = '';
      this._error = '';
      this._notice = undefined;
    }
  }

  override render(): TemplateResult {
    const { locale, calendar } = this.context;
    const item = this.item;
    const notice = this._notice;
    return html`<section class="box internal" part="internal-notes" aria-labelledby="notes-heading">
      <h3 id="notes-heading">${ti(locale, 'inbox.notes.heading')} <span class="badge">${ti(locale, 'inbox.internal')}</span></h3>
      <p class="hint" id="notes-hint">${ti(locale, 'inbox.notes.hint')}</p>
      ${item.notes.length === 0
        ? html`<p>${ti(locale, 'inbox.notes.empty')}</p>`
        : html`<ol>${item.notes.map((note) => html`<li>
            <span class="meta"><strong>${note.author}</strong> · <time datetime=${note.at}>${formatInstant(note.at, locale, calendar.timeZone)}</time></span>
            <p class="prose">${note.text}</p>
          </li>`)}</ol>`}
      ${renderNotice(notice, 'notes-notice')}
      ${item.may.note
        ? html`<form novalidate @submit=${this._onSubmit}>
            <div class="group ${this._error ? 'invalid' : ''}">
              <label for="internal-note" part="label">${ti(locale, 'inbox.notes.label')}</label>
              ${this._error ? html`<span class="error" id="internal-note-error" part="error">${this._error}</span>` : nothing}
              <textarea id="internal-note" name="internal-note" part="internal-note" .value=${this._text}
                aria-describedby=${this._error ? 'notes-hint internal-note-error' : 'notes-hint'} aria-invalid=${this._error ? 'true' : 'false'}
                @input=${(event: Event) => (this._text = (event.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            <button type="submit" part="button" ?disabled=${this._busy}>${this._busy ? ti(locale, 'inbox.saving') : ti(locale, 'inbox.notes.submit')}</button>
          </form>`
        : nothing}
      ${item.may.setNoteAccess
        ? html`<div class="choice">
            <input type="checkbox" id="note-access" .checked=${item.reportedAgencyNotes} ?disabled=${this._busy} @change=${this._onAccess} />
            <label for="note-access">${ti(locale, 'inbox.notes.access')}</label>
          </div>`
        : nothing}
    </section>`;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const { client, token, locale } = this.context;
    if (this._busy) return;
    this._notice = undefined;
    if (this._text.trim() === '') {
      this._error = ti(locale, 'inbox.notes.required');
      await focusIn(this, '#internal-note');
      return;
    }
    this._error = '';
    await this._save(() => client.note(token, this.item.trackingId, this._text, { locale }), () => {
      this._text = '';
      this._notice = { tone: 'success', text: ti(locale, 'inbox.notes.saved') };
    });
  }

  private async _onAccess(event: Event): Promise<void> {
    const allowed = (event.target as HTMLInputElement).checked;
    const { client, token, locale } = this.context;
    await this._save(() => client.setNoteAccess(token, this.item.trackingId, allowed, { locale }), () => undefined);
  }

  private async _save(request: () => Promise<InboxItem>, done: () => void): Promise<void> {
    const locale = this.context.locale;
    this._busy = true;
    try {
      const item = await request();
      done();
      this.dispatchEvent(new InboxChangedEvent([item]));
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        this._error = error.errors[0]?.message ?? error.message;
        reportFailure(this, error, locale);
        this._busy = false;
        await focusIn(this, '#internal-note');
        return;
      }
      const failure = reportFailure(this, error, locale);
      if (failure && failure.error.status !== 401) this._notice = { tone: 'error', text: failure.error.status === 403 ? failure.error.message : failure.text };
    } finally {
      this._busy = false;
    }
    await focusIn(this, '#notes-notice');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-notes': NhInboxNotes;
  }
}
