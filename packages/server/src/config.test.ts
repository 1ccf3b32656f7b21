import { describe, expect, it } from 'vitest';
import { DEFAULTS } from './app.js';
import { ConfigError, optionsFromEnv, parseRateLimit } from './config.js';

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
});
