import { LitElement, html, nothing, svg } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { Task, TaskStatus } from '@lit/task';
import { CATEGORIES, COMPLAINT_SORTS, KINDS, STATUSES, message } from '@narahubung/core';
import type { InboxItem, InboxPage, Locale, Status } from '@narahubung/core';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { dueOf } from '../due.js';
import { focusIn, reportFailure } from '../failures.js';
import { InboxListedEvent, InboxNavigateEvent } from '../internal-events.js';
import type { InboxBulkDoneEvent } from '../internal-events.js';
import { DEFAULT_LIST, OPEN_STATUSES, firstPage, inboxQueryOf, isFiltered } from '../route.js';
import type { InboxRoute, ListQuery, StatusTab } from '../route.js';
import { partStyles } from '../styles.js';
import { renderDate, renderDue, tipStyles } from '../time-view.js';
import { listStyles } from './inbox-list.styles.js';

/** Complaints per page: the API's default. */
export const PAGE_SIZE = 50;

const paperclip = svg`<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="1.6" d="M10.5 4.5 5.2 9.8a1.6 1.6 0 0 0 2.3 2.3l5.6-5.6a3 3 0 0 0-4.3-4.3L3.2 7.8a4.4 4.4 0 0 0 6.2 6.2l4.3-4.3"/></svg>`;

/**
 * The list of complaints: status tabs with real counts, filters, search, sort, a dense table with
 * the due state in working days, pages by cursor with the true total, and a selection for bulk
 * actions. Every change is a navigation (`nh-inbox-navigate`): the list's state lives in the URL.
 * The table follows the APG Table pattern (a static table; Tab moves through its checkboxes and
 * links), with the title as each row's header.
 *
 * @csspart tabs - The status tabs.
 * @csspart filter - The filter and search form.
 * @csspart search - The search field.
 * @csspart list - The table.
 * @csspart item - A row.
 * @csspart item-link - The link that opens a complaint (its title).
 * @csspart pager - The page links.
 */
export class NhInboxList extends LitElement {
  static override styles = [baseStyles, partStyles, tipStyles, listStyles];

  @property({ attribute: false }) context!: InboxContext;
  @property({ attribute: false }) query: ListQuery = DEFAULT_LIST;
  /** Cursors of the pages before this one (from the history entry), for "previous". */
  @property({ attribute: false }) previousCursors: string[] = [];
  /** The URL of a route, for links. */
  @property({ attribute: false }) hrefOf: (route: InboxRoute) => string = () => '';
  /** Bumped when complaints changed elsewhere: the page is loaded again. */
  @property({ type: Number }) refresh = 0;

  @state() private _q = '';
  @state() private _selected: ReadonlySet<string> = new Set();
  @state() private _tipsOff = false;
  /** What the last bulk action did, until the list changes. */
  @state() private _bulkReport: readonly string[] = [];
  /** Where focus goes once the page asked for has arrived. */
  private _focusAfterLoad: string | undefined;

  private readonly _page = new Task(this, {
    args: () => [this.context.client, this.context.token, this.context.locale, JSON.stringify(this.query), this.refresh] as const,
    task: async ([client, token, locale], { signal }) =>
      client.inbox(token, { ...inboxQueryOf(this.query), limit: PAGE_SIZE, counts: true, locale, signal }),
    onComplete: (page: InboxPage) => {
      const listed = new Set(page.items.map((item) => item.trackingId));
      // A selection holds complaints of this page only: what the bulk action applies to is in view.
      if ([...this._selected].some((id) => !listed.has(id))) this._selected = new Set([...this._selected].filter((id) => listed.has(id)));
      this.dispatchEvent(new InboxListedEvent(page.total));
      const focus = this._focusAfterLoad;
      this._focusAfterLoad = undefined;
      if (focus) void focusIn(this, focus);
    },
    onError: (error) => void reportFailure(this, error, this.context.locale),
  });

  /** The rows shown: the last page that arrived (kept while the next one loads). */
  get items(): readonly InboxItem[] {
    return this._page.value?.items ?? [];
  }

  /** Focuses the search field (the `/` key). */
  async focusSearch(): Promise<void> {
    await focusIn(this, '#q');
  }

