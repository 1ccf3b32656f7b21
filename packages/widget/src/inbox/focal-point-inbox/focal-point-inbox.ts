import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiError, parseTrackingId } from '@narahubung/core';
import type { Locale, TokenHolder } from '@narahubung/core';
import { endpointOf, localeOf } from '../../defaults.js';
import { NhErrorEvent } from '../../events.js';
import { NhSignedInEvent, NhSignedOutEvent } from '../../inbox-events.js';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import { RouteController } from '../controllers/route-controller.js';
import type { InboxRoute } from '../route.js';
import { SessionController } from '../controllers/session-controller.js';
import type { NhInboxDetail } from '../detail/inbox-detail.js';
import { focusIn } from '../failures.js';
import type { Notice } from '../failures.js';
import type { InboxListedEvent, InboxNavigateEvent, InboxSignInEvent } from '../internal-events.js';
import type { NhInboxList } from '../list/inbox-list.js';
import type { NhInboxSignIn } from '../sign-in/inbox-sign-in.js';
import { partStyles } from '../styles.js';
import { inboxStyles } from './focal-point-inbox.styles.js';

/**
 * The focal point's inbox: sign in with a token, triage the complaints routed to the agency in a
 * dense table (status tabs with counts, filters, search, sort, pages with the true total, bulk
 * actions), open one to move it on with a public note, assign it, and write internal notes. Every
 * view has its own address in the page's URL (`?status=…&q=…`, `?complaint=NH-…`), so Back and
 * Forward work, a reload keeps the place, and a link from a mail or a colleague opens the same view
 * once signed in. The page's other query parameters are left alone.
 *
 * Every view is redacted by the server for the token's holder; the element shows what it receives.
 * Markup in any text is shown as text. The token stays in memory; only when the focal point ticks
 * "remember on this device" is it also kept in `sessionStorage` (never `localStorage`).
 *
 * Keyboard: `/` goes to the search field; the table is a plain table (APG Table pattern) whose
 * checkboxes and links Tab reaches in order; every action is a native control.
 *
 * @fires nh-signed-in - The token was accepted and the list loaded. `detail.count`: how many complaints it holds.
 * @fires nh-signed-out - Signed out, or the server refused the token. `detail.reason` (`sign_out`, `unauthorized`).
 * @fires nh-opened - A complaint was opened. `detail.trackingId`, `detail.item`.
 * @fires nh-transitioned - A complaint was moved on (one by one, or in a bulk action). `detail.trackingId`, `detail.from`, `detail.to`, `detail.item`.
 * @fires nh-error - A request failed. `detail.code`, `detail.status`, `detail.errors`.
 *
 * @csspart heading - The headings.
 * @csspart form - The sign-in form.
 * @csspart label - Labels.
 * @csspart hint - Hints under the labels.
 * @csspart error - A field's error message.
 * @csspart input - The token input.
 * @csspart button - The primary buttons.
 * @csspart secondary-button - Reload, sign out, back, search, clear filters.
 * @csspart signed-in-as - Who is signed in, and for which agency, beside "Sign out".
 * @csspart notice - A message after an action.
 * @csspart tabs - The status tabs with their counts.
 * @csspart filter - The filter and search form.
 * @csspart search - The search field.
 * @csspart list - The table of complaints.
 * @csspart item - One row.
 * @csspart item-link - The link (a complaint's title) that opens it.
 * @csspart pager - The page links.
 * @csspart detail - The opened complaint.
 * @csspart status - The opened complaint's current status.
 * @csspart timeline - Its history.
 * @csspart download-button - The button that downloads an attachment.
 * @csspart view-button - The button that shows an attachment in place.
 * @csspart viewer - The frame that shows it.
 * @csspart transition-form - The form that moves the complaint on (public note).
 * @csspart note - The public note's text area.
 * @csspart internal-notes - The internal notes' box.
 * @csspart internal-note - The internal note's text area.
 * @csspart assignment - The assignment box.
 *
 * @cssprop --nh-color-text - Text colour; the same `--nh-*` properties as `<nh-complaint-form>`.
 * @cssprop --nh-color-error - Errors and the overdue marker.
 * @cssprop --nh-color-internal-background - The internal notes' box (default a pale yellow; dark: `--nh-dark-color-internal-background`).
 * @cssprop --nh-color-internal-border - Its border.
 * @cssprop --nh-color-public-border - The public note's box border.
 * @cssprop --nh-max-width - The element's width limit (default none: the table uses the width it is given).
 */
