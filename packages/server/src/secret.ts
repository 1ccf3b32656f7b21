/**
 * The server secret that reporters' keys and unsubscribe tokens are derived from. It is kept out of
 * the database on purpose: a copy of the database alone gives no one a reporter's key. `SECRET`
 * (at least 32 bytes) wins; otherwise, on SQLite, a file beside the database file, created on the
 * first start with mode 600. Every instance on one PostgreSQL database needs the same `SECRET`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SECRET_MIN_BYTES } from '@narahubung/core';
import { ConfigError } from './config.js';

/** Where the generated secret lives, beside the SQLite file. */
export function secretFileFor(database: string): string {
  return join(dirname(database), 'narahubung-secret');
}

/**
 * The secret: `given` (the `SECRET` setting) when set; else the file beside `database`, created
 * when missing. Throws a ConfigError for a secret that is too short, or when neither can be had.
 */
export function loadSecret(options: { given?: string; database?: string }): string {
  if (options.given !== undefined) {
    if (Buffer.byteLength(options.given) < SECRET_MIN_BYTES) throw new ConfigError('SECRET', `must be at least ${SECRET_MIN_BYTES} bytes (e.g. openssl rand -base64 48)`);
    return options.given;
  }
  if (options.database === undefined) throw new ConfigError('SECRET', 'is required with DATABASE_URL: every instance must derive the same reporter keys (e.g. openssl rand -base64 48)');
  const file = secretFileFor(options.database);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (Buffer.byteLength(secret) < SECRET_MIN_BYTES) throw new ConfigError('SECRET', `the file ${file} holds fewer than ${SECRET_MIN_BYTES} bytes`);
    return secret;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // wx: never overwrite one another process wrote meanwhile.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
