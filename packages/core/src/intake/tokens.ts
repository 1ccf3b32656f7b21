/**
 * Bearer tokens of staff (focal points, officers, intake officers, supervisors), and API keys of
 * client systems. Only SHA-256 hashes are kept, and the comparison takes the same time whatever the
 * bytes, so neither a leaked table nor a timing probe gives a token away.
 */

/** Staff, who read complaints (and, but for a supervisor, move them): a focal point or an officer (their agency's), an intake officer (all or listed agencies), a supervisor (the agencies it supervises). */
export type StaffPrincipal =
  | { role: 'focal_point'; id: string; name: string; agencyId: string }
  /** Staff of an agency who handle complaints assigned to them; they read and move their agency's complaints, but assign none. */
  | { role: 'officer'; id: string; name: string; agencyId: string }
  /** `agencyId` is the officer's own agency (e.g. the Ombudsman office), `agencyIds` those whose complaints they read. */
  | { role: 'intake_officer'; id: string; name: string; agencyIds: readonly string[] | 'all'; agencyId?: string }
  /**
   * An inspectorate's or Ombudsman office's supervisor (`agencyId`): reads the complaints of the
   * agencies it supervises (`agencyIds`, the directory's `supervisedBy`) as a focal point would,
   * with the indicators' exact numbers, and changes nothing.
   */
  | { role: 'supervisor'; id: string; name: string; agencyId: string; agencyIds: readonly string[] };

/**
 * A client system (a FixMyStreet instance, a national bridge) holding an Open311 `api_key`: it may
 * post requests to Open311 and nothing else. It reads no inbox and moves no complaint.
 */
export interface ClientSystemPrincipal {
  role: 'client_system';
  id: string;
  name: string;
}

/** Who is calling, once their token (or API key) is verified. */
export type Principal = StaffPrincipal | ClientSystemPrincipal;

/** Turns a presented bearer token into a principal, or null. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal | null>;
}

/** A known token, by its hash only. */
export interface TokenEntry {
  /** `hashToken(token)`: lower-case hex SHA-256. */
  tokenHash: string;
  principal: Principal;
}

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Lower-case hex SHA-256 of a token (Web Crypto: works in browsers, workers and Node). */
export async function hashToken(token: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let index = 0; index < length; index += 1) {
    difference |= (a.charCodeAt(index) || 0) ^ (b.charCodeAt(index) || 0);
  }
  return difference === 0;
}

/**
 * A verifier over a fixed list of token hashes. Every entry is compared, with no early exit.
 * @example createTokenVerifier([{ tokenHash: await hashToken(secret), principal }])
 */
export function createTokenVerifier(entries: readonly TokenEntry[] | (() => readonly TokenEntry[])): TokenVerifier {
  const current = typeof entries === 'function' ? entries : () => entries;
  return {
    async verify(token) {
      if (typeof token !== 'string' || token.length < 16 || token.length > 512) return null;
      const presented = await hashToken(token);
      let found: Principal | null = null;
      for (const entry of current()) {
        if (constantTimeEqual(entry.tokenHash, presented)) found = entry.principal;
      }
      return found;
    },
  };
}
