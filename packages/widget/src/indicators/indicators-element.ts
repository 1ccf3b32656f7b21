import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, formatInstant, indicatorMessage, message } from '@narahubung/core';
import type { InboxItem, IndicatorName, IndicatorTableAnswer, IndicatorsAnswer, Locale, Share } from '@narahubung/core';
import { endpointOf, localeOf } from '../defaults.js';
import { NhErrorEvent } from '../events.js';
import { NhSignedOutEvent } from '../inbox-events.js';
import { tk } from '../messages/indicators.js';
import type { IndicatorsMessageKey } from '../messages/indicators.js';
import { saveAs } from '../save-as.js';
import { baseStyles } from '../styles.js';
import { apiUrl, fetchDrill, fetchFile, fetchHolderName, fetchIndicators, indicatorsParams, splitScope } from './api.js';
import type { DrillQuery } from './api.js';
import { categoryChart, chartPatterns, sharesChart, trendChart } from './charts.js';
import { COLUMNS, DEFAULT_SORT, GROUPS, drillCount, nextSort, orderOf, shareOf, sortRows } from './columns.js';
import type { Column, ColumnKey, Sort } from './columns.js';
import { NhIndicatorsEvent } from './events.js';
import { formatCount, formatDecimal, formatLocalDate, formatPercent } from './format.js';
import { PRESETS, isIsoDate, localDate, presetPeriod, shiftDate } from './period.js';
import type { Period, PresetName } from './period.js';

const STORAGE_PREFIX = 'narahubung.indicators-token:';
/** Complaints listed at a time behind a number. */
const DRILL_PAGE = 100;

type AgencyRow = IndicatorsAnswer['agencies'][number];

/** The agencies and inspectorates a scope may be chosen from: those of the broadest answer for this endpoint and token. */
interface ScopeLists {
  key: string;
  agencies: { id: string; name: string }[];
  inspectorates: { id: string; name: string; agencies: number }[];
}

/** The complaints behind one number, as asked for. */
interface Drill {
  query: DrillQuery;
  heading: string;
  what: string;
  /** The button that opened the list: focus returns to it. */
  opener: string;
}

/**
 * The seed's indicators per agency, for the public and for supervisors: complaints handled
 * *cepat, transparan, akuntabel dan tuntas*. A period (with presets) and a scope (every agency,
 * one inspectorate's, one agency) choose what `GET /v1/indicators` answers; a table shows the four
 * groups per agency, worst first, sortable by any column; three small charts (trend, categories,
 * on-time shares) each come with a data table; the CSV and the printable PDF carry the same query.
 *
 * Without a token the numbers are public (counts of 1 to 4 in a category × month cell read
 * "< 5"). A supervisor signs in with a token (or the host page sets `token`): the numbers are
 * exact, and each number that counts against an agency opens the complaints behind it, read-only
 * (`GET /v1/inbox?indicator=…&outcome=…`). The token stays in memory, or in `sessionStorage` when
 * "remember on this device" is ticked, and the CSV and PDF are then fetched with it.
 *
 * @fires nh-indicators - Numbers were shown. `detail.answer` (the `IndicatorsAnswer`).
 * @fires nh-signed-out - Signed out, or the server refused the token. `detail.reason` (`sign_out`, `unauthorized`).
 * @fires nh-error - A request failed. `detail.code`, `detail.status`, `detail.errors`.
 *
 * @csspart heading - The element's heading.
 * @csspart period - The period form.
 * @csspart scope - The scope `<select>`.
 * @csspart button - The primary buttons (show, sign in).
 * @csspart secondary-button - Presets, sign out, close, "show the next ones", try again.
 * @csspart sign-in - The supervisors' sign-in (a `<details>`).
 * @csspart signed-in-as - Who is signed in, beside "Sign out".
 * @csspart notice - Messages after an action, and errors.
 * @csspart export-link - The CSV and PDF links.
 * @csspart table - The table of indicators per agency.
 * @csspart sort-button - A column header's sort button.
 * @csspart drill-button - A number that opens the complaints behind it (signed in).
 * @csspart drill - The list of complaints behind a number.
 * @csspart chart - Each chart's `<figure>`.
 * @csspart data-table - Each chart's data table (a `<details>`).
 *
 * @cssprop --nh-color-text - Text and the charts' ink; the same `--nh-*` properties as `<nh-complaint-form>`.
 * @cssprop --nh-max-width - The element's width limit (default 72rem).
 */