export class NhFocalPointInbox extends LitElement {
  static override styles = [baseStyles, partStyles, inboxStyles];

  /** The API root; the client adds `/v1/...`. */
  @property() endpoint?: string;
  /** `id` (default) or `en`. */
  @property({ reflect: true }) locale?: Locale;
  /** A complaint to open (as `?complaint=` does), e.g. from a link in an e-mail. */
  @property({ attribute: 'tracking-id' }) trackingId?: string;

  @state() private _notice: Notice | undefined;
  @state() private _signInError = '';
  /** Bumped when complaints changed: the list loads its page again. */
  @state() private _refresh = 0;

  @query('nh-inbox-list') private _list!: NhInboxList | null;
  @query('nh-inbox-detail') private _detail!: NhInboxDetail | null;
  @query('nh-inbox-sign-in') private _signIn!: NhInboxSignIn | null;

  /** The complaint opened from the list, to focus its link on the way back. */
  private _openedFrom: string | undefined;
  /** `/` was pressed on a complaint: the search gets focus once the list is back. */
  private _searchOnList = false;
  /** `nh-signed-in` is sent when the first list arrives after a sign-in. */
  private _announceSignIn: 'typed' | 'restored' | undefined;

  private readonly _route = new RouteController(this, (route) => {
    if (!route.complaint) void this._backToList();
  });

