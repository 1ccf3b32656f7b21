import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, message } from '@narahubung/core';
import type { InboxItem, Locale, ReporterView, StaffHistoryEntry } from '@narahubung/core';
import { formatInstant } from '../../format.js';
import { NhOpenedEvent } from '../../inbox-events.js';
import { ti } from '../../messages/inbox.js';
import type { InboxMessageKey } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { dueOf } from '../due.js';
import { focusIn, reportFailure } from '../failures.js';
import type { InboxChangedEvent } from '../internal-events.js';
import { InboxNavigateEvent } from '../internal-events.js';
import type { ListQuery } from '../route.js';
import { partStyles } from '../styles.js';
import { renderDue, tipStyles } from '../time-view.js';
import { detailStyles } from './inbox-detail.styles.js';

/**
 * One complaint as the server shows it to the reader (redacted by confidentiality: "identity
 * hidden" when `reporter` is null), with its attachments, deadlines and a history that names who
 * made each change; beside it, the public transition form, the assignment and the internal notes.
 *
 * @csspart detail - The complaint.
 * @csspart heading - Its title.
 * @csspart status - Its current status.
 * @csspart timeline - Its history.
 * @csspart notice - "Not found".
 */
export class NhInboxDetail extends LitElement {
  static override styles = [baseStyles, partStyles, tipStyles, detailStyles];

  @property({ attribute: false }) context!: InboxContext;
  @property({ attribute: false }) trackingId = '';
  /** The list to go back to. */
  @property({ attribute: false }) list!: ListQuery;
  @property({ attribute: false }) backHref = '';

  /** The complaint as last answered, by the load or by a change made here. */
  @state() private _item: InboxItem | undefined;
  /** The complaint last announced (`nh-opened`) and focused. */
  private _opened: string | undefined;

  private readonly _load = new Task(this, {
    args: () => [this.context.client, this.context.token, this.context.locale, this.trackingId] as const,
    task: async ([client, token, locale, trackingId], { signal }) => client.inboxItem(token, trackingId, { locale, signal }),
    onComplete: (item: InboxItem) => {
      this._item = item;
      if (this._opened !== item.trackingId) {
        this._opened = item.trackingId;
        this.dispatchEvent(new NhOpenedEvent(item));
        void focusIn(this, '#view-heading');
      }
    },
    onError: (error) => {
      reportFailure(this, error, this.context.locale);
      if (error instanceof ApiError && error.status === 404) void focusIn(this, '#notice');
    },
  });

  /** Loads the complaint again (the inbox's "Reload"). */
  reload(): void {
    void this._load.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trackingId') && this._item?.trackingId !== this.trackingId) this._item = undefined;
  }

  override render(): TemplateResult {
    const locale = this.context.locale;
    const back = html`<a class="back" href=${this.backHref} part="secondary-button" @click=${this._back}>‹ ${ti(locale, 'inbox.back')}</a>`;
    const item = this._item;
    if (!item) {
      const error = this._load.status === TaskStatus.ERROR ? this._load.error : undefined;
      const text = !error
        ? ''
        : error instanceof ApiError && error.status === 404
          ? ti(locale, 'inbox.not_found', { trackingId: this.trackingId })
          : ti(locale, error instanceof ApiError && error.status === 0 ? 'inbox.network' : 'inbox.server_error');
      return html`${back}
        <div role="status">${this._load.status === TaskStatus.PENDING ? html`<p>${ti(locale, 'inbox.loading')}</p>` : nothing}</div>
        <div role="alert">${text ? html`<p id="notice" class="notice error" part="notice" tabindex="-1">${text}</p>` : nothing}</div>`;
    }
    return html`${back}${this._renderItem(item, locale)}`;
  }

