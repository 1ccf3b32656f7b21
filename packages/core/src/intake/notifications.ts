/**
 * Which mails a change causes, and what they say: pure functions from the complaint before and
 * after a change to the notifications the store writes in the same transaction.
 *
 * Rules kept here, and tested: a mail to an agency carries no free text and nothing of the reporter
 * (number, category, dates and a link to the inbox, where staff see what their role allows); a mail
 * to the reporter says only what their own view shows. The reporter's key and the unsubscribe token
 * are never written into the outbox: mails carry `{{reporterKey}}` and `{{unsubscribeToken}}`, which
 * the sender fills in from the server secret when it sends (`fillSecrets`).
 */
import type { WorkCalendar } from '../calendar.js';
import type { Directory } from '../directory.js';
import { formatDate, formatInstant } from '../format.js';
import { disputeOpenUntil } from '../lifecycle.js';
import { message } from '../messages/index.js';
import { serverMessage } from '../messages/server.js';
import type { ServerMessageKey } from '../messages/server.js';
import type { ComplaintRecord, Deadlines, Locale } from '../model.js';
import type { Policy } from '../policy.js';
import type { NewNotification } from '../store.js';

/** Where links in mails point. */
export interface MailLinks {
  /** The status page, e.g. `https://lapor.example.go.id/status`; the personal link adds `?tracking=…#key=…`. */
  statusPage: string;
  /** The inbox page; a complaint opens at `?complaint=NH-…`. */
  inbox: string;
  /** The API's root (for the unsubscribe link), e.g. `https://lapor.example.go.id`. */
  api: string;
}

export interface MailContext {
  directory: Directory;
  calendar: WorkCalendar;
  policy: Policy;
  links: MailLinks;
  /** The language of mails to staff. */
  staffLocale: Locale;
}

export const REPORTER_KEY_PLACEHOLDER = '{{reporterKey}}';
export const UNSUBSCRIBE_PLACEHOLDER = '{{unsubscribeToken}}';

/** A mail as paragraphs of plain text: written as text and as simple, escaped HTML. */
interface Draft {
  id: string;
  kind: string;
  to: string;
  subject: string;
  paragraphs: string[];
  trackingId?: string;
  headers?: Record<string, string>;
}

