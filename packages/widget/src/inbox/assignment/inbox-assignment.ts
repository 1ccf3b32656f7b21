import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '@narahubung/core';
import type { InboxItem } from '@narahubung/core';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { focusIn, renderNotice, reportFailure } from '../failures.js';
import type { Notice } from '../failures.js';
import { InboxChangedEvent } from '../internal-events.js';
import { partStyles } from '../styles.js';

/**
 * Who handles the complaint: its assignee, and for those who may assign (the handling agency's
 * focal points, intake officers) a choice of that agency's focal points and officers.
 *
 * @csspart assignment - The box.
 */
export class NhInboxAssignment extends LitElement {
  static override styles = [baseStyles, partStyles];

  @property({ attribute: false }) context!: InboxContext;
  @property({ attribute: false }) item!: InboxItem;

  @state() private _officerId = '';
  @state() private _notice: Notice | undefined;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('item');
    if (changed.has('item')) this._officerId = this.item.assignee?.id ?? '';
    if (before && before.trackingId !== this.item.trackingId) this._notice = undefined;
  }

  override render(): TemplateResult {
    const locale = this.context.locale;
    const item = this.item;
    const people = this.context.officers.filter((person) => person.agencyId === item.handlingAgency.id);
    const notice = this._notice;
    return html`<section class="box" part="assignment" aria-labelledby="assign-heading">
      <h3 id="assign-heading">${ti(locale, 'inbox.assign.heading')}</h3>
      <p id="assignee">${item.assignee ? ti(locale, 'inbox.assign.current', { name: item.assignee.name }) : ti(locale, 'inbox.assign.nobody')}</p>
      ${renderNotice(notice, 'assign-notice')}
      ${item.may.assign && people.length > 0
        ? html`<form novalidate @submit=${this._onSubmit}>
            <div class="group">
              <label for="officer" part="label">${ti(locale, 'inbox.assign.label')}</label>
              <select id="officer" name="officer" aria-describedby="assignee" @change=${(event: Event) => (this._officerId = (event.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this._officerId === ''}>${ti(locale, 'inbox.assign.none')}</option>
                ${people.map((person) => html`<option value=${person.id} ?selected=${this._officerId === person.id}>${person.name}, ${person.position}</option>`)}
              </select>
            </div>
            <button type="submit" part="button" ?disabled=${this._busy}>${this._busy ? ti(locale, 'inbox.saving') : ti(locale, 'inbox.assign.submit')}</button>
          </form>`
        : nothing}
    </section>`;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const { client, token, locale } = this.context;
    if (this._busy) return;
    this._busy = true;
    this._notice = undefined;
    try {
      const item = await client.assign(token, this.item.trackingId, this._officerId || null, { locale });
      this._notice = { tone: 'success', text: ti(locale, 'inbox.assign.saved') };
      this.dispatchEvent(new InboxChangedEvent([item]));
    } catch (error) {
      const failure = reportFailure(this, error, locale);
      if (failure && failure.error.status !== 401) {
        this._notice = { tone: 'error', text: error instanceof ApiError && (error.status === 422 || error.status === 403) ? (error.errors[0]?.message ?? error.message) : failure.text };
      }
    } finally {
      this._busy = false;
    }
    await focusIn(this, '#assign-notice');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-assignment': NhInboxAssignment;
  }
}