  /** Focuses the link of a complaint in the list (coming back to it), without scrolling. */
  async focusComplaint(trackingId: string): Promise<boolean> {
    await this.updateComplete;
    const link = this.shadowRoot?.querySelector<HTMLElement>(`a[data-tracking-id="${CSS.escape(trackingId)}"]`);
    link?.focus({ preventScroll: true });
    return !!link;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) {
      this._q = this.query.q;
      const before = changed.get('query');
      if (before && JSON.stringify(firstPage(before)) !== JSON.stringify(firstPage(this.query))) this._selected = new Set();
      this._bulkReport = [];
    }
  }

  override render(): TemplateResult {
    const locale = this.context.locale;
    const page = this._page.value;
    const loading = this._page.status === TaskStatus.PENDING;
    const failure = this._page.status === TaskStatus.ERROR ? reportText(this._page.error, locale) : '';
    return html`
      ${this._renderTabs(locale, page)}
      ${this._renderFilters(locale)}
      <div role="alert">${failure ? html`<p class="notice error" part="notice">${failure} <button type="button" class="secondary" part="secondary-button" @click=${() => void this._page.run()}>${ti(locale, 'inbox.retry')}</button></p>` : nothing}</div>
      <div class="list-bar">
        <p id="range" class="range" role="status" tabindex="-1">${loading && !page ? ti(locale, 'inbox.loading') : page ? this._rangeText(page, locale) : ''}</p>
        <div class="choice">
          <input id="overdue" name="overdue" type="checkbox" .checked=${this.query.overdue}
            @change=${(event: Event) => this._change({ overdue: (event.target as HTMLInputElement).checked })} />
          <label for="overdue" part="label">${ti(locale, 'inbox.overdue_only')}</label>
        </div>
        ${isFiltered(this.query)
          ? html`<button type="button" class="link" part="secondary-button" @click=${() => this._go(firstPage(DEFAULT_LIST, { status: this.query.status, sort: this.query.sort }))}>${ti(locale, 'inbox.clear_filters')}</button>`
          : nothing}
      </div>
      ${this._selected.size > 0 && page
        ? html`<nh-inbox-bulk exportparts="heading, label, hint, error, button, secondary-button, notice, note" .context=${this.context}
            .items=${page.items.filter((item) => this._selected.has(item.trackingId))} @nh-inbox-bulk-clear=${() => (this._selected = new Set())}
            @nh-inbox-bulk-done=${this._onBulkDone}></nh-inbox-bulk>`
        : nothing}
      <div role="status">${this._bulkReport.length > 0
        ? html`<div id="bulk-report" class="notice success" part="notice" tabindex="-1"><p>${this._bulkReport[0]}</p>
            ${this._bulkReport.length > 1 ? html`<ul>${this._bulkReport.slice(1).map((line) => html`<li>${line}</li>`)}</ul>` : nothing}</div>`
        : nothing}</div>
      ${page && page.items.length > 0 ? this._renderTable(page.items, locale, loading) : nothing}
      ${page ? this._renderPager(page, locale) : nothing}`;
  }

  private _rangeText(page: InboxPage, locale: Locale): string {
    if (page.items.length === 0) return ti(locale, 'inbox.empty');
    const first = this.query.start;
    return ti(locale, 'inbox.range', { first, last: first + page.items.length - 1, total: page.total });
  }

  // ---------------------------------------------------------------- tabs and filters

  private _renderTabs(locale: Locale, page: InboxPage | undefined): TemplateResult {
    const counts = page?.counts;
    const sum = (statuses: readonly Status[]) => (counts ? statuses.reduce((total, status) => total + counts[status], 0) : undefined);
    const tab = (status: StatusTab, label: string, count: number | undefined) => {
      const current = this.query.status === status;
      return html`<li><a href=${this.hrefOf({ complaint: null, list: firstPage(this.query, { status }) })} aria-current=${current ? 'page' : nothing}
        @click=${(event: MouseEvent) => this._follow(event, firstPage(this.query, { status }))}>${label}${count === undefined ? nothing : html`<span class="count">${count}</span>`}</a></li>`;
    };
    return html`<nav class="tabs" part="tabs" aria-label=${ti(locale, 'inbox.tabs')}>
      <ul>
        ${tab('open', ti(locale, 'inbox.tab.open'), sum(OPEN_STATUSES))}
        ${STATUSES.map((status) => tab(status, message(locale, `status.${status}`), counts?.[status]))}
        ${tab('all', ti(locale, 'inbox.tab.all'), sum(STATUSES))}
      </ul>
    </nav>`;
  }

  private _renderFilters(locale: Locale): TemplateResult {
    const query = this.query;
    const change = (changes: Partial<ListQuery>) => this._change(changes);
    const valueOf = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
    // Each control shows the route's value (`live`): Back and Forward change the route, not the control.
    const select = (id: string, label: string, value: string, options: readonly (readonly [string, string])[], onChange: (value: string) => void) =>
      html`<div class="field"><label for=${id} part="label">${label}</label>
        <select id=${id} name=${id} .value=${live(value)} @change=${(event: Event) => onChange(valueOf(event))}>
          ${options.map(([code, text]) => html`<option value=${code} ?selected=${code === value}>${text}</option>`)}
        </select></div>`;
    const any = ['', ti(locale, 'inbox.any')] as const;
    return html`<form class="filters" part="filter" role="search" aria-label=${ti(locale, 'inbox.filters')} @submit=${this._onSearch}>
      <div class="field search">
        <label for="q" part="label">${ti(locale, 'inbox.search')}<span class="hint" id="q-hint" part="hint">${ti(locale, 'inbox.search_hint')}</span></label>
        <div class="search-row">
          <input id="q" name="q" type="search" part="search" autocomplete="off" spellcheck="false" .value=${this._q}
            @input=${(event: Event) => (this._q = valueOf(event))} />
          <button type="submit" class="secondary" part="secondary-button">${ti(locale, 'inbox.search_submit')}</button>
        </div>
      </div>
      ${select('category', ti(locale, 'inbox.category'), query.categories[0] ?? '', [any, ...CATEGORIES.map((code) => [code, message(locale, `category.${code}`)] as const)], (value) =>
        change({ categories: value ? [value as (typeof CATEGORIES)[number]] : [] }))}
      ${select('kind', ti(locale, 'inbox.kind'), query.kinds[0] ?? '', [any, ...KINDS.map((code) => [code, message(locale, `kind.${code}`)] as const)], (value) =>
        change({ kinds: value ? [value as (typeof KINDS)[number]] : [] }))}
      ${select('assignee', ti(locale, 'inbox.assignee'), query.assignee, [any, ['me', ti(locale, 'inbox.assignee.me')], ['none', ti(locale, 'inbox.assignee.none')]], (value) =>
        change({ assignee: value === 'me' || value === 'none' ? value : '' }))}
      <div class="field"><label for="from" part="label">${ti(locale, 'inbox.from')}</label>
        <input id="from" name="from" type="date" .value=${live(query.from)} max=${query.to || nothing} @change=${(event: Event) => change({ from: valueOf(event) })} /></div>
      <div class="field"><label for="to" part="label">${ti(locale, 'inbox.to')}</label>
        <input id="to" name="to" type="date" .value=${live(query.to)} min=${query.from || nothing} @change=${(event: Event) => change({ to: valueOf(event) })} /></div>
      ${select('sort', ti(locale, 'inbox.sort'), query.sort, COMPLAINT_SORTS.map((sort) => [sort, ti(locale, `inbox.sort.${sort}`)] as const), (value) =>
        change({ sort: COMPLAINT_SORTS.find((sort) => sort === value) ?? 'deadline' }))}
    </form>`;
  }

  /** A filter changed: the first page of the list with it (applied to the route as it is then, so two changes in a row both hold). */
  private _change(changes: Partial<ListQuery>): void {
    this.dispatchEvent(new InboxNavigateEvent((current) => ({ complaint: null, list: firstPage(current.list, changes) })));
  }

  private _onSearch(event: Event): void {
    event.preventDefault();
    this._focusAfterLoad = '#range';
    const q = this._q.trim();
    this.dispatchEvent(new InboxNavigateEvent((current) => ({ complaint: null, list: firstPage(current.list, { q }) })));
  }

  // ---------------------------------------------------------------- table

  private _renderTable(items: readonly InboxItem[], locale: Locale, loading: boolean): TemplateResult {
    const { calendar } = this.context;
    const zone = calendar.timeZone;
    const now = new Date();
    const all = items.every((item) => this._selected.has(item.trackingId));
    const some = !all && items.some((item) => this._selected.has(item.trackingId));
    return html`<div class="table-wrap ${this._tipsOff ? 'tips-off' : ''}" @keydown=${this._onTableKey} @focusin=${() => (this._tipsOff = false)} @pointerover=${() => (this._tipsOff = false)}>
      <table part="list" aria-busy=${loading ? 'true' : 'false'} aria-describedby="range">
        <caption class="visually-hidden">${ti(locale, 'inbox.list_label')}</caption>
        <thead>
          <tr>
            <th scope="col" class="select"><input type="checkbox" id="select-all" aria-label=${ti(locale, 'inbox.select_all')} .checked=${all} .indeterminate=${some}
              @change=${(event: Event) => this._selectAll(items, (event.target as HTMLInputElement).checked)} /></th>
            <th scope="col">${ti(locale, 'inbox.col.tracking')}</th>
            <th scope="col">${ti(locale, 'inbox.col.title')}</th>
            <th scope="col">${ti(locale, 'inbox.category')}</th>
            <th scope="col">${ti(locale, 'inbox.col.status')}</th>
            <th scope="col">${ti(locale, 'inbox.col.received')}</th>
            <th scope="col">${ti(locale, 'inbox.col.due')}</th>
            <th scope="col">${ti(locale, 'inbox.assignee')}</th>
            <th scope="col"><span class="visually-hidden">${ti(locale, 'inbox.col.attachments')}</span>${paperclip}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map((item) => {
            const route = { complaint: item.trackingId, list: this.query };
            return html`<tr part="item" class=${item.overdue ? 'overdue' : ''}>
              <td class="select"><input type="checkbox" name="select" value=${item.trackingId} aria-label=${ti(locale, 'inbox.select_one', { trackingId: item.trackingId })}
                .checked=${this._selected.has(item.trackingId)} @change=${(event: Event) => this._select(item.trackingId, (event.target as HTMLInputElement).checked)} /></td>
              <td><span class="mono">${item.trackingId}</span></td>
              <th scope="row"><a href=${this.hrefOf(route)} part="item-link" data-tracking-id=${item.trackingId} @click=${(event: MouseEvent) => this._follow(event, this.query, item.trackingId)}>${item.title}</a></th>
              <td>${message(locale, `category.${item.category}`)}</td>
              <td>${message(locale, `status.${item.status}`)}</td>
              <td class="nowrap">${renderDate(item.receivedAt, locale, zone)}</td>
              <td class="nowrap">${renderDue(dueOf(item, calendar, now), locale, zone)}</td>
              <td>${item.assignee ? item.assignee.name : html`<span aria-hidden="true">—</span><span class="visually-hidden">${ti(locale, 'inbox.assignee.none')}</span>`}</td>
              <td class="count">${item.attachments.length > 0
                ? html`${paperclip} ${item.attachments.length}<span class="visually-hidden"> ${ti(locale, 'inbox.attachment_count', { n: item.attachments.length })}</span>`
                : html`<span class="visually-hidden">${ti(locale, 'inbox.no_attachments')}</span>`}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private _onBulkDone(event: InboxBulkDoneEvent): void {
    this._bulkReport = event.report;
    this._selected = new Set();
    void focusIn(this, '#bulk-report');
  }

  private _onTableKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') this._tipsOff = true;
  }

  private _select(trackingId: string, selected: boolean): void {
    const next = new Set(this._selected);
    if (selected) next.add(trackingId);
    else next.delete(trackingId);
    this._selected = next;
  }

  private _selectAll(items: readonly InboxItem[], selected: boolean): void {
    this._selected = new Set(selected ? items.map((item) => item.trackingId) : []);
  }

  // ---------------------------------------------------------------- pages

  private _renderPager(page: InboxPage, locale: Locale): TemplateResult | typeof nothing {
    const query = this.query;
    const previous = this.previousCursors;
    const links: TemplateResult[] = [];
    if (query.start > 1) {
      const back = previous.length > 0
        ? { list: { ...query, cursor: previous.at(-1) ?? '', start: Math.max(1, query.start - PAGE_SIZE) }, cursors: previous.slice(0, -1), label: ti(locale, 'inbox.previous') }
        : { list: firstPage(query), cursors: [], label: ti(locale, 'inbox.first') };
      links.push(html`<a href=${this.hrefOf({ complaint: null, list: back.list })} rel="prev" @click=${(event: MouseEvent) => this._turn(event, back.list, back.cursors)}>‹ ${back.label}</a>`);
    }
    if (page.nextCursor) {
      const next = { ...query, cursor: page.nextCursor, start: query.start + page.items.length };
      const cursors = [...previous, query.cursor];
      links.push(html`<a href=${this.hrefOf({ complaint: null, list: next })} rel="next" @click=${(event: MouseEvent) => this._turn(event, next, cursors)}>${ti(locale, 'inbox.next')} ›</a>`);
    }
    return links.length > 0 ? html`<nav class="pager" part="pager" aria-label=${ti(locale, 'inbox.pages')}>${links}</nav>` : nothing;
  }

  private _turn(event: MouseEvent, list: ListQuery, cursors: string[]): void {
    if (!plainClick(event)) return;
    event.preventDefault();
    this._focusAfterLoad = '#range';
    this.dispatchEvent(new InboxNavigateEvent({ complaint: null, list }, { cursors }));
  }

  // ---------------------------------------------------------------- navigation

  private _go(list: ListQuery): void {
    this.dispatchEvent(new InboxNavigateEvent({ complaint: null, list }));
  }

  /** A link followed in place (a click with a modifier opens a tab, as links do). */
  private _follow(event: MouseEvent, list: ListQuery, complaint: string | null = null): void {
    if (!plainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new InboxNavigateEvent({ complaint, list }, { cursors: complaint ? this.previousCursors : [] }));
  }
}

const plainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

function reportText(error: unknown, locale: Locale): string {
  const status = (error as { status?: unknown } | undefined)?.status;
  return ti(locale, status === 0 ? 'inbox.network' : 'inbox.server_error');
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-list': NhInboxList;
  }
}
