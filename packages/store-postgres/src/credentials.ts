/**
 * Credentials (token hashes) in PostgreSQL, and a version counter bumped in the same transaction
 * as every change, so that each instance's token verifier reloads when another instance or the
 * `tokens` command changed them.
 */
import type { CredentialStore, Principal, StoredCredential } from '@narahubung/core';
import type { Pool, PoolClient } from 'pg';

interface CredentialRow {
  principal_id: string;
  token_hash: string;
  principal: string;
  created_at: string;
  rotated_at: string | null;
}

/** Runs `work` in one transaction on one connection of the pool. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      // A connection that cannot even roll back is not given to anyone else.
      broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

const BUMP = 'UPDATE credentials_version SET value = value + 1';

export function createCredentials(pool: Pool): CredentialStore {
  return {
    async listCredentials() {
      const { rows } = await pool.query<CredentialRow>('SELECT principal_id, token_hash, principal, created_at, rotated_at FROM credentials ORDER BY created_at, principal_id');
      return rows.map(
        (row): StoredCredential => ({
          principalId: row.principal_id,
          tokenHash: row.token_hash,
          principal: JSON.parse(row.principal) as Principal,
          createdAt: row.created_at,
          rotatedAt: row.rotated_at,
        }),
      );
    },

    async syncCredentials(change) {
      await inTransaction(pool, async (client) => {
        for (const credential of change.insert) {
          await client.query('INSERT INTO credentials (principal_id, token_hash, principal, created_at, rotated_at) VALUES ($1, $2, $3, $4, $5)', [
            credential.principalId,
            credential.tokenHash,
            JSON.stringify(credential.principal),
            credential.createdAt,
            credential.rotatedAt,
          ]);
        }
        for (const { principalId, principal } of change.updatePrincipals) {
          await client.query('UPDATE credentials SET principal = $1 WHERE principal_id = $2', [JSON.stringify(principal), principalId]);
        }
        if (change.remove.length > 0) await client.query('DELETE FROM credentials WHERE principal_id = ANY($1::text[])', [change.remove]);
        await client.query(BUMP);
      });
    },

    async rotateCredential(principalId, tokenHash, at) {
      // One statement: the version moves only when a credential did.
      const { rows } = await pool.query<{ rotated: boolean }>(
        `WITH rotated AS (UPDATE credentials SET token_hash = $1, rotated_at = $2 WHERE principal_id = $3 RETURNING 1),
              bumped AS (UPDATE credentials_version SET value = value + 1 WHERE EXISTS (SELECT 1 FROM rotated))
         SELECT EXISTS (SELECT 1 FROM rotated) AS rotated`,
        [tokenHash, at, principalId],
      );
      return rows[0]?.rotated === true;
    },

    async credentialsVersion() {
      const { rows } = await pool.query<{ value: string }>({ name: 'nh_credentials_version', text: 'SELECT value FROM credentials_version' });
      return Number(rows[0]?.value ?? 0);
    },
  };
}
