/**
 * Email through an SMTP relay with Nodemailer: core's `Notifier` for the reference server, and the
 * background loop that sends the outbox and writes the daily digests.
 */
import { createTransport } from 'nodemailer';
import { createNotificationSender, enqueueDigests } from '@narahubung/core';
import type { MailContext, Notifier, ReporterKeys, Store } from '@narahubung/core';

export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465`. */
  smtpUrl: string;
  /** `Layanan Pengaduan <pengaduan@dinas.example.go.id>`. */
  from: string;
  /** The language of mails to staff (focal points, officers): `id` unless `MAIL_STAFF_LOCALE=en`. Citizens' mails follow the language they wrote in. */
  staffLocale?: 'id' | 'en';
}

/** The domain of the sender address, for Message-IDs. */
export function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'narahubung.invalid';
}

/** A Notifier over SMTP: resolves once the relay accepted the message. */
export function createSmtpNotifier(settings: MailSettings): Notifier & { close(): void } {
  const transport = createTransport(settings.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: message.headers,
      });
    },
    close: () => transport.close(),
  };
}

export interface MailLoopOptions {
  store: Store;
  notifier: Notifier;
  keys: ReporterKeys;
  domain: string;
  context: MailContext;
  now: () => Date;
  log?: (line: string) => void;
  /** How often the outbox is looked at when idle (default 2 s). */
  intervalMs?: number;
  /** The local hour digests are written (default 7). */
  digestHour?: number;
  /** How long a claimed mail is held by this instance before another may send it (default 60 s). */
  leaseMs?: number;
}

/**
 * Sends the outbox until stopped: a round every `intervalMs`, or at once after `wake()`; and once a
 * day, from `digestHour` local time, the focal points' digests (every instance may do it: each
 * digest's id is its focal point and date, so it is written once).
 */
export function startMailLoop(options: MailLoopOptions): { wake(): void; stop(): Promise<void> } {
  const sender = createNotificationSender({
    store: options.store,
    notifier: options.notifier,
    keys: options.keys,
    domain: options.domain,
    now: options.now,
    leaseMs: options.leaseMs ?? 60_000,
    log: (entry) => options.log?.(`mail ${entry.event} ${entry.kind} attempts=${entry.attempts}${entry.code ? ` code=${entry.code}` : ''}`),
  });
  const calendar = options.context.calendar;
  let digestDone = '';
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function round(): Promise<void> {
    const now = options.now();
    const today = calendar.localDate(now);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: calendar.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (digestDone !== today && hour >= (options.digestHour ?? 7)) {
      await enqueueDigests(options.store, options.context, now);
      digestDone = today;
    }
    // Keep going while rounds find work: a burst drains at once.
    while (!stopped && (await sender.runOnce()) > 0);
  }

  /** One round at a time; a wake-up during a round asks for another right after it. */
  function run(): void {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((error: unknown) => options.log?.(`mail round failed ${error instanceof Error ? error.name : 'error'}`))
      .finally(() => {
        running = null;
        const soon = again;
        again = false;
        schedule(soon ? 0 : (options.intervalMs ?? 2000));
      });
  }

  function schedule(delay: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delay);
    timer.unref();
  }
  schedule(0);

  return {
    wake() {
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
