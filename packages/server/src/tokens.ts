/**
 * Bearer tokens of focal points, officers and intake officers (and, with Open311, API keys of
 * client systems), kept in the store as SHA-256 hashes only. A token is shown once, when it is
 * issued (first run) or rotated, and never again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createTokenVerifier } from '@narahubung/core';
import type { CredentialStore, Principal, TokenEntry, TokenVerifier } from '@narahubung/core';

/** A token just issued: the only moment its plain value exists. */
export interface IssuedToken {
  principal: Principal;
  /** The name of the principal's agency, for the printed line. */
  agencyName: string;
  token: string;
}

/** A principal known to the registry, without its token. */
export interface TokenHolder {
  principal: Principal;
  createdAt: string;
  rotatedAt: string | null;
}

export interface TokenRegistry {
  /** Checks presented tokens against the stored hashes in constant time; sees rotations by other processes. */
  verifier: TokenVerifier;
  /**
   * Issues a token to every principal that has none, refreshes the stored principal of the others,
   * and revokes the tokens of principals no longer listed. Returns the tokens issued now.
   */
  ensure(principals: readonly Principal[], agencyOf: (principal: Principal) => string): Promise<IssuedToken[]>;
  /** A new token for one principal; the old one stops working at once. Null for an unknown id. */
  rotate(principalId: string, agencyOf: (principal: Principal) => string): Promise<IssuedToken | null>;
  holders(): Promise<TokenHolder[]>;
}

/** 256 random bits, base64url, with a prefix that secret scanners can recognise. */
export function generateToken(): string {
  return `nh_${randomBytes(32).toString('base64url')}`;
}

/** Lower-case hex SHA-256, the same value as core's `hashToken`. */
export function hashTokenSync(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The line printed for an issued token or API key (the issues ask for exactly these shapes). */
export function tokenLine(issued: IssuedToken): string {
  if (issued.principal.role === 'client_system') return `api key for ${issued.principal.name}: ${issued.token}`;
  return `token for ${issued.principal.name} (${issued.agencyName}): ${issued.token}`;
}

export function createTokenRegistry(store: CredentialStore, options: { now?: () => Date } = {}): TokenRegistry {
  const now = options.now ?? (() => new Date());
  let cache: TokenEntry[] = [];
  let cachedVersion: number | null = null;

  // The version changes whenever credentials change (here, in another instance, or through the
  // `tokens` command): reload only then.
  async function entries(): Promise<TokenEntry[]> {
    const version = await store.credentialsVersion();
    if (version !== cachedVersion) {
      cache = (await store.listCredentials()).map((credential) => ({ tokenHash: credential.tokenHash, principal: credential.principal }));
      cachedVersion = version;
    }
    return cache;
  }

  const issue = (principal: Principal, agencyOf: (principal: Principal) => string): IssuedToken & { hash: string } => {
    const token = generateToken();
    return { principal, agencyName: agencyOf(principal), token, hash: hashTokenSync(token) };
  };

  return {
    verifier: {
      async verify(token) {
        return createTokenVerifier(await entries()).verify(token);
      },
    },

    async ensure(principals, agencyOf) {
      const stored = new Map((await store.listCredentials()).map((credential) => [credential.principalId, credential]));
      const listed = new Set(principals.map((principal) => principal.id));
      const issued: IssuedToken[] = [];
      const insert = [];
      const updatePrincipals = [];
      for (const principal of principals) {
        const existing = stored.get(principal.id);
        if (existing === undefined) {
          const { hash, ...token } = issue(principal, agencyOf);
          insert.push({ principalId: principal.id, tokenHash: hash, principal, createdAt: now().toISOString(), rotatedAt: null });
          issued.push(token);
        } else if (JSON.stringify(existing.principal) !== JSON.stringify(principal)) {
          updatePrincipals.push({ principalId: principal.id, principal });
        }
      }
      // Someone taken out of the directory loses access with it.
      const remove = [...stored.keys()].filter((id) => !listed.has(id));
      if (insert.length > 0 || updatePrincipals.length > 0 || remove.length > 0) await store.syncCredentials({ insert, updatePrincipals, remove });
      return issued;
    },

    async rotate(principalId, agencyOf) {
      const existing = (await store.listCredentials()).find((credential) => credential.principalId === principalId);
      if (!existing) return null;
      const { hash, ...token } = issue(existing.principal, agencyOf);
      return (await store.rotateCredential(principalId, hash, now().toISOString())) ? token : null;
    },

    async holders() {
      return (await store.listCredentials()).map((credential) => ({ principal: credential.principal, createdAt: credential.createdAt, rotatedAt: credential.rotatedAt }));
    },
  };
}