  private _renderItem(item: InboxItem, locale: Locale): TemplateResult {
    const { calendar } = this.context;
    const zone = calendar.timeZone;
    const row = (key: InboxMessageKey, value: unknown, part?: string) =>
      value === undefined || value === '' ? nothing : html`<div><dt>${ti(locale, key)}</dt><dd part=${part ?? nothing}>${value}</dd></div>`;
    const incident = [item.incident?.date, item.incident?.place].filter(Boolean).join(', ');
    const prior = [item.priorAttempt?.date, item.priorAttempt?.contacted, item.priorAttempt?.response].filter(Boolean).join(' — ');
    const deadline = (key: InboxMessageKey, at: string | null) => row(key, at ? html`<time datetime=${at}>${formatInstant(at, locale, zone)}</time>` : ti(locale, 'inbox.deadline.after_verification'));
    return html`<article part="detail" aria-labelledby="view-heading" @nh-inbox-changed=${this._onChanged}>
      <h2 id="view-heading" part="heading" tabindex="-1">${item.title}</h2>
      <p class="summary-line"><span class="badge" part="status">${message(locale, `status.${item.status}`)}</span>${renderDue(dueOf(item, calendar, new Date()), locale, zone)}</p>
      <div class="layout">
        <div>
          <dl>
            ${row('inbox.tracking_id', html`<span class="mono">${item.trackingId}</span>`)}
            ${row('inbox.kind', message(locale, `kind.${item.kind}`))}
            ${row('inbox.category', message(locale, `category.${item.category}`))}
            ${row('inbox.agency', item.agency.name)}
            ${item.handlingAgency.id !== item.agency.id ? row('inbox.handling_agency', item.handlingAgency.name) : nothing}
            ${row('inbox.unit', item.unit)}
            ${row('inbox.confidentiality', message(locale, `confidentiality.${item.confidentiality}`))}
            ${row('inbox.received_at', html`<time datetime=${item.receivedAt}>${formatInstant(item.receivedAt, locale, zone)}</time>`)}
            ${row('inbox.reporter', renderReporter(item.reporter, locale))}
            ${row('inbox.incident', incident)}
            ${row('inbox.prior_attempt', prior)}
            ${row('inbox.expected', item.expectedResolution)}
          </dl>
          <h3>${ti(locale, 'inbox.description')}</h3>
          <p class="prose">${item.description}</p>
          ${item.attachments.length > 0
            ? html`<h3>${ti(locale, 'inbox.attachments')}</h3>
                <nh-inbox-attachments exportparts="download-button, view-button, viewer, notice, secondary-button" .context=${this.context} .item=${item}></nh-inbox-attachments>`
            : nothing}
          ${this._renderConversation(item, locale)}
          <h3>${ti(locale, 'inbox.deadlines')}</h3>
          <dl>
            ${deadline('inbox.deadline.verifyBy', item.deadlines.verifyBy)}
            ${deadline('inbox.deadline.respondBy', item.deadlines.respondBy)}
            ${deadline('inbox.deadline.resolveBy', item.deadlines.resolveBy)}
          </dl>
          <h3>${ti(locale, 'inbox.history')}</h3>
          <ol class="timeline" part="timeline">${[...item.history].reverse().map((entry) => this._renderStep(entry, item, locale))}</ol>
        </div>
        <div>
          <nh-inbox-transition-form exportparts="transition-form, label, hint, error, note, button, notice" .context=${this.context} .item=${item}></nh-inbox-transition-form>
          <nh-inbox-notes exportparts="internal-notes, internal-note, label, error, button, notice" .context=${this.context} .item=${item}></nh-inbox-notes>
          <nh-inbox-assignment exportparts="assignment, label, button, notice" .context=${this.context} .item=${item}></nh-inbox-assignment>
        </div>
      </div>
    </article>`;
  }

  private _renderConversation(item: InboxItem, locale: Locale): TemplateResult {
    const zone = this.context.calendar.timeZone;
    const when = (at: string) => html`<time datetime=${at}>${formatInstant(at, locale, zone)}</time>`;
    return html`${item.replies.length > 0
        ? html`<h3>${ti(locale, 'inbox.replies')}</h3>
            <ul class="plain">${item.replies.map((reply) => html`<li>${when(reply.at)}<p class="prose">${reply.text}</p>${reply.attachments.map((file) => html`<span>${file.name} </span>`)}</li>`)}</ul>`
        : nothing}
      ${item.disputes.length > 0
        ? html`<h3>${ti(locale, 'inbox.disputes')}</h3>
            <ul class="plain">${item.disputes.map((dispute) => html`<li>${when(dispute.at)}<p class="prose">${dispute.reason}</p></li>`)}</ul>`
        : nothing}
      ${item.withdrawal ? html`<h3>${ti(locale, 'inbox.withdrawal')}</h3><p>${when(item.withdrawal.at)}</p><p class="prose">${item.withdrawal.reason}</p>` : nothing}`;
  }

  /** One step: what happened, who did it (by name: this is a staff view), when, and its public note. */
  private _renderStep(entry: StaffHistoryEntry, item: InboxItem, locale: Locale): TemplateResult {
    const zone = this.context.calendar.timeZone;
    const assignee = (id: string) => (item.assignee?.id === id ? item.assignee.name : (this.context.officers.find((person) => person.id === id)?.name ?? id));
    const label =
      entry.kind === 'assignment'
        ? entry.assigneeId
          ? ti(locale, 'inbox.history.assigned', { name: assignee(entry.assigneeId) })
          : ti(locale, 'inbox.history.unassigned')
        : entry.kind
          ? `${ti(locale, `inbox.history.${entry.kind}`)}: ${message(locale, `status.${entry.status}`)}`
          : message(locale, `status.${entry.status}`);
    return html`<li>
      <span class="label">${label}</span> <span class="who">${ti(locale, 'inbox.history.by', { name: entry.actorName })}</span>
      <time datetime=${entry.at}>${formatInstant(entry.at, locale, zone)}</time>
      ${entry.reason ? html`<p>${ti(locale, 'inbox.reason')}: ${message(locale, `reason.${entry.reason}`)}</p>` : nothing}
      ${entry.note ? html`<p><span class="visually-hidden">${ti(locale, 'inbox.history.public_note')}: </span>${entry.note}</p>` : nothing}
    </li>`;
  }

  private _onChanged(event: InboxChangedEvent): void {
    const item = event.items.find((changed) => changed.trackingId === this.trackingId);
    if (item) this._item = item;
  }

  private _back(event: MouseEvent): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.dispatchEvent(new InboxNavigateEvent({ complaint: null, list: this.list }));
  }
}

function renderReporter(reporter: ReporterView | null, locale: Locale): TemplateResult {
  if (!reporter) return html`<strong>${ti(locale, 'inbox.identity_hidden')}</strong><span class="hint">${ti(locale, 'inbox.identity_hidden_hint')}</span>`;
  const lines = [reporter.name, reporter.email, reporter.phone, reporter.address].filter((line): line is string => !!line);
  return html`${lines.map((line, index) => html`${index > 0 ? html`<br />` : nothing}${line}`)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-detail': NhInboxDetail;
  }
}
