/** The server's settings from environment variables (README, "Configuration"). */
import { resolve } from 'node:path';
import type { RateLimit } from '@narahubung/core';
import { DEFAULTS } from './app.js';
import type { ServerOptions } from './app.js';

/** A setting that cannot be used, named so the operator can fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
  }
}

/**
 * `RATE_LIMIT`: `0` or `off` turns it off; `N` allows N submissions per client per minute;
 * `N/S` allows N per S seconds. Unset: 20 per minute.
 */
export function parseRateLimit(text: string | undefined): RateLimit | null {
  if (text === undefined || text.trim() === '') return DEFAULTS.rateLimit;
  const value = text.trim().toLowerCase();
  if (value === '0' || value === 'off') return null;
  const match = /^(\d+)(?:\/(\d+))?$/.exec(value);
  if (!match) throw new ConfigError('RATE_LIMIT', `"${text}" is not 0, N or N/seconds (e.g. 20/60)`);
  const submissions = Number(match[1]);
  const windowSeconds = match[2] === undefined ? 60 : Number(match[2]);
  if (submissions === 0) return null;
  if (windowSeconds === 0) throw new ConfigError('RATE_LIMIT', 'the window must be at least 1 second');
  return { submissions, windowSeconds };
}

function parsePort(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULTS.port;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', `"${text}" is not a port number (0 picks a free one)`);
  return port;
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** A whole number of at least `min` from a variable, or undefined when unset. */
function parseWhole(variable: string, text: string | undefined, min: number, what: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < min) throw new ConfigError(variable, `"${text}" is not ${what}`);
  return value;
}

/**
 * `DATABASE_URL`: a PostgreSQL connection string (`postgres://` or `postgresql://`), or unset for
 * the SQLite file. Anything else is refused rather than silently falling back to SQLite.
 */
export function parseDatabaseUrl(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL like postgres://user:password@host:5432/narahubung');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// (PostgreSQL); for SQLite set DATABASE to a file instead, not ${url.protocol}//…`);
  }
  return value;
}

/** Server options from an environment such as `process.env`. Relative paths are from the working directory. */
export function optionsFromEnv(env: Record<string, string | undefined>): ServerOptions & { database: string } {
  const origins = list(env['ALLOWED_ORIGINS']);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) throw new ConfigError('ALLOWED_ORIGINS', `"${origin}" is not an origin like https://dinas.example.go.id (no path, no trailing slash)`);
  }
  const holidays = list(env['HOLIDAYS']).map((file) => resolve(file));
  const databaseUrl = parseDatabaseUrl(env['DATABASE_URL']);
  const jurisdictions = list(env['OPEN311_JURISDICTIONS']);
  return {
    port: parsePort(env['PORT']),
    host: env['HOST']?.trim() || DEFAULTS.host,
    database: env['DATABASE']?.trim() ? resolve(env['DATABASE'].trim()) : DEFAULTS.database,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(env['DIRECTORY']?.trim() ? { directory: resolve(env['DIRECTORY'].trim()) } : {}),
    ...(holidays.length > 0 ? { holidays } : {}),
    allowedOrigins: origins,
    rateLimit: parseRateLimit(env['RATE_LIMIT']),
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
    ...(env['SECRET']?.trim() ? { secret: env['SECRET'].trim() } : {}),
    ...mailFromEnv(env),
    ...(env['PUBLIC_URL']?.trim() ? { publicUrl: parsePublicUrl(env['PUBLIC_URL'].trim()) } : {}),
    ...optional('mailLeaseMs', parseWhole('MAIL_LEASE_SECONDS', env['MAIL_LEASE_SECONDS'], 1, 'a number of seconds (at least 1)'), (seconds) => seconds * 1000),
    ...(jurisdictions.length > 0 ? { open311: { jurisdictions } } : {}),
    ...optional('bodyIdleTimeoutMs', parseWhole('BODY_IDLE_TIMEOUT', env['BODY_IDLE_TIMEOUT'], 1, 'a number of seconds (at least 1)'), (seconds) => seconds * 1000),
    ...optional('maxBytesInFlight', parseWhole('UPLOAD_MB_IN_FLIGHT', env['UPLOAD_MB_IN_FLIGHT'], 1, 'a number of megabytes (at least 1)'), (megabytes) => megabytes * 1024 * 1024),
  };
}

/** `{ [key]: convert(value) }` when a value is set, else nothing (exactOptionalPropertyTypes). */
function optional<K extends string>(key: K, value: number | undefined, convert: (value: number) => number): { [P in K]?: number } {
  return value === undefined ? {} : ({ [key]: convert(value) } as { [P in K]?: number });
}

/** `SMTP_URL` and `MAIL_FROM` together turn mail on; one without the other is a mistake worth stopping for. */
function mailFromEnv(env: Record<string, string | undefined>): { mail?: { smtpUrl: string; from: string; staffLocale?: 'id' | 'en' } } {
  const smtpUrl = env['SMTP_URL']?.trim();
  const from = env['MAIL_FROM']?.trim();
  if (!smtpUrl && !from) return {};
  if (!smtpUrl) throw new ConfigError('SMTP_URL', 'is needed with MAIL_FROM, e.g. smtp://user:password@mail.example.go.id:587');
  if (!from) throw new ConfigError('MAIL_FROM', 'is needed with SMTP_URL, e.g. Layanan Pengaduan <pengaduan@dinas.example.go.id>');
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  if (!/@[^@\s>]+>?$/.test(from)) throw new ConfigError('MAIL_FROM', `"${from}" is not an address like pengaduan@dinas.example.go.id`);
  const staffLocale = env['MAIL_STAFF_LOCALE']?.trim() || undefined;
  if (staffLocale !== undefined && staffLocale !== 'id' && staffLocale !== 'en') throw new ConfigError('MAIL_STAFF_LOCALE', `must be id or en, not "${staffLocale}"`);
  return { mail: { smtpUrl, from, ...(staffLocale ? { staffLocale } : {}) } };
}

/** The address people reach the server at, for links in mails: an origin, with an optional path. */
function parsePublicUrl(text: string): string {
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(text)) throw new ConfigError('PUBLIC_URL', `"${text}" is not an address like https://pengaduan.example.go.id`);
  return text.replace(/\/+$/, '');
}
