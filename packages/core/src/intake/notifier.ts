/**
 * Sending what the outbox holds. A `Notifier` delivers one message (email today; an SMS or
 * WhatsApp gateway can be another Notifier); `createNotificationSender` takes due notifications
 * from the store under a lease, fills in the secrets the outbox never holds, sends each, and marks
 * it sent only after the notifier resolved (the relay accepted it), else backs off and tries again.
 * A crash between sending and marking sends it again with the same Message-ID, which mail clients
 * show once.
 */
import type { WorkCalendar } from '../calendar.js';
import { shiftLocalDate } from '../calendar.js';
import type { OutboxNotification, Store } from '../store.js';
import { fillSecrets, digestMail } from './notifications.js';
import type { MailContext } from './notifications.js';
import type { ReporterKeys } from './reporter-keys.js';
import { sha256HexSync } from './sha256.js';

/** A message as a notifier sends it. */
export interface OutgoingMessage {
  /** Stable for a notification: `<hex@domain>`. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Delivers one message; resolves once the relay accepted it, rejects otherwise. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

export interface SenderOptions {
  store: Store;
  notifier: Notifier;
  keys: ReporterKeys;
  /** The domain of Message-IDs, e.g. the sender address's. */
  domain: string;
  now?: () => Date;
  /** Receives ids and codes only. */
  log?: (entry: { event: 'notification_sent' | 'notification_failed'; id: string; kind: string; attempts: number; code?: string }) => void;
  /** How many a round takes at most (default 20). */
  batch?: number;
  /** How long a claimed notification is held for this sender (default 2 minutes). */
  leaseMs?: number;
}

/** The Message-ID of a notification: the same for every attempt. */
export function messageIdOf(notificationId: string, domain: string): string {
  return `<${sha256HexSync(`narahubung:${notificationId}`).slice(0, 40)}@${domain}>`;
}

/** Seconds to wait after the n-th failed attempt: 30 s, 1, 2, 4 … minutes, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

export function createNotificationSender(options: SenderOptions) {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);

  async function send(notification: OutboxNotification): Promise<boolean> {
    const trackingId = notification.trackingId ?? '';
    const filled = trackingId
      ? fillSecrets(notification, { reporterKey: await options.keys.reporterKey(trackingId), unsubscribeToken: await options.keys.unsubscribeToken(trackingId) })
      : notification;
    try {
      await options.notifier.send({
        messageId: messageIdOf(notification.id, options.domain),
        to: notification.to,
        subject: notification.subject,
        text: filled.text,
        html: filled.html,
        headers: filled.headers ?? {},
      });
    } catch (error) {
      const attempts = notification.attempts + 1;
      const code = (error as { responseCode?: unknown; code?: unknown }).responseCode ?? (error as { code?: unknown }).code;
      await options.store.settleNotification(notification.id, {
        sent: false,
        retryAt: new Date(now().getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
        error: String(code ?? (error instanceof Error ? error.name : 'error')).slice(0, 100),
      });
      log({ event: 'notification_failed', id: notification.id, kind: notification.kind, attempts, code: String(code ?? 'error') });
      return false;
    }
    await options.store.settleNotification(notification.id, { sent: true, at: now().toISOString() });
    log({ event: 'notification_sent', id: notification.id, kind: notification.kind, attempts: notification.attempts + 1 });
    return true;
  }

  return {
    /** One round: claims what is due and sends it; resolves with how many were sent. */
    async runOnce(): Promise<number> {
      const due = await options.store.claimNotifications({ now: now().toISOString(), limit: options.batch ?? 20, leaseMs: options.leaseMs ?? 120_000 });
      let sent = 0;
      for (const notification of due) if (await send(notification)) sent += 1;
      return sent;
    },
  };
}

/** The most complaints a digest lists per section; it says how many more there are. */
const DIGEST_LIST_MAX = 20;

/**
 * Puts today's digest of every focal point with an address in the outbox: their agency's
 * complaints overdue and due tomorrow. Its id is the focal point and the date, so every instance
 * may run it and each digest is written once.
 */
export async function enqueueDigests(store: Store, context: MailContext & { calendar: WorkCalendar }, now: Date): Promise<number> {
  const { calendar, directory } = context;
  const today = calendar.localDate(now);
  const tomorrow = calendar.startOfDay(shiftLocalDate(today, 1)).toISOString();
  const dayAfter = calendar.startOfDay(shiftLocalDate(today, 2)).toISOString();
  const mails = [];
  const open = ['received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'escalated'] as const;
  for (const agency of directory.agencies()) {
    const focalPoints = directory.focalPointsOf(agency.id).filter((focalPoint) => focalPoint.email && focalPoint.active.from <= today && (focalPoint.active.until === null || today <= focalPoint.active.until));
    if (focalPoints.length === 0) continue;
    const list = (filter: { overdueAt: string; dueFrom?: string }) => store.query({ agencyIds: [agency.id], statuses: [...open], ...filter, sort: 'deadline', limit: DIGEST_LIST_MAX });
    const [overdue, dueTomorrow] = await Promise.all([list({ overdueAt: now.toISOString() }), list({ dueFrom: tomorrow, overdueAt: dayAfter })]);
    for (const focalPoint of focalPoints) {
      const mail = digestMail(focalPoint, { overdue: overdue.items, dueTomorrow: dueTomorrow.items, overdueTotal: overdue.total, dueTomorrowTotal: dueTomorrow.total }, today, context);
      if (mail) mails.push(mail);
    }
  }
  if (mails.length > 0) await store.enqueueNotifications(mails);
  return mails.length;
}
