import type { AssignableStaff, Client, Locale, TokenHolder, WorkCalendar } from '@narahubung/core';

/**
 * What every part of a signed-in inbox needs, as one value: a new object whenever any of it
 * changes, so an element given it re-renders (and its tasks re-run when their arguments change).
 * It never leaves the inbox: no event carries it.
 */
export interface InboxContext {
  client: Client;
  token: string;
  holder: TokenHolder;
  locale: Locale;
  /** The intake's time zone and working days (`GET /v1/config`). */
  calendar: WorkCalendar;
  /** Whom the holder may assign complaints to (`GET /v1/officers`); empty for officers, who may not. */
  officers: readonly AssignableStaff[];
}
