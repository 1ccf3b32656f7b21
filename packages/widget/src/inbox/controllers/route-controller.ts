import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { routeFromUrl, urlOfRoute } from '../route.js';
import type { InboxRoute } from '../route.js';

/** What the inbox keeps in each history entry it makes, beside the URL. */
interface EntryState {
  /** The window's scroll position when the entry was left, to come back to it. */
  scrollY?: number;
  /** The cursors of the pages before this one, for "previous page". */
  cursors?: string[];
  /** A complaint opened from the list: where the list was scrolled, for "back to the list". */
  listScrollY?: number;
}

const KEY = 'narahubungInbox';

/**
 * Keeps the inbox's place in the page's URL with the history API: every view has an address, Back
 * and Forward move between views, a reload keeps the place, and a colleague's link opens it. When
 * an entry is left, its scroll position is kept in its state, and given back on return.
 */
export class RouteController implements ReactiveController {
  route: InboxRoute;
  /** The scroll position to restore once the view returned to has rendered; taken once. */
  private _scrollY: number | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly onPop: (route: InboxRoute) => void = () => undefined) {
    host.addController(this);
    this.route = routeFromUrl(new URL(location.href));
  }

  hostConnected(): void {
    this.route = routeFromUrl(new URL(location.href));
    window.addEventListener('popstate', this._onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this._onPopState);
  }

  /** The cursors of the pages before the current one (empty when it was reached by a link). */
  get previousCursors(): string[] {
    return this._state().cursors ?? [];
  }

  /** The URL of a route, for links (so a view opens in a new tab too). */
  href(route: InboxRoute): string {
    return urlOfRoute(route, new URL(location.href)).href;
  }

  /** Goes to `route`: a new history entry (or the current one replaced), remembering where this one was scrolled. */
  go(route: InboxRoute, options: { replace?: boolean; cursors?: string[] } = {}): void {
    const url = this.href(route);
    const opened = route.complaint !== null && this.route.complaint === null && !options.replace;
    const state: EntryState = { ...(options.cursors ? { cursors: options.cursors } : {}), ...(opened ? { listScrollY: window.scrollY } : {}) };
    if (options.replace) {
      history.replaceState({ ...history.state, [KEY]: state }, '', url);
    } else {
      history.replaceState({ ...history.state, [KEY]: { ...this._state(), scrollY: window.scrollY } }, '', location.href);
      history.pushState({ [KEY]: state }, '', url);
    }
    this.route = route;
    this._scrollY = undefined;
    this.host.requestUpdate();
  }

  /**
   * Back to `route` (the list) by a link: a new entry, scrolled where the list was when the
   * complaint was opened from it. (Not `history.back()`: the entry before may not be the list, or
   * not this page's at all.)
   */
  back(route: InboxRoute): void {
    const scrollY = this._state().listScrollY;
    this.go(route);
    this._scrollY = scrollY;
  }

  /** The scroll position of the entry just returned to, once; undefined when there is none. */
  takeScroll(): number | undefined {
    const scrollY = this._scrollY;
    this._scrollY = undefined;
    return scrollY;
  }

  private _state(): EntryState {
    const state = (history.state as Record<string, unknown> | null)?.[KEY];
    return typeof state === 'object' && state !== null ? (state as EntryState) : {};
  }

  private readonly _onPopState = (): void => {
    this.route = routeFromUrl(new URL(location.href));
    this._scrollY = this._state().scrollY;
    this.host.requestUpdate();
    this.onPop(this.route);
  };
}
