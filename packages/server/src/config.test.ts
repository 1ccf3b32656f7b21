import { describe, expect, it } from 'vitest';
import { DEFAULTS } from './app.js';
import { ConfigError, optionsFromEnv, parseDatabaseUrl, parseRateLimit } from './config.js';
import { redactDatabaseUrl } from './storage.js';

describe('configuration from the environment', () => {
  it('reads RATE_LIMIT as off, per minute or per window', () => {
    expect(parseRateLimit(undefined)).toEqual({ submissions: 20, windowSeconds: 60 });
    expect(parseRateLimit('0')).toBe(null);
    expect(parseRateLimit('off')).toBe(null);
    expect(parseRateLimit('100')).toEqual({ submissions: 100, windowSeconds: 60 });
    expect(parseRateLimit('5/10')).toEqual({ submissions: 5, windowSeconds: 10 });
    expect(() => parseRateLimit('lots')).toThrow(ConfigError);
  });

  it('defaults to port 8080 on 127.0.0.1 with the database under data/', () => {
    const options = optionsFromEnv({});
    expect(options).toMatchObject({ port: 8080, host: '127.0.0.1', database: DEFAULTS.database, allowedOrigins: [], trustProxy: false });
    expect(options.database.endsWith('/data/narahubung.sqlite')).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => optionsFromEnv({ PORT: 'eighty' })).toThrow(/^PORT:/);
    expect(() => optionsFromEnv({ ALLOWED_ORIGINS: 'https://dinas.example.id/path' })).toThrow(/^ALLOWED_ORIGINS:/);
    expect(optionsFromEnv({ ALLOWED_ORIGINS: 'https://a.example.id, http://localhost:3000' }).allowedOrigins).toEqual(['https://a.example.id', 'http://localhost:3000']);
  });

  it('takes PostgreSQL from DATABASE_URL, refuses any other URL, and never echoes a password', () => {
    expect(optionsFromEnv({}).databaseUrl).toBe(undefined);
    expect(optionsFromEnv({ DATABASE_URL: ' ' }).databaseUrl).toBe(undefined);
    expect(optionsFromEnv({ DATABASE_URL: 'postgres://nh:s3cret@db.internal:5432/narahubung' }).databaseUrl).toBe('postgres://nh:s3cret@db.internal:5432/narahubung');
    expect(parseDatabaseUrl('postgresql://nh@localhost/narahubung')).toBe('postgresql://nh@localhost/narahubung');
    expect(() => optionsFromEnv({ DATABASE_URL: 'mysql://nh:s3cret@db/narahubung' })).toThrow(/^DATABASE_URL:/);
    expect(() => optionsFromEnv({ DATABASE_URL: 'nh:s3cret@db/narahubung' })).toThrow(/^DATABASE_URL:/);
    for (const url of ['mysql://nh:s3cret@db/narahubung', 'nh:s3cret@db/narahubung']) {
      expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
      expect(() => parseDatabaseUrl(url)).not.toThrow(/s3cret/);
    }
    expect(redactDatabaseUrl('postgres://nh:s3cret@db.internal:5432/narahubung')).toBe('postgres://nh:***@db.internal:5432/narahubung');
  });
});