  private readonly _session = new SessionController(this, {
    endpoint: () => endpointOf(this.endpoint),
    locale: () => localeOf(this.locale),
    onSignedIn: (restored) => {
      this._notice = undefined;
      this._signInError = '';
      this._announceSignIn = restored ? 'restored' : 'typed';
    },
    onSignedOut: (reason) => {
      const locale = localeOf(this.locale);
      this._signInError = reason === 'unauthorized' ? ti(locale, 'inbox.sign_in.invalid') : '';
      this._notice = reason === 'sign_out' ? { tone: 'info', text: ti(locale, 'inbox.signed_out') } : undefined;
      this.dispatchEvent(new NhSignedOutEvent(reason));
      void this.updateComplete.then(() => this._signIn?.focusFirst());
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      this.dispatchEvent(new NhErrorEvent(error.code, error.status, error.errors));
      if (error.status !== 401) {
        this._notice = { tone: 'error', text: ti(localeOf(this.locale), error.status === 0 ? 'inbox.network' : 'inbox.server_error') };
        void this.updateComplete.then(() => this._signIn?.focusFirst());
      }
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this._onKey);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const wanted = this.trackingId ? (parseTrackingId(this.trackingId) ?? this.trackingId) : undefined;
    if (changed.has('trackingId') && wanted && wanted !== this._route.route.complaint) this._route.go({ ...this._route.route, complaint: wanted }, { replace: true });
  }

  protected override updated(): void {
    const scrollY = this._route.takeScroll();
    if (scrollY !== undefined) window.scrollTo(0, scrollY);
  }

  override render(): TemplateResult {
    const locale = localeOf(this.locale);
    const context = this._session.context;
    if (!context) {
      return html`<div lang=${locale}><nh-inbox-sign-in exportparts="form, heading, label, hint, error, input, button, notice" locale=${locale}
        .error=${this._signInError} .notice=${this._notice} ?busy=${this._session.checking} ?remember=${this._session.remember}
        @nh-inbox-sign-in=${this._onSignIn}></nh-inbox-sign-in></div>`;
    }
    const route = this._route.route;
    const parts = 'heading, label, hint, error, button, secondary-button, notice';
    return html`<div lang=${locale} @nh-inbox-navigate=${this._onNavigate} @nh-inbox-changed=${this._onChanged}
        @nh-inbox-unauthorized=${this._onUnauthorized} @nh-inbox-listed=${this._onListed}>
      <div class="bar">
        <div>
          <h2 id="inbox-heading" part="heading" tabindex="-1">${ti(locale, 'inbox.heading')}</h2>
          <p class="signed-in-as" part="signed-in-as">${signedInAs(context.holder, locale)}</p>
        </div>
        <div class="actions">
          <button type="button" class="secondary" part="secondary-button" @click=${this._reload}>${ti(locale, 'inbox.refresh')}</button>
          <button type="button" class="secondary" part="secondary-button" @click=${() => this._session.signOut('sign_out')}>${ti(locale, 'inbox.sign_out')}</button>
        </div>
      </div>
      <nh-inbox-list exportparts="${parts}, tabs, filter, search, list, item, item-link, pager, note" ?hidden=${route.complaint !== null} .context=${context}
        .query=${route.list} .previousCursors=${this._route.previousCursors} .hrefOf=${this._hrefOf} .refresh=${this._refresh}></nh-inbox-list>
      ${route.complaint !== null
        ? html`<nh-inbox-detail exportparts="${parts}, detail, status, timeline, download-button, view-button, viewer, transition-form, note, internal-notes, internal-note, assignment"
            .context=${context} .trackingId=${route.complaint} .list=${route.list} .backHref=${this._hrefOf({ complaint: null, list: route.list })}></nh-inbox-detail>`
        : nothing}
    </div>`;
  }

  private readonly _hrefOf = (route: InboxRoute) => this._route.href(route);

  private _onSignIn(event: InboxSignInEvent): void {
    this._notice = undefined;
    this._signInError = '';
    this._session.signIn(event.token, event.remember);
  }

  private _onChanged(event: Event): void {
    event.stopPropagation();
    this._refresh++;
  }

  private _onUnauthorized(event: Event): void {
    event.stopPropagation();
    this._session.signOut('unauthorized');
  }

  private _onNavigate(event: InboxNavigateEvent): void {
    event.stopPropagation();
    const current = this._route.route;
    const { options } = event;
    const route = typeof event.to === 'function' ? event.to(current) : event.to;
    if (!route.complaint && current.complaint) {
      this._showList(route);
      return;
    }
    if (route.complaint && !current.complaint) this._openedFrom = route.complaint;
    this._route.go(route, options);
  }

  /** From a complaint back to the list, scrolled where it was left. */
  private _showList(route: InboxRoute): void {
    this._route.back(route);
    void this._backToList();
  }

  private async _onListed(event: InboxListedEvent): Promise<void> {
    event.stopPropagation();
    const announce = this._announceSignIn;
    if (!announce) return;
    this._announceSignIn = undefined;
    this.dispatchEvent(new NhSignedInEvent(event.total));
    // After a typed sign-in the focus goes to the inbox (the opened complaint focuses itself).
    if (announce === 'typed' && !this._route.route.complaint) await focusIn(this, '#inbox-heading');
  }

  /**
   * Back on the list: focus on the complaint that was opened (or on the search, after `/`), the list
   * where it was scrolled (restored in `updated`).
   */
  private async _backToList(): Promise<void> {
    const opened = this._openedFrom;
    const search = this._searchOnList;
    this._openedFrom = undefined;
    this._searchOnList = false;
    await this.updateComplete;
    if (search) return this._list?.focusSearch();
    if (opened && (await this._list?.focusComplaint(opened))) return;
    await focusIn(this, '#inbox-heading', { preventScroll: true });
  }

  private _reload(): void {
    if (this._route.route.complaint) this._detail?.reload();
    else this._refresh++;
  }

  /** `/` anywhere outside a field goes to the search (from a complaint, back on the list). */
  private readonly _onKey = (event: KeyboardEvent): void => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || !this._session.context) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    const route = this._route.route;
    if (!route.complaint) {
      void this._list?.focusSearch();
      return;
    }
    this._searchOnList = true;
    this._showList({ ...route, complaint: null });
  };
}

function signedInAs(holder: TokenHolder, locale: Locale): string {
  const agencies = holder.agencies === 'all'
    ? ti(locale, 'inbox.all_agencies')
    : new Intl.ListFormat(locale, { type: 'conjunction' }).format(holder.agencies.map((agency) => agency.name));
  return ti(locale, 'inbox.signed_in_as', { name: holder.name, agencies });
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-focal-point-inbox': NhFocalPointInbox;
  }
}
