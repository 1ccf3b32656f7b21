/**
 * Tickets that let a browser frame show one attachment in place. A frame cannot send the bearer
 * token, so the inbox asks for a ticket with it and puts the ticket in the frame's URL: an HMAC of
 * the complaint, the attachment and an expiry, derived from the server secret, good for one file
 * for a few minutes. The server logs paths without their query, so tickets stay out of the logs.
 */
import { constantTimeEqual } from './tokens.js';

/** How long a ticket lasts: long enough to open a file, short enough that a leaked URL soon stops working. */
export const VIEW_TICKET_SECONDS = 120;

export interface ViewTickets {
  /** A ticket for `attachmentId` of `trackingId`, valid until `expiresAt` (ISO 8601). */
  issue(trackingId: string, attachmentId: string, now: Date): Promise<{ ticket: string; expiresAt: string }>;
  /** Whether `ticket` was issued for this attachment and has not expired, in time that does not depend on how much of it is right. */
  verify(trackingId: string, attachmentId: string, ticket: string, now: Date): Promise<boolean>;
}

const base64url = (bytes: ArrayBuffer): string => {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** Tickets derived from `secret` (as `createReporterKeys`; without one, a random one for this process). */
export function createViewTickets(secret?: string | Uint8Array): ViewTickets {
  const bytes = secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const key = crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = async (trackingId: string, attachmentId: string, expires: number) =>
    base64url(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(`view:${trackingId}:${attachmentId}:${expires}`)));
  return {
    async issue(trackingId, attachmentId, now) {
      const expires = Math.floor(now.getTime() / 1000) + VIEW_TICKET_SECONDS;
      return { ticket: `${expires}.${await mac(trackingId, attachmentId, expires)}`, expiresAt: new Date(expires * 1000).toISOString() };
    },
    async verify(trackingId, attachmentId, ticket, now) {
      const match = typeof ticket === 'string' ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(ticket) : null;
      if (!match) return false;
      const expires = Number(match[1]);
      const right = constantTimeEqual(await mac(trackingId, attachmentId, expires), match[2]!);
      return right && now.getTime() <= expires * 1000;
    },
  };
}