export class NhIndicators extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { max-width: var(--nh-max-width, 72rem); }
      .intro { max-width: 46rem; }
      .session { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: var(--_space); }
      .session p { margin: 0; }
      .session p:focus { outline: none; }
      details.sign-in { margin-bottom: var(--_space); border: 1px solid var(--_border); padding: 0.5rem 0.75rem; }
      details.sign-in[open] { padding-bottom: var(--_space); }
      details.sign-in form { max-width: 30rem; margin-top: 0.75rem; }
      summary { cursor: pointer; font-weight: 600; padding: 0.25rem 0; min-height: 2rem; }
      summary:focus-visible { outline: 3px solid var(--_focus); }
      .controls { display: flex; flex-wrap: wrap; gap: 0 2.5rem; align-items: flex-start; }
      .controls form { flex: 1 1 24rem; }
      .controls .scope { flex: 1 1 16rem; }
      .controls .scope select { width: auto; max-width: 100%; }
      .dates { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
      .dates > div { flex: 1 1 9rem; }
      .presets { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
      .presets button { padding: 0.35rem 0.75rem; }
      .meta { color: var(--_muted); margin-bottom: 0.5rem; }
      .notes { margin-bottom: var(--_space); }
      .notes p { margin: 0 0 0.25rem; max-width: 46rem; }
      .exports { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin-bottom: var(--_space); }
      .exports a { display: inline-block; padding: 0.5rem 0; font-weight: 600; }
      /* Positioned, so that visually hidden text in the cells (absolutely placed) scrolls with the table, not the page. */
      .scroll { overflow-x: auto; margin-bottom: var(--_space); position: relative; }
      .scroll:focus-visible { outline: 3px solid var(--_focus); }
      table { border-collapse: separate; border-spacing: 0; min-width: 100%; }
      caption { text-align: left; font-weight: 600; padding: 0 0 0.5rem; }
      th, td { padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--_border); text-align: right; vertical-align: top; }
      thead th { text-align: center; vertical-align: bottom; background: var(--_surface); font-size: 0.875em; min-width: 5.5rem; }
      th[scope='row'] { text-align: left; font-weight: 600; }
      .sticky, tbody th[scope='row'], tfoot th[scope='row'] {
        position: sticky; left: 0; z-index: 1; background: var(--_bg); min-width: 11rem; max-width: 16rem;
        border-right: 1px solid var(--_border); overflow-wrap: break-word;
      }
      thead .sticky { background: var(--_surface); z-index: 2; text-align: left; }
      tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--_text); }
      .pct { display: block; font-weight: 600; white-space: nowrap; }
      .of { display: block; color: var(--_muted); font-size: 0.85em; white-space: nowrap; font-weight: 400; }
      button.sort { background: none; color: var(--_text); border: 0; border-radius: 0; padding: 0.25rem; min-height: 2.75rem; text-align: inherit; font-weight: 600; }
      button.sort .arrow { display: inline-block; min-width: 1em; margin-left: 0.25rem; }
      button.drill { text-align: right; padding: 0.1rem 0; min-height: 2.75rem; min-width: 0; text-decoration: none; }
      button.drill .of { color: var(--_link); text-decoration: underline; }
      .drill-panel { border: 2px solid var(--_border); padding: var(--_space); margin-bottom: calc(var(--_space) * 2); }
      .drill-panel h3:focus { outline: none; }
      .drill-panel .tag.overdue { font-size: 0.85em; }
      .drill-panel td, .drill-panel th { text-align: left; }
      .charts { display: grid; gap: var(--_space) 2.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); align-items: start; }
      figure { margin: 0 0 var(--_space); min-width: 0; }
      figcaption h3 { margin-bottom: 0.5rem; }
      svg.chart { display: block; width: 100%; max-width: 28rem; height: auto; overflow: visible; }
      svg.chart text { fill: var(--_text); font-size: 12px; font-family: inherit; }
      svg.chart text.tick { fill: var(--_muted); font-size: 11px; }
      svg.chart .axis { stroke: var(--_text); stroke-width: 1; }
      svg.chart .grid { stroke: var(--_muted); stroke-width: 0.75; stroke-dasharray: 2 3; }
      svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
      .seg { stroke: var(--_text); stroke-width: 1; }
      .ink { fill: var(--_text); }
      .pattern-bg { fill: var(--_bg); }
      .pattern-ink { stroke: var(--_text); }
      .pattern-dot { fill: var(--_text); }
      .hidden-range { fill: none; stroke: var(--_text); stroke-width: 1.25; stroke-dasharray: 3 2; }
      .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; margin: 0.5rem 0; }
      .legend li { display: flex; align-items: center; gap: 0.4rem; }
      .legend svg.swatch { width: 1rem; height: 1rem; flex: none; }
      details[part='data-table'] summary { color: var(--_link); text-decoration: underline; font-weight: 400; }
      table.data { margin-top: 0.5rem; font-size: 0.95em; }
      table.data thead th { text-align: right; }
      table.data thead th:first-child { text-align: left; }
      .notice.error { border-left-color: var(--_error); }
      .notice:focus { outline: 3px solid var(--_focus); }
    `,
  ];

  /** The API root; the client adds `/v1/...`. */
  @property() endpoint?: string;
  /** `id` (default) or `en`. */
  @property({ reflect: true }) locale?: Locale;
  /** The first scope shown: `agency:<id>` or `inspectorate:<id>`; every agency when absent. */
  @property() scope?: string;
  /**
   * A supervisor's (or any staff) bearer token: exact numbers for its scope, and the complaints
   * behind them. Set by the sign-in form, or by the host page; never an attribute.
   */
  @property({ attribute: false }) token?: string | undefined;

  @state() private _period: Period | undefined;
  @state() private _fromInput = '';
  @state() private _toInput = '';
  @state() private _periodError = '';
  @state() private _scope = '';
  @state() private _sort: Sort = DEFAULT_SORT;
  @state() private _sortStatus = '';
  @state() private _lists: ScopeLists | undefined;
  @state() private _signInOpen = false;
  @state() private _tokenInput = '';
  @state() private _remember = false;
  @state() private _signInError = '';
  @state() private _notice: { tone: 'info' | 'error'; text: string } | undefined;
  @state() private _drill: Drill | undefined;
  @state() private _drillMore: { items: InboxItem[]; next: string | null } | undefined;
  @state() private _downloading = false;
  /** The token just typed into the sign-in form, until the server has answered for it. */
  private _signingIn = false;

  private get _locale(): Locale {
    return localeOf(this.locale);
  }

  private get _endpoint(): string {
    return endpointOf(this.endpoint);
  }

  private readonly _answer = new Task(this, {
    args: () => [this._endpoint, this.token, this._period?.from, this._period?.to, this._scope] as const,
    task: async ([endpoint, token, from, to, scope], { signal }) => {
      const options = { token, locale: this._locale, signal };
      const period = from && to ? { from, to } : undefined;
      const key = `${endpoint} ${token ?? ''}`;
      // The lists to choose a scope from come from the broadest answer; a narrowed one asks for it too, once.
      const [answer, broadest] = await Promise.all([
        fetchIndicators(endpoint, { period, scope }, options),
        scope !== '' && this._lists?.key !== key ? fetchIndicators(endpoint, { period, scope: '' }, options) : undefined,
      ]);
      const lists = scope === '' ? answer : broadest;
      if (lists) {
        this._lists = {
          key,
          agencies: lists.agencies.map((agency) => ({ id: agency.agencyId, name: agency.name })),
          inspectorates: lists.inspectorates.map((entry) => ({ id: entry.inspectorateId, name: entry.name, agencies: entry.agencyIds.length })),
        };
      }
      return answer;
    },
    onComplete: (answer) => this._onAnswer(answer),
    onError: (error) => void this._onAnswerError(error),
  });

  /** Who the token belongs to: a courtesy, so a failure leaves the line without a name. */
  private readonly _holder = new Task(this, {
    args: () => [this._endpoint, this.token] as const,
    task: async ([endpoint, token], { signal }) => (token ? fetchHolderName(endpoint, { token, locale: this._locale, signal }).catch(() => undefined) : undefined),
  });

  /** The first page of the complaints behind the number asked for. */
  private readonly _drillPage = new Task(this, {
    args: () => [this._endpoint, this.token, this._drill] as const,
    task: async ([endpoint, token, drill], { signal }) => {
      if (!drill || !token) return undefined;
      return fetchDrill(endpoint, drill.query, undefined, { token, locale: this._locale, signal, limit: DRILL_PAGE });
    },
    onError: (error) => void this._onDrillError(error),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const remembered = this._stored();
    if (!this.token && remembered) {
      this._remember = true;
      this.token = remembered;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scope')) this._scope = this.scope && splitScope(this.scope)[0] ? this.scope : '';
    if (changed.has('token') && this.hasUpdated) {
      // Another holder: other agencies to choose from, and no list of someone else's complaints.
      this._scope = '';
      this._drill = undefined;
    }
  }

  override render(): TemplateResult {
    const locale = this._locale;
    const answer = this._answer.value;
    return html`<div lang=${locale}>
      ${chartPatterns()}
      <h2 id="heading" part="heading" tabindex="-1">${tk(locale, 'heading')}</h2>
      <p class="intro">${tk(locale, 'intro')}</p>
      ${this._renderSession(locale)}
      <div class="controls">${this._renderPeriod(locale, answer)}${this._renderScope(locale)}</div>
      ${this._renderStatus(locale, answer)}
      ${answer ? this._renderAnswer(locale, answer) : nothing}
    </div>`;
  }

  // ---------------------------------------------------------------- views

  private _renderSession(locale: Locale): TemplateResult {
    if (this.token) {
      const name = this._holder.value;
      return html`<div class="session">
        <p id="session" part="signed-in-as" tabindex="-1">${name ? tk(locale, 'signed_in_as', { name }) : tk(locale, 'signed_in')}</p>
        <button type="button" class="secondary" part="secondary-button" @click=${() => this._signOut('sign_out')}>${tk(locale, 'sign_out')}</button>
      </div>`;
    }
    const error = this._signInError;
    return html`<details class="sign-in" part="sign-in" ?open=${this._signInOpen} @toggle=${(event: Event) => (this._signInOpen = (event.target as HTMLDetailsElement).open)}>
      <summary>${tk(locale, 'sign_in.summary')}</summary>
      <form novalidate @submit=${this._onSignIn}>
        <p>${tk(locale, 'sign_in.intro')}</p>
        <div class="group ${error ? 'invalid' : ''}">
          <label for="token">${tk(locale, 'sign_in.token')}</label>
          <span class="hint" id="token-hint">${tk(locale, 'sign_in.token_hint')}</span>
          ${error ? html`<span class="error" id="token-error">${error}</span>` : nothing}
          <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" autocapitalize="off"
            .value=${this._tokenInput} aria-describedby=${error ? 'token-hint token-error' : 'token-hint'} aria-invalid=${error ? 'true' : 'false'}
            @input=${(event: Event) => (this._tokenInput = (event.target as HTMLInputElement).value)} />
        </div>
        <div class="group">
          <div class="choice">
            <input id="remember" name="remember" type="checkbox" .checked=${this._remember} aria-describedby="remember-hint"
              @change=${(event: Event) => (this._remember = (event.target as HTMLInputElement).checked)} />
            <div>
              <label for="remember">${tk(locale, 'sign_in.remember')}</label>
              <span class="hint" id="remember-hint">${tk(locale, 'sign_in.remember_hint')}</span>
            </div>
          </div>
        </div>
        <button type="submit" part="button">${tk(locale, 'sign_in.submit')}</button>
      </form>
    </details>`;
  }

  private _renderPeriod(locale: Locale, answer: IndicatorsAnswer | undefined): TemplateResult {
    const error = this._periodError;
    return html`<form part="period" novalidate @submit=${this._onPeriod}>
      <fieldset class="group ${error ? 'invalid' : ''}" aria-describedby=${error ? 'period-error' : nothing}>
        <legend>${tk(locale, 'period.legend')}</legend>
        ${error ? html`<span class="error" id="period-error">${error}</span>` : nothing}
        <div class="dates">
          <div>
            <label for="from">${tk(locale, 'period.from')}</label>
            <input id="from" name="from" type="date" .value=${this._fromInput} aria-invalid=${error ? 'true' : 'false'}
              @input=${(event: Event) => (this._fromInput = (event.target as HTMLInputElement).value)} />
          </div>
          <div>
            <label for="to">${tk(locale, 'period.to')}</label>
            <input id="to" name="to" type="date" .value=${this._toInput} aria-invalid=${error ? 'true' : 'false'}
              @input=${(event: Event) => (this._toInput = (event.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" part="button">${tk(locale, 'period.apply')}</button>
        </div>
        <div class="presets" role="group" aria-label=${tk(locale, 'period.presets')}>
          ${PRESETS.map((name) => html`<button type="button" class="secondary" part="secondary-button" data-preset=${name}
            ?disabled=${!answer} @click=${() => this._onPreset(name)}>${tk(locale, `period.${name}`)}</button>`)}
        </div>
      </fieldset>
    </form>`;
  }

  private _renderScope(locale: Locale): TemplateResult {
    const lists = this._lists;
    const scope = this._scope;
    return html`<div class="group scope">
      <label for="scope">${tk(locale, 'scope.label')}</label>
      <select id="scope" name="scope" part="scope" @change=${this._onScope}>
        <option value="" ?selected=${scope === ''}>${indicatorMessage(locale, 'scope.total')}</option>
        ${lists && lists.inspectorates.length > 0
          ? html`<optgroup label=${indicatorMessage(locale, 'scope.inspectorate')}>
              ${lists.inspectorates.map((entry) => html`<option value="inspectorate:${entry.id}" ?selected=${scope === `inspectorate:${entry.id}`}>
                ${tk(locale, 'scope.inspectorate_option', { name: entry.name, n: entry.agencies })}</option>`)}
            </optgroup>`
          : nothing}
        ${lists
          ? html`<optgroup label=${indicatorMessage(locale, 'scope.agency')}>
              ${lists.agencies.map((agency) => html`<option value="agency:${agency.id}" ?selected=${scope === `agency:${agency.id}`}>${agency.name}</option>`)}
            </optgroup>`
          : nothing}
      </select>
    </div>`;
  }

  private _renderStatus(locale: Locale, answer: IndicatorsAnswer | undefined): TemplateResult {
    const pending = this._answer.status === TaskStatus.PENDING;
    const error = this._answer.status === TaskStatus.ERROR ? this._answer.error : undefined;
    const notice = this._notice;
    // Both live regions exist from the start, so what is put in them is announced.
    return html`<div role="status" class="status">
        <p>${pending ? tk(locale, 'loading') : answer ? tk(locale, 'loaded', { n: answer.agencies.length, period: this._periodText(locale, answer.period) }) : ''}</p>
        ${notice?.tone === 'info' ? html`<p id="notice" class="notice" part="notice" tabindex="-1">${notice.text}</p>` : nothing}
        ${this._downloading ? html`<p>${tk(locale, 'export.downloading')}</p>` : nothing}
      </div>
      <div role="alert">
        ${error && !pending
          ? html`<div class="notice error" part="notice"><p>${this._errorText(error)}</p>
              <button type="button" class="secondary" part="secondary-button" @click=${() => void this._answer.run()}>${tk(locale, 'retry')}</button></div>`
          : nothing}
        ${notice?.tone === 'error' ? html`<p id="notice" class="notice error" part="notice" tabindex="-1">${notice.text}</p>` : nothing}
      </div>`;
  }

  private _renderAnswer(locale: Locale, answer: IndicatorsAnswer): TemplateResult {
    const periodText = this._periodText(locale, answer.period);
    const rows = sortRows(answer.agencies, this._sort, locale);
    const params = { ...indicatorsParams({ period: answer.period, scope: this._scope }), locale };
    return html`<p class="meta">${tk(locale, 'at', { time: formatInstant(answer.at, locale, answer.timeZone) })}</p>
      <div class="notes">
        <p>${tk(locale, answer.exact ? 'exact_note' : 'public_note')}</p>
        <p>${tk(locale, 'none_note')}${answer.exact ? '' : ` ${tk(locale, 'small_cell_note')}`}</p>
      </div>
      <div class="exports">
        <a part="export-link" id="csv" href=${apiUrl(this._endpoint, 'indicators.csv', params)} download @click=${this._onExport}>${tk(locale, 'export.csv')}</a>
        <a part="export-link" id="pdf" href=${apiUrl(this._endpoint, 'indicators.pdf', params)} @click=${this._onExport}>${tk(locale, 'export.pdf')}</a>
      </div>
      <p class="visually-hidden" role="status">${this._sortStatus}</p>
      ${answer.agencies.length > 0 ? this._renderTable(locale, answer, rows, periodText) : html`<p>${tk(locale, 'table.empty')}</p>`}
      ${this._drill ? this._renderDrill(locale, this._drill) : nothing}
      ${answer.agencies.length > 0
        ? html`<div class="charts">
            ${trendChart(answer.total, answer.period, periodText, locale)} ${categoryChart(answer.total, periodText, locale)}
            ${sharesChart(rows, periodText, locale, { verified: indicatorMessage(locale, 'indicator.verifiedOnTime'), resolved: indicatorMessage(locale, 'indicator.resolvedOnTime') })}
          </div>`
        : nothing}`;
  }

  private _renderTable(locale: Locale, answer: IndicatorsAnswer, rows: AgencyRow[], periodText: string): TemplateResult {
    const grouped = (group: string) => COLUMNS.filter((column) => column.group === group);
    const [kind] = splitScope(this._scope);
    const inspectorate = kind === 'inspectorate' ? this._lists?.inspectorates.find((entry) => `inspectorate:${entry.id}` === this._scope) : undefined;
    const totalName = inspectorate?.name ?? indicatorMessage(locale, 'scope.total');
    const totalIds = answer.agencies.map((agency) => agency.agencyId);
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${tk(locale, 'table.region')}>
      <table part="table">
        <caption>${tk(locale, 'table.caption', { period: periodText })}</caption>
        <colgroup span="2"></colgroup>
        ${GROUPS.map((group) => html`<colgroup span=${grouped(group).length}></colgroup>`)}
        <thead>
          <tr>
            ${this._renderHeader(locale, COLUMNS[0]!, 2)} ${this._renderHeader(locale, COLUMNS[1]!, 2)}
            ${GROUPS.map((group) => html`<th scope="colgroup" colspan=${grouped(group).length}>${indicatorMessage(locale, `group.${group}`)}</th>`)}
          </tr>
          <tr>${COLUMNS.filter((column) => column.group).map((column) => this._renderHeader(locale, column, 1))}</tr>
        </thead>
        <tbody>
          ${rows.map((row) => html`<tr data-agency=${row.agencyId}>
            <th scope="row">${row.name}</th>
            ${COLUMNS.slice(1).map((column) => this._renderCell(locale, row, column, { key: row.agencyId, name: row.name, agencyIds: [row.agencyId] }, answer))}
          </tr>`)}
        </tbody>
        ${kind === 'agency'
          ? nothing
          : html`<tfoot>
              <tr data-agency="">
                <th scope="row">${totalName}</th>
                ${COLUMNS.slice(1).map((column) => this._renderCell(locale, answer.total, column, { key: 'total', name: totalName, agencyIds: totalIds }, answer))}
              </tr>
            </tfoot>`}
      </table>
    </div>`;
  }

  private _renderHeader(locale: Locale, column: Column, rowspan: number): TemplateResult {
    const sorted = this._sort.column === column.key ? this._sort.direction : undefined;
    const label = this._columnLabel(locale, column.key);
    return html`<th scope="col" rowspan=${rowspan} class=${column.key === 'name' ? 'sticky' : ''} aria-sort=${sorted ?? nothing}>
      <button type="button" class="sort" part="sort-button" data-column=${column.key} @click=${() => this._onSort(column.key)}>
        ${label}<span class="arrow" aria-hidden="true">${sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}</span>
      </button>
    </th>`;
  }

  private _renderCell(locale: Locale, row: IndicatorTableAnswer, column: Column, scope: { key: string; name: string; agencyIds: string[] }, answer: IndicatorsAnswer): TemplateResult {
    const key = column.key;
    const none = html`<span aria-hidden="true">—</span> <span class="visually-hidden">${tk(locale, 'none')}</span>`;
    const count = answer.exact ? drillCount(row, column) : 0;
    const drillable = (content: TemplateResult) => {
      if (count === 0) return content;
      const what = tk(locale, `drill.what.${key}` as IndicatorsMessageKey);
      const id = `${scope.key}:${key}`;
      return html`<button type="button" class="link drill" part="drill-button" data-drill=${id} @click=${() => this._openDrill(column, scope, what, answer, id)}>
        ${content}<span class="visually-hidden">: ${tk(locale, 'drill.open', { n: formatCount(locale, count), what })}</span>
      </button>`;
    };
    const share = shareOf(row, key);
    if (share) return html`<td data-column=${key}>${drillable(this._renderShare(locale, share, none))}</td>`;
    switch (key) {
      case 'received':
        return html`<td data-column=${key}>${formatCount(locale, row.received)}</td>`;
      case 'openOverdue':
        return html`<td data-column=${key}>${drillable(html`<span class="pct">${formatCount(locale, row.tuntas.openOverdue)}</span>`)}</td>`;
      case 'medianWorkingDaysToResolve': {
        const median = row.cepat.medianWorkingDaysToResolve;
        return html`<td data-column=${key}>${median === null ? none : formatDecimal(locale, median)}</td>`;
      }
      default: {
        const satisfaction = row.tuntas.satisfaction;
        return html`<td data-column=${key}>${satisfaction
          ? html`<span class="pct">${formatDecimal(locale, satisfaction.index)} (${satisfaction.grade})</span> <span class="of">${tk(locale, 'responses', { n: formatCount(locale, satisfaction.responses) })}</span>`
          : none}</td>`;
      }
    }
  }

  private _renderShare(locale: Locale, share: Share, none: TemplateResult): TemplateResult {
    const percent = formatPercent(locale, share);
    return html`<span class="pct">${percent ?? none}</span> <span class="of">${tk(locale, 'of', { n: formatCount(locale, share.n), of: formatCount(locale, share.of) })}</span>`;
  }

  private _renderDrill(locale: Locale, drill: Drill): TemplateResult {
    const page = this._drillPage.value;
    const more = this._drillMore;
    const items = [...(page?.items ?? []), ...(more?.items ?? [])];
    const next = more ? more.next : (page?.nextCursor ?? null);
    const pending = this._drillPage.status === TaskStatus.PENDING;
    const timeZone = this._answer.value?.timeZone ?? 'Asia/Jakarta';
    return html`<div class="drill-panel" part="drill">
      <h3 id="drill-heading" tabindex="-1">${drill.heading}</h3>
      <p id="drill-count" role="status">${pending ? tk(locale, 'drill.loading') : page ? tk(locale, 'drill.count', { n: formatCount(locale, page.total), what: drill.what }) : ''}</p>
      <p class="hint">${tk(locale, 'drill.read_only')}</p>
      ${page && items.length === 0 ? html`<p>${tk(locale, 'drill.empty')}</p>` : nothing}
      ${items.length > 0
        ? html`<div class="scroll" role="region" tabindex="0" aria-labelledby="drill-heading">
            <table class="data">
              <thead><tr>
                <th scope="col">${tk(locale, 'drill.tracking_id')}</th><th scope="col">${tk(locale, 'drill.title')}</th>
                <th scope="col">${tk(locale, 'drill.status')}</th><th scope="col">${tk(locale, 'drill.received')}</th>
                <th scope="col">${tk(locale, 'drill.overdue')}</th>
              </tr></thead>
              <tbody>${items.map((item) => html`<tr data-tracking-id=${item.trackingId}>
                <th scope="row">${item.trackingId}</th>
                <td>${item.title}</td>
                <td>${message(locale, `status.${item.status}`)}</td>
                <td>${formatInstant(item.receivedAt, locale, timeZone)}</td>
                <td>${item.overdue ? html`<span class="tag overdue">${tk(locale, 'drill.yes')}</span>` : tk(locale, 'drill.no')}</td>
              </tr>`)}</tbody>
            </table>
          </div>`
        : nothing}
      <div class="actions">
        ${next ? html`<button type="button" id="drill-more" class="secondary" part="secondary-button" @click=${this._onDrillMore}>${tk(locale, 'drill.more')}</button>` : nothing}
        <button type="button" id="drill-close" class="secondary" part="secondary-button" @click=${this._closeDrill}>${tk(locale, 'drill.close')}</button>
      </div>
    </div>`;
  }

  // ---------------------------------------------------------------- actions

  private _onAnswer(answer: IndicatorsAnswer): void {
    if (!this._period) {
      // The server's default period, shown in the form as the days it covers.
      this._fromInput = answer.period.from;
      this._toInput = shiftDate(answer.period.to, -1);
    }
    if (this._signingIn) {
      this._signingIn = false;
      this._store(this._remember ? this.token : undefined);
      this._tokenInput = '';
      this._signInError = '';
      void this._focus('#session');
    }
    this.dispatchEvent(new NhIndicatorsEvent(answer));
  }

  private async _onAnswerError(error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) return;
    this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
    if (error.status === 401 && this.token) {
      const typed = this._signingIn;
      this._signingIn = false;
      this._signOut('unauthorized');
      if (typed) {
        this._signInOpen = true;
        this._signInError = tk(this._locale, 'sign_in.invalid');
        this._notice = undefined;
        await this._focus('#token');
      }
    }
  }

  private _onDrillError(error: unknown): void {
    if (!(error instanceof ApiError)) return;
    this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
    if (error.status === 401) {
      this._signOut('unauthorized');
      return;
    }
    this._drill = undefined;
    this._notice = { tone: 'error', text: this._errorText(error) };
    void this._focus('#notice');
  }

  private _onSignIn(event: Event): void {
    event.preventDefault();
    const token = this._tokenInput.trim();
    if (!token) {
      this._signInError = tk(this._locale, 'sign_in.required');
      void this._focus('#token');
      return;
    }
    this._notice = undefined;
    this._signingIn = true;
    this.token = token;
  }

  private _signOut(reason: 'sign_out' | 'unauthorized'): void {
    this.token = undefined;
    this._store(undefined);
    this._drill = undefined;
    this._signInError = '';
    this._notice = { tone: reason === 'sign_out' ? 'info' : 'error', text: tk(this._locale, reason === 'sign_out' ? 'signed_out' : 'sign_in.invalid') };
    this.dispatchEvent(new NhSignedOutEvent(reason));
    void this._focus('#notice');
  }

  private _onPeriod(event: Event): void {
    event.preventDefault();
    const locale = this._locale;
    const from = this._fromInput;
    const last = this._toInput;
    if (!isIsoDate(from) || !isIsoDate(last)) this._periodError = tk(locale, 'period.required');
    else if (last < from) this._periodError = tk(locale, 'period.order');
    else {
      this._periodError = '';
      this._setPeriod({ from, to: shiftDate(last, 1) });
      return;
    }
    void this._focus(isIsoDate(from) ? '#to' : '#from');
  }

  private _onPreset(name: PresetName): void {
    const answer = this._answer.value;
    if (!answer) return;
    // "Today" is the intake's, in its zone: the day its answer was computed.
    const period = presetPeriod(name, localDate(answer.at, answer.timeZone));
    this._fromInput = period.from;
    this._toInput = shiftDate(period.to, -1);
    this._periodError = '';
    this._setPeriod(period);
  }

  private _setPeriod(period: Period): void {
    this._period = period;
    this._drill = undefined;
  }

  private _onScope(event: Event): void {
    this._scope = (event.target as HTMLSelectElement).value;
    this._drill = undefined;
  }

  private _onSort(key: ColumnKey): void {
    const locale = this._locale;
    this._sort = nextSort(this._sort, key);
    this._sortStatus = tk(locale, 'sort.status', { column: this._columnLabel(locale, key), order: tk(locale, `sort.${orderOf(this._sort)}`) });
  }

  private _openDrill(column: Column, scope: { name: string; agencyIds: string[] }, what: string, answer: IndicatorsAnswer, opener: string): void {
    if (!column.drill) return;
    this._drillMore = undefined;
    this._notice = undefined;
    this._drill = {
      // A column that leads to complaints is one of the indicators the inbox filters on.
      query: { indicator: column.key as IndicatorName, outcome: column.drill, agencyIds: scope.agencyIds, at: answer.at, period: answer.period },
      heading: tk(this._locale, 'drill.heading', { indicator: this._columnLabel(this._locale, column.key), scope: scope.name }),
      what,
      opener,
    };
    void this._focus('#drill-heading');
  }

  private async _onDrillMore(): Promise<void> {
    const drill = this._drill;
    const token = this.token;
    const cursor = this._drillMore ? this._drillMore.next : this._drillPage.value?.nextCursor;
    if (!drill || !token || !cursor) return;
    try {
      const page = await fetchDrill(this._endpoint, drill.query, cursor, { token, locale: this._locale, limit: DRILL_PAGE });
      // The list asked about may have been closed or changed meanwhile.
      if (this._drill !== drill) return;
      const first = page.items[0];
      this._drillMore = { items: [...(this._drillMore?.items ?? []), ...page.items], next: page.nextCursor };
      if (first) await this._focus(`[data-tracking-id="${first.trackingId}"] th`);
    } catch (error) {
      this._onDrillError(error);
    }
  }

  private async _closeDrill(): Promise<void> {
    const opener = this._drill?.opener;
    this._drill = undefined;
    this._drillMore = undefined;
    await this._focus(opener ? `[data-drill="${opener}"]` : '#heading');
  }

  /** CSV and PDF: plain links for the public numbers (the PDF opens to be printed); with a token, fetched with it and saved. */
  private async _onExport(event: MouseEvent): Promise<void> {
    const token = this.token;
    if (!token) return;
    event.preventDefault();
    if (this._downloading) return;
    const link = event.currentTarget as HTMLAnchorElement;
    this._notice = undefined;
    this._downloading = true;
    try {
      const pdf = link.id === 'pdf';
      const { blob, name } = await fetchFile(link.href, pdf ? 'application/pdf' : 'text/csv', { token, locale: this._locale });
      saveAs(blob, name ?? (pdf ? 'indikator.pdf' : 'indikator.csv'), this.renderRoot);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
      if (error.status === 401) this._signOut('unauthorized');
      else {
        this._notice = { tone: 'error', text: this._errorText(error) };
        await this._focus('#notice');
      }
    } finally {
      this._downloading = false;
    }
  }

  // ---------------------------------------------------------------- helpers

  private _columnLabel(locale: Locale, key: ColumnKey): string {
    return key === 'name' ? indicatorMessage(locale, 'scope.agency') : indicatorMessage(locale, `indicator.${key}`);
  }

  private _periodText(locale: Locale, period: Period): string {
    return tk(locale, 'period.shown', { from: formatLocalDate(locale, period.from), to: formatLocalDate(locale, shiftDate(period.to, -1)) });
  }

  private _errorText(error: unknown): string {
    if (!(error instanceof ApiError)) return String(error);
    return error.status === 0 ? `${error.title}. ${error.message}` : error.message;
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
      // Not remembered; the token still works on this page.
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-indicators': NhIndicators;
  }
}