function toNotification(draft: Draft): NewNotification {
  const text = `${draft.paragraphs.join('\n\n')}\n`;
  const html = `<!doctype html><html><body>${draft.paragraphs.map((paragraph) => `<p>${linkify(escapeHtml(paragraph)).replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`;
  return {
    id: draft.id,
    kind: draft.kind,
    to: draft.to,
    subject: draft.subject,
    text,
    html,
    ...(draft.trackingId ? { trackingId: draft.trackingId } : {}),
    ...(draft.headers ? { headers: draft.headers } : {}),
  };
}

/** Text as HTML text: the five characters that could start markup, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Links we wrote (https://…) as anchors; the text was escaped before, so the URL is too. */
function linkify(html: string): string {
  return html.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

const personalLink = (links: MailLinks, trackingId: string) => `${links.statusPage}?tracking=${encodeURIComponent(trackingId)}#key=${REPORTER_KEY_PLACEHOLDER}`;
const unsubscribeLink = (links: MailLinks, trackingId: string) => `${links.api}/v1/complaints/${encodeURIComponent(trackingId)}/unsubscribe?token=${UNSUBSCRIBE_PLACEHOLDER}`;
const inboxLink = (links: MailLinks, trackingId: string) => `${links.inbox}?complaint=${encodeURIComponent(trackingId)}`;

/** The reporter's address, when they asked for updates and gave one. */
function reporterAddress(record: ComplaintRecord): string | null {
  const email = record.submission.reporter.email;
  return record.submission.emailUpdates === true && email ? email : null;
}

/** A mail to the reporter, in their language, with their personal link and an unsubscribe link. */
function toReporter(record: ComplaintRecord, context: MailContext, id: string, kind: string, subject: ServerMessageKey, body: string[], params: Record<string, string>): NewNotification[] {
  const to = reporterAddress(record);
  if (!to) return [];
  const locale = record.submission.locale;
  const agency = context.directory.agency(record.handlingAgencyId)?.name ?? record.handlingAgencyId;
  const unsubscribe = unsubscribeLink(context.links, record.trackingId);
  return [
    toNotification({
      id,
      kind,
      to,
      trackingId: record.trackingId,
      subject: serverMessage(locale, subject, params),
      paragraphs: [
        serverMessage(locale, 'mail.greeting', { name: record.submission.reporter.name }),
        ...body,
        serverMessage(locale, 'mail.personal_link', { link: personalLink(context.links, record.trackingId) }),
        serverMessage(locale, 'mail.signature', { agency }),
        serverMessage(locale, 'mail.unsubscribe', { link: unsubscribe }),
      ],
      // RFC 8058 one-click unsubscribe: mail clients POST to it.
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    }),
  ];
}

/** Staff to tell about a complaint: the given focal points (and officers) with an address. */
function staffMails(record: ComplaintRecord, context: MailContext, ids: readonly string[], draft: (name: string) => Omit<Draft, 'to' | 'id' | 'paragraphs'> & { paragraphs: string[] }, idPrefix: string): NewNotification[] {
  const locale = context.staffLocale;
  const agency = context.directory.agency(record.handlingAgencyId)?.name ?? record.handlingAgencyId;
  const seen = new Set<string>();
  return ids.flatMap((staffId) => {
    const person = context.directory.focalPoint(staffId) ?? context.directory.officer(staffId);
    if (!person || !person.email || seen.has(person.email)) return [];
    seen.add(person.email);
    const { paragraphs, ...rest } = draft(person.name);
    return [
      toNotification({
        ...rest,
        id: `${idPrefix}:staff:${staffId}`,
        to: person.email,
        trackingId: record.trackingId,
        paragraphs: [
          serverMessage(locale, 'mail.greeting_staff', { name: person.name }),
          ...paragraphs,
          serverMessage(locale, 'mail.open_inbox', { link: inboxLink(context.links, record.trackingId) }),
          serverMessage(locale, 'mail.signature', { agency }),
        ],
      }),
    ];
  });
}

/** The focal points of an agency active on the date of `at` (and the complaint's assignee, when one). */
function handlers(record: ComplaintRecord, context: MailContext, agencyId: string, at: string): string[] {
  const today = context.calendar.localDate(new Date(at));
  const active = context.directory.focalPointsOf(agencyId).filter((focalPoint) => focalPoint.active.from <= today && (focalPoint.active.until === null || today <= focalPoint.active.until));
  return [...active.map((focalPoint) => focalPoint.id), ...(record.assigneeId ? [record.assigneeId] : [])];
}

/** Mails for a new complaint: the reporter's receipt, and an alert to each focal point it was routed to. */
export function mailsForNewComplaint(record: ComplaintRecord, deadlines: Deadlines, context: MailContext): NewNotification[] {
  const zone = context.calendar.timeZone;
  const reporterLocale = record.submission.locale;
  const staff = context.staffLocale;
  const agency = context.directory.agency(record.agencyId)?.name ?? record.agencyId;
  const params = (locale: Locale) => ({
    trackingId: record.trackingId,
    agency,
    receivedAt: formatInstant(record.receivedAt, locale, zone),
    verifyBy: formatDate(deadlines.verifyBy, locale, zone),
  });
  return [
    ...toReporter(record, context, `${record.trackingId}:0:reporter`, 'receipt', 'mail.receipt.subject', [serverMessage(reporterLocale, 'mail.receipt.body', params(reporterLocale))], params(reporterLocale)),
    ...staffMails(
      record,
      context,
      record.focalPointIds,
      () => ({
        kind: 'new_complaint',
        subject: serverMessage(staff, 'mail.new_complaint.subject', params(staff)),
        paragraphs: [
          serverMessage(staff, 'mail.new_complaint.body', {
            ...params(staff),
            kind: message(staff, `kind.${record.submission.kind}`),
            category: message(staff, `category.${record.submission.category}`),
            confidentiality: serverMessage(staff, `mail.confidentiality.${record.submission.confidentiality}`),
          }),
        ],
      }),
      `${record.trackingId}:0`,
    ),
  ];
}

/**
 * Mails for a change: the last step of `after`'s history. A public change by staff goes to the
 * reporter (a request for information, a resolution with the invitation to rate or dispute, or any
 * other status with its public note); an escalation, a reply or a dispute goes to the staff who
 * handle it now. Assignments mail nobody.
 */
export function mailsForChange(before: ComplaintRecord, after: ComplaintRecord, deadlines: Deadlines, context: MailContext): NewNotification[] {
  const index = after.history.length - 1;
  const step = after.history[index];
  if (!step || step.kind === 'assignment' || after.history.length === before.history.length) return [];
  const zone = context.calendar.timeZone;
  const id = `${after.trackingId}:${index}`;
  const locale = after.submission.locale;
  const staff = context.staffLocale;
  const agency = context.directory.agency(after.handlingAgencyId)?.name ?? after.handlingAgencyId;
  const status = (lang: Locale) => message(lang, `status.${after.status}`);
  const base = { trackingId: after.trackingId, agency };

  if (step.actor === 'reporter') {
    if (step.kind === 'withdrawal') return [];
    const key = step.kind === 'dispute' ? 'dispute' : 'citizen_reply';
    return staffMails(
      after,
      context,
      handlers(after, context, after.handlingAgencyId, step.at),
      () => ({ kind: key, subject: serverMessage(staff, `mail.${key}.subject`, base), paragraphs: [serverMessage(staff, `mail.${key}.body`, base)] }),
      id,
    );
  }

  const mails: NewNotification[] = [];
  if (after.handlingAgencyId !== before.handlingAgencyId) {
    const reported = context.directory.agency(after.agencyId)?.name ?? after.agencyId;
    const params = { ...base, reported, resolveBy: deadlines.resolveBy ? formatDate(deadlines.resolveBy, staff, zone) : '-' };
    mails.push(
      ...staffMails(after, context, handlers(after, context, after.handlingAgencyId, step.at), () => ({ kind: 'escalation', subject: serverMessage(staff, 'mail.escalation.subject', params), paragraphs: [serverMessage(staff, 'mail.escalation.body', params)] }), id),
    );
  }
  if (after.status === 'needs_info') {
    mails.push(...toReporter(after, context, `${id}:reporter`, 'info_request', 'mail.info_request.subject', [serverMessage(locale, 'mail.info_request.body', { ...base, request: step.note || '-' })], base));
  } else if (after.status === 'resolved') {
    const until = disputeOpenUntil(after, context.policy.disputeDays);
    mails.push(
      ...toReporter(after, context, `${id}:reporter`, 'resolved', 'mail.resolved.subject', [
        serverMessage(locale, 'mail.resolved.body', base),
        ...(step.note ? [serverMessage(locale, 'mail.status.note', { note: step.note })] : []),
        serverMessage(locale, 'mail.resolved.ask', { until: until ? formatDate(until, locale, zone) : '-' }),
      ], base),
    );
  } else {
    mails.push(
      ...toReporter(after, context, `${id}:reporter`, 'status', 'mail.status.subject', [
        serverMessage(locale, 'mail.status.body', { ...base, status: status(locale) }),
        ...(step.note ? [serverMessage(locale, 'mail.status.note', { note: step.note })] : []),
        ...(step.reason ? [serverMessage(locale, 'mail.status.reason', { reason: message(locale, `reason.${step.reason}`) })] : []),
      ], { ...base, status: status(locale) }),
    );
  }
  return mails;
}

/** A focal point's daily digest: their complaints overdue and due tomorrow (numbers, categories, dates; no free text). */
export function digestMail(
  focalPoint: { id: string; name: string; email: string; agencyId: string },
  lists: { overdue: readonly ComplaintRecord[]; dueTomorrow: readonly ComplaintRecord[]; overdueTotal: number; dueTomorrowTotal: number },
  date: string,
  context: MailContext,
): NewNotification | null {
  if (!focalPoint.email || (lists.overdueTotal === 0 && lists.dueTomorrowTotal === 0)) return null;
  const locale = context.staffLocale;
  const zone = context.calendar.timeZone;
  const agency = context.directory.agency(focalPoint.agencyId)?.name ?? focalPoint.agencyId;
  const day = formatDate(context.calendar.startOfDay(date).toISOString(), locale, zone);
  const section = (title: ServerMessageKey, records: readonly ComplaintRecord[], total: number) =>
    total === 0
      ? []
      : [
          [
            serverMessage(locale, title, { count: total }),
            ...records.map((record) =>
              serverMessage(locale, 'mail.digest.line', {
                trackingId: record.trackingId,
                category: message(locale, `category.${record.submission.category}`),
                dueAt: record.dueAt ? formatInstant(record.dueAt, locale, zone) : '-',
              }),
            ),
            ...(total > records.length ? [serverMessage(locale, 'mail.digest.more', { count: total - records.length })] : []),
            serverMessage(locale, 'mail.open_inbox', { link: context.links.inbox }),
          ].join('\n'),
        ];
  return toNotification({
    id: `digest:${focalPoint.id}:${date}`,
    kind: 'digest',
    to: focalPoint.email,
    subject: serverMessage(locale, 'mail.digest.subject', { date: day, overdue: lists.overdueTotal, dueTomorrow: lists.dueTomorrowTotal }),
    paragraphs: [
      serverMessage(locale, 'mail.greeting_staff', { name: focalPoint.name }),
      serverMessage(locale, 'mail.digest.body', { agency, date: day }),
      ...section('mail.digest.overdue', lists.overdue, lists.overdueTotal),
      ...section('mail.digest.due_tomorrow', lists.dueTomorrow, lists.dueTomorrowTotal),
      serverMessage(locale, 'mail.signature', { agency }),
    ],
  });
}

/** A notification with the secrets the outbox never holds filled in, as the sender sends it. */
export function fillSecrets<T extends Pick<NewNotification, 'text' | 'html' | 'headers'>>(notification: T, secrets: { reporterKey: string; unsubscribeToken: string }): T {
  const fill = (text: string) => text.split(REPORTER_KEY_PLACEHOLDER).join(secrets.reporterKey).split(UNSUBSCRIBE_PLACEHOLDER).join(secrets.unsubscribeToken);
  return {
    ...notification,
    text: fill(notification.text),
    html: fill(notification.html),
    ...(notification.headers ? { headers: Object.fromEntries(Object.entries(notification.headers).map(([name, value]) => [name, fill(value)])) } : {}),
  };
}
