/**
 * A real SMTP server in the test process (the `smtp-server` package), parsing every message it
 * accepts with `mailparser`. It can refuse for a while (451, a temporary failure) to test retries.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Every header line as sent, e.g. `List-Unsubscribe: <https://…>`. */
  headerLines: string;
}

export interface TestSmtpServer {
  url: string;
  mails: ReceivedMail[];
  /** While true, every recipient is refused with 451 (try again later). */
  refusing: boolean;
  /** How many recipients were refused. */
  refused: number;
  /** Resolves once `count` mails matching `test` arrived (or rejects after `ms`). */
  waitFor(test: (mail: ReceivedMail) => boolean, count?: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    url: '',
    mails: [],
    refusing: false,
    refused: 0,
    async waitFor(test, count = 1, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = state.mails.filter(test);
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${count} mails, got ${found.length} of ${state.mails.length}: ${state.mails.map((mail) => mail.subject).join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refusing) {
        state.refused += 1;
        return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
          state.mails.push({
            messageId: parsed.messageId ?? '',
            to,
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            // Unfolded: a long header arrives folded over lines.
            headerLines: parsed.headerLines.map((header) => header.line.replace(/\r?\n[ \t]+/g, ' ')).join('\n'),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}
