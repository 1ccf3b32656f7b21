/**
 * The reporter's key and the unsubscribe token of a complaint, derived from a server secret with
 * HMAC-SHA256 (Web Crypto: browsers, workers, Node): never stored, the same on every replay and
 * every instance that shares the secret, compared in constant time.
 */
import { constantTimeEqual } from './tokens.js';

export interface ReporterKeys {
  /** The reporter's key of a complaint: 43 base64url characters (256 bits). */
  reporterKey(trackingId: string): Promise<string>;
  /** The token of a complaint's unsubscribe link. */
  unsubscribeToken(trackingId: string): Promise<string>;
  /** Whether `presented` is the reporter's key of `trackingId`, in time that does not depend on how much of it is right. */
  verifyReporter(trackingId: string, presented: string): Promise<boolean>;
  verifyUnsubscribe(trackingId: string, presented: string): Promise<boolean>;
}

/** Bytes of secret at least: 256 bits. */
export const SECRET_MIN_BYTES = 32;

const base64url = (bytes: ArrayBuffer): string => {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/**
 * Keys derived from `secret` (at least 32 bytes; a string is read as UTF-8). Without a secret, a
 * random one for this process: keys then do not survive a restart, which suits tests only.
 * @example const keys = createReporterKeys(process.env.SECRET); await keys.reporterKey('NH-7K3M-9XQ2-4TDV-8')
 */
export function createReporterKeys(secret?: string | Uint8Array): ReporterKeys {
  const bytes = secret === undefined ? crypto.getRandomValues(new Uint8Array(SECRET_MIN_BYTES)) : typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.byteLength < SECRET_MIN_BYTES) throw new RangeError(`the server secret must have at least ${SECRET_MIN_BYTES} bytes`);
  const key = crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const derive = async (purpose: string, trackingId: string) => base64url(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(`${purpose}:${trackingId}`)));
  const verify = async (purpose: string, trackingId: string, presented: string) =>
    typeof presented === 'string' && presented.length <= 128 && constantTimeEqual(await derive(purpose, trackingId), presented);
  return {
    reporterKey: (trackingId) => derive('reporter', trackingId),
    unsubscribeToken: (trackingId) => derive('unsubscribe', trackingId),
    verifyReporter: (trackingId, presented) => verify('reporter', trackingId, presented),
    verifyUnsubscribe: (trackingId, presented) => verify('unsubscribe', trackingId, presented),
  };
}
