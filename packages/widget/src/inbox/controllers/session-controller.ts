import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ApiError, createClient, createWorkCalendar } from '@narahubung/core';
import type { AssignableStaff, Client, IntakeConfig, Locale, TokenHolder, WorkCalendar } from '@narahubung/core';
import type { InboxContext } from '../context.js';

const STORAGE_PREFIX = 'narahubung.inbox-token:';
/** Dates and working days count in WIB, weekends off, until the intake's calendar is known. */
const FALLBACK_CALENDAR = createWorkCalendar({ timeZone: 'Asia/Jakarta' });

export interface SessionOptions {
  endpoint: () => string;
  locale: () => Locale;
  /** The token was accepted (`restored`: from sessionStorage, not typed). */
  onSignedIn: (restored: boolean) => void;
  onSignedOut: (reason: 'sign_out' | 'unauthorized') => void;
  /** The server refused the token or could not be asked. */
  onError: (error: unknown) => void;
}

/**
 * Who is signed in: the token (in memory; also in sessionStorage, never localStorage, when the
 * focal point asks to be remembered), who it belongs to (`GET /v1/me`), the intake's calendar
 * (`GET /v1/config`) and whom the holder may assign to (`GET /v1/officers`), each a task. A refused
 * token (401), here or in any later request, signs out and forgets it.
 */
export class SessionController implements ReactiveController {
  remember = false;
  private _token: string | undefined;
  /** Whether the token being checked came from sessionStorage. */
  private _restoring = false;
  private _client: { endpoint: string; client: Client } | undefined;
  private _context: InboxContext | undefined;

  /** `GET /v1/me` for the token being checked or in use. */
  readonly holder: Task<[string | undefined, string], TokenHolder>;
  readonly config: Task<[boolean, string, Locale], IntakeConfig>;
  readonly officers: Task<[string | undefined, string], AssignableStaff[]>;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: SessionOptions) {
    host.addController(this);
    this.holder = new Task(host, {
      args: () => [this._token, options.endpoint()],
      task: async ([token, endpoint], { signal }) => (token ? this._clientFor(endpoint).me(token, { signal }) : initialState),
      onComplete: () => {
        this._store(this.remember ? this._token : undefined);
        options.onSignedIn(this._restoring);
      },
      onError: (error) => {
        options.onError(error);
        if (error instanceof ApiError && error.status === 401) this.signOut('unauthorized');
      },
    });
    this.config = new Task(host, {
      args: () => [this.signedIn, options.endpoint(), options.locale()],
      // The calendar only counts working days; without it the inbox still works (weekends only).
      task: async ([signedIn, endpoint, locale], { signal }) => (signedIn ? this._clientFor(endpoint).config({ locale, signal }) : initialState),
    });
    this.officers = new Task(host, {
      // Only those who may assign are offered officers (not officers, not supervisors).
      args: () => [this.signedIn && (this.holder.value?.role === 'focal_point' || this.holder.value?.role === 'intake_officer') ? this._token : undefined, options.endpoint()],
      task: async ([token, endpoint], { signal }) => (token ? this._clientFor(endpoint).officers(token, { signal }) : initialState),
    });
  }

  hostConnected(): void {
    const remembered = this._stored();
    if (!this._token && remembered) {
      this.remember = true;
      this._restoring = true;
      this._token = remembered;
    }
  }

  get signedIn(): boolean {
    return this._token !== undefined && this.holder.status === TaskStatus.COMPLETE && this.holder.value !== undefined;
  }

  get checking(): boolean {
    return this.holder.status === TaskStatus.PENDING;
  }

  /** What the signed-in inbox needs, the same object until something in it changes; undefined when signed out. */
  get context(): InboxContext | undefined {
    const holder = this.holder.value;
    const token = this._token;
    if (!this.signedIn || !holder || !token) return (this._context = undefined);
    const config = this.config.value;
    const next: InboxContext = {
      client: this._clientFor(this.options.endpoint()),
      token,
      holder,
      locale: this.options.locale(),
      calendar: this._calendarOf(config),
      officers: this.officers.value ?? [],
    };
    const previous = this._context;
    if (previous && (Object.keys(next) as (keyof InboxContext)[]).every((key) => previous[key] === next[key])) return previous;
    return (this._context = next);
  }

  /** Checks `token` with the server; signed in once it answers. */
  signIn(token: string, remember: boolean): void {
    this.remember = remember;
    this._restoring = false;
    this._token = token;
    void this.holder.run([token, this.options.endpoint()]);
  }

  signOut(reason: 'sign_out' | 'unauthorized'): void {
    this._token = undefined;
    this._store(undefined);
    this.host.requestUpdate();
    this.options.onSignedOut(reason);
  }

  /** Where the intake's client is made: reads retried a little, changes sent once (core's client). */
  private _clientFor(endpoint: string): Client {
    if (this._client?.endpoint !== endpoint) {
      this._client = { endpoint, client: createClient({ endpoint, retry: { limit: 2, backoffLimit: 3000 }, timeout: 30_000 }) };
    }
    return this._client.client;
  }

  private _calendarCache: { config: IntakeConfig; calendar: WorkCalendar } | undefined;
  private _calendarOf(config: IntakeConfig | undefined): WorkCalendar {
    if (!config) return FALLBACK_CALENDAR;
    if (this._calendarCache?.config !== config) {
      let calendar = FALLBACK_CALENDAR;
      try {
        // An intake older than the calendar in /v1/config gives no holidays: weekends only.
        calendar = createWorkCalendar({ timeZone: config.timeZone, holidays: config.holidays ?? [], weekend: config.weekend ?? [0, 6] });
      } catch {
        // An unknown zone or a malformed holiday: the fallback, rather than no inbox.
      }
      this._calendarCache = { config, calendar };
    }
    return this._calendarCache.calendar;
  }

  private get _storageKey(): string {
    return STORAGE_PREFIX + this.options.endpoint();
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
