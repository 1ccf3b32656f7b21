import { createEvent, type EventAttributes } from 'ics';
import { message, type Locale } from './messages/index.js';
import type { Workshop } from './schema.js';
import { sha256Hex } from './sha256.js';
import { normaliseText } from './pdf/text.js';
import { datePart, formatDate, formatTime, localToUtc } from './time.js';

/** Options of {@link buildInvitationIcs}. */
export interface IcsOptions {
  locale: Locale;
  /** METHOD:CANCEL instead of METHOD:REQUEST. */
  cancel?: boolean;
}

const encoder = new TextEncoder();

/** The event's UID: `event.uid`, else derived from organizer, title and start date. */
export function eventUid(workshop: Workshop): string {
  if (workshop.event.uid) return workshop.event.uid;
  const key = [workshop.organizer.name, workshop.organizer.unit ?? '', workshop.event.title, datePart(workshop.event.start)].join('\n');
  const domain = workshop.organizer.email.split('@')[1] ?? 'narahubung.invalid';
  return `${sha256Hex(encoder.encode(key)).slice(0, 24)}@${domain}`;
}

/**
 * `invitation.ics`: one VEVENT with METHOD:REQUEST (or CANCEL), ORGANIZER, one ATTENDEE per
 * invitee and a reminder, in UTC instants. Written by `ics`, then fixed where `ics` 3.12 breaks
 * RFC 5545: names in parameters are escaped per RFC 6868 and quoted, and lines are folded at 75
 * octets (ics folds at 75 characters and escapes `"` with a backslash, which no parser reads).
 */
export function buildInvitationIcs(workshop: Workshop, options: IcsOptions): Uint8Array {
  const { event, organizer, invitees, letter } = workshop;
  const names = [organizer.unit ? `${organizer.name} ${organizer.unit}` : organizer.name, ...invitees.map((invitee) => invitee.name)];
  const location = event.venue ? [event.venue.name, event.venue.address].filter(Boolean).join(', ') : event.online;
  const description = [event.theme, event.description, agendaText(workshop, options.locale), letterText(workshop, options.locale), event.online]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
  const attributes: EventAttributes = {
    productId: '-//Narahubung//Workshop//EN',
    method: options.cancel ? 'CANCEL' : 'REQUEST',
    uid: eventUid(workshop),
    sequence: event.sequence,
    start: localToUtc(event.start, event.timeZone),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: localToUtc(event.end, event.timeZone),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: clean(event.title),
    ...(description ? { description: clean(description) } : {}),
    ...(location ? { location: clean(location) } : {}),
    ...(event.online ? { url: event.online } : {}),
    status: options.cancel ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: placeholder(0), email: organizer.email },
    attendees: invitees.map((invitee, index) => ({
      name: placeholder(index + 1),
      email: invitee.email,
      rsvp: true,
      role: 'REQ-PARTICIPANT',
      partstat: 'NEEDS-ACTION',
    })),
    ...(options.cancel
      ? {}
      : {
          alarms: [
            {
              action: 'display' as const,
              description: clean(message(options.locale, 'doc.reminder', { title: event.title })),
              trigger: { hours: 24, minutes: 0, before: true },
            },
          ],
        }),
  };
  // DTSTAMP from the letter date, never the clock: the same file gives the same bytes
  // (`timestamp` is read by ics 3.12 but missing from its types).
  const result = createEvent(Object.assign(attributes, { timestamp: localToUtc(`${letter.date}T00:00`, event.timeZone) }));
  if (result.error || !result.value) throw result.error ?? new Error('ics produced nothing');
  const unfolded = result.value.replace(/\r\n[ \t]/g, '');
  const fixed = unfolded.replace(/CN="NHCN(\d+)X"/g, (_whole, index: string) => `CN=${parameterValue(names[Number(index)] ?? '')}`);
  // Enumerated values need no quotes; some clients compare them quoted.
  const unquoted = fixed.replace(/;(ROLE|PARTSTAT|CUTYPE)="([A-Z-]+)"/g, ';$1=$2');
  const lines = unquoted.split('\r\n').filter((line) => line !== '');
  return encoder.encode(lines.map(foldLine).join('\r\n') + '\r\n');
}

/** The susunan acara as lines of the description: `07.30-08.00 Registrasi peserta (Panitia)`. */
function agendaText(workshop: Workshop, locale: Locale): string {
  const lines = workshop.agenda.map((item) => {
    const time = item.end ? `${formatTime(item.start, locale)}-${formatTime(item.end, locale)}` : formatTime(item.start, locale);
    return `${time} ${item.activity}${item.speaker ? ` (${item.speaker})` : ''}`;
  });
  return `${message(locale, 'doc.agendaHeading')}:\n${lines.join('\n')}`;
}

/** Which letter the invitation is: its number and date. */
function letterText(workshop: Workshop, locale: Locale): string {
  return message(locale, 'doc.icsLetter', { number: workshop.letter.number, date: formatDate(workshop.letter.date, locale, false) });
}

function placeholder(index: number): string {
  return `NHCN${index}X`;
}

function clean(text: string): string {
  return normaliseText(text);
}

/** A parameter value per RFC 6868 (^^, ^n, ^'), always quoted so `:`, `;` and `,` are safe. */
export function parameterValue(value: string): string {
  const escaped = normaliseText(value)
    .replace(/\^/g, '^^')
    .replace(/\n/g, '^n')
    .replace(/"/g, "^'")
    // Other control characters are not allowed in a quoted parameter value.
    .replace(/\p{Cc}/gu, ' ');
  return `"${escaped}"`;
}

/** Folds one content line so no physical line exceeds 75 octets, never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // a continuation line starts with one space
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
