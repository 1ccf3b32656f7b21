/**
 * Bearer tokens of focal points and intake officers, kept in the database as SHA-256 hashes only.
 * A token is shown once, when it is issued (first run) or rotated, and never again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createTokenVerifier } from '@narahubung/core';
import type { Principal, TokenEntry, TokenVerifier } from '@narahubung/core';
import type { SqliteDatabase } from './database.js';

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
  ensure(principals: readonly Principal[], agencyOf: (principal: Principal) => string): IssuedToken[];
  /** A new token for one principal; the old one stops working at once. Null for an unknown id. */
  rotate(principalId: string, agencyOf: (principal: Principal) => string): IssuedToken | null;
  holders(): TokenHolder[];
}

/** 256 random bits, base64url, with a prefix that secret scanners can recognise. */
export function generateToken(): string {
  return `nh_${randomBytes(32).toString('base64url')}`;
}

/** Lower-case hex SHA-256, the same value as core's `hashToken`. */
export function hashTokenSync(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The line printed for an issued token (the issue asks for exactly this shape). */
export function tokenLine(issued: IssuedToken): string {
  return `token for ${issued.principal.name} (${issued.agencyName}): ${issued.token}`;
}

export function createTokenRegistry(db: SqliteDatabase, options: { now?: () => Date } = {}): TokenRegistry {
  const now = options.now ?? (() => new Date());
  const statements = {
    all: db.prepare<[], { principal_id: string; token_hash: string; principal: string; created_at: string; rotated_at: string | null }>(
      'SELECT principal_id, token_hash, principal, created_at, rotated_at FROM tokens ORDER BY created_at, principal_id',
    ),
    insert: db.prepare('INSERT INTO tokens (principal_id, token_hash, principal, created_at) VALUES (?, ?, ?, ?)'),
    setPrincipal: db.prepare('UPDATE tokens SET principal = ? WHERE principal_id = ?'),
    rotate: db.prepare('UPDATE tokens SET token_hash = ?, rotated_at = ? WHERE principal_id = ?'),
    revoke: db.prepare('DELETE FROM tokens WHERE principal_id = ?'),
  };

  let cache: TokenEntry[] | null = null;
  let cachedAt = -1;
  // `data_version` changes when another connection (the token CLI) commits: reload only then.
  function entries(): TokenEntry[] {
    const version = db.pragma('data_version', { simple: true }) as number;
    if (cache === null || version !== cachedAt) {
      cache = statements.all.all().map((row) => ({ tokenHash: row.token_hash, principal: JSON.parse(row.principal) as Principal }));
      cachedAt = version;
    }
    return cache;
  }

  const issue = (principal: Principal, agencyOf: (principal: Principal) => string): IssuedToken & { hash: string } => {
    const token = generateToken();
    return { principal, agencyName: agencyOf(principal), token, hash: hashTokenSync(token) };
  };

  return {
    verifier: createTokenVerifier(entries),

    ensure(principals, agencyOf) {
      const issued: IssuedToken[] = [];
      db.transaction(() => {
        const stored = new Map(statements.all.all().map((row) => [row.principal_id, row.principal]));
        const listed = new Set(principals.map((principal) => principal.id));
        for (const principal of principals) {
          const json = JSON.stringify(principal);
          const existing = stored.get(principal.id);
          if (existing === undefined) {
            const { hash, ...token } = issue(principal, agencyOf);
            statements.insert.run(principal.id, hash, json, now().toISOString());
            issued.push(token);
          } else if (existing !== json) {
            statements.setPrincipal.run(json, principal.id);
          }
        }
        // Someone taken out of the directory loses access with it.
        for (const id of stored.keys()) if (!listed.has(id)) statements.revoke.run(id);
      }).immediate();
      cache = null;
      return issued;
    },

    rotate(principalId, agencyOf) {
      const row = statements.all.all().find((candidate) => candidate.principal_id === principalId);
      if (!row) return null;
      const { hash, ...token } = issue(JSON.parse(row.principal) as Principal, agencyOf);
      statements.rotate.run(hash, now().toISOString(), principalId);
      cache = null;
      return token;
    },

    holders() {
      return statements.all.all().map((row) => ({ principal: JSON.parse(row.principal) as Principal, createdAt: row.created_at, rotatedAt: row.rotated_at }));
    },
  };
}
